"""Editing and deleting logged sessions: the owner's only, validated as new logs are."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.errors import NotFound
from calfcoach.services.log_corrections import delete_log, edit_log
from calfcoach.services.training import log_session, logged_sessions
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import LOG_DAY, NOW, a_log, count, make_account


def test_an_edit_replaces_the_named_fields_and_the_sets(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    log_id = log_session(UnitOfWork(engine), runner, a_log(), LOG_DAY, NOW)["id"]
    assert count(engine, "log_sets") == 3
    edited = edit_log(UnitOfWork(engine), runner, log_id, {"sets": [{"reps": 9}]}, LOG_DAY)
    assert edited["sets"] == [{"reps": 9, "load_kg": None, "seconds": None, "rpe": None}]
    assert edited["side"] == "left"
    assert logged_sessions(UnitOfWork(engine), runner) == [edited]
    assert count(engine, "log_sets") == 1


def test_a_bad_edit_names_the_field_and_changes_nothing(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    log_id = log_session(UnitOfWork(engine), runner, a_log(), LOG_DAY, NOW)["id"]
    before = logged_sessions(UnitOfWork(engine), runner)
    with pytest.raises(InvalidDocument) as refused:
        edit_log(UnitOfWork(engine), runner, log_id, {"sets": [{"load_kg": 5}]}, LOG_DAY)
    assert refused.value.field == "sets[0].reps"
    assert logged_sessions(UnitOfWork(engine), runner) == before


def test_a_delete_removes_the_log_and_its_sets(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    log_id = log_session(UnitOfWork(engine), runner, a_log(), LOG_DAY, NOW)["id"]
    delete_log(UnitOfWork(engine), runner, log_id)
    assert (count(engine, "logs"), count(engine, "log_sets")) == (0, 0)


def test_another_runners_log_is_not_found(engine: Engine) -> None:
    owner = make_account(engine, "owner@example.com")
    other = make_account(engine, "other@example.com")
    log_id = log_session(UnitOfWork(engine), owner, a_log(), LOG_DAY, NOW)["id"]
    with pytest.raises(NotFound):
        edit_log(UnitOfWork(engine), other, log_id, {"side": "right"}, LOG_DAY)
    with pytest.raises(NotFound):
        delete_log(UnitOfWork(engine), other, log_id)
    assert count(engine, "logs") == 1
