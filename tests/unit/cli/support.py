"""Run the ``calfcoach`` command inside the test process, and check what it printed.

``invoke`` calls ``calfcoach.cli.main`` (what the installed console script calls) with stdin,
stdout, stderr and the environment swapped by Typer's ``CliRunner``: the same exit codes and
the same two streams as tests/e2e's real subprocess, without starting Python each time. The
e2e tests keep one real subprocess per command; the many cases of parsing and validation run
here.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calfcoach.cli import main
from tests.e2e.conftest import Result

# Wide and plain, as tests/e2e/conftest.py runs the real command.
PLAIN = {"COLUMNS": "400", "LINES": "100", "NO_COLOR": "1", "TERM": "dumb"}
FORCING_A_TERMINAL = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")


def invoke(*args: str | Path, stdin: str | bytes = "") -> Result:
    """``calfcoach ARGS`` in this process, with ``stdin`` (empty unless given)."""
    argv = [str(a) for a in args]
    env: dict[str, str | None] = {**PLAIN, **dict.fromkeys(FORCING_A_TERMINAL)}
    with CliRunner().isolation(input=stdin, env=env) as (stdout, stderr, _):
        code = main(argv)
        sys.stdout.flush()
        sys.stderr.flush()
        return Result(
            args=tuple(argv),
            code=code,
            stdout=stdout.getvalue().decode("utf-8"),
            stderr=stderr.getvalue().decode("utf-8", errors="replace"),
        )


def assert_ok(result: Result) -> None:
    assert result.code == 0, str(result)
    assert result.stderr == "", str(result)


def assert_one_json_document(result: Result) -> object:
    """A successful ``--json`` call: stdout is exactly one JSON document, stderr is empty."""
    assert_ok(result)
    try:
        return result.json()
    except json.JSONDecodeError as error:
        pytest.fail(f"stdout is not exactly one JSON document ({error}):\n{result}")


def assert_refused(result: Result, field: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that names ``field``, never a traceback."""
    assert "Traceback" not in result.stderr, str(result)
    assert result.code == 2, str(result)
    assert result.stdout == "", str(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"stderr must be exactly one line:\n{result}"
    assert lines[0].strip(), str(result)
    named = re.compile(rf"(?<![\w\-\[\].]){re.escape(field)}(?![\w\-\[])")
    assert named.search(lines[0]), f"stderr does not name {field!r}:\n{result}"
