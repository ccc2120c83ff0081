"""Sign up, sign in and sign out in the browser; the landing page.

Signing in goes back to ``next`` (a same-site path: the page that asked for a sign-in), and a
form that was posted after the sign-in expired is shown again, filled in, to be sent with one tap
(``/signin/kept``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services import accounts
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Conflict, NotSignedIn, SignInFailed
from calfcoach.web import kept_forms
from calfcoach.web.deps import Context, CsrfChecked, PageAccount, page_account
from calfcoach.web.pages.common import go, render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, context: Context) -> Response:
    try:
        account = page_account(request, context)
    except NotSignedIn:
        return render(request, "home.html")
    return go(start_page(account))


def start_page(account: Account) -> str:
    return "/coach" if account.role == "coach" else "/today"


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, role: str = "runner") -> Response:
    return render(request, "signup.html", {"role": role if role == "coach" else "runner"})


@router.post("/signup", dependencies=[CsrfChecked])
def signup(request: Request, context: Context, email: Text, password: Text, role: Text) -> Response:
    try:
        accounts.sign_up(context.uow(), email, password, role, context.now())
    except (InvalidDocument, Conflict) as error:
        values = {"error": f"{error.field}: {_problem(error)}", "email": email, "role": role}
        return render(request, "signup.html", values, status_code=422)
    _start_session(request, context, email, password)
    return go("/tests" if role == "runner" else "/coach")


def _problem(error: InvalidDocument | Conflict) -> str:
    return error.problem if isinstance(error, InvalidDocument) else error.message


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, next: str = "") -> Response:
    values = {"next": kept_forms.safe_next(next), "kept": kept_forms.peek(request.session)}
    return render(request, "signin.html", values)


@router.post("/signin", dependencies=[CsrfChecked])
def signin(
    request: Request,
    context: Context,
    email: Text,
    password: Text,
    next: Annotated[str, Form()] = "",
) -> Response:
    back = kept_forms.safe_next(next)
    kept = kept_forms.take(request.session)
    try:
        account = _start_session(request, context, email, password)
    except (SignInFailed, InvalidDocument):
        if kept is not None:  # a wrong password does not lose the kept form
            request.session[kept_forms.KEPT] = kept
        values = {"error": "Wrong email or password.", "email": email, "next": back, "kept": kept}
        return render(request, "signin.html", values, status_code=status.HTTP_401_UNAUTHORIZED)
    if kept is not None:
        request.session[kept_forms.KEPT] = kept
        return go("/signin/kept")
    return go(back or start_page(account))


@router.get("/signin/kept", response_class=HTMLResponse)
def kept_form(request: Request, account: PageAccount) -> Response:
    """The form that was posted after the sign-in expired, filled in, to send again (or not).
    Shown once: the page holds the answers, the session lets go of them."""
    kept = kept_forms.take(request.session)
    if kept is None:
        return go(start_page(account))
    values = {"kept": kept, "shown": kept_forms.shown(kept)}
    return render(request, "kept_form.html", values, account=account)


def _start_session(request: Request, context: Context, email: str, password: str) -> Account:
    lifetime = timedelta(days=context.settings.session_days)
    token, account = accounts.sign_in(
        context.uow(),
        email,
        password,
        context.now(),
        kind="web",
        lifetime=lifetime,
        policy=context.login_policy,
    )
    request.session.clear()  # a fresh session (and CSRF token) at every sign-in
    request.session["token"] = token
    return account


@router.post("/signout", dependencies=[CsrfChecked])
def signout(request: Request, context: Context) -> Response:
    token = request.session.get("token")
    if isinstance(token, str):
        accounts.sign_out(context.uow(), token)
    request.session.clear()
    return go("/")
