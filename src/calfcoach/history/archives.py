"""Walk a Strava bulk export or a Garmin Connect export and hand out the activity files inside.

Files come out as bytes, unparsed, one at a time (memory stays bounded by one file plus, for
Garmin, the one nested zip being walked), each with the summary the export itself carries when
it can be told which one that is. A hostile or damaged entry comes out as an item with ``error``
and the walk goes on; an archive that cannot be walked at all raises :class:`UnreadableFile`.

- Strava: ``activities.csv`` plus ``activities/`` (``.fit.gz``, ``.gpx``, ``.tcx.gz``, ...).
  Files are matched to rows by the ``Filename`` column; rows without a file (manual entries, or a
  file missing from the export) come out last as summary-only items (``data`` None).
- Garmin: ``DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`` plus the FIT files inside
  the zips under ``DI-Connect-Uploaded-Files/``. Files are named by upload id, so they are matched
  to summaries by start time, which needs the caller's FIT reader: pass ``start_of`` (bytes ->
  start, or None). With it, summaries left unmatched come out last as summary-only items; without
  it, Garmin files carry no summary and no summary-only items are given (use
  :func:`export_summaries` and :class:`SummaryMatcher` to match after parsing instead).
- Anything else: every activity file in the archive, without summaries.

Photos, routes, other JSON and CSV files are passed over silently. Each entry given up
(hostile, damaged, too deep) is logged at debug with its reason, never its name or bytes.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.export_summary import ExportSummary
from calfcoach.history.garmin import SummaryMatcher, garmin_summaries
from calfcoach.history.safe_zip import (
    DEFAULT_LIMITS,
    ESCAPES,
    TOO_DEEP,
    ExportSource,
    Limits,
    ZipSource,
    is_safe_name,
)
from calfcoach.history.strava import strava_summaries

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveItem",
    "ExportSource",
    "ExportSummary",
    "Limits",
    "SummaryMatcher",
    "ZipSource",
    "activity_files",
    "export_kind",
    "export_summaries",
    "garmin_summaries",
    "strava_summaries",
]

ACTIVITY_SUFFIXES = (".fit", ".fit.gz", ".gpx", ".gpx.gz", ".tcx", ".tcx.gz")
STRAVA_CSV = "activities.csv"
GARMIN_SUMMARY = "summarizedactivities.json"

StartOf = Callable[[bytes], datetime | None]
_Scope = Callable[[str], bool]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArchiveItem:
    """One thing found in an export.

    A file: ``data`` set, ``error`` None. A hostile or unreadable entry: ``error`` set, ``data``
    None. An activity the export lists without a file: ``data`` and ``error`` None, ``summary`` set.
    ``name`` is the path inside the export (through nested zips: ``Part1.zip/123.fit``); for a
    summary-only item without a file it is ``<summary file>#<activity id>``.
    """

    name: str
    data: bytes | None
    error: str | None
    summary: ExportSummary | None = None


def export_kind(source: ExportSource) -> str | None:
    """``"strava"``, ``"garmin"`` or None for anything else."""
    names = [name.replace("\\", "/").lower() for name in source.names()]
    if any("di_connect/" in name or name.endswith(GARMIN_SUMMARY) for name in names):
        return "garmin"
    if _strava_csv(source.names()) is not None:
        return "strava"
    return None


def export_summaries(source: ExportSource, limits: Limits | None = None) -> list[ExportSummary]:
    """The summaries the export carries (empty for an export that has none)."""
    limits = limits or _limits_of(source)
    kind = export_kind(source)
    if kind == "strava":
        csv_name = _strava_csv(source.names()) or STRAVA_CSV
        return strava_summaries(source.read(csv_name, limits.max_summary_bytes))
    if kind == "garmin":
        found: list[ExportSummary] = []
        for name in _garmin_jsons(source):
            found.extend(garmin_summaries(source.read(name, limits.max_summary_bytes)))
        return found
    return []


def activity_files(
    source: ExportSource, *, start_of: StartOf | None = None, limits: Limits | None = None
) -> Iterator[ArchiveItem]:
    """Every activity file in the export, one at a time, then the activities without a file.

    ``limits`` defaults to the source's own (a ``ZipSource`` carries its own, as does the
    services' folder source).
    """
    limits = limits or _limits_of(source)
    kind = export_kind(source)
    if kind == "strava":
        return _strava_items(source, _strava_csv(source.names()) or STRAVA_CSV, limits)
    if kind == "garmin":
        return _garmin_items(source, limits, start_of)
    return _walk(source, 1, "", lambda _name: True, limits)


def _limits_of(source: ExportSource) -> Limits:
    limits = getattr(source, "limits", None)
    return limits if isinstance(limits, Limits) else DEFAULT_LIMITS


def _strava_csv(names: list[str]) -> str | None:
    """``activities.csv`` at the root or one folder down (a re-zipped export); shallowest wins."""
    found = [
        name
        for name in names
        if posixpath.basename(name).lower() == STRAVA_CSV and name.count("/") <= 1
    ]
    return min(found, key=lambda name: name.count("/")) if found else None


def _strava_items(source: ExportSource, csv_name: str, limits: Limits) -> Iterator[ArchiveItem]:
    prefix = csv_name[: -len(STRAVA_CSV)]
    try:
        summaries = strava_summaries(source.read(csv_name, limits.max_summary_bytes))
    except UnreadableFile as exc:
        yield _given_up(csv_name, exc.reason)
        summaries = []
    by_file = {prefix + s.filename: s for s in summaries if s.filename}
    folder = (prefix + "activities/").lower()
    seen: set[str] = set()
    for item in _walk(source, 1, "", lambda lower: lower.startswith(folder), limits):
        summary = by_file.get(item.name)
        if summary is not None:
            seen.add(item.name)
        yield item if summary is None else replace(item, summary=summary)
    for summary in summaries:
        key = prefix + summary.filename if summary.filename else None
        if key is None or key not in seen:
            yield ArchiveItem(key or f"{csv_name}#{summary.activity_id}", None, None, summary)


def _garmin_jsons(source: ExportSource) -> list[str]:
    return [
        name
        for name in source.names()
        if name.lower().endswith(GARMIN_SUMMARY) and is_safe_name(name)
    ]


def _garmin_items(
    source: ExportSource, limits: Limits, start_of: StartOf | None
) -> Iterator[ArchiveItem]:
    summaries: list[tuple[str, ExportSummary]] = []
    for name in _garmin_jsons(source):
        try:
            data = source.read(name, limits.max_summary_bytes)
            summaries.extend((name, summary) for summary in garmin_summaries(data))
        except UnreadableFile as exc:
            yield _given_up(name, exc.reason)
    matcher = SummaryMatcher(summary for _, summary in summaries)
    for item in _walk(source, 1, "", lambda lower: "uploaded-files/" in lower, limits):
        start = start_of(item.data) if start_of is not None and item.data is not None else None
        summary = matcher.claim(start) if start is not None else None
        yield item if summary is None else replace(item, summary=summary)
    if start_of is None:
        return
    names = {id(summary): name for name, summary in summaries}
    for summary in matcher.unclaimed():
        yield ArchiveItem(f"{names[id(summary)]}#{summary.activity_id}", None, None, summary)


def _walk(
    source: ExportSource, level: int, prefix: str, in_scope: _Scope, limits: Limits
) -> Iterator[ArchiveItem]:
    """Activity files (and nested zips, walked in turn) in ``source``; hostile names reported."""
    for name in source.names():
        shown = prefix + name
        if not is_safe_name(name):
            yield _given_up(shown, ESCAPES)
            continue
        lower = name.replace("\\", "/").lower()
        if not in_scope(lower):
            continue
        if lower.endswith(".zip"):
            yield from _walk_nested(source, name, level, shown, limits)
        elif lower.endswith(ACTIVITY_SUFFIXES):
            yield _read(source, name, shown, limits.max_entry_bytes)


def _walk_nested(
    source: ExportSource, name: str, level: int, shown: str, limits: Limits
) -> Iterator[ArchiveItem]:
    if level + 1 > limits.max_depth:
        yield _given_up(shown, TOO_DEEP)
        return
    try:
        inner = ZipSource(source.read(name, limits.max_nested_zip_bytes), limits)
    except UnreadableFile as exc:
        yield _given_up(shown, exc.reason)
        return
    yield from _walk(inner, level + 1, shown + "/", lambda _name: True, limits)


def _read(source: ExportSource, name: str, shown: str, limit: int) -> ArchiveItem:
    try:
        return ArchiveItem(shown, source.read(name, limit), None)
    except UnreadableFile as exc:
        return _given_up(shown, exc.reason)


def _given_up(name: str, reason: str) -> ArchiveItem:
    """An entry that is not read; the log gets the reason alone (names are the runner's)."""
    logger.debug("export entry given up: %s", reason)
    return ArchiveItem(name, None, reason)
