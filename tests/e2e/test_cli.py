"""End-to-end tests of the ``calfcoach`` command line against interfaces.md.

Every test runs the installed console script as a subprocess (see conftest.py), so the exit codes
and the two streams are the real ones: ``--json`` prints exactly one JSON document on stdout, and
bad input gives exit code 2, nothing on stdout and one line on stderr naming the field.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Result, Run
from tests.unit.cli.support import assert_ok, assert_one_json_document, assert_refused

FILES = Path(__file__).resolve().parent.parent / "files"
ASSESSMENTS = FILES / "assessments"
CHECKINS = FILES / "checkins"
ROPEY = CHECKINS / "ropey_after_spring_week2.json"
FINE = CHECKINS / "fine_after_strength_week3.json"

Doc = dict[str, Any]  # a JSON object as the command line prints or reads it
Planned = Callable[[str], Result]

# The stable vocabulary of coaching.md section 7 and the shapes of interfaces.md.
EXERCISE_IDS = frozenset(
    {
        "straight_knee_calf_raise",
        "bent_knee_calf_raise",
        "pogo_jumps",
        "jump_rope",
        "strides",
        "hill_surges",
        "hill_walk",
        "ankle_range",
        "single_leg_balance",
        "warm_up",
        "stair_calf_raise",
        "seated_calf_raise",
        "jump_squat",
        "farmers_carry",
    }
)
TARGETS = frozenset({"strength", "endurance", "timing", "general", "hold", "refer"})
URGENCIES = frozenset({None, "clinician", "same_day", "urgent"})
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KINDS = frozenset({"strength", "spring", "run_addon", "mobility"})
SIDES = frozenset({"both", "left", "right"})
UNITS = frozenset({"reps", "seconds", "contacts"})
SPRING_EXERCISES = frozenset({"pogo_jumps", "jump_rope", "strides", "hill_surges", "jump_squat"})


# --- checking documents and results -------------------------------------------------------


def _text(value: object, where: str) -> str:
    assert isinstance(value, str), f"{where} must be text, got {value!r}"
    assert value, f"{where} must not be empty"
    return value


def _count(value: object, where: str) -> int:
    assert isinstance(value, int), f"{where} must be a whole number, got {value!r}"
    assert not isinstance(value, bool), f"{where} must be a whole number, got {value!r}"
    assert value >= 1, f"{where} must be at least 1, got {value!r}"
    return value


def _date(value: object, where: str) -> date:
    assert isinstance(value, str), f"{where} must be an ISO date, got {value!r}"
    return date.fromisoformat(value)


def assert_diagnosis(diagnosis: object) -> None:
    assert isinstance(diagnosis, dict)
    assert diagnosis["target"] in TARGETS
    assert diagnosis["urgency"] in URGENCIES
    assert isinstance(diagnosis["findings"], list)
    for n, finding in enumerate(diagnosis["findings"]):
        _text(finding["code"], f"findings[{n}].code")
        assert finding["side"] in SIDES, finding
        _text(finding["rule"], f"findings[{n}].rule")
    assert isinstance(diagnosis["reasons"], list)
    assert diagnosis["reasons"], "a diagnosis gives at least one reason"
    for n, reason in enumerate(diagnosis["reasons"]):
        _text(reason["rule"], f"reasons[{n}].rule")
        _text(reason["text"], f"reasons[{n}].text")


def assert_item(item: object, where: str) -> None:
    assert isinstance(item, dict), where
    assert item["exercise"] in EXERCISE_IDS, f"{where}.exercise: {item['exercise']!r}"
    _count(item["sets"], f"{where}.sets")
    amounts = [item["reps"], item["seconds"]]
    assert sum(a is not None for a in amounts) == 1, f"{where}: exactly one of reps/seconds"
    _count(next(a for a in amounts if a is not None), f"{where} reps/seconds")
    assert item["side"] in SIDES, f"{where}.side: {item['side']!r}"
    assert isinstance(item["note"], str), f"{where}.note"


def assert_plan(plan: object) -> None:
    assert isinstance(plan, dict)
    start = _date(plan["start"], "plan.start")
    weeks = plan["weeks"]
    assert isinstance(weeks, list)
    assert [w["week"] for w in weeks] == list(range(1, len(weeks) + 1))
    for w, week in enumerate(weeks):
        assert isinstance(week["sessions"], list)
        for s, session in enumerate(week["sessions"]):
            where = f"plan.weeks[{w}].sessions[{s}]"
            assert session["day"] in WEEKDAYS, f"{where}.day: {session['day']!r}"
            on = _date(session["date"], f"{where}.date")
            assert WEEKDAYS[on.weekday()] == session["day"], f"{where}: {on} is not a {session}"
            assert on >= start, f"{where}: {on} is before the plan starts ({start})"
            assert session["kind"] in KINDS, f"{where}.kind: {session['kind']!r}"
            assert isinstance(session["items"], list)
            for i, item in enumerate(session["items"]):
                assert_item(item, f"{where}.items[{i}]")


def assert_plan_document(document: object) -> None:
    """The shape of ``calfcoach.plan/1`` in interfaces.md (extra keys are allowed)."""
    assert isinstance(document, dict)
    assert document["schema"] == "calfcoach.plan/1"
    assert_diagnosis(document["diagnosis"])
    assert_plan(document["plan"])
    assert isinstance(document["decisions"], list)
    for n, decision in enumerate(document["decisions"]):
        _date(decision["date"], f"decisions[{n}].date")
        _text(decision["rule"], f"decisions[{n}].rule")
        _text(decision["text"], f"decisions[{n}].text")


def assert_json_object(result: Result) -> Doc:
    """``assert_one_json_document`` for a call that prints a JSON object."""
    document = assert_one_json_document(result)
    assert isinstance(document, dict), f"stdout is not a JSON object:\n{result}"
    return document


def spring_volume(session: Doc) -> int:
    """Sets x reps-or-seconds of the spring exercises of a session."""
    return sum(
        item["sets"] * (item["reps"] if item["reps"] is not None else item["seconds"])
        for item in session["items"]
        if item["exercise"] in SPRING_EXERCISES
    )


def sessions_by_day(document: Doc) -> dict[tuple[str, str], Doc]:
    return {
        (s["date"], s["kind"]): s for week in document["plan"]["weeks"] for s in week["sessions"]
    }


# --- plan --json ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "urgency"),
    [
        pytest.param("strength_runner.json", "strength", None, id="strength-runner"),
        pytest.param("timing_runner.json", "timing", None, id="timing-runner"),
        pytest.param("red_flag_runner.json", "refer", "urgent", id="red-flag-runner"),
        pytest.param("example", "strength", None, id="bundled-example"),
    ],
)
def test_plan_json_prints_one_plan_document(
    planned: Planned, source: str, target: str, urgency: str | None
) -> None:
    document = assert_json_object(planned(source))

    assert_plan_document(document)
    assert document["diagnosis"]["target"] == target
    assert document["diagnosis"]["urgency"] == urgency
    assert document["decisions"], "the plan explains itself in its decision log"
    weeks = document["plan"]["weeks"]
    if target == "refer":
        spring = [
            item["exercise"]
            for week in weeks
            for session in week["sessions"]
            for item in session["items"]
            if item["exercise"] in SPRING_EXERCISES
        ]
        assert spring == [], "a red flag never gets spring work, strides or hill surges"
    else:
        assert [w["week"] for w in weeks] == [1, 2, 3, 4]
        assert all(week["sessions"] for week in weeks)


def test_plan_reads_the_assessment_from_stdin(run: Run, planned: Planned) -> None:
    text = (ASSESSMENTS / "strength_runner.json").read_text(encoding="utf-8")

    result = run("plan", "--assessment", "-", "--json", stdin=text)

    document = assert_one_json_document(result)
    assert_plan_document(document)
    assert document == planned("strength_runner.json").json()


# --- adjust --json -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timing_plan_file(planned: Planned, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "timing_plan.json"
    path.write_text(planned("timing_runner.json").stdout, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ropey_adjusted(run: Run, timing_plan_file: Path) -> Result:
    """The timing runner's plan after a ropey morning following week 2's spring session."""
    return run("adjust", "--plan", timing_plan_file, "--checkin", ROPEY, "--json")


def test_adjust_after_a_ropey_morning_appends_an_s2_decision(
    planned: Planned, ropey_adjusted: Result
) -> None:
    before = planned("timing_runner.json").json()
    checkin = json.loads(ROPEY.read_text(encoding="utf-8"))
    checked_on = date.fromisoformat(checkin["date"])
    spring_before = sorted(
        (s for s in sessions_by_day(before).values() if s["kind"] == "spring"),
        key=lambda s: s["date"],
    )
    week_2 = date.fromisoformat(before["plan"]["start"]) + timedelta(weeks=1)
    assert any(week_2 <= date.fromisoformat(s["date"]) < checked_on for s in spring_before), (
        "precondition: the timing runner's plan has spring work in week 2 before the check-in"
    )

    adjusted = assert_json_object(ropey_adjusted)

    assert_plan_document(adjusted)
    old = before["decisions"]
    assert adjusted["decisions"][: len(old)] == old, "earlier decisions are kept, in order"
    new = adjusted["decisions"][len(old) :]
    assert any(d["rule"] == "S2" and d["date"] == checkin["date"] for d in new), new
    # S2: the next spring dose is halved, and no session gains load after a bad report.
    after = sessions_by_day(adjusted)
    assert set(after) <= set(sessions_by_day(before)), "a bad report adds no session"
    next_spring = next(s for s in spring_before if date.fromisoformat(s["date"]) > checked_on)
    key = (next_spring["date"], "spring")
    halved = spring_volume(after[key]) if key in after else 0
    assert halved <= math.ceil(spring_volume(next_spring) / 2), (next_spring, after.get(key))
    for day, session in after.items():
        assert spring_volume(session) <= spring_volume(sessions_by_day(before)[day]), day


def test_adjust_chains_on_an_adjusted_plan(
    run: Run, ropey_adjusted: Result, tmp_path: Path
) -> None:
    first = assert_json_object(ropey_adjusted)
    plan_file = tmp_path / "adjusted.json"
    plan_file.write_text(ropey_adjusted.stdout, encoding="utf-8")

    result = run("adjust", "--plan", plan_file, "--checkin", FINE, "--json")

    second = assert_json_object(result)
    assert_plan_document(second)
    assert second["decisions"][: len(first["decisions"])] == first["decisions"]
    new = second["decisions"][len(first["decisions"]) :]
    assert new, "the second check-in is logged too"
    assert {d["date"] for d in new} == {"2026-12-09"}
    assert any(d["rule"] == "S1" for d in new), new


def test_adjust_reads_the_plan_from_stdin(
    run: Run, planned: Planned, ropey_adjusted: Result
) -> None:
    plan_text = planned("timing_runner.json").stdout

    result = run("adjust", "--plan", "-", "--checkin", ROPEY, "--json", stdin=plan_text)

    assert_one_json_document(result)
    assert result.stdout == ropey_adjusted.stdout


# --- exercises --json ----------------------------------------------------------------------


def test_exercises_json_lists_the_fourteen_exercises(run: Run) -> None:
    catalogue = assert_one_json_document(run("exercises", "--json"))

    assert isinstance(catalogue, list)
    assert len(catalogue) == 14
    assert {entry["id"] for entry in catalogue} == EXERCISE_IDS
    for entry in catalogue:
        where = entry["id"]
        _text(entry["name"], f"{where}.name")
        _text(entry["trains"], f"{where}.trains")
        assert entry["unit"] in UNITS, where
        assert isinstance(entry["equipment"], list), where
        assert all(isinstance(thing, str) for thing in entry["equipment"]), where
        assert isinstance(entry["steps"], list), where
        assert entry["steps"], f"{where} has steps"
        assert all(isinstance(step, str) and step for step in entry["steps"]), where


# --- human output --------------------------------------------------------------------------


def test_plan_shows_target_reasons_and_four_weeks(run: Run, planned: Planned) -> None:
    diagnosis = planned("strength_runner.json").json()["diagnosis"]

    result = run("plan", "--assessment", ASSESSMENTS / "strength_runner.json")

    assert_ok(result)
    out = result.stdout
    assert not out.lstrip().startswith(("{", "[")), "without --json the output is for people"
    positions = [out.find(f"Week {n}") for n in (1, 2, 3, 4)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions), "weeks are shown in order"
    summary = out[: positions[0]]
    assert diagnosis["target"] in summary.lower(), "the target is shown before the weeks"
    for reason in diagnosis["reasons"]:
        assert re.search(rf"\b{re.escape(reason['rule'])}\b", summary), reason["rule"]


def test_plan_shows_the_red_flag_before_the_target(run: Run, planned: Planned) -> None:
    flags = planned("red_flag_runner.json").json()["diagnosis"]["red_flags"]
    assert flags, "precondition: the red-flag runner's plan document lists its red flag"

    result = run("plan", "--assessment", ASSESSMENTS / "red_flag_runner.json")

    assert_ok(result)
    out = result.stdout
    target_panel = out.find("Your four-week target")
    assert target_panel > 0, out
    for flag in flags:
        message = out.find(flag["message"])
        assert 0 <= message < target_panel, f"red flag not shown first:\n{out}"
    assert "Week 1" not in out, "no training weeks for a red flag"


def test_plan_example_prints_the_bundled_plan(run: Run) -> None:
    result = run("plan", "--example")

    assert_ok(result)
    assert all(f"Week {n}" in result.stdout for n in (1, 2, 3, 4)), result.stdout


def test_retest_compares_and_plans_the_next_block(run: Run) -> None:
    result = run(
        "retest",
        "--previous",
        ASSESSMENTS / "strength_runner.json",
        "--current",
        ASSESSMENTS / "strength_runner_retest.json",
    )

    assert_ok(result)
    assert "C9" in result.stdout
    assert all(f"Week {n}" in result.stdout for n in (1, 2, 3, 4)), result.stdout


def test_adjust_without_json_shows_the_new_decision(run: Run, timing_plan_file: Path) -> None:
    result = run("adjust", "--plan", timing_plan_file, "--checkin", ROPEY)

    assert_ok(result)
    assert not result.stdout.lstrip().startswith("{")
    assert re.search(r"\bS2\b", result.stdout), result.stdout
    assert "Week 4" in result.stdout


# --- refusals ------------------------------------------------------------------------------
# One refusal per command through the real process. The other cases (bad assessments, usage
# errors, bad check-ins, corrupted plans) run in-process: tests/unit/cli/test_plan_refusals.py.


def test_plan_refuses_hostile_json_on_stdin_in_one_line(run: Run) -> None:
    stdin = "[" * 100_000 + "]" * 100_000  # 100000 nested lists, through a real pipe

    assert_refused(run("plan", "--assessment", "-", "--json", stdin=stdin), "--assessment")


def test_usage_errors_are_refused(run: Run) -> None:
    assert_refused(run("frobnicate", "--json"), "frobnicate")


def test_adjust_refuses_a_corrupted_plan(run: Run, tmp_path: Path) -> None:
    assessment = json.loads((ASSESSMENTS / "timing_runner.json").read_text(encoding="utf-8"))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(assessment), encoding="utf-8")  # an assessment given as a plan

    assert_refused(run("adjust", "--plan", path, "--checkin", ROPEY, "--json"), "schema")
