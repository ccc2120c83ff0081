"""Logged sets as CSV: read back with the csv module, every row checked against the logs."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, TypedDict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coaching.exercises import CATALOGUE
from calfcoach.coaching.logbook import LoggedSession, LoggedSet
from calfcoach.coaching.vocabulary import ExerciseId, Side
from calfcoach.exports import sets_csv as module
from calfcoach.exports.sets_csv import sets_csv as sessions_csv

HEADER = [
    "Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
    "Seconds", "Notes", "RPE",
]  # fmt: skip

Log = dict[str, Any]


class SetDoc(TypedDict):
    reps: int | None
    load_kg: float | None
    seconds: float | None
    rpe: int | None


def a_set(
    reps: int | None = None,
    load_kg: float | None = None,
    seconds: float | None = None,
    rpe: int | None = None,
) -> SetDoc:
    return {"reps": reps, "load_kg": load_kg, "seconds": seconds, "rpe": rpe}


LOGS: list[Log] = [
    {
        "id": 3,
        "date": "2026-11-26",
        "exercise": "pogo_jumps",
        "side": "both",
        "sets": [a_set(seconds=30.0), a_set(seconds=12.5)],
    },
    {
        "id": 1,
        "date": "2026-11-24",
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [a_set(8, 20.0, rpe=7), a_set(7, 22.5, rpe=10), a_set(6)],
    },
    {
        "id": 2,
        "date": "2026-11-24",
        "exercise": "single_leg_balance",
        "side": "right",
        "sets": [a_set(seconds=45.0), a_set(reps=0, load_kg=0.0, seconds=20.0)],
    },
    {
        "id": 4,
        "date": "2026-11-25",
        "exercise": "ankle_range",
        "side": "both",
        "sets": [a_set(10)],
    },
    {
        "id": 5,
        "date": "2026-11-25",
        "exercise": "strides",
        "side": "both",
        "sets": [a_set(seconds=20.0)],
    },
]


def session(log: Log) -> LoggedSession:
    """A log written as the API shows it, as the store gives it back."""
    return LoggedSession(
        date=date.fromisoformat(log["date"]),
        exercise=ExerciseId(log["exercise"]),
        side=Side(log["side"]),
        sets=tuple(LoggedSet(s["reps"], s["load_kg"], s["seconds"], s["rpe"]) for s in log["sets"]),
    )


def sets_csv(logs: list[Log]) -> bytes:
    return sessions_csv([session(log) for log in logs])


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def cells(lines: str) -> list[list[str]]:
    """Expected rows written one a line, cells split at commas (none of them holds one)."""
    return [line.strip().split(",") for line in lines.strip().splitlines()]


def test_every_set_is_one_row_in_the_strength_app_columns() -> None:
    rows = read(sets_csv(LOGS))
    assert rows[0] == HEADER
    assert rows[1:] == cells(
        """
        2026-11-24,Calf strength,Straight-knee calf raise,1,20,kg,8,,left leg,7
        2026-11-24,Calf strength,Straight-knee calf raise,2,22.5,kg,7,,left leg,10
        2026-11-24,Calf strength,Straight-knee calf raise,3,,,6,,left leg,
        2026-11-24,Calf strength,Single-leg balance,1,,,,45,right leg,
        2026-11-24,Calf strength,Single-leg balance,2,0,kg,0,20,right leg,
        2026-11-25,Ankle mobility,Knee-to-wall ankle mobiliser,1,,,10,,,
        2026-11-25,Run add-on,Strides,1,,,,20,,
        2026-11-26,Calf spring,Pogo jumps,1,,,,30,,
        2026-11-26,Calf spring,Pogo jumps,2,,,,12.5,,
        """
    )


def test_lines_end_in_crlf_and_the_file_is_utf8() -> None:
    data = sets_csv(LOGS)
    assert data.count(b"\r\n") == 10
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.startswith(b"Date,Workout Name,Exercise Name,Set Order,Weight,")
    data.decode("utf-8")


def test_rpe_is_the_last_column_so_readers_of_the_earlier_ones_keep_working() -> None:
    header = read(sets_csv([]))[0]
    assert header[-1] == "RPE"
    assert header[:-1] == [
        "Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps",
        "Seconds", "Notes",
    ]  # fmt: skip


def test_no_logs_is_the_header_alone() -> None:
    assert sets_csv([]) == (",".join(HEADER) + "\r\n").encode()


def test_a_name_with_a_comma_or_quotes_is_quoted_as_rfc_4180_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    renamed = replace(CATALOGUE[ExerciseId.FARMERS_CARRY], name='Carry, "heavy"')
    monkeypatch.setattr(module, "exercise", lambda _: renamed)
    log = {"date": "2026-11-24", "exercise": "farmers_carry", "side": "both", "sets": [a_set(1)]}
    data = sets_csv([log])
    assert b'2026-11-24,Calf strength,"Carry, ""heavy""",1,,,1,,,\r\n' in data
    assert read(data)[1][2] == 'Carry, "heavy"'


sets = st.builds(
    a_set,
    reps=st.none() | st.integers(0, 500),
    load_kg=st.none() | st.integers(0, 1600).map(lambda quarter: quarter / 4),
    seconds=st.none() | st.integers(0, 7200).map(lambda half: half / 2),
    rpe=st.none() | st.integers(1, 10),
)
logs = st.lists(
    st.fixed_dictionaries(
        {
            "date": st.integers(0, 60).map(
                lambda d: (date(2026, 11, 1) + timedelta(d)).isoformat()
            ),
            "exercise": st.sampled_from([e.value for e in ExerciseId]),
            "side": st.sampled_from(["both", "left", "right"]),
            "sets": st.lists(sets, min_size=1, max_size=5),
        }
    ),
    max_size=8,
)


@given(logs)
def test_any_logs_read_back_set_by_set_in_date_order(given_logs: list[Log]) -> None:
    rows = read(sets_csv(given_logs))
    assert rows[0] == HEADER
    expected = [
        (log, order, logged)
        for log in sorted(given_logs, key=lambda log: log["date"])
        for order, logged in enumerate(log["sets"], start=1)
    ]
    assert len(rows) - 1 == len(expected)
    for row, (log, order, logged) in zip(rows[1:], expected, strict=True):
        day, _, name, set_order, weight, unit, reps, seconds, notes, rpe = row
        assert day == log["date"]
        assert name == CATALOGUE[ExerciseId(log["exercise"])].name
        assert int(set_order) == order
        assert (float(weight) if weight else None) == logged["load_kg"]
        assert unit == ("" if logged["load_kg"] is None else "kg")
        assert (int(reps) if reps else None) == logged["reps"]
        assert (float(seconds) if seconds else None) == logged["seconds"]
        assert not seconds.endswith(".0")
        assert notes == {"both": "", "left": "left leg", "right": "right leg"}[log["side"]]
        assert (int(rpe) if rpe else None) == logged["rpe"]
