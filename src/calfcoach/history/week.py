"""What the stored runs say about the runner's usual week (H1-H4) and its volume trend (S9).

Pure: activity summaries and today's date in, a week of day types, situations and warnings out.
Only the runs of the most recent eight weeks that hold a run count (an old export still shows
its own last weeks); the result names those weeks, and says how old they are when the newest is
more than a year back. Every conclusion names the runs it rests on.
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
OLD_AFTER_DAYS = 365  # runs whose newest is further back than this are used, with a warning
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
    weeks_used: tuple[date, ...] = ()  # the Mondays of the weeks whose runs count, oldest first
    runs_from: date | None = None  # the first day of those weeks
    runs_to: date | None = None  # their last day, at most the day before today
    age_days: int | None = None  # how long ago the newest run counted was

    @property
    def recent(self) -> bool:
        """Whether a run counted falls in the eight weeks before today."""
        return self.age_days is not None and self.age_days <= WINDOW_WEEKS * 7

    @property
    def used(self) -> str | None:
        """The weeks used, as "from your runs of 6 January to 2 March 2025"; None without runs."""
        if self.runs_from is None or self.runs_to is None:
            return None
        return f"from your runs of {_span(self.runs_from, self.runs_to)}"

    def document(self) -> dict[str, object]:
        return {
            "week": {day.value: kind.value for day, kind in self.week.items()},
            "weeks_analysed": self.weeks_analysed,
            "long_run_day": self.long_run_day.value if self.long_run_day else None,
            "situations": dict(self.situations),
            "warnings": list(self.warnings),
            "reasons": [{"rule": rule, "text": text} for rule, text in self.reasons],
            "used": self.used,
            "runs_from": self.runs_from.isoformat() if self.runs_from else None,
            "runs_to": self.runs_to.isoformat() if self.runs_to else None,
            "weeks_used": [monday.isoformat() for monday in self.weeks_used],
            "age_days": self.age_days,
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


def recent_weeks(runs: Sequence[Run], today: date, count: int = WINDOW_WEEKS) -> list[date]:
    """The Mondays of the ``count`` most recent weeks holding a run before ``today``, oldest first.

    Weeks without a run (a holiday, an injury) are skipped, so an old export or a gap still
    gives the runner's last ``count`` weeks of running.
    """
    return sorted({_monday(r.day) for r in runs if r.day < today})[-count:]


def usual_week(activities: Sequence[Activity], today: date) -> HistoryWeek:
    every = runs_from(activities)
    weeks_used = recent_weeks(every, today)
    weeks = set(weeks_used)
    runs = [r for r in every if r.day < today and _monday(r.day) in weeks]
    if not runs:
        rest = dict.fromkeys(_DAYS, DayType.REST)
        warning = "no runs in the last eight weeks: enter your week by hand"
        return HistoryWeek(rest, 0, None, {}, (warning,), ())
    runs_to = min(weeks_used[-1] + timedelta(days=6), today - timedelta(days=1))
    age_days = (today - runs[-1].day).days
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
        warnings=_age_warnings(runs[-1].day, today) + _volume_warnings(runs),
        reasons=reasons,
        weeks_used=tuple(weeks_used),
        runs_from=weeks_used[0],
        runs_to=runs_to,
        age_days=age_days,
    )


def _span(first: date, last: date) -> str:
    """The days as "6 January to 2 March 2025"; both years when they differ."""
    end = f"{last.day} {last:%B %Y}"
    if first.year != last.year:
        return f"{first.day} {first:%B %Y} to {end}"
    return f"{first.day} {first:%B} to {end}"


def _age(newest: date, today: date) -> str:
    """How long ago ``newest`` was, in whole years and months: "1 year and 3 months"."""
    months = (today.year - newest.year) * 12 + today.month - newest.month
    months -= today.day < newest.day
    years, months = divmod(max(months, 0), 12)
    parts = [
        f"{n} {unit}{'s' if n != 1 else ''}"
        for n, unit in ((years, "year"), (months, "month"))
        if n
    ]
    return " and ".join(parts) or "less than a month"


def _age_warnings(newest: date, today: date) -> tuple[str, ...]:
    """Runs older than a year still give the week, but the runner is told how old they are."""
    if (today - newest).days <= OLD_AFTER_DAYS:
        return ()
    return (
        f"Your newest run is from {newest.day} {newest:%B %Y}, {_age(newest, today)} ago: "
        "if your week has changed since, change it here or import newer runs.",
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
    weeks = "week" if len(by_week) == 1 else "weeks"
    text = f"Your longest run fell on {day.label} in {count} of {len(by_week)} {weeks}: {named}."
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


VOLUME_RULE = "S9"  # the rule the volume warnings follow: a page shows it as a tag


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
                f"The week of {week:%-d %b} ran {volume[week] / 1000:.0f} km, {rise} % more "
                f"than two weeks before ({before / 1000:.0f} km); keep new calf work gentle."
            )
    return tuple(warnings)
