"""The check-in document (``calfcoach.checkin/1``): the day-after report and the strides check.

``week`` is optional: without it the engine finds the week from the date (the week of
the last session the report can be about, else the week the date falls in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import (
    as_bool,
    as_date,
    as_enum,
    as_int,
    as_mapping,
    expect_schema,
    only_known_keys,
)
from calfcoach.coaching.vocabulary import ExerciseId, Feeling, SessionKind, StridesCheck

SCHEMA = "calfcoach.checkin/1"
_KEYS = {
    "schema",
    "date",
    "week",
    "after",
    "feeling",
    "pain",
    "strides_check",
    "morning_stiffness_up",
    "exercise",
}


PAIN_LIMIT = 5  # S4: pain above 5/10 during an exercise stops it


@dataclass(frozen=True, slots=True)
class CheckIn:
    date: date
    week: int | None  # None: derived from the date and the plan's sessions
    after: SessionKind
    feeling: Feeling
    pain: int | None = None  # 0-10 during the session (S4)
    strides_check: StridesCheck | None = None
    morning_stiffness_up: bool = False
    exercise: ExerciseId | None = None  # the exercise that hurt, when the runner knows

    @property
    def is_bad(self) -> bool:
        """A report that must never lead to more load (S2-S5, S7)."""
        return (
            self.feeling not in {Feeling.FINE, Feeling.MILD_TIGHTNESS}
            or (self.pain or 0) > 3
            or self.strides_check is StridesCheck.CLAMPED
            or self.morning_stiffness_up
        )

    @property
    def is_pain_report(self) -> bool:
        """Sharp pain, limping or pain above 5/10: taken on any day from the tests on."""
        return (
            self.feeling in {Feeling.SHARP_PAIN, Feeling.LIMPING} or (self.pain or 0) > PAIN_LIMIT
        )

    @property
    def is_fine(self) -> bool:
        """An S1 report: it counts towards lifting a limit a bad report left."""
        return not self.is_bad


def parse_checkin(raw: object) -> CheckIn:
    doc = as_mapping(raw, "check-in")
    only_known_keys(doc, _KEYS)
    expect_schema(doc, SCHEMA)
    for key in ("date", "after", "feeling"):
        if key not in doc:
            raise InvalidDocument(key, "is required")
    pain, strides, named = doc.get("pain"), doc.get("strides_check"), doc.get("exercise")
    return CheckIn(
        date=as_date(doc["date"], "date"),
        week=None
        if doc.get("week") is None
        else as_int(doc["week"], "week", 1, 4, "(a week of the block)"),
        after=as_enum(doc["after"], SessionKind, "after"),
        feeling=as_enum(doc["feeling"], Feeling, "feeling"),
        pain=None if pain is None else as_int(pain, "pain", 0, 10, "(0 = none, 10 = worst)"),
        strides_check=None if strides is None else as_enum(strides, StridesCheck, "strides_check"),
        morning_stiffness_up=as_bool(
            doc.get("morning_stiffness_up", False), "morning_stiffness_up"
        ),
        exercise=None if named is None else as_enum(named, ExerciseId, "exercise"),
    )
