"""Load the HTTP API of a real server and compare it with the same server's ``/healthz``.

For each backend (a fresh SQLite file; a fresh schema in the local PostgreSQL ``test``
database, dropped afterwards) a uvicorn server is started as a subprocess on loopback, a
runner account with a plan is made through the API, then ``--clients`` concurrent clients
(one keep-alive HTTP/1.1 connection each) call one endpoint in a loop for ``--seconds``:
``GET /healthz`` first (the floor of this server on this machine), then ``GET /api/v1/plan``,
then ``POST /api/v1/logs``, then the runner's private calendar subscription
(``GET /calendar/<secret>.ics``, made with the calendars service on the same database, as the
profile page makes it). Each phase is preceded by a short uncounted warm-up.

The load generator is plain asyncio with hand-written requests, so that on a small machine
it takes as little CPU as possible from the server it measures. Exits 1 on any error.

    .venv/bin/python benchmarks/api.py [--seconds 30] [--clients 50]
        [--backends sqlite,postgresql] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
POSTGRES = "postgres@127.0.0.1:5432/test"
EXAMPLE = ROOT / "src" / "calfcoach" / "examples" / "strength_runner.json"
WARMUP_SECONDS = 2.0
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Phase:
    """One endpoint under load: what was sent and what came back."""

    backend: str
    endpoint: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    server_cpu: float | None = None  # percent of one core, from /proc
    client_cpu: float = 0.0  # this process, percent of one core
    machine_busy: float | None = None  # all cores together, percent of the whole machine
    latencies: list[float] = field(default_factory=list, repr=False)
    first_error: str | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]

    def summary(self, floor: float) -> dict[str, object]:
        return {
            "backend": self.backend,
            "endpoint": self.endpoint,
            "requests": self.requests,
            "seconds": round(self.seconds, 2),
            "req_per_s": round(self.rate, 1),
            "p50_ms": round(self.percentile(50), 2),
            "p99_ms": round(self.percentile(99), 2),
            "errors": self.errors,
            "ratio_to_healthz": round(self.rate / floor, 3) if floor else None,
            "server_cpu_percent": None if self.server_cpu is None else round(self.server_cpu),
            "client_cpu_percent": round(self.client_cpu),
            "machine_busy_percent": None if self.machine_busy is None else round(self.machine_busy),
            "first_error": self.first_error,
        }


@dataclass(frozen=True)
class Request:
    endpoint: str
    raw: bytes


def build_request(method: str, path: str, port: int, token: str, body: bytes = b"") -> Request:
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        "Accept: application/json",
        "Connection: keep-alive",
    ]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if body or method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    head = "\r\n".join(lines) + "\r\n\r\n"
    return Request(f"{method} {path}", head.encode("latin-1") + body)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """The status of one response (body read and dropped) and whether the server closes."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split(b" ", 2)[1])
    length = 0
    chunked = closes = False
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            closes = b"close" in value.lower()
    if chunked:
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length:
        await reader.readexactly(length)
    return status, closes


async def client(port: int, request: Request, stop_at: float, phase: Phase | None) -> None:
    """One keep-alive connection sending ``request`` until ``stop_at`` (reconnects on error)."""
    writer: asyncio.StreamWriter | None = None
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(HOST, port)
                writer.write(request.raw)
                status, closes = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
                failure = None if 200 <= status < 300 else f"HTTP {status}"
            except (
                OSError,
                ValueError,
                IndexError,
                asyncio.IncompleteReadError,
                TimeoutError,
            ) as e:
                failure, closes = f"{type(e).__name__}: {e}", True
            elapsed_ms = (time.perf_counter() - started) * 1000
            if closes and writer is not None:
                writer.close()
                writer = None
            if phase is None:
                continue
            phase.requests += 1
            phase.latencies.append(elapsed_ms)
            if failure is not None:
                phase.errors += 1
                phase.first_error = phase.first_error or failure
    finally:
        if writer is not None:
            writer.close()


