"""Alembic environment: the engine comes from ``calfcoach.store.database.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from calfcoach.store.tables import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through calfcoach.store.database.upgrade")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    context.run_migrations()
