"""The coach's roster: what needs a coach's attention for each runner, most urgent first.

Rules as data (D1-D6): each looks at one runner's snapshot and may raise one alert with a
rank; the roster sorts runners by their most urgent alert.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from calfcoach.coaching.diagnosis import Finding
from calfcoach.coaching.retest import retest_due
from calfcoach.coaching.vocabulary import FindingCode, Urgency

PAIN_WINDOW = timedelta(hours=48)
MISSED_LOOKBACK_DAYS = 7
STOPPED_LOGGING_DAYS = 10
BAD_FEELINGS = frozenset({"sharp_pain", "limping"})
# D5: the findings a coach sees as a left/right asymmetry (C6, C6b, C7).
ASYMMETRY_CODES = frozenset(
    {
        FindingCode.HEEL_RAISE_ASYMMETRY,
        FindingCode.RETEST_ASYMMETRY,
        FindingCode.ANKLE_RANGE_ASYMMETRY,
    }
)


def asymmetries(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The asymmetry findings as the coach reads them: "heel raise asymmetry (left)"."""
    return tuple(
        f"{f.code.value.replace('_', ' ')} ({f.side.value})"
        for f in findings
        if f.code in ASYMMETRY_CODES
    )


@dataclass(frozen=True, slots=True)
class RecentCheckin:
    day: date
    feeling: str
    pain: int
    within_48_hours: bool


@dataclass(frozen=True, slots=True)
class RunnerSnapshot:
    """What the store knows about one runner, already reduced to plain facts."""

    runner: str
    target: str | None
    urgency: Urgency | None
    red_flags: tuple[str, ...] = ()
    asymmetries: tuple[str, ...] = ()
    block_start: date | None = None
    planned_days: tuple[date, ...] = ()
    logged_days: tuple[date, ...] = ()
    checkins: tuple[RecentCheckin, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Alert:
    rule: str
    rank: int  # lower is more urgent
    text: str


Rule = Callable[[RunnerSnapshot, date], Alert | None]


def _red_flag(s: RunnerSnapshot, today: date) -> Alert | None:
    if s.urgency is None and not s.red_flags:
        return None
    rank = {Urgency.URGENT: 0, Urgency.SAME_DAY: 1}.get(s.urgency or Urgency.CLINICIAN, 2)
    flags = ", ".join(flag.replace("_", " ") for flag in s.red_flags) or "a painful test"
    urgency = (s.urgency or Urgency.CLINICIAN).value.replace("_", " ")
    return Alert("D1", rank, f"Red flag ({flags}): referred, {urgency}.")


def _pain_report(s: RunnerSnapshot, today: date) -> Alert | None:
    recent = [c for c in s.checkins if c.within_48_hours and (c.feeling in BAD_FEELINGS)]
    if not recent:
        return None
    worst = max(recent, key=lambda c: c.pain)
    feeling = worst.feeling.replace("_", " ")
    return Alert("D2", 1, f"Reported {feeling} (pain {worst.pain}/10) on {worst.day:%a %-d %b}.")


def _missed_sessions(s: RunnerSnapshot, today: date) -> Alert | None:
    since = today - timedelta(days=MISSED_LOOKBACK_DAYS)
    due = [d for d in s.planned_days if since <= d < today]
    missed = [d for d in due if d not in s.logged_days]
    if not missed:
        return None
    sessions = "session" if len(due) == 1 else "sessions"
    return Alert("D3", 3, f"Missed {len(missed)} of {len(due)} {sessions} in the last 7 days.")


def _retest_due(s: RunnerSnapshot, today: date) -> Alert | None:
    due = None if s.block_start is None else retest_due(s.block_start, held_by=s.urgency)
    if due is None or today < due:
        return None
    return Alert("D4", 4, f"Retest due since {due:%a %-d %b}: the four-week block is over.")


def _asymmetry(s: RunnerSnapshot, today: date) -> Alert | None:
    if not s.asymmetries:
        return None
    return Alert("D5", 5, "Asymmetry: " + "; ".join(s.asymmetries) + ".")


def _stopped_logging(s: RunnerSnapshot, today: date) -> Alert | None:
    if s.block_start is None or s.urgency is not None or today < s.block_start:
        return None
    last = max(s.logged_days, default=None)
    quiet_since = last or s.block_start
    if (today - quiet_since).days < STOPPED_LOGGING_DAYS:
        return None
    when = f"since {last:%a %-d %b}" if last else "since the block began"
    return Alert("D6", 3, f"No sessions logged {when}.")


RULES: tuple[Rule, ...] = (
    _red_flag,
    _pain_report,
    _missed_sessions,
    _stopped_logging,
    _retest_due,
    _asymmetry,
)


def alerts_for(snapshot: RunnerSnapshot, today: date) -> list[Alert]:
    found = (rule(snapshot, today) for rule in RULES)
    return sorted((a for a in found if a is not None), key=lambda a: a.rank)


def most_urgent_first(
    snapshots: list[RunnerSnapshot], today: date
) -> list[tuple[RunnerSnapshot, list[Alert]]]:
    """Runners with their alerts, the most urgent first; runners without alerts last."""
    rows = [(s, alerts_for(s, today)) for s in snapshots]
    return sorted(rows, key=lambda row: (row[1][0].rank if row[1] else 99, row[0].runner))
