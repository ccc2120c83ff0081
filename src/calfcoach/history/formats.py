"""Which reader a file needs, from its first bytes (never its name), and the one entry point.

:func:`read_activities` gunzips ``.gz`` files with a bound: output past 200 MiB, or past 200
times the compressed size (with an 8 MiB allowance for tiny files), is refused as a file that
"expands without bound", without decompressing the rest. A gzip inside a gzip is refused too.
A ``.gz`` cut short keeps what it holds, marked partial, and says so at debug level.
"""

from __future__ import annotations

import importlib
import logging
import zlib
from collections.abc import Callable
from dataclasses import replace
from typing import cast

from calfcoach.history import xmlsafe
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.gpx import read_gpx
from calfcoach.history.tcx import read_tcx

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
SMALL_FILE_ALLOWANCE = 8 * 1024 * 1024
_CHUNK = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_FIT_HEADER_SIZES = (12, 14)
_XML_ROOTS = {"gpx": "gpx", "TrainingCenterDatabase": "tcx"}

Reader = Callable[[bytes, str], list[Activity]]

logger = logging.getLogger(__name__)


def detect_format(data: bytes) -> str | None:
    """ "fit", "gpx", "tcx" or "gzip" from the content; None for anything else."""
    if data[:2] == _GZIP_MAGIC:
        return "gzip"
    if len(data) >= 12 and data[0] in _FIT_HEADER_SIZES and data[8:12] == b".FIT":
        return "fit"
    root = xmlsafe.root_name(data)
    return None if root is None else _XML_ROOTS.get(root)


def gunzip_bounded(data: bytes) -> tuple[bytes, bool]:
    """The expanded bytes and whether the stream was complete (a cut ``.gz`` gives a prefix)."""
    limit = min(MAX_EXPANDED_BYTES, max(MAX_RATIO * len(data), SMALL_FILE_ALLOWANCE))
    parts: list[bytes] = []
    pending = data
    complete = False
    try:
        while pending[:2] == _GZIP_MAGIC:  # one or more gzip members
            complete, pending = _gunzip_member(pending, parts, limit)
            if not complete:
                break
    except zlib.error as error:
        raise UnreadableFile(f"damaged gzip data ({error})") from error
    return b"".join(parts), complete


def _gunzip_member(data: bytes, parts: list[bytes], limit: int) -> tuple[bool, bytes]:
    """Append one member's output to ``parts`` in chunks, refusing to pass ``limit`` in all."""
    size = sum(len(part) for part in parts)
    stream = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    piece = stream.decompress(data, _CHUNK)
    while True:
        size += len(piece)
        if size > limit:
            raise UnreadableFile("expands without bound")
        parts.append(piece)
        if stream.eof or not (piece or stream.unconsumed_tail):
            return stream.eof, stream.unused_data
        piece = stream.decompress(stream.unconsumed_tail, _CHUNK)


def _fit_reader() -> Reader:
    try:
        module = importlib.import_module("calfcoach.history.fit")
    except ImportError as error:  # the FIT reader is not installed in this build
        raise UnreadableFile("FIT files cannot be read here (no FIT reader)") from error
    return cast(Reader, module.read_fit)


NOT_AN_ACTIVITY = "this file is not a FIT, GPX or TCX activity"
PACKED_TWICE = "this file is packed twice (a gzip inside a gzip): unpack it once and upload again"


def _reader(kind: str | None, data: bytes) -> Reader:
    if kind == "gpx":
        return read_gpx
    if kind == "tcx":
        return read_tcx
    if kind == "fit":
        return _fit_reader()
    if not data.strip():
        raise UnreadableFile("empty file")
    if kind == "gzip":
        raise UnreadableFile(PACKED_TWICE)
    if b"<!ENTITY" in data:
        raise UnreadableFile("XML entities are refused")
    return _not_activity


def _not_activity(data: bytes, name: str) -> list[Activity]:
    raise UnreadableFile(NOT_AN_ACTIVITY)


def read_activities(data: bytes, name: str) -> list[Activity]:
    """Every activity in one file's bytes (gzipped or not); :class:`UnreadableFile` otherwise."""
    kind = detect_format(data)
    complete = True
    if kind == "gzip":
        data, complete = gunzip_bounded(data)
        kind = detect_format(data)
    activities = _reader(kind, data)(data, name)
    if complete:
        return activities
    lost = "the gzip data ends early; the activity may be cut short"
    logger.debug("gzip data ends early: %d activities kept as partial", len(activities))
    return [
        replace(activity, partial=True, warnings=(*activity.warnings, lost))
        for activity in activities
    ]
