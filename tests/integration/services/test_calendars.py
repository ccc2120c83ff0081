"""Calendar subscriptions and session times on SQLite and PostgreSQL, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import calendars
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Forbidden, NotFound
from calfcoach.services.training import check_in, current_plan, submit_assessment
from calfcoach.store.tables import CalendarFeedRow
from calfcoach.store.unit_of_work import UnitOfWork
from tests.ical import events, sequence
from tests.integration.services.support import (
    NOW,
    REPORT_DAY,
    TODAY,
    checkin,
    counts,
    make_account,
    strength_assessment,
)

LATER = NOW + timedelta(days=12)

Body = dict[str, Any]  # the current plan's "plan" part, read as JSON


def a_runner_with_a_plan(engine: Engine, email: str = "runner@example.com") -> Account:
    runner = make_account(engine, email)
    submit_assessment(UnitOfWork(engine), runner, strength_assessment(), TODAY, NOW)
    return runner


def plan_body(engine: Engine, runner: Account) -> Body:
    return current_plan(UnitOfWork(engine), runner)["plan"]


def sessions_of(engine: Engine, runner: Account) -> list[dict[str, object]]:
    return [s for week in plan_body(engine, runner)["weeks"] for s in week["sessions"]]


def test_a_subscription_serves_the_current_plan_and_follows_check_ins(engine: Engine) -> None:
    runner = a_runner_with_a_plan(engine)
    feed = calendars.subscribe(UnitOfWork(engine), runner, busy_only=False, now=NOW)
    first = events(calendars.feed_calendar(UnitOfWork(engine), feed.secret, NOW))
    planned = sessions_of(engine, runner)
    assert [e.decoded("dtstart").isoformat() for e in first] == [s["date"] for s in planned]
    assert all(sequence(e) == 0 for e in first)

    report = checkin("ankle_pain_week2")  # pain 7/10 in Thursday's ankle work (S4)
    check_in(UnitOfWork(engine), runner, report, REPORT_DAY, LATER)
    after = {
        str(e["uid"]): e
        for e in events(calendars.feed_calendar(UnitOfWork(engine), feed.secret, LATER))
    }
    assert set(after) == {str(e["uid"]) for e in first}, "the same sessions keep their UIDs"
    [cancelled] = [e for e in after.values() if e.get("status") == "CANCELLED"]
    assert cancelled.decoded("dtstart") == date(2026, 12, 4)  # Friday's ankle work alone
    assert cancelled.decoded("last-modified") == LATER
    changed = [e for e in after.values() if sequence(e) > 0 and "status" not in e]
    assert date(2026, 12, 7) in [e.decoded("dtstart") for e in changed]
    assert all(e.decoded("dtstart") > date(2026, 12, 3) for e in changed)


def test_the_download_has_the_subscriptions_uids(engine: Engine) -> None:
    runner = a_runner_with_a_plan(engine)
    feed = calendars.subscribe(UnitOfWork(engine), runner, busy_only=False, now=NOW)
    served = calendars.feed_calendar(UnitOfWork(engine), feed.secret, NOW)
    downloaded = calendars.plan_calendar_file(UnitOfWork(engine), runner, False, NOW)
    assert served == downloaded


def test_only_the_secrets_hash_is_stored(engine: Engine) -> None:
    runner = a_runner_with_a_plan(engine)
    feed = calendars.subscribe(UnitOfWork(engine), runner, busy_only=True, now=NOW)
    with engine.connect() as connection:
        stored = connection.execute(select(CalendarFeedRow.secret_hash)).scalars().all()
    assert len(stored) == 1
    assert feed.secret not in stored[0]
    assert len(stored[0]) == 64
    assert len(feed.secret) >= 40


def test_a_new_address_retires_the_old_one_of_its_kind_only(engine: Engine) -> None:
    runner = a_runner_with_a_plan(engine)
    old_full = calendars.subscribe(UnitOfWork(engine), runner, busy_only=False, now=NOW)
    busy = calendars.subscribe(UnitOfWork(engine), runner, busy_only=True, now=NOW)
    new_full = calendars.subscribe(UnitOfWork(engine), runner, busy_only=False, now=LATER)
    with pytest.raises(NotFound):
        calendars.feed_calendar(UnitOfWork(engine), old_full.secret, LATER)
    assert calendars.feed_calendar(UnitOfWork(engine), busy.secret, LATER)
    assert calendars.feed_calendar(UnitOfWork(engine), new_full.secret, LATER)
    live = calendars.feeds(UnitOfWork(engine), runner)
    assert [(f["id"], f["busy_only"]) for f in live] == [(busy.id, True), (new_full.id, False)]


def test_a_revoked_address_answers_nothing_and_only_its_runner_can_revoke_it(
    engine: Engine,
) -> None:
    runner = a_runner_with_a_plan(engine)
    other = a_runner_with_a_plan(engine, "other@example.com")
    feed = calendars.subscribe(UnitOfWork(engine), runner, busy_only=False, now=NOW)
    before = counts(engine)
    with pytest.raises(NotFound):
        calendars.revoke(UnitOfWork(engine), other, feed.id, LATER)
    assert counts(engine) == before
    assert calendars.feed_calendar(UnitOfWork(engine), feed.secret, LATER)
    calendars.revoke(UnitOfWork(engine), runner, feed.id, LATER)
    with pytest.raises(NotFound):
        calendars.feed_calendar(UnitOfWork(engine), feed.secret, LATER)
    with pytest.raises(NotFound):
        calendars.revoke(UnitOfWork(engine), runner, feed.id, LATER)
    assert calendars.feeds(UnitOfWork(engine), runner) == []


def test_an_unknown_secret_is_not_found(engine: Engine) -> None:
    a_runner_with_a_plan(engine)
    with pytest.raises(NotFound):
        calendars.feed_calendar(UnitOfWork(engine), "not-a-secret", NOW)


def test_a_coach_has_no_calendar(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", role="coach")
    with pytest.raises(Forbidden):
        calendars.subscribe(UnitOfWork(engine), coach, busy_only=False, now=NOW)


def test_session_times_turn_all_day_events_into_timed_ones_and_back(engine: Engine) -> None:
    runner = a_runner_with_a_plan(engine)
    feed = calendars.subscribe(UnitOfWork(engine), runner, busy_only=True, now=NOW)
    chosen = calendars.set_session_times(
        UnitOfWork(engine), runner, "Australia/Sydney", {"rest": "06:30", "easy": ""}, NOW
    )
    assert chosen == {"time_zone": "Australia/Sydney", "times": {"rest": "06:30"}}
    timed = events(calendars.feed_calendar(UnitOfWork(engine), feed.secret, NOW))
    week_types = plan_body(engine, runner)["week_types"]
    for event, session in zip(timed, sessions_of(engine, runner), strict=True):
        start = event.decoded("dtstart")
        if week_types[session["day"]] == "rest":
            assert isinstance(start, datetime)
            assert (start.hour, start.minute, str(start.tzinfo)) == (6, 30, "Australia/Sydney")
        else:
            assert not isinstance(start, datetime)
    calendars.set_session_times(UnitOfWork(engine), runner, None, {}, NOW)
    assert calendars.session_times(UnitOfWork(engine), runner) == {"time_zone": None, "times": {}}
    untimed = events(calendars.feed_calendar(UnitOfWork(engine), feed.secret, NOW))
    assert not any(isinstance(e.decoded("dtstart"), datetime) for e in untimed)


@pytest.mark.parametrize(
    ("zone", "starts", "field"),
    [
        ("Nowhere/City", {"easy": "07:00"}, "time_zone"),
        (None, {"easy": "07:00"}, "time_zone"),
        ("Europe/Paris", {"easy": "7 o'clock"}, "times.easy"),
        ("Europe/Paris", {"tempo": "07:00"}, "times.tempo"),
    ],
)
def test_bad_session_times_are_refused_and_change_nothing(
    engine: Engine, zone: str | None, starts: dict[str, str], field: str
) -> None:
    runner = a_runner_with_a_plan(engine)
    calendars.set_session_times(UnitOfWork(engine), runner, "Europe/Paris", {"long": "08:00"}, NOW)
    before = counts(engine)
    with pytest.raises(InvalidDocument) as refused:
        calendars.set_session_times(UnitOfWork(engine), runner, zone, starts, LATER)
    assert refused.value.field == field
    assert counts(engine) == before
    kept = calendars.session_times(UnitOfWork(engine), runner)
    assert kept == {"time_zone": "Europe/Paris", "times": {"long": "08:00"}}
