"""The planner's choices beyond the science scenarios: goal size, endurance hill walks,
findings, situations, weeks that leave no legal day, and the block's start date."""

from __future__ import annotations

from datetime import date
from typing import Any

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.diagnosis import diagnose
from calfcoach.coaching.plan import CALF_RAISES, CoachingPlan, Item
from calfcoach.coaching.planner import build_plan, plan_start
from calfcoach.coaching.vocabulary import DayType, ExerciseId, SessionKind, Side

TODAY = date(2026, 11, 23)
GOOD = {"left": 26, "right": 25}


def plan_for(**fields: Any) -> CoachingPlan:
    raw: dict[str, Any] = {"date": "2026-11-23", "heel_raise": dict(GOOD), **fields}
    assessment = parse_assessment(raw, TODAY)
    return build_plan(assessment, diagnose(assessment))


SPRING_AND_SPEED = frozenset(
    {
        ExerciseId.POGO_JUMPS,
        ExerciseId.JUMP_ROPE,
        ExerciseId.STRIDES,
        ExerciseId.HILL_SURGES,
        ExerciseId.JUMP_SQUAT,
    }
)


def items(plan: CoachingPlan, week: int, exercise: ExerciseId) -> list[Item]:
    return [
        i for s in plan.plan.weeks[week - 1].sessions for i in s.items if i.exercise is exercise
    ]


def rules(plan: CoachingPlan) -> list[str]:
    return [d.rule for d in plan.decisions]


def test_blocks_start_on_the_monday_after_the_assessment_never_on_the_test_day() -> None:
    assert plan_start(date(2026, 11, 23)) == date(2026, 11, 30)
    assert plan_start(date(2026, 11, 25)) == date(2026, 11, 30)
    assert plan_start(date(2026, 11, 29)) == date(2026, 11, 30)


def test_goal_size_adds_a2s_exercises_beside_the_heavy_raises() -> None:
    plan = plan_for(goal="size")
    raises = {
        i.exercise for s in plan.plan.sessions() for i in s.items if i.exercise in CALF_RAISES
    }
    assert raises == {
        ExerciseId.STAIR_CALF_RAISE,
        ExerciseId.SEATED_CALF_RAISE,
        ExerciseId.STRAIGHT_KNEE_CALF_RAISE,
        ExerciseId.BENT_KNEE_CALF_RAISE,
    }
    assert plan.diagnosis.target is plan_for().diagnosis.target
    assert items(plan, 1, ExerciseId.FARMERS_CARRY)
    for week in (1, 2, 3):
        for item in items(plan, week, ExerciseId.STAIR_CALF_RAISE):
            assert 4 <= item.sets <= 5
            assert item.reps is not None
            assert 6 <= item.reps <= 12
    # Week 1 strides and week 2 pogo are new, so jump squats wait for week 3.
    assert not items(plan, 2, ExerciseId.JUMP_SQUAT)
    assert items(plan, 3, ExerciseId.JUMP_SQUAT)
    size_notes = [d.text for d in plan.decisions if d.rule == "G1"]
    assert any("Size does not decide speed" in text for text in size_notes)


def test_goal_size_with_a_strength_gap_keeps_jump_squats_out() -> None:
    plan = plan_for(goal="size", heel_raise={"left": 8, "right": 9})
    assert not [
        i for s in plan.plan.sessions() for i in s.items if i.exercise is ExerciseId.JUMP_SQUAT
    ]


def test_endurance_hill_walks_go_on_rest_days_only() -> None:
    plan = plan_for(heel_raise={"left": 24, "right": 23, "fast_burn": True})
    assert plan.diagnosis.target.value == "endurance"
    walks = [s for s in plan.plan.sessions() if s.has_any(frozenset({ExerciseId.HILL_WALK}))]
    assert walks
    assert all(plan.plan.week_types[s.day] is DayType.REST for s in walks)


def test_endurance_without_rest_days_drops_hill_walks_and_says_so() -> None:
    week = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sun"), "easy") | {"sat": "long"}
    plan = plan_for(heel_raise={"left": 24, "right": 23, "fast_burn": True}, week=week)
    assert not [s for s in plan.plan.sessions() if s.has_any(frozenset({ExerciseId.HILL_WALK}))]
    assert any(d.rule == "P4" and "rest days" in d.text for d in plan.decisions)


def test_a_week_of_long_runs_leaves_no_strength_day_and_says_so() -> None:
    week = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "long")
    plan = plan_for(week=week)
    assert not list(plan.plan.sessions())
    assert any(d.rule == "P4" and "No day in your week" in d.text for d in plan.decisions)


