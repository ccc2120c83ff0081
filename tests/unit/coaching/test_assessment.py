"""The assessment document (interfaces.md): refusals name the field, absent keys get defaults."""

from __future__ import annotations

from datetime import date

import pytest

from calfcoach.coaching.assessment import KneeToWall, parse_assessment, tenths_of_cm
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.vocabulary import DayType, Goal, RedFlag, Side, Situation, Weekday

TODAY = date(2026, 11, 23)

FULL = {
    "schema": "calfcoach.assessment/1",
    "date": "2026-11-20",
    "runner": {"age": 34, "sex": "female", "lifts_weights": False},
    "goal": "speed",
    "situations": ["uphill", "finishing_kick"],
    "heel_raise": {"left": 12, "right": 14, "fast_burn": False, "sharp_pain": False},
    "knee_to_wall": {
        "left_cm": 10.5,
        "right_cm": 8.0,
        "left_heel_lifts": False,
        "right_heel_lifts": True,
    },
    "bounce": {"seconds": 120, "rhythm_lost": False, "awkward": False, "sharp_pain": False},
    "strides_feel_flat": False,
    "calves_light_up_on_hills": False,
    "sore_all_the_time": False,
    "red_flags": [],
    "week": {
        "mon": "rest",
        "tue": "quality",
        "wed": "easy",
        "thu": "easy",
        "fri": "rest",
        "sat": "long",
        "sun": "easy",
    },
}


def assess(**overrides: object) -> dict[str, object]:
    """The full example document with top-level keys replaced (``None`` drops a key)."""
    doc = {**FULL, **overrides}
    return {k: v for k, v in doc.items() if v is not None}


def heel(**overrides: object) -> dict[str, object]:
    base = FULL["heel_raise"]
    assert isinstance(base, dict)
    return {**base, **overrides}


def week(**overrides: object) -> dict[str, object]:
    base = FULL["week"]
    assert isinstance(base, dict)
    return {**base, **overrides}


def refused_field(raw: object) -> str:
    with pytest.raises(InvalidDocument) as caught:
        parse_assessment(raw, TODAY)
    return caught.value.field


def test_the_full_interfaces_example_is_accepted_as_written() -> None:
    parsed = parse_assessment(FULL, TODAY)

    assert parsed.date == date(2026, 11, 20)
    assert (parsed.heel_raise.left, parsed.heel_raise.right) == (12, 14)
    assert parsed.situations == (Situation.UPHILL, Situation.FINISHING_KICK)
    assert parsed.knee_to_wall is not None
    assert parsed.knee_to_wall.right_cm == 8.0
    assert parsed.knee_to_wall.right_heel_lifts is True
    assert parsed.bounce is not None
    assert parsed.bounce.seconds == 120
    assert parsed.runner.age == 34


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        pytest.param(assess(heel_raise=heel(left=-1)), "heel_raise.left", id="negative-reps"),
        pytest.param(assess(heel_raise=heel(right=900)), "heel_raise.right", id="900-reps"),
        pytest.param(assess(heel_raise=heel(left=12.5)), "heel_raise.left", id="fractional-reps"),
        pytest.param(assess(heel_raise=heel(right=True)), "heel_raise.right", id="bool-as-reps"),
        pytest.param(assess(heel_raise=heel(left="12")), "heel_raise.left", id="text-as-reps"),
        pytest.param(assess(pace="4:30"), "pace", id="unknown-top-level-key"),
        pytest.param(assess(heel_raise=heel(speed=60)), "heel_raise.speed", id="unknown-nested"),
        pytest.param(assess(week=week(sat="tempo")), "week.sat", id="unknown-day-type"),
        pytest.param(
            assess(week={k: v for k, v in week().items() if k != "sun"}),
            "week.sun",
            id="missing-day",
        ),
        pytest.param(assess(week=week(sunday="easy")), "week.sunday", id="unknown-day-name"),
        pytest.param(assess(heel_raise=None), "heel_raise", id="missing-heel-raise"),
        pytest.param(
            assess(heel_raise={"left": 12, "fast_burn": False}),
            "heel_raise.right",
            id="missing-heel-raise-right",
        ),
        pytest.param(assess(schema="calfcoach.assessment/2"), "schema", id="wrong-schema"),
        pytest.param(assess(date="2026-13-01"), "date", id="bad-date"),
        pytest.param(assess(date=20261123), "date", id="date-not-text"),
        pytest.param(assess(runner={"age": 5}), "runner.age", id="age-5"),
        pytest.param(assess(runner={"sex": "robot"}), "runner.sex", id="bad-sex"),
        pytest.param(assess(red_flags=["tired_legs"]), "red_flags[0]", id="unknown-red-flag"),
        pytest.param(
            assess(red_flags=["swelling", "sharp_pain_in_test"]),
            "red_flags[1]",
            id="derived-flag-typed-in",
        ),
        pytest.param(
            assess(red_flags=["cannot_rise_on_tiptoe"]),
            "red_flags[0]",
            id="derived-tiptoe-flag-typed-in",
        ),
        pytest.param(
            assess(knee_to_wall={"left_cm": 40, "right_cm": 10}),
            "knee_to_wall.left_cm",
            id="knee-to-wall-40cm",
        ),
        pytest.param(
            assess(knee_to_wall={"right_cm": -1.0}), "knee_to_wall.right_cm", id="negative-cm"
        ),
        pytest.param(assess(bounce={"seconds": 150}), "bounce.seconds", id="bounce-150s"),
        pytest.param(assess(bounce={"awkward": True}), "bounce.seconds", id="bounce-no-seconds"),
        pytest.param(assess(goal="faster"), "goal", id="bad-goal"),
        pytest.param(
            assess(situations=["uphill", "moonwalk"]), "situations[1]", id="bad-situation"
        ),
        pytest.param(
            assess(heel_raise={"left": 0, "right": 0, "fast_burn": True}),
            "heel_raise.fast_burn",
            id="fast-burn-with-0-reps",
        ),
        pytest.param(assess(strides_feel_flat="yes"), "strides_feel_flat", id="text-as-bool"),
    ],
)
def test_bad_input_is_refused_naming_the_field(raw: object, field: str) -> None:
    assert refused_field(raw) == field


