"""One place that turns refusals into answers: JSON under /api, a page (or sign-in) elsewhere.

Anything else is a bug or a dependency gone away: it is logged with its traceback and the
request id, and answered 500 with the id alone (never the error's text).
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.errors import (
    Conflict,
    Forbidden,
    NotFound,
    NotSignedIn,
    ServiceError,
    SignInFailed,
    TooManyAttempts,
)
from calfcoach.web.request_ids import HEADER, request_id_of

logger = logging.getLogger(__name__)

STATUS: dict[type[ServiceError], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Forbidden: status.HTTP_403_FORBIDDEN,
    Conflict: status.HTTP_409_CONFLICT,
    SignInFailed: status.HTTP_401_UNAUTHORIZED,
    NotSignedIn: status.HTTP_401_UNAUTHORIZED,
    TooManyAttempts: status.HTTP_429_TOO_MANY_REQUESTS,
}


def install(app: FastAPI) -> None:
    app.add_exception_handler(InvalidDocument, _invalid_document)
    app.add_exception_handler(RequestValidationError, _invalid_body)
    app.add_exception_handler(ServiceError, _refused)
    app.add_exception_handler(Exception, _unexpected)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _unprocessable(
    request: Request, field: str, problem: str, code: int = status.HTTP_422_UNPROCESSABLE_CONTENT
) -> Response:
    message = f"{field}: {problem}"
    if not _is_api(request):
        return _page(request, code, "Please check", message)
    detail = [{"loc": ["body", *_location(field)], "msg": problem, "type": "value_error"}]
    return JSONResponse(
        {"error": message, "field": field, "detail": detail},
        status_code=code,
    )


def _location(field: str) -> list[str | int]:
    """``sets[0].reps`` -> ``["sets", 0, "reps"]``, FastAPI's own shape of a location."""
    if field == "body":
        return []
    return [int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", field)]


async def _invalid_document(request: Request, error: Exception) -> Response:
    if not isinstance(error, InvalidDocument):  # registered for that class only
        raise error
    invalid = error
    # A refusal may carry its own status (an upload over the cap is 413, not 422).
    code = getattr(invalid, "status_code", status.HTTP_422_UNPROCESSABLE_CONTENT)
    return _unprocessable(request, invalid.field, invalid.problem, code)


async def _invalid_body(request: Request, error: Exception) -> Response:
    if not isinstance(error, RequestValidationError):  # registered for that class only
        raise error
    first = error.errors()[0]
    if first.get("type") == "json_invalid":
        at = next((p for p in first.get("loc", ()) if isinstance(p, int)), None)
        return _unprocessable(request, "body", f"not valid JSON (at character {at})")
    where = [str(part) for part in first.get("loc", ()) if part != "body"]
    return _unprocessable(request, ".".join(where) or "body", str(first.get("msg", "invalid")))


async def _refused(request: Request, error: Exception) -> Response:
    if not isinstance(error, ServiceError):  # registered for that class only
        raise error
    code = next((c for kind, c in STATUS.items() if isinstance(error, kind)), 400)
    headers = {}
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after_s)
    if _is_api(request):
        if code == status.HTTP_401_UNAUTHORIZED:
            headers["WWW-Authenticate"] = "Bearer"
        body: dict[str, object] = {"error": error.message}
        if error.field:
            body["field"] = error.field
        return JSONResponse(body, status_code=code, headers=headers)
    if isinstance(error, NotSignedIn):
        return RedirectResponse("/signin", status_code=status.HTTP_303_SEE_OTHER)
    titles = {404: "Not found", 403: "Not allowed", 409: "Changed meanwhile"}
    return _page(request, code, titles.get(code, "Sorry"), error.message, headers)


def _page(
    request: Request, code: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    templates: Jinja2Templates = request.app.state.context.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"title": title, "message": message, "status": code},
        status_code=code,
        headers=headers,
    )


async def _unexpected(request: Request, error: Exception) -> Response:
    """A 500: the traceback and the request id go to the log, only the id to the caller.

    The route's template (``/calendar/{secret}.ics``), not the path, is logged: a path may
    carry a secret. Starlette then re-raises ``error`` for the server, as it always does.
    """
    request_id = request_id_of(request.scope)
    route = getattr(request.scope.get("route"), "path", "-")
    logger.exception(
        "unexpected %s on %s %s (request %s)",
        type(error).__name__,
        request.method,
        route,
        request_id,
        exc_info=error,
        extra={"request_id": request_id},
    )
    code = status.HTTP_500_INTERNAL_SERVER_ERROR
    message = f"Something went wrong on our side. If it keeps happening, quote {request_id}."
    headers = {HEADER: request_id}
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=code, headers=headers)
    return _page(request, code, "Sorry", message, headers)
