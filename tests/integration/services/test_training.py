"""A runner's assessments, plan versions, check-ins and logs, stored and scoped to the runner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.errors import Forbidden, NotFound
from calfcoach.services.training import (
    check_in,
    current_plan,
    log_session,
    logged_sessions,
    submit_assessment,
)
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    LOG_DAY,
    NOW,
    REPORT_DAY,
    TODAY,
    Doc,
    a_log,
    checkin,
    count,
    counts,
    make_account,
    strength_assessment,
)


def test_an_assessment_stores_itself_and_plan_version_1_of_block_1(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    plan = submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    assert (plan["block"], plan["version"]) == (1, 1)
    assert plan["schema"] == "calfcoach.plan/1"
    assert plan["diagnosis"]["target"] == "strength"
    assert (count(engine, "assessments"), count(engine, "plans")) == (1, 1)
    with UnitOfWork(engine) as uow:
        (stored,) = uow.records.assessments(runner.id)
        assert stored.taken_on == date(2026, 11, 22)
        assert cast(Doc, stored.document["heel_raise"])["right"] == 8
    assert current_plan(UnitOfWork(engine), runner) == plan


def test_an_assessment_without_a_date_is_dated_today(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    undated = strength_assessment()
    del undated["date"]
    submit_assessment(UnitOfWork(engine), runner, undated, TODAY, NOW)
    with UnitOfWork(engine) as uow:
        (stored,) = uow.records.assessments(runner.id)
        assert stored.taken_on == TODAY
        assert stored.document["date"] == TODAY.isoformat()


def test_a_second_assessment_starts_block_2(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    retest = strength_assessment(date="2026-12-20")
    later = TODAY + timedelta(days=29)
    plan = submit_assessment(UnitOfWork(engine), runner, retest, later, NOW + timedelta(days=29))
    assert (plan["block"], plan["version"]) == (2, 1)
    assert plan["plan"]["start"] == "2026-12-21"
    current = current_plan(UnitOfWork(engine), runner)
    assert (current["block"], current["version"], current["id"]) == (2, 1, plan["id"])
    assert (count(engine, "assessments"), count(engine, "plans")) == (2, 2)


def test_a_ropey_check_in_writes_version_2_with_rule_s2(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    first = submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    report = checkin("ropey_after_spring_week2")
    adjusted = check_in(UnitOfWork(engine), runner, report, REPORT_DAY, NOW + timedelta(days=11))
    assert (adjusted["block"], adjusted["version"]) == (1, 2)
    assert adjusted["id"] != first["id"]
    changes = adjusted["changes"]
    assert [c["rule"] for c in changes] == ["S2"]
    assert changes[0]["date"] == "2026-12-03"
    stored = current_plan(UnitOfWork(engine), runner)
    assert stored["version"] == 2
    assert stored["decisions"] == adjusted["decisions"]
    assert len(stored["decisions"]) == len(first["decisions"]) + 1
    with UnitOfWork(engine) as uow:
        versions = [p for p in uow.records.plans(runner.id) if p.block == 1]
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].document == {
            k: first[k] for k in ("schema", "diagnosis", "plan", "decisions")
        }
        (saved,) = uow.records.checkins(runner.id)
        assert (saved.feeling, saved.pain, saved.plan_id) == ("ropey", 2, adjusted["id"])
        assert saved.reported_on == date(2026, 12, 3)


def test_a_fine_check_in_after_a_ropey_one_makes_version_3(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    check_in(UnitOfWork(engine), runner, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    fine = check_in(
        UnitOfWork(engine), runner, checkin("fine_after_strength_week3"), REPORT_DAY, NOW
    )
    assert fine["version"] == 3
    assert [c["rule"] for c in fine["changes"]] == ["S1"]
    assert count(engine, "checkins") == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"feeling": "meh"}, "feeling"), ({"pain": 11}, "pain"), ({"week": 0}, "week")],
)
def test_a_bad_check_in_names_the_field_and_writes_nothing(
    engine: Engine, changes: Doc, field: str
) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        check_in(
            UnitOfWork(engine),
            runner,
            checkin("ropey_after_spring_week2", **changes),
            REPORT_DAY,
            NOW,
        )
    assert refused.value.field == field
    assert counts(engine) == before
    assert current_plan(UnitOfWork(engine), runner)["version"] == 1


def test_a_check_in_without_a_plan_is_not_found_and_writes_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    before = counts(engine)
    with pytest.raises(NotFound):
        check_in(UnitOfWork(engine), runner, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    assert counts(engine) == before


def test_a_bad_assessment_names_the_field_and_writes_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    bad = strength_assessment(heel_raise={"left": -1, "right": 8})
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        submit_assessment(UnitOfWork(engine), runner, bad, TODAY, NOW)
    assert refused.value.field == "heel_raise.left"
    assert counts(engine) == before


def test_a_coach_has_no_plan_check_ins_or_logs(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    before = counts(engine)
    with pytest.raises(Forbidden):
        submit_assessment(UnitOfWork(engine), coach, strength_assessment(), TODAY, NOW)
    with pytest.raises(Forbidden):
        check_in(UnitOfWork(engine), coach, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    with pytest.raises(Forbidden):
        log_session(UnitOfWork(engine), coach, a_log(), LOG_DAY, NOW)
    with pytest.raises(Forbidden):
        current_plan(UnitOfWork(engine), coach)
    assert counts(engine) == before


def test_current_plan_without_an_assessment_is_not_found(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    with pytest.raises(NotFound):
        current_plan(UnitOfWork(engine), runner)


def test_a_logged_session_keeps_its_sets_in_order(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    answer = log_session(UnitOfWork(engine), runner, a_log(), LOG_DAY, NOW)
    right = a_log(side="right", sets=[{"reps": 5, "load_kg": 15.5}])
    log_session(UnitOfWork(engine), runner, right, LOG_DAY, NOW)
    logs = logged_sessions(UnitOfWork(engine), runner)
    assert [(log["side"], log["exercise"]) for log in logs] == [
        ("left", "straight_knee_calf_raise"),
        ("right", "straight_knee_calf_raise"),
    ]
    assert logs[0]["id"] == answer["id"]
    assert logs[0]["date"] == "2026-11-24"
    assert logs[0]["sets"] == [
        {"reps": 8, "load_kg": 20.0, "seconds": None, "rpe": None},
        {"reps": 7, "load_kg": 22.5, "seconds": None, "rpe": None},
        {"reps": 6, "load_kg": None, "seconds": None, "rpe": None},
    ]
    assert logs[1]["sets"] == [{"reps": 5, "load_kg": 15.5, "seconds": None, "rpe": None}]
    assert count(engine, "log_sets") == 4


def test_an_invalid_set_names_its_path_and_writes_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    bad = a_log(sets=[{"reps": 8, "load_kg": 20}, {"reps": -1}])
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        log_session(UnitOfWork(engine), runner, bad, LOG_DAY, NOW)
    assert refused.value.field == "sets[1].reps"
    assert counts(engine) == before
    assert logged_sessions(UnitOfWork(engine), runner) == []


def test_a_runner_never_sees_another_runners_rows(engine: Engine) -> None:
    alice = make_account(engine, "alice@example.com")
    bob = make_account(engine, "bob@example.com")
    submit_assessment(UnitOfWork(engine), alice, strength_assessment(), TODAY, NOW)
    check_in(UnitOfWork(engine), alice, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    log_session(UnitOfWork(engine), alice, a_log(), LOG_DAY, NOW)
    with pytest.raises(NotFound):
        current_plan(UnitOfWork(engine), bob)
    assert logged_sessions(UnitOfWork(engine), bob) == []
    with pytest.raises(NotFound):  # Bob cannot adjust Alice's plan either
        check_in(UnitOfWork(engine), bob, checkin("fine_after_strength_week3"), REPORT_DAY, NOW)

    even = strength_assessment(heel_raise={"left": 15, "right": 15})
    bobs = submit_assessment(UnitOfWork(engine), bob, even, TODAY, NOW)
    assert (bobs["block"], bobs["version"]) == (1, 1)  # Alice's plan does not count for Bob
    assert current_plan(UnitOfWork(engine), bob)["id"] == bobs["id"]
    assert current_plan(UnitOfWork(engine), alice)["version"] == 2
    assert len(logged_sessions(UnitOfWork(engine), alice)) == 1
    with UnitOfWork(engine) as uow:
        assert [a.runner_id for a in uow.records.assessments(bob.id)] == [bob.id]
        assert uow.records.checkins(bob.id) == []


def test_a_check_in_from_the_future_is_refused_and_writes_nothing(engine: Engine) -> None:
    runner = make_account(engine, "future@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    before = counts(engine)
    report = checkin("ropey_after_spring_week2")  # dated 2026-12-03
    with pytest.raises(InvalidDocument) as refused:
        check_in(UnitOfWork(engine), runner, report, date(2026, 12, 1), NOW)
    assert refused.value.field == "date"
    assert counts(engine) == before
    check_in(UnitOfWork(engine), runner, report, date(2026, 12, 2), NOW)  # a day of slack
