"""Bounded input: dates in 2000-2100, numbers range-checked before conversion, short echoes,
and JSON text bounded in size, nesting and number length before it reaches the engine."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from calfcoach.cli.shared import BadInput, read_json
from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.checkin import parse_checkin
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import MAX_SHOWN, as_date, as_enum, as_float, as_int, shown
from calfcoach.coaching.vocabulary import Goal
from calfcoach.services.engine import plan_from_assessment
from calfcoach.services.json_text import MAX_DEPTH, MAX_DIGITS, parse_json

TODAY = date(2026, 11, 23)
HUGE_INT = 10**5000  # str() of it raises ValueError (Python's int max str digits)


def refusal(call: Any, *args: object) -> InvalidDocument:
    with pytest.raises(InvalidDocument) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message
    assert len(message) < 300, message
    return caught.value


def nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1999-12-31", "2101-01-01", "9999-12-31", "0001-01-01"])
def test_dates_outside_2000_to_2100_are_refused_naming_the_field(text: str) -> None:
    error = refusal(as_date, text, "date")

    assert error.field == "date"
    assert f"must be between 2000-01-01 and 2100-12-31 (got '{text}')" in str(error)


@pytest.mark.parametrize("text", ["2000-01-01", "2100-12-31"])
def test_the_first_and_last_days_of_the_range_are_accepted(text: str) -> None:
    assert as_date(text, "date") == date.fromisoformat(text)


def test_an_assessment_is_taken_while_its_block_ends_by_2100_12_31() -> None:
    assert parse_assessment({"date": "2000-01-01", "heel_raise": {"left": 20, "right": 20}}, TODAY)
    assert parse_assessment({"date": "2100-11-20", "heel_raise": {"left": 20, "right": 20}}, TODAY)
    late = {"date": "2100-12-31", "heel_raise": {"left": 20, "right": 20}}
    error = refusal(parse_assessment, late, TODAY)
    assert error.field == "date"
    assert "would run past 2100-12-31" in str(error)


@pytest.mark.parametrize("text", ["1999-12-31", "2101-01-01"])
def test_an_assessment_date_outside_the_range_is_refused_naming_date(text: str) -> None:
    raw = {"date": text, "heel_raise": {"left": 20, "right": 20}}

    assert refusal(parse_assessment, raw, TODAY).field == "date"


def test_a_checkin_dated_9999_12_31_is_refused_naming_date() -> None:
    raw = {
        "schema": "calfcoach.checkin/1",
        "date": "9999-12-31",
        "week": 2,
        "after": "spring",
        "feeling": "fine",
    }

    assert refusal(parse_checkin, raw).field == "date"


def test_a_plan_starting_9999_12_31_is_refused_naming_plan_start() -> None:
    document = plan_from_assessment({"heel_raise": {"left": 22, "right": 22}}, TODAY)
    plan = document["plan"]
    assert isinstance(plan, dict)
    plan["start"] = "9999-12-31"

    assert refusal(read_plan_document, document).field == "plan.start"


# --- echoes of bad values ------------------------------------------------------------------


def test_a_long_bad_value_is_echoed_cut_short() -> None:
    long_text = "2026-" + "x" * 10_000_000

    for error in (
        refusal(as_date, long_text, "date"),
        refusal(as_enum, long_text, Goal, "goal"),
    ):
        assert "x" * MAX_SHOWN not in str(error)
        assert "...'" in str(error)
        assert len(str(error)) < 200


def test_shown_names_containers_instead_of_printing_them() -> None:
    assert shown(nested(100_000)) == "a list"
    assert shown({"a": 1}) == "an object"
    assert shown(HUGE_INT) == "a number out of range"
    assert shown(-HUGE_INT) == "a number out of range"
    assert shown(12) == "12"
    assert shown("abc") == "'abc'"


def test_a_deeply_nested_value_in_an_enum_field_is_refused_without_recursion() -> None:
    error = refusal(as_enum, nested(100_000), Goal, "goal")

    assert "(got a list)" in str(error)


# --- numbers: range first, conversion after --------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(1e308, id="1e308"),
        pytest.param(-1e308, id="-1e308"),
        pytest.param(HUGE_INT, id="5000-digits"),
        pytest.param(-HUGE_INT, id="minus-5000-digits"),
        pytest.param(float("inf"), id="inf"),
        pytest.param(float("nan"), id="nan"),
    ],
)
def test_huge_numbers_are_refused_as_whole_numbers_naming_the_field(value: float) -> None:
    error = refusal(as_int, value, "heel_raise.left", 0, 200, "clean reps")

    assert error.field == "heel_raise.left"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(1e308, id="1e308"),
        pytest.param(HUGE_INT, id="5000-digits-overflows-float"),
        pytest.param(-(10**400), id="minus-400-digits"),
        pytest.param(float("inf"), id="inf"),
        pytest.param(float("nan"), id="nan"),
    ],
)
def test_huge_numbers_are_refused_as_numbers_naming_the_field(value: float) -> None:
    error = refusal(as_float, value, "knee_to_wall.left_cm", 0.0, 25.0, "cm")

    assert error.field == "knee_to_wall.left_cm"


def test_a_huge_whole_number_is_not_printed() -> None:
    error = refusal(as_int, HUGE_INT, "runner.age", 12, 100, "years")

    assert str(error) == "runner.age: must be between 12 and 100 years (got a number out of range)"


def test_huge_numbers_in_an_assessment_name_their_field() -> None:
    raw = {"heel_raise": {"left": HUGE_INT, "right": 20}, "knee_to_wall": {"left_cm": 1e308}}
    assert refusal(parse_assessment, raw, TODAY).field == "heel_raise.left"

    raw = {"heel_raise": {"left": 20, "right": 20}, "knee_to_wall": {"right_cm": HUGE_INT}}
    assert refusal(parse_assessment, raw, TODAY).field == "knee_to_wall.right_cm"


def test_a_long_unknown_key_is_named_cut_short() -> None:
    raw = {"heel_raise": {"left": 20, "right": 20}, "k" * 1_000_000: True}

    error = refusal(parse_assessment, raw, TODAY)
    assert error.field == "k" * MAX_SHOWN + "..."


# --- JSON text: size, depth, digits ---------------------------------------------------------


def read_text(tmp_path: Path, text: str, what: str = "--assessment", **limit: int) -> object:
    path = tmp_path / "document.json"
    path.write_text(text, encoding="utf-8")
    return read_json(str(path), what, **limit)


def refused_input(tmp_path: Path, text: str, what: str = "--assessment", **limit: int) -> str:
    with pytest.raises(BadInput) as caught:
        read_text(tmp_path, text, what, **limit)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{what}: ")
    return message


def test_a_5000_digit_number_is_one_line_naming_the_option(tmp_path: Path) -> None:
    message = refused_input(tmp_path, '{"heel_raise": {"left": 1' + "0" * 5000 + "}}", "--plan")

    assert message == f"--plan: numbers longer than {MAX_DIGITS} digits are not accepted"


def test_100000_nested_lists_are_one_line_naming_the_option(tmp_path: Path) -> None:
    message = refused_input(tmp_path, "[" * 100_000 + "]" * 100_000, "--plan")

    assert message == f"--plan: nested deeper than {MAX_DEPTH} levels"


def test_unclosed_nesting_is_refused_just_the_same(tmp_path: Path) -> None:
    assert "nested deeper" in refused_input(tmp_path, '{"a":' * 100_000)


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH

    assert read_text(tmp_path, deepest) == nested(MAX_DEPTH)
    assert "nested deeper" in refused_input(tmp_path, f"[{deepest}]")


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    text = '{"note": "' + "[{" * 1000 + '\\"[[["}'

    assert read_text(tmp_path, text) == {"note": "[{" * 1000 + '"[[['}


def test_a_long_float_literal_is_read_and_left_to_the_field_check(tmp_path: Path) -> None:
    assert read_text(tmp_path, "[1" + "0" * 5000 + ".5]") == [float("inf")]
    assert read_text(tmp_path, "[" + "9" * MAX_DIGITS + "]") == [int("9" * MAX_DIGITS)]


def test_a_document_over_1_mb_is_refused_naming_the_option(tmp_path: Path) -> None:
    text = '{"note": "' + "x" * (1024 * 1024) + '"}'

    assert refused_input(tmp_path, text) == "--assessment: larger than 1 MB"


def test_the_size_limit_can_be_raised_for_a_data_export(tmp_path: Path) -> None:
    text = '{"note": "' + "x" * (1024 * 1024) + '"}'

    assert read_text(tmp_path, text, "IN.json", limit=2 * 1024 * 1024) == {"note": "x" * 1024**2}
    assert (
        refused_input(tmp_path, "[1, 2, 3]", "IN.json", limit=4) == "IN.json: larger than 4 bytes"
    )


def test_stdin_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(("[" * 100_000).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)

    with pytest.raises(BadInput, match=r"^--plan: nested deeper than 64 levels$"):
        read_json("-", "--plan")


def test_parse_json_keeps_json_errors_for_text_that_is_not_json() -> None:
    with pytest.raises(ValueError, match="Expecting value"):
        parse_json("heel_raise: 12")
