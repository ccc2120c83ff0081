"""The calendar export, read back with icalendar's own parser."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event

from calfcoach.coaching import exercises
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.plan import CoachingPlan, Item, Session, Week
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Side, Weekday
from calfcoach.exports.calendar import plan_calendar
from calfcoach.services.engine import adjust_plan, plan_from_assessment
from tests.ical import categories, events, sequence

ROOT = Path(__file__).resolve().parents[3]
ASSESSMENT = ROOT / "src" / "calfcoach" / "examples" / "strength_runner.json"
CHECKINS = ROOT / "tests" / "files" / "checkins"
TODAY = date(2026, 11, 20)  # the plan starts on Monday 2026-11-23
STAMP = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
LATER = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)
RUNNER = "runner-7"

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def plan() -> Doc:
    return plan_from_assessment(json.loads(ASSESSMENT.read_text()), TODAY)


@pytest.fixture(scope="module")
def adjusted(plan: Doc) -> Doc:
    """Pain 7/10 in week 2 ankle work: drops one mobility session and trims later ones."""
    checkin = json.loads((CHECKINS / "ankle_pain_week2.json").read_text())
    assert date.fromisoformat(plan["plan"]["start"]) <= date.fromisoformat(checkin["date"])
    return adjust_plan(plan, checkin)


def sessions(doc: Doc) -> list[Doc]:
    return [s for week in doc["plan"]["weeks"] for s in week["sessions"]]


def ics(plan: Doc, *, previous: Sequence[Doc] = (), **options: Any) -> bytes:
    """The calendar of a plan document, read by the engine's reader as the services read it."""
    earlier = [read_plan_document(doc) for doc in previous]
    return plan_calendar(read_plan_document(plan), previous=earlier, **options)


def with_sessions(plan: Doc, *sessions: Session) -> CoachingPlan:
    """The plan with ``sessions`` as its only week (none: no weeks at all)."""
    coaching = read_plan_document(plan)
    weeks = (Week(1, sessions),) if sessions else ()
    return replace(coaching, plan=replace(coaching.plan, weeks=weeks))


def by_day_kind(data: bytes) -> dict[tuple[date, str], Event]:
    return {(e.decoded("dtstart"), str(categories(e)[0])): e for e in events(data)}


def lines(data: bytes) -> Iterator[bytes]:
    assert data.endswith(b"\r\n")
    yield from data[: -len(b"\r\n")].split(b"\r\n")


def test_one_all_day_event_per_session(plan: Doc) -> None:
    data = ics(plan, runner=RUNNER, stamp=STAMP)
    found = events(data)
    assert len(found) == len(sessions(plan))
    for session, event in zip(sessions(plan), found, strict=True):
        day = date.fromisoformat(session["date"])
        assert event.decoded("dtstart") == day
        assert event.decoded("dtend") == day + timedelta(days=1)
        assert event["dtstart"].params["VALUE"] == "DATE"
        assert categories(event) == [session["kind"]]
        assert event.decoded("dtstamp") == STAMP
        assert sequence(event) == 0
        assert "last-modified" not in event


def test_summary_and_description_carry_the_doses(plan: Doc) -> None:
    found = events(ics(plan, runner=RUNNER, stamp=STAMP))
    strength = next(
        (s, e) for s, e in zip(sessions(plan), found, strict=True) if s["kind"] == "strength"
    )
    session, event = strength
    assert str(event["summary"]).startswith("Calf strength: straight-knee calf raise 3 x 6")
    description = str(event["description"])
    for item in session["items"]:
        assert item["name"] in description
        assert item["note"] in description
    assert "5 min" in description  # the warm-up
    assert "training guide, not a diagnosis" in description
    mobility = next(
        e for s, e in zip(sessions(plan), found, strict=True) if s["kind"] == "mobility"
    )
    assert "3 x 10 (right)" in str(mobility["summary"])


def test_calendar_header(plan: Doc) -> None:
    data = plan_calendar(with_sessions(plan), runner="x", stamp=STAMP)
    cal = Calendar.from_ical(data)
    assert str(cal["prodid"]) == "-//calfcoach//calf coach//EN"
    assert str(cal["version"]) == "2.0"
    assert str(cal["x-wr-calname"]) == "calfcoach plan"
    assert events(data) == []


def test_uids_are_unique_and_stable_across_exports(plan: Doc) -> None:
    first = [str(e["uid"]) for e in events(ics(plan, runner=RUNNER, stamp=STAMP))]
    again = [str(e["uid"]) for e in events(ics(plan, runner=RUNNER, stamp=LATER))]
    assert len(set(first)) == len(first)
    assert first == again
    assert all(uid.endswith("@calfcoach") for uid in first)
    other = [str(e["uid"]) for e in events(ics(plan, runner="someone", stamp=STAMP))]
    assert not set(other) & set(first)


