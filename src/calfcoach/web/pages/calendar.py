"""The plan outside calfcoach: the private calendar feed, the .ics download, the watch workouts."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from calfcoach.services import calendars, device_files, training
from calfcoach.web.deps import Context, RunnerAccount
from calfcoach.web.pages.common import attachment

router = APIRouter(include_in_schema=False)
CALENDAR_TYPE = "text/calendar; charset=utf-8"
FEED_HEADERS = {
    # Phones poll the address; a proxy must not keep a copy of someone's training.
    "Cache-Control": "private, max-age=900",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


@router.get("/calendar/{secret}.ics")
def calendar_feed(secret: str, context: Context) -> Response:
    """A subscription: the secret in the address is the only key (404 once revoked)."""
    data = calendars.feed_calendar(context.uow(), secret, context.now())
    return Response(data, media_type=CALENDAR_TYPE, headers=FEED_HEADERS)


@router.get("/plan.ics")
def plan_ics(account: RunnerAccount, context: Context, busy: bool = False) -> Response:
    data = calendars.plan_calendar_file(context.uow(), account, busy, context.now())
    name = "calfcoach-busy.ics" if busy else "calfcoach-plan.ics"
    return attachment(data, CALENDAR_TYPE, name)


@router.get("/plan/workouts.zip")
def watch_workouts(account: RunnerAccount, context: Context) -> Response:
    plan = training.latest_plan(context.uow(), account).coaching.plan
    return attachment(device_files.watch_archive(plan), "application/zip", "calfcoach-workouts.zip")
