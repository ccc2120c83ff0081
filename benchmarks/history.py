"""Time ``calfcoach history read`` and ``history import`` as whole processes.

Read phase: every file in ``<data>/{fit,gpx,tcx}``, read by three processes, each timed from
start to exit (interpreter start-up included), median of ``--runs``:

- ``calfcoach history read FILES --json`` (the installed command);
- the straightforward readers, in a process of their own (``--baseline FILES``): fitdecode reading
  every frame (session fields and a tuple per record), ``gpxpy.parse`` (``length_2d``,
  ``get_uphill_downhill``, ``get_time_bounds`` per track), and ``lxml.etree.parse`` of the whole
  TCX (every lap and trackpoint); it prints the same summary fields as JSON;
- the floor (``--floor FILES``): a process that only reads the same bytes (and gunzips ``.gz``).

The summaries of the first two are compared per file and activity: start equal, elapsed and
timer within 2 s, distance within 1 %, sport equal where both have one.

Import phase: an export of N activities (``--sizes``) is generated from the same files, laid
out as a Strava export (``activities.csv`` + ``activities/``, FIT gzipped as Strava does, a
third of GPX/TCX gzipped) and zipped. Each copy is the template with every time in it moved by
a whole number of days (so every copy is a distinct activity with distinct content): in GPX and
TCX every ISO date-time; in FIT every ``date_time`` field the FIT profile knows, with the CRCs
recomputed. ``calfcoach history import export.zip --json`` runs on a fresh SQLite file; wall
time, activities/s and the peak memory of its process tree (polled from /proc) are reported.
The same import is then run with ``import_files(..., workers=1)`` and ``workers=2``
(``--import-workers``, a process of its own) on the first size, to show the use of two cores.

    .venv/bin/python benchmarks/history.py [--runs 5] [--sizes 250,1000] [--data ../shared/data]
        [--skip-read] [--skip-import]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import resource
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve()
PYTHON = sys.executable
COMMAND = Path(sys.executable).parent / "calfcoach"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
FORMATS = ("fit", "gpx", "tcx")
DAY = 86_400
POLL_SECONDS = 0.05
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
Entry = dict[str, Any]


# --------------------------------------------------------------------------- the baseline ----


def baseline_read(data: bytes, name: str) -> list[Entry]:
    """The straightforward reading of one file: the whole file through its usual library."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".fit"):
        return _fitdecode_entries(name, data)
    if lower.endswith(".gpx"):
        return _gpxpy_entries(name, data)
    return _lxml_tcx_entries(name, data)


SESSION_FIELDS = ("start_time", "total_elapsed_time", "total_timer_time", "total_distance")
RECORD_FIELDS = (
    "timestamp",
    "position_lat",
    "position_long",
    "enhanced_altitude",
    "heart_rate",
    "enhanced_speed",
    "cadence",
    "distance",
)


