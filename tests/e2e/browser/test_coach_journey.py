"""A coach on a desktop: sign up, hand out invitation codes, and see the runner who reported
sharp pain at the top of the dashboard, above a runner with nothing to worry about."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import APIRequestContext, Page, expect

from tests.e2e.browser.conftest import PASSWORD, ROOT, LiveServer, PageMaker, Shot

EXAMPLE = ROOT / "src" / "calfcoach" / "examples" / "strength_runner.json"
WEDNESDAY = datetime(2026, 11, 25, 10, tzinfo=UTC)
SORE = "sore.runner@example.com"
CALM = "calm.runner@example.com"


def assessment(**changes: Any) -> dict[str, Any]:
    """The bundled example, dated today by the server (no ``date``), with ``changes``."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del document["date"]
    return {**document, **changes}


def call(api: APIRequestContext, path: str, body: dict[str, Any], token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = api.post(f"/api/v1/{path}", data=body, headers=headers)
    assert answer.ok, f"POST {path} -> {answer.status}: {answer.text()}"
    return answer.json()


def runner_token(api: APIRequestContext, email: str) -> str:
    call(api, "accounts", {"email": email, "password": PASSWORD, "role": "runner"})
    return str(call(api, "tokens", {"email": email, "password": PASSWORD})["token"])


def sign_up_as_coach(page: Page, shot: Shot) -> None:
    page.goto("/signup?role=coach")
    page.get_by_label("Email").fill("coach@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    expect(page.get_by_label("a coach or physio")).to_be_checked()
    shot(page, "signup")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/coach$"))
    expect(page.get_by_text("No runners yet.")).to_be_visible()


def hand_out_codes(page: Page, shot: Shot) -> list[str]:
    codes = page.locator("#codes code")
    expect(page.get_by_text("None yet.")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    for made in (1, 2):
        page.get_by_role("button", name="New invitation code").click()
        expect(codes).to_have_count(made)
    assert page.evaluate("window.stillTheSamePage") is True, "the code came with a page reload"
    expect(page.get_by_text("None yet.")).to_be_hidden()
    shot(page, "codes")
    found = codes.all_inner_texts()
    assert all(re.fullmatch(r"[A-Z0-9]{8}", code) for code in found), found
    return found


def test_coach_sees_the_runner_in_pain_first(
    new_page: PageMaker, api: APIRequestContext, live_server: LiveServer, shot: Shot
) -> None:
    page = new_page("desktop")
    sign_up_as_coach(page, shot)
    shot(page, "dashboard-empty")
    first_code, second_code = hand_out_codes(page, shot)

    calm = runner_token(api, CALM)  # signed up first: the dashboard must still put it second
    sore = runner_token(api, SORE)
    call(api, "assessments", assessment(), sore)  # Sunday: the block starts Monday 23 Nov
    live_server.clock.set(WEDNESDAY)
    even = assessment(
        heel_raise={"left": 26, "right": 26, "fast_burn": False, "sharp_pain": False},
        knee_to_wall={
            "left_cm": 12,
            "right_cm": 12,
            "left_heel_lifts": False,
            "right_heel_lifts": False,
        },
    )
    call(api, "assessments", even, calm)  # Wednesday: the block starts Monday 30 Nov
    call(api, "coach/join", {"code": second_code}, calm)
    call(api, "coach/join", {"code": first_code}, sore)
    report = {
        "schema": "calfcoach.checkin/1",
        "date": "2026-11-25",
        "week": 1,
        "after": "strength",
        "feeling": "sharp_pain",
        "pain": 6,
        "strides_check": None,
        "morning_stiffness_up": False,
    }
    call(api, "checkins", report, sore)

    page.reload()
    rows = page.locator("table.roster tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(SORE)
    expect(rows.nth(0)).to_have_class(re.compile(r"\burgent\b"))
    alert = rows.nth(0).locator(".alert-line").first
    expect(alert).to_contain_text("D2")
    expect(alert).to_contain_text("Reported sharp pain (pain 6/10) on Wed 25 Nov.")
    expect(rows.nth(1)).to_contain_text(CALM)
    expect(rows.nth(1)).to_contain_text("All well")
    expect(page.get_by_text("None yet.")).to_be_visible()  # both codes are used now
    shot(page, "dashboard")

    phone = new_page("phone")  # the same dashboard, on the coach's phone at the track
    phone.goto("/signin")
    phone.get_by_label("Email").fill("coach@example.com")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.locator("table.roster tbody tr").first).to_contain_text("D2")
    shot(phone, "dashboard-phone")

    rows.nth(0).get_by_role("link", name=SORE).click()
    expect(page).to_have_url(re.compile(r"/coach/runners/\d+$"))
    expect(page.locator("h1")).to_have_text(SORE)
    expect(page.locator("section", has_text="Check-ins")).to_contain_text("sharp pain")
    expect(page.get_by_role("heading", name="Focus: Strength")).to_be_visible()
    shot(page, "runner-detail")
