"""Walking a plan document's weeks and sessions, for the exports that turn it into files.

The command line and the web check a plan with the engine's reader before exporting it; these
checks only keep a malformed document from turning into a confusing file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from calfcoach.coaching.vocabulary import SessionKind

Doc = Mapping[str, object]
SESSION_KINDS = frozenset(SessionKind)


def sessions_of(plan: Doc) -> list[Doc]:
    """Every session of a plan document (``{"plan": {"weeks": ...}}``), in plan order."""
    body = as_mapping(plan.get("plan", plan), "plan")
    return [
        as_mapping(session, "session")
        for week in as_list(body.get("weeks"), "weeks")
        for session in as_list(as_mapping(week, "week").get("sessions"), "sessions")
    ]


def as_mapping(value: object, where: str) -> Doc:
    if not isinstance(value, Mapping):
        raise ValueError(f"plan document: {where} is not an object ({type(value).__name__})")
    return {str(key): item for key, item in value.items()}


def as_list(value: object, where: str) -> Sequence[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"plan document: {where} is not a list ({type(value).__name__})")
    return value


def session_title(kind: str, unknown: str) -> str:
    """What a runner calls a session of ``kind`` ("Calf strength"), or ``unknown``."""
    return SessionKind(kind).label if kind in SESSION_KINDS else unknown


def dose(item: Mapping[str, object]) -> str:
    """``3 x 6``, ``2 x 15 s`` or ``5 min``, with the side when it is one leg."""
    seconds = item.get("seconds")
    reps = item.get("reps")
    sets = item.get("sets")
    if reps is None and sets == 1 and isinstance(seconds, int) and seconds >= 120:
        return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds / 60:.1f} min"
    amount = f"{reps}" if reps is not None else f"{seconds} s"
    side = "" if item.get("side") in (None, "both") else f" ({item['side']})"
    return f"{sets} x {amount}{side}"
