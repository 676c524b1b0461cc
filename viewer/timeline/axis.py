"""Ticks for a two-tier time axis, from millennia down to minutes. No Qt.

The zoom level is picked from seconds-per-pixel: the finest step whose labels still fit
is the lower tier; the upper tier names the larger unit (days over hours, months over
days, years over months…). Steps are made with dateutil's relativedelta, so months and
leap years fall where the calendar puts them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import MO, relativedelta

from db.dates import from_seconds, to_seconds


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at ``t``: its label, then shorter forms of it for when room is short."""

    t: float
    label: str
    shorter: tuple[str, ...] = ()

    def fitting(self, room: float, width: Callable[[str], float]) -> str:
        """The longest form of the label at most ``room`` wide, or "" when none fits."""
        for text in (self.label, *self.shorter):
            if width(text) <= room:
                return text
        return ""


@dataclass(frozen=True, slots=True)
class Level:
    """One zoom level: the lower tier's step and label, and the upper tier's unit."""

    unit: str
    count: int
    label_chars: int
    major: str

    @property
    def seconds(self) -> float:
        approx = {
            "minute": 60,
            "hour": 3600,
            "day": 86400,
            "week": 604800,
            "month": 2629800,
            "year": 31557600,
        }
        return approx[self.unit] * self.count


LEVELS = (
    Level("minute", 1, 5, "day"),
    Level("minute", 5, 5, "day"),
    Level("minute", 15, 5, "day"),
    Level("minute", 30, 5, "day"),
    Level("hour", 1, 5, "day"),
    Level("hour", 3, 5, "day"),
    Level("hour", 6, 5, "day"),
    Level("hour", 12, 5, "day"),
    Level("day", 1, 6, "month"),
    Level("day", 2, 6, "month"),
    Level("week", 1, 6, "month"),
    Level("month", 1, 3, "year"),
    Level("month", 3, 3, "year"),
    Level("month", 6, 3, "year"),
    Level("year", 1, 4, "decade"),
    Level("year", 2, 4, "decade"),
    Level("year", 5, 4, "century"),
    Level("year", 10, 4, "century"),
    Level("year", 20, 4, "century"),
    Level("year", 50, 4, "millennium"),
    Level("year", 100, 4, "millennium"),
    Level("year", 250, 4, "millennium"),
    Level("year", 500, 4, "millennium"),
    Level("year", 1000, 4, "millennium"),
)
_MAJOR = {
    "day": ("day", 1),
    "month": ("month", 1),
    "year": ("year", 1),
    "decade": ("year", 10),
    "century": ("year", 100),
    "millennium": ("year", 1000),
}


def pick_level(seconds_per_px: float, char_px: float = 7.0, padding_px: float = 14.0) -> Level:
    """The finest level whose lower-tier labels do not overlap."""
    for level in LEVELS:
        if level.seconds / seconds_per_px >= level.label_chars * char_px + padding_px:
            return level
    return LEVELS[-1]


def _floor(moment: datetime, unit: str, count: int) -> datetime:
    if unit == "minute":
        return moment.replace(minute=moment.minute - moment.minute % count, second=0, microsecond=0)
    if unit == "hour":
        return moment.replace(
            hour=moment.hour - moment.hour % count, minute=0, second=0, microsecond=0
        )
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        back = day.toordinal() % count
        return day - relativedelta(days=back) if day.toordinal() > back else day  # not day 0
    if unit == "week":
        return day + relativedelta(weekday=MO(-1))
    if unit == "month":
        return day.replace(day=1, month=moment.month - (moment.month - 1) % count)
    year = max(1, moment.year - moment.year % count)
    return datetime(year, 1, 1)


def _step(unit: str, count: int) -> relativedelta:
    return relativedelta(**{unit + "s": count}) if unit != "week" else relativedelta(weeks=count)


Labels = Callable[[datetime], tuple[str, ...]]


def _labels(moment: datetime, unit: str, count: int) -> tuple[str, ...]:
    """A lower-tier label, longest first."""
    if unit in ("minute", "hour"):
        return (f"{moment:%H:%M}",)
    if unit == "day" and count == 1:
        return f"{moment:%a} {moment.day}", str(moment.day)
    if unit in ("day", "week"):
        return f"{moment.day} {moment:%b}", str(moment.day)
    if unit == "month":
        return (f"{moment:%b}",)
    return (str(moment.year),)


