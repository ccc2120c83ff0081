"""The HTTP API answers exactly as ../shared/spec/interfaces.md ("Web and HTTP API") says.

Each test drives the real app through TestClient on SQLite and PostgreSQL.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import (
    PASSWORD,
    Doc,
    a_log,
    assess,
    checkin,
    sign_up,
    sign_up_and_token,
)

CONTRACT_PATHS = {
    "/api/v1/accounts": {"post"},
    "/api/v1/tokens": {"post"},
    "/api/v1/assessments": {"post"},
    "/api/v1/plan": {"get"},
    "/api/v1/checkins": {"post"},
    "/api/v1/logs": {"post", "get"},
    "/api/v1/coach/invitations": {"post"},
    "/api/v1/coach/join": {"post"},
    "/api/v1/coach/runners": {"get"},
}
SESSION_KINDS = {"strength", "spring", "run_addon", "mobility"}
WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def assert_plan_document(document: Doc) -> None:
    """The shape of a ``calfcoach.plan/1`` document as the contract writes it."""
    assert document["schema"] == "calfcoach.plan/1"
    diagnosis = document["diagnosis"]
    assert {"target", "urgency", "findings", "reasons"} <= set(diagnosis)
    assert diagnosis["urgency"] in (None, "clinician", "same_day", "urgent")
    weeks = document["plan"]["weeks"]
    assert [week["week"] for week in weeks] == list(range(1, len(weeks) + 1))
    for week in weeks:
        for session in week["sessions"]:
            assert session["day"] in WEEKDAYS
            assert session["kind"] in SESSION_KINDS
            for item in session["items"]:
                assert item["side"] in ("both", "left", "right")
                assert (item["reps"] is None) != (item["seconds"] is None), item
    assert document["decisions"], "a plan always explains itself"
    assert all({"date", "rule", "text"} <= set(d) for d in document["decisions"])


def test_sign_up_answers_201_with_the_new_account(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/accounts",
        json={"email": "Runner@Example.com", "password": PASSWORD, "role": "runner"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["email"] == "runner@example.com"
    assert body["role"] == "runner"
    assert isinstance(body["id"], int)
    assert "password" not in answer.text


def test_a_taken_email_is_a_409_conflict(client: TestClient) -> None:
    sign_up(client, "runner@example.com")
    again = client.post(
        "/api/v1/accounts",
        json={"email": "RUNNER@example.com", "password": PASSWORD, "role": "coach"},
    )
    assert again.status_code == 409
    assert again.json()["field"] == "email"


def test_the_right_password_gets_a_token_and_a_wrong_one_a_401(client: TestClient) -> None:
    sign_up(client, "runner@example.com")
    good = client.post("/api/v1/tokens", json={"email": "runner@example.com", "password": PASSWORD})
    assert good.status_code == 200, good.text
    token = good.json()["token"]
    assert isinstance(token, str)
    assert len(token) >= 32
    bad = client.post(
        "/api/v1/tokens", json={"email": "runner@example.com", "password": "not the password"}
    )
    assert bad.status_code == 401
    assert "token" not in bad.json()
    unknown = client.post(
        "/api/v1/tokens", json={"email": "nobody@example.com", "password": PASSWORD}
    )
    assert unknown.status_code == 401
    assert unknown.json() == bad.json(), "a wrong email must not be told apart"


def test_an_assessment_answers_201_with_a_plan_document(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    plan = assess(client, auth)
    assert_plan_document(plan)
    assert isinstance(plan["id"], int)
    assert plan["diagnosis"]["target"] == "strength"
    # The example was taken on Monday 2026-11-23: the block starts that day, four weeks long.
    assert plan["plan"]["start"] == "2026-11-23"
    assert len(plan["plan"]["weeks"]) == 4
    assert plan["plan"]["weeks"][0]["sessions"][0]["date"] >= "2026-11-23"


def test_get_plan_returns_the_stored_plan_document(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    made = assess(client, auth)
    answer = client.get("/api/v1/plan", headers=auth)
    assert answer.status_code == 200, answer.text
    assert answer.json() == made


def test_a_ropey_checkin_after_spring_returns_the_adjusted_plan(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = assess(client, auth)
    answer = client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=auth)
    assert answer.status_code == 200, answer.text
    after = answer.json()
    assert_plan_document(after)
    assert after["id"] != before["id"]
    assert after["version"] == before["version"] + 1
    assert after["decisions"][: len(before["decisions"])] == before["decisions"]
    new = after["decisions"][len(before["decisions"]) :]
    assert [d["rule"] for d in new] == ["S2"]
    assert new[0]["date"] == "2026-12-03"
    assert after["plan"] != before["plan"], "a halved spring dose changes the plan"
    stored = client.get("/api/v1/plan", headers=auth).json()
    assert stored["version"] == after["version"]
    assert stored["decisions"] == after["decisions"]


def test_a_checkin_before_any_plan_is_a_404(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    answer = client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=auth)
    assert answer.status_code == 404


def test_a_logged_session_is_listed_with_its_sets_per_side(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    assert client.get("/api/v1/logs", headers=auth).json() == []
    left = client.post("/api/v1/logs", json=a_log(), headers=auth)
    assert left.status_code == 201, left.text
    assert set(left.json()) == {"id"}
    right = client.post("/api/v1/logs", json=a_log(side="right", sets=[{"reps": 10}]), headers=auth)
    assert right.status_code == 201, right.text
    answer = client.get("/api/v1/logs", headers=auth)
    assert answer.status_code == 200
    by_id = {entry["id"]: entry for entry in answer.json()}
    assert set(by_id) == {left.json()["id"], right.json()["id"]}
    assert by_id[left.json()["id"]] == {
        "id": left.json()["id"],
        "date": "2026-11-23",
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [
            {"reps": 8, "load_kg": 10.0, "seconds": None, "rpe": None},
            {"reps": 6, "load_kg": 12.5, "seconds": None, "rpe": None},
        ],
    }
    assert by_id[right.json()["id"]]["side"] == "right"
    assert by_id[right.json()["id"]]["sets"] == [
        {"reps": 10, "load_kg": None, "seconds": None, "rpe": None}
    ]


def test_only_a_coach_makes_invitation_codes(client: TestClient) -> None:
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    runner = sign_up_and_token(client, "runner@example.com")
    answer = client.post("/api/v1/coach/invitations", headers=coach)
    assert answer.status_code == 201, answer.text
    code = answer.json()["code"]
    assert isinstance(code, str)
    assert code
    refused = client.post("/api/v1/coach/invitations", headers=runner)
    assert refused.status_code == 403
    assert "code" not in refused.json()


def test_a_runner_joins_and_the_roster_shows_target_flags_checkin_and_retest(
    client: TestClient,
) -> None:
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    runner = sign_up_and_token(client, "runner@example.com")
    assess(client, runner)
    client.post("/api/v1/checkins", json=checkin("ropey_after_spring_week2"), headers=runner)
    code = client.post("/api/v1/coach/invitations", headers=coach).json()["code"]
    joined = client.post("/api/v1/coach/join", json={"code": code.lower()}, headers=runner)
    assert joined.status_code == 200, joined.text
    assert joined.json()["coach"] == "coach@example.com"
    answer = client.get("/api/v1/coach/runners", headers=coach)
    assert answer.status_code == 200, answer.text
    [row] = answer.json()
    assert row["email"] == "runner@example.com"
    assert row["target"] == "strength"
    assert row["urgency"] is None
    assert row["red_flags"] == []
    assert "retest asymmetry (right)" in row["asymmetries"]
    assert row["last_checkin"] == {"date": "2026-12-03", "feeling": "ropey", "pain": 2}
    assert row["retest_due"] == "2026-12-21"  # the block began 2026-11-23; retest after 4 weeks
    detail = client.get(f"/api/v1/coach/runners/{row['id']}", headers=coach)
    assert detail.status_code == 200, detail.text
    assert detail.json()["plan"]["version"] == 2


def test_an_unknown_or_used_invitation_code_is_a_404(client: TestClient) -> None:
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    first = sign_up_and_token(client, "first@example.com")
    second = sign_up_and_token(client, "second@example.com")
    unknown = client.post("/api/v1/coach/join", json={"code": "ZZZZZZZZ"}, headers=first)
    assert unknown.status_code == 404
    assert unknown.json()["field"] == "code"
    code = client.post("/api/v1/coach/invitations", headers=coach).json()["code"]
    assert client.post("/api/v1/coach/join", json={"code": code}, headers=first).status_code == 200
    used = client.post("/api/v1/coach/join", json={"code": code}, headers=second)
    assert used.status_code == 404
    assert [r["email"] for r in client.get("/api/v1/coach/runners", headers=coach).json()] == [
        "first@example.com"
    ]


def test_healthz_answers_200_when_the_database_answers(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_openapi_lists_every_api_path_of_the_contract(client: TestClient) -> None:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    paths = answer.json()["paths"]
    for path, methods in CONTRACT_PATHS.items():
        assert path in paths, f"{path} missing from /openapi.json"
        assert methods <= set(paths[path]), f"{path}: {methods} not all in {set(paths[path])}"
