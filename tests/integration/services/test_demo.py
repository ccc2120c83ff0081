"""The demo accounts `make run` creates: a living runner and a coach who sees them."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from sqlalchemy import Engine

from calfcoach.services import accounts, team, training
from calfcoach.services.demo import COACH_EMAIL, PASSWORD, RUNNER_EMAIL, seed_demo
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, counts


@pytest.mark.parametrize("today", [date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 26)])
def test_the_demo_runner_has_a_plan_adjusted_by_a_ropey_morning(
    engine: Engine, today: date
) -> None:
    seeded = seed_demo(UnitOfWork(engine), today, NOW)
    assert seeded.created
    _, runner = accounts.sign_in(UnitOfWork(engine), RUNNER_EMAIL, PASSWORD, NOW)
    plan = training.current_plan(UnitOfWork(engine), runner)
    assert plan["version"] == 2
    decisions = cast(list[dict[str, str]], plan["decisions"])
    assert any(d["rule"] == "S2" for d in decisions)
    assert cast(dict[str, str], plan["plan"])["start"] <= today.isoformat()


def test_the_demo_coach_sees_the_demo_runner(engine: Engine) -> None:
    seed_demo(UnitOfWork(engine), date(2026, 11, 25), NOW)
    _, coach = accounts.sign_in(UnitOfWork(engine), COACH_EMAIL, PASSWORD, NOW)
    roster = team.roster(UnitOfWork(engine), coach, date(2026, 11, 25), NOW)
    assert [r["email"] for r in roster] == [RUNNER_EMAIL]


def test_seeding_twice_changes_nothing(engine: Engine) -> None:
    seed_demo(UnitOfWork(engine), date(2026, 11, 25), NOW)
    before = counts(engine)
    again = seed_demo(UnitOfWork(engine), date(2026, 11, 25), NOW)
    assert not again.created
    assert counts(engine) == before
