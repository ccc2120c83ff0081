"""``PATCH`` and ``DELETE /api/v1/logs/{id}``: a runner corrects their own logbook only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import a_log, sign_up_and_token, strength_assessment


def logged(client: TestClient, auth: dict[str, str], **changes: object) -> int:
    answer = client.post("/api/v1/logs", json=a_log(**changes), headers=auth)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def test_a_patch_changes_only_the_fields_it_names(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    log_id = logged(client, auth)
    answer = client.patch(f"/api/v1/logs/{log_id}", json={"side": "right"}, headers=auth)
    assert answer.status_code == 200, answer.text
    expected = {**a_log(side="right"), "id": log_id}
    assert answer.json() == expected
    assert client.get("/api/v1/logs", headers=auth).json() == [expected]


def test_a_patch_with_the_whole_document_replaces_the_sets(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    log_id = logged(client, auth)
    (stored,) = client.get("/api/v1/logs", headers=auth).json()
    stored["sets"] = [{"reps": 12, "load_kg": None, "seconds": None, "rpe": 9}]
    stored["date"] = "2026-11-25"
    answer = client.patch(f"/api/v1/logs/{log_id}", json=stored, headers=auth)
    assert answer.status_code == 200, answer.text
    assert client.get("/api/v1/logs", headers=auth).json() == [stored]


def test_a_bad_patch_is_422_naming_the_field_and_changes_nothing(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    log_id = logged(client, auth)
    before = client.get("/api/v1/logs", headers=auth).json()
    cases = {
        "sets[0].reps": {"sets": [{"reps": -1}]},
        "sets": {"sets": []},
        "exercise": {"exercise": "bench_press"},
        "date": {"date": "2099-01-01"},
        "colour": {"colour": "red"},
        "id": {"id": log_id + 1},
    }
    for field, body in cases.items():
        answer = client.patch(f"/api/v1/logs/{log_id}", json=body, headers=auth)
        assert answer.status_code == 422, (field, answer.text)
        assert answer.json()["field"] == field
    not_an_object = client.patch(f"/api/v1/logs/{log_id}", json=[1], headers=auth)
    assert not_an_object.status_code == 422
    assert client.get("/api/v1/logs", headers=auth).json() == before


def test_a_delete_removes_the_log(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    kept = logged(client, auth)
    gone = logged(client, auth, side="right")
    answer = client.delete(f"/api/v1/logs/{gone}", headers=auth)
    assert (answer.status_code, answer.content) == (204, b"")
    assert [log["id"] for log in client.get("/api/v1/logs", headers=auth).json()] == [kept]
    assert client.delete(f"/api/v1/logs/{gone}", headers=auth).status_code == 404


def test_another_runners_log_or_an_unknown_id_is_404(client: TestClient) -> None:
    owner = sign_up_and_token(client, "owner@example.com")
    other = sign_up_and_token(client, "other@example.com")
    coach = sign_up_and_token(client, "coach@example.com", "coach")
    log_id = logged(client, owner)
    for auth in (other, coach):
        patched = client.patch(f"/api/v1/logs/{log_id}", json={"side": "right"}, headers=auth)
        deleted = client.delete(f"/api/v1/logs/{log_id}", headers=auth)
        assert (patched.status_code, deleted.status_code) == (404, 404)
        assert patched.json() == deleted.json() == {"error": "no such logged session"}
    unknown = client.patch("/api/v1/logs/999999", json={"side": "right"}, headers=owner)
    assert unknown.json() == {"error": "no such logged session"}
    assert client.delete("/api/v1/logs/999999", headers=owner).status_code == 404
    assert client.get("/api/v1/logs", headers=owner).json()[0]["side"] == "left"
    assert client.patch(f"/api/v1/logs/{log_id}", json={}).status_code == 401


def test_the_weekly_volume_follows_an_edit_and_a_delete(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    client.post("/api/v1/assessments", json=strength_assessment(), headers=auth)
    first = logged(client, auth)  # 8 + 6 reps in the week of 2026-11-23
    second = logged(client, auth, side="right")

    def volume() -> list[dict[str, object]]:
        progress = client.get("/api/v1/progress", headers=auth)
        assert progress.status_code == 200, progress.text
        return list(progress.json()["weekly_volume"])

    assert volume() == [{"week_of": "2026-11-23", "reps": 28, "seconds": 0.0}]
    client.patch(f"/api/v1/logs/{first}", json={"sets": [{"reps": 20}]}, headers=auth)
    assert volume() == [{"week_of": "2026-11-23", "reps": 34, "seconds": 0.0}]
    client.patch(f"/api/v1/logs/{second}", json={"date": "2026-12-01"}, headers=auth)
    assert volume() == [
        {"week_of": "2026-11-23", "reps": 20, "seconds": 0.0},
        {"week_of": "2026-11-30", "reps": 14, "seconds": 0.0},
    ]
    assert client.delete(f"/api/v1/logs/{first}", headers=auth).status_code == 204
    assert volume() == [{"week_of": "2026-11-30", "reps": 14, "seconds": 0.0}]


def test_the_two_endpoints_are_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"patch", "delete"} <= set(paths["/api/v1/logs/{log_id}"])
