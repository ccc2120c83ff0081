"""Move a session to another day of its week (M1), checked against the placement rules (P4).

A move is a step on the plan (``Move`` in ``coaching/steps.py``), so every later check-in
renders it again (``coaching/progression.py``). A move is refused, naming the field and the
rule with a sentence a runner understands, when:

- the session is past, or already logged (``from``, M1);
- the day is not in the session's own week, is past, or already holds a session of the same
  kind (``to``, M1);
- the day breaks a placement rule (``to``, P4), judged with the planner's own functions
  (``placement.allowed``, ``placement.consecutive``'s rule on real dates, and one spring or
  speed element a day): spring work, strides and hill surges on easy or quality days, never
  on or the day before a long run or race; strength never back to back, never on or the day
  before a long run or race, never the day after a race; hill walks on rest days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.placement import (
    BIG_DAYS,
    Slot,
    WeekTypes,
    allowed,
    is_after_race,
    is_before_big_day,
)
from calfcoach.coaching.plan import (
    SPRING_WORK,
    STRENGTH_WORK,
    CoachingPlan,
    Decision,
    Plan,
    Session,
    Week,
)
from calfcoach.coaching.progression import render
from calfcoach.coaching.steps import Move
from calfcoach.coaching.vocabulary import DayType, ExerciseId, SessionKind, Weekday

MOVE_RULE = "M1"
PLACEMENT_RULE = "P4"
# A logged exercise: the day it was done and what it was.
Logged = tuple[date, ExerciseId]


class MoveRefused(InvalidDocument):
    """A move the rules do not allow: ``field`` is ``from``, ``to`` or ``kind``, ``rule`` the
    rule id and ``sentence`` why, in plain words."""

    def __init__(self, field: str, rule: str, sentence: str) -> None:
        super().__init__(field, f"{sentence} (rule {rule})")
        self.rule = rule
        self.sentence = sentence


@dataclass(frozen=True, slots=True)
class DayOption:
    """A day the session could move to, and why not when it cannot."""

    date: date
    refusal: MoveRefused | None


def find_session(plan: Plan, from_date: date, kind: SessionKind | None) -> tuple[Week, Session]:
    """The session planned on ``from_date`` (of ``kind`` when the day holds several)."""
    found = [(w, s) for w in plan.weeks for s in w.sessions if s.date == from_date]
    if not found:
        raise MoveRefused("from", MOVE_RULE, f"There is no session on {_when(from_date)}.")
    if kind is not None:
        found = [(w, s) for w, s in found if s.kind is kind]
        if not found:
            raise MoveRefused(
                "kind", MOVE_RULE, f"There is no {_kind_words(kind)} on {_when(from_date)}."
            )
    if len(found) > 1:
        raise MoveRefused(
            "kind",
            MOVE_RULE,
            f"{_when(from_date)} holds more than one session: say which kind to move.",
        )
    return found[0]


def move_options(
    coaching: CoachingPlan,
    from_date: date,
    today: date,
    *,
    kind: SessionKind | None = None,
    logged: Iterable[Logged] = (),
) -> tuple[DayOption, ...]:
    """Every other day of the session's week from today on, each with its refusal (or None)."""
    plan = coaching.plan
    week, session = find_session(plan, from_date, kind)
    _check_movable(session, today, frozenset(logged))
    first, last = plan.week_dates(week.number)
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return tuple(
        DayOption(day, _refusal(plan, week, session, day, today))
        for day in days
        if day >= today and day != session.date
    )


def move_session(
    coaching: CoachingPlan,
    from_date: date,
    to_date: date,
    today: date,
    *,
    kind: SessionKind | None = None,
    logged: Iterable[Logged] = (),
) -> CoachingPlan:
    """The plan with the session on ``from_date`` moved to ``to_date``; ``MoveRefused``
    names the field and the rule when the move is not allowed."""
    plan = coaching.plan
    week, session = find_session(plan, from_date, kind)
    _check_movable(session, today, frozenset(logged))
    refusal = _refusal(plan, week, session, to_date, today)
    if refusal is not None:
        raise refusal
    steps = (*plan.steps, Move(session.date, to_date, session.kind, today))
    planned = plan.planned or plan.weeks
    rendered = render(planned, steps, plan.running_changes)
    weeks = _keep_before(plan.weeks, rendered.weeks, today)
    decisions = [*coaching.decisions, Decision(today, MOVE_RULE, _moved_text(session, to_date))]
    known = {d.text for d in coaching.decisions}
    for rule, note in rendered.notes:
        text = f"One new stress at a time: {note}" if rule == "S6" else note
        if text not in known:
            decisions.append(Decision(today, rule, text))
    moved = replace(plan, weeks=weeks, planned=planned, steps=steps)
    return replace(coaching, plan=moved, decisions=tuple(decisions))


def _check_movable(session: Session, today: date, logged: frozenset[Logged]) -> None:
    if session.date < today:
        raise MoveRefused(
            "from",
            MOVE_RULE,
            f"{_when(session.date)} is past: only today's and later sessions can move.",
        )
    if any((session.date, item.exercise) in logged for item in session.items):
        raise MoveRefused(
            "from",
            MOVE_RULE,
            f"You have logged the {_kind_words(session.kind)} of {_when(session.date)} "
            "already: a session you did stays on its day.",
        )


