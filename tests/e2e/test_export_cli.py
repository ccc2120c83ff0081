"""`calfcoach export ...` as a runner runs it; every file read back by an independent library.

The refusals (bad times, a document that is not a plan, a damaged data file) run in-process:
tests/unit/cli/test_export_refusals.py and tests/integration/cli/test_import_data_refusals.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from icalendar import Calendar

from tests.e2e.conftest import ASSESSMENTS, CHECKINS, Run


def planned(run: Run, tmp_path: Path) -> Path:
    plan = run("plan", "--assessment", ASSESSMENTS / "strength_runner.json", "--json")
    assert plan.code == 0, plan
    path = tmp_path / "plan.json"
    path.write_text(plan.stdout, encoding="utf-8")
    return path


def test_export_ics_writes_one_event_per_session(run: Run, tmp_path: Path) -> None:
    plan = planned(run, tmp_path)
    out = tmp_path / "plan.ics"
    result = run("export", "ics", "--plan", plan, "-o", out)
    assert result.code == 0, result
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    sessions = [s for w in planned_document(plan)["plan"]["weeks"] for s in w["sessions"]]
    assert len(events) == len(sessions)
    assert sorted(str(e.get("DTSTART").dt) for e in events) == sorted(s["date"] for s in sessions)
    again = tmp_path / "again.ics"
    run("export", "ics", "--plan", plan, "-o", again)
    uids = sorted(str(e.get("UID")) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT"))
    assert uids == sorted(str(e.get("UID")) for e in events), "UIDs are stable across exports"


def test_export_ics_puts_sessions_at_the_given_times_and_follows_versions(
    run: Run, tmp_path: Path
) -> None:
    plan = planned(run, tmp_path)
    adjusted = tmp_path / "adjusted.json"
    report = CHECKINS / "ankle_pain_week2.json"
    result = run("adjust", "--plan", plan, "--checkin", report, "--json")
    assert result.code == 0, result
    adjusted.write_text(result.stdout, encoding="utf-8")
    out = tmp_path / "timed.ics"
    args = ("--at", "rest=06:45", "--at", "easy=19:00", "--tz", "America/Chicago")
    result = run("export", "ics", "--plan", adjusted, "--previous", plan, *args, "-o", out)
    assert result.code == 0, result
    calendar = Calendar.from_ical(out.read_bytes())
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    week_types = planned_document(plan)["plan"]["week_types"]
    weeks = planned_document(adjusted)["plan"]["weeks"]
    day_type = {s["date"]: week_types[s["day"]] for w in weeks for s in w["sessions"]}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if event.get("STATUS") == "CANCELLED":
            continue
        day = start.date() if isinstance(start, datetime) else start
        expected = {"rest": (6, 45), "easy": (19, 0)}.get(day_type[day.isoformat()])
        if expected is None:
            assert not isinstance(start, datetime)
        else:
            assert (start.hour, start.minute, str(start.tzinfo)) == (*expected, "America/Chicago")
    assert len([e for e in calendar.walk("VEVENT") if e.get("STATUS") == "CANCELLED"]) == 1


def planned_document(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_fit_writes_a_workout_per_session_read_back_by_fitdecode(
    run: Run, tmp_path: Path
) -> None:
    plan = planned(run, tmp_path)
    out = tmp_path / "watch"
    result = run("export", "fit", "--plan", plan, "--out-dir", out)
    assert result.code == 0, result
    files = sorted(out.glob("*.fit"))
    sessions = [s for w in planned_document(plan)["plan"]["weeks"] for s in w["sessions"]]
    assert len(files) == len(sessions)
    for path in files:
        with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            names = [f.name for f in reader if isinstance(f, fitdecode.FitDataMessage)]
        assert names[0] == "file_id"
        assert "workout" in names
        assert names.count("workout_step") >= 1


def test_export_data_then_import_into_another_database_is_lossless(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'one.sqlite3'}")
    files = Path(__file__).resolve().parents[1] / "files" / "history"
    assert run("history", "import", files / "vkurup_test.tcx").code == 0
    first = tmp_path / "first.json"
    assert run("export", "data", "-o", first).code == 0
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'two.sqlite3'}")
    loaded = run("import", "data", first, "--json")
    assert loaded.code == 0, loaded
    assert loaded.json()["activities"] == 1
    second = tmp_path / "second.json"
    assert run("export", "data", "-o", second).code == 0
    before, after = planned_document(first), planned_document(second)
    for document in (before, after):
        document.pop("exported_at")
    assert after == before
    again = run("import", "data", first)
    assert again.code == 2
    assert again.stderr.startswith("calfcoach: error: runner: already has data")
