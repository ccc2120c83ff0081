"""Open the database for an entry point: the only place the web and the CLI reach the store."""

from __future__ import annotations

from sqlalchemy import Engine

from calfcoach.store.database import answers, make_engine, upgrade
from calfcoach.store.unit_of_work import UnitOfWork

__all__ = ["Engine", "UnitOfWork", "database_answers", "open_database"]


def open_database(url: str, *, migrate: bool = True) -> Engine:
    """An engine on ``url``; by default the schema is brought up to date first."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return engine


def database_answers(engine: Engine) -> bool:
    return answers(engine)
