"""The training-history pages over HTTP: upload, the background import, the runs, the week."""

from __future__ import annotations

import asyncio
import io
import re
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from starlette.datastructures import UploadFile

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.history_files import read_files
from tests.e2e.web.conftest import PASSWORD, ROOT, AppFactory, csrf_from, sign_up, signed_in

FILES = ROOT / "tests" / "files" / "history"
RUN_FIT = FILES / "dtcooper_garmin-fenix-5-run.fit"
RUN_TCX = FILES / "vkurup_test.tcx"
BAD = ("notes.fit", b"this is not a FIT file")
HX = {"HX-Request": "true"}
TODAY = date(2026, 12, 10)  # the conftest clock's day, a Thursday
Upload = tuple[str, tuple[str, bytes, str]]


def upload(name: str, data: bytes) -> Upload:
    return ("files", (name, data, "application/octet-stream"))


def real(path: Path) -> Upload:
    return upload(path.name, path.read_bytes())


def start(client: TestClient, csrf: str, files: list[Upload]) -> str:
    """Posts the files as htmx does; returns the job id the progress fragment carries."""
    answer = client.post("/history/upload", files=files, headers={**HX, "X-CSRF-Token": csrf})
    assert answer.status_code == 200, answer.text
    found = re.search(r'data-job="([0-9a-f]+)"', answer.text)
    assert found, answer.text
    return found.group(1)


def finished(client: TestClient, job_id: str) -> str:
    """Polls the fragment as the page does until the job is over (10 s at most)."""
    deadline = time.monotonic() + 10
    while True:
        fragment = client.get(f"/history/jobs/{job_id}", headers=HX)
        assert fragment.status_code == 200
        if 'class="import-job running"' not in fragment.text:
            assert 'hx-trigger="every 1s"' not in fragment.text, "a finished job stops polling"
            return fragment.text
        assert 'hx-trigger="every 1s"' in fragment.text, "a running job polls itself"
        assert time.monotonic() < deadline, "the import did not finish within 10 s"
        time.sleep(0.05)


def count(fragment: str, what: str) -> int:
    found = re.search(rf"<strong>(\d+)</strong> {what}", fragment)
    assert found, f"no {what!r} count in {fragment}"
    return int(found.group(1))


def test_an_upload_is_imported_in_the_background_and_listed(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "history@example.com")
    job = start(client, csrf, [real(RUN_FIT), real(RUN_TCX), upload(*BAD)])
    done = finished(client, job)
    assert (count(done, "imported"), count(done, "already stored")) == (2, 0)
    assert count(done, "not readable") == 1
    reason = escape(str(read_files([BAD])[0]["error"]))
    assert f'<span class="file">notes.fit</span>: {reason}' in done
    assert 'href="/history"' in done, "the finished fragment links to the refreshed page"

    page = client.get("/history").text
    assert RUN_FIT.name in page and RUN_TCX.name in page
    assert "2 stored" in page
    assert 'id="chart-running"' in page and "<svg" in page

    again = finished(client, start(client, csrf, [real(RUN_FIT)]))
    assert (count(again, "imported"), count(again, "already stored")) == (0, 1)


def test_without_htmx_the_upload_leads_to_the_job_page(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "plain@example.com")
    answer = client.post(
        "/history/upload", data={"csrf_token": csrf}, files=[real(RUN_FIT)], follow_redirects=False
    )
    assert answer.status_code == 303
    job_page = answer.headers["location"]
    assert re.fullmatch(r"/history/jobs/[0-9a-f]+", job_page)
    page = client.get(job_page).text
    assert "<h1>Importing your runs</h1>" in page and 'aria-current="page">History' in page
    finished(client, job_page.rsplit("/", 1)[1])


def test_a_zip_entry_that_escapes_its_folder_is_refused(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "zip@example.com")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("../evil.fit", RUN_FIT.read_bytes())
        zipped.writestr("runs/good.fit", RUN_FIT.read_bytes())
    done = finished(client, start(client, csrf, [upload("export.zip", archive.getvalue())]))
    assert "escapes its folder" in done
    assert count(done, "imported") == 1


def test_an_upload_needs_the_csrf_token_and_a_file(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "csrf@example.com")
    assert client.post("/history/upload", files=[real(RUN_FIT)]).status_code == 403
    assert client.post("/history/upload", files=[real(RUN_FIT)], headers=HX).status_code == 403
    empty = client.post("/history/upload", data={"csrf_token": csrf})
    assert empty.status_code == 422
    assert "files: choose at least one file" in empty.text
    assert "No runs yet" in client.get("/history").text


