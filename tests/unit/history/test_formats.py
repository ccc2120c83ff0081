"""Format detection, bounded gunzip, dispatch, and hostile XML."""

from __future__ import annotations

import gzip
import importlib
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from calfcoach.history import xmlsafe
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.formats import detect_format, read_activities
from calfcoach.history.gpx import read_gpx
from tests.unit.history.activity_files import gpx, line_points, real_files, tcx, tcx_lap

GPX = gpx([[line_points(20, [float(i) for i in range(20)])]], ["running"])
TCX = tcx([("Running", "2024-05-04T07:12:03Z", [tcx_lap(line_points(5), 20.0, 400.0)])])
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
FIT_HEADER_14 = bytes([14, 0x10, 0x00, 0x08, 0, 0, 0, 0]) + b".FIT" + b"\x00\x00"
FIT_HEADER_12 = bytes([12, 0x10, 0x00, 0x08, 0, 0, 0, 0]) + b".FIT"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol9;</name><type>&lol9;</type>
<trkseg><trkpt lat="45" lon="6"><time>2024-05-04T07:12:03Z</time></trkpt></trkseg></trk></gpx>
"""


def _xxe(target: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "{target}">]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&secret;</name><type>&secret;</type>
<trkseg><trkpt lat="45" lon="6"><time>2024-05-04T07:12:03Z</time></trkpt></trkseg></trk></gpx>
""".encode()


# -- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (FIT_HEADER_14 + bytes(100), "fit"),
        (FIT_HEADER_12 + bytes(100), "fit"),
        (gzip.compress(GPX, mtime=0), "gzip"),
        (GPX, "gpx"),
        (TCX, "tcx"),
        (b"\xef\xbb\xbf\n\n  " + GPX, "gpx"),
        (b"\n\n" + TCX, "tcx"),
        (
            b"<!-- exported --><?pi x?>\n<gpx:gpx xmlns:gpx='http://www.topografix.com/GPX/1/1'/>",
            "gpx",
        ),
        (
            b'<!DOCTYPE TrainingCenterDatabase [<!ATTLIST a b CDATA "c">]>'
            b"<TrainingCenterDatabase/>",
            "tcx",
        ),
        (GPX.decode().encode("utf-16"), "gpx"),
        (b"", None),
        (b"   \n", None),
        (PNG, None),
        (b"<?xml version='1.0'?><kml><Document/></kml>", None),
        (b"<html><body>no</body></html>", None),
        (b'{"json": true}', None),
        (bytes([14]) + bytes(7) + b".FOO" + bytes(10), None),
    ],
)
def test_detect_format_reads_content_not_names(data: bytes, kind: str | None) -> None:
    assert detect_format(data) == kind


# -- dispatch ----------------------------------------------------------------------------------


def test_read_activities_dispatches_gpx_and_tcx() -> None:
    assert [a.format for a in read_activities(GPX, "x.tcx")] == ["gpx"]
    assert [a.format for a in read_activities(TCX, "x.gpx")] == ["tcx"]


def test_gzipped_gpx_and_tcx_read_like_the_plain_files() -> None:
    assert read_activities(gzip.compress(GPX), "a.gpx.gz") == read_activities(GPX, "a.gpx.gz")
    assert read_activities(gzip.compress(TCX), "a.tcx.gz") == read_activities(TCX, "a.tcx.gz")


def test_multi_member_gzip_reads_whole() -> None:
    halfway = len(GPX) // 2
    data = gzip.compress(GPX[:halfway]) + gzip.compress(GPX[halfway:])
    [activity] = read_activities(data, "two.gpx.gz")
    assert activity.partial is False
    assert activity.elapsed_s == 95.0


def test_cut_gzip_gives_a_partial_activity() -> None:
    big = gpx([[line_points(2000)]])
    data = gzip.compress(big)
    [activity] = read_activities(data[: len(data) // 2], "cut.gpx.gz")
    assert activity.partial is True
    assert any("gzip data ends early" in warning for warning in activity.warnings)
    assert 0 < (activity.elapsed_s or 0) < 1999 * 5


def test_damaged_gzip_is_unreadable() -> None:
    data = bytearray(gzip.compress(GPX))
    data[20:40] = b"\xff" * 20
    with pytest.raises(UnreadableFile, match="gzip"):
        read_activities(bytes(data), "bad.gpx.gz")


def test_gzip_bomb_is_refused_without_expanding_it() -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    bomb = b"".join(compressor.compress(zeros) for _ in range(50)) + compressor.flush()
    assert len(bomb) < 100_000  # 50 MiB of zeros
    tracemalloc.start()
    try:
        started = time.perf_counter()
        with pytest.raises(UnreadableFile, match="expands without bound"):
            read_activities(bomb, "bomb.gpx.gz")
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024
    assert elapsed < 5


def test_gzip_inside_gzip_is_refused() -> None:
    with pytest.raises(UnreadableFile, match="gzip inside a gzip"):
        read_activities(gzip.compress(gzip.compress(GPX)), "twice.gz")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\n  \n", "empty file"),
        (gzip.compress(b"", mtime=0), "empty file"),
        (PNG, "not a FIT, GPX or TCX activity"),
        (b"<?xml version='1.0'?><kml><Document/></kml>", "not a FIT, GPX or TCX activity"),
        (b"hello, world", "not a FIT, GPX or TCX activity"),
    ],
)
def test_files_that_are_not_activities_are_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        read_activities(data, "thing")


