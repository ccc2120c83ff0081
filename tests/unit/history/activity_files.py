"""Small GPX and TCX documents built in tests, and the real files kept in tests/files/shared."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

REAL_FILES = Path(__file__).resolve().parents[2] / "files" / "shared"  # see its README.md
START = datetime(2024, 5, 4, 7, 12, 3, tzinfo=UTC)
METRES_PER_MILLIDEGREE = 6_371_008.8 * math.radians(0.001)  # along a meridian

Point = tuple[float | None, float | None, float | None, datetime | None]  # lat, lon, ele, time
LinePoint = tuple[float, float, float | None, datetime]  # a Point with a position and a time


def real_files(folder: str) -> list[Path]:
    """Every file of ``folder`` (fit, gpx, tcx or robust) of the corpus; it must be there."""
    files = sorted((REAL_FILES / folder).iterdir())
    assert files, f"no files in {REAL_FILES / folder}"
    return files


def real_file(folder: str, name: str) -> Path:
    path = REAL_FILES / folder / name
    assert path.is_file(), f"{path} is missing from the corpus"
    return path


def line_points(
    count: int, elevations: Sequence[float] | None = None, step_s: int = 5
) -> list[LinePoint]:
    """Points due north, 0.001 degree apart, ``step_s`` seconds apart."""
    return [
        (
            45.0 + index * 0.001,
            6.0,
            None if elevations is None else elevations[index],
            START + timedelta(seconds=step_s * index),
        )
        for index in range(count)
    ]


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx_point(point: Point) -> str:
    lat, lon, ele, moment = point
    position = "" if lat is None else f' lat="{lat}" lon="{lon}"'
    inner = "" if ele is None else f"<ele>{ele}</ele>"
    inner += "" if moment is None else f"<time>{_iso(moment)}</time>"
    return f"<trkpt{position}>{inner}<extensions><hr>140</hr></extensions></trkpt>\n"


def gpx(
    segments_per_track: Sequence[Sequence[Sequence[Point]]],
    types: Sequence[str | None] | None = None,
) -> bytes:
    """A GPX 1.1 document: tracks, each a list of segments of points."""
    tracks = []
    for index, segments in enumerate(segments_per_track):
        kind = None if types is None else types[index]
        body = f"<name>track {index}</name>"
        body += "" if kind is None else f"<type>{kind}</type>"
        for segment in segments:
            body += "<trkseg>\n" + "".join(gpx_point(point) for point in segment) + "</trkseg>"
        tracks.append(f"<trk>{body}</trk>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">\n'
        "<metadata><time>2024-05-04T07:12:03Z</time></metadata>\n" + "".join(tracks) + "</gpx>\n"
    ).encode()


def tcx_point(point: Point, distance: float | None) -> str:
    lat, lon, ele, moment = point
    body = "" if moment is None else f"<Time>{_iso(moment)}</Time>"
    if lat is not None:
        body += (
            f"<Position><LatitudeDegrees>{lat}</LatitudeDegrees>"
            f"<LongitudeDegrees>{lon}</LongitudeDegrees></Position>"
        )
    body += "" if ele is None else f"<AltitudeMeters>{ele}</AltitudeMeters>"
    body += "" if distance is None else f"<DistanceMeters>{distance}</DistanceMeters>"
    return f"<Trackpoint>{body}<HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>\n"


def tcx_lap(
    points: Sequence[Point],
    total_s: float | None,
    distance_m: float | None,
    point_distances: Sequence[float] | None = None,
) -> str:
    start = points[0][3] if points else START
    body = "" if total_s is None else f"<TotalTimeSeconds>{total_s}</TotalTimeSeconds>"
    body += "" if distance_m is None else f"<DistanceMeters>{distance_m}</DistanceMeters>"
    body += (
        "<Calories>10</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
    )
    body += "<Track>\n"
    for index, point in enumerate(points):
        body += tcx_point(point, None if point_distances is None else point_distances[index])
    return f'<Lap StartTime="{_iso(start)}">{body}</Track></Lap>\n'


def tcx(activities: Sequence[tuple[str | None, str | None, Sequence[str]]]) -> bytes:
    """A TCX document: activities as (Sport attribute, Id text, laps)."""
    parts = []
    for sport, ident, laps in activities:
        attribute = "" if sport is None else f' Sport="{sport}"'
        head = "" if ident is None else f"<Id>{ident}</Id>"
        parts.append(
            f"<Activity{attribute}>{head}{''.join(laps)}<Creator><Name>t</Name></Creator></Activity>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n'
        "<Activities>\n" + "".join(parts) + "</Activities>\n</TrainingCenterDatabase>\n"
    ).encode()
