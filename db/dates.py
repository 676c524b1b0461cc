"""Dates as the store keeps them: ISO text at a precision, plus an "approximate" flag.

A date is never widened or narrowed silently: ``2022-03`` is the whole of March 2022,
and :meth:`When.span` gives the half-open interval ``[start, end)`` it covers.
Times are naive (the wall-clock time the source gives); an explicit UTC offset is
converted to UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from dateutil.relativedelta import relativedelta

#: How much of a date is known, coarsest first (the store's ``precision`` column).
PRECISIONS = ("year", "month", "day", "hour", "minute", "second")
EPOCH = datetime(1970, 1, 1)
#: What a date can say, in seconds since 1970: the first instant of year 1, and the
#: (exclusive) end of year 9999.
FIRST_SECOND = -62135596800
END_SECOND = 253402300800

_STEP = {
    "year": relativedelta(years=1),
    "month": relativedelta(months=1),
    "day": relativedelta(days=1),
    "hour": relativedelta(hours=1),
    "minute": relativedelta(minutes=1),
    "second": relativedelta(seconds=1),
}
_FORMAT = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "hour": "%Y-%m-%dT%H",
    "minute": "%Y-%m-%dT%H:%M",
    "second": "%Y-%m-%dT%H:%M:%S",
}
_LENGTH = {"year": 4, "month": 7, "day": 10, "hour": 13, "minute": 16, "second": 19}
_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?)?)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_APPROX_PREFIX = re.compile(
    r"^(?:~|c\.|ca\.|circa|around|about|approx\.|approximately|roughly)\s*", re.IGNORECASE
)
_MIN_DATE = datetime(1, 1, 1)
#: The last instant a datetime can hold (the end of year 9999 is one second later).
_MAX_DATE = datetime(9999, 12, 31, 23, 59, 59)


class DateError(ValueError):
    """A value that is not a date Parley understands; the message says why."""


@dataclass(frozen=True, slots=True)
class When:
    """A date as precise as its source: ISO ``text``, its ``precision``, ``approximate``."""

    text: str
    precision: str
    approximate: bool = False

    @property
    def start(self) -> datetime:
        """The first instant the date covers."""
        return datetime.strptime(self.text, _FORMAT[self.precision])

    @property
    def end(self) -> datetime:
        """The first instant after the span the date covers (exclusive)."""
        start = self.start
        try:
            return start + _STEP[self.precision]
        except (OverflowError, ValueError):
            return _MAX_DATE

    def span(self) -> tuple[datetime, datetime]:
        """The half-open interval ``[start, end)`` this date covers."""
        return self.start, self.end

    def span_seconds(self) -> tuple[int, int]:
        """:meth:`span` as seconds since 1970-01-01 (negative before it).

        The end of year 9999 is :data:`END_SECOND`, which no datetime can hold.
        """
        start = self.start
        try:
            return to_seconds(start), to_seconds(start + _STEP[self.precision])
        except (OverflowError, ValueError):
            return to_seconds(start), END_SECOND

    def label(self) -> str:
        """A human reading of the date, e.g. ``29 Mar 2022``, ``Mar 2022``, ``c. 2022``."""
        start = self.start
        text = {
            "year": f"{start.year}",
            "month": f"{start:%b} {start.year}",
            "day": f"{start.day} {start:%b} {start.year}",
            "hour": f"{start.day} {start:%b} {start.year}, {start:%H}h",
            "minute": f"{start.day} {start:%b} {start.year}, {start:%H:%M}",
            "second": f"{start.day} {start:%b} {start.year}, {start:%H:%M:%S}",
        }[self.precision]
        return f"c. {text}" if self.approximate else text


def span_of(start: When, end: When | None = None) -> tuple[int, int]:
    """Seconds covered by an item dated ``start`` (and ``end``, when it has one).

    The rule: the span of ``start``, extended to the end of the span of ``end``
    (an ``end`` before the start shortens nothing).
    """
    t0, t1 = start.span_seconds()
    if end is not None:
        t1 = max(t1, end.span_seconds()[1])
    return t0, t1


def to_seconds(moment: datetime) -> int:
    """Seconds from 1970-01-01 to ``moment`` (naive), negative before 1970."""
    return (moment - EPOCH) // timedelta(seconds=1)


def from_seconds(seconds: float) -> datetime:
    """The naive datetime ``seconds`` after 1970-01-01, clamped to years 1–9999."""
    try:
        return EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        return _MIN_DATE if seconds < 0 else _MAX_DATE


def at_precision(moment: datetime, precision: str, approximate: bool = False) -> When:
    """The date of ``moment`` truncated to ``precision``."""
    m = moment
    full = f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
    return When(full[: _LENGTH[precision]], precision, approximate)


def parse_date(value: object, approximate: bool = False) -> When:
    """Parse ISO 8601 or a common written date (``29 March 2022``, ``March 29, 2022``).

    ``~``, ``c.``, ``circa``, ``around`` in front, or ``?`` behind, mark it approximate.
    A date without a year is refused: resolving it needs a reference date.
    Raises :class:`DateError` naming the value and the reason.
    """
    if not isinstance(value, str):
        raise DateError(f"{value!r} is not a date (expected text such as 2022-03-29)")
    text = value.strip()
    if text.endswith("?"):
        approximate, text = True, text[:-1].rstrip()
    stripped = _APPROX_PREFIX.sub("", text)
    if stripped != text:
        approximate, text = True, stripped
    if not text:
        raise DateError(f"{value!r} is empty, not a date")
    if text.startswith(("-", "−")):
        raise DateError(f"{value!r}: dates before the common era are not supported")
    if len(text) > 64:
        raise DateError(f"{value[:40]!r}… is too long to be a date")
    match = _ISO.match(text)
    try:
        if match:
            return _from_iso(match, approximate)
        return _from_words(text, approximate)
    except DateError:
        raise
    except (ValueError, OverflowError) as error:
        raise DateError(f"{value!r} is not a valid date ({error})") from None


def _from_iso(match: re.Match[str], approximate: bool) -> When:
    parts = [match[k] for k in ("y", "m", "d", "H", "M", "S")]
    given = [p for p in parts if p is not None]
    precision = PRECISIONS[len(given) - 1]
    numbers = [int(p) for p in given] + [1, 1, 0, 0, 0][len(given) - 1 :]
    moment = datetime(*numbers[:6])
    if match["tz"] and len(given) > 3:
        moment = _to_utc(moment, match["tz"])
    if moment.year < 1:
        raise DateError("year 0 is not a date")
    return at_precision(moment, precision, approximate)


def _to_utc(moment: datetime, tz: str) -> datetime:
    if tz == "Z":
        return moment
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    aware = moment.replace(tzinfo=timezone(sign * offset))
    return aware.astimezone(timezone.utc).replace(tzinfo=None)


_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """A time zone dateutil found: an offset (``+03:00``, ``UTC``) or none; no guessing.

    A zone name without a known offset (``MSK``) is refused rather than ignored (which
    would shift the time) or read as the local zone of the machine.
    """
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if name:
        raise DateError(f"time zone {name!r} is not known (give an offset such as +03:00)")
    return None


def _from_words(text: str, approximate: bool) -> When:
    from dateutil import parser as dateutil_parser  # slow to import; rarely needed

    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, tzinfos=_zone)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, tzinfos=_zone)
    except DateError as error:
        raise DateError(f"{text!r}: {error}") from None
    except (dateutil_parser.ParserError, ValueError, OverflowError):
        raise DateError(f"{text!r} is not a date Parley can read (try 2022-03-29)") from None
    fields = ("year", "month", "day", "hour", "minute", "second")
    given = [getattr(first, f) == getattr(second, f) for f in fields]
    if not given[0]:
        raise DateError(f"{text!r} has no year")
    precision = "year"
    for name, known in zip(fields, given, strict=True):
        if not known:
            break
        precision = name
    if first.tzinfo is not None:
        first = first.astimezone(timezone.utc).replace(tzinfo=None)
    return at_precision(first, precision, approximate)
