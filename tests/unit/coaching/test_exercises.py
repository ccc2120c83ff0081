"""The exercise catalogue: complete, well-formed, and dosed as the spec says."""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType

import pytest

from calfcoach.coaching.exercises import CATALOGUE, Exercise, exercise
from calfcoach.coaching.vocabulary import ExerciseId, StressKind, Unit

EXPECTED_UNITS = {
    ExerciseId.STRAIGHT_KNEE_CALF_RAISE: Unit.REPS,
    ExerciseId.BENT_KNEE_CALF_RAISE: Unit.REPS,
    ExerciseId.POGO_JUMPS: Unit.SECONDS,
    ExerciseId.JUMP_ROPE: Unit.SECONDS,
    ExerciseId.STRIDES: Unit.SECONDS,
    ExerciseId.HILL_SURGES: Unit.SECONDS,
    ExerciseId.HILL_WALK: Unit.SECONDS,
    ExerciseId.ANKLE_RANGE: Unit.REPS,
    ExerciseId.SINGLE_LEG_BALANCE: Unit.SECONDS,
    ExerciseId.WARM_UP: Unit.SECONDS,
    ExerciseId.STAIR_CALF_RAISE: Unit.REPS,
    ExerciseId.SEATED_CALF_RAISE: Unit.REPS,
    ExerciseId.JUMP_SQUAT: Unit.REPS,
    ExerciseId.FARMERS_CARRY: Unit.SECONDS,
}

EXPECTED_STRESS = {
    ExerciseId.STRIDES: StressKind.STRIDES,
    ExerciseId.POGO_JUMPS: StressKind.POGO,
    ExerciseId.JUMP_ROPE: StressKind.JUMP_ROPE,
    ExerciseId.HILL_SURGES: StressKind.HILL_SURGES,
    ExerciseId.HILL_WALK: StressKind.HILL_WALKS,
    ExerciseId.JUMP_SQUAT: StressKind.JUMP_SQUATS,
}

A2_FOUR = (
    ExerciseId.STAIR_CALF_RAISE,
    ExerciseId.SEATED_CALF_RAISE,
    ExerciseId.JUMP_SQUAT,
    ExerciseId.FARMERS_CARRY,
)

PLYOMETRIC = {ExerciseId.POGO_JUMPS, ExerciseId.JUMP_ROPE, ExerciseId.JUMP_SQUAT}


def _steps_text(exercise_id: ExerciseId) -> str:
    return " ".join(CATALOGUE[exercise_id].steps).lower()


def test_every_id_is_catalogued_once_in_enum_order() -> None:
    assert list(CATALOGUE) == list(ExerciseId)
    ids_of_entries = Counter(entry.id for entry in CATALOGUE.values())
    assert ids_of_entries == Counter(ExerciseId)
    for exercise_id, entry in CATALOGUE.items():
        assert isinstance(entry, Exercise)
        assert entry.id is exercise_id


def test_catalogue_is_read_only() -> None:
    assert isinstance(CATALOGUE, MappingProxyType)
    with pytest.raises(TypeError):
        # ignore[index]: writing to the read-only mapping is the point of the test.
        CATALOGUE[ExerciseId.WARM_UP] = CATALOGUE[ExerciseId.STRIDES]  # type: ignore[index]


@pytest.mark.parametrize("exercise_id", list(ExerciseId))
def test_entries_are_filled_in(exercise_id: ExerciseId) -> None:
    entry = CATALOGUE[exercise_id]
    assert entry.name.strip()
    assert entry.trains.strip()
    assert 3 <= len(entry.steps) <= 6
    assert 2 <= len(entry.cues) <= 4
    assert all(step.strip() for step in entry.steps)
    assert all(cue.strip() for cue in entry.cues)
    assert all(item.strip() for item in entry.equipment)
    assert entry.source in {"A1", "A2", "A1 + research"}


def test_units_match_the_spec() -> None:
    assert {eid: entry.unit for eid, entry in CATALOGUE.items()} == EXPECTED_UNITS


def test_stress_kinds_match_the_spec() -> None:
    actual = {eid: entry.stress for eid, entry in CATALOGUE.items() if entry.stress is not None}
    assert actual == EXPECTED_STRESS
    # Each S6 stress kind is introduced by exactly one exercise.
    assert sorted(actual.values()) == sorted(StressKind)


