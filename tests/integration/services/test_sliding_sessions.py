"""Browser sign-ins slide; API tokens do not (issue 12), on SQLite and PostgreSQL.

A runner who signs up, starts on the next Monday and uses the app through the block must still
be signed in on retest day (day 32): each page request renews the session to now + the session
days, at most once a day, and never past ``SESSION_MAX_DAYS`` from the sign-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from calfcoach.services.accounts import (
    API_TOKEN_DAYS,
    SESSION_MAX_DAYS,
    Account,
    account_for_session,
    account_for_token,
    sign_in,
    sign_up,
    token_hash,
)
from calfcoach.store.tables import TokenRow
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW

PASSWORD = "correct horse battery"  # noqa: S105 - a test password
EMAIL = "runner@example.com"
SESSION = timedelta(days=14)  # CALFCOACH_SESSION_DAYS's default


@pytest.fixture
def account(engine: Engine) -> Account:
    return sign_up(UnitOfWork(engine), EMAIL, PASSWORD, "runner", NOW)


def web_sign_in(engine: Engine, at: datetime = NOW) -> str:
    token, _ = sign_in(UnitOfWork(engine), EMAIL, PASSWORD, at, kind="web", lifetime=SESSION)
    return token


def visit(engine: Engine, token: str, at: datetime) -> Account | None:
    return account_for_session(UnitOfWork(engine), token, at, SESSION)


def expiry(engine: Engine, token: str) -> datetime:
    with engine.connect() as connection:
        found = connection.scalar(
            select(TokenRow.expires_at).where(TokenRow.secret_hash == token_hash(token))
        )
    assert found is not None
    return found


class TokenWrites:
    """Counts the UPDATE statements sent to the tokens table."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any) -> None:
        statement = str(args[2]).lower()
        if statement.lstrip().startswith("update tokens"):
            self.count += 1


@pytest.fixture
def token_writes(engine: Engine) -> Iterator[TokenWrites]:
    writes = TokenWrites()
    event.listen(engine, "before_cursor_execute", writes)
    yield writes
    event.remove(engine, "before_cursor_execute", writes)


def test_used_every_week_still_signed_in_on_retest_day_and_day_60(
    engine: Engine, account: Account
) -> None:
    token = web_sign_in(engine)
    for day in range(4, 61, 7):  # the Monday start, then once a week
        assert visit(engine, token, NOW + timedelta(days=day)) == account
    assert visit(engine, token, NOW + timedelta(days=32)) == account  # retest day
    assert visit(engine, token, NOW + timedelta(days=60)) == account
    assert expiry(engine, token) == NOW + timedelta(days=60) + SESSION


def test_unused_for_longer_than_the_session_days_is_signed_out(
    engine: Engine, account: Account
) -> None:
    token = web_sign_in(engine)
    assert visit(engine, token, NOW + timedelta(days=10)) == account
    assert expiry(engine, token) == NOW + timedelta(days=24)
    assert visit(engine, token, NOW + timedelta(days=24, seconds=1)) is None
    # and a fresh sign-in unused since it was made ends after the session days
    fresh = web_sign_in(engine, NOW + timedelta(days=30))
    assert visit(engine, fresh, NOW + timedelta(days=44)) is None


def test_the_absolute_cap_signs_out_even_an_active_session(
    engine: Engine, account: Account
) -> None:
    token = web_sign_in(engine)
    cap = NOW + timedelta(days=SESSION_MAX_DAYS)
    day = 0
    while NOW + timedelta(days=day) < cap:
        assert visit(engine, token, NOW + timedelta(days=day)) == account
        day += 2
    assert expiry(engine, token) == cap
    assert visit(engine, token, cap - timedelta(seconds=1)) == account
    assert visit(engine, token, cap) is None
    assert visit(engine, token, cap + timedelta(days=1)) is None


def test_a_renewal_writes_at_most_once_a_day(
    engine: Engine, account: Account, token_writes: TokenWrites
) -> None:
    token = web_sign_in(engine)
    # The first day of a sign-in: nothing to renew, however many pages are opened.
    for minute in range(0, 24 * 60, 60):
        assert visit(engine, token, NOW + timedelta(minutes=minute)) == account
    assert token_writes.count == 0
    assert expiry(engine, token) == NOW + SESSION
    # Day 3: the first page renews, the rest of that day only read.
    day_3 = NOW + timedelta(days=3)
    for minute in range(0, 24 * 60, 30):
        assert visit(engine, token, day_3 + timedelta(minutes=minute)) == account
    assert token_writes.count == 1
    assert expiry(engine, token) == day_3 + SESSION
    # A day and a minute after that renewal, one more.
    assert visit(engine, token, day_3 + timedelta(days=1, minutes=1)) == account
    assert token_writes.count == 2
    assert expiry(engine, token) == day_3 + timedelta(days=1, minutes=1) + SESSION


def test_a_renewal_lost_to_a_concurrent_one_writes_nothing(
    engine: Engine, account: Account
) -> None:
    token = web_sign_in(engine)
    later = NOW + timedelta(days=5)
    due = later + SESSION - timedelta(days=1)
    with UnitOfWork(engine) as uow:
        assert uow.accounts.renew_token(token_hash(token), later + SESSION, due)
        uow.commit()
    with UnitOfWork(engine) as uow:  # the second request read the old expiry
        assert not uow.accounts.renew_token(token_hash(token), later + SESSION, due)
        uow.commit()
    assert expiry(engine, token) == later + SESSION


def test_a_session_days_setting_above_the_cap_is_held_to_it(
    engine: Engine, account: Account
) -> None:
    token, _ = sign_in(
        UnitOfWork(engine), EMAIL, PASSWORD, NOW, kind="web", lifetime=timedelta(days=365)
    )
    assert expiry(engine, token) == NOW + timedelta(days=SESSION_MAX_DAYS)


def test_api_tokens_keep_their_fixed_thirty_days(
    engine: Engine, account: Account, token_writes: TokenWrites
) -> None:
    token, _ = sign_in(UnitOfWork(engine), EMAIL, PASSWORD, NOW)
    for day in range(1, API_TOKEN_DAYS):
        assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(days=day)) == account
    # Even read as a browser session (which the web never does), an API token does not slide.
    assert visit(engine, token, NOW + timedelta(days=20)) == account
    assert token_writes.count == 0
    assert expiry(engine, token) == NOW + timedelta(days=API_TOKEN_DAYS)
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(days=30)) is None
