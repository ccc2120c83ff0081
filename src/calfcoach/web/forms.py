"""Browser forms to engine documents. Numbers arrive as text; a bad one names its field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from starlette.datastructures import FormData

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import JSON, shown
from calfcoach.coaching.vocabulary import DayType, RedFlag, Situation, Weekday

REPORTED_FLAGS = [
    f.value
    for f in RedFlag
    if f.value
    in {
        "recent_injury",
        "swelling",
        "pain_changes_gait",
        "sudden_pop",
        "calf_swollen_warm_red",
        "focal_bone_pain",
    }
]
SITUATIONS = [s.value for s in Situation]
WEEKDAYS = [d.value for d in Weekday]


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _number(form: FormData, name: str, field: str, whole: bool = False) -> float | int | None:
    text = _text(form, name)
    if text is None:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise InvalidDocument(field, f"must be a number (got {shown(text)})") from None
    return int(number) if whole and number.is_integer() else number


def _tick(form: FormData, name: str) -> bool:
    return form.get(name) in {"on", "true", "1", "yes"}


def _strings(form: FormData, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str)]


START_CHOICES = ("tomorrow", "monday", "date")  # "monday": the engine's default start


def assessment_from_form(form: FormData, today: date | None = None) -> JSON:
    """The assessment document the guided tests page posts (field names as in the contract).

    ``today`` is the day of the tests: "start tomorrow" is the day after it.
    """
    document: JSON = {
        "schema": "calfcoach.assessment/1",
        "runner": _runner(form),
        "goal": _text(form, "goal") or "speed",
        "situations": _strings(form, "situations"),
        "heel_raise": {
            "left": _number(form, "heel_raise_left", "heel_raise.left", whole=True),
            "right": _number(form, "heel_raise_right", "heel_raise.right", whole=True),
            "fast_burn": _tick(form, "fast_burn"),
            "sharp_pain": _tick(form, "heel_raise_sharp_pain"),
        },
        "strides_feel_flat": _tick(form, "strides_feel_flat"),
        "calves_light_up_on_hills": _tick(form, "calves_light_up_on_hills"),
        "sore_all_the_time": _tick(form, "sore_all_the_time"),
        "red_flags": _strings(form, "red_flags"),
    }
    if any(f"week_{day}" in form for day in WEEKDAYS):  # none posted: the usual default week
        document["week"] = {day: _text(form, f"week_{day}") or "rest" for day in WEEKDAYS}
    if knee_to_wall := _knee_to_wall(form):
        document["knee_to_wall"] = knee_to_wall
    if bounce := _bounce(form):
        document["bounce"] = bounce
    if (start := _start(form, today)) is not None:
        document["start"] = start
    return document


def _start(form: FormData, today: date | None) -> str | None:
    """The block's first day: ``None`` for next Monday (the engine's default)."""
    choice = _text(form, "start_choice") or "monday"
    if choice == "tomorrow":
        if today is None:
            raise ValueError("starting tomorrow needs the day of the tests")
        return (today + timedelta(days=1)).isoformat()
    if choice == "date":
        chosen = _text(form, "start_date")
        if chosen is None:
            raise InvalidDocument("start", "pick the day you want to start")
        return chosen
    if choice not in START_CHOICES:
        raise InvalidDocument(
            "start", f"must be tomorrow, next Monday or a date (got {shown(choice)})"
        )
    return None


def _runner(form: FormData) -> JSON:
    runner: JSON = {"lifts_weights": _tick(form, "lifts_weights")}
    if (age := _number(form, "age", "runner.age", whole=True)) is not None:
        runner["age"] = age
    if sex := _text(form, "sex"):
        runner["sex"] = sex
    return runner


def _knee_to_wall(form: FormData) -> JSON | None:
    left = _number(form, "knee_to_wall_left", "knee_to_wall.left_cm")
    right = _number(form, "knee_to_wall_right", "knee_to_wall.right_cm")
    if left is None and right is None:
        return None  # the test was skipped
    return {
        "left_cm": left,
        "right_cm": right,
        "left_heel_lifts": _tick(form, "left_heel_lifts"),
        "right_heel_lifts": _tick(form, "right_heel_lifts"),
    }


def _bounce(form: FormData) -> JSON | None:
    seconds = _number(form, "bounce_seconds", "bounce.seconds", whole=True)
    if seconds is None:
        return None  # skipped, as T5 advises after a weak or painful heel raise
    return {
        "seconds": seconds,
        "rhythm_lost": _tick(form, "rhythm_lost"),
        "awkward": _tick(form, "awkward"),
        "sharp_pain": _tick(form, "bounce_sharp_pain"),
    }


def checkin_from_form(form: FormData, week: int | None = None) -> JSON:
    """The check-in document; without a ``week`` the engine takes it from the date.

    The session it is about comes as ``session`` (``YYYY-MM-DD:kind``, or a bare kind) or,
    as before, ``after``.
    """
    pain = _number(form, "pain", "pain", whole=True)
    after = _text(form, "after") or checkin_session(form)[1]
    return {
        "schema": "calfcoach.checkin/1",
        "date": _text(form, "date"),
        "week": _number(form, "week", "week", whole=True) or week,
        "after": after,
        "feeling": _text(form, "feeling"),
        "pain": pain,
        "strides_check": _text(form, "strides_check"),
        "morning_stiffness_up": _tick(form, "morning_stiffness_up"),
    }


def checkin_session(form: FormData) -> tuple[str | None, str | None]:
    """The chosen session's date (if it names one) and kind, from ``YYYY-MM-DD:kind``."""
    value = _text(form, "session")
    if value is None:
        return None, None
    day, _, kind = value.rpartition(":")
    return day or None, kind or None


