"""The runner's profile: calendar times and subscriptions, and their data to take away or bring."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import calendars, clinician, portability, sets_export
from calfcoach.services.accounts import Account
from calfcoach.services.calendars import NewFeed
from calfcoach.web.deps import Context, CsrfChecked, RunnerAccount, claim_form_once
from calfcoach.web.forms import session_times_from_form
from calfcoach.web.pages.common import CSV_TYPE, attachment, go, render
from calfcoach.web.uploads import read_uploads, refuse_big_upload

router = APIRouter(include_in_schema=False)
DOCUMENT_FIELD = "document"


IMPORTED = "imported_counts"  # the session keeps the latest import's counts for ?imported=1
NEW_FEED = "new_feed"  # the session holds a new calendar address until the profile shows it


@router.get("/profile", response_class=HTMLResponse)
def profile(
    request: Request, account: RunnerAccount, context: Context, imported: int = 0
) -> Response:
    """After an import (``?imported=1``) it says what was imported; after a subscribe it shows
    the new address, once (the session lets go of it)."""
    counts = request.session.get(IMPORTED) if imported else None
    feed = request.session.pop(NEW_FEED, None)
    extra = {
        "imported": counts if isinstance(counts, dict) else None,
        "new_feed": feed if isinstance(feed, dict) else None,
    }
    return _page(request, account, context, extra)


def _page(
    request: Request,
    account: Account,
    context: Context,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    uow = context.uow()
    values = {
        "feeds": calendars.feeds(uow, account),
        "times": calendars.session_times(uow, account),
        "zones": calendars.time_zone_names(),
        **(extra or {}),
    }
    return render(request, "profile.html", values, account=account, status_code=status_code)


@router.post("/profile/calendar/times", dependencies=[CsrfChecked])
async def save_times(request: Request, account: RunnerAccount, context: Context) -> Response:
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:
        return go(once.repeat_of)
    zone, starts = session_times_from_form(form)
    try:
        with once:
            await run_in_threadpool(
                calendars.set_session_times, context.uow(), account, zone, starts, context.now()
            )
    except InvalidDocument as error:
        tried = {"time_zone": zone, "times": starts}
        values = {"times_error": str(error), "tried": tried}
        return await run_in_threadpool(_page, request, account, context, values, 422)
    return go(once.done("/profile#calendar"))


@router.post("/profile/calendar/subscribe", dependencies=[CsrfChecked])
async def subscribe(request: Request, account: RunnerAccount, context: Context) -> Response:
    """A new address, shown once on the profile it redirects to; sent twice, made once (a
    second would replace the first)."""
    form = await request.form()
    once = await claim_form_once(request, account.id, form)
    if once.repeat_of is not None:
        return go(once.repeat_of)
    with once:
        feed = await run_in_threadpool(
            calendars.subscribe,
            context.uow(),
            account,
            form.get("variant") == "busy",
            context.now(),
        )
    request.session[NEW_FEED] = _addresses(request, feed)
    return go(once.done("/profile#calendar"))


def _addresses(request: Request, feed: NewFeed) -> dict[str, object]:
    """The address to paste (https) and the one a phone opens in its calendar app (webcal)."""
    url = str(request.url_for("calendar_feed", secret=feed.secret))
    webcal = "webcal://" + url.split("://", 1)[1]
    return {"id": feed.id, "busy_only": feed.busy_only, "url": url, "webcal": webcal}


@router.post("/profile/calendar/{feed_id}/revoke", dependencies=[CsrfChecked])
async def revoke(
    feed_id: int, request: Request, account: RunnerAccount, context: Context
) -> Response:
    """Stop an address; sent twice, the second is not a "no such address" error."""
    once = await claim_form_once(request, account.id, await request.form())
    if once.repeat_of is not None:
        return go(once.repeat_of)
    with once:
        await run_in_threadpool(calendars.revoke, context.uow(), account, feed_id, context.now())
    return go(once.done("/profile#calendar"))


@router.get("/profile/data.json")
def export_data(account: RunnerAccount, context: Context) -> Response:
    document = portability.export_data(context.uow(), account, context.now())
    text = portability.document_text(document)
    name = f"calfcoach-data-{context.today().isoformat()}.json"
    return attachment(text.encode("utf-8"), "application/json", name)


@router.post("/profile/data", dependencies=[Depends(refuse_big_upload), CsrfChecked])
async def import_data(request: Request, account: RunnerAccount, context: Context) -> Response:
    """Import a data file into an empty profile, then redirect to the profile saying what was
    imported: a reload does not send the file again, and a repeat imports nothing."""
    try:
        async with request.form() as form:
            once = await claim_form_once(request, account.id, form)
            if once.repeat_of is not None:  # sent twice: imported once, the profile shows it
                return go(once.repeat_of)
            with once:
                uploads = form.getlist(DOCUMENT_FIELD)
                [(_, data), *_] = await read_uploads(uploads, field=DOCUMENT_FIELD, kinds=".json")
                counts = await run_in_threadpool(
                    portability.import_data_file, context.uow(), account, data, context.now()
                )
    except InvalidDocument as error:
        values = {"import_error": str(error)}
        code = getattr(error, "status_code", 422)
        return await run_in_threadpool(_page, request, account, context, values, code)
    request.session[IMPORTED] = counts
    return go(once.done("/profile?imported=1#import"))


@router.get("/profile/sets.csv")
def logged_sets(account: RunnerAccount, context: Context) -> Response:
    data = sets_export.sets_csv(context.uow(), account)
    return attachment(data, CSV_TYPE, f"calfcoach-sets-{context.today().isoformat()}.csv")


@router.get("/profile/summary", response_class=HTMLResponse)
def clinician_summary(account: RunnerAccount, context: Context) -> Response:
    """One page for a physio or doctor, to print or save (self-contained HTML)."""
    summary = clinician.summary_for_runner(context.uow(), account, context.today())
    return Response(clinician.rendered(summary, "html"), media_type=clinician.MEDIA_TYPES["html"])


@router.get("/profile/summary.pdf")
def clinician_summary_pdf(account: RunnerAccount, context: Context) -> Response:
    summary = clinician.summary_for_runner(context.uow(), account, context.today())
    name = f"calfcoach-summary-{context.today().isoformat()}.pdf"
    return attachment(clinician.rendered(summary, "pdf"), clinician.MEDIA_TYPES["pdf"], name)
