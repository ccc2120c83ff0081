"""Rules that every plan must keep, applied after a plan is built or adjusted.

- P7: a beginner's plyometric session stays at or under 100 foot contacts.
- S6: at most one kind of stress a week that was absent from every earlier week
  (a new stress the runner adds to their own running counts as that week's one).
Both only ever remove volume, so they can follow any adjustment safely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import Item, Session, Week
from calfcoach.coaching.vocabulary import ExerciseId, StressKind

MAX_BEGINNER_CONTACTS = 100  # P7, NSCA beginner guidance of 80-100 contacts


def cap_contacts(weeks: Iterable[Week]) -> tuple[tuple[Week, ...], list[str]]:
    """P7: shorten plyometric items until each session is within the contact cap."""
    notes: list[str] = []
    capped = []
    for week in weeks:
        sessions = []
        for session in week.sessions:
            if session.contacts <= MAX_BEGINNER_CONTACTS:
                sessions.append(session)
                continue
            shorter = _shorten(session)
            sessions.append(shorter)
            notes.append(
                f"Week {week.number} {session.day.label}: {round(session.contacts)} foot contacts "
                f"cut to {round(shorter.contacts)} (a beginner session stays at or under "
                f"{MAX_BEGINNER_CONTACTS})."
            )
        capped.append(replace(week, sessions=tuple(sessions)))
    return tuple(capped), notes


def _shorten(session: Session) -> Session:
    items = list(session.items)
    while sum(i.contacts for i in items) > MAX_BEGINNER_CONTACTS:
        index = max(range(len(items)), key=lambda i: items[i].contacts)
        item = items[index]
        if item.sets > 1:
            items[index] = item.with_dose(item.sets - 1, item.per_set)
        else:
            items[index] = item.with_dose(1, item.per_set - 1)
    return replace(session, items=tuple(i for i in items if i.per_set > 0))


def one_new_stress(
    weeks: Iterable[Week], runner_adds: Mapping[int, str]
) -> tuple[tuple[Week, ...], list[str]]:
    """S6: keep the first new stress of each week (in session order), drop the rest.

    ``runner_adds`` maps a week number to the new stress the runner adds to their own
    running that week; it takes the week's one slot.
    """
    seen: set[StressKind] = set()
    kept_weeks = []
    notes: list[str] = []
    for week in weeks:
        new = _first_appearances(week.sessions, seen)
        allowed = set() if week.number in runner_adds else set(new[:1])
        dropped = [kind for kind in new if kind not in allowed]
        if dropped:
            why = (
                f"you add {runner_adds[week.number]} to your running that week"
                if week.number in runner_adds
                else f"{new[0].value.replace('_', ' ')} is already new that week"
            )
            names = ", ".join(k.value.replace("_", " ") for k in dropped)
            notes.append(f"Week {week.number}: {names} left out because {why}.")
        kept = _without(week, set(dropped)) if dropped else week
        seen |= kept.stresses()
        kept_weeks.append(kept)
    return tuple(kept_weeks), notes


def _first_appearances(sessions: Iterable[Session], seen: set[StressKind]) -> list[StressKind]:
    order: dict[StressKind, None] = {}
    for session in sessions:
        for item in session.items:
            stress = exercise(item.exercise).stress
            if stress is not None and stress not in seen:
                order[stress] = None
    return list(order)


def _without(week: Week, stresses: set[StressKind]) -> Week:
    def keep(item: Item) -> bool:
        return exercise(item.exercise).stress not in stresses

    return drop_items(week, keep)


def drop_items(week: Week, keep: Callable[[Item], bool]) -> Week:
    """The week with only the items ``keep(item)`` accepts; empty sessions disappear."""
    sessions = []
    for session in week.sessions:
        items = tuple(i for i in session.items if keep(i))
        if any(i.exercise is not ExerciseId.WARM_UP for i in items):
            sessions.append(replace(session, items=items))
    return replace(week, sessions=tuple(sessions))
