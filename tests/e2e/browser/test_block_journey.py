"""A whole simulated block on a phone, with the clock moved day by day (issue 12).

Signed up on Thursday 10 Dec 2026, the runner takes the tests and starts on Monday 14 Dec.
Friday's sharp pain, before the block starts, changes the plan. On a week-2 strength day a
double-tapped log is stored once, a log is edited and another deleted; the next day's pogo
session is logged and a ropey check-in the morning after is about it by default; that
morning Thursday's strength session moves to Sunday. The runner looks in during weeks 3 and 4;
when the four weeks are up (day 32) the sign-in has slid along with that use, the retest is
the main action, and taking it starts block 2. Every step is a phone-sized screenshot.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser.conftest import LiveServer, Shot
from tests.e2e.browser.test_runner_journey import sign_up_as_runner

THURSDAY = datetime(2026, 12, 10, 9, tzinfo=UTC)  # sign-up and the tests
FRIDAY = datetime(2026, 12, 11, 8, tzinfo=UTC)  # before the block: the sharp pain
STRENGTH_DAY = datetime(2026, 12, 22, 18, tzinfo=UTC)  # Tue, week 2: a strength session
POGO_DAY = datetime(2026, 12, 23, 18, tzinfo=UTC)  # Wed, week 2: a spring (pogo) session
MORNING_AFTER = datetime(2026, 12, 24, 7, 30, tzinfo=UTC)
WEEKLY_LOOKS = (  # Thu of weeks 3 and 4: the runner keeps opening the app
    (datetime(2026, 12, 31, 18, tzinfo=UTC), "Week 3 of 4"),
    (datetime(2027, 1, 7, 18, tzinfo=UTC), "Week 4 of 4"),
)
AFTER_THE_BLOCK = datetime(2027, 1, 11, 8, tzinfo=UTC)  # Mon: the four weeks ended on Sun 10 Jan
PHONE_HEIGHT = 844
DASH = "\N{EN DASH}"  # between the first and last day of a plan


def take_the_tests(page: Page, shot: Shot, reps: tuple[int, int], name: str) -> None:
    """The six-step wizard: strong heel raises, good ankles, a full bounce, flat strides."""
    step = page.locator(".step.current")
    next_step = page.get_by_role("button", name="Next")
    expect(step).to_have_attribute("data-step", "1")
    page.get_by_label("Age").fill("34")
    page.get_by_label("Sex").select_option("female")
    next_step.click()
    expect(step).to_have_attribute("data-step", "2")
    page.locator("#heel_raise_left").fill(str(reps[0]))
    page.locator("#heel_raise_right").fill(str(reps[1]))
    next_step.click()
    expect(step).to_have_attribute("data-step", "3")
    page.get_by_label("Left (cm)").fill("12")
    page.get_by_label("Right (cm)").fill("12")
    next_step.click()
    expect(step).to_have_attribute("data-step", "4")
    page.get_by_label("Seconds bounced").fill("120")
    next_step.click()
    expect(step).to_have_attribute("data-step", "5")
    page.get_by_label("Fast strides feel flat, not springy").check()
    next_step.click()
    expect(step).to_have_attribute("data-step", "6")
    shot(page, name)


def log_form(page: Page, exercise: str) -> Locator:
    return page.locator("form.log-form").filter(
        has=page.locator(f'input[name="exercise"][value="{exercise}"]')
    )


def menu(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name)


def logged_line(page: Page, text: str) -> Locator:
    return page.locator("#logged li").filter(has_text=text)


def test_a_whole_block_on_a_phone(page: Page, live_server: LiveServer, shot: Shot) -> None:
    clock = live_server.clock
    clock.set(THURSDAY)
    sign_up_as_runner(page, shot)

    # The tests, then the start: a date of the runner's choosing (next Monday, typed in).
    take_the_tests(page, shot, (28, 27), "tests-week-and-start")
    choice = page.locator("#start-choice")
    expect(choice.locator("label").nth(0)).to_have_text("Tomorrow (Fri 11 Dec)")
    expect(choice.locator("label").nth(1)).to_have_text("Next Monday (Mon 14 Dec)")
    expect(choice.locator('input[value="monday"]')).to_be_checked()
    choice.locator('input[value="date"]').check()
    page.get_by_label("Start date").fill("2026-12-14")
    shot(page, "tests-start-date-chosen")
    page.get_by_role("button", name="See my diagnosis and plan").click()
    expect(page).to_have_url(re.compile(r"/diagnosis$"))
    expect(page.locator("h1.target")).to_have_text("Timing and spring")
    shot(page, "diagnosis")

    page.get_by_role("link", name="See my four-week plan").click()
    expect(page.get_by_text("Block 1, version 1")).to_be_visible()
    expect(page.get_by_text(f"Mon 14 Dec {DASH} Sun 10 Jan · starts in 4 days")).to_be_visible()
    expect(page.locator('.cal-day[href="/day/2026-12-16"] .badge.kind-run_addon')).to_have_count(1)
    shot(page, "plan-before-the-start")

    # Friday, before the block: sharp pain, told on the check-in page.
    clock.set(FRIDAY)
    menu(page, "Today").click()
    before = page.locator("#before-the-block")
    expect(before).to_contain_text("Your four weeks start on Mon 14 Dec")
    shot(page, "today-before-the-block")
    before.get_by_role("link", name="Tell us how your calves feel").click()
    expect(page).to_have_url(re.compile(r"/checkin$"))
    expect(page.locator("#checkin-about")).to_contain_text("No session done yet")
    page.get_by_label("About which session?").select_option(label="Another spring session")
    page.get_by_label("Sharp pain", exact=True).check()
    page.locator('input[name="pain"]').fill("4")
    shot(page, "checkin-pain-before-the-start")
    page.get_by_role("button", name="Update my plan").click()
    expect(page).to_have_url(re.compile(r"/checkin/done$"))
    expect(page.locator("h1")).to_have_text("What changed, and why")
    expect(page.locator(".decisions li.new").first).to_contain_text(
        "Sharp pain before the block starts"
    )
    shot(page, "checkin-pain-done")
    page.get_by_role("link", name="See the updated plan").click()
    expect(page.get_by_text("Block 1, version 2")).to_be_visible()
    expect(page.locator('.cal-day[href="/day/2026-12-16"] .badge')).to_have_count(0)  # no strides
    shot(page, "plan-after-the-pain")

    # Week 2, Tuesday's strength session: a double-tapped log is stored once.
    clock.set(STRENGTH_DAY)
    menu(page, "Today").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-22$"))
    expect(page.get_by_text("Week 2 of 4")).to_be_visible()
    raises = log_form(page, "straight_knee_calf_raise")
    for load in raises.get_by_label(re.compile(r"load in kg$")).all():
        load.fill("20")
    sent: list[tuple[str, str]] = [
        (str(name), str(value))
        for name, value in raises.evaluate("(form) => Array.from(new FormData(form).entries())")
    ]
    raises.get_by_role("button", name="Log these sets").dblclick()
    expect(raises.locator(".logged")).to_contain_text("✓")
    # However the browser took the second tap, the very same form again stores nothing.
    repeat = page.request.post(
        "/logs",
        data=urlencode(sent),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        max_redirects=0,
    )
    assert repeat.status == 303, repeat.text()
    assert repeat.headers["location"] == "/day/2026-12-22#logged"
    shot(page, "day-double-tapped-log")
    page.reload()
    for side in ("left", "right"):
        expect(logged_line(page, f"Straight-knee calf raise ({side}):")).to_have_count(1)
    log_form(page, "bent_knee_calf_raise").get_by_role("button", name="Log these sets").click()
    expect(log_form(page, "bent_knee_calf_raise").locator(".logged")).to_contain_text("✓ Logged")
    page.reload()
    shot(page, "day-logged")

    # An edit of that log (one rep fewer in set 1), and a delete of another.
    left = logged_line(page, "Straight-knee calf raise (left):")
    left.locator("summary", has_text="Edit").click()
    left.get_by_label("Set 1 reps").fill("5")
    shot(page, "day-edit-open")
    left.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-22#logged$"))
    expect(logged_line(page, "Straight-knee calf raise (left): 5 @ 20.0 kg, 6 @")).to_have_count(1)
    bent = page.locator("#logged li").filter(has_text="Bent-knee calf raise (")
    kept = bent.count() - 1
    doomed = bent.first
    doomed.locator("summary", has_text="Delete").click()
    expect(doomed).to_contain_text("This cannot be undone.")
    shot(page, "day-delete-confirm")
    doomed.get_by_role("button", name="Yes, delete it").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-22#logged$"))
    expect(page.locator("#logged li").filter(has_text="Bent-knee calf raise (")).to_have_count(kept)
    expect(logged_line(page, "Straight-knee calf raise (")).to_have_count(2)
    shot(page, "day-edited-and-deleted")

    # Wednesday's pogo session, then Thursday morning: ropey, about the pogo by default.
    clock.set(POGO_DAY)
    menu(page, "Today").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-23$"))
    pogo = log_form(page, "pogo_jumps")
    pogo.get_by_role("button", name="Log these sets").click()
    expect(pogo.locator(".logged")).to_contain_text("✓ Logged 2 sets (both).")
    shot(page, "day-pogo-logged")

    clock.set(MORNING_AFTER)
    menu(page, "Check in").click()
    expect(page.locator("#checkin-about")).to_have_text(
        "About your spring (pogo, rope, hops) session on Wed 23 Dec (week 2)."
    )
    expect(page.get_by_label("About which session?")).to_have_value("2026-12-23:spring")
    page.get_by_label("Ropey").check()
    page.locator('input[name="pain"]').fill("2")
    shot(page, "checkin-ropey")
    page.get_by_role("button", name="Update my plan").click()
    expect(page).to_have_url(re.compile(r"/checkin/done$"))
    expect(page.locator(".decisions li.new").first).to_contain_text("S2")
    shot(page, "checkin-ropey-done")

    # That morning the runner moves today's strength session to another day of the week.
    menu(page, "Today").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-24$"))
    strength = page.locator("section.session").filter(has_text="Strength session")
    strength.locator("summary", has_text="Move to another day").click()
    move_to = strength.get_by_label("Move to")
    expect(move_to).to_be_visible()
    expect(move_to.locator("option")).to_have_text(["Sun 27 Dec"])
    expect(strength.locator(".move-why-not")).to_contain_text("Saturday is your long day")
    shot(page, "day-move-open")
    strength.get_by_role("button", name="Move").click()
    expect(page).to_have_url(re.compile(r"/day/2026-12-27$"))
    expect(page.locator("section.session h2")).to_contain_text(["Strength session"])
    shot(page, "day-moved-to-sunday")
    menu(page, "Plan").click()
    expect(page.locator('.cal-day[href="/day/2026-12-24"] .badge')).to_have_count(0)
    expect(page.locator('.cal-day[href="/day/2026-12-27"] .badge.kind-strength')).to_have_count(1)
    shot(page, "plan-after-the-move")

    for when, week in WEEKLY_LOOKS:
        clock.set(when)
        menu(page, "Today").click()
        expect(page.get_by_text(week)).to_be_visible()

    # The four weeks are up: the retest is the main action, and it starts block 2. The sign-in
    # slides with use, so 32 days after signing up the runner is still signed in.
    clock.set(AFTER_THE_BLOCK)
    menu(page, "Today").click()
    expect(page).to_have_url(re.compile(r"/day/2027-01-11$"))
    expect(page.locator("#retest-due")).to_contain_text("Time to retest")
    shot(page, "today-retest-due")
    menu(page, "Progress").click()
    retest = page.locator("#retest-due").get_by_role("link", name="Retest now")
    expect(retest).to_be_visible()
    box = retest.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE_HEIGHT, "below the fold"
    expect(page.locator("#retest-early")).to_have_count(0)
    shot(page, "progress-retest-due")
    retest.click()
    expect(page).to_have_url(re.compile(r"/tests$"))
    expect(page.locator("#retest-note")).to_be_visible()
    expect(page.locator("#retest-early-note")).to_have_count(0)
    take_the_tests(page, shot, (33, 32), "retest-week-and-start")
    page.locator('#start-choice input[value="tomorrow"]').check()
    page.get_by_role("button", name="See my diagnosis and plan").click()
    expect(page).to_have_url(re.compile(r"/diagnosis$"))
    shot(page, "retest-diagnosis")
    page.get_by_role("link", name="See my four-week plan").click()
    expect(page.get_by_text("Block 2, version 1")).to_be_visible()
    expect(page.get_by_text(f"Tue 12 Jan {DASH} Mon 8 Feb")).to_be_visible()
    shot(page, "plan-block-2")
    menu(page, "Progress").click()
    expect(page.locator("table.data tbody tr")).to_have_count(2)
    expect(page.locator(".reasons")).to_contain_text("Left heel raise 28 → 33 reps: no real change")
    expect(page.locator("#retest-due")).to_have_count(0)
    shot(page, "progress-after-the-retest")
