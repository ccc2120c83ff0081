"""Sign up, sign in (API token or browser session), sign out, and who a token belongs to.

Passwords are hashed with argon2; tokens are random and only their SHA-256 is stored, so a
copy of the database holds no usable credential.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.errors import Conflict, SignInFailed, TooManyAttempts
from calfcoach.store.unit_of_work import UnitOfWork

ROLES = ("runner", "coach")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PASSWORD_MIN, PASSWORD_MAX = 8, 200
API_TOKEN_DAYS = 30  # fixed from sign-in: an API token is never renewed
# A browser sign-in slides: each page request renews it to now + CALFCOACH_SESSION_DAYS, at
# most once a day, but never past this many days from the sign-in itself.
SESSION_MAX_DAYS = 90
SESSION_RENEWAL_GAP = timedelta(days=1)
# The test suite hashes hundreds of passwords: with this variable set to 1 it uses argon2's
# cheapest parameters (argon2-cffi's profile "for testing only"). Never set it in production.
CHEAP_HASHES_FOR_TESTS = "CALFCOACH_TEST_CHEAP_PASSWORD_HASHES"
logger = logging.getLogger(__name__)


@cache
def password_hasher() -> PasswordHasher:
    """argon2id with RFC 9106's low-memory parameters (64 MiB, 3 passes, 4 lanes)."""
    if os.environ.get(CHEAP_HASHES_FOR_TESTS) == "1":
        logger.info("%s=1: cheap password hashes, for tests only", CHEAP_HASHES_FOR_TESTS)
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


@cache
def _dummy_hash() -> str:
    """Verified when the email is unknown, so a wrong email costs as long as a wrong password."""
    return password_hasher().hash("calfcoach-timing-equaliser")


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    email: str
    role: str


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    attempts: int = 5
    window: timedelta = timedelta(minutes=15)


def normal_email(raw: object) -> str:
    if not isinstance(raw, str) or len(raw) > 254 or not EMAIL.match(raw.strip()):
        raise InvalidDocument("email", "must be an email address like runner@example.com")
    return raw.strip().lower()


def sign_up(
    uow: UnitOfWork, email: object, password: object, role: object, now: datetime
) -> Account:
    address = normal_email(email)
    if not isinstance(password, str) or not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InvalidDocument(
            "password", f"must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long"
        )
    if role not in ROLES:
        raise InvalidDocument("role", f"must be one of: {', '.join(ROLES)} (got {role!r})")
    with uow:
        if uow.accounts.by_email(address) is not None:
            raise Conflict("an account with this email already exists", "email")
        row = uow.accounts.add(address, password_hasher().hash(password), str(role), now)
        try:
            uow.commit()
        except IntegrityError as error:  # two sign-ups with one email at the same moment
            raise Conflict("an account with this email already exists", "email") from error
        return Account(row.id, row.email, row.role)


def sign_in(
    uow: UnitOfWork,
    email: object,
    password: object,
    now: datetime,
    *,
    kind: str = "api",
    lifetime: timedelta = timedelta(days=API_TOKEN_DAYS),
    policy: LoginPolicy = LoginPolicy(),
) -> tuple[str, Account]:
    """A new token for this email and password; failures are counted and rate-limited."""
    address = normal_email(email)
    if not isinstance(password, str) or not password:
        raise InvalidDocument("password", "is required")
    with uow:
        failures = uow.accounts.login_failures_since(address, now - policy.window)
        if failures >= policy.attempts:
            minutes = int(policy.window.total_seconds() // 60)
            raise TooManyAttempts(
                f"too many failed sign-ins for this email; try again in {minutes} minutes",
                int(policy.window.total_seconds()),
            )
        row = uow.accounts.by_email(address)
        if row is None or not _password_matches(row.password_hash, password):
            uow.accounts.add_login_failure(address, now)
            uow.commit()
            raise SignInFailed("wrong email or password")
        uow.accounts.forget_login_failures(address)
        if kind == "web":
            lifetime = min(lifetime, timedelta(days=SESSION_MAX_DAYS))
        token = secrets.token_urlsafe(32)
        uow.accounts.add_token(row.id, token_hash(token), kind, now, now + lifetime)
        uow.commit()
        return token, Account(row.id, row.email, row.role)


def _password_matches(stored: str | None, password: str) -> bool:
    try:
        return password_hasher().verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def account_for_token(uow: UnitOfWork, token: str, now: datetime) -> Account | None:
    with uow:
        found = uow.accounts.by_token(token_hash(token), now)
        return None if found is None else Account(*found)


def account_for_session(
    uow: UnitOfWork, token: str, now: datetime, lifetime: timedelta
) -> Account | None:
    """The account a browser session belongs to, its sign-in renewed (sliding).

    A live browser session whose expiry was set more than a day ago gets a new one: ``now +
    lifetime``, but never later than ``SESSION_MAX_DAYS`` after the sign-in, so a stolen cookie
    does not live for ever. One write a day per session at most; every other request only
    reads. The renewal is its own transaction. API tokens (kind ``api``) are never renewed.
    """
    with uow:
        found = uow.accounts.session_by_token(token_hash(token), now)
        if found is None:
            return None
        account_id, email, role, kind, signed_in, expires = found
        if kind == "web":
            due = now + lifetime - SESSION_RENEWAL_GAP  # set more than a day ago
            renewed = min(now + lifetime, signed_in + timedelta(days=SESSION_MAX_DAYS))
            if expires < due and renewed > expires:
                uow.accounts.renew_token(token_hash(token), renewed, due)
                uow.commit()
        return Account(account_id, email, role)


def sign_out(uow: UnitOfWork, token: str) -> None:
    with uow:
        uow.accounts.drop_token(token_hash(token))
        uow.commit()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
