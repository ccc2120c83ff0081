"""The retest on both databases: offered as the next step once the four weeks are up, early
only after a page that says what it does, filled in with what the runner told us (never the
last numbers), and one block however often the day's tests are sent."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import AppFactory, bearer, csrf_from, strength_assessment, token_for
from tests.e2e.web.test_history_pages import selected
from tests.e2e.web.test_pages import Clock, sign_in, signed_in_runner

SUNDAY = datetime(2026, 11, 22, 9, tzinfo=UTC)  # the tests; the block starts Monday 23 Nov
WEEK_2 = datetime(2026, 12, 1, 9, tzinfo=UTC)
RETEST_DAY = datetime(2026, 12, 21, 9, tzinfo=UTC)  # four weeks after Monday 23 November
EMAIL = "pages@example.com"
FORM_ONCE = re.compile(r'<input type="hidden" name="form_once" value="([^"]+)"')
TESTS = {
    "age": "34", "sex": "female", "goal": "size", "situations": ["uphill", "trail"],
    "heel_raise_left": "12", "heel_raise_right": "8",
    "knee_to_wall_left": "10.5", "knee_to_wall_right": "8",
    "week_mon": "rest", "week_tue": "quality", "week_wed": "easy", "week_thu": "easy",
    "week_fri": "rest", "week_sat": "easy", "week_sun": "long",
}  # fmt: skip


def send_tests(client: TestClient, path: str = "/tests", **changes: str) -> int:
    """The tests form as the page serves it, with ``TESTS`` and ``changes``; the status."""
    page = client.get(path).text
    form = {"csrf_token": csrf_from(page), "form_once": FORM_ONCE.findall(page)[0],
            **TESTS, **changes}  # fmt: skip
    return client.post("/tests", data=form, follow_redirects=False).status_code


def block(client: TestClient) -> int:
    plan = client.get("/api/v1/plan", headers=bearer(token_for(client, EMAIL)))
    assert plan.status_code == 200, plan.text
    return int(plan.json()["block"])


def value(page: str, name: str) -> str:
    found = re.search(rf'<input type="number"[^>]* name="{name}"[^>]*value="([^"]*)"', page)
    assert found, name
    return found.group(1)


def test_in_week_2_the_retest_is_early_and_says_what_it_does(make_app: AppFactory) -> None:
    clock = Clock(SUNDAY)
    client = signed_in_runner(make_app, clock)
    assert send_tests(client) == 303
    clock.now = WEEK_2
    progress = client.get("/progress").text
    assert "Retest and start the next block" not in progress
    assert "Time to retest" not in progress and 'class="button primary' not in progress
    assert '<a class="button ghost" href="/retest/early" id="retest-early">Retest early</a>' in (
        progress
    )
    assert "Your next retest is due on Mon 21 Dec" in progress
    assert "Time to retest" not in client.get("/today").text

    confirm = client.get("/retest/early").text
    assert "Your current block ends today, the day of the retest." in confirm
    assert "Its days after today are replaced by a new four-week block" in confirm
    assert "Everything you have logged stays" in confirm
    assert '<form method="get" action="/tests"' in confirm
    assert '<input type="hidden" name="retest" value="early">' in confirm

    confirmed = client.get("/tests?retest=early").text
    assert 'id="retest-note"' in confirmed and 'id="retest-early-note"' not in confirmed
    direct = client.get("/tests").text
    assert 'id="retest-early-note"' in direct, "straight to the tests: it still says so"
    assert block(client) == 1, "looking at the pages changes nothing"


def test_after_four_weeks_the_retest_is_the_next_step(make_app: AppFactory) -> None:
    clock = Clock(SUNDAY)
    client = signed_in_runner(make_app, clock)
    assert send_tests(client) == 303
    clock.now = RETEST_DAY
    sign_in(client)  # a browser sign-in lasts 14 days
    progress = client.get("/progress").text
    assert "Time to retest" in progress
    assert '<a class="button primary big" href="/tests">Retest now</a>' in progress
    assert "Retest early" not in progress
    today = client.get("/today").text
    assert '<a class="button primary big" href="/tests">Retest now</a>' in today
    early = client.get("/retest/early", follow_redirects=False)
    assert (early.status_code, early.headers["location"]) == (303, "/tests")
    assert 'id="retest-early-note"' not in client.get("/tests").text


def test_the_retest_form_is_filled_in_but_not_the_numbers(make_app: AppFactory) -> None:
    clock = Clock(SUNDAY)
    client = signed_in_runner(make_app, clock)
    first = client.get("/tests").text
    assert 'id="retest-note"' not in first and value(first, "age") == ""
    assert send_tests(client) == 303
    clock.now = WEEK_2
    page = client.get("/tests?retest=early").text
    assert value(page, "age") == "34"
    assert '<option value="female" selected>' in page
    assert '<input type="radio" name="goal" value="size" checked>' in page
    assert '<input type="checkbox" name="situations" value="uphill" checked>' in page
    assert '<input type="checkbox" name="situations" value="trail" checked>' in page
    assert (selected(page, "sat"), selected(page, "sun")) == ("easy", "long")
    for measured in ("heel_raise_left", "heel_raise_right", "knee_to_wall_left",
                     "knee_to_wall_right", "bounce_seconds"):  # fmt: skip
        assert value(page, measured) == "", measured


def test_two_retests_on_one_day_start_one_block(make_app: AppFactory) -> None:
    clock = Clock(SUNDAY)
    client = signed_in_runner(make_app, clock)
    assert send_tests(client) == 303
    clock.now = RETEST_DAY
    sign_in(client)
    assert send_tests(client, heel_raise_left="18", heel_raise_right="15") == 303
    assert block(client) == 2
    page = client.get("/tests").text
    form = {"csrf_token": csrf_from(page), "form_once": FORM_ONCE.findall(page)[0],
            **TESTS, "heel_raise_left": "20", "heel_raise_right": "16"}  # fmt: skip
    refused = client.post("/tests", data=form, follow_redirects=False)
    assert refused.status_code == 409
    assert "You already took the tests today" in refused.text
    assert "retest on another day" in refused.text
    assert value(refused.text, "heel_raise_left") == "20", "what was typed stays on the page"
    # The same tests once more (a reload with a fresh form): the same retest, the same block.
    assert send_tests(client, heel_raise_left="18", heel_raise_right="15") == 303
    assert block(client) == 2

    api = bearer(token_for(client, EMAIL))
    retest = strength_assessment(date="2026-12-21", heel_raise={"left": 19, "right": 15})
    answer = client.post("/api/v1/assessments", json=retest, headers=api)
    assert answer.status_code == 409, answer.text
    assert answer.json()["field"] == "date"
    assert block(client) == 2
    progress = client.get("/progress").text
    assert "You took the tests today" in progress and "Retest early" not in progress
    assert "You took the tests today" in client.get("/retest/early").text
