"""What every command shares: reading documents, printing them, the store, bad input.

Bad input never shows a traceback: one line on stderr naming the field, exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from calfcoach.services.json_text import MAX_DOCUMENT_BYTES, UnreadableJson, parse_json

if TYPE_CHECKING:
    from calfcoach.services.bootstrap import Opened

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
USAGE_ERROR = 2


class BadInput(Exception):
    """Input the user can fix; the message is printed as one line."""


def read_json(path: str, what: str, limit: int = MAX_DOCUMENT_BYTES) -> object:
    """A JSON document from a file, or stdin for ``-``: at most ``limit`` bytes, nested at
    most ``MAX_DEPTH`` levels, no number longer than ``MAX_DIGITS`` digits."""
    try:
        data = _read_at_most(path, limit + 1)
    except OSError as error:
        raise BadInput(f"{what}: cannot read {path}: {error.strerror}") from error
    if len(data) > limit:
        raise BadInput(f"{what}: larger than {_size(limit)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{what}: {path} is not UTF-8 text") from error
    try:
        return parse_json(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{what}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except UnreadableJson as error:
        raise BadInput(f"{what}: {error}") from error


def _read_at_most(path: str, size: int) -> bytes:
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only stand-in for stdin
            return sys.stdin.read(size).encode("utf-8", "surrogateescape")
        data: bytes = stream.read(size)
        return data
    with Path(path).open("rb") as file:
        return file.read(size)


def _size(limit: int) -> str:
    mb = limit / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{limit} bytes"


def emit(document: Any, as_json: bool, show: Callable[[Any], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        show(document)


def today() -> date:
    """The runner's local date (an assessment without a date is dated today)."""
    return datetime.now().astimezone().date()


RunnerOption = Annotated[
    str | None,
    typer.Option("--runner", help="The runner's email (default: this machine's own profile)."),
]


def stored_data() -> Opened:
    """``with stored_data() as (uow, now)``: a unit of work on the database named by
    CALFCOACH_DATABASE_URL (migrated) and the current time; closed when the block ends."""
    from calfcoach.services.bootstrap import opened
    from calfcoach.settings import Settings

    return opened(Settings().database_url)


def write_output(path: Path, data: bytes, what: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise BadInput(f"{what}: cannot write {path}: {error.strerror}") from error
