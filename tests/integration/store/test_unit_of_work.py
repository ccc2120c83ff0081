"""The unit of work owns the transaction: nothing is written unless ``commit()`` is called."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.logbook import LoggedSession, LoggedSet
from calfcoach.coaching.vocabulary import ExerciseId, Side
from calfcoach.store.tables import Base
from calfcoach.store.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
DAY = date(2026, 11, 22)


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        found = connection.scalar(select(func.count()).select_from(Base.metadata.tables[table]))
    return int(found or 0)


def add_runner(engine: Engine, email: str = "runner@example.com") -> int:
    with UnitOfWork(engine) as uow:
        row = uow.accounts.add(email, "hash", "runner", NOW)
        uow.commit()
        return row.id


def test_leaving_the_block_without_commit_rolls_back(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        row = uow.accounts.add("runner@example.com", "hash", "runner", NOW)
        uow.flush()
        assert row.id is not None  # the row reached the database inside the transaction
        assert uow.accounts.by_email("runner@example.com") is row
    assert count(engine, "accounts") == 0


def test_an_exception_inside_the_block_propagates_and_writes_nothing(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    with pytest.raises(RuntimeError, match="boom"), uow:
        uow.accounts.add("runner@example.com", "hash", "runner", NOW)
        uow.flush()
        raise RuntimeError("boom")
    assert count(engine, "accounts") == 0


def test_an_exception_after_a_commit_keeps_what_was_committed(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    with pytest.raises(RuntimeError), uow:
        uow.accounts.add("first@example.com", "hash", "runner", NOW)
        uow.commit()
        uow.accounts.add("second@example.com", "hash", "runner", NOW)
        uow.flush()
        raise RuntimeError("after the first commit")
    with UnitOfWork(engine) as reader:
        assert reader.accounts.by_email("first@example.com") is not None
        assert reader.accounts.by_email("second@example.com") is None


def test_commit_persists_for_the_next_unit_of_work(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        row = uow.accounts.add("runner@example.com", "hash", "coach", NOW)
        uow.commit()
        account_id = row.id
    assert count(engine, "accounts") == 1
    with UnitOfWork(engine) as uow:
        found = uow.accounts.get(account_id)
        assert found is not None
        assert (found.email, found.role) == ("runner@example.com", "coach")


def test_uncommitted_rows_are_invisible_to_other_connections(engine: Engine) -> None:
    with UnitOfWork(engine) as uow:
        uow.accounts.add("runner@example.com", "hash", "runner", NOW)
        uow.flush()
        assert count(engine, "accounts") == 0
        uow.commit()
        assert count(engine, "accounts") == 1


def test_repositories_never_commit_by_themselves(engine: Engine) -> None:
    runner_id = add_runner(engine)
    logged = LoggedSession(
        DAY, ExerciseId.STRAIGHT_KNEE_CALF_RAISE, Side.LEFT, (LoggedSet(6, 20.0, None),)
    )
    with UnitOfWork(engine) as uow:
        uow.accounts.add("coach@example.com", "hash", "coach", NOW)
        uow.accounts.add_token(runner_id, "a" * 64, "api", NOW, NOW + timedelta(days=1))
        uow.accounts.add_login_failure("runner@example.com", NOW)
        assessment = uow.records.add_assessment(runner_id, DAY, {"heel_raise": {}}, NOW)
        uow.flush()
        plan = uow.records.add_plan(
            runner_id, assessment_id=assessment.id, block=1, version=1, document={}, now=NOW
        )
        uow.flush()
        uow.records.add_checkin(
            runner_id,
            plan_id=plan.id,
            reported_on=DAY,
            feeling="fine",
            pain=0,
            document={},
            now=NOW,
        )
        uow.records.add_log(runner_id, logged, NOW)
        uow.coaching.add_invitation(runner_id, "ABCDEFGH", NOW)
        uow.flush()
    written = {name: count(engine, name) for name in Base.metadata.tables}
    assert written == {name: (1 if name == "accounts" else 0) for name in Base.metadata.tables}


def test_deletes_without_commit_are_rolled_back_too(engine: Engine) -> None:
    runner_id = add_runner(engine)
    with UnitOfWork(engine) as uow:
        uow.accounts.add_token(runner_id, "b" * 64, "api", NOW, NOW + timedelta(days=1))
        uow.accounts.add_login_failure("runner@example.com", NOW)
        uow.commit()
    with UnitOfWork(engine) as uow:
        uow.accounts.drop_token("b" * 64)
        uow.accounts.forget_login_failures("runner@example.com")
        assert uow.accounts.by_token("b" * 64, NOW) is None
    assert count(engine, "tokens") == 1
    assert count(engine, "login_failures") == 1


def test_one_unit_of_work_serves_several_blocks(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    with uow:
        uow.accounts.add("runner@example.com", "hash", "runner", NOW)
        uow.commit()
    with uow:
        assert uow.accounts.by_email("runner@example.com") is not None
        uow.accounts.add("coach@example.com", "hash", "coach", NOW)
    with uow:
        assert uow.accounts.by_email("coach@example.com") is None


def test_the_unit_of_work_refuses_use_outside_a_with_block(engine: Engine) -> None:
    uow = UnitOfWork(engine)
    with pytest.raises(RuntimeError, match="with block"):
        uow.commit()
    with uow:
        pass
    with pytest.raises(RuntimeError, match="with block"):
        uow.flush()


def test_foreign_keys_are_enforced_and_nothing_stays_behind(engine: Engine) -> None:
    with pytest.raises(IntegrityError), UnitOfWork(engine) as uow:
        uow.accounts.add_token(9999, "c" * 64, "api", NOW, NOW + timedelta(days=1))
        uow.commit()
    assert count(engine, "tokens") == 0


def test_a_duplicate_email_is_refused_by_the_database(engine: Engine) -> None:
    add_runner(engine, "same@example.com")
    with pytest.raises(IntegrityError), UnitOfWork(engine) as uow:
        uow.accounts.add("same@example.com", "hash", "coach", NOW)
        uow.commit()
    assert count(engine, "accounts") == 1


def test_logged_sets_keep_their_order_and_values(engine: Engine) -> None:
    runner_id = add_runner(engine)
    sets = (LoggedSet(8, 30.0, None), LoggedSet(6, 32.5, None), LoggedSet(None, None, 45.0))
    logged = LoggedSession(DAY, ExerciseId.BENT_KNEE_CALF_RAISE, Side.RIGHT, sets)
    with UnitOfWork(engine) as uow:
        uow.records.add_log(runner_id, logged, NOW)
        uow.commit()
    with UnitOfWork(engine) as uow:
        (row,) = uow.records.logs(runner_id)
        assert (row.done_on, row.exercise, row.side) == (DAY, "bent_knee_calf_raise", "right")
        assert [(s.position, s.reps, s.load_kg, s.seconds) for s in row.sets] == [
            (0, 8, 30.0, None),
            (1, 6, 32.5, None),
            (2, None, None, 45.0),
        ]