def _fitdecode_entries(name: str, data: bytes) -> list[Entry]:
    import warnings

    import fitdecode

    sessions: list[dict[str, Any]] = []
    records: list[tuple[Any, ...]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with fitdecode.FitReader(io.BytesIO(data)) as reader:
                for frame in reader:
                    if not isinstance(frame, fitdecode.FitDataMessage):
                        continue
                    if frame.name == "record":
                        records.append(
                            tuple(frame.get_value(f, fallback=None) for f in RECORD_FIELDS)
                        )
                    elif frame.name == "session":
                        values = {f: frame.get_value(f, fallback=None) for f in SESSION_FIELDS}
                        values["sport"] = frame.get_value("sport", fallback=None)
                        sessions.append(values)
        except fitdecode.FitError:
            pass  # keep every frame read before the damage
    if not sessions and records:
        times = [r[0] for r in records if r[0] is not None]
        distances = [r[7] for r in records if r[7] is not None]
        return [
            _entry(
                name,
                "fit",
                sport=None,
                start=times[0] if times else None,
                elapsed=(times[-1] - times[0]).total_seconds() if times else None,
                timer=None,
                distance=max(distances) if distances else None,
            )
        ]
    return [
        _entry(
            name,
            "fit",
            sport=s["sport"],
            start=s["start_time"],
            elapsed=s["total_elapsed_time"],
            timer=s["total_timer_time"],
            distance=s["total_distance"],
        )
        for s in sessions
    ]


def _gpxpy_entries(name: str, data: bytes) -> list[Entry]:
    import gpxpy

    gpx = gpxpy.parse(data.decode("utf-8", errors="replace").lstrip())
    entries = []
    for track in gpx.tracks:
        if track.get_points_no() == 0:
            continue
        bounds = track.get_time_bounds()
        track.get_uphill_downhill()
        elapsed = None
        if bounds.start_time is not None and bounds.end_time is not None:
            elapsed = (bounds.end_time - bounds.start_time).total_seconds()
        entries.append(
            _entry(
                name,
                "gpx",
                sport=track.type,
                start=bounds.start_time,
                elapsed=elapsed,
                timer=None,
                distance=track.length_2d(),
            )
        )
    return entries


def _lxml_tcx_entries(name: str, data: bytes) -> list[Entry]:
    from lxml import etree

    root = etree.parse(io.BytesIO(data.lstrip())).getroot()
    entries = []
    for activity in root.iter("{*}Activity"):
        timer = distance = 0.0
        for lap in activity.iter("{*}Lap"):
            timer += float(lap.findtext("{*}TotalTimeSeconds") or 0)
            distance += float(lap.findtext("{*}DistanceMeters") or 0)
        points = [
            (
                _iso(point.findtext("{*}Time")),
                point.findtext("{*}Position/{*}LatitudeDegrees"),
                point.findtext("{*}Position/{*}LongitudeDegrees"),
                point.findtext("{*}AltitudeMeters"),
                point.findtext("{*}DistanceMeters"),
                point.findtext("{*}HeartRateBpm/{*}Value"),
            )
            for point in activity.iter("{*}Trackpoint")
        ]
        times = [p[0] for p in points if p[0] is not None]
        elapsed = (times[-1] - times[0]).total_seconds() if times else None
        entries.append(
            _entry(
                name,
                "tcx",
                sport=activity.get("Sport"),
                start=_iso(activity.findtext("{*}Id")),
                elapsed=elapsed,
                timer=timer,
                distance=distance,
            )
        )
    return entries


def _iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _entry(
    name: str,
    kind: str,
    *,
    sport: object,
    start: datetime | None,
    elapsed: float | None,
    timer: float | None,
    distance: float | None,
) -> Entry:
    return {
        "file": name,
        "format": kind,
        "sport": None if sport is None else str(sport),
        "start": None if start is None else start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "elapsed_s": elapsed,
        "timer_s": timer,
        "distance_m": distance,
    }


def run_baseline(paths: Sequence[str]) -> int:
    entries: list[Entry] = []
    for path in paths:
        name = Path(path).name
        try:
            entries.extend(baseline_read(Path(path).read_bytes(), name))
        except Exception as error:  # report it as the command does, and go on
            entries.append({"file": name, "error": repr(error)})
    print(json.dumps(entries))
    return 0


def run_floor(paths: Sequence[str]) -> int:
    """Read every byte (and gunzip): what any reader of these files pays at least."""
    size = 0
    for path in paths:
        data = Path(path).read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        size += len(data)
    print(size)
    return 0


# ------------------------------------------------------------------------- the comparison ----

SPORT_WORDS = {"run": "running", "9": "running", "biking": "cycling", "other": "generic"}


def _sport(value: object) -> str | None:
    if value is None:
        return None
    word = str(value).strip().lower()
    return SPORT_WORDS.get(word, word)


def compare(ours: list[Entry], theirs: list[Entry]) -> tuple[int, list[str]]:
    """(activities compared, mismatches) between calfcoach's entries and the baseline's."""
    mine = _by_file(ours)
    base = _by_file(theirs)
    problems: list[str] = []
    compared = 0
    for name in sorted(set(mine) | set(base)):
        left, right = mine.get(name, []), base.get(name, [])
        if len(left) != len(right):
            problems.append(f"{name}: {len(left)} activities, baseline {len(right)}")
        for index, (a, b) in enumerate(zip(left, right, strict=False)):
            compared += 1
            problems.extend(f"{name}[{index}] {p}" for p in _differences(a, b))
    return compared, problems


def _by_file(entries: list[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(str(entry["file"]), []).append(entry)
    return grouped


def _close(x: float | None, y: float | None, allowed: float | None) -> bool:
    """Both missing, or within ``allowed`` seconds (None: within 1 % of the baseline)."""
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= (allowed if allowed is not None else 0.01 * max(abs(y), 1.0))


def _differences(a: Entry, b: Entry) -> Iterator[str]:
    if "error" in a or "error" in b:
        yield f"error: calfcoach {a.get('error')!r}, baseline {b.get('error')!r}"
        return
    if a["start"] != b["start"]:
        yield f"start {a['start']} vs baseline {b['start']}"
    for key, allowed in (("elapsed_s", 2.0), ("timer_s", 2.0), ("distance_m", None)):
        x, y = a.get(key), b.get(key)
        if not _close(x, y, allowed):
            yield f"{key} {x} vs baseline {y}"
    mine, theirs = _sport(a.get("sport")), _sport(b.get("sport"))
    if mine is not None and theirs is not None and mine != theirs:
        yield f"sport {mine} vs baseline {theirs}"


# -------------------------------------------------------------------------- process timing ----


@dataclass
class Memory:
    """Peaks seen while polling /proc: the main process, its largest child, the tree's sum."""

    main_hwm_kib: int = 0
    worker_hwm_kib: int = 0
    tree_rss_kib: int = 0
    cpu_seconds: float = 0.0  # user + system of the process and every child it waited for
    main_cpu_seconds: float = 0.0  # user + system of the main process alone (last poll)
    pids: set[int] = field(default_factory=set)


def _status(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0])
    return values


def _children(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, str, Memory]:
    """Wall seconds, stdout and memory peaks of one process (and its children)."""
    memory = Memory()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        out: list[bytes] = []
        reader = _drain(process, out)
        while process.poll() is None:
            _sample(process.pid, memory)
            time.sleep(POLL_SECONDS)
        reader.join()
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    memory.cpu_seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])} ... failed ({process.returncode})")
    return seconds, b"".join(out).decode(), memory


