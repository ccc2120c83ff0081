"""Strava and Garmin exports walked safely: files out as bytes, summaries from the export itself."""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.archives import (
    DEFAULT_LIMITS,
    ArchiveItem,
    Limits,
    SummaryMatcher,
    ZipSource,
    activity_files,
    export_kind,
    export_summaries,
    garmin_summaries,
    strava_summaries,
)
from calfcoach.history.export_summary import ExportSummary
from calfcoach.history.safe_zip import ESCAPES, EXPANDS, NOT_A_ZIP, TOO_DEEP, TOO_MANY
from calfcoach.services.history_files import FolderSource

# The English header as in ecosystem.md 6.1 (names repeat: read by position).
_HEADER_TEXT = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,"
    "Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,"
    "Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,"
    "Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,"
    "Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,"
    "Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,"
    "Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,"
    "Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,"
    "Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,"
    "Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,"
    "Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,"
    "Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,"
    "Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,"
    "Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,"
    "Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,"
    "Average Grade Adjusted Pace,Timer Time,Total Cycles,Media"
)
STRAVA_HEADER = _HEADER_TEXT.split(",")


def strava_row(**cells: str) -> list[str]:
    """A row with the named positions filled: id, date, type, name, elapsed, km, file, ..."""
    positions = {
        "id": 0, "date": 1, "name": 2, "type": 3, "description": 4, "elapsed": 5, "km": 6,
        "file": 12, "elapsed2": 15, "moving": 16, "metres": 17, "gain": 20, "loss": 21,
    }  # fmt: skip
    row = [""] * len(STRAVA_HEADER)
    for key, value in cells.items():
        row[positions[key]] = value
    return row


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


STRAVA_ROWS = [
    strava_row(
        id="8001", date="Oct 6, 2022, 11:19:20 PM", name="Evening run", type="Run",
        description='Hills, then "flat"\nfelt good', elapsed="3700", km="10.02",
        file="activities/111.fit.gz", elapsed2="3700.0", moving="3600.0", metres="10020.5",
        gain="120.0", loss="118.5",
    ),
    strava_row(
        id="8002", date="Oct 8, 2022, 7:05:00 AM", type="Trail Run", elapsed="5400",
        km="14.1", file="activities/222.gpx", elapsed2="5400.0", moving="5000.0",
        metres="14100.0", gain="640.0", loss="650.0",
    ),
    strava_row(
        id="8003", date="Oct 9, 2022, 6:00:00 PM", type="Run", elapsed="1800", km="5.0",
        moving="1800.0",
    ),
    strava_row(
        id="8004", date="Oct 10, 2022, 5:00:00 PM", type="Ride", elapsed="3600", km="30.0",
        file="activities/333.tcx.gz", elapsed2="3600.0", moving="3500.0", metres="30000.0",
    ),
]  # fmt: skip

STRAVA_FILES = {
    "activities/111.fit.gz": b"\x1f\x8b...FIT...run",
    "activities/222.gpx": b"<gpx>trail</gpx>",
    "activities/333.tcx.gz": b"\x1f\x8b...TCX...ride",
}
STRAVA_OTHER = {
    "profile.csv": b"a,b\n1,2\n",
    "media/photo.jpg": b"\xff\xd8\xff",
    "routes/home-loop.gpx": b"<gpx>a route, not an activity</gpx>",
    "messaging.json": b"{}",
}


def strava_files() -> dict[str, bytes]:
    return {
        "activities.csv": csv_bytes(STRAVA_HEADER, STRAVA_ROWS),
        **STRAVA_FILES,
        **STRAVA_OTHER,
    }


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def by_name(items: list[ArchiveItem]) -> dict[str, ArchiveItem]:
    return {item.name: item for item in items}


# --- Strava -------------------------------------------------------------------------------


