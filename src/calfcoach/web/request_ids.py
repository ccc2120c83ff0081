"""A request id on every answer and every log line written while the request runs.

The id is the caller's ``X-Request-ID`` when it is safe to repeat (1-64 letters, digits and
dashes: a proxy's id ties its log to ours), else a new one (``uuid4`` hex). It goes back on
the answer's ``X-Request-ID`` header, into ``scope["state"]`` for the 500 handler (which runs
after this middleware has finished) and into a context variable that :class:`RequestIdFilter`
copies onto log records as ``request_id`` (``-`` outside a request). Work a request hands to a
thread of its own keeps the id when the thread runs in a copy of the request's context.

:func:`configure_logging` is called once by the entry point that serves (``web/server.py``),
never at import time: a test or a library user keeps its own logging.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
_HEADER_KEY = HEADER.lower().encode("latin-1")
_SAFE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
NO_REQUEST = "-"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"

_current: ContextVar[str | None] = ContextVar("calfcoach_request_id", default=None)


def safe_request_id(sent: str | None) -> str:
    """``sent`` when it is short and only letters, digits and dashes; otherwise a new id."""
    if sent is not None and _SAFE_ID.fullmatch(sent):
        return sent
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the request being answered in this context, if any."""
    return _current.get()


def request_id_of(scope: Scope) -> str:
    """The id the middleware gave this request (``-`` when it never ran)."""
    state = scope.get("state")
    found = state.get("request_id") if isinstance(state, dict) else None
    return found if isinstance(found, str) else NO_REQUEST


def _sent_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == _HEADER_KEY:
            return bytes(value).decode("latin-1")
    return None


class RequestIds:
    """ASGI middleware: gives each HTTP request its id (plain ASGI, like ``SecurityHeaders``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = safe_request_id(_sent_id(scope))
        scope.setdefault("state", {})["request_id"] = request_id
        header = (_HEADER_KEY, request_id.encode("latin-1"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != _HEADER_KEY]
                message["headers"] = [*headers, header]
            await send(message)

        token = _current.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record it sees: the current request's, or ``-``.

    A record that already carries one (``extra={"request_id": ...}``) keeps it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        vars(record).setdefault("request_id", current_request_id() or NO_REQUEST)
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """calfcoach's records at ``level`` and up, everyone else's warnings, on stderr with the
    request id. Safe to call twice: the handler is added once."""
    root = logging.getLogger()
    ours = any(isinstance(f, RequestIdFilter) for h in root.handlers for f in h.filters)
    if not ours:
        handler = logging.StreamHandler(sys.stderr)
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger("calfcoach").setLevel(level)
