"""A runner's use cases: assess, see the plan, check in, log sets, see today and progress.

Each function opens one unit of work, so a refused or failed request writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.logbook import parse_log
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict, Forbidden, NotFound
from calfcoach.services.planning import adjust_plan, plan_from_assessment
from calfcoach.store.tables import LogRow, PlanRow
from calfcoach.store.unit_of_work import UnitOfWork

JSON = dict[str, object]


def require_runner(account: Account) -> None:
    if account.role != "runner":
        raise Forbidden("only a runner account has a plan, check-ins and logs")


def submit_assessment(
    uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime
) -> JSON:
    """Store an assessment (a first test or a retest) and the new block's plan."""
    require_runner(runner)
    if not isinstance(raw, Mapping):
        raise InvalidDocument("assessment", "must be an object")
    document: JSON = {**raw, "date": raw.get("date", today.isoformat())}
    assessment = parse_assessment(document, today)
    planned = plan_from_assessment(document, today)
    with uow:
        current = uow.records.current_plan(runner.id)
        stored = uow.records.add_assessment(runner.id, assessment.date, document, now)
        uow.flush()
        row = uow.records.add_plan(
            runner.id,
            assessment_id=stored.id,
            block=1 if current is None else current.block + 1,
            version=1,
            document=planned,
            now=now,
        )
        _commit_plan(uow)
        return plan_view(row)


def current_plan(uow: UnitOfWork, runner: Account) -> JSON:
    require_runner(runner)
    with uow:
        row = uow.records.current_plan(runner.id)
        if row is None:
            raise NotFound("no plan yet: take the tests first (POST /api/v1/assessments)")
        return plan_view(row)


def current_plan_json(uow: UnitOfWork, runner: Account) -> str:
    """``current_plan`` as JSON text, straight from the stored document (the API's hot path:
    no decoding and re-encoding of a 15 kB plan on every read)."""
    require_runner(runner)
    with uow:
        found = uow.records.current_plan_text(runner.id)
    if found is None:
        raise NotFound("no plan yet: take the tests first (POST /api/v1/assessments)")
    plan_id, block, version, text = found
    body = text.rstrip()
    if not body.endswith("}"):
        raise ValueError(f"plan {plan_id} is not stored as a JSON object")
    return f'{body[:-1]}, "id": {plan_id}, "block": {block}, "version": {version}}}'


def check_in(uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime) -> JSON:
    """Adjust the current plan after a check-in; the result is a new version of the plan."""
    require_runner(runner)
    report = parse_checkin(raw)
    if report.date > today + timedelta(days=1):  # a day of slack for the runner's time zone
        raise InvalidDocument("date", f"cannot be in the future (got {report.date.isoformat()})")
    with uow:
        current = uow.records.current_plan(runner.id)
        if current is None:
            raise NotFound("no plan to adjust: take the tests first")
        adjusted = adjust_plan(current.document, raw)
        row = uow.records.add_plan(
            runner.id,
            assessment_id=current.assessment_id,
            block=current.block,
            version=current.version + 1,
            document=adjusted,
            now=now,
        )
        uow.flush()
        uow.records.add_checkin(
            runner.id,
            plan_id=row.id,
            reported_on=report.date,
            feeling=report.feeling.value,
            pain=report.pain or 0,
            document=dict(cast(Mapping[str, object], raw)),
            now=now,
        )
        _commit_plan(uow)
        view = plan_view(row)
        earlier = len(cast(list[object], current.document["decisions"]))
        view["changes"] = cast(list[object], adjusted["decisions"])[earlier:]
        return view


def _commit_plan(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError as error:  # another request wrote the same version first
        raise Conflict("the plan changed meanwhile; send the request again") from error


def plan_view(row: PlanRow) -> JSON:
    return {**row.document, "id": row.id, "block": row.block, "version": row.version}


def log_session(uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime) -> JSON:
    require_runner(runner)
    logged = parse_log(raw, today)
    with uow:
        log_id = uow.records.add_log(runner.id, logged, now)
        uow.commit()
        return {"id": log_id}


def logged_sessions(uow: UnitOfWork, runner: Account) -> list[JSON]:
    require_runner(runner)
    with uow:
        return [log_view(row) for row in uow.records.logs(runner.id)]


def log_view(row: LogRow) -> JSON:
    return {
        "id": row.id,
        "date": row.done_on.isoformat(),
        "exercise": row.exercise,
        "side": row.side,
        "sets": [{"reps": s.reps, "load_kg": s.load_kg, "seconds": s.seconds} for s in row.sets],
    }
