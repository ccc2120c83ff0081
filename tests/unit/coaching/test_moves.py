"""Moving a session (M1): any accepted move keeps every placement rule, a refused one names
its rule and field, and a move survives later check-ins (it is a step ``render`` applies).

The placement checks are the ones the planner's own properties use (``test_invariants``:
spring placement and strength days on the typed plan; ``month_checks.violations_days`` on
the plan document), plus one spring or speed element a day.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from calfcoach.coaching import moves
from calfcoach.coaching.adjust import adjust
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.moves import MoveRefused, move_options, move_session
from calfcoach.coaching.plan import SPRING_WORK, CoachingPlan, Plan, Session, Week
from calfcoach.coaching.progression import render
from calfcoach.coaching.steps import Move
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind
from calfcoach.services.engine import coaching_plan
from tests.unit.coaching.month_checks import violations_days
from tests.unit.coaching.month_strategies import block_assessments, month_assessments
from tests.unit.coaching.strategies import dates
from tests.unit.coaching.test_invariants import (
    violations_spring_placement,
    violations_strength_days,
)
from tests.unit.test_docs import documented_rule_ids

MOVES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GENERAL = {
    "schema": "calfcoach.assessment/1",
    "date": "2026-11-22",
    "runner": {"age": 34, "sex": "female", "lifts_weights": False},
    "heel_raise": {"left": 24, "right": 25, "fast_burn": False, "sharp_pain": False},
    "week": {
        "mon": "rest", "tue": "quality", "wed": "easy", "thu": "easy",
        "fri": "rest", "sat": "long", "sun": "easy",
    },
}  # fmt: skip
# The general plan above: week 2 is Mon 30 Nov - Sun 6 Dec; pogo on Wednesday 2 Dec.
POGO_DAY = date(2026, 12, 2)
MONDAY_WEEK_2 = date(2026, 11, 30)


def one_spring_element_a_day(plan: Plan) -> list[str]:
    found: defaultdict[date, set[ExerciseId]] = defaultdict(set)
    for session in plan.sessions():
        found[session.date] |= {i.exercise for i in session.items if i.exercise in SPRING_WORK}
    return [f"{d}: {sorted(e.value for e in s)}" for d, s in found.items() if len(s) > 1]


def placement_problems(coaching: CoachingPlan, assessment: dict[str, Any]) -> list[str]:
    plan = coaching.plan
    return (
        violations_spring_placement(plan)
        + violations_strength_days(plan)
        + one_spring_element_a_day(plan)
        + violations_days(json.loads(json.dumps(plan_document(coaching))), assessment)
    )


def sessions(plan: Plan) -> list[tuple[Week, Session]]:
    return [(w, s) for w in plan.weeks for s in w.sessions]


@st.composite
def planned_moves(draw: st.DrawFn) -> tuple[dict[str, Any], CoachingPlan, Session, date, date]:
    """A plan with sessions, one of its sessions, a day of that week to move it to (or a day
    just outside it) and a today on or before the session's day."""
    doc = draw(st.one_of(block_assessments(), month_assessments()))
    today = draw(dates)
    coaching = coaching_plan(copy.deepcopy(doc), today)
    found = sessions(coaching.plan)
    assume(found)
    week, session = draw(st.sampled_from(found))
    first, _ = coaching.plan.week_dates(week.number)
    on = session.date - timedelta(days=draw(st.integers(0, 3)))
    to = first + timedelta(days=draw(st.integers(-1, 7)))
    allowed = [
        o.date
        for o in move_options(coaching, session.date, on, kind=session.kind)
        if o.refusal is None
    ]
    mostly: int = draw(st.integers(0, 3))
    if allowed and mostly:
        to = draw(st.sampled_from(allowed))  # mostly a day the options allow
    return doc, coaching, session, to, on


def _moved(coaching: CoachingPlan, session: Session, to: date, on: date) -> CoachingPlan:
    return move_session(coaching, session.date, to, on, kind=session.kind)


# --------------------------------------------------------------------------- properties


@MOVES
@given(case=planned_moves())
def test_an_accepted_move_keeps_every_placement_rule_and_a_refused_one_names_its_rule(
    case: tuple[dict[str, Any], CoachingPlan, Session, date, date],
) -> None:
    doc, coaching, session, to, on = case
    assert not placement_problems(coaching, doc), "the plan was legal before the move"
    try:
        moved = _moved(coaching, session, to, on)
    except MoveRefused as refused:
        event(f"refused: {refused.rule} {refused.field}")
        assert refused.field in {"from", "to", "kind"}
        assert refused.rule in documented_rule_ids()
        assert refused.rule in {"M1", "P4"}
        assert refused.sentence and refused.rule in str(refused)
        return
    event(f"moved a {session.kind} session")
    problems = placement_problems(moved, doc)
    assert not problems, f"moved {session.date} -> {to}: " + "\n".join(problems)
    assert any(s.date == to and s.kind is session.kind for s in moved.plan.sessions())
    assert moved.decisions[len(coaching.decisions)].rule == "M1"
    assert isinstance(moved.plan.steps[-1], Move)
    again = read_plan_document(json.loads(json.dumps(plan_document(moved))))
    assert again.plan.steps == moved.plan.steps, "the move is read back from the document"


