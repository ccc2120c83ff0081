"""GPX reader: one activity per ``<trk>`` that has points.

A GPX track is what devices and apps write per recorded activity (Garmin Connect, Strava,
Suunto, Amazfit: one ``<trk>``; GPSBabel dumps of a device: one ``<trk>`` per day), so a file
with several tracks gives several activities. Routes (``<rte>``) and waypoints are not
activities. GPX holds no timer total, so ``timer_s`` is None; distance, ascent and descent are
computed from the points as :mod:`calfcoach.history.trackstats` documents. The sport comes from
the track's ``<type>`` ("running", "Running", "run", Strava's "9", ...) and is None without one.
"""

from __future__ import annotations

from typing import Any

from calfcoach.history import xmlsafe
from calfcoach.history.activity import Activity, UnreadableFile
from calfcoach.history.trackstats import TrackStats, build_activity, sport_name, with_damage

_TAGS = ("{*}trkpt", "{*}trkseg", "{*}trk")


class _GpxReader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.activities: list[Activity] = []
        self.stats = TrackStats()
        self.point_tag = ""
        self.time_tag = ""
        self.ele_tag = ""

    def handle(self, element: Any) -> None:
        tag: str = element.tag
        if tag == self.point_tag:
            self.point(element)
        elif tag.endswith("trkpt"):
            namespace = tag[: tag.rfind("}") + 1]
            self.point_tag = tag
            self.time_tag = namespace + "time"
            self.ele_tag = namespace + "ele"
            self.point(element)
        elif tag.endswith("trkseg"):
            self.stats.end_segment()
            element.clear(keep_tail=True)  # its siblings before it hold the track's <type>
            return
        else:
            self.end_track(_track_type(element))
        xmlsafe.release(element)

    def point(self, element: Any) -> None:
        stats = self.stats
        stats.points += 1
        try:
            lat = element.get("lat")
            lon = element.get("lon")
            if lat is not None and lon is not None:
                stats.add_position(float(lat), float(lon))
            for child in element:
                tag = child.tag
                if tag == self.time_tag:
                    stats.add_time(child.text)
                elif tag == self.ele_tag and child.text:
                    stats.add_elevation(float(child.text))
        except ValueError:
            stats.skipped += 1

    def end_track(self, track_type: str | None) -> None:
        stats = self.stats
        if stats.points:
            stats.end_segment()
            sport = sport_name(track_type)
            self.activities.append(build_activity(self.name, "gpx", sport, stats))
        self.stats = TrackStats()


def _track_type(track: Any) -> str | None:
    for child in track:
        tag = child.tag
        if isinstance(tag, str) and (tag == "type" or tag.endswith("}type")):
            text = child.text
            return None if text is None else str(text)
    return None


def read_gpx(data: bytes, name: str) -> list[Activity]:
    """The activities (tracks) of a GPX file; raises :class:`UnreadableFile` when there are none."""
    document = xmlsafe.prepare_xml(data)
    context = xmlsafe.iterparse(document, _TAGS)
    reader = _GpxReader(name)
    for element in xmlsafe.events(context):
        reader.handle(element)
    reader.end_track(None)  # points after the last closed track (a cut file)
    warnings = xmlsafe.damage(context)
    if not reader.activities:
        if warnings:
            raise UnreadableFile(f"damaged GPX without a readable track point: {warnings[0]}")
        raise UnreadableFile("this GPX file holds no track points")
    return with_damage(reader.activities, warnings)