def test_strava_zip_gives_files_with_their_rows_and_manual_entries_as_summaries() -> None:
    source = ZipSource(zip_of(strava_files()))
    assert export_kind(source) == "strava"
    items = by_name(list(activity_files(source)))
    assert set(items) == {*STRAVA_FILES, "activities.csv#8003"}
    for name, data in STRAVA_FILES.items():
        assert items[name].data == data
        assert items[name].error is None
    run = items["activities/111.fit.gz"].summary
    assert run is not None
    assert run.start == datetime(2022, 10, 6, 23, 19, 20, tzinfo=UTC)
    assert (run.sport, run.sub_sport, run.activity_id) == ("running", None, "8001")
    assert (run.elapsed_s, run.timer_s, run.distance_m) == (3700.0, 3600.0, 10020.5)
    assert (run.ascent_m, run.descent_m) == (120.0, 118.5)
    trail = items["activities/222.gpx"].summary
    assert trail is not None and (trail.sport, trail.sub_sport) == ("running", "trail")
    ride = items["activities/333.tcx.gz"].summary
    assert ride is not None and not ride.is_running and ride.sport == "cycling"
    manual = items["activities.csv#8003"]
    assert manual.data is None and manual.error is None
    assert manual.summary is not None and manual.summary.filename is None
    assert manual.summary.distance_m == 5000.0  # only the km column: taken as km


def test_strava_unpacked_folder_gives_the_same_items(tmp_path: Path) -> None:
    write_tree(tmp_path, strava_files())
    from_folder = list(activity_files(FolderSource(tmp_path)))
    from_zip = list(activity_files(ZipSource(zip_of(strava_files()))))
    assert sorted(from_folder, key=lambda i: i.name) == sorted(from_zip, key=lambda i: i.name)


def test_strava_zip_with_a_top_folder_and_a_missing_file() -> None:
    files = {f"export_123/{name}": data for name, data in strava_files().items()}
    del files["export_123/activities/222.gpx"]
    items = by_name(list(activity_files(ZipSource(zip_of(files)))))
    assert items["export_123/activities/111.fit.gz"].summary is not None
    missing = items["export_123/activities/222.gpx"]
    assert missing.data is None and missing.summary is not None
    assert missing.summary.sub_sport == "trail"


def test_strava_summaries_read_by_position_not_by_name() -> None:
    summaries = strava_summaries(csv_bytes(STRAVA_HEADER, STRAVA_ROWS))
    assert [s.activity_id for s in summaries] == ["8001", "8002", "8003", "8004"]
    assert summaries[0].distance_m == 10020.5  # second Distance (metres), not 10.02 km
    assert summaries[0].filename == "activities/111.fit.gz"
    assert summaries[2].filename is None


def test_strava_translated_header_day_first_dates_and_decimal_commas() -> None:
    header = [f"Spalte {index}" for index in range(92)]  # another language, another count
    header[0], header[12], header[17] = "Aktivitäts-ID", "Dateiname", "Distanz"
    row = strava_row(
        id="9", date="19.07.2026, 14:52:02", type="Lauf", elapsed="3600", km="10,00",
        file="activities/9.fit.gz", elapsed2="3600,0", moving="3500,5", metres="10000,4",
        gain="1.024,5", loss="88",
    )[:92]  # fmt: skip
    (summary,) = strava_summaries(csv_bytes(header, [row]))
    assert summary.start == datetime(2026, 7, 19, 14, 52, 2, tzinfo=UTC)
    assert (summary.sport, summary.timer_s, summary.distance_m) == ("running", 3500.5, 10000.4)
    assert (summary.ascent_m, summary.descent_m) == (1024.5, 88.0)


def test_strava_legacy_export_and_unknown_dates() -> None:
    header = ["id", "date", "name", "type", "description", "elapsed_time", "distance", "filename"]
    rows = [
        ["1", "2018-09-12 15:02:23", "x", "Run", "", "1800", "5012.3", "activities/1.gpx"],
        ["2", "12 oct. 2018", "y", "Virtual Run", "", "600", "", ""],
    ]
    first, second = strava_summaries(csv_bytes(header, rows))
    assert first.start == datetime(2018, 9, 12, 15, 2, 23, tzinfo=UTC)
    assert (first.distance_m, first.elapsed_s, first.filename) == (
        5012.3,
        1800.0,
        "activities/1.gpx",
    )
    assert second.start is None  # a format Strava is not known to write: no guess
    assert (second.sport, second.sub_sport) == ("running", "treadmill")


