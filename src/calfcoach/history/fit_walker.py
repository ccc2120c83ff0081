"""A fast FIT walker: reads only what an activity summary needs and skips every other byte.

It parses the file header(s), every definition message (developer fields included, so that
their bytes are skipped correctly) and the record headers, normal and compressed-timestamp.
Data messages are decoded with one precompiled ``struct.Struct`` per definition that picks
out just the wanted fields: ``file_id.type``, a handful of ``session`` totals, and for
``record`` messages only ``timestamp``, ``position_lat`` and ``distance``. Everything else is
stepped over by its size.

Like fitdecode, it streams: when the data stops making sense (a cut file, an undefined local
message, a corrupt chained header) it keeps what came before and notes what was lost in
``FitScan.problems``. It does not check CRCs (fitdecode's default only warns about them).
"""

from __future__ import annotations

import struct
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from math import isnan

MESG_FILE_ID = 0
MESG_SESSION = 18
MESG_RECORD = 20
FIELD_TIMESTAMP = 253
DATETIME_MIN = 0x10000000  # below this a FIT date_time is seconds since power-on, not UTC
_COMPRESSED_MASK = 0x1F
_NAN = float("nan")

# base type byte -> (struct format, invalid value); strings and byte arrays are not decoded
_BASE_TYPES: dict[int, tuple[str, float]] = {
    0x00: ("B", 0xFF),
    0x01: ("b", 0x7F),
    0x02: ("B", 0xFF),
    0x83: ("h", 0x7FFF),
    0x84: ("H", 0xFFFF),
    0x85: ("i", 0x7FFFFFFF),
    0x86: ("I", 0xFFFFFFFF),
    0x88: ("f", _NAN),
    0x89: ("d", _NAN),
    0x0A: ("B", 0),
    0x8B: ("H", 0),
    0x8C: ("I", 0),
    0x8E: ("q", 0x7FFFFFFFFFFFFFFF),
    0x8F: ("Q", 0xFFFFFFFFFFFFFFFF),
    0x90: ("Q", 0),
}

# global message -> {field number: (name, scale)}; the timestamp (253) is wanted everywhere
_WANTED: dict[int, dict[int, tuple[str, float]]] = {
    MESG_FILE_ID: {0: ("type", 1.0)},
    MESG_SESSION: {
        2: ("start_time", 1.0),
        5: ("sport", 1.0),
        6: ("sub_sport", 1.0),
        7: ("total_elapsed_time", 1000.0),
        8: ("total_timer_time", 1000.0),
        9: ("total_distance", 100.0),
        22: ("total_ascent", 1.0),
        23: ("total_descent", 1.0),
    },
    MESG_RECORD: {0: ("position_lat", 1.0), 5: ("distance", 100.0)},
}
SESSION_FIELDS = _WANTED[MESG_SESSION]
_TIMESTAMP = ("timestamp", 1.0)

Value = int | float | None


class FitDamage(Exception):
    """The walk cannot go on at byte ``at``: what is left of the current segment is lost."""

    def __init__(self, what: str, at: int) -> None:
        super().__init__(f"{what} at byte {at}")
        self.at = at


class NotFit(Exception):
    """The bytes do not start with a FIT header."""


@dataclass(slots=True)
class FitScan:
    """What a walk (fast or fitdecode) found; times are raw FIT seconds."""

    file_types: list[int | None] = field(default_factory=list)
    sessions: list[dict[str, Value]] = field(default_factory=list)
    record_times: array[int] = field(default_factory=lambda: array("q"))
    gps_times: array[int] = field(default_factory=lambda: array("q"))
    records: int = 0
    gps_untimed: bool = False
    max_distance: float | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_record(self, timestamp: int | None, has_lat: bool, distance: float | None) -> None:
        self.records += 1
        if timestamp is not None and timestamp >= DATETIME_MIN:
            self.record_times.append(timestamp)
            if has_lat:
                self.gps_times.append(timestamp)
        elif has_lat:
            self.gps_untimed = True
        if distance is not None and (self.max_distance is None or distance > self.max_distance):
            self.max_distance = distance


