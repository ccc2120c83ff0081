"""`calfcoach history ...` and `plan --from-history` as a runner runs them (real process).

An unreadable file and a usage error are checked in-process: tests/unit/cli/test_export_refusals.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.databases import copy_sqlite
from tests.e2e.conftest import ASSESSMENTS, Run

FILES = Path(__file__).resolve().parents[1] / "files" / "history"
RUN_FIT = FILES / "dtcooper_garmin-fenix-5-run.fit"
RUN_TCX = FILES / "vkurup_test.tcx"
WORKOUT = FILES / "dtcooper_WorkoutRepeatSteps.fit"


@pytest.fixture(autouse=True)
def own_database(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty, migrated database (tests/e2e/test_export_cli.py starts from no file at all)."""
    url = copy_sqlite(sqlite_template, tmp_path / "history.sqlite3")
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", url)


def test_read_prints_one_entry_per_activity_and_stores_nothing(run: Run) -> None:
    result = run("history", "read", RUN_FIT, RUN_TCX, "--json")
    assert result.code == 0, result
    entries = result.json()
    assert [e["format"] for e in entries] == ["fit", "tcx"]
    assert all(e["sport"] == "running" for e in entries)
    assert entries[0]["start"].endswith("Z")
    week = run("history", "week", "--json")
    assert week.json()["weeks_analysed"] == 0, "read stores nothing"


def test_import_twice_stores_once(run: Run) -> None:
    first = run("history", "import", FILES, "--json")
    assert first.code == 1, "the workout file in the folder is not an activity"
    report = first.json()
    assert report["imported"] >= 3
    assert [f["file"] for f in report["failed"]] == [f"history/{WORKOUT.name}"]
    again = run("history", "import", FILES, "--json").json()
    assert again["imported"] == 0
    assert again["duplicates"] == report["imported"]


def test_week_and_plan_from_history(run: Run) -> None:
    assert run("history", "import", RUN_TCX, RUN_FIT, "--json").code == 0
    week = run("history", "week", "--json")
    assert week.code == 0
    assert set(week.json()) >= {"week", "weeks_analysed", "long_run_day", "situations", "warnings"}
    refused = run("plan", "--from-history", "--assessment", ASSESSMENTS / "strength_runner.json")
    assert refused.code == 2
    assert refused.stderr.startswith("calfcoach: error: --from-history:")
    assert "import your history first" in refused.stderr


def test_an_old_export_gives_its_own_last_weeks_and_says_how_old_they_are(run: Run) -> None:
    assert run("history", "import", RUN_TCX, "--json").code == 0  # one run, 26 December 2012
    document = run("history", "week", "--json").json()
    assert document["weeks_analysed"] == 1
    assert document["used"] == "from your runs of 24 December to 30 December 2012"
    assert document["weeks_used"] == ["2012-12-24"]
    assert document["warnings"][0].startswith("Your newest run is from 26 December 2012")
    shown = run("history", "week")
    assert shown.code == 0
    assert "This week comes from your runs of 24 December to 30 December 2012." in shown.stdout
    assert "Your newest run is from 26 December 2012" in shown.stdout
