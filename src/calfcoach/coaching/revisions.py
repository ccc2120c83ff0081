"""What an adjustment changed, in a runner's words, for the decision log.

``describe_changes`` compares the weeks before and after a check-in: 'Wed 2 Dec: pogo jumps
2 x 20 s -> pogo jumps 1 x 20 s; Sun 6 Dec: strides off; ...'.
"""

from __future__ import annotations

from datetime import date

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.plan import Item, Session, Week
from calfcoach.coaching.vocabulary import ExerciseId


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


def _is_warm_up(item: Item) -> bool:
    return item.exercise is ExerciseId.WARM_UP
