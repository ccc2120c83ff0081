"""Plan documents for the month tests: a month lived through the public services, and a
hand-built good plan (A1's general table) for the tests that break a plan on purpose."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.vocabulary import Weekday
from calfcoach.services.engine import adjust_plan, plan_from_assessment
from tests.unit.coaching.month_documents import Doc, on
from tests.unit.coaching.month_strategies import month_checkins

# --------------------------------------------------------------------------- a lived month


@dataclass(frozen=True)
class Step:
    """One check-in: the plan it was given to, and the adjusted plan or the refusal."""

    before: Doc
    checkin: dict[str, Any]
    after: Doc | None
    error: InvalidDocument | None


@dataclass(frozen=True)
class Month:
    first: Doc
    steps: list[Step]

    @property
    def accepted(self) -> list[Step]:
        return [s for s in self.steps if s.after is not None]

    @property
    def final(self) -> Doc:
        plans = [s.after for s in self.steps if s.after is not None]
        return plans[-1] if plans else self.first

    def plans(self) -> list[tuple[str, Doc]]:
        """Every plan of the month, labelled: the first, then each adjusted one."""
        adjusted = [(f"after {s.checkin}", s.after) for s in self.steps if s.after is not None]
        return [("the first plan", self.first), *adjusted]

    def reports(self, check: Callable[[Step], list[str]], *, refused: bool = False) -> list[str]:
        """``check`` run on each accepted check-in (each one, with ``refused``), labelled."""
        steps = self.steps if refused else self.accepted
        return [f"after {s.checkin}: {p}" for s in steps for p in check(s)]

    def problems(self, check: Callable[..., list[str]], *args: Any) -> list[str]:
        """``check`` run on every plan of the month, each problem labelled with its plan."""
        return [f"{label}: {p}" for label, plan in self.plans() for p in check(plan, *args)]


def live_month(assessment: dict[str, Any], today: date, specs: list[dict[str, Any]]) -> Month:
    """Plan ``assessment``, then apply each check-in of ``specs`` to the previous output."""
    first: Doc = plan_from_assessment(copy.deepcopy(assessment), today)
    return lived(first, on(assessment["date"]) if "date" in assessment else today, specs)


def lived(first: Doc, assessed: date, specs: list[dict[str, Any]]) -> Month:
    """Apply each check-in of ``specs`` to the previous output, from the plan ``first``."""
    plan, steps = first, []
    for checkin in month_checkins(specs, assessed, on(first["plan"]["start"])):
        try:
            after: Doc = adjust_plan(copy.deepcopy(plan), copy.deepcopy(checkin))
        except InvalidDocument as refused:
            steps.append(Step(plan, checkin, None, refused))
        else:
            steps.append(Step(plan, checkin, after, None))
            plan = after
    return Month(first, steps)


# --------------------------------------------------------------------------- a good plan

TESTED = date(2026, 11, 18)  # a Wednesday
MONDAY = date(2026, 11, 23)  # the block's first day
WEEK_TYPES = dict(
    zip(Weekday, ["easy", "quality", "easy", "easy", "easy", "long", "easy"], strict=True)
)
WEEK = timedelta(weeks=1)
TUE1, WED1 = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
MON2, TUE2 = MONDAY + WEEK, MONDAY + WEEK + timedelta(days=1)
MON3, TUE3, WED3 = (MONDAY + 2 * WEEK + timedelta(days=d) for d in (0, 1, 2))
MON4 = MONDAY + 3 * WEEK
SK, BK = "straight_knee_calf_raise", "bent_knee_calf_raise"
# A1's table: (straight-knee sets x reps, bent-knee sets x reps) on Tuesday and Thursday...
A1_STRENGTH = {
    1: ((3, 6), (3, 10)),
    2: ((4, 6), (3, 12)),
    3: ((5, 5), (4, 10)),
    4: ((4, 5), (4, 8)),
}
# ... and the run line: (kind, exercise, sets, seconds, days after Monday).
A1_RUN = {
    1: ("run_addon", "strides", 4, 15, (0, 2)),
    2: ("spring", "pogo_jumps", 2, 20, (0,)),
    3: ("run_addon", "strides", 6, 15, (0, 2)),
    4: ("run_addon", "hill_surges", 6, 10, (0,)),
}


def item(
    exercise: str,
    sets: int,
    reps: int | None = None,
    seconds: int | None = None,
    side: str = "both",
) -> dict[str, Any]:
    return {
        "exercise": exercise,
        "sets": sets,
        "reps": reps,
        "seconds": seconds,
        "side": side,
        "note": "Heavy and slow: 2-3 s down" if reps is not None else "Quick, light contacts",
    }


def session_on(day: date, kind: str, *items: dict[str, Any]) -> dict[str, Any]:
    warm_up = item("warm_up", 1, seconds=300)
    return {
        "day": list(Weekday)[day.weekday()].value,
        "date": day.isoformat(),
        "kind": kind,
        "items": [warm_up, *items],
    }


def good_plan() -> dict[str, Any]:
    """A1's general block for a runner tested on Wednesday 2026-11-18 with 25 reps a side."""
    weeks = []
    for number, ((sk_sets, sk_reps), (bk_sets, bk_reps)) in A1_STRENGTH.items():
        monday = MONDAY + timedelta(weeks=number - 1)
        kind, exercise, sets, seconds, days = A1_RUN[number]
        sessions = [
            session_on(
                monday + timedelta(days=d),
                "strength",
                item(SK, sk_sets, sk_reps),
                item(BK, bk_sets, bk_reps),
            )
            for d in (1, 3)
        ]
        sessions += [
            session_on(monday + timedelta(days=d), kind, item(exercise, sets, seconds=seconds))
            for d in days
        ]
        sessions.sort(key=lambda s: str(s["date"]))
        weeks.append({"week": number, "notes": ["Keep every run easy."], "sessions": sessions})
    return {
        "schema": "calfcoach.plan/1",
        "diagnosis": {
            "target": "general",
            "urgency": None,
            "findings": [],
            "reasons": [{"rule": "P8", "text": "25 and 25 clean reps: follow the table."}],
        },
        "plan": {
            "start": MONDAY.isoformat(),
            "assessed": TESTED.isoformat(),
            "week_types": {day.value: kind for day, kind in WEEK_TYPES.items()},
            "weeks": weeks,
        },
        "decisions": [{"date": TESTED.isoformat(), "rule": "P8", "text": "The table as written."}],
    }


