"""Garmin Connect "Export Your Data": ``*_summarizedActivities.json`` into :class:`ExportSummary`.

The file is ``[{"summarizedActivitiesExport": [activity, ...]}]`` (some tools write a bare list).
Units, as several independent importers report them (Garmin documents none of this): times are
epoch milliseconds, durations milliseconds, distance and elevation centimetres.

The FIT files sit in nested zips named by upload id, not activity id, so a file is matched to its
summary by start time: :class:`SummaryMatcher`.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.export_summary import ExportSummary, snake

_RUNS: dict[str, str | None] = {
    "running": None,
    "street_running": None,
    "ultra_run": None,
    "obstacle_run": None,
    "trail_running": "trail",
    "treadmill_running": "treadmill",
    "indoor_running": "treadmill",
    "virtual_run": "treadmill",
    "track_running": "track",
}

_ISO_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")
_MS = 1000.0
_CM = 100.0


def garmin_summaries(json_bytes: bytes) -> list[ExportSummary]:
    """Every activity in one ``*_summarizedActivities.json``; UnreadableFile when it is not one."""
    try:
        document = json.loads(json_bytes)
    except (ValueError, RecursionError) as exc:
        raise UnreadableFile("not a Garmin activity summary") from exc
    return [_summary(record) for record in _records(document)]


def garmin_sport(type_key: str) -> tuple[str | None, str | None]:
    """A Garmin ``activityType`` typeKey -> (sport, sub_sport) in the contract's words."""
    key = snake(type_key)
    if key in _RUNS:
        return "running", _RUNS[key]
    return key, None


def _records(document: object) -> list[Mapping[str, object]]:
    if isinstance(document, dict):
        document = [document]
    if not isinstance(document, list):
        raise UnreadableFile("not a Garmin activity summary")
    records: list[Mapping[str, object]] = []
    for chunk in document:
        if isinstance(chunk, dict) and "summarizedActivitiesExport" in chunk:
            inner = chunk["summarizedActivitiesExport"]
            records.extend(item for item in _as_list(inner) if isinstance(item, dict))
        elif isinstance(chunk, dict):
            records.append(chunk)
    return records


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _summary(record: Mapping[str, object]) -> ExportSummary:
    sport, sub_sport = garmin_sport(_type_key(record))
    elapsed = _scaled(record.get("elapsedDuration"), _MS)
    duration = _scaled(record.get("duration"), _MS)
    moving = _scaled(record.get("movingDuration"), _MS)
    identifier = record.get("activityId")
    return ExportSummary(
        source="garmin",
        activity_id=None if identifier is None else str(identifier),
        start=_start(record),
        sport=sport,
        sub_sport=sub_sport,
        elapsed_s=elapsed if elapsed is not None else duration,
        timer_s=moving if moving is not None else duration,
        distance_m=_scaled(record.get("distance"), _CM),
        ascent_m=_scaled(record.get("elevationGain"), _CM),
        descent_m=_scaled(record.get("elevationLoss"), _CM),
    )


def _type_key(record: Mapping[str, object]) -> str:
    value = record.get("activityType")
    if isinstance(value, dict):
        value = value.get("typeKey")
    if not isinstance(value, str):
        value = record.get("sportType")
    return value if isinstance(value, str) else ""


def _start(record: Mapping[str, object]) -> datetime | None:
    for key in ("startTimeGmt", "beginTimestamp"):
        moment = _moment(record.get(key))
        if moment is not None:
            return moment
    return None


def _moment(value: object) -> datetime | None:
    """Epoch milliseconds, or an ISO text without zone (Garmin's GMT fields), as aware UTC."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / _MS, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip().removesuffix("Z").split(".")[0]
        for pattern in _ISO_FORMATS:
            try:
                return datetime.strptime(text, pattern).replace(tzinfo=UTC)
            except ValueError:
                continue
    return None


def _scaled(value: object, divisor: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    result = float(value) / divisor
    return result if math.isfinite(result) else None


class SummaryMatcher:
    """Hands each summary to at most one file: the unclaimed one whose start is nearest.

    ``claim(start)`` looks within ``tolerance`` (default 2 minutes: Garmin's ``startTimeGmt`` and
    the FIT session's ``start_time`` are normally the same second).
    """

    def __init__(
        self, summaries: Iterable[ExportSummary], tolerance: timedelta = timedelta(minutes=2)
    ) -> None:
        self._all = list(summaries)
        timed = sorted(
            (summary.start, index)
            for index, summary in enumerate(self._all)
            if summary.start is not None
        )
        self._starts = [start for start, _ in timed]
        self._indexes = [index for _, index in timed]
        self._claimed: set[int] = set()
        self._tolerance = tolerance

    def claim(self, start: datetime) -> ExportSummary | None:
        best: tuple[timedelta, int] | None = None
        position = bisect_left(self._starts, start - self._tolerance)
        while position < len(self._starts) and self._starts[position] <= start + self._tolerance:
            index = self._indexes[position]
            gap = abs(self._starts[position] - start)
            if index not in self._claimed and (best is None or gap < best[0]):
                best = (gap, index)
            position += 1
        if best is None:
            return None
        self._claimed.add(best[1])
        return self._all[best[1]]

    def unclaimed(self) -> list[ExportSummary]:
        return [summary for index, summary in enumerate(self._all) if index not in self._claimed]
