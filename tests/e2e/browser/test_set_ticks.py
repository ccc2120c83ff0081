"""Ticking sets off one by one on the day page: a tap greys the set's row and starts the rest
timer; a second tap takes the tick back. Submitting still sends every filled row."""

from __future__ import annotations

import re

from playwright.sync_api import APIRequestContext, Page, expect

from tests.e2e.browser.conftest import LiveServer, Shot
from tests.e2e.browser.test_phone_timers import (
    RECORD_WAKE_LOCK,
    TUESDAY_MORNING,
    runner_with_a_plan,
    sign_in,
)

DONE = re.compile(r"\bset-done\b")


def test_ticking_a_set_greys_its_row_and_starts_the_rest_timer(
    page: Page, api: APIRequestContext, live_server: LiveServer, shot: Shot
) -> None:
    runner_with_a_plan(api)
    live_server.clock.set(TUESDAY_MORNING)
    page.add_init_script(RECORD_WAKE_LOCK)
    page.clock.install(time=TUESDAY_MORNING)
    sign_in(page)
    page.goto("/day/2026-11-24")
    raises = page.locator("article.exercise", has_text="Straight-knee calf raise")
    rest = raises.locator(".timer.rest")
    first = raises.get_by_role("button", name="Left set 1 done")
    second = raises.get_by_role("button", name="Left set 2 done")
    row = raises.locator("tr[data-set-row]").first
    expect(first).to_be_visible()
    expect(row).not_to_have_class(DONE)
    background = row.evaluate("r => getComputedStyle(r).backgroundColor")

    first.click()
    expect(row).to_have_class(DONE)
    expect(first).to_have_attribute("aria-pressed", "true")
    assert row.evaluate("r => getComputedStyle(r).backgroundColor") != background, "greyed"
    expect(rest).to_have_class(re.compile(r"\brunning\b"))
    page.clock.run_for(2000)
    expect(rest.locator(".clock")).to_have_text("1:28")
    second.click()  # the next set while resting: the timer keeps running, it does not stop
    expect(rest).to_have_class(re.compile(r"\brunning\b"))
    shot(page, "sets-ticked")

    first.click()
    expect(row).not_to_have_class(DONE)
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(raises.locator("tr.set-done")).to_have_count(1)
    expect(raises.get_by_label("Left set 1 RPE (optional, 1-10)")).to_be_visible()
