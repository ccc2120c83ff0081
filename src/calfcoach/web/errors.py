"""One place that turns refusals into answers: JSON under /api, a page (or sign-in) elsewhere.

A page's error is a page of the site: the navigation of the signed-in account, plain words (an
address that names no day is "No such day", never the validator's text), and a browser asking
for an unknown address gets that page too (an API client keeps its JSON). A form posted after
the sign-in expired is kept in the session (``web.kept_forms``) and offered again after signing
in.

Anything else is a bug or a dependency gone away: it is logged with its traceback and the
request id, and answered 500 with the id alone (never the error's text).
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS
from calfcoach.services.accounts import Account
from calfcoach.services.errors import (
    Conflict,
    Forbidden,
    NotFound,
    NotSignedIn,
    ServiceError,
    SignInFailed,
    TooManyAttempts,
)
from calfcoach.web import kept_forms
from calfcoach.web.deps import FormExpired, csrf_token, page_account
from calfcoach.web.htmx import is_htmx
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
    app.add_exception_handler(StarletteHTTPException, _http_error)
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
    if not _is_api(request) and first.get("loc", ("",))[0] == "path":
        return _no_such(request)  # /day/not-a-date: an address that names nothing
    where = [str(part) for part in first.get("loc", ()) if part != "body"]
    problem = str(first.get("msg", "invalid"))
    if not _is_api(request):  # a page says it in plain words; the API keeps pydantic's
        problem = PLAIN_PROBLEMS.get(str(first.get("type")), problem)
    return _unprocessable(request, ".".join(where) or "body", problem)


# A form field's validation problem as a page says it (pydantic's error type -> words).
PLAIN_PROBLEMS = {
    "missing": "please fill this in",
    "int_parsing": "please enter a whole number",
    "float_parsing": "please enter a number",
    "date_parsing": "please enter a date",
    "date_from_datetime_parsing": "please enter a date",
    "string_too_long": "this is too long",
}


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
        return await _sign_in_first(request)
    if isinstance(error, FormExpired) and _session_ended(request) and not _is_auth(request):
        return await _sign_in_first(request)  # the whole session cookie expired meanwhile
    titles = {404: "Not found", 403: "Not allowed", 409: "Changed meanwhile"}
    return _page(request, code, titles.get(code, "Sorry"), error.message, headers)


async def _sign_in_first(request: Request) -> Response:
    """To the sign-in page, and back to this page afterwards (``?next=``); a form posted from a
    page is kept in the session to be sent again after signing in."""
    back = kept_forms.return_path(request)
    if request.method == "POST":
        await kept_forms.keep(request, back)
    target = kept_forms.signin_url(back)
    if is_htmx(request):  # a fragment request: the whole page goes to the sign-in
        return Response(status_code=status.HTTP_204_NO_CONTENT, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)


def _is_auth(request: Request) -> bool:
    """The sign-in forms themselves: a stale one is refused, not kept."""
    return request.url.path in {"/signin", "/signup", "/signout"}


def _session_ended(request: Request) -> bool:
    """A post from one of our pages (the browser says so) that came with no session at all: the
    session cookie expired while the page was open, so the form is kept, not refused."""
    if request.session.get("token") or request.session.get("csrf"):
        return False
    host = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin") or request.headers.get("referer", "")
    same_site = request.headers.get("sec-fetch-site") == "same-origin"
    return same_site or origin == host or origin.startswith(f"{host}/")


# What a page address that names nothing is called: the first matching prefix wins.
NO_SUCH = (
    ("/day/", "No such day", "That address names no day. Pick a day on your plan."),
    ("/coach/runners/", "No such runner", "That address names none of your runners."),
    ("/logs/", "No such log", "That address names no logged session."),
    ("/history/jobs/", "No such import", "That address names no import of yours."),
    ("", "Page not found", "There is no page at this address."),
)


def _no_such(request: Request) -> Response:
    path = request.url.path
    _, title, message = next(entry for entry in NO_SUCH if path.startswith(entry[0]))
    return _page(request, status.HTTP_404_NOT_FOUND, title, message)


async def _http_error(request: Request, error: Exception) -> Response:
    """An unknown address: the 404 page for a browser, FastAPI's JSON for the API and for
    clients that do not ask for HTML; other HTTP errors (405 ...) as FastAPI answers them."""
    if not isinstance(error, StarletteHTTPException):  # registered for that class only
        raise error
    wants_page = "text/html" in request.headers.get("accept", "")
    if error.status_code == status.HTTP_404_NOT_FOUND and wants_page and not _is_api(request):
        return _no_such(request)
    return await http_exception_handler(request, error)


def _page(
    request: Request, code: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The error page inside the site: the navigation when a signed-in account is asking."""
    templates: Jinja2Templates = request.app.state.context.templates
    account = _account_or_none(request)
    values = {
        "title": title,
        "message": message,
        "status": code,
        "account": account,
        # the navigation's sign-out form; nobody signed in: no session is started for them
        "csrf_token": csrf_token(request) if account is not None else "",
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }
    return templates.TemplateResponse(
        request, "error.html", values, status_code=code, headers=headers
    )


def _account_or_none(request: Request) -> Account | None:
    """Who is signed in, for the navigation; nobody when the session or the database says no
    (an error page must render even when the database is what failed)."""
    if "session" not in request.scope or not request.session.get("token"):
        return None
    try:
        return page_account(request, request.app.state.context)
    except Exception:
        return None


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
