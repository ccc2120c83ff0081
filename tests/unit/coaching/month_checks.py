"""Pure checks on plan documents: does a four-week block hold up under check-ins?

Every ``violations_*`` function reads JSON documents only (the ``calfcoach.plan/1`` and
``calfcoach.checkin/1`` shapes of interfaces.md) and returns human-readable problems naming
the week, date and exercise; an empty list means the rule holds. Rule ids are coaching.md's.

Definitions:

- Plan document: ``doc["plan"]["start"]``; ``doc["plan"]["weeks"]`` = ``[{"week": n,
  "sessions": [{"day", "date", "kind", "items": [{"exercise", "sets", "reps", "seconds",
  "side", "note"}]}]}]``; ``doc["plan"]["week_types"]`` = ``{"mon": "rest", ...}``;
  ``doc["diagnosis"]["target"]`` and ``["urgency"]``; ``doc["decisions"]`` = ``[{"date", "rule",
  "text"}]``. The assessment date is ``doc["plan"]["assessed"]`` when present, else the
  earliest decision date. The block runs from ``start`` to the day after week 4 (start + 28).
- An element is an exercise id other than ``warm_up``. An item's dose = sets x (reps if reps is
  not None else seconds); an element's session dose = the sum of its items' doses in that
  session; its weekly volume = the sum over that week's sessions. Every dose rule is checked
  per exercise (side ``*``) and per (exercise, side).
- Spring/speed: pogo_jumps, jump_rope, strides, hill_surges, jump_squat. Heavy strength:
  straight_knee_calf_raise, bent_knee_calf_raise, stair_calf_raise, seated_calf_raise,
  farmers_carry.
- Largest step of A1's table (ratio of weekly volumes of consecutive weeks): straight-knee 4/3
  (3x6 -> 4x6), bent-knee 6/5 (3x10 -> 3x12), strides 3/2 (4x15 -> 6x15); any other 3/2.
- A bad report: feeling ropey, sharp_pain or limping, or pain > 3, or strides_check clamped, or
  morning_stiffness_up. A pain report: sharp_pain, limping or pain > 5. A fine report: not bad.
  A bad report is about the named ``exercise`` if given, else by ``after`` (spring, run_addon ->
  spring/speed; strength -> heavy strength; mobility -> ankle_range, single_leg_balance); plus
  every element when morning_stiffness_up, plus strides and hill_surges when clamped. A fine
  report is about an element when it names it, or names none and ``after`` is the element's
  family (or the kind of a session holding it).

Checks:

- P1 ``violations_rise``: for each element and week w holding it, against the latest earlier
  week w' holding it, weekly(w) <= step x weekly(w') and its largest session dose likewise.
- P2 ``violations_after_bad_report(before, checkin, final, later)``: for each element the report
  is about with a session on or before the report date in ``before`` (the plan it was given
  to), the provoking dose / week volume are those of the latest such session / its week. In
  ``final`` every session of it dated after the report, and every week holding one, stays
  within them until two fine reports about it dated after the bad one (in ``later``, the
  check-ins accepted after it); after a pain report the cap never lifts within the block.
- P3 ``violations_hold(before, checkin, after)``: after morning_stiffness_up the held week is the
  week after the report's week (its ``week``, else the week of the latest session of kind
  ``after`` on or before its date in ``before``, else the week holding its date); in the
  adjusted plan no element of the held week exceeds (or is absent from) the report's week.
  Not checked when the held week began before the report date (e.g. a report after the
  block reaching back to week 2 through its latest session): the past cannot be held.
- P4 ``violations_week4``: for each element in weeks 3 and 4, weekly(4) <= round(0.8 x weekly(3))
  and its largest session dose likewise; strides + hill_surges seconds of week 4 <= round(0.8 x
  week 3's) when week 3 has any.
- P5 ``violations_refer(before, checkin, after, earlier)``: when ``before`` has target refer or an
  urgency, no new decision has rule S1 or says "carry on" / "stay the course", no session dose
  after the report date exceeds ``before``'s (per element, and per week) and refer stays refer;
  limping, or sharp_pain after an earlier sharp_pain (in ``earlier``), leaves the target refer.
- P6 ``violations_days(doc, assessment)``: no session on or before the assessment date; at most
  one spring/speed element a date; no heavy strength the day after a race day; no spring/speed
  on a long or race day or the day before one; no spring/speed at all when either heel_raise
  side of the assessment is under 20.
- ``violations_pain_reports_accepted(plan, checkin, error)``: a report may be refused only when it
  is no pain report and its date lies outside the block (refusal naming ``date``) or it names a
  week the plan lacks (naming ``week``).
- ``violations_words``: no decision, reason, finding, week-note or item-note text holds the word
  "A1" or "A2" or a number with 4 or more decimals (float noise).
- C6 ``violations_asymmetry``: with a heel_raise_asymmetry finding on side S, wherever a calf raise
  has a left and a right item, side S has exactly one more set, with the same reps/seconds.
- ``violations_situation``, C7 ``violations_ankle_side``, A2 ``violations_goal_size``: for a
  block target (general, endurance, timing, strength), a situation changes some item (exercise,
  sets, reps, seconds, side) and not the target; knee-to-wall sides more than 2.0 cm apart
  give an ankle_range item on the stiffer side; goal size keeps straight- and bent-knee raises,
  adds a stair or seated raise, and keeps goal speed's target.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.vocabulary import DayType, Feeling, Side, Target
from tests.unit.coaching.month_documents import (
    ALL_SIDES,
    BIG_DAYS,
    BLOCK_DAYS,
    BLOCK_TARGETS,
    CALF_RAISES,
    CARRY_ON,
    EPSILON,
    HEAVY,
    LARGEST_STEP,
    SPRING,
    SPRING_GATE_REPS,
    STEP,
    STRIDES_AND_SURGES,
    WARM_UP,
    WEEK4_FRACTION,
    Doc,
    Key,
    assessed_on,
    cap_lifted_on,
    capped,
    day_type,
    dose,
    elements,
    elements_about,
    is_bad,
    is_pain,
    label,
    names_in,
    on,
    peaks,
    plan_items,
    provoking,
    raised_after,
    report_week,
    runner_texts,
    sessions,
    text_problems,
    weekly,
    where,
)

# --------------------------------------------------------------------------- P1, P4: doses


def violations_rise(doc: Doc) -> list[str]:
    """P1: no element rises by more than its largest step over its last earlier week."""
    volumes, largest, last = weekly(doc), peaks(doc), dict[Key, int]()
    problems = []
    for number in sorted(volumes):
        for key in sorted(volumes[number]):
            earlier, step = last.get(key), STEP.get(key[0], LARGEST_STEP)
            last[key] = number
            if earlier is None:
                continue
            for what, table in (("weekly volume", volumes), ("largest session dose", largest)):
                now, before = table[number][key], table[earlier][key]
                if now > float(step) * before + EPSILON:
                    problems.append(
                        f"week {number}: {label(key)} {what} {now} is more than {step} x "
                        f"week {earlier}'s {before}"
                    )
    return problems


def violations_week4(doc: Doc) -> list[str]:
    """S8: week 4 trims every element of week 3 to 80 %, and strides + hill surges together."""
    volumes, largest = weekly(doc), peaks(doc)
    if 3 not in volumes or 4 not in volumes:
        return []
    problems = []
    for key in sorted(volumes[3].keys() & volumes[4].keys()):
        for what, table in (("weekly volume", volumes), ("largest session dose", largest)):
            limit = round(WEEK4_FRACTION * table[3][key])
            if table[4][key] > limit:
                problems.append(
                    f"week 4: {label(key)} {what} {table[4][key]} is more than 80 % of week 3's "
                    f"{table[3][key]} (= {limit})"
                )
    run3, run4 = (sum(volumes[n][(e, ALL_SIDES)] for e in STRIDES_AND_SURGES) for n in (3, 4))
    if run3 and run4 > round(WEEK4_FRACTION * run3):
        problems.append(
            f"week 4: strides + hill_surges {run4} s is more than 80 % of week 3's {run3} s "
            f"(= {round(WEEK4_FRACTION * run3)})"
        )
    for unit, total3, total4 in units_of_weeks_3_and_4(doc):
        if total4 > round(WEEK4_FRACTION * total3):
            problems.append(
                f"week 4: {total4} {unit} in all is more than 80 % of week 3's {total3} "
                f"(= {round(WEEK4_FRACTION * total3)})"
            )
    return problems


def units_of_weeks_3_and_4(doc: Doc) -> list[tuple[str, int, int]]:
    """Week 3's and week 4's total reps and total seconds (the warm-up aside)."""
    totals = {("reps", 3): 0, ("reps", 4): 0, ("seconds", 3): 0, ("seconds", 4): 0}
    for number, session in sessions(doc):
        for item in session["items"]:
            unit = "reps" if item["reps"] is not None else "seconds"
            if number in {3, 4} and item["exercise"] != WARM_UP:
                totals[unit, number] += dose(item)
    return [(u, totals[u, 3], totals[u, 4]) for u in ("reps", "seconds") if totals[u, 3]]


# --------------------------------------------------------------------------- P2, P3: reports


def violations_after_bad_report(
    before: Doc, checkin: Doc, final: Doc, later: Sequence[Doc] = ()
) -> list[str]:
    """P2: after a bad report no later dose of what it is about exceeds the provoking dose
    until two fine reports about it (``later``: the check-ins accepted after it); never
    within the block after a pain report."""
    if not is_bad(checkin):
        return []
    reported, problems = on(checkin["date"]), []
    for exercise in sorted(elements_about(checkin, before)):
        until = cap_lifted_on(checkin, exercise, before, later)
        for key, cap in sorted(provoking(before, exercise, reported).items()):
            problems += capped(final, key, reported, until, cap)
    return problems


def violations_hold(before: Doc, checkin: Doc, after: Doc) -> list[str]:
    """S5: after a stiffer morning the next week holds: nothing new to the block, and no
    element above the last week that had it, up to the report's week (unless the held week
    had begun before the report: its past cannot change)."""
    if not checkin.get("morning_stiffness_up"):
        return []
    week, volumes = report_week(before, checkin), weekly(after)
    if week is None or week + 1 not in volumes:
        return []
    if on(after["plan"]["start"]) + timedelta(weeks=week) < on(checkin["date"]):
        return []
    problems = []
    for key, amount in sorted(volumes[week + 1].items()):
        earlier = [volumes[n][key] for n in sorted(volumes) if n <= week and volumes[n].get(key)]
        base = earlier[-1] if earlier else None
        if base is None or amount > base:
            problems.append(
                f"week {week + 1} should hold after the stiff morning of {checkin['date']} "
                f"(week {week}): {label(key)} volume {amount} against "
                f"{'none' if base is None else base} the last week that had it"
            )
    return problems


# --------------------------------------------------------------------------- P5: refer


def violations_refer(
    before: Doc, checkin: Doc, after: Doc, earlier: Sequence[Doc] = ()
) -> list[str]:
    """C0/S3: a refer (or flagged) plan never carries on or progresses; limping, or a second
    sharp pain (``earlier``: the check-ins accepted before), leaves the target refer."""
    problems, reported, now = [], on(checkin["date"]), after["diagnosis"]["target"]
    target, urgency = before["diagnosis"]["target"], before["diagnosis"].get("urgency")
    if target == Target.REFER.value or urgency is not None:
        new = Counter((d["date"], d["rule"], d["text"]) for d in after.get("decisions", []))
        new -= Counter((d["date"], d["rule"], d["text"]) for d in before.get("decisions", []))
        problems += [
            f"decision {day} {rule} answers a {target}/{urgency} plan with: {text!r}"
            for day, rule, text in sorted(new)
            if rule == "S1" or CARRY_ON.search(text)
        ]
        problems += raised_after(before, after, reported)
    if target == Target.REFER.value and now != target:
        problems.append(f"the report of {reported} turned refer into {now}")
    sharp = Feeling.SHARP_PAIN.value
    again = checkin["feeling"] == sharp and any(e["feeling"] == sharp for e in earlier)
    if (checkin["feeling"] == Feeling.LIMPING.value or again) and now != Target.REFER.value:
        problems.append(f"{checkin['feeling']} report of {reported} left the target {now}")
    return problems


# --------------------------------------------------------------------------- P6: days


def violations_days(doc: Doc, assessment: Doc | None = None) -> list[str]:
    """P4/P6: nothing on or before the tests, one spring/speed element a date, no heavy work
    after a race, no spring on or before long/race days, no spring under 20 reps a side."""
    tested, problems = assessed_on(doc), []
    raises = (assessment or {}).get("heel_raise", {})
    gated = min(raises.get("left", 99), raises.get("right", 99)) < SPRING_GATE_REPS
    spring_on: defaultdict[date, set[str]] = defaultdict(set)
    for number, session in sessions(doc):
        when, names = on(session["date"]), names_in(session)
        spring, here = sorted(names & SPRING), where(number, session)
        spring_on[when] |= set(spring)
        if tested is not None and when <= tested:
            problems.append(f"{here}: a session on or before the tests of {tested}")
        if names & HEAVY and day_type(doc, when - timedelta(days=1)) == DayType.RACE.value:
            problems.append(f"{here}: heavy strength {sorted(names & HEAVY)} the day after a race")
        big = {day_type(doc, when), day_type(doc, when + timedelta(days=1))} & BIG_DAYS
        if spring and big:
            problems.append(f"{here}: {spring} on or the day before a {sorted(big)} day")
        if spring and gated:
            problems.append(f"{here}: {spring} while a heel raise side is under {SPRING_GATE_REPS}")
    problems += [
        f"{when}: {sorted(names)} are more than one spring/speed element on one date"
        for when, names in sorted(spring_on.items())
        if len(names) > 1
    ]
    return problems


# --------------------------------------------------------------------------- check-ins refused


def violations_pain_reports_accepted(
    plan: Doc, checkin: Doc, error: InvalidDocument | None
) -> list[str]:
    """A report may be refused only when it is no pain report and its date is outside the block
    (refused naming ``date``) or it names a week the plan lacks (refused naming ``week``)."""
    if error is None:
        return []
    start, reported = on(plan["plan"]["start"]), on(checkin["date"])
    outside = not start <= reported <= start + timedelta(days=BLOCK_DAYS)
    weeks = {w["week"] for w in plan["plan"].get("weeks", [])}
    unknown_week = "week" in checkin and checkin["week"] not in weeks
    if not is_pain(checkin) and (
        (outside and error.field == "date") or (unknown_week and error.field == "week")
    ):
        return []
    kind = "pain report" if is_pain(checkin) else "report"
    return [
        f"{kind} of {reported} (block {start} to {start + timedelta(days=BLOCK_DAYS)}, "
        f"weeks {sorted(weeks)}) refused: {error.field}: {error.problem}"
    ]


# --------------------------------------------------------------------------- words


def violations_words(doc: Doc) -> list[str]:
    """No runner-facing text names the articles A1/A2 or shows float noise (4+ decimals)."""
    return [p for place, text in runner_texts(doc) for p in text_problems(place, text)]


# --------------------------------------------------------------------------- findings and goals


def violations_asymmetry(doc: Doc) -> list[str]:
    """C6: with a heel-raise asymmetry, the weaker side's calf raise has exactly one extra set."""
    problems = []
    for finding in doc["diagnosis"].get("findings", []):
        weak = finding.get("side")
        if finding.get("code") != "heel_raise_asymmetry" or weak not in {"left", "right"}:
            continue
        strong = Side(weak).other.value
        for number, session in sessions(doc):
            for exercise in sorted(CALF_RAISES):
                side = {
                    s: [i for i in session["items"] if (i["exercise"], i["side"]) == (exercise, s)]
                    for s in (weak, strong)
                }
                if not (side[weak] and side[strong]):
                    continue
                sets = {s: sum(i["sets"] for i in side[s]) for s in side}
                amounts = {
                    s: sorted((i["reps"] or 0, i["seconds"] or 0) for i in side[s]) for s in side
                }
                if sets[weak] != sets[strong] + 1 or amounts[weak] != amounts[strong]:
                    problems.append(
                        f"{where(number, session)}: {exercise} {weak} {sets[weak]} sets "
                        f"{amounts[weak]} against {strong} {sets[strong]} sets {amounts[strong]}"
                    )
    return problems


