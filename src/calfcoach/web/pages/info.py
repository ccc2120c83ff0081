"""Do strong calves make you faster? An honest answer, linked from the diagnosis."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from calfcoach.services.errors import NotSignedIn
from calfcoach.web.deps import Context, page_account
from calfcoach.web.pages.common import render

router = APIRouter(include_in_schema=False)


@router.get("/why-calves", response_class=HTMLResponse)
def why_calves(request: Request, context: Context) -> Response:
    try:
        account = page_account(request, context)
    except NotSignedIn:
        account = None
    return render(request, "why_calves.html", account=account)
