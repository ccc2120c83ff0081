"""The slow, thorough path: fitdecode decodes every frame into the same ``FitScan``.

Used when the fast walker meets something it does not expect. fitdecode streams, so a
damaged file still yields every frame before the damage; the error is kept as a problem.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import fitdecode

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.fit_walker import (
    MESG_FILE_ID,
    MESG_RECORD,
    MESG_SESSION,
    SESSION_FIELDS,
    FitScan,
    Value,
)


def scan_with_fitdecode(data: bytes) -> FitScan:
    """Decode every frame of ``data`` with fitdecode; raise UnreadableFile if none is a FIT one."""
    scan = FitScan()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _read(data, scan)
    except Exception as error:  # fitdecode raises more than FitError on hostile bytes
        if not scan.file_types and not scan.records and not scan.sessions:
            raise UnreadableFile(f"not a readable FIT file ({error})") from None
        scan.problems.append(f"{error}: the data from there on was lost")
    # a bad CRC alone is not reported (see fit.py); other warnings are kept as notes
    scan.notes.extend(sorted({str(w.message) for w in caught if "CRC" not in str(w.message)}))
    if not scan.file_types and not scan.records and not scan.sessions and not scan.problems:
        raise UnreadableFile("not a FIT file (no FIT data)")
    return scan


def _read(data: bytes, scan: FitScan) -> None:
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.WARN,
        error_handling=fitdecode.ErrorHandling.WARN,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                _message(frame, scan)


def _message(message: Any, scan: FitScan) -> None:
    number = message.global_mesg_num
    if number == MESG_RECORD:
        distance = _number(message, "distance")
        scan.add_record(
            _int(_number(message, "timestamp")),
            _number(message, "position_lat") is not None,
            None if distance is None else distance / 100.0,
        )
    elif number == MESG_SESSION:
        values: dict[str, Value] = {}
        for name, scale in SESSION_FIELDS.values():
            value = _number(message, name)
            values[name] = value if value is None or scale == 1.0 else value / scale
        values["timestamp"] = _int(_number(message, "timestamp"))
        scan.sessions.append(values)
    elif number == MESG_FILE_ID:
        scan.file_types.append(_int(_number(message, "type")))


def _number(message: Any, field: str) -> float | None:
    """A field's raw (unscaled) number, or None when absent, invalid or not a number."""
    value = message.get_raw_value(field, fallback=None)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
