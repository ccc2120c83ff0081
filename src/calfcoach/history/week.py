"""What the stored runs say about the runner's usual week (H1-H4) and its volume trend (S9).

Pure: activity summaries and today's date in, a week of day types, situations and warnings out.
Only the last eight weeks count; every conclusion names the runs it rests on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from calfcoach.coaching.vocabulary import DayType, Weekday
from calfcoach.history.activity import Activity

WINDOW_WEEKS = 8
LONG_FACTOR = 1.25  # H1: a week's longest run counts as "long" at 1.25 x the median run
QUALITY_PACE = 0.92  # H2: a run at least 8 % faster than the runner's median pace
USUAL_SHARE = 0.5  # a weekday is "usual" when it holds a run in half the weeks or more
HILLY_M_PER_KM = 15.0  # H3: 15 m of climb (or drop) per km makes a run hilly
VOLUME_JUMP = 1.30  # S9: more than 30 % up over two weeks (Nielsen 2014)
_DAYS = tuple(Weekday)


@dataclass(frozen=True, slots=True)
class Run:
    """A running activity reduced to what the week needs."""

    day: date
    distance_m: float
    seconds: float
    ascent_m: float | None
    descent_m: float | None
    sub_sport: str | None
    file: str

    @property
    def pace(self) -> float | None:
        return self.seconds / self.distance_m if self.distance_m > 0 and self.seconds > 0 else None


@dataclass(frozen=True, slots=True)
class HistoryWeek:
    week: dict[Weekday, DayType]
    weeks_analysed: int
    long_run_day: Weekday | None
    situations: dict[str, float]
    warnings: tuple[str, ...]
    reasons: tuple[tuple[str, str], ...]  # (rule, sentence), the runs named

    def document(self) -> dict[str, object]:
        return {
            "week": {day.value: kind.value for day, kind in self.week.items()},
            "weeks_analysed": self.weeks_analysed,
            "long_run_day": self.long_run_day.value if self.long_run_day else None,
            "situations": dict(self.situations),
            "warnings": list(self.warnings),
            "reasons": [{"rule": rule, "text": text} for rule, text in self.reasons],
        }


def runs_from(activities: Sequence[Activity]) -> list[Run]:
    """The running activities that have a start, in date order."""
    runs = [
        Run(
            day=a.start.date(),
            distance_m=a.distance_m or 0.0,
            seconds=a.timer_s or a.elapsed_s or 0.0,
            ascent_m=a.ascent_m,
            descent_m=a.descent_m,
            sub_sport=a.sub_sport,
            file=a.file,
        )
        for a in activities
        if a.is_running and a.start is not None
    ]
    return sorted(runs, key=lambda r: r.day)


def usual_week(activities: Sequence[Activity], today: date) -> HistoryWeek:
    since = today - timedelta(weeks=WINDOW_WEEKS)
    runs = [r for r in runs_from(activities) if since <= r.day < today]
    weeks = {_monday(r.day) for r in runs}
    if not runs:
        rest = dict.fromkeys(_DAYS, DayType.REST)
        warning = "no runs in the last eight weeks: enter your week by hand"
        return HistoryWeek(rest, 0, None, {}, (warning,), ())
    long_day, long_reason = _long_run_day(runs)
    quality, quality_reason = _quality_days(runs, long_day, len(weeks))
    usual = _usual_days(runs, len(weeks))
    week = {}
    for day in _DAYS:
        if day == long_day:
            week[day] = DayType.LONG
        elif day in quality:
            week[day] = DayType.QUALITY
        else:
            week[day] = DayType.EASY if day in usual else DayType.REST
    reasons = tuple(r for r in (long_reason, quality_reason) if r is not None)
    return HistoryWeek(
        week=week,
        weeks_analysed=len(weeks),
        long_run_day=long_day,
        situations=_situations(runs),
        warnings=_volume_warnings(runs),
        reasons=reasons,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday(day: date) -> Weekday:
    return _DAYS[day.weekday()]


def _long_run_day(runs: list[Run]) -> tuple[Weekday | None, tuple[str, str] | None]:
    """H1: the weekday that most often holds the week's longest run, when it stands out."""
    typical = median(r.distance_m for r in runs)
    by_week: dict[date, Run] = {}
    for run in runs:
        week = _monday(run.day)
        if week not in by_week or run.distance_m > by_week[week].distance_m:
            by_week[week] = run
    longest = [r for r in by_week.values() if r.distance_m >= LONG_FACTOR * typical]
    if not longest or len(longest) * 2 < len(by_week):
        return None, None
    day, count = Counter(_weekday(r.day) for r in longest).most_common(1)[0]
    named = ", ".join(f"{r.file} ({r.distance_m / 1000:.1f} km)" for r in longest[:3])
    text = f"Your longest run fell on {day.label} in {count} of {len(by_week)} weeks: {named}."
    return day, ("H1", text)


