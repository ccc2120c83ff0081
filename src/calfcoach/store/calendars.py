"""Calendar subscriptions and the runner's session times: add, find, revoke; never commit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from calfcoach.store.tables import CalendarFeedRow, CalendarTimesRow


class Calendars:
    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def add_feed(
        self, runner_id: int, secret_hash: str, busy_only: bool, now: datetime
    ) -> CalendarFeedRow:
        row = CalendarFeedRow(
            runner_id=runner_id, secret_hash=secret_hash, busy_only=busy_only, created_at=now
        )
        self._session.add(row)
        return row

    def live_feeds(self, runner_id: int) -> list[CalendarFeedRow]:
        return list(
            self._session.scalars(
                select(CalendarFeedRow)
                .where(CalendarFeedRow.runner_id == runner_id, CalendarFeedRow.revoked_at.is_(None))
                .order_by(CalendarFeedRow.id)
            )
        )

    def live_feed(self, secret_hash: str) -> CalendarFeedRow | None:
        return self._session.scalar(
            select(CalendarFeedRow).where(
                CalendarFeedRow.secret_hash == secret_hash, CalendarFeedRow.revoked_at.is_(None)
            )
        )

    def revoke(self, runner_id: int, now: datetime, *, feed_id: int | None = None,
               busy_only: bool | None = None) -> int:  # fmt: skip
        """Revoke the runner's live feeds (one by id, or those of one variant); how many."""
        self._before_write()
        statement = update(CalendarFeedRow).where(
            CalendarFeedRow.runner_id == runner_id, CalendarFeedRow.revoked_at.is_(None)
        )
        if feed_id is not None:
            statement = statement.where(CalendarFeedRow.id == feed_id)
        if busy_only is not None:
            statement = statement.where(CalendarFeedRow.busy_only == busy_only)
        result = self._session.execute(statement.values(revoked_at=now))
        return cast(CursorResult[Any], result).rowcount

    def times(self, runner_id: int) -> CalendarTimesRow | None:
        return self._session.scalar(
            select(CalendarTimesRow).where(CalendarTimesRow.runner_id == runner_id)
        )

    def set_times(
        self, runner_id: int, zone: str, starts: Mapping[str, str], now: datetime
    ) -> None:
        row = self.times(runner_id)
        if row is None:
            row = CalendarTimesRow(runner_id=runner_id)
            self._session.add(row)
        row.time_zone, row.starts, row.updated_at = zone, dict(starts), now

    def clear_times(self, runner_id: int) -> None:
        row = self.times(runner_id)
        if row is not None:
            self._session.delete(row)
