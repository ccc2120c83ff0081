"""Logged sessions: the log document is refused field by field and summed per week."""

from __future__ import annotations

from datetime import date

import pytest

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.logbook import log_document, parse_log, weekly_volume
from calfcoach.coaching.vocabulary import ExerciseId, Side

TODAY = date(2026, 11, 25)


def a_log(**changes: object) -> dict[str, object]:
    log: dict[str, object] = {
        "date": "2026-11-24",
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [{"reps": 6, "load_kg": 10, "seconds": None}, {"reps": 5, "load_kg": 10}],
    }
    return {**log, **changes}


def test_a_log_reads_its_sets_per_side_in_order() -> None:
    logged = parse_log(a_log(), TODAY)
    assert logged.exercise is ExerciseId.STRAIGHT_KNEE_CALF_RAISE
    assert logged.side is Side.LEFT
    assert [s.reps for s in logged.sets] == [6, 5]
    assert logged.sets[0].load_kg == 10.0
    assert logged.reps == 11


def test_a_log_round_trips_through_its_document() -> None:
    logged = parse_log(a_log(), TODAY)
    assert parse_log(log_document(logged), TODAY) == logged


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sets": [{"reps": -1}]}, "sets[0].reps"),
        ({"sets": [{"reps": 6}, {"reps": 501}]}, "sets[1].reps"),
        ({"sets": [{"reps": 6, "load_kg": -5}]}, "sets[0].load_kg"),
        ({"sets": [{"load_kg": 5}]}, "sets[0].reps"),
        ({"sets": [{"reps": 6, "tempo": 3}]}, "sets[0].tempo"),
        ({"sets": []}, "sets"),
        ({"exercise": "bicep_curl"}, "exercise"),
        ({"side": "middle"}, "side"),
        ({"date": "yesterday"}, "date"),
        ({"date": "2026-12-25"}, "date"),
        ({"weather": "rain"}, "weather"),
        ({"sets": [{"reps": 6, "rpe": 0}]}, "sets[0].rpe"),
        ({"sets": [{"reps": 6}, {"reps": 6, "rpe": 11}]}, "sets[1].rpe"),
        ({"sets": [{"reps": 6, "rpe": 7.5}]}, "sets[0].rpe"),
        ({"sets": [{"reps": 6, "rpe": "7"}]}, "sets[0].rpe"),
        ({"sets": [{"reps": 6, "rpe": True}]}, "sets[0].rpe"),
    ],
)
def test_a_bad_log_names_its_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidDocument) as refused:
        parse_log(a_log(**changes), TODAY)
    assert refused.value.field == field


@pytest.mark.parametrize("rpe", [1, 7, 10, 8.0])
def test_a_set_may_carry_a_whole_rpe_from_1_to_10(rpe: float) -> None:
    logged = parse_log(a_log(sets=[{"reps": 6, "rpe": rpe}, {"reps": 5}]), TODAY)
    assert [s.rpe for s in logged.sets] == [int(rpe), None]
    assert parse_log(log_document(logged), TODAY) == logged


def test_a_null_rpe_is_not_given() -> None:
    logged = parse_log(a_log(sets=[{"reps": 6, "rpe": None}]), TODAY)
    assert logged.sets[0].rpe is None
    assert log_document(logged)["sets"] == [
        {"reps": 6, "load_kg": None, "seconds": None, "rpe": None}
    ]


def test_an_rpe_out_of_bounds_says_the_bounds() -> None:
    with pytest.raises(InvalidDocument, match=r"sets\[0\]\.rpe: must be between 1 and 10"):
        parse_log(a_log(sets=[{"reps": 6, "rpe": 11}]), TODAY)


def test_a_missing_required_field_is_named() -> None:
    log = a_log()
    del log["sets"]
    with pytest.raises(InvalidDocument, match="sets: is required"):
        parse_log(log, TODAY)


def test_timed_sets_count_seconds() -> None:
    logged = parse_log(
        a_log(exercise="pogo_jumps", side="both", sets=[{"seconds": 20}, {"seconds": 20}]), TODAY
    )
    assert logged.seconds == 40.0
    assert logged.reps == 0


def test_weekly_volume_sums_each_monday_week() -> None:
    logs = [
        parse_log(a_log(date="2026-11-23"), TODAY),
        parse_log(a_log(date="2026-11-22"), TODAY),
        parse_log(a_log(date="2026-11-24", sets=[{"reps": 8}]), TODAY),
    ]
    assert weekly_volume(logs) == [
        (date(2026, 11, 16), 11, 0.0),
        (date(2026, 11, 23), 19, 0.0),
    ]
