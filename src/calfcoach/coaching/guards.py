"""Rules that every plan must keep, applied after a plan is built or adjusted.

- P7: a beginner's plyometric work stays at or under 100 foot contacts a day.
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
    """P7: shorten plyometric items until each day is within the contact cap.

    Counted per day, not per session: two spring sessions on one day land on the same
    calves, so they share the cap.
    """
    notes: list[str] = []
    capped = []
    for week in weeks:
        sessions = list(week.sessions)
        for day in dict.fromkeys(s.date for s in sessions):
            indexes = [n for n, s in enumerate(sessions) if s.date == day]
            before = sum(sessions[n].contacts for n in indexes)
            if before <= MAX_BEGINNER_CONTACTS:
                continue
            _shorten(sessions, indexes)
            after = sum(sessions[n].contacts for n in indexes)
            notes.append(
                f"Week {week.number} {sessions[indexes[0]].day.label}: {round(before)} foot "
                f"contacts cut to {round(after)} (a beginner stays at or under "
                f"{MAX_BEGINNER_CONTACTS} a day)."
            )
        capped.append(replace(week, sessions=tuple(sessions)))
    return tuple(capped), notes


def _shorten(sessions: list[Session], indexes: list[int]) -> None:
    """Take a set (or, from a last set, a unit) off the biggest plyometric item until it fits."""
    items = {n: list(sessions[n].items) for n in indexes}
    while sum(i.contacts for n in indexes for i in items[n]) > MAX_BEGINNER_CONTACTS:
        n, k = max(
            ((n, k) for n in indexes for k in range(len(items[n]))),
            key=lambda nk: items[nk[0]][nk[1]].contacts,
        )
        item = items[n][k]
        if item.sets > 1:
            items[n][k] = item.with_dose(item.sets - 1, item.per_set)
        else:
            items[n][k] = item.with_dose(1, item.per_set - 1)
    for n in indexes:
        sessions[n] = replace(sessions[n], items=tuple(i for i in items[n] if i.per_set > 0))


def first_new_stress_only(
    week: Week, seen: set[StressKind], runner_adds: Mapping[int, str]
) -> tuple[Week, list[str]]:
    """S6: keep the week's first stress that ``seen`` lacks (in session order), drop the rest.

    ``runner_adds`` maps a week number to the new stress the runner adds to their own
    running that week; it takes the week's one slot.
    """
    new = _first_appearances(week.sessions, seen)
    allowed = set() if week.number in runner_adds else set(new[:1])
    dropped = [kind for kind in new if kind not in allowed]
    if not dropped:
        return week, []
    why = (
        f"you add {runner_adds[week.number]} to your running that week"
        if week.number in runner_adds
        else f"{new[0].value.replace('_', ' ')} is already new that week"
    )
    names = ", ".join(k.value.replace("_", " ") for k in dropped)
    return _without(week, set(dropped)), [f"Week {week.number}: {names} left out because {why}."]


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
