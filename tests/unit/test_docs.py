"""Docs checked by tests: every rule id the code can emit is explained in docs/rules.md (and
nothing there is unused without a reason), the sources A1 and A2 are defined where a doc first
cites them, and the examples in docs/documents.md are read by the engine's own readers."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.logbook import parse_log
from calfcoach.services.engine import retest
from calfcoach.services.portability_reading import read_data

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
DOCUMENTS = ROOT / "docs" / "documents.md"
# A rule id in a string constant: "C1" alone, or leading a sentence ("S9: ...").
RULE_ID = re.compile(r"^([A-Z]\d{1,2}b?)(?::|$)")
TABLE_ROW_ID = re.compile(r"^\| ([A-Z]\d{1,2}b?) \|", flags=re.MULTILINE)
# Ids shaped like rule ids that are not rules.
NOT_RULES = {
    "A1": "the article on strong calves and speed: a source the rules cite",
    "A2": "the article on calf size: a source the rules cite",
    "A4": "the paper size of the clinician's one-page summary",
}
# Rules docs/rules.md keeps although no code emits their id, each with the reason.
DOCUMENTED_FOR_THE_SPEC = {
    "P2": "the spec's 'runs kept easy' for a strength target: C1's reason and the week notes "
    "say it, under no id of its own",
    "H3": "hills in the history: given as numbers (situations uphill/downhill), no sentence",
    "H4": "trail and track in the history: given as numbers (situations trail/track_sprint)",
}
SOURCES = {"A1": "strong calves and speed", "A2": "calf size"}


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _rule_ids_in(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found = RULE_ID.match(node.value)
            if found and id(node) not in docstrings:
                yield found.group(1)


def engine_rule_ids() -> set[str]:
    """Every rule id a string constant of ``src/calfcoach`` names, of any family."""
    found = {i for path in (ROOT / "src/calfcoach").rglob("*.py") for i in _rule_ids_in(path)}
    return found - set(NOT_RULES)


def documented_rule_ids() -> set[str]:
    return set(TABLE_ROW_ID.findall(RULES.read_text(encoding="utf-8")))


def test_the_engine_uses_rule_ids() -> None:
    assert {"C0", "C1", "P8", "S2", "S6", "S8"} <= engine_rule_ids()


def test_the_scan_sees_every_family_wherever_it_is_emitted() -> None:
    # T and C..S in coaching/, C9 in services/engine.py, H and S9 in history/week.py.
    assert {"T5", "C9", "P13", "G1", "D1", "H1", "H2", "S9"} <= engine_rule_ids()


def test_every_rule_id_the_engine_uses_is_documented() -> None:
    missing = engine_rule_ids() - documented_rule_ids()
    assert not missing, f"add these to docs/rules.md: {sorted(missing)}"


def test_rules_md_documents_no_id_nobody_uses_without_a_reason() -> None:
    unused = documented_rule_ids() - engine_rule_ids()
    assert unused == set(DOCUMENTED_FOR_THE_SPEC), (
        "an id docs/rules.md lists that no code emits: remove it or give the reason in "
        f"DOCUMENTED_FOR_THE_SPEC ({sorted(unused ^ set(DOCUMENTED_FOR_THE_SPEC))})"
    )
    assert not set(NOT_RULES) & documented_rule_ids(), "sources are not rules"


def cited_docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@pytest.mark.parametrize("doc", cited_docs(), ids=lambda path: path.name)
def test_a_doc_citing_a1_or_a2_says_what_they_are_where_it_first_cites_them(doc: Path) -> None:
    lines = doc.read_text(encoding="utf-8").splitlines()
    for source, subject in SOURCES.items():
        first = next((line for line in lines if re.search(rf"\b{source}\b", line)), None)
        if first is None:
            continue
        assert subject in first and "shared/seeds/" in first, (
            f"{doc.name}: define {source} (the article on {subject}, in shared/seeds/) on the "
            f"line that first cites it, not: {first.strip()!r}"
        )


def test_the_readme_and_the_rules_cite_the_sources() -> None:
    assert "A1" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert {"A1", "A2"} <= set(re.findall(r"\bA[12]\b", RULES.read_text(encoding="utf-8")))


TODAY = date(2026, 12, 31)  # after every example's dates (a log may not be in the future)
EXAMPLE = re.compile(r"<!-- checked: ([a-z-]+) -->\n```json\n(.*?)```", re.DOTALL)


def _retest_changes(document: object) -> None:
    """The example is what the engine computes for the two example assessments."""
    examples = ROOT / "docs" / "examples"
    previous = json.loads((examples / "strength-runner.json").read_text(encoding="utf-8"))
    current = json.loads((examples / "general-runner.json").read_text(encoding="utf-8"))
    assert document == retest(previous, current, today=TODAY)["changes"]


READERS: dict[str, Callable[[object], object]] = {
    "assessment": lambda document: parse_assessment(document, TODAY),
    "plan": read_plan_document,
    "checkin": parse_checkin,
    "retest-changes": _retest_changes,
    "log": lambda document: parse_log(document, TODAY),
    "data": lambda document: read_data(document, TODAY),
}


def documented_examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(DOCUMENTS.read_text(encoding="utf-8"))


def test_every_json_example_in_documents_md_is_checked_and_every_shape_has_one() -> None:
    text = DOCUMENTS.read_text(encoding="utf-8")
    assert text.count("```json") == len(documented_examples()), (
        "put <!-- checked: KIND --> on the line before each ```json block"
    )
    assert sorted(kind for kind, _ in documented_examples()) == sorted(READERS)


@pytest.mark.parametrize(("kind", "text"), documented_examples(), ids=lambda v: v[:20])
def test_the_examples_in_documents_md_are_accepted_by_the_engine(kind: str, text: str) -> None:
    READERS[kind](json.loads(text))


def test_the_readme_links_the_documents_page() -> None:
    assert "(docs/documents.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


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
