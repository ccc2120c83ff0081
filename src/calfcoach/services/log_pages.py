"""What the runner's pages store and show around logged sets: several sides in one post, a
logged session deleted (corrections are ``log_corrections``'), the latest check-in's result.

Each function opens one unit of work, so a refused request writes nothing; another runner's
log is not found (never forbidden: its id says nothing about whether it exists).
"""

from __future__ import annotations

from datetime import date, datetime

from calfcoach.coaching.documents import decision_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.logbook import LoggedSession, parse_log
from calfcoach.services import log_corrections
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.training import (
    CheckInView,
    LogView,
    log_view,
    require_runner,
    stored_plan,
)
from calfcoach.store.tables import LogRow
from calfcoach.store.unit_of_work import UnitOfWork

NO_SUCH_LOG = log_corrections.NO_SUCH_LOG


def log_sessions(
    uow: UnitOfWork, runner: Account, raws: list[object], today: date, now: datetime
) -> list[LogView]:
    """Store one or more logs (left and right of one exercise) together, or none of them."""
    require_runner(runner)
    if not raws:
        raise InvalidDocument("sets", "log at least one set")
    parsed = [parse_log(raw, today) for raw in raws]
    with uow:
        ids = [uow.records.add_log(runner.id, logged, now) for logged in parsed]
        uow.commit()
    return [_view(log_id, logged) for log_id, logged in zip(ids, parsed, strict=True)]


def logged_session_view(uow: UnitOfWork, runner: Account, log_id: int) -> LogView:
    require_runner(runner)
    with uow:
        return log_view(_own_log(uow, runner, log_id))


def delete_logged_session(uow: UnitOfWork, runner: Account, log_id: int) -> LogView:
    """``log_corrections.delete_log``, answering what was deleted (the page goes back to its
    day)."""
    require_runner(runner)
    with uow:
        deleted = logged_session_view(uow, runner, log_id)
        log_corrections.delete_log(uow, runner, log_id)
        return deleted


def _own_log(uow: UnitOfWork, runner: Account, log_id: int) -> LogRow:
    """The runner's own log ``log_id`` (the read takes the runner's id: never another's)."""
    found = uow.records.log(runner.id, log_id)
    if found is None:
        raise NotFound(NO_SUCH_LOG)
    return found


def _view(log_id: int, logged: LoggedSession) -> LogView:
    return {
        "id": log_id,
        "date": logged.date.isoformat(),
        "exercise": logged.exercise.value,
        "side": logged.side.value,
        "sets": [
            {"reps": s.reps, "load_kg": s.load_kg, "seconds": s.seconds, "rpe": s.rpe}
            for s in logged.sets
        ],
    }


def latest_checkin(uow: UnitOfWork, runner: Account) -> CheckInView | None:
    """The plan version the latest check-in made, with the decisions it added; None before
    the first check-in of the current block."""
    require_runner(runner)
    with uow:
        plans = uow.records.plans(runner.id)
        if len(plans) < 2 or plans[-1].version < 2 or plans[-2].block != plans[-1].block:
            return None
        before, after = stored_plan(plans[-2]), stored_plan(plans[-1])
    added = after.coaching.decisions[len(before.coaching.decisions) :]
    return {**after.view(), "changes": [decision_document(d) for d in added]}
