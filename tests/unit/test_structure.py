"""Shape rules the style guide sets, checked rather than hoped for.

No module over ~400 lines; entry points stay thin (parse -> service -> render), so no function
in web/ or cli/ runs over 30 lines and none of them touches the database directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "calfcoach"
MODULES = sorted(PACKAGE.rglob("*.py"))
ENTRY_POINTS = sorted((PACKAGE / "cli").rglob("*.py")) + sorted((PACKAGE / "web").rglob("*.py"))
MAX_MODULE_LINES = 420
MAX_ENTRY_FUNCTION_LINES = 30


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_a_god_module(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module.name} has {lines} lines: split it by concept"


@pytest.mark.parametrize("module", ENTRY_POINTS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_entry_points_stay_thin(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= MAX_ENTRY_FUNCTION_LINES, (
                f"{module.name}:{node.name} is {length} lines: move the work into a service"
            )


@pytest.mark.parametrize("module", ENTRY_POINTS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_entry_points_do_not_query_the_database(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    for needle in ("select(", "session.execute", "session.add", ".commit()"):
        assert needle not in text, f"{module.name} uses {needle}: that belongs in a service"
