"""A form posted after the sign-in expired is not lost: it waits in the signed session, and after
signing in the runner sees what they filled in and sends it with one tap.

The sign-in page takes ``next``, the page to go back to; only a same-site path is followed
(``/checkin``, never ``//evil.example`` or ``https:...``). What is kept: the form's text fields,
without the CSRF token, without any password and without files, and only when it is small (the
session is a cookie, which browsers cap at 4 kB): a bigger form is dropped, the runner is still
sent back to its page.
"""

from __future__ import annotations

import json
from typing import Any, TypedDict
from urllib.parse import urlencode, urlsplit

from fastapi import Request

KEPT = "kept_form"
MAX_KEPT_CHARS = 2000  # of JSON: leaves room in the 4 kB session cookie for the rest
NOT_KEPT = ("csrf_token", "form_once")  # a fresh token of each is sent with the kept form
MAX_NEXT_CHARS = 500
# Where a post goes back to when no page of ours sent it (its action is not a page).
BACK_TO = {"/logs": "/today", "/history/upload": "/history", "/coach/invitations": "/coach"}


class KeptForm(TypedDict):
    action: str
    back: str
    fields: list[list[str]]


def safe_next(value: object) -> str | None:
    """``value`` when it is a path on this site (``/day/2026-12-10?x=1``); otherwise None.

    Refused: anything not starting with one ``/`` (``//evil.example``, ``/\\evil``), a scheme or
    a host (``https://...``, ``javascript:``), control characters, and overlong values.
    """
    if not isinstance(value, str) or not value.startswith("/") or len(value) > MAX_NEXT_CHARS:
        return None
    if value.startswith(("//", "/\\")) or any(ord(c) < 32 or c == "\\" for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value


def signin_url(back: str | None) -> str:
    """``/signin?next=/checkin``; plain ``/signin`` when there is nowhere safe to go back to."""
    safe = safe_next(back)
    return f"/signin?{urlencode({'next': safe}, safe='/')}" if safe and safe != "/" else "/signin"


def return_path(request: Request) -> str:
    """The page to come back to after signing in: the page itself for a GET; for a post, the
    page it was sent from (its same-site Referer), else the page that holds its form."""
    if request.method == "GET":
        query = f"?{request.url.query}" if request.url.query else ""
        return f"{request.url.path}{query}"
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path:
        found = safe_next(f"{referer.path}?{referer.query}" if referer.query else referer.path)
        if found:
            return found
    path = request.url.path
    for action, page in BACK_TO.items():
        if path.startswith(action):
            return page
    return path


async def keep(request: Request, back: str) -> bool:
    """Keep the posted form in the session (replacing any earlier one); True when kept."""
    try:
        form = await request.form()
    except Exception:
        return False
    fields = [
        [name, value]
        for name, value in form.multi_items()
        if isinstance(value, str) and name not in NOT_KEPT and "password" not in name.lower()
    ]
    request.session.pop(KEPT, None)
    kept: KeptForm = {"action": request.url.path, "back": back, "fields": fields}
    if not fields or len(json.dumps(kept)) > MAX_KEPT_CHARS:
        return False
    request.session[KEPT] = kept
    return True


def take(session: dict[str, Any]) -> KeptForm | None:
    """The kept form, removed from the session; None when there is none (or it is not one)."""
    found = session.pop(KEPT, None)
    if not isinstance(found, dict):
        return None
    action, back, fields = found.get("action"), found.get("back"), found.get("fields")
    if safe_next(action) is None or safe_next(back) is None or not isinstance(fields, list):
        return None
    pairs = [
        [str(pair[0]), str(pair[1])] for pair in fields if isinstance(pair, list) and len(pair) == 2
    ]
    return {"action": str(action), "back": str(back), "fields": pairs}


def shown(kept: KeptForm) -> list[tuple[str, str]]:
    """The kept answers as a runner reads them: ``("Reps, set 1", "6")`` for ``reps_0=6``;
    empty answers and the hidden date are left out."""
    lines = []
    for name, value in kept["fields"]:
        if not value.strip() or name == "date":
            continue
        base, _, number = name.rpartition("_")
        label = f"{base}, set {int(number) + 1}" if base and number.isdigit() else name
        lines.append((label.replace("_", " ").capitalize(), value.replace("_", " ")))
    return lines


def peek(session: dict[str, Any]) -> KeptForm | None:
    """The kept form, left in the session."""
    found = take(session)
    if found is not None:
        session[KEPT] = found
    return found
