"""Date expressions in news prose, resolved against the publication date.

Resolution rules (documented in the module so tests and labels agree):

* ``March 29, 2022`` / ``29 March 2022`` — that day; ``March 2022`` — that month.
* ``March 29`` without a year — the publication year, or the year before when that would
  put the date more than 60 days after publication (a date late in the previous year);
  a sentence about the future keeps dates ahead instead.
* ``on Tuesday`` — the nearest Tuesday on or before publication, or the nearest after it
  when the sentence speaks of the future (will, next, plans, due to, scheduled…);
  ``last Tuesday`` is strictly before, ``next Tuesday`` strictly after.
* ``yesterday``, ``today``, ``last night``, ``N days ago`` — that day.
* ``last week`` / ``this week`` / ``next week`` — the format has no week precision, so the
  month of that week's days (of the days so far for ``this week``), marked approximate when
  they run over two months; ``two weeks ago`` — that day's month, approximate.
* ``last month`` / ``this month`` / ``in March`` — that month (month precision);
  ``last year`` / ``in 2014`` — that year.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from db.dates import When, at_precision

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR,
             "saturday": SA, "sunday": SU}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS = [
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,?\s*{_YEAR})?\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*{_YEAR})?\b")),
    ("my", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")),
    ("weekday", re.compile(rf"(?:\b(?P<rel>last|next|this|on|late|early|earlier|later)\s+"
                           rf"(?:on\s+)?)?\b{_WEEKDAY}\b")),
    ("word", re.compile(r"\b(?P<word>yesterday|today|tonight|last night|this morning|"
                        r"this afternoon|this evening)\b", re.I)),
    ("period", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this|previous)\s+"
                          r"(?P<unit>week|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"several|few)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("inmonth", re.compile(rf"\b(?P<rel>in|since|until|by|early|late|mid-?|last|this|next)\s+"
                           rf"{_MONTH}(?!\s+\d)\b")),
    ("year", re.compile(rf"\b(?P<prep>in|since|from|until|by|of|during)\s+{_YEAR}\b")),
    # "8/04/22", "04/08/2022": month and day in the order that puts it nearest before
    ("numeric", re.compile(r"(?<![\d/.])(?P<a>[01]?\d|[23][01]?)/(?P<b>[0-3]?\d)/"
                           r"(?P<y>\d\d|(?:19|20)\d\d)(?![\d/])")),
]
_NAME_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<![.!?:\n])\b[A-Z][\w'’]*[ \t]+$")
_PROGRAMME_AFTER = re.compile(r"\s+(?:programme|program|show|newspaper)\b")
_FUTURE = re.compile(
    r"\b(?:will|shall|next|plans?|planned|planning|due|scheduled|expected|set\s+to|"
    r"to\s+be\s+held|upcoming|intends?|would\s+(?:hold|meet|resume|take|begin|start|open|"
    r"travel|visit|vote))\b|['’]ll\b",
    re.I,
)


# a word each pattern cannot match without: a scan for these literals is far quicker than
# the patterns, so a range is searched only for the patterns whose words it holds
_MONTH_WORD = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_TRIGGERS = {
    "md": _MONTH_WORD, "dm": _MONTH_WORD, "my": _MONTH_WORD, "inmonth": _MONTH_WORD,
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    # the patterns ignore case; their words in lower case, capitalised or in capitals
    "word": re.compile(r"esterday|oday|[Nn]ight|orning|fternoon|vening|"
                       r"ESTERDAY|ODAY|NIGHT|ORNING|FTERNOON|VENING"),
    "period": re.compile(r"[Ww]eek|[Mm]onth|[Yy]ear|WEEK|MONTH|YEAR"),
    "ago": re.compile(r"[Aa]go|AGO"),
    "year": re.compile(r"1[89]\d\d|2[01]\d\d"),
    "numeric": re.compile(r"\d/\d"),
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``[start, end)`` and the date it stands for."""

    start: int
    end: int
    when: When
    relative: bool


