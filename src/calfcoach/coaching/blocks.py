"""The four-week blocks as data (coaching spec section 4): each element's planned path.

Each target has three written weeks; week 4 is derived (S8: keep loads, trim volume
by 20 %), except where A1's own table names the week-4 add-on (hill surges in P8).
Every path climbs within its ladder's largest step (``coaching/ladders.py``): the
general block is A1's table exactly; the others are written to the same steps.
Spring and speed work appear only in blocks past the P6 gate (20+ clean reps a side),
so the strength block has none.
A ``Item`` is one line of a session; an ``AddOn`` is a spring or run add-on session
repeated on ``days`` days of the week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from calfcoach.coaching.plan import Item
from calfcoach.coaching.vocabulary import ExerciseId, Target

SK = ExerciseId.STRAIGHT_KNEE_CALF_RAISE
BK = ExerciseId.BENT_KNEE_CALF_RAISE

HEAVY_SLOW = "Heavy and slow: 2-3 s down, a beat of pause at the top"
STRIDES_NOTE = "At the end of an easy run: smooth build to fast and relaxed, walk back to recover"
POGO_NOTE = "Small, quick, light contacts; stiffness and rhythm, not height"
ROPE_NOTE = "On a mat, calm and low; stop the block when the rhythm goes"


@dataclass(frozen=True, slots=True)
class AddOn:
    doses: tuple[Item, ...]
    days: int


@dataclass(frozen=True, slots=True)
class WeekBlock:
    strength: tuple[Item, ...]
    add_ons: tuple[AddOn, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    rule: str
    summary: str
    weeks: tuple[WeekBlock, WeekBlock, WeekBlock]
    # None: week 4 trims week 3's add-ons by 20 % too; otherwise these add-ons.
    week4_add_ons: tuple[AddOn, ...] | None = None


def _raise(ex: ExerciseId, sets: int, reps: int, note: str = HEAVY_SLOW) -> Item:
    return Item(ex, sets, reps=reps, note=note)


def _timed(ex: ExerciseId, sets: int, seconds: int, note: str, days: int) -> AddOn:
    return AddOn((Item(ex, sets, seconds=seconds, note=note),), days)


EASY_RUNS = "Keep every run easy this week; the calves are rebuilding."
WAIT_FOR_SPRING = (
    "No hops, strides or surges in this block: they start once a retest shows 20 clean "
    "heel raises a side."
)

GENERAL = Block(
    "P8",
    "The standard four-week block: heavy, slow calf raises twice a week and one run "
    "add-on at a time.",
    (
        WeekBlock(
            (_raise(SK, 3, 6), _raise(BK, 3, 10)),
            (_timed(ExerciseId.STRIDES, 4, 15, STRIDES_NOTE, 2),),
        ),
        WeekBlock(
            (_raise(SK, 4, 6), _raise(BK, 3, 12)),
            (_timed(ExerciseId.POGO_JUMPS, 2, 20, POGO_NOTE, 1),),
        ),
        WeekBlock(
            (_raise(SK, 5, 5), _raise(BK, 4, 10)),
            (_timed(ExerciseId.STRIDES, 6, 15, STRIDES_NOTE, 2),),
        ),
    ),
    week4_add_ons=(
        _timed(ExerciseId.HILL_SURGES, 6, 10, "Inside an easy run, on a moderate hill", 1),
    ),
)

_HEAVY = "Heavy: a load you could lift only 1-2 more times; 2-3 s down, pause at the top"
STRENGTH = Block(
    "P1",
    "Strength first: heavy, slow calf raises with low reps and easy runs. Hops, strides "
    "and hill surges wait until a retest shows 20 clean heel raises a side.",
    (
        WeekBlock((_raise(SK, 3, 6, _HEAVY), _raise(BK, 3, 8, _HEAVY)), (), (EASY_RUNS,)),
        WeekBlock((_raise(SK, 4, 6, _HEAVY), _raise(BK, 3, 8, _HEAVY)), (), (EASY_RUNS,)),
        WeekBlock((_raise(SK, 5, 5, _HEAVY), _raise(BK, 4, 7, _HEAVY)), (), (WAIT_FOR_SPRING,)),
    ),
)

_MODERATE = "Moderate load, smooth tempo: stop 2-3 reps short of failure"
_HILL_WALK = "Brisk walk up a moderate hill on a rest day; walk down easy"
ENDURANCE = Block(
    "P3",
    "Endurance: longer sets at moderate load, plus short hill walks on rest days.",
    (
        WeekBlock(
            (_raise(SK, 3, 8, _MODERATE), _raise(BK, 3, 15, _MODERATE)),
            (_timed(ExerciseId.HILL_WALK, 1, 600, _HILL_WALK, 1),),
        ),
        WeekBlock(
            (_raise(SK, 3, 10, _MODERATE), _raise(BK, 3, 18, _MODERATE)),
            (
                _timed(ExerciseId.HILL_WALK, 1, 450, _HILL_WALK, 2),
                _timed(ExerciseId.STRIDES, 4, 15, STRIDES_NOTE, 2),
            ),
        ),
        WeekBlock(
            (_raise(SK, 3, 12, _MODERATE), _raise(BK, 3, 20, _MODERATE)),
            (
                _timed(ExerciseId.HILL_WALK, 1, 600, _HILL_WALK, 2),
                _timed(ExerciseId.STRIDES, 6, 15, STRIDES_NOTE, 2),
            ),
        ),
    ),
)

_FULL_RECOVERY = "Full recovery between strides: walk back slowly"
TIMING = Block(
    "P4",
    "Timing: keep the strength base, add short quick contacts in low volume on easy days.",
    (
        WeekBlock(
            (_raise(SK, 3, 6), _raise(BK, 3, 10)),
            (_timed(ExerciseId.STRIDES, 4, 15, _FULL_RECOVERY, 2),),
        ),
        WeekBlock(
            (_raise(SK, 4, 6), _raise(BK, 3, 12)),
            (
                _timed(ExerciseId.POGO_JUMPS, 2, 15, POGO_NOTE, 2),
                _timed(ExerciseId.STRIDES, 4, 20, _FULL_RECOVERY, 1),
            ),
        ),
        WeekBlock(
            (_raise(SK, 5, 5), _raise(BK, 4, 10)),
            (
                _timed(ExerciseId.POGO_JUMPS, 3, 15, POGO_NOTE, 2),
                _timed(ExerciseId.STRIDES, 6, 20, _FULL_RECOVERY, 1),
            ),
        ),
    ),
)

_POGO_AFTER_ROPE = "Only once the rope feels smooth; otherwise do another rope block instead"
TIMING_ROPE_FIRST = Block(
    "P5",
    "Timing, rope first: the bounce felt awkward or lost its rhythm, so spring work starts "
    "with calm jump rope on a mat and pogo comes only after it.",
    (
        WeekBlock(
            (_raise(SK, 3, 6), _raise(BK, 3, 10)),
            (_timed(ExerciseId.JUMP_ROPE, 4, 10, ROPE_NOTE, 2),),
        ),
        WeekBlock(
            (_raise(SK, 4, 6), _raise(BK, 3, 12)),
            (
                _timed(ExerciseId.JUMP_ROPE, 4, 10, ROPE_NOTE, 2),
                _timed(ExerciseId.STRIDES, 4, 15, _FULL_RECOVERY, 1),
            ),
        ),
        WeekBlock(
            (_raise(SK, 5, 5), _raise(BK, 4, 10)),
            (
                _timed(ExerciseId.POGO_JUMPS, 2, 15, _POGO_AFTER_ROPE, 1),
                _timed(ExerciseId.JUMP_ROPE, 4, 10, ROPE_NOTE, 1),
                _timed(ExerciseId.STRIDES, 4, 20, _FULL_RECOVERY, 1),
            ),
        ),
    ),
)

_GENTLE = "On two legs, slow and pain-free; stop if it hurts and ask your clinician"
_GENTLE_WEEK = WeekBlock(
    (_raise(SK, 2, 10, _GENTLE), _raise(ExerciseId.SEATED_CALF_RAISE, 2, 12, _GENTLE))
)
GENTLE = Block(
    "C0",
    "Gentle, non-provoking strength only, while you wait to see a clinician: no spring "
    "work, strides, hill surges or jump squats.",
    (_GENTLE_WEEK, _GENTLE_WEEK, _GENTLE_WEEK),  # no progression until a clinician clears it
)

BLOCKS: Mapping[Target, Block] = MappingProxyType(
    {
        Target.GENERAL: GENERAL,
        Target.STRENGTH: STRENGTH,
        Target.ENDURANCE: ENDURANCE,
        Target.TIMING: TIMING,
    }
)

# Goal `size` (A2): A2's calf list, 4-5 sets of 6-12 reps, twice a week, beside the
# target's own calf raises.
_SIZE_NOTE = "4-5 sets of 6-12 reps; the last reps should be hard"
SIZE_STRENGTH: tuple[tuple[Item, ...], tuple[Item, ...], tuple[Item, ...]] = (
    (
        _raise(ExerciseId.STAIR_CALF_RAISE, 4, 8, _SIZE_NOTE),
        _raise(ExerciseId.SEATED_CALF_RAISE, 4, 8, _SIZE_NOTE),
        Item(ExerciseId.FARMERS_CARRY, 4, seconds=30, note="Tall, quick small steps"),
    ),
    (
        _raise(ExerciseId.STAIR_CALF_RAISE, 4, 10, _SIZE_NOTE),
        _raise(ExerciseId.SEATED_CALF_RAISE, 4, 10, _SIZE_NOTE),
        Item(ExerciseId.FARMERS_CARRY, 4, seconds=40, note="Tall, quick small steps"),
    ),
    (
        _raise(ExerciseId.STAIR_CALF_RAISE, 5, 10, _SIZE_NOTE),
        _raise(ExerciseId.SEATED_CALF_RAISE, 5, 10, _SIZE_NOTE),
        Item(ExerciseId.FARMERS_CARRY, 5, seconds=40, note="Tall, quick small steps"),
    ),
)
SIZE_JUMP_SQUATS = (
    AddOn((Item(ExerciseId.JUMP_SQUAT, 4, reps=6, note="Land softly, knees slightly bent"),), 1),
    AddOn((Item(ExerciseId.JUMP_SQUAT, 4, reps=8, note="Land softly, knees slightly bent"),), 1),
)
