"""The runner's training history: upload runs (imported in the background), see them, and take
the usual week they show into the self-tests."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import history_views
from calfcoach.web import charts
from calfcoach.web.deps import Context, CsrfChecked, FormOnce, RunnerAccount, claim_form_once
from calfcoach.web.forms import WEEKDAYS
from calfcoach.web.htmx import is_htmx
from calfcoach.web.pages.common import go, render
from calfcoach.web.pages.self_tests import CHOICES
from calfcoach.web.uploads import FILES_FIELD, read_uploads, refuse_big_upload

router = APIRouter(include_in_schema=False)
ACCEPTED = ".fit,.gpx,.tcx,.gz,.zip"


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, account: RunnerAccount, context: Context) -> Response:
    view = history_views.history_page(context.uow(), account, context.today())
    values = {
        **view,
        "chart": charts.weekly_running_chart(view["weeks"]),
        "accepted": ACCEPTED,
        "weekdays": WEEKDAYS,
        "day_types": CHOICES["day_types"],
    }
    return render(request, "history.html", values, account=account)


@router.post("/history/upload", dependencies=[Depends(refuse_big_upload), CsrfChecked])
async def upload(request: Request, account: RunnerAccount, context: Context) -> Response:
    once: FormOnce | None = None
    try:
        async with request.form() as form:  # closes the spooled upload files when read
            if not is_htmx(request):  # htmx disables the button while it sends
                once = await claim_form_once(request, account.id, form)
                if once.repeat_of is not None:  # sent twice: the first post's import job
                    return go(once.repeat_of)
            files = await read_uploads(form.getlist(FILES_FIELD))
    except InvalidDocument as error:
        if once is not None:
            once.failed()
        if not is_htmx(request):
            raise
        code = getattr(error, "status_code", 422)
        return render(request, "_import_job.html", {"error": str(error)}, status_code=code)
    try:
        job_id = await run_in_threadpool(context.imports.start, account, files)
    except BaseException:
        if once is not None:
            once.failed()
        raise
    if is_htmx(request):
        return render(request, "_import_job.html", {"job": context.imports.view(account, job_id)})
    path = f"/history/jobs/{job_id}"
    return go(path if once is None else once.done(path))


@router.get("/history/jobs/{job_id}", response_class=HTMLResponse)
def import_job(job_id: str, request: Request, account: RunnerAccount, context: Context) -> Response:
    job = context.imports.view(account, job_id)
    template = "_import_job.html" if is_htmx(request) else "import_job.html"
    return render(request, template, {"job": job}, account=account)
