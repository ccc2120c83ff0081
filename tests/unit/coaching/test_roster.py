"""The coach's roster: alerts D1-D6 and the most urgent runner first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TypedDict, Unpack

from calfcoach.coaching.roster import (
    RecentCheckin,
    RunnerSnapshot,
    alerts_for,
    most_urgent_first,
)
from calfcoach.coaching.vocabulary import Urgency

START = date(2026, 11, 23)
TODAY = date(2026, 11, 27)


class Changes(TypedDict, total=False):
    target: str | None
    urgency: Urgency | None
    red_flags: tuple[str, ...]
    asymmetries: tuple[str, ...]
    block_start: date | None
    planned_days: tuple[date, ...]
    logged_days: tuple[date, ...]
    checkins: tuple[RecentCheckin, ...]


def runner(name: str = "a@x.co", **changes: Unpack[Changes]) -> RunnerSnapshot:
    usual = RunnerSnapshot(
        runner=name,
        target="strength",
        urgency=None,
        block_start=START,
        planned_days=(START + timedelta(days=1), START + timedelta(days=3)),
        logged_days=(START + timedelta(days=1), START + timedelta(days=3)),
    )
    return replace(usual, **changes)


def rules(snapshot: RunnerSnapshot, today: date = TODAY) -> list[str]:
    return [a.rule for a in alerts_for(snapshot, today)]


def test_a_runner_who_does_everything_needs_no_attention() -> None:
    assert rules(runner()) == []


def test_a_red_flag_comes_first_with_its_urgency() -> None:
    flagged = runner(urgency=Urgency.SAME_DAY, red_flags=("sudden_pop",), target="refer")
    alerts = alerts_for(flagged, TODAY)
    assert alerts[0].rule == "D1"
    assert "sudden pop" in alerts[0].text
    assert "same day" in alerts[0].text


def test_sharp_pain_in_the_last_48_hours_is_an_alert_and_older_pain_is_not() -> None:
    fresh = RecentCheckin(TODAY, "sharp_pain", 6, within_48_hours=True)
    old = RecentCheckin(TODAY - timedelta(days=4), "sharp_pain", 6, within_48_hours=False)
    assert rules(runner(checkins=(fresh,))) == ["D2"]
    assert rules(runner(checkins=(old,))) == []
    ropey = RecentCheckin(TODAY, "ropey", 2, within_48_hours=True)
    assert rules(runner(checkins=(ropey,))) == []


def test_missed_sessions_count_the_last_seven_days() -> None:
    alerts = alerts_for(runner(logged_days=(START + timedelta(days=1),)), TODAY)
    assert [a.rule for a in alerts] == ["D3"]
    assert "Missed 1 of 2" in alerts[0].text
    one = alerts_for(runner(planned_days=(START + timedelta(days=1),), logged_days=()), TODAY)
    assert one[0].text == "Missed 1 of 1 session in the last 7 days.", "a singular reads right"


def test_a_retest_is_due_four_weeks_after_the_block_began() -> None:
    assert "D4" not in rules(runner(), START + timedelta(days=27))
    assert "D4" in rules(runner(), START + timedelta(days=28))


def test_asymmetry_findings_are_listed() -> None:
    alerts = alerts_for(runner(asymmetries=("heel raise asymmetry (left)",)), TODAY)
    assert [a.rule for a in alerts] == ["D5"]
    assert "heel raise asymmetry (left)" in alerts[0].text


def test_a_runner_who_stopped_logging_is_noticed() -> None:
    later = START + timedelta(days=15)
    assert "D6" in rules(runner(), later)
    assert "D6" not in rules(runner(), START + timedelta(days=9))


def test_the_roster_puts_the_most_urgent_runner_first() -> None:
    pain = RecentCheckin(TODAY, "limping", 7, within_48_hours=True)
    ranked = most_urgent_first(
        [
            runner("calm@x.co"),
            runner("uneven@x.co", asymmetries=("ankle range asymmetry (right)",)),
            runner("hurt@x.co", checkins=(pain,)),
            runner("referred@x.co", urgency=Urgency.URGENT, red_flags=("calf_swollen_warm_red",)),
        ],
        TODAY,
    )
    assert [s.runner for s, _ in ranked] == [
        "referred@x.co",
        "hurt@x.co",
        "uneven@x.co",
        "calm@x.co",
    ]
