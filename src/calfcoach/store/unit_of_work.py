"""The unit of work: one transaction per use case. Repositories add and read; only this commits.

Leaving the outermost ``with`` block without ``commit()`` rolls everything back, so a failure
in the middle of a request leaves nothing half-written. Blocks nest: an entry point may open
the unit of work for a whole request (one session, one connection) and the use cases it calls
open it again; only the outermost exit ends the session.

A rollback forced by an error is logged at debug (``calfcoach.store.unit_of_work``) with the
error's class only; whoever catches the error decides whether it is worth more.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from calfcoach.store.activities import Activities
from calfcoach.store.calendars import Calendars
from calfcoach.store.repositories import Accounts, Coaching, IdempotencyKeys, Records

# One sessionmaker per engine: building one costs more than a short query.
_SESSIONS: WeakKeyDictionary[Engine, sessionmaker[Session]] = WeakKeyDictionary()
# SQLite has one writer at a time. Writers of this process queue on a lock instead of in
# SQLite's busy handler, which sleeps in growing steps (p99 of seconds under load).
_SQLITE_WRITERS: WeakKeyDictionary[Engine, threading.Lock] = WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()

logger = logging.getLogger(__name__)


def _writer_lock(engine: Engine) -> threading.Lock | None:
    if engine.dialect.name != "sqlite":
        return None
    with _WRITERS_GUARD:
        return _SQLITE_WRITERS.setdefault(engine, threading.Lock())


def _sessions(engine: Engine) -> sessionmaker[Session]:
    found = _SESSIONS.get(engine)
    if found is None:
        found = _SESSIONS[engine] = sessionmaker(engine, expire_on_commit=False)
    return found


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session: Session | None = None
        self._depth = 0
        self._writers = _writer_lock(engine)
        self._writing = False
        self._held = 0  # inside ``one_transaction``: commit() only flushes

    def __enter__(self) -> UnitOfWork:
        if self._depth == 0:
            self._session = _sessions(self._engine)()
            self.accounts = Accounts(self._session, self._start_writing)
            self.records = Records(self._session, self._start_writing)
            self.coaching = Coaching(self._session, self._start_writing)
            self.activities = Activities(self._session, self._start_writing)
            self.calendars = Calendars(self._session, self._start_writing)
            self.idempotency_keys = IdempotencyKeys(self._session, self._start_writing)
        self._depth += 1
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        session = self._require()
        self._depth -= 1
        if self._depth > 0:
            return
        if kind is not None:
            logger.debug("rolling back the unit of work after %s", kind.__name__)
        try:
            session.rollback()  # a no-op after commit(); undoes anything left uncommitted
        finally:
            session.close()
            self._session = None
            self._done_writing()

    def commit(self) -> None:
        session = self._require()
        if self._held:
            self.flush()
            return
        self._start_writing()
        try:
            session.commit()
        finally:
            self._done_writing()

    def flush(self) -> None:
        """Send pending rows now (to learn their ids) without ending the transaction."""
        session = self._require()
        self._start_writing()
        session.flush()

    def rollback(self) -> None:
        """Undo everything since the last commit and start afresh (after a refused flush)."""
        session = self._require()
        try:
            session.rollback()
        finally:
            self._done_writing()

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Make the ``commit()`` calls inside the block only flush, so what they write and what
        the caller writes after them commit together, in the caller's own ``commit()``."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1

    def _start_writing(self) -> None:
        if self._writers is not None and not self._writing:
            self._writers.acquire()
            self._writing = True

    def _done_writing(self) -> None:
        if self._writers is not None and self._writing:
            self._writing = False
            self._writers.release()

    def _require(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a with block")
        return self._session
