"""``Idempotency-Key`` on the API's POSTs: a retried request stores once, on both databases."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.e2e.web.conftest import a_log, assess, sign_up_and_token, strength_assessment

KEY = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def keyed(auth: dict[str, str], key: str) -> dict[str, str]:
    return {**auth, KEY: key}


def test_a_log_sent_twice_with_one_key_is_stored_once(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    first = client.post("/api/v1/logs", json=a_log(), headers=keyed(auth, "log-1"))
    again = client.post("/api/v1/logs", json=a_log(), headers=keyed(auth, "log-1"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(client.get("/api/v1/logs", headers=auth).json()) == 1


def test_an_assessment_and_a_checkin_replay_their_first_answer(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    plan = client.post("/api/v1/assessments", json=strength_assessment(), headers=keyed(auth, "a"))
    again = client.post("/api/v1/assessments", json=strength_assessment(), headers=keyed(auth, "a"))
    assert (plan.status_code, again.status_code) == (201, 201)
    assert again.json() == plan.json()
    assert client.get("/api/v1/plan", headers=auth).json()["version"] == 1
    report = {"schema": "calfcoach.checkin/1", "date": "2026-12-01", "after": "spring",
              "feeling": "ropey", "pain": 2}  # fmt: skip
    adjusted = client.post("/api/v1/checkins", json=report, headers=keyed(auth, "c"))
    repeated = client.post("/api/v1/checkins", json=report, headers=keyed(auth, "c"))
    assert (adjusted.status_code, repeated.status_code) == (200, 200)
    assert repeated.json() == adjusted.json()
    assert client.get("/api/v1/plan", headers=auth).json()["version"] == 2


def test_an_invitation_and_a_join_replay_their_first_answer(client: TestClient) -> None:
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    first = client.post("/api/v1/coach/invitations", headers=keyed(coach, "i"))
    again = client.post("/api/v1/coach/invitations", headers=keyed(coach, "i"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    runner = sign_up_and_token(client, "runner@example.com")
    code = {"code": first.json()["code"]}
    joined = client.post("/api/v1/coach/join", json=code, headers=keyed(runner, "j"))
    rejoined = client.post("/api/v1/coach/join", json=code, headers=keyed(runner, "j"))
    assert (joined.status_code, rejoined.status_code) == (200, 200)
    assert rejoined.json() == joined.json()
    assert len(client.get("/api/v1/coach/runners", headers=coach).json()) == 1


def test_the_same_key_with_another_body_is_409_naming_the_header(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    client.post("/api/v1/logs", json=a_log(), headers=keyed(auth, "log-1"))
    other = client.post("/api/v1/logs", json=a_log(side="right"), headers=keyed(auth, "log-1"))
    assert other.status_code == 409
    assert other.json()["field"] == KEY
    assert KEY in other.json()["error"]
    elsewhere = client.post("/api/v1/coach/join", json={"code": "X"}, headers=keyed(auth, "log-1"))
    assert elsewhere.status_code == 409  # the same key on another endpoint is another request
    assert len(client.get("/api/v1/logs", headers=auth).json()) == 1


def test_keys_are_scoped_to_the_account(client: TestClient) -> None:
    one = sign_up_and_token(client, "one@example.com")
    other = sign_up_and_token(client, "other@example.com")
    first = client.post("/api/v1/logs", json=a_log(), headers=keyed(one, "same"))
    second = client.post("/api/v1/logs", json=a_log(side="right"), headers=keyed(other, "same"))
    assert (first.status_code, second.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in second.headers
    assert first.json() != second.json()
    assert len(client.get("/api/v1/logs", headers=one).json()) == 1
    assert len(client.get("/api/v1/logs", headers=other).json()) == 1


def test_a_refused_request_does_not_use_up_its_key(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    bad = client.post("/api/v1/logs", json=a_log(side="middle"), headers=keyed(auth, "k"))
    assert (bad.status_code, bad.json()["field"]) == (422, "side")
    good = client.post("/api/v1/logs", json=a_log(), headers=keyed(auth, "k"))
    assert good.status_code == 201


@pytest.mark.parametrize("key", ["x" * 201, "", "bell\x07", "tab\tinside"])
def test_a_bad_key_is_refused_naming_the_header(client: TestClient, key: str) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    answer = client.post("/api/v1/logs", json=a_log(), headers=keyed(auth, key))
    assert answer.status_code == 422
    assert answer.json()["field"] == KEY
    assert client.get("/api/v1/logs", headers=auth).json() == []


def test_two_identical_requests_at_the_same_time_store_once(app: FastAPI) -> None:
    with TestClient(app) as setup:
        auth = sign_up_and_token(setup, "runner@example.com")
    barrier = threading.Barrier(2)

    def post() -> tuple[int, object, str]:
        with TestClient(app) as client:
            barrier.wait(10)
            answer = client.post(
                "/api/v1/assessments", json=strength_assessment(), headers=keyed(auth, "twice")
            )
            return answer.status_code, answer.json(), answer.headers.get(REPLAYED, "no")

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = [f.result(timeout=60) for f in [pool.submit(post), pool.submit(post)]]
    assert [status for status, _, _ in answers] == [201, 201]
    assert answers[0][1] == answers[1][1]
    assert sorted(replayed for _, _, replayed in answers) == ["no", "true"]
    with TestClient(app) as client:
        assert client.get("/api/v1/plan", headers=auth).json()["version"] == 1
        again = client.post("/api/v1/assessments", json=strength_assessment(), headers=auth)
        assert again.json()["block"] == 1  # the same test again, even without a key: one block


def test_the_header_is_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    posts = ["/api/v1/assessments", "/api/v1/checkins", "/api/v1/logs",
             "/api/v1/coach/invitations", "/api/v1/coach/join"]  # fmt: skip
    for path in posts:
        headers = [p for p in paths[path]["post"]["parameters"] if p["in"] == "header"]
        assert [h["name"] for h in headers] == [KEY], path
        assert "first answer" in headers[0]["description"]


def test_assess_helper_still_works_without_a_key(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    assert assess(client, auth)["block"] == 1
    assert assess(client, auth, date="2026-12-10")["block"] == 2  # a retest on another day
