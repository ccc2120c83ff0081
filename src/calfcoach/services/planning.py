"""Plan, adjust, retest and list exercises: documents in, documents out.

The inputs are already-decoded JSON values; the outputs are the documents of the
interfaces contract, so the CLI and the web print the same thing.
"""

from __future__ import annotations

from datetime import date

from calfcoach.coaching.adjust import adjust
from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.diagnosis import diagnose
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.exercises import CATALOGUE
from calfcoach.coaching.planner import build_plan
from calfcoach.coaching.retest import Change, compare

JSON = dict[str, object]


def plan_from_assessment(raw_assessment: object, today: date) -> JSON:
    """Diagnose an assessment and build its four-week plan."""
    assessment = parse_assessment(raw_assessment, today)
    return plan_document(build_plan(assessment, diagnose(assessment)))


def adjust_plan(raw_plan: object, raw_checkin: object) -> JSON:
    """Apply one check-in to a plan document; the result carries the new decisions."""
    return plan_document(adjust(read_plan_document(raw_plan), parse_checkin(raw_checkin)))


def retest(raw_previous: object, raw_current: object, today: date) -> JSON:
    """Compare a retest with the last test (C9) and plan the next block from it."""
    previous = parse_assessment(raw_previous, today)
    current = parse_assessment(raw_current, today)
    changes = compare(previous, current)
    return {
        "changes": [change_document(c) for c in changes],
        "next": plan_document(build_plan(current, diagnose(current))),
    }


def change_document(change: Change) -> JSON:
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


def exercise_catalogue() -> list[JSON]:
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
