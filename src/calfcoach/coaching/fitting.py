"""Fit an item's dose under a ceiling, on its ladder (``coaching/ladders.py``).

A ceiling is the highest dose one session may hold (strictly under it after pain). An
item takes the highest rung under its ceiling, or an earlier week's dose again where that
is higher (a held or stepped-back week repeats what was prescribed); a per-side pair keeps
the weaker side's one extra set (P10).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calfcoach.coaching.ladders import at_most, rungs
from calfcoach.coaching.plan import Item, Week
from calfcoach.coaching.vocabulary import ExerciseId, Side

Key = tuple[ExerciseId, Side]
NO_LIMIT = float("inf")


@dataclass(frozen=True, slots=True)
class Ceiling:
    """The highest dose an item may take in one session (strict: under it)."""

    volume: float = NO_LIMIT
    strict: bool = False

    def lower(self, volume: float, strict: bool = False) -> Ceiling:
        if volume < self.volume or (volume == self.volume and strict):
            return Ceiling(volume, strict)
        return self


def key_of(item: Item) -> Key:
    return item.exercise, item.side


def doses_in(week: Week, key: Key) -> list[int]:
    """The doses of ``key`` in the week's sessions, in date order."""
    return [
        sum(i.volume for i in s.items if key_of(i) == key)
        for s in sorted(week.sessions, key=lambda s: s.date)
        if any(key_of(i) == key for i in s.items)
    ]


def is_element(item: Item) -> bool:
    return item.exercise is not ExerciseId.WARM_UP


def fit_session(
    items: tuple[Item, ...],
    ceilings: Mapping[Key, Ceiling],
    dropped: set[Key],
    previous: Mapping[Key, list[Item]],
) -> tuple[Item, ...]:
    """Each item at the highest rung under its ceiling; a per-side pair stays a pair (P10)."""
    fitted: list[Item] = []
    for item in items:
        if not is_element(item):
            fitted.append(item)
            continue
        if key_of(item) in dropped:
            continue
        pair = _pair_of(item, items)
        if pair is not None:
            chosen = _fit_pair(item, pair, ceilings)
        else:
            ceiling = ceilings.get(key_of(item), Ceiling())
            chosen = _fit(item, ceiling, previous.get(key_of(item), []))
        if chosen is not None:
            fitted.append(chosen)
    return tuple(fitted)


def _fit(item: Item, ceiling: Ceiling, previous: list[Item]) -> Item | None:
    """The highest rung under the ceiling, or an earlier week's dose again where higher."""
    if ceiling.volume == NO_LIMIT:
        return item
    best = at_most(item, ceiling.volume, below=ceiling.strict)
    for earlier in previous:
        fits = earlier.volume <= item.volume and _within(earlier.volume, ceiling)
        if fits and (best is None or earlier.volume >= best.volume):
            best = item.with_dose(earlier.sets, earlier.per_set)
    return best


def _pair_of(item: Item, items: tuple[Item, ...]) -> Item | None:
    """The other side of a per-side exercise whose weaker side has one set more (P10)."""
    if item.side is Side.BOTH:
        return None
    other = next(
        (i for i in items if i.exercise is item.exercise and i.side is item.side.other), None
    )
    if other is None or abs(item.sets - other.sets) != 1:
        return None
    return other


def _fit_pair(item: Item, other: Item, ceilings: Mapping[Key, Ceiling]) -> Item | None:
    """``item``'s dose in a pair where the weaker side keeps exactly one set more."""
    weaker, stronger = (item, other) if item.sets > other.sets else (other, item)
    strong_ceiling = ceilings.get(key_of(stronger), Ceiling())
    weak_ceiling = ceilings.get(key_of(weaker), Ceiling())
    if strong_ceiling.volume == NO_LIMIT and weak_ceiling.volume == NO_LIMIT:
        return item
    for rung in rungs(stronger):
        if not _within(rung.volume, strong_ceiling):
            continue
        partner = weaker.with_dose(rung.sets + 1, rung.per_set)
        if _within(partner.volume, weak_ceiling):
            return rung if item is stronger else partner
    return None


def _within(volume: int, ceiling: Ceiling) -> bool:
    return volume < ceiling.volume or (not ceiling.strict and volume <= ceiling.volume)
