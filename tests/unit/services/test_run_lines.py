"""How a calendar day lists an imported run: kind, km with one decimal, m:ss or h:mm."""

from __future__ import annotations

from datetime import UTC, date, datetime

from calfcoach.history.activity import Activity
from calfcoach.services.calendar_runs import run_line

DAY = date(2026, 12, 5)


def activity(**changes: object) -> Activity:
    values: dict[str, object] = {
        "file": "run.fit",
        "format": "fit",
        "sport": "running",
        "sub_sport": "generic",
        "start": datetime(2026, 12, 5, 7, tzinfo=UTC),
        "elapsed_s": 2600.0,
        "timer_s": 2525.4,
        "distance_m": 8049.0,
        "ascent_m": None,
        "descent_m": None,
        "has_gps": True,
    }
    values.update(changes)
    return Activity(**values)  # type: ignore[arg-type]


def test_a_run_under_an_hour_shows_minutes_and_seconds() -> None:
    line = run_line(activity(), DAY)
    assert (line.kind, line.km, line.time) == ("run", "8.0", "42:05")
    assert line.text == "run 8.0 km 42:05"


def test_an_hour_or_more_shows_hours_and_minutes() -> None:
    line = run_line(activity(timer_s=3900.0, distance_m=12449.0, sub_sport="trail"), DAY)
    assert line.text == "trail run 12.4 km 1:05"


def test_missing_distance_or_time_is_left_out() -> None:
    line = run_line(activity(timer_s=None, elapsed_s=None, distance_m=None, sub_sport=None), DAY)
    assert line.text == "run"
