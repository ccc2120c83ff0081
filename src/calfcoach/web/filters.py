"""Jinja filters that turn engine values into a runner's words."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment
from markupsafe import Markup, escape

from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.rule_notes import rule_note
from calfcoach.coaching.vocabulary import Target
from calfcoach.exports.session_time import REST_SECONDS

DAY_NAMES = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}
# Rest between sets where the catalogue names none: longer for heavy strength sets.
REST_BY_KIND = {"strength": 90}
DEFAULT_REST = 60


def words(value: object) -> str:
    """``sharp_pain`` -> ``sharp pain``."""
    return str(value).replace("_", " ")


def target_label(value: object) -> str:
    """A target id as every page heads it: ``timing`` -> ``Timing and spring``; an unknown
    id in plain words."""
    try:
        return Target(str(value)).label
    except ValueError:
        return words(value).capitalize()


def exercise_name(value: object) -> str:
    """An exercise id by its catalogue name: ``straight_knee_calf_raise`` ->
    ``Straight-knee calf raise``; an unknown id in plain words."""
    try:
        return exercise(str(value)).name
    except KeyError:
        return words(value).capitalize()


def nice_date(value: object) -> str:
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day:%a} {day.day} {day:%b}"


def arrows(text: object) -> str:
    """The engine writes plain ``->`` (terminals); a page shows a real arrow."""
    return str(text).replace(" -> ", " → ")


def mmss(seconds: object) -> str:
    """A duration as a clock shows it: ``300`` -> ``5:00``, ``45`` -> ``0:45``, ``3725`` ->
    ``62:05`` (minutes do not roll over into hours: no session lasts that long)."""
    if seconds is None or seconds == "":
        return ""
    whole = max(0, round(float(str(seconds))))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def rest_seconds(exercise: object, kind: object = "") -> int:
    """The rest between two sets of ``exercise`` in a session of ``kind``: the catalogue's when
    it names one, else 90 s for strength and 60 s for everything else (spring work)."""
    found = REST_SECONDS.get(str(exercise))
    return found if found is not None else REST_BY_KIND.get(str(kind), DEFAULT_REST)


# Plurals that are not the singular plus "s".
IRREGULAR_PLURALS = {"day off": "days off", "foot contact": "foot contacts", "was": "were"}


def plural(count: object, noun: str, many: str | None = None) -> str:
    """``plural(1, "run")`` -> ``1 run``, ``plural(3, "run")`` -> ``3 runs``; ``many`` names an
    irregular plural (``plural(2, "file", ...)``). A count of None reads as 0."""
    number = 0 if count is None or count == "" else count
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if number == 1:
        return f"1 {noun}"
    word = (
        many or IRREGULAR_PLURALS.get(noun) or (f"{noun}es" if noun.endswith("s") else f"{noun}s")
    )
    return f"{number} {word}"


def rule_tag(rule: object) -> Markup:
    """A rule id as a small tag beside its sentence, its plain explanation as the tooltip:
    ``<span class="rule-tag" title="...">C6b</span>``. An empty id gives nothing."""
    if not rule:
        return Markup("")
    note = rule_note(rule)
    title = f"Rule {rule}: {note}" if note else f"Rule {rule}"
    return Markup('<span class="rule-tag" title="{}">{}</span>').format(title, escape(str(rule)))


def install(env: Environment) -> None:
    env.filters["arrows"] = arrows
    env.filters["words"] = words
    env.filters["target_label"] = target_label
    env.filters["exercise_name"] = exercise_name
    env.filters["nice_date"] = nice_date
    env.filters["mmss"] = mmss
    env.filters["rest_seconds"] = rest_seconds
    env.filters["plural"] = plural
    env.filters["rule_tag"] = rule_tag
    env.globals["plural"] = plural
    env.globals["day_names"] = DAY_NAMES
