"""Request ids over HTTP: on every answer, on the log lines of the request, on its 500s and on
the background import it started."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from calfcoach.services import history, training
from calfcoach.web.request_ids import RequestIdFilter
from tests.e2e.web.conftest import AppFactory, bearer, sign_up_and_token, signed_in

HEX_ID = re.compile(r"[0-9a-f]{32}")
HX = {"HX-Request": "true"}


@pytest.fixture
def with_ids(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog whose handler adds ``request_id`` as the served app's handler does."""
    request_ids = RequestIdFilter()
    caplog.handler.addFilter(request_ids)
    yield caplog
    caplog.handler.removeFilter(request_ids)


def request_id(record: logging.LogRecord) -> object:
    return vars(record).get("request_id")


def test_a_safe_request_id_comes_back_on_the_answer(client: TestClient) -> None:
    answer = client.get("/healthz", headers={"X-Request-ID": "proxy-7f3a-01"})
    assert answer.status_code == 200
    assert answer.headers["X-Request-ID"] == "proxy-7f3a-01"


@pytest.mark.parametrize(
    "sent", ["has space", "semi;colon", "<script>", "a" * 65, b"\xfcn\xefcode", "dots.are.out"]
)
def test_an_unsafe_request_id_is_replaced_by_a_new_one(
    client: TestClient, sent: str | bytes
) -> None:
    raw = sent if isinstance(sent, bytes) else sent.encode("ascii")
    answer = client.get("/healthz", headers=[(b"X-Request-ID", raw)])
    assert HEX_ID.fullmatch(answer.headers["X-Request-ID"])


def test_without_an_id_each_answer_gets_its_own(client: TestClient) -> None:
    first = client.get("/why-calves").headers["X-Request-ID"]
    second = client.get("/api/v1/plan").headers["X-Request-ID"]  # a 401 carries one too
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second)
    assert first != second


def test_a_log_record_written_during_a_request_carries_its_id(
    client: TestClient, with_ids: pytest.LogCaptureFixture
) -> None:
    with with_ids.at_level(logging.DEBUG, logger="calfcoach"):
        answer = client.get(
            "/api/v1/plan", headers={**bearer("made-up"), "X-Request-ID": "trace-42"}
        )
    assert answer.status_code == 401
    rollbacks = [r for r in with_ids.records if r.name == "calfcoach.store.unit_of_work"]
    assert rollbacks, "the refused token's unit of work rolls back, at debug level"
    assert {request_id(r) for r in rollbacks} == {"trace-42"}
    assert "made-up" not in with_ids.text, "the token is never logged"


def test_an_api_500_is_logged_with_its_traceback_and_answered_with_the_id_only(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, with_ids: pytest.LogCaptureFixture
) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    auth = sign_up_and_token(client, "runner@example.com")

    def broken(*_args: object) -> str:
        raise RuntimeError("disk full under /var/lib/secret")

    monkeypatch.setattr(training, "current_plan_json", broken)
    answer = client.get("/api/v1/plan", headers={**auth, "X-Request-ID": "incident-1"})
    assert answer.status_code == 500
    assert answer.headers["X-Request-ID"] == "incident-1"
    assert "incident-1" in answer.json()["error"]
    assert "disk full" not in answer.text, "no internals in the answer"
    [logged] = [r for r in with_ids.records if r.name == "calfcoach.web.errors"]
    assert logged.levelno == logging.ERROR
    assert logged.exc_info is not None and isinstance(logged.exc_info[1], RuntimeError)
    assert request_id(logged) == "incident-1"
    assert "GET /api/v1/plan" in logged.getMessage()
    assert "Traceback (most recent call last)" in with_ids.text


def test_a_page_500_shows_the_error_page_with_the_id(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, with_ids: pytest.LogCaptureFixture
) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    signed_in(client, "runner@example.com")

    def broken(*_args: object) -> object:
        raise RuntimeError("the store fell over")

    monkeypatch.setattr(training, "latest_plan", broken)
    answer = client.get("/diagnosis", headers={"X-Request-ID": "page-500"})
    assert answer.status_code == 500
    assert "text/html" in answer.headers["content-type"]
    assert "page-500" in answer.text and "fell over" not in answer.text
    assert [request_id(r) for r in with_ids.records if r.name == "calfcoach.web.errors"] == [
        "page-500"
    ]


def test_a_failed_background_import_is_logged_under_the_upload_request_id(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, with_ids: pytest.LogCaptureFixture
) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "uploader@example.com")

    def broken(*_args: object, **_kwargs: object) -> history.ImportReport:
        raise RuntimeError("connection reset by the database")

    monkeypatch.setattr(history, "import_files", broken)
    headers = {**HX, "X-CSRF-Token": csrf, "X-Request-ID": "upload-1"}
    files = [("files", ("run.gpx", b"<gpx/>", "application/octet-stream"))]
    answer = client.post("/history/upload", files=files, headers=headers)
    assert answer.status_code == 200
    job = re.search(r'data-job="([0-9a-f]+)"', answer.text)
    assert job
    deadline = time.monotonic() + 10
    while "the import stopped" not in (page := client.get(f"/history/jobs/{job[1]}").text):
        assert time.monotonic() < deadline, "the job did not fail within 10 s"
        time.sleep(0.05)
    assert "the import stopped: RuntimeError" in page
    assert "connection reset" not in page
    [logged] = [r for r in with_ids.records if r.name == "calfcoach.services.history_views"]
    assert logged.exc_info is not None and isinstance(logged.exc_info[1], RuntimeError)
    assert request_id(logged) == "upload-1"
    assert "uploader@example.com" not in with_ids.text and "run.gpx" not in with_ids.text
