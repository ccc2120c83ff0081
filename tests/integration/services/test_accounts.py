"""Sign up, sign in, rate limiting, tokens and sign out, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.accounts import account_for_token, sign_in, sign_out, sign_up
from calfcoach.services.errors import Conflict, SignInFailed, TooManyAttempts
from calfcoach.store.tables import AccountRow, TokenRow
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, count

PASSWORD = "correct horse battery"  # noqa: S105 - a test password


@pytest.mark.parametrize(
    ("email", "password", "role", "field"),
    [
        ("not-an-email", PASSWORD, "runner", "email"),
        (None, PASSWORD, "runner", "email"),
        ("runner@example.com", "short", "runner", "password"),
        ("runner@example.com", "x" * 201, "runner", "password"),
        ("runner@example.com", 12345678, "runner", "password"),
        ("runner@example.com", PASSWORD, "admin", "role"),
        ("runner@example.com", PASSWORD, None, "role"),
    ],
)
def test_sign_up_refuses_bad_input_naming_the_field(
    engine: Engine, email: object, password: object, role: object, field: str
) -> None:
    with pytest.raises(InvalidDocument) as refused:
        sign_up(UnitOfWork(engine), email, password, role, NOW)
    assert refused.value.field == field
    assert count(engine, "accounts") == 0


def test_sign_up_stores_an_argon2_hash_never_the_password(engine: Engine) -> None:
    account = sign_up(UnitOfWork(engine), " Runner@Example.COM ", PASSWORD, "runner", NOW)
    assert (account.email, account.role) == ("runner@example.com", "runner")
    with engine.connect() as connection:
        stored = connection.execute(select(AccountRow.__table__)).mappings().one()
    assert stored["id"] == account.id
    assert stored["email"] == "runner@example.com"
    assert stored["password_hash"].startswith("$argon2")
    assert PASSWORD not in stored["password_hash"]
    assert all(PASSWORD not in str(value) for value in stored.values())


def test_a_taken_email_is_a_conflict_whatever_its_case(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    with pytest.raises(Conflict) as refused:
        sign_up(UnitOfWork(engine), "RUNNER@example.com", PASSWORD, "coach", NOW)
    assert refused.value.field == "email"
    assert count(engine, "accounts") == 1


def test_sign_in_returns_a_token_and_stores_only_its_sha256(engine: Engine) -> None:
    account = sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    token, signed_in = sign_in(UnitOfWork(engine), "Runner@Example.com", PASSWORD, NOW)
    assert signed_in == account
    assert len(token) >= 32
    with engine.connect() as connection:
        rows = connection.execute(select(TokenRow.__table__)).mappings().all()
    assert len(rows) == 1
    assert rows[0]["secret_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert rows[0]["account_id"] == account.id
    assert all(token not in str(value) for value in rows[0].values())
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(days=29)) == account


def test_each_sign_in_gets_its_own_token(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    first, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    second, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    assert first != second
    assert count(engine, "tokens") == 2


def test_a_wrong_password_or_unknown_email_fails_and_is_counted(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    with pytest.raises(SignInFailed):
        sign_in(UnitOfWork(engine), "runner@example.com", "wrong password", NOW)
    with pytest.raises(SignInFailed):
        sign_in(UnitOfWork(engine), "nobody@example.com", PASSWORD, NOW)
    assert count(engine, "tokens") == 0
    assert count(engine, "login_failures") == 2


def test_five_failures_lock_the_email_for_fifteen_minutes(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    for minute in range(5):
        with pytest.raises(SignInFailed):
            sign_in(
                UnitOfWork(engine),
                "runner@example.com",
                "wrong!!!",
                NOW + timedelta(minutes=minute),
            )
    later = NOW + timedelta(minutes=14)
    with pytest.raises(TooManyAttempts) as refused:
        sign_in(UnitOfWork(engine), "RUNNER@example.com", PASSWORD, later)
    assert refused.value.retry_after_s == 15 * 60
    assert count(engine, "tokens") == 0
    # The earliest failures leave the window first; all five are out 15 min after the last one.
    token, _ = sign_in(
        UnitOfWork(engine), "runner@example.com", PASSWORD, NOW + timedelta(minutes=20)
    )
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(minutes=21)) is not None
    assert count(engine, "login_failures") == 0  # a good sign-in forgets the failures


def add_failures(engine: Engine, email: str, times: int) -> None:
    """Failed sign-ins recorded directly (each real one costs an argon2 verification)."""
    with UnitOfWork(engine) as uow:
        for _ in range(times):
            uow.accounts.add_login_failure(email, NOW)
        uow.commit()


def test_four_failures_do_not_lock_the_email(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    add_failures(engine, "runner@example.com", 4)
    token, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    assert token
    assert count(engine, "login_failures") == 0


def test_a_lock_on_one_email_leaves_other_emails_alone(engine: Engine) -> None:
    sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    add_failures(engine, "someone@example.com", 5)
    token, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    assert token
    with pytest.raises(TooManyAttempts):
        sign_in(UnitOfWork(engine), "someone@example.com", PASSWORD, NOW)
    assert count(engine, "login_failures") == 5


def test_an_expired_token_belongs_to_nobody(engine: Engine) -> None:
    account = sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    token, _ = sign_in(
        UnitOfWork(engine),
        "runner@example.com",
        PASSWORD,
        NOW,
        kind="session",
        lifetime=timedelta(hours=2),
    )
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(minutes=119)) == account
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(hours=2)) is None
    assert account_for_token(UnitOfWork(engine), token, NOW + timedelta(days=3)) is None


def test_an_unknown_token_belongs_to_nobody(engine: Engine) -> None:
    assert account_for_token(UnitOfWork(engine), "made-up-token", NOW) is None


def test_sign_out_revokes_only_that_token(engine: Engine) -> None:
    account = sign_up(UnitOfWork(engine), "runner@example.com", PASSWORD, "runner", NOW)
    phone, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    laptop, _ = sign_in(UnitOfWork(engine), "runner@example.com", PASSWORD, NOW)
    sign_out(UnitOfWork(engine), phone)
    assert account_for_token(UnitOfWork(engine), phone, NOW) is None
    assert account_for_token(UnitOfWork(engine), laptop, NOW) == account
    assert count(engine, "tokens") == 1


def test_sign_in_without_a_password_is_bad_input_not_a_failure(engine: Engine) -> None:
    with pytest.raises(InvalidDocument) as refused:
        sign_in(UnitOfWork(engine), "runner@example.com", "", NOW)
    assert refused.value.field == "password"
    assert count(engine, "login_failures") == 0
