"""Move a session to another day of its week (M1): a new version of the runner's plan.

The engine decides (``coaching/moves.py``); here the current plan and the runner's logs are
read, and the moved plan is stored as the next version in one unit of work, as a check-in
is, so a refused or failed move writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from calfcoach.coaching import moves
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.fields import as_date, as_enum, as_mapping, only_known_keys
from calfcoach.coaching.vocabulary import ExerciseId, SessionKind
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.services.training import (
    CheckInView,
    add_next_version,
    changed_view,
    commit_plan,
    require_runner,
)
from calfcoach.store.tables import PlanRow
from calfcoach.store.unit_of_work import UnitOfWork

NO_PLAN = "no plan to change: take the tests first"


@dataclass(frozen=True, slots=True)
class MoveRequest:
    from_date: date
    to_date: date
    kind: SessionKind | None


@dataclass(frozen=True, slots=True)
class DayChoice:
    """A day of the session's week the runner may pick, or why not."""

    date: date
    allowed: bool
    why_not: str  # the rule's sentence; empty when allowed
    rule: str


def read_move_request(raw: object) -> MoveRequest:
    """``{"from": date, "to": date, "kind"?: session kind}``; 422 names the field."""
    doc = as_mapping(raw, "body")
    only_known_keys(doc, {"from", "to", "kind"})
    kind = doc.get("kind")
    return MoveRequest(
        as_date(doc.get("from"), "from"),
        as_date(doc.get("to"), "to"),
        None if kind is None else as_enum(kind, SessionKind, "kind"),
    )


def move_session(  # noqa: PLR0917 - the brief's use case signature
    uow: UnitOfWork,
    runner: Account,
    from_date: date,
    to_date: date,
    kind: SessionKind | None,
    today: date,
    now: datetime,
) -> CheckInView:
    """Move the session on ``from_date`` to ``to_date``; the moved plan is a new version."""
    require_runner(runner)
    with uow:
        current = _current(uow, runner)
        before = read_plan_document(current.document)
        moved = moves.move_session(
            before, from_date, to_date, today, kind=kind, logged=_logged(uow, runner)
        )
        row = add_next_version(uow, current, moved, now)
        commit_plan(uow)
        return changed_view(row, before, moved)


def move_requested(
    uow: UnitOfWork, runner: Account, raw: object, today: date, now: datetime
) -> CheckInView:
    """``move_session`` for a request body (the API's ``POST /api/v1/plan/moves``)."""
    require_runner(runner)
    wanted = read_move_request(raw)
    return move_session(uow, runner, wanted.from_date, wanted.to_date, wanted.kind, today, now)


def day_choices(
    uow: UnitOfWork, runner: Account, from_date: date, kind: SessionKind | None, today: date
) -> list[DayChoice]:
    """The other days of the session's week from today on, each allowed or with its rule."""
    require_runner(runner)
    with uow:
        coaching = read_plan_document(_current(uow, runner).document)
        logged = _logged(uow, runner)
    options = moves.move_options(coaching, from_date, today, kind=kind, logged=logged)
    return [
        DayChoice(
            o.date,
            o.refusal is None,
            "" if o.refusal is None else o.refusal.sentence,
            "" if o.refusal is None else o.refusal.rule,
        )
        for o in options
    ]


def _current(uow: UnitOfWork, runner: Account) -> PlanRow:
    row = uow.records.current_plan(runner.id)
    if row is None:
        raise NotFound(NO_PLAN)
    return row


def _logged(uow: UnitOfWork, runner: Account) -> frozenset[tuple[date, ExerciseId]]:
    return frozenset((r.done_on, ExerciseId(r.exercise)) for r in uow.records.logs(runner.id))
