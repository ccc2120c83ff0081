"""GPX reader: summaries, sports, damage, and agreement with gpxpy on real files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy
import pytest

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.gpx import read_gpx
from tests.unit.history.activity_files import (
    METRES_PER_MILLIDEGREE,
    START,
    gpx,
    line_points,
    real_file,
    real_files,
)


def test_one_track_gives_start_elapsed_distance_and_no_timer() -> None:
    [activity] = read_gpx(gpx([[line_points(11)]], ["running"]), "a.gpx")
    assert activity.file == "a.gpx"
    assert activity.format == "gpx"
    assert activity.sport == "running"
    assert activity.sub_sport is None
    assert activity.start == START
    assert activity.start.tzinfo is not None
    assert activity.elapsed_s == 50.0
    assert activity.timer_s is None
    assert activity.distance_m == pytest.approx(10 * METRES_PER_MILLIDEGREE, rel=1e-6)
    assert activity.has_gps is True
    assert activity.ascent_m is None and activity.descent_m is None
    assert activity.partial is False and activity.warnings == ()


def test_ascent_and_descent_use_gpxpy_smoothing_on_a_clean_climb() -> None:
    elevations = [100.0, 110.0, 120.0, 130.0, 120.0, 110.0]
    document = gpx([[line_points(6, elevations)]])
    [activity] = read_gpx(document, "climb.gpx")
    reference = gpxpy.parse(document.decode()).tracks[0].get_uphill_downhill()
    # smoothed: 100, 110, 120, 124, 120, 110 -> up 24, down 14
    assert activity.ascent_m == pytest.approx(24.0)
    assert activity.descent_m == pytest.approx(14.0)
    assert activity.ascent_m == pytest.approx(reference.uphill)
    assert activity.descent_m == pytest.approx(reference.downhill)


def test_segments_are_not_joined_for_distance_or_elevation() -> None:
    first = line_points(3, [10.0, 10.0, 10.0])
    later = [(lat + 1.0, lon, 50.0, moment + timedelta(hours=1)) for lat, lon, _e, moment in first]
    [activity] = read_gpx(gpx([[first, later]]), "gap.gpx")
    assert activity.distance_m == pytest.approx(4 * METRES_PER_MILLIDEGREE, rel=1e-6)
    assert activity.ascent_m == 0.0
    assert activity.elapsed_s == 3600 + 10


@pytest.mark.parametrize(
    ("text", "sport"),
    [
        ("running", "running"),
        ("Running", "running"),
        ("run", "running"),
        ("9", "running"),
        ("TrailRun", "running"),
        ("Biking", "cycling"),
        ("1", "cycling"),
        ("hiking", "hiking"),
        ("jkljkl", None),
        (None, None),
    ],
)
def test_sport_comes_from_the_track_type(text: str | None, sport: str | None) -> None:
    [activity] = read_gpx(gpx([[line_points(2)]], [text]), "s.gpx")
    assert activity.sport == sport


def test_one_activity_per_track_and_empty_tracks_are_skipped() -> None:
    later = [(lat, lon, e, moment + timedelta(days=1)) for lat, lon, e, moment in line_points(4)]
    document = gpx([[], [line_points(3)], [later]], [None, "running", "walking"])
    activities = read_gpx(document, "multi.gpx")
    assert [a.sport for a in activities] == ["running", "walking"]
    assert [a.start for a in activities] == [START, START + timedelta(days=1)]


def test_track_without_times_has_no_start_but_a_distance() -> None:
    points = [(lat, lon, e, None) for lat, lon, e, _t in line_points(3)]
    [activity] = read_gpx(gpx([[points]]), "route-like.gpx")
    assert activity.start is None and activity.elapsed_s is None
    assert activity.distance_m == pytest.approx(2 * METRES_PER_MILLIDEGREE, rel=1e-6)
    assert activity.partial is False


def test_times_with_offsets_and_without_zone_are_read_as_utc() -> None:
    document = gpx([[line_points(2)]]).replace(
        b"07:12:03Z</time></trkpt>", b"09:12:03+02:00</time></trkpt>"
    )
    document = document.replace(b"07:12:08Z", b"07:12:08")
    [activity] = read_gpx(document, "zones.gpx")
    assert activity.start == START
    assert activity.elapsed_s == 5.0


def test_nonsense_timestamps_give_a_partial_activity_without_times() -> None:
    old = datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC)
    points = [(lat, lon, 1600.0, old) for lat, lon, _e, _t in line_points(5)]
    [activity] = read_gpx(gpx([[points]]), "old.gpx")
    assert activity.start is None and activity.elapsed_s is None
    assert activity.partial is True
    assert "implausible timestamps" in activity.warnings[0]
    assert activity.distance_m == pytest.approx(4 * METRES_PER_MILLIDEGREE, rel=1e-6)


def test_unreadable_numbers_are_skipped_with_a_warning() -> None:
    document = gpx([[line_points(4, [1.0, 2.0, 3.0, 4.0])]]).replace(
        b"<ele>3.0</ele>", b"<ele>x</ele>"
    )
    [activity] = read_gpx(document, "bad.gpx")
    assert activity.partial is True
    assert activity.warnings == ("1 unreadable point values skipped",)
    assert activity.elapsed_s == 15.0


def test_leading_blank_lines_before_the_declaration_read_fine() -> None:
    [activity] = read_gpx(b"\n\n   \r\n" + gpx([[line_points(3)]]), "strava.gpx")
    assert activity.partial is False
    assert activity.elapsed_s == 10.0


def test_utf8_bom_reads_fine() -> None:
    [activity] = read_gpx(b"\xef\xbb\xbf" + gpx([[line_points(3)]]), "bom.gpx")
    assert activity.elapsed_s == 10.0


def test_truncated_file_keeps_the_points_before_the_cut() -> None:
    document = gpx([[line_points(100, [float(i) for i in range(100)])]], ["running"])
    cut = document.index(b"<trkpt", document.index(b'<trkpt lat="45.06') + 1) + 30
    [activity] = read_gpx(document[:cut], "cut.gpx")
    assert activity.partial is True
    assert any("damaged XML" in warning for warning in activity.warnings)
    assert activity.sport == "running"
    assert activity.start == START
    assert 55 * 5 <= (activity.elapsed_s or 0) <= 61 * 5
    assert (activity.distance_m or 0) >= 55 * METRES_PER_MILLIDEGREE


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1">'
        b'<wpt lat="1" lon="2"/></gpx>',
        b'<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>',
        b"<gpx><trk><trkseg></trkseg></trk></gpx>",
    ],
)
def test_gpx_without_track_points_is_not_an_activity(document: bytes) -> None:
    with pytest.raises(UnreadableFile, match="holds no track points"):
        read_gpx(document, "empty.gpx")


def test_empty_bytes_are_refused() -> None:
    with pytest.raises(UnreadableFile, match="empty file"):
        read_gpx(b"  \n", "nothing.gpx")


REAL_GPX = real_files("gpx")


def _real(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize("path", REAL_GPX, ids=[path.name for path in REAL_GPX])
def test_real_gpx_agrees_with_gpxpy(path: Path) -> None:
    data = _real(path)
    activities = read_gpx(data, path.name)
    tracks = [track for track in gpxpy.parse(data.decode("utf-8")).tracks if track.get_points_no()]
    assert len(activities) == len(tracks)
    for activity, track in zip(activities, tracks, strict=True):
        assert activity.distance_m == pytest.approx(track.length_2d(), rel=0.01)
        updown = track.get_uphill_downhill()
        assert activity.ascent_m == pytest.approx(updown.uphill, rel=0.005, abs=0.1)
        assert activity.descent_m == pytest.approx(updown.downhill, rel=0.005, abs=0.1)
        bounds = track.get_time_bounds()
        if activity.start is None:  # only for tracks without (plausible) times
            assert bounds.start_time is None or bounds.start_time.year < 1990
            continue
        assert bounds.start_time is not None and bounds.end_time is not None
        assert abs((activity.start - bounds.start_time).total_seconds()) <= 2
        duration = (bounds.end_time - bounds.start_time).total_seconds()
        assert activity.elapsed_s == pytest.approx(duration, abs=2)
        assert activity.timer_s is None
        assert activity.has_gps is True


def test_real_files_without_a_running_type_are_not_running() -> None:
    by_name = {path.name: read_gpx(_real(path), path.name) for path in REAL_GPX}
    # types "..." and none (like Movescount's tracks); its track typed "jkljkl" has no points
    assert [a.sport for a in by_name["tkrajina_korita-zbevnica.gpx"]] == [None, None, None]
    assert [a.sport for a in by_name["tkrajina_Mojstrovka.gpx"]] == [None]


@pytest.mark.parametrize(
    "written",
    ["9", "running", "Running"],
    ids=["strava", "garmin", "amazfit"],
)
def test_real_file_with_a_running_type_is_running(written: str) -> None:
    """The corpus has no redistributable GPX from these apps: the type each writes, put into
    a real file's first track with points (its type was "...")."""
    path = real_file("gpx", "tkrajina_korita-zbevnica.gpx")
    data = _real(path).replace(b"<type>...</type>", f"<type>{written}</type>".encode())
    activities = read_gpx(data, path.name)
    assert [a.sport for a in activities] == ["running", None, None]


def test_real_file_with_nonsense_timestamps_is_partial_without_times() -> None:
    path = real_file("gpx", "tkrajina_Mojstrovka.gpx")
    [activity] = read_gpx(_real(path), path.name)
    assert activity.partial is True
    assert activity.start is None and activity.elapsed_s is None
    assert (activity.distance_m or 0) > 2000
