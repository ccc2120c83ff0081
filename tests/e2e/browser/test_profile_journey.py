"""A runner takes the plan out of calfcoach on a phone: a calendar file, a private subscription
at their own times, the watch workouts, and their data, which goes into a new profile whole."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import APIRequestContext, Page, expect
from pypdf import PdfReader

from tests.e2e.browser.conftest import PASSWORD, PageMaker, Shot
from tests.e2e.browser.test_history_journey import sign_up
from tests.e2e.web.conftest import strength_assessment


def assessed(api: APIRequestContext, email: str) -> int:
    """The tests sent through the API (the wizard has its own journey); how many sessions."""
    token = api.post("/api/v1/tokens", data={"email": email, "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    answer = api.post("/api/v1/assessments", data=strength_assessment(), headers=auth)
    assert answer.status == 201, answer.text()
    return sum(len(week["sessions"]) for week in answer.json()["plan"]["weeks"])


def downloaded(page: Page, link: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    return Path(download.value.path()).read_bytes()


def test_runner_takes_the_plan_to_calendar_and_watch_and_moves_their_data(
    page: Page, new_page: PageMaker, shot: Shot, api: APIRequestContext
) -> None:
    sign_up(page, "phone@example.com")
    sessions = assessed(api, "phone@example.com")
    page.goto("/plan")
    expect(page.locator("#take-away")).to_be_visible()
    calendar = Calendar.from_ical(downloaded(page, "Add to my calendar (.ics)"))
    assert len(list(calendar.walk("VEVENT"))) == sessions
    workouts = zipfile.ZipFile(io.BytesIO(downloaded(page, "Watch workouts (.zip)")))
    assert len(workouts.namelist()) == sessions
    shot(page, "plan-take-away")

    page.get_by_role("link", name="Subscribe, set times").click()
    expect(page).to_have_url(re.compile(r"/profile#calendar$"))
    zone = page.get_by_label("Time zone")
    expect(zone).to_have_value("UTC")  # guessed from the browser
    zone.fill("Europe/Berlin")
    page.get_by_label("Rest days").fill("18:30")
    page.get_by_role("button", name="Save times").click()
    expect(page.get_by_label("Rest days")).to_have_value("18:30")
    expect(zone).to_have_value("Europe/Berlin")

    page.get_by_role("button", name="New address with details").click()
    address = page.locator("#feed-url")
    expect(address).to_have_value(re.compile(r"^http://127\.0\.0\.1:\d+/calendar/[\w-]+\.ics$"))
    url = address.input_value()
    expect(page.get_by_role("link", name="Open in my calendar app")).to_have_attribute(
        "href", "webcal://" + url.split("://", 1)[1]
    )
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name=re.compile("Copied|Press Ctrl\\+C"))).to_be_visible()
    shot(page, "profile-new-address")

    feed = api.get(url)
    assert feed.status == 200
    events = list(Calendar.from_ical(feed.body()).walk("VEVENT"))
    assert len(events) == sessions
    timed = [e.decoded("dtstart") for e in events if isinstance(e.decoded("dtstart"), datetime)]
    assert timed
    assert {(t.hour, t.minute, str(t.tzinfo)) for t in timed} == {(18, 30, "Europe/Berlin")}

    page.goto("/profile")
    expect(page.locator("#feed-url")).to_have_count(0)  # shown once only
    expect(page.locator(".feeds li")).to_contain_text("Full details")
    page.get_by_role("button", name="Stop this address").click()
    expect(page.get_by_text("No address yet")).to_be_visible()
    assert api.get(url).status == 404

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Summary for a clinician").click()
    summary = opened.value
    expect(summary.locator("h1")).to_contain_text("summary for a clinician")
    expect(summary.get_by_text("phone@example.com")).to_be_visible()
    shot(summary, "clinician-summary")
    printed = PdfReader(io.BytesIO(summary.pdf(format="A4", print_background=True)))
    assert len(printed.pages) == 1, "the summary prints on one A4 page"
    summary.close()

    document = json.loads(downloaded(page, "Everything (.json)"))
    assert document["schema"] == "calfcoach.data/1"
    assert document["calendar"]["time_zone"] == "Europe/Berlin"
    shot(page, "profile")

    desktop = new_page("desktop")
    sign_up(desktop, "laptop@example.com")
    desktop.goto("/profile#import")
    desktop.locator("#document").set_input_files(
        {
            "name": "calfcoach.json",
            "mimeType": "application/json",
            "buffer": json.dumps(document).encode(),
        }
    )
    desktop.locator("#import").get_by_role("button", name="Import").click()
    expect(desktop.locator(".success")).to_contain_text("Imported 1 test, 1 plan version")
    expect(desktop.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    shot(desktop, "profile-imported-desktop")
    desktop.get_by_role("link", name="Plan").click()
    expect(desktop.locator(".cal-day .badge")).to_have_count(sessions)