def test_the_refusal_message_starts_with_the_field_so_one_line_names_it() -> None:
    with pytest.raises(InvalidDocument) as caught:
        parse_assessment(assess(heel_raise=heel(left=900)), TODAY)

    assert str(caught.value).startswith("heel_raise.left:")
    assert "900" in str(caught.value)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InvalidDocument):
        parse_assessment(["heel_raise"], TODAY)


@pytest.mark.parametrize("reps", [0, 200])
def test_heel_raise_reps_at_the_edges_of_the_range_are_accepted(reps: int) -> None:
    parsed = parse_assessment({"heel_raise": {"left": reps, "right": 20}}, TODAY)

    assert parsed.heel_raise.left == reps


def test_whole_number_floats_are_accepted_as_reps() -> None:
    parsed = parse_assessment({"heel_raise": {"left": 12.0, "right": 14}}, TODAY)

    assert parsed.heel_raise.left == 12
    assert isinstance(parsed.heel_raise.left, int)


def test_only_heel_raise_given_fills_every_documented_default() -> None:
    parsed = parse_assessment({"heel_raise": {"left": 12, "right": 14}}, TODAY)

    assert parsed.date == TODAY
    assert parsed.goal is Goal.SPEED
    assert parsed.bounce is None
    assert parsed.knee_to_wall is None
    assert parsed.red_flags == ()
    assert parsed.situations == ()
    assert parsed.running_changes == ()
    assert parsed.heel_raise.fast_burn is False
    assert parsed.heel_raise.sharp_pain is False
    assert (parsed.strides_feel_flat, parsed.calves_light_up_on_hills) == (False, False)
    assert parsed.sore_all_the_time is False
    assert parsed.runner.lifts_weights is False
    assert dict(parsed.week) == {
        Weekday.MON: DayType.REST,
        Weekday.TUE: DayType.QUALITY,
        Weekday.WED: DayType.EASY,
        Weekday.THU: DayType.EASY,
        Weekday.FRI: DayType.REST,
        Weekday.SAT: DayType.LONG,
        Weekday.SUN: DayType.EASY,
    }


def test_a_given_week_replaces_the_default_week() -> None:
    parsed = parse_assessment(assess(week=week(sat="easy", sun="race")), TODAY)

    assert parsed.week[Weekday.SAT] is DayType.EASY
    assert parsed.week[Weekday.SUN] is DayType.RACE


def test_repeated_red_flags_and_situations_are_kept_once_in_order() -> None:
    parsed = parse_assessment(
        assess(
            red_flags=["swelling", "recent_injury", "swelling"],
            situations=["trail", "uphill", "trail"],
        ),
        TODAY,
    )

    assert parsed.red_flags == (RedFlag.SWELLING, RedFlag.RECENT_INJURY)
    assert parsed.situations == (Situation.TRAIL, Situation.UPHILL)


