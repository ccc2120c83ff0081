"""A plan document as an RFC 5545 calendar: one all-day event per session.

Pure: the plan, the runner's name and the time stamp go in, the ``.ics`` bytes
come out. Each session's ``UID`` is derived from the runner, the block's start,
the session's date and its kind, so exporting the same plan again, or a newer
version of it after a check-in, updates the events a calendar already holds
instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//calfcoach//calf coach//EN"
CALNAME = "calfcoach plan"
BUSY_SUMMARY = "Training (calfcoach)"
GUIDE = "calfcoach is a training guide, not a diagnosis."
SUMMARY_ITEMS = 2
KIND_TITLES = {
    "strength": "Calf strength",
    "spring": "Calf spring",
    "run_addon": "Run add-on",
    "mobility": "Ankle mobility",
}

Doc = Mapping[str, object]


def plan_calendar(
    plan: Doc,
    *,
    runner: str,
    previous: Doc | None = None,
    busy_only: bool = False,
    stamp: datetime,
) -> bytes:
    """The plan's sessions as an iCalendar file (CRLF lines, folded at 75 octets).

    With ``previous`` (the earlier version of the same plan), a session whose
    content changed gets a higher ``SEQUENCE`` and ``LAST-MODIFIED`` = ``stamp``,
    and a session that has gone comes back as a cancelled event with its old UID.
    """
    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    stamp = stamp.astimezone(UTC)
    current = _sessions(plan, runner)
    before = _sessions(previous, runner) if previous is not None else {}
    bump = max(1, _version(plan))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALNAME)
    for uid, session in current.items():
        old = before.get(uid)
        changed = old is not None and old != session
        event = _event(uid, session, stamp, busy_only=busy_only)
        event.add("sequence", bump if changed else 0)
        if changed:
            event.add("last-modified", stamp)
        cal.add_component(event)
    for uid, session in before.items():
        if uid not in current:
            event = _event(uid, session, stamp, busy_only=busy_only)
            event.add("status", "CANCELLED")
            event.add("sequence", bump)
            event.add("last-modified", stamp)
            cal.add_component(event)
    data: bytes = cal.to_ical()  # typed as Any in icalendar 7.3
    return data


def session_uid(runner: str, start: str, day: str, kind: str) -> str:
    """The stable UID of one session: the same inputs give the same UID."""
    key = "\x1f".join((runner, start, day, kind))
    return f"{hashlib.sha1(key.encode()).hexdigest()}@calfcoach"  # noqa: S324 - an id, not security


def dose(item: Mapping[str, object]) -> str:
    """``3 x 6``, ``2 x 15 s`` or ``5 min``, with the side when it is one leg."""
    seconds = item.get("seconds")
    reps = item.get("reps")
    sets = item.get("sets")
    if reps is None and sets == 1 and isinstance(seconds, int) and seconds >= 120:
        return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds / 60:.1f} min"
    amount = f"{reps}" if reps is not None else f"{seconds} s"
    side = "" if item.get("side") in (None, "both") else f" ({item['side']})"
    return f"{sets} x {amount}{side}"


def _event(uid: str, session: Doc, stamp: datetime, *, busy_only: bool) -> Event:
    day = date.fromisoformat(str(session["date"]))
    kind = str(session.get("kind", ""))
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "OPAQUE")
    if busy_only:
        event.add("summary", BUSY_SUMMARY)
        return event
    items = _items(session)
    event.add("summary", _summary(kind, items))
    event.add("description", _description(kind, items))
    event.add("categories", [kind])
    return event


def _summary(kind: str, items: Sequence[Doc]) -> str:
    main = [i for i in items if i.get("exercise") != "warm_up"] or list(items)
    parts = [f"{_lower_first(str(i.get('name', '')))} {dose(i)}" for i in main[:SUMMARY_ITEMS]]
    if len(main) > SUMMARY_ITEMS:
        parts.append("...")
    title = KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())
    return f"{title}: {', '.join(parts)}" if parts else title


def _description(kind: str, items: Sequence[Doc]) -> str:
    lines = [f"{KIND_TITLES.get(kind, kind)} session", ""]
    for item in items:
        line = f"- {item.get('name', '')}: {dose(item)}"
        if item.get("note"):
            line += f". {item['note']}"
        lines.append(line)
    lines += ["", GUIDE]
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sessions(doc: Doc, runner: str) -> dict[str, Doc]:
    """Every session of a plan document, keyed by its UID."""
    body = _mapping(doc.get("plan"))
    start = str(body.get("start", ""))
    found: dict[str, Doc] = {}
    for week in _list(body.get("weeks")):
        for session in _list(_mapping(week).get("sessions")):
            entry = _mapping(session)
            uid = session_uid(runner, start, str(entry.get("date")), str(entry.get("kind")))
            found[uid] = entry
    return found


def _items(session: Doc) -> list[Doc]:
    return [_mapping(i) for i in _list(session.get("items"))]


def _version(doc: Doc) -> int:
    """How many adjustments the plan has had: check-ins add dated decisions."""
    days = {_mapping(d).get("date") for d in _list(doc.get("decisions"))}
    return max(0, len(days) - 1)


def _mapping(value: object) -> Doc:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object in the plan document, got {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def _list(value: object) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"expected a list in the plan document, got {type(value).__name__}")
    return list(value)
