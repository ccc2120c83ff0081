"""JSON text from outside, read with bounds on nesting and on the length of numbers.

Python's ``json`` recurses once per level of nesting (``'[' * 100000`` ends in a
``RecursionError``) and refuses integers of more than 4300 digits with a bare ``ValueError``.
``parse_json`` checks the nesting depth with a cheap scan before parsing, refuses integers
longer than ``MAX_DIGITS`` digits while parsing, and turns both into ``UnreadableJson`` with a
one-line message. Text that is not JSON at all still raises ``json.JSONDecodeError`` (with its
line and column), so callers keep their own wording for it.
"""

from __future__ import annotations

import json
import re

MAX_DEPTH = 64  # no calfcoach document nests deeper than about a dozen levels
MAX_DIGITS = 100  # digits of a whole number; real fields never need more than a few
MAX_DOCUMENT_BYTES = 1024 * 1024  # an assessment, check-in or plan document
MAX_DATA_BYTES = 200 * 1024 * 1024  # a whole data export (calfcoach.data/1), as uploads

# A JSON string (an unterminated one runs to the end) or one bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


class UnreadableJson(ValueError):
    """JSON calfcoach will not read: too deeply nested, or a number far too long."""


class _NumberTooLong(Exception):
    pass


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> object:
    """The value of ``text``: ``UnreadableJson`` past the bounds, ``JSONDecodeError`` if it
    is not JSON at all."""
    if nested_deeper_than(text, max_depth):
        raise UnreadableJson(f"nested deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_int=_whole_number)
    except _NumberTooLong:
        raise UnreadableJson(f"numbers longer than {MAX_DIGITS} digits are not accepted") from None
    except RecursionError:  # a smaller stack than the scan assumes
        raise UnreadableJson(f"nested deeper than {max_depth} levels") from None


def nested_deeper_than(text: str, limit: int) -> bool:
    """Whether arrays and objects in ``text`` nest more than ``limit`` levels deep.

    Brackets inside strings do not count. The scan stops at the first level too deep, so
    ``'[' * 100000`` costs ``limit`` steps, not a hundred thousand.
    """
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        first = match.group()[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _NumberTooLong
    return int(digits)
