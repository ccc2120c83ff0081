"""Hypothesis strategies for a month under check-ins: assessments, report sequences, retests.

A check-in is drawn as a *spec* that does not depend on the plan: ``when`` (``before`` the
block, from the tests to the day before ``start``; in the ``block``, ``offset`` days after
``start``; or ``after`` it, up to 10 days past the last day of week 4), whether it carries the
optional ``week`` key, and the report itself. ``month_checkins`` turns specs into
``calfcoach.checkin/1`` documents once the plan's start is known, sorted by date (several may
fall in one week or on one day), so hypothesis prints short, readable falsifying examples.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Situation, Weekday
from tests.unit.coaching.strategies import assessment_documents, rarely

BLOCK_DAYS = 28  # four weeks; a report on day 28 (the day after week 4) is still in the block
DAYS_PAST_BLOCK = 10
SITUATIONS = [s.value for s in Situation]
KINDS = [k.value for k in SessionKind]
WEEKDAYS = [d.value for d in Weekday]
EXERCISES = [e.value for e in ExerciseId if e is not ExerciseId.WARM_UP]
# Weighted towards the reports a block mostly sees; shrinks towards "fine" in the block.
FEELINGS = ["fine", "fine", "mild_tightness", "ropey", "ropey", "sharp_pain", "limping"]
WHEN = ["block", "block", "block", "before", "after"]
GENTLE_FLAGS = ["recent_injury", "swelling", "pain_changes_gait", "focal_bone_pain"]


@st.composite
def month_assessments(draw: st.DrawFn) -> dict[str, Any]:
    """``assessment_documents``, with a chosen ``start`` 1-28 days after a dated test sometimes."""
    doc = draw(assessment_documents())
    if "date" in doc:
        days = draw(rarely(st.integers(1, BLOCK_DAYS), None, one_in=4))
        if days is not None:
            doc["start"] = (date.fromisoformat(doc["date"]) + timedelta(days=days)).isoformat()
    return doc


# Weeks with room for every session, so that a content property is not about placement.
ROOMY_WEEKS = [
    dict(zip(WEEKDAYS, kinds.split(), strict=True))
    for kinds in ("easy easy easy easy easy easy easy", "rest quality easy easy rest long easy")
]


@st.composite
def block_assessments(draw: st.DrawFn) -> dict[str, Any]:
    """An assessment that builds a block: no red flags, not sore, no painful test, and a week
    with room for every session (the default one or a roomy one)."""
    doc = draw(assessment_documents())
    doc.update(red_flags=[], sore_all_the_time=False)
    week = draw(st.sampled_from([None, *ROOMY_WEEKS]))
    doc.pop("week", None)
    if week is not None:
        doc["week"] = week
    doc["heel_raise"]["sharp_pain"] = False
    if "bounce" in doc:
        doc["bounce"]["sharp_pain"] = False
    return doc


@st.composite
def referred_assessments(draw: st.DrawFn) -> dict[str, Any]:
    """An assessment with one red flag that still allows gentle strength work (a refer plan
    with sessions), so that check-ins meet a plan they must not progress."""
    doc = draw(month_assessments())
    doc["red_flags"] = [draw(st.sampled_from(GENTLE_FLAGS))]
    doc["heel_raise"]["sharp_pain"] = False
    doc.pop("bounce", None)
    return doc


@st.composite
def month_checkin_specs(draw: st.DrawFn, stiff_one_in: int = 4) -> dict[str, Any]:
    """One report, placed relative to the tests and the block (see the module docstring)."""
    spec: dict[str, Any] = {
        "when": draw(st.sampled_from(WHEN)),
        "offset": draw(st.integers(0, BLOCK_DAYS - 1)),
        "with_week": draw(st.booleans()),
        "after": draw(st.sampled_from(KINDS)),
        "feeling": draw(st.sampled_from(FEELINGS)),
        "pain": draw(rarely(st.integers(0, 10), None, one_in=3)),
        "strides_check": draw(rarely(st.sampled_from(["snappy", "clamped"]), None, one_in=3)),
        "morning_stiffness_up": draw(rarely(st.just(True), False, one_in=stiff_one_in)),
    }
    named = draw(rarely(st.sampled_from(EXERCISES), None, one_in=6))
    if named is not None:
        spec["exercise"] = named
    return spec


def month_checkin_lists(stiff_one_in: int = 4) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(month_checkin_specs(stiff_one_in), min_size=1, max_size=6)


def checkin_date(spec: dict[str, Any], assessed: date, start: date) -> date:
    if spec["when"] == "before":
        return assessed + timedelta(days=spec["offset"] % max((start - assessed).days, 1))
    if spec["when"] == "after":
        return start + timedelta(days=BLOCK_DAYS + spec["offset"] % DAYS_PAST_BLOCK)
    return start + timedelta(days=spec["offset"])


def month_checkins(
    specs: list[dict[str, Any]], assessed: date, start: date
) -> list[dict[str, Any]]:
    """The check-in documents for ``specs``, oldest first.

    ``week`` (when the spec carries it) is the block week holding the date, week 4 for the day
    after the block; a report before the block carries no week.
    """
    docs = []
    for spec in specs:
        on = checkin_date(spec, assessed, start)
        doc: dict[str, Any] = {"schema": "calfcoach.checkin/1", "date": on.isoformat()}
        offset = (on - start).days
        if spec["with_week"] and 0 <= offset <= BLOCK_DAYS:
            doc["week"] = min(offset // 7 + 1, 4)
        skip = {"when", "offset", "with_week"}
        docs.append(doc | {k: v for k, v in spec.items() if k not in skip})
    return sorted(docs, key=lambda d: str(d["date"]))


def retest_document(doc: dict[str, Any], start: date, days_after_block: int) -> dict[str, Any]:
    """``doc`` as a retest taken ``days_after_block`` days after the block's last day."""
    retest = {k: v for k, v in doc.items() if k != "start"}
    retest["date"] = (start + timedelta(days=BLOCK_DAYS - 1 + days_after_block)).isoformat()
    return retest


# An endurance runner with an all-rest week reports a stiffer morning on Monday of week 2,
# after week 1's strength: week 2's hill walks must not rise above week 1's (P2).
STIFF_ON_MONDAY_OF_WEEK_2: dict[str, Any] = {
    "doc": {
        "heel_raise": {"left": 20, "right": 20},
        "calves_light_up_on_hills": True,
        "week": dict.fromkeys(WEEKDAYS, "rest"),
    },
    "today": date(2020, 1, 1),
    "specs": [
        {"when": "block", "offset": 7, "with_week": False, "after": "strength", "feeling": "fine"}
        | {"pain": None, "strides_check": None, "morning_stiffness_up": True}
    ],
}
