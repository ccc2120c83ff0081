"""Start when you are ready, report any day, on the pages (issue 12, parts 1 and 2).

The runner signs up on Thursday 2026-12-10 and takes the tests that day: by default the block
starts on Monday 2026-12-14, so the days in between come before the block.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, cast

from fastapi.testclient import TestClient

from calfcoach.coaching.exercises import exercise
from tests.e2e.web.conftest import AppFactory, bearer, csrf_from, token_for
from tests.e2e.web.test_pages import Clock, signed_in_runner

THURSDAY = datetime(2026, 12, 10, 9, tzinfo=UTC)
EMAIL = "pages@example.com"
TESTS = {
    "age": "34", "sex": "female", "heel_raise_left": "12", "heel_raise_right": "8",
    "knee_to_wall_left": "10.5", "knee_to_wall_right": "8", "fast_burn": "on",
    "situations": "uphill", "goal": "size", "week_sat": "easy", "week_sun": "long",
}  # fmt: skip


def post_tests(client: TestClient, **more: str) -> Any:
    form = {"csrf_token": csrf_from(client.get("/tests").text), **TESTS, **more}
    return client.post("/tests", data=form, follow_redirects=False)


def current(client: TestClient) -> dict[str, Any]:
    """The current plan's document (``version``, ``plan``...) through the API."""
    answer = client.get("/api/v1/plan", headers=bearer(token_for(client, EMAIL)))
    assert answer.status_code == 200, answer.text
    return cast(dict[str, Any], answer.json())


def plan(client: TestClient) -> dict[str, Any]:
    return cast(dict[str, Any], current(client)["plan"])


def sessions(client: TestClient) -> list[dict[str, Any]]:
    return [s for week in plan(client)["weeks"] for s in week["sessions"]]


def checked(page: str, name: str, value: str) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', page)
    return tag is not None and "checked" in tag.group(0)


def selected(page: str, value: str) -> bool:
    return re.search(rf'<option value="{re.escape(value)}"\s+selected>', page) is not None


def test_the_start_chosen_on_the_tests_page_is_the_plans_first_day(
    make_app: AppFactory,
) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    page = client.get("/tests").text
    assert 'min="2026-12-11" max="2027-01-07"' in page, "from tomorrow to four weeks on"
    assert checked(page, "start_choice", "monday"), "next Monday is the default"
    answer = post_tests(client, start_choice="tomorrow")
    assert answer.status_code == 303, answer.text
    assert plan(client)["start"] == "2026-12-11"
    assert min(s["date"] for s in sessions(client)) >= "2026-12-11"


def test_next_monday_is_the_default_start(make_app: AppFactory) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    assert post_tests(client).status_code == 303
    assert plan(client)["start"] == "2026-12-14"


def test_a_start_on_the_test_day_is_refused_naming_start_with_every_answer_kept(
    make_app: AppFactory,
) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    refused = post_tests(client, start_choice="date", start_date="2026-12-10")
    assert refused.status_code == 422
    page = refused.text
    assert "Please check start:" in page
    for name, value in [
        ("age", "34"),
        ("heel_raise_left", "12"),
        ("heel_raise_right", "8"),
        ("knee_to_wall_left", "10.5"),
        ("start_date", "2026-12-10"),
    ]:
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', page), name
    assert selected(page, "female")
    assert checked(page, "situations", "uphill") and checked(page, "goal", "size")
    assert checked(page, "start_choice", "date")
    assert re.search(r'name="fast_burn" checked', page)
    week_sat = page.split('name="week_sat"')[1].split("</select>")[0]
    assert selected(week_sat, "easy")
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/tests"

    later = post_tests(client, start_choice="date", start_date="2027-01-08")
    assert later.status_code == 422, "more than four weeks after the tests"
    assert "Please check start:" in later.text

    assert post_tests(client, start_choice="date", start_date="2026-12-16").status_code == 303
    assert plan(client)["start"] == "2026-12-16"


