"""Import the runner's real runs and read their usual week from them.

Each activity is stored in its own transaction, keyed by its content, so importing the same
file or export twice stores nothing new and a failure part-way keeps what was already stored.
Logged (``calfcoach.services.history``, debug): counts and races, never file names or contents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.exc import IntegrityError

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import JSON
from calfcoach.history.activity import Activity
from calfcoach.history.week import usual_week
from calfcoach.services.accounts import Account
from calfcoach.services.engine import plan_from_assessment
from calfcoach.services.history_files import FoundFile, parsed
from calfcoach.services.training import require_runner
from calfcoach.store.tables import ActivityRow
from calfcoach.store.unit_of_work import UnitOfWork

Progress = Callable[[str], None]

logger = logging.getLogger(__name__)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    not_running: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def document(self) -> JSON:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "not_running": self.not_running,
            "failed": [{"file": name, "error": error} for name, error in self.failed],
        }


def import_files(
    uow: UnitOfWork,
    runner: Account,
    files: Iterable[FoundFile],
    now: datetime,
    progress: Progress | None = None,
    *,
    workers: int = 1,
) -> ImportReport:
    """Store the running activities of ``files`` (name, bytes, or the error found reaching it).

    With ``workers`` > 1 the files are parsed in that many processes, a few at a time (memory
    stays bounded); storing stays in this process, in file order.
    """
    require_runner(runner)
    report = ImportReport()
    for name, outcome in parsed(files, workers):
        if progress is not None:
            progress(name)
        if isinstance(outcome, str):
            report.failed.append((name, outcome))
            continue
        digest, activities = outcome
        for index, activity in enumerate(activities):
            _store(uow, runner, activity, f"{digest}:{index}", now=now, report=report)
    logger.debug(
        "import: %d stored, %d duplicates, %d not running, %d files not read",
        report.imported, report.duplicates, report.not_running, len(report.failed),
    )  # fmt: skip
    return report


def _store(
    uow: UnitOfWork, runner: Account, activity: Activity, key: str, *, now: datetime,
    report: ImportReport,
) -> None:  # fmt: skip
    if not activity.is_running:
        report.not_running += 1
        return
    with uow:
        if uow.activities.known(runner.id, key):
            report.duplicates += 1
            return
        uow.activities.add(runner.id, key, _summary(activity), now)
        try:
            uow.commit()
        except IntegrityError:  # the same file imported at the same moment elsewhere
            logger.debug("an activity was stored meanwhile by another import: a duplicate")
            report.duplicates += 1
            return
    report.imported += 1


def _summary(activity: Activity) -> JSON:
    return {
        "file": activity.file[-300:],
        "format": activity.format,
        "sport": activity.sport,
        "sub_sport": activity.sub_sport,
        "started_at": activity.start,
        "elapsed_s": activity.elapsed_s,
        "timer_s": activity.timer_s,
        "distance_m": activity.distance_m,
        "ascent_m": activity.ascent_m,
        "descent_m": activity.descent_m,
        "has_gps": activity.has_gps,
        "partial": activity.partial,
        "warnings": list(activity.warnings),
    }


def stored_activities(uow: UnitOfWork, runner: Account) -> list[Activity]:
    require_runner(runner)
    with uow:
        return [activity_of(row) for row in uow.activities.of_runner(runner.id)]


def activity_of(row: ActivityRow) -> Activity:
    """A stored activity summary back as the readers gave it."""
    warnings = row.warnings.get("warnings", [])
    return Activity(
        file=row.file,
        format=row.format,
        sport=row.sport,
        sub_sport=row.sub_sport,
        start=row.started_at.astimezone(UTC) if row.started_at else None,
        elapsed_s=row.elapsed_s,
        timer_s=row.timer_s,
        distance_m=row.distance_m,
        ascent_m=row.ascent_m,
        descent_m=row.descent_m,
        has_gps=row.has_gps,
        partial=row.partial,
        warnings=tuple(str(w) for w in warnings) if isinstance(warnings, list) else (),
    )


def runner_week(uow: UnitOfWork, runner: Account, today: date) -> JSON:
    """``history week``: the usual week, situations and warnings from the stored runs."""
    return usual_week(stored_activities(uow, runner), today).document()


def plan_with_history(
    uow: UnitOfWork, runner: Account, raw_assessment: object, today: date
) -> JSON:
    """``plan --from-history``: the assessment planned on the week the stored runs show.

    Only on recent runs: a plan is not built unseen on a week from older runs, which ``history
    week`` (and the history page, where each day can be changed) still shows.
    """
    found = usual_week(stored_activities(uow, runner), today)
    if not found.recent:
        raise InvalidDocument(
            "--from-history",
            "no runs in the last eight weeks: import your history first"
            + (f" (`history week` shows your week {found.used})" if found.used else ""),
        )
    if not isinstance(raw_assessment, Mapping):
        raise InvalidDocument("assessment", "must be an object")
    assessment = {**raw_assessment, "week": found.document()["week"]}
    return {**plan_from_assessment(assessment, today), "history": found.document()}
