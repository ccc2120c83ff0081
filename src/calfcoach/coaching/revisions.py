"""Edits to a plan's weeks that adjustments are made of; none can raise a dose.

- ``remove``: drop an element's items from sessions on or after a date.

A check-in arrives the morning after a session, so "from now on" includes a session
later on the check-in's own day.
- ``hold``: next week's doses no higher than the last ones given (no progression).
- ``step_back``: each dose no higher than the week before's.
- ``repeat_step``: next week repeats this week's sessions of an element.
- ``transform``: change the element's items (e.g. halve them) in later sessions.
- ``describe_changes``: the changes in a runner's words, for the decision log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import Item, Session, Week, halve, kind_of
from calfcoach.coaching.vocabulary import ExerciseId

Element = frozenset[ExerciseId]
ItemChange = Callable[[Week, Session, Item], Item | None]


def _edit(weeks: tuple[Week, ...], change: ItemChange) -> tuple[Week, ...]:
    edited = []
    for week in weeks:
        sessions = []
        for session in week.sessions:
            items = tuple(i for item in session.items if (i := change(week, session, item)))
            if any(i.exercise is not ExerciseId.WARM_UP for i in items):
                main = next(i for i in items if i.exercise is not ExerciseId.WARM_UP)
                sessions.append(replace(session, items=items, kind=kind_of(main.exercise)))
        edited.append(replace(week, sessions=tuple(sessions)))
    return tuple(edited)


def remove(
    weeks: tuple[Week, ...], element: Element, since: date, through_week: int = 99
) -> tuple[Week, ...]:
    def change(week: Week, session: Session, item: Item) -> Item | None:
        hit = item.exercise in element and session.date >= since and week.number <= through_week
        return None if hit else item

    return _edit(weeks, change)


def _smaller(item: Item, other: Item | None) -> Item | None:
    if other is None:
        return None
    return item if item.volume <= other.volume else item.with_dose(other.sets, other.per_set)


def _last_dose(weeks: tuple[Week, ...], item: Item, up_to_week: int) -> Item | None:
    matches = [
        i
        for w in weeks
        if w.number <= up_to_week
        for s in w.sessions
        for i in s.items
        if i.exercise is item.exercise and i.side is item.side
    ]
    return matches[-1] if matches else None


def hold(weeks: tuple[Week, ...], element: Element, week: int) -> tuple[Week, ...]:
    """Week ``week + 1`` repeats week ``week``'s step; an exercise new then waits."""

    def change(w: Week, _: Session, item: Item) -> Item | None:
        if w.number != week + 1 or item.exercise not in element:
            return item
        return _smaller(item, _last_dose(weeks, item, week))

    return _edit(weeks, change)


def step_back(
    weeks: tuple[Week, ...], element: Element, from_week: int, since: date
) -> tuple[Week, ...]:
    """From ``from_week`` on, each dose is no higher than the week before's."""

    def change(w: Week, session: Session, item: Item) -> Item | None:
        if w.number < from_week or session.date < since or item.exercise not in element:
            return item
        before = _last_dose(weeks, item, w.number - 1)
        if before is None or w.number == 1:
            return item.with_dose(max(1, item.sets - 1), item.per_set)
        return _smaller(item, before) or item

    return _edit(weeks, change)


def transform(
    weeks: tuple[Week, ...],
    element: Element,
    since: date,
    change: Callable[[Item], Item],
    first_only: bool = False,
) -> tuple[Week, ...]:
    """Apply ``change`` to the element's items from ``since`` on (or the next session only)."""
    dates = sorted(
        s.date for w in weeks for s in w.sessions if s.date >= since and s.has_any(element)
    )
    chosen = set(dates[:1]) if first_only else set(dates)

    def edit(_: Week, session: Session, item: Item) -> Item | None:
        if session.date in chosen and item.exercise in element:
            return change(item)
        return item

    return _edit(weeks, edit)


