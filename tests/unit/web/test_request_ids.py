"""Request ids without a database: which ids are kept, the log filter, the one-time set-up."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from calfcoach.web.request_ids import (
    LOG_FORMAT,
    NO_REQUEST,
    RequestIdFilter,
    RequestIds,
    configure_logging,
    current_request_id,
    request_id_of,
    safe_request_id,
)

HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.mark.parametrize("sent", ["a", "0b5c-77", "A" * 64, "7f3a9c0e2b1d4e5f8a6b7c8d9e0f1a2b"])
def test_a_short_id_of_letters_digits_and_dashes_is_kept(sent: str) -> None:
    assert safe_request_id(sent) == sent


@pytest.mark.parametrize("sent", [None, "", "A" * 65, "a b", "a_b", "a.b", "x\r\nSet-Cookie: y"])
def test_anything_else_is_replaced_by_a_new_uuid4_hex(sent: str | None) -> None:
    made = safe_request_id(sent)
    assert HEX_ID.fullmatch(made)
    assert made != safe_request_id(sent), "each new id is new"


def record(**extra: object) -> logging.LogRecord:
    made = logging.LogRecord("calfcoach.test", logging.INFO, __file__, 1, "hello", None, None)
    vars(made).update(extra)
    return made


def test_outside_a_request_the_filter_adds_a_dash() -> None:
    assert current_request_id() is None
    seen = record()
    assert RequestIdFilter().filter(seen)
    assert vars(seen)["request_id"] == NO_REQUEST


def test_a_record_that_names_its_request_keeps_it() -> None:
    seen = record(request_id="given")
    RequestIdFilter().filter(seen)
    assert vars(seen)["request_id"] == "given"


def test_request_id_of_a_scope_the_middleware_never_saw_is_a_dash() -> None:
    assert request_id_of({"type": "http"}) == NO_REQUEST
    assert request_id_of({"type": "http", "state": {"request_id": "abc"}}) == "abc"


def test_inside_a_request_the_route_sees_the_id_the_answer_carries() -> None:
    app = FastAPI()
    app.add_middleware(RequestIds)

    @app.get("/id")
    def seen() -> dict[str, str | None]:  # a sync route: runs on a worker thread
        return {"id": current_request_id()}

    client = TestClient(app)
    answer = client.get("/id", headers={"X-Request-ID": "from-the-proxy"})
    assert answer.json() == {"id": "from-the-proxy"}
    assert answer.headers["X-Request-ID"] == "from-the-proxy"
    made = client.get("/id")
    assert made.json()["id"] == made.headers["X-Request-ID"]
    assert current_request_id() is None, "the id does not outlive its request"


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    """The root and calfcoach loggers as they were, whatever the test configures."""
    root, ours = logging.getLogger(), logging.getLogger("calfcoach")
    handlers, level, our_level = list(root.handlers), root.level, ours.level
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)
    ours.setLevel(our_level)


def test_configure_logging_adds_one_handler_with_the_request_id(
    root_logging: logging.Logger,
) -> None:
    configure_logging()
    configure_logging()
    added = [
        h for h in root_logging.handlers if any(isinstance(f, RequestIdFilter) for f in h.filters)
    ]
    assert len(added) == 1
    formatter = added[0].formatter
    assert formatter is not None and formatter._fmt == LOG_FORMAT
    assert "%(request_id)s" in LOG_FORMAT
    assert logging.getLogger("calfcoach").getEffectiveLevel() == logging.INFO
    assert root_logging.getEffectiveLevel() <= logging.WARNING
