"""Diagnosis (coaching spec section 3): one target for four weeks, plus findings.

The target rules are data: an ordered tuple of (rule id, test) pairs; the first test
that matches sets the target (C0, C10, C1, C3, C4, C2, then ``general``). Findings
(C5-C7) change the plan without changing the target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from calfcoach.coaching.assessment import Assessment, HeelRaise
from calfcoach.coaching.norms import HeelRaiseNorm, heel_raise_norm
from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS, RED_FLAG_RULES, most_urgent
from calfcoach.coaching.vocabulary import FindingCode, RedFlag, Side, Target, Urgency

STRENGTH_FLOOR = 10  # C1: "heel raises stall under 10 reps"
CAPACITY_REPS = 20  # C3/C4: "20+ reps"
KNEE_TO_WALL_MIN_CM = 10.0  # C5: clinic convention for a restricted ankle
KNEE_TO_WALL_MIN_TENTHS = 100  # C5 in tenths of a cm, compared exactly
ASYMMETRY_RATIO = 0.9  # C6: weaker side under 90 % of the stronger
ASYMMETRY_REAL_REPS = 6  # C6: beyond the ~6-rep test noise
ASYMMETRY_RETEST_REPS = 3  # C6b: 3-5 reps apart is inside the noise
KNEE_TO_WALL_ASYMMETRY_CM = 2.0  # C7
KNEE_TO_WALL_ASYMMETRY_TENTHS = 20  # C7 in tenths of a cm: 2.0 cm apart is not "more than 2"

# C0: what the planner does about a red flag (its gentle block needs a clinician-level flag
# and no painful test; anything else means no plan at all).
REFER_NO_PLAN = "No training plan until a clinician has seen you."
REFER_GENTLE = (
    "Until a clinician clears you, only gentle two-leg calf raises: no spring work, strides "
    "or hill surges."
)


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    code: FindingCode
    side: Side
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class RedFlagNotice:
    flag: RedFlag
    urgency: Urgency
    message: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    target: Target
    urgency: Urgency | None
    findings: tuple[Finding, ...]
    reasons: tuple[Reason, ...]
    red_flags: tuple[RedFlagNotice, ...]
    norm: HeelRaiseNorm
    disclaimer: str = NOT_A_DIAGNOSIS

    def finding(self, code: str) -> Finding | None:
        """The finding with ``code`` (a ``FindingCode``; its plain value also matches)."""
        return next((f for f in self.findings if f.code == code), None)

    @property
    def painful_test(self) -> bool:
        return any(n.flag is RedFlag.SHARP_PAIN_IN_TEST for n in self.red_flags)


def diagnose(assessment: Assessment) -> Diagnosis:
    """Pick the one target and collect the findings for this assessment."""
    flags = derived_red_flags(assessment)
    norm = heel_raise_norm(assessment.runner.age, assessment.runner.sex)
    # The last rule always matches, so the first match is the target.
    rule, target, _, explain = next(r for r in _TARGET_RULES if r[2](assessment, flags))
    reason = Reason(rule, explain(assessment, flags, norm))
    findings = _findings(assessment)
    reasons = [reason, *(Reason(f.rule, f.text) for f in findings)]
    if assessment.bounce is not None and assessment.bounce_should_be_skipped:
        reasons.append(
            Reason(
                "T5",
                "The bounce test should be skipped after a heel raise under 10 reps or a "
                "painful one: it is about 260 foot contacts, more than a whole beginner session.",
            )
        )
    return Diagnosis(
        target=target,
        urgency=most_urgent(flags),
        findings=findings,
        reasons=tuple(reasons),
        red_flags=tuple(
            RedFlagNotice(f, RED_FLAG_RULES[f].urgency, RED_FLAG_RULES[f].message) for f in flags
        ),
        norm=norm,
    )


def derived_red_flags(assessment: Assessment) -> tuple[RedFlag, ...]:
    """The runner's red flags plus those the tests reveal (sharp pain, no heel raise)."""
    flags = list(assessment.red_flags)
    bounce_hurt = assessment.bounce is not None and assessment.bounce.sharp_pain
    if assessment.heel_raise.sharp_pain or bounce_hurt:
        flags.append(RedFlag.SHARP_PAIN_IN_TEST)
    if assessment.heel_raise.weaker == 0:
        flags.append(RedFlag.CANNOT_RISE_ON_TIPTOE)
    return tuple(dict.fromkeys(flags))


