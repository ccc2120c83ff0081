"""Who may do what: tokens, hashing, scoping, rate limiting, cookies, CSRF and rollbacks."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from calfcoach.store.repositories import Records
from calfcoach.store.tables import AccountRow, CheckinRow, PlanRow, TokenRow
from tests.e2e.web.conftest import (
    FIXED_NOW,
    PASSWORD,
    AppFactory,
    a_log,
    assess,
    bearer,
    checkin,
    csrf_from,
    sign_up,
    sign_up_and_token,
    strength_assessment,
    token_for,
)

PROTECTED = [
    ("GET", "/api/v1/plan"),
    ("GET", "/api/v1/logs"),
    ("GET", "/api/v1/progress"),
    ("POST", "/api/v1/assessments"),
    ("POST", "/api/v1/checkins"),
    ("POST", "/api/v1/logs"),
    ("POST", "/api/v1/coach/invitations"),
    ("POST", "/api/v1/coach/join"),
    ("GET", "/api/v1/coach/runners"),
    ("GET", "/api/v1/coach/runners/1"),
]


def call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> int:
    body = {"code": "ABCDEFGH"} if path.endswith("/join") else strength_assessment()
    if method == "GET":
        return client.get(path, headers=headers).status_code
    return client.post(path, json=body, headers=headers).status_code


def test_no_token_is_401_with_www_authenticate_bearer(client: TestClient) -> None:
    for method, path in PROTECTED:
        answer = client.request(method, path, json={} if method == "POST" else None)
        assert answer.status_code == 401, f"{method} {path}: {answer.status_code}"
        assert answer.headers["WWW-Authenticate"] == "Bearer", f"{method} {path}"
        assert "error" in answer.json()


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer made-up-token-made-up-token-made-up-token", id="made-up"),
        pytest.param("Bearer ", id="empty"),
        pytest.param("Basic cnVubmVyQGV4YW1wbGUuY29tOnBhc3N3b3Jk", id="basic"),
    ],
)
def test_a_made_up_or_foreign_credential_is_401(client: TestClient, authorization: str) -> None:
    for method, path in PROTECTED:
        status = call(client, method, path, {"Authorization": authorization})
        assert status == 401, f"{method} {path}: {status}"


def test_a_token_stops_working_once_it_expires(client: TestClient, make_app: AppFactory) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    assert client.get("/api/v1/logs", headers=auth).status_code == 200
    later = make_app(clock=lambda: FIXED_NOW + timedelta(days=31))
    with TestClient(later) as next_month:
        answer = next_month.get("/api/v1/logs", headers=auth)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_passwords_are_stored_as_argon2id_hashes(client: TestClient, engine: Engine) -> None:
    sign_up(client, "runner@example.com")
    sign_up(client, "coach@example.com", "coach")
    with engine.connect() as connection:
        stored = connection.execute(select(AccountRow.__table__)).mappings().all()
    assert len(stored) == 2
    for row in stored:
        assert row["password_hash"].startswith("$argon2id$"), row["email"]
        assert all(PASSWORD not in str(value) for value in row.values())
    assert stored[0]["password_hash"] != stored[1]["password_hash"], "hashes are salted"


def test_tokens_are_stored_only_as_their_sha256(client: TestClient, engine: Engine) -> None:
    sign_up(client, "runner@example.com")
    tokens = {token_for(client, "runner@example.com") for _ in range(2)}
    with engine.connect() as connection:
        stored = connection.execute(select(TokenRow.__table__)).mappings().all()
    assert {row["secret_hash"] for row in stored} == {
        hashlib.sha256(token.encode()).hexdigest() for token in tokens
    }
    for row in stored:
        assert all(token not in str(value) for token in tokens for value in row.values())


def test_a_runner_never_sees_another_runners_plan_or_logs(client: TestClient) -> None:
    alice = sign_up_and_token(client, "alice@example.com")
    bob = sign_up_and_token(client, "bob@example.com")
    alices_plan = assess(client, alice)
    logged = client.post("/api/v1/logs", json=a_log(), headers=alice).json()["id"]
    assert client.get("/api/v1/plan", headers=bob).status_code == 404
    assert client.get("/api/v1/logs", headers=bob).json() == []
    checked = client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=bob)
    assert checked.status_code == 404, "Bob cannot adjust Alice's plan"
    bobs_plan = assess(client, bob, heel_raise={"left": 30, "right": 30})
    assert bobs_plan["id"] != alices_plan["id"]
    assert client.get("/api/v1/plan", headers=bob).json() == bobs_plan
    assert client.get("/api/v1/plan", headers=alice).json() == alices_plan
    client.post("/api/v1/logs", json=a_log(side="right"), headers=bob)
    assert [e["side"] for e in client.get("/api/v1/logs", headers=bob).json()] == ["right"]
    assert [e["id"] for e in client.get("/api/v1/logs", headers=alice).json()] == [logged]
    # A runner is not a coach: the coach's view of another runner stays shut.
    alice_id = client.get("/api/v1/plan", headers=alice).json()["id"]
    assert client.get(f"/api/v1/coach/runners/{alice_id}", headers=bob).status_code == 403


def test_a_coach_sees_only_the_runners_who_joined_them(client: TestClient) -> None:
    mine = sign_up(client, "mine@example.com")
    mine_auth = bearer(token_for(client, "mine@example.com"))
    other = sign_up(client, "other@example.com")
    other_auth = bearer(token_for(client, "other@example.com"))
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    rival = sign_up_and_token(client, "rival@example.com", "coach")
    assess(client, mine_auth)
    assess(client, other_auth)
    code = client.post("/api/v1/coach/invitations", headers=coach).json()["code"]
    assert client.post("/api/v1/coach/join", json={"code": code}, headers=mine_auth).is_success
    roster = client.get("/api/v1/coach/runners", headers=coach).json()
    assert [(r["id"], r["email"]) for r in roster] == [(mine, "mine@example.com")]
    assert client.get("/api/v1/coach/runners", headers=rival).json() == []
    assert client.get(f"/api/v1/coach/runners/{mine}", headers=coach).status_code == 200
    assert client.get(f"/api/v1/coach/runners/{other}", headers=coach).status_code == 404
    assert client.get(f"/api/v1/coach/runners/{mine}", headers=rival).status_code == 404
    assert client.get("/api/v1/coach/runners/999999", headers=coach).status_code == 404
    assert client.get("/api/v1/plan", headers=coach).status_code == 403


def test_the_sixth_sign_in_after_five_failures_is_429_even_with_the_right_password(
    client: TestClient,
) -> None:
    sign_up(client, "runner@example.com")
    for _ in range(5):
        wrong = client.post(
            "/api/v1/tokens", json={"email": "runner@example.com", "password": "guess-guess"}
        )
        assert wrong.status_code == 401
    blocked = client.post(
        "/api/v1/tokens", json={"email": "Runner@Example.com", "password": PASSWORD}
    )
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "token" not in blocked.json()


def browser_sign_in(client: TestClient, email: str) -> tuple[str, str]:
    """Sign in through the form; returns the Set-Cookie header and where it sends the browser."""
    form = client.get("/signin")
    assert form.status_code == 200
    answer = client.post(
        "/signin",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_from(form.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return answer.headers["set-cookie"], answer.headers["location"]


def test_the_browser_session_cookie_is_httponly_and_samesite_lax(client: TestClient) -> None:
    sign_up(client, "runner@example.com")
    cookie, location = browser_sign_in(client, "runner@example.com")
    assert location == "/today"
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert attributes[0].startswith("calfcoach_session=")
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert PASSWORD not in cookie


def test_the_api_never_accepts_the_browser_session_cookie(client: TestClient) -> None:
    sign_up(client, "runner@example.com")
    browser_sign_in(client, "runner@example.com")
    assert client.cookies.get("calfcoach_session")
    answer = client.get("/api/v1/logs")
    assert answer.status_code == 401


def web_tokens(engine: Engine) -> int:
    with engine.connect() as connection:
        return len(connection.execute(select(TokenRow.id).where(TokenRow.kind == "web")).all())


def test_a_sign_in_post_without_the_csrf_token_is_403(client: TestClient, engine: Engine) -> None:
    sign_up(client, "runner@example.com")
    client.get("/signin")  # the session now holds a CSRF token
    credentials = {"email": "runner@example.com", "password": PASSWORD}
    missing = client.post("/signin", data=credentials, follow_redirects=False)
    assert missing.status_code == 403
    forged = client.post(
        "/signin", data={**credentials, "csrf_token": "forged"}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert web_tokens(engine) == 0, "a refused form signs nobody in"


def test_a_sign_out_post_without_the_csrf_token_is_403(client: TestClient, engine: Engine) -> None:
    sign_up(client, "runner@example.com")
    browser_sign_in(client, "runner@example.com")
    assert web_tokens(engine) == 1
    refused = client.post("/signout", follow_redirects=False)
    assert refused.status_code == 403
    assert web_tokens(engine) == 1, "a forged sign-out must not end the session"
    token = csrf_from(client.get("/signin").text)
    done = client.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    assert web_tokens(engine) == 0


def test_a_failure_mid_checkin_leaves_nothing_half_written(
    app: FastAPI, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    auth = sign_up_and_token(client, "runner@example.com")
    plan = assess(client, auth)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Records, "add_checkin", broken)
    answer = client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=auth)
    assert answer.status_code == 500
    assert "disk full" not in answer.text, "no internals in the answer"
    monkeypatch.undo()
    current = client.get("/api/v1/plan", headers=auth).json()
    assert current["version"] == 1
    assert current == plan
    with engine.connect() as connection:
        assert len(connection.execute(select(PlanRow.id)).all()) == 1
        assert connection.execute(select(CheckinRow.id)).all() == []
    again = client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=auth)
    assert again.status_code == 200, "the rolled-back version number is free again"
    assert again.json()["version"] == 2
