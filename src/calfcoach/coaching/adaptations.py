"""How findings and situations reshape a session inside the one target.

- C5 / downhill (P9): ankle-range work and slower lowering.
- C6 (P10): calf raises per side, weaker side first with one extra set.
- C7: the stiffer ankle gets an extra set of ankle-range work.
- Situations (P13): uphill adds a bent-knee set; trail and sharp turns add
  single-leg balance.
- P11: every strength and spring session starts with a warm-up.
"""

from __future__ import annotations

from dataclasses import replace

from calfcoach.coaching.assessment import Assessment
from calfcoach.coaching.diagnosis import Diagnosis
from calfcoach.coaching.plan import CALF_RAISES, Item
from calfcoach.coaching.vocabulary import ExerciseId, Side, Situation

WARM_UP = Item(
    ExerciseId.WARM_UP, 1, seconds=300, note="Easy jog or brisk walk, then ankle circles"
)
SLOW_LOWERING = "3-4 s down (slow lowering for the ankle), a beat of pause at the top"
SITUATION_NOTES = {
    Situation.UPHILL: "Uphill running loads the bent-knee (soleus) raise most: it gets a set more.",
    Situation.FAST_STRIDES: "Fast strides need ankle stiffness: heavy raises now, short hops "
    "later.",
    Situation.TRACK_SPRINT: "Track sprinting needs power, which is built on this strength base.",
    Situation.LONG_EASY: "Long easy runs ask for calf endurance: keep the tempo smooth to the "
    "last rep.",
    Situation.DOWNHILL: "Downhill running pulls the ankle forward under load: slow lowering and "
    "ankle-range work are added.",
    Situation.SHARP_TURNS: "Sharp turns need a stable ankle: single-leg balance is added.",
    Situation.TRAIL: "Trail footing needs single-leg control: single-leg balance is added.",
    Situation.FINISHING_KICK: "A finishing kick needs rebound when tired: the strength work and "
    "strides build it.",
}


def needs_ankle_work(assessment: Assessment, diagnosis: Diagnosis) -> bool:
    return (
        diagnosis.finding("ankle_range") is not None or Situation.DOWNHILL in assessment.situations
    )


def strength_session(items: list[Item], assessment: Assessment, diagnosis: Diagnosis) -> list[Item]:
    """The strength items of a session with findings and situations applied."""
    if Situation.UPHILL in assessment.situations:
        items = [
            i.with_dose(i.sets + 1, i.per_set)
            if i.exercise is ExerciseId.BENT_KNEE_CALF_RAISE
            else i
            for i in items
        ]
    if needs_ankle_work(assessment, diagnosis):
        items = [replace(i, note=SLOW_LOWERING) if i.exercise in CALF_RAISES else i for i in items]
    asymmetry = diagnosis.finding("heel_raise_asymmetry")
    if asymmetry is not None:
        items = [split for i in items for split in _per_side(i, asymmetry.side)]
    if needs_ankle_work(assessment, diagnosis):
        items.extend(ankle_range_items(diagnosis))
    if {Situation.TRAIL, Situation.SHARP_TURNS} & set(assessment.situations):
        items.append(
            Item(
                ExerciseId.SINGLE_LEG_BALANCE, 2, seconds=30, note="Each leg; eyes up, then closed"
            )
        )
    return [WARM_UP, *items]


def _per_side(item: Item, weaker: Side) -> list[Item]:
    if item.exercise not in CALF_RAISES:
        return [item]
    note = f"Start with the {weaker.value} side; it gets one extra set"
    return [
        replace(item, sets=item.sets + 1, side=weaker, note=f"{item.note}. {note}".strip(". ")),
        replace(item, side=weaker.other),
    ]


def ankle_range_items(diagnosis: Diagnosis) -> list[Item]:
    """Knee-to-wall mobilisation; the stiffer side gets an extra set (C7)."""
    stiffer = diagnosis.finding("ankle_range_asymmetry")
    note = "Knee to the wall, heel down, knee over the second toe"
    if stiffer is None:
        return [Item(ExerciseId.ANKLE_RANGE, 2, reps=10, note=note)]
    return [
        Item(ExerciseId.ANKLE_RANGE, 3, reps=10, side=stiffer.side, note=f"{note}; stiffer side"),
        Item(ExerciseId.ANKLE_RANGE, 2, reps=10, side=stiffer.side.other, note=note),
    ]
