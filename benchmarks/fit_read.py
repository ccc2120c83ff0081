"""Time ``read_fit`` against fitdecode decoding every frame, over the shared FIT files.

Both read the same bytes already in memory (no disk in the timing): ``read_fit`` builds the
activity summaries; the baseline iterates every frame with fitdecode's defaults (CRC warn,
default data processor), which is what a straightforward reader does. Each pass reads the
whole set once; the script prints the median of the passes and the ratio.

    .venv/bin/python benchmarks/fit_read.py [--passes 3] [--folder ../shared/data/fit]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import fitdecode

from calfcoach.history.fit import read_fit

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "fit"


def fitdecode_every_frame(data: bytes) -> int:
    frames = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fitdecode.FitReader(io.BytesIO(data)) as reader:
            for _frame in reader:
                frames += 1
    return frames


def timed(files: dict[str, bytes], read: Callable[[bytes, str], object], passes: int) -> float:
    times = []
    for _ in range(passes):
        started = time.perf_counter()
        for name, data in files.items():
            read(data, name)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    options = parser.parse_args()
    files = {path.name: path.read_bytes() for path in sorted(options.folder.glob("*.fit"))}
    if not files:
        print(f"no .fit files in {options.folder}", file=sys.stderr)
        return 1
    size = sum(len(data) for data in files.values()) / 1e6
    fast = timed(files, read_fit, options.passes)
    slow = timed(files, lambda data, _name: fitdecode_every_frame(data), options.passes)
    print(f"{len(files)} files, {size:.2f} MB, median of {options.passes} passes")
    print(f"read_fit                  {fast:8.3f} s  {size / fast:7.2f} MB/s")
    print(f"fitdecode, every frame    {slow:8.3f} s  {size / slow:7.2f} MB/s")
    print(f"ratio                     {slow / fast:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
