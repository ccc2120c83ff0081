"""What an export says about one activity on its own (Strava CSV row, Garmin summary JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """One activity as the export summarises it, in the units of :class:`Activity`.

    ``start`` is aware UTC (None when the export's date could not be read); ``sport`` is normalised
    ("running" for every kind of run, otherwise the export's type in snake_case); ``sub_sport`` is
    "trail", "treadmill", "track" or None; ``timer_s`` is the moving time; distances in metres.
    ``filename`` is the Strava ``Filename`` column as written (None for a manual entry and for
    Garmin, whose files are matched by start time).
    """

    source: str  # "strava" or "garmin"
    activity_id: str | None
    start: datetime | None
    sport: str | None
    sub_sport: str | None
    elapsed_s: float | None
    timer_s: float | None
    distance_m: float | None
    ascent_m: float | None
    descent_m: float | None
    filename: str | None = None

    @property
    def is_running(self) -> bool:
        return self.sport == "running"


def snake(text: str) -> str | None:
    """``"Weight Training"`` -> ``"weight_training"``; empty -> None."""
    words = text.strip().lower().replace("-", " ").split()
    return "_".join(words) or None
