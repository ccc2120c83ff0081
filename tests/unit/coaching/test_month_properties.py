"""A four-week plan under check-ins: properties of the plan *documents* the services print.

The engine is driven only through ``calfcoach.services.engine`` (plan, adjust, retest) and
judged by the pure checks of ``month_checks`` (definitions in its docstring). Check-ins are
applied one after the other, each to the previous output; a refused report leaves the plan
as it was. Each check also has a test below showing it catches a plan broken by hand.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calfcoach.services.engine import plan_from_assessment, retest
from tests.unit.coaching.month_checks import (
    violations_after_bad_report,
    violations_ankle_side,
    violations_asymmetry,
    violations_days,
    violations_goal_size,
    violations_hold,
    violations_pain_reports_accepted,
    violations_refer,
    violations_rise,
    violations_situation,
    violations_week4,
    violations_words,
)
from tests.unit.coaching.month_documents import text_problems
from tests.unit.coaching.month_plans import (
    Month,
    Step,
    live_month,
    lived,
)
from tests.unit.coaching.month_strategies import (
    SITUATIONS,
    STIFF_ON_MONDAY_OF_WEEK_2,
    block_assessments,
    month_assessments,
    month_checkin_lists,
    referred_assessments,
    retest_document,
)
from tests.unit.coaching.strategies import assessment_documents, dates

MONTH = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fail_if(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def refusals(month: Month) -> list[str]:
    def refused(s: Step) -> list[str]:
        return violations_pain_reports_accepted(s.before, s.checkin, s.error)

    return month.reports(refused, refused=True)


# --------------------------------------------------------------------------- properties


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
def test_p1_no_element_rises_faster_than_a1s_largest_step(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    fail_if(live_month(doc, today, specs).problems(violations_rise))


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
@example(**STIFF_ON_MONDAY_OF_WEEK_2)
def test_p2_no_dose_above_the_one_that_provoked_a_bad_report(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    month = live_month(doc, today, specs)
    accepted, problems = month.accepted, []
    for n, step in enumerate(accepted):
        later = [s.checkin for s in accepted[n + 1 :]]
        found = violations_after_bad_report(step.before, step.checkin, month.final, later)
        problems += [f"after {step.checkin}: {p}" for p in found]
    fail_if(problems)


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists(stiff_one_in=2))
def test_p3_a_stiffer_morning_holds_the_next_week(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    month = live_month(doc, today, specs)
    fail_if(month.reports(lambda s: violations_hold(s.before, s.checkin, s.after or {})))


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
def test_p4_week4_trims_the_week3_actually_planned(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    fail_if(live_month(doc, today, specs).problems(violations_week4))


@MONTH
@given(
    doc=st.one_of(month_assessments(), referred_assessments()),
    today=dates,
    specs=month_checkin_lists(),
)
def test_p5_refer_never_carries_on_and_limping_refers(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    month = live_month(doc, today, specs)
    accepted, problems = month.accepted, []
    for n, step in enumerate(accepted):
        earlier = [s.checkin for s in accepted[:n]]
        found = violations_refer(step.before, step.checkin, step.after or {}, earlier)
        problems += [f"after {step.checkin}: {p}" for p in found]
    fail_if(problems)


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
def test_p6_sessions_sit_on_legal_days(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    fail_if(live_month(doc, today, specs).problems(violations_days, doc))


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
def test_pain_reports_are_accepted_on_any_day(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    fail_if(refusals(live_month(doc, today, specs)))


@MONTH
@given(doc=month_assessments(), today=dates, specs=month_checkin_lists())
def test_runner_facing_words_and_weaker_side_sets(
    doc: dict[str, Any], today: date, specs: list[dict[str, Any]]
) -> None:
    month = live_month(doc, today, specs)
    fail_if(month.problems(violations_words) + month.problems(violations_asymmetry))


@MONTH
@given(
    first=month_assessments(),
    second=assessment_documents(),
    today=dates,
    specs=month_checkin_lists(),
    days_after=st.integers(1, 30),
)
def test_a_retest_after_the_block_plans_a_sound_next_block(
    first: dict[str, Any],
    second: dict[str, Any],
    today: date,
    specs: list[dict[str, Any]],
    days_after: int,
) -> None:
    first_plan: dict[str, Any] = plan_from_assessment(copy.deepcopy(first), today)
    start = date.fromisoformat(first_plan["plan"]["start"])
    current = retest_document(second, start, days_after)
    result = retest(copy.deepcopy(first), copy.deepcopy(current), today)
    problems = [
        text_problems(f"change {change['measure']} {change['side']}", change["text"])
        for change in result["changes"]
    ]
    month = lived(result["next"], date.fromisoformat(current["date"]), specs)
    for check in (violations_rise, violations_week4, violations_words, violations_asymmetry):
        problems.append(month.problems(check))
    problems.append(month.problems(violations_days, current))
    problems.append(refusals(month))
    fail_if([p for found in problems for p in found])


@pytest.mark.parametrize("situation", SITUATIONS)
@settings(MONTH, max_examples=15)
@given(doc=block_assessments(), today=dates)
def test_each_situation_shifts_the_items_not_the_target(
    situation: str, doc: dict[str, Any], today: date
) -> None:
    without = plan_from_assessment({**doc, "situations": []}, today)
    with_it = plan_from_assessment({**doc, "situations": [situation]}, today)
    fail_if(violations_situation(without, with_it, situation))


@MONTH
@given(
    doc=block_assessments(),
    today=dates,
    stiffer=st.sampled_from(["left", "right"]),
    tenths=st.integers(0, 200),
    gap=st.integers(21, 50),  # more than 2.0 cm, both sides within 0-25 cm
)
def test_c7_ankle_range_on_the_stiffer_side(
    doc: dict[str, Any], today: date, stiffer: str, tenths: int, gap: int
) -> None:
    other = "right" if stiffer == "left" else "left"
    cm = {f"{stiffer}_cm": tenths / 10, f"{other}_cm": (tenths + gap) / 10}
    assessment = {**doc, "knee_to_wall": cm}
    fail_if(violations_ankle_side(assessment, plan_from_assessment(assessment, today)))


@MONTH
@given(doc=block_assessments(), today=dates)
def test_goal_size_adds_a2s_raises_beside_a1s(doc: dict[str, Any], today: date) -> None:
    speed = plan_from_assessment({**doc, "goal": "speed"}, today)
    fail_if(violations_goal_size(speed, plan_from_assessment({**doc, "goal": "size"}, today)))
