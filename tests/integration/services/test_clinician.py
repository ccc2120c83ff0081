"""The clinician's summary and the sets CSV from stored data, on SQLite and PostgreSQL, for the
runner and for a coach the runner joined (anyone else gets NotFound)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS, RED_FLAG_RULES
from calfcoach.coaching.vocabulary import Feeling, RedFlag, SessionKind, Urgency
from calfcoach.exports.clinician import PainReport, without_disclaimer
from calfcoach.services.accounts import Account
from calfcoach.services.clinician import rendered, summary_for_coach, summary_for_runner
from calfcoach.services.errors import Forbidden, NotFound
from calfcoach.services.sets_export import sets_csv, sets_csv_for_coach
from calfcoach.services.team import invite, join
from calfcoach.services.training import check_in, current_plan, log_session, submit_assessment
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    FILES,
    NOW,
    REPORT_DAY,
    TODAY,
    a_log,
    checkin,
    load,
    make_account,
    strength_assessment,
)

RETEST_DAY = date(2026, 12, 20)
SUMMARY_DAY = date(2026, 12, 22)
LIMPING = {
    "schema": "calfcoach.checkin/1",
    "date": "2026-12-10",
    "week": 3,
    "after": "spring",
    "feeling": "limping",
    "pain": 6,
    "exercise": "pogo_jumps",
    "morning_stiffness_up": True,
}


def a_runner_with_a_history(engine: Engine) -> Account:
    """First test (12 left / 8 right), a ropey and a fine check-in, a limping one (S3 refers),
    two logged sessions, then a retest with an urgent red flag that starts block 2."""
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    for report in (
        checkin("ropey_after_spring_week2"),
        checkin("fine_after_strength_week3"),
        LIMPING,
    ):
        check_in(UnitOfWork(engine), runner, report, REPORT_DAY, NOW)
    log_session(UnitOfWork(engine), runner, a_log(), REPORT_DAY, NOW)
    pogo = a_log(date(2026, 11, 25), exercise="pogo_jumps", side="both", sets=[{"seconds": 30}])
    log_session(UnitOfWork(engine), runner, pogo, REPORT_DAY, NOW)
    retest = {**load(FILES / "assessments" / "red_flag_runner.json"), "date": "2026-12-20"}
    submit_assessment(UnitOfWork(engine), runner, retest, RETEST_DAY, NOW + timedelta(days=29))
    return runner


def joined_coach(engine: Engine, runner: Account) -> Account:
    coach = make_account(engine, "coach@example.com", "coach")
    code = invite(UnitOfWork(engine), coach, NOW)["code"]
    join(UnitOfWork(engine), runner, code, NOW)
    return coach


def test_the_runner_s_summary_holds_tests_red_flags_pain_and_dates(engine: Engine) -> None:
    runner = a_runner_with_a_history(engine)
    summary = summary_for_runner(UnitOfWork(engine), runner, SUMMARY_DAY)
    assert summary.runner == "runner@example.com"
    assert [(t.date, t.left, t.right) for t in summary.tests.rows] == [
        (date(2026, 11, 22), 12, 8),
        (RETEST_DAY, 18, 17),
    ]
    flags = [(f.date, f.urgency, f.rule, f.flag, f.message) for f in summary.red_flags.rows]
    assert flags == [
        (
            date(2026, 12, 10),
            Urgency.CLINICIAN,
            "S3",
            RedFlag.PAIN_CHANGES_GAIT,
            without_disclaimer(RED_FLAG_RULES[RedFlag.PAIN_CHANGES_GAIT].message),
        ),
        (
            RETEST_DAY,
            Urgency.URGENT,
            "C0",
            RedFlag.CALF_SWOLLEN_WARM_RED,
            without_disclaimer(RED_FLAG_RULES[RedFlag.CALF_SWOLLEN_WARM_RED].message),
        ),
    ]
    assert summary.pain_reports.rows == (
        PainReport(date(2026, 12, 3), 2, Feeling.ROPEY, SessionKind.SPRING, None, False),
        PainReport(date(2026, 12, 10), 6, Feeling.LIMPING, SessionKind.SPRING, "Pogo jumps", True),
    )
    start = current_plan(UnitOfWork(engine), runner)["plan"]["start"]
    assert isinstance(start, str)
    block_start = date.fromisoformat(start)
    assert (summary.dates.first_test, summary.dates.block_start) == (
        date(2026, 11, 22),
        block_start,
    )
    assert (summary.dates.retest_due, summary.dates.last_checkin) == (None, date(2026, 12, 10))
    assert (summary.target, summary.urgency) == ("refer", Urgency.URGENT)
    assert summary.not_a_diagnosis == NOT_A_DIAGNOSIS


def test_both_renderings_come_from_the_stored_data(engine: Engine) -> None:
    runner = a_runner_with_a_history(engine)
    summary = summary_for_runner(UnitOfWork(engine), runner, SUMMARY_DAY)
    html = rendered(summary, "html").decode("utf-8")
    assert "runner@example.com" in html
    assert "Pogo jumps" in html
    reader = PdfReader(io.BytesIO(rendered(summary, "pdf")))
    assert len(reader.pages) == 1
    assert "2026-12-10" in reader.pages[0].extract_text()


def test_adherence_counts_the_current_block_up_to_today(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    for day in (date(2026, 11, 24), date(2026, 11, 24), date(2026, 11, 25)):
        log_session(UnitOfWork(engine), runner, a_log(day), REPORT_DAY, NOW)
    summary = summary_for_runner(UnitOfWork(engine), runner, date(2026, 11, 26))
    # Planned up to Thu 26 Nov: Mon 23, Tue 24 and Thu 26; logged on Tue 24 and Wed 25.
    adherence = summary.adherence
    assert adherence is not None
    assert (adherence.planned_sessions, adherence.planned_days) == (3, 3)
    assert (adherence.logged_planned_days, adherence.logged_other_days) == (1, 1)
    assert summary.dates.retest_due == date(2026, 12, 21)


def test_a_coach_sees_a_joined_runner_s_summary_and_no_one_else_s(engine: Engine) -> None:
    runner = a_runner_with_a_history(engine)
    stranger = make_account(engine, "stranger@example.com", "coach")
    with pytest.raises(NotFound):
        summary_for_coach(UnitOfWork(engine), stranger, runner.id, SUMMARY_DAY)
    with pytest.raises(NotFound):
        sets_csv_for_coach(UnitOfWork(engine), stranger, runner.id)
    coach = joined_coach(engine, runner)
    seen = summary_for_coach(UnitOfWork(engine), coach, runner.id, SUMMARY_DAY)
    assert seen == summary_for_runner(UnitOfWork(engine), runner, SUMMARY_DAY)
    assert sets_csv_for_coach(UnitOfWork(engine), coach, runner.id) == sets_csv(
        UnitOfWork(engine), runner
    )
    with pytest.raises(NotFound):
        summary_for_coach(UnitOfWork(engine), stranger, runner.id, SUMMARY_DAY)
    other = make_account(engine, "other@example.com")
    for not_theirs in (other.id, coach.id, 10_000):
        with pytest.raises(NotFound):
            summary_for_coach(UnitOfWork(engine), coach, not_theirs, SUMMARY_DAY)


def test_only_a_coach_asks_for_another_s_summary_and_only_a_runner_for_their_own(
    engine: Engine,
) -> None:
    runner = a_runner_with_a_history(engine)
    coach = joined_coach(engine, runner)
    with pytest.raises(Forbidden):
        summary_for_coach(UnitOfWork(engine), runner, runner.id, SUMMARY_DAY)
    with pytest.raises(Forbidden):
        summary_for_runner(UnitOfWork(engine), coach, SUMMARY_DAY)
    with pytest.raises(Forbidden):
        sets_csv(UnitOfWork(engine), coach)


def test_the_sets_csv_holds_every_stored_set(engine: Engine) -> None:
    runner = a_runner_with_a_history(engine)
    rows = list(csv.reader(io.StringIO(sets_csv(UnitOfWork(engine), runner).decode(), newline="")))
    expected = """
        2026-11-24,Calf strength,Straight-knee calf raise,1,20,kg,8,,left leg,
        2026-11-24,Calf strength,Straight-knee calf raise,2,22.5,kg,7,,left leg,
        2026-11-24,Calf strength,Straight-knee calf raise,3,,,6,,left leg,
        2026-11-25,Calf spring,Pogo jumps,1,,,,30,,
    """
    assert rows[1:] == [line.strip().split(",") for line in expected.strip().splitlines()]