def _drain(process: subprocess.Popen[bytes], out: list[bytes]) -> Any:
    import threading

    def read() -> None:
        if process.stdout is None or process.stderr is None:
            return
        out.append(process.stdout.read())
        process.stderr.read()

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def _sample(pid: int, memory: Memory) -> None:
    memory.main_cpu_seconds = max(memory.main_cpu_seconds, _cpu(pid))
    main = _status(pid)
    memory.main_hwm_kib = max(memory.main_hwm_kib, main.get("VmHWM", 0))
    total = main.get("VmRSS", 0)
    for child in _children(pid):
        status = _status(child)
        memory.pids.add(child)
        memory.worker_hwm_kib = max(memory.worker_hwm_kib, status.get("VmHWM", 0))
        total += status.get("VmRSS", 0)
    memory.tree_rss_kib = max(memory.tree_rss_kib, total)


def time_runs(argv: list[str], runs: int) -> tuple[list[float], str]:
    timings = []
    output = ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        timings.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{argv[:3]} failed: {done.stderr.decode()[-2000:]}")
        output = done.stdout.decode()
    return timings, output


# ------------------------------------------------------------------------------ read phase ----


def sample_files(data: Path) -> list[Path]:
    return sorted(
        p
        for kind in FORMATS
        if (data / kind).is_dir()
        for p in (data / kind).iterdir()
        if p.is_file()
    )


OURS = "calfcoach history read --json"
BASELINE = "baseline (fitdecode/gpxpy/lxml)"
FLOOR = "floor: read + gunzip"
STARTUP = "calfcoach, 1 small file (start-up)"


def read_phase(files: list[Path], runs: int) -> list[Entry]:
    names = [str(p) for p in files]
    size = sum(p.stat().st_size for p in files) / 1e6
    smallest = str(min(files, key=lambda p: p.stat().st_size))
    cases: dict[str, list[str]] = {
        FLOOR: [PYTHON, str(SCRIPT), "--floor", *names],
        STARTUP: [str(COMMAND), "history", "read", smallest, "--json"],
        OURS: [str(COMMAND), "history", "read", *names, "--json"],
        BASELINE: [PYTHON, str(SCRIPT), "--baseline", *names],
    }
    medians: dict[str, float] = {}
    outputs: dict[str, str] = {}
    print(f"\nRead phase: {len(files)} files, {size:.2f} MB, whole processes, median of {runs}")
    print(f"{'case':36} {'median s':>9} {'min':>7} {'max':>7} {'MB/s':>8}")
    for name, argv in cases.items():
        time_runs(argv, 1)  # warm the page cache and the imports' .pyc
        timings, outputs[name] = time_runs(argv, runs)
        medians[name] = statistics.median(timings)
        rate = f"{size / medians[name]:8.2f}" if name != STARTUP else f"{'':>8}"
        print(f"{name:36} {medians[name]:9.3f} {min(timings):7.3f} {max(timings):7.3f} {rate}")
    ours: list[Entry] = json.loads(outputs[OURS])
    compared, problems = compare(ours, json.loads(outputs[BASELINE]))
    fast, slow, floor = medians[OURS], medians[BASELINE], medians[FLOOR]
    print(f"baseline / calfcoach   {slow / fast:6.1f}x   (goal: at least 10x)")
    print(f"calfcoach / floor      {fast / floor:6.1f}x")
    print(f"summaries compared: {compared} activities, {len(problems)} mismatches")
    for problem in problems:
        print(f"  mismatch {problem}")
    return ours