@MOVES
@given(case=planned_moves(), feeling=st.sampled_from(["fine", "ropey"]), later=st.integers(0, 6))
def test_a_move_survives_a_later_check_in(
    case: tuple[dict[str, Any], CoachingPlan, Session, date, date], feeling: str, later: int
) -> None:
    doc, coaching, session, to, on = case
    try:
        moved = _moved(coaching, session, to, on)
    except MoveRefused:
        return
    reported = on + timedelta(days=later)
    after = "spring" if session.kind is not SessionKind.SPRING else "strength"
    report = parse_checkin(
        {
            "schema": "calfcoach.checkin/1",
            "date": reported.isoformat(),
            "after": after,
            "feeling": feeling,
        }
    )
    try:
        adjusted = adjust(moved, report)
    except InvalidDocument:
        return  # a report the plan does not take (outside the block) changes nothing
    event(f"moved, then a {feeling} report")
    assert any(isinstance(s, Move) for s in adjusted.plan.steps), "the move is kept as a step"
    problems = placement_problems(adjusted, doc)
    assert not problems, "\n".join(problems)
    if feeling == "fine":
        assert any(s.date == to and s.kind is session.kind for s in adjusted.plan.sessions()), (
            "the moved session is still on its new day after a fine report"
        )
        if session.date >= reported:
            assert not any(
                s.date == session.date and s.kind is session.kind for s in adjusted.plan.sessions()
            ), "and not back on its old day"


# --------------------------------------------------------------------------- examples


def general() -> CoachingPlan:
    return coaching_plan(copy.deepcopy(GENERAL), date(2026, 11, 22))


def test_wednesdays_pogo_moves_to_thursday_and_the_decision_says_so() -> None:
    moved = move_session(general(), POGO_DAY, POGO_DAY + timedelta(days=4), MONDAY_WEEK_2)
    assert moved.decisions[-1].rule == "M1"
    assert moved.decisions[-1].text.startswith("Moved Wednesday's pogo jumps session to Sunday")
    pogo = [s for s in moved.plan.sessions() if s.has_any(frozenset({ExerciseId.POGO_JUMPS}))]
    assert [s.date for s in pogo] == [date(2026, 12, 6)]


@pytest.mark.parametrize(
    ("to", "field", "rule", "words"),
    [
        (date(2026, 12, 4), "to", "P4", "day before a long run"),
        (date(2026, 12, 5), "to", "P4", "never on a long run or race day"),
        (date(2026, 12, 7), "to", "M1", "within its own week"),
        (date(2026, 11, 29), "to", "M1", "within its own week"),
        (POGO_DAY, "to", "M1", "already"),
    ],
)
def test_a_refused_move_names_the_field_the_rule_and_why(
    to: date, field: str, rule: str, words: str
) -> None:
    with pytest.raises(MoveRefused) as refused:
        move_session(general(), POGO_DAY, to, MONDAY_WEEK_2)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    assert words in refused.value.sentence


def test_past_logged_and_clashing_moves_are_refused() -> None:
    plan = general()
    with pytest.raises(MoveRefused, match="past") as past:
        move_session(plan, POGO_DAY, date(2026, 12, 3), date(2026, 12, 3))
    assert past.value.field == "from"
    with pytest.raises(MoveRefused, match="past") as target_past:
        move_session(plan, date(2026, 12, 3), date(2026, 12, 1), date(2026, 12, 2))
    assert target_past.value.field == "to"
    logged = {(POGO_DAY, ExerciseId.POGO_JUMPS)}
    with pytest.raises(MoveRefused, match="logged") as done:
        move_session(plan, POGO_DAY, date(2026, 12, 6), MONDAY_WEEK_2, logged=logged)
    assert done.value.field == "from"
    with pytest.raises(MoveRefused, match="back to back") as strength:
        move_session(plan, date(2026, 12, 3), POGO_DAY, MONDAY_WEEK_2)
    assert strength.value.rule == "P4"
    with pytest.raises(MoveRefused, match="no session") as nothing:
        move_session(plan, date(2026, 12, 4), date(2026, 12, 6), MONDAY_WEEK_2)
    assert nothing.value.field == "from"


def test_the_options_list_every_later_day_of_the_week_with_its_reason() -> None:
    options = move_options(general(), POGO_DAY, MONDAY_WEEK_2)
    assert [o.date for o in options] == [
        date(2026, 11, 30) + timedelta(days=n) for n in (0, 1, 3, 4, 5, 6)
    ]
    allowed = {o.date for o in options if o.refusal is None}
    assert allowed == {date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 6)}


def test_a_move_that_skips_the_placement_check_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The property's checks catch a broken move: spring work on the day before a long run."""
    monkeypatch.setattr(moves, "_placement_problem", lambda *_: None)
    broken = move_session(general(), POGO_DAY, date(2026, 12, 4), MONDAY_WEEK_2)
    problems = placement_problems(broken, GENERAL)
    assert any("pogo_jumps" in p for p in problems), problems


def test_a_move_rendered_without_checks_onto_a_strength_neighbour_is_caught() -> None:
    """Strength moved next to the other strength day, straight through ``render``."""
    plan = general().plan
    steps = (Move(date(2026, 12, 3), POGO_DAY, SessionKind.STRENGTH, MONDAY_WEEK_2),)
    weeks = render(plan.planned, steps, plan.running_changes).weeks
    broken = Plan(plan.start, plan.week_types, weeks, assessed=plan.assessed)
    assert violations_strength_days(broken)
