"""TCX reader: laps, sports, treadmill runs, damage, and an independent reading of real files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from gpxpy.geo import calculate_uphill_downhill

from calfcoach.history.activity import UnreadableFile
from calfcoach.history.tcx import read_tcx
from tests.unit.history.activity_files import (
    METRES_PER_MILLIDEGREE,
    START,
    Point,
    line_points,
    real_file,
    real_files,
    tcx,
    tcx_lap,
)

ID = "2024-05-04T07:12:03Z"


def _two_laps(with_position: bool = True) -> list[str]:
    points: list[Point] = [*line_points(10, [100.0, 101, 102, 103, 104, 104, 103, 102, 101, 100.0])]
    if not with_position:
        points = [(None, None, ele, moment) for _lat, _lon, ele, moment in points]
    distances = [index * 100.0 for index in range(10)]
    return [
        tcx_lap(points[:5], 24.0, 400.0, distances[:5]),
        tcx_lap(points[5:], 20.5, 500.0, distances[5:]),
    ]


def test_activity_sums_laps_and_spans_trackpoints() -> None:
    [activity] = read_tcx(tcx([("Running", ID, _two_laps())]), "run.tcx")
    assert activity.file == "run.tcx"
    assert activity.format == "tcx"
    assert activity.sport == "running"
    assert activity.sub_sport is None
    assert activity.start == START
    assert activity.elapsed_s == 45.0
    assert activity.timer_s == 44.5
    assert activity.distance_m == 900.0
    assert activity.has_gps is True
    assert activity.ascent_m == pytest.approx(
        calculate_uphill_downhill([100, 101, 102, 103, 104, 104, 103, 102, 101, 100])[0]
    )
    assert activity.descent_m == pytest.approx(activity.ascent_m)
    assert activity.partial is False


def test_treadmill_run_without_positions_is_an_activity_without_gps() -> None:
    [activity] = read_tcx(tcx([("Running", ID, _two_laps(with_position=False))]), "mill.tcx")
    assert activity.has_gps is False
    assert activity.is_running
    assert activity.distance_m == 900.0
    assert activity.elapsed_s == 45.0


@pytest.mark.parametrize(
    ("attribute", "sport"),
    [("Running", "running"), ("Biking", "cycling"), ("Other", "generic"), (None, None)],
)
def test_sport_attribute(attribute: str | None, sport: str | None) -> None:
    [activity] = read_tcx(tcx([(attribute, ID, _two_laps())]), "s.tcx")
    assert activity.sport == sport


def test_distance_falls_back_to_the_last_trackpoint_then_to_positions() -> None:
    points = line_points(5)
    from_points = tcx([("Running", ID, [tcx_lap(points, 20.0, None, [0, 10, 20, 30, 47.5])])])
    assert read_tcx(from_points, "d.tcx")[0].distance_m == 47.5
    from_positions = tcx([("Running", ID, [tcx_lap(points, 20.0, None)])])
    assert read_tcx(from_positions, "p.tcx")[0].distance_m == pytest.approx(
        4 * METRES_PER_MILLIDEGREE, rel=1e-6
    )


def test_start_falls_back_to_the_first_lap_then_the_first_point() -> None:
    laps = _two_laps()
    assert read_tcx(tcx([("Running", None, laps)]), "n.tcx")[0].start == START
    assert read_tcx(tcx([("Running", "not a time", laps)]), "n.tcx")[0].start == START


def test_several_activities_and_a_lap_only_activity() -> None:
    manual = tcx_lap([], 1800.0, 5000.0)
    activities = read_tcx(tcx([("Running", ID, _two_laps()), ("Biking", ID, [manual])]), "m.tcx")
    assert [a.sport for a in activities] == ["running", "cycling"]
    assert activities[1].timer_s == 1800.0
    assert activities[1].distance_m == 5000.0
    assert activities[1].elapsed_s is None
    assert activities[1].has_gps is False


def test_leading_blank_lines_before_the_declaration_read_fine() -> None:
    [activity] = read_tcx(b"\n\n  \n" + tcx([("Running", ID, _two_laps())]), "strava.tcx")
    assert activity.partial is False
    assert activity.timer_s == 44.5


def test_truncated_file_keeps_the_points_before_the_cut() -> None:
    points = line_points(200, [float(i % 7) for i in range(200)], step_s=1)
    document = tcx([("Running", ID, [tcx_lap(points, 199.0, 2000.0)])])
    cut = document.index(b"<Trackpoint>", document.index(b"07:14:03Z")) + 20  # in point 121
    [activity] = read_tcx(document[:cut], "cut.tcx")
    assert activity.partial is True
    assert any("damaged XML" in warning for warning in activity.warnings)
    assert activity.sport == "running"
    assert activity.start == START
    assert activity.elapsed_s == 120.0
    assert activity.timer_s == 199.0  # the lap's totals come before its points
    assert activity.has_gps is True


def test_course_file_is_not_an_activity() -> None:
    course = (
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Courses><Course><Name>loop</Name><Track><Trackpoint><Time>2024-05-04T07:12:03Z</Time>"
        b"</Trackpoint></Track></Course></Courses></TrainingCenterDatabase>"
    )
    with pytest.raises(UnreadableFile, match="holds no activity"):
        read_tcx(course, "course.tcx")


NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
REAL_TCX = real_files("tcx")


@dataclass(frozen=True)
class Reference:
    start: datetime
    elapsed: float
    timer: float
    distance: float
    ascent: float | None
    descent: float | None


def _independent(activity: ET.Element) -> Reference:
    """A plain reading of laps and trackpoints, written separately from the reader."""
    laps = activity.findall(NS + "Lap")
    points = list(activity.iter(NS + "Trackpoint"))
    times = [datetime.fromisoformat(t) for p in points if (t := p.findtext(NS + "Time"))]
    altitudes: list[float | None] = [
        float(a) for p in points if (a := p.findtext(NS + "AltitudeMeters"))
    ]
    up, down = calculate_uphill_downhill(altitudes) if altitudes else (None, None)
    return Reference(
        start=datetime.fromisoformat(activity.findtext(NS + "Id") or ""),
        elapsed=(times[-1] - times[0]).total_seconds(),
        timer=sum(float(lap.findtext(NS + "TotalTimeSeconds") or 0) for lap in laps),
        distance=sum(float(lap.findtext(NS + "DistanceMeters") or 0) for lap in laps),
        ascent=up,
        descent=down,
    )


@pytest.mark.parametrize("path", REAL_TCX, ids=[path.name for path in REAL_TCX])
def test_real_tcx_agrees_with_an_independent_reading(path: Path) -> None:
    data = path.read_bytes()
    activities = read_tcx(data, path.name)
    expected = [_independent(a) for a in ET.fromstring(data.lstrip()).iter(NS + "Activity")]  # noqa: S314
    assert len(activities) == len(expected)
    for activity, reference in zip(activities, expected, strict=True):
        assert activity.partial is False
        assert activity.start is not None
        assert abs((activity.start - reference.start).total_seconds()) <= 2
        assert activity.elapsed_s == pytest.approx(reference.elapsed, abs=2)
        assert activity.timer_s == pytest.approx(reference.timer, abs=2)
        assert activity.distance_m == pytest.approx(reference.distance, rel=0.01)
        if reference.ascent is None:
            assert activity.ascent_m is None and activity.descent_m is None
        else:
            assert activity.ascent_m == pytest.approx(reference.ascent, rel=0.005, abs=0.1)
            assert activity.descent_m == pytest.approx(reference.descent, rel=0.005, abs=0.1)
        assert activity.has_gps is True


def test_real_cross_country_ski_session_is_not_running() -> None:
    path = real_file("tcx", "alenrajs_cross-country-skiing_activity_1.tcx")
    [activity] = read_tcx(path.read_bytes(), path.name)
    assert activity.sport == "generic"
    assert not activity.is_running
    assert activity.start == START.replace(
        year=2020, month=12, day=26, hour=15, minute=14, second=21
    )
    assert activity.timer_s == pytest.approx(2401.26, abs=0.1)


def test_real_files_from_running_devices_are_running() -> None:
    for path in REAL_TCX:
        if "cross-country" not in path.name:
            assert all(a.is_running for a in read_tcx(path.read_bytes(), path.name)), path.name


def test_elapsed_is_first_to_last_point_even_across_laps() -> None:
    first = line_points(3)
    later = [
        (lat, lon, e, moment + timedelta(minutes=10)) for lat, lon, e, moment in line_points(3)
    ]
    laps = [tcx_lap(first, 10.0, 20.0), tcx_lap(later, 10.0, 20.0)]
    [activity] = read_tcx(tcx([("Running", ID, laps)]), "pause.tcx")
    assert activity.elapsed_s == 610.0
    assert activity.timer_s == 20.0