def per_format(files: list[Path]) -> None:
    """In this process, bytes in memory, one pass: where each reader spends its time."""
    from calfcoach.history.formats import read_activities

    print("\nIn-process, per format (bytes in memory, no start-up, one pass)")
    print(
        f"{'format':6} {'files':>5} {'MB':>6} {'calfcoach s':>11} {'baseline s':>10} {'ratio':>6}"
    )
    totals = [0.0, 0.0]
    for kind in FORMATS:
        loaded = [(p.name, p.read_bytes()) for p in files if p.parent.name == kind]
        mine = _seconds(read_activities, loaded)
        theirs = _seconds(baseline_read, loaded)
        totals = [totals[0] + mine, totals[1] + theirs]
        mb = sum(len(d) for _, d in loaded) / 1e6
        print(
            f"{kind:6} {len(loaded):5d} {mb:6.2f} {mine:11.3f} {theirs:10.3f} {theirs / mine:5.1f}x"
        )
    ratio = totals[1] / totals[0]
    print(f"{'all':6} {len(files):5d} {'':>6} {totals[0]:11.3f} {totals[1]:10.3f} {ratio:5.1f}x")


def _seconds(read: Callable[[bytes, str], object], loaded: list[tuple[str, bytes]]) -> float:
    started = time.perf_counter()
    for name, data in loaded:
        read(data, name)
    return time.perf_counter() - started


# ---------------------------------------------------------------------------- the export ----

_ISO_DATE = re.compile(rb"(\d{4}-\d\d-\d\d)(?=T\d\d:\d\d)")
_FIT_DATE_TYPES = {"date_time", "local_date_time"}
_FIT_ABSOLUTE = 0x10000000  # below this a FIT date_time is a relative system time, not a date
_FIT_CRC = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def shift_xml(data: bytes, days: int) -> bytes:
    """Every ISO date-time in a GPX or TCX file moved by ``days`` (the time of day kept)."""
    cache: dict[bytes, bytes] = {}

    def moved(match: re.Match[bytes]) -> bytes:
        text = match.group(1)
        if text not in cache:
            try:
                day = date.fromisoformat(text.decode()) + timedelta(days=days)
                cache[text] = day.isoformat().encode()
            except ValueError:
                cache[text] = text
        return cache[text]

    return _ISO_DATE.sub(moved, data)


def _fit_date_fields() -> set[tuple[int, int]]:
    import fitdecode.profile

    return {
        (number, field_number)
        for number, message in fitdecode.profile.MESSAGE_TYPES.items()
        for field_number, fit_field in message.fields.items()
        if getattr(fit_field.type, "name", None) in _FIT_DATE_TYPES
    }