def test_another_runner_cannot_see_the_job(make_app: AppFactory) -> None:
    app = make_app()
    owner, other = TestClient(app), TestClient(app)
    job = start(owner, signed_in(owner, "owner@example.com"), [real(RUN_FIT)])
    signed_in(other, "other@example.com")
    assert other.get(f"/history/jobs/{job}").status_code == 404
    assert other.get(f"/history/jobs/{job}", headers=HX).status_code == 404
    assert "Import finished" in finished(owner, job)
    assert RUN_FIT.name not in other.get("/history").text


def test_the_history_page_is_for_signed_in_runners(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    answer = client.get("/history", follow_redirects=False)
    assert answer.headers["location"] == "/signin?next=/history"
    sign_up(client, "coach@example.com", role="coach")
    token = csrf_from(client.get("/signin").text)
    client.post(
        "/signin", data={"csrf_token": token, "email": "coach@example.com", "password": PASSWORD}
    )
    assert client.get("/history").status_code == 403


def gpx_run(day: date, km: float, pace_s_per_km: float) -> bytes:
    """A run due north from 45 N 6 E: points 0.001 degree (about 111 m) apart."""
    step_m = 111.195
    points = round(km * 1000 / step_m) + 1
    began = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    track = "".join(
        f'<trkpt lat="{45 + i * 0.001:.3f}" lon="6.0"><ele>100</ele>'
        f"<time>{began + timedelta(seconds=i * step_m * pace_s_per_km / 1000):%Y-%m-%dT%H:%M:%SZ}"
        "</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><type>running</type><trkseg>{track}</trkseg></trk></gpx>"
    ).encode()


def six_weeks_of_runs(today: date = TODAY) -> bytes:
    """The six weeks before ``today``'s: fast 5 km Tuesdays, easy 6 km Wednesdays, a long
    15 km Saturdays; one GPX file a run, zipped as an export would be."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for weeks_ago in range(1, 7):
            monday = today - timedelta(days=today.weekday(), weeks=weeks_ago)
            for offset, km, pace in ((1, 5, 240), (2, 6, 330), (5, 15, 345)):
                day = monday + timedelta(days=offset)
                zipped.writestr(f"runs/{day}.gpx", gpx_run(day, km, pace))
    return archive.getvalue()


def selected(page: str, day: str) -> str:
    select = re.search(rf'<select name="week_{day}">(.*?)</select>', page, re.DOTALL)
    assert select, f"no select for {day}"
    chosen = re.findall(r'<option value="(\w+)" selected>', select.group(1))
    assert len(chosen) == 1, select.group(1)
    return str(chosen[0])


def test_the_derived_week_is_shown_editable_and_taken_to_the_tests(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = signed_in(client, "week@example.com")
    before = client.get("/history").text
    assert "no runs in the last eight weeks" in before and 'id="week-form"' not in before
    done = finished(client, start(client, csrf, [upload("strava.zip", six_weeks_of_runs())]))
    assert count(done, "imported") == 18

    page = client.get("/history").text
    week = {day: selected(page, day) for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert week == {
        "mon": "rest", "tue": "quality", "wed": "easy", "thu": "rest",
        "fri": "rest", "sat": "long", "sun": "rest",
    }  # fmt: skip
    assert '<span class="rule-tag" title="Rule H1: The day that most often' in page
    assert '<span class="rule-tag" title="Rule H2: The days with clearly faster' in page
    assert '<form method="get" action="/tests" id="week-form">' in page
    assert "Use this week for my tests" in page
    assert "18 runs" in page, "the chart's caption counts the runs it shows"


def test_the_tests_page_takes_the_week_from_the_query(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    signed_in(client, "query@example.com")
    plain = client.get("/tests").text
    assert selected(plain, "sat") == "long" and selected(plain, "tue") == "quality"
    assert "week-from-history" not in plain
    page = client.get("/tests?week_sat=easy&week_sun=long&week_tue=rest").text
    assert (selected(page, "sat"), selected(page, "sun"), selected(page, "tue")) == (
        "easy",
        "long",
        "rest",
    )
    assert selected(page, "mon") == "rest", "a day not given keeps the usual default"
    assert 'id="week-from-history"' in page


def test_uploads_over_the_cap_are_refused_naming_the_field() -> None:
    from calfcoach.web.uploads import UploadTooLarge, read_uploads

    def file(name: str, data: bytes) -> UploadFile:
        return UploadFile(io.BytesIO(data), size=len(data), filename=name)

    small = asyncio.run(read_uploads([file("../../a.fit", b"12345")], limit=10))
    assert small == [("a.fit", b"12345")], "only the last part of a sent name is kept"
    with pytest.raises(UploadTooLarge) as refused:
        asyncio.run(read_uploads([file("a.fit", b"123456"), file("b.fit", b"123456")], limit=10))
    assert refused.value.field == "files" and refused.value.status_code == 413
    with pytest.raises(InvalidDocument, match="choose at least one file"):
        asyncio.run(read_uploads(["", file("", b"")]))
