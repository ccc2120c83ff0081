"""The retest at the end of a block (C9): when it falls due, and the comparison with the
last test.

The retest falls due four weeks after the block began; a red flag puts it on hold, since
the next test waits for the clinician. A change counts as real only past the test's noise:
6 heel-raise reps, 2 cm of knee-to-wall. Smaller changes are reported as "no real change".
Knee-to-wall is compared in whole tenths of a cm, so 8.1 -> 10.1 cm is exactly 2 cm and real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from calfcoach.coaching.assessment import Assessment
from calfcoach.coaching.norms import REAL_CHANGE_KNEE_TO_WALL_TENTHS, REAL_CHANGE_REPS
from calfcoach.coaching.plan import BLOCK_WEEKS
from calfcoach.coaching.vocabulary import Side, Urgency

RETEST_AFTER_DAYS = 7 * BLOCK_WEEKS  # the block is four weeks; the retest closes it


def retest_due(block_start: date, held_by: Urgency | None) -> date | None:
    """The day the block's retest falls due (C9): ``RETEST_AFTER_DAYS`` after its start.

    None while a red flag of urgency ``held_by`` holds it: the next test waits for the
    clinician. A view that shows the hold its own way (the roster's D1 alert, the plan
    page's red-flag banner) passes ``held_by=None`` to get the date whatever the flags.
    """
    if held_by is not None:
        return None
    return block_start + timedelta(days=RETEST_AFTER_DAYS)


@dataclass(frozen=True, slots=True)
class Change:
    measure: str  # "heel_raise" or "knee_to_wall"
    side: Side
    before: float  # reps, or cm to one decimal
    after: float
    real: bool
    text: str

    @property
    def delta(self) -> float:
        """``after - before``, to one decimal (no float noise: 10.1 - 8.1 is 2.0)."""
        return round(self.after - self.before, 1)


@dataclass(frozen=True, slots=True)
class _Measure:
    name: str  # as the text says it
    unit: str
    steps: int  # counted steps per unit: 1 for reps, 10 for tenths of a cm
    threshold: int  # a real change, in steps

    def show(self, steps: int) -> str:
        return str(steps) if self.steps == 1 else f"{steps / self.steps:.1f}"


_HEEL_RAISE = _Measure("heel raise", "reps", 1, REAL_CHANGE_REPS)
_KNEE_TO_WALL = _Measure("knee-to-wall", "cm", 10, REAL_CHANGE_KNEE_TO_WALL_TENTHS)


def compare(previous: Assessment, current: Assessment) -> tuple[Change, ...]:
    """Per side: heel-raise reps and knee-to-wall cm, with whether each change is real."""
    changes = []
    for side in (Side.LEFT, Side.RIGHT):
        before, after = previous.heel_raise.reps(side), current.heel_raise.reps(side)
        changes.append(_change("heel_raise", _HEEL_RAISE, side, before, after))
    old, new = previous.knee_to_wall, current.knee_to_wall
    if old is not None and new is not None:
        for side in (Side.LEFT, Side.RIGHT):
            was, now = old.tenths(side), new.tenths(side)
            if was is not None and now is not None:
                changes.append(_change("knee_to_wall", _KNEE_TO_WALL, side, was, now))
    return tuple(changes)


def _change(measure: str, how: _Measure, side: Side, before: int, after: int) -> Change:
    """``before`` and ``after`` in whole steps (reps, or tenths of a cm)."""
    delta = after - before
    real = abs(delta) >= how.threshold
    shown = f"{how.show(before)} -> {how.show(after)} {how.unit}"
    if not real:
        verdict = f"no real change (under {how.show(how.threshold)} {how.unit} is test noise)"
    elif delta > 0:
        verdict = "a real improvement"
    else:
        verdict = "a real drop: check recovery and soreness before the next block"
    return Change(
        measure,
        side,
        before / how.steps if how.steps != 1 else before,
        after / how.steps if how.steps != 1 else after,
        real,
        f"{side.value.capitalize()} {how.name} {shown}: {verdict}.",
    )
