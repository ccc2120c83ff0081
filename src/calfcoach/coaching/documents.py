"""The plan document (``calfcoach.plan/1``) to and from plain JSON-like values.

``plan_document`` writes exactly the shape in interfaces.md (plus optional keys);
``read_plan_document`` reads it back, refusing what the engine did not write.
"""

from __future__ import annotations

from calfcoach.coaching.assessment import parse_week
from calfcoach.coaching.diagnosis import Diagnosis, Finding, Reason, RedFlagNotice
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.fields import (
    JSON,
    Document,
    as_date,
    as_enum,
    as_int,
    as_list,
    as_mapping,
    as_text,
    expect_schema,
)
from calfcoach.coaching.norms import HeelRaiseNorm
from calfcoach.coaching.plan import CoachingPlan, Decision, Item, Plan, Session, Week
from calfcoach.coaching.step_documents import read_steps, step_document
from calfcoach.coaching.vocabulary import (
    ExerciseId,
    FindingCode,
    RedFlag,
    SessionKind,
    Side,
    Target,
    Urgency,
    Weekday,
)

SCHEMA = "calfcoach.plan/1"


def plan_document(coaching: CoachingPlan) -> JSON:
    return {
        "schema": SCHEMA,
        "diagnosis": diagnosis_document(coaching.diagnosis),
        "plan": plan_body_document(coaching.plan),
        "decisions": [decision_document(d) for d in coaching.decisions],
    }


def plan_body_document(plan: Plan) -> JSON:
    """The document's ``plan`` key: the start, the week types, the weeks and the steps."""
    return {
        "start": plan.start.isoformat(),
        "week_types": {d.value: t.value for d, t in plan.week_types.items()},
        "weeks": [_week_document(w) for w in plan.weeks],
        "running_changes": [
            {"week": week, "what": what} for week, what in sorted(plan.running_changes.items())
        ],
        **_progression_document(plan),
    }


def decision_document(decision: Decision) -> JSON:
    return {"date": decision.date.isoformat(), "rule": decision.rule, "text": decision.text}


def _progression_document(plan: Plan) -> JSON:
    """The optional keys a check-in renders the weeks from (absent on older plans)."""
    found: JSON = {}
    if plan.assessed is not None:
        found["assessed"] = plan.assessed.isoformat()
    if plan.planned:
        found["planned"] = [_week_document(w) for w in plan.planned]
    found["steps"] = [step_document(s) for s in plan.steps]
    return found


def diagnosis_document(diagnosis: Diagnosis) -> JSON:
    norm = diagnosis.norm
    return {
        "target": diagnosis.target.value,
        "urgency": diagnosis.urgency.value if diagnosis.urgency else None,
        "findings": [
            {"code": f.code.value, "side": f.side.value, "rule": f.rule, "text": f.text}
            for f in diagnosis.findings
        ],
        "reasons": [{"rule": r.rule, "text": r.text} for r in diagnosis.reasons],
        "red_flags": [
            {"flag": n.flag.value, "urgency": n.urgency.value, "message": n.message}
            for n in diagnosis.red_flags
        ],
        "heel_raise_norm": {
            "typical": norm.typical,
            "low": norm.low,
            "high": norm.high,
            "group": norm.group,
            "source": norm.source,
        },
        "disclaimer": diagnosis.disclaimer,
    }


def _week_document(week: Week) -> JSON:
    return {
        "week": week.number,
        "notes": list(week.notes),
        "sessions": [
            {
                "day": s.day.value,
                "date": s.date.isoformat(),
                "kind": s.kind.value,
                "items": [_item_document(i) for i in s.items],
            }
            for s in week.sessions
        ],
    }


def _item_document(item: Item) -> JSON:
    return {
        "exercise": item.exercise.value,
        "name": exercise(item.exercise).name,
        "sets": item.sets,
        "reps": item.reps,
        "seconds": item.seconds,
        "side": item.side.value,
        "note": item.note,
    }


def read_plan_document(raw: object) -> CoachingPlan:
    """Read a plan document as ``plan`` printed it (possibly already adjusted)."""
    doc = as_mapping(raw, "plan document")
    expect_schema(doc, SCHEMA)
    for key in ("diagnosis", "plan"):
        if key not in doc:
            raise InvalidDocument(key, "is required (pass a document printed by `calfcoach plan`)")
    plan = as_mapping(doc["plan"], "plan")
    weeks = tuple(
        _read_week(w, f"plan.weeks[{i}]")
        for i, w in enumerate(as_list(plan.get("weeks", []), "plan.weeks"))
    )
    return CoachingPlan(
        diagnosis=_read_diagnosis(as_mapping(doc["diagnosis"], "diagnosis")),
        plan=Plan(
            start=as_date(plan.get("start"), "plan.start"),
            week_types=parse_week(plan.get("week_types"), "plan.week_types"),
            weeks=weeks,
            running_changes=_read_running_changes(plan.get("running_changes", [])),
            assessed=None
            if plan.get("assessed") is None
            else as_date(plan.get("assessed"), "plan.assessed"),
            planned=tuple(
                _read_week(w, f"plan.planned[{i}]")
                for i, w in enumerate(as_list(plan.get("planned", []), "plan.planned"))
            ),
            steps=read_steps(plan.get("steps", []), "plan.steps"),
        ),
        decisions=tuple(
            _read_decision(d, f"decisions[{i}]")
            for i, d in enumerate(as_list(doc.get("decisions", []), "decisions"))
        ),
    )