def _quality_days(
    runs: list[Run], long_day: Weekday | None, weeks: int
) -> tuple[set[Weekday], tuple[str, str] | None]:
    """H2: weekdays where runs clearly faster than the usual pace happen most weeks."""
    paces = [p for p in (r.pace for r in runs) if p is not None]
    if len(paces) < 4:
        return set(), None
    typical = median(paces)
    fast = [r for r in runs if r.pace is not None and r.pace <= QUALITY_PACE * typical]
    counts = Counter(_weekday(r.day) for r in fast)
    days = {d for d, n in counts.items() if n >= USUAL_SHARE * weeks and d != long_day}
    if not days:
        return set(), None
    names = ", ".join(sorted((d.label for d in days), key=lambda n: n))
    named = ", ".join(r.file for r in fast if _weekday(r.day) in days)
    return days, ("H2", f"Faster runs most weeks on {names}: {named}.")


def _usual_days(runs: list[Run], weeks: int) -> set[Weekday]:
    per_day: dict[Weekday, set[date]] = {}
    for run in runs:
        per_day.setdefault(_weekday(run.day), set()).add(_monday(run.day))
    return {d for d, seen in per_day.items() if len(seen) >= USUAL_SHARE * weeks}


def _situations(runs: list[Run]) -> dict[str, float]:
    """H3/H4: the share of runs that were hilly up, hilly down, on trail or on a track."""

    def share(test: list[bool]) -> float:
        return round(sum(test) / len(test), 2) if test else 0.0

    km = [max(r.distance_m / 1000, 0.001) for r in runs]
    return {
        "uphill": share(
            [(r.ascent_m or 0) / k >= HILLY_M_PER_KM for r, k in zip(runs, km, strict=True)]
        ),
        "downhill": share(
            [(r.descent_m or 0) / k >= HILLY_M_PER_KM for r, k in zip(runs, km, strict=True)]
        ),
        "trail": share([r.sub_sport == "trail" for r in runs]),
        "track_sprint": share([r.sub_sport == "track" for r in runs]),
    }


def _volume_warnings(runs: list[Run]) -> tuple[str, ...]:
    """S9: a week whose distance is more than 30 % above the week two weeks before it."""
    volume: dict[date, float] = {}
    for run in runs:
        volume[_monday(run.day)] = volume.get(_monday(run.day), 0.0) + run.distance_m
    warnings = []
    for week in sorted(volume):
        before = volume.get(week - timedelta(weeks=2), 0.0)
        if before > 0 and volume[week] > VOLUME_JUMP * before:
            rise = round(100 * (volume[week] / before - 1))
            warnings.append(
                f"S9: the week of {week:%-d %b} ran {volume[week] / 1000:.0f} km, {rise} % more "
                f"than two weeks before ({before / 1000:.0f} km); keep new calf work gentle."
            )
    return tuple(warnings)
