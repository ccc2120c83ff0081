"""What the runner sees day to day: today's session with how-to, and progress over tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypedDict

from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import BLOCK_WEEKS, Item, Plan, Session
from calfcoach.coaching.retest import retest_due as block_retest_due
from calfcoach.coaching.vocabulary import ExerciseId, FindingCode, SessionKind, Side
from calfcoach.exports.session_time import dose
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.training import LogView, log_view, require_runner
from calfcoach.store.tables import LogRow
from calfcoach.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # calendar_runs builds on this module's calendar
    from calfcoach.services.calendar_runs import RunLine


class ItemView(TypedDict):
    """One item of a day's session: the plan's dose and the exercise's how-to."""

    exercise: str
    name: str
    sets: int
    reps: int | None
    seconds: int | None
    side: str
    note: str
    steps: list[str]
    cues: list[str]
    unit: str
    loaded: bool  # extra load is logged only for exercises done with weights (calf raises)
    dose: str  # "3 x 6", "5 min", "2 x 10 (right)"
    sides: list[str]  # logged per side in one form: ["left", "right"] (weaker first); or [side]
    weaker_first: bool  # the sides are ordered by the diagnosis's asymmetry finding
    last_load: dict[str, float]  # per side: the load last logged for this exercise


class SessionView(TypedDict):
    day: str
    date: str
    kind: str
    items: list[ItemView]
    done: bool  # every exercise of the session logged on its day (``session_done``)


class DayView(TypedDict):
    date: str
    week: int | None  # None on a day without sessions
    sessions: list[SessionView]
    logged: list[LogView]
    block_start: str  # the block's first day
    # Before the block starts: the warm-up's steps, done with easy running as usual.
    meanwhile: list[str]
    retest_due: str | None  # the day the block's retest falls due; None while a red flag holds it


class SessionChoice(TypedDict):
    """A session a check-in can be about: ``value`` is ``YYYY-MM-DD:kind``."""

    value: str
    date: str
    kind: str
    week: int


class CheckinDefaults(TypedDict):
    """What the check-in form starts with: about the latest session the runner logged."""

    date: str
    week: int
    after: str
    session_date: str | None
    session: str  # the chosen ``SessionChoice`` value, or a bare kind without one
    choices: list[SessionChoice]  # the sessions up to today, latest first


@dataclass(frozen=True, slots=True)
class CalendarDay:
    date: date
    is_today: bool
    is_past: bool
    sessions: tuple[Session, ...]
    logged: bool
    runs: tuple[RunLine, ...] = ()  # the runner's imported runs (``calendar_runs``)
    done: tuple[bool, ...] = ()  # per session: all of it logged (``with_done``)


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    number: int
    days: tuple[CalendarDay, ...]


def day_view(uow: UnitOfWork, runner: Account, day: date) -> DayView:
    """The sessions planned for ``day``, each item with its steps and cues, and what was logged."""
    require_runner(runner)
    with uow:
        row = uow.records.current_plan(runner.id)
        if row is None:
            raise NotFound("no plan yet: take the tests first")
        coaching = read_plan_document(row.document)
        plan = coaching.plan
        rows = [r for r in uow.records.logs(runner.id) if r.done_on <= day]
        logs = [log_view(r) for r in rows if r.done_on == day]
        sides_logged = [(r.done_on, r.exercise, r.side) for r in rows]
        loads = _last_loads(rows)
    asymmetry = coaching.diagnosis.finding(FindingCode.HEEL_RAISE_ASYMMETRY)
    weaker = None if asymmetry is None or asymmetry.side is Side.BOTH else asymmetry.side
    due = block_retest_due(plan.start, held_by=coaching.diagnosis.urgency)
    sessions = []
    week_number = None
    for week in plan.weeks:
        for session in week.sessions:
            if session.date == day:
                week_number = week.number
                sessions.append(_session_view(session, sides_logged, weaker, loads))
    return {
        "date": day.isoformat(),
        "week": week_number,
        "sessions": sessions,
        "logged": logs,
        "block_start": plan.start.isoformat(),
        "meanwhile": list(exercise(ExerciseId.WARM_UP).steps) if day < plan.start else [],
        "retest_due": None if due is None else due.isoformat(),
    }


