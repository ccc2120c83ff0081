"""The runner's training history: upload runs (imported in the background), see them, and take
the usual week they show into the self-tests."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import history_views
from calfcoach.services.accounts import Account
from calfcoach.web import charts
from calfcoach.web.context import AppContext
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount, claim_form_once
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
    """Start a background import. Sent twice (its ``form_once`` token, plain or htmx), one job:
    the repeat answers with the first upload's job."""
    try:
        async with request.form() as form:  # closes the spooled upload files when read
            once = await claim_form_once(request, account.id, form)
            if once.repeat_of is not None:  # sent twice: the first post's import job
                return _job_answer(request, account, context, once.repeat_of)
            with once:
                files = await read_uploads(form.getlist(FILES_FIELD))
                job_id = await run_in_threadpool(context.imports.start, account, files)
    except InvalidDocument as error:
        if not is_htmx(request):
            raise
        code = getattr(error, "status_code", 422)
        return render(request, "_import_job.html", {"error": str(error)}, status_code=code)
    return _job_answer(request, account, context, once.done(f"{JOBS}/{job_id}"))


JOBS = "/history/jobs"


def _job_answer(request: Request, account: Account, context: AppContext, path: str) -> Response:
    """The job page to go to, or for htmx the job's fragment with a fresh token for the upload
    form's next post (swapped in by id, out of band)."""
    if not is_htmx(request):
        return go(path)
    job = context.imports.view(account, path.removeprefix(f"{JOBS}/"))
    values = {"job": job, "fresh_once": True}
    return render(request, "_import_job.html", values, account=account)


@router.get("/history/jobs/{job_id}", response_class=HTMLResponse)
def import_job(job_id: str, request: Request, account: RunnerAccount, context: Context) -> Response:
    job = context.imports.view(account, job_id)
    template = "_import_job.html" if is_htmx(request) else "import_job.html"
    return render(request, template, {"job": job}, account=account)
