"""Diagnosis (coaching.md section 3 and 6): rule order, boundaries, findings and red flags."""

from __future__ import annotations

import re
from datetime import date

import pytest

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.diagnosis import REFER_GENTLE, REFER_NO_PLAN, Diagnosis, diagnose
from calfcoach.coaching.vocabulary import RedFlag, Side, Target, Urgency

TODAY = date(2026, 11, 23)


def assess(**overrides: object) -> dict[str, object]:
    """A capable runner with no gap (target ``general``), top-level keys replaced."""
    base: dict[str, object] = {"heel_raise": {"left": 22, "right": 22}}
    return {**base, **overrides}


def diag(**overrides: object) -> Diagnosis:
    return diagnose(parse_assessment(assess(**overrides), TODAY))


def hr(left: int, right: int, **extra: object) -> dict[str, object]:
    return {"left": left, "right": right, **extra}


def target_rule(diagnosis: Diagnosis) -> tuple[Target, str]:
    """The target and the rule id of the first reason (the rule that set it)."""
    return diagnosis.target, diagnosis.reasons[0].rule


def codes(diagnosis: Diagnosis) -> list[tuple[str, Side, str]]:
    return [(f.code, f.side, f.rule) for f in diagnosis.findings]


# --- target rules, in order -------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param(
            {"red_flags": ["recent_injury"], "sore_all_the_time": True},
            (Target.REFER, "C0"),
            id="C0-beats-C10",
        ),
        pytest.param(
            {"heel_raise": hr(5, 5), "sore_all_the_time": True},
            (Target.HOLD, "C10"),
            id="C10-beats-C1",
        ),
        pytest.param(
            {"heel_raise": hr(25, 25, sharp_pain=True), "sore_all_the_time": True},
            (Target.REFER, "C0"),
            id="painful-test-beats-C10",
        ),
        pytest.param(
            {"heel_raise": hr(8, 30), "calves_light_up_on_hills": True},
            (Target.STRENGTH, "C1"),
            id="C1-beats-C3",
        ),
        pytest.param(
            {"heel_raise": hr(25, 25, fast_burn=True), "strides_feel_flat": True},
            (Target.ENDURANCE, "C3"),
            id="C3-burn-beats-C4",
        ),
        pytest.param(
            {"calves_light_up_on_hills": True, "strides_feel_flat": True},
            (Target.ENDURANCE, "C3"),
            id="C3-hills-beats-C4",
        ),
        pytest.param({"strides_feel_flat": True}, (Target.TIMING, "C4"), id="C4-flat"),
        pytest.param(
            {"bounce": {"seconds": 120, "rhythm_lost": True}},
            (Target.TIMING, "C4"),
            id="C4-rhythm",
        ),
        pytest.param(
            {"bounce": {"seconds": 120, "awkward": True}}, (Target.TIMING, "C4"), id="C4-awkward"
        ),
        pytest.param(
            {"heel_raise": hr(15, 25), "strides_feel_flat": True},
            (Target.STRENGTH, "C2"),
            id="C2-when-not-20-both-sides",
        ),
        pytest.param({}, (Target.GENERAL, "P8"), id="general"),
    ],
)
def test_the_first_matching_rule_sets_the_target(
    overrides: dict[str, object], expected: tuple[Target, str]
) -> None:
    assert target_rule(diag(**overrides)) == expected


@pytest.mark.parametrize(
    ("left", "right", "burn", "expected"),
    [
        (9, 25, False, (Target.STRENGTH, "C1")),
        (10, 25, False, (Target.STRENGTH, "C2")),
        (25, 9, False, (Target.STRENGTH, "C1")),
        (19, 25, False, (Target.STRENGTH, "C2")),
        (19, 25, True, (Target.STRENGTH, "C2")),
        (20, 25, False, (Target.GENERAL, "P8")),
        (20, 20, True, (Target.ENDURANCE, "C3")),
    ],
)
def test_heel_raise_boundaries_at_10_and_20_reps(
    left: int, right: int, burn: bool, expected: tuple[Target, str]
) -> None:
    assert target_rule(diag(heel_raise=hr(left, right, fast_burn=burn))) == expected


def test_the_C1_reason_names_the_weaker_side_and_its_count() -> None:
    reason = diag(heel_raise=hr(14, 8)).reasons[0]

    assert reason.rule == "C1"
    assert "Right" in reason.text
    assert "8 clean reps" in reason.text


