"""Coaches invite, runners join once per code, and the roster puts the most urgent first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from calfcoach.services.accounts import Account
from calfcoach.services.errors import Forbidden, NotFound
from calfcoach.services.team import (
    CODE_ALPHABET,
    RosterRow,
    invite,
    join,
    open_invitations,
    roster,
    runner_detail,
)
from calfcoach.services.training import check_in, log_session, submit_assessment
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import (
    NOW,
    REPORT_DAY,
    TODAY,
    checkin,
    count,
    counts,
    make_account,
    strength_assessment,
)

# Even sides and a free ankle: a plan with no asymmetry and no red flag.
EVEN = {
    "heel_raise": {"left": 12, "right": 12},
    "knee_to_wall": {"left_cm": 11.0, "right_cm": 11.0},
}
SHARP = checkin("ropey_after_spring_week2", date="2026-11-24", week=1, feeling="sharp_pain", pain=6)


def alert_rules(row: RosterRow) -> list[str]:
    return [a["rule"] for a in row["alerts"]]


def test_only_a_coach_can_invite(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    with pytest.raises(Forbidden):
        invite(UnitOfWork(engine), runner, NOW)
    with pytest.raises(Forbidden):
        open_invitations(UnitOfWork(engine), runner)
    assert count(engine, "invitations") == 0


def test_an_invitation_code_is_eight_readable_characters(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    first = str(invite(UnitOfWork(engine), coach, NOW)["code"])
    second = str(invite(UnitOfWork(engine), coach, NOW)["code"])
    assert len(first) == 8
    assert set(first) <= set(CODE_ALPHABET)
    assert first != second
    assert open_invitations(UnitOfWork(engine), coach) == [first, second]


def test_joining_links_the_runner_and_uses_the_code(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    runner = make_account(engine, "runner@example.com")
    code = str(invite(UnitOfWork(engine), coach, NOW)["code"])
    typed = f"  {code.lower()} "  # read aloud and typed on a phone
    assert join(UnitOfWork(engine), runner, typed, NOW) == {"coach": "coach@example.com"}
    assert open_invitations(UnitOfWork(engine), coach) == []
    with UnitOfWork(engine) as uow:
        assert uow.coaching.is_linked(coach.id, runner.id)
        invitation = uow.coaching.invitation(code)
        assert invitation is not None
        assert invitation.used_by == runner.id
    assert [r["email"] for r in roster(UnitOfWork(engine), coach, TODAY, NOW)] == [runner.email]


def test_a_used_code_cannot_be_used_by_a_second_runner(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    first = make_account(engine, "first@example.com")
    second = make_account(engine, "second@example.com")
    code = str(invite(UnitOfWork(engine), coach, NOW)["code"])
    join(UnitOfWork(engine), first, code, NOW)
    before = counts(engine)
    with pytest.raises(NotFound) as refused:
        join(UnitOfWork(engine), second, code, NOW)
    assert refused.value.field == "code"
    assert counts(engine) == before
    with UnitOfWork(engine) as uow:
        assert not uow.coaching.is_linked(coach.id, second.id)
        invitation = uow.coaching.invitation(code)
        assert invitation is not None
        assert invitation.used_by == first.id


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "", None, 12345678])
def test_an_unknown_code_is_not_found(engine: Engine, code: object) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    runner = make_account(engine, "runner@example.com")
    invite(UnitOfWork(engine), coach, NOW)
    with pytest.raises(NotFound) as refused:
        join(UnitOfWork(engine), runner, code, NOW)
    assert refused.value.field == "code"
    assert count(engine, "coach_links") == 0


def test_a_coach_cannot_join_and_a_runner_has_no_roster(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    runner = make_account(engine, "runner@example.com")
    code = str(invite(UnitOfWork(engine), coach, NOW)["code"])
    with pytest.raises(Forbidden):
        join(UnitOfWork(engine), coach, code, NOW)
    with pytest.raises(Forbidden):
        roster(UnitOfWork(engine), runner, TODAY, NOW)
    with pytest.raises(Forbidden):
        runner_detail(UnitOfWork(engine), runner, runner.id)
    assert open_invitations(UnitOfWork(engine), coach) == [code]


def setup_team(engine: Engine) -> Account:
    """A coach with Amy (asymmetry), Zoe (sharp pain) and Fred (sudden pop); Olga has another
    coach and Lone has none. Returns the coach."""
    coach = make_account(engine, "coach@example.com", "coach")
    other = make_account(engine, "other-coach@example.com", "coach")
    amy = make_account(engine, "amy@example.com")
    zoe = make_account(engine, "zoe@example.com")
    fred = make_account(engine, "fred@example.com")
    olga = make_account(engine, "olga@example.com")
    lone = make_account(engine, "lone@example.com")
    submit_assessment(UnitOfWork(engine), amy, strength_assessment(), TODAY, NOW)
    for runner in (zoe, olga, lone):
        submit_assessment(UnitOfWork(engine), runner, strength_assessment(**EVEN), TODAY, NOW)
        check_in(UnitOfWork(engine), runner, SHARP, REPORT_DAY, NOW)
    flagged = strength_assessment(**EVEN, red_flags=["sudden_pop"])
    submit_assessment(UnitOfWork(engine), fred, flagged, TODAY, NOW)
    for runner, boss in ((amy, coach), (zoe, coach), (fred, coach), (olga, other)):
        join(UnitOfWork(engine), runner, invite(UnitOfWork(engine), boss, NOW)["code"], NOW)
    return coach


def test_the_roster_lists_only_joined_runners_most_urgent_first(engine: Engine) -> None:
    coach = setup_team(engine)
    rows = roster(UnitOfWork(engine), coach, TODAY, NOW + timedelta(hours=1))
    assert [r["email"] for r in rows] == ["fred@example.com", "zoe@example.com", "amy@example.com"]
    fred, zoe, amy = rows
    assert alert_rules(fred)[0] == "D1"
    assert fred["urgency"] == "same_day"
    assert fred["red_flags"] == ["sudden_pop"]
    assert alert_rules(zoe) == ["D2"]
    assert zoe["last_checkin"] == {"date": "2026-11-24", "feeling": "sharp_pain", "pain": 6}
    assert alert_rules(amy) == ["D5"]
    assert amy["asymmetries"] != []
    assert amy["last_checkin"] is None
    assert amy["retest_due"] == "2026-12-21"


def test_a_coach_without_runners_has_an_empty_roster(engine: Engine) -> None:
    setup_team(engine)
    empty = make_account(engine, "empty-coach@example.com", "coach")
    assert roster(UnitOfWork(engine), empty, TODAY, NOW) == []


def test_a_sharp_pain_report_older_than_48_hours_no_longer_ranks_first(engine: Engine) -> None:
    coach = setup_team(engine)
    rows = roster(UnitOfWork(engine), coach, TODAY, NOW + timedelta(hours=49))
    assert [r["email"] for r in rows] == ["fred@example.com", "amy@example.com", "zoe@example.com"]
    assert alert_rules(rows[-1]) == []  # Zoe: nothing urgent any more, so last


def test_runner_detail_shows_a_joined_runner_only(engine: Engine) -> None:
    coach = make_account(engine, "coach@example.com", "coach")
    other = make_account(engine, "other@example.com", "coach")
    joined = make_account(engine, "joined@example.com")
    stranger = make_account(engine, "stranger@example.com")
    plan = submit_assessment(UnitOfWork(engine), joined, strength_assessment(), TODAY, NOW)
    check_in(UnitOfWork(engine), joined, checkin("ropey_after_spring_week2"), REPORT_DAY, NOW)
    log = {
        "date": "2026-11-24",
        "exercise": "pogo_jumps",
        "side": "both",
        "sets": [{"seconds": 12}],
    }
    log_session(UnitOfWork(engine), joined, log, TODAY + timedelta(days=2), NOW)
    submit_assessment(UnitOfWork(engine), stranger, strength_assessment(), TODAY, NOW)
    join(UnitOfWork(engine), joined, invite(UnitOfWork(engine), coach, NOW)["code"], NOW)

    detail = runner_detail(UnitOfWork(engine), coach, joined.id)
    assert detail["email"] == "joined@example.com"
    shown = detail["plan"]
    assert shown is not None
    assert (shown["version"], shown["block"], shown["diagnosis"]) == (2, 1, plan["diagnosis"])
    assert detail["checkins"] == [checkin("ropey_after_spring_week2")]
    assert [entry["exercise"] for entry in detail["logs"]] == ["pogo_jumps"]
    for runner_id in (stranger.id, 999_999):
        with pytest.raises(NotFound):
            runner_detail(UnitOfWork(engine), coach, runner_id)
    with pytest.raises(NotFound):
        runner_detail(UnitOfWork(engine), other, joined.id)
