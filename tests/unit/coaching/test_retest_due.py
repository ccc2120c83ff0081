"""When the block's retest falls due (C9), and the red flag that holds it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from calfcoach.coaching.plan import BLOCK_WEEKS
from calfcoach.coaching.retest import RETEST_AFTER_DAYS, retest_due
from calfcoach.coaching.roster import RunnerSnapshot, alerts_for
from calfcoach.coaching.vocabulary import Urgency

START = date(2026, 11, 23)


def test_the_retest_falls_due_when_the_four_week_block_is_over() -> None:
    assert RETEST_AFTER_DAYS == 7 * BLOCK_WEEKS == 28
    assert retest_due(START, held_by=None) == date(2026, 12, 21)


@pytest.mark.parametrize("urgency", list(Urgency))
def test_a_red_flag_puts_the_retest_on_hold(urgency: Urgency) -> None:
    assert retest_due(START, held_by=urgency) is None


def test_the_roster_alert_d4_waits_for_the_same_day_and_the_same_hold() -> None:
    due = retest_due(START, held_by=None)
    assert due is not None

    def rules(urgency: Urgency | None, today: date) -> list[str]:
        snapshot = RunnerSnapshot("a@x.co", "strength", urgency, block_start=START)
        return [alert.rule for alert in alerts_for(snapshot, today)]

    assert "D4" not in rules(None, due - timedelta(days=1))
    assert "D4" in rules(None, due)
    assert "D4" not in rules(Urgency.CLINICIAN, due + timedelta(days=7))
