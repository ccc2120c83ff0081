"""The day page's logging on both databases: a form stores once however often it is sent, the
check-in answers with a redirect, a logged session can be corrected or deleted, single-leg
work logs left and right in one form, and a logged session shows as done."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, cast

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import (
    AppFactory,
    bearer,
    csrf_from,
    sign_up_and_token,
    signed_in,
    token_for,
)
from tests.e2e.web.test_pages import Clock, take_tests

SUNDAY = datetime(2026, 11, 22, 9, tzinfo=UTC)  # the block starts on Monday 23 November
TUESDAY = datetime(2026, 11, 24, 18, tzinfo=UTC)  # a strength day
DAY = "/day/2026-11-24"
FIELD = re.compile(r'<input type="hidden" name="([^"]+)"(?: id="[^"]*")? value="([^"]*)"')
NUMBER = re.compile(r'<input type="number" name="([^"]+)"(?: value="([^"]*)")?')


def runner_on_tuesday(make_app: AppFactory, email: str = "logs@example.com") -> TestClient:
    """A runner who took the tests on Sunday, on the first strength day of the block."""
    clock = Clock(SUNDAY)
    client = TestClient(make_app(clock=clock))
    signed_in(client, email)
    take_tests(client)
    clock.now = TUESDAY
    return client


def log_forms(html: str) -> list[dict[str, Any]]:
    """Each log form of a day page as the browser would post it untouched."""
    forms = []
    for chunk in html.split('<form class="log-form"')[1:]:
        body = chunk.split("</form>")[0]
        data: dict[str, Any] = {}
        for name, value in [*FIELD.findall(body), *NUMBER.findall(body)]:
            if name == "sides":
                data.setdefault("sides", []).append(value)
            else:
                data[name] = value
        forms.append(data)
    return forms


def form_for(html: str, exercise: str) -> dict[str, Any]:
    return next(f for f in log_forms(html) if f["exercise"] == exercise)


def logs(client: TestClient, email: str = "logs@example.com") -> list[dict[str, Any]]:
    answer = client.get("/api/v1/logs", headers=bearer(token_for(client, email)))
    assert answer.status_code == 200, answer.text
    return cast(list[dict[str, Any]], answer.json())


def test_a_log_form_sent_twice_stores_once(make_app: AppFactory) -> None:
    client = runner_on_tuesday(make_app)
    form = form_for(client.get(DAY).text, "straight_knee_calf_raise")
    first = client.post("/logs", data=form, follow_redirects=False)
    again = client.post("/logs", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"] == f"{DAY}#logged"
    assert len(logs(client)) == 2, "one post: the left log and the right log, each once"

    htmx = {"HX-Request": "true", "HX-Target": "s1-bent_knee_calf_raise-both-logged"}
    form = form_for(client.get(DAY).text, "bent_knee_calf_raise")
    answer = client.post("/logs", data=form, headers=htmx)
    assert answer.status_code == 200
    assert "✓ Logged 3 sets (left), 3 sets (right)." in answer.text
    fresh = re.search(
        r'name="form_once" id="s1-bent_knee_calf_raise-both-once" value="([^"]+)"', answer.text
    )
    assert fresh and fresh.group(1) != form["form_once"], (
        "the form gets a new token for a next post"
    )
    assert "hx-swap-oob" in answer.text
    repeated = client.post("/logs", data=form, headers=htmx)
    assert repeated.status_code == 200
    assert "Already logged" in repeated.text
    assert len(logs(client)) == 4
    client.post("/logs", data={**form, "form_once": fresh.group(1)}, headers=htmx)
    assert len(logs(client)) == 6, "the new token logs again: a second round is not a repeat"


def test_a_refused_log_frees_its_token(make_app: AppFactory) -> None:
    client = runner_on_tuesday(make_app)
    form = form_for(client.get(DAY).text, "ankle_range")
    bad = {**form, "reps_0": "many"}
    refused = client.post("/logs", data=bad, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "sets[0].reps" in refused.text
    fixed = client.post("/logs", data=form, follow_redirects=False)
    assert fixed.status_code == 303
    assert len(logs(client)) == 1


def test_left_and_right_log_in_one_post_with_the_last_load_filled_in(
    make_app: AppFactory,
) -> None:
    client = runner_on_tuesday(make_app)
    page = client.get(DAY).text
    assert 'aria-label="Left set 1 reps"' in page and 'aria-label="Right set 3 load in kg"' in page
    form = form_for(page, "straight_knee_calf_raise")
    assert form["sides"] == ["left", "right"]
    form |= {
        "left_load_kg_0": "10",
        "left_load_kg_2": "12.5",
        "right_reps_1": "",
        "right_reps_2": "",
    }
    assert client.post("/logs", data=form, follow_redirects=False).status_code == 303
    stored = {log["side"]: log for log in logs(client)}
    assert set(stored) == {"left", "right"}
    assert [s["load_kg"] for s in stored["left"]["sets"]] == [10.0, None, 12.5]
    assert [s["reps"] for s in stored["right"]["sets"]] == [6]

    again = form_for(client.get(DAY).text, "straight_knee_calf_raise")
    assert again["left_load_kg_0"] == "12.5", "the last load logged, filled in"
    assert again["right_load_kg_0"] == "12.5", "a side without a load of its own: the other's"

    only_left = dict(form_for(client.get(DAY).text, "bent_knee_calf_raise").items())
    only_left |= {f"right_reps_{n}": "" for n in range(3)}
    client.post("/logs", data=only_left, follow_redirects=False)
    assert [log["side"] for log in logs(client) if log["exercise"] == "bent_knee_calf_raise"] == [
        "left"
    ], "a side left blank is not logged"


def test_a_logged_session_is_edited_and_deleted_from_the_day_page(make_app: AppFactory) -> None:
    client = runner_on_tuesday(make_app)
    client.post("/logs", data=form_for(client.get(DAY).text, "ankle_range"), follow_redirects=False)
    (log,) = logs(client)
    page = client.get(DAY).text
    edit = page.split(f'action="/logs/{log["id"]}/edit"')[1].split("</form>")[0]
    assert 'name="reps_0" value="10"' in edit and 'name="reps_2" value="10"' in edit, "pre-filled"
    assert f'action="/logs/{log["id"]}/delete"' in page and "Yes, delete it" in page
    data = dict(FIELD.findall(edit))
    data |= {"side": "left", "reps_0": "12", "reps_1": "11"}
    edited = client.post(f"/logs/{log['id']}/edit", data=data, follow_redirects=False)
    assert edited.status_code == 303
    assert edited.headers["location"] == f"{DAY}#logged"
    (changed,) = logs(client)
    assert changed["id"] == log["id"] and changed["side"] == "left"
    assert [s["reps"] for s in changed["sets"]] == [12, 11]
    assert "Knee-to-wall ankle mobiliser (left): 12, 11" in client.get(DAY).text

    other = TestClient(client.app)
    csrf = signed_in(other, "other@example.com")
    take_tests(other)
    for action in ("edit", "delete"):
        refused = other.post(f"/logs/{log['id']}/{action}", data={**data, "csrf_token": csrf})
        assert refused.status_code == 404, action
    assert len(logs(client)) == 1

    page = client.get(DAY).text
    delete = page.split(f'action="/logs/{log["id"]}/delete"')[1].split("</form>")[0]
    data = dict(FIELD.findall(delete))
    deleted = client.post(f"/logs/{log['id']}/delete", data=data, follow_redirects=False)
    assert deleted.status_code == 303
    assert (
        client.post(f"/logs/{log['id']}/delete", data=data, follow_redirects=False).headers[
            "location"
        ]
        == f"{DAY}#logged"
    ), "a second tap on delete: the same answer, not an error"
    assert logs(client) == []
    assert "Logged on this day" not in client.get(DAY).text
    no_token = {"csrf_token": data["csrf_token"]}
    assert client.post(f"/logs/{log['id']}/delete", data=no_token).status_code == 404


def test_a_session_shows_done_once_all_of_it_is_logged(make_app: AppFactory) -> None:
    client = runner_on_tuesday(make_app)
    page = client.get(DAY).text
    assert "✓ Done" not in page
    forms = log_forms(page)
    for form in forms[:-1]:
        assert client.post("/logs", data=form, follow_redirects=False).status_code == 303
    assert "✓ Done" not in client.get(DAY).text, "one exercise still to log"
    assert "strength: done" not in client.get("/plan").text
    client.post("/logs", data=forms[-1], follow_redirects=False)
    assert "✓ Done" in client.get(DAY).text
    assert 'title="strength: done"' in client.get("/plan").text


def test_a_checkin_answers_with_a_redirect_and_a_repeat_changes_nothing(
    make_app: AppFactory,
) -> None:
    client = runner_on_tuesday(make_app)
    assert client.get("/checkin/done", follow_redirects=False).headers["location"] == "/checkin"
    page = client.get("/checkin").text
    form = dict(FIELD.findall(page))
    assert form["form_once"]
    form |= {"session": "2026-11-24:strength", "feeling": "mild_tightness", "pain": "2"}
    sent = client.post("/checkin", data=form, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"] == "/checkin/done"
    done = client.get("/checkin/done")
    assert done.status_code == 200
    assert "What changed, and why" in done.text or "no change needed" in done.text
    assert client.get("/checkin/done").text == done.text, "a reload shows it again, sends nothing"
    repeated = client.post("/checkin", data=form, follow_redirects=False)
    assert repeated.status_code == 303
    assert repeated.headers["location"] == "/checkin/done"
    plan = client.get("/api/v1/plan", headers=bearer(token_for(client, "logs@example.com")))
    assert plan.json()["version"] == 2, "one check-in, one new version"


def test_the_tests_form_sent_twice_makes_one_plan(make_app: AppFactory) -> None:
    client = TestClient(make_app(clock=Clock(SUNDAY)))
    signed_in(client, "twice@example.com")
    page = client.get("/tests").text
    form = {
        "csrf_token": csrf_from(page),
        "form_once": dict(FIELD.findall(page))["form_once"],
        "age": "34", "sex": "female", "heel_raise_left": "12", "heel_raise_right": "8",
    }  # fmt: skip
    for _ in range(2):
        answer = client.post("/tests", data=form, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/diagnosis"
    plan = client.get("/api/v1/plan", headers=bearer(token_for(client, "twice@example.com")))
    assert (plan.json()["block"], plan.json()["version"]) == (1, 1), "one assessment, one block"


def test_joining_a_coach_twice_with_one_form_joins_once(make_app: AppFactory) -> None:
    client = TestClient(make_app())
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    code = client.post("/api/v1/coach/invitations", headers=coach).json()["code"]
    signed_in(client, "joiner@example.com")
    assert client.get("/join/done", follow_redirects=False).headers["location"] == "/join"
    form = {**dict(FIELD.findall(client.get("/join").text)), "code": code}
    for _ in range(2):  # a double tap, or a reload of the result
        answer = client.post("/join", data=form, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/join/done"
    assert "You joined coach@example.com" in client.get("/join/done").text
    (row,) = client.get("/api/v1/coach/runners", headers=coach).json()
    assert row["email"] == "joiner@example.com"


def test_a_timed_log_is_edited_in_seconds(make_app: AppFactory) -> None:
    client = runner_on_tuesday(make_app)
    auth = bearer(token_for(client, "logs@example.com"))
    timed = {"date": "2026-11-24", "exercise": "jump_rope", "side": "both",
             "sets": [{"reps": None, "load_kg": None, "seconds": 30.5}]}  # fmt: skip
    assert client.post("/api/v1/logs", json=timed, headers=auth).status_code == 201
    page = client.get(DAY).text
    assert "Jump rope (both): 30 s" in page or "Jump rope (both): 31 s" in page
    assert (
        'name="seconds_0" value="30.5"' in page
        and 'name="reps_0"' not in page.split('id="logged"')[1]
    )
