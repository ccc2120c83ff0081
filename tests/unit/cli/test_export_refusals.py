"""`export ics`, `export summary` and `history` refuse what they cannot use, naming the option;
no file is written and nothing is stored.

Run in this process (support.invoke); tests/e2e/test_export_cli.py, test_records_cli.py and
test_history_cli.py run each command for real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import ASSESSMENTS, FILES
from tests.unit.cli.support import invoke

HISTORY = FILES / "history"
RUN_FIT = HISTORY / "dtcooper_garmin-fenix-5-run.fit"
WORKOUT = HISTORY / "dtcooper_WorkoutRepeatSteps.fit"


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the runner's own data folder (none of these commands should open it)."""
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'runner.sqlite3'}")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The strength runner's plan, as ``plan --json`` prints it."""
    result = invoke("plan", "--assessment", ASSESSMENTS / "strength_runner.json", "--json")
    assert result.code == 0, result
    path = tmp_path_factory.mktemp("plans") / "plan.json"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_export_ics_refuses_a_document_that_is_not_a_plan(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "calfcoach.plan/1"}', encoding="utf-8")
    result = invoke("export", "ics", "--plan", bad, "-o", tmp_path / "x.ics")
    assert result.code == 2
    assert result.stderr.startswith("calfcoach: error: diagnosis:")
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--at", "07:00"), "--tz: give the time zone"),
        (("--at", "easy=7", "--tz", "UTC"), "--at: times.easy must be a time as HH:MM"),
        (("--at", "brunch=10:00", "--tz", "UTC"), "--at: times.brunch is not a type of day"),
        (("--at", "07:00", "--tz", "Moon/Base"), "--tz: time_zone 'Moon/Base' is not a time zone"),
    ],
)
def test_export_ics_refuses_bad_times_naming_the_option(
    plan: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke("export", "ics", "--plan", plan, *args, "-o", tmp_path / "x.ics")
    assert result.code == 2
    assert result.stderr.startswith(f"calfcoach: error: {message}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--format", "docx", "-o", "summary.html"), "'docx' is not html or pdf"),
        (("-o", "summary.txt"), "cannot tell html or pdf from 'summary.txt'; give --format"),
    ],
)
def test_export_summary_refuses_a_format_it_does_not_write(
    tmp_path: Path, args: tuple[str, ...], named: str
) -> None:
    result = invoke("export", "summary", *args[:-1], tmp_path / args[-1])
    assert result.code == 2
    assert result.stderr == f"calfcoach: error: --format: {named}\n"
    assert not (tmp_path / args[-1]).exists()


def test_history_read_exits_1_and_names_the_file_it_could_not_read(tmp_path: Path) -> None:
    broken = tmp_path / "empty.gpx"
    broken.write_bytes(b"")
    result = invoke("history", "read", RUN_FIT, broken, WORKOUT, "--json")
    assert result.code == 1, result
    errors = {e["file"]: e["error"] for e in result.json() if "error" in e}
    assert set(errors) == {"empty.gpx", WORKOUT.name}
    assert "Traceback" not in result.stderr


def test_history_usage_error_exits_2() -> None:
    result = invoke("history", "import")
    assert result.code == 2
    assert result.stderr.startswith("calfcoach: error:")
