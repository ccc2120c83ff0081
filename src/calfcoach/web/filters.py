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


def arrows(text: object) -> str:
    """The engine writes plain ``->`` (terminals); a page shows a real arrow."""
    return str(text).replace(" -> ", " → ")


def install(env: Environment) -> None:
    env.filters["arrows"] = arrows
    env.filters["words"] = words
    env.filters["nice_date"] = nice_date
    env.globals["day_names"] = DAY_NAMES
