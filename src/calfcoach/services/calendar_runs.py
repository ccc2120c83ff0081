"""The runner's imported runs on the plan calendar, beside the calf sessions.

Read by date range through the unit of work, for the signed-in runner only; each run becomes a
short line ("trail run 12.4 km 1:05") on its day (UTC, as the usual week counts days).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from calfcoach.history.activity import Activity
from calfcoach.services import history
from calfcoach.services.accounts import Account
from calfcoach.services.journal import CalendarWeek
from calfcoach.services.training import require_runner
from calfcoach.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class RunLine:
    """One imported run as a calendar day lists it: "trail run 12.4 km 1:05"."""

    day: date
    kind: str  # "run", "trail run", "track run", ...
    km: str | None  # one decimal
    time: str | None  # m:ss under an hour, h:mm from an hour on

    @property
    def text(self) -> str:
        return " ".join(
            part for part in (self.kind, self.km and f"{self.km} km", self.time) if part
        )


def with_runs(uow: UnitOfWork, runner: Account, weeks: list[CalendarWeek]) -> list[CalendarWeek]:
    """The calendar with each day's imported runs of ``runner`` beside its sessions."""
    runs = runs_by_day(uow, runner, weeks[0].days[0].date, weeks[-1].days[-1].date)
    return [
        replace(week, days=tuple(replace(day, runs=runs.get(day.date, ())) for day in week.days))
        for week in weeks
    ]


def runs_by_day(
    uow: UnitOfWork, runner: Account, first: date, last: date
) -> dict[date, tuple[RunLine, ...]]:
    """The runner's imported runs from ``first`` to ``last`` (both included), by day (UTC)."""
    require_runner(runner)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    with uow:
        activities = [
            history.activity_of(r) for r in uow.activities.started_between(runner.id, start, end)
        ]
    found: dict[date, list[RunLine]] = {}
    for activity in activities:
        if activity.start is None or not activity.is_running:
            continue
        found.setdefault(activity.start.date(), []).append(
            run_line(activity, activity.start.date())
        )
    return {day: tuple(lines) for day, lines in found.items()}


def run_line(activity: Activity, day: date) -> RunLine:
    sub = activity.sub_sport
    plain = sub in (None, "generic", "road", "street")
    kind = "run" if plain or sub is None else f"{sub.replace('_', ' ')} run"
    km = None if activity.distance_m is None else f"{activity.distance_m / 1000:.1f}"
    return RunLine(
        day=day, kind=kind, km=km, time=_duration(activity.timer_s or activity.elapsed_s)
    )


def _duration(seconds: float | None) -> str | None:
    """42:05 under an hour, 1:05 (h:mm) from an hour on."""
    if not seconds:
        return None
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60}:{whole % 60:02d}"
    return f"{whole // 3600}:{whole % 3600 // 60:02d}"
