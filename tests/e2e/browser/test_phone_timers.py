"""Timers that work on a phone: the screen stays on while one runs, the end can be heard, felt
and seen, the metronome counts reps, times read m:ss, and the day page has a rest timer.

Playwright's fake clock moves the page's time (two minutes pass in no time). Only the Screen
Wake Lock API is stubbed, to record its calls: headless Chromium grants it inconsistently.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import APIRequestContext, Page, expect

from tests.e2e.browser.conftest import PASSWORD, ROOT, LiveServer, PageMaker, Shot

EXAMPLE = ROOT / "src" / "calfcoach" / "examples" / "strength_runner.json"
TUESDAY_MORNING = datetime(2026, 11, 24, 7, tzinfo=UTC)  # week 1, a strength day
EMAIL = "timer.runner@example.com"

# Records every request and release; a sentinel fires "release" like the real one.
RECORD_WAKE_LOCK = """(() => {
  const calls = { requested: [], released: 0 };
  window.wakeLockCalls = calls;
  window.wakeLockSentinels = [];
  const wakeLock = {
    request: async (type) => {
      calls.requested.push(type);
      const sentinel = new EventTarget();
      sentinel.type = type;
      sentinel.released = false;
      sentinel.release = async () => {
        if (sentinel.released) return;
        sentinel.released = true;
        calls.released += 1;
        sentinel.dispatchEvent(new Event("release"));
      };
      window.wakeLockSentinels.push(sentinel);
      return sentinel;
    },
  };
  Object.defineProperty(Navigator.prototype, "wakeLock", {
    get: () => wakeLock, configurable: true,
  });
})();"""
# What a phone does when the runner switches apps and back: the browser drops the lock.
HIDE_AND_COME_BACK = """() => {
  window.wakeLockSentinels.at(-1).release();
  document.dispatchEvent(new Event("visibilitychange"));
}"""
NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"


def wake_lock(page: Page) -> dict[str, Any]:
    calls: dict[str, Any] = page.evaluate("window.wakeLockCalls")
    return calls


def runner_with_a_plan(api: APIRequestContext) -> None:
    """A runner whose block starts on Monday 23 Nov (assessed on Sunday the 22nd)."""
    answer = api.post(
        "/api/v1/accounts", data={"email": EMAIL, "password": PASSWORD, "role": "runner"}
    )
    assert answer.ok, answer.text()
    answer = api.post("/api/v1/tokens", data={"email": EMAIL, "password": PASSWORD})
    assert answer.ok, answer.text()
    token = answer.json()["token"]
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del document["date"]
    answer = api.post(
        "/api/v1/assessments", data=document, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.ok, answer.text()


def sign_in(page: Page) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/signin$"))


def test_metronome_counts_reps_and_the_bounce_timer_ends_awake(
    page: Page, api: APIRequestContext, shot: Shot
) -> None:
    runner_with_a_plan(api)
    page.add_init_script(RECORD_WAKE_LOCK)
    page.clock.install(time=datetime(2026, 11, 22, 10, tzinfo=UTC))
    sign_in(page)
    page.goto("/tests")
    page.get_by_label("Age").fill("34")
    page.get_by_role("button", name="Next").click()

    step = page.locator(".step.current")
    expect(step).to_have_attribute("data-step", "2")
    metronome = page.get_by_role("button", name="Start metronome (60 bpm)")
    reps = page.locator(".metronome .reps")
    metronome.click()
    expect(page.locator(".metronome .phase")).to_have_text("Up")
    expect(reps).to_have_text("0 reps")
    expect(reps).to_have_attribute("aria-live", "polite")
    page.clock.run_for(1000)  # beat 2: down, the first rep
    expect(page.locator(".metronome .phase")).to_have_text("Down")
    expect(reps).to_have_text("1 rep")
    page.clock.run_for(4000)  # beats 3 to 6
    expect(reps).to_have_text("3 reps")
    assert wake_lock(page) == {"requested": ["screen"], "released": 0}
    shot(page, "metronome-running")
    page.get_by_role("button", name="Stop metronome").click()
    expect(metronome).to_be_visible()
    assert wake_lock(page)["released"] == 1
    page.clock.run_for(3000)
    expect(reps).to_have_text("3 reps")  # stopped: no more beats

    page.locator("#heel_raise_left").fill("24")
    page.locator("#heel_raise_right").fill("22")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    expect(step).to_have_attribute("data-step", "4")
    timer = step.locator(".timer")
    clock = timer.locator(".clock")
    step.get_by_role("button", name="Start 2 minutes").click()
    expect(timer).to_have_class(re.compile(r"\brunning\b"))
    assert wake_lock(page)["requested"] == ["screen", "screen"]
    page.clock.run_for(75_000)
    expect(clock).to_have_text("1:15")
    shot(page, "bounce-running")
    page.clock.run_for(46_000)
    expect(clock).to_have_text("2:00")
    expect(timer).to_have_class(re.compile(r"\bfinished\b"))
    expect(timer).not_to_have_class(re.compile(r"\brunning\b"))
    expect(step.get_by_role("button", name="Start again")).to_be_visible()
    expect(page.locator("#bounce_seconds")).to_have_value("120")
    assert wake_lock(page)["released"] == 2
    shot(page, "bounce-finished")


def test_day_page_rest_timer_counts_down_in_minutes(
    page: Page, api: APIRequestContext, live_server: LiveServer, shot: Shot
) -> None:
    runner_with_a_plan(api)
    live_server.clock.set(TUESDAY_MORNING)
    page.add_init_script(RECORD_WAKE_LOCK)
    page.clock.install(time=TUESDAY_MORNING)
    sign_in(page)
    page.goto("/day/2026-11-24")
    expect(page.locator("h1")).to_have_text("Today · Tue 24 Nov")
    raises = page.locator("article.exercise", has_text="Straight-knee calf raise")
    rest = raises.locator(".timer.rest")
    expect(rest.get_by_role("button", name="Rest 1:30")).to_be_visible()
    expect(rest.locator(".clock")).to_have_text("1:30")
    warm_up = page.locator("article.exercise", has_text="Warm-up")
    expect(warm_up.get_by_role("button", name="Start 5:00")).to_be_visible()  # not "300 s"
    expect(warm_up.locator(".timer.rest")).to_have_count(0)  # one warm-up: no rest
    shot(page, "day")

    rest.get_by_role("button", name="Rest 1:30").click()
    page.clock.run_for(1000)
    expect(rest.locator(".clock")).to_have_text("1:29")
    assert wake_lock(page) == {"requested": ["screen"], "released": 0}
    page.evaluate(HIDE_AND_COME_BACK)  # still running: the page asks again
    page.wait_for_function("window.wakeLockCalls.requested.length === 2")
    page.clock.run_for(30_000)
    expect(rest.locator(".clock")).to_have_text("0:59")
    shot(page, "rest-running")
    page.clock.run_for(60_000)
    expect(rest.locator(".clock")).to_have_text("0:00")
    expect(rest).to_have_class(re.compile(r"\bfinished\b"))
    expect(rest.get_by_role("button", name="Rest 1:30")).to_be_visible()  # ready for the next set
    assert wake_lock(page) == {"requested": ["screen", "screen"], "released": 2}
    page.evaluate(HIDE_AND_COME_BACK)  # stopped: nothing to keep on
    page.clock.run_for(1000)
    assert wake_lock(page)["requested"] == ["screen", "screen"]
    shot(page, "rest-finished")


def test_a_browser_without_wake_lock_says_so(
    new_page: PageMaker, api: APIRequestContext, live_server: LiveServer, shot: Shot
) -> None:
    runner_with_a_plan(api)
    live_server.clock.set(TUESDAY_MORNING)
    page = new_page("phone")
    page.add_init_script(NO_WAKE_LOCK)
    page.clock.install(time=TUESDAY_MORNING)
    sign_in(page)
    page.goto("/day/2026-11-24")
    rest = page.locator(".timer.rest").first
    note = page.get_by_text("Keep your screen on: this browser cannot do it for you.")
    expect(note).to_have_count(0)
    rest.get_by_role("button", name=re.compile(r"^Rest \d:\d\d$")).click()
    expect(note).to_be_visible()
    page.clock.run_for(120_000)
    expect(rest).to_have_class(re.compile(r"\bfinished\b"))
    shot(page, "no-wake-lock")
