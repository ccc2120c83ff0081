"""`calfcoach export ...` as a runner runs it; every file read back by an independent library."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from icalendar import Calendar

from tests.e2e.conftest import ASSESSMENTS, CHECKINS, FILES, Run

HISTORY = FILES / "history"


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


def test_export_ics_refuses_a_document_that_is_not_a_plan(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "calfcoach.plan/1"}', encoding="utf-8")
    result = run("export", "ics", "--plan", bad, "-o", tmp_path / "x.ics")
    assert result.code == 2
    assert result.stderr.startswith("calfcoach: error: diagnosis:")
    assert not (tmp_path / "x.ics").exists()


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
    run: Run, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    plan = planned(run, tmp_path)
    result = run("export", "ics", "--plan", plan, *args, "-o", tmp_path / "x.ics")
    assert result.code == 2
    assert result.stderr.startswith(f"calfcoach: error: {message}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.ics").exists()


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


def test_import_data_refuses_another_schema_version(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema": "calfcoach.data/9"}', encoding="utf-8")
    result = run("import", "data", wrong)
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
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: Callable[[str], str],
    message: str,
) -> None:
    whole = data_file_with_a_check_in(run, tmp_path, monkeypatch)
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'target.sqlite3'}")
    damaged, checked = tmp_path / "damaged.json", tmp_path / "whole.json"
    damaged.write_text(damage(whole), encoding="utf-8")
    checked.write_text(whole, encoding="utf-8")
    result = run("import", "data", damaged)
    assert result.code == 2
    assert result.stderr.startswith(f"calfcoach: error: {message}")
    empty = tmp_path / "empty.json"
    assert run("export", "data", "-o", empty).code == 0
    nothing = json.loads(empty.read_text(encoding="utf-8"))
    sections = ("assessments", "plans", "checkins", "logs", "activities")
    assert all(nothing[name] == [] for name in sections)
    loaded = run("import", "data", checked, "--json")  # the undamaged file goes in whole
    assert loaded.code == 0, loaded
    assert loaded.json() == dict(zip(sections, (1, 2, 1, 0, 1), strict=True))


def data_file_with_a_check_in(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An exported file with a run, to which a test, its plan, a check-in and the adjusted plan
    are added as the store would export them (the command line has no way to store a test)."""
    monkeypatch.setenv("CALFCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'source.sqlite3'}")
    assert run("history", "import", HISTORY / "vkurup_test.tcx").code == 0
    assert run("export", "data", "-o", tmp_path / "good.json").code == 0
    document = planned_document(tmp_path / "good.json")
    plan = planned(run, tmp_path)
    report = CHECKINS / "ropey_after_spring_week2.json"
    adjusted = run("adjust", "--plan", plan, "--checkin", report, "--json")
    assert adjusted.code == 0
    at = "2026-11-20T08:00:00+00:00"
    test = json.loads((ASSESSMENTS / "strength_runner.json").read_text())
    document["assessments"] = [{"taken_on": "2026-11-20", "document": test, "created_at": at}]
    document["plans"] = [
        {"block": 1, "version": v, "assessment": 0, "document": json.loads(d), "created_at": at}
        for v, d in ((1, plan.read_text()), (2, adjusted.stdout))
    ]
    checkin = json.loads(report.read_text())
    document["checkins"] = [
        {"plan": 1, "reported_on": checkin["date"], "document": checkin, "created_at": at}
    ]
    return json.dumps(document, indent=2)