def violations_situation(without: Doc, with_situation: Doc, situation: str) -> list[str]:
    """Section 7: a situation shifts the items of a block plan inside the same target."""
    target = without["diagnosis"]["target"]
    if target not in BLOCK_TARGETS:
        return []
    problems = []
    if with_situation["diagnosis"]["target"] != target:
        problems.append(
            f"{situation} changed the target {target} to {with_situation['diagnosis']['target']}"
        )
    if plan_items(with_situation) == plan_items(without):
        problems.append(
            f"{situation} changes no item of the {target} plan (only notes or decisions)"
        )
    return problems


def violations_ankle_side(assessment: Doc, doc: Doc) -> list[str]:
    """C7: knee-to-wall sides more than 2.0 cm apart give ankle_range on the stiffer side."""
    cm = assessment.get("knee_to_wall") or {}
    left, right = cm.get("left_cm"), cm.get("right_cm")
    if left is None or right is None or doc["diagnosis"]["target"] not in BLOCK_TARGETS:
        return []
    if round(abs(round(left, 1) - round(right, 1)), 1) <= 2.0:
        return []
    stiffer = "left" if left < right else "right"
    if any(
        (i["exercise"], i["side"]) == ("ankle_range", stiffer)
        for _, s in sessions(doc)
        for i in s["items"]
    ):
        return []
    return [f"knee-to-wall {left} / {right} cm: no ankle_range item on the stiffer {stiffer} side"]


def violations_goal_size(speed: Doc, size: Doc) -> list[str]:
    """A2: goal size keeps A1's heavy raises, adds a stair or seated raise, same target."""
    target = speed["diagnosis"]["target"]
    if target not in BLOCK_TARGETS:
        return []
    present, problems = elements(size), []
    if size["diagnosis"]["target"] != target:
        problems.append(f"goal size changed the target {target} to {size['diagnosis']['target']}")
    for needed in ("straight_knee_calf_raise", "bent_knee_calf_raise"):
        if needed not in present:
            problems.append(f"goal size plan ({target}) has no {needed}")
    if not present & {"stair_calf_raise", "seated_calf_raise"}:
        problems.append(
            f"goal size plan ({target}) has neither stair_calf_raise nor seated_calf_raise"
        )
    return problems
