"""FIT reader: the fast walker against fitdecode reading every frame, damage, hostile bytes.

Policy checked here (see calfcoach.history.fit): a bad CRC alone loses nothing, so the activity
is whole; a cut file, a corrupt or truncated chained segment, an undefined local message or a
header that was never finalised keep everything before the damage and are ``partial``.
"""

from __future__ import annotations

import gzip
import io
import math
import struct
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fitdecode
import fitdecode.utils
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calfcoach.history import fit as fit_module
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.fit import read_fit
from tests.unit.history.activity_files import real_file, real_files

REAL_FIT = [path for path in real_files("fit") if path.suffix == ".fit"]
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
START = datetime(2024, 5, 4, 7, 12, 3, tzinfo=UTC)


# --- an independent reading: fitdecode, every frame, the obvious way ------------------------


@dataclass
class Reading:
    file_types: list[Any] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    records: list[tuple[datetime | None, bool]] = field(default_factory=list)
    error: str | None = None


SESSION_KEYS = (
    "start_time",
    "sport",
    "sub_sport",
    "total_elapsed_time",
    "total_timer_time",
    "total_distance",
    "total_ascent",
    "total_descent",
)


def fitdecode_reading(data: bytes) -> Reading:
    reading = Reading()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with fitdecode.FitReader(
                io.BytesIO(data),
                check_crc=fitdecode.CrcCheck.WARN,
                error_handling=fitdecode.ErrorHandling.WARN,
            ) as reader:
                for frame in reader:
                    if isinstance(frame, fitdecode.FitDataMessage):
                        _take(frame, reading)
        except fitdecode.FitError as error:
            reading.error = str(error)
    return reading


def _take(frame: Any, reading: Reading) -> None:
    if frame.name == "file_id":
        reading.file_types.append(frame.get_value("type", fallback=None))
    elif frame.name == "session":
        reading.sessions.append({key: frame.get_value(key, fallback=None) for key in SESSION_KEYS})
    elif frame.name == "record":
        moment = frame.get_value("timestamp", fallback=None)
        has_lat = frame.get_value("position_lat", fallback=None) is not None
        reading.records.append((moment if isinstance(moment, datetime) else None, has_lat))


def expected_activities(reading: Reading) -> list[dict[str, Any]]:
    """What each session should give, straight from the decoded frames."""
    starts = sorted(s["start_time"] for s in reading.sessions if s["start_time"])
    expected = []
    for session in reading.sessions:
        start = session["start_time"]
        following = next((t for t in starts if t > start), None)
        elapsed = session["total_elapsed_time"]
        if elapsed is None:  # the last record of the session's span
            span = [
                t
                for t, _ in reading.records
                if t and start <= t and (not following or t < following)
            ]
            elapsed = (max(span) - start).total_seconds() if span else None
        end = start + timedelta(seconds=math.ceil(elapsed or 0))
        expected.append(
            {
                "start": start,
                "sport": session["sport"],
                "sub_sport": session["sub_sport"],
                "elapsed_s": elapsed,
                "timer_s": session["total_timer_time"],
                "distance_m": session["total_distance"],
                "ascent_m": session["total_ascent"],
                "descent_m": session["total_descent"],
                "has_gps": any(lat and t and start <= t <= end for t, lat in reading.records),
            }
        )
    return expected


def assert_matches(activities: list[Activity], reading: Reading) -> None:
    expected = expected_activities(reading)
    assert len(activities) == len(expected)
    for got, want in zip(activities, expected, strict=True):
        assert got.format == "fit"
        assert got.start == want["start"]
        assert (got.sport, got.sub_sport) == (want["sport"], want["sub_sport"])
        assert got.has_gps == want["has_gps"]
        assert (got.ascent_m, got.descent_m) == (want["ascent_m"], want["descent_m"])
        for key in ("elapsed_s", "timer_s"):
            _close(getattr(got, key), want[key], absolute=2.0)
        _close(got.distance_m, want["distance_m"], relative=0.01)


