"""Jinja filters that turn engine values into a runner's words."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment

DAY_NAMES = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}


def words(value: object) -> str:
    """``sharp_pain`` -> ``sharp pain``."""
    return str(value).replace("_", " ")


def nice_date(value: object) -> str:
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day:%a} {day.day} {day:%b}"


def dose(item: dict[str, object]) -> str:
    """``3 x 6``, ``4 x 10 s`` or ``5 min``, with the side when it is one leg."""
    seconds = item.get("seconds")
    if (
        item.get("reps") is None
        and item["sets"] == 1
        and isinstance(seconds, int)
        and seconds >= 120
    ):
        return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds / 60:.1f} min"
    amount = f"{item['reps']}" if item.get("reps") is not None else f"{seconds} s"
    side = "" if item.get("side") in (None, "both") else f" ({item['side']})"
    return f"{item['sets']} x {amount}{side}"


def arrows(text: object) -> str:
    """The engine writes plain ``->`` (terminals); a page shows a real arrow."""
    return str(text).replace(" -> ", " → ")


def install(env: Environment) -> None:
    env.filters["arrows"] = arrows
    env.filters["words"] = words
    env.filters["nice_date"] = nice_date
    env.filters["dose"] = dose
    env.globals["day_names"] = DAY_NAMES
