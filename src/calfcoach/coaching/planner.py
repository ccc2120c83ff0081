"""Build the four-week block for a diagnosis and place it in the runner's week.

The steps: pick the block (P8, P1, P3, P4/P5, goal ``size``), turn each week's doses
into sessions with findings and situations applied, place them (P4/S6 placement),
derive week 4 (S8), then enforce P7 and S6. Every choice lands in the decision log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from calfcoach.coaching.adaptations import (
    SITUATION_NOTES,
    WARM_UP,
    ankle_range_items,
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
from calfcoach.coaching.guards import cap_contacts, one_new_stress
from calfcoach.coaching.placement import Slot, pick_days, strength_days
from calfcoach.coaching.plan import CoachingPlan, Decision, Item, Plan, Session, Week, kind_of, trim
from calfcoach.coaching.vocabulary import (
    ExerciseId,
    Goal,
    SessionKind,
    StressKind,
    Target,
    Urgency,
    Weekday,
)

WEEKS = 4
WEEK4_FRACTION = 0.8  # S8: keep loads, trim volume by 20 %


@dataclass
class _Log:
    on: date
    entries: list[Decision] = field(default_factory=list)

    def add(self, rule: str, text: str) -> None:
        self.entries.append(Decision(self.on, rule, text))


def plan_start(assessment_date: date) -> date:
    """Blocks start on the Monday on or after the assessment."""
    return assessment_date + timedelta(days=(7 - assessment_date.weekday()) % 7)


def build_plan(assessment: Assessment, diagnosis: Diagnosis) -> CoachingPlan:
    log = _Log(assessment.date)
    start = plan_start(assessment.date)
    block = _choose_block(assessment, diagnosis, log)
    weeks: tuple[Week, ...] = ()
    if block is not None:
        weeks = _build_weeks(block, assessment, diagnosis, start, log)
    plan = Plan(
        start=start,
        week_types=assessment.week,
        weeks=weeks,
        running_changes={c.week: c.what for c in assessment.running_changes},
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


def _build_weeks(
    block: Block, assessment: Assessment, diagnosis: Diagnosis, start: date, log: _Log
) -> tuple[Week, ...]:
    size = assessment.goal is Goal.SIZE and block is not GENTLE
    lifting_days = strength_days(assessment.week)
    _log_placement(assessment, lifting_days, log)
    strength_by_week = [_strength_items(block, n, size, assessment, diagnosis) for n in (1, 2, 3)]
    strength_by_week.append(
        [trim(i, WEEK4_FRACTION) if i is not WARM_UP else i for i in strength_by_week[2]]
    )
    add_ons = _add_ons_by_week(block, size, diagnosis, log)
    weeks = []
    for number in range(1, WEEKS + 1):
        monday = start + timedelta(weeks=number - 1)
        sessions = _place_week(
            assessment,
            diagnosis,
            lifting_days,
            strength_by_week[number - 1],
            add_ons[number - 1],
            monday,
            number,
            log,
        )
        notes = block.weeks[number - 1].notes if number <= 3 else ()
        weeks.append(Week(number, sessions, notes))
    _log_adaptations(assessment, diagnosis, block, log)
    log.add(
        "S8",
        "Week 4 keeps the loads and trims the volume by 20 % so soreness fades while "
        "your stride catches up.",
    )
    capped, cap_notes = cap_contacts(weeks)
    for note in cap_notes:
        log.add("P7", note)
    runner_adds = {c.week: c.what for c in assessment.running_changes}
    checked, novelty_notes = one_new_stress(capped, runner_adds)
    for note in novelty_notes:
        log.add("S6", f"One new stress at a time: {note}")
    return checked


def _strength_items(
    block: Block, number: int, size: bool, assessment: Assessment, diagnosis: Diagnosis
) -> list[Item]:
    doses = SIZE_STRENGTH[number - 1] if size else block.weeks[number - 1].strength
    items = list(doses)
    if block is GENTLE:
        return [WARM_UP, *items]
    return strength_session(items, assessment, diagnosis)


def _add_ons_by_week(
    block: Block, size: bool, diagnosis: Diagnosis, log: _Log
) -> list[tuple[AddOn, ...]]:
    weeks = [list(w.add_ons) for w in block.weeks]
    if block.week4_add_ons is not None:
        weeks.append(list(block.week4_add_ons))
    else:
        weeks.append([_trim_add_on(a) for a in block.weeks[2].add_ons])
    if size:
        _add_jump_squats(weeks, diagnosis, log)
    return [tuple(w) for w in weeks]


def _trim_add_on(add_on: AddOn) -> AddOn:
    return AddOn(tuple(trim(d, WEEK4_FRACTION) for d in add_on.doses), add_on.days)


def _add_jump_squats(weeks: list[list[AddOn]], diagnosis: Diagnosis, log: _Log) -> None:
    """Goal size: A2's jump squats enter in the first of weeks 2-3 with nothing else new."""
    if diagnosis.target is Target.STRENGTH:
        log.add("G1", "Jump squats from A2 wait until the strength gap is closed.")
        return
    seen = _stresses(weeks[0])
    for number in (2, 3):
        if _stresses(weeks[number - 1]) <= seen:
            for week, squats in zip(range(number, 4), SIZE_JUMP_SQUATS, strict=False):
                weeks[week - 1].append(squats)
            weeks[3].append(_trim_add_on(weeks[2][-1]))
            log.add(
                "G1",
                f"Jump squats from A2 start in week {number}, the first week with "
                "no other new stress.",
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
    monday: date,
    number: int,
    log: _Log,
) -> tuple[Session, ...]:
    busy: dict[Weekday, frozenset[Slot]] = {d: frozenset({Slot.STRENGTH}) for d in lifting_days}
    placed: list[tuple[Weekday, list[Item]]] = [(d, strength) for d in lifting_days]
    for add_on in add_ons:
        first = add_on.doses[0].exercise
        slot = Slot.HILL_WALK if first is ExerciseId.HILL_WALK else Slot.SPRING
        days = pick_days(assessment.week, slot, add_on.days, busy)
        if len(days) < add_on.days:
            log.add(
                "P4",
                f"Week {number}: {exercise(first).name} wanted {add_on.days} day(s), "
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
            placed.append((day, ankle_range_items(diagnosis)))
    placed.sort(key=lambda p: p[0].position)
    return tuple(
        Session(day, monday + timedelta(days=day.position), _kind(items), tuple(items))
        for day, items in placed
    )


def _kind(items: list[Item]) -> SessionKind:
    main = next(i for i in items if i.exercise is not ExerciseId.WARM_UP)
    return kind_of(main.exercise)


def _where(slot: Slot) -> str:
    return {
        Slot.SPRING: "spring work needs an easy day that is not a long or race day or the day "
        "before one",
        Slot.HILL_WALK: "hill walks go on rest days",
    }.get(slot, "no legal day")


def _log_placement(assessment: Assessment, days: tuple[Weekday, ...], log: _Log) -> None:
    if len(days) == 2:
        log.add(
            "P4",
            f"Strength on {days[0].label} and {days[1].label}: not back to back and "
            "never the day before a long run or race.",
        )
    elif days:
        log.add(
            "P4",
            f"Only one strength day fits your week ({days[0].label}): two would be "
            "back to back or the day before a long run or race.",
        )
    else:
        log.add(
            "P4",
            "No day in your week can hold strength work without breaking the "
            "placement rules: add a rest or easy day away from your long run.",
        )
    if assessment.runner.lifts_weights:
        log.add("P1", "You lift: do the calf work after your main lifts.")


def _log_adaptations(assessment: Assessment, diagnosis: Diagnosis, block: Block, log: _Log) -> None:
    if block is GENTLE:
        return
    if diagnosis.finding("heel_raise_asymmetry"):
        log.add("P10", "Calf raises are done side by side, weaker side first with one extra set.")
    if diagnosis.finding("ankle_range"):
        log.add(
            "P9",
            "Ankle-range work goes into every strength session and two more short "
            "sessions a week; calf raises get a slower lowering.",
        )
    if diagnosis.finding("retest_asymmetry"):
        log.add("C6b", "Retest both heel raises on another day this week; the gap may be noise.")
    for situation in assessment.situations:
        log.add("P13", SITUATION_NOTES[situation])
    if assessment.goal is Goal.SIZE:
        log.add(
            "G1",
            "Goal size: A2's stair and seated calf raises and farmer's carry, 4-5 sets "
            "of 6-12 reps twice a week. Size does not decide speed, strength does (A2; "
            "Miyake 2021).",
        )
    log.add(
        "P11",
        "Every strength and spring session starts with an easy jog or brisk walk and "
        "ankle circles; strides and surges come after an easy run has warmed you up.",
    )