def _close(
    got: float | None, want: float | None, absolute: float = 0.0, relative: float = 0.0
) -> None:
    if want is None:
        assert got is None
    else:
        assert got is not None
        assert abs(got - want) <= max(absolute, relative * abs(want))


def data_messages(data: bytes) -> list[Any]:
    """Every data message fitdecode reads, each with its raw chunk (offset and bytes)."""
    with fitdecode.FitReader(io.BytesIO(data), keep_raw_chunks=True) as reader:
        return [frame for frame in reader if isinstance(frame, fitdecode.FitDataMessage)]


def with_field(data: bytes, mesg: str, field_name: str, value: int) -> bytes:
    """A one-segment FIT file with one-byte ``field_name`` of each ``mesg`` set, CRC redone."""
    out = bytearray(data)
    for frame in data_messages(data):
        if frame.name == mesg:
            offset = frame.chunk.offset + 1  # past the record header
            for field_def in frame.def_mesg.field_defs:
                if field_def.name == field_name:
                    assert field_def.size == 1
                    out[offset] = value
                offset += field_def.size
    out[-2:] = struct.pack("<H", fitdecode.utils.compute_crc(bytes(out[:-2])))
    return bytes(out)


def never_finalised(data: bytes) -> bytes:
    """What a watch leaves when a recording stops short: a header declaring no data (and no
    header CRC), the messages before the first lap, no file CRC."""
    first_lap = next(f.chunk.offset for f in data_messages(data) if f.name in ("lap", "session"))
    header = bytearray(data[: data[0]])
    header[4:8] = bytes(4)
    if len(header) == 14:
        header[12:14] = bytes(2)
    return bytes(header) + data[data[0] : first_lap]


# --- real files ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_FIT, ids=lambda p: p.name)
def test_real_file_matches_fitdecode_reading_every_frame(path: Path) -> None:
    data = path.read_bytes()
    activities = read_fit(data, path.name)
    reading = fitdecode_reading(data)
    assert reading.error is None
    assert_matches(activities, reading)
    assert all(a.file == path.name for a in activities)
    assert not any(a.partial for a in activities)


def test_real_files_include_multisport_and_elapsed_follows_the_records() -> None:
    by_name = {p.name: read_fit(p.read_bytes(), p.name) for p in REAL_FIT}
    sports = {(a.sport, a.sub_sport) for acts in by_name.values() for a in acts}
    assert {("running", "generic"), ("running", None), ("cycling", None)} <= sports
    multisport = by_name["dtcooper_activity-large-fenxi2-multisport.fit"]
    assert [a.sport for a in multisport] == [
        "generic",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ]
    # the span from start to start + elapsed_s ends at the session's last record
    for name in ("tormoder_mornindew-broken.fit", "dtcooper_activity-small-fenix2-run.fit"):
        reading = fitdecode_reading(real_file("fit", name).read_bytes())
        (run,) = by_name[name]
        assert run.start is not None and run.elapsed_s is not None
        last = max(t for t, _ in reading.records if t)
        assert abs((last - run.start).total_seconds() - run.elapsed_s) <= 2


def test_a_real_session_marked_trail_is_a_trail_run() -> None:
    """No redistributable trail run in the corpus: a real Fenix 5 run, its session says trail."""
    data = with_field(
        real_file("fit", "dtcooper_garmin-fenix-5-run.fit").read_bytes(), "session", "sub_sport", 3
    )
    (run,) = read_fit(data, "trail.fit")
    assert (run.sport, run.sub_sport) == ("running", "trail")
    assert_matches([run], fitdecode_reading(data))
    assert not run.partial


