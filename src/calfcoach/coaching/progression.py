"""Render a block's weeks from the planned block and the steps its reports left.

Week after week, each element (an exercise on a side) takes the highest rung of its
ladder (``coaching/ladders.py``) that every rule allows:
- never above the planned dose;
- never more than one step above what was really prescribed the last week it appeared,
  on the session's dose and on the week's volume (a small step after "build slower",
  no step in a held week, where nothing new starts either);
- week 4 at most 80 % of the week 3 really prescribed (S8); an element week 3 lost stays
  out, and a week-4-only add-on (A1's hill surges) only replaces what week 3 had;
- under every limit a report left, from its date on, and off while paused;
- the weaker side of a per-side exercise keeps exactly one set more (P10);
- P7's contact cap per day and S6's one new stress a week.
A session the runner moved (``Move``, M1) is on its new day before any of this, so every
dated step and the contact cap see the day it really happens.
A step only acts on sessions dated on or after it, so what was prescribed before a report
stays as it was. Rendering the same inputs twice gives the same weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from calfcoach.coaching.fitting import (
    NO_LIMIT,
    Ceiling,
    Key,
    doses_in,
    fit_session,
    is_element,
    key_of,
)
from calfcoach.coaching.guards import cap_contacts, first_new_stress_only
from calfcoach.coaching.ladders import max_rise, rise_limit, week4_limit
from calfcoach.coaching.plan import SPRING_WORK, Item, Session, Week, kind_of
from calfcoach.coaching.steps import (
    Fine,
    Halve,
    Hold,
    Limit,
    Move,
    NothingNew,
    Pause,
    Repeat,
    Slow,
    Step,
)
from calfcoach.coaching.vocabulary import ExerciseId, StressKind, Weekday


@dataclass(frozen=True, slots=True)
class Rendered:
    weeks: tuple[Week, ...]
    notes: tuple[tuple[str, str], ...]  # (rule, text) from P7 and S6


def render(
    planned: tuple[Week, ...], steps: tuple[Step, ...], runner_adds: Mapping[int, str]
) -> Rendered:
    """The weeks as prescribed: ``planned`` under every rule and every step."""
    fines = tuple(s for s in steps if isinstance(s, Fine))
    weeks: list[Week] = []
    notes: list[tuple[str, str]] = []
    seen: set[StressKind] = set()
    planned_by_number = {w.number: w for w in planned}
    for week in sorted(planned, key=lambda w: w.number):
        draft = _moved(_repeated(week, weeks, steps), steps)
        if week.number == 4 and 3 in planned_by_number:
            ceilings, dropped = _week_four(draft, planned_by_number[3], weeks, steps)
        else:
            ceilings, dropped = _dosed(draft, weeks, steps, planned)
        draft = _dated(draft, (ceilings, dropped), weeks, steps, fines)
        capped, cap_notes = cap_contacts((draft,))
        checked, new_notes = first_new_stress_only(capped[0], seen, runner_adds)
        checked = replace(checked, sessions=tuple(sorted(checked.sessions, key=lambda s: s.date)))
        seen |= checked.stresses()
        notes += [("P7", n) for n in cap_notes] + [("S6", n) for n in new_notes]
        weeks.append(checked)
    return Rendered(tuple(weeks), tuple(notes))


# --------------------------------------------------------------------------- week shapes


def _repeated(week: Week, done: list[Week], steps: tuple[Step, ...]) -> Week:
    """S2: this week's spring step is last week's again, on the same weekdays."""
    if not done or not any(isinstance(s, Repeat) and s.week == week.number for s in steps):
        return week
    last = done[-1]
    copies = [
        replace(s, date=s.date + timedelta(days=7), items=_spring_items(s))
        for s in last.sessions
        if any(i.exercise in SPRING_WORK for i in s.items)
    ]
    kept = [_without(s, SPRING_WORK) for s in week.sessions]
    sessions = [s for s in (*kept, *copies) if s is not None]
    return replace(week, sessions=tuple(sorted(sessions, key=lambda s: s.date)))


def _moved(week: Week, steps: tuple[Step, ...]) -> Week:
    """M1: each session the runner moved on its new day (moves apply in the order made).

    The sessions keep their planned order until S6 has picked the week's one new stress,
    so moving a session never changes which stress that is; ``render`` sorts them after."""
    moves = [s for s in steps if isinstance(s, Move)]
    if not moves:
        return week
    sessions = list(week.sessions)
    for move in moves:
        for n, session in enumerate(sessions):
            if session.date == move.session and session.kind is move.kind:
                day = list(Weekday)[move.to.weekday()]
                sessions[n] = replace(session, date=move.to, day=day)
                break
    return replace(week, sessions=tuple(sessions))


def _spring_items(session: Session) -> tuple[Item, ...]:
    return tuple(i for i in session.items if i.exercise in SPRING_WORK or not is_element(i))


def _without(session: Session, exercises: frozenset[ExerciseId]) -> Session | None:
    return _with_items(session, tuple(i for i in session.items if i.exercise not in exercises))


def _with_items(session: Session, items: Iterable[Item]) -> Session | None:
    """The session with ``items``; None when no element is left (a lone warm-up)."""
    kept = tuple(items)
    main = next((i for i in kept if is_element(i)), None)
    if main is None:
        return None
    return replace(session, items=kept, kind=kind_of(main.exercise))


# --------------------------------------------------------------------------- weekly doses


def _last_seen(done: list[Week], key: Key) -> Week | None:
    return next((w for w in reversed(done) if doses_in(w, key)), None)


WeekCeilings = tuple[dict[Key, Ceiling], set[Key]]


def _dosed(
    week: Week, done: list[Week], steps: tuple[Step, ...], planned: tuple[Week, ...]
) -> WeekCeilings:
    """Weeks 1-3: each element at most one step above its last week, as the steps say;
    one that starts late (after a pause) starts at its first planned dose."""
    ceilings: dict[Key, Ceiling] = {}
    dropped: set[Key] = set()
    for key, count, first in _keys(week):
        held = any(
            isinstance(s, Hold) and s.week == week.number and key[0] in s.exercises for s in steps
        )
        last = _last_seen(done, key)
        if held and last is None:
            dropped.add(key)  # a held week starts nothing new
            continue
        if last is None:
            entry = _first_planned(planned, key)
            if entry is not None and entry[0] < week.number:
                ceilings[key] = Ceiling().lower(min(entry[1], entry[2] // count))
            continue
        doses = doses_in(last, key)
        slow = any(isinstance(s, Slow) and key[0] in s.exercises and s.since < first for s in steps)
        item = _planned_item(week, key)
        base, weekly = doses[-1], sum(doses)
        if held:
            per_session, per_week = float(base), float(weekly)
        else:
            per_session = rise_limit(key[0], base, slow=slow, planned=item)
            per_week = weekly * per_session / base if base else NO_LIMIT
            per_week = min(per_week, float(max_rise(key[0]) * weekly))
        ceilings[key] = Ceiling().lower(min(per_session, per_week // count))
    return ceilings, dropped


def _first_planned(planned: tuple[Week, ...], key: Key) -> tuple[int, int, int] | None:
    """The week an element was planned to start, its session dose and its week's volume."""
    for week in sorted(planned, key=lambda w: w.number):
        doses = doses_in(week, key)
        if doses:
            return week.number, max(doses), sum(doses)
    return None


