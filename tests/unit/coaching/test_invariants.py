"""Property-based tests: invariants of the coaching engine for any valid input.

Each property is a plain ``violations_*`` function returning a list of human-readable
problems (naming the offending session), so a failure shows what went wrong and where;
the tests assert that list is empty for random assessments, weeks and check-ins.

Rule ids refer to coaching.md: P4/S6 placement and novelty, P7 contact cap, S8 week 4,
C0 red flags, S1-S7 auto-regulation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calfcoach.coaching.adjust import adjust
from calfcoach.coaching.assessment import Assessment, parse_assessment
from calfcoach.coaching.checkin import CheckIn, parse_checkin
from calfcoach.coaching.diagnosis import diagnose
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.placement import BIG_DAYS
from calfcoach.coaching.plan import (
    CALF_RAISES,
    SPRING_WORK,
    CoachingPlan,
    Decision,
    Plan,
    Session,
    Week,
)
from calfcoach.coaching.planner import build_plan
from calfcoach.coaching.reports import element_of
from calfcoach.coaching.vocabulary import Feeling, StridesCheck, Target, Urgency, Weekday
from tests.unit.coaching.strategies import (
    assessment_documents,
    checkin_document,
    checkin_sequences,
    dates,
    fine_checkin_specs,
)

PLAN_WEEKS = 4
MAX_CONTACTS = 100  # P7
WEEK4_FRACTION = 0.8  # S8
RULE_ID = re.compile(r"^[A-Z][0-9]+b?$")
ADJUSTMENT_RULES = {f"S{n}" for n in range(1, 8)} | {"C0", "C10"}  # C0/C10: no block to adjust

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# --------------------------------------------------------------------------- helpers


def build(doc: dict[str, Any], today: date) -> tuple[Assessment, CoachingPlan]:
    assessment = parse_assessment(doc, today)
    return assessment, build_plan(assessment, diagnose(assessment))


def describe(session: Session, week: Week | None = None) -> str:
    """One line naming a session and its doses, for failure messages."""
    items = ", ".join(
        f"{i.exercise.value} {i.sets}x{i.reps if i.reps is not None else f'{i.seconds}s'}"
        f"{'' if i.side.value == 'both' else f' ({i.side.value})'}"
        for i in session.items
    )
    where = f"week {week.number} " if week is not None else ""
    return f"{where}{session.day.value} {session.date.isoformat()} [{session.kind.value}]: {items}"


def dated_sessions(plan: Plan) -> Iterable[tuple[Week, Session]]:
    for week in plan.weeks:
        for session in week.sessions:
            yield week, session


def day_type(plan: Plan, on: date) -> str:
    """The runner's day type on a calendar date (the week repeats beyond the plan)."""
    return plan.week_types[list(Weekday)[on.weekday()]]


def is_big_or_before_big(plan: Plan, on: date) -> bool:
    return day_type(plan, on) in BIG_DAYS or day_type(plan, on + timedelta(days=1)) in BIG_DAYS


def has_calf_raises(session: Session) -> bool:
    return session.has_any(CALF_RAISES)


def week_types_text(plan: Plan) -> str:
    return " ".join(f"{d.value}={t.value}" for d, t in plan.week_types.items())


# --------------------------------------------------------------------------- property checks


def violations_spring_placement(plan: Plan) -> list[str]:
    """P4: no spring work, strides or hill surges on a long/race day or the day before one."""
    problems = []
    for week, session in dated_sessions(plan):
        spring = [i.exercise.value for i in session.items if i.exercise in SPRING_WORK]
        if spring and is_big_or_before_big(plan, session.date):
            today = day_type(plan, session.date)
            tomorrow = day_type(plan, session.date + timedelta(days=1))
            problems.append(
                f"{describe(session, week)} has {spring} on a {today} day before a {tomorrow} "
                f"day (week: {week_types_text(plan)})"
            )
    return problems


def violations_strength_days(plan: Plan) -> list[str]:
    """P4: calf-raise sessions never on consecutive dates, never the day before long/race."""
    strength = sorted(
        ((s.date, w, s) for w, s in dated_sessions(plan) if has_calf_raises(s)),
        key=lambda t: t[0],
    )
    problems = []
    for (d1, w1, s1), (d2, w2, s2) in pairwise(strength):
        if d2 - d1 == timedelta(days=1):
            problems.append(
                f"strength on consecutive dates: {describe(s1, w1)} | {describe(s2, w2)}"
            )
    for on, week, session in strength:
        tomorrow = day_type(plan, on + timedelta(days=1))
        if tomorrow in BIG_DAYS:
            problems.append(
                f"{describe(session, week)}: calf raises the day before a {tomorrow} day "
                f"(week: {week_types_text(plan)})"
            )
    return problems


