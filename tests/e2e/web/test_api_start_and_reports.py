"""The API takes a chosen start and pain on any day from the tests on (issue 12).

The web tests' clock says Thursday 2026-12-10; tests taken that day start the block on
Monday 2026-12-14 unless ``start`` says otherwise.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.e2e.web.conftest import assess, sign_up_and_token, strength_assessment

TEST_DAY = "2026-12-10"


def test_a_start_is_taken_from_the_day_after_the_tests_to_four_weeks_on(
    client: TestClient,
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    for start, status in [(TEST_DAY, 422), ("2027-01-08", 422), ("2027-01-07", 201)]:
        answer = client.post(
            "/api/v1/assessments",
            json=strength_assessment(date=TEST_DAY, start=start),
            headers=auth,
        )
        assert answer.status_code == status, (start, answer.text)
        if status == 422:
            assert answer.json()["field"] == "start"
    other = sign_up_and_token(client, "other@example.com")  # one day's tests start one block
    assert assess(client, other, date=TEST_DAY, start="2026-12-11")["plan"]["start"] == "2026-12-11"


def test_pain_before_the_block_is_taken_without_a_week(client: TestClient) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = assess(client, auth, date=TEST_DAY)
    assert before["plan"]["start"] == "2026-12-14"
    report = {"schema": "calfcoach.checkin/1", "date": TEST_DAY, "after": "spring",
              "feeling": "ropey", "pain": 7}  # fmt: skip
    answer = client.post("/api/v1/checkins", json=report, headers=auth)
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == before["version"] + 1
