"""Correcting the logbook: a runner edits (``PATCH``) or deletes one of their logged sessions.

Only the runner who logged a session may change it; anyone else's id, or an unknown one, is
NotFound (never Forbidden, a coach's call included: whether an id exists is not told).
Adherence, charts, the coach's view and the calendar read the logs from the store, so they
follow at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.logbook import log_document, parse_log
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.training import LogView, log_view, logged_session
from calfcoach.store.tables import LogRow
from calfcoach.store.unit_of_work import UnitOfWork

NO_SUCH_LOG = "no such logged session"


def edit_log(uow: UnitOfWork, runner: Account, log_id: int, raw: object, today: date) -> LogView:
    """Change a stored log: ``raw`` holds any of ``date``, ``exercise``, ``side`` and ``sets``
    (the sets replace the stored ones); the result is validated as a new log is. An ``id``
    key (a document as ``GET /api/v1/logs`` gives it) must be the log's own."""
    if not isinstance(raw, Mapping):
        raise InvalidDocument("log", "must be an object")
    changes = {name: value for name, value in raw.items() if name != "id"}
    if "id" in raw and raw["id"] != log_id:
        raise InvalidDocument("id", f"is this log's id ({log_id}) and cannot change")
    with uow:
        row = _own_log(uow, runner, log_id)
        merged = {**log_document(logged_session(row)), **changes}
        uow.records.replace_log(row, parse_log(merged, today))
        uow.commit()
        return log_view(row)


def delete_log(uow: UnitOfWork, runner: Account, log_id: int) -> None:
    """Delete a stored log and its sets."""
    with uow:
        uow.records.delete_log(_own_log(uow, runner, log_id))
        uow.commit()


def _own_log(uow: UnitOfWork, runner: Account, log_id: int) -> LogRow:
    row = uow.records.log(runner.id, log_id)
    if row is None:
        raise NotFound(NO_SUCH_LOG)
    return row
