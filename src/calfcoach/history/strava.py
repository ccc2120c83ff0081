"""Strava bulk export: ``activities.csv`` read by column position, into :class:`ExportSummary`.

The header repeats names (``Elapsed Time``, ``Distance``, ...) and is translated into the account's
language, so columns are taken by position, in the order of the English header (the order is the
same in every language; only the count grows at the end, 87 -> 99 columns so far):

    0 Activity ID, 1 Activity Date, 2 Activity Name, 3 Activity Type, 4 Activity Description,
    5 Elapsed Time (s), 6 Distance (km or mi, rounded), ..., 12 Filename, 13 Athlete Weight,
    14 Bike Weight, 15 Elapsed Time (s, float), 16 Moving Time, 17 Distance (m), 18 Max Speed,
    19 Average Speed, 20 Elevation Gain, 21 Elevation Loss

Dates (``"Oct 6, 2022, 11:19:20 PM"``, ``2018-09-12 15:02:23`` before mid-2019, or day-first
``06.10.2022, 23:19:20`` in German) are taken as UTC, as Strava writes them. A date in a format
not listed (for example a translated month name) leaves ``start`` as None rather than guessing.

Exports from before mid-2019 had a short lower-case English header (``id,date,name,type,
description,elapsed_time,distance,...,filename``) with the distance in metres; those are read by
header name.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from datetime import UTC, datetime

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.export_summary import ExportSummary, snake

ID, DATE, TYPE, ELAPSED, DISTANCE_KM, FILENAME = 0, 1, 3, 5, 6, 12
ELAPSED_2, MOVING, DISTANCE_M, GAIN, LOSS = 15, 16, 17, 20, 21

_DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%d.%m.%Y, %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
)

# Strava activity types (English, and the German ones seen in real exports) -> (sport, sub_sport).
_TYPES: dict[str, tuple[str, str | None]] = {
    "run": ("running", None),
    "trail run": ("running", "trail"),
    "trailrun": ("running", "trail"),
    "virtual run": ("running", "treadmill"),
    "virtualrun": ("running", "treadmill"),
    "treadmill": ("running", "treadmill"),
    "lauf": ("running", None),
    "traillauf": ("running", "trail"),
    "virtueller lauf": ("running", "treadmill"),
    "ride": ("cycling", None),
    "virtual ride": ("cycling", None),
    "walk": ("walking", None),
    "hike": ("hiking", None),
    "swim": ("swimming", None),
}

_LEGACY = {"id", "date", "type", "elapsed_time", "distance", "filename"}


def strava_summaries(csv_bytes: bytes) -> list[ExportSummary]:
    """Every row of a Strava ``activities.csv``; UnreadableFile when it is not one."""
    text = csv_bytes.decode("utf-8-sig", errors="replace")
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        raise UnreadableFile("empty activities.csv")
    if {cell.strip().lower() for cell in header} >= _LEGACY:
        columns = {cell.strip().lower(): index for index, cell in enumerate(header)}
        return [_legacy_row(row, columns) for row in rows if any(row)]
    if len(header) <= FILENAME:
        raise UnreadableFile("not a Strava activities.csv")
    return [_row(row) for row in rows if any(row)]


def strava_sport(activity_type: str) -> tuple[str | None, str | None]:
    """Strava's ``Activity Type`` -> (sport, sub_sport) in the contract's words."""
    known = _TYPES.get(" ".join(activity_type.lower().split()))
    return known if known is not None else (snake(activity_type), None)


def strava_date(text: str) -> datetime | None:
    """A Strava CSV date as aware UTC, or None when its format is not one Strava is known to use."""
    cleaned = " ".join(text.split())
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _row(row: Sequence[str]) -> ExportSummary:
    sport, sub_sport = strava_sport(_cell(row, TYPE) or "")
    elapsed = _number(_cell(row, ELAPSED_2))
    distance = _number(_cell(row, DISTANCE_M))
    if distance is None:
        km = _number(_cell(row, DISTANCE_KM))
        distance = None if km is None else km * 1000.0
    return ExportSummary(
        source="strava",
        activity_id=_cell(row, ID),
        start=strava_date(_cell(row, DATE) or ""),
        sport=sport,
        sub_sport=sub_sport,
        elapsed_s=elapsed if elapsed is not None else _number(_cell(row, ELAPSED)),
        timer_s=_number(_cell(row, MOVING)),
        distance_m=distance,
        ascent_m=_number(_cell(row, GAIN)),
        descent_m=_number(_cell(row, LOSS)),
        filename=_cell(row, FILENAME),
    )


def _legacy_row(row: Sequence[str], columns: dict[str, int]) -> ExportSummary:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return None if index is None else _cell(row, index)

    sport, sub_sport = strava_sport(cell("type") or "")
    return ExportSummary(
        source="strava",
        activity_id=cell("id"),
        start=strava_date(cell("date") or ""),
        sport=sport,
        sub_sport=sub_sport,
        elapsed_s=_number(cell("elapsed_time")),
        timer_s=_number(cell("moving_time")),
        distance_m=_number(cell("distance")),
        ascent_m=None,
        descent_m=None,
        filename=cell("filename"),
    )


def _cell(row: Sequence[str], index: int) -> str | None:
    if index >= len(row):
        return None
    value = row[index].strip()
    return value or None


def _number(text: str | None) -> float | None:
    """``"2432.7"``, ``"2432,7"``, ``"1,024.5"`` or ``"1.024,5"`` -> float; anything else None."""
    if text is None:
        return None
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if cleaned.rfind(",") > cleaned.rfind("."):  # the comma is the decimal mark
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
