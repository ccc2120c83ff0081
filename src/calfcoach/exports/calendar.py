"""Plans as an RFC 5545 calendar: one event per session.

Pure: the plan's versions (typed, as the engine's reader gives them), the runner's key and the
time stamp go in, the ``.ics`` bytes come out. Each session's ``UID`` is derived from the
runner, the block's start, the session's date and its kind, so exporting the same plan again,
or a newer version of it after a check-in, updates the events a calendar already holds
instead of duplicating them.

Given the earlier versions of a block (oldest first), a session whose content changed gets a
higher ``SEQUENCE`` and the ``LAST-MODIFIED`` of the version that changed it, and a session
that has gone comes back as a cancelled event under its old UID. A session is all-day unless
the runner gave a start time for that type of day (easy, rest, ...) and a time zone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Calendar, Event

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import CoachingPlan, Item, Session
from calfcoach.coaching.red_flags import GUIDE_ONLY
from calfcoach.coaching.vocabulary import DayType, ExerciseId
from calfcoach.exports.session_time import dose, session_minutes

PRODID = "-//calfcoach//calf coach//EN"
CALNAME = "calfcoach plan"
BUSY_SUMMARY = "Training (calfcoach)"
GUIDE = GUIDE_ONLY  # an event's description has room for the sentence's first half only
SUMMARY_ITEMS = 2
DAY_TYPES = frozenset(DayType)


@dataclass(frozen=True)
class PlanVersion:
    """One stored version of a block's plan and when it was saved (aware)."""

    plan: CoachingPlan
    saved_at: datetime


@dataclass(frozen=True)
class SessionTimes:
    """When the runner does calf work on each type of day, in their time zone (IANA name)."""

    zone: str
    starts: Mapping[str, time] = field(default_factory=dict)


_Planned = tuple[Session, DayType | None]  # a session and the type of its day


@dataclass(frozen=True)
class _Entry:
    uid: str
    session: Session
    day_type: DayType | None
    sequence: int = 0
    modified: datetime | None = None
    cancelled: bool = False


def plan_calendar(
    plan: CoachingPlan,
    *,
    runner: str,
    previous: Sequence[CoachingPlan] = (),
    busy_only: bool = False,
    stamp: datetime,
    times: SessionTimes | None = None,
) -> bytes:
    """One plan (and its earlier versions, oldest first) as an iCalendar file."""
    stamp = _utc(stamp)
    versions = [PlanVersion(version, stamp) for version in (*previous, plan)]
    return blocks_calendar([versions], runner=runner, busy_only=busy_only, stamp=stamp, times=times)


def blocks_calendar(
    blocks: Sequence[Sequence[PlanVersion]],
    *,
    runner: str,
    busy_only: bool = False,
    stamp: datetime,
    times: SessionTimes | None = None,
) -> bytes:
    """Every block's versions (blocks and versions oldest first) as one calendar.

    A later block replaces what is left of the one before: the older block's sessions from the
    new block's start on come back cancelled. CRLF lines, folded at 75 octets.
    """
    stamp = _utc(stamp)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALNAME)
    for index, versions in enumerate(blocks):
        following = blocks[index + 1][0] if index + 1 < len(blocks) and blocks[index + 1] else None
        for entry in _block_entries(versions, runner, following):
            begins = _begins(entry, times)
            cal.add_component(_event(entry, stamp, begins, busy_only=busy_only))
    if times is not None:
        cal.add_missing_timezones()
    data: bytes = cal.to_ical()  # typed as Any in icalendar 7.3
    return data


def read_session_times(zone: str, starts: Mapping[str, str]) -> SessionTimes:
    """The runner's times, checked: an IANA zone and ``HH:MM`` per type of day.

    Refused with InvalidDocument naming ``time_zone`` or ``times.<day type>``.
    """
    if not zone or zone not in _zones():
        raise InvalidDocument("time_zone", f"{zone!r} is not a time zone name (e.g. Europe/London)")
    checked: dict[str, time] = {}
    for day_type, text in starts.items():
        if day_type not in DAY_TYPES:
            kinds = ", ".join(DayType)
            raise InvalidDocument(f"times.{day_type}", f"is not a type of day ({kinds})")
        checked[day_type] = _clock(text, f"times.{day_type}")
    return SessionTimes(zone, checked)


def _clock(text: str, where: str) -> time:
    with suppress(ValueError):
        if len(text) == 5 and text[2] == ":":
            return time.fromisoformat(text)
    raise InvalidDocument(where, f"must be a time as HH:MM (got {text!r})")


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def session_uid(runner: str, start: str, day: str, kind: str) -> str:
    """The stable UID of one session: the same inputs give the same UID (and leak none)."""
    key = "\x1f".join((runner, start, day, kind))
    return f"{hashlib.sha1(key.encode()).hexdigest()}@calfcoach"  # noqa: S324 - an id, not security


