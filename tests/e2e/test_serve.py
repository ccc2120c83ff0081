"""`calfcoach serve --demo` as a newcomer runs it (`make run`): a real process on a real port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import COMMAND


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(url: str, body: object = None, token: str | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback only
        text = answer.read().decode()
        kind = answer.headers.get("Content-Type", "")
        return answer.status, json.loads(text) if "json" in kind else text


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = {**os.environ, "CALFCOACH_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    env.update(COLUMNS="200", NO_COLOR="1", TERM="dumb")
    process = subprocess.Popen(
        [str(COMMAND), "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if call(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("calfcoach serve did not answer /healthz within 30 s")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_prints_the_demo_sign_in_and_serves_the_demo_runner(
    served: tuple[str, subprocess.Popen[str]],
) -> None:
    base, process = served
    status, page = call(f"{base}/")
    assert status == 200
    assert "Will stronger calves make you faster?" in page
    status, answer = call(
        f"{base}/api/v1/tokens",
        {"email": "runner@demo.calfcoach", "password": "spring-in-your-step"},
    )
    assert status == 200
    status, plan = call(f"{base}/api/v1/plan", token=answer["token"])
    assert status == 200
    assert plan["schema"] == "calfcoach.plan/1"
    assert plan["version"] == 2, "the demo runner's ropey morning adjusted the plan"
    assert any(d["rule"] == "S2" for d in plan["decisions"])
    process.terminate()
    printed = process.communicate(timeout=10)[0]
    assert "runner@demo.calfcoach" in printed
    assert "coach@demo.calfcoach" in printed
    assert "spring-in-your-step" in printed
    assert f"{base}" in printed
