"""Guarded reading of a zipped export held in memory (or in a file the caller opened).

Every read is bounded. Nothing here trusts a zip's declared sizes:

- an entry name that is absolute, carries a drive letter or climbs with ``..`` "escapes its folder";
- an entry is decompressed in chunks and given up as soon as it passes ``max_entry_bytes`` or
  expands more than ``max_ratio`` times its compressed size ("expands without bound"), whatever its
  header claimed;
- an archive with more than ``max_entries`` entries, or one that ``zipfile`` cannot read, is an
  :class:`UnreadableFile` as a whole.

Nothing here opens a file: an unpacked export folder is walked by
``calfcoach.services.history_files.FolderSource``, which implements :class:`ExportSource` with
the same names, limits and refusals (``is_safe_name``, ``ESCAPES``, ``TOO_MANY``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Protocol

from calfcoach.history.activity import UnreadableFile

MIB = 1024 * 1024
CHUNK = 64 * 1024

ESCAPES = "escapes its folder"
EXPANDS = "expands without bound"
NOT_A_ZIP = "not a readable zip"
TOO_MANY = "too many entries"
ENCRYPTED = "encrypted"
TOO_DEEP = "zips nested too deep"

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class Limits:
    """How far a reader goes before calling an archive hostile.

    ``ratio_floor_bytes``: an entry must also be larger than this before its compression ratio
    counts, so that a small, very regular file (a short run of zeros) is not called a bomb.
    ``max_depth`` counts the export itself as level 1, a zip inside it as level 2.
    """

    max_entries: int = 50_000
    max_entry_bytes: int = 64 * MIB
    max_summary_bytes: int = 256 * MIB
    max_nested_zip_bytes: int = 512 * MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MIB
    max_depth: int = 2


DEFAULT_LIMITS = Limits()


class ExportSource(Protocol):
    """An export to walk: names relative to its root (``/``-separated) and bounded reads."""

    def names(self) -> list[str]:
        """Every file's name, directories left out; hostile names included (callers check)."""
        ...

    def read(self, name: str, limit: int) -> bytes:
        """The file's bytes, or :class:`UnreadableFile` when hostile, missing or over ``limit``."""
        ...


def is_safe_name(name: str) -> bool:
    """True when ``name`` stays inside its folder: relative, no drive letter, no ``..`` part."""
    path = name.replace("\\", "/")
    if not path or "\x00" in path or path.startswith("/") or _DRIVE.match(path):
        return False
    return ".." not in path.split("/")


class ZipSource:
    """A zip held in memory (or any seekable binary file the caller opened), read with guards."""

    def __init__(self, data: bytes | IO[bytes], limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
        try:
            self._zip = zipfile.ZipFile(stream)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise UnreadableFile(NOT_A_ZIP) from exc
        if len(infos) > limits.max_entries:
            raise UnreadableFile(TOO_MANY)
        self._infos = {info.filename: info for info in infos if not info.is_dir()}

    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, name: str, limit: int) -> bytes:
        if not is_safe_name(name):
            raise UnreadableFile(ESCAPES)
        info = self._infos.get(name)
        if info is None:
            raise UnreadableFile("missing from the export")
        if info.flag_bits & 0x1:
            raise UnreadableFile(ENCRYPTED)
        ceiling = self._ceiling(info.compress_size, limit)
        if info.file_size > ceiling:
            raise UnreadableFile(EXPANDS)
        try:
            with self._zip.open(info) as entry:
                return _bounded_read(entry, ceiling)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise UnreadableFile("damaged zip entry") from exc
        except (NotImplementedError, RuntimeError) as exc:
            raise UnreadableFile("unsupported zip entry") from exc

    def _ceiling(self, compressed: int, limit: int) -> int:
        """The most bytes this entry may expand to: the limit, or its ratio allowance if lower."""
        by_ratio = max(int(compressed * self.limits.max_ratio), self.limits.ratio_floor_bytes)
        return min(limit, by_ratio)


def _bounded_read(stream: IO[bytes], ceiling: int) -> bytes:
    """Read in chunks and stop (hostile) as soon as more than ``ceiling`` bytes come out."""
    buffer = bytearray()
    while chunk := stream.read(CHUNK):
        buffer += chunk
        if len(buffer) > ceiling:
            raise UnreadableFile(EXPANDS)
    return bytes(buffer)
