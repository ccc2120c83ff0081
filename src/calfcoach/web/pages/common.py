"""Rendering shared by the pages: every template gets the account, the CSRF token, today and
``form_once()`` (a one-time token for a form that stores something)."""

from __future__ import annotations

from typing import Any

from fastapi import Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS
from calfcoach.services.accounts import Account
from calfcoach.web.context import AppContext
from calfcoach.web.deps import csrf_token, new_form_once


def render(
    request: Request,
    template: str,
    values: dict[str, Any] | None = None,
    *,
    account: Account | None = None,
    status_code: int = status.HTTP_200_OK,
) -> HTMLResponse:
    context: AppContext = request.app.state.context
    page = {
        "account": account,
        "csrf_token": csrf_token(request),
        "form_once": new_form_once,  # {{ form_once() }}: a fresh one-time token per form
        "today": context.today(),
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
        **(values or {}),
    }
    return context.templates.TemplateResponse(request, template, page, status_code=status_code)


def go(path: str) -> RedirectResponse:
    """After a form post: see the result on its own page (POST-redirect-GET)."""
    return RedirectResponse(path, status_code=status.HTTP_303_SEE_OTHER)


CSV_TYPE = "text/csv; charset=utf-8"


def attachment(data: bytes, media_type: str, filename: str) -> Response:
    """A file to save (the browser's download), never cached by shared caches."""
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store",
    }
    return Response(data, media_type=media_type, headers=headers)
