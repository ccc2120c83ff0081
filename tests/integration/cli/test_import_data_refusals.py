"""`calfcoach import data` refuses a file it cannot load whole and stores nothing.

The command runs in this process (tests/unit/cli/support.py) on SQLite files copied from the
worker's migrated template; tests/e2e/test_export_cli.py runs export and import for real.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.databases import copy_sqlite
from tests.e2e.conftest import ASSESSMENTS, CHECKINS, FILES
from tests.unit.cli.support import invoke

HISTORY = FILES / "history"
SECTIONS = ("assessments", "plans", "checkins", "logs", "activities")


def use_database(monkeypatch: pytest.MonkeyPatch, template: Path, path: Path) -> None:
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", copy_sqlite(template, path))


@pytest.fixture(autouse=True)
def target(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's database: empty, migrated."""
    use_database(monkeypatch, sqlite_template, tmp_path / "target.sqlite3")


@pytest.fixture(scope="module")
def whole(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An exported file with a run, to which a test, its plan, a check-in and the adjusted plan
    are added as the store would export them (the command line has no way to store a test)."""
    folder = tmp_path_factory.mktemp("source")
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_database(monkeypatch, sqlite_template, folder / "source.sqlite3")
        assert invoke("history", "import", HISTORY / "vkurup_test.tcx").code == 0
        assert invoke("export", "data", "-o", folder / "good.json").code == 0
    document = json.loads((folder / "good.json").read_text(encoding="utf-8"))
    plan = invoke("plan", "--assessment", ASSESSMENTS / "strength_runner.json", "--json")
    assert plan.code == 0, plan
    report = CHECKINS / "ropey_after_spring_week2.json"
    adjusted = invoke("adjust", "--plan", "-", "--checkin", report, "--json", stdin=plan.stdout)
    assert adjusted.code == 0
    at = "2026-11-20T08:00:00+00:00"
    test = json.loads((ASSESSMENTS / "strength_runner.json").read_text())
    document["assessments"] = [{"taken_on": "2026-11-20", "document": test, "created_at": at}]
    document["plans"] = [
        {"block": 1, "version": v, "assessment": 0, "document": json.loads(d), "created_at": at}
        for v, d in ((1, plan.stdout), (2, adjusted.stdout))
    ]
    checkin = json.loads(report.read_text())
    document["checkins"] = [
        {"plan": 1, "reported_on": checkin["date"], "document": checkin, "created_at": at}
    ]
    return json.dumps(document, indent=2)


def test_import_data_refuses_another_schema_version(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema": "calfcoach.data/9"}', encoding="utf-8")
    result = invoke("import", "data", wrong)
    assert result.code == 2
    assert result.stderr.startswith("calfcoach: error: schema:")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[: len(text) // 2], "IN.json: not valid JSON"),
        (lambda text: text.replace('"assessment": 0', '"assessment": 4'), "plans[0].assessment:"),
        (lambda text: text.replace('"plan": 1', '"plan": 7'), "checkins[0].plan:"),
    ],
    ids=["cut-short", "plan-points-at-no-test", "check-in-points-at-no-plan"],
)
def test_import_data_refuses_a_damaged_file_and_stores_nothing(
    whole: str, tmp_path: Path, damage: Callable[[str], str], message: str
) -> None:
    damaged, checked = tmp_path / "damaged.json", tmp_path / "whole.json"
    damaged.write_text(damage(whole), encoding="utf-8")
    checked.write_text(whole, encoding="utf-8")
    result = invoke("import", "data", damaged)
    assert result.code == 2
    assert result.stderr.startswith(f"calfcoach: error: {message}")
    empty = tmp_path / "empty.json"
    assert invoke("export", "data", "-o", empty).code == 0
    nothing = json.loads(empty.read_text(encoding="utf-8"))
    assert all(nothing[name] == [] for name in SECTIONS)
    loaded = invoke("import", "data", checked, "--json")  # the undamaged file goes in whole
    assert loaded.code == 0, loaded
    assert loaded.json() == dict(zip(SECTIONS, (1, 2, 1, 0, 1), strict=True))
