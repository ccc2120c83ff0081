"""Per-set RPE stored and read back on SQLite and PostgreSQL: logged, corrected, exported as
CSV and data, and an older export without it still imports."""

from __future__ import annotations

import copy
import csv
import io
from datetime import timedelta
from typing import cast

from sqlalchemy import Engine, text

from calfcoach.services.log_corrections import edit_log
from calfcoach.services.portability import export_data, import_data
from calfcoach.services.sets_export import sets_csv
from calfcoach.services.training import log_session, logged_sessions
from calfcoach.store.unit_of_work import UnitOfWork
from tests.integration.services.support import LOG_DAY, NOW, Doc, a_log, make_account

SETS = [{"reps": 8, "load_kg": 20, "rpe": 7}, {"reps": 7, "load_kg": 22.5, "rpe": 10}, {"reps": 6}]
LATER = NOW + timedelta(days=30)


def stored_rpes(engine: Engine) -> list[int | None]:
    with engine.connect() as connection:
        query = text("SELECT rpe FROM log_sets ORDER BY log_id, position")
        return list(connection.execute(query).scalars())


def test_each_sets_rpe_is_stored_and_read_back(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    log_id = log_session(UnitOfWork(engine), runner, a_log(sets=SETS), LOG_DAY, NOW)["id"]
    assert stored_rpes(engine) == [7, 10, None]
    (listed,) = logged_sessions(UnitOfWork(engine), runner)
    assert [s["rpe"] for s in listed["sets"]] == [7, 10, None]

    edited = edit_log(UnitOfWork(engine), runner, log_id, {"side": "right"}, LOG_DAY)
    assert [s["rpe"] for s in edited["sets"]] == [7, 10, None], "an edit of the side keeps it"
    changed = {"sets": [{"reps": 9, "rpe": 3}, {"reps": 9, "rpe": None}]}
    edited = edit_log(UnitOfWork(engine), runner, log_id, changed, LOG_DAY)
    assert [s["rpe"] for s in edited["sets"]] == [3, None]
    assert stored_rpes(engine) == [3, None]


def test_the_csv_carries_rpe_last(engine: Engine) -> None:
    runner = make_account(engine, "runner@example.com")
    log_session(UnitOfWork(engine), runner, a_log(sets=SETS), LOG_DAY, NOW)
    data = sets_csv(UnitOfWork(engine), runner).decode()
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0][-1] == "RPE"
    assert [row[-1] for row in rows[1:]] == ["7", "10", ""]


def test_the_data_export_round_trips_rpe_and_an_older_export_without_it_imports(
    engine: Engine,
) -> None:
    runner = make_account(engine, "runner@example.com")
    log_session(UnitOfWork(engine), runner, a_log(sets=SETS), LOG_DAY, NOW)
    document = export_data(UnitOfWork(engine), runner, LATER)
    (log,) = cast(list[Doc], document["logs"])
    assert [s["rpe"] for s in cast(list[Doc], log["sets"])] == [7, 10, None]

    target = make_account(engine, "target@example.com")
    assert import_data(UnitOfWork(engine), target, document, LATER)["logs"] == 1
    again = export_data(UnitOfWork(engine), target, LATER)
    assert again["logs"] == document["logs"]

    older = copy.deepcopy(document)
    for old_log in cast(list[Doc], older["logs"]):
        for old_set in cast(list[Doc], old_log["sets"]):
            del old_set["rpe"]  # written before per-set RPE existed
    before_rpe = make_account(engine, "older@example.com")
    assert import_data(UnitOfWork(engine), before_rpe, older, LATER)["logs"] == 1
    (imported,) = logged_sessions(UnitOfWork(engine), before_rpe)
    assert [s["rpe"] for s in imported["sets"]] == [None, None, None]
    assert [s["reps"] for s in imported["sets"]] == [8, 7, 6]
