"""The runner's pages: diagnosis, the four-week calendar, a day's session, check-in, progress."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import journal, team, training
from calfcoach.services.errors import NotFound
from calfcoach.web import charts
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount
from calfcoach.web.forms import checkin_from_form, log_from_form
from calfcoach.web.htmx import is_htmx
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)


@router.get("/diagnosis", response_class=HTMLResponse)
def diagnosis(request: Request, account: RunnerAccount, context: Context) -> Response:
    try:
        stored = training.latest_plan(context.uow(), account)
    except NotFound:
        return go("/tests")
    target = stored.coaching.diagnosis.target  # headed as the terminal heads it
    values = {"plan": stored.view(), "target": target}
    return render(request, "diagnosis.html", values, account=account)


@router.get("/plan", response_class=HTMLResponse)
def plan_calendar(request: Request, account: RunnerAccount, context: Context) -> Response:
    try:
        stored = training.latest_plan(context.uow(), account)
    except NotFound:
        return go("/tests")
    today, logged = context.today(), journal.logged_days(context.uow(), account)
    plan = stored.coaching.plan
    values = {
        "plan": stored.view(),
        "calendar": journal.calendar(plan, today, logged),
        "retest_due": journal.retest_due(plan, today),
    }
    return render(request, "plan.html", values, account=account)


@router.get("/today")
def today(context: Context, account: RunnerAccount) -> Response:
    return go(f"/day/{context.today().isoformat()}")


@router.get("/day/{day}", response_class=HTMLResponse)
def day_page(day: date, request: Request, account: RunnerAccount, context: Context) -> Response:
    try:
        view = journal.day_view(context.uow(), account, day)
    except NotFound:
        return go("/tests")
    values = {
        "view": view,
        "day": day,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
    }
    return render(request, "day.html", values, account=account)


@router.post("/logs", dependencies=[CsrfChecked])
async def log_sets(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    try:
        document = log_from_form(form)
        saved = await run_in_threadpool(
            training.log_session, context.uow(), account, document, context.today(), context.now()
        )
    except InvalidDocument as error:
        if is_htmx(request):
            return render(request, "_logged.html", {"error": str(error)}, status_code=422)
        raise
    if is_htmx(request):
        return render(request, "_logged.html", {"log": document, "id": saved["id"]})
    return go(f"/day/{document['date']}")


@router.get("/checkin", response_class=HTMLResponse)
def checkin_form(request: Request, account: RunnerAccount, context: Context) -> Response:
    try:
        plan = training.latest_plan(context.uow(), account).coaching.plan
    except NotFound:
        return go("/tests")
    values = {"suggested": journal.checkin_defaults(plan, context.today())}
    return render(request, "checkin.html", values, account=account)


@router.post("/checkin", dependencies=[CsrfChecked])
async def checkin(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    stored = await run_in_threadpool(training.latest_plan, context.uow(), account)
    suggested = journal.checkin_defaults(stored.coaching.plan, context.today())
    try:
        document = checkin_from_form(form, suggested["week"])
        adjusted = await run_in_threadpool(
            training.check_in, context.uow(), account, document, context.today(), context.now()
        )
    except InvalidDocument as error:
        values = {"suggested": suggested, "error": str(error)}
        return render(request, "checkin.html", values, account=account, status_code=422)
    return render(request, "checkin_done.html", {"plan": adjusted}, account=account)


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, account: RunnerAccount, context: Context) -> Response:
    view = journal.progress(context.uow(), account, context.today())
    values = {"progress": view, "charts": charts.progress_charts(view)}
    return render(request, "progress.html", values, account=account)


@router.get("/join", response_class=HTMLResponse)
def join_form(request: Request, account: RunnerAccount) -> Response:
    return render(request, "join.html", account=account)


@router.post("/join", dependencies=[CsrfChecked])
async def join(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    try:
        joined = await run_in_threadpool(
            team.join, context.uow(), account, form.get("code"), context.now()
        )
    except NotFound as error:
        values = {"error": f"code: {error.message}"}
        return render(request, "join.html", values, account=account, status_code=404)
    return render(request, "join.html", {"joined": joined}, account=account)
