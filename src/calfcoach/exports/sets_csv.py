"""Logged sets as CSV in the columns strength-training apps import and export.

Pure: logged sessions go in (``LoggedSession``, as the store holds them), UTF-8 bytes come
out, one row per set, ``\\r\\n`` line ends and quoting as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.logbook import LoggedSession, LoggedSet
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
    "RPE",  # last, so readers of the earlier columns keep working
)
SIDE_NOTES = {Side.LEFT: "left leg", Side.RIGHT: "right leg", Side.BOTH: ""}


def sets_csv(logs: Sequence[LoggedSession]) -> bytes:
    """One CSV row per logged set, by date and then in the order the sessions were logged."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    # sorted() is stable: sessions of one day keep the order they were logged in.
    for log in sorted(logs, key=lambda log: log.date):
        writer.writerows(_rows(log))
    return buffer.getvalue().encode("utf-8")


def workout_name(exercise_id: ExerciseId) -> str:
    """The kind of session the exercise belongs in, in a runner's words ("Calf strength")."""
    return kind_of(exercise_id).label


def _rows(log: LoggedSession) -> list[list[str]]:
    fixed = [log.date.isoformat(), workout_name(log.exercise), exercise(log.exercise).name]
    note = SIDE_NOTES[log.side]
    return [
        [*fixed, str(order), *_weight(logged.load_kg), *_counts(logged), note, _rpe(logged)]
        for order, logged in enumerate(log.sets, start=1)
    ]


def _weight(load_kg: float | None) -> tuple[str, str]:
    # A load of 0 kg was typed in by the runner, so it is kept; only a missing load is blank.
    if load_kg is None:
        return "", ""
    return number(load_kg), "kg"


def _counts(logged: LoggedSet) -> tuple[str, str]:
    reps, seconds = logged.reps, logged.seconds
    return (
        "" if reps is None else str(reps),
        "" if seconds is None else number(seconds),
    )


def _rpe(logged: LoggedSet) -> str:
    return "" if logged.rpe is None else str(logged.rpe)


def number(value: float) -> str:
    """``30`` for 30.0 and ``22.5`` for 22.5: no trailing ``.0`` on a whole number."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
