"""Idempotency keys on the real databases: replay, refusal, scoping, expiry and the race."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import idempotency
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict
from calfcoach.services.idempotency import Answer, Request, Write
from calfcoach.services.training import log_session
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import LOG_DAY, NOW, Doc, a_log, count, make_account

ROUTE = "POST /api/v1/logs"


def logging(document: Doc, started: threading.Event | None = None) -> Write:
    """A write that logs ``document``; with ``started``, it signals and lingers before it
    returns, so a concurrent request can reach its own claim meanwhile."""

    def write(uow: UnitOfWork, runner: Account) -> Mapping[str, object]:
        logged = log_session(uow, runner, document, LOG_DAY, NOW)
        if started is not None:
            started.set()
            threading.Event().wait(0.3)
        return logged

    return write


def send(
    engine: Engine,
    runner: Account,
    key: str | None,
    document: Doc,
    started: threading.Event | None = None,
) -> Answer:
    with UnitOfWork(engine) as uow:
        return idempotency.once(
            uow,
            runner,
            key=key,
            request=Request(ROUTE, document),
            status=201,
            write=logging(document, started),
            now=NOW,
        )


def test_the_same_key_again_replays_the_first_answer_and_stores_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    first = send(engine, runner, "k-1", a_log())
    again = send(engine, runner, "k-1", dict(reversed(a_log().items())))  # same JSON, reordered
    assert (first.status, first.replayed) == (201, False)
    assert (again.status, again.body, again.replayed) == (201, first.body, True)
    assert (count(engine, "logs"), count(engine, "idempotency_keys")) == (1, 1)


def test_without_a_key_every_request_stores(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    send(engine, runner, None, a_log())
    send(engine, runner, None, a_log())
    assert (count(engine, "logs"), count(engine, "idempotency_keys")) == (2, 0)


def test_the_same_key_with_another_body_is_a_conflict_naming_the_header(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    send(engine, runner, "k-1", a_log())
    with pytest.raises(Conflict) as refused:
        send(engine, runner, "k-1", a_log(side="right"))
    assert refused.value.field == "Idempotency-Key"
    assert count(engine, "logs") == 1


def test_keys_belong_to_their_account(engine: Engine) -> None:
    one = make_account(engine, "one@example.com")
    other = make_account(engine, "other@example.com")
    send(engine, one, "shared", a_log())
    answer = send(engine, other, "shared", a_log(side="right"))
    assert not answer.replayed
    assert (count(engine, "logs"), count(engine, "idempotency_keys")) == (2, 2)


def test_a_refused_request_keeps_no_key(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    with pytest.raises(InvalidDocument):
        send(engine, runner, "k-1", a_log(side="middle"))
    assert count(engine, "idempotency_keys") == 0
    assert send(engine, runner, "k-1", a_log()).status == 201  # the key is free to use


@pytest.mark.parametrize("key", ["", "x" * 201, "new\nline", "tab\there", "del\x7f"])
def test_a_key_too_long_or_with_control_characters_is_refused_naming_it(key: str) -> None:
    with pytest.raises(InvalidDocument) as refused:
        idempotency.checked_key(key)
    assert refused.value.field == "Idempotency-Key"


def test_a_key_older_than_a_day_is_forgotten(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    send(engine, runner, "k-1", a_log())
    later = NOW + idempotency.KEEP_FOR + timedelta(seconds=1)
    with UnitOfWork(engine) as uow:
        answer = idempotency.once(
            uow,
            runner,
            key="k-1",
            request=Request(ROUTE, a_log()),
            status=201,
            write=logging(a_log()),
            now=later,
        )
    assert not answer.replayed
    assert (count(engine, "logs"), count(engine, "idempotency_keys")) == (2, 1)
    send(engine, runner, "k-2", a_log())
    assert idempotency.purge(UnitOfWork(engine), later + idempotency.KEEP_FOR) == 1  # k-2
    assert idempotency.purge(UnitOfWork(engine), later + idempotency.KEEP_FOR * 2) == 1
    assert count(engine, "idempotency_keys") == 0


def test_two_identical_requests_at_the_same_time_store_once(engine: Engine) -> None:
    """The second reaches its claim while the first is still inside its transaction."""
    runner = make_account(engine, "runner@example.com")
    started = threading.Event()
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(send, engine, runner, "race", a_log(), started=started)
        assert started.wait(10)
        second = pool.submit(send, engine, runner, "race", a_log())
        answers = [first.result(timeout=30), second.result(timeout=30)]
    assert [a.replayed for a in answers] == [False, True]
    assert answers[0].body == answers[1].body
    assert (count(engine, "logs"), count(engine, "idempotency_keys")) == (1, 1)


def test_commits_inside_one_transaction_only_flush(engine: Engine) -> None:
    """What a use case commits inside ``one_transaction`` goes only with the caller's commit."""
    runner = make_account(engine, "runner@example.com")
    with UnitOfWork(engine) as uow:
        with uow.one_transaction():
            log_session(uow, runner, a_log(), LOG_DAY, NOW)
        assert count(engine, "logs") == 0  # flushed in this transaction, not committed
    assert count(engine, "logs") == 0  # left without commit(): rolled back
    with UnitOfWork(engine) as uow:
        with uow.one_transaction():
            log_session(uow, runner, a_log(), LOG_DAY, NOW)
        uow.commit()
    assert count(engine, "logs") == 1
