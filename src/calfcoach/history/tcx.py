"""TCX reader: one activity per ``<Activity>``.

- ``sport`` from the ``Sport`` attribute: Running -> "running", Biking -> "cycling", Other ->
  "generic" (the schema allows only these three; a cross-country ski session is "Other").
- ``start`` is the activity's ``<Id>`` (a time by the schema), else the first lap's
  ``StartTime``, else the first trackpoint time.
- ``timer_s`` is the sum of the laps' ``TotalTimeSeconds``; ``distance_m`` the sum of the laps'
  ``DistanceMeters``, else the last trackpoint ``DistanceMeters``, else the haversine sum over
  positions; ``elapsed_s`` runs from the first to the last trackpoint time.
- ascent/descent from ``AltitudeMeters`` with the method in :mod:`calfcoach.history.trackstats`
  (one series per activity); ``has_gps`` when a trackpoint has a ``Position``, so a treadmill
  run is an activity without GPS.
Points outside an ``<Activity>`` (a TCX course) are not activities.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calfcoach.history import xmlsafe
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.trackstats import (
    TrackStats,
    build_activity,
    parse_time,
    plausible,
    sport_name,
    with_damage,
)

_TAGS = ("{*}Trackpoint", "{*}Lap", "{*}Activity")


class _TcxReader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.activities: list[Activity] = []
        self.point_tag = ""
        self.tags: dict[str, str] = {}
        self._reset()

    def _reset(self) -> None:
        self.stats = TrackStats()
        self.timer: float | None = None
        self.lap_distance: float | None = None
        self.point_distance: float | None = None
        self.first_lap_start: str | None = None

    def handle(self, element: Any) -> None:
        tag: str = element.tag
        if tag == self.point_tag:
            self.point(element)
        elif tag.endswith("Trackpoint"):
            self.point_tag = tag
            self.tags = _names(tag)
            self.point(element)
        elif tag.endswith("Lap"):
            self.lap(element)
            element.clear(keep_tail=True)  # the <Id> before the laps is still needed
            return
        else:
            self.end_activity(element)
        xmlsafe.release(element)

    def point(self, element: Any) -> None:
        stats = self.stats
        tags = self.tags
        stats.points += 1
        try:
            for child in element:
                tag = child.tag
                if tag == tags["Time"]:
                    stats.add_time(child.text)
                elif tag == tags["Position"]:
                    self.position(child)
                elif tag == tags["AltitudeMeters"] and child.text:
                    stats.add_elevation(float(child.text))
                elif tag == tags["DistanceMeters"] and child.text:
                    self.point_distance = float(child.text)
        except ValueError:
            stats.skipped += 1

    def position(self, element: Any) -> None:
        lat = element.findtext(self.tags["LatitudeDegrees"])
        lon = element.findtext(self.tags["LongitudeDegrees"])
        if lat and lon:
            self.stats.add_position(float(lat), float(lon))

    def lap(self, element: Any) -> None:
        names = _names(element.tag)
        start = element.get("StartTime")
        if self.first_lap_start is None and start:
            self.first_lap_start = start
        total = _number(element.findtext(names["TotalTimeSeconds"]))
        if total is not None:
            self.timer = (self.timer or 0.0) + total
        distance = _number(element.findtext(names["DistanceMeters"]))
        if distance is not None:
            self.lap_distance = (self.lap_distance or 0.0) + distance

    def end_activity(self, element: Any) -> None:
        ident = element.findtext(_names(element.tag)["Id"])
        if self.stats.points or self.timer is not None:
            self.stats.end_segment()
            distance = self.lap_distance or self.point_distance
            self.activities.append(
                build_activity(
                    self.name,
                    "tcx",
                    sport_name(element.get("Sport")),
                    self.stats,
                    start=_first_plausible(ident, self.first_lap_start),
                    timer_s=self.timer,
                    distance_m=distance,
                )
            )
        self._reset()


_CHILDREN = (
    "Time",
    "Position",
    "AltitudeMeters",
    "DistanceMeters",
    "LatitudeDegrees",
    "LongitudeDegrees",
    "TotalTimeSeconds",
    "Id",
)


def _names(tag: str) -> dict[str, str]:
    """Qualified child names in the namespace of ``tag``."""
    namespace = tag[: tag.rfind("}") + 1]
    return {child: namespace + child for child in _CHILDREN}


def _number(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _first_plausible(*texts: str | None) -> datetime | None:
    for text in texts:
        moment = parse_time(text)
        if moment is not None and plausible(moment):
            return moment
    return None


def read_tcx(data: bytes, name: str) -> list[Activity]:
    """The activities of a TCX file; raises :class:`UnreadableFile` when there are none."""
    document = xmlsafe.prepare_xml(data)
    context = xmlsafe.iterparse(document, _TAGS)
    reader = _TcxReader(name)
    for element in xmlsafe.events(context):
        reader.handle(element)
    warnings = xmlsafe.damage(context)
    if not reader.activities:
        if warnings:
            raise UnreadableFile(f"damaged TCX without a readable activity: {warnings[0]}")
        raise UnreadableFile("this TCX file holds no activity")
    return with_damage(reader.activities, warnings)
