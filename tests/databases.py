"""The two real databases every store and web test runs on: SQLite and PostgreSQL.

The migrations run once per test process (each pytest-xdist worker), never per test:

- SQLite: a file migrated once per worker (the template); each test gets a copy of it
  (``shutil.copyfile``, a tenth of a millisecond).
- PostgreSQL: the local server (``CALFCOACH_TEST_POSTGRES_URL``, default 127.0.0.1:5432
  database ``test``, used as the admin database). Each worker creates and migrates a database
  of its own once; after every test its other sessions are ended, its rows deleted and its
  sequences restarted (about 30 ms). Cloning it per test (``CREATE DATABASE ... TEMPLATE``, then
  ``DROP DATABASE``) was measured slower than migrating afresh on PostgreSQL 15 (about 210 ms a
  test against 120 ms, two workers): every DROP DATABASE forces a checkpoint. Database names
  carry this host and the process id, so a later run drops what a crashed run left behind.
  Without a server the PostgreSQL cases are skipped with a message, except under CI, where they
  fail.

Only ``tests/integration/store/test_migrations.py`` runs the migrations on an empty database
(``empty_database_url``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from calfcoach.store.database import make_engine, upgrade

POSTGRES_URL = os.environ.get(
    "CALFCOACH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")
SQLITE_NAME = "calfcoach.sqlite3"
# calfcoach_tpl_<host>_<pid>: a worker's database; calfcoach_t_<host>_<pid>_<hex>: an empty one.
HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]
OURS = re.compile(r"^calfcoach_(?:tpl|t)_([0-9a-f]{6})_(\d+)(?:_[0-9a-f]+)?$")


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


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrated_sqlite(path: Path) -> Path:
    """Migrate a new SQLite file at ``path``; every connection is closed afterwards."""
    engine = make_engine(sqlite_url(path))
    upgrade(engine)
    with engine.connect() as connection:  # everything in the file itself, none in the WAL
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def copy_sqlite(template: Path, path: Path) -> str:
    """A copy of the migrated ``template`` at ``path``; returns its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return sqlite_url(path)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This worker's migrated SQLite file: copy it (``copy_sqlite``), never open it."""
    return migrated_sqlite(tmp_path_factory.mktemp("template") / SQLITE_NAME)


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


def _admin() -> Engine:
    """The admin database, in autocommit (CREATE and DROP DATABASE refuse transactions)."""
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _create(admin: Engine, database: str) -> str:
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    return postgres_url(database)


def _drop(admin: Engine, database: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process, alive
        return True
    return True


def drop_stale_databases(admin: Engine) -> None:
    """Drop the databases that test runs on this host left behind when they crashed."""
    with admin.connect() as connection:
        names = connection.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE 'calfcoach\\_t%'")
        ).scalars()
        stale = [
            name
            for name in names
            if (found := OURS.match(name)) and found[1] == HOST and not _alive(int(found[2]))
        ]
    for name in stale:
        with contextlib.suppress(Exception):  # the other worker may be dropping it too
            _drop(admin, name)


def reset_script(engine: Engine) -> str:
    """SQL that ends the database's other sessions, deletes every row (children first) and
    restarts every sequence: the database as the migrations left it."""
    ordered = inspect(engine).get_sorted_table_and_fkc_names()
    tables = [name for name, _ in ordered if name and name != "alembic_version"]
    with engine.connect() as connection:
        sequences = list(
            connection.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            ).scalars()
        )
    return ";\n".join(
        [
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()",
            *(f'DELETE FROM "{name}"' for name in reversed(tables)),  # noqa: S608 - our tables
            *(f'ALTER SEQUENCE "{name}" RESTART' for name in sequences),
        ]
    )


@dataclass(frozen=True)
class WorkerDatabase:
    """This worker's migrated PostgreSQL database, and how to empty it after a test."""

    url: str
    engine: Engine  # without a pool: each reset opens a connection of its own
    script: str

    def reset(self) -> None:
        with self.engine.begin() as connection:
            connection.exec_driver_sql(self.script)


@pytest.fixture(scope="session")
def postgres_worker() -> Iterator[WorkerDatabase]:
    """This worker's PostgreSQL database, migrated once and dropped when the worker ends."""
    require_postgres()
    admin = _admin()
    drop_stale_databases(admin)
    name = f"calfcoach_tpl_{HOST}_{os.getpid()}"
    _drop(admin, name)
    engine = create_engine(_create(admin, name), poolclass=NullPool)
    try:
        upgrade(engine)
        yield WorkerDatabase(postgres_url(name), engine, reset_script(engine))
    finally:
        engine.dispose()
        _drop(admin, name)
        admin.dispose()


def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its URL, then drops it."""
    admin = _admin()
    drop_stale_databases(admin)
    name = f"calfcoach_t_{HOST}_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    try:
        yield _create(admin, name)
    finally:
        _drop(admin, name)
        admin.dispose()


# --- fixtures -------------------------------------------------------------------------------


def database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated database of ``backend`` without a row; yields its URL and cleans up."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        yield copy_sqlite(template, tmp_path / SQLITE_NAME)
        return
    require_postgres()
    worker: WorkerDatabase = request.getfixturevalue("postgres_worker")
    try:
        yield worker.url
    finally:
        worker.reset()


def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of ``backend``, never migrated; yields its URL and cleans up."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path / SQLITE_NAME)
        return
    require_postgres()
    yield from postgres_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_url(request, request.param, tmp_path)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()
