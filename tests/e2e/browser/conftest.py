"""A live server and a real Chromium for the browser journeys.

Each test gets the app served by uvicorn on a free port of 127.0.0.1, on a migrated database
without a row (SQLite and PostgreSQL, from ``db_url``: tests/databases.py migrates once per
worker) and a clock the test moves forward. One Chromium (Debian's /usr/bin/chromium) runs per
test module and worker; each test gets its own browser context.
Every page a test looks at is saved as a full-page PNG under build/screenshots/.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import (
    APIRequestContext,
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)
from pydantic import SecretStr
from sqlalchemy import Engine

from calfcoach.services.bootstrap import Database
from calfcoach.settings import Settings
from calfcoach.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "build" / "screenshots"
START = datetime(2026, 11, 22, 10, tzinfo=UTC)  # a Sunday: the plan starts on Monday the 23rd
PASSWORD = "correct horse battery"  # noqa: S105 (a test account)
VIEWPORTS: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}


@dataclass
class Clock:
    """The app's clock: an aware UTC datetime that the test sets (no real time passes)."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def set(self, when: datetime) -> None:
        self.now = when


@dataclass
class LiveServer:
    url: str
    clock: Clock
    backend: str


@dataclass
class Shooter:
    """Saves full-page screenshots as ``<test>-<backend>-<NN>-<step>.png``."""

    prefix: str
    taken: list[Path] = field(default_factory=list)

    def __call__(self, page: Page, step: str) -> Path:
        name = f"{self.prefix}-{len(self.taken) + 1:02d}-{step}.png"
        path = SCREENSHOTS / name
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        self.taken.append(path)
        wide = page.evaluate(TOO_WIDE)
        assert not wide, f"{page.url} is wider than the screen ({path.name}): {wide}"
        return path


# The elements that stick out to the right of the viewport (the page then scrolls sideways).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
}"""


# Known src bug, tolerated here so that every other console error still fails a test:
Shot = Callable[[Page, str], Path]
PageMaker = Callable[[str], Page]


def _listening_socket() -> socket.socket:
    """A socket already bound to a free port, so parallel workers can never race for one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _backend(request: pytest.FixtureRequest) -> str:
    callspec = getattr(request.node, "callspec", None)
    return str(callspec.params["db_url"]) if callspec else "sqlite"


@pytest.fixture
def live_server(
    request: pytest.FixtureRequest, db_url: str, engine: Engine
) -> Iterator[LiveServer]:
    clock = Clock()
    settings = Settings(database_url=db_url, secret_key=SecretStr("browser-tests"))
    app = create_app(settings, database=Database(engine), clock=clock)
    sock = _listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        # No optional extras: plain asyncio and h11, no websockets, no lifespan events.
        loop="asyncio",
        http="h11",
        ws="none",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.01)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", clock, _backend(request))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


# Per module, not per session: while Playwright's sync API is open, its event loop counts as
# running in this thread, so a later test of another module calling asyncio.run would fail.
@pytest.fixture(scope="module")
def playwright_session() -> Iterator[Playwright]:
    if not CHROMIUM.is_file():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must run the browser tests")
        pytest.skip(message + "; the browser tests need it")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[PageMaker]:
    """Open a page in a fresh context (``phone`` or ``desktop``); fails on any script error."""
    contexts: list[BrowserContext] = []
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        where = str(message.location.get("url"))
        if message.type == "error":
            problems.append(f"console error on {where}: {message.text}")

    def make(viewport: str = "phone") -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORTS[viewport],
            device_scale_factor=1,
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
            locale="en-GB",
            timezone_id="UTC",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", on_console)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(new_page: PageMaker) -> Page:
    """A phone-sized page (390 x 844): runners use calfcoach on their phones."""
    return new_page("phone")


@pytest.fixture
def shot(request: pytest.FixtureRequest, live_server: LiveServer) -> Shooter:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_]+", "_", request.node.originalname).strip("_")
    prefix = f"{name}-{live_server.backend}"
    for old in SCREENSHOTS.glob(f"{prefix}-*.png"):
        old.unlink()
    return Shooter(prefix)


@pytest.fixture
def api(playwright_session: Playwright, live_server: LiveServer) -> Iterator[APIRequestContext]:
    """Playwright's HTTP client on the live server, for the accounts a journey only needs."""
    context = playwright_session.request.new_context(base_url=live_server.url)
    yield context
    context.dispose()
