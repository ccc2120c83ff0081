"""Reading a ``calfcoach.data/1`` document: the whole of it is checked before anything is written.

Each nested document is read with the engine's own reader; a refusal names the dotted field
(``plans[3].assessment``, ``plans[0].document.plan.start``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import CheckIn, parse_checkin
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import JSON, Document, as_bool, as_list, as_mapping, as_text
from calfcoach.coaching.logbook import LoggedSession, parse_log
from calfcoach.exports.calendar import read_session_times

SCHEMA = "calfcoach.data/1"
SECTIONS = ("assessments", "plans", "checkins", "logs", "activities")
T = TypeVar("T")
ACTIVITY_NUMBERS = ("elapsed_s", "timer_s", "distance_m", "ascent_m", "descent_m")
ACTIVITY_TEXTS = (("file", 300), ("format", 10), ("sport", 40), ("sub_sport", 40))


@dataclass(frozen=True)
class AssessmentIn:
    taken_on: date
    document: JSON
    created_at: datetime


@dataclass(frozen=True)
class PlanIn:
    assessment: int
    block: int
    version: int
    document: JSON
    created_at: datetime


@dataclass(frozen=True)
class CheckinIn:
    plan: int
    report: CheckIn
    document: JSON
    created_at: datetime


@dataclass(frozen=True)
class LogIn:
    logged: LoggedSession
    created_at: datetime


@dataclass(frozen=True)
class ActivityIn:
    content_hash: str
    summary: JSON
    created_at: datetime


@dataclass(frozen=True)
class CalendarIn:
    time_zone: str
    times: dict[str, str]
    updated_at: datetime


@dataclass(frozen=True)
class Incoming:
    assessments: tuple[AssessmentIn, ...]
    plans: tuple[PlanIn, ...]
    checkins: tuple[CheckinIn, ...]
    logs: tuple[LogIn, ...]
    activities: tuple[ActivityIn, ...]
    calendar: CalendarIn | None = None

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in SECTIONS}


def read_data(raw: object, today: date) -> Incoming:
    """The whole document, validated; raises InvalidDocument naming the first bad field."""
    doc = as_mapping(raw, "document")
    if doc.get("schema") != SCHEMA:
        raise InvalidDocument("schema", f"must be {SCHEMA!r} (got {doc.get('schema')!r})")
    for name in (*SECTIONS, "calendar"):
        if name not in doc:
            raise InvalidDocument(name, "is required")
    assessments = _each(doc, "assessments", lambda d, w: _assessment(d, w, today))
    plans = _each(doc, "plans", lambda d, w: _plan(d, w, len(assessments)))
    _unique([(p.block, p.version) for p in plans], "plans", "version", "repeats a block version")
    checkins = _each(doc, "checkins", lambda d, w: _checkin(d, w, len(plans)))
    logs = _each(doc, "logs", lambda d, w: _log(d, w, today))
    activities = _each(doc, "activities", _activity)
    _unique([a.content_hash for a in activities], "activities", "content_hash", "repeats")
    calendar = None if doc["calendar"] is None else _calendar(doc["calendar"])
    return Incoming(assessments, plans, checkins, logs, activities, calendar)


def _each(doc: Document, name: str, read: Callable[[Document, str], T]) -> tuple[T, ...]:
    items = as_list(doc[name], name)
    return tuple(
        read(as_mapping(item, f"{name}[{i}]"), f"{name}[{i}]") for i, item in enumerate(items)
    )


def _unique(keys: list[object], section: str, field: str, problem: str) -> None:
    seen: set[object] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise InvalidDocument(f"{section}[{index}].{field}", problem)
        seen.add(key)


def _nested(value: object, where: str, read: Callable[[object], T]) -> tuple[JSON, T]:
    """A nested engine document and what its reader made of it, errors named from ``where``."""
    document = dict(as_mapping(value, where))
    try:
        return document, read(document)
    except InvalidDocument as error:
        raise InvalidDocument(f"{where}.{error.field}", error.problem) from error


def _assessment(doc: Document, where: str, today: date) -> AssessmentIn:
    document, parsed = _nested(doc.get("document"), f"{where}.document",
                               lambda d: parse_assessment(d, today))  # fmt: skip
    return AssessmentIn(parsed.date, document, _moment(doc.get("created_at"), where))


def _plan(doc: Document, where: str, assessments: int) -> PlanIn:
    document, _ = _nested(doc.get("document"), f"{where}.document", read_plan_document)
    return PlanIn(
        assessment=_index(doc.get("assessment"), f"{where}.assessment", assessments),
        block=_count(doc.get("block"), f"{where}.block"),
        version=_count(doc.get("version"), f"{where}.version"),
        document=document,
        created_at=_moment(doc.get("created_at"), where),
    )


def _checkin(doc: Document, where: str, plans: int) -> CheckinIn:
    document, report = _nested(doc.get("document"), f"{where}.document", parse_checkin)
    return CheckinIn(
        plan=_index(doc.get("plan"), f"{where}.plan", plans),
        report=report,
        document=document,
        created_at=_moment(doc.get("created_at"), where),
    )


def _log(doc: Document, where: str, today: date) -> LogIn:
    fields = {key: value for key, value in doc.items() if key != "created_at"}
    _, logged = _nested(fields, where, lambda d: parse_log(d, today))
    return LogIn(logged, _moment(doc.get("created_at"), where))


def _activity(doc: Document, where: str) -> ActivityIn:
    summary: JSON = {}
    for name, longest in ACTIVITY_TEXTS:
        value = doc.get(name)
        if value is not None or name in ("file", "format"):
            value = as_text(value, f"{where}.{name}", longest)
        summary[name] = value
    for name in ACTIVITY_NUMBERS:
        value = doc.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise InvalidDocument(f"{where}.{name}", "must be a number or null")
        summary[name] = value
    started = doc.get("started_at")
    summary["started_at"] = None if started is None else _moment(started, where, "started_at")
    summary["has_gps"] = as_bool(doc.get("has_gps"), f"{where}.has_gps")
    summary["partial"] = as_bool(doc.get("partial"), f"{where}.partial")
    warnings = as_list(doc.get("warnings"), f"{where}.warnings")
    summary["warnings"] = [as_text(w, f"{where}.warnings[{i}]") for i, w in enumerate(warnings)]
    content_hash = as_text(doc.get("content_hash"), f"{where}.content_hash", 80)
    return ActivityIn(content_hash, summary, _moment(doc.get("created_at"), where))


def _calendar(raw: object) -> CalendarIn:
    doc = as_mapping(raw, "calendar")
    times = as_mapping(doc.get("times"), "calendar.times")
    starts = {str(kind): as_text(text, f"calendar.times.{kind}", 5) for kind, text in times.items()}
    zone = as_text(doc.get("time_zone"), "calendar.time_zone", 64)
    try:
        read_session_times(zone, starts)
    except InvalidDocument as error:
        raise InvalidDocument(f"calendar.{error.field}", error.problem) from error
    return CalendarIn(zone, starts, _moment(doc.get("updated_at"), "calendar", "updated_at"))


def _index(value: object, where: str, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise InvalidDocument(where, f"must be the index of one of the {size} items exported")
    return value


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidDocument(where, "must be a whole number from 1")
    return value


def _moment(value: object, where: str, name: str = "created_at") -> datetime:
    """An ISO 8601 date and time with its offset (the export writes UTC)."""
    if isinstance(value, str):
        try:
            found = datetime.fromisoformat(value)
        except ValueError:
            found = None
        if found is not None and found.tzinfo is not None:
            return found
    raise InvalidDocument(f"{where}.{name}", "must be an ISO 8601 date and time with an offset")