def _major_labels(moment: datetime, major: str) -> tuple[str, ...]:
    """An upper-tier heading, then shorter forms of it: never a cut word."""
    day, year = moment.day, moment.year
    if major == "day":
        return (
            f"{moment:%A} {day} {moment:%B} {year}",
            f"{moment:%a} {day} {moment:%b} {year}",
            f"{moment:%a} {day} {moment:%b}",
            f"{day} {moment:%b}",
            str(day),
        )
    if major == "month":
        return f"{moment:%B} {year}", f"{moment:%b} {year}", f"{moment:%b}"
    if major == "year":
        return (str(year),)
    if major == "decade":
        return f"{year}s", str(year)
    span = 99 if major == "century" else 999
    return f"{year}–{year + span}", str(year)


def _ticks(
    start: float, end: float, unit: str, count: int, labels: Labels, limit: int = 2000
) -> list[Tick]:
    moment = _floor(from_seconds(start), unit, count)
    step = _step(unit, count)
    ticks: list[Tick] = []
    while len(ticks) < limit:
        t = float(to_seconds(moment))
        if t > end:
            break
        label, *shorter = labels(moment)
        ticks.append(Tick(t, label, tuple(shorter)))
        try:
            moment = moment + step
        except (OverflowError, ValueError):
            break
    return ticks


def axis_ticks(
    start: float, end: float, seconds_per_px: float, char_px: float = 7.0
) -> tuple[Level, list[Tick], list[Tick]]:
    """The level, the lower-tier ticks and the upper-tier ticks for ``[start, end]``."""
    level = pick_level(seconds_per_px, char_px)
    minor = _ticks(
        start, end, level.unit, level.count, lambda m: _labels(m, level.unit, level.count)
    )
    major_unit, major_count = _MAJOR[level.major]
    major = _ticks(start, end, major_unit, major_count, lambda m: _major_labels(m, level.major))
    return level, minor, major


#: From here on, every level's ticks are on a grid of their own (see :class:`AxisTicks`;
#: steps of up to 1000 years start from year 1 before it).
GRID_FROM = to_seconds(datetime(1001, 1, 1))


@dataclass
class AxisTicks:
    """Ticks worked out for a wider stretch of time than asked for and reused while the
    view stays inside it (a pan or a zoom at one level asks again every frame, and making
    ticks is calendar arithmetic per tick): what :func:`axis_ticks` gives, faster. The
    ticks of a level lie on one grid (whole minutes, hours, days, weeks, months, years,
    each a multiple of the step), so those of a view are a slice of a wider list."""

    key: tuple = ()
    low: float = 0.0
    high: float = 0.0
    level: Level | None = None
    minor: list[Tick] = field(default_factory=list)
    major: list[Tick] = field(default_factory=list)

    def __call__(self, start: float, end: float, seconds_per_px: float,
                 char_px: float = 7.0) -> tuple[Level, list[Tick], list[Tick]]:
        level = pick_level(seconds_per_px, char_px)
        if (level, char_px) != self.key or start < self.low or end > self.high:
            span = end - start
            low, high = start - span, end + span
            if low < GRID_FROM:  # steps of years are counted from year 1 before it
                return axis_ticks(start, end, seconds_per_px, char_px)
            try:
                _level, minor, major = axis_ticks(low, high, seconds_per_px, char_px)
            except (OverflowError, ValueError):  # past the ends of time: just this view
                return axis_ticks(start, end, seconds_per_px, char_px)
            if len(minor) >= 2000 or len(major) >= 2000:  # cut short: just this view
                return axis_ticks(start, end, seconds_per_px, char_px)
            self.key, self.low, self.high = (level, char_px), low, high
            self.level, self.minor, self.major = level, minor, major
        return level, _within(self.minor, start, end), _within(self.major, start, end)


def _within(ticks: list[Tick], start: float, end: float) -> list[Tick]:
    """The ticks from the last at or before ``start`` up to ``end`` (as :func:`_ticks`
    makes them for ``[start, end]``)."""
    times = [tick.t for tick in ticks]
    first = max(bisect.bisect_right(times, start) - 1, 0)
    return ticks[first : bisect.bisect_right(times, end)]