@dataclass(frozen=True, slots=True)
class _Layout:
    """One definition message, compiled: how big its data messages are and what to pick."""

    mesg: int
    size: int
    unpacker: struct.Struct | None
    names: tuple[str, ...]
    invalid: tuple[float, ...]
    scales: tuple[float, ...]
    ts_index: int  # index of the timestamp in the unpacked values, -1 when absent


@lru_cache(maxsize=512)
def _compile(mesg: int, big: bool, fields: bytes, dev_size: int) -> _Layout:
    wanted = _WANTED.get(mesg, {})
    fmt = [">" if big else "<"]
    names: list[str] = []
    invalid: list[float] = []
    scales: list[float] = []
    offset = gap = 0
    for i in range(0, len(fields), 3):
        number, size, base = fields[i], fields[i + 1], fields[i + 2]
        pick = _TIMESTAMP if number == FIELD_TIMESTAMP else wanted.get(number)
        decoded = _BASE_TYPES.get(base)
        if pick is not None and decoded is not None and struct.calcsize(decoded[0]) == size:
            fmt.append(f"{gap}x{decoded[0]}" if gap else decoded[0])
            names.append(pick[0])
            invalid.append(decoded[1])
            scales.append(pick[1])
            gap = 0
        else:
            gap += size
        offset += size
    unpacker = struct.Struct("".join(fmt)) if names else None
    ts_index = names.index("timestamp") if "timestamp" in names else -1
    return _Layout(
        mesg, offset + dev_size, unpacker, tuple(names), tuple(invalid), tuple(scales), ts_index
    )


def _clean(value: float, invalid: float) -> Value:
    if value == invalid or (invalid is _NAN and isnan(value)):  # the marker, or NaN for floats
        return None
    return value


class _Walker:
    """State for one file: local definitions and the compressed-timestamp base."""

    def __init__(self, data: bytes, scan: FitScan) -> None:
        self.data = data
        self.scan = scan
        self.layouts: list[_Layout | None] = [None] * 16
        self.last_ts = 0

    def reset(self) -> None:
        self.layouts = [None] * 16
        self.last_ts = 0

    def walk(self, pos: int, end: int) -> None:
        """Walk the messages in ``data[pos:end]``; raise FitDamage where they stop making sense."""
        data, layouts = self.data, self.layouts
        while pos < end:
            header = data[pos]
            pos += 1
            if header & 0x80:
                layout = layouts[(header >> 5) & 0x03]
                offset = header & _COMPRESSED_MASK
            elif header & 0x40:
                pos = self._define(pos, end, header)
                continue
            else:
                layout = layouts[header & 0x0F]
                offset = -1
            if layout is None:
                raise FitDamage("undefined local message", pos - 1)
            following = pos + layout.size
            if following > end:
                raise FitDamage("a message is cut off", pos - 1)
            if layout.unpacker is not None or offset >= 0:
                self._data(layout, pos, offset)
            pos = following

    def _define(self, pos: int, end: int, header: int) -> int:
        data = self.data
        if pos + 5 > end:
            raise FitDamage("a definition is cut off", pos - 1)
        big = data[pos + 1] != 0
        mesg = int.from_bytes(data[pos + 2 : pos + 4], "big" if big else "little")
        fields_end = pos + 5 + 3 * data[pos + 4]
        dev_size = 0
        if header & 0x20:  # developer fields follow: skip their sizes
            if fields_end >= end:
                raise FitDamage("a definition is cut off", pos - 1)
            dev_end = fields_end + 1 + 3 * data[fields_end]
            if dev_end > end:
                raise FitDamage("a definition is cut off", pos - 1)
            dev_size = sum(data[fields_end + 2 : dev_end : 3])
            following = dev_end
        else:
            following = fields_end
        if fields_end > end:
            raise FitDamage("a definition is cut off", pos - 1)
        self.layouts[header & 0x0F] = _compile(mesg, big, data[pos + 5 : fields_end], dev_size)
        return following

    def _data(self, layout: _Layout, pos: int, offset: int) -> None:
        raw = layout.unpacker.unpack_from(self.data, pos) if layout.unpacker else ()
        timestamp: int | None = None
        if layout.ts_index >= 0:
            value = raw[layout.ts_index]
            if value != layout.invalid[layout.ts_index]:
                timestamp = self.last_ts = int(value)
        if offset >= 0:  # compressed timestamp: the last full one's high bits plus 5 new ones
            base = self.last_ts
            timestamp = (base & ~_COMPRESSED_MASK) + offset
            if offset < (base & _COMPRESSED_MASK):
                timestamp += _COMPRESSED_MASK + 1
            self.last_ts = timestamp
        if layout.mesg == MESG_RECORD:
            self._record(layout, raw, timestamp)
        elif layout.mesg in (MESG_SESSION, MESG_FILE_ID):
            self._summary(layout, raw, timestamp)

    def _record(self, layout: _Layout, raw: tuple[float, ...], timestamp: int | None) -> None:
        has_lat = False
        distance = None
        for name, value, invalid, scale in zip(
            layout.names, raw, layout.invalid, layout.scales, strict=True
        ):
            if value != invalid and not (invalid is _NAN and isnan(value)):
                if name == "position_lat":
                    has_lat = True
                elif name == "distance":
                    distance = value / scale
        self.scan.add_record(timestamp, has_lat, distance)

    def _summary(self, layout: _Layout, raw: tuple[float, ...], timestamp: int | None) -> None:
        values: dict[str, Value] = {}
        for name, value, invalid, scale in zip(
            layout.names, raw, layout.invalid, layout.scales, strict=True
        ):
            clean = _clean(value, invalid)
            values[name] = clean if clean is None or scale == 1.0 else clean / scale
        values["timestamp"] = timestamp
        if layout.mesg == MESG_FILE_ID:
            file_type = values.get("type")
            self.scan.file_types.append(None if file_type is None else int(file_type))
        else:
            self.scan.sessions.append(values)


