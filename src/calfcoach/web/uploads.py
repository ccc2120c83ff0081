"""Uploaded files to (name, bytes), with a size cap; a refusal names the form field."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request
from starlette.datastructures import UploadFile

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.services.history_views import MAX_UPLOAD_BYTES, upload_name

FILES_FIELD = "files"
TOO_BIG = f"the upload is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: send the export in parts"


class UploadTooLarge(InvalidDocument):
    """Over the cap: answered 413 rather than 422."""

    status_code = 413


async def refuse_big_upload(request: Request) -> None:
    """Before the body is read: a declared length over the cap is refused outright."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise UploadTooLarge(FILES_FIELD, TOO_BIG)


async def read_uploads(
    items: Sequence[UploadFile | str],
    limit: int = MAX_UPLOAD_BYTES,
    *,
    field: str = FILES_FIELD,
    kinds: str = ".fit, .gpx, .tcx or .zip",
) -> list[tuple[str, bytes]]:
    """The chosen files' names and bytes; none chosen or more than ``limit`` bytes: refused."""
    files = [i for i in items if isinstance(i, UploadFile) and (i.filename or i.size)]
    if not files:
        raise InvalidDocument(field, f"choose at least one file ({kinds})")
    if sum(f.size or 0 for f in files) > limit:
        raise UploadTooLarge(field, TOO_BIG)
    read: list[tuple[str, bytes]] = []
    total = 0
    for upload in files:
        data = await upload.read(limit - total + 1)
        total += len(data)
        if total > limit:
            raise UploadTooLarge(field, TOO_BIG)
        read.append((upload_name(upload.filename), data))
    return read
