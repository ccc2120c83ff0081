"""``Idempotency-Key``: a POST sent twice (a retry after a lost answer) stores once.

A client may send any POST that stores something with an ``Idempotency-Key`` header (1 to 200
characters, no control characters). The key belongs to the account that sent it: another
account's identical key is a different key.

- The first request with a key runs and its answer (status and JSON body) is stored with the
  key, in the **same transaction** as what the request wrote: either both are stored or neither.
- The same key again, with the same request (method, path and JSON body, compared by a SHA-256
  of the canonical JSON), gets the stored answer back, marked ``replayed``, and writes nothing.
- The same key with a different request is refused with a Conflict (409) naming the header.
- A request that is refused (422, 404, ...) or fails stores nothing, its key included: a retry
  with the same key runs afresh.

The claim is atomic. The key row is inserted and flushed *before* the use case runs, inside the
request's transaction, under the unique constraint ``(account_id, key)``:

- PostgreSQL: a concurrent request with the same key blocks on that insert until the first
  commits (then its insert fails, it rolls back and answers with the stored answer) or rolls
  back (then its insert succeeds and it runs as the first).
- SQLite: writers take the process's writer lock (see ``store.unit_of_work``) at the insert and
  hold it to the commit, so the second insert runs after the first commit and fails the same way.

The use case's own ``commit()`` only flushes (``UnitOfWork.one_transaction``); the answer is
written on the key row and everything commits once. A key row without an answer is therefore
never visible to another transaction; should one ever be (a hand-edited database), the request
is refused with 409 "in progress", to retry.

Keys are kept 24 hours (``KEEP_FOR``): an account's older keys are deleted when it claims a new
one, and ``purge`` deletes every expired key; an expired key is treated as new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict
from calfcoach.store.tables import IdempotencyKeyRow
from calfcoach.store.unit_of_work import UnitOfWork

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
KEEP_FOR = timedelta(hours=24)

Body = Mapping[str, object]
Write = Callable[[UnitOfWork, Account], Body]


@dataclass(frozen=True, slots=True)
class Answer:
    """What to answer: the status and JSON body, and whether they are a stored first answer."""

    status: int
    body: Body
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    """A request as the key remembers it: ``"POST /api/v1/logs"`` and its JSON body."""

    route: str
    body: object = None

    def digest(self) -> str:
        text = json.dumps(self.body, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(f"{self.route}\n{text}".encode()).hexdigest()


def checked_key(key: str) -> str:
    """The key as sent, or InvalidDocument naming the header."""
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise InvalidDocument(HEADER, f"must be 1 to {MAX_KEY_LENGTH} characters long")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in key):
        raise InvalidDocument(HEADER, "must not contain control characters")
    return key


def once(
    uow: UnitOfWork,
    account: Account,
    *,
    key: str | None,
    request: Request,
    status: int,
    write: Write,
    now: datetime,
) -> Answer:
    """Run ``write`` for ``account`` once per key: see the module's docstring."""
    if key is None:
        return Answer(status, write(uow, account))
    key = checked_key(key)
    digest = request.digest()
    with uow:
        found = uow.idempotency_keys.find(account.id, key)
        if found is not None and found.created_at >= now - KEEP_FOR:
            return _replay(found, digest)
        uow.idempotency_keys.purge(now - KEEP_FOR, account.id)
        claimed = uow.idempotency_keys.claim(account.id, key, digest, now)
        try:
            uow.flush()
        except IntegrityError:  # a concurrent request with this key committed first
            uow.rollback()
            first = uow.idempotency_keys.find(account.id, key)
            if first is None:  # it was purged meanwhile: let the client retry
                raise _in_progress() from None
            return _replay(first, digest)
        with uow.one_transaction():
            body = write(uow, account)
        claimed.status_code = status
        claimed.response = dict(body)
        uow.commit()
        return Answer(status, body)


def purge(uow: UnitOfWork, now: datetime) -> int:
    """Delete every key older than ``KEEP_FOR``; returns how many."""
    with uow:
        purged = uow.idempotency_keys.purge(now - KEEP_FOR)
        uow.commit()
        return purged


def _replay(found: IdempotencyKeyRow, digest: str) -> Answer:
    if found.request_hash != digest:
        raise Conflict(
            f"{HEADER} already used with a different request; send a new key", field=HEADER
        )
    if found.status_code is None or found.response is None:
        raise _in_progress()
    return Answer(found.status_code, found.response, replayed=True)


def _in_progress() -> Conflict:
    return Conflict(
        f"a request with this {HEADER} is still in progress; retry shortly", field=HEADER
    )
