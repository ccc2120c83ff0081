"""Plan, adjust, retest and list exercises: documents in, typed plans or documents out.

The inputs are already-decoded JSON values. ``coaching_plan``, ``adjusted`` and ``retested``
give the engine's typed values (what the terminal renders); the ``*_document`` functions and
their wrappers give the documents of the interfaces contract, so the CLI's ``--json`` and the
web print the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from calfcoach.coaching.adjust import adjust
from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.diagnosis import diagnose
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.exercises import CATALOGUE
from calfcoach.coaching.fields import JSON
from calfcoach.coaching.plan import CoachingPlan
from calfcoach.coaching.planner import build_plan
from calfcoach.coaching.retest import Change, compare


class ChangeView(TypedDict):
    """One C9 comparison as the API and ``retest --json`` print it."""

    measure: str
    side: str
    before: float
    after: float
    change: float
    real: bool
    rule: str
    text: str


class RetestDocument(TypedDict):
    changes: list[ChangeView]
    next: JSON


class ExerciseView(TypedDict):
    id: str
    name: str
    trains: str
    unit: str
    equipment: list[str]
    steps: list[str]
    cues: list[str]
    source: str


@dataclass(frozen=True, slots=True)
class Retest:
    """A retest read against the last test: the real and noisy changes, and the next block."""

    changes: tuple[Change, ...]
    next: CoachingPlan


def coaching_plan(raw_assessment: object, today: date) -> CoachingPlan:
    """Diagnose an assessment and build its four-week plan."""
    assessment = parse_assessment(raw_assessment, today)
    return build_plan(assessment, diagnose(assessment))


def plan_from_assessment(raw_assessment: object, today: date) -> JSON:
    """``coaching_plan`` as its plan document."""
    return plan_document(coaching_plan(raw_assessment, today))


def adjusted(raw_plan: object, raw_checkin: object) -> CoachingPlan:
    """Apply one check-in to a plan document; the result carries the new decisions."""
    return adjust(read_plan_document(raw_plan), parse_checkin(raw_checkin))


def adjust_plan(raw_plan: object, raw_checkin: object) -> JSON:
    """``adjusted`` as its plan document."""
    return plan_document(adjusted(raw_plan, raw_checkin))


def retested(raw_previous: object, raw_current: object, today: date) -> Retest:
    """Compare a retest with the last test (C9) and plan the next block from it."""
    previous = parse_assessment(raw_previous, today)
    current = parse_assessment(raw_current, today)
    return Retest(tuple(compare(previous, current)), build_plan(current, diagnose(current)))


def retest_document(result: Retest) -> RetestDocument:
    return {
        "changes": [change_document(c) for c in result.changes],
        "next": plan_document(result.next),
    }


def retest(raw_previous: object, raw_current: object, today: date) -> RetestDocument:
    """``retested`` as its document."""
    return retest_document(retested(raw_previous, raw_current, today))


def change_document(change: Change) -> ChangeView:
    """One C9 comparison; centimetres to one decimal (8.1 -> 10.1 is a change of 2.0)."""
    return {
        "measure": change.measure,
        "side": change.side.value,
        "before": _one_decimal(change.before),
        "after": _one_decimal(change.after),
        "change": _one_decimal(change.delta),
        "real": change.real,
        "rule": "C9",
        "text": change.text,
    }


def _one_decimal(value: float) -> float:
    """Reps stay whole numbers; centimetres are rounded to the tenth they were measured in."""
    return value if isinstance(value, int) else round(value, 1)


def exercise_catalogue() -> list[ExerciseView]:
    return [
        {
            "id": e.id.value,
            "name": e.name,
            "trains": e.trains,
            "unit": e.unit.value,
            "equipment": list(e.equipment),
            "steps": list(e.steps),
            "cues": list(e.cues),
            "source": e.source,
        }
        for e in CATALOGUE.values()
    ]
