"""How findings and situations reshape the block inside the one target, as data.

- C5, C7 and downhill (P9): ankle-range work (the stiffer side first and with a set
  more under C7) and slower lowering.
- C6 (P10): calf raises per side, weaker side first with one extra set, every week.
- Situations (P13), one emphasis each, from A1's table of running situations:
  uphill: bent-knee strength and endurance (a bent-knee set more);
  fast strides: heavy raises plus short hops (a straight-knee set more, hops one more day);
  track sprinting: power after a strength base (a straight-knee set more, hops and rope
  wait until week 3);
  long easy runs: high-rep calf work (seated raises for 15-20 reps);
  downhill: slow eccentrics and ankle range (P9);
  sharp turns and trail: single-leg balance beside the calf strength;
  finishing kick: strength endurance and stride practice (more bent-knee reps a set,
  strides one more day).
  Hops, strides and surges are only ever added past the P6 gate.
- P11: every strength and spring session starts with a warm-up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from calfcoach.coaching.assessment import Assessment
from calfcoach.coaching.diagnosis import Diagnosis
from calfcoach.coaching.plan import CALF_RAISES, Item
from calfcoach.coaching.vocabulary import ExerciseId, Side, Situation

SK = ExerciseId.STRAIGHT_KNEE_CALF_RAISE
BK = ExerciseId.BENT_KNEE_CALF_RAISE
JUMPS = frozenset({ExerciseId.POGO_JUMPS, ExerciseId.JUMP_ROPE, ExerciseId.JUMP_SQUAT})
WARM_UP = Item(
    ExerciseId.WARM_UP, 1, seconds=300, note="Easy jog or brisk walk, then ankle circles"
)
SLOW_LOWERING = "3-4 s down (slow lowering for the ankle), a beat of pause at the top"
_HIGH_REP = "Light load, smooth tempo to the last rep: calf endurance for long runs"
HIGH_REP_SOLEUS = (
    Item(ExerciseId.SEATED_CALF_RAISE, 2, reps=15, note=_HIGH_REP),
    Item(ExerciseId.SEATED_CALF_RAISE, 2, reps=18, note=_HIGH_REP),
    Item(ExerciseId.SEATED_CALF_RAISE, 2, reps=20, note=_HIGH_REP),
)
BALANCE = Item(ExerciseId.SINGLE_LEG_BALANCE, 2, seconds=30, note="Each leg; eyes up, then closed")


@dataclass(frozen=True, slots=True)
class Emphasis:
    """What one situation changes in every week of the block."""

    text: str
    extra_set: frozenset[ExerciseId] = frozenset()  # one set more, added up over situations
    extra_reps: int = 0  # per set of bent-knee raises
    extra_day: frozenset[ExerciseId] = frozenset()  # spring or speed work one more day
    jumps_from_week: int = 1
    high_rep_soleus: bool = False
    balance_sets: int = 0
    ankle_work: bool = False


SITUATIONS: Mapping[Situation, Emphasis] = MappingProxyType(
    {
        Situation.UPHILL: Emphasis(
            "Uphill running loads the bent-knee (soleus) raise most: it gets a set more.",
            extra_set=frozenset({BK}),
        ),
        Situation.FAST_STRIDES: Emphasis(
            "Fast strides need a stiff ankle at landing: a set more of heavy straight-knee "
            "raises, and short hops on one more day once they are in your plan.",
            extra_set=frozenset({SK}),
            extra_day=frozenset({ExerciseId.POGO_JUMPS}),
        ),
        Situation.TRACK_SPRINT: Emphasis(
            "Track sprinting needs power built on strength: a set more of heavy straight-knee "
            "raises, and hops or rope wait until week 3.",
            extra_set=frozenset({SK}),
            jumps_from_week=3,
        ),
        Situation.LONG_EASY: Emphasis(
            "Long easy runs ask for calf endurance: high-rep seated calf raises close each "
            "strength session.",
            high_rep_soleus=True,
        ),
        Situation.DOWNHILL: Emphasis(
            "Downhill running pulls the ankle forward under load: slow lowering, and "
            "ankle-range work with a set more.",
            extra_set=frozenset({ExerciseId.ANKLE_RANGE}),
            ankle_work=True,
        ),
        Situation.SHARP_TURNS: Emphasis(
            "Sharp turns need a stable ankle: single-leg balance is added to the calf strength.",
            balance_sets=2,
        ),
        Situation.TRAIL: Emphasis(
            "Trail footing needs single-leg control: single-leg balance is added to the calf "
            "strength.",
            balance_sets=2,
        ),
        Situation.FINISHING_KICK: Emphasis(
            "A finishing kick needs rebound when tired: more bent-knee reps a set for strength "
            "endurance, and strides one more day once they are in your plan.",
            extra_reps=3,
            extra_day=frozenset({ExerciseId.STRIDES}),
        ),
    }
)


def emphases(assessment: Assessment) -> tuple[Emphasis, ...]:
    return tuple(SITUATIONS[s] for s in assessment.situations)


def needs_ankle_work(assessment: Assessment, diagnosis: Diagnosis) -> bool:
    return (
        diagnosis.finding("ankle_range") is not None
        or diagnosis.finding("ankle_range_asymmetry") is not None
        or any(e.ankle_work for e in emphases(assessment))
    )


def strength_session(
    items: list[Item], assessment: Assessment, diagnosis: Diagnosis, week: int
) -> list[Item]:
    """A week's strength items with findings and situations applied."""
    shifts = emphases(assessment)
    extra_sets = Counter(e for shift in shifts for e in shift.extra_set)
    extra_reps = max((e.extra_reps for e in shifts), default=0)
    items = [_emphasised(i, extra_sets, extra_reps) for i in items]
    if any(e.high_rep_soleus for e in shifts):
        items = _with_high_reps(items, week)
    if needs_ankle_work(assessment, diagnosis):
        items = [replace(i, note=SLOW_LOWERING) if i.exercise in CALF_RAISES else i for i in items]
    asymmetry = diagnosis.finding("heel_raise_asymmetry")
    if asymmetry is not None:
        items = [split for i in items for split in _per_side(i, asymmetry.side)]
    if needs_ankle_work(assessment, diagnosis):
        items.extend(ankle_work(assessment, diagnosis))
    balance_sets = min(sum(e.balance_sets for e in shifts), 4)
    if balance_sets:
        items.append(BALANCE.with_dose(balance_sets, BALANCE.per_set))
    return [WARM_UP, *items]