@pytest.mark.parametrize("data", [b"", b"just,a,few\n1,2,3\n"])
def test_not_a_strava_csv(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        strava_summaries(data)


def test_strava_csv_that_cannot_be_read_is_reported_and_files_still_come_out() -> None:
    files = {**strava_files(), "activities.csv": b"only,three,columns\n"}
    items = by_name(list(activity_files(ZipSource(zip_of(files)))))
    assert items["activities.csv"].error is not None
    assert items["activities/111.fit.gz"].data == STRAVA_FILES["activities/111.fit.gz"]
    assert items["activities/111.fit.gz"].summary is None


# --- Garmin -------------------------------------------------------------------------------

T0 = datetime(2024, 5, 4, 7, 12, 3, tzinfo=UTC)


def fake_fit(start: datetime) -> bytes:
    return b"\x0e\x10\x00\x00.FIT|" + start.strftime("%Y-%m-%dT%H:%M:%S").encode()


def fake_start(data: bytes) -> datetime | None:
    """Stands in for the FIT reader the caller owns."""
    _, _, text = data.partition(b"|")
    return datetime.strptime(text.decode(), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def garmin_record(
    activity_id: int, start: datetime, type_key: str = "running"
) -> dict[str, object]:
    return {
        "activityId": activity_id,
        "activityType": type_key,
        "sportType": "RUNNING",
        "beginTimestamp": int(start.timestamp() * 1000),
        "startTimeGmt": int(start.timestamp() * 1000),
        "duration": 5_230_000.0,
        "elapsedDuration": 5_402_000.0,
        "movingDuration": 5_100_000.0,
        "distance": 1_803_450.0,
        "elevationGain": 41_200.0,
        "elevationLoss": 40_500.0,
    }


GARMIN_RECORDS = [
    garmin_record(1, T0, "trail_running"),
    garmin_record(2, T0 + timedelta(days=1), "treadmill_running"),
    garmin_record(3, T0 + timedelta(days=2), "strength_training"),  # no file
]
FIT_A, FIT_B = fake_fit(T0 + timedelta(seconds=1)), fake_fit(T0 + timedelta(days=1))
UPLOADS = "DI_CONNECT/DI-Connect-Uploaded-Files/"
SUMMARY_JSON = "DI_CONNECT/DI-Connect-Fitness/me@x.org_0_summarizedActivities.json"


def garmin_files(part1_extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    part1 = zip_of({"me@x.org_9001.fit": FIT_A, "notes.txt": b"hi", **(part1_extra or {})})
    part2 = zip_of({"me@x.org_9002.fit": FIT_B}, zipfile.ZIP_STORED)
    return {
        SUMMARY_JSON: json.dumps([{"summarizedActivitiesExport": GARMIN_RECORDS}]).encode(),
        "DI_CONNECT/DI-Connect-Fitness/me@x.org_0_personalRecord.json": b"[]",
        "DI_CONNECT/DI-Connect-User/user_profile.json": b"{}",
        "DI_CONNECT/DI-Connect-Wellness/me_sleepData.json": b"[]",
        UPLOADS + "UploadedFiles_0-_Part1.zip": part1,
        UPLOADS + "UploadedFiles_0-_Part2.zip": part2,
    }


def test_garmin_nested_zips_give_fit_bytes_matched_by_start_time() -> None:
    source = ZipSource(zip_of(garmin_files()))
    assert export_kind(source) == "garmin"
    items = by_name(list(activity_files(source, start_of=fake_start)))
    first = items[UPLOADS + "UploadedFiles_0-_Part1.zip/me@x.org_9001.fit"]
    second = items[UPLOADS + "UploadedFiles_0-_Part2.zip/me@x.org_9002.fit"]
    assert (first.data, second.data) == (FIT_A, FIT_B)
    assert first.summary is not None and first.summary.activity_id == "1"
    assert (first.summary.sport, first.summary.sub_sport) == ("running", "trail")
    assert second.summary is not None and second.summary.sub_sport == "treadmill"
    unmatched = items[f"{SUMMARY_JSON}#3"]
    assert unmatched.data is None and unmatched.summary is not None
    assert unmatched.summary.sport == "strength_training"
    assert len(items) == 3  # notes.txt and the other JSON files are passed over


def test_garmin_without_a_start_reader_gives_files_without_summaries() -> None:
    items = list(activity_files(ZipSource(zip_of(garmin_files()))))
    assert [item.data for item in items] == [FIT_A, FIT_B]
    assert all(item.summary is None for item in items)
    assert len(export_summaries(ZipSource(zip_of(garmin_files())))) == 3


def test_garmin_units_ms_and_cm() -> None:
    (summary,) = garmin_summaries(
        json.dumps([{"summarizedActivitiesExport": [GARMIN_RECORDS[0]]}]).encode()
    )
    assert summary.start == T0
    assert (summary.elapsed_s, summary.timer_s) == (5402.0, 5100.0)
    assert (summary.distance_m, summary.ascent_m, summary.descent_m) == (18034.5, 412.0, 405.0)


def test_garmin_bare_list_nested_type_and_text_start() -> None:
    record = {
        "activityId": 7,
        "activityType": {"typeKey": "track_running"},
        "startTimeGmt": "2024-05-04 07:12:03.0",
        "duration": 60_000,
    }
    (summary,) = garmin_summaries(json.dumps([record]).encode())
    assert (summary.sport, summary.sub_sport, summary.start) == ("running", "track", T0)
    assert (summary.elapsed_s, summary.timer_s, summary.distance_m) == (60.0, 60.0, None)


@pytest.mark.parametrize("data", [b"{not json", b'"a string"', b"[" * 100_000])
def test_not_a_garmin_summary(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        garmin_summaries(data)


def test_summary_matcher_takes_the_nearest_once_and_within_tolerance() -> None:
    near = ExportSummary("garmin", "a", T0, "running", None, None, None, None, None, None)
    far = ExportSummary("garmin", "b", T0 + timedelta(seconds=90), "running", None, *[None] * 5)
    matcher = SummaryMatcher([far, near])
    assert matcher.claim(T0 + timedelta(seconds=10)) is near
    assert matcher.claim(T0 + timedelta(seconds=10)) is far  # near is taken
    assert matcher.claim(T0) is None
    assert SummaryMatcher([near]).claim(T0 + timedelta(minutes=5)) is None
    assert SummaryMatcher([near]).unclaimed() == [near]


# --- Hostile archives ---------------------------------------------------------------------

HOSTILE_NAMES = [
    "../evil.fit",
    "/etc/evil.fit",
    "C:/Windows/evil.fit",
    "c:evil.gpx",
    "..\\evil.tcx",
    "activities/../../evil.fit",
    "../../not-even-an-activity.txt",
]


def test_escaping_names_are_reported_and_the_rest_goes_on() -> None:
    files = {**strava_files(), **dict.fromkeys(HOSTILE_NAMES, b"pwn")}
    items = by_name(list(activity_files(ZipSource(zip_of(files)))))
    for name in HOSTILE_NAMES:
        assert items[name].error == ESCAPES
        assert items[name].data is None
    assert items["activities/111.fit.gz"].data == STRAVA_FILES["activities/111.fit.gz"]
    with pytest.raises(UnreadableFile, match=ESCAPES):
        ZipSource(zip_of(files)).read("../evil.fit", 100)


def test_a_zip_bomb_expands_without_bound() -> None:
    files = {"activities/bomb.fit": bytes(10 * 1024 * 1024), "activities/ok.fit": b".FIT"}
    items = by_name(list(activity_files(ZipSource(zip_of(files)))))
    assert items["activities/bomb.fit"].error == EXPANDS  # ratio ~1000:1
    assert items["activities/ok.fit"].data == b".FIT"


def test_an_entry_over_the_size_limit_expands_without_bound() -> None:
    data = os.urandom(2 * 1024 * 1024)  # incompressible: the ratio is fine, the size is not
    source = ZipSource(zip_of({"big.fit": data}))
    small = Limits(max_entry_bytes=1024 * 1024)
    (item,) = activity_files(source, limits=small)
    assert item.error == EXPANDS
    assert DEFAULT_LIMITS.max_entry_bytes == 64 * 1024 * 1024


def _patch_declared_size(archive: bytes, name: bytes, size: int) -> bytes:
    """Rewrite an entry's uncompressed size in both headers, as a hostile zip would."""
    patched = bytearray(archive)
    local, central = patched.find(b"PK\x03\x04"), patched.find(b"PK\x01\x02")
    assert local == 0 and central > 0 and name in patched  # one entry
    struct.pack_into("<I", patched, local + 22, size)
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def _set_encrypted_flag(archive: bytes) -> bytes:
    """Mark the first entry encrypted (zipfile cannot write encrypted entries itself)."""
    patched = bytearray(archive)
    local, central = patched.find(b"PK\x03\x04"), patched.find(b"PK\x01\x02")
    patched[local + 6] |= 0x1
    patched[central + 8] |= 0x1
    return bytes(patched)


def test_a_lying_declared_size_is_not_trusted() -> None:
    archive = zip_of({"liar.fit": bytes(10 * 1024 * 1024)})
    source = ZipSource(_patch_declared_size(archive, b"liar.fit", 1000))
    (item,) = activity_files(source)
    assert item.data is None and item.error is not None


def test_declared_size_over_the_limit_is_refused_before_reading() -> None:
    archive = zip_of({"huge.fit": b"x" * 1000}, zipfile.ZIP_STORED)
    source = ZipSource(_patch_declared_size(archive, b"huge.fit", 2**31))
    with pytest.raises(UnreadableFile, match=EXPANDS):
        source.read("huge.fit", DEFAULT_LIMITS.max_entry_bytes)


def test_too_many_entries_make_the_archive_unreadable() -> None:
    files = {f"activities/{n}.fit": b".FIT" for n in range(11)}
    with pytest.raises(UnreadableFile, match=TOO_MANY):
        ZipSource(zip_of(files), Limits(max_entries=10))
    assert DEFAULT_LIMITS.max_entries == 50_000


def test_too_many_entries_in_a_nested_zip_is_that_entry_only() -> None:
    many = zip_of({f"{n}.fit": b".FIT" for n in range(11)})
    outer = zip_of({**garmin_files(), UPLOADS + "UploadedFiles_0-_Part3.zip": many})
    items = by_name(list(activity_files(ZipSource(outer, Limits(max_entries=10)))))
    assert items[UPLOADS + "UploadedFiles_0-_Part3.zip"].error == TOO_MANY
    assert items[UPLOADS + "UploadedFiles_0-_Part1.zip/me@x.org_9001.fit"].data == FIT_A


def test_zips_nested_deeper_than_two_levels_are_refused() -> None:
    deeper = zip_of({"hidden.fit": b".FIT deep"})
    outer = zip_of(garmin_files({"deeper.zip": deeper}))
    items = by_name(list(activity_files(ZipSource(outer))))
    assert items[UPLOADS + "UploadedFiles_0-_Part1.zip/deeper.zip"].error == TOO_DEEP
    assert items[UPLOADS + "UploadedFiles_0-_Part1.zip/me@x.org_9001.fit"].data == FIT_A
    assert not any("hidden" in name for name in items)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", zip_of(strava_files())[:200]])
def test_a_corrupt_zip_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile, match=NOT_A_ZIP):
        ZipSource(data)


def test_a_corrupt_nested_zip_is_that_entry_only() -> None:
    outer = zip_of({**garmin_files(), UPLOADS + "UploadedFiles_0-_Part3.zip": b"PK\x05\x06junk"})
    items = by_name(list(activity_files(ZipSource(outer))))
    assert items[UPLOADS + "UploadedFiles_0-_Part3.zip"].error == NOT_A_ZIP
    assert items[UPLOADS + "UploadedFiles_0-_Part2.zip/me@x.org_9002.fit"].data == FIT_B


def test_a_damaged_entry_is_reported_not_raised() -> None:
    archive = bytearray(zip_of({"a.fit": b".FIT" * 100}, zipfile.ZIP_STORED))
    archive[archive.find(b".FIT")] ^= 0xFF  # CRC no longer matches
    (item,) = activity_files(ZipSource(bytes(archive)))
    assert item.data is None and item.error == "damaged zip entry"


def test_encrypted_entries_are_reported() -> None:
    archive = _set_encrypted_flag(
        zip_of({"activities/secret.fit": b"ciphertext", "activities/plain.fit": b".FIT"})
    )
    items = by_name(list(activity_files(ZipSource(archive))))
    assert items["activities/secret.fit"].error == "encrypted"
    assert items["activities/plain.fit"].data == b".FIT"


def test_a_plain_zip_of_activity_files_and_nothing_else() -> None:
    files = {"a.fit": b".FIT", "b/c.gpx.gz": b"\x1f\x8b", "IMG_1.jpg": b"\xff\xd8", "x.json": b"{}"}
    source = ZipSource(zip_of(files))
    assert export_kind(source) is None
    assert [(i.name, i.data) for i in activity_files(source)] == [
        ("a.fit", b".FIT"),
        ("b/c.gpx.gz", b"\x1f\x8b"),
    ]
    assert export_summaries(source) == []


# --- Folders ------------------------------------------------------------------------------


def test_a_folder_refuses_symlinks_out_of_root(tmp_path: Path) -> None:
    root, outside = tmp_path / "export", tmp_path / "outside"
    write_tree(root, strava_files())
    write_tree(outside, {"secret.fit": b"not yours", "more/x.fit": b"nor this"})
    (root / "activities" / "leak.fit").symlink_to(outside / "secret.fit")
    (root / "activities" / "inside.fit").symlink_to(root / "activities" / "222.gpx")
    (root / "activities" / "linked-dir").symlink_to(outside / "more", target_is_directory=True)
    source = FolderSource(root)
    items = by_name(list(activity_files(source)))
    assert items["activities/leak.fit"].error == ESCAPES
    assert items["activities/inside.fit"].data == STRAVA_FILES["activities/222.gpx"]
    assert not any("linked-dir" in name for name in items)
    for hostile in ("../outside/secret.fit", str(outside / "secret.fit")):
        with pytest.raises(UnreadableFile, match=ESCAPES):
            source.read(hostile, 1000)


def test_a_folder_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    write_tree(tmp_path, {"big.fit": b"x" * 2000})
    with pytest.raises(UnreadableFile, match="too large"):
        FolderSource(tmp_path).read("big.fit", 1000)


# --- Memory -------------------------------------------------------------------------------


def test_memory_stays_bounded_by_one_file_at_a_time() -> None:
    block = b"".join(os.urandom(16) + bytes(1008) for _ in range(1024))  # 1 MiB, ~50:1
    archive = zip_of({f"activities/{n:03}.fit": block for n in range(200)})
    total = 0
    tracemalloc.start()
    try:
        for item in activity_files(ZipSource(archive)):
            assert item.error is None and item.data is not None
            total += len(item.data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == 200 * len(block)
    assert peak < 8 * len(block), f"peak {peak / 2**20:.1f} MiB for {total / 2**20:.0f} MiB"


def test_garmin_unpacked_folder_gives_the_same_items(tmp_path: Path) -> None:
    write_tree(tmp_path, garmin_files())
    from_folder = list(activity_files(FolderSource(tmp_path), start_of=fake_start))
    from_zip = list(activity_files(ZipSource(zip_of(garmin_files())), start_of=fake_start))
    assert sorted(from_folder, key=lambda i: i.name) == sorted(from_zip, key=lambda i: i.name)
