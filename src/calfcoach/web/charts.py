"""Progress charts as inline SVG (pygal): they render on the server and need no script."""

from __future__ import annotations

import re
import sys
from datetime import date
from functools import cache
from typing import Any

from calfcoach.services.progress import ProgressView
from calfcoach.web.filters import plural

STYLE_OPTIONS: dict[str, object] = {
    "background": "transparent",
    "plot_background": "transparent",
    "foreground": "#1f2a37",
    "foreground_strong": "#1f2a37",
    "foreground_subtle": "#6b7280",
    "colors": ("#0f766e", "#c2410c", "#9ca3af", "#9ca3af"),
    "font_family": "system-ui, sans-serif",
    "label_font_size": 16,
    "major_label_font_size": 16,
    "legend_font_size": 16,
    "title_font_size": 18,
}
_INLINE_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_COMMON: dict[str, object] = {
    # Drawn at about a phone's width, so its text stays readable when the SVG is scaled.
    "width": 480,
    "height": 340,
    "js": [],  # no script from elsewhere: the page's CSP allows only our own
    "disable_xml_declaration": True,
    "legend_at_bottom": True,
    "show_y_guides": True,
    "dots_size": 5,
    "stroke_style": {"width": 3},
}


@cache
def _pygal() -> Any:
    """pygal, imported on first use and without its map-plugin import hook.

    The hook (for pygal.maps, unused here) is an old-style finder: once installed, every later
    import of a missing optional module raises an ImportWarning, an error under -W error.
    """
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def _chart(kind: str, title: str) -> Any:
    pygal = _pygal()
    style = pygal.style.Style(**STYLE_OPTIONS)
    return getattr(pygal, kind)(title=title, style=style, **_COMMON)


# At most this many dates under a chart: more would overlap on a phone.
MAX_X_LABELS = 5
# A line chart's last label is centred on the right edge of the plot: room for its second half
# ("11 Jan" at 16 px), so it is not cut off at the edge of the picture.
LINE_MARGIN_RIGHT = 32


def _short_date(value: object) -> str:
    """``10 Dec``: short enough for five under a chart at a phone's width."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {day:%b}"


def _label_x(chart: Any, labels: list[str]) -> None:
    """Whole labels (never "Mon 1…"), and only every n-th when there are many, the latest kept."""
    chart.x_labels = labels
    chart.truncate_label = -1
    if len(labels) > MAX_X_LABELS:
        every = -(-len(labels) // MAX_X_LABELS)  # ceiling division
        chart.x_labels_major = labels[::-every]
        chart.show_minor_x_labels = False


def _render(chart: Any) -> str:
    # pygal embeds an inline <script> with its settings for its optional tooltips; the page's
    # CSP allows only our own scripts, and the chart needs none, so it is dropped.
    svg = chart.render(is_unicode=True)
    if not isinstance(svg, str):  # pygal is untyped: say what it gave instead
        raise TypeError(f"pygal rendered {type(svg).__name__}, not text")
    return _INLINE_SCRIPT.sub("", svg)


def heel_raise_chart(progress: ProgressView) -> str | None:
    tests = progress["tests"]
    if not tests:
        return None
    norm = progress["norm"]
    chart = _chart("Line", "Heel raise: clean reps per side")
    chart.margin_right = LINE_MARGIN_RIGHT
    _label_x(chart, [_short_date(t["date"]) for t in tests])
    chart.add("Left", [t["heel_raise"]["left"] for t in tests])
    chart.add("Right", [t["heel_raise"]["right"] for t in tests])
    # Short legend names: the caption under the chart names the group and the source.
    for name, value in (("Norm low", norm["low"]), ("Norm high", norm["high"])):
        chart.add(
            name,
            [value] * len(tests),
            show_dots=len(tests) == 1,  # one test: a line of one point would draw nothing
            stroke_style={"dasharray": "6,6"},
        )
    return _render(chart)


def knee_to_wall_chart(progress: ProgressView) -> str | None:
    tests = [(t["date"], k) for t in progress["tests"] if (k := t["knee_to_wall"])]
    if not tests:
        return None
    chart = _chart("Line", "Knee-to-wall (cm): 10 cm or more is good range")
    chart.margin_right = LINE_MARGIN_RIGHT
    _label_x(chart, [_short_date(day) for day, _ in tests])
    chart.add("Left", [k["left_cm"] for _, k in tests])
    chart.add("Right", [k["right_cm"] for _, k in tests])
    chart.add(
        "10 cm", [10] * len(tests), show_dots=len(tests) == 1, stroke_style={"dasharray": "6,6"}
    )
    return _render(chart)


def volume_chart(progress: ProgressView) -> str | None:
    weeks = progress["weekly_volume"]
    if not weeks:
        return None
    chart = _chart("Bar", "Logged calf work per week (reps)")
    _label_x(chart, [f"w/c {_short_date(w['week_of'])}" for w in weeks])
    chart.add("Reps", [w["reps"] for w in weeks])
    return _render(chart)


def progress_charts(progress: ProgressView) -> dict[str, str | None]:
    return {
        "heel_raise": heel_raise_chart(progress),
        "knee_to_wall": knee_to_wall_chart(progress),
        "volume": volume_chart(progress),
    }


def weekly_running_chart(weeks: list[tuple[date, float, int]]) -> str | None:
    """Running km per week (Monday, km, runs), oldest first; None without runs."""
    if not weeks:
        return None
    chart = _chart("Bar", "Running per week (km)")
    labels = [f"{monday.day} {monday:%b}" for monday, _km, _runs in weeks]
    chart.x_labels = labels
    chart.x_labels_major = labels[::-4]  # every fourth week, this one included: phone-readable
    chart.show_minor_x_labels = False
    chart.show_legend = False
    chart.truncate_label = -1  # "16 Nov" whole, not "16…"
    chart.add("km", [{"value": km, "label": plural(runs, "run")} for _monday, km, runs in weeks])
    return _render(chart)
