"""FIT workout export: every file is read back by two independent decoders, CRC checked.

fitdecode and fitparse both decode each session's file; the steps they read, with the repeat
steps played out the way a watch runs them, must match the plan's items set by set.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Callable, Mapping
from datetime import date
from importlib import resources
from typing import Any

import fitdecode
import fitparse
import pytest

from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.plan import Item, Plan, Session, Week
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Side, Weekday
from calfcoach.exports.session_time import DEFAULT_REST_SECONDS, REST_SECONDS
from calfcoach.exports.watch import session_workouts
from calfcoach.services.engine import plan_from_assessment

Message = tuple[str, dict[str, Any]]
TODAY = date(2026, 11, 23)


def _assessment(**changes: object) -> dict[str, Any]:
    text = resources.files("calfcoach").joinpath("examples/strength_runner.json").read_text()
    doc: dict[str, Any] = json.loads(text)
    doc.update(changes)
    return doc


def _example_plan() -> Mapping[str, object]:
    return plan_from_assessment(_assessment(), today=TODAY)


def _timing_plan() -> Mapping[str, object]:
    raw = _assessment(
        heel_raise={"left": 24, "right": 25, "fast_burn": False, "sharp_pain": False},
        bounce={"seconds": 120, "rhythm_lost": True},
    )
    return plan_from_assessment(raw, today=TODAY)


PLANS = {"example": _example_plan, "timing": _timing_plan}


def workouts(document: Mapping[str, object]) -> dict[str, bytes]:
    """The watch files of a plan document, read by the engine's reader as the services read it."""
    return session_workouts(read_plan_document(document).plan)


def _with_fitdecode(data: bytes) -> list[Message]:
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        return [
            (frame.name, {field.name: field.value for field in frame.fields})
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage)
        ]


def _with_fitparse(data: bytes) -> list[Message]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        fit = fitparse.FitFile(io.BytesIO(data), check_crc=True)
        return [(message.name, message.get_values()) for message in fit.get_messages()]


DECODERS: dict[str, Callable[[bytes], list[Message]]] = {
    "fitdecode": _with_fitdecode,
    "fitparse": _with_fitparse,
}


def _sessions(plan: Mapping[str, object]) -> list[dict[str, Any]]:
    body: Any = plan["plan"]
    return [session for week in body["weeks"] for session in week["sessions"]]


