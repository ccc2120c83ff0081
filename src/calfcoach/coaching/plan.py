"""The plan's plain data: items, sessions, weeks, decisions, and the volumes the rules use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from calfcoach.coaching.diagnosis import Diagnosis
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.steps import Step
from calfcoach.coaching.vocabulary import (
    DayType,
    ExerciseId,
    SessionKind,
    Side,
    StressKind,
    Weekday,
)

BLOCK_WEEKS = 4  # A1: "pick one target for four weeks"

CALF_RAISES = frozenset(
    {
        ExerciseId.STRAIGHT_KNEE_CALF_RAISE,
        ExerciseId.BENT_KNEE_CALF_RAISE,
        ExerciseId.STAIR_CALF_RAISE,
        ExerciseId.SEATED_CALF_RAISE,
    }
)
# Spring work in A1's sense: quick contacts and fast running (pogo, rope, strides ...).
SPRING_WORK = frozenset(
    {
        ExerciseId.POGO_JUMPS,
        ExerciseId.JUMP_ROPE,
        ExerciseId.STRIDES,
        ExerciseId.HILL_SURGES,
        ExerciseId.JUMP_SQUAT,
    }
)
STRENGTH_WORK = CALF_RAISES | {ExerciseId.FARMERS_CARRY}
SPEED_WORK = frozenset({ExerciseId.STRIDES, ExerciseId.HILL_SURGES})
MOBILITY_WORK = frozenset({ExerciseId.ANKLE_RANGE, ExerciseId.SINGLE_LEG_BALANCE})
ALL_WORK = SPRING_WORK | STRENGTH_WORK | MOBILITY_WORK | {ExerciseId.HILL_WALK}


@dataclass(frozen=True, slots=True)
class Item:
    exercise: ExerciseId
    sets: int
    reps: int | None = None
    seconds: int | None = None
    side: Side = Side.BOTH
    note: str = ""

    @property
    def per_set(self) -> int:
        return self.reps if self.reps is not None else (self.seconds or 0)

    @property
    def volume(self) -> int:
        """Reps or seconds in all sets (the unit the plan doses it in)."""
        return self.sets * self.per_set

    @property
    def contacts(self) -> float:
        return exercise(self.exercise).contacts_per_unit * self.volume

    def with_dose(self, sets: int, per_set: int) -> Item:
        if self.reps is not None:
            return replace(self, sets=sets, reps=per_set)
        return replace(self, sets=sets, seconds=per_set)


@dataclass(frozen=True, slots=True)
class Session:
    day: Weekday
    date: date
    kind: SessionKind
    items: tuple[Item, ...]

    @property
    def contacts(self) -> float:
        return sum(item.contacts for item in self.items)

    def has_any(self, exercises: frozenset[ExerciseId]) -> bool:
        return any(item.exercise in exercises for item in self.items)


@dataclass(frozen=True, slots=True)
class Week:
    number: int
    sessions: tuple[Session, ...]
    notes: tuple[str, ...] = ()

    def volume(self, exercises: frozenset[ExerciseId]) -> int:
        return sum(
            item.volume for s in self.sessions for item in s.items if item.exercise in exercises
        )

    def stresses(self) -> frozenset[StressKind]:
        return frozenset(
            stress
            for s in self.sessions
            for item in s.items
            if (stress := exercise(item.exercise).stress) is not None
        )


@dataclass(frozen=True, slots=True)
class Plan:
    start: date
    week_types: Mapping[Weekday, DayType]
    weeks: tuple[Week, ...]
    # Week number -> the new stress the runner adds to their own running that week (S6).
    running_changes: Mapping[int, str] = field(default_factory=dict)
    # The day of the tests: reports are taken from then on, no session falls on it.
    assessed: date | None = None
    # The block as planned before any report, and what the reports did to it: the weeks
    # are rendered from both (coaching/progression.py).
    planned: tuple[Week, ...] = ()
    steps: tuple[Step, ...] = ()

    def sessions(self) -> Iterable[Session]:
        for week in self.weeks:
            yield from week.sessions

    def week(self, number: int) -> Week | None:
        return next((w for w in self.weeks if w.number == number), None)

    @property
    def end(self) -> date:
        """The block's last day (four weeks from the start, whatever is left in them)."""
        return self.start + timedelta(weeks=BLOCK_WEEKS, days=-1)

    def week_dates(self, number: int) -> tuple[date, date]:
        """The first and last day of week ``number`` (week 0: the days before the start)."""
        first = self.start + timedelta(weeks=number - 1)
        return first, first + timedelta(days=6)

    def week_of(self, on: date) -> int:
        """The block week ``on`` falls in: 0 before the start, 5 after the end."""
        return min(max((on - self.start).days // 7 + 1, 0), BLOCK_WEEKS + 1)


@dataclass(frozen=True, slots=True)
class Decision:
    date: date
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class CoachingPlan:
    """What ``calfcoach plan`` prints: the diagnosis, the plan and the decision log."""

    diagnosis: Diagnosis
    plan: Plan
    decisions: tuple[Decision, ...]


def kind_of(exercise_id: ExerciseId) -> SessionKind:
    """The session kind an exercise belongs in."""
    if exercise_id in {ExerciseId.POGO_JUMPS, ExerciseId.JUMP_ROPE, ExerciseId.JUMP_SQUAT}:
        return SessionKind.SPRING
    if exercise_id in {ExerciseId.STRIDES, ExerciseId.HILL_SURGES, ExerciseId.HILL_WALK}:
        return SessionKind.RUN_ADDON
    if exercise_id in {ExerciseId.ANKLE_RANGE}:
        return SessionKind.MOBILITY
    return SessionKind.STRENGTH
