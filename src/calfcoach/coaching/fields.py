"""Strict readers for fields of JSON-like documents, each naming the field it refuses.

Documents arrive as plain ``dict``/``list``/``str``/``int``/``float``/``bool`` values
(the shell parses the JSON); these functions turn them into typed values or raise
``InvalidDocument`` with the dotted field path.

Input is bounded: dates lie between 2000-01-01 and 2100-12-31, numbers are compared with
their range before any conversion (so ``1e308`` or a 5,000-digit integer is refused, never
turned into an ``OverflowError``), and a refused value is echoed in at most about 40
characters (``shown``). None of these readers recurses into the values it is given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

from calfcoach.coaching.errors import InvalidDocument

E = TypeVar("E", bound=StrEnum)

Document = Mapping[str, object]  # a document read: any mapping will do
JSON = dict[str, object]  # a document written: a plain dict, as ``json`` prints it

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_SHOWN = 40  # characters of a refused value echoed in a message
_LARGEST_SHOWN = 10**15  # a whole number past this is "a number out of range"
_LONGEST_DATE = 32  # no ISO date is longer; longer text is not parsed at all
OUT_OF_RANGE = "a number out of range"


def shown(value: object) -> str:
    """A refused value as a message echoes it: short, and never expensive to build.

    Text longer than ``MAX_SHOWN`` characters is cut and ends in ``...``; a whole number too
    large to print is "a number out of range"; lists and objects are named, not printed.
    """
    if isinstance(value, str):
        return repr(value if len(value) <= MAX_SHOWN else f"{value[:MAX_SHOWN]}...")
    if value is None or isinstance(value, bool | float):
        return repr(value)
    if isinstance(value, int):
        return str(value) if -_LARGEST_SHOWN <= value <= _LARGEST_SHOWN else OUT_OF_RANGE
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return f"a value of type {type(value).__name__}"


def clipped(name: str) -> str:
    """A key as a field path shows it: at most ``MAX_SHOWN`` characters."""
    return name if len(name) <= MAX_SHOWN else f"{name[:MAX_SHOWN]}..."


def as_mapping(value: object, field: str) -> Document:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InvalidDocument(field, "must be an object")
    return value


def only_known_keys(doc: Document, known: set[str], field: str = "") -> None:
    unknown = sorted(set(doc) - known)
    if unknown:
        name = clipped(unknown[0])
        where = f"{field}.{name}" if field else name
        raise InvalidDocument(where, f"unknown field (expected one of: {', '.join(sorted(known))})")


def as_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidDocument(field, "must be true or false")
    return value


def as_int(value: object, field: str, low: int, high: int, what: str = "") -> int:
    """A whole number in ``low..high``; ``12.0`` is 12. The range is checked first."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDocument(field, "must be a whole number")
    if isinstance(value, float) and not value.is_integer():  # also NaN and the infinities
        raise InvalidDocument(field, f"must be a whole number (got {shown(value)})")
    if not low <= value <= high:  # before int(): 1e308 is never turned into a huge int
        unit = f" {what}" if what else ""
        raise InvalidDocument(field, f"must be between {low} and {high}{unit} (got {shown(value)})")
    return int(value)


def as_float(value: object, field: str, low: float, high: float, what: str = "") -> float:
    """A number in ``low..high``. The range is checked before ``float()``, which overflows
    on integers past about 1e308."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDocument(field, "must be a number")
    if (isinstance(value, float) and math.isnan(value)) or not low <= value <= high:
        unit = f" {what}" if what else ""
        raise InvalidDocument(
            field, f"must be between {low:g} and {high:g}{unit} (got {shown(value)})"
        )
    return float(value)


def as_enum(value: object, enum: type[E], field: str) -> E:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    choices = ", ".join(member.value for member in enum)
    raise InvalidDocument(field, f"must be one of: {choices} (got {shown(value)})")


def as_date(value: object, field: str) -> date:
    """An ISO date between 2000-01-01 and 2100-12-31 (``EARLIEST_DATE``..``LATEST_DATE``)."""
    if isinstance(value, str) and len(value) <= _LONGEST_DATE:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                raise InvalidDocument(
                    field,
                    f"must be between {EARLIEST_DATE.isoformat()} and "
                    f"{LATEST_DATE.isoformat()} (got {shown(value)})",
                )
            return day
    raise InvalidDocument(field, f"must be a date like 2026-11-23 (got {shown(value)})")


def as_list(value: object, field: str) -> list[object]:
    if not isinstance(value, list):
        raise InvalidDocument(field, "must be a list")
    return value


def as_text(value: object, field: str, max_length: int = 2000) -> str:
    if not isinstance(value, str) or len(value) > max_length:
        raise InvalidDocument(field, f"must be text of at most {max_length} characters")
    return value


def expect_schema(doc: Document, schema: str) -> None:
    found = doc.get("schema", schema)
    if found != schema:
        raise InvalidDocument("schema", f"must be {schema!r} (got {shown(found)})")