def _side_name(side: Side) -> str:
    return side.value.capitalize()


def _weaker(heel_raise: HeelRaise) -> tuple[str, int]:
    side = heel_raise.weaker_side
    name = "Both" if side is Side.BOTH else _side_name(side)
    return name, heel_raise.weaker


def gentle_work_allowed(flags: tuple[RedFlag, ...]) -> bool:
    """C0: gentle strength work may go on only under a clinician-level flag (nothing more
    urgent) when no test was painful."""
    return most_urgent(flags) is Urgency.CLINICIAN and RedFlag.SHARP_PAIN_IN_TEST not in flags


def _refer_text(_: Assessment, flags: tuple[RedFlag, ...], __: HeelRaiseNorm) -> str:
    worst = max(flags, key=lambda f: RED_FLAG_RULES[f].urgency.rank)
    then = REFER_GENTLE if gentle_work_allowed(flags) else REFER_NO_PLAN
    return f"{RED_FLAG_RULES[worst].message} {then}"


def _hold_text(*_: object) -> str:
    return (
        "You are sore all the time: calf work is less worth chasing while your running is "
        "overloaded. Ease the running first, then retest in a week or two."
    )


def _strength_text(a: Assessment, _: tuple[RedFlag, ...], __: HeelRaiseNorm) -> str:
    name, reps = _weaker(a.heel_raise)
    side = "heel raises" if name == "Both" else "heel raise"
    return (
        f"{name} {side} stalled at {reps} clean reps (under {STRENGTH_FLOOR}): strength is "
        "the gap. Heavy, slow calf work first and easy runs for two weeks."
    )


def _endurance_text(a: Assessment, *_: object) -> str:
    why = "a fast burn at the end" if a.heel_raise.fast_burn else "calves that light up on hills"
    return (
        f"{a.heel_raise.left} and {a.heel_raise.right} clean reps is plenty, but {why} says "
        "endurance is the gap: longer sets at moderate load, plus short hill walks."
    )


def _timing_text(a: Assessment, *_: object) -> str:
    bounce = a.bounce
    if a.strides_feel_flat:
        why = "your strides feel flat"
    elif bounce is not None and bounce.awkward:
        why = "the bounce felt awkward"
    else:
        why = "you lost the bounce rhythm early"
    return (
        f"Good heel raises ({a.heel_raise.left} and {a.heel_raise.right} clean reps) but {why}: "
        "timing is the gap. Short, quick contacts in small doses."
    )


def _build_text(a: Assessment, _: tuple[RedFlag, ...], norm: HeelRaiseNorm) -> str:
    name, reps = _weaker(a.heel_raise)
    side = "heel raises" if name == "Both" else "heel raise"
    base = (
        f"{name} {side} reached {reps} clean reps: not steady reps yet (20+), so build "
        "strength first."
    )
    place = norm.compare(reps)
    if place == "below":
        return f"{base} That is below the typical {norm.typical} for {norm.group}."
    return (
        f"{base} That is {'about' if place == 'within' else 'above'} the typical "
        f"{norm.typical} for {norm.group}, so this is a gentle build, not a deficit."
    )


def _general_text(a: Assessment, *_: object) -> str:
    return (
        f"{a.heel_raise.left} and {a.heel_raise.right} clean reps, no fast burn, no flat strides "
        "and no trouble with the bounce: no single gap, so follow the standard four-week block."
    )


def _capable(a: Assessment) -> bool:
    return a.heel_raise.weaker >= CAPACITY_REPS


def _timing_gap(a: Assessment) -> bool:
    bounce = a.bounce
    bounce_off = bounce is not None and (bounce.rhythm_lost or bounce.awkward)
    return a.strides_feel_flat or bounce_off


Test = Callable[[Assessment, tuple[RedFlag, ...]], bool]
Explain = Callable[[Assessment, tuple[RedFlag, ...], HeelRaiseNorm], str]

