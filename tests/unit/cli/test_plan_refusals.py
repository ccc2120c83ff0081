"""`plan`, `adjust` and the command line itself refuse bad input: exit 2, nothing on stdout,
one line on stderr naming the field (interfaces.md).

Run in this process (support.invoke); tests/e2e/test_cli.py keeps one refusal per command
through the installed console script.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ASSESSMENTS, CHECKINS
from tests.unit.cli.support import assert_one_json_document, assert_refused, invoke

ROPEY = CHECKINS / "ropey_after_spring_week2.json"
DEFAULT_WEEK = {
    "mon": "rest",
    "tue": "quality",
    "wed": "easy",
    "thu": "easy",
    "fri": "rest",
    "sat": "long",
    "sun": "easy",
}

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def timing_plan() -> Doc:
    """``plan --json`` of the timing runner's assessment."""
    document = assert_one_json_document(
        invoke("plan", "--assessment", ASSESSMENTS / "timing_runner.json", "--json")
    )
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def timing_plan_file(timing_plan: Doc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "timing_plan.json"
    path.write_text(json.dumps(timing_plan), encoding="utf-8")
    return path


# --- plan ------------------------------------------------------------------------------------


def _assessment(**changes: object) -> str:
    document: dict[str, object] = {
        "schema": "calfcoach.assessment/1",
        "date": "2026-11-23",
        "heel_raise": {"left": 12, "right": 14},
    }
    document.update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        pytest.param(
            _assessment(heel_raise={"left": -3, "right": 14}), "heel_raise.left", id="negative-reps"
        ),
        pytest.param(
            _assessment(heel_raise={"left": 12, "right": 900}), "heel_raise.right", id="900-reps"
        ),
        pytest.param(
            _assessment(week={**DEFAULT_WEEK, "sat": "marathon"}),
            "week.sat",
            id="unknown-day-type",
        ),
        pytest.param(_assessment(bogus=True), "bogus", id="unknown-top-level-key"),
        pytest.param(f"[{_assessment()}]", "assessment", id="json-array-not-object"),
        pytest.param("heel_raise:\n  left: 12\n", "--assessment", id="not-json"),
        pytest.param(b"\xff\xfe{\x00}\x00", "--assessment", id="not-utf8"),
    ],
)
def test_plan_refuses_a_bad_assessment(tmp_path: Path, content: str | bytes, field: str) -> None:
    path = tmp_path / "assessment.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")

    assert_refused(invoke("plan", "--assessment", path, "--json"), field)


@pytest.mark.parametrize(
    ("args", "stdin", "field"),
    [
        pytest.param(
            ("plan", "--assessment", "{tmp}/no-such-file.json", "--json"),
            "",
            "--assessment",
            id="missing-file",
        ),
        pytest.param(("plan", "--assessment", "{tmp}", "--json"), "", "--assessment", id="dir"),
        pytest.param(("plan", "--assessment", "-", "--json"), "", "--assessment", id="empty-stdin"),
        pytest.param(("plan", "--json"), "", "--assessment", id="no-assessment"),
        pytest.param(
            ("plan", "--assessment", "-", "--example", "--json"),
            "{}",
            "--assessment",
            id="assessment-and-example",
        ),
        pytest.param(("plan", "--example", "--frob"), "", "--frob", id="unknown-option"),
        pytest.param(
            ("adjust", "--plan", "{tmp}/plan.json", "--json"), "", "--checkin", id="no-checkin"
        ),
        pytest.param(
            ("adjust", "--plan", "-", "--checkin", "-", "--json"),
            "{}",
            "--checkin",
            id="stdin-twice",
        ),
    ],
)
def test_usage_errors_are_refused(
    tmp_path: Path, args: tuple[str, ...], stdin: str, field: str
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]

    assert_refused(invoke(*argv, stdin=stdin), field)


def test_plan_refuses_hostile_json_on_stdin_in_one_line() -> None:
    stdin = '{"heel_raise": {"left": 1' + "0" * 5000 + ', "right": 12}}'  # 5000 digits

    assert_refused(invoke("plan", "--assessment", "-", "--json", stdin=stdin), "--assessment")


# --- adjust ----------------------------------------------------------------------------------


def _checkin(**changes: object) -> dict[str, object]:
    document: dict[str, object] = json.loads(ROPEY.read_text(encoding="utf-8"))
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("checkin", "field"),
    [
        pytest.param(_checkin(week=7, date="2027-01-05"), "week", id="week-7"),
        pytest.param(_checkin(date="2026-12-20"), "date", id="date-outside-the-week"),
        pytest.param(_checkin(feeling="meh"), "feeling", id="unknown-feeling"),
    ],
)
def test_adjust_refuses_a_bad_checkin(
    timing_plan_file: Path, tmp_path: Path, checkin: dict[str, object], field: str
) -> None:
    path = tmp_path / "checkin.json"
    path.write_text(json.dumps(checkin), encoding="utf-8")

    assert_refused(invoke("adjust", "--plan", timing_plan_file, "--checkin", path, "--json"), field)


def _no_amount(plan: Doc) -> Doc:
    item = plan["plan"]["weeks"][0]["sessions"][0]["items"][1]
    item["reps"] = item["seconds"] = None
    return plan


def _unknown_exercise(plan: Doc) -> Doc:
    plan["plan"]["weeks"][0]["sessions"][0]["items"][1]["exercise"] = "deadlift"
    return plan


def _wrong_weekday(plan: Doc) -> Doc:
    session = plan["plan"]["weeks"][0]["sessions"][0]
    session["date"] = (date.fromisoformat(session["date"]) + timedelta(days=1)).isoformat()
    return plan


@pytest.mark.parametrize(
    ("corrupt", "field"),
    [
        pytest.param(_no_amount, "plan.weeks[0].sessions[0].items[1]", id="no-reps-no-seconds"),
        pytest.param(
            _unknown_exercise, "plan.weeks[0].sessions[0].items[1].exercise", id="unknown-exercise"
        ),
        pytest.param(_wrong_weekday, "plan.weeks[0].sessions[0].date", id="date-not-that-day"),
    ],
)
def test_adjust_refuses_a_corrupted_plan(
    timing_plan: Doc, tmp_path: Path, corrupt: Callable[[Doc], Doc], field: str
) -> None:
    plan = corrupt(copy.deepcopy(timing_plan))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")

    assert_refused(invoke("adjust", "--plan", path, "--checkin", ROPEY, "--json"), field)