def test_findings_do_not_change_the_target() -> None:
    result = diag(
        heel_raise=hr(30, 22),
        knee_to_wall={"left_cm": 6.0, "right_cm": 12.0},
    )

    assert target_rule(result) == (Target.GENERAL, "P8")
    assert [c[0] for c in codes(result)] == [
        "ankle_range",
        "heel_raise_asymmetry",
        "ankle_range_asymmetry",
    ]


# --- C5 ankle range ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ktw", "expected"),
    [
        ({"left_cm": 9.9, "right_cm": 11.0}, [("ankle_range", Side.LEFT, "C5")]),
        ({"left_cm": 10.0, "right_cm": 11.0}, []),
        ({"right_heel_lifts": True}, [("ankle_range", Side.RIGHT, "C5")]),
        ({"left_heel_lifts": True, "right_heel_lifts": True}, [("ankle_range", Side.BOTH, "C5")]),
        ({"left_cm": 8.0, "right_cm": 9.0}, [("ankle_range", Side.BOTH, "C5")]),
        ({"left_cm": 12.0, "right_heel_lifts": True}, [("ankle_range", Side.RIGHT, "C5")]),
    ],
)
def test_C5_ankle_range_by_cm_under_10_or_heel_lifting(
    ktw: dict[str, object], expected: list[tuple[str, Side, str]]
) -> None:
    assert codes(diag(knee_to_wall=ktw)) == expected


def test_C5_text_mentions_downhill_care() -> None:
    finding = diag(knee_to_wall={"left_heel_lifts": True}).finding("ankle_range")

    assert finding is not None
    assert "downhill" in finding.text.lower()


# --- C6 / C6b heel-raise asymmetry ---------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        pytest.param(60, 54, [], id="exactly-90pct-diff-6-none"),
        pytest.param(60, 53, [("heel_raise_asymmetry", Side.RIGHT, "C6")], id="88pct-diff-7"),
        pytest.param(24, 30, [("heel_raise_asymmetry", Side.LEFT, "C6")], id="80pct-diff-6"),
        pytest.param(30, 25, [("retest_asymmetry", Side.RIGHT, "C6b")], id="diff-5"),
        pytest.param(20, 17, [("retest_asymmetry", Side.RIGHT, "C6b")], id="diff-3"),
        pytest.param(20, 18, [], id="exactly-90pct-diff-2"),
        pytest.param(13, 15, [], id="87pct-diff-2-none"),
        pytest.param(27, 30, [], id="exactly-90pct-diff-3"),
    ],
)
def test_C6_needs_under_90_percent_and_6_reps_C6b_flags_3_to_5(
    left: int, right: int, expected: list[tuple[str, Side, str]]
) -> None:
    assert codes(diag(heel_raise=hr(left, right))) == expected


def test_C6_text_names_the_weaker_side_and_the_gap() -> None:
    finding = diag(heel_raise=hr(26, 18)).finding("heel_raise_asymmetry")

    assert finding is not None
    assert "right" in finding.text
    assert "8 reps" in finding.text


# --- C7 knee-to-wall asymmetry -------------------------------------------------------------


@pytest.mark.parametrize(
    ("left_cm", "right_cm", "expected"),
    [
        (12.0, 14.0, []),
        (14.0, 12.0, []),
        (12.0, 14.1, [("ankle_range_asymmetry", Side.LEFT, "C7")]),
        (14.1, 12.0, [("ankle_range_asymmetry", Side.RIGHT, "C7")]),
    ],
)
def test_C7_needs_more_than_2_cm(
    left_cm: float, right_cm: float, expected: list[tuple[str, Side, str]]
) -> None:
    assert codes(diag(knee_to_wall={"left_cm": left_cm, "right_cm": right_cm})) == expected


def test_C7_needs_both_distances() -> None:
    result = diag(knee_to_wall={"left_cm": 14.0, "right_heel_lifts": True})

    assert codes(result) == [("ankle_range", Side.RIGHT, "C5")]


# --- C0 red flags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "urgency"),
    [
        (["focal_bone_pain"], Urgency.CLINICIAN),
        (["recent_injury", "swelling", "pain_changes_gait"], Urgency.CLINICIAN),
        (["recent_injury", "sudden_pop"], Urgency.SAME_DAY),
        (["sudden_pop", "recent_injury"], Urgency.SAME_DAY),
        (["recent_injury", "calf_swollen_warm_red", "sudden_pop"], Urgency.URGENT),
        (["calf_swollen_warm_red", "focal_bone_pain"], Urgency.URGENT),
    ],
)
def test_urgency_is_the_highest_of_the_flags(flags: list[str], urgency: Urgency) -> None:
    result = diag(red_flags=flags)

    assert result.target is Target.REFER
    assert result.urgency is urgency
    assert [n.flag.value for n in result.red_flags] == flags


