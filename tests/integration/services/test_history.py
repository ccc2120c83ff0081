"""Importing real files into the store, on SQLite and PostgreSQL: once per content, per activity."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import history
from calfcoach.services.history_files import FoundFile, files_at
from calfcoach.services.profiles import LOCAL_RUNNER, local_runner
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, count, make_account, strength_assessment

FILES = Path(__file__).resolve().parents[2] / "files" / "history"
RUN_FIT = FILES / "dtcooper_garmin-fenix-5-run.fit"
RUN_TCX = FILES / "vkurup_test.tcx"
WORKOUT = FILES / "dtcooper_WorkoutRepeatSteps.fit"


def found(*paths: Path) -> list[FoundFile]:
    return list(files_at(paths))


def test_importing_twice_stores_each_run_once(engine: Engine) -> None:
    runner = make_account(engine, "importer@example.com")
    first = history.import_files(UnitOfWork(engine), runner, found(RUN_FIT, RUN_TCX), NOW)
    assert (first.imported, first.duplicates, first.failed) == (2, 0, [])
    again = history.import_files(UnitOfWork(engine), runner, found(RUN_FIT, RUN_TCX), NOW)
    assert (again.imported, again.duplicates) == (0, 2)
    assert count(engine, "activities") == 2


def test_a_bad_file_is_reported_and_the_rest_is_stored(engine: Engine) -> None:
    runner = make_account(engine, "mixed@example.com")
    files = [("notes.txt", b"not an activity", None), *found(WORKOUT, RUN_FIT)]
    report = history.import_files(UnitOfWork(engine), runner, files, NOW)
    assert report.imported == 1
    assert [name for name, _ in report.failed] == ["notes.txt", WORKOUT.name]
    assert "not an activity" in report.failed[1][1]
    assert count(engine, "activities") == 1


def test_a_crash_mid_import_keeps_every_activity_stored_before_it(engine: Engine) -> None:
    runner = make_account(engine, "crash@example.com")

    def files_then_crash() -> Iterator[FoundFile]:
        yield from found(RUN_FIT)
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError):
        history.import_files(UnitOfWork(engine), runner, files_then_crash(), NOW)
    assert count(engine, "activities") == 1
    again = history.import_files(UnitOfWork(engine), runner, found(RUN_FIT), NOW)
    assert again.duplicates == 1


def test_runs_are_scoped_to_their_runner(engine: Engine) -> None:
    alice = make_account(engine, "alice@example.com")
    bob = make_account(engine, "bob@example.com")
    history.import_files(UnitOfWork(engine), alice, found(RUN_FIT), NOW)
    assert len(history.stored_activities(UnitOfWork(engine), alice)) == 1
    assert history.stored_activities(UnitOfWork(engine), bob) == []
    report = history.import_files(UnitOfWork(engine), bob, found(RUN_FIT), NOW)
    assert report.imported == 1, "the same file is new for another runner"


def test_a_zip_with_an_escaping_entry_reports_it_and_imports_the_rest(
    engine: Engine, tmp_path: Path
) -> None:
    runner = make_account(engine, "zip@example.com")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("runs/one.fit", RUN_FIT.read_bytes())
        bundle.writestr("../../etc/evil.fit", RUN_FIT.read_bytes())
    path = tmp_path / "bundle.zip"
    path.write_bytes(archive.getvalue())
    report = history.import_files(UnitOfWork(engine), runner, found(path), NOW)
    assert report.imported == 1
    assert len(report.failed) == 1
    assert "escapes its folder" in report.failed[0][1]


def test_stored_runs_give_the_week_and_plan_from_history(engine: Engine) -> None:
    runner = make_account(engine, "week@example.com")
    history.import_files(UnitOfWork(engine), runner, found(RUN_TCX), NOW)
    [run] = history.stored_activities(UnitOfWork(engine), runner)
    assert run.start is not None
    after = run.start.date() + (date(2026, 1, 5) - date(2026, 1, 1))
    week = history.runner_week(UnitOfWork(engine), runner, after)
    assert week["weeks_analysed"] == 1
    plan = history.plan_with_history(UnitOfWork(engine), runner, strength_assessment(), after)
    from_history = plan["history"]
    assert isinstance(from_history, dict)
    assert from_history["week"] == week["week"]
    with pytest.raises(InvalidDocument, match="import your history first"):
        history.plan_with_history(
            UnitOfWork(engine), runner, strength_assessment(), date(2030, 1, 1)
        )


def test_the_local_profile_is_made_once(engine: Engine) -> None:
    first = local_runner(UnitOfWork(engine), None, NOW)
    again = local_runner(UnitOfWork(engine), None, NOW)
    assert first == again
    assert first.email == LOCAL_RUNNER
    assert count(engine, "accounts") == 1


def test_parsing_in_worker_processes_gives_the_same_import(engine: Engine) -> None:
    alone = make_account(engine, "alone@example.com")
    together = make_account(engine, "together@example.com")
    files = [*found(RUN_FIT, RUN_TCX, WORKOUT), ("bad.gpx", b"<gpx", None)]
    one = history.import_files(UnitOfWork(engine), alone, files, NOW)
    two = history.import_files(UnitOfWork(engine), together, files, NOW, workers=2)
    assert two.document() == one.document()
    assert [a.entry() for a in history.stored_activities(UnitOfWork(engine), together)] == [
        a.entry() for a in history.stored_activities(UnitOfWork(engine), alone)
    ]


def test_a_garmin_connect_export_with_zips_inside_imports_its_runs(
    engine: Engine, tmp_path: Path
) -> None:
    runner = make_account(engine, "garmin@example.com")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as uploads:
        uploads.writestr("2024-05-04_upload_99.fit", RUN_FIT.read_bytes())
        uploads.writestr("workout_1.fit", WORKOUT.read_bytes())
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as export:
        export.writestr(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue()
        )
        export.writestr("DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json", "[]")
    path = tmp_path / "garmin_export.zip"
    path.write_bytes(outer.getvalue())
    report = history.import_files(UnitOfWork(engine), runner, found(path), NOW)
    assert report.imported == 1
    assert [error for _, error in report.failed] == [
        "not an activity: the FIT file type is workout"
    ]
    again = history.import_files(UnitOfWork(engine), runner, found(path), NOW)
    assert again.duplicates == 1
