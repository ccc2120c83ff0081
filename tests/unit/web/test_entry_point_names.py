"""The entry points hold a ``Database`` and never name the store's or SQLAlchemy's types.

import-linter keeps ``calfcoach.store`` and ``sqlalchemy`` out of ``web/`` and ``cli/``; this
keeps their types from coming back in through a re-export (``services.bootstrap`` once
re-exported ``UnitOfWork`` and ``Engine`` for them).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from calfcoach.services import bootstrap

PACKAGE = Path(__file__).resolve().parents[3] / "src" / "calfcoach"
ENTRY_POINTS = sorted((PACKAGE / "cli").rglob("*.py")) + sorted((PACKAGE / "web").rglob("*.py"))
STORE_TYPES = {"UnitOfWork", "Engine", "Session", "sessionmaker", "Connection"}


def imported_names(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("module", ENTRY_POINTS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_entry_point_imports_a_store_type_by_any_route(module: Path) -> None:
    named = imported_names(module) & STORE_TYPES
    assert not named, f"{module.name} imports {sorted(named)}: hold a Database instead"


def test_bootstrap_re_exports_nothing_of_the_store() -> None:
    assert not set(bootstrap.__all__) & STORE_TYPES
    assert {"Database", "open_database"} <= set(bootstrap.__all__)
