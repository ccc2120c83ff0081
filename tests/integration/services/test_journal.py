"""The runner's day view (planned sessions with how-to, and what was logged) and progress."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.exercises import exercise
from calfcoach.services.errors import Forbidden, NotFound
from calfcoach.services.journal import day_view
from calfcoach.services.progress import progress
from calfcoach.services.training import current_plan, log_session, submit_assessment
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    NOW,
    TODAY,
    Doc,
    make_account,
    strength_assessment,
)

LATER = date(2026, 12, 31)  # logs may not be dated after tomorrow
TUESDAY = date(2026, 11, 24)


def log(day: str, reps: list[int], side: str = "left", **more: object) -> Doc:
    sets = [{"reps": r, "load_kg": 20} for r in reps]
    return {"date": day, "exercise": "straight_knee_calf_raise", "side": side, "sets": sets} | more


def test_day_view_gives_the_days_sessions_with_how_to_and_its_logs(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    other = make_account(engine, "other@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    log_session(UnitOfWork(engine), runner, log("2026-11-24", [6, 6, 5]), LATER, NOW)
    log_session(UnitOfWork(engine), runner, log("2026-11-23", [9]), LATER, NOW)
    log_session(UnitOfWork(engine), runner, log("2026-11-25", [9]), LATER, NOW)
    log_session(UnitOfWork(engine), other, log("2026-11-24", [30]), LATER, NOW)

    view = day_view(UnitOfWork(engine), runner, TUESDAY)
    assert (view["date"], view["week"]) == ("2026-11-24", 1)
    plan = current_plan(UnitOfWork(engine), runner)["plan"]
    planned = [
        s
        for week in cast(list[Doc], plan["weeks"])
        for s in cast(list[Doc], week["sessions"])
        if s["date"] == "2026-11-24"
    ]
    sessions = cast(list[Doc], view["sessions"])
    assert [s["kind"] for s in sessions] == [s["kind"] for s in planned] == ["strength"]
    items = cast(list[Doc], sessions[0]["items"])
    assert [i["exercise"] for i in items] == [
        i["exercise"] for i in cast(list[Doc], planned[0]["items"])
    ]
    assert "straight_knee_calf_raise" in [i["exercise"] for i in items]
    for item in items:
        how_to = exercise(str(item["exercise"]))
        assert item["steps"] == list(how_to.steps) != []
        assert item["cues"] == list(how_to.cues) != []
        assert item["unit"] == how_to.unit.value
    logged = cast(list[Doc], view["logged"])
    assert [entry["date"] for entry in logged] == ["2026-11-24"]
    assert logged[0]["sets"] == [
        {"reps": r, "load_kg": 20.0, "seconds": None, "rpe": None} for r in (6, 6, 5)
    ]


def test_a_rest_day_has_no_sessions(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    view = day_view(UnitOfWork(engine), runner, date(2026, 11, 25))  # Wednesday, easy run
    assert (view["sessions"], view["week"], view["logged"]) == ([], None, [])
    week_3 = day_view(UnitOfWork(engine), runner, date(2026, 12, 8))
    assert (week_3["week"], [s["kind"] for s in cast(list[Doc], week_3["sessions"])]) == (
        3,
        ["strength"],
    )


def test_day_view_needs_a_plan_and_a_runner(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    coach = make_account(engine, "coach@example.com", "coach")
    with pytest.raises(NotFound):
        day_view(UnitOfWork(engine), runner, TUESDAY)
    with pytest.raises(Forbidden):
        day_view(UnitOfWork(engine), coach, TUESDAY)
    with pytest.raises(Forbidden):
        progress(UnitOfWork(engine), coach, TODAY)


def test_progress_lists_tests_by_date_with_real_changes_per_c9(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    retest = strength_assessment(
        date="2026-12-20",
        heel_raise={"left": 18, "right": 13},  # +6 is a real change, +5 is test noise
        knee_to_wall={"left_cm": 11.0, "right_cm": 10.5},  # +0.5 and +2.5 cm
    )
    # Stored out of order: progress still lists (and compares) them by date.
    submit_assessment(UnitOfWork(engine), runner, retest, LATER, NOW)
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), LATER, NOW)
    report = progress(UnitOfWork(engine), runner, LATER)
    tests = cast(list[Doc], report["tests"])
    assert [t["date"] for t in tests] == ["2026-11-22", "2026-12-20"]
    assert [t["heel_raise"] for t in tests] == [
        {"left": 12, "right": 8},
        {"left": 18, "right": 13},
    ]
    assert tests[0]["knee_to_wall"] == {"left_cm": 10.5, "right_cm": 8.0}
    changes = {(c["measure"], c["side"]): c for c in cast(list[Doc], report["changes"])}
    assert set(changes) == {
        ("heel_raise", "left"),
        ("heel_raise", "right"),
        ("knee_to_wall", "left"),
        ("knee_to_wall", "right"),
    }
    assert all(c["rule"] == "C9" for c in changes.values())
    left, right = changes["heel_raise", "left"], changes["heel_raise", "right"]
    assert (left["before"], left["after"], left["change"], left["real"]) == (12, 18, 6, True)
    assert (right["before"], right["after"], right["change"], right["real"]) == (8, 13, 5, False)
    assert changes["knee_to_wall", "left"]["real"] is False
    assert changes["knee_to_wall", "right"]["real"] is True


def test_progress_after_one_test_has_no_changes_and_the_norm_band(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    report = progress(UnitOfWork(engine), runner, TODAY)
    assert report["changes"] == []
    assert len(cast(list[Doc], report["tests"])) == 1
    norm = cast(Doc, report["norm"])
    assert (norm["typical"], norm["low"], norm["high"]) == (27, 21, 33)
    assert norm["group"] == "women aged 30-39"
    assert report["weekly_volume"] == []


def test_the_norm_follows_the_latest_test(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    first = strength_assessment(runner={"age": 39, "sex": "female"})
    latest = strength_assessment(date="2026-12-20", runner={"age": 52, "sex": "male"})
    submit_assessment(UnitOfWork(engine), runner, first, LATER, NOW)
    submit_assessment(UnitOfWork(engine), runner, latest, LATER, NOW)
    norm = cast(Doc, progress(UnitOfWork(engine), runner, LATER)["norm"])
    assert (norm["typical"], norm["low"], norm["high"], norm["group"]) == (
        24,
        18,
        30,
        "men aged 50-59",
    )


def test_progress_sums_logged_reps_per_monday_week(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    other = make_account(engine, "other@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    entries = [
        log("2026-11-29", [10]),  # Sunday: still the week of Mon 23 Nov
        log("2026-11-23", [6, 6, 6]),  # Monday
        log("2026-11-23", [7], side="right"),
        log("2026-11-30", [5, 5]),  # the next Monday starts a new week
        {"date": "2026-12-01", "exercise": "pogo_jumps", "side": "both", "sets": [{"seconds": 12}]},
    ]
    for entry in entries:
        log_session(UnitOfWork(engine), runner, entry, LATER, NOW)
    log_session(UnitOfWork(engine), other, log("2026-11-24", [99]), LATER, NOW)
    volume = progress(UnitOfWork(engine), runner, LATER)["weekly_volume"]
    assert volume == [
        {"week_of": "2026-11-23", "reps": 35, "seconds": 0.0},
        {"week_of": "2026-11-30", "reps": 10, "seconds": 12.0},
    ]


def test_progress_with_no_tests_uses_the_overall_norm(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    report = progress(UnitOfWork(engine), runner, TODAY)
    assert (report["tests"], report["changes"], report["weekly_volume"]) == ([], [], [])
    assert cast(Doc, report["norm"])["group"] == "adults of all ages"
