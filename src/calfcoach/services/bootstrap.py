"""Open the database for an entry point: the only place the web and the CLI reach the store.

The entry points (``calfcoach.web``, ``calfcoach.cli``) may import neither ``calfcoach.store``
nor ``sqlalchemy`` (import-linter), and they do not name those packages' types either: nothing
here re-exports them. What an entry point holds is a :class:`Database`, and what it does with
it is ask for ``database.unit_of_work()`` and hand the result, unopened, to a service.

Where an entry point has to spell a type that involves the unit of work, it uses a name
this module defines for that purpose, never the store's class:

- a variable or attribute takes its type from ``unit_of_work()``'s return (mypy infers it:
  ``self.uow = database.unit_of_work`` in the web's context needs no annotation);
- :data:`UseCase` is the signature of a use case the API runs for the signed-in account;
- :data:`Opened` is what ``with`` gives a command that works on stored data.

Both are services-level names for services-level ideas; the type they expand to stays the
store's business, and a service that changes its unit of work changes them here, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import TypeAlias, TypeVar

from sqlalchemy import Engine

from calfcoach.services.accounts import Account
from calfcoach.store.database import answers, make_engine, upgrade
from calfcoach.store.unit_of_work import UnitOfWork

__all__ = ["Database", "Opened", "UseCase", "open_database", "opened"]

T = TypeVar("T")
UseCase: TypeAlias = Callable[[UnitOfWork, Account], T]
"""A use case run for a signed-in account inside one unit of work (``UseCase[T]``)."""
Opened: TypeAlias = AbstractContextManager[tuple[UnitOfWork, datetime]]
"""An open database for one command: a unit of work on it and the current time."""


class Database:
    """An open database as an entry point holds it: units of work, a health check, closing."""

    __slots__ = ("_engine",)

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work on this database, for one use case (or one request)."""
        return UnitOfWork(self._engine)

    def answers(self) -> bool:
        """True when the database answers a trivial query (``/healthz``)."""
        return answers(self._engine)

    def dispose(self) -> None:
        """Close every pooled connection (the end of a command, a test or a server)."""
        self._engine.dispose()

    @property
    def shown_url(self) -> str:
        """The database's URL as it can be printed: any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)


def open_database(url: str, *, migrate: bool = True) -> Database:
    """The database at ``url``; by default the schema is brought up to date first."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return Database(engine)


@contextmanager
def opened(url: str) -> Iterator[tuple[UnitOfWork, datetime]]:
    """For one command: the database at ``url`` (migrated), a unit of work on it and the
    current time; every connection is closed when the command is done."""
    database = open_database(url)
    try:
        yield database.unit_of_work(), datetime.now(UTC)
    finally:
        database.dispose()
