"""Move a session to another day of its week (issue 12, part 7), on both databases.

Today is Thursday 2026-12-10 (the fixed clock). The bundled strength runner tested on
2026-11-22, so week 3 runs Monday 7 Dec to Sunday 13 Dec: strength on Tuesday 8 and Thursday
10 (today), ankle mobility on Monday 7 and Friday 11; Saturday is the long run.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import (
    FIXED_NOW,
    AppFactory,
    a_log,
    assess,
    bearer,
    checkin,
    csrf_from,
    sign_up_and_token,
    token_for,
)
from tests.e2e.web.test_pages import Clock, signed_in_runner

TODAY = "2026-12-10"
SUNDAY = "2026-12-13"
SATURDAY = "2026-12-12"
CHOOSE = f"/moves/choose?from={TODAY}&kind=strength"


def plan_of(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    answer = client.get("/api/v1/plan", headers=auth)
    assert answer.status_code == 200, answer.text
    return cast(dict[str, Any], answer.json())


def kinds_on(plan: dict[str, Any], day: str) -> list[str]:
    return [s["kind"] for w in plan["plan"]["weeks"] for s in w["sessions"] if s["date"] == day]


def move(client: TestClient, auth: dict[str, str], **body: object) -> Any:
    return client.post("/api/v1/plan/moves", json=body, headers=auth)


# --------------------------------------------------------------------------- API


def test_the_api_moves_a_session_and_the_move_survives_a_check_in(client: TestClient) -> None:
    auth = sign_up_and_token(client, "mover@example.com")
    assess(client, auth)
    answer = move(client, auth, **{"from": TODAY, "to": SUNDAY, "kind": "strength"})
    assert answer.status_code == 200, answer.text
    moved = answer.json()
    assert moved["version"] == 2
    assert [c["rule"] for c in moved["changes"]][:1] == ["M1"]
    assert "Moved Thursday's strength session" in moved["changes"][0]["text"]
    assert {"step": "move", "session": TODAY, "to": SUNDAY, "kind": "strength", "on": TODAY} in (
        moved["plan"]["steps"]
    )
    assert "strength" in kinds_on(moved, SUNDAY) and "strength" not in kinds_on(moved, TODAY)
    report = client.post(
        "/api/v1/checkins", json=checkin("fine_after_strength_week3", date=TODAY), headers=auth
    )
    assert report.status_code == 200, report.text
    later = plan_of(client, auth)
    assert later["version"] == 3
    assert "strength" in kinds_on(later, SUNDAY), "the check-in rendered the move again"
    assert "strength" not in kinds_on(later, TODAY)


def test_a_refused_move_is_422_naming_the_field_and_the_rule(client: TestClient) -> None:
    auth = sign_up_and_token(client, "refused@example.com")
    assess(client, auth)
    on_long_day = move(client, auth, **{"from": TODAY, "to": SATURDAY})
    assert on_long_day.status_code == 422, on_long_day.text
    body = on_long_day.json()
    assert body["field"] == "to"
    assert "(rule P4)" in body["error"] and "long run" in body["error"]
    next_week = move(client, auth, **{"from": TODAY, "to": "2026-12-15"})
    assert next_week.status_code == 422
    assert next_week.json()["field"] == "to" and "(rule M1)" in next_week.json()["error"]
    past = move(client, auth, **{"from": "2026-12-08", "to": SUNDAY})
    assert past.status_code == 422 and past.json()["field"] == "from"
    bad_kind = move(client, auth, **{"from": TODAY, "to": SUNDAY, "kind": "yoga"})
    assert bad_kind.status_code == 422 and bad_kind.json()["field"] == "kind"
    no_to = move(client, auth, **{"from": TODAY})
    assert no_to.status_code == 422 and no_to.json()["field"] == "to"
    assert plan_of(client, auth)["version"] == 1, "a refused move stores nothing"


def test_a_logged_session_stays_on_its_day(client: TestClient) -> None:
    auth = sign_up_and_token(client, "logged@example.com")
    assess(client, auth)
    logged = client.post("/api/v1/logs", json=a_log(date=TODAY), headers=auth)
    assert logged.status_code == 201, logged.text
    answer = move(client, auth, **{"from": TODAY, "to": SUNDAY})
    assert answer.status_code == 422
    assert answer.json()["field"] == "from" and "logged" in answer.json()["error"]


def test_moves_need_a_runner_with_a_plan(client: TestClient) -> None:
    auth = sign_up_and_token(client, "noplan@example.com")
    assert move(client, auth, **{"from": TODAY, "to": SUNDAY}).status_code == 404
    coach = sign_up_and_token(client, "coach@example.com", role="coach")
    assert move(client, coach, **{"from": TODAY, "to": SUNDAY}).status_code == 403
    assert client.post("/api/v1/plan/moves", json={}).status_code == 401


# --------------------------------------------------------------------------- pages


def runner_with_plan(make_app: AppFactory) -> tuple[TestClient, dict[str, str]]:
    client = signed_in_runner(make_app, Clock(FIXED_NOW))
    auth = bearer(token_for(client, "pages@example.com"))
    assess(client, auth)
    return client, auth


def test_the_day_page_offers_the_allowed_days_and_moves_the_session(
    make_app: AppFactory,
) -> None:
    client, auth = runner_with_plan(make_app)
    day = client.get(f"/day/{TODAY}").text
    assert "Move to another day" in day and CHOOSE.replace("&", "&amp;") in day
    assert "Move to another day" not in client.get("/day/2026-12-08").text, "a past day"
    fragment = client.get(CHOOSE, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert f'<option value="{SUNDAY}">' in fragment.text
    assert f'<option value="{SATURDAY}">' not in fragment.text
    assert "never on a long run or race day" in fragment.text, "why Saturday is not offered"
    page = client.get(CHOOSE)
    assert page.status_code == 200 and "<html" in page.text
    form = {"csrf_token": csrf_from(page.text), "from": TODAY, "kind": "strength"}
    answer = client.post("/moves", data={**form, "to": SUNDAY}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"/day/{SUNDAY}"
    assert "Strength session" in client.get(f"/day/{SUNDAY}").text
    assert "Strength session" not in client.get(f"/day/{TODAY}").text
    assert plan_of(client, auth)["version"] == 2


def test_a_refused_move_shows_the_rules_sentence(make_app: AppFactory) -> None:
    client, auth = runner_with_plan(make_app)
    token = csrf_from(client.get(f"/day/{TODAY}").text)
    form = {"csrf_token": token, "from": TODAY, "kind": "strength", "to": SATURDAY}
    answer = client.post("/moves", data=form, follow_redirects=False)
    assert answer.status_code == 422
    assert "Not moved: Calf strength work: never on a long run or race day" in answer.text
    assert "(P4)" in answer.text
    assert f'<option value="{SUNDAY}">' in answer.text, "the allowed days are offered again"
    assert plan_of(client, auth)["version"] == 1


def test_a_move_without_the_csrf_token_is_refused(make_app: AppFactory) -> None:
    client, auth = runner_with_plan(make_app)
    form = {"from": TODAY, "kind": "strength", "to": SUNDAY}
    assert client.post("/moves", data=form, follow_redirects=False).status_code == 403
    assert plan_of(client, auth)["version"] == 1


def test_a_retried_move_with_its_idempotency_key_stores_once(client: TestClient) -> None:
    auth = sign_up_and_token(client, "retry@example.com")
    assess(client, auth)
    body = {"from": TODAY, "to": SUNDAY}
    headers = {**auth, "Idempotency-Key": "move-1"}
    first = client.post("/api/v1/plan/moves", json=body, headers=headers)
    again = client.post("/api/v1/plan/moves", json=body, headers=headers)
    assert first.status_code == again.status_code == 200, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    assert plan_of(client, auth)["version"] == 2
