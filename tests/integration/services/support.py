"""Shared set-up for the service tests: fixed clock, example documents, accounts, row counts.

Accounts are inserted through the repository with a placeholder hash, so only the account
tests pay for argon2.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, func, select

from calfcoach.services.accounts import Account
from calfcoach.store.tables import Base
from calfcoach.store.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
TODAY = date(2026, 11, 22)
# The day check-ins are sent: after the sample reports (a report may not be in the future).
REPORT_DAY = date(2026, 12, 20)
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "src" / "calfcoach" / "examples"
FILES = ROOT / "tests" / "files"

Doc = dict[str, object]


def load(path: Path) -> Doc:
    return cast(Doc, json.loads(path.read_text(encoding="utf-8")))


def strength_assessment(**changes: object) -> Doc:
    """The bundled example (heel raise 12 left / 8 right, female, 34), with ``changes``."""
    return {**load(EXAMPLES / "strength_runner.json"), **changes}


LOG_DAY = date(2026, 11, 24)


def a_log(day: date = LOG_DAY, **changes: object) -> Doc:
    """A straight-knee calf raise session on the left leg: three sets with loads."""
    return {
        "date": day.isoformat(),
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [{"reps": 8, "load_kg": 20}, {"reps": 7, "load_kg": 22.5}, {"reps": 6}],
        **changes,
    }


def checkin(name: str, **changes: object) -> Doc:
    return {**load(FILES / "checkins" / f"{name}.json"), **changes}


def make_account(engine: Engine, email: str, role: str = "runner") -> Account:
    with UnitOfWork(engine) as uow:
        row = uow.accounts.add(email, "placeholder-not-a-hash", role, NOW)
        uow.commit()
        return Account(row.id, row.email, row.role)


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        found = connection.scalar(select(func.count()).select_from(Base.metadata.tables[table]))
    return int(found or 0)


def counts(engine: Engine) -> dict[str, int]:
    """Rows in every table of the schema, to show that a refused request wrote nothing."""
    return {name: count(engine, name) for name in Base.metadata.tables}