def _played(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps in the order a watch runs them, repeat steps played out."""
    done: list[dict[str, Any]] = []
    passes: dict[int, int] = {}
    index = 0
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] != "repeat_until_steps_cmplt":
            done.append(step)
            index += 1
            continue
        passes[index] = passes.get(index, 1) + 1
        if passes[index] <= step["repeat_steps"]:
            index = step["duration_step"]
        else:
            index += 1
    return done


def _expected(items: list[dict[str, Any]]) -> list[tuple[str, str, float]]:
    """(step name, duration type, reps or seconds) for every set of every item, with rests."""
    expected: list[tuple[str, str, float]] = []
    for item in items:
        suffix = f" ({item['side']})" if item["side"] in ("left", "right") else ""
        dose = ("reps", item["reps"]) if item["reps"] is not None else ("time", item["seconds"])
        rest = REST_SECONDS.get(item["exercise"], DEFAULT_REST_SECONDS)
        for _ in range(item["sets"]):
            expected.append((item["name"] + suffix, *dose))
            if item["sets"] > 1:
                expected.append(("Rest", "time", rest))
    return expected


def _summary(step: dict[str, Any]) -> tuple[str, str, float]:
    kind = step["duration_type"]
    value = step["duration_reps"] if kind == "reps" else step["duration_time"]
    return step["wkt_step_name"], kind, value


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("plan_name", PLANS)
def test_every_session_reads_back_as_its_plan(plan_name: str, decoder: str) -> None:
    plan = PLANS[plan_name]()
    files = workouts(plan)
    sessions = _sessions(plan)
    assert len(files) == len(sessions)
    for (file_name, data), session in zip(files.items(), sessions, strict=True):
        assert file_name.startswith(f"{session['date']}-{session['kind']}")
        messages = DECODERS[decoder](data)
        names = [name for name, _ in messages]
        assert names[:2] == ["file_id", "workout"]
        file_id, workout = messages[0][1], messages[1][1]
        assert file_id["type"] == "workout"
        assert file_id["manufacturer"] == "development"
        assert file_id["time_created"].date().isoformat() == session["date"]
        assert workout["sport"] == "training"
        assert workout["wkt_name"]
        steps = [fields for name, fields in messages if name == "workout_step"]
        assert names[2:] == ["workout_step"] * len(steps)
        assert workout["num_valid_steps"] == len(steps)
        assert [step["message_index"] for step in steps] == list(range(len(steps)))
        played = _played(steps)
        assert [_summary(step) for step in played] == _expected(session["items"])
        for step in played:
            want = "rest" if step["wkt_step_name"] == "Rest" else ("warmup", "active")
            assert step["intensity"] in want


@pytest.mark.parametrize("decoder", DECODERS)
def test_calf_raises_are_reps_steps_in_the_calf_raise_category(decoder: str) -> None:
    files = workouts(_example_plan())
    messages = DECODERS[decoder](files["2026-11-24-strength.fit"])
    steps = [fields for name, fields in messages if name == "workout_step"]
    raises = [step for step in steps if "calf raise" in str(step.get("wkt_step_name"))]
    assert len(raises) == 2
    for step in raises:
        assert step["duration_type"] == "reps"
        assert step["exercise_category"] == "calf_raise"
    repeats = [step for step in steps if step["duration_type"] == "repeat_until_steps_cmplt"]
    loops = [(step["duration_step"], step["repeat_steps"]) for step in repeats]
    assert loops[:2] == [(1, 3), (4, 4)]


def test_timed_items_are_time_steps() -> None:
    files = workouts(_timing_plan())
    kinds = {name.split("-", 3)[3] for name in files}
    assert {"strength.fit", "spring.fit", "run_addon.fit"} <= kinds
    timed = {"Pogo jumps", "Jump rope", "Strides"}
    seen: set[str] = set()
    for data in files.values():
        for name, fields in _with_fitdecode(data):
            step_name = fields.get("wkt_step_name")
            if name == "workout_step" and step_name in timed:
                assert fields["duration_type"] == "time"
                assert fields["duration_time"] > 0
                seen.add(step_name)
    assert seen == timed


@pytest.mark.parametrize("plan_name", PLANS)
def test_files_are_deterministic_and_uniquely_named(plan_name: str) -> None:
    first = workouts(PLANS[plan_name]())
    again = workouts(PLANS[plan_name]())
    assert first == again
    assert all(name.endswith(".fit") for name in first)
    serials = {_with_fitdecode(data)[0][1]["serial_number"] for data in first.values()}
    assert len(serials) == len(first)


def _plan_of(*sessions: Session) -> Plan:
    return Plan(start=date(2026, 11, 23), week_types={}, weeks=(Week(1, sessions),))


def _session(day: str, kind: str, items: list[Item]) -> Session:
    return Session(Weekday.TUE, date.fromisoformat(day), SessionKind(kind), tuple(items))


SEATED = Item(ExerciseId.SEATED_CALF_RAISE, sets=1, reps=15, side=Side.LEFT)


def test_one_set_has_no_rest_and_same_day_sessions_get_their_own_file() -> None:
    session = _session("2026-11-24", "strength", [SEATED])
    files = session_workouts(_plan_of(session, session))
    assert list(files) == ["2026-11-24-strength.fit", "2026-11-24-strength-2.fit"]
    for decoder in DECODERS.values():
        first, second = (decoder(data) for data in files.values())
        assert first[0][1]["serial_number"] != second[0][1]["serial_number"]
        steps = [fields for name, fields in first if name == "workout_step"]
        assert [_summary(step) for step in steps] == [("Seated calf raise (left)", "reps", 15)]


def _damaged(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """The example plan document with one part broken by ``change``."""
    document: dict[str, Any] = json.loads(json.dumps(_example_plan()))
    change(document)
    return document


def _first_item(document: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = document["plan"]["weeks"][0]["sessions"][0]["items"][0]
    return item


# The exports take the engine's typed plan: a malformed document is refused by the reader
# that stands before them (InvalidDocument is a ValueError naming the field), so no file is made.
FIRST_ITEM = "plan.weeks[0].sessions[0].items[0]"


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        (_damaged(lambda d: d.update(plan=[])), "plan"),
        (_damaged(lambda d: _first_item(d).update(reps=0)), f"{FIRST_ITEM}.reps"),
        (_damaged(lambda d: _first_item(d).update(sets=True)), f"{FIRST_ITEM}.sets"),
        (
            _damaged(lambda d: d["plan"]["weeks"][0].update(sessions="none")),
            "plan.weeks[0].sessions",
        ),
    ],
)
def test_a_malformed_plan_is_refused(plan: dict[str, Any], field: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(field)}: "):
        workouts(plan)