def test_running_changes_are_read_and_checked() -> None:
    parsed = parse_assessment(assess(running_changes=[{"week": 3, "what": "hill repeats"}]), TODAY)

    assert [(c.week, c.what) for c in parsed.running_changes] == [(3, "hill repeats")]
    assert refused_field(assess(running_changes=[{"week": 5}])) == "running_changes[0].week"


# --- knee-to-wall in exact tenths of a cm ------------------------------------------------


def knee_to_wall(**given: object) -> KneeToWall:
    parsed = parse_assessment(
        {"heel_raise": {"left": 20, "right": 20}, "knee_to_wall": given}, TODAY
    )
    assert parsed.knee_to_wall is not None
    return parsed.knee_to_wall


def test_knee_to_wall_is_kept_in_whole_tenths_of_a_cm() -> None:
    ktw = knee_to_wall(left_cm=10.5, right_cm=8)

    assert (ktw.left_tenths, ktw.right_tenths) == (105, 80)
    assert (ktw.tenths(Side.LEFT), ktw.tenths(Side.RIGHT)) == (105, 80)
    assert (ktw.cm(Side.LEFT), ktw.left_cm, ktw.right_cm) == (10.5, 10.5, 8.0)


def test_zero_cm_is_a_measurement_and_absent_is_none() -> None:
    ktw = knee_to_wall(left_cm=0)

    assert ktw.left_tenths == 0
    assert ktw.cm(Side.LEFT) == 0.0
    assert ktw.right_tenths is None
    assert ktw.cm(Side.RIGHT) is None


@pytest.mark.parametrize(
    ("cm", "tenths"),
    [
        pytest.param(8.05, 81, id="half-up-on-the-number-as-written"),
        pytest.param(8.04, 80, id="under-half-down"),
        pytest.param(8.15, 82, id="8.15-up"),
        pytest.param(9.95, 100, id="9.95-is-10.0"),
        pytest.param(0.04, 0, id="0.04-is-0"),
        pytest.param(24.96, 250, id="top-of-the-range"),
    ],
)
def test_more_than_one_decimal_is_rounded_half_up_to_the_tenth(cm: float, tenths: int) -> None:
    assert tenths_of_cm(cm) == tenths
    assert knee_to_wall(left_cm=cm).left_tenths == tenths


# --- start: the block's first day -----------------------------------------------------------

TESTED = "2026-11-20"  # a Friday


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-11-21", date(2026, 11, 21)),  # the day after the tests
        ("2026-12-18", date(2026, 12, 18)),  # four weeks after them
    ],
)
def test_start_from_the_day_after_the_tests_to_four_weeks_after(start: str, expected: date) -> None:
    parsed = parse_assessment(assess(date=TESTED, start=start), TODAY)

    assert parsed.start == expected
    assert parsed.block_start == expected


@pytest.mark.parametrize(
    "start",
    [
        pytest.param("2026-11-20", id="the-test-day"),
        pytest.param("2026-11-19", id="before-the-tests"),
        pytest.param("2026-12-19", id="29-days-after"),
        pytest.param("9999-12-31", id="year-9999"),
        pytest.param("next monday", id="not-a-date"),
        pytest.param(20261123, id="not-text"),
    ],
)
def test_a_start_outside_its_range_is_refused_naming_start(start: object) -> None:
    with pytest.raises(InvalidDocument) as caught:
        parse_assessment(assess(date=TESTED, start=start), TODAY)

    assert caught.value.field == "start"
    assert str(caught.value).startswith("start:")


def test_the_refusal_of_start_says_the_allowed_range() -> None:
    with pytest.raises(InvalidDocument) as caught:
        parse_assessment(assess(date=TESTED, start="2027-01-04"), TODAY)

    assert "2026-11-21 to 2026-12-18" in str(caught.value)


@pytest.mark.parametrize(
    ("tested", "monday"),
    [
        pytest.param(date(2026, 11, 20), date(2026, 11, 23), id="friday"),
        pytest.param(date(2026, 11, 22), date(2026, 11, 23), id="sunday-next-day"),
        pytest.param(date(2026, 11, 23), date(2026, 11, 30), id="monday-never-the-test-day"),
        pytest.param(date(2026, 11, 24), date(2026, 11, 30), id="tuesday"),
    ],
)
def test_without_start_the_block_starts_the_next_monday_after_the_tests(
    tested: date, monday: date
) -> None:
    parsed = parse_assessment(assess(date=tested.isoformat(), start=None), TODAY)

    assert parsed.start is None
    assert parsed.block_start == monday
