"""The runner's pages over HTTP: what a signed-in runner sees as the block goes on."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from pydantic import SecretStr

from tests.e2e.web.conftest import PASSWORD, AppFactory, csrf_from, sign_up

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def signed_in_runner(make_app: AppFactory, clock: Clock) -> TestClient:
    client = TestClient(make_app(clock=clock))
    sign_up(client, "pages@example.com")
    sign_in(client)
    return client


def sign_in(client: TestClient) -> None:
    token = csrf_from(client.get("/signin").text)
    answer = client.post(
        "/signin",
        data={"csrf_token": token, "email": "pages@example.com", "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def take_tests(client: TestClient) -> None:
    form = {
        "csrf_token": csrf_from(client.get("/tests").text),
        "age": "34", "sex": "female", "heel_raise_left": "12", "heel_raise_right": "8",
        "knee_to_wall_left": "10.5", "knee_to_wall_right": "8",
    }  # fmt: skip
    answer = client.post("/tests", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/diagnosis"


def test_a_logged_day_is_ticked_on_the_calendar(make_app: AppFactory) -> None:
    clock = Clock(datetime(2026, 11, 22, 9, tzinfo=UTC))  # Sunday: the block starts Monday
    client = signed_in_runner(make_app, clock)
    take_tests(client)
    assert "sets logged" not in client.get("/plan").text
    clock.now = datetime(2026, 11, 24, 18, tzinfo=UTC)
    day = client.get("/day/2026-11-24").text
    assert "Warm-up" in day and "5 min" in day, "a five-minute warm-up reads as minutes"
    logged = client.post(
        "/logs",
        data={"csrf_token": csrf_from(day), "date": "2026-11-24",
              "exercise": "straight_knee_calf_raise", "side": "left", "reps_0": "6"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert logged.status_code == 200
    assert "Logged 1 set" in logged.text
    assert 'title="sets logged"' in client.get("/plan").text
    day = client.get("/day/2026-11-24").text
    assert "Straight-knee calf raise (left): 6" in day, "the catalogue's name, as headed above"
    assert "Straight knee" not in day


def test_the_plan_names_its_focus_as_the_diagnosis_heads_it(make_app: AppFactory) -> None:
    client = signed_in_runner(make_app, Clock(datetime(2026, 11, 22, 9, tzinfo=UTC)))
    take_tests(client)
    heading = re.search(r'<h1 class="target[^"]*">([^<]+)</h1>', client.get("/diagnosis").text)
    assert heading is not None
    assert f'focus: <a href="/diagnosis">{heading[1]}</a>' in client.get("/plan").text


def test_the_check_in_names_each_session_in_a_few_words(make_app: AppFactory) -> None:
    clock = Clock(datetime(2026, 11, 22, 9, tzinfo=UTC))
    client = signed_in_runner(make_app, clock)
    take_tests(client)
    clock.now = datetime(2026, 11, 25, 8, tzinfo=UTC)  # the morning after Tuesday's session
    options = re.findall(r"<option [^>]*>([^<]+)</option>", client.get("/checkin").text)
    assert "Strength · Tue 24 Nov" in options
    assert "Another spring session" in options
    assert all(len(option) <= 34 for option in options), "one line at a phone's width"


def test_the_plan_asks_for_a_retest_when_the_block_is_over(make_app: AppFactory) -> None:
    clock = Clock(datetime(2026, 11, 22, 9, tzinfo=UTC))
    client = signed_in_runner(make_app, clock)
    take_tests(client)
    assert "Time to retest" not in client.get("/plan").text
    clock.now = datetime(2026, 12, 21, 9, tzinfo=UTC)  # four weeks after Monday 23 Nov
    assert client.get("/plan", follow_redirects=False).headers["location"] == (
        "/signin?next=/plan"
    ), "a browser sign-in lasts 14 days"
    sign_in(client)
    page = client.get("/plan").text
    assert "Time to retest" in page
    assert 'href="/tests"' in page


def test_a_form_without_the_csrf_token_is_refused_and_writes_nothing(
    make_app: AppFactory,
) -> None:
    client = signed_in_runner(make_app, Clock(MONDAY))
    answer = client.post("/tests", data={"heel_raise_left": "12", "heel_raise_right": "8"})
    assert answer.status_code == 403
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/tests"


def test_pages_need_a_sign_in_and_the_right_role(make_app: AppFactory) -> None:
    client = TestClient(make_app(clock=Clock(MONDAY)))
    for path in ("/today", "/plan", "/checkin", "/progress", "/tests", "/coach"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == f"/signin?next={path}"
    sign_up(client, "pages@example.com")
    sign_in(client)
    assert client.get("/coach").status_code == 403
    assert client.get("/coach/runners/1").status_code == 403


def test_a_coach_page_for_a_runner_who_did_not_join_is_404(make_app: AppFactory) -> None:
    client = TestClient(make_app(clock=Clock(MONDAY)))
    runner_id = sign_up(client, "stranger@example.com")
    sign_up(client, "coach@example.com", role="coach")
    token = csrf_from(client.get("/signin").text)
    client.post(
        "/signin", data={"csrf_token": token, "email": "coach@example.com", "password": PASSWORD}
    )
    assert client.get("/coach").status_code == 200
    page = client.get(f"/coach/runners/{runner_id}")
    assert page.status_code == 404
    assert "stranger@example.com" not in page.text


def test_healthz_is_503_when_the_database_does_not_answer() -> None:
    from calfcoach.services.bootstrap import open_database
    from calfcoach.settings import Settings
    from calfcoach.web.app import create_app

    nowhere = "postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=1"
    app = create_app(
        Settings(database_url=nowhere, secret_key=SecretStr("x")),
        database=open_database(nowhere, migrate=False),
    )
    answer = TestClient(app).get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "database not answering"}
