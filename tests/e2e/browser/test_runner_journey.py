"""A new runner on a phone: sign up, the guided tests, the diagnosis, the plan, a logged
session and the next morning's check-in, then progress and the why-calves page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import PASSWORD, LiveServer, Shot

TUESDAY_MORNING = datetime(2026, 11, 24, 7, tzinfo=UTC)  # week 1, a strength day
WEDNESDAY_MORNING = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)


def sign_up_as_runner(page: Page, shot: Shot) -> None:
    page.goto("/")
    shot(page, "home")
    page.get_by_role("link", name="Start as a runner").click()
    expect(page).to_have_url(re.compile(r"/signup$"))
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    shot(page, "signup")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/tests$"))


def count(page: Page, side: str, reps: int) -> None:
    """Tap "+1 rep" once per clean rep (one too many, then the minus button, as a runner would)."""
    plus = page.locator(f'[data-count="heel_raise_{side}"][data-by="1"]')
    for _ in range(reps + 1):
        plus.click()
    page.locator(f'[data-count="heel_raise_{side}"][data-by="-1"]').click()
    expect(page.locator(f"#heel_raise_{side}")).to_have_value(str(reps))


def take_the_tests(page: Page, shot: Shot) -> None:
    step = page.locator(".step.current")
    next_step = page.get_by_role("button", name="Next")
    expect(step).to_have_attribute("data-step", "1")
    page.get_by_label("Age").fill("34")
    page.get_by_label("Sex").select_option("female")
    shot(page, "tests-1-before")
    next_step.click()

    expect(step).to_have_attribute("data-step", "2")
    count(page, "left", 12)
    count(page, "right", 8)
    metronome = page.locator("[data-metronome]")
    metronome.click()
    expect(metronome).to_have_text("Stop metronome")
    shot(page, "tests-2-heel-raise")
    metronome.click()
    expect(metronome).to_have_text("Start metronome (60 bpm)")
    next_step.click()

    expect(step).to_have_attribute("data-step", "3")
    page.get_by_label("Left (cm)").fill("10.5")
    page.get_by_label("Right (cm)").fill("8")
    page.get_by_label("Right heel lifts before the knee reaches the wall").check()
    shot(page, "tests-3-knee-to-wall")
    next_step.click()

    expect(step).to_have_attribute("data-step", "4")
    step.get_by_role("button", name="Start 2 minutes").click()
    expect(step.locator(".clock")).to_have_text("0:01")
    step.get_by_role("button", name="Stop: it hurts").click()
    expect(page.locator("#bounce_seconds")).to_have_value(re.compile(r"^[1-9][0-9]?$"))
    hurt = page.get_by_label("It hurt sharply", exact=True)
    expect(hurt).to_be_checked()
    shot(page, "tests-4-bounce-stopped")
    hurt.uncheck()  # a sharp pain would (rightly) turn the plan into a referral
    next_step.click()

    expect(step).to_have_attribute("data-step", "5")
    page.locator('input[name="situations"][value="uphill"]').check()
    shot(page, "tests-5-questions")
    next_step.click()

    expect(step).to_have_attribute("data-step", "6")
    expect(next_step).to_be_hidden()
    shot(page, "tests-6-week")
    page.get_by_role("button", name="See my diagnosis and plan").click()


def test_new_runner_from_tests_to_adapted_plan(
    page: Page, live_server: LiveServer, shot: Shot
) -> None:
    sign_up_as_runner(page, shot)
    take_the_tests(page, shot)

    expect(page).to_have_url(re.compile(r"/diagnosis$"))
    expect(page.locator("h1.target")).to_have_text("Strength")
    reasons = page.locator(".reasons li")
    expect(reasons.first).to_contain_text("C1")
    expect(reasons.first).to_contain_text("Right heel raise stalled at 8 clean reps")
    expect(page.locator(".reasons")).to_contain_text("T5")
    expect(page.locator(".findings")).to_contain_text("C7")
    expect(page.locator("footer")).to_contain_text("a training guide, not a diagnosis")
    shot(page, "diagnosis")

    page.get_by_role("link", name="See my four-week plan").click()
    expect(page).to_have_url(re.compile(r"/plan$"))
    expect(page.locator(".cal-row[role=row]:not(.cal-head)")).to_have_count(4)
    expect(page.locator(".cal-day")).to_have_count(28)
    expect(page.get_by_text("Block 1, version 1")).to_be_visible()
    shot(page, "plan-before-start")

    live_server.clock.set(TUESDAY_MORNING)
    page.reload()
    today = page.locator(".cal-day[aria-current=date]")
    expect(today).to_have_count(1)
    expect(today).to_contain_text("24 Nov · today")
    expect(today).to_contain_text("strength")
    shot(page, "plan-week-1")

    page.get_by_role("link", name="Today").click()
    expect(page).to_have_url(re.compile(r"/day/2026-11-24$"))
    expect(page.locator("h1")).to_have_text("Today · Tue 24 Nov")
    raise_form = page.locator("form.log-form").first
    expect(raise_form.locator('input[name="exercise"]')).to_have_value("straight_knee_calf_raise")
    for side in ("Left", "Right"):  # a single-leg exercise: both legs in one form
        for number, load in enumerate(["10", "12.5", "12.5"], start=1):
            raise_form.get_by_label(f"{side} set {number} load in kg").fill(load)
    page.evaluate("window.stillTheSamePage = true")
    raise_form.get_by_role("button", name="Log these sets").click()
    expect(raise_form.locator(".logged")).to_have_text("✓ Logged 3 sets (left), 3 sets (right).")
    assert page.evaluate("window.stillTheSamePage") is True, "logging reloaded the page"
    shot(page, "day-logged")
    page.reload()
    expect(page.locator("section", has_text="Logged on this day")).to_contain_text(
        "Straight-knee calf raise (right): 6 @ 10.0 kg, 6 @ 12.5 kg, 6 @ 12.5 kg"
    )

    live_server.clock.set(WEDNESDAY_MORNING)
    page.get_by_role("link", name="Check in").click()
    expect(page.locator("#checkin-about")).to_have_text(
        "About your strength session on Tue 24 Nov (week 1)."
    )
    expect(page.get_by_label("About which session?")).to_have_value("2026-11-24:strength")
    page.get_by_label("Ropey").check()
    page.locator('input[name="pain"]').fill("2")
    expect(page.locator("#pain-value")).to_have_text("2")
    shot(page, "checkin")
    page.get_by_role("button", name="Update my plan").click()

    expect(page.locator("h1")).to_have_text("What changed, and why")
    changed = page.locator(".decisions li.new")
    expect(changed.first).to_contain_text("S2")
    shot(page, "checkin-done")

    page.get_by_role("link", name="See the updated plan").click()
    expect(page.get_by_text("Block 1, version 2")).to_be_visible()
    expect(page.locator(".decisions li").first).to_contain_text("S2")
    shot(page, "plan-version-2")


def test_runner_progress_charts_and_why_calves(
    page: Page, live_server: LiveServer, shot: Shot
) -> None:
    sign_up_as_runner(page, shot)
    take_the_tests(page, shot)
    expect(page).to_have_url(re.compile(r"/diagnosis$"))

    page.get_by_role("link", name="Progress").click()
    chart = page.locator("#chart-heel_raise")
    expect(chart.locator("svg")).to_be_visible()
    expect(chart).to_contain_text("Heel raise: clean reps per side")
    expect(chart).to_contain_text("Norm low")
    expect(chart).to_contain_text("Norm high")
    expect(chart.locator("figcaption")).to_contain_text("Grey: the band")
    expect(page.locator("#chart-knee_to_wall svg")).to_be_visible()
    shot(page, "progress")

    page.locator("footer").get_by_role("link", name="Do strong calves make you faster?").click()
    expect(page.locator("h1")).to_have_text("Do strong calves make you faster?")
    expect(page.get_by_role("link", name="Back to my diagnosis")).to_be_visible()
    shot(page, "why-calves")
