"""What the runner sees day to day: today's session with how-to, and progress over tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.logbook import LoggedSession, LoggedSet, weekly_volume
from calfcoach.coaching.norms import heel_raise_norm
from calfcoach.coaching.retest import compare
from calfcoach.coaching.roster import RETEST_AFTER_DAYS
from calfcoach.coaching.vocabulary import ExerciseId, Side
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.planning import change_document
from calfcoach.services.training import log_view, plan_view, require_runner
from calfcoach.store.tables import LogRow
from calfcoach.store.unit_of_work import UnitOfWork

JSON = dict[str, object]


def day_view(uow: UnitOfWork, runner: Account, day: date) -> JSON:
    """The sessions planned for ``day``, each item with its steps and cues, and what was logged."""
    require_runner(runner)
    with uow:
        row = uow.records.current_plan(runner.id)
        if row is None:
            raise NotFound("no plan yet: take the tests first")
        plan = plan_view(row)
        logs = [log_view(r) for r in uow.records.logs(runner.id, since=day) if r.done_on == day]
    weeks = cast(list[JSON], cast(JSON, plan["plan"])["weeks"])
    sessions = []
    week_number = None
    for week in weeks:
        for session in cast(list[JSON], week["sessions"]):
            if session["date"] == day.isoformat():
                week_number = week["week"]
                sessions.append({**session, "items": _with_how_to(session)})
    return {"date": day.isoformat(), "week": week_number, "sessions": sessions, "logged": logs}


def _with_how_to(session: JSON) -> list[JSON]:
    items = []
    for item in cast(list[JSON], session["items"]):
        found = exercise(str(item["exercise"]))
        items.append(
            {
                **item,
                "steps": list(found.steps),
                "cues": list(found.cues),
                "unit": found.unit.value,
                # Extra load is logged only for exercises done with weights (calf raises).
                "loaded": any("weight" in kit for kit in found.equipment),
            }
        )
    return items


def progress(uow: UnitOfWork, runner: Account, today: date) -> JSON:
    """Tests over time against the norm band, retest changes (C9) and logged weekly volume."""
    require_runner(runner)
    with uow:
        documents = [row.document for row in uow.records.assessments(runner.id)]
        logs = [_logged(row) for row in uow.records.logs(runner.id)]
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


def _logged(row: LogRow) -> LoggedSession:
    return LoggedSession(
        date=row.done_on,
        exercise=ExerciseId(row.exercise),
        side=Side(row.side),
        sets=tuple(LoggedSet(s.reps, s.load_kg, s.seconds) for s in row.sets),
    )


def _sessions_by_date(plan: JSON) -> dict[str, list[JSON]]:
    found: dict[str, list[JSON]] = {}
    for week in cast(list[JSON], cast(JSON, plan["plan"])["weeks"]):
        for session in cast(list[JSON], week["sessions"]):
            found.setdefault(str(session["date"]), []).append(session)
    return found


def calendar(plan: JSON, today: date, logged: frozenset[date] = frozenset()) -> list[JSON]:
    """Four rows of seven days from the block's Monday, each day with its sessions."""
    start = date.fromisoformat(str(cast(JSON, plan["plan"])["start"]))
    sessions = _sessions_by_date(plan)
    weeks = []
    for number in range(4):
        days = []
        for offset in range(7):
            day = start + timedelta(days=number * 7 + offset)
            days.append(
                {
                    "date": day,
                    "is_today": day == today,
                    "is_past": day < today,
                    "sessions": sessions.get(day.isoformat(), []),
                    "logged": day in logged,
                }
            )
        weeks.append({"number": number + 1, "days": days})
    return weeks


def logged_days(uow: UnitOfWork, runner: Account) -> frozenset[date]:
    require_runner(runner)
    with uow:
        return frozenset(row.done_on for row in uow.records.logs(runner.id))


def retest_due(plan: JSON, today: date) -> date | None:
    """The day the block's retest falls due (C9), when it has come."""
    start = date.fromisoformat(str(cast(JSON, plan["plan"])["start"]))
    due = start + timedelta(days=RETEST_AFTER_DAYS)
    return due if today >= due else None


def week_of(plan: JSON, day: date) -> int:
    """The block week ``day`` falls in, held to 1-4."""
    start = date.fromisoformat(str(cast(JSON, plan["plan"])["start"]))
    return min(max((day - start).days // 7 + 1, 1), 4)


def checkin_defaults(plan: JSON, today: date) -> JSON:
    """What a day-after check-in is most likely about: the latest session up to today."""
    sessions = _sessions_by_date(plan)
    done = sorted(d for d in sessions if d <= today.isoformat())
    last = sessions[done[-1]][-1] if done else None
    return {
        "date": today.isoformat(),
        "week": week_of(plan, date.fromisoformat(done[-1]) if done else today),
        "after": last["kind"] if last else "strength",
        "session_date": done[-1] if done else None,
    }
