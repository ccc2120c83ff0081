"""A plan as files a runner takes elsewhere: a calendar for the phone, workouts for the watch.

These need no store: the command line gives the plans it read from files with the engine's
reader, the web its stored ones, read the same way.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime

from calfcoach.coaching.plan import CoachingPlan, Plan
from calfcoach.coaching.vocabulary import DayType
from calfcoach.exports.calendar import SessionTimes, plan_calendar, read_session_times
from calfcoach.exports.watch import session_workouts

ALL_DAYS = "*"


def times_from_choices(zone: str | None, starts: Mapping[str, str]) -> SessionTimes | None:
    """The runner's session times, or None for all-day events; ``*`` sets every type of day.

    Refused with InvalidDocument naming ``time_zone`` or ``times.<day type>``.
    """
    if zone is None and not starts:
        return None
    every = starts.get(ALL_DAYS)
    expanded = {str(kind): every for kind in DayType} if every is not None else {}
    expanded.update({kind: text for kind, text in starts.items() if kind != ALL_DAYS})
    return read_session_times(zone or "", expanded)


def calendar_file(
    plan: CoachingPlan,
    *,
    previous: Sequence[CoachingPlan] = (),
    runner: str,
    busy_only: bool,
    times: SessionTimes | None,
    now: datetime,
) -> bytes:
    """The plan as an ``.ics`` file; ``previous`` are its earlier versions, oldest first."""
    return plan_calendar(
        plan, runner=runner, previous=previous, busy_only=busy_only, stamp=now, times=times
    )


def watch_files(plan: Plan) -> dict[str, bytes]:
    """One FIT workout per session, by file name."""
    return session_workouts(plan)


def watch_archive(plan: Plan) -> bytes:
    """The watch workouts in one zip, for a browser download (copy them to the watch's NewFiles)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in watch_files(plan).items():
            entry = zipfile.ZipInfo(name, date_time=_zip_time(name))
            archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _zip_time(name: str) -> tuple[int, int, int, int, int, int]:
    """The session's date as the entry's time, so the same plan gives the same zip bytes."""
    year, month, day = (int(part) for part in name[:10].split("-"))
    return (year, month, day, 0, 0, 0)