def _emphasised(item: Item, extra_sets: Counter[ExerciseId], extra_reps: int) -> Item:
    if extra_sets[item.exercise]:
        item = item.with_dose(item.sets + extra_sets[item.exercise], item.per_set)
    if item.exercise is BK and extra_reps:
        item = item.with_dose(item.sets, item.per_set + extra_reps)
    return item


def _with_high_reps(items: list[Item], week: int) -> list[Item]:
    """Long easy runs: high-rep seated raises; where they are already there, at 12 reps."""
    if any(i.exercise is ExerciseId.SEATED_CALF_RAISE for i in items):
        return [
            i.with_dose(i.sets, max(i.per_set, 12))
            if i.exercise is ExerciseId.SEATED_CALF_RAISE
            else i
            for i in items
        ]
    return [*items, HIGH_REP_SOLEUS[min(week, 3) - 1]]


def _per_side(item: Item, weaker: Side) -> list[Item]:
    if item.exercise not in CALF_RAISES:
        return [item]
    note = f"Start with the {weaker.value} side; it gets one extra set"
    return [
        replace(item, sets=item.sets + 1, side=weaker, note=f"{item.note}. {note}".strip(". ")),
        replace(item, side=weaker.other),
    ]


def ankle_work(assessment: Assessment, diagnosis: Diagnosis) -> list[Item]:
    """The ankle-range items of a session: C5/C7 findings, a set more per downhill emphasis."""
    more = sum(ExerciseId.ANKLE_RANGE in e.extra_set for e in emphases(assessment))
    return ankle_range_items(diagnosis, more)


def ankle_range_items(diagnosis: Diagnosis, more: int = 0) -> list[Item]:
    """Knee-to-wall mobilisation; the stiffer side (C7) first, with a set more."""
    stiffer = diagnosis.finding("ankle_range_asymmetry")
    note = "Knee to the wall, heel down, knee over the second toe"
    sets = 2 + more
    if stiffer is None or stiffer.side is Side.BOTH:
        return [Item(ExerciseId.ANKLE_RANGE, sets, reps=10, note=note)]
    return [
        Item(
            ExerciseId.ANKLE_RANGE,
            sets + 1,
            reps=10,
            side=stiffer.side,
            note=f"{note}; stiffer side",
        ),
        Item(ExerciseId.ANKLE_RANGE, sets, reps=10, side=stiffer.side.other, note=note),
    ]