async def load(port: int, request: Request, clients: int, seconds: float, phase: Phase) -> None:
    """Warm up uncounted, then ``clients`` connections for ``seconds``, timed to the last reply."""
    warm_until = time.perf_counter() + min(WARMUP_SECONDS, seconds)
    await asyncio.gather(*(client(port, request, warm_until, None) for _ in range(clients)))
    started = time.perf_counter()
    await asyncio.gather(*(client(port, request, started + seconds, phase) for _ in range(clients)))
    phase.seconds = time.perf_counter() - started


def cpu_ticks(pid: int) -> int | None:
    """User plus system CPU ticks of a process (Linux only)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def machine_ticks() -> tuple[int, int] | None:
    """Busy and total CPU ticks of the whole machine since boot (Linux only)."""
    try:
        counters = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = counters[3] + (counters[4] if len(counters) > 4 else 0)  # idle + iowait
    return sum(counters) - idle, sum(counters)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def call(port: int, method: str, path: str, body: object = None, token: str = "") -> object:
    """One blocking request for the set-up; anything but 2xx stops the benchmark."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        payload = None if body is None else json.dumps(body)
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
    finally:
        connection.close()
    if not 200 <= response.status < 300:
        raise RuntimeError(f"{method} {path} answered {response.status}: {text[:300]}")
    return json.loads(text) if text else None