def violations_one_new_stress(plan: Plan, runner_weeks: set[int]) -> list[str]:
    """S6: at most one new stress kind a week; none in a week the runner adds their own."""
    seen: set[Any] = set()
    problems = []
    for week in plan.weeks:
        kinds = week.stresses()
        new = kinds - seen
        limit = 0 if week.number in runner_weeks else 1
        if len(new) > limit:
            offending = [describe(s, week) for s in week.sessions if _stresses(s) & new]
            why = "the runner adds a new running stress" if limit == 0 else "one new stress a week"
            problems.append(
                f"week {week.number} brings {sorted(k.value for k in new)} new ({why}); "
                f"earlier weeks had {sorted(k.value for k in seen)}; sessions: {offending}"
            )
        seen |= kinds
    return problems


def _stresses(session: Session) -> set[Any]:
    return {k for i in session.items if (k := exercise(i.exercise).stress) is not None}


def calf_sets(week: Week) -> int:
    return sum(i.sets for s in week.sessions for i in s.items if i.exercise in CALF_RAISES)


def violations_week4_trim(plan: Plan) -> list[str]:
    """S8: week 4 calf-raise volume is 80 % of week 3's, within one rep per week-4 set."""
    if len(plan.weeks) != PLAN_WEEKS:
        return []
    week3, week4 = plan.weeks[2], plan.weeks[3]
    v3, v4 = week3.volume(CALF_RAISES), week4.volume(CALF_RAISES)
    tolerance = calf_sets(week4)
    if abs(v4 - WEEK4_FRACTION * v3) <= tolerance:
        return []
    return [
        f"week 4 calf volume {v4} is not 80 % of week 3's {v3} (= {WEEK4_FRACTION * v3:g}) "
        f"within {tolerance} reps; week 3: {[describe(s) for s in week3.sessions]}; "
        f"week 4: {[describe(s) for s in week4.sessions]}"
    ]


def violations_red_flags(coaching: CoachingPlan) -> list[str]:
    """C0: refer means no spring work; a same-day or urgent flag means no plan at all."""
    diagnosis, plan = coaching.diagnosis, coaching.plan
    problems = []
    if diagnosis.target is Target.REFER:
        problems += [
            f"target refer ({diagnosis.urgency}) but spring work: {describe(s, w)}"
            for w, s in dated_sessions(plan)
            if s.has_any(SPRING_WORK)
        ]
    if diagnosis.urgency in {Urgency.SAME_DAY, Urgency.URGENT} and plan.weeks:
        problems.append(
            f"urgency {diagnosis.urgency.value} but the plan has {len(plan.weeks)} weeks: "
            f"{[describe(s, w) for w, s in dated_sessions(plan)]}"
        )
    return problems


def violations_contact_cap(plan: Plan) -> list[str]:
    """P7: every day stays at or under 100 foot contacts (two sessions a day share the cap)."""
    by_day: dict[date, list[str]] = {}
    totals: dict[date, float] = {}
    for w, s in dated_sessions(plan):
        by_day.setdefault(s.date, []).append(describe(s, w))
        totals[s.date] = totals.get(s.date, 0.0) + s.contacts
    return [
        f"{by_day[day]} add up to {total:g} foot contacts (cap {MAX_CONTACTS})"
        for day, total in totals.items()
        if total > MAX_CONTACTS
    ]


def violations_rule_ids(
    decisions: Iterable[Decision], reasons: Iterable[tuple[str, str]] = ()
) -> list[str]:
    """Every decision and reason carries a well-formed rule id and a non-empty sentence."""
    entries = [(f"decision {d.date}", d.rule, d.text) for d in decisions]
    entries += [("diagnosis reason", rule, text) for rule, text in reasons]
    problems = []
    for where, rule, text in entries:
        if not RULE_ID.match(rule):
            problems.append(f"{where}: bad rule id {rule!r} ({text!r})")
        if not text.strip():
            problems.append(f"{where}: rule {rule} has no text")
    return problems