def test_contacts_only_for_plyometrics() -> None:
    with_contacts = {eid for eid, entry in CATALOGUE.items() if entry.contacts_per_unit > 0}
    assert with_contacts == PLYOMETRIC
    assert CATALOGUE[ExerciseId.POGO_JUMPS].contacts_per_unit == pytest.approx(2.2)
    assert CATALOGUE[ExerciseId.JUMP_ROPE].contacts_per_unit == pytest.approx(2.2)
    assert CATALOGUE[ExerciseId.JUMP_SQUAT].contacts_per_unit == pytest.approx(1.0)
    assert all(entry.contacts_per_unit >= 0 for entry in CATALOGUE.values())


@pytest.mark.parametrize("exercise_id", A2_FOUR)
def test_a2_exercises_cite_a2(exercise_id: ExerciseId) -> None:
    assert CATALOGUE[exercise_id].source == "A2"


def test_only_a2_exercises_cite_a2() -> None:
    assert {eid for eid, entry in CATALOGUE.items() if entry.source == "A2"} == set(A2_FOUR)


def test_stair_calf_raise_follows_a2() -> None:
    entry = CATALOGUE[ExerciseId.STAIR_CALF_RAISE]
    text = _steps_text(ExerciseId.STAIR_CALF_RAISE)
    assert "edge" in entry.steps[0].lower()
    assert "balls of your feet" in entry.steps[0].lower()
    assert "rail" in text
    assert "below the stair" in text
    assert "stretch" in text
    assert len(entry.steps) == 4


def test_stair_calf_raise_warns_about_insertional_heel_pain() -> None:
    entry = CATALOGUE[ExerciseId.STAIR_CALF_RAISE]
    everything = " ".join((*entry.steps, *entry.cues)).lower()
    assert "insertional" in everything
    assert "heel bone" in everything
    assert "level with the step" in everything


def test_seated_calf_raise_follows_a2() -> None:
    entry = CATALOGUE[ExerciseId.SEATED_CALF_RAISE]
    first = entry.steps[0].lower()
    assert "dumbbell" in first
    assert "thighs" in first
    assert "knees" in first
    assert "balls of your feet" in entry.steps[1].lower()
    assert "pause" in entry.steps[2].lower()
    assert any("dumbbell" in item for item in entry.equipment)


def test_jump_squat_follows_a2() -> None:
    entry = CATALOGUE[ExerciseId.JUMP_SQUAT]
    assert "shoulder-width" in entry.steps[0].lower()
    assert "parallel to the floor" in entry.steps[1].lower()
    assert "jump explosively" in entry.steps[2].lower()
    assert "knees slightly bent" in entry.steps[3].lower()


def test_farmers_carry_follows_a2() -> None:
    entry = CATALOGUE[ExerciseId.FARMERS_CARRY]
    assert "dumbbell in each hand" in entry.steps[0].lower()
    assert "shoulder blades" in entry.steps[1].lower()
    assert "small steps" in entry.steps[2].lower()
    assert any("dumbbell" in item for item in entry.equipment)


def test_a1_strength_raises_are_heavy_and_slow() -> None:
    for exercise_id in (ExerciseId.STRAIGHT_KNEE_CALF_RAISE, ExerciseId.BENT_KNEE_CALF_RAISE):
        text = _steps_text(exercise_id)
        assert "2-3 seconds" in text
        assert "beat at the top" in text
        assert CATALOGUE[exercise_id].source == "A1"
    assert "knees straight" in _steps_text(ExerciseId.STRAIGHT_KNEE_CALF_RAISE)
    assert "bend" in _steps_text(ExerciseId.BENT_KNEE_CALF_RAISE)


def test_ankle_range_keeps_the_heel_down_and_knee_over_second_toe() -> None:
    text = _steps_text(ExerciseId.ANKLE_RANGE)
    assert "wall" in text
    assert "heel down" in text
    assert "second toe" in text


def test_exercise_lookup_by_enum_and_plain_string() -> None:
    assert exercise(ExerciseId.POGO_JUMPS) is CATALOGUE[ExerciseId.POGO_JUMPS]
    found = exercise("pogo_jumps")
    assert found.id is ExerciseId.POGO_JUMPS
    assert found.unit is Unit.SECONDS


def test_exercise_lookup_of_unknown_id_raises_key_error() -> None:
    with pytest.raises(KeyError, match="nope"):
        exercise("nope")


def test_exercises_are_immutable() -> None:
    entry = exercise(ExerciseId.WARM_UP)
    with pytest.raises(AttributeError):
        entry.name = "changed"  # type: ignore[misc]  # assigning to a frozen field is the test