def _block_entries(
    versions: Sequence[PlanVersion], runner: str, following: PlanVersion | None
) -> list[_Entry]:
    """The block's sessions as they stand now, and the ones its versions dropped."""
    changed: dict[str, tuple[int, datetime]] = {}
    last_seen: dict[str, _Planned] = {}
    current: dict[str, _Planned] = {}
    for index, version in enumerate(versions):
        found = _sessions(version.plan, runner)
        if index:
            # The plan's own count of adjustments keeps SEQUENCE rising when only the last
            # two versions are given (a one-off export from the command line).
            sequence = max(index, _adjustments(version.plan))
            for uid in found.keys() | current.keys():
                if found.get(uid) != current.get(uid):
                    changed[uid] = (sequence, version.saved_at)
        last_seen.update(found)
        current = found
    entries = [_entry(uid, *current[uid], changed.get(uid)) for uid in current]
    gone = sorted(
        (uid for uid in last_seen if uid not in current), key=lambda u: last_seen[u][0].date
    )
    entries += [_entry(uid, *last_seen[uid], changed.get(uid), cancelled=True) for uid in gone]
    if following is None:
        return entries
    new_start = following.plan.plan.start
    return [
        replace(entry, sequence=len(versions), modified=following.saved_at, cancelled=True)
        if not entry.cancelled and entry.session.date >= new_start
        else entry
        for entry in entries
    ]


def _entry(
    uid: str,
    session: Session,
    day_type: DayType | None,
    change: tuple[int, datetime] | None,
    *,
    cancelled: bool = False,
) -> _Entry:
    sequence, modified = change if change is not None else (0, None)
    return _Entry(uid, session, day_type, sequence, modified, cancelled)


def _begins(entry: _Entry, times: SessionTimes | None) -> datetime | None:
    """When the session starts in the runner's zone, or None: an all-day event."""
    if times is None or entry.day_type is None:
        return None
    start = times.starts.get(entry.day_type)
    return (
        None if start is None else datetime.combine(entry.session.date, start, ZoneInfo(times.zone))
    )


def _event(entry: _Entry, stamp: datetime, begins: datetime | None, *, busy_only: bool) -> Event:
    day = entry.session.date
    items = entry.session.items
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    if begins is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # all-day: a reminder of the day, not a busy block
    else:
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=session_minutes(items)))
        event.add("transp", "OPAQUE")
    event.add("sequence", entry.sequence)
    if entry.modified is not None:
        event.add("last-modified", _utc(entry.modified))
    if entry.cancelled:
        event.add("status", "CANCELLED")
    if busy_only:
        event.add("summary", BUSY_SUMMARY)
        event.add("class", "PRIVATE")
        return event
    title = entry.session.kind.label
    event.add("summary", _summary(title, items))
    event.add("description", _description(title, items))
    event.add("categories", [entry.session.kind.value])
    return event


def _summary(title: str, items: Sequence[Item]) -> str:
    main = [i for i in items if i.exercise is not ExerciseId.WARM_UP] or list(items)
    parts = [f"{_lower_first(_name(i))} {dose(i)}" for i in main[:SUMMARY_ITEMS]]
    if len(main) > SUMMARY_ITEMS:
        parts.append("...")
    return f"{title}: {', '.join(parts)}" if parts else title


def _description(title: str, items: Sequence[Item]) -> str:
    lines = [f"{title} session", ""]
    for item in items:
        line = f"- {_name(item)}: {dose(item)}"
        if item.note:
            line += f". {item.note}"
        lines.append(line)
    lines += ["", GUIDE]
    return "\n".join(lines)


def _name(item: Item) -> str:
    return exercise(item.exercise).name


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sessions(coaching: CoachingPlan, runner: str) -> dict[str, _Planned]:
    """Every session of a plan with its type of day, keyed by its UID."""
    plan = coaching.plan
    start = plan.start.isoformat()
    found: dict[str, _Planned] = {}
    for session in plan.sessions():
        uid = session_uid(runner, start, session.date.isoformat(), session.kind.value)
        found[uid] = (session, plan.week_types.get(session.day))
    return found


def _adjustments(coaching: CoachingPlan) -> int:
    """How many adjustments the plan has had: check-ins add dated decisions."""
    return max(0, len({d.date for d in coaching.decisions}) - 1)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    return moment.astimezone(UTC)
