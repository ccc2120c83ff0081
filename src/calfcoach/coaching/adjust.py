"""Auto-regulation (coaching spec section 5): the runner reports, the plan answers.

The rules are data: an ordered tuple of (rule id, test, action). Every action only
removes, halves, holds or steps back a dose, never raises one, and each change lands
in the decision log with its rule id and the concrete sessions it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from calfcoach.coaching.checkin import CheckIn
from calfcoach.coaching.diagnosis import Diagnosis, RedFlagNotice
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.guards import one_new_stress
from calfcoach.coaching.plan import (
    SPRING_WORK,
    STRENGTH_WORK,
    CoachingPlan,
    Decision,
    Week,
    halve,
    kind_of,
)
from calfcoach.coaching.red_flags import RED_FLAG_RULES
from calfcoach.coaching.revisions import (
    describe_changes,
    hold,
    remove,
    repeat_step,
    step_back,
    transform,
)
from calfcoach.coaching.vocabulary import (
    ExerciseId,
    Feeling,
    RedFlag,
    SessionKind,
    StridesCheck,
    Target,
    Urgency,
)

SPEED_WORK = frozenset({ExerciseId.STRIDES, ExerciseId.HILL_SURGES})
MOBILITY_WORK = frozenset({ExerciseId.ANKLE_RANGE, ExerciseId.SINGLE_LEG_BALANCE})
ALL_WORK = SPRING_WORK | STRENGTH_WORK | MOBILITY_WORK | {ExerciseId.HILL_WALK}


@dataclass(frozen=True, slots=True)
class _State:
    weeks: tuple[Week, ...]
    diagnosis: Diagnosis


Action = Callable[[_State, CheckIn], tuple[_State, str]]
Test = Callable[[CheckIn, tuple[Decision, ...]], bool]


def adjust(coaching: CoachingPlan, checkin: CheckIn) -> CoachingPlan:
    """The plan after ``checkin``, with one new decision per rule that applied."""
    _check_fits(coaching, checkin)
    state = _State(coaching.plan.weeks, coaching.diagnosis)
    decisions = list(coaching.decisions)
    for rule, test, action, final in _RULES:
        if test(checkin, coaching.decisions):
            state, text = action(state, checkin)
            decisions.append(Decision(checkin.date, rule, text))
            if final:
                break
    weeks, notes = one_new_stress(state.weeks, coaching.plan.running_changes)
    decisions.extend(Decision(checkin.date, "S6", f"One new stress at a time: {n}") for n in notes)
    if len(decisions) == len(coaching.decisions):
        decisions.append(
            Decision(checkin.date, "S1", "Fine or mild tightness: carry on as planned.")
        )
    return CoachingPlan(state.diagnosis, replace(coaching.plan, weeks=weeks), tuple(decisions))


def element_of(kind: SessionKind) -> frozenset[ExerciseId]:
    """The exercises a report after a session of ``kind`` is about."""
    return {
        SessionKind.SPRING: SPRING_WORK,
        SessionKind.RUN_ADDON: SPRING_WORK,
        SessionKind.STRENGTH: STRENGTH_WORK,
        SessionKind.MOBILITY: MOBILITY_WORK,
    }[kind]


def _check_fits(coaching: CoachingPlan, checkin: CheckIn) -> None:
    start = coaching.plan.start + timedelta(weeks=checkin.week - 1)
    # The day-after report of a Sunday session arrives on the next Monday.
    if not start <= checkin.date <= start + timedelta(days=7):
        raise InvalidDocument(
            "date",
            f"{checkin.date.isoformat()} is not in week {checkin.week} of the plan "
            f"({start.isoformat()} to {(start + timedelta(days=6)).isoformat()}) or the day after",
        )


def _refer(state: _State, c: CheckIn) -> tuple[_State, str]:
    flag = RedFlag.PAIN_CHANGES_GAIT if c.feeling is Feeling.LIMPING else RedFlag.SHARP_PAIN_IN_TEST
    weeks = remove(state.weeks, ALL_WORK, since=c.date)
    notice = RedFlagNotice(flag, Urgency.CLINICIAN, RED_FLAG_RULES[flag].message)
    urgency = state.diagnosis.urgency or Urgency.CLINICIAN
    diagnosis = replace(
        state.diagnosis,
        target=Target.REFER,
        urgency=max(urgency, Urgency.CLINICIAN, key=lambda u: u.rank),
        red_flags=(*state.diagnosis.red_flags, notice),
    )
    why = "limping changes your gait" if c.feeling is Feeling.LIMPING else "the sharp pain persists"
    return _State(weeks, diagnosis), (
        f"Target is now refer: {why}. Every remaining session is off until a qualified "
        f"clinician has seen you ({describe_changes(state.weeks, weeks)}). This is not a diagnosis."
    )


def _sharp_pain(state: _State, c: CheckIn) -> tuple[_State, str]:
    weeks = remove(state.weeks, SPRING_WORK, since=c.date, through_week=c.week + 1)
    weeks = step_back(weeks, STRENGTH_WORK, from_week=c.week, since=c.date)
    return _State(weeks, state.diagnosis), (
        "Sharp pain the day after: spring work is off for the rest of this week and next, and "
        f"strength steps back a week ({describe_changes(state.weeks, weeks)}). If it persists, "
        "see a clinician."
    )


def _painful_exercise(state: _State, c: CheckIn) -> tuple[_State, str]:
    element = frozenset({c.exercise}) if c.exercise else element_of(c.after)
    # Step back first, from the plan as it was: next week gets this week's planned dose.
    weeks = step_back(state.weeks, element, from_week=c.week + 1, since=c.date)
    weeks = remove(weeks, element, since=c.date, through_week=c.week)
    return _State(weeks, state.diagnosis), (
        f"Pain {c.pain}/10 during the session is too much (over 5): that exercise stops for the "
        f"rest of the week and comes back a step lower ({describe_changes(state.weeks, weeks)})."
    )


def _ropey(state: _State, c: CheckIn) -> tuple[_State, str]:
    element = element_of(c.after)
    if element == SPRING_WORK:
        weeks = repeat_step(state.weeks, element, week=c.week)
        # Halve the next dose of what provoked it: pogo/rope after spring, strides after runs.
        provoking = frozenset(e for e in element if kind_of(e) is c.after)
        weeks = transform(weeks, provoking, since=c.date, first_only=True, change=halve)
        what = "the next spring dose is halved and next week repeats this week's spring step"
    else:
        weeks = hold(state.weeks, element, week=c.week)
        what = "next week repeats this week's step instead of progressing"
    return _State(weeks, state.diagnosis), (
        f"Calves ropey the morning after: {what} ({describe_changes(state.weeks, weeks)})."
    )


def _stiffer(state: _State, c: CheckIn) -> tuple[_State, str]:
    weeks = hold(state.weeks, ALL_WORK, week=c.week)
    return _State(weeks, state.diagnosis), (
        "Morning stiffness is up on last week: no progression next week "
        f"({describe_changes(state.weeks, weeks)})."
    )


def _clamped(state: _State, c: CheckIn) -> tuple[_State, str]:
    weeks = remove(state.weeks, SPEED_WORK, since=c.date, through_week=c.week + 1)
    weeks = hold(weeks, ALL_WORK, week=c.week)
    return _State(weeks, state.diagnosis), (
        "Calves clamped up in the strides check: intensity drops and next week repeats the "
        f"build week before any speed session ({describe_changes(state.weeks, weeks)})."
    )


def _note(text: str) -> Action:
    def action(state: _State, _: CheckIn) -> tuple[_State, str]:
        return state, text

    return action


def _persists(c: CheckIn, log: tuple[Decision, ...]) -> bool:
    earlier = any(d.rule == "S3" and d.date < c.date for d in log)
    return c.feeling is Feeling.LIMPING or (c.feeling is Feeling.SHARP_PAIN and earlier)


_SETTLED = {Feeling.FINE, Feeling.MILD_TIGHTNESS}
_RULES: tuple[tuple[str, Test, Action, bool], ...] = (
    ("S3", _persists, _refer, True),
    ("S3", lambda c, _: c.feeling is Feeling.SHARP_PAIN, _sharp_pain, False),
    ("S4", lambda c, _: (c.pain or 0) > 5, _painful_exercise, False),
    ("S2", lambda c, _: c.feeling is Feeling.ROPEY, _ropey, False),
    ("S5", lambda c, _: c.morning_stiffness_up, _stiffer, False),
    ("S7", lambda c, _: c.strides_check is StridesCheck.CLAMPED, _clamped, False),
    (
        "S7",
        lambda c, _: c.strides_check is StridesCheck.SNAPPY,
        _note("Feet quiet and push-off snappy in the strides check: stay the course."),
        False,
    ),
    (
        "S4",
        lambda c, _: c.pain in {4, 5} and c.feeling in _SETTLED,
        _note(
            "Pain of 4-5/10 that settled by the morning is acceptable: carry on, and stop if "
            "it stays into the next morning."
        ),
        False,
    ),
)
