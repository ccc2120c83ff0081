"""When a check-in is taken, and which week of the block it speaks for.

- A pain report (sharp pain, limping, pain above 5/10) is taken on any day from the
  tests on: before the block (week 0), during it, or after it (week 5).
- Any other report is taken from the block's first day to the day after its last one;
  a ``week`` it names must be one the plan has, and the date must fall in that week or
  on the day after it (the morning after a Sunday session).
- Without ``week``, a report speaks for the week of the last session it can be about
  (the latest of its kind on or before its date), else for the week its date falls in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from calfcoach.coaching.checkin import CheckIn
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.plan import Decision, Plan
from calfcoach.coaching.steps import Pain

DAY_AFTER = timedelta(days=1)


def assessed_on(plan: Plan, decisions: Iterable[Decision]) -> date:
    """The day of the tests (for plans written before it was kept: the first decision)."""
    if plan.assessed is not None:
        return plan.assessed
    return min((d.date for d in decisions), default=plan.start - DAY_AFTER)


def report_week(plan: Plan, checkin: CheckIn, decisions: Iterable[Decision]) -> int:
    """The week the report speaks for; refuses a report the plan cannot take."""
    on = checkin.date
    tests = assessed_on(plan, decisions)
    if on < tests:
        raise InvalidDocument(
            "date",
            f"{on.isoformat()} is before the tests ({tests.isoformat()}): reports "
            "start on the day of the tests",
        )
    named = checkin.week
    if not checkin.is_pain_report:
        if not plan.start <= on <= plan.end + DAY_AFTER:
            raise InvalidDocument(
                "date",
                f"{on.isoformat()} is outside the block ({plan.start.isoformat()} to "
                f"{plan.end.isoformat()}, or the day after); outside it only pain reports "
                "(sharp pain, limping, pain above 5/10) are taken",
            )
        if named is not None:
            if plan.weeks and plan.week(named) is None:
                raise InvalidDocument("week", f"the plan has no week {named}")
            first, last = plan.week_dates(named)
            if not first <= on <= last + DAY_AFTER:
                raise InvalidDocument(
                    "date",
                    f"{on.isoformat()} is not in week {named} of the plan ({first.isoformat()} "
                    f"to {last.isoformat()}) or the day after",
                )
            return named
    elif named is not None:
        first, last = plan.week_dates(named)
        if first <= on <= last + DAY_AFTER:
            return named
    return _derived_week(plan, checkin)


def _derived_week(plan: Plan, checkin: CheckIn) -> int:
    recent = [
        (s.date, week.number)
        for week in plan.weeks
        for s in week.sessions
        if s.kind is checkin.after and s.date <= checkin.date
    ]
    if recent:
        return max(recent)[1]
    return plan.week_of(checkin.date)


def earlier_pain(plan: Plan, checkin: CheckIn, decisions: Iterable[Decision]) -> bool:
    """Whether a pain report came before this one (the pain persists: S3).

    Plans keep a ``Pain`` step per pain report; a plan written before steps were kept
    (no planned block) only has its decision log, where S3 and S4 logged the pain.
    """
    if any(isinstance(s, Pain) and s.on <= checkin.date for s in plan.steps):
        return True
    if plan.planned:
        return False
    # No planned block: an older plan, or one with no sessions (a hold), whose steps may be
    # empty; the log is the only other record of a pain report.
    return any(
        d.rule in {"S3", "S4"} and d.date <= checkin.date and _logs_pain(d) for d in decisions
    )


def _logs_pain(decision: Decision) -> bool:
    """The pain entries of the engine's earlier log (not its 4-5/10 "acceptable" note)."""
    text = decision.text.lower()
    return "sharp pain" in text or "too much (over 5)" in text
