"""The usual week from eight weeks of runs: long-run day, quality days, situations, S9."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from calfcoach.coaching.vocabulary import DayType, Weekday
from calfcoach.history.activity import Activity
from calfcoach.history.week import usual_week

TODAY = date(2026, 11, 23)  # a Monday
FIRST_MONDAY = TODAY - timedelta(weeks=8)


def run(day: date, km: float, minutes: float, **changes: object) -> Activity:
    values: dict[str, object] = {
        "file": f"{day.isoformat()}-{km:g}k.fit",
        "format": "fit",
        "sport": "running",
        "sub_sport": None,
        "start": datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        "elapsed_s": minutes * 60 + 30,
        "timer_s": minutes * 60,
        "distance_m": km * 1000,
        "ascent_m": 20.0,
        "descent_m": 20.0,
        "has_gps": True,
    }
    values.update(changes)
    return Activity(**values)  # type: ignore[arg-type]


def typical_runner(weeks: int = 8) -> list[Activity]:
    """Tue intervals (fast), Thu and Sun easy, Sat long; Mon, Wed, Fri rest."""
    runs = []
    for week in range(weeks):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        runs += [
            run(monday + timedelta(days=1), 8, 36),  # 4:30/km
            run(monday + timedelta(days=3), 8, 44),  # 5:30/km
            run(monday + timedelta(days=5), 18, 100),
            run(monday + timedelta(days=6), 6, 33),
        ]
    return runs


def test_the_usual_week_of_a_typical_runner() -> None:
    found = usual_week(typical_runner(), TODAY)
    assert found.weeks_analysed == 8
    assert found.long_run_day is Weekday.SAT
    assert found.week == {
        Weekday.MON: DayType.REST,
        Weekday.TUE: DayType.QUALITY,
        Weekday.WED: DayType.REST,
        Weekday.THU: DayType.EASY,
        Weekday.FRI: DayType.REST,
        Weekday.SAT: DayType.LONG,
        Weekday.SUN: DayType.EASY,
    }
    rules = [rule for rule, _ in found.reasons]
    assert rules == ["H1", "H2"]
    assert "18.0 km" in found.reasons[0][1], "the explanation names the runs it rests on"


def test_runs_older_than_eight_weeks_and_other_sports_do_not_count() -> None:
    old = [run(FIRST_MONDAY - timedelta(days=3), 30, 180)]
    rides = [run(TODAY - timedelta(days=2), 60, 120, sport="cycling")]
    found = usual_week(typical_runner() + old + rides, TODAY)
    assert found.long_run_day is Weekday.SAT
    assert found.weeks_analysed == 8


def test_no_runs_gives_a_rest_week_and_says_so() -> None:
    found = usual_week([], TODAY)
    assert set(found.week.values()) == {DayType.REST}
    assert found.weeks_analysed == 0
    assert "enter your week by hand" in found.warnings[0]


def test_situations_are_shares_of_runs() -> None:
    hilly = [
        run(TODAY - timedelta(days=d), 10, 60, ascent_m=300.0, descent_m=40.0, sub_sport="trail")
        for d in (2, 9)
    ]
    flat = [run(TODAY - timedelta(days=d), 10, 60, ascent_m=5.0, descent_m=5.0) for d in (3, 10)]
    situations = usual_week(hilly + flat, TODAY).situations
    assert situations == {"uphill": 0.5, "downhill": 0.0, "trail": 0.5, "track_sprint": 0.0}


def test_s9_warns_when_volume_rises_more_than_30_percent_over_two_weeks() -> None:
    steady = typical_runner(6)  # 40 km a week
    monday = FIRST_MONDAY + timedelta(weeks=6)
    jump = [run(monday + timedelta(days=d), 14, 70) for d in (1, 2, 3, 5)]  # 56 km: +40 %
    found = usual_week(steady + jump, TODAY)
    assert len(found.warnings) == 1
    assert found.warnings[0].startswith("The week of "), "plain words: the rule is a tag"
    assert "40 %" in found.warnings[0]
    assert usual_week(typical_runner(), TODAY).warnings == ()


def test_a_week_without_a_standout_long_run_has_no_long_day() -> None:
    even = [
        run(FIRST_MONDAY + timedelta(weeks=w, days=d), 10, 55) for w in range(8) for d in (1, 3, 5)
    ]
    found = usual_week(even, TODAY)
    assert found.long_run_day is None
    assert DayType.LONG not in found.week.values()


def test_a_plan_on_the_history_week_keeps_spring_work_off_the_long_run_and_the_day_before() -> None:
    from calfcoach.services.engine import plan_from_assessment

    found = usual_week(typical_runner(), TODAY)
    assessment = {
        "date": TODAY.isoformat(),
        "heel_raise": {"left": 24, "right": 25},
        "bounce": {"seconds": 120, "rhythm_lost": True},
        "week": found.document()["week"],
    }
    plan = plan_from_assessment(assessment, TODAY)
    sessions = [s for w in plan["plan"]["weeks"] for s in w["sessions"]]  # type: ignore[index]
    assert any(s["kind"] in {"spring", "run_addon"} for s in sessions), "a timing plan has spring"
    for session in sessions:
        if session["kind"] in {"spring", "run_addon"}:
            assert session["day"] not in {"sat", "fri"}, session  # Sat is the long run
        if session["kind"] == "strength":
            assert session["day"] != "fri", session


def old_export() -> list[Activity]:
    """Ten weeks of the typical runner, the last ending 2 March 2025, and a lone 2024 run."""
    last_monday = date(2025, 2, 24)
    runs = []
    for week in range(10):
        monday = last_monday - timedelta(weeks=9 - week)
        runs += [
            run(monday + timedelta(days=1), 8, 36),
            run(monday + timedelta(days=3), 8, 44),
            run(monday + timedelta(days=5), 18, 100),
            run(monday + timedelta(days=6), 6, 33),
        ]
    return [run(date(2024, 6, 4), 30, 200), *runs]


def test_an_old_export_uses_its_last_eight_weeks_with_runs_and_names_them() -> None:
    found = usual_week(old_export(), TODAY)
    assert found.weeks_analysed == 8
    assert found.long_run_day is Weekday.SAT
    assert found.week[Weekday.TUE] is DayType.QUALITY
    assert found.weeks_used[0] == date(2025, 1, 6)
    assert found.weeks_used[-1] == date(2025, 2, 24)
    assert (found.runs_from, found.runs_to) == (date(2025, 1, 6), date(2025, 3, 2))
    assert found.used == "from your runs of 6 January to 2 March 2025"
    assert found.document()["used"] == found.used
    assert found.document()["weeks_used"][0] == "2025-01-06"  # type: ignore[index]
    assert found.age_days == (TODAY - date(2025, 3, 2)).days
    assert not found.recent, "plan --from-history still asks for recent runs"
    assert "no runs" not in " ".join(found.warnings)


def test_runs_older_than_a_year_are_used_but_their_age_is_said() -> None:
    found = usual_week(old_export(), TODAY)
    [age] = [w for w in found.warnings if w.startswith("Your newest run")]
    assert age.startswith("Your newest run is from 2 March 2025, 1 year and 8 months ago")
    assert all(
        not w.startswith("Your newest run") for w in usual_week(typical_runner(), TODAY).warnings
    )


def test_weeks_without_runs_are_skipped_not_counted() -> None:
    runs = typical_runner()
    gap = [
        r
        for r in runs
        if r.start is not None and r.start.date() >= FIRST_MONDAY + timedelta(weeks=2)
    ]
    earlier = [run(FIRST_MONDAY - timedelta(weeks=3) + timedelta(days=5), 18, 100)]
    found = usual_week(gap + earlier, TODAY)
    assert found.weeks_analysed == 7, "six recent weeks and the one before the gap"
    assert found.weeks_used[0] == FIRST_MONDAY - timedelta(weeks=3)


def test_recent_runs_name_the_eight_weeks_before_today() -> None:
    found = usual_week(typical_runner(), TODAY)
    assert found.weeks_used == tuple(FIRST_MONDAY + timedelta(weeks=w) for w in range(8))
    assert found.used == "from your runs of 28 September to 22 November 2026"
    assert found.age_days == 1
    assert found.recent


def test_a_span_across_new_year_names_both_years() -> None:
    found = usual_week(old_export()[:-16], TODAY)  # six weeks to 2 February 2025, a 2024 run
    assert found.weeks_analysed == 7, "the lone June run's week is among the last eight"
    assert found.used == "from your runs of 3 June 2024 to 2 February 2025"


def test_runs_from_today_on_do_not_count() -> None:
    later = [run(TODAY, 40, 240), run(TODAY + timedelta(days=3), 40, 240)]
    assert usual_week(typical_runner() + later, TODAY) == usual_week(typical_runner(), TODAY)
