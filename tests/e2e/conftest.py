"""Run the installed ``calfcoach`` console script as a real subprocess.

The command is the one installed next to the running interpreter, so these tests prove the
entry point, the exit codes and what lands on stdout and stderr, not just the Typer app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

COMMAND = Path(sys.executable).parent / "calfcoach"
FILES = Path(__file__).resolve().parent.parent / "files"
ASSESSMENTS = FILES / "assessments"
CHECKINS = FILES / "checkins"

# Variables that would make Rich treat the pipe as a colour terminal.
_FORCING_A_TERMINAL = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return (
            f"calfcoach {' '.join(self.args)} -> exit {self.code}\n"
            f"--- stdout ---\n{self.stdout[:2000]}\n--- stderr ---\n{self.stderr[:2000]}"
        )


Run = Callable[..., Result]


def run_calfcoach(*args: str | Path, stdin: str | bytes = "") -> Result:
    """Run ``calfcoach ARGS`` with ``stdin`` (empty unless given) and capture both streams."""
    env = {k: v for k, v in os.environ.items() if k not in _FORCING_A_TERMINAL}
    # Wide and plain, so that human output is not wrapped in the middle of a sentence.
    env.update(COLUMNS="400", LINES="100", NO_COLOR="1", TERM="dumb")
    argv = [str(COMMAND), *(str(a) for a in args)]
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run(argv, input=data, capture_output=True, env=env, timeout=60, check=False)
    return Result(
        args=tuple(argv[1:]),
        code=done.returncode,
        stdout=done.stdout.decode("utf-8"),
        stderr=done.stderr.decode("utf-8", errors="replace"),
    )


@pytest.fixture(scope="session")
def run() -> Run:
    if not COMMAND.is_file():
        pytest.fail(f"the calfcoach command is not installed next to the interpreter: {COMMAND}")
    return run_calfcoach


@pytest.fixture(scope="session")
def planned(run: Run) -> Callable[[str], Result]:
    """``plan --json`` of a sample assessment (by file stem, or ``example``), run once a session."""
    cache: dict[str, Result] = {}

    def plan(name: str) -> Result:
        if name not in cache:
            source = ("--example",) if name == "example" else ("--assessment", ASSESSMENTS / name)
            cache[name] = run("plan", *source, "--json")
        return cache[name]

    return plan
