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

from extractor.relative_dates import find_dates

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
_MONTH_NAME = re.compile(rf"\b{_MONTH}", re.IGNORECASE)
_DATES = [re.compile(p, re.IGNORECASE) for p in (_MDY, _DMY, _ISO)]
_LABEL = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date|dated|first published)\s*(?:on|:)?\s*",
    re.IGNORECASE,
)
#: "LIMA, June 9 (Reuters) -" / "KYIV, Ukraine, March 29, 2022 (AP) —": place in capitals.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{1,40},\s*(?P<rest>[^()\n]{3,60}?)\s*(?:\([^)\n]{1,40}\))?\s*[-–—]",
)


#: A place and a date opening the story: "GENEVA (4 June 2025) –", "Beijing, June 4 (Xinhua)
#: --", "MOSCOW, June 4. /TASS/.", "NEW DELHI, Jun 4 (PTI)"; the year may be left out.
_PLACED_DATE = re.compile(
    r"^\s*[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*[,(]\s*"
    r"(?P<date>(?:\d{1,2}\s+[A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.?\s+\d{1,2})(?:,?\s+\d{4})?)"
    r"\s*(?:\)|\.|\(|[-–—])")


#: The whole of such a dateline, its agency and dash too: "Beijing, June 4 (Xinhua) -- ".
_PLACED_LINE = re.compile(_PLACED_DATE.pattern + r"(?:[^()\n]{0,30}\))?\s*(?:/[^/\n]{1,20}/\.?)?"
                          r"\s*(?:[-–—]+\s*)?")


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
        placed = _PLACED_DATE.match(stripped)  # "GENEVA (4 June 2025) –", "Beijing, June 4, 2025 -"
        if placed and _date_in(placed.group("date"), whole=True):
            return _date_in(placed.group("date"), whole=True)
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


#: How many days before the given publication date the text's own date may be: a page
#: dated a day or two after its story was written (time zones, a late copy), not an archive.
WRITTEN_DAYS = 3
_STAMP_WORDS = 12
#: The words a date stamp may hold besides its date, time, place and agency.
_STAMP_VOCABULARY = {
    "published", "posted", "updated", "last", "first", "on", "at", "date", "dated", "aired",
    "modified", "am", "pm", "a", "m", "p", "time", "summer", "standard", "daylight", "british",
    "greenwich", "mean", "universal", "coordinated",
    "eastern", "pacific", "central", "mountain", "local", *(name for name in _MONTHS),
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
#: What a stamp line may hold besides those words: an opening place ("Margao,"), an agency
#: in brackets, a byline ("by admin"), digits and punctuation.
_STAMP_NOISE = re.compile(r"^\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},|\([^)]*\)|"
                          r"(?:^|\s)[Bb]y\s+\S.*$|[\d\W_]+")


def written_day(text: str, published: date) -> date | None:
    """The day the article's head prints for itself when it is up to :data:`WRITTEN_DAYS`
    before ``published`` (a page dated after its story was written): a date line or stamp
    ("Margao, November 28", "Sat 12 Dec 2015 15.32 EST") or a dateline, with or without
    its year. Relative dates in the story ("on Monday", "today") are the writer's, so they
    resolve against this day; None when the head prints no such day."""
    day = _printed(text, published)
    if day is None or not 1 <= (published - day).days <= WRITTEN_DAYS:
        return None
    return day


def is_stamp(line: str, names: bool = False) -> bool:
    """Whether a short line is a date stamp ("Published 11:02 PM EDT, Wed June 4, 2025",
    "Margao, November 28", "(Xinhua) 09:29, July 14, 2022"): besides its date, time, place
    and agency it holds only stamp words, so a headline naming a day ("Talks Resume June 4")
    is none. With ``names``, any capitalised word (an outlet, a place, a byline) may stand in
    it too: for the head's lines, where a stamp names its outlet ("Invented Wire | June 4")."""
    if len(line.split()) > _STAMP_WORDS:
        return False
    rest = _STAMP_NOISE.sub(" ", line)
    return all(word.lower() in _STAMP_VOCABULARY or (word.isupper() and len(word) <= 5)
               or (names and word[0].isupper()) for word in re.findall(r"[A-Za-z]+", rest))


def _printed(text: str, published: date) -> date | None:
    found = find_published(text)
    if found:
        return date.fromisoformat(found)
    for line in re.finditer(r"[^\n]+", text[:HEAD_CHARS]):
        stripped = line.group().strip()
        dateline = _DATELINE.match(stripped) or _PLACED_DATE.match(stripped)
        if dateline:
            stripped = dateline.group(dateline.lastgroup or "rest")
        elif not is_stamp(stripped, names=True):
            continue
        for mention in find_dates(stripped, published):
            day = mention.when
            if day.precision == "day" and not day.approximate and \
                    _MONTH_NAME.search(stripped, mention.start, mention.end):
                return date.fromisoformat(day.text[:10])  # a month named, not "Thursday"
        numeric = _numeric(stripped, published)
        if numeric is not None:
            return numeric
    return None


_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")


def _numeric(line: str, published: date) -> date | None:
    """A stamp's "10/11/2022": month first or day first, whichever reading falls in the
    :data:`WRITTEN_DAYS` up to ``published`` (the other reading is months away)."""
    for found in _NUMERIC.finditer(line):
        a, b, year = int(found.group("a")), int(found.group("b")), int(found.group("year"))
        for month, day in ((a, b), (b, a)):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if 0 <= (published - candidate).days <= WRITTEN_DAYS:
                return candidate
    return None


#: A dateline that gives only the place: "ATHENS —", "WASHINGTON (AP) —".
_PLACE_LINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}\s*(?:\([^)\n]{1,40}\))?\s*[-–—]"
)


def blank_dateline(text: str) -> str:
    """``text`` with its dateline ("KYIV, March 29, 2022 (Reuters) -", "ATHENS —")
    replaced by spaces: a place and a date are no one's statement; offsets stay the same."""
    for line in re.finditer(r"[^\n]+", text[:HEAD_CHARS]):
        found = _DATELINE.match(line.group()) or _PLACE_LINE.match(line.group()) or \
            _PLACED_LINE.match(line.group())
        if found is not None:
            start, end = line.start(), line.start() + found.end()
            text = text[:start] + " " * (end - start) + text[end:]
            break
    # a brief's later items open with their own wire dateline: "HOUSTON (AP) —"
    for found in _WIRE_DATELINE.finditer(text):
        text = text[:found.start()] + " " * (found.end() - found.start()) + text[found.end():]
    return text


_WIRE_DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'’-]+(?:,? [A-Z][A-Za-z.'’-]+){0,4}\s*"
                            r"\((?:AP|Reuters|AFP|dpa|Xinhua|PTI|ANI|IANS|UPI|Bloomberg)\)\s*"
                            r"[-–—]+")


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