def test_one_legal_strength_day_gives_one_session_and_a_reason() -> None:
    # Only Wednesday is neither a long day nor the day before one.
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    kinds = ("easy", "long", "easy", "easy", "long", "long", "long")
    plan = plan_for(week=dict(zip(days, kinds, strict=True)))
    strength = [s for s in plan.plan.weeks[0].sessions if s.kind is SessionKind.STRENGTH]
    assert [s.day.value for s in strength] == ["wed"]
    assert any("Only one strength day" in d.text for d in plan.decisions)


def test_heel_raise_asymmetry_puts_the_weaker_side_first_with_an_extra_set() -> None:
    plan = plan_for(heel_raise={"left": 26, "right": 18})
    session = plan.plan.weeks[0].sessions[0]
    straight = [i for i in session.items if i.exercise is ExerciseId.STRAIGHT_KNEE_CALF_RAISE]
    assert [(i.side, i.sets) for i in straight] == [(Side.RIGHT, 4), (Side.LEFT, 3)]
    assert "P10" in rules(plan)


def test_tight_ankle_adds_ankle_range_work_and_slow_lowering() -> None:
    plan = plan_for(knee_to_wall={"left_cm": 12.0, "right_cm": 8.0})
    first = plan.plan.weeks[0]
    ankle = [s for s in first.sessions if s.has_any(frozenset({ExerciseId.ANKLE_RANGE}))]
    assert len(ankle) == 4  # both strength sessions and two mobility sessions
    assert {s.kind for s in ankle} == {SessionKind.STRENGTH, SessionKind.MOBILITY}
    stiffer = items(plan, 1, ExerciseId.ANKLE_RANGE)[0]
    assert (stiffer.side, stiffer.sets) == (Side.RIGHT, 3)  # C7: 4 cm apart
    raise_note = items(plan, 1, ExerciseId.STRAIGHT_KNEE_CALF_RAISE)[0].note
    assert "3-4 s down" in raise_note


def test_situations_shift_the_emphasis_inside_the_target() -> None:
    plain = plan_for()
    hilly = plan_for(situations=["uphill", "trail"])
    assert items(hilly, 1, ExerciseId.BENT_KNEE_CALF_RAISE)[0].sets == (
        items(plain, 1, ExerciseId.BENT_KNEE_CALF_RAISE)[0].sets + 1
    )
    assert items(hilly, 1, ExerciseId.SINGLE_LEG_BALANCE)
    assert not items(plain, 1, ExerciseId.SINGLE_LEG_BALANCE)
    assert hilly.diagnosis.target is plain.diagnosis.target
    assert rules(hilly).count("P13") == 2


def test_lifters_are_told_to_do_calf_work_after_their_main_lifts() -> None:
    plan = plan_for(runner={"lifts_weights": True})
    assert any(d.rule == "P1" and "after your main lifts" in d.text for d in plan.decisions)


def test_every_strength_and_spring_session_starts_with_a_warm_up() -> None:
    plan = plan_for()
    for session in plan.plan.sessions():
        if session.kind in {SessionKind.STRENGTH, SessionKind.SPRING}:
            assert session.items[0].exercise is ExerciseId.WARM_UP


def test_urgent_red_flags_get_no_plan_and_gentle_work_needs_a_painless_test() -> None:
    clot = plan_for(red_flags=["calf_swollen_warm_red"])
    assert clot.plan.weeks == ()
    injured = plan_for(red_flags=["recent_injury"])
    assert len(injured.plan.weeks) == 4
    assert {s.kind for s in injured.plan.sessions()} == {SessionKind.STRENGTH}
    hurt = plan_for(heel_raise={"left": 20, "right": 20, "sharp_pain": True})
    assert hurt.plan.weeks == ()


def test_one_easy_day_takes_one_spring_element_and_says_what_did_not_fit() -> None:
    # One easy day: week 3's pogo, rope and strides for an awkward bouncer cannot share it.
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    week = dict(zip(days, ("rest", "rest", "easy", "rest", "rest", "rest", "rest"), strict=True))
    plan = plan_for(
        heel_raise={"left": 24, "right": 24},
        bounce={"seconds": 70, "awkward": True},
        week=week,
    )
    for number in range(4):
        wednesday = [s for s in plan.plan.weeks[number].sessions if s.day.value == "wed"]
        spring = [i for s in wednesday for i in s.items if i.exercise in SPRING_AND_SPEED]
        assert len(spring) <= 1
        assert sum(s.contacts for s in wednesday) <= 100
    assert any(d.rule == "P4" and "room for 0" in d.text for d in plan.decisions)
