"""The progress charts at a phone's width: every date under them whole, none cut at the edge."""

from __future__ import annotations

import re

from calfcoach.services import progress as views
from calfcoach.web.charts import MAX_X_LABELS, progress_charts


def a_test(day: str, reps: int) -> views.TestView:
    return {
        "date": day,
        "heel_raise": {"left": reps, "right": reps - 1},
        "knee_to_wall": {"left_cm": 12.0, "right_cm": 11.0},
    }


def progress(days: list[str]) -> views.ProgressView:
    return {
        "tests": [a_test(day, 20 + n) for n, day in enumerate(days)],
        "norm": {"typical": 24, "low": 21, "high": 33, "group": "women", "source": "a study"},
        "changes": [],
        "weekly_volume": [
            {"week_of": "2026-12-21", "reps": 60, "seconds": 0.0},
            {"week_of": "2026-12-28", "reps": 90, "seconds": 0.0},
            {"week_of": "2027-01-04", "reps": 80, "seconds": 0.0},
            {"week_of": "2027-01-11", "reps": 70, "seconds": 0.0},
        ],
    }


def x_axis(svg: str) -> list[tuple[float, str]]:
    """Each date under the chart: where its centre is, across the plot, and its text."""
    start = svg.index('class="axis x')
    axis = svg[start : svg.index('class="series', start)]
    return [
        (float(x), text) for x, text in re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)</text>', axis)
    ]


def x_labels(svg: str) -> list[str]:
    return [text for _, text in x_axis(svg)]


def plot_left(svg: str) -> float:
    found = re.search(r'<g transform="translate\(([\d.]+), [\d.]+\)" class="plot"', svg)
    assert found is not None
    return float(found[1])


def test_the_dates_are_short_and_whole_and_the_last_has_room() -> None:
    charts = progress_charts(progress(["2026-12-10", "2027-01-11"]))
    for key in ("heel_raise", "knee_to_wall"):
        svg = charts[key]
        assert svg is not None
        assert x_labels(svg) == ["10 Dec", "11 Jan"], key
        # The last date is centred on the plot's right edge: room for its second half (about
        # 27 px of "11 Jan" at 16 px), with some to spare, before the edge of the picture.
        last_x, _ = x_axis(svg)[-1]
        assert 480 - (plot_left(svg) + last_x) >= 36, key
    volume = charts["volume"]
    assert volume is not None
    assert x_labels(volume) == ["w/c 21 Dec", "w/c 28 Dec", "w/c 4 Jan", "w/c 11 Jan"]
    assert "…" not in "".join(x_labels(volume))


def test_many_tests_show_a_few_dates_the_latest_among_them() -> None:
    days = [f"2026-{month:02d}-01" for month in range(1, 13)]
    svg = progress_charts(progress(days))["heel_raise"]
    assert svg is not None
    shown = [label for label in x_labels(svg) if label]
    assert len(shown) <= MAX_X_LABELS
    assert "1 Dec" in shown