def items_on(doc: dict[str, Any], day: date) -> list[dict[str, Any]]:
    """The items of the (first) session on ``day``, to edit in place."""
    for week in doc["plan"]["weeks"]:
        for session in week["sessions"]:
            if session["date"] == day.isoformat():
                found: list[dict[str, Any]] = session["items"]
                return found
    raise LookupError(day)


def find(doc: dict[str, Any], day: date, exercise: str) -> dict[str, Any]:
    return next(i for i in items_on(doc, day) if i["exercise"] == exercise)


def report(day: date, after: str = "spring", feeling: str = "fine", **more: Any) -> dict[str, Any]:
    return {
        "schema": "calfcoach.checkin/1",
        "date": day.isoformat(),
        "after": after,
        "feeling": feeling,
        "pain": None,
        "strides_check": None,
        "morning_stiffness_up": False,
        **more,
    }


def with_decision(doc: dict[str, Any], day: date, rule: str, text: str) -> dict[str, Any]:
    changed = copy.deepcopy(doc)
    changed["decisions"].append({"date": day.isoformat(), "rule": rule, "text": text})
    return changed


def asymmetric(weak: str = "left") -> dict[str, Any]:
    """The good plan for a weaker ``weak`` side: per-side raises, one extra set on it."""
    doc = good_plan()
    strong = "right" if weak == "left" else "left"
    doc["diagnosis"]["findings"] = [{"code": "heel_raise_asymmetry", "side": weak, "rule": "C6"}]
    for week in doc["plan"]["weeks"]:
        for session in week["sessions"]:
            split = []
            for i in session["items"]:
                if i["exercise"] in {SK, BK}:
                    split += [{**i, "side": weak, "sets": i["sets"] + 1}, {**i, "side": strong}]
                else:
                    split.append(i)
            session["items"] = split
    return doc


def held_plan() -> dict[str, Any]:
    """The good plan with week 3 a copy of week 2 (a hold after a stiff morning in week 2)."""
    doc = good_plan()
    doc["plan"]["weeks"][2]["sessions"] = [
        {**s, "date": (on(s["date"]) + WEEK).isoformat()}
        for s in copy.deepcopy(doc["plan"]["weeks"][1]["sessions"])
    ]
    return doc


def without(doc: dict[str, Any], exercise: str) -> dict[str, Any]:
    """``doc`` with every item of ``exercise`` taken out."""
    changed = copy.deepcopy(doc)
    for week in changed["plan"]["weeks"]:
        for session in week["sessions"]:
            session["items"] = [i for i in session["items"] if i["exercise"] != exercise]
    return changed
