"""The coach's dashboard: invitation codes and runners, most urgent first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from calfcoach.services import team
from calfcoach.web.deps import CoachAccount, Context, CsrfChecked
from calfcoach.web.htmx import is_htmx
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)


@router.get("/coach", response_class=HTMLResponse)
def dashboard(request: Request, account: CoachAccount, context: Context) -> Response:
    values = {
        "runners": team.roster(context.uow(), account, context.today(), context.now()),
        "codes": team.open_invitations(context.uow(), account),
    }
    return render(request, "coach.html", values, account=account)


@router.post("/coach/invitations", dependencies=[CsrfChecked])
def new_invitation(request: Request, account: CoachAccount, context: Context) -> Response:
    code = team.invite(context.uow(), account, context.now())["code"]
    if is_htmx(request):
        return render(request, "_code.html", {"code": code}, account=account)
    return go("/coach")


@router.get("/coach/runners/{runner_id}", response_class=HTMLResponse)
def runner_page(
    runner_id: int, request: Request, account: CoachAccount, context: Context
) -> Response:
    detail = team.runner_detail(context.uow(), account, runner_id)
    return render(request, "coach_runner.html", {"runner": detail}, account=account)
