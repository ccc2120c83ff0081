"""Auto-regulation (coaching spec section 5): the runner reports, the plan answers.

The rules are data: an ordered tuple of (rule id, test, action, final). An action leaves
steps on the plan (``coaching/steps.py``: pause, limit, halve, hold, repeat, slow) and a
sentence for the decision log; the weeks are then rendered again from the planned block
and every step so far (``coaching/progression.py``), so no rule can raise a dose in
answer to a bad report and every later week is measured against what was prescribed.
Sessions dated before the report stay exactly as they were.

Reports are taken on any day of the block (and the day after it); a pain report (sharp
pain, limping, pain above 5/10) on any day from the tests on, before, during or after
the block. A plan that refers the runner never answers "carry on" or steps anything up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from calfcoach.coaching.checkin import CheckIn
from calfcoach.coaching.diagnosis import Diagnosis, Reason, RedFlagNotice
from calfcoach.coaching.ladders import half_of
from calfcoach.coaching.plan import (
    ALL_WORK,
    SPEED_WORK,
    SPRING_WORK,
    CoachingPlan,
    Decision,
    Item,
    Plan,
    Week,
    kind_of,
)
from calfcoach.coaching.progression import render
from calfcoach.coaching.red_flags import RED_FLAG_RULES, THIS_IS_NOT_A_DIAGNOSIS
from calfcoach.coaching.report_dates import earlier_pain, report_week
from calfcoach.coaching.reports import Report, limits, step_back
from calfcoach.coaching.revisions import describe_changes
from calfcoach.coaching.steps import (
    Elements,
    Fine,
    Halve,
    Hold,
    NothingNew,
    Pain,
    Pause,
    Repeat,
    Slow,
    Step,
)
from calfcoach.coaching.vocabulary import (
    Feeling,
    RedFlag,
    StridesCheck,
    Target,
    Urgency,
)

TARGET_RULES = frozenset({"C1", "C2", "C3", "C4", "P8", "C10"})


@dataclass(frozen=True, slots=True)
class Outcome:
    steps: tuple[Step, ...]
    text: str
    diagnosis: Diagnosis | None = None


Test = Callable[[Report], bool]
Action = Callable[[Report], Outcome]


def adjust(coaching: CoachingPlan, checkin: CheckIn) -> CoachingPlan:
    """The plan after ``checkin``, with one new decision per rule that applied."""
    plan = coaching.plan
    report = Report(
        checkin,
        plan,
        report_week(plan, checkin, coaching.decisions),
        coaching.diagnosis,
        earlier_pain(plan, checkin, coaching.decisions),
    )
    outcomes: list[tuple[str, Outcome]] = []
    for rule, test, action, final in _RULES:
        if test(report):
            outcomes.append((rule, action(report)))
            if final:
                break
    steps = plan.steps + tuple(s for _, o in outcomes for s in o.steps) + _nothing_new(report)
    planned = plan.planned or plan.weeks  # a plan written before steps: its weeks are the plan
    rendered = render(planned, steps, plan.running_changes)
    weeks = _keep_before(plan.weeks, rendered.weeks, checkin)
    diagnosis = next((o.diagnosis for _, o in reversed(outcomes) if o.diagnosis), None)
    changes = describe_changes(plan.weeks, weeks) if weeks != plan.weeks else ""
    decisions = [*coaching.decisions]
    for n, (rule, outcome) in enumerate(outcomes):
        text = outcome.text
        if n == 0 and changes:
            text = f"{text} ({changes})."
        decisions.append(Decision(checkin.date, rule, text))
    known = {d.text for d in coaching.decisions}
    for rule, note in rendered.notes:
        text = f"One new stress at a time: {note}" if rule == "S6" else note
        if text not in known:
            decisions.append(Decision(checkin.date, rule, text))
    adjusted = replace(plan, weeks=weeks, planned=planned, steps=steps)
    return CoachingPlan(diagnosis or coaching.diagnosis, adjusted, tuple(decisions))


def _nothing_new(report: Report) -> tuple[Step, ...]:
    """No bad report brings in a stress new to the block, up to the end of next week."""
    c = report.checkin
    if not c.is_bad or report.week > 4:
        return ()
    until = report.week_end(1)
    had = frozenset(i.exercise for i in _items_between(report.plan, c.date, until))
    return (NothingNew(c.date, until, had),)


def _items_between(plan: Plan, since: date, until: date) -> Iterator[Item]:
    for week in plan.weeks:
        for session in week.sessions:
            if since <= session.date <= until:
                yield from session.items


def _keep_before(
    old: tuple[Week, ...], new: tuple[Week, ...], checkin: CheckIn
) -> tuple[Week, ...]:
    """What was prescribed before the report stays; from its date on, the new weeks."""
    before = {w.number: [s for s in w.sessions if s.date < checkin.date] for w in old}
    return tuple(
        replace(
            w,
            sessions=tuple(
                sorted(
                    [*before.get(w.number, []), *(s for s in w.sessions if s.date >= checkin.date)],
                    key=lambda s: s.date,
                )
            ),
        )
        for w in new
    )


# --------------------------------------------------------------------------- the rules


def _refer(report: Report) -> Outcome:
    c = report.checkin
    limping = c.feeling is Feeling.LIMPING
    flag = RedFlag.PAIN_CHANGES_GAIT if limping else RedFlag.SHARP_PAIN_IN_TEST
    why = "limping changes your gait" if limping else "the pain persists"
    text = (
        f"Target is now refer: {why}. Every remaining session is off until a qualified "
        f"clinician has seen you. {THIS_IS_NOT_A_DIAGNOSIS}"
    )
    old = report.diagnosis
    notice = RedFlagNotice(flag, Urgency.CLINICIAN, RED_FLAG_RULES[flag].message)
    reasons = tuple(r for r in old.reasons if r.rule not in TARGET_RULES)
    diagnosis = replace(
        old,
        target=Target.REFER,
        urgency=max(old.urgency or Urgency.CLINICIAN, Urgency.CLINICIAN, key=lambda u: u.rank),
        red_flags=(*old.red_flags, notice) if notice.flag not in _flags(old) else old.red_flags,
        reasons=(Reason("S3", text), *reasons),
    )
    return Outcome((Pause(ALL_WORK, c.date), Pain(c.date)), text, diagnosis)


def _flags(diagnosis: Diagnosis) -> set[RedFlag]:
    return {n.flag for n in diagnosis.red_flags}


def _sharp_pain(report: Report) -> Outcome:
    c = report.checkin
    hurt = report.about
    steps: list[Step] = [Pause(SPRING_WORK, c.date, report.week_end(1)), Pain(c.date)]
    steps += limits(report, hurt, strict=True, lasting=True)
    steps += step_back(report)
    when = "before the block starts" if report.week == 0 else "the day after"
    spring = _planned_between(report, SPRING_WORK, c.date, report.week_end(1))
    text = (
        f"Sharp pain {when}: "
        + ("spring work is off for the rest of this week and next, " if spring else "")
        + "strength steps back a week, and what hurt stays below the dose that provoked it "
        "for the rest of the block. If it persists, see a clinician."
    )
    if report.week > 4:
        text = (
            "Sharp pain after the block: rest what hurts and retest before the next block; if "
            "it persists, see a clinician."
        )
    return Outcome(tuple(steps), text)


def _planned_between(report: Report, exercises: Elements, since: date, until: date) -> bool:
    return any(i.exercise in exercises for i in _items_between(report.plan, since, until))


def _painful_exercise(report: Report) -> Outcome:
    c = report.checkin
    hurt = report.about
    # The report follows the session that hurt: that one is done, the rest of the week is off.
    after = report.day_after
    steps: list[Step] = [Pause(hurt, after, report.week_end(0)), Pain(c.date)]
    steps += limits(report, hurt, strict=True, lasting=True, since=after)
    if report.week == 0:
        steps += step_back(report)
    if report.provoking(hurt):
        text = (
            f"Pain {c.pain}/10 during the session is too much (over 5): that exercise stops "
            "for the rest of the week and comes back a step lower, never again at the dose "
            "that hurt in this block."
        )
    else:  # before the block, or no session of that kind yet: no session to blame
        text = (
            f"Pain {c.pain}/10 is too much to train through (over 5): that exercise stops for "
            "the rest of the week and comes back a step lower."
        )
    return Outcome(tuple(steps), text)


def _ropey(report: Report) -> Outcome:
    c = report.checkin
    hurt = report.about
    steps: list[Step] = [*limits(report, hurt), Slow(hurt, c.date)]
    if hurt <= SPRING_WORK:
        # Halve what the session held (pogo, rope after spring; strides after a run).
        done_in_it = frozenset(e for e in hurt if kind_of(e) is c.after) or hurt
        provoking = report.provoking(done_in_it)
        steps += [
            Halve(key[0], key[1], c.date, half_of(dose)) for key, (dose, _) in provoking.items()
        ]
        if provoking:  # next week repeats the step that was done, never above it
            steps.append(Repeat(report.week + 1))
        steps.append(Hold(SPRING_WORK, report.week + 1))
        what = (
            "the next spring dose is halved, next week repeats this week's spring step, and it "
            "builds back in smaller steps"
            if provoking
            else "your plan had no spring work yet, so next week starts none and what comes "
            "later builds in smaller steps"
        )
    else:
        steps.append(Hold(hurt, report.week + 1))
        what = "next week repeats this week's doses, and it builds back in smaller steps"
    return Outcome(
        tuple(steps),
        f"Calves ropey the morning after: {what}, never above the dose that made you ropey "
        "until you have reported fine twice.",
    )


def _stiffer(report: Report) -> Outcome:
    steps = (*limits(report, ALL_WORK), Hold(ALL_WORK, report.week + 1))
    return Outcome(
        steps,
        "Morning stiffness is up on last week: no progression next week, and nothing above "
        "this week's doses until you have reported fine twice.",
    )


def _clamped(report: Report) -> Outcome:
    c = report.checkin
    steps = (
        Pause(SPEED_WORK, c.date, report.week_end(1)),
        *limits(report, SPEED_WORK | report.about),
        Hold(ALL_WORK, report.week + 1),
    )
    return Outcome(
        steps,
        "Calves clamped up in the strides check: strides and surges are off for the rest of "
        "this week and next, and next week repeats the build week before any speed session.",
    )


def _settled_pain(report: Report) -> Outcome:
    steps = (*limits(report, report.about), Hold(report.about, report.week + 1))
    return Outcome(
        steps,
        f"Pain of {report.checkin.pain}/10 that settled by the morning is acceptable: keep this "
        "dose, no step up next week, and stop if it stays into the next morning.",
    )


def _fine(report: Report) -> Outcome:
    c = report.checkin
    text = (
        "Feet quiet and push-off snappy in the strides check: stay the course."
        if c.strides_check is StridesCheck.SNAPPY
        else "Fine or mild tightness: carry on as planned."
    )
    return Outcome((Fine(report.about, c.date),), text)


def _waiting(report: Report) -> Outcome:
    if report.diagnosis.target is Target.HOLD:
        return Outcome(
            (),
            "No block is running: ease your running until you are not sore all the time, "
            "then retest.",
        )
    if report.plan.weeks and any(w.sessions for w in report.plan.weeks):
        text = (
            "You are waiting to see a clinician: keep to the gentle work only while it does "
            "not hurt; nothing steps up until a clinician clears you."
        )
    else:
        text = f"No training until a clinician has seen you. {THIS_IS_NOT_A_DIAGNOSIS}"
    return Outcome((), text)


def _pain_without_block(report: Report) -> Outcome:
    return Outcome(
        (Pain(report.checkin.date),),
        "Pain noted: no calf work is planned now. Rest what hurts; if it persists or you "
        f"limp, see a qualified clinician. {THIS_IS_NOT_A_DIAGNOSIS}",
    )


def _no_sessions(report: Report) -> bool:
    return report.checkin.is_pain_report and not any(w.sessions for w in report.plan.weeks)


def _persists(report: Report) -> bool:
    c = report.checkin
    return c.feeling is Feeling.LIMPING or (c.is_pain_report and report.earlier_pain)


def _is_fine(report: Report) -> bool:
    return (
        report.checkin.is_fine
        and not report.refers
        and report.diagnosis.target is not (Target.HOLD)
    )


def _settled(report: Report) -> bool:
    c = report.checkin
    return c.pain in {4, 5} and c.feeling in {Feeling.FINE, Feeling.MILD_TIGHTNESS}


_RULES: tuple[tuple[str, Test, Action, bool], ...] = (
    ("S3", _persists, _refer, True),
    ("S3", _no_sessions, _pain_without_block, True),
    (
        "C10",
        lambda r: r.diagnosis.target is Target.HOLD and not r.checkin.is_pain_report,
        _waiting,
        True,
    ),
    ("S3", lambda r: r.checkin.feeling is Feeling.SHARP_PAIN, _sharp_pain, False),
    ("S4", lambda r: (r.checkin.pain or 0) > 5, _painful_exercise, False),
    ("S2", lambda r: r.checkin.feeling is Feeling.ROPEY, _ropey, False),
    ("S5", lambda r: r.checkin.morning_stiffness_up, _stiffer, False),
    ("S7", lambda r: r.checkin.strides_check is StridesCheck.CLAMPED, _clamped, False),
    ("S4", _settled, _settled_pain, False),
    # A referred plan: bad reports still lower what they are about, never "carry on".
    ("C0", lambda r: r.refers and not r.checkin.is_pain_report, _waiting, True),
    ("S7", lambda r: _is_fine(r) and r.checkin.strides_check is StridesCheck.SNAPPY, _fine, True),
    ("S1", _is_fine, _fine, True),
)
