"""The retest at the end of a block (C9): compare against the last test.

A change counts as real only past the test's noise: 6 heel-raise reps, 2 cm of
knee-to-wall. Smaller changes are reported as "no real change".
"""

from __future__ import annotations

from dataclasses import dataclass

from calfcoach.coaching.assessment import Assessment
from calfcoach.coaching.norms import REAL_CHANGE_KNEE_TO_WALL_CM, REAL_CHANGE_REPS
from calfcoach.coaching.vocabulary import Side


@dataclass(frozen=True, slots=True)
class Change:
    measure: str  # "heel_raise" or "knee_to_wall"
    side: Side
    before: float
    after: float
    real: bool
    text: str

    @property
    def delta(self) -> float:
        return self.after - self.before


def compare(previous: Assessment, current: Assessment) -> tuple[Change, ...]:
    """Per side: heel-raise reps and knee-to-wall cm, with whether each change is real."""
    changes = []
    for side in (Side.LEFT, Side.RIGHT):
        before, after = previous.heel_raise.reps(side), current.heel_raise.reps(side)
        changes.append(_change("heel_raise", side, before, after, REAL_CHANGE_REPS, "reps"))
    old, new = previous.knee_to_wall, current.knee_to_wall
    if old is not None and new is not None:
        for side in (Side.LEFT, Side.RIGHT):
            was, now = old.cm(side), new.cm(side)
            if was is not None and now is not None:
                changes.append(
                    _change("knee_to_wall", side, was, now, REAL_CHANGE_KNEE_TO_WALL_CM, "cm")
                )
    return tuple(changes)


def _change(  # noqa: PLR0917 - a measure, a side, two values and its noise threshold
    measure: str, side: Side, before: float, after: float, threshold: float, unit: str
) -> Change:
    delta = after - before
    real = abs(delta) >= threshold
    name = "heel raise" if measure == "heel_raise" else "knee-to-wall"
    shown = f"{before:g} -> {after:g} {unit}"
    if not real:
        verdict = f"no real change (under {threshold:g} {unit} is test noise)"
    elif delta > 0:
        verdict = "a real improvement"
    else:
        verdict = "a real drop: check recovery and soreness before the next block"
    return Change(
        measure, side, before, after, real, f"{side.value.capitalize()} {name} {shown}: {verdict}."
    )