_TARGET_RULES: tuple[tuple[str, Target, Test, Explain], ...] = (
    ("C0", Target.REFER, lambda a, flags: bool(flags), _refer_text),
    ("C10", Target.HOLD, lambda a, _: a.sore_all_the_time, _hold_text),
    ("C1", Target.STRENGTH, lambda a, _: a.heel_raise.weaker < STRENGTH_FLOOR, _strength_text),
    (
        "C3",
        Target.ENDURANCE,
        lambda a, _: _capable(a) and (a.heel_raise.fast_burn or a.calves_light_up_on_hills),
        _endurance_text,
    ),
    (
        "C4",
        Target.TIMING,
        lambda a, _: _capable(a) and not a.heel_raise.fast_burn and _timing_gap(a),
        _timing_text,
    ),
    ("C2", Target.STRENGTH, lambda a, _: a.heel_raise.weaker < CAPACITY_REPS, _build_text),
    ("P8", Target.GENERAL, lambda a, _: True, _general_text),
)


def _findings(a: Assessment) -> tuple[Finding, ...]:
    found = [*_ankle_range(a), *_heel_raise_asymmetry(a), *_ankle_asymmetry(a)]
    return tuple(found)


def _ankle_range(a: Assessment) -> list[Finding]:
    ktw = a.knee_to_wall
    if ktw is None:
        return []
    tight = [s for s in (Side.LEFT, Side.RIGHT) if ktw.heel_lifts(s) or _short(ktw.tenths(s))]
    if not tight:
        return []
    side = tight[0] if len(tight) == 1 else Side.BOTH
    where = "both ankles" if side is Side.BOTH else f"the {side.value} ankle"
    return [
        Finding(
            FindingCode.ANKLE_RANGE,
            side,
            "C5",
            f"Knee-to-wall under {KNEE_TO_WALL_MIN_CM:.0f} cm or the heel pops up on {where}: "
            "ankle range is tight, which loads the Achilles more. Ankle-range work and slow "
            "lowering are added; take downhills with care.",
        )
    ]


def _short(tenths: int | None) -> bool:
    """C5 by distance: a measured side under 10 cm (0 cm is a measurement, not missing)."""
    return tenths is not None and tenths < KNEE_TO_WALL_MIN_TENTHS


def _heel_raise_asymmetry(a: Assessment) -> list[Finding]:
    hr = a.heel_raise
    gap = hr.stronger - hr.weaker
    if hr.stronger == 0 or hr.weaker >= ASYMMETRY_RATIO * hr.stronger:
        return []
    side = hr.weaker_side
    if gap >= ASYMMETRY_REAL_REPS:
        return [
            Finding(
                FindingCode.HEEL_RAISE_ASYMMETRY,
                side,
                "C6",
                f"The {side.value} side managed {gap} reps fewer ({hr.weaker} against "
                f"{hr.stronger}), more than the test's noise: start each set on the "
                f"{side.value} side and give it one extra set.",
            )
        ]
    if gap >= ASYMMETRY_RETEST_REPS:
        return [
            Finding(
                FindingCode.RETEST_ASYMMETRY,
                side,
                "C6b",
                f"The sides differ by {gap} reps, inside the test's noise (about 6 reps): "
                "retest on another day before treating one side differently.",
            )
        ]
    return []


def _ankle_asymmetry(a: Assessment) -> list[Finding]:
    ktw = a.knee_to_wall
    if ktw is None or ktw.left_tenths is None or ktw.right_tenths is None:
        return []
    gap = abs(ktw.left_tenths - ktw.right_tenths)
    if gap <= KNEE_TO_WALL_ASYMMETRY_TENTHS:
        return []
    side = Side.LEFT if ktw.left_tenths < ktw.right_tenths else Side.RIGHT
    return [
        Finding(
            FindingCode.ANKLE_RANGE_ASYMMETRY,
            side,
            "C7",
            f"Knee-to-wall differs by {gap / 10:.1f} cm between sides (more than "
            f"{KNEE_TO_WALL_ASYMMETRY_CM:.0f} cm): the {side.value} ankle is stiffer, so it "
            "gets the extra ankle-range work.",
        )
    ]
