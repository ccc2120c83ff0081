"""Logged sets as CSV in the columns strength-training apps import and export.

Pure: logged sessions go in (the shape ``training.log_view`` returns), UTF-8 bytes come out,
one row per set, ``\\r\\n`` line ends and quoting as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import cast

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import kind_of
from calfcoach.coaching.vocabulary import ExerciseId, Side

HEADER = (
    "Date",
    "Workout Name",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "Seconds",
    "Notes",
)
SIDE_NOTES = {Side.LEFT: "left leg", Side.RIGHT: "right leg", Side.BOTH: ""}

Logged = Mapping[str, object]


def sets_csv(logs: Sequence[Logged]) -> bytes:
    """One CSV row per logged set, by date and then in the order the sessions were logged."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    # sorted() is stable: sessions of one day keep the order they were logged in.
    for log in sorted(logs, key=lambda log: str(log["date"])):
        writer.writerows(_rows(log))
    return buffer.getvalue().encode("utf-8")


def workout_name(exercise_id: ExerciseId) -> str:
    """The kind of session the exercise belongs in, in a runner's words ("Calf strength")."""
    return kind_of(exercise_id).label


def _rows(log: Logged) -> list[list[str]]:
    exercise_id = ExerciseId(str(log["exercise"]))
    fixed = [str(log["date"]), workout_name(exercise_id), exercise(exercise_id).name]
    note = SIDE_NOTES[Side(str(log.get("side", "both")))]
    sets = cast(Sequence[Mapping[str, object]], log["sets"])
    return [
        [*fixed, str(order), *_weight(logged.get("load_kg")), *_counts(logged), note]
        for order, logged in enumerate(sets, start=1)
    ]


def _weight(load_kg: object) -> tuple[str, str]:
    # A load of 0 kg was typed in by the runner, so it is kept; only a missing load is blank.
    if load_kg is None:
        return "", ""
    return number(cast(float, load_kg)), "kg"


def _counts(logged: Mapping[str, object]) -> tuple[str, str]:
    reps, seconds = logged.get("reps"), logged.get("seconds")
    return (
        "" if reps is None else str(cast(int, reps)),
        "" if seconds is None else number(cast(float, seconds)),
    )


def number(value: float) -> str:
    """``30`` for 30.0 and ``22.5`` for 22.5: no trailing ``.0`` on a whole number."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
