"""Strict readers for fields of JSON-like documents, each naming the field it refuses.

Documents arrive as plain ``dict``/``list``/``str``/``int``/``float``/``bool`` values
(the shell parses the JSON); these functions turn them into typed values or raise
``InvalidDocument`` with the dotted field path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

from calfcoach.coaching.errors import InvalidDocument

E = TypeVar("E", bound=StrEnum)

Document = Mapping[str, object]


def as_mapping(value: object, field: str) -> Document:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InvalidDocument(field, "must be an object")
    return value


def only_known_keys(doc: Document, known: set[str], field: str = "") -> None:
    unknown = sorted(set(doc) - known)
    if unknown:
        where = f"{field}.{unknown[0]}" if field else unknown[0]
        raise InvalidDocument(where, f"unknown field (expected one of: {', '.join(sorted(known))})")


def as_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidDocument(field, "must be true or false")
    return value


def as_int(value: object, field: str, low: int, high: int, what: str = "") -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDocument(field, "must be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidDocument(field, f"must be a whole number (got {value})")
        value = int(value)
    if not low <= value <= high:
        unit = f" {what}" if what else ""
        raise InvalidDocument(field, f"must be between {low} and {high}{unit} (got {value})")
    return value


def as_float(value: object, field: str, low: float, high: float, what: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDocument(field, "must be a number")
    number = float(value)
    if math.isnan(number) or not low <= number <= high:
        unit = f" {what}" if what else ""
        raise InvalidDocument(field, f"must be between {low:g} and {high:g}{unit} (got {value})")
    return number


def as_enum(value: object, enum: type[E], field: str) -> E:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    choices = ", ".join(member.value for member in enum)
    raise InvalidDocument(field, f"must be one of: {choices} (got {value!r})")


def as_date(value: object, field: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidDocument(field, f"must be a date like 2026-11-23 (got {value!r})")


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
        raise InvalidDocument("schema", f"must be {schema!r} (got {found!r})")
