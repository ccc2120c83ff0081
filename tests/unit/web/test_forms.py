"""Browser forms become contract documents; a bad number names the contract's field."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import FormData, UploadFile

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.logbook import parse_log
from calfcoach.web.forms import assessment_from_form, checkin_from_form, log_from_form

TESTS_PAGE: list[tuple[str, str | UploadFile]] = [
    ("age", "34"), ("sex", "female"), ("goal", "speed"),
    ("heel_raise_left", "12"), ("heel_raise_right", "8"),
    ("knee_to_wall_left", "10,5"), ("knee_to_wall_right", "8"), ("right_heel_lifts", "on"),
    ("bounce_seconds", "95"), ("bounce_sharp_pain", "on"),
    ("strides_feel_flat", "on"), ("situations", "uphill"), ("situations", "trail"),
    ("red_flags", "swelling"),
    ("week_mon", "rest"), ("week_tue", "quality"), ("week_wed", "easy"), ("week_thu", "easy"),
    ("week_fri", "rest"), ("week_sat", "long"), ("week_sun", "easy"),
]  # fmt: skip


def test_the_tests_page_posts_a_valid_assessment() -> None:
    document = assessment_from_form(FormData(TESTS_PAGE))
    assessment = parse_assessment(document, date(2026, 11, 22))
    assert assessment.heel_raise.left == 12
    assert assessment.knee_to_wall is not None
    assert assessment.knee_to_wall.left_cm == 10.5, "a decimal comma is read as a point"
    assert assessment.bounce is not None
    assert assessment.bounce.sharp_pain
    assert [s.value for s in assessment.situations] == ["uphill", "trail"]
    assert [f.value for f in assessment.red_flags] == ["swelling"]
    assert assessment.strides_feel_flat


def test_skipped_tests_are_left_out() -> None:
    document = assessment_from_form(FormData([("heel_raise_left", "7"), ("heel_raise_right", "9")]))
    assert "knee_to_wall" not in document
    assert "bounce" not in document
    parse_assessment(document, date(2026, 11, 22))


@pytest.mark.parametrize(
    ("name", "field"),
    [("heel_raise_left", "heel_raise.left"), ("knee_to_wall_right", "knee_to_wall.right_cm"),
     ("age", "runner.age"), ("bounce_seconds", "bounce.seconds")],
)  # fmt: skip
def test_a_bad_number_names_the_contract_field(name: str, field: str) -> None:
    form = FormData([("heel_raise_left", "10"), ("heel_raise_right", "10"), (name, "lots")])
    with pytest.raises(InvalidDocument) as refused:
        assessment_from_form(form)
    assert refused.value.field == field


def test_a_missing_heel_raise_is_refused_by_the_engine_with_its_field() -> None:
    document = assessment_from_form(FormData([("heel_raise_right", "10")]))
    with pytest.raises(InvalidDocument) as refused:
        parse_assessment(document, date(2026, 11, 22))
    assert refused.value.field == "heel_raise.left"


def test_the_log_form_keeps_filled_sets_in_order() -> None:
    form = FormData(
        [("date", "2026-11-24"), ("exercise", "bent_knee_calf_raise"), ("side", "right"),
         ("reps_0", "8"), ("load_kg_0", "12.5"), ("reps_1", ""), ("reps_2", "7")]
    )  # fmt: skip
    logged = parse_log(log_from_form(form), date(2026, 11, 24))
    assert [(s.reps, s.load_kg) for s in logged.sets] == [(8, 12.5), (7, None)]


def test_the_checkin_form_uses_the_suggested_week_and_no_strides_check() -> None:
    form = FormData([("date", "2026-12-01"), ("after", "spring"), ("feeling", "ropey"),
                     ("pain", "2"), ("strides_check", "")])  # fmt: skip
    document = checkin_from_form(form, week=2)
    assert document["week"] == 2
    assert document["strides_check"] is None
    assert document["pain"] == 2