def fit_crc(data: bytes | bytearray) -> int:
    crc = 0
    for byte in data:
        crc = ((crc >> 4) & 0x0FFF) ^ _FIT_CRC[crc & 0xF] ^ _FIT_CRC[byte & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ _FIT_CRC[crc & 0xF] ^ _FIT_CRC[(byte >> 4) & 0xF]
    return crc


def shift_fit(data: bytes, days: int, dates: set[tuple[int, int]]) -> bytes:
    """Every absolute ``date_time`` field of a FIT file moved by ``days``; CRCs recomputed.

    A whole number of days is a multiple of 32 s, so compressed-timestamp headers (5-bit
    offsets from the last full timestamp) still decode to the moved times.
    """
    out = bytearray(data)
    start = 0
    while start + 12 <= len(out) and out[start + 8 : start + 12] == b".FIT":  # chained segments
        header = out[start]
        end = start + header + struct.unpack_from("<I", out, start + 4)[0]
        if end + 2 > len(out):
            raise ValueError("cut FIT file")
        _shift_fit_records(out, start + header, end, days * DAY, dates)
        if header == 14 and out[start + 12 : start + 14] != b"\0\0":
            struct.pack_into("<H", out, start + 12, fit_crc(out[start : start + 12]))
        struct.pack_into("<H", out, end, fit_crc(out[start:end]))
        start = end + 2
    if start == 0:
        raise ValueError("not a FIT file")
    return bytes(out)


def _shift_fit_records(
    out: bytearray, at: int, end: int, seconds: int, dates: set[tuple[int, int]]
) -> None:
    local: dict[int, tuple[str, list[int], int]] = {}
    while at < end:
        record = out[at]
        at += 1
        if record & 0x80:  # compressed timestamp header
            kind = (record >> 5) & 0x3
        elif record & 0x40:  # definition message
            kind, at = record & 0xF, _fit_definition(out, at, record, local, dates)
            continue
        else:
            kind = record & 0xF
        endian, offsets, length = local[kind]
        for offset in offsets:
            value = struct.unpack_from(endian + "I", out, at + offset)[0]
            if _FIT_ABSOLUTE <= value < 0xFFFFFFFF:
                struct.pack_into(endian + "I", out, at + offset, value + seconds)
        at += length


def _fit_definition(
    out: bytearray,
    at: int,
    record: int,
    local: dict[int, tuple[str, list[int], int]],
    dates: set[tuple[int, int]],
) -> int:
    endian = "<" if out[at + 1] == 0 else ">"
    number = struct.unpack_from(endian + "H", out, at + 2)[0]
    count = out[at + 4]
    at += 5
    offsets, length = [], 0
    for _ in range(count):
        if (number, out[at]) in dates and out[at + 1] == 4:
            offsets.append(length)
        length += out[at + 1]
        at += 3
    if record & 0x20:  # developer fields follow
        for _ in range(out[at]):
            length += out[at + 2]
            at += 3
        at += 1
    local[record & 0xF] = (endian, offsets, length)
    return at


STRAVA_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
    "Average Speed",
    "Elevation Gain",
    "Elevation Loss",
]