def violations_well_formed(plan: Plan) -> list[str]:
    """Items: sets >= 1, exactly one of reps/seconds and it positive; days and dates agree."""
    problems = []
    first, end = plan.start, plan.start + timedelta(weeks=PLAN_WEEKS)
    if plan.start.weekday() != 0:
        problems.append(f"plan starts on {plan.start} which is not a Monday")
    for week, session in dated_sessions(plan):
        if session.date.weekday() != session.day.position:
            problems.append(f"{describe(session, week)}: day does not match the date")
        if not first <= session.date < end:
            problems.append(f"{describe(session, week)}: date outside the plan {first}..{end}")
        monday = plan.start + timedelta(weeks=week.number - 1)
        if not monday <= session.date < monday + timedelta(days=7):
            problems.append(f"{describe(session, week)}: date outside week {week.number}")
        if not session.items:
            problems.append(f"{describe(session, week)}: session has no items")
        for item in session.items:
            doses = [v for v in (item.reps, item.seconds) if v is not None]
            if item.sets < 1 or len(doses) != 1 or doses[0] < 1:
                problems.append(
                    f"{describe(session, week)}: malformed item {item.exercise.value} "
                    f"sets={item.sets} reps={item.reps} seconds={item.seconds}"
                )
    week_numbers = [w.number for w in plan.weeks]
    if week_numbers not in ([], list(range(1, PLAN_WEEKS + 1))):
        problems.append(f"weeks are numbered {week_numbers}")
    return problems


def violations_adjusted_volume(before: Plan, after: Plan, checkin: CheckIn) -> list[str]:
    """S2-S7: after a bad report no later week holds more of any reported exercise than it
    had before the report, or than the week that provoked it (S2 may repeat that step)."""
    problems = []
    for reported in element_of(checkin.after):
        only = frozenset({reported})
        provoking = [w.volume(only) for w in before.weeks if w.number <= (checkin.week or 0)]
        ceiling = next((v for v in reversed(provoking) if v), 0)
        for old in before.weeks:
            if old.number <= (checkin.week or 0):
                continue
            new = after.week(old.number)
            new_volume = new.volume(only) if new is not None else 0
            if new_volume > max(old.volume(only), ceiling):
                problems.append(
                    f"bad report {checkin} raised week {old.number}'s {reported.value} volume "
                    f"{old.volume(only)} -> {new_volume} (provoking week: {ceiling}); before: "
                    f"{[describe(s) for s in old.sessions]}; after: "
                    f"{[describe(s) for s in new.sessions] if new else []}"
                )
    return problems


def violations_fine_unchanged(before: Plan, after: Plan, checkin: CheckIn) -> list[str]:
    """S1: a fine report changes no session."""
    old = {(w.number, s.date, s.kind): s for w, s in dated_sessions(before)}
    new = {(w.number, s.date, s.kind): s for w, s in dated_sessions(after)}
    problems = [
        f"fine report {checkin} changed {describe(s)} -> "
        f"{describe(new[key]) if key in new else 'removed'}"
        for key, s in old.items()
        if new.get(key) != s
    ]
    problems += [
        f"fine report {checkin} added {describe(s)}" for k, s in new.items() if k not in old
    ]
    if before.weeks != after.weeks and not problems:
        problems.append(f"fine report {checkin} changed the weeks (notes or order)")
    return problems


def violations_adjustment_log(before: CoachingPlan, after: CoachingPlan) -> list[str]:
    """Every adjustment keeps the old log and appends at least one S1-S7 decision."""
    old, new = before.decisions, after.decisions
    if new[: len(old)] != old:
        return ["the adjustment rewrote earlier decisions"]
    added = new[len(old) :]
    problems = violations_rule_ids(added)
    if not any(d.rule in ADJUSTMENT_RULES for d in added):
        problems.append(
            f"no S1-S7 decision appended; appended: {[(d.rule, d.text) for d in added]}"
        )
    return problems


def is_fine(checkin: CheckIn) -> bool:
    return (
        checkin.feeling in {Feeling.FINE, Feeling.MILD_TIGHTNESS}
        and (checkin.pain is None or checkin.pain <= 3)
        and checkin.strides_check is not StridesCheck.CLAMPED
        and not checkin.morning_stiffness_up
    )


def plan_invariants(coaching: CoachingPlan, runner_weeks: set[int]) -> list[str]:
    """Properties 1-3, 6 and 10: the rules every plan keeps, built or adjusted."""
    plan = coaching.plan
    return [
        *violations_spring_placement(plan),
        *violations_strength_days(plan),
        *violations_one_new_stress(plan, runner_weeks),
        *violations_contact_cap(plan),
        *violations_well_formed(plan),
    ]