def _week_four(
    week: Week,
    planned_three: Week,
    done: list[Week],
    steps: tuple[Step, ...],
) -> WeekCeilings:
    """S8: week 4 is at most 80 % of the week 3 that was really prescribed."""
    three = next((w for w in done if w.number == 3), None)
    if three is None:
        return {}, set()
    planned_before = {i.exercise for s in planned_three.sessions for i in s.items}
    held = any(isinstance(s, Hold | Repeat) and s.week == 4 for s in steps)
    ceilings: dict[Key, Ceiling] = {}
    dropped: set[Key] = set()
    for key, count, _ in _keys(week):
        doses = doses_in(three, key)
        if doses:
            limit = min(week4_limit(min(doses)), week4_limit(sum(doses)) // count)
            ceilings[key] = Ceiling().lower(limit)
        elif held or key[0] in planned_before:
            dropped.add(key)  # week 3 lost it (the lighter week starts nothing), or held
        else:
            replaced = _replaced_volume(three, week, planned_three, key)
            ceilings[key] = Ceiling().lower(week4_limit(replaced) // count)
    return ceilings, dropped


def _replaced_volume(three: Week, four: Week, planned_three: Week, key: Key) -> int:
    """Week 3's volume of what a week-4-only add-on takes the place of (same kind)."""
    kind = kind_of(key[0])
    in_four = {i.exercise for s in four.sessions for i in s.items}
    gone = {
        i.exercise
        for s in planned_three.sessions
        for i in s.items
        if kind_of(i.exercise) is kind and i.exercise not in in_four
    }
    return sum(i.volume for s in three.sessions for i in s.items if i.exercise in gone)


def _previous_items(done: list[Week]) -> dict[Key, list[Item]]:
    """Each element's doses so far: a held or stepped-back week can repeat one of them."""
    found: dict[Key, list[Item]] = {}
    for week in done:
        for session in week.sessions:
            for item in session.items:
                if is_element(item):
                    found.setdefault(key_of(item), []).append(item)
    return found


def _keys(week: Week) -> list[tuple[Key, int, date]]:
    """Each element of the week, how many sessions hold it, and its first date."""
    found: dict[Key, tuple[int, date]] = {}
    for session in week.sessions:
        for key in dict.fromkeys(key_of(i) for i in session.items if is_element(i)):
            count, first = found.get(key, (0, session.date))
            found[key] = (count + 1, min(first, session.date))
    return [(key, count, first) for key, (count, first) in found.items()]


def _planned_item(week: Week, key: Key) -> Item:
    return next(i for s in week.sessions for i in s.items if key_of(i) == key)


# --------------------------------------------------------------------------- dated steps


def _dated(
    week: Week,
    weekly: WeekCeilings,
    done: list[Week],
    steps: tuple[Step, ...],
    fines: tuple[Fine, ...],
) -> Week:
    """Each session's items at the highest rung its week's ceilings and the steps allow:
    pauses, limits and halved sessions, each from its own date on."""
    week_ceilings, dropped = weekly
    halves = _first_sessions_after_halves(week, done, steps)
    previous = _previous_items(done)
    counts = {key: (count, first) for key, count, first in _keys(week)}
    sessions = []
    for session in week.sessions:
        on = session.date
        paused = {
            e
            for s in steps
            if isinstance(s, Pause) and s.since <= on and (s.until is None or on <= s.until)
            for e in s.exercises
        }
        ceilings = dict(week_ceilings)
        for step in steps:
            if isinstance(step, Limit) and step.applies(on, fines):
                key = (step.exercise, step.side)
                ceiling = ceilings.get(key, Ceiling()).lower(step.session, step.strict)
                count, first = counts.get(key, (1, on))
                if step.week is not None and step.since <= first:  # the whole week under it
                    ceiling = ceiling.lower(step.week // count)
                ceilings[key] = ceiling
        for key, volume in halves.get(on, {}).items():
            ceilings[key] = ceilings.get(key, Ceiling()).lower(volume)
        items = tuple(
            i
            for i in session.items
            if i.exercise not in paused and not _new_and_frozen(i, on, week, done, steps)
        )
        fitted = fit_session(items, ceilings, dropped, previous)
        if (kept := _with_items(session, fitted)) is not None:
            sessions.append(kept)
    return replace(week, sessions=tuple(sessions))


def _new_and_frozen(
    item: Item, on: date, week: Week, done: list[Week], steps: tuple[Step, ...]
) -> bool:
    """After a bad report nothing new to the block starts for a while (``NothingNew``)."""
    if not is_element(item):
        return False
    frozen = [
        s
        for s in steps
        if isinstance(s, NothingNew) and s.since <= on <= s.until and item.exercise not in s.planned
    ]
    if not frozen:
        return False
    since = min(s.since for s in frozen)
    key = key_of(item)
    seen = any(doses_in(w, key) for w in done) or any(
        s.date < since and any(key_of(i) == key for i in s.items) for s in week.sessions
    )
    return not seen


def _first_sessions_after_halves(
    week: Week, done: list[Week], steps: tuple[Step, ...]
) -> dict[date, dict[Key, int]]:
    """S2: the sessions each ``Halve`` acts on: any later on the report's own day, and the
    element's next session after that day."""
    found: dict[date, dict[Key, int]] = {}
    for step in steps:
        if not isinstance(step, Halve):
            continue
        key = (step.exercise, step.side)
        after = step.since + timedelta(days=1)
        if any(_dates_with(w, key, after) for w in done):
            continue  # an earlier week already had that next session
        dates = _dates_with(week, key, step.since)
        later = [d for d in dates if d >= after][:1]
        for on in [d for d in dates if d == step.since] + later:
            found.setdefault(on, {})[key] = step.session
    return found


def _dates_with(week: Week, key: Key, since: date) -> list[date]:
    return sorted(
        s.date for s in week.sessions if s.date >= since and any(key_of(i) == key for i in s.items)
    )
