"""Reading plan and check-in documents for the month checks (see ``month_checks``).

Plain JSON in, plain values out: sessions with their week, doses per element key
(exercise, side) with side ``*`` summing every side, weekly volumes, report kinds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from calfcoach.coaching.vocabulary import (
    DayType,
    ExerciseId,
    Feeling,
    SessionKind,
    StridesCheck,
    Target,
    Weekday,
)

Doc = Mapping[str, Any]
Key = tuple[str, str]  # (exercise, side); side "*" sums every side
Volumes = dict[int, Counter[Key]]

E = ExerciseId
ALL_SIDES = "*"
WARM_UP = E.WARM_UP.value
SPRING = frozenset(
    e.value for e in (E.POGO_JUMPS, E.JUMP_ROPE, E.STRIDES, E.HILL_SURGES, E.JUMP_SQUAT)
)
HEAVY = frozenset(
    e.value
    for e in (
        E.STRAIGHT_KNEE_CALF_RAISE,
        E.BENT_KNEE_CALF_RAISE,
        E.STAIR_CALF_RAISE,
        E.SEATED_CALF_RAISE,
        E.FARMERS_CARRY,
    )
)
CALF_RAISES = HEAVY - {E.FARMERS_CARRY.value}
MOBILITY = frozenset({E.ANKLE_RANGE.value, E.SINGLE_LEG_BALANCE.value})
STRIDES_AND_SURGES = (E.STRIDES.value, E.HILL_SURGES.value)
FAMILY = {
    SessionKind.SPRING.value: SPRING,
    SessionKind.RUN_ADDON.value: SPRING,
    SessionKind.STRENGTH.value: HEAVY,
    SessionKind.MOBILITY.value: MOBILITY,
}
LARGEST_STEP = Fraction(3, 2)
STEP = {
    E.STRAIGHT_KNEE_CALF_RAISE.value: Fraction(4, 3),
    E.BENT_KNEE_CALF_RAISE.value: Fraction(6, 5),
    E.STRIDES.value: Fraction(3, 2),
}
EPSILON = 1e-9
WEEK4_FRACTION = 0.8  # S8
BLOCK_DAYS = 28
BIG_DAYS = frozenset({DayType.LONG.value, DayType.RACE.value})
WEEKDAYS = [d.value for d in Weekday]
BLOCK_TARGETS = frozenset(
    t.value for t in (Target.GENERAL, Target.ENDURANCE, Target.TIMING, Target.STRENGTH)
)
SPRING_GATE_REPS = 20  # P6
ARTICLE_TOKEN = re.compile(r"\bA[12]\b")
FLOAT_NOISE = re.compile(r"\d\.\d{4,}")
CARRY_ON = re.compile(r"carry on|stay the course", re.IGNORECASE)


def on(text: str) -> date:
    return date.fromisoformat(text)


def sessions(doc: Doc) -> Iterator[tuple[int, Doc]]:
    """(week number, session) for every session of the plan."""
    for week in doc["plan"].get("weeks", []):
        for session in week["sessions"]:
            yield week["week"], session


def where(number: int, session: Doc) -> str:
    return f"week {number} {session['day']} {session['date']} [{session['kind']}]"


def label(key: Key) -> str:
    return key[0] if key[1] == ALL_SIDES else f"{key[0]} ({key[1]})"


def dose(item: Doc) -> int:
    amount = item["reps"] if item["reps"] is not None else item["seconds"]
    return int(item["sets"]) * int(amount or 0)


def session_doses(session: Doc) -> Counter[Key]:
    doses: Counter[Key] = Counter()
    for item in session["items"]:
        if item["exercise"] != WARM_UP:
            for key in ((item["exercise"], ALL_SIDES), (item["exercise"], item["side"])):
                doses[key] += dose(item)
    return doses


def weekly(doc: Doc, after: date | None = None) -> Volumes:
    """Weekly volumes per element key (only sessions dated after ``after`` when given)."""
    volumes: Volumes = {week["week"]: Counter() for week in doc["plan"].get("weeks", [])}
    for number, session in sessions(doc):
        if after is None or on(session["date"]) > after:
            volumes[number].update(session_doses(session))
    return volumes


def peaks(doc: Doc, after: date | None = None) -> Volumes:
    """The largest session dose per week and element key."""
    largest: Volumes = {week["week"]: Counter() for week in doc["plan"].get("weeks", [])}
    for number, session in sessions(doc):
        if after is None or on(session["date"]) > after:
            for key, amount in session_doses(session).items():
                largest[number][key] = max(largest[number].get(key, 0), amount)
    return largest


def names_in(session: Doc) -> set[str]:
    return {i["exercise"] for i in session["items"]} - {WARM_UP}


def elements(doc: Doc) -> set[str]:
    return {name for _, session in sessions(doc) for name in names_in(session)}


def assessed_on(doc: Doc) -> date | None:
    if doc["plan"].get("assessed"):
        return on(doc["plan"]["assessed"])
    dated = [on(d["date"]) for d in doc.get("decisions", [])]
    return min(dated) if dated else None


def day_type(doc: Doc, when: date) -> str:
    return str(doc["plan"]["week_types"][WEEKDAYS[when.weekday()]])


def is_pain(report: Doc) -> bool:
    feeling = report["feeling"]
    return (
        feeling in {Feeling.SHARP_PAIN.value, Feeling.LIMPING.value}
        or (report.get("pain") or 0) > 5
    )


def is_bad(report: Doc) -> bool:
    return (
        report["feeling"] not in {Feeling.FINE.value, Feeling.MILD_TIGHTNESS.value}
        or (report.get("pain") or 0) > 3
        or report.get("strides_check") == StridesCheck.CLAMPED.value
        or bool(report.get("morning_stiffness_up"))
    )


def elements_about(report: Doc, plan: Doc) -> set[str]:
    about = {report["exercise"]} if report.get("exercise") else set(FAMILY.get(report["after"], ()))
    if report.get("morning_stiffness_up"):
        about |= elements(plan)
    if report.get("strides_check") == StridesCheck.CLAMPED.value:
        about |= set(STRIDES_AND_SURGES)
    return about - {WARM_UP}


def fine_about(report: Doc, exercise: str, plan: Doc) -> bool:
    if is_bad(report):
        return False
    if report.get("exercise"):
        return bool(report["exercise"] == exercise)
    kinds = {kind for kind, members in FAMILY.items() if exercise in members}
    kinds |= {s["kind"] for _, s in sessions(plan) if exercise in names_in(s)}
    return report["after"] in kinds


def cap_lifted_on(report: Doc, exercise: str, plan: Doc, later: Sequence[Doc]) -> date | None:
    """The date of the second fine report about ``exercise`` after ``report`` (never for pain)."""
    reported = on(report["date"])
    fine = sorted(
        on(r["date"]) for r in later if on(r["date"]) > reported and fine_about(r, exercise, plan)
    )
    return None if is_pain(report) or len(fine) < 2 else fine[1]


def provoking(plan: Doc, exercise: str, reported: date) -> dict[Key, tuple[int, int, int]]:
    """Per key of ``exercise``: (week, session dose, week volume) of its latest session on or
    before ``reported`` (the larger dose when two sessions share that date)."""
    volumes, latest = weekly(plan), dict[Key, tuple[date, int, int]]()
    for number, session in sessions(plan):
        when = on(session["date"])
        for key, amount in session_doses(session).items():
            if key[0] == exercise and when <= reported:
                latest[key] = max(latest.get(key, (when, amount, number)), (when, amount, number))
    return {
        key: (number, amount, volumes[number][key]) for key, (_, amount, number) in latest.items()
    }


def report_week(plan: Doc, checkin: Doc) -> int | None:
    """The week a report is about: its ``week``, else the week of the latest session of kind
    ``after`` on or before its date, else the week holding its date."""
    if checkin.get("week") is not None:
        return int(checkin["week"])
    reported = on(checkin["date"])
    done = [(on(s["date"]), n) for n, s in sessions(plan) if s["kind"] == checkin["after"]]
    done = [d for d in done if d[0] <= reported]
    if done:
        return max(done)[1]
    offset = (reported - on(plan["plan"]["start"])).days
    return offset // 7 + 1 if 0 <= offset < BLOCK_DAYS else None


def runner_texts(doc: Doc) -> Iterator[tuple[str, str]]:
    """(where, text) for every runner-facing text of a plan document."""
    for decision in doc.get("decisions", []):
        yield f"decision {decision['date']} {decision['rule']}", decision["text"]
    for reason in doc["diagnosis"].get("reasons", []):
        yield f"reason {reason.get('rule')}", reason.get("text") or ""
    for finding in doc["diagnosis"].get("findings", []):
        yield f"finding {finding.get('code')}", finding.get("text") or ""
    for week in doc["plan"].get("weeks", []):
        for note in week.get("notes", []):
            yield (
                f"week {week['week']} note",
                note if isinstance(note, str) else note.get("text", ""),
            )
    for number, session in sessions(doc):
        for item in session["items"]:
            yield f"{where(number, session)} {item['exercise']} note", item.get("note") or ""


def text_problems(place: str, text: str) -> list[str]:
    found = ARTICLE_TOKEN.findall(text) + FLOAT_NOISE.findall(text)
    return [f"{place}: {token!r} in {text!r}" for token in found]


def plan_items(doc: Doc) -> Counter[tuple[Any, ...]]:
    fields = ("exercise", "sets", "reps", "seconds", "side")
    return Counter((n, *(i[f] for f in fields)) for n, s in sessions(doc) for i in s["items"])


# --------------------------------------------------------------------------- limits


def capped(
    final: Doc, key: Key, since: date, until: date | None, cap: tuple[int, int, int]
) -> list[str]:
    """Sessions of ``key`` dated after ``since`` (and up to ``until``) stay within ``cap``."""
    week, session_cap, week_cap = cap
    volumes, checked, lifted, problems = weekly(final), set[int](), set[int](), []
    for number, session in sessions(final):
        when, amount = on(session["date"]), session_doses(session).get(key)
        if amount is None or when <= since:
            continue
        if until is not None and when > until:
            lifted.add(number)
            continue
        checked.add(number)
        if amount > session_cap:
            problems.append(
                f"{where(number, session)}: {label(key)} dose {amount} is more than the "
                f"{session_cap} (week {week}) that provoked the bad report of {since}"
            )
    for number in sorted(checked - lifted):
        if volumes[number][key] > week_cap:
            problems.append(
                f"week {number}: {label(key)} volume {volumes[number][key]} is more than week "
                f"{week}'s {week_cap} that provoked the bad report of {since}"
            )
    return problems


def raised_after(before: Doc, after: Doc, reported: date) -> list[str]:
    old_weeks, new_weeks = weekly(before, reported), weekly(after, reported)
    old_peak: Counter[Key] = Counter()
    for counter in peaks(before, reported).values():
        old_peak |= counter
    problems = []
    for number, session in sessions(after):
        if on(session["date"]) > reported:
            for key, amount in sorted(session_doses(session).items()):
                if amount > old_peak.get(key, 0):
                    problems.append(
                        f"{where(number, session)}: {label(key)} dose {amount} is higher than "
                        f"any ({old_peak.get(key, 0)}) after {reported} in the referred plan"
                    )
    for number, counter in sorted(new_weeks.items()):
        old = old_weeks.get(number, Counter())
        problems += [
            f"week {number}: {label(key)} volume after {reported} rose from "
            f"{old.get(key, 0)} to {amount}"
            for key, amount in sorted(counter.items())
            if amount > old.get(key, 0)
        ]
    return problems
