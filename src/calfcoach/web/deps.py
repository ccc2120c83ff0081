"""FastAPI dependencies with names: the context, the signed-in account, the CSRF check."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from datetime import timedelta
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from calfcoach.services import accounts
from calfcoach.services.accounts import Account
from calfcoach.services.bootstrap import UseCase
from calfcoach.services.errors import Conflict, Forbidden, NotSignedIn
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
        raise FormExpired("the form expired or came from another site; reload the page and retry")


class FormExpired(Forbidden):
    """A page post whose CSRF token does not match the session's (or the session is gone)."""


CsrfChecked = Depends(check_csrf)


FORM_ONCE_FIELD = "form_once"
FORM_ONCE_WAIT_SECONDS = 10.0  # how long a repeat waits for the first post to finish


def new_form_once() -> str:
    """A one-time token for a page form that stores something (one per form on the page)."""
    return secrets.token_urlsafe(16)


class _FirstPost:
    """What became of the first post that carried a token: where it sent the browser."""

    __slots__ = ("done", "result")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: str | None = None


class FormOnceTokens:
    """The form tokens this process has seen, per account, the latest ``keep`` of them.

    The first post with a token claims it; a second post with the same token (a double tap,
    a reload of the result, the back button and submit again) stores nothing and is sent
    where the first was sent. A token the set has never seen is simply new: tokens are not
    recorded when issued, so a page can carry as many forms as it likes. Held in memory, so
    with several server processes a repeat that reaches another process is not caught.
    """

    def __init__(self, keep: int = 20_000) -> None:
        self._lock = threading.Lock()
        self._seen: OrderedDict[tuple[int, str], _FirstPost] = OrderedDict()
        self._keep = keep

    def claim(self, account_id: int, token: str) -> _FirstPost | None:
        """None when this post is the first with ``token``; else the first post's record."""
        key = (account_id, token)
        with self._lock:
            found = self._seen.get(key)
            if found is not None:
                return found
            self._seen[key] = _FirstPost()
            while len(self._seen) > self._keep:
                self._seen.popitem(last=False)
            return None

    def finish(self, account_id: int, token: str, result: str) -> None:
        with self._lock:
            found = self._seen.get((account_id, token))
        if found is not None:
            found.result = result
            found.done.set()

    def release(self, account_id: int, token: str) -> None:
        """The first post stored nothing (a refused form): the token may be used again."""
        with self._lock:
            found = self._seen.pop((account_id, token), None)
        if found is not None:
            found.done.set()


_TOKENS_GUARD = threading.Lock()


def form_once_tokens(request: Request) -> FormOnceTokens:
    """The app's set of used form tokens, made on first use."""
    state = request.app.state
    with _TOKENS_GUARD:
        tokens = getattr(state, "form_once_tokens", None)
        if not isinstance(tokens, FormOnceTokens):
            tokens = state.form_once_tokens = FormOnceTokens()
    return tokens


class FormOnce:
    """One page post's claim on its form token: ``repeat_of`` is set when the post repeats an
    earlier one (store nothing, answer ``repeat_of``); otherwise the route stores and then
    calls ``done(path)``, or ``failed()`` when it stored nothing."""

    def __init__(
        self, tokens: FormOnceTokens, account_id: int, token: str | None, repeat_of: str | None
    ) -> None:
        self._tokens = tokens
        self._account_id = account_id
        self._token = token
        self.repeat_of = repeat_of

    def done(self, result: str) -> str:
        if self._token is not None and self.repeat_of is None:
            self._tokens.finish(self._account_id, self._token, result)
        return result

    def failed(self) -> None:
        if self._token is not None and self.repeat_of is None:
            self._tokens.release(self._account_id, self._token)

    def __enter__(self) -> FormOnce:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Any error while storing frees the token, so the corrected form can be sent."""
        if kind is not None:
            self.failed()


async def claim_form_once(request: Request, account_id: int, form: FormData) -> FormOnce:
    """Claim the form's ``form_once`` token; a form without one is always a first post."""
    tokens = form_once_tokens(request)
    field = form.get(FORM_ONCE_FIELD)
    token = field.strip() if isinstance(field, str) and field.strip() else None
    if token is None:
        return FormOnce(tokens, account_id, None, None)
    for _ in range(3):
        earlier = tokens.claim(account_id, token)
        if earlier is None:
            return FormOnce(tokens, account_id, token, None)
        await run_in_threadpool(earlier.done.wait, FORM_ONCE_WAIT_SECONDS)
        if earlier.result is not None:
            return FormOnce(tokens, account_id, token, earlier.result)
        # the first post was refused (its token released) or is still running: try again
    await request.close()
    raise Conflict("this form is still being saved; reload the page to see whether it was")


def page_account(request: Request, context: Context) -> Account:
    """The browser's signed-in account, from the signed session cookie; the sign-in slides
    (renewed at most once a day, see ``accounts.account_for_session``)."""
    token = request.session.get("token")
    lifetime = timedelta(days=context.settings.session_days)
    account = (
        accounts.account_for_session(context.uow(), token, context.now(), lifetime)
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
