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
from sqlalchemy import Engine, inspect

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
