"""The runner's pages: diagnosis, the four-week calendar, a day's session, check-in, progress."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import (
    calendar_runs,
    journal,
    log_corrections,
    log_pages,
    retests,
    team,
    training,
)
from calfcoach.services import progress as runner_progress
from calfcoach.services.accounts import Account
from calfcoach.services.errors import NotFound
from calfcoach.web import charts
from calfcoach.web.context import AppContext
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount, claim_form_once
from calfcoach.web.forms import checkin_from_form, log_from_form, logs_from_form
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
    weeks = journal.with_done(
        journal.calendar(plan, today, logged), journal.logged_sides(context.uow(), account)
    )
    values = {
        "plan": stored.view(),
        "calendar": calendar_runs.with_runs(context.uow(), account, weeks),
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
    """One exercise's sets (left and right in one post for a single-leg exercise). A repeat of
    the same form (its ``form_once`` token) stores nothing and gets the first post's answer."""
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:
        if is_htmx(request):
            values: dict[str, object] = {"repeat": True, "once_id": _once_id(request)}
            return render(request, "_logged.html", values, account=account)
        return go(once.repeat_of)
    try:
        with once:
            saved = await run_in_threadpool(
                log_pages.log_sessions,
                context.uow(),
                account,
                list(logs_from_form(form)),
                context.today(),
                context.now(),
            )
    except InvalidDocument as error:
        if is_htmx(request):
            return render(request, "_logged.html", {"error": str(error)}, status_code=422)
        raise
    day_path = once.done(f"/day/{saved[0]['date']}#logged")
    if is_htmx(request):
        values = {"logs": saved, "once_id": _once_id(request)}
        return render(request, "_logged.html", values, account=account)
    return go(day_path)


def _once_id(request: Request) -> str | None:
    """The id of the log form's token input, from the id htmx swaps the answer into
    (``...-logged``): the answer carries a fresh token for the next post of that form."""
    target = request.headers.get("HX-Target") or ""
    if not target.endswith("-logged") or not target.replace("-", "").replace("_", "").isalnum():
        return None
    return target.removesuffix("-logged") + "-once"


@router.post("/logs/{log_id}/edit", dependencies=[CsrfChecked])
async def edit_log(
    log_id: int, request: Request, account: RunnerAccount, context: Context
) -> Response:
    """Correct a logged session's side and sets (the day page's Edit form)."""
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:
        return go(once.repeat_of)
    with once:
        edited = await run_in_threadpool(
            log_corrections.edit_log,
            context.uow(),
            account,
            log_id,
            log_from_form(form),
            context.today(),
        )
    return go(once.done(f"/day/{edited['date']}#logged"))


@router.post("/logs/{log_id}/delete", dependencies=[CsrfChecked])
async def delete_log(
    log_id: int, request: Request, account: RunnerAccount, context: Context
) -> Response:
    """Delete a logged session (the day page asks to confirm first)."""
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:
        return go(once.repeat_of)
    with once:
        deleted = await run_in_threadpool(
            log_pages.delete_logged_session, context.uow(), account, log_id
        )
    return go(once.done(f"/day/{deleted['date']}#logged"))


def _checkin_defaults(account: Account, context: AppContext) -> journal.CheckinDefaults:
    """About the latest session the runner logged (raises NotFound without a plan)."""
    plan = training.latest_plan(context.uow(), account).coaching.plan
    logged = journal.logged_exercises(context.uow(), account)
    return journal.checkin_defaults(plan, context.today(), logged)


def _chosen_week(form: FormData, suggested: journal.CheckinDefaults) -> int | None:
    """The week of a session the runner picked instead of the suggested one; else the engine
    takes the week from the date."""
    chosen = form.get("session")
    if chosen == suggested["session"]:
        return None
    return next((c["week"] for c in suggested["choices"] if c["value"] == chosen), None)


CHECKIN_ANSWERS = ("session", "feeling", "pain", "strides_check", "morning_stiffness_up")


@router.get("/checkin", response_class=HTMLResponse)
def checkin_form(request: Request, account: RunnerAccount, context: Context) -> Response:
    try:
        suggested = _checkin_defaults(account, context)
    except NotFound:
        return go("/tests")
    values = {"suggested": suggested, "answers": {}}
    return render(request, "checkin.html", values, account=account)


@router.post("/checkin", dependencies=[CsrfChecked])
async def checkin(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:  # a double tap or a repeat: the first post's result
        return go(once.repeat_of)
    try:
        suggested = await run_in_threadpool(_checkin_defaults, account, context)
    except NotFound:
        once.failed()
        return go("/tests")
    try:
        with once:
            document = checkin_from_form(form, _chosen_week(form, suggested))
            await run_in_threadpool(
                training.check_in, context.uow(), account, document, context.today(), context.now()
            )
    except InvalidDocument as error:
        answers = {k: v for k in CHECKIN_ANSWERS if isinstance(v := form.get(k), str)}
        values = {"suggested": suggested, "answers": answers, "error": str(error)}
        return render(request, "checkin.html", values, account=account, status_code=422)
    return go(once.done("/checkin/done"))


@router.get("/checkin/done", response_class=HTMLResponse)
def checkin_done(request: Request, account: RunnerAccount, context: Context) -> Response:
    """The latest check-in's result: what it changed in the plan and why."""
    adjusted = log_pages.latest_checkin(context.uow(), account)
    if adjusted is None:
        return go("/checkin")
    return render(request, "checkin_done.html", {"plan": adjusted}, account=account)


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, account: RunnerAccount, context: Context) -> Response:
    view = runner_progress.progress(context.uow(), account, context.today())
    retest = retests.retest_status(context.uow(), account, context.today())
    values = {"progress": view, "charts": charts.progress_charts(view), "retest": retest}
    return render(request, "progress.html", values, account=account)


@router.get("/retest/early", response_class=HTMLResponse)
def retest_early(request: Request, account: RunnerAccount, context: Context) -> Response:
    """What a retest before the four weeks are up does to the block; its button goes on to
    the tests form (``/tests?retest=early``), which writes nothing until it is sent."""
    retest = retests.retest_status(context.uow(), account, context.today())
    if retest is None or retest["is_due"]:
        return go("/tests")  # no block yet, or its retest is due: nothing early to confirm
    return render(request, "retest_confirm.html", {"retest": retest}, account=account)


@router.get("/join", response_class=HTMLResponse)
def join_form(request: Request, account: RunnerAccount) -> Response:
    return render(request, "join.html", account=account)


@router.post("/join", dependencies=[CsrfChecked])
async def join(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:  # sent twice: joined once
        return go(once.repeat_of)
    try:
        with once:
            joined = await run_in_threadpool(
                team.join, context.uow(), account, form.get("code"), context.now()
            )
    except NotFound as error:
        values = {"error": f"code: {error.message}"}
        return render(request, "join.html", values, account=account, status_code=404)
    request.session[JOINED_COACH] = joined["coach"] or "your coach"
    return go(once.done("/join/done"))


JOINED_COACH = "joined_coach"  # the session remembers whom the runner joined, for /join/done


@router.get("/join/done", response_class=HTMLResponse)
def joined_page(request: Request, account: RunnerAccount) -> Response:
    coach = request.session.get(JOINED_COACH)
    if not isinstance(coach, str):
        return go("/join")
    return render(request, "join.html", {"joined": {"coach": coach}}, account=account)
