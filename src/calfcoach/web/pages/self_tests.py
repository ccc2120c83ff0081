"""The guided self-tests: heel raise with a metronome, knee-to-wall, the bounce, two questions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import training
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount
from calfcoach.web.forms import REPORTED_FLAGS, SITUATIONS, WEEKDAYS, assessment_from_form
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)
CHOICES = {
    "red_flag_choices": REPORTED_FLAGS,
    "situation_choices": SITUATIONS,
    "weekdays": WEEKDAYS,
    "day_types": ["rest", "easy", "quality", "long", "race"],
}


@router.get("/tests", response_class=HTMLResponse)
def tests_page(request: Request, account: RunnerAccount) -> Response:
    # /history's "Use this week" links here with week_mon=...: those days start chosen.
    week = {k: v for k, v in request.query_params.items() if k.startswith("week_")}
    values = {
        **CHOICES,
        "form": week,
        "week_from_history": bool(week),
        "chosen_flags": [],
        "chosen_situations": [],
    }
    return render(request, "tests.html", values, account=account)


@router.post("/tests", dependencies=[CsrfChecked])
async def submit_tests(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    try:
        document = assessment_from_form(form)
        await run_in_threadpool(
            training.submit_assessment,
            context.uow(),
            account,
            document,
            context.today(),
            context.now(),
        )
    except InvalidDocument as error:
        values = {
            **CHOICES,
            "form": form,
            "chosen_flags": form.getlist("red_flags"),
            "chosen_situations": form.getlist("situations"),
            "error": str(error),
            "error_field": error.field,
        }
        return render(request, "tests.html", values, account=account, status_code=422)
    return go("/diagnosis")
