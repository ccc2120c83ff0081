"""Reports on any day through the API (issue #10): what the engine takes, the web takes.

The web tests' clock says 2026-12-10 (a Thursday). Tests taken on Tuesday 2026-12-08 start
the block on Monday 2026-12-14, so Wednesday 2026-12-09 lies between the tests and the start.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import assess, sign_up_and_token

BETWEEN = {"date": "2026-12-09", "after": "strength"}


def test_pain_between_the_tests_and_the_start_is_taken_and_acts(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = assess(client, auth, date="2026-12-08")
    assert before["plan"]["start"] == "2026-12-14"
    answer = client.post(
        "/api/v1/checkins", json={**BETWEEN, "feeling": "sharp_pain"}, headers=auth
    )
    assert answer.status_code == 200, answer.text
    after = answer.json()
    assert [d["rule"] for d in after["decisions"][len(before["decisions"]) :]] == ["S3"]
    assert after["version"] == before["version"] + 1


def test_other_reports_before_the_start_are_refused_naming_the_date(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    assess(client, auth, date="2026-12-08")
    answer = client.post("/api/v1/checkins", json={**BETWEEN, "feeling": "fine"}, headers=auth)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "date"


def test_a_chosen_start_is_kept_and_a_start_on_the_test_day_is_refused(
    client: TestClient,
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    chosen = assess(client, auth, date="2026-12-08", start="2026-12-10")
    assert chosen["plan"]["start"] == "2026-12-10"
    assert min(s["date"] for w in chosen["plan"]["weeks"] for s in w["sessions"]) >= "2026-12-10"
    refused = client.post(
        "/api/v1/assessments",
        json={"date": "2026-12-08", "start": "2026-12-08", "heel_raise": {"left": 20, "right": 20}},
        headers=auth,
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == "start"
