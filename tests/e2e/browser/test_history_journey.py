"""A runner imports their watch files on a phone: the upload runs in the background while the
page shows its progress, then the runs, the weekly volume and the usual week they show, which
goes into the self-tests with one tap."""

from __future__ import annotations

import re

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.browser.conftest import PASSWORD, START, PageMaker, Shot
from tests.e2e.web.test_history_pages import FILES, six_weeks_of_runs

RUN_FIT = FILES / "dtcooper_garmin-fenix-5-run.fit"


def payload(name: str, data: bytes) -> FilePayload:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": data}


def sign_up(page: Page, email: str) -> None:
    page.goto("/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/tests$"))


def sign_in(page: Page, email: str) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/signin$"))


def test_runner_imports_history_and_takes_the_week_to_the_tests(
    page: Page, new_page: PageMaker, shot: Shot
) -> None:
    sign_up(page, "strava@example.com")
    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/history$"))
    expect(page.get_by_text("No runs yet")).to_be_visible()
    shot(page, "history-empty")

    page.locator("#files").set_input_files(
        [
            payload(RUN_FIT.name, RUN_FIT.read_bytes()),
            payload("strava.zip", six_weeks_of_runs(START.date())),
            payload("notes.fit", b"not a FIT file"),
        ]
    )
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Import").click()
    done = page.locator("#import-job.done")
    expect(done).to_be_visible()
    expect(done).to_contain_text("19 imported")
    expect(done.locator(".failed")).to_contain_text(
        "notes.fit: this file is not a FIT, GPX or TCX activity"
    )
    assert page.evaluate("window.stillTheSamePage") is True, "the upload reloaded the page"
    shot(page, "import-done")

    done.get_by_role("link", name="Refresh to see your runs").click()
    expect(page.locator("table.runs tbody tr")).to_have_count(19)
    expect(page.locator("#chart-running svg")).to_be_visible()
    expect(page.locator('select[name="week_sat"]')).to_have_value("long")
    expect(page.locator('select[name="week_tue"]')).to_have_value("quality")
    expect(page.locator("#usual-week .reasons")).to_contain_text("H1")
    shot(page, "history")

    page.locator('select[name="week_sun"]').select_option("easy")  # the runner corrects a day
    page.get_by_role("button", name="Use this week for my tests").click()
    expect(page).to_have_url(re.compile(r"/tests\?week_mon=rest&week_tue=quality.*week_sun=easy"))
    expect(page.locator('select[name="week_sat"]')).to_have_value("long")
    expect(page.locator('select[name="week_sun"]')).to_have_value("easy")

    desktop = new_page("desktop")
    sign_in(desktop, "strava@example.com")
    desktop.goto("/history")
    expect(desktop.locator("table.runs th", has_text="File")).to_be_visible()
    shot(desktop, "history-desktop")
