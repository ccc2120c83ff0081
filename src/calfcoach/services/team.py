"""A coach's use cases: invitation codes, runners joining, and the roster, most urgent first."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.fields import JSON
from calfcoach.coaching.retest import retest_due
from calfcoach.coaching.roster import (
    PAIN_WINDOW,
    Alert,
    RecentCheckin,
    RunnerSnapshot,
    asymmetries,
    most_urgent_first,
)
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict, Forbidden, NotFound
from calfcoach.services.training import LogView, PlanView, log_view, plan_view, require_runner
from calfcoach.store.tables import AccountRow
from calfcoach.store.unit_of_work import UnitOfWork

# No 0/O/1/I: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class Invitation(TypedDict):
    code: str


class Joined(TypedDict):
    coach: str | None


class AlertRow(TypedDict):
    rule: str
    text: str


class LastCheckin(TypedDict):
    date: str
    feeling: str
    pain: int


class RosterRow(TypedDict):
    """One runner on the coach's roster, as the dashboard and ``GET /coach/runners`` show it."""

    id: int
    email: str
    target: str | None
    urgency: str | None
    red_flags: list[str]
    asymmetries: list[str]
    retest_due: str | None
    alerts: list[AlertRow]
    last_checkin: LastCheckin | None


class RunnerDetail(TypedDict):
    """One of the coach's runners: the current plan (as stored), check-ins and logs."""

    id: int
    email: str
    plan: PlanView | None
    checkins: list[JSON]
    logs: list[LogView]


def require_coach(account: Account) -> None:
    if account.role != "coach":
        raise Forbidden("only a coach account can do this")


def invite(uow: UnitOfWork, coach: Account, now: datetime) -> Invitation:
    require_coach(coach)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with uow:
        uow.coaching.add_invitation(coach.id, code, now)
        uow.commit()
    return {"code": code}


def open_invitations(uow: UnitOfWork, coach: Account) -> list[str]:
    require_coach(coach)
    with uow:
        return [row.code for row in uow.coaching.open_invitations(coach.id)]


def join(uow: UnitOfWork, runner: Account, code: object, now: datetime) -> Joined:
    """The runner joins the coach who made ``code``; each code is used once."""
    require_runner(runner)
    wanted = code.strip().upper() if isinstance(code, str) else ""
    with uow:
        invitation = uow.coaching.invitation(wanted) if wanted else None
        if invitation is None or not uow.coaching.claim(wanted, runner.id):
            raise NotFound("no open invitation has this code", "code")
        coach = uow.accounts.get(invitation.coach_id)
        if not uow.coaching.is_linked(invitation.coach_id, runner.id):
            uow.coaching.link(invitation.coach_id, runner.id, now)
        try:
            uow.commit()
        except IntegrityError as error:
            raise Conflict("this code was used at the same moment; ask for a new one") from error
        return {"coach": coach.email if coach else None}


def roster(uow: UnitOfWork, coach: Account, today: date, now: datetime) -> list[RosterRow]:
    """The coach's runners with target, flags, last check-in and retest due, most urgent first."""
    require_coach(coach)
    with uow:
        facts = {
            row.email: (row.id, *_facts(uow, row, now)) for row in uow.coaching.runners_of(coach.id)
        }
    ranked = most_urgent_first([snapshot for _, snapshot, _ in facts.values()], today)
    rows = []
    for snapshot, alerts in ranked:
        runner_id, _, last = facts[snapshot.runner]
        rows.append(_row(runner_id, snapshot, alerts, last))
    return rows


def _row(
    runner_id: int, s: RunnerSnapshot, alerts: list[Alert], last: LastCheckin | None
) -> RosterRow:
    # The roster shows the retest's date even under a red flag: D1 says why it waits.
    due = None if s.block_start is None else retest_due(s.block_start, held_by=None)
    return {
        "id": runner_id,
        "email": s.runner,
        "target": s.target,
        "urgency": s.urgency.value if s.urgency else None,
        "red_flags": list(s.red_flags),
        "asymmetries": list(s.asymmetries),
        "retest_due": None if due is None else due.isoformat(),
        "alerts": [{"rule": a.rule, "text": a.text} for a in alerts],
        "last_checkin": last,
    }


def _facts(
    uow: UnitOfWork, runner: AccountRow, now: datetime
) -> tuple[RunnerSnapshot, LastCheckin | None]:
    plan = uow.records.current_plan(runner.id)
    checkins = uow.records.checkins(runner.id)
    logged = tuple(sorted({row.done_on for row in uow.records.logs(runner.id)}))
    last = checkins[-1] if checkins else None
    recent = tuple(
        RecentCheckin(c.reported_on, c.feeling, c.pain, c.created_at > now - PAIN_WINDOW)
        for c in checkins[-10:]
    )
    shown: LastCheckin | None = (
        None
        if last is None
        else {"date": last.reported_on.isoformat(), "feeling": last.feeling, "pain": last.pain}
    )
    if plan is None:
        return RunnerSnapshot(runner.email, None, None, checkins=recent), shown
    coaching = read_plan_document(plan.document)
    diagnosis = coaching.diagnosis
    snapshot = RunnerSnapshot(
        runner=runner.email,
        target=diagnosis.target.value,
        urgency=diagnosis.urgency,
        red_flags=tuple(notice.flag.value for notice in diagnosis.red_flags),
        asymmetries=asymmetries(diagnosis.findings),
        block_start=coaching.plan.start,
        planned_days=tuple(session.date for session in coaching.plan.sessions()),
        logged_days=logged,
        checkins=recent,
    )
    return snapshot, shown


def joined_runner(uow: UnitOfWork, coach: Account, runner_id: int) -> AccountRow:
    """The runner ``runner_id`` if they joined ``coach``, else NotFound; ``uow`` is open."""
    runner = uow.accounts.get(runner_id)
    if runner is None or not uow.coaching.is_linked(coach.id, runner_id):
        raise NotFound("no such runner among yours")
    return runner


def runner_detail(uow: UnitOfWork, coach: Account, runner_id: int) -> RunnerDetail:
    """One of the coach's runners: plan, check-ins and logs (404 unless the runner joined)."""
    require_coach(coach)
    with uow:
        runner = joined_runner(uow, coach, runner_id)
        plan = uow.records.current_plan(runner_id)
        return {
            "id": runner.id,
            "email": runner.email,
            "plan": None if plan is None else plan_view(plan),
            "checkins": [c.document for c in uow.records.checkins(runner_id)],
            "logs": [log_view(row) for row in uow.records.logs(runner_id)],
        }
