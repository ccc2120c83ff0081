"""Move a session to another day of its week (M1): the day page's "Move" control.

``GET /moves/choose`` shows the days of the session's week from today on, the allowed ones
to pick and the others with the rule that keeps the session off them (a fragment for htmx,
which the day page loads when its "Move" control opens; a page otherwise). ``POST /moves``
stores the move and sends the runner to the new day; a refusal shows the rule's sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import as_date, as_enum
from calfcoach.coaching.vocabulary import SessionKind
from calfcoach.services import moves
from calfcoach.services.accounts import Account
from calfcoach.web.context import AppContext
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount, claim_form_once
from calfcoach.web.htmx import is_htmx
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)


def _kind(value: object) -> SessionKind | None:
    return None if value in {None, ""} else as_enum(value, SessionKind, "kind")


def _choices(
    account: Account, context: AppContext, from_date: date, kind: SessionKind | None
) -> list[moves.DayChoice]:
    return moves.day_choices(context.uow(), account, from_date, kind, context.today())


@router.get("/moves/choose", response_class=HTMLResponse)
def choose_day(
    request: Request,
    account: RunnerAccount,
    context: Context,
    kind: str | None = None,
) -> Response:
    """The days a session may move to (``?from=DATE&kind=KIND``)."""
    moving = as_date(request.query_params.get("from"), "from")
    chosen = _kind(kind)
    values = {
        "moving": moving,
        "kind": chosen,
        "choices": _choices(account, context, moving, chosen),
        "error": None,
    }
    template = "_move_form.html" if is_htmx(request) else "move.html"
    return render(request, template, values, account=account)


@router.post("/moves", dependencies=[CsrfChecked])
async def move(request: Request, account: RunnerAccount, context: Context) -> Response:
    """Store the move; on success see the session on its new day."""
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:  # a double tap: where the first post went
        return go(once.repeat_of)
    fields = {k: v for k in ("from", "to", "kind") if (v := form.get(k)) not in {None, ""}}
    try:
        with once:
            await run_in_threadpool(
                moves.move_requested, context.uow(), account, fields, context.today(), context.now()
            )
    except InvalidDocument as error:
        return await _refused(request, account, context, fields, error)
    return go(once.done(f"/day/{fields['to']}"))


async def _refused(
    request: Request,
    account: Account,
    context: AppContext,
    fields: Mapping[str, object],
    error: InvalidDocument,
) -> Response:
    """The choices again, with the rule's sentence saying why the move was refused."""
    values: dict[str, object] = {
        "moving": None,
        "kind": None,
        "choices": [],
        "error": getattr(error, "sentence", str(error)),
        "rule": getattr(error, "rule", ""),
    }
    try:
        moving, kind = as_date(fields.get("from"), "from"), _kind(fields.get("kind"))
        choices = await run_in_threadpool(_choices, account, context, moving, kind)
        values.update(moving=moving, kind=kind, choices=choices)
    except InvalidDocument:
        pass  # the session itself cannot move: the sentence says why
    return render(request, "move.html", values, account=account, status_code=422)