def _session_view(
    session: Session,
    logged: Iterable[LoggedSide] = (),
    weaker: Side | None = None,
    loads: Mapping[str, Mapping[str, float]] | None = None,
) -> SessionView:
    return {
        "day": session.day.value,
        "date": session.date.isoformat(),
        "kind": session.kind.value,
        "items": [
            _item_view(item, weaker, (loads or {}).get(item.exercise.value, {}))
            for item in session.items
        ],
        "done": session_done(session, logged),
    }


# Exercises done one leg at a time: a plan item for "both" sides is logged left and right.
PER_SIDE = frozenset(
    {
        ExerciseId.STRAIGHT_KNEE_CALF_RAISE,
        ExerciseId.BENT_KNEE_CALF_RAISE,
        ExerciseId.STAIR_CALF_RAISE,
        ExerciseId.SINGLE_LEG_BALANCE,
    }
)
LoggedSide = tuple[date, str, str]  # the day, exercise and side of a logged session


def _sides(item: Item, weaker: Side | None) -> list[str]:
    if item.side is not Side.BOTH or item.exercise not in PER_SIDE:
        return [item.side.value]
    first = weaker or Side.LEFT
    return [first.value, first.other.value]


def _last_loads(rows: Iterable[LogRow]) -> dict[str, dict[str, float]]:
    """Per exercise and side (and ``any`` side): the load of the last loaded set logged."""
    found: dict[str, dict[str, float]] = {}
    for row in sorted(rows, key=lambda r: (r.done_on, r.id)):
        loads = [s.load_kg for s in row.sets if s.load_kg]
        if loads:
            found.setdefault(row.exercise, {})[row.side] = loads[-1]
            found[row.exercise]["any"] = loads[-1]
    return found


def session_done(session: Session, logged: Iterable[LoggedSide]) -> bool:
    """Every exercise of the session (the warm-up aside) logged on the session's day, each
    side the plan names (a single-leg exercise for both sides: left and right, or both)."""
    sides: dict[str, set[str]] = {}
    for day, done, side in logged:
        if day == session.date:
            sides.setdefault(done, set()).add(side)
    items = [i for i in session.items if i.exercise is not ExerciseId.WARM_UP]
    return bool(items) and all(_item_done(i, sides.get(i.exercise.value, set())) for i in items)


def _item_done(item: Item, sides: set[str]) -> bool:
    if not sides or Side.BOTH.value in sides:
        return bool(sides)
    if item.side is Side.BOTH:
        return item.exercise not in PER_SIDE or {Side.LEFT.value, Side.RIGHT.value} <= sides
    return item.side.value in sides


def with_done(weeks: list[CalendarWeek], logged: Iterable[LoggedSide]) -> list[CalendarWeek]:
    """The calendar with each session marked done when all of it was logged."""
    logs = list(logged)
    return [
        replace(
            week,
            days=tuple(
                replace(day, done=tuple(session_done(s, logs) for s in day.sessions))
                for day in week.days
            ),
        )
        for week in weeks
    ]


def logged_sides(uow: UnitOfWork, runner: Account) -> list[LoggedSide]:
    """The day, exercise and side of each logged session (what ``with_done`` reads)."""
    require_runner(runner)
    with uow:
        return [(row.done_on, row.exercise, row.side) for row in uow.records.logs(runner.id)]


def _item_view(
    item: Item, weaker: Side | None = None, loads: Mapping[str, float] | None = None
) -> ItemView:
    found = exercise(item.exercise)
    sides = _sides(item, weaker)
    loaded = any("weight" in kit for kit in found.equipment)
    last = {} if not loaded or not loads else loads
    return {
        "exercise": item.exercise.value,
        "name": found.name,
        "sets": item.sets,
        "reps": item.reps,
        "seconds": item.seconds,
        "side": item.side.value,
        "note": item.note,
        "steps": list(found.steps),
        "cues": list(found.cues),
        "unit": found.unit.value,
        "loaded": loaded,
        "dose": dose(item),
        "sides": sides,
        "weaker_first": len(sides) > 1 and weaker is not None,
        "last_load": {side: last[side] for side in sides if side in last}
        | {side: last["any"] for side in sides if side not in last and "any" in last},
    }


