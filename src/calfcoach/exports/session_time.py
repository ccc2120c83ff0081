"""How long a planned session takes: the rests a watch counts down and a calendar's time slot.

Pure: a session's items in, seconds out. The watch workouts and the calendar share these
figures, so a 25-minute slot in the phone's calendar is the session the watch will run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

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


def item_seconds(item: Mapping[str, object]) -> int:
    """One dosed item: its sets of work with a rest between them (none after the last)."""
    sets = _whole(item.get("sets")) or 1
    reps, seconds = _whole(item.get("reps")), _whole(item.get("seconds"))
    work = reps * SECONDS_PER_REP if reps is not None else seconds or 0
    return sets * work + (sets - 1) * rest_after_set(str(item.get("exercise", "")))


def session_minutes(items: Sequence[Mapping[str, object]]) -> int:
    """The session's slot: its work and rests, rounded up to 5 minutes, at least 10."""
    total = sum(item_seconds(item) for item in items)
    slots = math.ceil(total / 60 / SLOT_STEP_MINUTES) * SLOT_STEP_MINUTES
    return max(SHORTEST_SLOT_MINUTES, slots)


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
