"""Hypothesis strategies for the coaching engine: assessment documents and check-in reports.

Everything drawn here is *valid* input: the property tests are about what the engine does
with good input, not about how it refuses bad input. The strategies lean towards the cases
that build a real plan (no red flags, not sore) but still reach every branch: red flags,
painful tests, odd weeks (all rest, no easy day, several long or race days), running
changes, goal size, every situation.

Check-ins are drawn as *specs* that do not depend on a plan (a week, a day offset from
that week's Monday, and the report itself); ``checkin_document`` turns a spec into a
``calfcoach.checkin/1`` document for a given plan start, so hypothesis prints a short,
readable falsifying example.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from calfcoach.coaching.vocabulary import (
    REPORTABLE_RED_FLAGS,
    DayType,
    ExerciseId,
    Feeling,
    SessionKind,
    Situation,
    StridesCheck,
    Weekday,
)

DAYS = [d.value for d in Weekday]
DAY_TYPES = [t.value for t in DayType]

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


def rarely(strategy: st.SearchStrategy[Any], default: Any, one_in: int = 5) -> Any:
    """``default`` most of the time, ``strategy`` about one draw in ``one_in``.

    Shrinks towards ``default`` (the common, plan-building case).
    """
    return st.integers(0, one_in - 1).flatmap(
        lambda n: strategy if n == one_in - 1 else st.just(default)
    )


# A yes/no answer that is "yes" about one time in three.
sometimes = rarely(st.just(True), False, one_in=3)


def _week_of(kinds: list[str]) -> dict[str, str]:
    return dict(zip(DAYS, kinds, strict=True))


DEFAULT_WEEK = _week_of(["rest", "quality", "easy", "easy", "rest", "long", "easy"])

# Hand-picked awkward weeks on top of the random ones.
SPECIAL_WEEKS = [
    _week_of(["rest"] * 7),
    _week_of(["easy"] * 7),
    _week_of(["long"] * 7),
    _week_of(["race"] * 7),
    _week_of(["quality"] * 7),
    _week_of(["long", "easy", "long", "easy", "long", "easy", "race"]),
    _week_of(["rest", "quality", "rest", "quality", "rest", "long", "rest"]),
    _week_of(["easy", "rest", "easy", "rest", "easy", "rest", "long"]),  # Sun long: Sat before
    _week_of(["long", "easy", "quality", "easy", "rest", "easy", "easy"]),  # Mon long: Sun before
    _week_of(["race", "rest", "long", "rest", "race", "rest", "long"]),
    _week_of(["easy", "long", "easy", "race", "easy", "long", "easy"]),
]

random_weeks = st.lists(st.sampled_from(DAY_TYPES), min_size=7, max_size=7).map(_week_of)
weeks = st.one_of(random_weeks, st.sampled_from(SPECIAL_WEEKS))


@st.composite
def heel_raises(draw: st.DrawFn) -> dict[str, Any]:
    # Half the time both sides reach 20 (the endurance / timing / general targets).
    reps = st.one_of(st.integers(0, 60), st.integers(20, 60))
    left = draw(reps)
    right = draw(reps)
    doc: dict[str, Any] = {"left": left, "right": right}
    if max(left, right) > 0 and draw(st.booleans()):
        doc["fast_burn"] = draw(sometimes)
    if draw(st.booleans()):
        doc["sharp_pain"] = draw(rarely(st.just(True), False, one_in=10))
    return doc


cm = st.one_of(
    st.none(),
    st.floats(0.0, 25.0, allow_nan=False, allow_infinity=False),
    st.integers(0, 25).map(float),
)


@st.composite
def knee_to_wall(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for side in ("left", "right"):
        value = draw(cm)
        if value is not None:
            doc[f"{side}_cm"] = value
        if draw(st.booleans()):
            doc[f"{side}_heel_lifts"] = draw(st.booleans())
    return doc


@st.composite
def bounces(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "seconds": draw(st.integers(0, 120)),
        "rhythm_lost": draw(st.booleans()),
        "awkward": draw(st.booleans()),
        "sharp_pain": draw(rarely(st.just(True), False, one_in=10)),
    }


@st.composite
def runners(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    age = draw(st.none() | st.integers(12, 100))
    if age is not None:
        doc["age"] = age
    sex = draw(st.none() | st.sampled_from(["female", "male", "other"]))
    if sex is not None:
        doc["sex"] = sex
    doc["lifts_weights"] = draw(st.booleans())
    return doc


red_flag_lists = rarely(
    st.lists(
        st.sampled_from(sorted(f.value for f in REPORTABLE_RED_FLAGS)),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    [],
    one_in=8,
)
running_changes = st.lists(
    st.fixed_dictionaries({"week": st.integers(1, 4), "what": st.sampled_from(["hills", "track"])}),
    min_size=1,
    max_size=2,
)


@st.composite
def assessment_documents(draw: st.DrawFn, running_changes_one_in: int = 4) -> dict[str, Any]:
    """A valid ``calfcoach.assessment/1`` document, optional parts present or not.

    About one document in ``running_changes_one_in`` lists new stresses the runner adds
    to their own running (S6).
    """
    doc: dict[str, Any] = {"heel_raise": draw(heel_raises())}
    if draw(st.booleans()):
        doc["schema"] = "calfcoach.assessment/1"
    if draw(st.booleans()):
        doc["date"] = draw(dates).isoformat()
    if draw(st.booleans()):
        doc["runner"] = draw(runners())
    if draw(st.booleans()):
        doc["goal"] = draw(st.sampled_from(["speed", "size"]))
    doc["situations"] = draw(st.lists(st.sampled_from([s.value for s in Situation]), unique=True))
    if draw(st.booleans()):
        doc["knee_to_wall"] = draw(knee_to_wall())
    if draw(st.booleans()):
        doc["bounce"] = draw(bounces())
    doc["strides_feel_flat"] = draw(sometimes)
    doc["calves_light_up_on_hills"] = draw(sometimes)
    doc["sore_all_the_time"] = draw(rarely(st.just(True), False, one_in=8))
    doc["red_flags"] = draw(red_flag_lists)
    doc["running_changes"] = draw(rarely(running_changes, [], one_in=running_changes_one_in))
    week = draw(st.none() | weeks)
    if week is not None:
        doc["week"] = week
    return doc


@st.composite
def checkin_specs(draw: st.DrawFn) -> dict[str, Any]:
    """A check-in without its date: ``day`` is days after the week's Monday (0-7)."""
    spec: dict[str, Any] = {
        "week": draw(st.integers(1, 4)),
        "day": draw(st.integers(0, 7)),
        "after": draw(st.sampled_from([k.value for k in SessionKind])),
        "feeling": draw(st.sampled_from([f.value for f in Feeling])),
        "pain": draw(st.none() | st.integers(0, 10)),
        "strides_check": draw(st.none() | st.sampled_from([s.value for s in StridesCheck])),
        "morning_stiffness_up": draw(sometimes),
    }
    named = draw(rarely(st.sampled_from([e.value for e in ExerciseId]), None, one_in=6))
    if named is not None:
        spec["exercise"] = named
    return spec


def checkin_document(spec: dict[str, Any], start: date) -> dict[str, Any]:
    """The ``calfcoach.checkin/1`` document for ``spec`` in a plan starting on ``start``."""
    doc = {k: v for k, v in spec.items() if k != "day"}
    on = start + timedelta(weeks=spec["week"] - 1, days=spec["day"])
    return {"schema": "calfcoach.checkin/1", "date": on.isoformat(), **doc}


checkin_sequences = st.lists(checkin_specs(), min_size=1, max_size=3)


@st.composite
def fine_checkin_specs(draw: st.DrawFn) -> dict[str, Any]:
    """An S1 report: fine or mild tightness, pain at most 3, no clamp, no extra stiffness."""
    spec = draw(checkin_specs())
    spec["feeling"] = draw(st.sampled_from(["fine", "mild_tightness"]))
    spec["pain"] = draw(st.none() | st.integers(0, 3))
    spec["strides_check"] = draw(st.sampled_from([None, "snappy"]))
    spec["morning_stiffness_up"] = False
    return spec
