"""What the runner sees day to day: today's session with how-to, and progress over tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.logbook import weekly_volume
from calfcoach.coaching.norms import heel_raise_norm
from calfcoach.coaching.plan import BLOCK_WEEKS, Item, Plan, Session
from calfcoach.coaching.retest import compare
from calfcoach.coaching.retest import retest_due as block_retest_due
from calfcoach.exports.session_time import dose
from calfcoach.services.accounts import Account
from calfcoach.services.engine import ChangeView, change_document
from calfcoach.services.errors import NotFound
from calfcoach.services.training import LogView, log_view, logged_session, require_runner
from calfcoach.store.unit_of_work import UnitOfWork


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


class SessionView(TypedDict):
    day: str
    date: str
    kind: str
    items: list[ItemView]


class DayView(TypedDict):
    date: str
    week: int | None  # None on a day without sessions
    sessions: list[SessionView]
    logged: list[LogView]


class HeelRaiseView(TypedDict):
    left: int
    right: int


class KneeToWallView(TypedDict):
    left_cm: float | None
    right_cm: float | None


class TestView(TypedDict):
    date: str
    heel_raise: HeelRaiseView
    knee_to_wall: KneeToWallView | None


class NormView(TypedDict):
    typical: int
    low: int
    high: int
    group: str
    source: str


class WeekVolume(TypedDict):
    week_of: str  # the Monday
    reps: int
    seconds: float


class ProgressView(TypedDict):
    tests: list[TestView]
    norm: NormView
    changes: list[ChangeView]
    weekly_volume: list[WeekVolume]


class CheckinDefaults(TypedDict):
    """What the check-in form starts with."""

    date: str
    week: int
    after: str
    session_date: str | None


@dataclass(frozen=True, slots=True)
class CalendarDay:
    date: date
    is_today: bool
    is_past: bool
    sessions: tuple[Session, ...]
    logged: bool


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
        plan = read_plan_document(row.document).plan
        logs = [log_view(r) for r in uow.records.logs(runner.id, since=day) if r.done_on == day]
    sessions = []
    week_number = None
    for week in plan.weeks:
        for session in week.sessions:
            if session.date == day:
                week_number = week.number
                sessions.append(_session_view(session))
    return {"date": day.isoformat(), "week": week_number, "sessions": sessions, "logged": logs}


def _session_view(session: Session) -> SessionView:
    return {
        "day": session.day.value,
        "date": session.date.isoformat(),
        "kind": session.kind.value,
        "items": [_item_view(item) for item in session.items],
    }


def _item_view(item: Item) -> ItemView:
    found = exercise(item.exercise)
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
        "loaded": any("weight" in kit for kit in found.equipment),
        "dose": dose(item),
    }


def progress(uow: UnitOfWork, runner: Account, today: date) -> ProgressView:
    """Tests over time against the norm band, retest changes (C9) and logged weekly volume."""
    require_runner(runner)
    with uow:
        documents = [row.document for row in uow.records.assessments(runner.id)]
        logs = [logged_session(row) for row in uow.records.logs(runner.id)]
    tests = [parse_assessment(doc, today) for doc in documents]
    latest = tests[-1] if tests else None
    norm = heel_raise_norm(
        latest.runner.age if latest else None, latest.runner.sex if latest else None
    )
    return {
        "tests": [
            {
                "date": t.date.isoformat(),
                "heel_raise": {"left": t.heel_raise.left, "right": t.heel_raise.right},
                "knee_to_wall": None
                if t.knee_to_wall is None
                else {"left_cm": t.knee_to_wall.left_cm, "right_cm": t.knee_to_wall.right_cm},
            }
            for t in tests
        ],
        "norm": {
            "typical": norm.typical,
            "low": norm.low,
            "high": norm.high,
            "group": norm.group,
            "source": norm.source,
        },
        "changes": []
        if len(tests) < 2
        else [change_document(c) for c in compare(tests[-2], tests[-1])],
        "weekly_volume": [
            {"week_of": monday.isoformat(), "reps": reps, "seconds": seconds}
            for monday, reps, seconds in weekly_volume(logs)
        ],
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


def retest_due(plan: Plan, today: date) -> date | None:
    """The day the block's retest falls due (C9), when it has come."""
    # Not held for a red flag here: the plan page shows its red-flag banner instead.
    due = block_retest_due(plan.start, held_by=None)
    return due if due is not None and today >= due else None


def week_of(plan: Plan, day: date) -> int:
    """The block week ``day`` falls in, held to 1-4."""
    return min(max(plan.week_of(day), 1), BLOCK_WEEKS)


def checkin_defaults(plan: Plan, today: date) -> CheckinDefaults:
    """What a day-after check-in is most likely about: the latest session up to today."""
    sessions = _sessions_by_date(plan)
    done = sorted(d for d in sessions if d <= today)
    last = sessions[done[-1]][-1] if done else None
    return {
        "date": today.isoformat(),
        "week": week_of(plan, done[-1] if done else today),
        "after": last.kind.value if last else "strength",
        "session_date": done[-1].isoformat() if done else None,
    }
