"""The retest: one day's tests start one block, sent once, twice or at the same moment; when
the retest is due; and what the retest form is filled in with."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from calfcoach.services.errors import Conflict
from calfcoach.services.retests import retest_answers, retest_status
from calfcoach.services.training import check_in, current_plan, submit_assessment
from calfcoach.store.repositories import Records
from calfcoach.store.tables import PlanRow
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    NOW,
    REPORT_DAY,
    TODAY,
    Doc,
    checkin,
    count,
    counts,
    make_account,
    strength_assessment,
)

RETEST_DAY = date(2026, 12, 21)  # four weeks after the block's Monday, 23 November
LATER = NOW + timedelta(days=29)
RETEST = strength_assessment(date=RETEST_DAY.isoformat(), heel_raise={"left": 18, "right": 15})


def test_the_same_tests_sent_again_that_day_are_the_same_block(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    first = submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    again = submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    assert again == first
    assert (count(engine, "assessments"), count(engine, "plans")) == (1, 1)


def test_other_tests_on_the_same_day_are_refused_and_write_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    submit_assessment(UnitOfWork(engine), runner, RETEST, RETEST_DAY, LATER)
    before = counts(engine)
    other = {**RETEST, "goal": "size"}
    with pytest.raises(Conflict) as refused:
        submit_assessment(UnitOfWork(engine), runner, other, RETEST_DAY, LATER)
    assert refused.value.field == "date"
    assert "already took the tests on 2026-12-21" in refused.value.message
    assert "block 2" in refused.value.message
    assert counts(engine) == before
    assert current_plan(UnitOfWork(engine), runner)["block"] == 2


def test_a_check_in_between_keeps_the_repeat_on_the_blocks_newest_version(
    engine: Engine,
) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    adjusted = check_in(UnitOfWork(engine), runner, checkin("ropey_after_spring_week2"),
                        REPORT_DAY, NOW)  # fmt: skip
    again = submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    assert (again["block"], again["version"], again["id"]) == (1, 2, adjusted["id"])


def test_the_next_day_a_retest_starts_the_next_block(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, RETEST, RETEST_DAY, LATER)
    next_day = {**RETEST, "date": "2026-12-22"}
    plan = submit_assessment(UnitOfWork(engine), runner, next_day, RETEST_DAY, LATER)
    assert plan["block"] == 2


def test_two_retests_at_the_same_moment_start_one_block(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    both_have_read = threading.Barrier(2, timeout=3)
    read = Records.current_plan

    def read_then_wait(self: Records, runner_id: int) -> PlanRow | None:
        found = read(self, runner_id)
        with suppress(threading.BrokenBarrierError):  # a store that locks on read serialises
            both_have_read.wait()
        return found

    def retest(goal: str) -> str:
        try:
            submit_assessment(UnitOfWork(engine), runner, {**RETEST, "goal": goal},
                              RETEST_DAY, LATER)  # fmt: skip
        except Conflict:
            return "refused"
        return "stored"

    monkeypatch.setattr(Records, "current_plan", read_then_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(retest, ("speed", "size")))
    monkeypatch.undo()
    assert outcomes == ["refused", "stored"]
    assert (count(engine, "assessments"), count(engine, "plans")) == (2, 2)
    assert current_plan(UnitOfWork(engine), runner)["block"] == 2


def test_the_retest_falls_due_four_weeks_after_the_block_began(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    assert retest_status(UnitOfWork(engine), runner, TODAY) is None
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    week_2 = retest_status(UnitOfWork(engine), runner, date(2026, 12, 1))
    assert week_2 == {
        "block": 1,
        "block_start": "2026-11-23",
        "due": "2026-12-21",
        "is_due": False,
        "held": False,
        "tested_today": False,
    }
    due = retest_status(UnitOfWork(engine), runner, RETEST_DAY)
    assert due is not None and due["is_due"]
    tested = retest_status(UnitOfWork(engine), runner, TODAY)
    assert tested is not None and tested["tested_today"]


def test_a_red_flag_holds_the_retest(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    flagged = strength_assessment(red_flags=["sudden_pop"])
    submit_assessment(UnitOfWork(engine), runner, flagged, TODAY, NOW)
    status = retest_status(UnitOfWork(engine), runner, RETEST_DAY + timedelta(days=7))
    assert status is not None
    assert (status["due"], status["is_due"], status["held"]) == (None, False, True)


def test_the_retest_form_keeps_the_answers_not_the_measurements(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    assert retest_answers(UnitOfWork(engine), runner) is None
    told: Doc = {"age": 41, "sex": "male", "lifts_weights": True}
    latest = {**RETEST, "runner": told, "goal": "size", "red_flags": ["swelling"]}
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    submit_assessment(UnitOfWork(engine), runner, latest, RETEST_DAY, LATER)
    answers = retest_answers(UnitOfWork(engine), runner)
    assert answers is not None
    assert answers["situations"] == ["uphill", "finishing_kick"]
    assert answers["fields"] == {
        "age": "41", "sex": "male", "lifts_weights": "on", "goal": "size",
        "week_mon": "rest", "week_tue": "quality", "week_wed": "easy", "week_thu": "easy",
        "week_fri": "rest", "week_sat": "long", "week_sun": "easy",
    }  # fmt: skip
