"""What a check-in does to the plan's progression, as plain records (section 5).

A report never edits sessions directly. It leaves one or more of these records on the
plan, and the weeks are rendered again from the planned block plus every record so far
(``coaching/progression.py``). So the effect of a report lasts exactly as long as its
rule says, later weeks are always measured against what was really prescribed, and a
record can be read back from the plan document.

- ``Pause``: elements off between two dates (S3, S4, S7, a referral).
- ``Limit``: an element's session dose (and weekly volume) held at or under a ceiling
  from a date on: the dose that provoked a bad report, or a step back (S2-S5, S7).
  Fine reports lift some limits; pain limits last the block.
- ``Halve``: the next session of an element at half the dose that provoked it (S2).
- ``Hold``: no progression in a week: no dose above the week before's, nothing new (S5).
- ``NothingNew``: after a bad report no stress new to the block starts until a date, even
  where the report freed its week's one slot for a new stress (S6).
- ``Repeat``: a week repeats the week before's spring step instead of progressing (S2).
- ``Slow``: from a date on, the element climbs in small steps ("build slower", S2).
- ``Fine``: a fine report about a family of elements (counts towards lifting limits).
- ``Pain``: a pain report was made (a second one means the pain persists: S3).
- ``Move``: the runner moved a session to another day of its week (M1, ``coaching/moves.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Side

Elements = frozenset[ExerciseId]

# "Until the runner has reported fine after it": two fine reports about the element.
FINE_REPORTS_TO_LIFT = 2


@dataclass(frozen=True, slots=True)
class Pause:
    exercises: Elements
    since: date
    until: date | None = None  # None: to the end of the block


@dataclass(frozen=True, slots=True)
class Limit:
    exercise: ExerciseId
    side: Side
    session: int  # the highest dose of one session (sets x reps or seconds)
    week: int | None  # the highest volume of one week, None: no weekly ceiling
    since: date
    until: date | None = None
    strict: bool = False  # after pain: strictly under ``session``
    lifts_after: int | None = FINE_REPORTS_TO_LIFT  # None: lasts the block

    def lifted_on(self, fines: tuple[Fine, ...]) -> date | None:
        """The day the fine reports about this element lift the limit, if they have."""
        if self.lifts_after is None:
            return None
        about = sorted(f.on for f in fines if self.exercise in f.exercises and f.on > self.since)
        return about[self.lifts_after - 1] if len(about) >= self.lifts_after else None

    def applies(self, on: date, fines: tuple[Fine, ...]) -> bool:
        if on < self.since or (self.until is not None and on > self.until):
            return False
        lifted = self.lifted_on(fines)
        return lifted is None or on <= lifted


@dataclass(frozen=True, slots=True)
class Halve:
    exercise: ExerciseId
    side: Side
    since: date
    session: int  # half the provoking dose


@dataclass(frozen=True, slots=True)
class Hold:
    exercises: Elements
    week: int


@dataclass(frozen=True, slots=True)
class NothingNew:
    since: date
    until: date
    planned: Elements  # what the plan already had in that span: it may still start


@dataclass(frozen=True, slots=True)
class Repeat:
    week: int


@dataclass(frozen=True, slots=True)
class Slow:
    exercises: Elements
    since: date


@dataclass(frozen=True, slots=True)
class Fine:
    exercises: Elements
    on: date


@dataclass(frozen=True, slots=True)
class Pain:
    on: date


@dataclass(frozen=True, slots=True)
class Move:
    """The session of ``kind`` planned on ``session`` happens on ``to`` (same week), from
    the day ``on`` the runner moved it."""

    session: date
    to: date
    kind: SessionKind
    on: date


ReportStep = Pause | Limit | Halve | Hold | NothingNew | Repeat | Slow | Fine | Pain
Step = ReportStep | Move