def _read_running_changes(raw: object) -> dict[int, str]:
    changes = {}
    for i, item in enumerate(as_list(raw, "plan.running_changes")):
        doc = as_mapping(item, f"plan.running_changes[{i}]")
        week = as_int(doc.get("week"), f"plan.running_changes[{i}].week", 1, 4)
        changes[week] = as_text(doc.get("what"), f"plan.running_changes[{i}].what", 80)
    return changes


def _read_diagnosis(doc: Document) -> Diagnosis:
    urgency = doc.get("urgency")
    norm = as_mapping(doc.get("heel_raise_norm", {}), "diagnosis.heel_raise_norm")
    return Diagnosis(
        target=as_enum(doc.get("target"), Target, "diagnosis.target"),
        urgency=None if urgency is None else as_enum(urgency, Urgency, "diagnosis.urgency"),
        findings=tuple(
            _read_finding(as_mapping(f, f"diagnosis.findings[{i}]"), f"diagnosis.findings[{i}]")
            for i, f in enumerate(as_list(doc.get("findings", []), "diagnosis.findings"))
        ),
        reasons=tuple(
            Reason(
                as_text(r.get("rule"), f"diagnosis.reasons[{i}].rule", 10),
                as_text(r.get("text"), f"diagnosis.reasons[{i}].text"),
            )
            for i, raw in enumerate(as_list(doc.get("reasons", []), "diagnosis.reasons"))
            for r in [as_mapping(raw, f"diagnosis.reasons[{i}]")]
        ),
        red_flags=tuple(
            RedFlagNotice(
                as_enum(n.get("flag"), RedFlag, f"diagnosis.red_flags[{i}].flag"),
                as_enum(n.get("urgency"), Urgency, f"diagnosis.red_flags[{i}].urgency"),
                as_text(n.get("message"), f"diagnosis.red_flags[{i}].message"),
            )
            for i, raw in enumerate(as_list(doc.get("red_flags", []), "diagnosis.red_flags"))
            for n in [as_mapping(raw, f"diagnosis.red_flags[{i}]")]
        ),
        norm=HeelRaiseNorm(
            typical=as_int(norm.get("typical", 22), "diagnosis.heel_raise_norm.typical", 0, 200),
            low=as_int(norm.get("low", 16), "diagnosis.heel_raise_norm.low", 0, 200),
            high=as_int(norm.get("high", 28), "diagnosis.heel_raise_norm.high", 0, 200),
            group=as_text(norm.get("group", "adults"), "diagnosis.heel_raise_norm.group"),
        ),
    )


def _read_finding(doc: Document, where: str) -> Finding:
    return Finding(
        code=as_enum(doc.get("code"), FindingCode, f"{where}.code"),
        side=as_enum(doc.get("side", "both"), Side, f"{where}.side"),
        rule=as_text(doc.get("rule"), f"{where}.rule", 10),
        text=as_text(doc.get("text", ""), f"{where}.text"),
    )


def _read_week(raw: object, where: str) -> Week:
    doc = as_mapping(raw, where)
    return Week(
        number=as_int(doc.get("week"), f"{where}.week", 1, 4),
        notes=tuple(
            as_text(n, f"{where}.notes[{i}]")
            for i, n in enumerate(as_list(doc.get("notes", []), f"{where}.notes"))
        ),
        sessions=tuple(
            _read_session(s, f"{where}.sessions[{i}]")
            for i, s in enumerate(as_list(doc.get("sessions", []), f"{where}.sessions"))
        ),
    )


def _read_session(raw: object, where: str) -> Session:
    doc = as_mapping(raw, where)
    day = as_enum(doc.get("day"), Weekday, f"{where}.day")
    on = as_date(doc.get("date"), f"{where}.date")
    if on.weekday() != day.position:
        raise InvalidDocument(f"{where}.date", f"{on.isoformat()} is not a {day.label}")
    return Session(
        day=day,
        date=on,
        kind=as_enum(doc.get("kind"), SessionKind, f"{where}.kind"),
        items=tuple(
            _read_item(i, f"{where}.items[{n}]")
            for n, i in enumerate(as_list(doc.get("items", []), f"{where}.items"))
        ),
    )


def _read_item(raw: object, where: str) -> Item:
    doc = as_mapping(raw, where)
    reps, seconds = doc.get("reps"), doc.get("seconds")
    if (reps is None) == (seconds is None):
        raise InvalidDocument(where, "needs either reps or seconds (the other null)")
    return Item(
        exercise=as_enum(doc.get("exercise"), ExerciseId, f"{where}.exercise"),
        sets=as_int(doc.get("sets"), f"{where}.sets", 1, 20),
        reps=None if reps is None else as_int(reps, f"{where}.reps", 1, 200),
        seconds=None if seconds is None else as_int(seconds, f"{where}.seconds", 1, 3600),
        side=as_enum(doc.get("side", "both"), Side, f"{where}.side"),
        note=as_text(doc.get("note", ""), f"{where}.note"),
    )


def _read_decision(raw: object, where: str) -> Decision:
    doc = as_mapping(raw, where)
    return Decision(
        date=as_date(doc.get("date"), f"{where}.date"),
        rule=as_text(doc.get("rule"), f"{where}.rule", 10),
        text=as_text(doc.get("text"), f"{where}.text"),
    )
