"""The unit of work: one transaction per use case. Repositories add and read; only this commits.

Leaving the ``with`` block without ``commit()`` rolls everything back, so a failure in the
middle of a request leaves nothing half-written.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from calfcoach.store.repositories import Accounts, Coaching, Records


class UnitOfWork:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self._session = self._sessions()
        self.accounts = Accounts(self._session)
        self.records = Records(self._session)
        self.coaching = Coaching(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        session = self._require()
        try:
            session.rollback()  # a no-op after commit(); undoes anything left uncommitted
        finally:
            session.close()
            self._session = None

    def commit(self) -> None:
        self._require().commit()

    def flush(self) -> None:
        """Send pending rows now (to learn their ids) without ending the transaction."""
        self._require().flush()

    def _require(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a with block")
        return self._session
