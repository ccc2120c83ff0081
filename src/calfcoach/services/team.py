"""A coach's use cases: invitation codes, runners joining, and the roster, most urgent first."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.roster import (
    PAIN_WINDOW,
    RETEST_AFTER_DAYS,
    RecentCheckin,
    RunnerSnapshot,
    most_urgent_first,
)
from calfcoach.coaching.vocabulary import Urgency
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict, Forbidden, NotFound
from calfcoach.services.training import log_view, plan_view, require_runner
from calfcoach.store.tables import AccountRow
from calfcoach.store.unit_of_work import UnitOfWork

JSON = dict[str, object]
# No 0/O/1/I: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
ASYMMETRY_CODES = {"heel_raise_asymmetry", "retest_asymmetry", "ankle_range_asymmetry"}


def require_coach(account: Account) -> None:
    if account.role != "coach":
        raise Forbidden("only a coach account can do this")


def invite(uow: UnitOfWork, coach: Account, now: datetime) -> JSON:
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


def join(uow: UnitOfWork, runner: Account, code: object, now: datetime) -> JSON:
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


def roster(uow: UnitOfWork, coach: Account, today: date, now: datetime) -> list[JSON]:
    """The coach's runners with target, flags, last check-in and retest due, most urgent first."""
    require_coach(coach)
    with uow:
        runners = uow.coaching.runners_of(coach.id)
        facts = {row.id: _facts(uow, row, now) for row in runners}
    snapshots = [f[0] for f in facts.values()]
    ranked = most_urgent_first(snapshots, today)
    by_email = {f[0].runner: (rid, f[1]) for rid, f in facts.items()}
    rows = []
    for snapshot, alerts in ranked:
        runner_id, extra = by_email[snapshot.runner]
        rows.append(
            {
                "id": runner_id,
                "email": snapshot.runner,
                "target": snapshot.target,
                "urgency": snapshot.urgency.value if snapshot.urgency else None,
                "red_flags": list(snapshot.red_flags),
                "asymmetries": list(snapshot.asymmetries),
                "retest_due": _retest_due(snapshot.block_start),
                "alerts": [{"rule": a.rule, "text": a.text} for a in alerts],
                **extra,
            }
        )
    return rows


def _retest_due(start: date | None) -> str | None:
    return None if start is None else (start + timedelta(days=RETEST_AFTER_DAYS)).isoformat()


def _facts(uow: UnitOfWork, runner: AccountRow, now: datetime) -> tuple[RunnerSnapshot, JSON]:
    plan = uow.records.current_plan(runner.id)
    checkins = uow.records.checkins(runner.id)
    logged = {row.done_on for row in uow.records.logs(runner.id)}
    last = checkins[-1] if checkins else None
    recent = tuple(
        RecentCheckin(c.reported_on, c.feeling, c.pain, c.created_at > now - PAIN_WINDOW)
        for c in checkins[-10:]
    )
    extra: JSON = {
        "last_checkin": None
        if last is None
        else {"date": last.reported_on.isoformat(), "feeling": last.feeling, "pain": last.pain},
    }
    if plan is None:
        return RunnerSnapshot(runner.email, None, None, checkins=recent), extra
    diagnosis = cast(JSON, plan.document["diagnosis"])
    body = cast(JSON, plan.document["plan"])
    findings = cast(list[JSON], diagnosis["findings"])
    flags = cast(list[JSON], diagnosis.get("red_flags", []))
    urgency = diagnosis["urgency"]
    snapshot = RunnerSnapshot(
        runner=runner.email,
        target=str(diagnosis["target"]),
        urgency=Urgency(str(urgency)) if urgency else None,
        red_flags=tuple(str(f["flag"]) for f in flags),
        asymmetries=tuple(
            f"{str(f['code']).replace('_', ' ')} ({f['side']})"
            for f in findings
            if f["code"] in ASYMMETRY_CODES
        ),
        block_start=date.fromisoformat(str(body["start"])),
        planned_days=tuple(
            date.fromisoformat(str(s["date"]))
            for w in cast(list[JSON], body["weeks"])
            for s in cast(list[JSON], w["sessions"])
        ),
        logged_days=tuple(sorted(logged)),
        checkins=recent,
    )
    return snapshot, extra


def joined_runner(uow: UnitOfWork, coach: Account, runner_id: int) -> AccountRow:
    """The runner ``runner_id`` if they joined ``coach``, else NotFound; ``uow`` is open."""
    runner = uow.accounts.get(runner_id)
    if runner is None or not uow.coaching.is_linked(coach.id, runner_id):
        raise NotFound("no such runner among yours")
    return runner


def runner_detail(uow: UnitOfWork, coach: Account, runner_id: int) -> JSON:
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
