"""The web app on a real database, driven through FastAPI's TestClient.

Every test gets an app built on a fresh, migrated database (SQLite and PostgreSQL) with a fixed
clock, so "today" is 2026-12-10 whatever the machine's date. Accounts are made through the API
itself; argon2 is slow, so each test makes only the accounts it needs.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from calfcoach.settings import Settings

FIXED_NOW = datetime(2026, 12, 10, 12, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "src" / "calfcoach" / "examples"
CHECKINS = ROOT / "tests" / "files" / "checkins"
PASSWORD = "correct horse battery"  # noqa: S105 - a test password

Doc = dict[str, Any]
Clock = Callable[[], datetime]
AppFactory = Callable[..., FastAPI]


def load(path: Path) -> Doc:
    return cast(Doc, json.loads(path.read_text(encoding="utf-8")))


def strength_assessment(**changes: object) -> Doc:
    """The bundled example (heel raise 12 left / 8 right, 2026-11-23), with ``changes``."""
    return {**load(EXAMPLES / "strength_runner.json"), **changes}


def checkin(name: str, **changes: object) -> Doc:
    return {**load(CHECKINS / f"{name}.json"), **changes}


def a_log(**changes: object) -> Doc:
    """A straight-knee calf raise session, left leg, two sets."""
    return {
        "date": "2026-11-23",
        "exercise": "straight_knee_calf_raise",
        "side": "left",
        "sets": [
            {"reps": 8, "load_kg": 10.0, "seconds": None, "rpe": None},
            {"reps": 6, "load_kg": 12.5, "seconds": None, "rpe": None},
        ],
        **changes,
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_up(client: TestClient, email: str, role: str = "runner") -> int:
    """A new account through the API; returns its id."""
    answer = client.post(
        "/api/v1/accounts", json={"email": email, "password": PASSWORD, "role": role}
    )
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def token_for(client: TestClient, email: str, password: str = PASSWORD) -> str:
    answer = client.post("/api/v1/tokens", json={"email": email, "password": password})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def sign_up_and_token(client: TestClient, email: str, role: str = "runner") -> dict[str, str]:
    """Sign up and sign in; returns the Authorization header of the new account."""
    sign_up(client, email, role)
    return bearer(token_for(client, email))


def assess(client: TestClient, auth: dict[str, str], **changes: object) -> Doc:
    answer = client.post("/api/v1/assessments", json=strength_assessment(**changes), headers=auth)
    assert answer.status_code == 201, answer.text
    return cast(Doc, answer.json())


def csrf_from(html: str) -> str:
    """The value of the page's hidden ``csrf_token`` input."""
    found = re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', html)
    assert found, "no csrf_token hidden input on the page"
    return found.group(1)


def signed_in(client: TestClient, email: str, role: str = "runner") -> str:
    """Sign ``email`` up and in through the browser's form; returns the session's CSRF token."""
    sign_up(client, email, role)
    token = csrf_from(client.get("/signin").text)
    answer = client.post(
        "/signin",
        data={"csrf_token": token, "email": email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return csrf_from(client.get("/why-calves").text)


@pytest.fixture
def make_app(db_url: str) -> Iterator[AppFactory]:
    """Builds apps on this test's database (``build(clock=...)``); engines disposed afterwards."""
    # Imported here, not at the top: calfcoach.web imports pygal, which appends a legacy
    # sys.meta_path finder; loaded while pytest configures, its ImportWarning (an error under
    # filterwarnings=error) breaks pytest-xdist's optional "import setproctitle".
    from calfcoach.web.app import create_app

    built: list[FastAPI] = []

    def build(clock: Clock = lambda: FIXED_NOW) -> FastAPI:
        settings = Settings(database_url=db_url, secret_key=SecretStr("test-secret"))
        app = create_app(settings, clock=clock)
        built.append(app)
        return app

    yield build
    # A background import a test started and did not wait for still holds a connection:
    # let it end before the pool closes, or the connection is dropped while open.
    for worker in threading.enumerate():
        if worker.name.startswith("import-"):
            worker.join(timeout=30)
    for app in built:
        app.state.context.database.dispose()


@pytest.fixture
def app(make_app: AppFactory) -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
