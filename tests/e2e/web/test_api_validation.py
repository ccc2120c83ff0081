"""Bad bodies get 422 with the field named, and a refused request writes nothing."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from calfcoach.store.tables import Base
from tests.e2e.web.conftest import (
    PASSWORD,
    Doc,
    a_log,
    assess,
    checkin,
    sign_up_and_token,
    strength_assessment,
)


def rows(engine: Engine) -> dict[str, int]:
    """Rows in every table, to show that a refused request wrote nothing."""
    with engine.connect() as connection:
        return {
            name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


def assert_refused(answer: httpx2.Response, field: str, loc: list[Any] | None = None) -> None:
    """422 naming ``field`` in "field" and in the first "detail" location (FastAPI's shape)."""
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["field"] == field
    assert field in body["error"]
    first = body["detail"][0]
    assert first["msg"]
    expected = loc if loc is not None else ["body", *field.split(".")]
    assert first["loc"] == expected


def with_week(**days: str) -> Doc:
    document = strength_assessment()
    return {**document, "week": {**document["week"], **days}}


@pytest.mark.parametrize(
    ("document", "field"),
    [
        pytest.param(
            strength_assessment(heel_raise={"left": -3, "right": 8}),
            "heel_raise.left",
            id="negative-reps",
        ),
        pytest.param(
            strength_assessment(heel_raise={"left": 12, "right": 900}),
            "heel_raise.right",
            id="900-reps",
        ),
        pytest.param(with_week(sat="party"), "week.sat", id="unknown-day-type"),
        pytest.param(strength_assessment(favourite_colour="red"), "favourite_colour", id="key"),
        pytest.param(
            {k: v for k, v in strength_assessment().items() if k != "heel_raise"},
            "heel_raise",
            id="missing-heel-raise",
        ),
    ],
)
def test_a_bad_assessment_is_422_naming_the_field_and_stores_no_plan(
    client: TestClient, engine: Engine, document: Doc, field: str
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = rows(engine)
    answer = client.post("/api/v1/assessments", json=document, headers=auth)
    assert_refused(answer, field)
    assert rows(engine) == before
    assert client.get("/api/v1/plan", headers=auth).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"feeling": "meh"}, "feeling", id="unknown-feeling"),
        pytest.param({"pain": 11}, "pain", id="pain-over-10"),
        pytest.param({"week": 9}, "week", id="week-outside-the-block"),
        pytest.param({"after": "yoga"}, "after", id="unknown-session-kind"),
    ],
)
def test_a_bad_checkin_is_422_naming_the_field_and_keeps_the_plan(
    client: TestClient, engine: Engine, changes: Doc, field: str
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    plan = assess(client, auth)
    before = rows(engine)
    document = checkin("ropey_after_spring_week2", **changes)
    answer = client.post("/api/v1/checkins", json=document, headers=auth)
    assert_refused(answer, field)
    assert rows(engine) == before
    assert client.get("/api/v1/plan", headers=auth).json() == plan


def test_a_log_with_negative_reps_is_422_and_nothing_is_logged(
    client: TestClient, engine: Engine
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = rows(engine)
    answer = client.post(
        "/api/v1/logs", json=a_log(sets=[{"reps": -1, "load_kg": None}]), headers=auth
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "sets[0].reps"
    assert rows(engine) == before
    assert client.get("/api/v1/logs", headers=auth).json() == []
    # FastAPI's own errors locate list items by index: ["body", "sets", 0, "reps"].
    assert_refused(answer, "sets[0].reps", ["body", "sets", 0, "reps"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"exercise": "bicep_curl"}, "exercise", id="unknown-exercise"),
        pytest.param({"side": "middle"}, "side", id="unknown-side"),
        pytest.param({"date": "2027-01-01"}, "date", id="future-date"),
        pytest.param({"sets": []}, "sets", id="no-sets"),
    ],
)
def test_a_bad_log_is_422_naming_the_field(
    client: TestClient, engine: Engine, changes: Doc, field: str
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = rows(engine)
    answer = client.post("/api/v1/logs", json=a_log(**changes), headers=auth)
    assert_refused(answer, field)
    assert rows(engine) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(
            {"email": "not-an-email", "password": PASSWORD, "role": "runner"}, "email", id="email"
        ),
        pytest.param({"email": "runner@example.com", "role": "runner"}, "password", id="no-pw"),
        pytest.param(
            {"email": "runner@example.com", "password": "short", "role": "runner"},
            "password",
            id="short-password",
        ),
        pytest.param(
            {"email": "runner@example.com", "password": PASSWORD, "role": "admin"},
            "role",
            id="admin",
        ),
        pytest.param(
            {"email": "runner@example.com", "password": PASSWORD, "is_admin": True},
            "is_admin",
            id="unknown-key",
        ),
    ],
)
def test_a_bad_account_is_422_naming_the_field_and_creates_nothing(
    client: TestClient, engine: Engine, body: Doc, field: str
) -> None:
    answer = client.post("/api/v1/accounts", json=body)
    assert_refused(answer, field)
    assert rows(engine)["accounts"] == 0
    signed_in = client.post(
        "/api/v1/tokens", json={"email": "runner@example.com", "password": PASSWORD}
    )
    assert signed_in.status_code == 401


def test_a_body_that_is_not_json_is_422_naming_the_body(client: TestClient, engine: Engine) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = rows(engine)
    answer = client.post(
        "/api/v1/assessments",
        content=b'{"heel_raise": {"left": 12,',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text
    assert rows(engine) == before
    assert client.get("/api/v1/plan", headers=auth).status_code == 404
    # A syntax error has no field: the answer should blame the body, not "field 26".
    assert_refused(answer, "body", ["body"])


@pytest.mark.parametrize(
    "body", [pytest.param([1, 2], id="list"), pytest.param("text", id="string")]
)
def test_json_that_is_not_an_object_is_422_and_writes_nothing(
    client: TestClient, engine: Engine, body: object
) -> None:
    auth = sign_up_and_token(client, "runner@example.com")
    before = rows(engine)
    answer = client.post("/api/v1/assessments", json=body, headers=auth)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"]
    assert rows(engine) == before
