"""Data portability: everything stored for a runner as one versioned document, and back.

The document (``calfcoach.data/1``) holds no database ids: a plan names its assessment and a
check-in the plan version it produced by their index in the document. Items come in a stable
order (by date, then as stored), datetimes as ISO 8601 in UTC, so exporting the same data twice
gives the same document.

An import reads the whole document first (``portability_reading``), then writes everything in
one transaction: a refusal or a crash part-way changes nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import JSON
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict
from calfcoach.services.json_text import UnreadableJson, parse_json
from calfcoach.services.portability_reading import SCHEMA, Incoming, read_data
from calfcoach.services.training import require_runner
from calfcoach.store.tables import (
    ActivityRow,
    AssessmentRow,
    CalendarTimesRow,
    CheckinRow,
    LogRow,
    PlanRow,
)
from calfcoach.store.unit_of_work import UnitOfWork

__all__ = ["SCHEMA", "document_text", "export_data", "import_data", "import_data_file"]


def export_data(uow: UnitOfWork, runner: Account, now: datetime) -> JSON:
    """Everything stored for ``runner``, as one JSON-ready document."""
    require_runner(runner)
    with uow:
        assessments = uow.records.assessments(runner.id)
        plans = uow.records.plans(runner.id)
        checkins = uow.records.checkins(runner.id)
        logs = uow.records.logs(runner.id)
        activities = uow.activities.of_runner(runner.id)
        assessment_at = {row.id: index for index, row in enumerate(assessments)}
        plan_at = {row.id: index for index, row in enumerate(plans)}
        return {
            "schema": SCHEMA,
            "exported_at": _iso(now),
            "runner": {"email": runner.email},
            "assessments": [_assessment(row) for row in assessments],
            "plans": [_plan(row, assessment_at) for row in plans],
            "checkins": [_checkin(row, plan_at) for row in checkins],
            "logs": [_log(row) for row in logs],
            "activities": [_activity(row) for row in activities],
            "calendar": _calendar(uow.calendars.times(runner.id)),
        }


def document_text(document: JSON) -> str:
    """The document as the file a runner keeps: indented UTF-8 JSON."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def import_data(
    uow: UnitOfWork, runner: Account, document: object, now: datetime
) -> dict[str, int]:
    """Store an exported document for ``runner``, who must have no data yet; the counts stored.

    Refused with InvalidDocument naming the field before anything is written.
    """
    require_runner(runner)
    incoming = read_data(document, now.astimezone(UTC).date())
    with uow:
        if _has_data(uow, runner.id):
            raise InvalidDocument("runner", "already has data: import into an empty profile")
        _write(uow, runner.id, incoming)
        try:
            uow.commit()
        except IntegrityError as error:  # another import for this runner won the race
            raise Conflict("the runner's data changed meanwhile; nothing was imported") from error
    return incoming.counts()


def import_data_file(
    uow: UnitOfWork, runner: Account, data: bytes, now: datetime, field: str = "document"
) -> dict[str, int]:
    """``import_data`` from a file's bytes; a file that is not JSON is refused naming ``field``."""
    try:
        document = parse_json(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InvalidDocument(
            field, "is not UTF-8 text: choose the .json file calfcoach wrote"
        ) from error
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidDocument(
            field, f"is not valid JSON ({where}: {error.msg}): was it cut short?"
        ) from error
    except UnreadableJson as error:
        raise InvalidDocument(field, f"cannot be read: {error}") from error
    return import_data(uow, runner, document, now)


def _has_data(uow: UnitOfWork, runner_id: int) -> bool:
    records = uow.records
    return bool(
        records.current_plan(runner_id)
        or records.assessments(runner_id)
        or records.checkins(runner_id)
        or records.logs(runner_id)
        or uow.activities.of_runner(runner_id)
        or uow.calendars.times(runner_id)
    )


def _write(uow: UnitOfWork, runner_id: int, incoming: Incoming) -> None:
    records = uow.records
    assessments = [
        records.add_assessment(runner_id, item.taken_on, item.document, item.created_at)
        for item in incoming.assessments
    ]
    uow.flush()
    plans = [
        records.add_plan(
            runner_id,
            assessment_id=assessments[item.assessment].id,
            block=item.block,
            version=item.version,
            document=item.document,
            now=item.created_at,
        )
        for item in incoming.plans
    ]
    uow.flush()
    for checkin in incoming.checkins:
        records.add_checkin(
            runner_id,
            plan_id=plans[checkin.plan].id,
            reported_on=checkin.report.date,
            feeling=checkin.report.feeling.value,
            pain=checkin.report.pain or 0,
            document=checkin.document,
            now=checkin.created_at,
        )
    for log in incoming.logs:
        records.add_log(runner_id, log.logged, log.created_at)
    for activity in incoming.activities:
        uow.activities.add(runner_id, activity.content_hash, activity.summary, activity.created_at)
    if incoming.calendar is not None:
        times = incoming.calendar
        uow.calendars.set_times(runner_id, times.time_zone, times.times, times.updated_at)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _assessment(row: AssessmentRow) -> JSON:
    return {
        "taken_on": row.taken_on.isoformat(),
        "document": row.document,
        "created_at": _iso(row.created_at),
    }


def _plan(row: PlanRow, assessment_at: dict[int, int]) -> JSON:
    return {
        "block": row.block,
        "version": row.version,
        "assessment": assessment_at[row.assessment_id],
        "document": row.document,
        "created_at": _iso(row.created_at),
    }


def _checkin(row: CheckinRow, plan_at: dict[int, int]) -> JSON:
    return {
        "plan": plan_at[row.plan_id],
        "reported_on": row.reported_on.isoformat(),
        "document": row.document,
        "created_at": _iso(row.created_at),
    }


def _log(row: LogRow) -> JSON:
    return {
        "date": row.done_on.isoformat(),
        "exercise": row.exercise,
        "side": row.side,
        "sets": [
            {"reps": s.reps, "load_kg": s.load_kg, "seconds": s.seconds, "rpe": s.rpe}
            for s in row.sets
        ],
        "created_at": _iso(row.created_at),
    }


def _calendar(row: CalendarTimesRow | None) -> JSON | None:
    """The runner's session times; subscription addresses are keys, not data, and stay behind."""
    if row is None:
        return None
    return {"time_zone": row.time_zone, "times": row.starts, "updated_at": _iso(row.updated_at)}


def _activity(row: ActivityRow) -> JSON:
    warnings = row.warnings.get("warnings", [])
    return {
        "content_hash": row.content_hash,
        "file": row.file,
        "format": row.format,
        "sport": row.sport,
        "sub_sport": row.sub_sport,
        "started_at": None if row.started_at is None else _iso(row.started_at),
        "elapsed_s": row.elapsed_s,
        "timer_s": row.timer_s,
        "distance_m": row.distance_m,
        "ascent_m": row.ascent_m,
        "descent_m": row.descent_m,
        "has_gps": row.has_gps,
        "partial": row.partial,
        "warnings": list(warnings) if isinstance(warnings, list) else [],
        "created_at": _iso(row.created_at),
    }