def _sessions_by_date(plan: Plan) -> dict[date, list[Session]]:
    found: dict[date, list[Session]] = {}
    for session in plan.sessions():
        found.setdefault(session.date, []).append(session)
    return found


def calendar(plan: Plan, today: date, logged: frozenset[date] = frozenset()) -> list[CalendarWeek]:
    """Four rows of seven days from the block's Monday, each day with its sessions."""
    sessions = _sessions_by_date(plan)
    weeks = []
    for number in range(1, BLOCK_WEEKS + 1):
        monday, _ = plan.week_dates(number)
        days = (monday + timedelta(days=offset) for offset in range(7))
        row = tuple(
            CalendarDay(day, day == today, day < today, tuple(sessions.get(day, ())), day in logged)
            for day in days
        )
        weeks.append(CalendarWeek(number, row))
    return weeks


def logged_days(uow: UnitOfWork, runner: Account) -> frozenset[date]:
    require_runner(runner)
    with uow:
        return frozenset(row.done_on for row in uow.records.logs(runner.id))


def logged_exercises(uow: UnitOfWork, runner: Account) -> list[tuple[date, str]]:
    """The day and exercise of each logged session (what a check-in can be about)."""
    require_runner(runner)
    with uow:
        return [(row.done_on, row.exercise) for row in uow.records.logs(runner.id)]


def retest_due(plan: Plan, today: date) -> date | None:
    """The day the block's retest falls due (C9), when it has come."""
    # Not held for a red flag here: the plan page shows its red-flag banner instead.
    due = block_retest_due(plan.start, held_by=None)
    return due if due is not None and today >= due else None


def week_of(plan: Plan, day: date) -> int:
    """The block week ``day`` falls in, held to 1-4."""
    return min(max(plan.week_of(day), 1), BLOCK_WEEKS)


CHOICES_SHOWN = 14  # the latest sessions a check-in offers to be about


def checkin_defaults(
    plan: Plan, today: date, logged: Iterable[tuple[date, str]] = ()
) -> CheckinDefaults:
    """What a day-after check-in is most likely about: the latest session the runner logged
    (``logged``: day and exercise of each log), else the latest planned one up to today."""
    choices = _session_choices(plan, today)
    by_value = {c["value"]: c for c in choices}
    chosen = None
    for day, done in sorted(logged, reverse=True):
        if day > today:
            continue
        kind = _logged_kind(plan, day, done)
        chosen = by_value.get(f"{day.isoformat()}:{kind.value}")
        if chosen is None:
            chosen = _choice(plan, day, kind)
            choices = sorted([*choices, chosen], key=lambda c: c["value"], reverse=True)
        break
    if chosen is None and choices:
        chosen = choices[0]
    return {
        "date": today.isoformat(),
        "week": chosen["week"] if chosen else week_of(plan, today),
        "after": chosen["kind"] if chosen else SessionKind.STRENGTH.value,
        "session_date": chosen["date"] if chosen else None,
        "session": chosen["value"] if chosen else SessionKind.STRENGTH.value,
        "choices": choices[:CHOICES_SHOWN],
    }


def _choice(plan: Plan, day: date, kind: SessionKind) -> SessionChoice:
    value = f"{day.isoformat()}:{kind.value}"
    return {"value": value, "date": day.isoformat(), "kind": kind.value, "week": week_of(plan, day)}


def _session_choices(plan: Plan, today: date) -> list[SessionChoice]:
    found = {
        (session.date, session.kind): _choice(plan, session.date, session.kind)
        for session in plan.sessions()
        if session.date <= today
    }
    return [found[key] for key in sorted(found, reverse=True)]


def _logged_kind(plan: Plan, day: date, done: str) -> SessionKind:
    """The kind of the planned session on ``day`` holding the logged exercise."""
    planned = _sessions_by_date(plan).get(day, [])
    holding = [s for s in planned if any(i.exercise.value == done for i in s.items)]
    for session in holding or planned:
        return session.kind
    return _kind_of_exercise(plan, done)


def _kind_of_exercise(plan: Plan, done: str) -> SessionKind:
    """The kind of session the plan does ``done`` in (a log on a day without one)."""
    for session in plan.sessions():
        if any(i.exercise.value == done for i in session.items):
            return session.kind
    return SessionKind.STRENGTH