def test_today_before_the_block_says_what_to_do_meanwhile(make_app: AppFactory) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    assert post_tests(client).status_code == 303
    page = client.get("/today").text
    assert "Today · Thu 10 Dec" in page
    assert "No calf session" not in page
    assert "Your four weeks start on Mon 14 Dec" in page
    assert "easy running as usual, and the warm-up" in page
    for step in exercise("warm_up").steps:
        assert f"<li>{step}</li>" in page
    assert 'href="/checkin"' in page
    first = min(s["date"] for s in sessions(client))
    assert "Before your plan starts" not in client.get(f"/day/{first}").text


def test_a_future_day_shows_its_session_without_a_log_button(make_app: AppFactory) -> None:
    clock = Clock(THURSDAY)
    client = signed_in_runner(make_app, clock)
    assert post_tests(client).status_code == 303
    first = min(s["date"] for s in sessions(client))
    ahead = client.get(f"/day/{first}").text
    assert "Straight-knee calf raise" in ahead or "How to do it" in ahead, "the session shows"
    assert "Log these sets" not in ahead
    assert 'action="/logs"' not in ahead
    assert "you can log this on" in ahead
    clock.now = datetime.fromisoformat(f"{first}T09:00:00+00:00")
    on_the_day = client.get(f"/day/{first}").text
    assert "Log these sets" in on_the_day
    assert "you can log this on" not in on_the_day


def test_pain_before_the_start_is_taken_on_the_checkin_page(make_app: AppFactory) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    assert post_tests(client).status_code == 303
    before = current(client)["version"]
    page = client.get("/checkin").text
    assert 'name="week"' not in page, "the engine takes the week from the date"
    assert "No session done yet" in page
    answer = client.post(
        "/checkin",
        data={
            "csrf_token": csrf_from(page),
            "date": "2026-12-10",
            "session": "spring",
            "feeling": "sharp_pain",
            "pain": "6",
            "strides_check": "",
        },
        follow_redirects=False,
    )
    assert answer.status_code in {200, 303}, answer.text  # the result, or a redirect to it
    assert current(client)["version"] == before + 1


def test_a_refused_checkin_comes_back_with_every_answer(make_app: AppFactory) -> None:
    client = signed_in_runner(make_app, Clock(THURSDAY))
    assert post_tests(client).status_code == 303
    page = client.get("/checkin").text
    answer = client.post(
        "/checkin",
        data={
            "csrf_token": csrf_from(page),
            "date": "2026-12-10",
            "session": "spring",
            "feeling": "ropey",
            "pain": "3",
            "strides_check": "snappy",
            "morning_stiffness_up": "on",
        },
    )
    assert answer.status_code == 422, "before the block only pain reports are taken"
    refused = answer.text
    assert "Please check date:" in refused
    assert checked(refused, "feeling", "ropey")
    assert not checked(refused, "feeling", "fine")
    assert checked(refused, "strides_check", "snappy")
    assert re.search(r'name="morning_stiffness_up" checked', refused)
    assert re.search(r'name="pain"[^>]*value="3"', refused)
    assert selected(refused, "spring")


def test_the_checkin_is_about_the_latest_logged_session(make_app: AppFactory) -> None:
    clock = Clock(THURSDAY)
    client = signed_in_runner(make_app, clock)
    assert post_tests(client).status_code == 303
    planned = sorted(sessions(client), key=lambda s: s["date"])
    logged, later = planned[0], planned[1]
    assert logged["date"] < later["date"]
    clock.now = datetime.fromisoformat(f"{later['date']}T20:00:00+00:00")
    item = next(i for i in logged["items"] if i["exercise"] != "warm_up")
    day_page = client.get(f"/day/{logged['date']}").text
    answer = client.post(
        "/logs",
        data={
            "csrf_token": csrf_from(day_page),
            "date": logged["date"],
            "exercise": item["exercise"],
            "side": "left",
            "reps_0": "5",
            "seconds_0": "30",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    page = client.get("/checkin").text
    day = datetime.fromisoformat(logged["date"])
    shown = f"{day:%a} {day.day} {day:%b}"
    assert f"session on {shown} (week 1)." in page, "the logged session, not the latest planned"
    assert selected(page, f"{logged['date']}:{logged['kind']}")
    assert f'value="{later["date"]}:{later["kind"]}"' in page, "the others can be chosen"