def _refusal(plan: Plan, week: Week, session: Session, to: date, today: date) -> MoveRefused | None:
    first, last = plan.week_dates(week.number)
    if to == session.date:
        return MoveRefused("to", MOVE_RULE, f"The session is on {_when(to)} already.")
    if not first <= to <= last:
        return MoveRefused(
            "to",
            MOVE_RULE,
            f"A session moves only within its own week: week {week.number} runs from "
            f"{_when(first)} to {_when(last)}.",
        )
    if to < today:
        return MoveRefused("to", MOVE_RULE, f"{_when(to)} is past: pick today or a later day.")
    others = [s for s in plan.sessions() if s is not session]
    there = [s for s in others if s.date == to]
    if any(s.kind is session.kind for s in there):
        return MoveRefused(
            "to", MOVE_RULE, f"{_when(to)} already holds a {_kind_words(session.kind)}."
        )
    sentence = _placement_problem(plan.week_types, session, to, others)
    return None if sentence is None else MoveRefused("to", PLACEMENT_RULE, sentence)


def slots_of(session: Session) -> tuple[Slot, ...]:
    """The placement rules a session follows, from what it holds (as the planner placed it)."""
    found = {i.exercise for i in session.items}
    slots = []
    if found & STRENGTH_WORK:
        slots.append(Slot.STRENGTH)
    if found & SPRING_WORK:
        slots.append(Slot.SPRING)
    if ExerciseId.HILL_WALK in found:
        slots.append(Slot.HILL_WALK)
    return tuple(slots) or (Slot.MOBILITY,)


def _placement_problem(
    week: WeekTypes, session: Session, to: date, others: list[Session]
) -> str | None:
    day = _weekday(to)
    for slot in slots_of(session):
        if not allowed(week, day, slot):
            return _why_not(week, day, slot)
    if Slot.STRENGTH in slots_of(session):
        for other in others:
            if other.has_any(STRENGTH_WORK) and abs((other.date - to).days) == 1:
                return (
                    f"Strength days are never back to back: {_when(other.date)} holds calf "
                    "strength work."
                )
    if Slot.SPRING in slots_of(session):
        spring = [i for s in others if s.date == to for i in s.items if i.exercise in SPRING_WORK]
        if spring:
            name = exercise(spring[0].exercise).name.lower()
            return (
                f"One spring or speed element a day: {_when(to)} already has {name}, so the "
                "calves get a day to recover between them."
            )
    return None


def _why_not(week: WeekTypes, day: Weekday, slot: Slot) -> str:
    """Why ``placement.allowed`` said no, in the words a runner uses."""
    kind = week[day]
    what = {
        Slot.STRENGTH: "Calf strength work",
        Slot.SPRING: "Spring work, strides and hill surges",
        Slot.HILL_WALK: "Hill walks",
        Slot.MOBILITY: "Ankle mobility",
    }[slot]
    if slot is Slot.HILL_WALK:
        return f"Hill walks go on rest days, and {day.label} is {_a(kind)} day in your week."
    if kind in BIG_DAYS:
        return f"{what}: never on a long run or race day, and {day.label} is your {kind} day."
    if is_before_big_day(week, day):
        after = day.shifted(1)
        return (
            f"{what}: never on the day before a long run or race, and {after.label} is your "
            f"{week[after]} day."
        )
    if slot is Slot.STRENGTH and is_after_race(week, day):
        return f"No heavy calf work the day after a race: {day.shifted(-1).label} is race day."
    return f"{what}: on easy days or after a quality session, and {day.label} is a {kind} day."


def _a(kind: DayType) -> str:
    return f"an {kind}" if kind is DayType.EASY else f"a {kind}"


def _keep_before(old: tuple[Week, ...], new: tuple[Week, ...], today: date) -> tuple[Week, ...]:
    """What was prescribed before today stays; from today on, the weeks as rendered now."""
    before = {w.number: [s for s in w.sessions if s.date < today] for w in old}
    return tuple(
        replace(
            w,
            sessions=tuple(
                sorted(
                    [*before.get(w.number, []), *(s for s in w.sessions if s.date >= today)],
                    key=lambda s: s.date,
                )
            ),
        )
        for w in new
    )


def _moved_text(session: Session, to: date) -> str:
    return (
        f"Moved {_weekday(session.date).label}'s {_session_words(session)} to "
        f"{_when(to)}: the day keeps every placement rule."
    )


def _session_words(session: Session) -> str:
    if session.kind is SessionKind.STRENGTH:
        return "strength session"
    main = next((i for i in session.items if i.exercise is not ExerciseId.WARM_UP), None)
    if main is None:
        return _kind_words(session.kind)
    return f"{exercise(main.exercise).name.lower()} session"


def _kind_words(kind: SessionKind) -> str:
    return {
        SessionKind.STRENGTH: "strength session",
        SessionKind.SPRING: "spring session",
        SessionKind.RUN_ADDON: "after-run session",
        SessionKind.MOBILITY: "ankle mobility session",
    }[kind]


def _weekday(on: date) -> Weekday:
    return list(Weekday)[on.weekday()]


def _when(on: date) -> str:
    return f"{_weekday(on).label} {on.day} {on:%b}"