def test_fit_dispatch_uses_the_fit_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class FakeFit:
        @staticmethod
        def read_fit(data: bytes, name: str) -> list[Activity]:
            calls.append(name)
            return []

    def fake_import(_name: str) -> type[FakeFit]:
        return FakeFit

    module = importlib.import_module("calfcoach.history")
    monkeypatch.setattr(importlib, "import_module", fake_import)  # what formats calls
    assert read_activities(FIT_HEADER_14 + bytes(100), "x.gpx") == []
    assert calls == ["x.gpx"]
    assert module is not None


def test_fit_without_a_fit_reader_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(UnreadableFile, match="no FIT reader"):
        read_activities(FIT_HEADER_14 + bytes(100), "x.fit")


REAL_FIT = real_files("fit")[:2]


@pytest.mark.parametrize("path", REAL_FIT, ids=[path.name for path in REAL_FIT])
def test_real_fit_and_fit_gz_reach_the_fit_reader(path: Path) -> None:
    plain = read_activities(path.read_bytes(), path.name)
    assert plain and all(a.format == "fit" for a in plain)
    assert read_activities(gzip.compress(path.read_bytes()), path.name) == plain


# -- hostile XML -------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", [read_activities, read_gpx], ids=["read_activities", "read_gpx"])
def test_billion_laughs_is_refused_quickly(reader: Callable[[bytes, str], list[Activity]]) -> None:
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="XML entities are refused"):
        reader(BILLION_LAUGHS, "lol.gpx")
    assert time.perf_counter() - started < 1


def test_billion_laughs_in_utf16_is_refused_too() -> None:
    with pytest.raises(UnreadableFile, match="XML entities are refused"):
        read_activities(BILLION_LAUGHS.decode().encode("utf-16"), "lol16.gpx")


def test_billion_laughs_in_a_tcx_is_refused() -> None:
    document = BILLION_LAUGHS.replace(b"<gpx", b"<TrainingCenterDatabase", 1)
    with pytest.raises(UnreadableFile, match="XML entities are refused"):
        read_activities(document, "lol.tcx")


def test_external_entity_is_refused_and_the_file_never_leaks() -> None:
    secret = Path("/etc/passwd")
    with pytest.raises(UnreadableFile, match="XML entities are refused") as caught:
        read_activities(_xxe(secret.as_uri()), "xxe.gpx")
    assert caught.value.reason == "XML entities are refused"
    if secret.is_file():
        first_line = secret.read_text().splitlines()[0]
        assert first_line not in str(caught.value)
        assert first_line not in repr(caught.value.__cause__) + repr(caught.value.__context__)


def _texts(document: bytes) -> list[str]:
    context = xmlsafe.iterparse(document, ("{*}name", "{*}type"))
    return ["".join(element.itertext()) for element in xmlsafe.events(context)]


def test_the_parser_itself_does_not_fetch_external_entities(tmp_path: Path) -> None:
    """Defence in depth: past the prolog check, an entity stays an unresolved reference."""
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("TOP-SECRET-VALUE")
    texts = _texts(_xxe(secret_file.as_uri()))
    assert texts == ["&secret;", "&secret;"]


def test_the_parser_itself_does_not_expand_nested_entities() -> None:
    started = time.perf_counter()
    texts = _texts(BILLION_LAUGHS)  # libxml2 stops at its amplification limit, or keeps refs
    assert all(len(text) < 100 for text in texts)
    assert time.perf_counter() - started < 1


def test_a_doctype_without_entities_is_not_fetched(tmp_path: Path) -> None:
    outside = tmp_path / "outside.dtd"
    outside.write_text('<!ENTITY % leak SYSTEM "file:///etc/passwd">')
    document = GPX.replace(
        b"<gpx ", f'<!DOCTYPE gpx SYSTEM "{outside.as_uri()}">\n<gpx '.encode(), 1
    )
    [activity] = read_activities(document, "dtd.gpx")
    assert activity.elapsed_s == 95.0
