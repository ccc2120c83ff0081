"""Reaching and parsing activity files: paths, folders, zips and exports to activities.

No database here, so ``calfcoach history read`` starts without loading the store. The file
system is reached here and nowhere in ``calfcoach.history``, whose readers take bytes (or a file
this module opened): :class:`FolderSource` walks an unpacked export folder for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from calfcoach.coaching.fields import JSON
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.archives import ExportSource, ZipSource, activity_files
from calfcoach.history.formats import read_activities
from calfcoach.history.safe_zip import DEFAULT_LIMITS, ESCAPES, TOO_MANY, Limits, is_safe_name

FoundFile = tuple[str, bytes | None, str | None]
IN_FLIGHT_PER_WORKER = 4  # files handed to each worker ahead: enough to keep it busy


PARALLEL_FROM_FILES = 8  # fewer files parse faster than worker processes start


def read_files(files: Iterable[tuple[str, bytes]], workers: int = 1) -> list[JSON]:
    """``history read``: an entry per activity, or ``{"file", "error"}``; nothing stored.

    With ``workers`` > 1 and enough files, the files are parsed in that many processes.
    """
    found = [(name, data, None) for name, data in files]
    if len(found) < PARALLEL_FROM_FILES:
        workers = 1
    entries: list[JSON] = []
    for name, outcome in parsed(found, workers):
        if isinstance(outcome, str):
            entries.append({"file": name, "error": outcome})
        else:
            entries.extend(activity.entry() for activity in outcome[1])
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


class FolderSource:
    """An unpacked export folder, as an ``ExportSource``: every read is bounded, resolves the
    path and refuses anything outside root (a ``..`` name, a symlink pointing out "escapes its
    folder"). Symlinked folders are not walked into; a symlinked file is read only if it
    resolves inside root.
    """

    def __init__(self, root: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self._root = root.resolve(strict=True)
        self.limits = limits
        self._names: list[str] | None = None

    def names(self) -> list[str]:
        if self._names is None:
            self._names = self._walk()
        return list(self._names)

    def _walk(self) -> list[str]:
        found: list[str] = []
        for folder, _dirs, files in os.walk(self._root, followlinks=False):
            relative = Path(folder).relative_to(self._root)
            found.extend((relative / file).as_posix() for file in files)
            if len(found) > self.limits.max_entries:
                raise UnreadableFile(TOO_MANY)
        return sorted(found)

    def read(self, name: str, limit: int) -> bytes:
        if not is_safe_name(name):
            raise UnreadableFile(ESCAPES)
        try:
            path = (self._root / name).resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise UnreadableFile("missing from the export") from exc
        if not path.is_relative_to(self._root):
            raise UnreadableFile(ESCAPES)
        if not path.is_file():
            raise UnreadableFile("not a file")
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableFile("cannot be read") from exc
        if len(data) > limit:
            raise UnreadableFile("too large")
        return data
