"""Browser sign-ins slide with use; API tokens do not (issue 12), on both databases.

The app's clock is moved day by day: a runner signed up on Sunday 22 Nov who opens a page
every week is still signed in on retest day (day 32) and on day 60; one who stays away longer
than the session days signs in again; and no session outlives ``SESSION_MAX_DAYS``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from calfcoach.services.accounts import API_TOKEN_DAYS, SESSION_MAX_DAYS
from calfcoach.store.tables import TokenRow
from tests.e2e.web.conftest import AppFactory, bearer, token_for
from tests.e2e.web.test_pages import Clock, signed_in_runner

SIGNED_UP = datetime(2026, 11, 22, 9, tzinfo=UTC)  # Sunday: the block starts Monday 23 Nov
SESSION = timedelta(days=14)  # CALFCOACH_SESSION_DAYS's default


def day(number: int, hours: float = 0) -> datetime:
    return SIGNED_UP + timedelta(days=number, hours=hours)


def signed_in(client: TestClient) -> bool:
    """Whether a page opens (200) or sends the browser to the sign-in page."""
    answer = client.get("/progress", follow_redirects=False)
    assert answer.status_code in (200, 303), answer.text
    if answer.status_code == 303:
        assert answer.headers["location"].startswith("/signin")
    return answer.status_code == 200


def web_expiries(engine: Engine) -> list[datetime]:
    with engine.connect() as connection:
        found = connection.scalars(select(TokenRow.expires_at).where(TokenRow.kind == "web"))
        return list(found)


def test_used_every_week_the_runner_is_signed_in_on_retest_day_and_day_60(
    make_app: AppFactory,
) -> None:
    clock = Clock(SIGNED_UP)
    client = signed_in_runner(make_app, clock)
    for number in range(1, 61, 7):  # Monday 23 Nov, then every Monday
        clock.now = day(number, hours=10)
        assert signed_in(client), f"signed out on day {number}"
    clock.now = day(32)  # retest day
    assert signed_in(client)
    clock.now = day(60)
    assert signed_in(client)


def test_a_runner_away_longer_than_the_session_days_signs_in_again(
    make_app: AppFactory, engine: Engine
) -> None:
    clock = Clock(SIGNED_UP)
    client = signed_in_runner(make_app, clock)
    clock.now = day(5)
    assert signed_in(client)
    assert web_expiries(engine) == [day(5) + SESSION]
    clock.now = day(5) + SESSION + timedelta(minutes=1)
    assert not signed_in(client)
    clock.now = day(5)  # the session is gone: even going back in time does not bring it back
    assert not signed_in(client)


def test_the_absolute_cap_signs_out_even_a_daily_user(make_app: AppFactory, engine: Engine) -> None:
    clock = Clock(SIGNED_UP)
    client = signed_in_runner(make_app, clock)
    cap = SIGNED_UP + timedelta(days=SESSION_MAX_DAYS)
    for number in range(1, SESSION_MAX_DAYS, 3):
        clock.now = day(number)
        assert signed_in(client), f"signed out on day {number}"
    assert web_expiries(engine) == [cap]
    clock.now = cap - timedelta(minutes=1)
    assert signed_in(client)
    clock.now = cap
    assert not signed_in(client)


def test_the_session_is_renewed_at_most_once_a_day(make_app: AppFactory, engine: Engine) -> None:
    clock = Clock(SIGNED_UP)
    client = signed_in_runner(make_app, clock)
    for hour in range(0, 24, 2):  # the sign-in day: nothing to renew
        clock.now = day(0, hours=hour)
        assert signed_in(client)
        assert web_expiries(engine) == [SIGNED_UP + SESSION]
    renewed = day(3)
    for hour in range(0, 24, 2):  # day 3: the first page renews it, the rest of the day reads
        clock.now = renewed + timedelta(hours=hour)
        assert signed_in(client)
        assert web_expiries(engine) == [renewed + SESSION]
    clock.now = renewed + timedelta(days=1, minutes=1)
    assert signed_in(client)
    assert web_expiries(engine) == [clock.now + SESSION]


def test_an_api_token_keeps_its_fixed_thirty_days(make_app: AppFactory) -> None:
    clock = Clock(SIGNED_UP)
    client = signed_in_runner(make_app, clock)
    auth = bearer(token_for(client, "pages@example.com"))
    for number in range(1, API_TOKEN_DAYS, 7):
        clock.now = day(number)
        assert client.get("/api/v1/progress", headers=auth).status_code == 200
        assert signed_in(client)
    clock.now = day(API_TOKEN_DAYS)
    assert client.get("/api/v1/progress", headers=auth).status_code == 401
    assert signed_in(client)  # the browser session, used weekly, goes on
