"""End-to-end tests of the ``calfcoach`` command line against interfaces.md.

Every test runs the installed console script as a subprocess (see conftest.py), so the exit codes
and the two streams are the real ones: ``--json`` prints exactly one JSON document on stdout, and
bad input gives exit code 2, nothing on stdout and one line on stderr naming the field.
"""

from __future__ import annotations

import copy
import json
import math
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent.parent / "files"
ASSESSMENTS = FILES / "assessments"
CHECKINS = FILES / "checkins"
ROPEY = CHECKINS / "ropey_after_spring_week2.json"
FINE = CHECKINS / "fine_after_strength_week3.json"

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
DEFAULT_WEEK = {
    "mon": "rest",
    "tue": "quality",
    "wed": "easy",
    "thu": "easy",
    "fri": "rest",
    "sat": "long",
    "sun": "easy",
}


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


def assert_ok(result) -> None:
    assert result.code == 0, str(result)
    assert result.stderr == "", str(result)


def assert_one_json_document(result) -> object:
    """A successful ``--json`` call: stdout is exactly one JSON document, stderr is empty."""
    assert_ok(result)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        pytest.fail(f"stdout is not exactly one JSON document ({error}):\n{result}")


def assert_refused(result, field: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that names ``field``, never a traceback."""
    assert "Traceback" not in result.stderr, str(result)
    assert result.code == 2, str(result)
    assert result.stdout == "", str(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"stderr must be exactly one line:\n{result}"
    assert lines[0].strip(), str(result)
    named = re.compile(rf"(?<![\w\-\[\].]){re.escape(field)}(?![\w\-\[])")
    assert named.search(lines[0]), f"stderr does not name {field!r}:\n{result}"


def spring_volume(session: dict) -> int:
    """Sets x reps-or-seconds of the spring exercises of a session."""
    return sum(
        item["sets"] * (item["reps"] if item["reps"] is not None else item["seconds"])
        for item in session["items"]
        if item["exercise"] in SPRING_EXERCISES
    )


def sessions_by_day(document: dict) -> dict[tuple[str, str], dict]:
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
def test_plan_json_prints_one_plan_document(planned, source, target, urgency):
    document = assert_one_json_document(planned(source))

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


def test_plan_reads_the_assessment_from_stdin(run, planned):
    text = (ASSESSMENTS / "strength_runner.json").read_text(encoding="utf-8")

    result = run("plan", "--assessment", "-", "--json", stdin=text)

    document = assert_one_json_document(result)
    assert_plan_document(document)
    assert document == planned("strength_runner.json").json()


# --- adjust --json -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timing_plan_file(planned, tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "timing_plan.json"
    path.write_text(planned("timing_runner.json").stdout, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ropey_adjusted(run, timing_plan_file):
    """The timing runner's plan after a ropey morning following week 2's spring session."""
    return run("adjust", "--plan", timing_plan_file, "--checkin", ROPEY, "--json")


def test_adjust_after_a_ropey_morning_appends_an_s2_decision(planned, ropey_adjusted):
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

    adjusted = assert_one_json_document(ropey_adjusted)

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


def test_adjust_chains_on_an_adjusted_plan(run, ropey_adjusted, tmp_path):
    first = assert_one_json_document(ropey_adjusted)
    plan_file = tmp_path / "adjusted.json"
    plan_file.write_text(ropey_adjusted.stdout, encoding="utf-8")

    result = run("adjust", "--plan", plan_file, "--checkin", FINE, "--json")

    second = assert_one_json_document(result)
    assert_plan_document(second)
    assert second["decisions"][: len(first["decisions"])] == first["decisions"]
    new = second["decisions"][len(first["decisions"]) :]
    assert new, "the second check-in is logged too"
    assert {d["date"] for d in new} == {"2026-12-09"}
    assert any(d["rule"] == "S1" for d in new), new


def test_adjust_reads_the_plan_from_stdin(run, planned, ropey_adjusted):
    plan_text = planned("timing_runner.json").stdout

    result = run("adjust", "--plan", "-", "--checkin", ROPEY, "--json", stdin=plan_text)

    assert_one_json_document(result)
    assert result.stdout == ropey_adjusted.stdout


# --- exercises --json ----------------------------------------------------------------------


def test_exercises_json_lists_the_fourteen_exercises(run):
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


def test_plan_shows_target_reasons_and_four_weeks(run, planned):
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


def test_plan_shows_the_red_flag_before_the_target(run, planned):
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


def test_plan_example_prints_the_bundled_plan(run):
    result = run("plan", "--example")

    assert_ok(result)
    assert all(f"Week {n}" in result.stdout for n in (1, 2, 3, 4)), result.stdout


def test_retest_compares_and_plans_the_next_block(run):
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


def test_adjust_without_json_shows_the_new_decision(run, timing_plan_file):
    result = run("adjust", "--plan", timing_plan_file, "--checkin", ROPEY)

    assert_ok(result)
    assert not result.stdout.lstrip().startswith("{")
    assert re.search(r"\bS2\b", result.stdout), result.stdout
    assert "Week 4" in result.stdout


# --- refusals ------------------------------------------------------------------------------


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
def test_plan_refuses_a_bad_assessment(run, tmp_path, content, field):
    path = tmp_path / "assessment.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")

    assert_refused(run("plan", "--assessment", path, "--json"), field)


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
        pytest.param(("frobnicate", "--json"), "", "frobnicate", id="unknown-command"),
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
def test_usage_errors_are_refused(run, tmp_path, args, stdin, field):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]

    assert_refused(run(*argv, stdin=stdin), field)


@pytest.mark.parametrize(
    "stdin",
    [
        pytest.param(
            '{"heel_raise": {"left": 1' + "0" * 5000 + ', "right": 12}}', id="5000-digits"
        ),
        pytest.param("[" * 100_000 + "]" * 100_000, id="100000-nested-lists"),
    ],
)
def test_plan_refuses_hostile_json_on_stdin_in_one_line(run, stdin):
    assert_refused(run("plan", "--assessment", "-", "--json", stdin=stdin), "--assessment")


def _checkin(**changes: object) -> dict[str, object]:
    document = json.loads(ROPEY.read_text(encoding="utf-8"))
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
def test_adjust_refuses_a_bad_checkin(run, timing_plan_file, tmp_path, checkin, field):
    path = tmp_path / "checkin.json"
    path.write_text(json.dumps(checkin), encoding="utf-8")

    assert_refused(run("adjust", "--plan", timing_plan_file, "--checkin", path, "--json"), field)


def _no_amount(plan: dict) -> dict:
    item = plan["plan"]["weeks"][0]["sessions"][0]["items"][1]
    item["reps"] = item["seconds"] = None
    return plan


def _unknown_exercise(plan: dict) -> dict:
    plan["plan"]["weeks"][0]["sessions"][0]["items"][1]["exercise"] = "deadlift"
    return plan


def _wrong_weekday(plan: dict) -> dict:
    session = plan["plan"]["weeks"][0]["sessions"][0]
    session["date"] = (date.fromisoformat(session["date"]) + timedelta(days=1)).isoformat()
    return plan


def _an_assessment(_: dict) -> dict:
    return json.loads((ASSESSMENTS / "timing_runner.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("corrupt", "field"),
    [
        pytest.param(_no_amount, "plan.weeks[0].sessions[0].items[1]", id="no-reps-no-seconds"),
        pytest.param(
            _unknown_exercise, "plan.weeks[0].sessions[0].items[1].exercise", id="unknown-exercise"
        ),
        pytest.param(_wrong_weekday, "plan.weeks[0].sessions[0].date", id="date-not-that-day"),
        pytest.param(_an_assessment, "schema", id="assessment-given-as-plan"),
    ],
)
def test_adjust_refuses_a_corrupted_plan(run, planned, tmp_path, corrupt, field):
    plan = corrupt(copy.deepcopy(planned("timing_runner.json").json()))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")

    assert_refused(run("adjust", "--plan", path, "--checkin", ROPEY, "--json"), field)