def test_no_red_flag_means_no_urgency() -> None:
    result = diag()

    assert result.urgency is None
    assert result.red_flags == ()


def test_zero_reps_on_a_side_is_the_cannot_rise_on_tiptoe_red_flag() -> None:
    result = diag(heel_raise=hr(0, 25))

    assert result.target is Target.REFER
    assert [n.flag for n in result.red_flags] == [RedFlag.CANNOT_RISE_ON_TIPTOE]
    assert result.urgency is not None
    assert result.reasons[0].rule == "C0"


def test_one_rep_is_weakness_not_a_red_flag() -> None:
    result = diag(heel_raise=hr(1, 25))

    assert target_rule(result) == (Target.STRENGTH, "C1")
    assert result.red_flags == ()


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"heel_raise": hr(24, 24, sharp_pain=True)}, id="heel-raise"),
        pytest.param({"bounce": {"seconds": 40, "sharp_pain": True}}, id="bounce"),
    ],
)
def test_sharp_pain_in_a_test_refers_to_a_clinician(overrides: dict[str, object]) -> None:
    result = diag(**overrides)

    assert result.target is Target.REFER
    assert result.urgency is Urgency.CLINICIAN
    assert [n.flag for n in result.red_flags] == [RedFlag.SHARP_PAIN_IN_TEST]
    assert result.painful_test is True


def test_every_red_flag_message_sends_to_a_clinician_or_medical_help() -> None:
    result = diag(
        heel_raise=hr(0, 12, sharp_pain=True),
        red_flags=[
            "recent_injury",
            "swelling",
            "pain_changes_gait",
            "sudden_pop",
            "calf_swollen_warm_red",
            "focal_bone_pain",
        ],
    )

    assert {n.flag for n in result.red_flags} == set(RedFlag)
    for notice in result.red_flags:
        text = notice.message.lower()
        assert "clinician" in text or "medical" in text, notice.flag


def test_the_rupture_and_clot_messages_say_how_soon() -> None:
    messages = {
        n.flag: n.message.lower()
        for n in diag(red_flags=["sudden_pop", "calf_swollen_warm_red"]).red_flags
    }

    assert "same-day" in messages[RedFlag.SUDDEN_POP]
    assert "today" in messages[RedFlag.CALF_SWOLLEN_WARM_RED]
    assert "emergency" in messages[RedFlag.CALF_SWOLLEN_WARM_RED]
    assert "chest pain" in messages[RedFlag.CALF_SWOLLEN_WARM_RED]


@pytest.mark.parametrize("overrides", [{}, {"red_flags": ["swelling"]}])
def test_the_diagnosis_carries_a_not_a_diagnosis_disclaimer(overrides: dict[str, object]) -> None:
    assert "not a diagnosis" in diag(**overrides).disclaimer


# --- T5 the bounce after a weak or painful heel raise -------------------------------------


@pytest.mark.parametrize(
    ("heel_raise", "bounce", "t5"),
    [
        pytest.param(hr(8, 12), {"seconds": 120}, True, id="bounce-after-8-reps"),
        pytest.param(hr(10, 12), {"seconds": 120}, False, id="bounce-after-10-reps"),
        pytest.param(hr(8, 12), None, False, id="bounce-skipped"),
        pytest.param(hr(25, 25, sharp_pain=True), {"seconds": 60}, True, id="after-painful-test"),
    ],
)
def test_T5_reason_when_the_bounce_was_done_after_a_weak_or_painful_heel_raise(
    heel_raise: dict[str, object], bounce: dict[str, object] | None, t5: bool
) -> None:
    overrides: dict[str, object] = {"heel_raise": heel_raise}
    if bounce is not None:
        overrides["bounce"] = bounce
    rules = [r.rule for r in diag(**overrides).reasons]

    assert ("T5" in rules) is t5


