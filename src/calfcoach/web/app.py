"""The app factory: settings and database in, a FastAPI app out (nothing at import time)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calfcoach.coaching.red_flags import GUIDE_ONLY
from calfcoach.services.bootstrap import Database, open_database
from calfcoach.settings import Settings
from calfcoach.web import api, errors, filters
from calfcoach.web.context import AppContext, system_clock
from calfcoach.web.pages import (
    auth,
    calendar,
    coach,
    history,
    info,
    moves,
    profile,
    runner,
    self_tests,
)
from calfcoach.web.request_ids import RequestIds

SESSION_COOKIE = "calfcoach_session"
# Pages load only their own scripts and styles; inline styles are allowed for the SVG charts.
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Callable[[], datetime] = system_clock,
) -> FastAPI:
    settings = settings or Settings()
    database = database or open_database(settings.database_url)
    files = resources.files("calfcoach.web")
    templates = Jinja2Templates(directory=str(files.joinpath("templates")))
    filters.install(templates.env)
    app = FastAPI(
        title="calfcoach",
        version="1",
        summary="Calf-strength and spring coach for runners: test, diagnose, plan, adapt.",
        description=f"{GUIDE_ONLY} See /why-calves for what it can promise.",
    )
    app.state.context = AppContext(settings, database, templates, clock)
    _add_sessions(app, settings)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestIds)  # added last: the outermost, so every answer carries the id
    app.mount("/static", StaticFiles(directory=str(files.joinpath("static"))), name="static")
    errors.install(app)
    app.include_router(api.router)
    for pages in (auth, self_tests, runner, history, coach, info, calendar, profile, moves):
        app.include_router(pages.router)
    app.add_api_route("/healthz", _healthz, methods=["GET"], tags=["ops"])
    return app


def _add_sessions(app: FastAPI, settings: Settings) -> None:
    """Signed, HttpOnly, SameSite=Lax session cookies (Secure when told we are behind TLS)."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_days * 24 * 3600,
        same_site="lax",
        https_only=settings.cookie_secure,
    )


class SecurityHeaders:
    """Adds the CSP and friends to every answer (plain ASGI: no per-request task overhead)."""

    HEADERS: tuple[tuple[bytes, bytes], ...] = (
        (b"content-security-policy", CONTENT_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A route's own choice wins (the calendar feed sends no referrer at all): a
                # second Referrer-Policy header would override it in the browser.
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [h for h in self.HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _healthz(request: Request) -> JSONResponse:
    """200 when the database answers a query, 503 when it does not."""
    context: AppContext = request.app.state.context
    if context.database.answers():
        return JSONResponse({"status": "ok"})
    return JSONResponse({"status": "database not answering"}, status_code=503)
