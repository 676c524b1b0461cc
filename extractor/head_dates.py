"""The days a transcript's head names: dates in words, and a title's figures ("Press
Briefing 8/04/22") read month first or day first, whichever is the nearer past day."""

from __future__ import annotations

import re
from datetime import date

from db.dates import When
from extractor.relative_dates import find_dates

_FIGURES = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")  # "8/04/22" in a title


def past_days(text: str, pub: date, start: int, end: int) -> set[When]:
    """The past days named in ``text[start:end]``, a title's figures too ("Press Briefing
    8/04/22": month first, or day first, whichever is the nearer past day)."""
    days = {m.when for m in find_dates(text, pub, start, end)
            if m.when.precision == "day" and m.when.text <= pub.isoformat()}
    for match in _FIGURES.finditer(text, start, end):
        a, b, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        fits = [day for month, of in ((a, b), (b, a))
                if (day := _day(year, month, of)) is not None and day <= pub]
        if fits:
            days.add(When(max(fits).isoformat(), "day"))
    return days


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
