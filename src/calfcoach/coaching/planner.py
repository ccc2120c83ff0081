"""Build the four-week block for a diagnosis and place it in the runner's week.

The steps: pick the block (P8, P1, P3, P4/P5, goal ``size``), write each week's planned
doses with findings and situations applied, place them (P4), then render the weeks the
runner sees (``coaching/progression.py``: ladders, week 4 from week 3 (S8), P7, S6).
The planned block stays in the plan, so check-ins can render it again with their steps.
Every choice lands in the decision log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from calfcoach.coaching.adaptations import (
    JUMPS,
    SITUATIONS,
    WARM_UP,
    ankle_work,
    emphases,
    needs_ankle_work,
    strength_session,
)
from calfcoach.coaching.assessment import Assessment
from calfcoach.coaching.blocks import (
    BLOCKS,
    GENTLE,
    SIZE_JUMP_SQUATS,
    SIZE_STRENGTH,
    TIMING_ROPE_FIRST,
    AddOn,
    Block,
)
from calfcoach.coaching.diagnosis import Diagnosis
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.placement import Slot, pick_days, strength_days
from calfcoach.coaching.plan import (
    BLOCK_WEEKS,
    CoachingPlan,
    Decision,
    Item,
    Plan,
    Session,
    Week,
    kind_of,
)
from calfcoach.coaching.progression import render
from calfcoach.coaching.vocabulary import (
    ExerciseId,
    Goal,
    SessionKind,
    StressKind,
    Target,
    Urgency,
    Weekday,
)

# P6: spring and speed work only for a runner with 20+ clean heel raises a side.
SPRING_GATE_REPS = 20


@dataclass
class _Log:
    on: date
    entries: list[Decision] = field(default_factory=list)

    def add(self, rule: str, text: str) -> None:
        self.entries.append(Decision(self.on, rule, text))


def plan_start(assessment_date: date) -> date:
    """The default start: the Monday after the tests (never the day of the tests)."""
    return assessment_date + timedelta(days=7 - assessment_date.weekday())


def session_date(start: date, week: int, day: Weekday) -> date:
    """The date of ``day`` in block week ``week`` (weeks run from the start's weekday)."""
    first = start + timedelta(weeks=week - 1)
    return first + timedelta(days=(day.position - first.weekday()) % 7)


def build_plan(assessment: Assessment, diagnosis: Diagnosis) -> CoachingPlan:
    log = _Log(assessment.date)
    start = assessment.block_start
    block = _choose_block(assessment, diagnosis, log)
    planned: tuple[Week, ...] = ()
    if block is not None:
        planned = _planned_weeks(block, assessment, diagnosis, start, log)
    runner_adds = {c.week: c.what for c in assessment.running_changes}
    rendered = render(planned, (), runner_adds)
    for rule, note in rendered.notes:
        log.add(rule, note if rule == "P7" else f"One new stress at a time: {note}")
    plan = Plan(
        start=start,
        week_types=assessment.week,
        weeks=rendered.weeks,
        running_changes=runner_adds,
        assessed=assessment.date,
        planned=planned,
    )
    return CoachingPlan(diagnosis=diagnosis, plan=plan, decisions=tuple(log.entries))


def _choose_block(assessment: Assessment, diagnosis: Diagnosis, log: _Log) -> Block | None:
    target = diagnosis.target
    if target is Target.HOLD:
        log.add(
            "C10",
            "No block starts now: ease the running until you are not sore all the "
            "time, then retest.",
        )
        return None
    if target is Target.REFER:
        gentle_ok = diagnosis.urgency is Urgency.CLINICIAN and not diagnosis.painful_test
        if not gentle_ok:
            log.add("C0", "No training plan: see a clinician first. Nothing here is a diagnosis.")
            return None
        log.add(
            "C0",
            "Only gentle two-leg calf raises until a clinician clears you: no spring "
            "work, strides, hill surges or jump squats.",
        )
        return GENTLE
    bounce = assessment.bounce
    if target is Target.TIMING and bounce is not None and (bounce.awkward or bounce.rhythm_lost):
        block = TIMING_ROPE_FIRST
    else:
        block = BLOCKS[target]
    log.add(block.rule, block.summary)
    return block


def spring_gate_open(assessment: Assessment) -> bool:
    """P6: spring and speed work once the heavy work "feels steady": 20+ reps a side."""
    return assessment.heel_raise.weaker >= SPRING_GATE_REPS


def _planned_weeks(
    block: Block, assessment: Assessment, diagnosis: Diagnosis, start: date, log: _Log
) -> tuple[Week, ...]:
    gentle = block is GENTLE
    lifting_days = strength_days(assessment.week)
    _log_placement(assessment, lifting_days, log)
    strength = [
        list(block.weeks[n].strength)
        if gentle
        else strength_session(_calf_work(block, assessment, n), assessment, diagnosis, n + 1)
        for n in range(3)
    ]
    if gentle:
        strength = [[WARM_UP, *items] for items in strength]
    strength.append(strength[2])  # week 4: week 3's doses, trimmed when rendered (S8)
    add_ons = [] if gentle else _add_ons_by_week(block, assessment, log)
    weeks = []
    for number in range(1, BLOCK_WEEKS + 1):
        sessions = _place_week(
            assessment,
            diagnosis,
            lifting_days,
            strength[number - 1],
            add_ons[number - 1] if add_ons else (),
            (start, number),
            log,
        )
        notes = block.weeks[number - 1].notes if number <= 3 else ()
        weeks.append(Week(number, sessions, notes))
    if not gentle:
        _log_adaptations(assessment, diagnosis, log)
    log.add(
        "S8",
        "Week 4 keeps the loads and trims the volume by 20 % so soreness fades while "
        "your stride catches up.",
    )
    return tuple(weeks)


def _calf_work(block: Block, assessment: Assessment, index: int) -> list[Item]:
    """The block's calf raises, with A2's size exercises beside them for goal ``size``."""
    items = list(block.weeks[index].strength)
    if assessment.goal is Goal.SIZE:
        items.extend(SIZE_STRENGTH[index])
    return items


def _add_ons_by_week(block: Block, assessment: Assessment, log: _Log) -> list[tuple[AddOn, ...]]:
    weeks = [list(w.add_ons) for w in block.weeks]
    if block.week4_add_ons is not None:
        weeks.append(list(block.week4_add_ons))
    else:
        weeks.append(list(block.weeks[2].add_ons))
    if not spring_gate_open(assessment):
        log.add(
            "P6",
            "Hops, strides and hill surges wait until the heavy work feels steady: a retest "
            "with 20 clean heel raises a side.",
        )
        return [() for _ in weeks]
    shifts = emphases(assessment)
    if assessment.goal is Goal.SIZE:
        _add_jump_squats(weeks, log)
    if any(e.jumps_from_week > 1 for e in shifts):
        _jumps_from_week_three(weeks)
    extra_day = frozenset().union(*(e.extra_day for e in shifts))
    return [tuple(_one_more_day(a, extra_day) for a in w) for w in weeks]


def _jumps_from_week_three(weeks: list[list[AddOn]]) -> None:
    """Track sprinting: hops and rope start in week 3, once the strength base is there."""
    early = [a for w in weeks[:2] for a in w if _first(a) in JUMPS]
    for week in weeks[:2]:
        week[:] = [a for a in week if _first(a) not in JUMPS]
    for add_on in early:
        if all(_first(a) is not _first(add_on) for a in weeks[2]):
            weeks[2].append(add_on)


def _one_more_day(add_on: AddOn, exercises: frozenset[ExerciseId]) -> AddOn:
    if _first(add_on) in exercises:
        return AddOn(add_on.doses, add_on.days + 1)
    return add_on


def _first(add_on: AddOn) -> ExerciseId:
    return add_on.doses[0].exercise


def _add_jump_squats(weeks: list[list[AddOn]], log: _Log) -> None:
    """Goal size: jump squats enter in the first of weeks 2-3 with nothing else new."""
    seen = _stresses(weeks[0])
    for number in (2, 3):
        if _stresses(weeks[number - 1]) <= seen:
            for week, squats in zip(range(number, 4), SIZE_JUMP_SQUATS, strict=False):
                weeks[week - 1].append(squats)
            weeks[3].append(weeks[2][-1])
            log.add(
                "G1",
                f"Jump squats start in week {number}, the first week with no other new stress.",
            )
            return
        seen |= _stresses(weeks[number - 1])
    log.add("G1", "No room for jump squats this block: every week already brings a new stress.")


def _stresses(add_ons: list[AddOn]) -> set[StressKind]:
    return {s for a in add_ons for d in a.doses if (s := exercise(d.exercise).stress)}


def _place_week(  # noqa: PLR0917 - one call site, each argument a different kind of thing
    assessment: Assessment,
    diagnosis: Diagnosis,
    lifting_days: tuple[Weekday, ...],
    strength: list[Item],
    add_ons: tuple[AddOn, ...],
    when: tuple[date, int],
    log: _Log,
) -> tuple[Session, ...]:
    start, number = when
    busy: dict[Weekday, frozenset[Slot]] = {d: frozenset({Slot.STRENGTH}) for d in lifting_days}
    placed: list[tuple[Weekday, list[Item]]] = [(d, strength) for d in lifting_days]
    for add_on in add_ons:
        first = _first(add_on)
        slot = Slot.HILL_WALK if first is ExerciseId.HILL_WALK else Slot.SPRING
        days = pick_days(assessment.week, slot, add_on.days, busy)
        if len(days) < add_on.days:
            log.add(
                "P4",
                f"Week {number}: {exercise(first).name} wanted {_days(add_on.days)}, "
                f"your week has room for {len(days)}: {_where(slot)}.",
            )
        items = list(add_on.doses)
        if kind_of(first) is SessionKind.SPRING:  # strides and surges follow a run instead
            items = [WARM_UP, *items]
        for day in days:
            placed.append((day, items))
            busy[day] = busy.get(day, frozenset()) | {slot}
    if needs_ankle_work(assessment, diagnosis) and diagnosis.target is not Target.REFER:
        for day in pick_days(assessment.week, Slot.MOBILITY, 2, busy):
            placed.append((day, ankle_work(assessment, diagnosis)))
    dated = sorted(
        ((session_date(start, number, d), d, items) for d, items in placed), key=lambda t: t[0]
    )
    return tuple(Session(d, on, _kind(items), tuple(items)) for on, d, items in dated)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _kind(items: list[Item]) -> SessionKind:
    main = next(i for i in items if i.exercise is not ExerciseId.WARM_UP)
    return kind_of(main.exercise)


def _where(slot: Slot) -> str:
    return {
        Slot.SPRING: "spring work needs an easy day that is not a long or race day or the day "
        "before one, and takes one such element a day",
        Slot.HILL_WALK: "hill walks go on rest days",
    }.get(slot, "no legal day")


def _log_placement(assessment: Assessment, days: tuple[Weekday, ...], log: _Log) -> None:
    if len(days) == 2:
        log.add(
            "P4",
            f"Strength on {days[0].label} and {days[1].label}: not back to back, never "
            "the day before a long run or race, never the day after a race.",
        )
    elif days:
        log.add(
            "P4",
            f"Only one strength day fits your week ({days[0].label}): two would be "
            "back to back, the day before a long run or race, or the day after a race.",
        )
    else:
        log.add(
            "P4",
            "No day in your week can hold strength work without breaking the "
            "placement rules: add a rest or easy day away from your long run.",
        )
    if assessment.runner.lifts_weights:
        log.add("P1", "You lift: do the calf work after your main lifts.")


def _log_adaptations(assessment: Assessment, diagnosis: Diagnosis, log: _Log) -> None:
    if diagnosis.finding("heel_raise_asymmetry"):
        log.add("P10", "Calf raises are done side by side, weaker side first with one extra set.")
    if diagnosis.finding("ankle_range"):
        log.add(
            "P9",
            "Ankle-range work goes into every strength session and two more short "
            "sessions a week; calf raises get a slower lowering.",
        )
    stiffer = diagnosis.finding("ankle_range_asymmetry")
    if stiffer is not None:
        log.add(
            "C7",
            f"Your {stiffer.side.value} ankle is stiffer: its ankle-range work comes first "
            "and gets a set more.",
        )
    if diagnosis.finding("retest_asymmetry"):
        log.add("C6b", "Retest both heel raises on another day this week; the gap may be noise.")
    for situation in assessment.situations:
        log.add("P13", SITUATIONS[situation].text)
    if assessment.goal is Goal.SIZE:
        log.add(
            "G1",
            "Goal size: stair and seated calf raises and farmer's carries, 4-5 sets of 6-12 "
            "reps twice a week, beside the heavy calf raises. Size does not decide speed, "
            "strength does.",
        )
    log.add(
        "P11",
        "Every strength and spring session starts with an easy jog or brisk walk and "
        "ankle circles; strides and surges come after an easy run has warmed you up.",
    )
