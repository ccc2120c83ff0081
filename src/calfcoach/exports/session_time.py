"""A planned session as the exports show it: each item's dose in words, the rests a watch counts
down and a calendar's time slot.

Pure: a session's typed items in, words and seconds out. The watch workouts and the calendar
share these figures, so a 25-minute slot in the phone's calendar is the session the watch will
run, and the web's day page reads the doses the calendar's events do.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from calfcoach.coaching.plan import Item
from calfcoach.coaching.vocabulary import Side

# Rest after each set, by exercise; anything not listed rests DEFAULT_REST_SECONDS.
REST_SECONDS: Mapping[str, int] = {
    "pogo_jumps": 45,
    "jump_rope": 45,
    "jump_squat": 45,
    "strides": 60,
    "hill_surges": 90,
    "ankle_range": 30,
    "single_leg_balance": 30,
}
DEFAULT_REST_SECONDS = 60
# A slow calf raise: 3-4 s down, up, a beat at the top (P3's tempo).
SECONDS_PER_REP = 5
SLOT_STEP_MINUTES = 5
SHORTEST_SLOT_MINUTES = 10


def rest_after_set(exercise: str) -> int:
    return REST_SECONDS.get(exercise, DEFAULT_REST_SECONDS)


def item_seconds(item: Item) -> int:
    """One dosed item: its sets of work with a rest between them (none after the last)."""
    work = item.reps * SECONDS_PER_REP if item.reps is not None else item.seconds or 0
    return item.sets * work + (item.sets - 1) * rest_after_set(item.exercise)


def session_minutes(items: Sequence[Item]) -> int:
    """The session's slot: its work and rests, rounded up to 5 minutes, at least 10."""
    total = sum(item_seconds(item) for item in items)
    slots = math.ceil(total / 60 / SLOT_STEP_MINUTES) * SLOT_STEP_MINUTES
    return max(SHORTEST_SLOT_MINUTES, slots)


def dose(item: Item) -> str:
    """``3 x 6``, ``2 x 15 s`` or ``5 min``, with the side when it is one leg."""
    if item.reps is None and item.sets == 1 and item.seconds is not None and item.seconds >= 120:
        minutes = item.seconds / 60
        return f"{item.seconds // 60} min" if item.seconds % 60 == 0 else f"{minutes:.1f} min"
    amount = f"{item.reps}" if item.reps is not None else f"{item.seconds} s"
    side = "" if item.side is Side.BOTH else f" ({item.side.value})"
    return f"{item.sets} x {amount}{side}"
