"""Dose ladders (coaching spec section 4, "Dose ladders"): how far each element may move.

Every element of a plan (an exercise other than the warm-up) climbs a ladder of doses,
from its smallest dose to the dose the block plans for that week. A rung is a number of
sets times a set's reps or seconds; the rungs below a planned dose keep the set's length
where they can (fewer sets first), so a smaller dose is the same work, less of it.

The steps are data: ``MAX_RISE`` is the largest week-over-week rise of A1's own table for
the element (straight-knee 3x6 -> 4x6 is 4/3, bent-knee 3x10 -> 3x12 is 6/5, strides
4x15 -> 6x15 is 3/2); elements A1 does not progress take A1's largest step, 3/2. A slow
step ("build slower", S2) is half a normal step, and always at least the next rung up.
Every rise is measured on the session's dose and on the week's volume.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction
from functools import lru_cache
from math import ceil, floor
from types import MappingProxyType

from calfcoach.coaching.plan import Item
from calfcoach.coaching.vocabulary import ExerciseId

A1_LARGEST_STEP = Fraction(3, 2)
MAX_RISE: Mapping[ExerciseId, Fraction] = MappingProxyType(
    {
        ExerciseId.STRAIGHT_KNEE_CALF_RAISE: Fraction(4, 3),  # A1 week 1 -> 2: 3x6 -> 4x6
        ExerciseId.BENT_KNEE_CALF_RAISE: Fraction(6, 5),  # A1 week 1 -> 2: 3x10 -> 3x12
        ExerciseId.STRIDES: Fraction(3, 2),  # A1 week 1 -> 3: 4x15 -> 6x15
    }
)
WEEK4_SHARE = Fraction(4, 5)  # S8: keep loads, trim volume by 20 %
SECONDS_STEP = 5  # timed sets move in steps of 5 s


def max_rise(exercise: ExerciseId) -> Fraction:
    """The largest rise a week may bring for ``exercise`` (a ratio of volumes)."""
    return MAX_RISE.get(exercise, A1_LARGEST_STEP)


def slow_rise(exercise: ExerciseId) -> Fraction:
    """Half a normal step: what "build slower" allows (S2)."""
    return 1 + (max_rise(exercise) - 1) / 2


def rungs(planned: Item) -> Iterator[Item]:
    """Every dose on ``planned``'s ladder, from the planned dose down.

    Several sets keep at least half the planned set length (reps, or seconds in steps of
    5 s); a single set can shrink to the smallest unit. Ties in volume prefer the longer
    set (the same load or stride length, fewer of them).
    """
    for sets, per in _shapes(planned.sets, planned.per_set, planned.seconds is not None):
        yield planned.with_dose(sets, per)


@lru_cache(maxsize=1024)
def _shapes(top_sets: int, top: int, timed: bool) -> tuple[tuple[int, int], ...]:
    unit = SECONDS_STEP if timed else 1
    half = max(unit, ceil(top / 2 / unit) * unit)
    doses = {(sets, per) for sets in range(1, top_sets + 1) for per in _lengths(top, half, unit)}
    doses |= {(1, per) for per in _lengths(top, unit, unit)}
    doses.add((top_sets, top))
    return tuple(sorted(doses, key=lambda d: (-(d[0] * d[1]), -d[1])))


def _lengths(top: int, low: int, unit: int) -> list[int]:
    found = list(range(low, top + 1, unit))
    return [*found, top] if top not in found else found


def at_most(planned: Item, limit: float, *, below: bool = False) -> Item | None:
    """The largest rung of ``planned``'s ladder within ``limit`` (or under it), if any."""
    for rung in rungs(planned):
        if rung.volume < limit or (not below and rung.volume <= limit):
            return rung
    return None


def next_rung_above(planned: Item, volume: int) -> int | None:
    """The volume of the next rung above ``volume``: one more full set where there is one
    (the same reps or stride length), else the smallest step up there is."""
    above = [r for r in rungs(planned) if r.volume > volume]
    full = [r.volume for r in above if r.per_set == planned.per_set]
    if full:
        return min(full)
    return min((r.volume for r in above), default=None)


def rise_limit(exercise: ExerciseId, base: int, *, slow: bool, planned: Item) -> float:
    """How high a dose may go after ``base`` in one week's step (normal or slow)."""
    normal = float(max_rise(exercise) * base)
    if not slow:
        return normal
    step = float(slow_rise(exercise) * base)
    smallest = next_rung_above(planned, base)
    return min(max(step, smallest), normal) if smallest is not None else step


def half_of(volume: int) -> int:
    """S2: half the dose, rounded down."""
    return volume // 2


def week4_limit(volume: int) -> int:
    """S8: at most 80 % of week 3's volume, rounded down so no rounding can exceed it."""
    return floor(WEEK4_SHARE * volume)
