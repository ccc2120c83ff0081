"""Counts read right (1 run, 2 runs), rule ids are tags with their note, and the page to go
back to after signing in is always one of ours."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from calfcoach.web.filters import install, plural, rule_tag
from calfcoach.web.kept_forms import KeptForm, safe_next, shown, signin_url


@pytest.mark.parametrize(
    ("count", "noun", "shown_as"),
    [
        (1, "run", "1 run"),
        (0, "run", "0 runs"),
        (2, "run", "2 runs"),
        (1.0, "set", "1 set"),
        (3, "file", "3 files"),
        (2, "day off", "2 days off"),
        (2, "pass", "2 passes"),
        (None, "run", "0 runs"),
        (1, "more file", "1 more file"),
    ],
)
def test_plural(count: object, noun: str, shown_as: str) -> None:
    assert plural(count, noun) == shown_as


def test_plural_takes_an_irregular_plural() -> None:
    assert plural(2, "person", "people") == "2 people"
    assert plural(1, "person", "people") == "1 person"


def test_rule_tag_is_a_small_tag_with_the_plain_note() -> None:
    tag = str(rule_tag("C6b"))
    assert tag.startswith('<span class="rule-tag" title="Rule C6b: The sides differ')
    assert tag.endswith(">C6b</span>")
    assert str(rule_tag("")) == ""
    assert str(rule_tag("<b>")) == '<span class="rule-tag" title="Rule &lt;b&gt;">&lt;b&gt;</span>'


def test_the_filters_are_installed() -> None:
    env = Environment(autoescape=True)
    install(env)
    page = env.from_string('{{ 1 | plural("run") }}; {{ plural(4, "set") }}; {{ "S9" | rule_tag }}')
    shown_page = page.render()
    assert shown_page.startswith('1 run; 4 sets; <span class="rule-tag" title="Rule S9: ')


@pytest.mark.parametrize(
    ("asked", "safe"),
    [
        ("/checkin", "/checkin"),
        ("/day/2026-12-10?x=1", "/day/2026-12-10?x=1"),
        ("//evil.example/", None),
        ("/\\evil.example", None),
        ("https://evil.example/", None),
        ("http:/checkin", None),
        ("javascript:alert(1)", None),
        ("checkin", None),
        ("/a\nb", None),
        ("/" + "x" * 600, None),
        (None, None),
    ],
)
def test_only_same_site_paths_are_followed(asked: object, safe: str | None) -> None:
    assert safe_next(asked) == safe


def test_the_signin_url_carries_a_safe_next_only() -> None:
    assert signin_url("/checkin") == "/signin?next=/checkin"
    assert signin_url("/day/2026-12-10?a=b") == "/signin?next=/day/2026-12-10%3Fa%3Db"
    assert signin_url("//evil.example") == "/signin"
    assert signin_url("/") == "/signin"


def test_kept_answers_read_as_words() -> None:
    kept: KeptForm = {
        "action": "/logs",
        "back": "/today",
        "fields": [["date", "2026-12-10"], ["side", "left"], ["reps_0", "6"], ["load_kg_1", ""],
                   ["exercise", "straight_knee_calf_raise"]],
    }  # fmt: skip
    assert shown(kept) == [
        ("Side", "left"),
        ("Reps, set 1", "6"),
        ("Exercise", "straight knee calf raise"),
    ]
