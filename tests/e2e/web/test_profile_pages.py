"""The profile and the plan's take-away files over HTTP, on SQLite and PostgreSQL.

Every file the app hands out is read back by an independent library: icalendar for calendars,
fitdecode (CRC checked) for the watch workouts, json for the data file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date, datetime
from typing import Any

import fitdecode
import lxml.html
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.e2e.web.conftest import (
    AppFactory,
    a_log,
    assess,
    bearer,
    checkin,
    signed_in,
    token_for,
)
from tests.ical import events

FEED = re.compile(r'value="(http://testserver/calendar/[A-Za-z0-9_-]+\.ics)"')


def a_runner_with_a_plan(client: TestClient, email: str = "feed@example.com") -> str:
    """Signed in through the browser, assessed through the API; returns the CSRF token."""
    csrf = signed_in(client, email)
    assess(client, bearer(token_for(client, email)))
    return csrf


def subscribe(client: TestClient, csrf: str, variant: str = "full") -> str:
    answer = client.post(
        "/profile/calendar/subscribe",
        data={"csrf_token": csrf, "variant": variant},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/profile#calendar"
    page = client.get(answer.headers["location"]).text
    found = FEED.search(page)
    assert found, "the new address is shown on the page it redirects to"
    assert f'href="webcal://testserver/calendar/{found.group(1).rsplit("/", 1)[1]}"' in page
    assert not FEED.search(client.get("/profile").text), "the address is shown only once"
    return found.group(1)


def planned(client: TestClient, email: str) -> list[dict[str, Any]]:
    plan = client.get("/api/v1/plan", headers=bearer(token_for(client, email))).json()
    return [s for week in plan["plan"]["weeks"] for s in week["sessions"]]


def test_a_phone_subscribes_and_follows_the_plan_until_the_address_is_stopped(
    make_app: AppFactory,
) -> None:
    app = make_app()
    client = TestClient(app)
    csrf = a_runner_with_a_plan(client)
    assert "No address yet" in client.get("/profile").text
    url = subscribe(client, csrf)
    phone = TestClient(app)  # no cookies: the address alone must be enough
    served = phone.get(url)
    assert served.status_code == 200
    assert served.headers["content-type"] == "text/calendar; charset=utf-8"
    assert served.headers["cache-control"] == "private, max-age=900"
    assert served.headers["referrer-policy"] == "no-referrer"
    assert served.headers["x-robots-tag"] == "noindex"
    dates = [e.decoded("dtstart").isoformat() for e in events(served.content)]
    assert dates == [s["date"] for s in planned(client, "feed@example.com")]

    token = bearer(token_for(client, "feed@example.com"))
    report = client.post("/api/v1/checkins", json=checkin("ankle_pain_week2"), headers=token)
    assert report.status_code == 200, report.text
    after = events(phone.get(url).content)
    [cancelled] = [e for e in after if e.get("status") == "CANCELLED"]
    assert cancelled.decoded("dtstart") == date(2026, 12, 4)  # Friday's ankle work (S4)

    profile = client.get("/profile").text
    assert url not in profile, "the secret is shown once, never again"
    feed_id = re.search(r'action="/profile/calendar/(\d+)/revoke"', profile)
    assert feed_id
    stop = client.post(
        f"/profile/calendar/{feed_id.group(1)}/revoke",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert stop.status_code == 303
    assert phone.get(url).status_code == 404
    assert "No address yet" in client.get("/profile").text


def test_the_busy_only_address_shows_no_exercises_or_health_details(
    make_app: AppFactory,
) -> None:
    app = make_app()
    client = TestClient(app)
    csrf = a_runner_with_a_plan(client)
    url = subscribe(client, csrf, "busy")
    data = TestClient(app).get(url).content
    found = events(data)
    assert len(found) == len(planned(client, "feed@example.com"))
    assert {str(e["summary"]) for e in found} == {"Training (calfcoach)"}
    download = client.get("/plan.ics?busy=true")
    assert download.headers["content-disposition"] == 'attachment; filename="calfcoach-busy.ics"'
    for calendar in (data.decode(), download.text):
        text = calendar.lower().replace("calfcoach", "")
        for word in ("calf raise", "pogo", "ankle", "strength", "description", "categories"):
            assert word not in text


def test_another_runner_cannot_stop_my_address(make_app: AppFactory) -> None:
    app = make_app()
    mine, theirs = TestClient(app), TestClient(app)
    csrf = a_runner_with_a_plan(mine, "mine@example.com")
    url = subscribe(mine, csrf)
    feed_id = re.search(r"/profile/calendar/(\d+)/revoke", mine.get("/profile").text)
    assert feed_id
    other_csrf = signed_in(theirs, "theirs@example.com")
    answer = theirs.post(
        f"/profile/calendar/{feed_id.group(1)}/revoke", data={"csrf_token": other_csrf}
    )
    assert answer.status_code == 404
    assert TestClient(app).get(url).status_code == 200


def test_forms_without_the_csrf_token_change_nothing(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    a_runner_with_a_plan(client)
    refused = client.post("/profile/calendar/subscribe", data={"variant": "full"})
    assert refused.status_code == 403
    times = client.post("/profile/calendar/times", data={"time_zone": "Europe/Rome"})
    assert times.status_code == 403
    page = client.get("/profile").text
    assert "No address yet" in page
    assert 'list="zones" value="Europe/Rome"' not in page


def test_session_times_put_sessions_at_the_runners_hour(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = a_runner_with_a_plan(client)
    form = {"csrf_token": csrf, "time_zone": "Europe/Rome", "times.rest": "18:30"}
    saved = client.post("/profile/calendar/times", data=form, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get("/profile").text
    assert 'list="zones" value="Europe/Rome"' in page
    assert '<option value="America/New_York">' in page
    assert "Etc/GMT" not in page, "the picker offers real places, not the legacy aliases"
    assert 'name="times.rest" value="18:30"' in page
    calendar = client.get("/plan.ics")
    assert calendar.headers["content-disposition"] == 'attachment; filename="calfcoach-plan.ics"'
    timed = [e for e in events(calendar.content) if isinstance(e.decoded("dtstart"), datetime)]
    assert timed
    assert {(e.decoded("dtstart").hour, str(e.decoded("dtstart").tzinfo)) for e in timed} == {
        (18, "Europe/Rome")
    }


def test_bad_session_times_are_refused_naming_the_field(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    csrf = a_runner_with_a_plan(client)
    for form, field in (
        ({"time_zone": "Atlantis/Capital", "times.easy": "07:00"}, "time_zone"),
        ({"time_zone": "Europe/Rome", "times.easy": "7am"}, "times.easy"),
    ):
        answer = client.post("/profile/calendar/times", data={"csrf_token": csrf, **form})
        assert answer.status_code == 422
        assert f"{field}: " in answer.text
    assert "Atlantis" not in client.get("/plan.ics").text


def test_the_watch_download_holds_one_checked_workout_per_session(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    a_runner_with_a_plan(client)
    answer = client.get("/plan/workouts.zip")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    sessions = planned(client, "feed@example.com")
    assert len(archive.namelist()) == len(sessions)
    for name in archive.namelist():
        reader = fitdecode.FitReader(
            io.BytesIO(archive.read(name)),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        )
        with reader as fit:
            names = [f.name for f in fit if isinstance(f, fitdecode.FitDataMessage)]
        assert names[:2] == ["file_id", "workout"]
        assert names.count("workout_step") >= 1
    assert sorted(n[:10] for n in archive.namelist()) == sorted(s["date"] for s in sessions)
    assert client.get("/plan/workouts.zip").content == answer.content, "the same plan, same bytes"


def test_the_data_file_goes_into_another_empty_profile_unchanged(make_app: AppFactory) -> None:
    app = make_app()
    source, target = TestClient(app), TestClient(app)
    a_runner_with_a_plan(source, "source@example.com")
    downloaded = source.get("/profile/data.json")
    assert downloaded.headers["content-disposition"].startswith("attachment; filename=")
    document = json.loads(downloaded.content)
    csrf = signed_in(target, "target@example.com")
    files = {"document": ("calfcoach.json", downloaded.content, "application/json")}
    answer = target.post("/profile/data", data={"csrf_token": csrf}, files=files)
    assert answer.status_code == 200, answer.text
    [redirect] = answer.history
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/profile?imported=1#import"
    assert "Imported 1 test, 1 plan version, 0 check-ins, 0 logged sessions and 0 runs." in (
        answer.text
    )
    again = json.loads(target.get("/profile/data.json").content)
    ignored = ("runner", "exported_at")
    assert {k: v for k, v in again.items() if k not in ignored} == {
        k: v for k, v in document.items() if k not in ignored
    }
    second = target.post("/profile/data", data={"csrf_token": csrf}, files=files)
    assert second.status_code == 422
    assert "runner: already has data" in second.text


def test_a_broken_data_file_is_refused_naming_the_field_and_stores_nothing(
    make_app: AppFactory,
) -> None:
    app = make_app()
    source, target = TestClient(app), TestClient(app)
    a_runner_with_a_plan(source, "source@example.com")
    good = source.get("/profile/data.json").content
    csrf = signed_in(target, "target@example.com")
    wrong_version = json.dumps({**json.loads(good), "schema": "calfcoach.data/9"}).encode()
    broken_link = json.loads(good)
    broken_link["plans"][0]["assessment"] = 5
    for data, field in (
        (good[: len(good) // 2], "document"),  # cut short
        (wrong_version, "schema"),
        (json.dumps(broken_link).encode(), "plans[0].assessment"),
        (b"\xff\xfe not text", "document"),
    ):
        files = {"document": ("calfcoach.json", data, "application/json")}
        answer = target.post("/profile/data", data={"csrf_token": csrf}, files=files)
        assert answer.status_code == 422, field
        assert f"{field}: " in answer.text
    assert json.loads(target.get("/profile/data.json").content)["plans"] == []
    missing = target.post("/profile/data", data={"csrf_token": csrf})
    assert missing.status_code == 422
    assert "document: choose at least one file (.json)" in missing.text


def test_the_profile_needs_a_runner(make_app: AppFactory) -> None:
    app = make_app()
    nobody = TestClient(app)
    assert nobody.get("/profile", follow_redirects=False).headers["location"] == (
        "/signin?next=/profile"
    )
    assert nobody.get("/plan.ics", follow_redirects=False).status_code == 303
    coach = TestClient(app)
    signed_in_coach(coach)
    assert coach.get("/profile").status_code == 403
    assert coach.get("/plan/workouts.zip").status_code == 403


def signed_in_coach(client: TestClient, email: str = "coach@example.com") -> str:
    return signed_in(client, email, role="coach")


def test_the_plan_page_offers_the_calendar_and_the_watch(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    a_runner_with_a_plan(client)
    page = client.get("/plan").text
    for link in ('href="/plan.ics"', 'href="/profile#calendar"', 'href="/plan/workouts.zip"'):
        assert link in page


def test_logged_sets_download_as_csv_row_per_set(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    a_runner_with_a_plan(client)
    token = bearer(token_for(client, "feed@example.com"))
    logged = client.post("/api/v1/logs", json=a_log(side="right"), headers=token)
    assert logged.status_code == 201, logged.text
    answer = client.get("/profile/sets.csv")
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
    sets = a_log()["sets"]
    assert [(r["Date"], r["Set Order"], r["Weight"], r["Reps"], r["Notes"]) for r in rows] == [
        ("2026-11-23", str(n), f"{s['load_kg']:g}", str(s["reps"]), "right leg")
        for n, s in enumerate(sets, start=1)
    ]
    assert {r["Exercise Name"] for r in rows} == {"Straight-knee calf raise"}


def test_the_clinician_summary_prints_on_one_page_for_the_runner_and_a_joined_coach_only(
    make_app: AppFactory,
) -> None:
    app = make_app()
    runner, coach, stranger = TestClient(app), TestClient(app), TestClient(app)
    a_runner_with_a_plan(runner, "seen@example.com")
    html = runner.get("/profile/summary")
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    page = lxml.html.fromstring(html.content)
    assert "seen@example.com" in page.text_content()
    assert "not a diagnosis" in page.text_content()
    pdf = runner.get("/profile/summary.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 1
    assert "seen@example.com" in reader.pages[0].extract_text()

    coach_csrf = signed_in_coach(coach)
    code = coach.post(
        "/coach/invitations", data={"csrf_token": coach_csrf}, headers={"HX-Request": "true"}
    )
    found = re.search(r"<code>([^<]+)</code>", code.text)
    assert found, code.text
    joined = runner.post(
        "/api/v1/coach/join",
        json={"code": found.group(1)},
        headers=bearer(token_for(runner, "seen@example.com")),
    )
    assert joined.status_code == 200, joined.text
    roster = coach.get("/coach").text
    runner_id = re.search(r'href="/coach/runners/(\d+)"', roster)
    assert runner_id
    detail = coach.get(f"/coach/runners/{runner_id.group(1)}").text
    assert f'href="/coach/runners/{runner_id.group(1)}/summary"' in detail
    for suffix in ("summary", "summary.pdf", "sets.csv"):
        assert coach.get(f"/coach/runners/{runner_id.group(1)}/{suffix}").status_code == 200
    signed_in_coach(stranger, "stranger@example.com")
    for suffix in ("summary", "summary.pdf", "sets.csv"):
        assert stranger.get(f"/coach/runners/{runner_id.group(1)}/{suffix}").status_code == 404
