"""Reaching and parsing activity files: paths, folders, zips and exports to activities.

No database here, so ``calfcoach history read`` starts without loading the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import zipfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.archives import ExportSource, FolderSource, ZipSource, activity_files
from calfcoach.history.formats import read_activities

JSON = dict[str, object]
FoundFile = tuple[str, bytes | None, str | None]
IN_FLIGHT_PER_WORKER = 4  # files handed to each worker ahead: enough to keep it busy


def read_files(files: Iterable[tuple[str, bytes]]) -> list[JSON]:
    """``history read``: an entry per activity, or ``{"file", "error"}``; nothing stored."""
    entries: list[JSON] = []
    for name, data in files:
        try:
            entries.extend(a.entry() for a in read_activities(data, name))
        except UnreadableFile as refused:
            entries.append({"file": name, "error": refused.reason})
    return entries


def files_at(paths: Iterable[Path]) -> Iterator[FoundFile]:
    """Every activity file under ``paths``: plain files, folders, zips and whole exports.

    Yields (name, bytes, None), or (name, None, reason) for what could not be reached safely.
    """
    for path in paths:
        yield from _files_at(path)


def _files_at(path: Path) -> Iterator[FoundFile]:
    if not path.exists():
        yield str(path), None, "no such file or folder"
        return
    if path.is_file() and not zipfile.is_zipfile(path):
        yield path.name, path.read_bytes(), None
        return
    with contextlib.ExitStack() as stack:
        try:
            if path.is_dir():
                source: ExportSource = FolderSource(path)
            else:
                source = ZipSource(stack.enter_context(path.open("rb")))
            for item in activity_files(source):
                if item.data is not None or item.error is not None:
                    yield f"{path.name}/{item.name}", item.data, item.error
        except UnreadableFile as refused:
            yield path.name, None, refused.reason


Parsed = str | tuple[str, list[Activity]]  # the reason it failed, or (content hash, activities)


def parse_file(name: str, data: bytes) -> Parsed:
    """One file's activities and content hash (runs in a worker process when asked to)."""
    try:
        return hashlib.sha256(data).hexdigest(), read_activities(data, name)
    except UnreadableFile as refused:
        return refused.reason


def parsed(files: Iterable[FoundFile], workers: int) -> Iterator[tuple[str, Parsed]]:
    if workers <= 1:
        for name, data, problem in files:
            yield name, (parse_file(name, data) if data is not None else problem or "not read")
        return
    window: deque[tuple[str, Future[Parsed] | str]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name, data, problem in files:
            pending = pool.submit(parse_file, name, data) if data is not None else problem
            window.append((name, pending or "not read"))
            if len(window) >= IN_FLIGHT_PER_WORKER * workers:
                yield _settled(window.popleft())
        while window:
            yield _settled(window.popleft())


def _settled(item: tuple[str, Future[Parsed] | str]) -> tuple[str, Parsed]:
    name, pending = item
    return name, pending if isinstance(pending, str) else pending.result()
