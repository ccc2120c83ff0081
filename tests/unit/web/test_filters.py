"""Durations read as a clock on every page (5:00, not 300 s); rests follow the catalogue."""

from __future__ import annotations

import pytest
from jinja2 import Environment
from markupsafe import escape

from calfcoach.web.filters import exercise_name, install, mmss, rest_seconds


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (300, "5:00"),
        (45, "0:45"),
        (0, "0:00"),
        (9, "0:09"),
        (60, "1:00"),
        (90, "1:30"),
        (119.6, "2:00"),  # a logged float rounds to the nearest second
        (3725, "62:05"),  # minutes do not roll over into hours
        ("120", "2:00"),  # a form value
        (-5, "0:00"),
        (None, ""),
    ],
)
def test_mmss_shows_minutes_and_two_digit_seconds(seconds: object, shown: str) -> None:
    assert mmss(seconds) == shown


def test_mmss_is_installed_for_the_templates() -> None:
    env = Environment(autoescape=True)
    install(env)
    assert env.from_string("Start {{ s | mmss }}").render(s=300) == "Start 5:00"
    assert env.from_string("Start {{ s | mmss }}").render(s=45) == "Start 0:45"


@pytest.mark.parametrize(
    ("exercise", "kind", "rest"),
    [
        ("pogo_jumps", "spring", 45),  # the catalogue names it
        ("hill_surges", "spring", 90),
        ("straight_knee_calf_raise", "strength", 90),  # none named: strength rests longer
        ("bent_knee_calf_raise", "strength", 90),
        ("skipping_something_new", "spring", 60),
        ("something_else", "mobility", 60),
    ],
)
def test_rest_between_sets(exercise: str, kind: str, rest: int) -> None:
    assert rest_seconds(exercise, kind) == rest


@pytest.mark.parametrize(
    ("target", "label"),
    [
        ("timing", "Timing and spring"),  # as the diagnosis heads it, not "timing"
        ("strength", "Strength"),
        ("general", "All-round calf work"),
        ("refer", "See a clinician first"),
        ("something_new", "Something new"),  # an unknown id still reads as words
    ],
)
def test_a_target_reads_as_the_diagnosis_heads_it(target: str, label: str) -> None:
    env = Environment(autoescape=True)
    install(env)
    assert env.from_string("{{ t | target_label }}").render(t=target) == label


@pytest.mark.parametrize(
    ("exercise", "name"),
    [
        ("straight_knee_calf_raise", "Straight-knee calf raise"),  # the catalogue's name
        ("ankle_range", "Knee-to-wall ankle mobiliser"),
        ("farmers_carry", "Farmer's carry"),
        ("skipping_something_new", "Skipping something new"),  # unknown: plain words
    ],
)
def test_a_logged_exercise_is_named_as_the_catalogue_names_it(exercise: str, name: str) -> None:
    assert exercise_name(exercise) == name
    env = Environment(autoescape=True)
    install(env)
    assert env.from_string("{{ e | exercise_name }}").render(e=exercise) == escape(name)
