"""Imported activity summaries: add once per content, read a runner's runs in date order
(all of them, or those started in a range of time)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calfcoach.store.tables import ActivityRow

SUMMARY_FIELDS = (
    "file", "format", "sport", "sub_sport", "started_at", "elapsed_s", "timer_s",
    "distance_m", "ascent_m", "descent_m", "has_gps", "partial", "warnings",
)  # fmt: skip


class Activities:
    def __init__(self, session: Session, before_write: Callable[[], None]) -> None:
        self._session = session
        self._before_write = before_write

    def known(self, runner_id: int, content_hash: str) -> bool:
        found = self._session.scalar(
            select(ActivityRow.id).where(
                ActivityRow.runner_id == runner_id, ActivityRow.content_hash == content_hash
            )
        )
        return found is not None

    def add(
        self, runner_id: int, content_hash: str, summary: Mapping[str, object], now: datetime
    ) -> None:
        values = {name: summary.get(name) for name in SUMMARY_FIELDS}
        warnings = summary.get("warnings")
        values["warnings"] = {
            "warnings": list(warnings) if isinstance(warnings, list | tuple) else []
        }
        self._session.add(
            ActivityRow(runner_id=runner_id, content_hash=content_hash, created_at=now, **values)
        )

    def of_runner(self, runner_id: int) -> list[ActivityRow]:
        return list(
            self._session.scalars(
                select(ActivityRow)
                .where(ActivityRow.runner_id == runner_id)
                .order_by(ActivityRow.started_at, ActivityRow.id)
            )
        )

    def started_between(self, runner_id: int, start: datetime, end: datetime) -> list[ActivityRow]:
        """The runner's activities started from ``start`` up to (not including) ``end``."""
        return list(
            self._session.scalars(
                select(ActivityRow)
                .where(
                    ActivityRow.runner_id == runner_id,
                    ActivityRow.started_at >= start,
                    ActivityRow.started_at < end,
                )
                .order_by(ActivityRow.started_at, ActivityRow.id)
            )
        )
