"""What the background import logs: a failure's traceback (the runner gets the same short
message as ever), its counts when done, and entries given up by their reason; never the
runner's email, file names or bytes."""

from __future__ import annotations

import io
import logging
import time
import zipfile
from collections import deque
from pathlib import Path

import pytest
from sqlalchemy import Engine

from calfcoach.services.accounts import Account
from calfcoach.services.history_views import ImportJobs, uploaded_files
from calfcoach.store.activities import Activities
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, make_account

FILES = Path(__file__).resolve().parents[2] / "files" / "history"
RUN_FIT = FILES / "dtcooper_garmin-fenix-5-run.fit"
JSON = dict[str, object]


def settled(jobs: ImportJobs, runner: Account, job_id: str) -> JSON:
    deadline = time.monotonic() + 10
    while (view := jobs.view(runner, job_id))["state"] == "running":
        assert time.monotonic() < deadline, "the import did not end within 10 s"
        time.sleep(0.02)
    return view


def test_a_failing_import_logs_its_traceback_and_tells_the_runner_only_that_it_stopped(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    runner = make_account(engine, "runner.private@example.com")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full under /var/lib/calfcoach")

    monkeypatch.setattr(Activities, "add", broken)
    jobs = ImportJobs(lambda: UnitOfWork(engine), lambda: NOW)
    with caplog.at_level(logging.DEBUG, logger="calfcoach"):
        view = settled(jobs, runner, jobs.start(runner, [(RUN_FIT.name, RUN_FIT.read_bytes())]))

    assert view["state"] == "failed"
    assert view["problem"] == "the import stopped: RuntimeError", "the message as before"
    [failed] = [r for r in caplog.records if r.name == "calfcoach.services.history_views"]
    assert failed.levelno == logging.ERROR
    assert failed.exc_info is not None and isinstance(failed.exc_info[1], RuntimeError)
    assert str(view["id"]) in failed.getMessage()
    assert "Traceback (most recent call last)" in caplog.text
    assert "disk full" in caplog.text, "the log keeps what the runner is not shown"
    rolled_back = [r for r in caplog.records if r.name == "calfcoach.store.unit_of_work"]
    assert [r.getMessage() for r in rolled_back] == [
        "rolling back the unit of work after RuntimeError"
    ]
    assert "runner.private@example.com" not in caplog.text
    assert RUN_FIT.name not in caplog.text, "file names are the runner's"


def test_a_finished_import_logs_its_counts_only(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    runner = make_account(engine, "counted@example.com")
    jobs = ImportJobs(lambda: UnitOfWork(engine), lambda: NOW)
    with caplog.at_level(logging.INFO, logger="calfcoach"):
        view = settled(jobs, runner, jobs.start(runner, [(RUN_FIT.name, RUN_FIT.read_bytes())]))
    assert view["state"] == "done"
    [done] = [r for r in caplog.records if r.name == "calfcoach.services.history_views"]
    assert done.getMessage().endswith("1 imported, 0 duplicates, 0 not running, 0 failed")
    assert RUN_FIT.name not in caplog.text and "counted@example.com" not in caplog.text


def test_an_export_entry_given_up_is_logged_at_debug_by_its_reason_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("../../private-name.fit", b"outside")
    with caplog.at_level(logging.DEBUG, logger="calfcoach.history"):
        found = list(uploaded_files(deque([("export.zip", data.getvalue())])))
    assert found == [("export.zip/../../private-name.fit", None, "escapes its folder")]
    assert [r.getMessage() for r in caplog.records] == ["export entry given up: escapes its folder"]
