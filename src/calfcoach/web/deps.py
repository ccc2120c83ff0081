"""FastAPI dependencies with names: the context, the signed-in account, the CSRF check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from calfcoach.services import accounts
from calfcoach.services.accounts import Account
from calfcoach.services.errors import Forbidden, NotSignedIn
from calfcoach.web.context import AppContext

_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/tokens")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def app_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


Context = Annotated[AppContext, Depends(app_context)]


def api_account(
    context: Context,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Account:
    """The account of the bearer token (the API never reads the session cookie)."""
    if credentials is None:
        raise NotSignedIn("send Authorization: Bearer TOKEN (POST /api/v1/tokens gives one)")
    account = accounts.account_for_token(context.uow(), credentials.credentials, context.now())
    if account is None:
        raise NotSignedIn("the token is unknown or expired; ask POST /api/v1/tokens for a new one")
    return account


ApiAccount = Annotated[Account, Depends(api_account)]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; every form carries it back."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing browser request whose CSRF token does not match the session's."""
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not isinstance(expected, str) or sent is None or not secrets.compare_digest(expected, sent):
        raise Forbidden("the form expired or came from another site; reload the page and retry")


CsrfChecked = Depends(check_csrf)


def page_account(request: Request, context: Context) -> Account:
    """The browser's signed-in account, from the signed session cookie."""
    token = request.session.get("token")
    account = (
        accounts.account_for_token(context.uow(), token, context.now())
        if isinstance(token, str)
        else None
    )
    if account is None:
        request.session.pop("token", None)
        raise NotSignedIn("sign in to continue")
    return account


PageAccount = Annotated[Account, Depends(page_account)]


def runner_account(account: PageAccount) -> Account:
    if account.role != "runner":
        raise Forbidden("this page is for runners; coaches start at the dashboard")
    return account


def coach_account(account: PageAccount) -> Account:
    if account.role != "coach":
        raise Forbidden("this page is for coaches")
    return account


RunnerAccount = Annotated[Account, Depends(runner_account)]
CoachAccount = Annotated[Account, Depends(coach_account)]
