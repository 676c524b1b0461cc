"""An article's publication date, read from its dateline or date line.

Wire copy and news pages print it in a few forms near the top: a dateline
("LIMA, June 9 (Reuters) -", "KYIV, March 29, 2022 (AP) —"), a date line
("Published: 30 March 2022", "Updated March 30, 2022 10:05 GMT"), or a bare date on
a line of its own ("March 30, 2022", "30 March 2022", "2022-03-30"). A dateline without a
year gives none: the date is then left to the user, never guessed from the clock.
"""

from __future__ import annotations

import re
from datetime import date

#: Only this much of the text is searched: a date further down is the story's, not its own.
HEAD_CHARS = 600

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = _MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)"
_DMY = r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)"
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"
_DATES = [re.compile(p, re.IGNORECASE) for p in (_MDY, _DMY, _ISO)]
_LABEL = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date|dated|first published)\s*(?:on|:)?\s*",
    re.IGNORECASE,
)
#: "LIMA, June 9 (Reuters) -" / "KYIV, Ukraine, March 29, 2022 (AP) —": place in capitals.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{1,40},\s*(?P<rest>[^()\n]{3,60}?)\s*(?:\([^)\n]{1,40}\))?\s*[-–—]",
)


def find_published(text: str) -> str | None:
    """The publication date (``YYYY-MM-DD``) the article's head prints, or None."""
    head = text[:HEAD_CHARS]
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        dateline = _DATELINE.match(stripped)
        if dateline:
            rest = dateline.group("rest")
            # the date ends the dateline: "KYIV, Ukraine, March 29, 2022"
            for start in [0] + [m.end() for m in re.finditer(r",\s*", rest)]:
                found = _date_in(rest[start:], whole=True)
                if found:
                    return found
        labelled = _LABEL.match(stripped)
        if labelled:
            found = _date_in(stripped[labelled.end():], whole=False)
            if found:
                return found
        elif len(stripped) <= 40:
            found = _date_in(stripped, whole=False)
            if found:
                return found
    return None


#: A dateline that gives only the place: "ATHENS —", "WASHINGTON (AP) —".
_PLACE_LINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}\s*(?:\([^)\n]{1,40}\))?\s*[-–—]"
)


def blank_dateline(text: str) -> str:
    """``text`` with its dateline ("KYIV, March 29, 2022 (Reuters) -", "ATHENS —")
    replaced by spaces: a place and a date are no one's statement; offsets stay the same."""
    for line in re.finditer(r"[^\n]+", text[:HEAD_CHARS]):
        found = _DATELINE.match(line.group()) or _PLACE_LINE.match(line.group())
        if found is not None:
            start, end = line.start(), line.start() + found.end()
            return text[:start] + " " * (end - start) + text[end:]
    return text


def _date_in(text: str, whole: bool) -> str | None:
    """A date at the start of ``text`` (the whole of it when ``whole``)."""
    for pattern in _DATES:
        found = pattern.match(text.strip())
        if found and (not whole or found.end() == len(text.strip())):
            month = found.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                return date(int(found.group("year")), number, int(found.group("day"))).isoformat()
            except ValueError:
                return None
    return None