def _read_header(data: bytes, pos: int) -> tuple[int, int]:
    """The header size and declared data size of the FIT segment at ``pos``."""
    if len(data) - pos < 12 or data[pos + 8 : pos + 12] != b".FIT" or data[pos] < 12:
        raise NotFit(f"no FIT header at byte {pos}")
    if pos + data[pos] > len(data):
        raise NotFit(f"the FIT header at byte {pos} is cut off")
    return data[pos], int.from_bytes(data[pos + 4 : pos + 8], "little")


def _next_segment(data: bytes, pos: int, scan: FitScan) -> int | None:
    """The start of a chained FIT segment at ``pos``, or None (noting any lost bytes)."""
    rest = data[pos:]
    if pos > len(data):
        scan.notes.append("the file's closing CRC is missing")
        return None
    if not rest.strip(b"\x00"):
        return None  # end of file or zero padding
    try:
        _read_header(data, pos)
    except NotFit:
        scan.problems.append(
            f"the last {len(rest)} bytes (from byte {pos}) are not a readable FIT segment"
        )
        return None
    return pos


def _note_short(data: bytes, declared_end: int, scan: FitScan) -> FitScan:
    if declared_end > len(data):
        missing = declared_end - len(data)
        scan.problems.append(f"the file ends {missing} bytes before the end its header declares")
    return scan


def walk_fit(data: bytes) -> FitScan:
    """Walk all the chained FIT segments in ``data``; raise NotFit when it has no FIT header."""
    header_size, size = _read_header(data, 0)
    scan = FitScan()
    walker = _Walker(data, scan)
    pos = 0
    while True:
        start = pos + header_size
        declared_end = start + size if size else len(data)
        if not size:
            scan.problems.append(
                "the FIT header was never finalised (it declares no data), so the file was read "
                "to its end: the recording was probably cut short"
            )
        try:
            walker.walk(start, min(declared_end, len(data)))
        except FitDamage as damage:
            lost = declared_end - damage.at
            scan.problems.append(f"{damage}: the {lost} bytes from there on were lost")
            return _note_short(data, declared_end, scan)
        if declared_end > len(data):
            return _note_short(data, declared_end, scan)
        following = _next_segment(data, declared_end + 2, scan) if size else None
        if following is None:
            return scan
        pos = following
        header_size, size = _read_header(data, pos)
        walker.reset()