def adjusted_in_turn(
    coaching: CoachingPlan, specs: list[dict[str, Any]]
) -> Iterable[tuple[CoachingPlan, CheckIn, CoachingPlan]]:
    """Apply check-ins in date order, yielding (before, check-in, after) for each."""
    ordered = sorted(specs, key=lambda spec: (spec["week"], spec["day"]))
    for spec in ordered:
        checkin = parse_checkin(checkin_document(spec, coaching.plan.start))
        after = adjust(coaching, checkin)
        yield coaching, checkin, after
        coaching = after


def fail_if(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def runner_weeks_of(assessment: Assessment) -> set[int]:
    return {change.week for change in assessment.running_changes}


# --------------------------------------------------------------------------- tests


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_no_spring_work_on_or_before_long_or_race_days(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_spring_placement(coaching.plan))


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_strength_days_never_consecutive_nor_before_long_or_race(
    doc: dict[str, Any], today: date
) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_strength_days(coaching.plan))


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_at_most_one_new_stress_a_week(doc: dict[str, Any], today: date) -> None:
    assessment, coaching = build(doc, today)
    fail_if(violations_one_new_stress(coaching.plan, runner_weeks_of(assessment)))


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_week_four_trims_calf_volume_by_a_fifth(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_week4_trim(coaching.plan))


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_red_flags_rule_out_spring_work_and_urgent_ones_any_plan(
    doc: dict[str, Any], today: date
) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_red_flags(coaching))


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_every_session_within_the_contact_cap(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_contact_cap(coaching.plan))


