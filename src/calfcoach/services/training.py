"""A runner's use cases: assess, see the plan, check in, log sets, see today and progress.

Each function opens one unit of work, so a refused or failed request writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypedDict

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.adjust import adjust
from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.documents import (
    SCHEMA,
    decision_document,
    diagnosis_document,
    plan_body_document,
    plan_document,
    read_plan_document,
)
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import JSON, as_mapping
from calfcoach.coaching.logbook import LoggedSession, LoggedSet, parse_log
from calfcoach.coaching.plan import CoachingPlan
from calfcoach.coaching.vocabulary import ExerciseId, Side
from calfcoach.services.accounts import Account
from calfcoach.services.engine import coaching_plan
from calfcoach.services.errors import Conflict, Forbidden, NotFound
from calfcoach.store.tables import AssessmentRow, LogRow, PlanRow
from calfcoach.store.unit_of_work import UnitOfWork

NO_PLAN_YET = "no plan yet: take the tests first (POST /api/v1/assessments)"


class PlanView(TypedDict):
    """A stored plan as the API answers it: the plan document, then its place among the runner's
    plans (the key order is the document's, so the JSON reads as the stored one)."""

    schema: str
    diagnosis: JSON
    plan: JSON
    decisions: list[JSON]
    id: int
    block: int
    version: int


class CheckInView(PlanView):
    changes: list[JSON]  # the decisions this check-in added


class SetView(TypedDict):
    reps: int | None
    load_kg: float | None
    seconds: float | None
    rpe: int | None


class LogView(TypedDict):
    id: int
    date: str
    exercise: str
    side: str
    sets: list[SetView]


class Logged(TypedDict):
    id: int


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """One stored version of a block's plan, read with the engine's reader."""

    id: int
    block: int
    version: int
    coaching: CoachingPlan

    def view(self) -> PlanView:
        return {
            "schema": SCHEMA,
            "diagnosis": diagnosis_document(self.coaching.diagnosis),
            "plan": plan_body_document(self.coaching.plan),
            "decisions": [decision_document(d) for d in self.coaching.decisions],
            "id": self.id,
            "block": self.block,
            "version": self.version,
        }


def require_runner(account: Account) -> None:
    if account.role != "runner":
        raise Forbidden("only a runner account has a plan, check-ins and logs")


def submit_assessment(
    uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime
) -> PlanView:
    """Store an assessment (a first test or a retest) and the new block's plan; one block
    per test day (``_same_test_day``)."""
    require_runner(runner)
    if not isinstance(raw, Mapping):
        raise InvalidDocument("assessment", "must be an object")
    document: JSON = {**raw, "date": raw.get("date", today.isoformat())}
    assessment = parse_assessment(document, today)
    planned = coaching_plan(document, today)
    with uow:
        current = uow.records.current_plan(runner.id)
        same = None if current is None else _same_test_day(uow, current, document, assessment.date)
        if same is not None:
            return same  # the test the current block started from, sent again
        stored = uow.records.add_assessment(runner.id, assessment.date, document, now)
        uow.flush()
        row = uow.records.add_plan(
            runner.id,
            assessment_id=stored.id,
            block=1 if current is None else current.block + 1,
            version=1,
            document=plan_document(planned),
            now=now,
        )
        commit_plan(uow)
        return StoredPlan(row.id, row.block, row.version, planned).view()


def _same_test_day(
    uow: UnitOfWork, current: PlanRow, document: JSON, taken_on: date
) -> PlanView | None:
    """One test day starts one block: the current block again for the very test it started
    from (a reload, a double tap, a retried request); Conflict for other tests on that day
    (a concurrent pair is caught by the plans' unique block number at the commit)."""
    started = block_test(uow, current)
    if started is None or started.taken_on != taken_on:
        return None
    if started.document == document:
        return stored_plan(current).view()
    raise Conflict(
        f"you already took the tests on {taken_on.isoformat()} and block {current.block} started "
        "from them: one day's tests start one block, so retest on another day",
        field="date",
    )


def block_test(uow: UnitOfWork, plan: PlanRow) -> AssessmentRow | None:
    """The assessment a block's plan was made from (inside the caller's unit of work)."""
    found = uow.records.assessments(plan.runner_id)
    return next((row for row in found if row.id == plan.assessment_id), None)


def current_plan(uow: UnitOfWork, runner: Account) -> PlanView:
    return latest_plan(uow, runner).view()


def latest_plan(uow: UnitOfWork, runner: Account) -> StoredPlan:
    """The runner's current plan, typed; NotFound before the first tests."""
    require_runner(runner)
    with uow:
        row = uow.records.current_plan(runner.id)
        if row is None:
            raise NotFound(NO_PLAN_YET)
        return stored_plan(row)


def current_plan_json(uow: UnitOfWork, runner: Account) -> str:
    """``current_plan`` as JSON text, straight from the stored document (the API's hot path:
    no decoding and re-encoding of a 15 kB plan on every read)."""
    require_runner(runner)
    with uow:
        found = uow.records.current_plan_text(runner.id)
    if found is None:
        raise NotFound(NO_PLAN_YET)
    plan_id, block, version, text = found
    body = text.rstrip()
    if not body.endswith("}"):
        raise ValueError(f"plan {plan_id} is not stored as a JSON object")
    return f'{body[:-1]}, "id": {plan_id}, "block": {block}, "version": {version}}}'


def check_in(
    uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime
) -> CheckInView:
    """Adjust the current plan after a check-in; the result is a new version of the plan."""
    require_runner(runner)
    report = parse_checkin(raw)
    if report.date > today + timedelta(days=1):  # a day of slack for the runner's time zone
        raise InvalidDocument("date", f"cannot be in the future (got {report.date.isoformat()})")
    with uow:
        current = uow.records.current_plan(runner.id)
        if current is None:
            raise NotFound("no plan to adjust: take the tests first")
        before = read_plan_document(current.document)
        adjusted = adjust(before, report)
        row = add_next_version(uow, current, adjusted, now)
        uow.flush()
        uow.records.add_checkin(
            runner.id,
            plan_id=row.id,
            reported_on=report.date,
            feeling=report.feeling.value,
            pain=report.pain or 0,
            document=dict(as_mapping(raw, "checkin")),  # parse_checkin read it as an object
            now=now,
        )
        commit_plan(uow)
        return changed_view(row, before, adjusted)


def add_next_version(
    uow: UnitOfWork, current: PlanRow, changed: CoachingPlan, now: datetime
) -> PlanRow:
    """``changed`` stored as the version after ``current`` (a check-in, a move)."""
    return uow.records.add_plan(
        current.runner_id,
        assessment_id=current.assessment_id,
        block=current.block,
        version=current.version + 1,
        document=plan_document(changed),
        now=now,
    )


def commit_plan(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError as error:  # another request wrote the same version first
        raise Conflict("the plan changed meanwhile; send the request again") from error


def changed_view(row: PlanRow, before: CoachingPlan, after: CoachingPlan) -> CheckInView:
    """The stored version with the decisions ``after`` added to ``before``."""
    added = after.decisions[len(before.decisions) :]
    view = StoredPlan(row.id, row.block, row.version, after).view()
    return {**view, "changes": [decision_document(d) for d in added]}


def stored_plan(row: PlanRow) -> StoredPlan:
    return StoredPlan(row.id, row.block, row.version, read_plan_document(row.document))


def plan_view(row: PlanRow) -> PlanView:
    return stored_plan(row).view()


def log_session(
    uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime
) -> Logged:
    require_runner(runner)
    logged = parse_log(raw, today)
    with uow:
        log_id = uow.records.add_log(runner.id, logged, now)
        uow.commit()
        return {"id": log_id}


def logged_sessions(uow: UnitOfWork, runner: Account) -> list[LogView]:
    require_runner(runner)
    with uow:
        return [log_view(row) for row in uow.records.logs(runner.id)]


def log_view(row: LogRow) -> LogView:
    return {
        "id": row.id,
        "date": row.done_on.isoformat(),
        "exercise": row.exercise,
        "side": row.side,
        "sets": [
            {"reps": s.reps, "load_kg": s.load_kg, "seconds": s.seconds, "rpe": s.rpe}
            for s in row.sets
        ],
    }


def logged_session(row: LogRow) -> LoggedSession:
    """A stored log as the engine reads it (the store only holds logs ``parse_log`` passed)."""
    return LoggedSession(
        date=row.done_on,
        exercise=ExerciseId(row.exercise),
        side=Side(row.side),
        sets=tuple(LoggedSet(s.reps, s.load_kg, s.seconds, s.rpe) for s in row.sets),
    )