@pytest.mark.parametrize(
    "name", ["dtcooper_garmin-fenix-5-run.fit", "dtcooper_developer-types-sample.fit"]
)
def test_the_fitdecode_fallback_gives_the_same_activities(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = real_file("fit", name).read_bytes()
    fast = read_fit(data, name)

    def refuse(_data: bytes) -> None:
        raise RuntimeError("a case the walker does not handle")

    monkeypatch.setattr(fit_module, "walk_fit", refuse)
    assert read_fit(data, name) == fast


# --- awkward and broken real files ---------------------------------------------------------


def _robust(name: str) -> bytes:
    return real_file("robust", name).read_bytes()


@pytest.mark.parametrize(
    "name", ["dtcooper_WorkoutIndividualSteps.fit", "dtcooper_WorkoutRepeatSteps.fit"]
)
def test_workout_files_are_not_activities(name: str) -> None:
    with pytest.raises(UnreadableFile, match="not an activity: the FIT file type is workout"):
        read_fit(_robust(name), name)


@pytest.mark.parametrize(
    "name",
    [
        "dtcooper_activity-filecrc.fit",  # bad file CRC: nothing lost, so not partial
        "dtcooper_activity-activity-filecrc.fit",  # two chained copies: two sessions
        "dtcooper_elemnt-bolt-no-application-id-inside-developer-data-id.fit",
        "tormoder_unterminated-strings.fit",
    ],
)
def test_odd_but_whole_files_match_fitdecode(name: str) -> None:
    data = _robust(name)
    activities = read_fit(data, name)
    assert_matches(activities, fitdecode_reading(data))
    assert not any(a.partial for a in activities)


def test_a_gzipped_file_reads_once_gunzipped() -> None:
    gzipped = gzip.compress(real_file("fit", "dtcooper_2013-02-06-12-11-14.fit").read_bytes())
    data = gzip.decompress(gzipped)
    assert_matches(read_fit(data, "2013-02-06-12-11-14.fit"), fitdecode_reading(data))
    with pytest.raises(UnreadableFile, match="not a FIT file"):
        read_fit(gzipped, "x.fit.gz")


@pytest.mark.parametrize(
    ("name", "lost"),
    [
        # the activity segment is whole; the chained settings segment after it is lost
        ("dtcooper_activity-settings-corruptheader.fit", "not a readable FIT segment"),
        ("dtcooper_activity-settings-nodata.fit", "cut off at byte 783"),
        ("dtcooper_activity-unexpected-eof.fit", "a message is cut off at byte 751"),
        # Strava wrote the session first, then lost a byte: the session survives the cut
        ("dtcooper_strava-android-app-201.10-b1218918.fit", "undefined local message at byte 7471"),
    ],
)
def test_damaged_files_keep_what_came_before_the_damage(name: str, lost: str) -> None:
    data = _robust(name)
    activities = read_fit(data, name)
    reading = fitdecode_reading(data)
    assert reading.error is not None  # fitdecode stops at the same damage
    assert_matches(activities, reading)
    assert all(a.partial for a in activities)
    assert any(lost in warning for warning in activities[0].warnings)
    assert activities[0].entry()["partial"] is True


def _never_finalised_run() -> bytes:
    """A real run as a watch leaves it when the recording stops short (see never_finalised)."""
    return never_finalised(real_file("fit", "dtcooper_activity-small-fenix2-run.fit").read_bytes())


@pytest.mark.parametrize(
    ("name", "data", "records", "lost"),
    [
        ("dtcooper_nick.fit", _robust("dtcooper_nick.fit"), 14391, "cut off"),
        ("fenix2-never-finalised.fit", _never_finalised_run(), 2809, "never finalised"),
    ],
    ids=["nick", "never-finalised"],
)
def test_cut_files_without_a_session_give_an_activity_from_their_records(
    name: str, data: bytes, records: int, lost: str
) -> None:
    (activity,) = read_fit(data, name)
    assert activity.partial and activity.has_gps
    assert activity.sport is None and activity.start is not None
    assert activity.elapsed_s and activity.elapsed_s > 1000
    assert any(lost in w for w in activity.warnings)
    assert any(f"computed from its {records} records" in w for w in activity.warnings)


def test_records_without_any_timestamp_are_nothing_to_summarise() -> None:
    with pytest.raises(UnreadableFile, match="nothing to summarise"):
        read_fit(_robust("dtcooper_DeveloperData.fit"), "DeveloperData.fit")


# --- hand-made files -----------------------------------------------------------------------

UINT32, SINT32, UINT16, ENUM, STRING = 0x86, 0x85, 0x84, 0x00, 0x07


def definition(
    local: int,
    mesg: int,
    fields: list[tuple[int, int, int]],
    *,
    big: bool = False,
    dev: list[tuple[int, int, int]] | None = None,
) -> bytes:
    header = 0x40 | local | (0x20 if dev is not None else 0)
    body = struct.pack(">BBHB" if big else "<BBHB", 0, int(big), mesg, len(fields))
    body += b"".join(bytes(f) for f in fields)
    if dev is not None:
        body += bytes([len(dev)]) + b"".join(bytes(f) for f in dev)
    return bytes([header]) + body


def message(
    local: int, fmt: str, *values: Any, big: bool = False, offset: int | None = None
) -> bytes:
    header = local if offset is None else 0x80 | (local << 5) | offset
    return bytes([header]) + struct.pack((">" if big else "<") + fmt, *values)


def fit_file(body: bytes, *, data_size: int | None = None) -> bytes:
    size = len(body) if data_size is None else data_size
    header = struct.pack("<BBHI4s", 12, 0x20, 2132, size, b".FIT")
    crc = fitdecode.utils.compute_crc(header + body)
    return header + body + struct.pack("<H", crc)


def fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def file_id(kind: int = 4) -> bytes:
    return definition(0, 0, [(0, 1, ENUM), (1, 2, UINT16)]) + message(0, "BH", kind, 1)


def records(count: int, *, with_dev: bool = True, lat: bool = True) -> bytes:
    """A record definition (with 2 developer bytes), one full record, then compressed ones."""
    dev = [(0, 2, 0)] if with_dev else None
    out = definition(0, 207, [(0, 16, 0x0D), (3, 1, 0x02)]) + message(0, "16sB", b"\x01" * 16, 0)
    out += definition(0, 206, [(0, 1, 0x02), (1, 1, 0x02), (2, 1, 0x02), (3, 6, STRING)])
    out += message(0, "BBB6s", 0, 0, 0x84, b"Power\x00")
    fields = [(253, 4, UINT32), (0, 4, SINT32), (5, 4, UINT32)]
    out += definition(1, 20, fields, dev=dev)
    lat_value = 536870912 if lat else 0x7FFFFFFF
    out += message(
        1,
        "IiI" + ("H" if with_dev else ""),
        fit_time(START),
        lat_value,
        0,
        *([250] if with_dev else []),
    )
    out += definition(2, 20, [(0, 4, SINT32), (5, 4, UINT32)], dev=dev)
    for index in range(1, count):  # compressed timestamps: 5 s apart, rolling over 32
        offset = (fit_time(START) + 5 * index) & 0x1F
        out += message(
            2,
            "iI" + ("H" if with_dev else ""),
            lat_value,
            500 * index,
            *([250] if with_dev else []),
            offset=offset,
        )
    return out


def session(*, big: bool = True, elapsed: float = 95.0, sub_sport: int = 3) -> bytes:
    fields = [
        (253, 4, UINT32),
        (2, 4, UINT32),
        (5, 1, ENUM),
        (6, 1, ENUM),
        (7, 4, UINT32),
        (8, 4, UINT32),
        (9, 4, UINT32),
        (22, 2, UINT16),
        (23, 2, UINT16),
        (4, 6, STRING),
    ]
    values = (
        fit_time(START) + 100,
        fit_time(START),
        1,
        sub_sport,
        int(elapsed * 1000),
        90_000,
        1_234_56,
        42,
        0xFFFF,
        b"abcdef",
    )
    return definition(3, 18, fields, big=big) + message(3, "IIBBIIIHH6s", *values, big=big)


def test_a_hand_made_file_with_developer_fields_compressed_times_and_big_endian_session() -> None:
    data = fit_file(file_id() + records(20) + session())
    (activity,) = read_fit(data, "made.fit")
    assert activity == Activity(
        file="made.fit",
        format="fit",
        sport="running",
        sub_sport="trail",
        start=START,
        elapsed_s=95.0,
        timer_s=90.0,
        distance_m=1234.56,
        ascent_m=42.0,
        descent_m=None,
        has_gps=True,
    )
    assert_matches([activity], fitdecode_reading(data))


def test_without_elapsed_time_the_span_runs_to_the_last_record() -> None:
    body = file_id() + records(20, lat=False)
    body += definition(3, 18, [(2, 4, UINT32), (5, 1, ENUM)]) + message(3, "IB", fit_time(START), 1)
    (activity,) = read_fit(fit_file(body), "made.fit")
    assert activity.elapsed_s == 95.0
    assert not activity.has_gps and activity.sub_sport is None and activity.timer_s is None


def test_records_without_a_session_give_one_activity_and_a_warning() -> None:
    (activity,) = read_fit(fit_file(file_id() + records(10)), "made.fit")
    assert (activity.start, activity.elapsed_s, activity.distance_m) == (START, 45.0, 45.0)
    assert activity.has_gps and not activity.partial
    assert "no session message" in activity.warnings[0]


def test_a_header_that_was_never_finalised_is_read_to_the_end() -> None:
    body = file_id() + records(10) + session()
    data = fit_file(body, data_size=0)[:-2]
    (activity,) = read_fit(data, "made.fit")
    assert activity.partial and activity.distance_m == 1234.56
    assert "never finalised" in activity.warnings[0]


def test_a_course_is_not_an_activity() -> None:
    with pytest.raises(UnreadableFile, match="not an activity: the FIT file type is course"):
        read_fit(fit_file(file_id(kind=6) + records(3)), "course.fit")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x8f\x13\x00\xfe\x42", "not a FIT file"),
        (b"<?xml version='1.0'?><gpx></gpx>", "not a FIT file"),
        (fit_file(b""), "nothing to summarise"),
        (fit_file(b"")[:12], "nothing to summarise"),
        (fit_file(b"", data_size=10_000_000)[:12], "ends 10000000 bytes before"),
        (fit_file(bytes([0x40, 0, 0, 20, 0, 255]) + bytes(765))[:200], "definition is cut off"),
        (
            fit_file(bytes([0x40, 0, 0, 20, 0, 255]) + bytes([1, 255, 0x0D]) * 255 + b"\x00"),
            "message is cut off",
        ),
        (fit_file(b"\x05" + bytes(20)), "undefined local message"),
        (fit_file(file_id(kind=5)), "not an activity"),
    ],
    ids=[
        "empty",
        "5 bytes",
        "xml",
        "no data",
        "just a header",
        "huge data size",
        "huge field count",
        "huge message",
        "undefined message",
        "workout",
    ],
)
def test_hostile_bytes_are_unreadable_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        read_fit(data, "hostile.fit")


def test_a_header_claiming_far_more_data_keeps_what_is_there() -> None:
    body = file_id() + records(10) + session()
    (activity,) = read_fit(fit_file(body, data_size=2**31), "big.fit")
    assert activity.partial and activity.distance_m == 1234.56
    assert any("before the end its header declares" in w for w in activity.warnings)


SMALL_REAL = real_file("fit", "dtcooper_garmin-fenix-5-run.fit")
SEEDS = [fit_file(file_id() + records(12) + session()), SMALL_REAL.read_bytes()]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=6),
)
def test_no_mutation_gives_anything_but_activities_or_unreadable(
    seed: bytes, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(seed[: max(1, round(len(seed) * cut))] if cut < 0.98 else seed)
    for where, value in flips:
        data[min(len(data) - 1, int(where * len(data)))] = value
    try:
        activities = read_fit(bytes(data), "mutant.fit")
    except UnreadableFile as error:
        assert error.reason
    else:
        assert activities and all(isinstance(a, Activity) for a in activities)
