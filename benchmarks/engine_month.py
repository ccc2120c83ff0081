"""Time the engine's month in-process: build a plan, then answer a month of check-ins.

Each round plans four runners (general, strength, timing with an awkward bounce, goal size
with situations) and feeds each plan eight check-ins through the plan documents, as
``calfcoach plan`` and ``calfcoach adjust --json`` do (JSON in, JSON out, minus the process
start). It prints the median and the spread of the time per ``plan`` and per ``adjust``.

    .venv/bin/python benchmarks/engine_month.py --rounds 30
    .venv/bin/python benchmarks/engine_month.py --rounds 30 --src /path/to/older/src

``--src`` times another checkout's engine in the same run (the baseline for a comparison).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

RUNNERS: list[dict[str, Any]] = [
    {"heel_raise": {"left": 22, "right": 22}},
    {"heel_raise": {"left": 8, "right": 14}, "knee_to_wall": {"left_cm": 8.0, "right_cm": 11.0}},
    {"heel_raise": {"left": 25, "right": 24}, "bounce": {"seconds": 70, "awkward": True}},
    {
        "heel_raise": {"left": 20, "right": 30},
        "goal": "size",
        "situations": ["uphill", "finishing_kick", "trail"],
    },
]
# Day offsets from the block's start and the report: a month of mixed mornings.
REPORTS: list[tuple[int, dict[str, Any]]] = [
    (2, {"after": "run_addon", "feeling": "fine", "strides_check": "snappy"}),
    (4, {"after": "strength", "feeling": "mild_tightness"}),
    (9, {"after": "spring", "feeling": "ropey", "pain": 2}),
    (11, {"after": "strength", "feeling": "fine", "morning_stiffness_up": True}),
    (16, {"after": "spring", "feeling": "fine"}),
    (18, {"after": "strength", "feeling": "fine", "pain": 5}),
    (23, {"after": "run_addon", "feeling": "fine", "strides_check": "clamped"}),
    (25, {"after": "strength", "feeling": "fine"}),
]
ASSESSED = date(2026, 11, 22)


def one_round(engine: Any) -> tuple[list[float], list[float]]:
    plans, adjusts = [], []
    for runner in RUNNERS:
        started = time.perf_counter()
        doc = engine.plan_from_assessment({"date": ASSESSED.isoformat(), **runner}, ASSESSED)
        plans.append(time.perf_counter() - started)
        start = date.fromisoformat(doc["plan"]["start"])
        for offset, report in REPORTS:
            on = start + timedelta(days=offset)
            week = offset // 7 + 1
            checkin = {"date": on.isoformat(), "week": week, **report}
            text = json.dumps(doc)  # each check-in reads the stored plan afresh
            started = time.perf_counter()
            doc = engine.adjust_plan(json.loads(text), checkin)
            adjusts.append(time.perf_counter() - started)
    return plans, adjusts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--src", help="another checkout's src/ to time in the same run")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, args.src)
    from calfcoach.services import engine

    one_round(engine)  # warm-up: imports and caches
    plans: list[float] = []
    adjusts: list[float] = []
    for _ in range(args.rounds):
        p, a = one_round(engine)
        plans += p
        adjusts += a
    where = engine.__file__
    print(f"engine from {where}")
    print(f"{'call':<8} {'median ms':>10} {'p10':>8} {'p90':>8} {'max':>8}   (n)")
    for name, times in (("plan", plans), ("adjust", adjusts)):
        ms = sorted(t * 1000 for t in times)
        p10, p90 = ms[len(ms) // 10], ms[len(ms) * 9 // 10]
        print(
            f"{name:<8} {statistics.median(ms):>10.2f} {p10:>8.2f} {p90:>8.2f} {ms[-1]:>8.2f}"
            f"   ({len(ms)})"
        )


if __name__ == "__main__":
    main()
