"""The README's examples are real: every ``$ calfcoach ...`` line in a ``console`` block is
run and its output must match what the README shows.

Regenerate after a deliberate change with ``.venv/bin/python tests/e2e/test_readme.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def run(command: str) -> str:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    done = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return "\n".join(line.rstrip() for line in done.stdout.splitlines()) + "\n"


def examples(text: str) -> list[tuple[str, str]]:
    """(command, shown output) for every ``$`` line of every console block."""
    found = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ (.*)\n", block, flags=re.MULTILINE)
        found += list(zip(parts[1::2], parts[2::2], strict=True))
    return found


CASES = examples(README.read_text(encoding="utf-8"))


def test_readme_has_the_three_promised_examples() -> None:
    commands = " ".join(command for command, _ in CASES)
    assert "strength-runner.json" in commands
    assert "red-flag-runner.json" in commands
    assert "ropey-checkin.json" in commands


@pytest.mark.parametrize(("command", "shown"), CASES, ids=[c for c, _ in CASES])
def test_readme_example_output_is_real(command: str, shown: str) -> None:
    assert run(command) == shown


def update() -> None:
    text = README.read_text(encoding="utf-8")

    def render(match: re.Match[str]) -> str:
        commands = re.findall(r"^\$ (.*)$", match.group(1), flags=re.MULTILINE)
        body = "".join(f"$ {command}\n{run(command)}" for command in commands)
        return f"```console\n{body}```"

    README.write_text(BLOCK.sub(render, text), encoding="utf-8")


if __name__ == "__main__":
    update()
