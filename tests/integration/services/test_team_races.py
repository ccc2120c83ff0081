"""Two runners typing the same invitation code at the same moment: only one may join.

The interleaving is forced: each ``join`` reads the invitation, then waits until the other has
read it too (or a short timeout, for a store that locks the row on read), then goes on.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

import pytest
from sqlalchemy import Engine

from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict, NotFound
from calfcoach.services.team import invite, join
from calfcoach.store.repositories import Coaching
from calfcoach.store.tables import InvitationRow
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import NOW, count, make_account


def join_or_refusal(engine: Engine, runner: Account, code: str) -> str:
    try:
        join(UnitOfWork(engine), runner, code, NOW)
    except (NotFound, Conflict) as refused:
        return type(refused).__name__
    return "joined"


def test_one_code_used_at_the_same_moment_links_only_one_runner(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    first = make_account(engine, "first@example.com")
    second = make_account(engine, "second@example.com")
    code = str(invite(UnitOfWork(engine), coach, NOW)["code"])

    both_have_read = threading.Barrier(2, timeout=3)
    read = Coaching.invitation

    def read_then_wait(self: Coaching, wanted: str) -> InvitationRow | None:
        found = read(self, wanted)
        # A store that locks the row on read blocks the other request: a fine way to serialise.
        with suppress(threading.BrokenBarrierError):
            both_have_read.wait()
        return found

    monkeypatch.setattr(Coaching, "invitation", read_then_wait)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda r: join_or_refusal(engine, r, code), (first, second)))

    assert sorted(outcomes).count("joined") == 1, outcomes
    assert count(engine, "coach_links") == 1
