"""C9 on a retest: a real change is 6+ heel-raise reps or 2+ cm of knee-to-wall, to the tenth."""

from __future__ import annotations

from datetime import date

import pytest

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.retest import Change, compare
from calfcoach.coaching.vocabulary import Side
from calfcoach.services.engine import change_document

TODAY = date(2026, 12, 21)


def changes(before: dict[str, object], after: dict[str, object]) -> dict[tuple[str, Side], Change]:
    def test(day: str, measured: dict[str, object]) -> dict[str, object]:
        return {"date": day, "heel_raise": {"left": 20, "right": 20}, **measured}

    previous = parse_assessment(test("2026-11-20", before), TODAY)
    current = parse_assessment(test("2026-12-18", after), TODAY)
    return {(c.measure, c.side): c for c in compare(previous, current)}


def knee_to_wall_change(before: float, after: float) -> Change:
    found = changes({"knee_to_wall": {"left_cm": before}}, {"knee_to_wall": {"left_cm": after}})
    return found["knee_to_wall", Side.LEFT]


@pytest.mark.parametrize(
    ("before", "after", "real"),
    [
        pytest.param(8.0, 10.0, True, id="8.0-10.0-exactly-2"),
        pytest.param(8.1, 10.1, True, id="8.1-10.1-float-says-1.9999999999999996"),
        pytest.param(10.1, 8.1, True, id="a-real-drop"),
        pytest.param(8.0, 9.9, False, id="1.9-is-noise"),
        pytest.param(0, 2.0, True, id="from-0-cm"),
        pytest.param(0, 1.9, False, id="from-0-cm-noise"),
        # Values are rounded half up to the tenth first (KneeToWall): 8.05 is 8.1, 8.04 is 8.0.
        pytest.param(8.05, 10.0, False, id="8.05-is-8.1-so-1.9"),
        pytest.param(8.04, 10.0, True, id="8.04-is-8.0-so-2.0"),
        pytest.param(8.05, 10.05, True, id="8.05-10.05-is-8.1-10.1"),
    ],
)
def test_a_knee_to_wall_change_of_2_cm_or_more_is_real(
    before: float, after: float, real: bool
) -> None:
    assert knee_to_wall_change(before, after).real is real


@pytest.mark.parametrize(
    ("before", "after", "real"),
    [(20, 26, True), (20, 25, False), (26, 20, True), (20, 14, True), (20, 15, False)],
)
def test_a_heel_raise_change_of_6_reps_or_more_is_real(before: int, after: int, real: bool) -> None:
    found = changes(
        {"heel_raise": {"left": before, "right": 20}}, {"heel_raise": {"left": after, "right": 20}}
    )

    assert found["heel_raise", Side.LEFT].real is real
    assert found["heel_raise", Side.RIGHT].real is False


def test_the_change_document_has_no_float_noise() -> None:
    document = change_document(knee_to_wall_change(8.1, 10.1))

    assert (document["before"], document["after"], document["change"]) == (8.1, 10.1, 2.0)
    assert document["real"] is True
    assert document["rule"] == "C9"
    assert "8.1 -> 10.1 cm" in str(document["text"])
    assert "0000" not in str(document)


def test_a_drop_is_negative_to_one_decimal() -> None:
    document = change_document(knee_to_wall_change(12.3, 10.2))

    assert document["change"] == -2.1
    assert "a real drop" in str(document["text"])


def test_heel_raise_changes_stay_whole_numbers() -> None:
    found = changes({}, {"heel_raise": {"left": 27, "right": 20}})
    document = change_document(found["heel_raise", Side.LEFT])

    assert (document["before"], document["after"], document["change"]) == (20, 27, 7)
    assert all(isinstance(document[k], int) for k in ("before", "after", "change"))


def test_knee_to_wall_is_compared_only_when_measured_both_times() -> None:
    found = changes(
        {"knee_to_wall": {"left_cm": 8.0, "right_heel_lifts": True}},
        {"knee_to_wall": {"left_cm": 10.0, "right_cm": 12.0}},
    )

    assert ("knee_to_wall", Side.LEFT) in found
    assert ("knee_to_wall", Side.RIGHT) not in found
