"""The migrations build the schema from an empty database and match the models.

This is the one test that runs the migrations on a database that never saw them; every other
test gets a copy of a template migrated once per worker (tests/databases.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from calfcoach.store.database import downgrade, make_engine, upgrade
from calfcoach.store.tables import Base
from tests.databases import BACKENDS, empty_database_url

TABLES = {"accounts", "plans", "logs", "coach_links"}


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    for url in empty_database_url(request.param, tmp_path):
        engine = make_engine(url)
        yield engine
        engine.dispose()


def differences_from_the_models(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def test_the_migrated_schema_matches_the_models(engine: Engine) -> None:
    """The copy every test gets is the migrated schema."""
    assert differences_from_the_models(engine) == []


def test_migrations_build_the_schema_from_empty_then_go_down_to_empty_and_up_again(
    empty_engine: Engine,
) -> None:
    assert inspect(empty_engine).get_table_names() == []
    upgrade(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES
    assert differences_from_the_models(empty_engine) == []
    downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) >= TABLES


def test_0005_adds_a_nullable_rpe_to_sets_already_stored_and_takes_it_away_again(
    empty_engine: Engine,
) -> None:
    """A set logged before per-set RPE reads back with none; going down drops the column."""
    upgrade(empty_engine, "0004")
    now = "2026-11-24 19:00:00+00:00"
    with empty_engine.begin() as connection:
        account = connection.execute(
            text(
                "INSERT INTO accounts (email, password_hash, role, created_at)"
                " VALUES ('old@example.com', 'x', 'runner', :now) RETURNING id"
            ),
            {"now": now},
        ).scalar_one()
        log = connection.execute(
            text(
                "INSERT INTO logs (runner_id, done_on, exercise, side, created_at)"
                " VALUES (:account, '2026-11-24', 'pogo_jumps', 'both', :now) RETURNING id"
            ),
            {"account": account, "now": now},
        ).scalar_one()
        connection.execute(
            text("INSERT INTO log_sets (log_id, position, reps) VALUES (:log, 0, 8)"),
            {"log": log},
        )
    upgrade(empty_engine, "0005")
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT reps, rpe FROM log_sets")).one() == (8, None)
    downgrade(empty_engine, "0004")
    assert "rpe" not in {c["name"] for c in inspect(empty_engine).get_columns("log_sets")}
