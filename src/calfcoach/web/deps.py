"""FastAPI dependencies with names: the context, the signed-in account, the CSRF check."""

from __future__ import annotations

import secrets
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from calfcoach.services import accounts
from calfcoach.services.accounts import Account
from calfcoach.services.bootstrap import UseCase
from calfcoach.services.errors import Forbidden, NotSignedIn
from calfcoach.web.context import AppContext

_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/tokens")
T = TypeVar("T")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


async def app_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


Context = Annotated[AppContext, Depends(app_context)]


class ApiCaller:
    """Who is calling the API: runs a use case with the token's account, in one thread hop.

    The token check and the use case share one unit of work (one session, one connection),
    and the blocking work runs on one worker thread instead of one per dependency.
    """

    def __init__(self, context: AppContext, token: str) -> None:
        self.context = context
        self._token = token

    async def run(self, use_case: UseCase[T]) -> T:
        return await run_in_threadpool(self._run, use_case)

    def _run(self, use_case: UseCase[T]) -> T:
        uow = self.context.uow()
        with uow:
            account = accounts.account_for_token(uow, self._token, self.context.now())
            if account is None:
                raise NotSignedIn("the token is unknown or expired; ask POST /api/v1/tokens")
            return use_case(uow, account)


async def api_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiCaller:
    """The API never reads the session cookie: only a bearer token signs a call in."""
    if credentials is None:
        raise NotSignedIn("send Authorization: Bearer TOKEN (POST /api/v1/tokens gives one)")
    return ApiCaller(request.app.state.context, credentials.credentials)


Caller = Annotated[ApiCaller, Depends(api_caller)]


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
        await request.close()  # closes uploaded files: the route that would never runs
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
