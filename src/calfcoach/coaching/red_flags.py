"""Red flags (C0, coaching spec section 6): safety beats everything.

Each flag carries its urgency and a message in plain words; every message says that
calfcoach is not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from calfcoach.coaching.vocabulary import RedFlag, Urgency

# Section 6: what calfcoach can and cannot say. The one sentence, said in full wherever there
# is room (every red-flag message, the diagnosis, the web pages, the clinician's summary); a
# calendar entry says its first half, and a decision that already sends the runner to a
# clinician ends with the short ``THIS_IS_NOT_A_DIAGNOSIS``.
TRAINING_GUIDE = "calfcoach is a training guide, not a diagnosis"
NOT_A_DIAGNOSIS = f"{TRAINING_GUIDE}: only a clinician who examines you can say what is wrong."
GUIDE_ONLY = f"{TRAINING_GUIDE}."
THIS_IS_NOT_A_DIAGNOSIS = "This is not a diagnosis."


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    flag: RedFlag
    urgency: Urgency
    message: str


_RULES = (
    RedFlagRule(
        RedFlag.RECENT_INJURY,
        Urgency.CLINICIAN,
        "You reported a recent injury: get checked by a qualified clinician before any speed "
        "or spring work.",
    ),
    RedFlagRule(
        RedFlag.SWELLING,
        Urgency.CLINICIAN,
        "You reported swelling: get checked by a qualified clinician before any speed or "
        "spring work.",
    ),
    RedFlagRule(
        RedFlag.PAIN_CHANGES_GAIT,
        Urgency.CLINICIAN,
        "Pain that changes how you walk or run needs a qualified clinician before any speed "
        "or spring work.",
    ),
    RedFlagRule(
        RedFlag.SHARP_PAIN_IN_TEST,
        Urgency.CLINICIAN,
        "Sharp pain in a test means stop, pull back and find the cause with a qualified "
        "clinician before loading the calf again.",
    ),
    RedFlagRule(
        RedFlag.SUDDEN_POP,
        Urgency.SAME_DAY,
        "A sudden pop or 'kicked' feeling at the heel can be an Achilles rupture, even if you "
        "can still walk: get a same-day medical assessment and do not test or train the calf.",
    ),
    RedFlagRule(
        RedFlag.CANNOT_RISE_ON_TIPTOE,
        Urgency.SAME_DAY,
        "Not managing a single heel raise on one leg can mean a torn Achilles, even without "
        "pain: get a same-day medical assessment before training that calf.",
    ),
    RedFlagRule(
        RedFlag.CALF_SWOLLEN_WARM_RED,
        Urgency.URGENT,
        "One calf swollen, warm and red can be a blood clot: get a medical review today, and "
        "call emergency services if you have chest pain or are short of breath. Do not "
        "massage it or train.",
    ),
    RedFlagRule(
        RedFlag.FOCAL_BONE_PAIN,
        Urgency.CLINICIAN,
        "Pain on one spot of a bone, at night or when hopping can be a bone stress injury: "
        "stop hopping and see a qualified clinician.",
    ),
)

# Section 6: every red-flag message says that calfcoach is not a diagnosis.
RED_FLAG_RULES: Mapping[RedFlag, RedFlagRule] = MappingProxyType(
    {r.flag: replace(r, message=f"{r.message} {NOT_A_DIAGNOSIS}") for r in _RULES}
)


def most_urgent(flags: tuple[RedFlag, ...]) -> Urgency | None:
    """The highest urgency among ``flags``, or None when there are none."""
    if not flags:
        return None
    return max((RED_FLAG_RULES[flag].urgency for flag in flags), key=lambda u: u.rank)
