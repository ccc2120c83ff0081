"""The calendar across a block's versions and across blocks, and sessions at the runner's times.

Everything is read back with icalendar's own parser.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.plan import CoachingPlan, Item, Session, Week
from calfcoach.coaching.vocabulary import DayType, ExerciseId, SessionKind, Weekday
from calfcoach.exports.calendar import (
    PlanVersion,
    SessionTimes,
    blocks_calendar,
    plan_calendar,
    read_session_times,
)
from calfcoach.exports.session_time import session_minutes
from calfcoach.services.engine import adjust_plan, plan_from_assessment
from tests.ical import categories, sequence
from tests.ical import events as all_events

ROOT = Path(__file__).resolve().parents[3]
ASSESSMENT = ROOT / "src" / "calfcoach" / "examples" / "strength_runner.json"
CHECKINS = ROOT / "tests" / "files" / "checkins"
TODAY = date(2026, 11, 20)  # the first block starts on Monday 2026-11-23
SAVED = [datetime(2026, 11, 20, 8, tzinfo=UTC), datetime(2026, 12, 3, 19, tzinfo=UTC)]
SAVED.append(datetime(2026, 12, 9, 20, tzinfo=UTC))
STAMP = datetime(2026, 12, 10, 6, tzinfo=UTC)
RUNNER = "runner-7"
LONDON = ZoneInfo("Europe/London")

Doc = Mapping[str, Any]  # a JSON document, read only


def checkin(name: str) -> Doc:
    loaded: Doc = json.loads((CHECKINS / f"{name}.json").read_text())
    return loaded


@pytest.fixture(scope="module")
def versions() -> list[PlanVersion]:
    """The block as stored: the plan, after a painful week-2 check-in, after a fine week-3 one."""
    first = plan_from_assessment(json.loads(ASSESSMENT.read_text()), TODAY)
    ropey = adjust_plan(first, checkin("ankle_pain_week2"))
    fine = adjust_plan(ropey, checkin("fine_after_strength_week3"))
    plans = [read_plan_document(doc) for doc in (first, ropey, fine)]
    return [PlanVersion(plan, at) for plan, at in zip(plans, SAVED, strict=True)]


def events(data: bytes) -> dict[tuple[date, str], Event]:
    found: dict[tuple[date, str], Event] = {}
    for event in all_events(data):
        start = event.decoded("dtstart")
        day = start.date() if isinstance(start, datetime) else start
        found[day, str(categories(event)[0])] = event
    return found


def sessions(plan: CoachingPlan) -> dict[tuple[date, str], Session]:
    return {(s.date, s.kind.value): s for s in plan.plan.sessions()}


def test_a_session_keeps_the_sequence_and_time_of_the_version_that_changed_it(
    versions: list[PlanVersion],
) -> None:
    found = events(blocks_calendar([versions], runner=RUNNER, stamp=STAMP))
    trimmed = found[date(2026, 12, 7), "mobility"]
    assert sequence(trimmed) == 1
    assert trimmed.decoded("last-modified") == SAVED[1]  # the painful check-in, not the fine one
    gone = found[date(2026, 12, 4), "mobility"]
    assert gone["status"] == "CANCELLED"
    assert gone.decoded("last-modified") == SAVED[1]
    untouched = found[date(2026, 11, 24), "strength"]
    assert sequence(untouched) == 0
    assert "last-modified" not in untouched
    assert "status" not in untouched
    latest = sessions(versions[-1].plan)
    live = {key for key, event in found.items() if "status" not in event}
    assert live == set(latest)


def test_the_feed_reads_the_same_whether_fetched_after_each_version(
    versions: list[PlanVersion],
) -> None:
    """A phone that refreshed after every check-in sees SEQUENCE only rise, never fall."""
    seen: dict[str, int] = {}
    for upto in range(1, len(versions) + 1):
        data = blocks_calendar([versions[:upto]], runner=RUNNER, stamp=STAMP)
        for event in all_events(data):
            uid, number = str(event["uid"]), sequence(event)
            assert number >= seen.get(uid, 0)
            seen[uid] = number


def test_a_new_block_cancels_what_was_left_of_the_old_one(versions: list[PlanVersion]) -> None:
    retest_day = date(2026, 12, 10)
    retest = json.loads(ASSESSMENT.read_text()) | {"date": retest_day.isoformat()}
    second = read_plan_document(plan_from_assessment(retest, retest_day))
    new_start = second.plan.start
    assert date(2026, 11, 23) < new_start < date(2026, 12, 20)
    new_saved = datetime(2026, 12, 10, 7, tzinfo=UTC)
    blocks = [versions, [PlanVersion(second, new_saved)]]
    found = all_events(blocks_calendar(blocks, runner=RUNNER, stamp=STAMP))
    uids = [str(e["uid"]) for e in found]
    assert len(uids) == len(set(uids))
    old_block = events(blocks_calendar([versions], runner=RUNNER, stamp=STAMP))
    old_uids = {str(e["uid"]): key for key, e in old_block.items()}
    for event in found:
        key = old_uids.get(str(event["uid"]))
        if key is None:  # the new block's own sessions
            assert "status" not in event
            assert event.decoded("dtstart") >= new_start
        elif key[0] >= new_start:
            assert event["status"] == "CANCELLED"
            assert sequence(event) == len(versions)
            assert event.decoded("last-modified") == new_saved
        else:  # what was done or planned before the retest stays as it was
            assert str(event.get("status")) == str(old_block[key].get("status"))
    assert len(found) == len(old_block) + len(sessions(second))


def test_sessions_start_at_the_runners_time_for_that_type_of_day(
    versions: list[PlanVersion],
) -> None:
    plan = versions[0].plan
    times = SessionTimes("Europe/London", {"easy": time(7, 0), "rest": time(18, 30)})
    data = plan_calendar(plan, runner=RUNNER, stamp=STAMP, times=times)
    calendar = Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    day_types = plan.plan.week_types
    found = events(data)
    for (day, kind), session in sessions(plan).items():
        event = found[day, kind]
        start = times.starts.get(day_types[session.day])
        if start is None:  # quality and long days were given no time: all-day
            assert event.decoded("dtstart") == day
            assert event["transp"] == "TRANSPARENT"
            continue
        begins = event.decoded("dtstart")
        assert begins == datetime.combine(day, start, tzinfo=LONDON)
        assert event["dtstart"].params["TZID"] == "Europe/London"
        assert event.decoded("dtend") - begins == timedelta(minutes=session_minutes(session.items))
        assert event["transp"] == "OPAQUE"
    assert b"DTSTART;TZID=Europe/London:20261123T183000" in data  # Monday, a rest day


def test_times_follow_daylight_saving_in_the_runners_zone(versions: list[PlanVersion]) -> None:
    base = versions[0].plan
    mondays = (date(2027, 3, 22), date(2027, 3, 29))
    week = Week(1, tuple(Session(Weekday.MON, d, SessionKind.MOBILITY, ()) for d in mondays))
    easy_mondays = {Weekday.MON: DayType.EASY}
    plan = replace(
        base, plan=replace(base.plan, start=mondays[0], week_types=easy_mondays, weeks=(week,))
    )
    times = SessionTimes("Europe/London", {"easy": time(7, 0)})
    found = Calendar.from_ical(plan_calendar(plan, runner=RUNNER, stamp=STAMP, times=times))
    starts = sorted(e.decoded("dtstart") for e in found.walk("VEVENT"))
    # 07:00 on both Mondays: 07:00 UTC before the clocks go forward, 06:00 UTC after.
    assert [s.astimezone(UTC).hour for s in starts] == [7, 6]


def test_session_minutes_counts_work_and_rests() -> None:
    raises = Item(ExerciseId.STRAIGHT_KNEE_CALF_RAISE, sets=3, reps=6)
    assert session_minutes([raises]) == 10  # 3 x 30 s + 2 x 60 s rest = 3.5 min -> at least 10
    pogo = Item(ExerciseId.POGO_JUMPS, sets=10, seconds=60)
    assert session_minutes([pogo]) == 20  # 10 min of work + 9 x 45 s = 16.75 -> 20
    assert session_minutes([]) == 10


@pytest.mark.parametrize(
    ("zone", "starts", "field"),
    [
        ("Mars/Olympus", {"easy": "07:00"}, "time_zone"),
        ("", {}, "time_zone"),
        ("Europe/London", {"sometimes": "07:00"}, "times.sometimes"),
        ("Europe/London", {"easy": "7:00"}, "times.easy"),
        ("Europe/London", {"easy": "25:00"}, "times.easy"),
        ("Europe/London", {"easy": "07:00:30"}, "times.easy"),
    ],
)
def test_bad_times_are_refused_naming_the_field(
    zone: str, starts: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidDocument) as refused:
        read_session_times(zone, starts)
    assert refused.value.field == field


def test_good_times_are_read() -> None:
    times = read_session_times("America/New_York", {"easy": "06:15", "long": "08:00"})
    assert times == SessionTimes("America/New_York", {"easy": time(6, 15), "long": time(8)})
