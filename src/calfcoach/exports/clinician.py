"""A one-page summary of a runner's tests, red flags and pain reports for a clinician.

Pure: the stored documents go in, a frozen model comes out, and ``clinician_html`` and
``clinician_pdf`` lay the same model out for a browser and for paper. Long lists keep their
most recent rows and say how many earlier ones were left out, so the summary fits one A4 page.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from calfcoach.coaching.assessment import Assessment, Bounce, KneeToWall, parse_assessment
from calfcoach.coaching.checkin import CheckIn, parse_checkin
from calfcoach.coaching.documents import read_plan_document
from calfcoach.coaching.exercises import exercise
from calfcoach.coaching.fields import Document
from calfcoach.coaching.norms import HeelRaiseNorm, heel_raise_norm
from calfcoach.coaching.plan import CoachingPlan
from calfcoach.coaching.red_flags import NOT_A_DIAGNOSIS
from calfcoach.coaching.retest import retest_due
from calfcoach.coaching.vocabulary import Feeling, RedFlag, SessionKind, Side, Urgency

T = TypeVar("T")

MAX_TESTS = 6
MAX_RED_FLAGS = 4
MAX_PAIN_REPORTS = 8
MAX_REASONS = 6
NOT_DONE = "not done"
SETTLED = frozenset({Feeling.FINE, Feeling.MILD_TIGHTNESS})

TEST_COLUMNS = (
    "Date",
    "Heel raises L",
    "Heel raises R",
    "Norm for age and sex",
    "Knee-to-wall L",
    "Knee-to-wall R",
    "Bounce (of 120 s)",
)
RED_FLAG_COLUMNS = ("Date", "Urgency", "Rule", "Red flag", "What it means")
REASON_COLUMNS = ("Rule", "Finding")
PAIN_COLUMNS = ("Date", "Pain", "Feeling", "After", "Exercise that hurt", "Morning stiffness")


@dataclass(frozen=True, slots=True)
class Capped(Generic[T]):
    """The most recent rows of a list, oldest first, and how many earlier ones were left out."""

    rows: tuple[T, ...]
    left_out: int = 0


def most_recent(items: Sequence[T], limit: int) -> Capped[T]:
    kept = tuple(items[-limit:]) if limit else ()
    return Capped(kept, len(items) - len(kept))


@dataclass(frozen=True, slots=True)
class SelfTest:
    """One assessment, heel raises against the norm for the runner's age and sex on that day."""

    date: date
    left: int
    right: int
    norm: HeelRaiseNorm
    knee_to_wall: KneeToWall | None
    bounce: Bounce | None

    def cells(self) -> tuple[str, ...]:
        return (
            self.date.isoformat(),
            f"{self.left} ({self.norm.compare(self.left)})",
            f"{self.right} ({self.norm.compare(self.right)})",
            f"{self.norm.typical} ({self.norm.low}-{self.norm.high}), {self.norm.group}",
            _knee_to_wall(self.knee_to_wall, Side.LEFT),
            _knee_to_wall(self.knee_to_wall, Side.RIGHT),
            _bounce(self.bounce),
        )


@dataclass(frozen=True, slots=True)
class RedFlagEntry:
    """A red flag as it was raised: by a test (C0) or by a check-in (S3)."""

    date: date
    urgency: Urgency
    rule: str
    flag: RedFlag
    message: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.date.isoformat(),
            _words(self.urgency),
            self.rule,
            _words(self.flag),
            self.message,
        )


@dataclass(frozen=True, slots=True)
class PainReport:
    """A check-in with pain, a bad feeling or stiffer mornings."""

    date: date
    pain: int
    feeling: Feeling
    after: SessionKind
    exercise: str | None
    morning_stiffness_up: bool

    def cells(self) -> tuple[str, ...]:
        return (
            self.date.isoformat(),
            f"{self.pain}/10",
            _words(self.feeling),
            self.after.label,
            self.exercise or "not named",
            "up on last week" if self.morning_stiffness_up else "no change",
        )


