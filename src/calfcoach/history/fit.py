"""FIT activity files: bytes in, one activity summary per session out.

The fast path is ``fit_walker``, which skips every byte a summary does not need (about 50x
quicker than decoding every frame with fitdecode). fitdecode stays as the fallback for
anything the walker does not expect; both stream, so a damaged file gives what came before
the damage, flagged ``partial`` with warnings saying what was lost.

Policy for damaged files (what fitdecode itself recovers from them, and what we report):
- a bad file or header CRC alone loses nothing that can be located, so it is not reported
  (fitdecode's default only warns); the activity is whole;
- a missing closing CRC (the data is all there) is a warning, not ``partial``;
- a cut file, an undefined local message, a corrupt chained segment or a header that was never
  finalised: every message before the damage is kept, the activity is ``partial``;
- no session message: one activity computed from the records, with a warning;
- not a FIT file, a FIT file that is not an activity (a workout, a course), or nothing usable
  before the damage: ``UnreadableFile``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import UTC, datetime

import fitdecode.profile

from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.fit_fallback import scan_with_fitdecode
from calfcoach.history.fit_walker import DATETIME_MIN, FitScan, NotFit, Value, walk_fit

FIT_EPOCH = 631065600  # 1989-12-31T00:00:00Z in Unix seconds
FILE_ACTIVITY = 4
_SPORTS: dict[int, str] = dict(fitdecode.profile.FIELD_TYPES["sport"].enum)
_SUB_SPORTS: dict[int, str] = dict(fitdecode.profile.FIELD_TYPES["sub_sport"].enum)
_FILE_TYPES: dict[int, str] = dict(fitdecode.profile.FIELD_TYPES["file"].enum)


def read_fit(data: bytes, name: str) -> list[Activity]:
    """One ``Activity`` per session in the FIT file ``data`` (named ``name`` in the result).

    Raises ``UnreadableFile`` for anything that is not a readable FIT activity.
    """
    if not data:
        raise UnreadableFile("empty file")
    try:
        scan = walk_fit(bytes(data))
    except NotFit as error:
        raise UnreadableFile(f"not a FIT file ({error})") from None
    except Exception:  # a case the fast walker does not expect: let fitdecode read every frame
        scan = scan_with_fitdecode(bytes(data))
    return summarise(scan, name)


def summarise(scan: FitScan, name: str) -> list[Activity]:
    """The activities a scan holds; raise ``UnreadableFile`` when there are none."""
    _check_is_activity(scan)
    if scan.sessions:
        return _from_sessions(scan, name)
    if scan.record_times:
        return [_from_records(scan, name)]
    reason = "no session and no timestamped record: nothing to summarise"
    if scan.problems:
        reason = f"{reason} ({'; '.join(scan.problems)})"
    raise UnreadableFile(reason)


def _check_is_activity(scan: FitScan) -> None:
    known = [kind for kind in scan.file_types if kind is not None]
    if known and FILE_ACTIVITY not in known:
        kinds = ", ".join(sorted({_FILE_TYPES.get(kind, str(kind)) for kind in known}))
        raise UnreadableFile(f"not an activity: the FIT file type is {kinds}")


def _from_sessions(scan: FitScan, name: str) -> list[Activity]:
    starts = sorted({t for s in scan.sessions if (t := _datetime_raw(s.get("start_time")))})
    times = sorted(scan.record_times)
    gps = sorted(scan.gps_times)
    warnings = (*scan.problems, *scan.notes)
    activities = []
    for session in scan.sessions:
        start = _datetime_raw(session.get("start_time"))
        following = next((t for t in starts if start is not None and t > start), None)
        elapsed = _elapsed(session, start, following, times)
        activities.append(
            Activity(
                file=name,
                format="fit",
                sport=_name(_SPORTS, session.get("sport")),
                sub_sport=_name(_SUB_SPORTS, session.get("sub_sport")),
                start=_utc(start),
                elapsed_s=elapsed,
                timer_s=_float(session.get("total_timer_time")),
                distance_m=_float(session.get("total_distance")),
                ascent_m=_float(session.get("total_ascent")),
                descent_m=_float(session.get("total_descent")),
                has_gps=_has_gps(scan, gps, start, elapsed, following),
                partial=bool(scan.problems),
                warnings=warnings,
            )
        )
    return activities


def _from_records(scan: FitScan, name: str) -> Activity:
    first, last = scan.record_times[0], scan.record_times[-1]
    note = f"the file has no session message: summary computed from its {scan.records} records"
    return Activity(
        file=name,
        format="fit",
        sport=None,
        sub_sport=None,
        start=_utc(first),
        elapsed_s=float(last - first) if last >= first else None,
        timer_s=None,
        distance_m=scan.max_distance,
        ascent_m=None,
        descent_m=None,
        has_gps=bool(scan.gps_times) or scan.gps_untimed,
        partial=bool(scan.problems),
        warnings=(*scan.problems, *scan.notes, note),
    )


def _elapsed(
    session: dict[str, Value], start: int | None, following: int | None, times: Sequence[int]
) -> float | None:
    """The device's own start-to-end time; else from the start to the session's last record."""
    total = _float(session.get("total_elapsed_time"))
    if total is not None or start is None:
        return total
    stop = bisect_left(times, following) if following is not None else len(times)
    if stop == 0 or times[stop - 1] < start:
        return None
    return float(times[stop - 1] - start)


def _has_gps(
    scan: FitScan,
    gps: Sequence[int],
    start: int | None,
    elapsed: float | None,
    following: int | None,
) -> bool:
    """Whether a record with a position lies in the session's time span."""
    if start is None:
        return bool(gps) or scan.gps_untimed
    if elapsed is not None:
        end = start + math.ceil(elapsed)
    else:
        end = following - 1 if following is not None else start + 10**9
    return bisect_right(gps, end) > bisect_left(gps, start)


def _datetime_raw(value: Value) -> int | None:
    if value is None or value < DATETIME_MIN:
        return None
    return int(value)


def _utc(raw: int | None) -> datetime | None:
    return None if raw is None else datetime.fromtimestamp(FIT_EPOCH + raw, UTC)


def _float(value: Value) -> float | None:
    return None if value is None else float(value)


def _name(names: dict[int, str], value: Value) -> str | None:
    return None if value is None else names.get(int(value), str(int(value)))