@contextlib.contextmanager
def server(database_url: str, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A uvicorn server on a free loopback port, killed on the way out."""
    port = free_port()
    env = {**os.environ, "CALFCOACH_DATABASE_URL": database_url, "CALFCOACH_SECRET_KEY": "bench"}
    argv = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "calfcoach.web.app:create_app",
        f"--host={HOST}",
        f"--port={port}",
        "--log-level=warning",
        "--no-access-log",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=output, stderr=output)
    try:
        wait_until_ready(process, port, log)
        yield process, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{log.read_text()}")
        with contextlib.suppress(OSError, RuntimeError):
            call(port, "GET", "/healthz")
            return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz in {START_TIMEOUT:.0f} s")


def set_up_runner(port: int) -> tuple[str, str]:
    """A runner account with a plan, made through the API; returns its email and bearer token."""
    email, password = f"bench-{uuid.uuid4().hex[:8]}@example.com", "bench-password-1"
    call(port, "POST", "/api/v1/accounts", {"email": email, "password": password, "role": "runner"})
    answer = call(port, "POST", "/api/v1/tokens", {"email": email, "password": password})
    if not isinstance(answer, dict) or not isinstance(answer.get("token"), str):
        raise RuntimeError(f"POST /api/v1/tokens gave no token: {answer!r}")
    token: str = answer["token"]
    assessment = {**json.loads(EXAMPLE.read_text()), "date": local_today()}
    call(port, "POST", "/api/v1/assessments", assessment, token)
    return email, token


def calendar_address(database_url: str, email: str) -> str:
    """The runner's new subscription path (the secret is only known when it is made)."""
    from calfcoach.services import calendars
    from calfcoach.services.accounts import Account
    from calfcoach.services.bootstrap import open_database

    database = open_database(database_url)
    try:
        with database.unit_of_work() as uow:
            row = uow.accounts.by_email(email)
            if row is None:
                raise RuntimeError(f"no account {email}")
            runner = Account(row.id, row.email, row.role)
        feed = calendars.subscribe(database.unit_of_work(), runner, False, datetime.now(UTC))
    finally:
        database.dispose()
    return f"/calendar/{feed.secret}.ics"


def local_today() -> str:
    """Today in the server's local zone, as the server computes it."""
    return datetime.now(UTC).astimezone().date().isoformat()


def log_body() -> bytes:
    today = local_today()
    sets = [{"reps": 8, "load_kg": 10, "seconds": None}] * 2
    document = {"date": today, "exercise": "straight_knee_calf_raise", "side": "left", "sets": sets}
    return json.dumps(document).encode()


def run_backend(
    backend: str, database_url: str, args: argparse.Namespace, log: Path
) -> list[Phase]:
    phases = []
    with server(database_url, log) as (process, port):
        email, token = set_up_runner(port)
        feed = build_request("GET", calendar_address(database_url, email), port, "")
        requests = [
            build_request("GET", "/healthz", port, ""),
            build_request("GET", "/api/v1/plan", port, token),
            build_request("POST", "/api/v1/logs", port, token, log_body()),
            Request("GET /calendar/….ics", feed.raw),  # the secret stays out of the table
        ]
        for request in requests:
            phase = Phase(backend, request.endpoint)
            # CPU shares are over warm-up plus phase (the warm-up is the same load).
            before, machine_before = cpu_ticks(process.pid), machine_ticks()
            wall, own = time.perf_counter(), time.process_time()
            asyncio.run(load(port, request, args.clients, args.seconds, phase))
            wall, own = time.perf_counter() - wall, time.process_time() - own
            after, machine_after = cpu_ticks(process.pid), machine_ticks()
            phase.client_cpu = 100 * own / wall
            if before is not None and after is not None:
                phase.server_cpu = 100 * (after - before) / CLOCK_TICKS / wall
            if machine_before and machine_after and machine_after[1] > machine_before[1]:
                busy = machine_after[0] - machine_before[0]
                phase.machine_busy = 100 * busy / (machine_after[1] - machine_before[1])
            if not args.json:
                print(f"  {backend:10} {request.endpoint:20} {phase.rate:8.1f} req/s", flush=True)
            phases.append(phase)
    return phases


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema in the local ``test`` database, dropped afterwards; yields the URL."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"postgresql://{POSTGRES}", autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"postgresql+psycopg://{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(f"postgresql://{POSTGRES}", autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def measure(backend: str, args: argparse.Namespace) -> list[Phase]:
    with tempfile.TemporaryDirectory(prefix="calfcoach-bench-") as folder:
        log = Path(folder) / "server.log"
        if backend == "sqlite":
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            return run_backend(backend, url, args, log)
        with postgres_schema() as url:
            return run_backend(backend, url, args, log)


def print_table(rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    print(
        f"{'backend':10} {'endpoint':20} {'requests':>9} {'req/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'ratio':>6} {'server cpu':>10} {'client cpu':>10} "
        f"{'machine':>7}"
        f"   ({args.clients} clients, {args.seconds:g} s each)"
    )
    for row in rows:
        ratio, server_cpu = row["ratio_to_healthz"], row["server_cpu_percent"]
        ratio_text = "-" if ratio is None else f"{ratio:.2f}"
        server_text = "-" if server_cpu is None else f"{server_cpu}%"
        machine = row["machine_busy_percent"]
        machine_text = "-" if machine is None else f"{machine}%"
        print(
            f"{row['backend']!s:10} {row['endpoint']!s:20} {row['requests']:>9} "
            f"{row['req_per_s']:>8} {row['p50_ms']:>7} {row['p99_ms']:>7} {row['errors']:>6} "
            f"{ratio_text:>6} {server_text:>10} {str(row['client_cpu_percent']) + '%':>10} "
            f"{machine_text:>7}"
        )
    for row in rows:
        if row["first_error"]:
            print(f"first error, {row['backend']} {row['endpoint']}: {row['first_error']}")


def warn_if_busy() -> None:
    """Say so when other work already takes the machine: the figures would be lower."""
    before = machine_ticks()
    time.sleep(1)
    after = machine_ticks()
    if before and after and after[1] > before[1]:
        busy = 100 * (after[0] - before[0]) / (after[1] - before[1])
        if busy > 20:
            print(f"warning: the machine is {busy:.0f}% busy before the run", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="per endpoint (max 600)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections (max 500)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    if unknown := set(backends) - {"sqlite", "postgresql"}:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    if not 0 < args.seconds <= 600 or not 0 < args.clients <= 500:
        parser.error("--seconds must be in (0, 600] and --clients in [1, 500]")
    warn_if_busy()
    rows: list[dict[str, object]] = []
    for backend in backends:
        phases = measure(backend, args)
        rows += [phase.summary(phases[0].rate) for phase in phases]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows, args)
    sys.exit(1 if any(row["errors"] for row in rows) else 0)


if __name__ == "__main__":
    main()
