"""Progress: the runner's tests over time against the norm band, retest changes and volume."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.logbook import weekly_volume
from calfcoach.coaching.norms import heel_raise_norm
from calfcoach.coaching.retest import compare
from calfcoach.services.accounts import Account
from calfcoach.services.engine import ChangeView, change_document
from calfcoach.services.training import logged_session, require_runner
from calfcoach.store.unit_of_work import UnitOfWork


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
