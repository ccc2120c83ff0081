"""The runner's calendar: a private subscription address, a one-off download, session times.

A subscription address carries a random secret; only its SHA-256 is stored, so the address is
shown once, when it is made. Making a new address of the same kind retires the old one, and a
revoked address answers 404 like one that never was. The feed holds every block the runner
has had: a check-in's changes update events, a dropped session comes back cancelled.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from itertools import groupby
from typing import TypedDict
from zoneinfo import available_timezones

from calfcoach.coaching.documents import read_plan_document
from calfcoach.exports.calendar import PlanVersion, SessionTimes, blocks_calendar
from calfcoach.services.accounts import Account, token_hash
from calfcoach.services.device_files import times_from_choices
from calfcoach.services.errors import NotFound
from calfcoach.services.training import require_runner
from calfcoach.store.tables import PlanRow
from calfcoach.store.unit_of_work import UnitOfWork


class Feed(TypedDict):
    """A live subscription address, without its secret (which is not kept)."""

    id: int
    busy_only: bool
    created_at: datetime


class TimesView(TypedDict):
    """``{"time_zone": "Europe/London", "times": {"easy": "07:00"}}``; no zone: all-day."""

    time_zone: str | None
    times: dict[str, str]


@dataclass(frozen=True)
class NewFeed:
    """A subscription address just made: the secret is known only now."""

    id: int
    secret: str
    busy_only: bool


def subscribe(uow: UnitOfWork, runner: Account, busy_only: bool, now: datetime) -> NewFeed:
    """A new private address; the runner's earlier address of the same kind stops working."""
    require_runner(runner)
    secret = secrets.token_urlsafe(32)
    with uow:
        uow.calendars.revoke(runner.id, now, busy_only=busy_only)
        row = uow.calendars.add_feed(runner.id, token_hash(secret), busy_only, now)
        uow.commit()
        return NewFeed(row.id, secret, busy_only)


def feeds(uow: UnitOfWork, runner: Account) -> list[Feed]:
    """The runner's live addresses (without their secrets, which are not kept)."""
    require_runner(runner)
    with uow:
        rows = uow.calendars.live_feeds(runner.id)
        return [{"id": r.id, "busy_only": r.busy_only, "created_at": r.created_at} for r in rows]


def revoke(uow: UnitOfWork, runner: Account, feed_id: int, now: datetime) -> None:
    """Stop one of the runner's addresses; another runner's (or a stopped one) is NotFound."""
    require_runner(runner)
    with uow:
        if uow.calendars.revoke(runner.id, now, feed_id=feed_id) != 1:
            raise NotFound("no such calendar address")
        uow.commit()


def feed_calendar(uow: UnitOfWork, secret: str, now: datetime) -> bytes:
    """The ``.ics`` behind a subscription address; NotFound when unknown or revoked."""
    with uow:
        feed = uow.calendars.live_feed(token_hash(secret))
        if feed is None:
            raise NotFound("no such calendar: the address is wrong or was revoked")
        runner = uow.accounts.get(feed.runner_id)
        if runner is None:
            raise NotFound("no such calendar")
        return _runner_calendar(uow, feed.runner_id, runner.email, feed.busy_only, now)


def plan_calendar_file(uow: UnitOfWork, runner: Account, busy_only: bool, now: datetime) -> bytes:
    """The same calendar as the subscription, as a one-off download (same UIDs: no doubles)."""
    require_runner(runner)
    with uow:
        return _runner_calendar(uow, runner.id, runner.email, busy_only, now)


def session_times(uow: UnitOfWork, runner: Account) -> TimesView:
    """The runner's times, or none: all-day."""
    require_runner(runner)
    with uow:
        row = uow.calendars.times(runner.id)
        if row is None:
            return {"time_zone": None, "times": {}}
        return {"time_zone": row.time_zone, "times": _clock_texts_stored(row.starts)}


def set_session_times(
    uow: UnitOfWork, runner: Account, zone: str | None, starts: Mapping[str, str], now: datetime
) -> TimesView:
    """Keep the runner's times (checked: InvalidDocument names ``time_zone`` or ``times.x``).

    No times at all means all-day events again.
    """
    require_runner(runner)
    chosen = {kind: text for kind, text in starts.items() if text}
    times = times_from_choices(zone, chosen) if chosen else None
    stored = {} if times is None else _clock_texts(times)
    with uow:
        if times is None:
            uow.calendars.clear_times(runner.id)
        else:
            uow.calendars.set_times(runner.id, times.zone, stored, now)
        uow.commit()
    return {"time_zone": None if times is None else times.zone, "times": stored}


@cache
def time_zone_names() -> list[str]:
    """The IANA names a runner picks from (``Europe/London``), without the legacy aliases."""
    names = available_timezones()
    return sorted(n for n in names if n == "UTC" or ("/" in n and not n.startswith("Etc/")))


def _runner_calendar(
    uow: UnitOfWork, runner_id: int, runner_key: str, busy_only: bool, now: datetime
) -> bytes:
    blocks = [
        [PlanVersion(read_plan_document(row.document), row.created_at) for row in rows]
        for _, rows in groupby(uow.records.plans(runner_id), key=_block_of)
    ]
    row = uow.calendars.times(runner_id)
    times = None if row is None else SessionTimes(row.time_zone, _clocks(row.starts))
    return blocks_calendar(blocks, runner=runner_key, busy_only=busy_only, stamp=now, times=times)


def _block_of(row: PlanRow) -> int:
    return row.block


def _clock_texts_stored(starts: Mapping[str, object]) -> dict[str, str]:
    """The stored ``{"easy": "07:00"}`` (written by ``set_session_times``: text only)."""
    return {kind: str(text) for kind, text in starts.items()}


def _clocks(starts: Mapping[str, object]) -> dict[str, time]:
    return {kind: time.fromisoformat(text) for kind, text in _clock_texts_stored(starts).items()}


def _clock_texts(times: SessionTimes) -> dict[str, str]:
    return {kind: start.strftime("%H:%M") for kind, start in times.starts.items()}
