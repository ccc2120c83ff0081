"""The clinician's summary: the model from real engine documents, then the HTML read back with
lxml and the PDF read back with pypdf, each checked against the model and against literals."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from pypdf import PdfReader

from calfcoach.coaching.diagnosis import REFER_GENTLE, REFER_NO_PLAN
from calfcoach.coaching.norms import heel_raise_norm
from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS, RED_FLAG_RULES
from calfcoach.coaching.vocabulary import Feeling, RedFlag, SessionKind, Sex, Urgency
from calfcoach.exports.clinician import (
    MAX_PAIN_REPORTS,
    MAX_REASONS,
    MAX_RED_FLAGS,
    MAX_TESTS,
    Adherence,
    Capped,
    ClinicianSummary,
    DatedPlan,
    KeyDates,
    PainReport,
    RedFlagEntry,
    RuleText,
    SelfTest,
    clinician_summary,
    most_recent,
    without_disclaimer,
)
from calfcoach.exports.clinician_html import summary_html
from calfcoach.exports.clinician_pdf import latin1, summary_pdf
from calfcoach.services.engine import adjust_plan, plan_from_assessment

FILES = Path(__file__).resolve().parents[2] / "files"
A4_POINTS = (595.28, 841.89)
Doc = dict[str, Any]


def load(name: str, **changes: object) -> Doc:
    return {**json.loads((FILES / name).read_text(encoding="utf-8")), **changes}


def checkin(day: str, week: int, feeling: str, pain: int, **more: object) -> Doc:
    report = {"date": day, "week": week, "after": "strength", "feeling": feeling, "pain": pain}
    return {"schema": "calfcoach.checkin/1", **report, **more}


FIRST = load("assessments/strength_runner.json")  # 2026-11-22, 12 left / 8 right, female 34
RETEST = load("assessments/red_flag_runner.json", date="2026-12-21")  # 18/17, urgent flag
ROPEY = load("checkins/ropey_after_spring_week2.json")  # 2026-12-03, pain 2
FINE = checkin("2026-12-09", 3, "fine", 0)
LIMPING = checkin(
    "2026-12-10", 3, "limping", 6, after="spring", exercise="pogo_jumps", morning_stiffness_up=True
)
TODAY = date(2026, 12, 22)


def a_runner_s_documents() -> dict[str, Any]:
    """Block 1 from the first test, adjusted by three check-ins (the last one limping: S3
    refers), then a retest with an urgent red flag that starts block 2."""
    plans = [plan_from_assessment(FIRST, today=date(2026, 11, 22))]
    for report in (ROPEY, FINE, LIMPING):
        plans.append(adjust_plan(plans[-1], report))
    retest = plan_from_assessment(RETEST, today=date(2026, 12, 21))
    made_on = [date(2026, 11, 23), date(2026, 12, 3), date(2026, 12, 9), date(2026, 12, 10)]
    versions = [
        DatedPlan(1, number, day, plan)
        for number, (day, plan) in enumerate(zip(made_on, plans, strict=True), start=1)
    ]
    return {
        "runner": "runner@example.com",
        "assessments": [RETEST, FIRST],  # stored order does not matter: by date
        "plans": [*versions, DatedPlan(2, 1, date(2026, 12, 21), retest)],
        "checkins": [ROPEY, FINE, LIMPING],
        "logged_days": {date(2026, 11, 24), date(2026, 11, 25), date(2026, 12, 22)},
        "today": TODAY,
    }


@pytest.fixture(scope="module")
def summary() -> ClinicianSummary:
    return clinician_summary(**a_runner_s_documents())


def test_the_tests_stand_against_the_norm_for_age_and_sex_on_that_day(
    summary: ClinicianSummary,
) -> None:
    first, retest = summary.tests.rows
    assert (first.date, first.left, first.right) == (date(2026, 11, 22), 12, 8)
    assert first.norm == heel_raise_norm(34, Sex.FEMALE)
    assert (retest.date, retest.left, retest.right) == (date(2026, 12, 21), 18, 17)
    assert retest.norm == heel_raise_norm(46, Sex.FEMALE)
    assert first.cells() == (
        "2026-11-22", "12 (below)", "8 (below)", "27 (21-33), women aged 30-39",
        "10.5 cm", "8 cm, heel lifts", "not done",
    )  # fmt: skip
    assert retest.cells()[1:3] == ("18 (below)", "17 (below)")
    assert retest.cells()[4:] == ("not done", "not done", "not done")
    assert summary.about == "female, 46 years"


def test_red_flags_are_dated_and_ruled_by_what_raised_them(summary: ClinicianSummary) -> None:
    gait = RED_FLAG_RULES[RedFlag.PAIN_CHANGES_GAIT]
    clot = RED_FLAG_RULES[RedFlag.CALF_SWOLLEN_WARM_RED]
    assert summary.red_flags == Capped(
        (
            RedFlagEntry(
                date(2026, 12, 10),
                Urgency.CLINICIAN,
                "S3",
                RedFlag.PAIN_CHANGES_GAIT,
                gait.message.replace(f" {NOT_A_DIAGNOSIS}", ""),
            ),
            RedFlagEntry(
                date(2026, 12, 21),
                Urgency.URGENT,
                "C0",
                RedFlag.CALF_SWOLLEN_WARM_RED,
                clot.message.replace(f" {NOT_A_DIAGNOSIS}", ""),
            ),
        )
    )
    assert summary.target == "refer"
    assert summary.urgency is Urgency.URGENT
    assert [r.rule for r in summary.reasons.rows] == ["C0"]


def test_pain_reports_hold_the_painful_check_ins_only(summary: ClinicianSummary) -> None:
    assert summary.pain_reports.rows == (
        PainReport(date(2026, 12, 3), 2, Feeling.ROPEY, SessionKind.SPRING, None, False),
        PainReport(date(2026, 12, 10), 6, Feeling.LIMPING, SessionKind.SPRING, "Pogo jumps", True),
    )
    assert summary.pain_reports.rows[1].cells() == (
        "2026-12-10", "6/10", "limping", "Calf spring", "Pogo jumps", "up on last week",
    )  # fmt: skip


def test_key_dates_and_a_retest_on_hold_for_the_red_flag(summary: ClinicianSummary) -> None:
    retest: Doc = plan_from_assessment(RETEST, today=date(2026, 12, 21))
    start = date.fromisoformat(retest["plan"]["start"])
    assert summary.dates == KeyDates(date(2026, 11, 22), start, None, date(2026, 12, 10))
    assert dict(summary.dates.rows())["Retest due"] == "on hold for the red flag"


def test_adherence_counts_planned_days_up_to_today_against_logged_days() -> None:
    plan: Doc = plan_from_assessment(FIRST, today=date(2026, 11, 22))
    # Week 1: Mon 23, Tue 24, Thu 26, Fri 27 and week 2 from Mon 30; today is Tue 1 Dec.
    planned = [s["date"] for w in plan["plan"]["weeks"] for s in w["sessions"]]
    assert [d for d in planned if d <= "2026-12-01"] == [
        "2026-11-23", "2026-11-24", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01",
    ]  # fmt: skip
    found = clinician_summary(
        "r@example.com",
        assessments=[FIRST],
        plans=[DatedPlan(1, 1, date(2026, 11, 23), plan)],
        checkins=[],
        logged_days={date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26), date(2026, 12, 2)},
        today=date(2026, 12, 1),
    )
    assert found.adherence == Adherence(date(2026, 12, 1), 6, 6, 2, 1)
    assert found.adherence.sentence() == (
        "6 session(s) planned on 6 day(s) up to 2026-12-01; sets logged on 2 of those days "
        "(33 %), and on 1 other day(s)."
    )
    assert found.dates.retest_due == date(2026, 12, 21)


def test_long_lists_keep_the_most_recent_rows_and_count_the_rest() -> None:
    first = date(2026, 11, 23)
    reports = [checkin((first + timedelta(d)).isoformat(), 1, "ropey", d % 10) for d in range(7)]
    documents = a_runner_s_documents()
    documents["plans"] = documents["plans"][:1]
    documents["checkins"] = reports + reports[:4]
    found = clinician_summary(**documents)
    assert found.pain_reports.left_out == 11 - MAX_PAIN_REPORTS
    assert [r.date for r in found.pain_reports.rows] == sorted(
        first + timedelta(d) for d in [*range(7), *range(4)]
    )[-MAX_PAIN_REPORTS:]
    assert most_recent([1, 2, 3], 2) == Capped((2, 3), 1)
    assert most_recent([1], 2) == Capped((1,), 0)


def test_a_runner_with_nothing_stored_gets_an_empty_summary() -> None:
    empty = clinician_summary(
        "new@example.com", assessments=[], plans=[], checkins=[], logged_days=(), today=TODAY
    )
    assert (empty.target, empty.adherence, empty.tests, empty.red_flags) == (
        None, None, Capped(()), Capped(()),
    )  # fmt: skip
    html = lxml.html.fromstring(summary_html(empty))
    assert html.get_element_by_id("tests-none").text_content() == "No tests taken yet."
    assert "none yet" in html.get_element_by_id("key-dates").text_content()
    assert len(PdfReader(io.BytesIO(summary_pdf(empty))).pages) == 1


# The HTML page -----------------------------------------------------------------------------


def table_cells(page: Any, table_id: str) -> list[tuple[str, ...]]:
    table = page.get_element_by_id(table_id)
    return [
        tuple(cell.text_content() for cell in row.findall("td"))
        for row in table.find("tbody").findall("tr")
    ]


def test_the_html_tables_hold_the_model(summary: ClinicianSummary) -> None:
    page = lxml.html.fromstring(summary_html(summary))
    assert table_cells(page, "tests") == [row.cells() for row in summary.tests.rows]
    assert table_cells(page, "red-flags") == [row.cells() for row in summary.red_flags.rows]
    assert table_cells(page, "pain-reports") == [row.cells() for row in summary.pain_reports.rows]
    assert table_cells(page, "reasons") == [row.cells() for row in summary.reasons.rows]
    dates = page.get_element_by_id("key-dates")
    assert [
        (r.find("th").text_content(), r.find("td").text_content()) for r in dates.iter("tr")
    ] == [
        ("First test", "2026-11-22"),
        ("Current block started", summary.dates.rows()[1][1]),
        ("Retest due", "on hold for the red flag"),
        ("Last check-in", "2026-12-10"),
    ]
    assert table_cells(page, "red-flags")[1][:4] == (
        "2026-12-21",
        "urgent",
        "C0",
        "calf swollen warm red",
    )
    assert page.get_element_by_id("not-a-diagnosis").text_content() == NOT_A_DIAGNOSIS
    assert "urgency urgent" in page.get_element_by_id("urgency").text_content()
    assert page.get_element_by_id("target").text_content() == "refer"
    assert page.get_element_by_id("prepared-on").text_content() == "2026-12-22"


def test_the_html_page_is_self_contained_and_styled_for_a4_print(
    summary: ClinicianSummary,
) -> None:
    text = summary_html(summary)
    page = lxml.html.fromstring(text)
    assert not page.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]")
    style = page.find(".//style").text_content()
    assert "@page { size: A4;" in style
    assert "@media print" in style
    assert "url(" not in style and "@import" not in style


def test_the_html_escapes_what_a_runner_typed() -> None:
    nasty = '<script>alert("x")</script>&<b>'
    found = clinician_summary(
        nasty, assessments=[FIRST], plans=[], checkins=[], logged_days=(), today=TODAY
    )
    text = summary_html(found)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&lt;b&gt;" in text
    page = lxml.html.fromstring(text)
    assert not page.xpath("//script | //b")
    assert page.get_element_by_id("runner").text_content() == nasty


def test_left_out_rows_are_said_in_the_html() -> None:
    documents = a_runner_s_documents()
    documents["assessments"] = [{**FIRST, "date": f"2026-10-{day:02}"} for day in range(1, 10)]
    found = clinician_summary(**documents)
    page = lxml.html.fromstring(summary_html(found))
    note = page.get_element_by_id("tests-left-out").text_content()
    assert (
        note == f"{9 - MAX_TESTS} earlier test(s) left out; the {MAX_TESTS} most recent are shown."
    )
    assert [row[0] for row in table_cells(page, "tests")] == [
        f"2026-10-{day:02}" for day in range(10 - MAX_TESTS, 10)
    ]


# The PDF -----------------------------------------------------------------------------------


def pdf_text(data: bytes) -> tuple[int, tuple[float, float], str]:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), (float(box.width), float(box.height)), " ".join(text.split())


def test_the_pdf_is_one_a4_page_with_the_dates_numbers_and_messages(
    summary: ClinicianSummary,
) -> None:
    pages, size, text = pdf_text(summary_pdf(summary))
    assert pages == 1
    assert size == pytest.approx(A4_POINTS, abs=0.5)
    for row in summary.red_flags.rows:
        assert " ".join(row.message.split()) in text
    for expected in (
        "runner@example.com",
        NOT_A_DIAGNOSIS,
        "2026-11-22", "2026-12-21", "2026-12-03", "2026-12-10", "2026-12-22",
        "12 (below)", "8 (below)", "18 (below)", "17 (below)", "10.5 cm", "8 cm, heel lifts",
        "6/10", "2/10", "limping", "Pogo jumps", "on hold for the red flag",
        "Current target: refer", "calf swollen warm red", "S3", "C0",
    ):  # fmt: skip
        assert expected in text, expected


def fullest_summary() -> ClinicianSummary:
    """Every list at its cap with the longest texts the engine writes (the refer reason is a
    red-flag message and one more sentence), a long name and a flag: the most a summary holds."""
    longest = without_disclaimer(max((r.message for r in RED_FLAG_RULES.values()), key=len))
    reason = f"{longest} {max(REFER_GENTLE, REFER_NO_PLAN, key=len)}"
    day = date(2026, 12, 1)
    test = SelfTest(day, 188, 199, heel_raise_norm(85, Sex.OTHER), None, None)
    return ClinicianSummary(
        runner="a" * 60 + "@" + "b" * 180 + ".example",
        about="other, 85 years",
        prepared_on=day,
        target="refer",
        urgency=Urgency.SAME_DAY,
        reasons=Capped((RuleText("C0", reason),) * MAX_REASONS, 3),
        tests=Capped((test,) * MAX_TESTS, 9),
        red_flags=Capped(
            (RedFlagEntry(day, Urgency.SAME_DAY, "C0", RedFlag.CANNOT_RISE_ON_TIPTOE, longest),)
            * MAX_RED_FLAGS,
            5,
        ),
        pain_reports=Capped(
            (
                PainReport(
                    day,
                    10,
                    Feeling.MILD_TIGHTNESS,
                    SessionKind.RUN_ADDON,
                    "Knee-to-wall ankle mobiliser",
                    True,
                ),
            )
            * MAX_PAIN_REPORTS,
            40,
        ),
        dates=KeyDates(day, day, None, day),
        adherence=Adherence(day, 40, 28, 20, 5),
    )


def test_the_fullest_summary_still_fits_one_page() -> None:
    pages, _, text = pdf_text(summary_pdf(fullest_summary()))
    assert pages == 1
    assert "40 earlier report(s) left out; the 8 most recent are shown." in text


def test_text_the_core_font_cannot_draw_is_spelled_near_enough() -> None:
    assert latin1("Zoë Őry \u2013 \u201cfast\u201d \u2026 李") == 'Zoë Ory - "fast" ... ?'
    found = clinician_summary(
        "Zoë Őry 李 <z@example.com>",
        assessments=[FIRST],
        plans=[],
        checkins=[],
        logged_days=(),
        today=TODAY,
    )
    _, _, text = pdf_text(summary_pdf(found))
    assert "Zoë Ory ? <z@example.com>" in text
