"""A plan -> one FIT workout file per session, for a watch. Pure: no clock, no files.

Each session becomes a FIT "workout" file (file_id type workout, one workout message, its
workout_step messages), encoded with fit-tool. Dosed items map onto step kinds:

- an item dosed in reps (calf raises, ankle range) is a REPS step with ``duration_reps``;
- an item dosed in seconds (warm-up, pogo, rope, strides, balance) is a TIME step;
- a left/right item is one step per side, named "... (left)" / "... (right)";
- an item with several sets is a block of its work step(s) and a REST step, closed by a
  ``repeat_until_steps_cmplt`` step whose ``duration_step`` points back at the block's first
  step and whose ``target_repeat_steps`` is the number of sets (FIT counts all passes).

The file's ``time_created`` comes from the session's date, so the same plan gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    CalfRaiseExerciseName,
    CardioExerciseName,
    CarryExerciseName,
    ExerciseCategory,
    FileType,
    Intensity,
    Manufacturer,
    PlyoExerciseName,
    RunExerciseName,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import Item, Plan
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Side
from calfcoach.exports.session_time import rest_after_set

__all__ = ["session_workouts"]

# FIT category and name per exercise; None where the FIT profile has no matching name.
_EXERCISE: dict[str, tuple[ExerciseCategory, int | None]] = {
    "straight_knee_calf_raise": (
        ExerciseCategory.CALF_RAISE,
        CalfRaiseExerciseName.STANDING_CALF_RAISE.value,
    ),
    "bent_knee_calf_raise": (
        ExerciseCategory.CALF_RAISE,
        CalfRaiseExerciseName.SINGLE_LEG_BENT_KNEE_CALF_RAISE.value,
    ),
    "seated_calf_raise": (
        ExerciseCategory.CALF_RAISE,
        CalfRaiseExerciseName.SEATED_CALF_RAISE.value,
    ),
    "stair_calf_raise": (
        ExerciseCategory.CALF_RAISE,
        CalfRaiseExerciseName.STANDING_CALF_RAISE.value,
    ),
    "pogo_jumps": (ExerciseCategory.PLYO, None),
    "jump_squat": (ExerciseCategory.PLYO, PlyoExerciseName.JUMP_SQUAT.value),
    "jump_rope": (ExerciseCategory.CARDIO, CardioExerciseName.JUMP_ROPE.value),
    "strides": (ExerciseCategory.RUN, RunExerciseName.SPRINT.value),
    "hill_surges": (ExerciseCategory.RUN, RunExerciseName.SPRINT.value),
    "hill_walk": (ExerciseCategory.RUN, RunExerciseName.WALK.value),
    "warm_up": (ExerciseCategory.RUN, RunExerciseName.WARM_UP.value),
    "farmers_carry": (ExerciseCategory.CARRY, CarryExerciseName.FARMERS_CARRY.value),
    "ankle_range": (ExerciseCategory.WARM_UP, None),
    "single_leg_balance": (ExerciseCategory.WARM_UP, None),
}

# Fixed English labels: strftime's %a and %b follow the locale, and the bytes must not.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EXTRA_SIDES = {Side.LEFT: (Side.LEFT,), Side.RIGHT: (Side.RIGHT,)}


def session_workouts(plan: Plan) -> dict[str, bytes]:
    """Every session of a plan as ``{"2026-11-24-strength.fit": FIT bytes}``."""
    files: dict[str, bytes] = {}
    same_day: dict[date, int] = {}
    for session in plan.sessions():
        day = session.date
        nth = same_day[day] = same_day.get(day, -1) + 1
        stem = f"{day.isoformat()}-{session.kind.value}"
        name = f"{stem}.fit" if f"{stem}.fit" not in files else f"{stem}-{nth + 1}.fit"
        files[name] = _workout_file(day, session.kind, session.items, nth)
    return files


def _workout_file(day: date, kind: SessionKind, items: Sequence[Item], nth: int) -> bytes:
    """The nth (0-based) session of its day: it gets its own serial number and creation second."""
    steps: list[WorkoutStepMessage] = []
    for item in items:
        steps.extend(_item_steps(item, first_index=len(steps)))
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = int(day.strftime("%Y%m%d")) * 100 + nth % 100
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    file_id.time_created = int(midnight.timestamp() * 1000) + nth * 1000
    workout = WorkoutMessage()
    workout.workout_name = f"{kind.label} {_day_label(day)}"
    workout.sport = Sport.TRAINING
    strength = any(item.reps is not None for item in items)
    workout.sub_sport = SubSport.STRENGTH_TRAINING if strength else SubSport.CARDIO_TRAINING
    workout.num_valid_steps = len(steps)
    builder = FitFileBuilder(auto_define=True)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps)
    return bytes(builder.build().to_bytes())


def _day_label(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _item_steps(item: Item, first_index: int) -> list[WorkoutStepMessage]:
    sides: tuple[Side | None, ...] = _EXTRA_SIDES.get(item.side, (None,))
    steps = [_work_step(item, side) for side in sides]
    if item.sets > 1:
        steps.append(_rest_step(rest_after_set(item.exercise)))
        steps.append(_repeat_step(first_index, item.sets))
    for offset, step in enumerate(steps):
        step.message_index = first_index + offset
    return steps


def _work_step(item: Item, side: Side | None) -> WorkoutStepMessage:
    name = exercise(item.exercise).name
    step = WorkoutStepMessage()
    step.workout_step_name = name if side is None else f"{name} ({side.value})"
    step.intensity = Intensity.WARMUP if item.exercise is ExerciseId.WARM_UP else Intensity.ACTIVE
    if item.reps is not None:
        step.duration_type = WorkoutStepDuration.REPS
        step.duration_reps = item.reps
    elif item.seconds is not None:
        step.duration_type = WorkoutStepDuration.TIME
        step.duration_time = float(item.seconds)
    else:
        step.duration_type = WorkoutStepDuration.OPEN
    step.target_type = WorkoutStepTarget.OPEN
    category, exercise_name = _EXERCISE.get(item.exercise, (None, None))
    if category is not None:
        step.exercise_category = category.value
    if exercise_name is not None:
        step.exercise_name = exercise_name
    return step


def _rest_step(seconds: int) -> WorkoutStepMessage:
    step = WorkoutStepMessage()
    step.workout_step_name = "Rest"
    step.intensity = Intensity.REST
    step.duration_type = WorkoutStepDuration.TIME
    step.duration_time = float(seconds)
    step.target_type = WorkoutStepTarget.OPEN
    return step


def _repeat_step(back_to: int, times: int) -> WorkoutStepMessage:
    step = WorkoutStepMessage()
    step.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    step.duration_step = back_to
    step.target_type = WorkoutStepTarget.OPEN
    step.target_repeat_steps = times
    return step