def dose_text(item: Item) -> str:
    unit = f"{item.reps}" if item.reps is not None else f"{item.seconds} s"
    side = "" if item.side.value == "both" else f" ({item.side.value})"
    return f"{exercise(item.exercise).name.lower()} {item.sets} x {unit}{side}"


def short_date(day: date) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"


def describe_changes(before: tuple[Week, ...], after: tuple[Week, ...], limit: int = 4) -> str:
    """'Wed 2 Dec: pogo jumps 2 x 20 s -> 2 x 10 s; ...' or 'nothing left in the plan'."""
    old = {(s.date, s.day): s for w in before for s in w.sessions}
    new = {(s.date, s.day): s for w in after for s in w.sessions}
    changes = [
        f"{short_date(on)}: {change}"
        for (on, day), session in old.items()
        for change in _lowered(session, new.get((on, day)))
    ]
    changes += [
        f"{short_date(on)}: {dose_text(item)} instead"
        for (on, day), session in new.items()
        for item in session.items
        if not _is_warm_up(item) and not _holds(old.get((on, day)), item)
    ]
    if not changes:
        return "nothing left in the plan to change"
    more = f"; and {len(changes) - limit} more" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more


def _lowered(session: Session, now: Session | None) -> list[str]:
    """What became of each of ``session``'s items in ``now``."""
    items = [i for i in session.items if not _is_warm_up(i)]
    if now is None:
        return [", ".join(exercise(i.exercise).name.lower() for i in items) + " off"]
    changes = []
    for item in items:
        match = next((i for i in now.items if _same(i, item)), None)
        if match is None:
            changes.append(f"{dose_text(item)} off")
        elif match != item:
            changes.append(f"{dose_text(item)} -> {dose_text(match)}")
    return changes


def _holds(session: Session | None, item: Item) -> bool:
    return session is not None and any(_same(i, item) for i in session.items)


def _same(a: Item, b: Item) -> bool:
    return a.exercise is b.exercise and a.side is b.side


def repeat_step(weeks: tuple[Week, ...], element: Element, week: int) -> tuple[Week, ...]:
    """Week ``week + 1`` repeats week ``week``'s sessions of the element instead of progressing.

    The repeat lands on the same weekdays; if it would be more volume than the week it
    replaces, it is cut down until it is not (a bad report never raises a dose).
    """
    source = next((w for w in weeks if w.number == week), None)
    target = next((w for w in weeks if w.number == week + 1), None)
    if source is None or target is None:
        return weeks
    copies = [
        replace(
            s,
            date=s.date + timedelta(days=7),
            items=tuple(i for i in s.items if i.exercise in element or _is_warm_up(i)),
        )
        for s in source.sessions
        if s.has_any(element)
    ]
    copies = _fit_within(copies, element, target.volume(element))
    kept = [
        replace(s, items=tuple(i for i in s.items if i.exercise not in element))
        for s in target.sessions
    ]
    kept = [s for s in kept if any(not _is_warm_up(i) for i in s.items)]
    sessions = sorted([*kept, *copies], key=lambda s: s.date)
    return tuple(replace(w, sessions=tuple(sessions)) if w is target else w for w in weeks)


def _is_warm_up(item: Item) -> bool:
    return item.exercise is ExerciseId.WARM_UP


def _volume(sessions: list[Session], element: Element) -> int:
    return sum(i.volume for s in sessions for i in s.items if i.exercise in element)


def _fit_within(sessions: list[Session], element: Element, limit: int) -> list[Session]:
    """Drop the last sessions, then halve what is left, until the volume is within ``limit``."""
    fitted = list(sessions)
    while len(fitted) > 1 and _volume(fitted, element) > limit:
        fitted.pop()
    while fitted and _volume(fitted, element) > limit:
        session = fitted[0]
        halved = tuple(halve(i) if i.exercise in element else i for i in session.items)
        if halved == session.items:  # one set of one unit: nothing smaller to give
            fitted = []
            break
        fitted[0] = replace(session, items=halved)
    return fitted
