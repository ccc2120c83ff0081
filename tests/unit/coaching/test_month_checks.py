"""Each month property can fail: a good plan passes every check, and a plan broken the way
a property forbids is caught by it (coaching spec sections 4-5, ``month_checks.py``)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from calfcoach.coaching.errors import InvalidDocument
from tests.unit.coaching.month_checks import (
    violations_after_bad_report,
    violations_ankle_side,
    violations_asymmetry,
    violations_days,
    violations_goal_size,
    violations_hold,
    violations_pain_reports_accepted,
    violations_refer,
    violations_rise,
    violations_situation,
    violations_week4,
    violations_words,
)
from tests.unit.coaching.month_plans import (
    MON3,
    MON4,
    MONDAY,
    TESTED,
    TUE1,
    TUE2,
    TUE3,
    WED3,
    WEEK,
    asymmetric,
    find,
    good_plan,
    held_plan,
    item,
    items_on,
    report,
    session_on,
    with_decision,
    without,
)

STRONG = {"heel_raise": {"left": 25, "right": 25}}


def test_the_good_plan_passes_every_check() -> None:
    plan = good_plan()
    assert violations_rise(plan) == violations_week4(plan) == []
    assert violations_days(plan, STRONG) == violations_words(plan) == []
    assert (
        violations_asymmetry(asymmetric("left")) == violations_asymmetry(asymmetric("right")) == []
    )


def test_rise_catches_a_jump_past_the_largest_step() -> None:
    plan = good_plan()
    find(plan, TUE3, "straight_knee_calf_raise").update(sets=7)  # 35 against 24 (4/3 -> 32)
    assert any("week 3: straight_knee_calf_raise" in p for p in violations_rise(plan))
    plan = asymmetric()
    find(plan, TUE2, "bent_knee_calf_raise").update(sets=1)  # left 4x12 -> 1x12: week 3 rises
    assert any("bent_knee_calf_raise (left)" in p for p in violations_rise(plan))


def test_week4_catches_an_untrimmed_week() -> None:
    plan = good_plan()
    for day in (1, 3):
        find(plan, MON4 + timedelta(days=day), "bent_knee_calf_raise").update(sets=4, reps=10)
    assert any("week 4: bent_knee_calf_raise" in p for p in violations_week4(plan))
    plan = good_plan()
    find(plan, MON4, "hill_surges").update(sets=16)  # 160 s against 80 % of 180 s of strides
    assert any("strides + hill_surges" in p for p in violations_week4(plan))
    plan = good_plan()
    pogo = {**find(plan, MON4, "hill_surges"), "exercise": "pogo_jumps", "sets": 9, "seconds": 20}
    find_session(plan, MON4)["items"].append(pogo)  # a new element the lighter week adds
    assert any("seconds in all" in p for p in violations_week4(plan))


def find_session(doc: dict[str, Any], day: date) -> dict[str, Any]:
    found: dict[str, Any] = next(
        s for w in doc["plan"]["weeks"] for s in w["sessions"] if s["date"] == day.isoformat()
    )
    return found


def test_after_bad_report_catches_a_dose_above_the_provoking_one() -> None:
    before, ropey = good_plan(), report(TUE2, "spring", "ropey")
    capped = good_plan()
    for day in (MON3, WED3):
        find(capped, day, "strides").update(sets=4)  # week 1's 4 x 15 s: the strides cap
    assert violations_after_bad_report(before, ropey, capped) == []
    broken = copy.deepcopy(capped)
    find(broken, MON3, "strides").update(sets=5)
    assert violations_after_bad_report(before, ropey, broken)
    assert violations_after_bad_report(before, ropey, good_plan())  # 6 x 15 s is above it
    two_fine = [report(TUE2 + timedelta(days=d), "run_addon") for d in (1, 2)]
    assert violations_after_bad_report(before, ropey, good_plan(), two_fine) == []
    assert violations_after_bad_report(before, ropey, good_plan(), two_fine[:1])
    sharp = report(TUE2, "spring", "sharp_pain")
    assert violations_after_bad_report(before, sharp, good_plan(), two_fine)
    named = report(TUE2, "spring", "ropey", exercise="pogo_jumps")
    assert violations_after_bad_report(before, named, good_plan()) == []


def test_hold_catches_a_progression_after_a_stiffer_morning() -> None:
    stiff = report(TUE2, "strength", "fine", morning_stiffness_up=True, week=2)
    held = held_plan()
    assert violations_hold(good_plan(), stiff, held) == []
    found = violations_hold(good_plan(), stiff, good_plan())
    assert any("straight_knee_calf_raise volume 50" in p for p in found)
    assert any("strides volume 180 against 120" in p for p in found)  # above week 1
    monday = report(MON3, "strength", "fine", morning_stiffness_up=True)  # week 2's last session
    assert violations_hold(good_plan(), monday, good_plan())
    assert violations_hold(good_plan(), monday, held) == []
    late = report(MON4 + WEEK, "spring", "fine", morning_stiffness_up=True)  # reaches week 2
    assert violations_hold(good_plan(), late, good_plan()) == []


def test_refer_catches_carrying_on_and_a_missed_referral() -> None:
    before = good_plan()
    before["diagnosis"].update(target="refer", urgency="clinician")
    sharp = report(TUE2, "strength", "sharp_pain")
    stopped = with_decision(before, TUE2, "S3", "Stop the raises and see a clinician.")
    assert violations_refer(before, sharp, stopped) == []
    for rule, text in (("S1", "Fine."), ("S7", "Stay the course."), ("S3", "Carry on gently")):
        assert violations_refer(before, sharp, with_decision(before, TUE2, rule, text))
    raised = copy.deepcopy(stopped)
    find(raised, TUE3, "bent_knee_calf_raise").update(sets=5)
    assert any("higher than any" in p for p in violations_refer(before, sharp, raised))
    cleared = copy.deepcopy(stopped)
    cleared["diagnosis"]["target"] = "general"
    assert violations_refer(before, sharp, cleared)
    plan, limping = good_plan(), report(TESTED, "strength", "limping")
    assert violations_refer(plan, limping, plan)
    assert violations_refer(plan, limping, before) == []
    assert violations_refer(plan, sharp, plan) == []
    assert violations_refer(plan, sharp, plan, [report(TUE1, "spring", "sharp_pain")])


def test_days_catches_illegal_days() -> None:
    on_test_day = good_plan()
    on_test_day["plan"]["weeks"][0]["sessions"].insert(
        0, session_on(TESTED, "mobility", item("ankle_range", 2, seconds=30))
    )
    assert any("on or before the tests" in p for p in violations_days(on_test_day, STRONG))
    on_test_day["plan"].pop("assessed")  # the earliest decision date stands in
    assert any("on or before the tests" in p for p in violations_days(on_test_day, STRONG))
    two_springs = good_plan()
    items_on(two_springs, MONDAY).append(item("pogo_jumps", 2, seconds=20))
    assert any("more than one spring" in p for p in violations_days(two_springs, STRONG))
    for day, kind, words in (
        ("mon", "race", "the day after a race"),
        ("mon", "long", "on or the day before"),
        ("tue", "race", "on or the day before"),
    ):
        plan = good_plan()
        plan["plan"]["week_types"][day] = kind
        assert any(words in p for p in violations_days(plan, STRONG)), (day, kind)
    weak = {"heel_raise": {"left": 25, "right": 19}}
    assert any("under 20" in p for p in violations_days(good_plan(), weak))


def test_pain_reports_accepted_catches_a_refused_pain_report() -> None:
    plan, end = good_plan(), MONDAY + timedelta(days=28)

    def refused(checkin: dict[str, Any], field: str = "date") -> list[str]:
        return violations_pain_reports_accepted(plan, checkin, InvalidDocument(field, "refused"))

    assert refused(report(TESTED, feeling="sharp_pain"))
    assert refused(report(end + WEEK, pain=6))
    assert refused(report(TUE2))  # in the block, no week key
    assert refused(report(end))  # the day after week 4 is still in the block
    assert refused(report(TESTED), "week")  # refused naming the wrong field
    assert refused(report(TESTED)) == refused(report(end + timedelta(days=1))) == []
    assert refused(report(TUE2, week=5), "week") == []
    assert violations_pain_reports_accepted(plan, report(TESTED, feeling="limping"), None) == []


def test_words_catches_article_names_and_float_noise() -> None:
    plan = with_decision(good_plan(), TUE2, "P8", "A1's table, 2.5 cm, week 10, A10.")
    assert violations_words(plan) == [
        "decision 2026-12-01 P8: 'A1' in \"A1's table, 2.5 cm, week 10, A10.\""
    ]
    plan = good_plan()
    plan["plan"]["weeks"][1]["notes"] = ["Pogo for 1.9000000000000004 s"]
    find(plan, TUE1, "bent_knee_calf_raise")["note"] = "As in A2"
    assert len(violations_words(plan)) == 2


def test_asymmetry_catches_the_wrong_extra_set() -> None:
    plan = asymmetric("left")
    find(plan, TUE1, "straight_knee_calf_raise").update(sets=3)  # the left item comes first
    assert any("straight_knee_calf_raise left 3 sets" in p for p in violations_asymmetry(plan))
    plan = asymmetric("right")
    find(plan, TUE1, "bent_knee_calf_raise").update(reps=8)  # the weaker right: fewer reps
    assert violations_asymmetry(plan)


def test_situation_catches_a_shift_in_words_only() -> None:
    without = good_plan()
    shifted = good_plan()
    find(shifted, TUE1, "bent_knee_calf_raise").update(reps=12)
    assert violations_situation(without, shifted, "uphill") == []
    words_only = with_decision(without, TESTED, "P9", "Uphill: mind the hills.")
    find(words_only, TUE1, "bent_knee_calf_raise")["note"] = "Think of hills"
    assert violations_situation(without, words_only, "uphill")
    retargeted = copy.deepcopy(shifted)
    retargeted["diagnosis"]["target"] = "endurance"
    assert violations_situation(without, retargeted, "uphill")


def test_ankle_side_catches_range_work_on_the_wrong_side() -> None:
    assessment: dict[str, Any] = {"heel_raise": {"left": 25, "right": 25}}
    assessment["knee_to_wall"] = {"left_cm": 6.0, "right_cm": 9.0}
    plan = good_plan()
    items_on(plan, TUE1).append(item("ankle_range", 2, seconds=30, side="left"))
    assert violations_ankle_side(assessment, plan) == []
    find(plan, TUE1, "ankle_range")["side"] = "right"
    assert violations_ankle_side(assessment, plan)
    assert violations_ankle_side(assessment, good_plan())
    assessment["knee_to_wall"] = {"left_cm": 6.0, "right_cm": 8.0}  # 2.0 cm: no C7
    assert violations_ankle_side(assessment, good_plan()) == []


def test_goal_size_catches_a_missing_raise() -> None:
    speed, size = good_plan(), good_plan()
    items_on(size, TUE1).append(item("stair_calf_raise", 4, 10))
    assert violations_goal_size(speed, size) == []
    assert violations_goal_size(speed, good_plan())
    no_bent = without(size, "bent_knee_calf_raise")
    assert any("no bent_knee_calf_raise" in p for p in violations_goal_size(speed, no_bent))
    size["diagnosis"]["target"] = "strength"
    assert violations_goal_size(speed, size)