def test_adjusted_plan_keeps_uids_and_bumps_changed_sessions(plan: Doc, adjusted: Doc) -> None:
    old = by_day_kind(ics(plan, runner=RUNNER, stamp=STAMP))
    new = by_day_kind(ics(adjusted, runner=RUNNER, previous=[plan], stamp=LATER))
    trimmed = new[date(2026, 12, 7), "mobility"]
    assert str(trimmed["uid"]) == str(old[date(2026, 12, 7), "mobility"]["uid"])
    assert sequence(trimmed) >= 1
    assert trimmed.decoded("last-modified") == LATER
    assert str(trimmed["summary"]) != str(old[date(2026, 12, 7), "mobility"]["summary"])
    unchanged = new[date(2026, 11, 24), "strength"]
    assert str(unchanged["uid"]) == str(old[date(2026, 11, 24), "strength"]["uid"])
    assert sequence(unchanged) == 0
    assert "last-modified" not in unchanged
    assert "status" not in unchanged


def test_removed_session_comes_back_cancelled(plan: Doc, adjusted: Doc) -> None:
    old = by_day_kind(ics(plan, runner=RUNNER, stamp=STAMP))
    data = ics(adjusted, runner=RUNNER, previous=[plan], stamp=LATER)
    found = events(data)
    assert len(found) == len(sessions(adjusted)) + 1
    cancelled = [e for e in found if e.get("status") == "CANCELLED"]
    assert len(cancelled) == 1
    [gone] = cancelled
    before = old[date(2026, 12, 4), "mobility"]
    assert gone.decoded("dtstart") == date(2026, 12, 4)
    assert str(gone["uid"]) == str(before["uid"])
    assert sequence(gone) > sequence(before)
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_same_plan_as_previous_changes_nothing(plan: Doc) -> None:
    data = ics(plan, runner=RUNNER, previous=[plan], stamp=LATER)
    assert all(sequence(e) == 0 for e in events(data))
    assert b"CANCELLED" not in data
    assert b"LAST-MODIFIED" not in data


def test_busy_only_leaks_no_exercise_or_health_details(plan: Doc, adjusted: Doc) -> None:
    data = ics(adjusted, runner=RUNNER, previous=[plan], busy_only=True, stamp=LATER)
    found = events(data)
    assert len(found) == len(sessions(adjusted)) + 1
    assert all(str(e["summary"]) == "Training (calfcoach)" for e in found)
    assert b"DESCRIPTION" not in data
    assert b"CATEGORIES" not in data
    unfolded = data.replace(b"\r\n ", b"").decode().lower()
    words = {"calf", "raise", "ankle", "pogo", "strength", "mobility", "spring", "pain"}
    for session in sessions(plan) + sessions(adjusted):
        for item in session["items"]:
            words |= {item["exercise"].lower(), item["name"].lower()}
            words |= {item["note"].lower()} if item["note"] else set()
    for finding in plan["diagnosis"]["findings"]:
        words.add(finding["text"].lower())
    unfolded = unfolded.replace("-//calfcoach//calf coach//en", "").replace("calfcoach", "")
    assert not [w for w in words if w in unfolded]


def test_lines_end_crlf_and_fold_at_75_octets(plan: Doc, adjusted: Doc) -> None:
    data = ics(adjusted, runner=RUNNER, previous=[plan], stamp=LATER)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines(data))
    assert any(line.startswith(b" ") for line in lines(data))  # long descriptions did fold


def test_non_ascii_round_trips(plan: Doc, monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalogue names the exercises in English; a name in another script comes through too.
    french = "Élévation des mollets, genou fléchi; «lent»"
    renamed = replace(exercises.exercise(ExerciseId.BENT_KNEE_CALF_RAISE), name=french)
    monkeypatch.setattr(exercises, "CATALOGUE", {**exercises.CATALOGUE, renamed.id: renamed})
    note = "Zoë's Ωμέγα 足首 \u2013 3 s down " * 3
    item = Item(ExerciseId.BENT_KNEE_CALF_RAISE, sets=3, reps=8, side=Side.LEFT, note=note)
    session = Session(Weekday.MON, date(2026, 11, 23), SessionKind.STRENGTH, (item,))
    data = plan_calendar(with_sessions(plan, session), runner="Zoë Ångström", stamp=STAMP)
    assert all(len(line) <= 75 for line in lines(data))
    [event] = events(data)
    assert str(event["summary"]) == (
        "Calf strength: élévation des mollets, genou fléchi; «lent» 3 x 8 (left)"
    )
    assert item.note in str(event["description"])
    assert "3 x 8 (left)" in str(event["description"])


def test_stamp_is_written_in_utc_and_must_be_aware(plan: Doc) -> None:
    local = datetime(2026, 11, 20, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    [first, *_] = events(ics(plan, runner=RUNNER, stamp=local))
    assert first.decoded("dtstamp") == STAMP
    data = ics(plan, runner=RUNNER, stamp=local)
    assert b"DTSTAMP:20261120T083000Z\r\n" in data
    assert b"+02" not in data
    assert b"TZID" not in data
    with pytest.raises(ValueError, match="timezone-aware"):
        ics(plan, runner=RUNNER, stamp=datetime(2026, 11, 20, 8, 30))  # noqa: DTZ001