@PROPERTY
@given(doc=assessment_documents(), today=dates, specs=checkin_sequences)
def test_bad_reports_never_raise_the_reported_element(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    _, coaching = build(doc, today)
    for before, checkin, after in adjusted_in_turn(coaching, specs):
        assert checkin.is_bad == (not is_fine(checkin)), f"is_bad disagrees with S1 for {checkin}"
        if checkin.is_bad:
            fail_if(violations_adjusted_volume(before.plan, after.plan, checkin))


@PROPERTY
@given(doc=assessment_documents(), today=dates, specs=st.lists(fine_checkin_specs(), max_size=3))
def test_fine_reports_change_no_session(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    _, coaching = build(doc, today)
    for before, checkin, after in adjusted_in_turn(coaching, specs):
        assert is_fine(checkin)
        fail_if(violations_fine_unchanged(before.plan, after.plan, checkin))
        assert after.diagnosis == before.diagnosis, f"fine report {checkin} changed the diagnosis"


# A report that holds week 3 back (S5 after a stiff morning in week 2) must not make week 4's
# pogo "new" in the week the runner adds hills to their own running (S6).
_RUNNER_ADDS_HILLS_IN_WEEK_4 = {
    "heel_raise": {"left": 1, "right": 1},
    "running_changes": [{"week": 4, "what": "hills"}],
}
_STIFFER_IN_WEEK_2 = {
    "week": 2,
    "day": 0,
    "after": "strength",
    "feeling": "fine",
    "pain": None,
    "strides_check": None,
    "morning_stiffness_up": True,
}


@settings(PROPERTY, max_examples=400)
@given(
    doc=assessment_documents(running_changes_one_in=2),
    today=dates,
    specs=st.one_of(checkin_sequences, st.lists(fine_checkin_specs(), min_size=1, max_size=2)),
)
@example(doc=_RUNNER_ADDS_HILLS_IN_WEEK_4, today=date(2020, 1, 1), specs=[_STIFFER_IN_WEEK_2])
def test_adjusted_plans_keep_every_plan_rule_and_log_why(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    assessment, coaching = build(doc, today)
    for before, checkin, after in adjusted_in_turn(coaching, specs):
        problems = plan_invariants(after, runner_weeks_of(assessment))
        problems += violations_adjustment_log(before, after)
        fail_if([f"after {checkin}: {p}" for p in problems])


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_every_decision_and_reason_names_its_rule(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    reasons = [(r.rule, r.text) for r in coaching.diagnosis.reasons]
    problems = violations_rule_ids(coaching.decisions, reasons)
    if not coaching.decisions:
        problems.append("the plan has an empty decision log")
    fail_if(problems)


def round_trip_problems(coaching: CoachingPlan) -> list[str]:
    try:
        back = read_plan_document(plan_document(coaching))
    except InvalidDocument as error:
        return [f"the engine's own plan document is refused on reading: {error}"]
    problems = []
    if back.plan.start != coaching.plan.start:
        problems.append(f"start {coaching.plan.start} came back as {back.plan.start}")
    if dict(back.plan.week_types) != dict(coaching.plan.week_types):
        problems.append(
            f"week types {week_types_text(coaching.plan)} came back as {week_types_text(back.plan)}"
        )
    for old, new in zip(coaching.plan.weeks, back.plan.weeks, strict=False):
        if old != new:
            problems.append(f"week {old.number} changed in the round trip: {old} -> {new}")
    if len(back.plan.weeks) != len(coaching.plan.weeks):
        problems.append(f"{len(coaching.plan.weeks)} weeks came back as {len(back.plan.weeks)}")
    if back.decisions != coaching.decisions:
        problems.append(f"decisions changed: {coaching.decisions} -> {back.decisions}")
    if (back.diagnosis.target, back.diagnosis.urgency) != (
        coaching.diagnosis.target,
        coaching.diagnosis.urgency,
    ):
        problems.append("diagnosis target or urgency changed in the round trip")
    return problems


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_plan_document_round_trip(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    fail_if(round_trip_problems(coaching))


@PROPERTY
@given(doc=assessment_documents(), today=dates, specs=checkin_sequences)
@example(  # C6 per-side raises make S3's change list long: 511 characters of decision text
    doc={"heel_raise": {"left": 1, "right": 7}},
    today=date(2020, 1, 1),
    specs=[{"week": 1, "day": 0, "after": "strength", "feeling": "sharp_pain"}],
)
def test_adjusted_plan_document_round_trip(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    """`calfcoach adjust` reads the document it printed: an adjusted plan must round-trip too."""
    _, coaching = build(doc, today)
    for _, checkin, after in adjusted_in_turn(coaching, specs):
        fail_if([f"after {checkin}: {p}" for p in round_trip_problems(after)])


@PROPERTY
@given(doc=assessment_documents(), today=dates)
def test_items_are_well_formed(doc: dict[str, Any], today: date) -> None:
    _, coaching = build(doc, today)
    fail_if(violations_well_formed(coaching.plan))


# --------------------------------------------------------------------------- the checks can fail


def test_checks_catch_broken_plans() -> None:
    """Each check reports a plan that breaks its rule (so a passing property means something)."""
    doc = {
        "date": "2026-11-23",
        "heel_raise": {"left": 25, "right": 25},
        "week": {
            "mon": "easy", "tue": "quality", "wed": "easy", "thu": "easy",
            "fri": "easy", "sat": "long", "sun": "easy",
        },
    }  # fmt: skip
    _, coaching = build(doc, date(2026, 11, 23))
    plan = coaching.plan
    assert not plan_invariants(coaching, set())
    week1 = plan.weeks[0]
    spring = next(s for s in week1.sessions if s.has_any(SPRING_WORK))
    strength = next(s for s in week1.sessions if has_calf_raises(s))
    friday = plan.start + timedelta(days=4)

    def with_week1(*sessions: Session) -> Plan:
        moved = Week(1, tuple(sorted((*week1.sessions, *sessions), key=lambda s: s.date)))
        return Plan(plan.start, plan.week_types, (moved, *plan.weeks[1:]))

    def moved(session: Session, on: date) -> Session:
        return Session(list(Weekday)[on.weekday()], on, session.kind, session.items)

    assert violations_spring_placement(with_week1(moved(spring, friday)))
    next_day = strength.date + timedelta(days=1)
    assert violations_strength_days(with_week1(moved(strength, next_day)))
    assert violations_strength_days(with_week1(moved(strength, friday)))
    assert violations_one_new_stress(plan, {1})
    pogo = next(s for s in plan.weeks[1].sessions if s.has_any(SPRING_WORK))
    monday = plan.start
    assert violations_one_new_stress(with_week1(moved(pogo, monday)), set())
    pogo_heavy = Session(pogo.day, pogo.date, pogo.kind, pogo.items * 3)
    assert violations_contact_cap(Plan(plan.start, plan.week_types, (Week(1, (pogo_heavy,)),)))
    untrimmed = Plan(
        plan.start, plan.week_types, (*plan.weeks[:3], Week(4, plan.weeks[2].sessions))
    )
    assert violations_week4_trim(untrimmed)
    assert violations_rule_ids([Decision(plan.start, "s1", "x"), Decision(plan.start, "S1", " ")])
    wrong_day = Session(Weekday.TUE, plan.start, spring.kind, spring.items)
    assert violations_well_formed(with_week1(wrong_day))
