"""The one record every reader returns: an activity summary, as in the interfaces contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


class UnreadableFile(Exception):
    """A file that is damaged beyond use, not an activity, or hostile; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity (a FIT file with several sessions gives several).

    ``start`` is aware UTC; distances in metres; a value the file does not hold is None.
    ``elapsed_s`` runs from the first to the last timestamp; ``timer_s`` is the device's own
    timer/moving total where the file has one.
    """

    file: str
    format: str  # "fit", "gpx" or "tcx"
    sport: str | None
    sub_sport: str | None
    start: datetime | None
    elapsed_s: float | None
    timer_s: float | None
    distance_m: float | None
    ascent_m: float | None
    descent_m: float | None
    has_gps: bool
    partial: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_running(self) -> bool:
        """A run, or a track that does not say its sport (many GPX exports): the runner
        imported it, so it is taken as a run."""
        return self.sport in ("running", None)

    def entry(self) -> dict[str, object]:
        """The contract's JSON entry (``partial`` and ``warnings`` only when partial)."""
        document: dict[str, object] = {
            "file": self.file,
            "format": self.format,
            "sport": self.sport,
            "sub_sport": self.sub_sport,
            "start": None if self.start is None else _iso_utc(self.start),
            "elapsed_s": _rounded(self.elapsed_s),
            "timer_s": _rounded(self.timer_s),
            "distance_m": _rounded(self.distance_m),
            "ascent_m": _rounded(self.ascent_m),
            "descent_m": _rounded(self.descent_m),
            "has_gps": self.has_gps,
        }
        if self.partial:
            document["partial"] = True
            document["warnings"] = list(self.warnings)
        return document


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)
