"""Before the block and after a logged session: the day view and the check-in's defaults.

The example's tests are on Sunday 2026-11-22; its block starts on Monday 2026-11-23, or on
the ``start`` the runner chose.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from calfcoach.coaching.exercises import exercise
from calfcoach.services.journal import checkin_defaults, day_view, logged_exercises
from calfcoach.services.training import latest_plan, log_session, submit_assessment
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, TODAY, make_account, strength_assessment

LATER = date(2026, 12, 31)


def test_days_before_the_block_give_the_warm_up_and_the_start(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(
        UnitOfWork(engine), runner, strength_assessment(start="2026-11-26"), TODAY, NOW
    )
    before = day_view(UnitOfWork(engine), runner, date(2026, 11, 24))
    assert before["sessions"] == [] and before["block_start"] == "2026-11-26"
    assert before["meanwhile"] == list(exercise("warm_up").steps) != []
    first = day_view(UnitOfWork(engine), runner, date(2026, 11, 26))
    assert first["meanwhile"] == [] and first["block_start"] == "2026-11-26"


def test_the_checkin_is_about_the_latest_logged_session(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    plan = latest_plan(UnitOfWork(engine), runner).coaching.plan
    planned = sorted(plan.sessions(), key=lambda s: s.date)
    done, skipped = planned[0], planned[1]
    item = next(i for i in done.items if i.exercise.value != "warm_up")
    log = {"date": done.date.isoformat(), "exercise": item.exercise.value,
           "sets": [{"reps": 5, "seconds": 30}]}  # fmt: skip
    log_session(UnitOfWork(engine), runner, log, LATER, NOW)
    today = skipped.date + timedelta(days=1)

    defaults = checkin_defaults(plan, today, logged_exercises(UnitOfWork(engine), runner))
    assert defaults["session_date"] == done.date.isoformat()
    assert defaults["after"] == done.kind.value
    assert defaults["session"] == f"{done.date.isoformat()}:{done.kind.value}"
    values = [c["value"] for c in defaults["choices"]]
    assert f"{skipped.date.isoformat()}:{skipped.kind.value}" in values
    assert values == sorted(values, reverse=True), "latest first"

    nothing_logged = checkin_defaults(plan, today)
    assert nothing_logged["session_date"] == skipped.date.isoformat(), "else the latest planned"


def test_before_any_session_the_checkin_names_none(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    plan = latest_plan(UnitOfWork(engine), runner).coaching.plan
    defaults = checkin_defaults(plan, TODAY)
    assert (defaults["session_date"], defaults["choices"], defaults["session"]) == (
        None,
        [],
        "strength",
    )
