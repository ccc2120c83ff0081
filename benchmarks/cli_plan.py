"""Time the whole ``calfcoach plan`` process (interpreter start-up included).

Runs the installed command on the README's example assessments, several times each, and
prints the median and spread in milliseconds. The baseline in the same run is a bare
``python -c pass`` from the same interpreter, the floor any Python command pays.

    .venv/bin/python benchmarks/cli_plan.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).parent / "calfcoach"
CASES = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "plan --json (strength runner)": [
        str(COMMAND),
        "plan",
        "--assessment",
        "docs/examples/strength-runner.json",
        "--json",
    ],
    "plan (tables, general runner)": [
        str(COMMAND),
        "plan",
        "--assessment",
        "docs/examples/general-runner.json",
    ],
    "exercises --json": [str(COMMAND), "exercises", "--json"],
}


def time_runs(argv: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"{'case':34} {'median ms':>10} {'min':>8} {'max':>8}   ({runs} runs each)")
    for name, argv in CASES.items():
        time_runs(argv, 2)  # warm the page cache
        timings = time_runs(argv, runs)
        print(
            f"{name:34} {statistics.median(timings):10.1f} {min(timings):8.1f} {max(timings):8.1f}"
        )


if __name__ == "__main__":
    main()
