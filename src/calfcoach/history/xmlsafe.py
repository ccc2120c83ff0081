"""Hostile-proof XML for the GPX and TCX readers: prolog checks and a safe streaming parser.

- Entities are refused outright: any ``<!ENTITY`` declaration (billion laughs, external entities
  pointing at local files or URLs) ends the read with ``UnreadableFile("XML entities are
  refused")`` before a parser sees the bytes. The parser itself is also built with
  ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False`` and ``huge_tree=False``.
- UTF-16/UTF-32 documents are transcoded to UTF-8 first, so the entity check sees their text.
- Blank lines before ``<?xml`` (a Strava quirk) and a UTF-8 byte-order mark are stripped.
- Damage (truncation, bad bytes) is recovered with ``recover=True``: what came before the damage
  is kept and :func:`damage` says what the parser complained about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from lxml import etree

from calfcoach.history.activity import UnreadableFile

_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_WIDE_NO_BOM = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_PROLOG_SCAN = 1 << 20  # how far to look for the root element
_ROOT_NAME = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _wide_encoding(data: bytes) -> str | None:
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return codec
    stripped = data.lstrip(b"\x00 \t\r\n")
    start = data[: len(data) - len(stripped) + 4]
    for pattern, codec in _WIDE_NO_BOM:
        if pattern in start:
            return codec
    return None


def prepare_xml(data: bytes) -> bytes:
    """UTF-8 bytes starting at ``<``, with entity declarations refused."""
    codec = _wide_encoding(data[:64])
    if codec is not None:
        text = data.decode(codec, errors="replace").lstrip("\ufeff")
        data = _DECLARATION.sub(b"", text.encode("utf-8"), count=1)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    data = data.lstrip()
    if not data:
        raise UnreadableFile("empty file")
    if b"<!ENTITY" in data:
        raise UnreadableFile("XML entities are refused")
    return data


def root_name(data: bytes) -> str | None:
    """Local name of the root element, skipping declaration, comments, PIs and DOCTYPE."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    codec = _wide_encoding(data[:64]) or "latin-1"
    text = data[: _PROLOG_SCAN * 4].decode(codec, errors="ignore").lstrip("\ufeff \t\r\n")
    position = 0
    while position < min(len(text), _PROLOG_SCAN):
        if text.startswith("<?", position):
            position = text.find("?>", position) + 2
        elif text.startswith("<!--", position):
            position = text.find("-->", position) + 3
        elif text.startswith("<!DOCTYPE", position):
            position = _doctype_end(text, position)
        else:
            match = _ROOT_NAME.match(text, position)
            return None if match is None else match.group(2)
        if position < 2:  # an unterminated construct
            return None
        while position < len(text) and text[position].isspace():
            position += 1
    return None


def _doctype_end(text: str, position: int) -> int:
    subset = text.find("[", position)
    close = text.find(">", position)
    if subset != -1 and subset < close:
        close = text.find(">", text.find("]", subset))
    return close + 1


def iterparse(data: bytes, tags: tuple[str, ...]) -> Any:
    """A streaming parser over ``data`` (already through :func:`prepare_xml`), ``end`` events."""
    return etree.iterparse(
        BytesIO(data),
        events=("end",),
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def events(context: Any) -> Iterator[Any]:
    """The elements of ``context``; a parser error ends the stream (see :func:`damage`)."""
    try:
        for _event, element in context:
            yield element
    except etree.XMLSyntaxError:
        return


def release(element: Any) -> None:
    """Free a handled element and the handled siblings before it, so memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def damage(context: Any) -> list[str]:
    """What the parser had to recover from, as warnings (empty for a clean document)."""
    errors = [entry for entry in context.error_log if entry.level >= etree.ErrorLevels.ERROR]
    if not errors:
        return []
    first = errors[0]
    return [f"damaged XML from line {first.line} ({first.message.strip()}); kept what was readable"]