@dataclass(frozen=True, slots=True)
class RuleText:
    rule: str
    text: str

    def cells(self) -> tuple[str, ...]:
        return (self.rule, self.text)


@dataclass(frozen=True, slots=True)
class KeyDates:
    first_test: date | None
    block_start: date | None
    retest_due: date | None
    last_checkin: date | None

    def rows(self) -> tuple[tuple[str, str], ...]:
        on_hold = self.block_start is not None and self.retest_due is None
        return (
            ("First test", _day(self.first_test)),
            ("Current block started", _day(self.block_start)),
            ("Retest due", "on hold for the red flag" if on_hold else _day(self.retest_due)),
            ("Last check-in", _day(self.last_checkin)),
        )


@dataclass(frozen=True, slots=True)
class Adherence:
    """The current block up to today: planned sessions against the days with logged sets."""

    through: date
    planned_sessions: int
    planned_days: int
    logged_planned_days: int
    logged_other_days: int

    def sentence(self) -> str:
        if not self.planned_days:
            return f"No sessions were planned in this block up to {self.through.isoformat()}."
        share = round(100 * self.logged_planned_days / self.planned_days)
        other = f", and on {self.logged_other_days} other day(s)" if self.logged_other_days else ""
        return (
            f"{self.planned_sessions} session(s) planned on {self.planned_days} day(s) up to "
            f"{self.through.isoformat()}; sets logged on {self.logged_planned_days} of those "
            f"days ({share} %){other}."
        )


@dataclass(frozen=True, slots=True)
class ClinicianSummary:
    runner: str
    about: str
    prepared_on: date
    target: str | None
    urgency: Urgency | None
    reasons: Capped[RuleText]
    tests: Capped[SelfTest]
    red_flags: Capped[RedFlagEntry]
    pain_reports: Capped[PainReport]
    dates: KeyDates
    adherence: Adherence | None
    not_a_diagnosis: str = NOT_A_DIAGNOSIS

    def urgency_sentence(self) -> str:
        if self.urgency is None:
            return ""
        return (
            f"Red flag, urgency {_words(self.urgency)}: calfcoach has referred the runner to a "
            "clinician (see the red flags below)."
        )


@dataclass(frozen=True, slots=True)
class DatedPlan:
    """A stored version of a block's plan and the day it was made for (the test's day for the
    first version, the check-in's day for each later one)."""

    block: int
    version: int
    made_on: date
    document: Document


def clinician_summary(
    runner: str,
    *,
    assessments: Sequence[Document],
    plans: Sequence[DatedPlan],
    checkins: Sequence[Document],
    logged_days: Collection[date],
    today: date,
) -> ClinicianSummary:
    """The summary of the stored documents, as they stand on ``today``."""
    tests = sorted((parse_assessment(doc, today) for doc in assessments), key=lambda a: a.date)
    versions = sorted(plans, key=lambda p: (p.block, p.version))
    read = [read_plan_document(p.document) for p in versions]
    reports = sorted((parse_checkin(doc) for doc in checkins), key=lambda c: c.date)
    current = read[-1] if read else None
    return ClinicianSummary(
        runner=runner,
        about=_about(tests[-1]) if tests else "",
        prepared_on=today,
        target=None if current is None else current.diagnosis.target.value,
        urgency=None if current is None else current.diagnosis.urgency,
        reasons=most_recent(_reasons(current), MAX_REASONS),
        tests=most_recent([_test(a) for a in tests], MAX_TESTS),
        red_flags=most_recent(_red_flags(versions, read), MAX_RED_FLAGS),
        pain_reports=most_recent([_pain(c) for c in reports if _painful(c)], MAX_PAIN_REPORTS),
        dates=_dates(tests, current, reports),
        adherence=None if current is None else _adherence(current, logged_days, today),
    )


def without_disclaimer(text: str) -> str:
    """The page says once that calfcoach is not a diagnosis; each message need not repeat it."""
    return " ".join(text.replace(NOT_A_DIAGNOSIS, "").split())


def _about(latest: Assessment) -> str:
    runner = latest.runner
    parts = [runner.sex.value if runner.sex else "", f"{runner.age} years" if runner.age else ""]
    return ", ".join(part for part in parts if part)


