"""The two real databases every store and web test runs on: SQLite and PostgreSQL.

SQLite is a fresh file per test. PostgreSQL is the local server (``CALFCOACH_TEST_POSTGRES_URL``,
default 127.0.0.1:5432 database ``test``); each test gets its own schema, dropped afterwards,
so parallel workers never see each other's rows. Without a server the PostgreSQL cases are
skipped with a message, except under CI, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from calfcoach.store.database import make_engine, upgrade

POSTGRES_URL = os.environ.get(
    "CALFCOACH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


@cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any driver error: report it, do not guess
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return None


def require_postgres() -> None:
    problem = postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL at {POSTGRES_URL} is not reachable ({problem})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must run the store tests on PostgreSQL")
    pytest.skip(message + "; start it to run the PostgreSQL cases")


def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of ``backend``; yields its URL and cleans up."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'calfcoach.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_url(request.param, tmp_path)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()
