"""Placement in the runner's week (coaching spec section 4, P4 and S6).

- Spring work, strides and hill surges go on ``easy`` days (or after a ``quality``
  session), never on a ``long`` or ``race`` day, never on the day before one.
- The two strength days are not consecutive, not the day before a ``long`` or ``race``
  day and not the day after a race (no heavy strength on legs a race has just used).
- At most one spring or speed element a day.
- Hill walks go on ``rest`` days.
The week repeats, so "the day before" and "consecutive" wrap from Sunday to Monday.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from itertools import combinations

from calfcoach.coaching.vocabulary import DayType, Weekday

WeekTypes = Mapping[Weekday, DayType]
BIG_DAYS = frozenset({DayType.LONG, DayType.RACE})


class Slot(StrEnum):
    """Which placement rule a session follows."""

    STRENGTH = "strength"
    SPRING = "spring"
    HILL_WALK = "hill_walk"
    MOBILITY = "mobility"


def is_before_big_day(week: WeekTypes, day: Weekday) -> bool:
    return week[day.shifted(1)] in BIG_DAYS


def is_after_race(week: WeekTypes, day: Weekday) -> bool:
    return week[day.shifted(-1)] is DayType.RACE


def allowed(week: WeekTypes, day: Weekday, slot: Slot) -> bool:
    """Whether a session of ``slot`` may go on ``day`` at all."""
    kind = week[day]
    if slot is Slot.HILL_WALK:
        return kind is DayType.REST
    if kind in BIG_DAYS:
        return False
    if slot is Slot.MOBILITY:
        return True
    if is_before_big_day(week, day):
        return False
    if slot is Slot.STRENGTH:
        return not is_after_race(week, day)
    return kind in {DayType.EASY, DayType.QUALITY}


def consecutive(a: Weekday, b: Weekday) -> bool:
    return (a.position - b.position) % 7 in {1, 6}


# Strength goes best after a quality session (hard days hard), then on easy days.
_STRENGTH_PREFERENCE = {DayType.QUALITY: 0, DayType.EASY: 1, DayType.REST: 2}


def strength_days(week: WeekTypes, wanted: int = 2) -> tuple[Weekday, ...]:
    """The best ``wanted`` (1 or 2) legal strength days, never consecutive."""
    legal = [d for d in Weekday if allowed(week, d, Slot.STRENGTH)]
    pairs = [(a, b) for a, b in combinations(legal, 2) if not consecutive(a, b)]
    if wanted >= 2 and pairs:

        def pair_cost(pair: tuple[Weekday, Weekday]) -> tuple[float, int]:
            a, b = pair
            gap = min((b.position - a.position) % 7, (a.position - b.position) % 7)
            spread = abs(gap - 3.5)  # 3-4 days apart lets the calves recover
            cost = _STRENGTH_PREFERENCE[week[a]] + _STRENGTH_PREFERENCE[week[b]] + spread / 2
            return cost, a.position

        return min(pairs, key=pair_cost)
    if legal:
        return (min(legal, key=lambda d: (_STRENGTH_PREFERENCE[week[d]], d.position)),)
    return ()


def pick_days(
    week: WeekTypes,
    slot: Slot,
    count: int,
    busy: Mapping[Weekday, frozenset[Slot]],
) -> tuple[Weekday, ...]:
    """Up to ``count`` legal days for ``slot``, spread out and away from other sessions.

    A day that already holds spring or speed work takes no more of it (one a day).
    """
    chosen: list[Weekday] = []
    for _ in range(count):
        options = [
            d
            for d in Weekday
            if d not in chosen
            and allowed(week, d, slot)
            and not (slot is Slot.SPRING and Slot.SPRING in busy.get(d, frozenset()))
        ]
        if not options:
            break
        chosen.append(min(options, key=lambda d: _day_cost(week, slot, d, busy, chosen)))
    return tuple(sorted(chosen, key=lambda d: d.position))


def _day_cost(
    week: WeekTypes,
    slot: Slot,
    day: Weekday,
    busy: Mapping[Weekday, frozenset[Slot]],
    chosen: list[Weekday],
) -> tuple[int, int]:
    here = busy.get(day, frozenset())
    cost = 0
    if slot is Slot.SPRING:
        cost += 0 if week[day] is DayType.EASY else 2  # easy days first (P4)
        cost += 1 * (Slot.STRENGTH in here)
    elif slot is Slot.MOBILITY:
        cost += 0 if week[day] is DayType.REST else 1
        cost += 2 * len(here)
    else:
        cost += 2 * len(here)
    cost += 2 * sum(consecutive(day, other) for other in chosen)
    return cost, day.position