def _test(a: Assessment) -> SelfTest:
    return SelfTest(
        date=a.date,
        left=a.heel_raise.left,
        right=a.heel_raise.right,
        norm=heel_raise_norm(a.runner.age, a.runner.sex),
        knee_to_wall=a.knee_to_wall,
        bounce=a.bounce,
    )


def _reasons(current: CoachingPlan | None) -> list[RuleText]:
    if current is None:
        return []
    return [RuleText(r.rule, without_disclaimer(r.text)) for r in current.diagnosis.reasons]


def _red_flags(versions: Sequence[DatedPlan], read: Sequence[CoachingPlan]) -> list[RedFlagEntry]:
    """Each flag once per block, dated and ruled by the plan version that first carried it."""
    entries: list[RedFlagEntry] = []
    seen: set[tuple[int, RedFlag]] = set()
    for index, (version, plan) in enumerate(zip(versions, read, strict=True)):
        before = read[index - 1] if index and versions[index - 1].block == version.block else None
        # A first version's flags come from the test (C0); a later one's from the check-in
        # whose decision opened that version's part of the decision log.
        added = plan.decisions[len(before.decisions) :] if before else ()
        rule = added[0].rule if added else "C0"
        for notice in plan.diagnosis.red_flags:
            if (version.block, notice.flag) in seen:
                continue
            seen.add((version.block, notice.flag))
            message = without_disclaimer(notice.message)
            entries.append(
                RedFlagEntry(version.made_on, notice.urgency, rule, notice.flag, message)
            )
    return sorted(entries, key=lambda entry: entry.date)


def _painful(report: CheckIn) -> bool:
    # Stiffer mornings count too: they are how a grumbling Achilles usually shows first.
    return (report.pain or 0) > 0 or report.feeling not in SETTLED or report.morning_stiffness_up


def _pain(report: CheckIn) -> PainReport:
    return PainReport(
        date=report.date,
        pain=report.pain or 0,
        feeling=report.feeling,
        after=report.after,
        exercise=None if report.exercise is None else exercise(report.exercise).name,
        morning_stiffness_up=report.morning_stiffness_up,
    )


def _dates(
    tests: Sequence[Assessment], current: CoachingPlan | None, reports: Sequence[CheckIn]
) -> KeyDates:
    start = due = None
    if current is not None:
        start = current.plan.start
        # A red flag puts the retest on hold: the next test waits for the clinician (as D4).
        due = retest_due(start, held_by=current.diagnosis.urgency)
    return KeyDates(
        first_test=tests[0].date if tests else None,
        block_start=start,
        retest_due=due,
        last_checkin=reports[-1].date if reports else None,
    )


def _adherence(current: CoachingPlan, logged_days: Collection[date], today: date) -> Adherence:
    start = current.plan.start
    planned = [s.date for w in current.plan.weeks for s in w.sessions if s.date <= today]
    logged = {day for day in logged_days if start <= day <= today}
    return Adherence(
        through=today,
        planned_sessions=len(planned),
        planned_days=len(set(planned)),
        logged_planned_days=len(logged & set(planned)),
        logged_other_days=len(logged - set(planned)),
    )


def _words(value: str) -> str:
    return value.replace("_", " ")


def _day(value: date | None) -> str:
    return "none yet" if value is None else value.isoformat()


def _knee_to_wall(test: KneeToWall | None, side: Side) -> str:
    if test is None:
        return NOT_DONE
    cm = test.cm(side)
    parts = ["" if cm is None else f"{cm:g} cm", "heel lifts" if test.heel_lifts(side) else ""]
    return ", ".join(part for part in parts if part) or NOT_DONE


def _bounce(bounce: Bounce | None) -> str:
    if bounce is None:
        return NOT_DONE
    notes = [
        ("rhythm lost", bounce.rhythm_lost),
        ("awkward", bounce.awkward),
        ("sharp pain", bounce.sharp_pain),
    ]
    return ", ".join([f"{bounce.seconds} s", *(text for text, found in notes if found)])
