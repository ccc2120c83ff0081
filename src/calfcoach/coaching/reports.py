"""A check-in seen against the plan it is about: what it is about, what provoked it.

- ``element_of``: a report after a session of a kind is about that kind's elements
  (spring or run add-on: the spring and speed work; strength: the calf raises and carries;
  mobility: ankle and balance work), unless it names the exercise.
- ``Report.provoking``: each element's last dose on or before the report, with that
  week's volume: the ceiling a bad report leaves (S2-S5, S7).
- ``limits`` and ``step_back``: the ``Limit`` steps those ceilings become.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from calfcoach.coaching.checkin import CheckIn
from calfcoach.coaching.diagnosis import Diagnosis
from calfcoach.coaching.fields import LATEST_DATE
from calfcoach.coaching.fitting import Key, doses_in, key_of
from calfcoach.coaching.ladders import at_most
from calfcoach.coaching.plan import (
    MOBILITY_WORK,
    SPRING_WORK,
    STRENGTH_WORK,
    Item,
    Plan,
    Week,
)
from calfcoach.coaching.steps import Elements, Limit, Step
from calfcoach.coaching.vocabulary import SessionKind, Target


@dataclass(frozen=True, slots=True)
class Report:
    """A check-in seen against the plan it is about."""

    checkin: CheckIn
    plan: Plan
    week: int  # 0 before the block, 5 after it
    diagnosis: Diagnosis
    earlier_pain: bool

    @property
    def about(self) -> Elements:
        """The exercises the report is about: the one named, else the session's family."""
        if self.checkin.exercise is not None:
            return frozenset({self.checkin.exercise})
        return element_of(self.checkin.after)

    @property
    def refers(self) -> bool:
        return self.diagnosis.target is Target.REFER or self.diagnosis.urgency is not None

    def provoking(self, exercises: Elements) -> dict[Key, tuple[int, int]]:
        """Each element's last dose on or before the report, with that week's volume."""
        found: dict[Key, tuple[int, int]] = {}
        for week in self.plan.weeks:
            for session in sorted(week.sessions, key=lambda s: s.date):
                if session.date > self.checkin.date:
                    continue
                # In order of first appearance: a set's order would change with the hash seed.
                for key in dict.fromkeys(
                    key_of(i) for i in session.items if i.exercise in exercises
                ):
                    dose = sum(i.volume for i in session.items if key_of(i) == key)
                    found[key] = (dose, week_volume(week, key))
        return found

    def week_end(self, weeks_on: int) -> date:
        """The last day of the report's week plus ``weeks_on`` weeks (never past the last
        date a document may hold, so the steps it dates can be read back)."""
        _, last = self.plan.week_dates(self.week + weeks_on)
        return min(last, LATEST_DATE)

    @property
    def day_after(self) -> date:
        """The day after the report (the report's own day at the very end of the range)."""
        return min(self.checkin.date + timedelta(days=1), LATEST_DATE)


def element_of(kind: SessionKind) -> Elements:
    """The exercises a report after a session of ``kind`` is about."""
    return {
        SessionKind.SPRING: SPRING_WORK,
        SessionKind.RUN_ADDON: SPRING_WORK,
        SessionKind.STRENGTH: STRENGTH_WORK,
        SessionKind.MOBILITY: MOBILITY_WORK,
    }[kind]


def _last_dose(week: Week, key: Key) -> int | None:
    doses = doses_in(week, key)
    return doses[-1] if doses else None


def week_volume(week: Week, key: Key) -> int:
    return sum(doses_in(week, key))


def limits(
    report: Report,
    exercises: Elements,
    *,
    strict: bool = False,
    lasting: bool = False,
    since: date | None = None,
) -> tuple[Step, ...]:
    """Each element at or under the dose that provoked the report, from its date on."""
    on = report.checkin.date if since is None else since
    return tuple(
        Limit(key[0], key[1], dose, weekly, on, strict=strict, lifts_after=None if lasting else 2)
        for key, (dose, weekly) in report.provoking(exercises).items()
    )


def step_back(report: Report) -> tuple[Step, ...]:
    """S3: strength a week behind: the rest of this week at last week's doses, next week at
    this week's (before the block: week 1 a step lower, week 2 at week 1's doses)."""
    if report.week > 4:
        return ()
    current = max(report.week, 1)
    this_week, next_week = report.plan.week(current), report.plan.week(current + 1)
    before = report.plan.week(current - 1)
    (_, this_end), (next_start, next_end) = (
        report.plan.week_dates(current),
        report.plan.week_dates(current + 1),
    )
    backs: list[Step] = []
    for key, item in _next_items(report, STRENGTH_WORK).items():
        last = None if before is None else _last_dose(before, key)
        now = None if this_week is None else _last_dose(this_week, key)
        behind = last if last is not None else _one_step_down(item)
        backs.append(
            Limit(key[0], key[1], behind, None, report.checkin.date, this_end, False, None)
        )
        if next_week is not None:
            ceiling = now if now is not None and report.week > 0 else item.volume
            backs.append(Limit(key[0], key[1], ceiling, None, next_start, next_end, False, None))
    return tuple(backs)


def _next_items(report: Report, exercises: Elements) -> dict[Key, Item]:
    found: dict[Key, Item] = {}
    sessions = sorted((s for w in report.plan.weeks for s in w.sessions), key=lambda s: s.date)
    for session in sessions:
        if session.date >= report.checkin.date:
            for item in session.items:
                if item.exercise in exercises:
                    found.setdefault(key_of(item), item)
    return found


def _one_step_down(item: Item) -> int:
    lower = at_most(item, item.volume, below=True)
    return lower.volume if lower is not None else 0
