"""What the history pages show, and the imports they run in the background.

The page view reads the stored runs once: the newest runs, the running volume per week and the
usual week (H1-H4, S9). An upload is read into memory by the web layer, turned into the same
(name, bytes, error) tuples ``history import`` walks, and imported on a thread of its own, so the
page answers at once and polls the job for its progress.

A job that fails logs the error with its traceback (``calfcoach.services.history_views``),
under the id of the request that started it; the runner sees only that it stopped.
"""

from __future__ import annotations

import contextvars
import logging
import posixpath
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from calfcoach.coaching.fields import JSON
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.archives import ZipSource, activity_files
from calfcoach.history.week import usual_week
from calfcoach.services import history
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.history_files import FoundFile
from calfcoach.services.training import require_runner
from calfcoach.store.unit_of_work import UnitOfWork

WeekVolume = tuple[date, float, int]  # Monday, km, runs
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
RUNS_SHOWN = 50
CHART_WEEKS = 12
FAILED_SHOWN = 50
KEPT_JOBS = 200
ZIP_MAGIC = b"PK\x03\x04"

logger = logging.getLogger(__name__)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_running(
    activities: Sequence[Activity], today: date, weeks: int = CHART_WEEKS
) -> list[WeekVolume]:
    """Running km and runs per week, ``weeks`` weeks, zeros included, oldest first.

    The weeks end with this week when the runner ran in them, otherwise with the week of the
    newest run (an old export still shows its last weeks rather than an empty chart).
    """
    days = [a.start.date() for a in activities if a.is_running and a.start is not None]
    if not days:
        return []
    last = _monday(today)
    if max(days) < last - timedelta(weeks=weeks - 1):
        last = _monday(max(days))
    first = last - timedelta(weeks=weeks - 1)
    km = dict.fromkeys((first + timedelta(weeks=i) for i in range(weeks)), 0.0)
    runs = dict.fromkeys(km, 0)
    for activity in activities:
        if not activity.is_running or activity.start is None:
            continue
        week = _monday(activity.start.date())
        if week in km:
            km[week] += (activity.distance_m or 0.0) / 1000
            runs[week] += 1
    return [(week, round(km[week], 1), runs[week]) for week in km]


def run_rows(activities: Sequence[Activity], limit: int = RUNS_SHOWN) -> list[JSON]:
    """The newest ``limit`` stored runs as table rows (undated ones last)."""
    oldest = datetime.min.replace(tzinfo=UTC)
    newest = sorted(activities, key=lambda a: a.start or oldest, reverse=True)[:limit]
    return [
        {
            "date": a.start.date() if a.start else None,
            "sport": (a.sub_sport if a.sub_sport not in (None, "generic") else a.sport) or "run",
            "km": None if a.distance_m is None else round(a.distance_m / 1000, 2),
            "time": _clock(a.timer_s or a.elapsed_s),
            "ascent_m": None if a.ascent_m is None else round(a.ascent_m),
            "file": a.file,
            "partial": a.partial,
        }
        for a in newest
    ]


def _clock(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class HistoryView(TypedDict):
    runs: list[JSON]
    total_runs: int
    weeks: list[WeekVolume]
    found: JSON  # the usual week, as ``history week`` prints it


def history_page(uow: UnitOfWork, runner: Account, today: date) -> HistoryView:
    """Everything ``/history`` shows, from one read of the stored runs."""
    activities = history.stored_activities(uow, runner)
    return {
        "runs": run_rows(activities),
        "total_runs": len(activities),
        "weeks": weekly_running(activities, today),
        "found": usual_week(activities, today).document(),
    }


def upload_name(name: str | None) -> str:
    """The last part of a browser-sent file name (never a path of the server's)."""
    base = posixpath.basename((name or "").replace("\\", "/")).strip()
    return base[-200:] or "upload"


def uploaded_files(uploads: deque[tuple[str, bytes]]) -> Iterator[FoundFile]:
    """The activity files in the uploads: plain files as they are, zips (exports) walked.

    Uploads are taken off the queue as they are read, so their memory goes as the import does.
    """
    while uploads:
        name, data = uploads.popleft()
        if not (name.lower().endswith(".zip") or data.startswith(ZIP_MAGIC)):
            yield name, data, None
            continue
        try:
            for item in activity_files(ZipSource(data)):
                if item.data is not None or item.error is not None:
                    yield f"{name}/{item.name}", item.data, item.error
        except UnreadableFile as refused:
            yield name, None, refused.reason


@dataclass
class ImportJob:
    """One upload being imported; ``view`` is what the progress fragment shows."""

    id: str
    runner_id: int
    uploads: int
    state: str = "running"  # running | done | failed
    files_done: int = 0
    current: str | None = None
    report: history.ImportReport = field(default_factory=history.ImportReport)
    problem: str | None = None

    def view(self) -> JSON:
        failed = [{"file": f, "error": e} for f, e in self.report.failed]
        return {
            "id": self.id,
            "state": self.state,
            "uploads": self.uploads,
            "files_done": self.files_done,
            "current": self.current,
            "imported": self.report.imported,
            "duplicates": self.report.duplicates,
            "not_running": self.report.not_running,
            "failed": failed[:FAILED_SHOWN],
            "failed_count": len(failed),
            "problem": self.problem,
        }


class ImportJobs:
    """The imports this process runs, each on a daemon thread with its own unit of work.

    In memory: a restart forgets the jobs (what they stored stays stored; a re-upload of the same
    files only counts duplicates). A job is seen only by the runner who started it.
    """

    def __init__(self, make_uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._make_uow = make_uow
        self._clock = clock
        self._lock = threading.Lock()
        self._jobs: dict[str, ImportJob] = {}

    def start(self, runner: Account, uploads: Iterable[tuple[str, bytes]]) -> str:
        """Starts importing ``uploads`` (name, bytes) for ``runner``; returns the job id."""
        require_runner(runner)
        queue = deque(uploads)
        job = ImportJob(id=uuid.uuid4().hex, runner_id=runner.id, uploads=len(queue))
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        # In a copy of this context: the job's log lines carry the id of the request that began it.
        context = contextvars.copy_context()
        worker = threading.Thread(
            target=context.run,
            args=(self._run, job, runner, queue),
            name=f"import-{job.id}",
            daemon=True,
        )
        worker.start()
        return job.id

    def view(self, runner: Account, job_id: str) -> JSON:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.runner_id != runner.id:
                raise NotFound("no such import")
            return job.view()

    def _run(self, job: ImportJob, runner: Account, queue: deque[tuple[str, bytes]]) -> None:
        def progress(name: str) -> None:
            with self._lock:
                job.files_done += 1
                job.current = name

        try:
            report = history.import_files(
                self._make_uow(), runner, uploaded_files(queue), self._clock(), progress
            )
        except Exception as error:  # a dead database or a bug: say so, do not hang the page
            with self._lock:
                job.state, job.problem = "failed", f"the import stopped: {type(error).__name__}"
                done = job.files_done
            logger.exception("import %s stopped after %d files", job.id, done)
            return
        with self._lock:
            job.report, job.state, job.current = report, "done", None
        logger.info("import %s done: %s", job.id, _counts(report))

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state != "running"]
        for key in finished[: max(0, len(self._jobs) - KEPT_JOBS)]:
            del self._jobs[key]


def _counts(report: history.ImportReport) -> str:
    """The report's numbers only: no file names, which are the runner's."""
    return (
        f"{report.imported} imported, {report.duplicates} duplicates, "
        f"{report.not_running} not running, {len(report.failed)} failed"
    )
