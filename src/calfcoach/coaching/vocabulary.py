"""The stable ids of the coaching specification (section 7), as enums.

Each enum is a ``StrEnum`` so its members compare equal to the ids used in
documents (``Target.STRENGTH == "strength"``).
"""

from __future__ import annotations

from enum import StrEnum


class Target(StrEnum):
    STRENGTH = "strength"
    ENDURANCE = "endurance"
    TIMING = "timing"
    GENERAL = "general"
    HOLD = "hold"
    REFER = "refer"

    @property
    def label(self) -> str:
        """The four-week focus in a runner's words ("Strength"), as every view heads it."""
        return _TARGET_LABELS[self.value][0]

    @property
    def gist(self) -> str:
        """What the focus means for the four weeks ("heavy, slow calf work"); empty for
        ``refer``, whose label says it all."""
        return _TARGET_LABELS[self.value][1]


_TARGET_LABELS = {
    "strength": ("Strength", "heavy, slow calf work"),
    "endurance": ("Endurance", "longer sets and hill walks"),
    "timing": ("Timing and spring", "quick, light contacts"),
    "general": ("All-round calf work", "the standard four-week block"),
    "hold": ("Hold what you have", "no block for now"),
    "refer": ("See a clinician first", ""),
}


class FindingCode(StrEnum):
    """What a diagnosis finding (C5-C7) is about; it changes the plan, never the target."""

    ANKLE_RANGE = "ankle_range"  # C5
    HEEL_RAISE_ASYMMETRY = "heel_raise_asymmetry"  # C6
    RETEST_ASYMMETRY = "retest_asymmetry"  # C6b
    ANKLE_RANGE_ASYMMETRY = "ankle_range_asymmetry"  # C7


class Urgency(StrEnum):
    """How soon a red flag needs a clinician, least urgent first."""

    CLINICIAN = "clinician"
    SAME_DAY = "same_day"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)


class Goal(StrEnum):
    SPEED = "speed"
    SIZE = "size"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class DayType(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"
    RACE = "race"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def position(self) -> int:
        """0 for Monday ... 6 for Sunday."""
        return list(Weekday).index(self)

    @property
    def label(self) -> str:
        return _DAY_LABELS[self.position]

    def shifted(self, days: int) -> Weekday:
        """The weekday ``days`` later, wrapping round the week."""
        return list(Weekday)[(self.position + days) % 7]


_DAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SessionKind(StrEnum):
    STRENGTH = "strength"
    SPRING = "spring"
    RUN_ADDON = "run_addon"
    MOBILITY = "mobility"

    @property
    def label(self) -> str:
        """What a runner calls a session of this kind ("Calf strength")."""
        return _SESSION_LABELS[self.value]


_SESSION_LABELS = {
    "strength": "Calf strength",
    "spring": "Calf spring",
    "run_addon": "Run add-on",
    "mobility": "Ankle mobility",
}


class Side(StrEnum):
    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}.get(self, Side.BOTH)


class Unit(StrEnum):
    """How an exercise is counted."""

    REPS = "reps"
    SECONDS = "seconds"
    CONTACTS = "contacts"


class Situation(StrEnum):
    UPHILL = "uphill"
    FAST_STRIDES = "fast_strides"
    TRACK_SPRINT = "track_sprint"
    LONG_EASY = "long_easy"
    DOWNHILL = "downhill"
    SHARP_TURNS = "sharp_turns"
    TRAIL = "trail"
    FINISHING_KICK = "finishing_kick"


class RedFlag(StrEnum):
    """Red flags the runner reports (interfaces.md) plus those the engine derives."""

    RECENT_INJURY = "recent_injury"
    SWELLING = "swelling"
    PAIN_CHANGES_GAIT = "pain_changes_gait"
    SUDDEN_POP = "sudden_pop"
    CALF_SWOLLEN_WARM_RED = "calf_swollen_warm_red"
    FOCAL_BONE_PAIN = "focal_bone_pain"
    # Derived from the tests, never typed in by the runner.
    SHARP_PAIN_IN_TEST = "sharp_pain_in_test"
    CANNOT_RISE_ON_TIPTOE = "cannot_rise_on_tiptoe"


REPORTABLE_RED_FLAGS = frozenset(
    {
        RedFlag.RECENT_INJURY,
        RedFlag.SWELLING,
        RedFlag.PAIN_CHANGES_GAIT,
        RedFlag.SUDDEN_POP,
        RedFlag.CALF_SWOLLEN_WARM_RED,
        RedFlag.FOCAL_BONE_PAIN,
    }
)


class ExerciseId(StrEnum):
    STRAIGHT_KNEE_CALF_RAISE = "straight_knee_calf_raise"
    BENT_KNEE_CALF_RAISE = "bent_knee_calf_raise"
    POGO_JUMPS = "pogo_jumps"
    JUMP_ROPE = "jump_rope"
    STRIDES = "strides"
    HILL_SURGES = "hill_surges"
    HILL_WALK = "hill_walk"
    ANKLE_RANGE = "ankle_range"
    SINGLE_LEG_BALANCE = "single_leg_balance"
    WARM_UP = "warm_up"
    STAIR_CALF_RAISE = "stair_calf_raise"
    SEATED_CALF_RAISE = "seated_calf_raise"
    JUMP_SQUAT = "jump_squat"
    FARMERS_CARRY = "farmers_carry"


class StressKind(StrEnum):
    """The kinds of new stress S6 allows one of per week."""

    STRIDES = "strides"
    POGO = "pogo"
    JUMP_ROPE = "jump_rope"
    HILL_SURGES = "hill_surges"
    HILL_WALKS = "hill_walks"
    JUMP_SQUATS = "jump_squats"


class Feeling(StrEnum):
    """The day-after report, best first."""

    FINE = "fine"
    MILD_TIGHTNESS = "mild_tightness"
    ROPEY = "ropey"
    SHARP_PAIN = "sharp_pain"
    LIMPING = "limping"


class StridesCheck(StrEnum):
    SNAPPY = "snappy"
    CLAMPED = "clamped"