def find_dates(text: str, published: date, start: int = 0, end: int | None = None,
               context_start: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, earliest first, resolved against ``published``.

    Future cues are looked for between ``context_start`` (default ``start``) and each date.
    """
    end = len(text) if end is None else end
    context_start = start if context_start is None else context_start
    searched = _Searched.of(text)
    key = (published, start, end, context_start)
    if key not in searched.results:
        searched.results[key] = _find(text, published, start, end, context_start, searched)
    return list(searched.results[key])


class _Searched:
    """A text searched lately: where each pattern's words are, and the dates found in its
    ranges (the passes over an article ask for the same sentences' dates, in the text and
    in a copy with its quotations blanked)."""

    _recent: ClassVar[list[_Searched]] = []

    def __init__(self, text: str) -> None:
        self.text = text
        self.results: dict[tuple[date, int, int, int], list[DateMention]] = {}
        self.triggers = {pattern: _spans(pattern, text) for pattern in set(_TRIGGERS.values())}

    @classmethod
    def of(cls, text: str) -> _Searched:
        for searched in cls._recent:
            if searched.text is text:
                return searched
        searched = cls(text)
        cls._recent = [searched, *cls._recent[:3]]
        return searched

    def triggered(self, kind: str, start: int, end: int) -> bool:
        """Whether a word of the pattern's overlaps ``[start, end)`` (a match needs one)."""
        starts, ends = self.triggers[_TRIGGERS[kind]]
        i = bisect.bisect_right(ends, start)
        return i < len(starts) and starts[i] < end


def forget() -> None:
    """Drop the texts searched so far (each article starts afresh, so timings are honest)."""
    _Searched._recent = []


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    matches = list(pattern.finditer(text))
    return [m.start() for m in matches], [m.end() for m in matches]


def _find(text: str, published: date, start: int, end: int, context_start: int,
          searched: _Searched) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if not searched.triggered(kind, start, end):
            continue
        for match in pattern.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            future = bool(_FUTURE.search(text, context_start, match.start()))
            when = _resolve(kind, match, published, future)
            if when is not None:
                taken.append((match.start(), match.end()))
                absolute = kind in ("my", "year", "numeric") or (
                    kind in ("md", "dm") and bool(match.group("year")))
                found.append(DateMention(match.start(), match.end(), when, not absolute))
    found.sort(key=lambda m: m.start)
    return found


def _day(moment: date, approximate: bool = False) -> When:
    return at_precision(_dt(moment), "day", approximate)


def _dt(moment: date) -> datetime:
    return datetime(moment.year, moment.month, moment.day)


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _resolve(kind: str, m: re.Match[str], pub: date, future: bool) -> When | None:
    try:
        if kind in ("md", "dm"):
            month, day = _month_number(m.group("month")), int(m.group("day"))
            if m.group("year"):
                return _day(date(int(m.group("year")), month, day))
            return _day(_nearest_year(pub, month, day, future))
        if kind == "my":
            return at_precision(_dt(date(int(m.group("year")), _month_number(m.group("month")),
                                         1)), "month")
        if kind == "inmonth":
            month = _month_number(m.group("month"))
            rel = m.group("rel").lower()
            year = pub.year
            if rel == "last" and month >= pub.month:
                year -= 1
            elif rel == "next" and month <= pub.month:
                year += 1
            elif rel not in ("last", "next", "this") and month > pub.month and not future:
                year -= 1
            elif rel not in ("last", "next", "this") and month < pub.month and future:
                year += 1
            return at_precision(_dt(date(year, month, 1)), "month")
        if kind == "year":
            return at_precision(_dt(date(int(m.group("year")), 1, 1)), "year")
        if kind == "weekday":
            return _weekday(m, pub, future)
        if kind == "numeric":
            return _numeric(m, pub)
        if kind == "word":
            if _titled_word(m):
                return None
            word = m.group("word").lower()
            back = 1 if word in ("yesterday", "last night") else 0
            return _day(pub - timedelta(days=back))
        if kind == "period":
            return _period(m.group("rel").lower(), m.group("unit").lower(), pub)
        if kind == "ago":
            return _ago(m, pub)
    except (ValueError, OverflowError):
        return None
    return None


def _numeric(m: re.Match[str], pub: date) -> When | None:
    """"8/04/22": of the readings month/day and day/month, the latest not after ``pub``."""
    year = int(m.group("y"))
    year += 2000 if year < 100 else 0
    a, b = int(m.group("a")), int(m.group("b"))
    readings = [(year, month, day) for month, day in ((a, b), (b, a)) if _valid(year, month, day)]
    past = [date(*r) for r in readings if date(*r) <= pub]
    return _day(max(past)) if past else None


def _titled_word(m: re.Match[str]) -> bool:
    """"Channels Television's Politics Today", "USA Today", "the Today programme": a
    capitalised "Today" in a name (a capitalised word before it, or a programme after it)."""
    if not m.group("word")[0].isupper():
        return False
    return bool(_NAME_BEFORE.search(m.string, 0, m.start())
                or _PROGRAMME_AFTER.match(m.string, m.end()))


def _nearest_year(pub: date, month: int, day: int, future: bool) -> date:
    candidate = date(pub.year, month, day) if _valid(pub.year, month, day) else None
    if candidate is None:
        return date(pub.year - 1, month, day)
    if not future and (candidate - pub).days > 60:
        return date(pub.year - 1, month, day)
    if future and (pub - candidate).days > 300:
        return date(pub.year + 1, month, day)
    return candidate


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _weekday(m: re.Match[str], pub: date, future: bool) -> When:
    weekday = _WEEKDAYS[m.group("weekday").lower()]
    rel = (m.group("rel") or "").lower()
    if rel == "last":
        return _day(pub + relativedelta(days=-1, weekday=weekday(-1)))
    if rel == "next":
        return _day(pub + relativedelta(days=+1, weekday=weekday(+1)))
    if future and rel not in ("earlier", "late", "early"):
        return _day(pub + relativedelta(weekday=weekday(+1)))
    return _day(pub + relativedelta(weekday=weekday(-1)))


def _period(rel: str, unit: str, pub: date) -> When:
    step = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    if unit == "week":
        monday = pub + relativedelta(weeks=step, weekday=MO(-1))
        if rel in ("this", "earlier this"):
            return _days_month(monday, pub)  # the days of the week so far
        if rel == "later this":
            return _days_month(pub, monday + timedelta(days=6))
        return _days_month(monday, monday + timedelta(days=6))
    if unit == "month":
        first = date(pub.year, pub.month, 1) + relativedelta(months=step)
        return at_precision(_dt(first), "month")
    return at_precision(_dt(date(pub.year + step, 1, 1)), "year")


def _days_month(first: date, last: date) -> When:
    """The month of the days ``first``…``last`` (a week: the format has no week precision),
    approximate when they run over two months (then the month of their middle day)."""
    middle = first + (last - first) / 2
    return at_precision(_dt(middle), "month", (first.year, first.month) != (last.year, last.month))


def _ago(m: re.Match[str], pub: date) -> When:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        day = pub - timedelta(weeks=n)
        return at_precision(_dt(day), "month", True)
    if unit == "month":
        return at_precision(_dt(date(pub.year, pub.month, 1) - relativedelta(months=n)), "month",
                            True)
    return at_precision(_dt(date(pub.year - n, 1, 1)), "year", True)


_LEAD_IN = re.compile(r"(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?", re.I)
_LEAD_OUT = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?,?\s+(?=[^\W\d_])", re.I)


def leading_date_end(text: str, start: int, end: int, published: date) -> int:
    """Where a day or period that opens ``text[start:end]`` ends ("Tuesday the fees would
    fall", "last week its review showed"): said next to the verb, it is the saying's date,
    not the content's. ``start`` when the text opens with none (or with a possessive,
    "Monday's vote was fair", which is the content's subject)."""
    lead = _LEAD_IN.match(text, start, end)
    found = find_dates(text, published, lead.end(), min(end, lead.end() + 40))
    if not found or found[0].start != lead.end() or text.startswith(("'s", "’s"), found[0].end):
        return start
    out = _LEAD_OUT.match(text, found[0].end, end)
    return out.end() if out else start


_CLAUSE_WORD = re.compile(r"\b(?:who|whom|whose|which|that|when|where|since|after|before)\b",
                          re.I)
_PARTICIPLE_BEFORE = re.compile(r"\b[a-z]+ing$")
_LEAD_BACK = re.compile(r"(?:\b(?:late|early|earlier|later)\s+)?(?:\bon\s+)?$", re.I)


def trailing_date_start(text: str, lo: int, end: int, published: date) -> int:
    """Where a day that closes ``text[lo:end]`` starts ("Maria Ortiz on Tuesday" before
    "said"): between a subject and its verb it is the saying's date, not part of the
    subject; ``end`` when the text closes with none, or with a clause's day ("…, who was
    cleared on Tuesday,")."""
    stop = end
    while stop > lo and text[stop - 1] in " ,":
        stop -= 1
    found = [m for m in find_dates(text, published, max(lo, stop - 40), stop)
             if m.end == stop and m.when.precision == "day"]
    if not found or _CLAUSE_WORD.search(text, max(lo, found[0].start - 80), found[0].start):
        return end  # "…, who was cleared on Tuesday, said": the clause's day
    lead = _LEAD_BACK.search(text, max(lo, found[0].start - 20), found[0].start)
    start = lead.start() if lead else found[0].start
    while start > lo and text[start - 1] == " ":
        start -= 1
    if _PARTICIPLE_BEFORE.search(text, max(lo, start - 30), start):
        return end  # ", speaking on Tuesday, said": the apposition's, read with the speaker
    return start  # a comma before it stays: "Ortiz, the harbour chief, on Tuesday said"

