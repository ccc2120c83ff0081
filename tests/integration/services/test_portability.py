"""Exporting a runner's data and importing it into an empty profile, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import cast

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import calendars, history
from calfcoach.services.accounts import Account
from calfcoach.services.history_files import files_at
from calfcoach.services.portability import export_data, import_data
from calfcoach.services.training import check_in, log_session, submit_assessment
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    FILES,
    NOW,
    REPORT_DAY,
    TODAY,
    Doc,
    a_log,
    checkin,
    count,
    counts,
    make_account,
    strength_assessment,
)

RUNS = [
    FILES / "history" / "dtcooper_garmin-fenix-5-run.fit",
    FILES / "history" / "vkurup_test.tcx",
]
LATER = NOW + timedelta(days=60)
RUNNER_TABLES = ("assessments", "plans", "checkins", "logs", "log_sets", "activities")
TABLES = (*RUNNER_TABLES, "calendar_times")


def a_runner_with_data(engine: Engine) -> Account:
    runner = make_account(engine, "source@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    report = checkin("ropey_after_spring_week2")
    check_in(UnitOfWork(engine), runner, report, REPORT_DAY, NOW + timedelta(days=11))
    log_session(
        UnitOfWork(engine),
        runner,
        a_log(date(2026, 11, 25), sets=[{"reps": 8, "load_kg": 20}, {"seconds": 30}]),
        REPORT_DAY,
        NOW,
    )
    right = a_log(date(2026, 11, 24), side="right", sets=[{"reps": 5, "load_kg": 15.5}])
    log_session(UnitOfWork(engine), runner, right, REPORT_DAY, NOW + timedelta(hours=1))
    imported = history.import_files(UnitOfWork(engine), runner, files_at(RUNS), NOW)
    assert imported.imported == 2
    times = {"easy": "07:00", "rest": "18:30"}
    calendars.set_session_times(UnitOfWork(engine), runner, "Europe/Oslo", times, NOW)
    return runner


def rows(engine: Engine) -> dict[str, int]:
    return {table: count(engine, table) for table in TABLES}


def exported(engine: Engine) -> Doc:
    return export_data(UnitOfWork(engine), a_runner_with_data(engine), NOW + timedelta(days=30))


def test_the_round_trip_is_lossless(engine: Engine) -> None:
    first = exported(engine)
    assert first["schema"] == "calfcoach.data/1"
    assert first["calendar"] == {
        "time_zone": "Europe/Oslo",
        "times": {"easy": "07:00", "rest": "18:30"},
        "updated_at": NOW.isoformat(),
    }
    assert [len(cast(list[object], first[k])) for k in RUNNER_TABLES if k != "log_sets"] == [
        1, 2, 1, 2, 2,
    ]  # fmt: skip
    text = json.dumps(first)
    target = make_account(engine, "target@example.com")
    imported = import_data(UnitOfWork(engine), target, json.loads(text), LATER)
    assert imported == {"assessments": 1, "plans": 2, "checkins": 1, "logs": 2, "activities": 2}
    again = export_data(UnitOfWork(engine), target, LATER)
    assert again["runner"] == {"email": "target@example.com"}
    assert again["exported_at"] == LATER.isoformat()
    ignored = ("runner", "exported_at")
    assert {k: v for k, v in again.items() if k not in ignored} == {
        k: v for k, v in first.items() if k not in ignored
    }
    assert json.dumps(again)


def test_the_document_holds_indexes_not_ids_and_dates_in_order(engine: Engine) -> None:
    document = exported(engine)
    plans = cast(list[Doc], document["plans"])
    assert [(p["block"], p["version"], p["assessment"]) for p in plans] == [(1, 1, 0), (1, 2, 0)]
    (report,) = cast(list[Doc], document["checkins"])
    assert report["plan"] == 1, "the check-in points at the version it produced"
    logs = cast(list[Doc], document["logs"])
    assert [log["date"] for log in logs] == ["2026-11-24", "2026-11-25"]
    sections = ("assessments", "plans", "checkins", "logs", "activities")
    keys = {key for name in sections for item in cast(list[Doc], document[name]) for key in item}
    assert not {key for key in keys if key == "id" or key.endswith("_id")}
    assert cast(list[Doc], document["assessments"])[0]["created_at"] == "2026-11-22T09:00:00+00:00"


Breaker = Callable[[Doc], object]


def _set(path: str, value: object) -> Breaker:
    def breaker(document: Doc) -> object:
        *parents, last = path.split(".")
        place: object = document
        for part in parents:
            place = (
                cast(list[object], place)[int(part)] if part.isdigit() else cast(Doc, place)[part]
            )
        if isinstance(place, list):
            place[int(last)] = value
        else:
            cast(Doc, place)[last] = value
        return document

    return breaker


def _without(key: str) -> Breaker:
    return lambda document: {k: v for k, v in document.items() if k != key}


@pytest.mark.parametrize(
    ("breaker", "field"),
    [
        (_set("schema", "calfcoach.data/2"), "schema"),
        (_without("schema"), "schema"),
        (_without("plans"), "plans"),
        (lambda document: ["not", "an", "object"], "document"),
        (_set("plans.1.assessment", 3), "plans[1].assessment"),
        (_set("checkins.0.plan", 2), "checkins[0].plan"),
        (_set("plans.0.document.plan.start", "soon"), "plans[0].document.plan.start"),
        (_set("assessments.0.document.heel_raise", None), "assessments[0].document.heel_raise"),
        (_set("checkins.0.document.feeling", "meh"), "checkins[0].document.feeling"),
        (_set("logs.1.sets.0.reps", -1), "logs[1].sets[0].reps"),
        (_set("activities.1.has_gps", "yes"), "activities[1].has_gps"),
        (_set("activities.1.content_hash", None), "activities[1].content_hash"),
        (_set("plans.1.version", 1), "plans[1].version"),
        (_set("logs.0.created_at", "yesterday"), "logs[0].created_at"),
        (_without("calendar"), "calendar"),
        (_set("calendar.time_zone", "Mars/Olympus"), "calendar.time_zone"),
        (_set("calendar.times.easy", "7am"), "calendar.times.easy"),
        (_set("calendar.times.someday", "07:00"), "calendar.times.someday"),
    ],
)
def test_a_broken_document_is_refused_naming_the_field_and_writes_nothing(
    engine: Engine, breaker: Breaker, field: str
) -> None:
    broken = breaker(copy.deepcopy(exported(engine)))
    target = make_account(engine, "target@example.com")
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        import_data(UnitOfWork(engine), target, broken, LATER)
    assert refused.value.field == field
    assert counts(engine) == before
    assert export_data(UnitOfWork(engine), target, LATER)["plans"] == []


def test_importing_twice_is_refused_the_second_time(engine: Engine) -> None:
    document = exported(engine)
    target = make_account(engine, "target@example.com")
    import_data(UnitOfWork(engine), target, document, LATER)
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        import_data(UnitOfWork(engine), target, document, LATER)
    assert refused.value.field == "runner"
    assert "already has data" in refused.value.problem
    assert counts(engine) == before


def test_a_crash_while_writing_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = exported(engine)
    target = make_account(engine, "target@example.com")
    before = rows(engine)

    def crash(*args: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("calfcoach.store.activities.Activities.add", crash)
    with pytest.raises(RuntimeError):
        import_data(UnitOfWork(engine), target, document, LATER)
    assert rows(engine) == before


def test_an_empty_runner_exports_an_empty_document_that_imports(engine: Engine) -> None:
    empty = make_account(engine, "empty@example.com")
    document = export_data(UnitOfWork(engine), empty, NOW)
    assert all(document[k] == [] for k in ("assessments", "plans", "checkins", "logs"))
    assert document["calendar"] is None
    target = make_account(engine, "target@example.com")
    assert set(import_data(UnitOfWork(engine), target, document, NOW).values()) == {0}


def test_a_profile_with_only_session_times_is_not_empty(engine: Engine) -> None:
    document = exported(engine)
    target = make_account(engine, "target@example.com")
    calendars.set_session_times(UnitOfWork(engine), target, "Europe/Rome", {"easy": "06:00"}, NOW)
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        import_data(UnitOfWork(engine), target, document, LATER)
    assert refused.value.field == "runner"
    assert counts(engine) == before
