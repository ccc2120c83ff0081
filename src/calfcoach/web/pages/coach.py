"""The coach's dashboard: invitation codes and runners, most urgent first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.services import clinician, sets_export, team
from calfcoach.web.deps import CoachAccount, Context, CsrfChecked, claim_form_once
from calfcoach.web.htmx import is_htmx
from calfcoach.web.pages.common import CSV_TYPE, attachment, go, render

router = APIRouter(include_in_schema=False)


@router.get("/coach", response_class=HTMLResponse)
def dashboard(request: Request, account: CoachAccount, context: Context) -> Response:
    values = {
        "runners": team.roster(context.uow(), account, context.today(), context.now()),
        "codes": team.open_invitations(context.uow(), account),
    }
    return render(request, "coach.html", values, account=account)


@router.post("/coach/invitations", dependencies=[CsrfChecked])
async def new_invitation(request: Request, account: CoachAccount, context: Context) -> Response:
    """A new code; sent twice (its ``form_once`` token), one code. The htmx answer carries a
    fresh token for the next tap; a repeat adds no code to the list."""
    once = await claim_form_once(request, account.id, await request.form())
    if once.repeat_of is None:
        with once:
            invited = await run_in_threadpool(team.invite, context.uow(), account, context.now())
        once.done("/coach")
    if not is_htmx(request):
        return go(once.repeat_of or "/coach")
    code = None if once.repeat_of is not None else invited["code"]
    return render(request, "_code.html", {"code": code}, account=account)


@router.get("/coach/runners/{runner_id}", response_class=HTMLResponse)
def runner_page(
    runner_id: int, request: Request, account: CoachAccount, context: Context
) -> Response:
    detail = team.runner_detail(context.uow(), account, runner_id)
    return render(request, "coach_runner.html", {"runner": detail}, account=account)


@router.get("/coach/runners/{runner_id}/summary", response_class=HTMLResponse)
def runner_summary(runner_id: int, account: CoachAccount, context: Context) -> Response:
    """The runner's one-page summary for a clinician, to print (only a joined runner's)."""
    summary = clinician.summary_for_coach(context.uow(), account, runner_id, context.today())
    return Response(clinician.rendered(summary, "html"), media_type=clinician.MEDIA_TYPES["html"])


@router.get("/coach/runners/{runner_id}/summary.pdf")
def runner_summary_pdf(runner_id: int, account: CoachAccount, context: Context) -> Response:
    summary = clinician.summary_for_coach(context.uow(), account, runner_id, context.today())
    data = clinician.rendered(summary, "pdf")
    return attachment(data, clinician.MEDIA_TYPES["pdf"], f"calfcoach-summary-{runner_id}.pdf")


@router.get("/coach/runners/{runner_id}/sets.csv")
def runner_sets(runner_id: int, account: CoachAccount, context: Context) -> Response:
    data = sets_export.sets_csv_for_coach(context.uow(), account, runner_id)
    return attachment(data, CSV_TYPE, f"calfcoach-sets-{runner_id}.csv")
