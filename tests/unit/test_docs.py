"""Docs checked by tests: every rule id the engine can emit is explained in docs/rules.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"^[TCPSGD]\d+b?$")


def engine_rule_ids() -> set[str]:
    found = set()
    for path in (ROOT / "src/calfcoach/coaching").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and RULE_ID.match(node.value):
                found.add(node.value)
    return found


def documented_rule_ids() -> set[str]:
    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([TCPSGD]\d+b?) \|", text, flags=re.MULTILINE))


def test_the_engine_uses_rule_ids() -> None:
    assert {"C0", "C1", "P8", "S2", "S6", "S8"} <= engine_rule_ids()


def test_every_rule_id_the_engine_uses_is_documented() -> None:
    missing = engine_rule_ids() - documented_rule_ids()
    assert not missing, f"add these to docs/rules.md: {sorted(missing)}"


def test_readme_shows_the_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme


def test_ci_calls_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    from calfcoach.settings import Settings

    text = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`CALFCOACH_{name.upper()}`" not in text]
    assert not missing, f"document these in docs/configuration.md: {missing}"
