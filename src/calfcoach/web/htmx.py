"""Every htmx header read lives here, so routes never scatter header checks."""

from __future__ import annotations

from fastapi import Request


def is_htmx(request: Request) -> bool:
    """True for a request htmx made (it asks for a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"
