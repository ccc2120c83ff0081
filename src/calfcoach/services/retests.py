"""The retest: whether it is due, and what the retest form starts with.

A block's retest falls due four weeks after the block began (the engine's ``retest_due``); a
red flag holds it until a clinician has seen the runner. One day's tests start one block
(``training.submit_assessment`` refuses a second, different test on that day).
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.fields import JSON
from calfcoach.coaching.retest import retest_due
from calfcoach.services.accounts import Account
from calfcoach.services.training import block_test, require_runner
from calfcoach.store.unit_of_work import UnitOfWork


class RetestStatus(TypedDict):
    block: int
    block_start: str
    due: str | None  # the day the block's retest falls due; None while a red flag holds it
    is_due: bool  # the day has come: the retest is the runner's next step
    held: bool  # a red flag holds it: the next test waits for a clinician
    tested_today: bool  # the block started from tests taken today: no new block until tomorrow


class RetestAnswers(TypedDict):
    """What the runner told us at the latest test, as the tests form's fields; never the
    measurements, which a retest takes again."""

    fields: dict[str, str]  # age, sex, lifts_weights, goal, week_mon ... week_sun
    situations: list[str]


def retest_status(uow: UnitOfWork, runner: Account, today: date) -> RetestStatus | None:
    """The current block's retest; None before the first tests."""
    require_runner(runner)
    with uow:
        row = uow.records.current_plan(runner.id)
        if row is None:
            return None
        block, started = row.block, block_test(uow, row)
        tested_today = started is not None and started.taken_on == today
        coaching = read_plan_document(row.document)
    due = retest_due(coaching.plan.start, held_by=coaching.diagnosis.urgency)
    return {
        "block": block,
        "block_start": coaching.plan.start.isoformat(),
        "due": None if due is None else due.isoformat(),
        "is_due": due is not None and today >= due,
        "held": due is None,
        "tested_today": tested_today,
    }


def retest_answers(uow: UnitOfWork, runner: Account) -> RetestAnswers | None:
    """The latest test's answers about the runner, the goal and the usual week; None before
    the first tests. Test results, pain and red flags are asked again, not carried over."""
    require_runner(runner)
    with uow:
        tests = uow.records.assessments(runner.id)
        if not tests:
            return None
        latest: JSON = dict(tests[-1].document)
    about = latest.get("runner")
    fields: dict[str, str] = {}
    if isinstance(about, dict):
        if isinstance(age := about.get("age"), int):
            fields["age"] = str(age)
        if isinstance(sex := about.get("sex"), str):
            fields["sex"] = sex
        if about.get("lifts_weights") is True:
            fields["lifts_weights"] = "on"
    if isinstance(goal := latest.get("goal"), str):
        fields["goal"] = goal
    week = latest.get("week")
    if isinstance(week, dict):
        fields |= {f"week_{day}": kind for day, kind in week.items() if isinstance(kind, str)}
    situations = latest.get("situations")
    chosen = [s for s in situations if isinstance(s, str)] if isinstance(situations, list) else []
    return {"fields": fields, "situations": chosen}