def log_from_form(form: FormData) -> JSON:
    """One exercise's sets on one side: reps_0, load_kg_0, seconds_0, rpe_0, reps_1, ..."""
    return {
        "date": _text(form, "date"),
        "exercise": _text(form, "exercise"),
        "side": _text(form, "side") or "both",
        "sets": _sets(form),
    }


SIDES = ("left", "right", "both")


def logs_from_form(form: FormData) -> list[JSON]:
    """One exercise's sets, per side when the form lists ``sides`` (left_reps_0, right_reps_0,
    ...): one log per side that has a set. Without ``sides``, as ``log_from_form``."""
    sides = [side for side in _strings(form, "sides") if side in SIDES]
    if not sides:
        return [log_from_form(form)]
    logs: list[JSON] = [
        {
            "date": _text(form, "date"),
            "exercise": _text(form, "exercise"),
            "side": side,
            "sets": _sets(form, f"{side}_", f"{side}."),
        }
        for side in dict.fromkeys(sides)
    ]
    with_sets = [log for log in logs if log["sets"]]
    return with_sets or logs[:1]  # nothing filled in: refused for its empty sets


def _sets(form: FormData, prefix: str = "", where: str = "") -> list[JSON]:
    sets: list[JSON] = []
    for index in range(20):
        values: Mapping[str, float | int | None] = {
            "reps": _number(form, f"{prefix}reps_{index}", f"{where}sets[{index}].reps", True),
            "load_kg": _number(form, f"{prefix}load_kg_{index}", f"{where}sets[{index}].load_kg"),
            "seconds": _number(form, f"{prefix}seconds_{index}", f"{where}sets[{index}].seconds"),
        }
        if values["reps"] is not None or values["seconds"] is not None:
            rpe = _number(form, f"{prefix}rpe_{index}", f"{where}sets[{index}].rpe", True)
            sets.append({**values, "rpe": rpe} if rpe is not None else dict(values))
    return sets


def session_times_from_form(form: FormData) -> tuple[str | None, dict[str, str]]:
    """The profile's time zone and a start time (``HH:MM``, or blank) per type of day."""
    starts = {kind.value: _text(form, f"times.{kind.value}") or "" for kind in DayType}
    return _text(form, "time_zone"), starts
