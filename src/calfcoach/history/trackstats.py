"""Summaries of a stream of track points, shared by the GPX and TCX readers.

Methods (the same for GPX and TCX, so the two formats agree on one activity):

- **distance**: haversine on a sphere of radius 6,371,008.8 m (the IUGG mean radius), summed
  between consecutive points of one segment; a gap between GPX segments is not counted.
  gpxpy's ``length_2d`` uses a flat-earth step with radius 6,378,137 m; the two agree within
  0.2 % on real files.
- **ascent/descent**: GPX and TCX carry no device total, so elevations are smoothed with the
  3-point weighted average 0.3/0.4/0.3 (end points unsmoothed, points without elevation
  skipped) and the positive and negative steps of the smoothed series are summed, per segment.
  That is exactly gpxpy's ``get_uphill_downhill``, so the numbers match gpxpy to rounding.
  It is a light smoothing: on noisy GPS altitude it reads higher than a watch's barometric total.
- **times**: only the first and last time of a track are parsed (the one before the last when
  the last is cut short); times before 1990 or after
  2100 are implausible (a GPS clock that was never set) and are dropped with a warning.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

from calfcoach.history.activity import Activity

EARTH_RADIUS_M = 6_371_008.8
_EARLIEST_YEAR = 1990
_LATEST_YEAR = 2100


class TrackStats:
    """Running totals over points, in the order the file gives them."""

    __slots__ = (
        "_cos",
        "_e1",
        "_e2",
        "_lat",
        "_lon",
        "_smoothed",
        "ascent",
        "descent",
        "distance",
        "first_time",
        "has_elevation",
        "has_gps",
        "last_time",
        "points",
        "previous_time",
        "skipped",
    )

    def __init__(self) -> None:
        self.points = 0
        self.skipped = 0
        self.first_time: str | None = None
        self.last_time: str | None = None
        self.previous_time: str | None = None
        self.distance = 0.0
        self.has_gps = False
        self.has_elevation = False
        self.ascent = 0.0
        self.descent = 0.0
        self._lat: float | None = None
        self._lon = 0.0
        self._cos = 0.0
        self._e1: float | None = None
        self._e2: float | None = None
        self._smoothed: float | None = None

    def add_time(self, text: str | None) -> None:
        if text:
            if self.first_time is None:
                self.first_time = text
            self.previous_time = self.last_time
            self.last_time = text

    def add_position(self, lat: float, lon: float) -> None:
        """A point in degrees; out-of-range or NaN positions are skipped."""
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            self.skipped += 1
            return
        self.has_gps = True
        lat = math.radians(lat)
        lon = math.radians(lon)
        cos = math.cos(lat)
        if self._lat is not None:
            half_dlat = math.sin((lat - self._lat) * 0.5)
            half_dlon = math.sin((lon - self._lon) * 0.5)
            a = half_dlat * half_dlat + self._cos * cos * half_dlon * half_dlon
            self.distance += 2.0 * EARTH_RADIUS_M * math.asin(math.sqrt(min(a, 1.0)))
        self._lat, self._lon, self._cos = lat, lon, cos

    def add_elevation(self, elevation: float) -> None:
        if not math.isfinite(elevation):
            self.skipped += 1
            return
        self.has_elevation = True
        if self._e1 is None:
            self._step(elevation)
        elif self._e2 is not None:
            self._step(0.3 * self._e2 + 0.4 * self._e1 + 0.3 * elevation)
        self._e2 = self._e1
        self._e1 = elevation

    def end_segment(self) -> None:
        """Close a segment: the last elevation goes in unsmoothed; the next point starts afresh."""
        if self._e2 is not None and self._e1 is not None:
            self._step(self._e1)
        self._e1 = self._e2 = self._smoothed = None
        self._lat = None

    def _step(self, smoothed: float) -> None:
        if self._smoothed is not None:
            delta = smoothed - self._smoothed
            if delta > 0:
                self.ascent += delta
            else:
                self.descent -= delta
        self._smoothed = smoothed


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time as aware UTC (a time without offset is taken as UTC), or None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def plausible(moment: datetime) -> bool:
    return _EARLIEST_YEAR <= moment.year <= _LATEST_YEAR


def time_span(stats: TrackStats, warnings: list[str]) -> tuple[datetime | None, float | None]:
    """First point time and seconds to the last one; problems are appended to ``warnings``."""
    if stats.first_time is None:
        return None, None
    first = parse_time(stats.first_time)
    last = parse_time(stats.last_time)
    if last is None and stats.previous_time is not None:  # a file cut inside its last time
        warnings.append(f"unreadable last timestamp {stats.last_time!r}; the one before is used")
        last = parse_time(stats.previous_time)
    if first is None or last is None or not (plausible(first) and plausible(last)):
        warnings.append(f"implausible timestamps ({stats.first_time}); times left out")
        return None, None
    elapsed = (last - first).total_seconds()
    if elapsed < 0:
        warnings.append("the last point is earlier than the first; elapsed time left out")
        return first, None
    return first, elapsed


_SPORTS = {
    "running": "running",
    "run": "running",
    "trail_running": "running",
    "trailrun": "running",
    "trail_run": "running",
    "treadmill_running": "running",
    "virtualrun": "running",
    "street_running": "running",
    "track_running": "running",
    "9": "running",  # Strava's GPX code for Run
    "cycling": "cycling",
    "biking": "cycling",
    "ride": "cycling",
    "road_biking": "cycling",
    "mountain_biking": "cycling",
    "1": "cycling",  # Strava's GPX code for Ride
    "walking": "walking",
    "walk": "walking",
    "hiking": "hiking",
    "hike": "hiking",
    "swimming": "swimming",
    "swim": "swimming",
    "cross_country_skiing": "cross_country_skiing",
    "nordicski": "cross_country_skiing",
    "other": "generic",
    "generic": "generic",
}


def sport_name(text: str | None) -> str | None:
    """A file's sport word in the FIT vocabulary ("running", "cycling", ...); unknown -> None."""
    if not text:
        return None
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    return _SPORTS.get(key)


def build_activity(
    name: str,
    file_format: str,
    sport: str | None,
    stats: TrackStats,
    *,
    start: datetime | None = None,
    timer_s: float | None = None,
    distance_m: float | None = None,
) -> Activity:
    """The activity a finished track describes; values the points do not hold stay None.

    ``start`` and ``distance_m`` override the point-derived ones (TCX has both per lap).
    """
    warnings: list[str] = []
    first, elapsed = time_span(stats, warnings)
    if stats.skipped:
        warnings.append(f"{stats.skipped} unreadable point values skipped")
    if distance_m is None and stats.has_gps:
        distance_m = stats.distance
    return Activity(
        file=name,
        format=file_format,
        sport=sport,
        sub_sport=None,
        start=start if start is not None else first,
        elapsed_s=elapsed,
        timer_s=timer_s,
        distance_m=distance_m,
        ascent_m=stats.ascent if stats.has_elevation else None,
        descent_m=stats.descent if stats.has_elevation else None,
        has_gps=stats.has_gps,
        partial=bool(warnings),
        warnings=tuple(warnings),
    )


def with_damage(activities: list[Activity], warnings: list[str]) -> list[Activity]:
    """Mark every activity of a damaged file partial, with the file's warnings."""
    if not warnings:
        return activities
    return [
        replace(activity, partial=True, warnings=(*activity.warnings, *warnings))
        for activity in activities
    ]
