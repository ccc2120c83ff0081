"""A demo runner and a demo coach, so a newcomer sees a living product at once (`make run`).

The runner has taken the tests a week ago, logged a session and reported a ropey morning; the
coach has them on the roster. Seeding twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

from calfcoach.coaching.logbook import week_start
from calfcoach.coaching.plan import Item, Plan
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind
from calfcoach.services import accounts, team, training
from calfcoach.services.accounts import Account
from calfcoach.store.unit_of_work import UnitOfWork

RUNNER_EMAIL = "runner@demo.calfcoach"
COACH_EMAIL = "coach@demo.calfcoach"
PASSWORD = "spring-in-your-step"  # noqa: S105 - printed to the newcomer on purpose


@dataclass(frozen=True, slots=True)
class DemoAccounts:
    runner_email: str
    coach_email: str
    password: str
    created: bool


def seed_demo(uow: UnitOfWork, today: date, now: datetime) -> DemoAccounts:
    with uow:
        exists = uow.accounts.by_email(RUNNER_EMAIL) is not None
    if exists:
        return DemoAccounts(RUNNER_EMAIL, COACH_EMAIL, PASSWORD, created=False)
    runner = accounts.sign_up(uow, RUNNER_EMAIL, PASSWORD, "runner", now)
    coach = accounts.sign_up(uow, COACH_EMAIL, PASSWORD, "coach", now)
    _first_week(uow, runner, today, now)
    code = team.invite(uow, coach, now)["code"]
    team.join(uow, runner, code, now)
    return DemoAccounts(RUNNER_EMAIL, COACH_EMAIL, PASSWORD, created=True)


def _first_week(uow: UnitOfWork, runner: Account, today: date, now: datetime) -> None:
    """Tests taken the weekend before this week, so the block's week 1 is this week."""
    monday = week_start(today)
    text = resources.files("calfcoach").joinpath("examples/strength_runner.json").read_text()
    assessment = {**json.loads(text), "date": (monday - timedelta(days=2)).isoformat()}
    training.submit_assessment(uow, runner, assessment, today, now)
    first = _first_session_before(training.latest_plan(uow, runner).coaching.plan, today)
    if first is not None:
        day, item = first
        one_set = {"reps": item.reps, "load_kg": 0, "seconds": item.seconds}
        log = {"date": day.isoformat(), "exercise": item.exercise.value, "side": "both",
               "sets": [one_set] * item.sets}  # fmt: skip
        training.log_session(uow, runner, log, today, now)
    checkin = {"schema": "calfcoach.checkin/1", "date": today.isoformat(), "week": 1,
               "after": "strength", "feeling": "ropey", "pain": 3}  # fmt: skip
    training.check_in(uow, runner, checkin, today, now)


def _first_session_before(plan: Plan, today: date) -> tuple[date, Item] | None:
    """The block's first strength session before today, and its first exercise after the
    warm-up."""
    for session in plan.weeks[0].sessions:
        if session.kind is SessionKind.STRENGTH and session.date < today:
            work = (i for i in session.items if i.exercise is not ExerciseId.WARM_UP)
            return session.date, next(work)
    return None
