"""The API's fast paths give the same answers as the plain ones, and hold up under threads."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import Engine

from calfcoach.services.accounts import Account
from calfcoach.services.training import (
    check_in,
    current_plan,
    current_plan_json,
    log_session,
    submit_assessment,
)
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    NOW,
    REPORT_DAY,
    TODAY,
    checkin,
    count,
    make_account,
    strength_assessment,
)


def planned_runner(engine: Engine, email: str = "fast@example.com") -> Account:
    runner = make_account(engine, email)
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    return runner


def test_the_plan_as_stored_text_equals_the_decoded_plan(engine: Engine) -> None:
    runner = planned_runner(engine)
    assert json.loads(current_plan_json(UnitOfWork(engine), runner)) == current_plan(
        UnitOfWork(engine), runner
    )
    check_in(UnitOfWork(engine), runner, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    fast = json.loads(current_plan_json(UnitOfWork(engine), runner))
    assert fast["version"] == 2
    assert fast == current_plan(UnitOfWork(engine), runner)


def test_many_threads_logging_at_once_all_land(engine: Engine) -> None:
    runner = planned_runner(engine)
    log = {
        "date": (TODAY - timedelta(days=1)).isoformat(),
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [{"reps": 8, "load_kg": 10, "seconds": None}] * 2,
    }

    def write(_: int) -> object:
        return log_session(UnitOfWork(engine), runner, log, TODAY, NOW)["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(write, range(40)))
    assert len(set(ids)) == 40
    assert count(engine, "logs") == 40
    assert count(engine, "log_sets") == 80


def test_a_nested_unit_of_work_shares_one_session_and_the_outer_exit_rolls_back(
    engine: Engine,
) -> None:
    uow = UnitOfWork(engine)
    with uow:
        outer = uow.records
        with uow:
            assert uow.records is outer
            uow.accounts.add_login_failure("nested@example.com", NOW)
        uow.flush()
    assert count(engine, "login_failures") == 0