def build_export(templates: list[Path], count: int, folder: Path) -> tuple[Path, int]:
    """A zipped Strava-like export of ``count`` shifted copies; (path, bytes of activity files)."""
    dates = _fit_date_fields()
    originals = [(p, p.read_bytes()) for p in templates]
    rows: list[list[str]] = []
    path = folder / f"export-{count}.zip"
    payload = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index in range(count):
            template, data = originals[index % len(originals)]
            days = -(index // len(originals) + 1) * 7  # whole weeks back: a distinct copy each
            kind = template.suffix.lstrip(".")
            shifted = shift_fit(data, days, dates) if kind == "fit" else shift_xml(data, days)
            upload = 9_000_000_000 + index
            name = f"activities/{upload}.{kind}"
            if kind == "fit" or index % 3 == 0:  # Strava gzips FIT uploads; some GPX/TCX too
                shifted, name = gzip.compress(shifted, compresslevel=6, mtime=0), name + ".gz"
                archive.writestr(name, shifted, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(name, shifted)
            payload += len(shifted)
            rows.append(
                [
                    str(index + 1),
                    "",
                    f"{template.stem} {days} d",
                    "Run",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "false",
                    "",
                    "",
                    name,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(STRAVA_HEADER)
        writer.writerows(rows)
        archive.writestr("activities.csv", text.getvalue())
    return path, payload


# ---------------------------------------------------------------------------- import phase ----


def run_import_with_workers(workers: int, paths: Sequence[str]) -> int:
    """``history import`` in this process, with ``workers`` parse processes (the CLI uses
    ``os.cpu_count()``); prints the report as JSON."""
    from calfcoach.services import history, profiles
    from calfcoach.services.bootstrap import open_database
    from calfcoach.services.history_files import files_at
    from calfcoach.settings import Settings

    database = open_database(Settings().database_url)
    try:
        uow = database.unit_of_work()
        now = datetime.now(UTC)
        me = profiles.local_runner(uow, None, now)
        found = files_at(Path(p) for p in paths)
        report = history.import_files(uow, me, found, now, workers=workers)
    finally:
        database.dispose()
    print(json.dumps(report.document()))
    return 0


@dataclass
class ImportRun:
    label: str
    files: int
    seconds: float
    report: Entry
    memory: Memory

    @property
    def activities(self) -> int:
        return (
            int(self.report["imported"])
            + int(self.report["not_running"])
            + int(self.report["duplicates"])
        )


def import_once(label: str, argv: list[str], folder: Path, files: int) -> ImportRun:
    database = folder / f"import-{time.monotonic_ns()}.sqlite"
    env = {**os.environ, "CALFCOACH_DATABASE_URL": f"sqlite:///{database}"}
    seconds, output, memory = run_measured(argv, env)
    database.unlink(missing_ok=True)
    return ImportRun(label, files, seconds, json.loads(output), memory)


def import_phase(templates: list[Path], sizes: list[int], expected: Callable[[int], int]) -> None:
    print(
        f"\nImport phase: Strava-like exports built from {len(templates)} sample files, "
        f"{os.cpu_count()} cores"
    )
    results: list[ImportRun] = []
    with tempfile.TemporaryDirectory(prefix="calfcoach-bench-") as temp:
        folder = Path(temp)
        exports: dict[int, Path] = {}
        for size in sizes:
            started = time.perf_counter()
            exports[size], payload = build_export(templates, size, folder)
            print(
                f"built {exports[size].name}: {exports[size].stat().st_size / 1e6:.1f} MB zip, "
                f"{payload / 1e6:.1f} MB of activity files, "
                f"{time.perf_counter() - started:.1f} s"
            )
        for size in sizes:
            argv = [str(COMMAND), "history", "import", str(exports[size]), "--json"]
            results.append(import_once(f"CLI, N={size}", argv, folder, size))
        first = sizes[0]
        for workers in (1, 2):
            argv = [PYTHON, str(SCRIPT), "--import-workers", str(workers), str(exports[first])]
            results.append(import_once(f"workers={workers}, N={first}", argv, folder, first))
    print(
        f"{'run':18} {'files':>6} {'stored':>7} {'other':>6} {'failed':>6} {'wall s':>7} "
        f"{'files/s':>8} {'acts/s':>7} {'main MiB':>9} {'worker MiB':>10} {'tree MiB':>9} "
        f"{'cpu s':>6} {'main cpu':>8} {'cores':>5}"
    )
    for run in results:
        r = run.report
        other = int(r["not_running"]) + int(r["duplicates"])
        print(
            f"{run.label:18} {run.files:6d} {r['imported']:7d} {other:6d} {len(r['failed']):6d} "
            f"{run.seconds:7.1f} {run.files / run.seconds:8.1f} "
            f"{run.activities / run.seconds:7.1f} {run.memory.main_hwm_kib / 1024:9.0f} "
            f"{run.memory.worker_hwm_kib / 1024:10.0f} "
            f"{run.memory.tree_rss_kib / 1024:9.0f} {run.memory.cpu_seconds:6.1f} "
            f"{run.memory.main_cpu_seconds:8.1f} "
            f"{run.memory.cpu_seconds / run.seconds:5.2f}"
        )
        if r["failed"] or int(r["duplicates"]) or run.activities != expected(run.files):
            wanted = expected(run.files)
            print(f"  note: expected {wanted} activities, report {json.dumps(r)[:500]}")
    one = next(r for r in results if r.label.startswith("workers=1"))
    two = next(r for r in results if r.label.startswith("workers=2"))
    print(f"two workers / one worker: {one.seconds / two.seconds:.2f}x faster")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


# ----------------------------------------------------------------------------------- main ----


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="250,1000")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--skip-read", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--baseline", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--floor", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--import-workers", nargs="+", metavar="W PATH", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.baseline:
        return run_baseline(options.baseline)
    if options.floor:
        return run_floor(options.floor)
    if options.import_workers:
        return run_import_with_workers(int(options.import_workers[0]), options.import_workers[1:])
    files = sample_files(options.data)
    if not files:
        print(f"no sample files in {options.data}/{{fit,gpx,tcx}}: nothing to measure (skipped)")
        return 0
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    entries: list[Entry] = []
    if not options.skip_read:
        entries = read_phase(files, options.runs)
        per_format(files)
    if not options.skip_import:
        per_file = _activities_per_file(files, entries)
        sizes = [int(s) for s in options.sizes.split(",") if s]
        import_phase(files, sizes, lambda n: sum(per_file[i % len(files)] for i in range(n)))
    return 0


def _activities_per_file(files: list[Path], entries: list[Entry]) -> list[int]:
    if not entries:
        done = subprocess.run(
            [str(COMMAND), "history", "read", *map(str, files), "--json"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        entries = json.loads(done.stdout)
    counts = _by_file(entries)
    return [sum(1 for e in counts.get(p.name, []) if "error" not in e) for p in files]


if __name__ == "__main__":
    raise SystemExit(main())
