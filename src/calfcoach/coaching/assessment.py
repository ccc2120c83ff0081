"""The assessment document (``calfcoach.assessment/1``): the three self-tests, the two
questions, red flags and the runner's week, validated into plain typed data (T1-T5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TypeVar

from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.fields import (
    LATEST_DATE,
    as_bool,
    as_date,
    as_enum,
    as_float,
    as_int,
    as_list,
    as_mapping,
    as_text,
    expect_schema,
    only_known_keys,
)
from calfcoach.coaching.vocabulary import (
    REPORTABLE_RED_FLAGS,
    DayType,
    Goal,
    RedFlag,
    Sex,
    Side,
    Situation,
    Weekday,
)

H = TypeVar("H", Situation, RedFlag)
Day = date  # the type, for class bodies where ``date`` is the assessment's field

SCHEMA = "calfcoach.assessment/1"
MAX_HEEL_RAISES = 200
MAX_KNEE_TO_WALL_CM = 25.0
BOUNCE_TEST_SECONDS = 120
LATEST_START_DAYS = 28  # ``start``: at most four weeks after the tests
_TENTH = Decimal("0.1")

DEFAULT_WEEK: Mapping[Weekday, DayType] = MappingProxyType(
    {
        Weekday.MON: DayType.REST,
        Weekday.TUE: DayType.QUALITY,
        Weekday.WED: DayType.EASY,
        Weekday.THU: DayType.EASY,
        Weekday.FRI: DayType.REST,
        Weekday.SAT: DayType.LONG,
        Weekday.SUN: DayType.EASY,
    }
)


@dataclass(frozen=True, slots=True)
class Runner:
    age: int | None = None
    sex: Sex | None = None
    lifts_weights: bool = False


@dataclass(frozen=True, slots=True)
class HeelRaise:
    """T1: clean single-leg heel raises per side at 60 bpm."""

    left: int
    right: int
    fast_burn: bool = False
    sharp_pain: bool = False

    def reps(self, side: Side) -> int:
        return self.left if side is Side.LEFT else self.right

    @property
    def weaker_side(self) -> Side:
        if self.left == self.right:
            return Side.BOTH
        return Side.LEFT if self.left < self.right else Side.RIGHT

    @property
    def weaker(self) -> int:
        return min(self.left, self.right)

    @property
    def stronger(self) -> int:
        return max(self.left, self.right)


@dataclass(frozen=True, slots=True)
class KneeToWall:
    """T2: toe-to-wall distance per side, or just whether the heel pops up.

    Distances are kept as whole tenths of a centimetre (``105`` is 10.5 cm) so that every
    threshold compares exactly: 2.0 cm apart is 2 cm, and ``0`` is a measurement, not
    "missing" (``None`` is missing). A distance given with more than one decimal is
    rounded half up to the tenth (``tenths_of_cm``: 8.05 cm is 8.1). The ``*_cm``
    properties give centimetres for display.
    """

    left_tenths: int | None = None
    right_tenths: int | None = None
    left_heel_lifts: bool = False
    right_heel_lifts: bool = False

    @property
    def left_cm(self) -> float | None:
        return _cm(self.left_tenths)

    @property
    def right_cm(self) -> float | None:
        return _cm(self.right_tenths)

    def tenths(self, side: Side) -> int | None:
        """The distance on ``side`` in whole tenths of a cm, or None when not measured."""
        return self.left_tenths if side is Side.LEFT else self.right_tenths

    def cm(self, side: Side) -> float | None:
        """The distance on ``side`` in cm (one decimal), or None when not measured."""
        return _cm(self.tenths(side))

    def heel_lifts(self, side: Side) -> bool:
        return self.left_heel_lifts if side is Side.LEFT else self.right_heel_lifts


def _cm(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


def tenths_of_cm(cm: float) -> int:
    """Centimetres as whole tenths, rounded half up on the number as written.

    ``8.05`` becomes 81 (8.1 cm) and ``8.04`` becomes 80: the decimal the runner typed is
    rounded, not its nearest binary float (which for 8.05 lies just under 8.05).
    """
    exact = Decimal(repr(cm)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    return int(exact * 10)


@dataclass(frozen=True, slots=True)
class Bounce:
    """T3: the two-minute easy bounce."""

    seconds: int
    rhythm_lost: bool = False
    awkward: bool = False
    sharp_pain: bool = False


@dataclass(frozen=True, slots=True)
class RunningChange:
    """A new stress the runner adds to their own running in a week of the block (S6)."""

    week: int
    what: str


@dataclass(frozen=True, slots=True)
class Assessment:
    date: date
    heel_raise: HeelRaise
    runner: Runner = field(default_factory=Runner)
    goal: Goal = Goal.SPEED
    situations: tuple[Situation, ...] = ()
    knee_to_wall: KneeToWall | None = None
    bounce: Bounce | None = None
    strides_feel_flat: bool = False
    calves_light_up_on_hills: bool = False
    sore_all_the_time: bool = False
    red_flags: tuple[RedFlag, ...] = ()
    week: Mapping[Weekday, DayType] = field(default_factory=lambda: DEFAULT_WEEK)
    running_changes: tuple[RunningChange, ...] = ()
    start: Day | None = None

    @property
    def block_start(self) -> Day:
        """The block's first day: ``start`` when given, else the next Monday strictly after
        the tests (a Monday test starts the following Monday, never the test day)."""
        if self.start is not None:
            return self.start
        return self.date + timedelta(days=7 - self.date.weekday())

    @property
    def bounce_should_be_skipped(self) -> bool:
        """T5: the bounce is ~260 contacts, too much after a weak or painful heel raise."""
        return self.heel_raise.weaker < 10 or self.heel_raise.sharp_pain


_TOP_LEVEL = {
    "schema",
    "date",
    "runner",
    "goal",
    "situations",
    "heel_raise",
    "knee_to_wall",
    "bounce",
    "strides_feel_flat",
    "calves_light_up_on_hills",
    "sore_all_the_time",
    "red_flags",
    "week",
    "running_changes",
    "start",
}


def parse_assessment(raw: object, today: date) -> Assessment:
    """Validate an assessment document; ``today`` is the date when it has none."""
    doc = as_mapping(raw, "assessment")
    only_known_keys(doc, _TOP_LEVEL)
    expect_schema(doc, SCHEMA)
    if "heel_raise" not in doc:
        raise InvalidDocument("heel_raise", "is required (clean single-leg heel raises per side)")
    tested = as_date(doc["date"], "date") if "date" in doc else today
    assessment = Assessment(
        date=tested,
        start=_start(doc["start"], tested) if "start" in doc else None,
        runner=_runner(doc.get("runner", {})),
        goal=as_enum(doc.get("goal", "speed"), Goal, "goal"),
        situations=_unique(
            as_enum(item, Situation, f"situations[{i}]")
            for i, item in enumerate(as_list(doc.get("situations", []), "situations"))
        ),
        heel_raise=_heel_raise(doc["heel_raise"]),
        knee_to_wall=_knee_to_wall(doc.get("knee_to_wall")),
        bounce=_bounce(doc.get("bounce")),
        strides_feel_flat=as_bool(doc.get("strides_feel_flat", False), "strides_feel_flat"),
        calves_light_up_on_hills=as_bool(
            doc.get("calves_light_up_on_hills", False), "calves_light_up_on_hills"
        ),
        sore_all_the_time=as_bool(doc.get("sore_all_the_time", False), "sore_all_the_time"),
        red_flags=_red_flags(doc.get("red_flags", [])),
        week=parse_week(doc["week"], "week") if "week" in doc else DEFAULT_WEEK,
        running_changes=_running_changes(doc.get("running_changes", [])),
    )
    if assessment.block_start + timedelta(days=LATEST_START_DAYS) > LATEST_DATE:
        field = "start" if "start" in doc else "date"
        raise InvalidDocument(
            field,
            f"the four-week block from {assessment.block_start.isoformat()} would run past "
            f"{LATEST_DATE.isoformat()}, the last date calfcoach takes",
        )
    return assessment


def parse_week(raw: object, where: str) -> Mapping[Weekday, DayType]:
    """A week of seven day types, every day present."""
    doc = as_mapping(raw, where)
    only_known_keys(doc, {day.value for day in Weekday}, where)
    for day in Weekday:
        if day.value not in doc:
            raise InvalidDocument(f"{where}.{day.value}", "is missing (give all seven days)")
    return MappingProxyType(
        {day: as_enum(doc[day.value], DayType, f"{where}.{day.value}") for day in Weekday}
    )


def _start(raw: object, tested: date) -> date:
    """``start``: from the day after the tests to four weeks after them."""
    start = as_date(raw, "start")
    first, last = tested + timedelta(days=1), tested + timedelta(days=LATEST_START_DAYS)
    if not first <= start <= last:
        raise InvalidDocument(
            "start",
            f"must be from the day after the tests to four weeks after them: "
            f"{first.isoformat()} to {last.isoformat()} (got {start.isoformat()})",
        )
    return start


def _unique(items: Iterable[H]) -> tuple[H, ...]:
    """Drop repeats, keep the order the runner gave."""
    return tuple(dict.fromkeys(items))


def _runner(raw: object) -> Runner:
    doc = as_mapping(raw, "runner")
    only_known_keys(doc, {"age", "sex", "lifts_weights"}, "runner")
    age = doc.get("age")
    sex = doc.get("sex")
    return Runner(
        age=None if age is None else as_int(age, "runner.age", 12, 100, "years"),
        sex=None if sex is None else as_enum(sex, Sex, "runner.sex"),
        lifts_weights=as_bool(doc.get("lifts_weights", False), "runner.lifts_weights"),
    )


def _heel_raise(raw: object) -> HeelRaise:
    doc = as_mapping(raw, "heel_raise")
    only_known_keys(doc, {"left", "right", "fast_burn", "sharp_pain"}, "heel_raise")
    for side in ("left", "right"):
        if side not in doc:
            raise InvalidDocument(f"heel_raise.{side}", "is required (clean reps on that side)")
    heel_raise = HeelRaise(
        left=as_int(doc["left"], "heel_raise.left", 0, MAX_HEEL_RAISES, "clean reps"),
        right=as_int(doc["right"], "heel_raise.right", 0, MAX_HEEL_RAISES, "clean reps"),
        fast_burn=as_bool(doc.get("fast_burn", False), "heel_raise.fast_burn"),
        sharp_pain=as_bool(doc.get("sharp_pain", False), "heel_raise.sharp_pain"),
    )
    if heel_raise.fast_burn and heel_raise.stronger == 0:
        raise InvalidDocument(
            "heel_raise.fast_burn", "a burn after the reps needs at least one rep"
        )
    return heel_raise


def _knee_to_wall(raw: object) -> KneeToWall | None:
    if raw is None:
        return None
    doc = as_mapping(raw, "knee_to_wall")
    only_known_keys(
        doc, {"left_cm", "right_cm", "left_heel_lifts", "right_heel_lifts"}, "knee_to_wall"
    )

    def tenths(side: str) -> int | None:
        value = doc.get(f"{side}_cm")
        if value is None:
            return None
        where = f"knee_to_wall.{side}_cm"
        return tenths_of_cm(as_float(value, where, 0.0, MAX_KNEE_TO_WALL_CM, "cm"))

    return KneeToWall(
        left_tenths=tenths("left"),
        right_tenths=tenths("right"),
        left_heel_lifts=as_bool(doc.get("left_heel_lifts", False), "knee_to_wall.left_heel_lifts"),
        right_heel_lifts=as_bool(
            doc.get("right_heel_lifts", False), "knee_to_wall.right_heel_lifts"
        ),
    )


def _bounce(raw: object) -> Bounce | None:
    if raw is None:
        return None
    doc = as_mapping(raw, "bounce")
    only_known_keys(doc, {"seconds", "rhythm_lost", "awkward", "sharp_pain"}, "bounce")
    if "seconds" not in doc:
        raise InvalidDocument("bounce.seconds", "is required (seconds of bouncing completed)")
    return Bounce(
        seconds=as_int(doc["seconds"], "bounce.seconds", 0, BOUNCE_TEST_SECONDS, "seconds"),
        rhythm_lost=as_bool(doc.get("rhythm_lost", False), "bounce.rhythm_lost"),
        awkward=as_bool(doc.get("awkward", False), "bounce.awkward"),
        sharp_pain=as_bool(doc.get("sharp_pain", False), "bounce.sharp_pain"),
    )


def _red_flags(raw: object) -> tuple[RedFlag, ...]:
    flags: list[RedFlag] = []
    for i, item in enumerate(as_list(raw, "red_flags")):
        flag = as_enum(item, RedFlag, f"red_flags[{i}]")
        if flag not in REPORTABLE_RED_FLAGS:
            raise InvalidDocument(f"red_flags[{i}]", f"{flag.value!r} is derived from the tests")
        flags.append(flag)
    return _unique(flags)


def _running_changes(raw: object) -> tuple[RunningChange, ...]:
    changes = []
    for i, item in enumerate(as_list(raw, "running_changes")):
        where = f"running_changes[{i}]"
        doc = as_mapping(item, where)
        only_known_keys(doc, {"week", "what"}, where)
        changes.append(
            RunningChange(
                week=as_int(doc.get("week"), f"{where}.week", 1, 4, "(a week of the block)"),
                what=as_text(doc.get("what", "a new running stress"), f"{where}.what", 80),
            )
        )
    return tuple(changes)
