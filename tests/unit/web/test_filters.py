"""Durations read as a clock on every page (5:00, not 300 s); rests follow the catalogue."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from calfcoach.web.filters import install, mmss, rest_seconds


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
