"""Logged sessions: what the runner actually did, set by set and side by side.

A log document is ``{"date", "exercise", "side", "sets": [{"reps", "load_kg", "seconds",
"rpe"}]}``. Each set has reps or seconds (or both for a timed hold); load is the extra weight
carried; ``rpe`` (optional) is the rate of perceived exertion, a whole number from 1 to 10.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import (
    as_date,
    as_enum,
    as_float,
    as_int,
    as_list,
    as_mapping,
    only_known_keys,
)
from calfcoach.coaching.vocabulary import ExerciseId, Side

MAX_SETS = 20
MAX_REPS = 500
MAX_SECONDS = 3600
MAX_LOAD_KG = 400.0
MIN_RPE = 1
MAX_RPE = 10


@dataclass(frozen=True, slots=True)
class LoggedSet:
    reps: int | None
    load_kg: float | None
    seconds: float | None
    rpe: int | None = None  # rate of perceived exertion, 1-10; None when not given


@dataclass(frozen=True, slots=True)
class LoggedSession:
    date: date
    exercise: ExerciseId
    side: Side
    sets: tuple[LoggedSet, ...]

    @property
    def reps(self) -> int:
        """Total reps, counting both legs when the side is ``both``."""
        return sum(s.reps or 0 for s in self.sets)

    @property
    def seconds(self) -> float:
        return sum(s.seconds or 0.0 for s in self.sets)


def parse_log(raw: object, today: date) -> LoggedSession:
    """A log document, refused with the failing field named (``sets[1].reps``)."""
    doc = as_mapping(raw, "log")
    only_known_keys(doc, {"date", "exercise", "side", "sets"})
    for required in ("date", "exercise", "sets"):
        if required not in doc:
            raise InvalidDocument(required, "is required")
    logged_on = as_date(doc["date"], "date")
    if logged_on > today + timedelta(days=1):
        raise InvalidDocument("date", f"cannot be in the future (got {logged_on.isoformat()})")
    raw_sets = as_list(doc["sets"], "sets")
    if not 1 <= len(raw_sets) <= MAX_SETS:
        raise InvalidDocument("sets", f"must hold between 1 and {MAX_SETS} sets")
    return LoggedSession(
        date=logged_on,
        exercise=as_enum(doc["exercise"], ExerciseId, "exercise"),
        side=as_enum(doc.get("side", "both"), Side, "side"),
        sets=tuple(_parse_set(s, f"sets[{i}]") for i, s in enumerate(raw_sets)),
    )


def _parse_set(raw: object, where: str) -> LoggedSet:
    doc = as_mapping(raw, where)
    only_known_keys(doc, {"reps", "load_kg", "seconds", "rpe"}, where)
    reps = _optional_int(doc.get("reps"), f"{where}.reps")
    load = doc.get("load_kg")
    seconds = doc.get("seconds")
    rpe = doc.get("rpe")
    logged = LoggedSet(
        reps=reps,
        load_kg=None if load is None else as_float(load, f"{where}.load_kg", 0, MAX_LOAD_KG, "kg"),
        seconds=None if seconds is None else as_float(seconds, f"{where}.seconds", 0, MAX_SECONDS),
        rpe=None if rpe is None else as_int(rpe, f"{where}.rpe", MIN_RPE, MAX_RPE),
    )
    if logged.reps is None and logged.seconds is None:
        raise InvalidDocument(f"{where}.reps", "a set needs reps or seconds")
    return logged


def _optional_int(value: object, where: str) -> int | None:
    return None if value is None else as_int(value, where, 0, MAX_REPS, "reps")


def log_document(session: LoggedSession) -> dict[str, object]:
    return {
        "date": session.date.isoformat(),
        "exercise": session.exercise.value,
        "side": session.side.value,
        "sets": [
            {"reps": s.reps, "load_kg": s.load_kg, "seconds": s.seconds, "rpe": s.rpe}
            for s in session.sets
        ],
    }


def week_start(day: date) -> date:
    """The Monday of ``day``'s week: logged volume is counted Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def weekly_volume(sessions: list[LoggedSession]) -> list[tuple[date, int, float]]:
    """(Monday, reps, seconds) for each week that has logs, oldest first."""
    weeks: dict[date, tuple[int, float]] = {}
    for s in sessions:
        monday = week_start(s.date)
        reps, seconds = weeks.get(monday, (0, 0.0))
        weeks[monday] = (reps + s.reps, seconds + s.seconds)
    return [(monday, *weeks[monday]) for monday in sorted(weeks)]