# --- exact centimetres (C5, C7) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("ktw", "expected"),
    [
        pytest.param({"left_cm": 0}, [("ankle_range", Side.LEFT, "C5")], id="0"),
        pytest.param({"left_cm": 0, "right_cm": 1.0}, [("ankle_range", Side.BOTH, "C5")], id="0-1"),
        pytest.param({"right_cm": 0.0}, [("ankle_range", Side.RIGHT, "C5")], id="0.0-alone"),
        pytest.param({"left_cm": 9.95, "right_cm": 11.0}, [], id="9.95-rounds-to-10.0"),
        pytest.param(
            {"left_cm": 9.94, "right_cm": 11.0}, [("ankle_range", Side.LEFT, "C5")], id="9.94"
        ),
    ],
)
def test_C5_zero_cm_is_a_measurement_and_cm_compare_to_the_tenth(
    ktw: dict[str, object], expected: list[tuple[str, Side, str]]
) -> None:
    assert codes(diag(knee_to_wall=ktw)) == expected


@pytest.mark.parametrize(
    ("left_cm", "right_cm", "expected"),
    [
        pytest.param(10.3, 12.3, [], id="2.0-apart-float-says-2.0000000000000018"),
        pytest.param(12.3, 10.3, [], id="2.0-apart-other-way"),
        pytest.param(
            10.3, 12.4, [("ankle_range_asymmetry", Side.LEFT, "C7")], id="2.1-apart-is-more"
        ),
        pytest.param(
            10.2, 12.3, [("ankle_range_asymmetry", Side.LEFT, "C7")], id="2.1-apart-again"
        ),
        pytest.param(
            0,
            2.1,
            [("ankle_range", Side.BOTH, "C5"), ("ankle_range_asymmetry", Side.LEFT, "C7")],
            id="from-0",
        ),
    ],
)
def test_C7_is_more_than_2_cm_to_the_tenth(
    left_cm: float, right_cm: float, expected: list[tuple[str, Side, str]]
) -> None:
    assert codes(diag(knee_to_wall={"left_cm": left_cm, "right_cm": right_cm})) == expected


def test_C7_text_shows_the_gap_to_one_decimal() -> None:
    finding = diag(knee_to_wall={"left_cm": 12.4, "right_cm": 10.3}).finding(
        "ankle_range_asymmetry"
    )

    assert finding is not None
    assert "differs by 2.1 cm" in finding.text
    assert "00000" not in finding.text


# --- C0: what the refer reason promises -------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "gentle"),
    [
        pytest.param({"red_flags": ["swelling"]}, True, id="clinician-flag"),
        pytest.param({"red_flags": ["recent_injury", "focal_bone_pain"]}, True, id="two-clinician"),
        pytest.param({"heel_raise": hr(22, 22, sharp_pain=True)}, False, id="painful-test"),
        pytest.param(
            {"red_flags": ["swelling"], "bounce": {"seconds": 30, "sharp_pain": True}},
            False,
            id="clinician-flag-and-painful-bounce",
        ),
        pytest.param({"red_flags": ["sudden_pop"]}, False, id="same-day"),
        pytest.param({"heel_raise": hr(0, 20)}, False, id="cannot-rise-same-day"),
        pytest.param({"red_flags": ["swelling", "calf_swollen_warm_red"]}, False, id="urgent"),
    ],
)
def test_C0_reason_says_whether_gentle_work_may_go_on(
    overrides: dict[str, object], gentle: bool
) -> None:
    reason = diag(**overrides).reasons[0]

    assert reason.rule == "C0"
    assert reason.text.endswith(REFER_GENTLE if gentle else REFER_NO_PLAN)
    assert "No calf block starts" not in reason.text


def test_C0_texts_are_the_promised_sentences() -> None:
    assert REFER_NO_PLAN == "No training plan until a clinician has seen you."
    assert REFER_GENTLE == (
        "Until a clinician clears you, only gentle two-leg calf raises: no spring work, "
        "strides or hill surges."
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"heel_raise": hr(8, 14), "knee_to_wall": {"left_cm": 6.0, "right_cm": 12.0}},
        {"heel_raise": hr(15, 22), "bounce": {"seconds": 120}},
        {"heel_raise": hr(25, 25, fast_burn=True)},
        {"heel_raise": hr(25, 25), "strides_feel_flat": True},
        {"sore_all_the_time": True},
        {"heel_raise": hr(0, 12, sharp_pain=True), "red_flags": ["sudden_pop", "swelling"]},
    ],
)
def test_no_text_shown_to_a_runner_cites_a_source_id(overrides: dict[str, object]) -> None:
    result = diag(**overrides)
    texts = [r.text for r in result.reasons] + [n.message for n in result.red_flags]

    for text in texts:
        assert re.search(r"\bA[12]\b", text) is None, text
