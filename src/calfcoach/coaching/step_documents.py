"""The steps check-ins left on a plan (``plan.steps`` in ``calfcoach.plan/1``), to and from JSON.

Each step is an object with a ``step`` key naming its kind and the fields of that kind;
dates are ISO strings and element sets are sorted lists of exercise ids. The key is
optional: a plan without it has had no check-in since steps were kept.
"""

from __future__ import annotations

from datetime import date

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import (
    JSON,
    Document,
    as_bool,
    as_date,
    as_enum,
    as_int,
    as_list,
    as_mapping,
)
from calfcoach.coaching.steps import (
    Elements,
    Fine,
    Halve,
    Hold,
    Limit,
    Move,
    NothingNew,
    Pain,
    Pause,
    Repeat,
    ReportStep,
    Slow,
    Step,
)
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind, Side

MAX_DOSE = 100_000


def step_document(step: Step) -> JSON:
    if isinstance(step, Move):
        return {
            "step": "move",
            "session": step.session.isoformat(),
            "to": step.to.isoformat(),
            "kind": step.kind.value,
            "on": step.on.isoformat(),
        }
    return _report_step_document(step)


def _report_step_document(step: ReportStep) -> JSON:  # noqa: PLR0911 - one return per kind
    match step:
        case Pause(exercises, since, until):
            return {"step": "pause", **_elements(exercises), **_span(since, until)}
        case Limit():
            return {
                "step": "limit",
                "exercise": step.exercise.value,
                "side": step.side.value,
                "session": step.session,
                "week": step.week,
                **_span(step.since, step.until),
                "strict": step.strict,
                "lifts_after": step.lifts_after,
            }
        case Halve(exercise, side, since, session):
            return {
                "step": "halve",
                "exercise": exercise.value,
                "side": side.value,
                "since": since.isoformat(),
                "session": session,
            }
        case Hold(exercises, week):
            return {"step": "hold", **_elements(exercises), "week": week}
        case NothingNew(since, until, planned):
            return {"step": "nothing_new", **_span(since, until), **_elements(planned)}
        case Repeat(week):
            return {"step": "repeat", "week": week}
        case Slow(exercises, since):
            return {"step": "slow", **_elements(exercises), "since": since.isoformat()}
        case Fine(exercises, on):
            return {"step": "fine", **_elements(exercises), "on": on.isoformat()}
        case Pain(on):
            return {"step": "pain", "on": on.isoformat()}


def _elements(exercises: Elements) -> JSON:
    return {"exercises": sorted(e.value for e in exercises)}


def _span(since: date, until: date | None) -> JSON:
    return {"since": since.isoformat(), "until": None if until is None else until.isoformat()}


def read_steps(raw: object, where: str) -> tuple[Step, ...]:
    return tuple(
        read_step(as_mapping(item, f"{where}[{n}]"), f"{where}[{n}]")
        for n, item in enumerate(as_list(raw, where))
    )


def read_step(doc: Document, where: str) -> Step:
    if doc.get("step") == "move":
        return Move(
            as_date(doc.get("session"), f"{where}.session"),
            as_date(doc.get("to"), f"{where}.to"),
            as_enum(doc.get("kind"), SessionKind, f"{where}.kind"),
            as_date(doc.get("on"), f"{where}.on"),
        )
    return _read_report_step(doc, where)


def _read_report_step(doc: Document, where: str) -> ReportStep:  # noqa: PLR0911 - one per kind
    kind = doc.get("step")
    if kind == "pause":
        return Pause(_read_elements(doc, where), *_read_span(doc, where))
    if kind == "limit":
        week = doc.get("week")
        lifts = doc.get("lifts_after")
        since, until = _read_span(doc, where)
        return Limit(
            as_enum(doc.get("exercise"), ExerciseId, f"{where}.exercise"),
            as_enum(doc.get("side", "both"), Side, f"{where}.side"),
            as_int(doc.get("session"), f"{where}.session", 0, MAX_DOSE),
            None if week is None else as_int(week, f"{where}.week", 0, MAX_DOSE),
            since,
            until,
            as_bool(doc.get("strict", False), f"{where}.strict"),
            None if lifts is None else as_int(lifts, f"{where}.lifts_after", 1, 10),
        )
    if kind == "halve":
        return Halve(
            as_enum(doc.get("exercise"), ExerciseId, f"{where}.exercise"),
            as_enum(doc.get("side", "both"), Side, f"{where}.side"),
            as_date(doc.get("since"), f"{where}.since"),
            as_int(doc.get("session"), f"{where}.session", 0, MAX_DOSE),
        )
    if kind == "hold":
        return Hold(_read_elements(doc, where), as_int(doc.get("week"), f"{where}.week", 0, 6))
    if kind == "nothing_new":
        since, until = _read_span(doc, where)
        return NothingNew(since, until or since, _read_elements(doc, where))
    if kind == "repeat":
        return Repeat(as_int(doc.get("week"), f"{where}.week", 0, 6))
    if kind == "slow":
        return Slow(_read_elements(doc, where), as_date(doc.get("since"), f"{where}.since"))
    if kind == "fine":
        return Fine(_read_elements(doc, where), as_date(doc.get("on"), f"{where}.on"))
    if kind == "pain":
        return Pain(as_date(doc.get("on"), f"{where}.on"))
    raise InvalidDocument(
        f"{where}.step",
        "must be one of: pause, limit, halve, hold, nothing_new, repeat, slow, fine, pain, move",
    )


def _read_elements(doc: Document, where: str) -> Elements:
    return frozenset(
        as_enum(e, ExerciseId, f"{where}.exercises[{n}]")
        for n, e in enumerate(as_list(doc.get("exercises", []), f"{where}.exercises"))
    )


def _read_span(doc: Document, where: str) -> tuple[date, date | None]:
    until = doc.get("until")
    return (
        as_date(doc.get("since"), f"{where}.since"),
        None if until is None else as_date(until, f"{where}.until"),
    )
