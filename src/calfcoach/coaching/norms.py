"""Heel-raise norms by age and sex (used to colour explanations, never to gate).

Source: age-band averages attributed to Hebert-Losier et al. 2017 (Physiotherapy 103:446;
n = 566, single-leg heel raise at 60 bpm on a 10 degree incline), as tabulated by a podiatry
clinic; the paper's own medians are 24 reps for men and 21 for women. Test-retest noise is
about +/- 6 reps (95 % limits of agreement), which sets the width of the band.
"""

from __future__ import annotations

from dataclasses import dataclass

from calfcoach.coaching.vocabulary import Sex

SOURCE = (
    "Hebert-Losier et al. 2017 (Physiotherapy 103:446), age-band averages via a secondary "
    "tabulation; overall medians 24 reps (men) and 21 (women)"
)
NOISE_REPS = 6  # 95 % limits of agreement of the test (Hebert-Losier 2017; Ross & Fontenot 2000)
REAL_CHANGE_REPS = 6  # C9: a retest change smaller than this is noise
REAL_CHANGE_KNEE_TO_WALL_CM = 2.0  # C9: Powden 2015 MDC 1.6-1.9 cm, rounded up
REAL_CHANGE_KNEE_TO_WALL_TENTHS = 20  # C9 in whole tenths of a cm, compared exactly

# (lowest age of the band, men, women)
_AGE_BANDS: tuple[tuple[int, int, int], ...] = (
    (0, 37, 31),  # under 20: use the 20-29 figures, no separate data
    (30, 33, 27),
    (40, 28, 25),
    (50, 24, 22),
    (60, 19, 19),
    (70, 15, 17),
    (80, 10, 14),
)
_OVERALL = {Sex.MALE: 24, Sex.FEMALE: 21}


@dataclass(frozen=True, slots=True)
class HeelRaiseNorm:
    """The typical clean-rep count for a runner's age and sex, with a noise band."""

    typical: int
    low: int
    high: int
    group: str
    source: str = SOURCE

    def compare(self, reps: int) -> str:
        """Where ``reps`` sits against the band, in a runner's words."""
        if reps < self.low:
            return "below"
        if reps > self.high:
            return "above"
        return "within"


def heel_raise_norm(age: int | None, sex: Sex | None) -> HeelRaiseNorm:
    """The norm for this runner; without an age, the overall median for their sex."""
    men, women, ages = _band(age)
    typical = {Sex.MALE: men, Sex.FEMALE: women}.get(sex or Sex.OTHER, _mean(men, women))
    people = {Sex.MALE: "men", Sex.FEMALE: "women"}.get(sex or Sex.OTHER, "adults")
    return HeelRaiseNorm(
        typical=typical,
        low=max(typical - NOISE_REPS, 0),
        high=typical + NOISE_REPS,
        group=f"{people} {ages}",
    )


def _band(age: int | None) -> tuple[int, int, str]:
    if age is None:
        return _OVERALL[Sex.MALE], _OVERALL[Sex.FEMALE], "of all ages"
    start, men, women = max((b for b in _AGE_BANDS if b[0] <= age), key=lambda b: b[0])
    if start == 0:
        return men, women, "aged 20-29" if age >= 20 else "aged 20-29 (no data under 20)"
    return men, women, f"aged {start}-{start + 9}" if start < 80 else "aged 80 and over"


def _mean(a: int, b: int) -> int:
    return round((a + b) / 2)
