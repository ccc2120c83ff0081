"""The guided self-tests: heel raise with a metronome, knee-to-wall, the bounce, two questions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from calfcoach.coaching.assessment import LATEST_START_DAYS
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import retests, training
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount, claim_form_once
from calfcoach.web.forms import REPORTED_FLAGS, SITUATIONS, WEEKDAYS, assessment_from_form
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)
SAME_DAY = (
    "You already took the tests today, and your current block started from them. "
    "One day's tests start one block: retest on another day."
)
RACED = "Your plan changed while these tests were sent: send them again."
CHOICES = {
    "red_flag_choices": REPORTED_FLAGS,
    "situation_choices": SITUATIONS,
    "weekdays": WEEKDAYS,
    "day_types": ["rest", "easy", "quality", "long", "race"],
}


def start_choices(today: date) -> dict[str, Any]:
    """When the block may start: tomorrow, next Monday (never the test day) or a date."""
    return {
        "start_tomorrow": today + timedelta(days=1),
        "start_monday": today + timedelta(days=7 - today.weekday()),
        "start_latest": today + timedelta(days=LATEST_START_DAYS),
    }


@router.get("/tests", response_class=HTMLResponse)
def tests_page(request: Request, account: RunnerAccount, context: Context) -> Response:
    # /history's "Use this week" links here with week_mon=...: those days start chosen.
    week = {k: v for k, v in request.query_params.items() if k.startswith("week_")}
    # A retest starts with what the runner told us last time, never the last numbers.
    told = retests.retest_answers(context.uow(), account)
    status = retests.retest_status(context.uow(), account, context.today())
    values = {
        **CHOICES,
        **start_choices(context.today()),
        "form": {**(told["fields"] if told else {}), **week},
        "week_from_history": bool(week),
        "chosen_flags": [],
        "chosen_situations": told["situations"] if told else [],
        "retest": status,
        "early_confirmed": request.query_params.get("retest") == "early",
    }
    return render(request, "tests.html", values, account=account)


@router.post("/tests", dependencies=[CsrfChecked])
async def submit_tests(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:  # sent twice: one assessment, one plan
        return go(once.repeat_of)
    try:
        with once:
            document = assessment_from_form(form, context.today())
            await run_in_threadpool(
                training.submit_assessment,
                context.uow(),
                account,
                document,
                context.today(),
                context.now(),
            )
    except (InvalidDocument, Conflict) as error:
        return _sent_back(request, account, form, error, context.today())
    return go(once.done("/diagnosis"))


def _sent_back(
    request: Request,
    account: Account,
    form: FormData,
    error: InvalidDocument | Conflict,
    today: date,
) -> Response:
    """The form again as sent, with what to fix (422) or why it was refused (409: a second,
    different test on the day the current block's tests were taken starts no second block)."""
    refused = isinstance(error, Conflict)
    values = {
        **CHOICES,
        **start_choices(today),
        "form": form,
        "chosen_flags": form.getlist("red_flags"),
        "chosen_situations": form.getlist("situations"),
        "error": None if refused else str(error),
        "error_field": error.field,
        "refused": None if not refused else SAME_DAY if error.field == "date" else RACED,
    }
    status_code = 409 if refused else 422
    return render(request, "tests.html", values, account=account, status_code=status_code)
