"""Events: the dated happenings an article reports — talks, calls, addresses, strikes,
rulings, votes, announcements — with the actors named in the same sentence.

Only sentences that carry a date (outside quotations) yield events: an undated happening
cannot be placed on a timeline. The title is a short phrase built from the trigger word
and a place ("Talks in Istanbul", "Address to the Danish parliament").
"""

from __future__ import annotations

import re
from datetime import date

from extractor.cast import Actor, Cast
from extractor.lexicon import SIDE_ADJECTIVES, SIDE_NAMES, STOP_CAPS
from extractor.relative_dates import DateMention, find_dates
from extractor.segment import Layout, Sentence, Token, tokens
from extractor.speakers import analyse, is_cap, phrase_before

_TRIGGERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:held|hold|holding|opened|resumed?)\s+talks\b|\b(?:round of )?talks\b|"
                r"\bnegotiations\b"), "Talks"),
    (re.compile(r"\bsummit\b"), "Summit"),
    (re.compile(r"\b(?:press|news) (?:conference|briefing)\b"), "News conference"),
    (re.compile(r"\bspoke (?:by (?:phone|telephone) )?(?:with|to)\b|\b(?:phone )?call with\b"),
     "Call"),
    (re.compile(r"\baddress(?:ed)?\b(?=\s+to\b)|\baddressed\b"), "Address"),
    (re.compile(r"\bspeech\b"), "Speech"),
    (re.compile(r"\bmet\b|\bmeeting\b|\bwill meet\b"), "Meeting"),
    (re.compile(r"\bwalked out\b|\bwalkout\b|\bstrikes?\b|\bstoppage\b"), "Strike"),
    (re.compile(r"\bevacuat(?:ed|ion|ions|ing)\b"), "Evacuation"),
    (re.compile(r"\bsigned\b|\bsigning\b"), "Signing"),
    (re.compile(r"\belection\b|\breferendum\b|\bvoted\b|\bvote\b"), "Vote"),
    (re.compile(r"\bruled\b|\bruling\b|\bverdict\b|\bjudgment\b|\bsentenced\b"), "Ruling"),
    (re.compile(r"\bhearing\b|\btrial\b"), "Hearing"),
    (re.compile(r"\bagreed to (?:buy|acquire|merge)\b|\bmerger\b|\bacquisition\b|\btakeover\b"),
     "Acquisition"),
    (re.compile(r"\bceasefire\b|\btruce\b"), "Ceasefire"),
    (re.compile(r"\bdeclared\b[^.]{0,80}?\bemergency\b"), "Emergency declared"),
    (re.compile(r"\bdeclared\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:incident|disaster|state)\b"),
     "Declaration"),
    (re.compile(r"\bearthquake\b|\bquake\b|\baftershocks?\b|\bstruck\b"), "Earthquake"),
    (re.compile(r"\bflood(?:s|ing|ed)?\b|\bburst its banks\b|\bpeaked\b"), "Flood"),
    (re.compile(r"\btestif(?:y|ied|ying)\b|\bquestions from senators\b"), "Hearing"),
    (re.compile(r"\bwarning\b"), "Warning"),
    (re.compile(r"\bagreed\b"), "Agreement"),
    (re.compile(r"\bannounced\b|\bannouncement\b"), "Announcement"),
    (re.compile(r"\bprotests?\b|\brally\b|\bdemonstrations?\b"), "Protest"),
    (re.compile(r"\battacks?\b|\bshelling\b|\bclashes\b|\bair strikes\b"), "Attack"),
    (re.compile(r"\bplenary\b|\bsitting\b|\bsession\b"), "Session"),
    (re.compile(r"\bbanned\b|\bimposed\b|\bfined\b"), "Decision"),
]
_PLACE = re.compile(r"\s+(?:in|at)\s+((?:the\s+)?(?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3})")
_TO = re.compile(r"\s+to\s+((?:the\s+)?[\w’'-]+(?:\s+(?!(?:on|in|at|of|for|after|before|"
                 r"and|as|that|with)\b)[\w’'-]+){0,3})")
_NOT_PLACES = set(STOP_CAPS)
_MAX_GAP = 120


def find_events(layout: Layout, cast: Cast, published: date,
                speakers: set[str] | None = None) -> list[dict]:
    """Events for every dated trigger, deduplicated by title and start.

    Event actors are states, titled people and the article's speakers (``speakers``):
    other capitalised names (datelines, agencies) are left out.
    """
    events: dict[tuple[str, str], dict] = {}
    for sentence in layout.sentences:
        for event in _sentence_events(layout, sentence, cast, published):
            event["actors"] = [a for a in event["actors"] if _kept(cast, a["actor"], speakers)]
            key = (event["title"], event["start"])
            if key in events:
                known = {a["actor"] for a in events[key]["actors"]}
                events[key]["actors"].extend(a for a in event["actors"]
                                             if a["actor"] not in known)
            else:
                events[key] = event
    return list(events.values())


def _kept(cast: Cast, name: str, speakers: set[str] | None) -> bool:
    actor = cast.actors.get(name)
    if actor is None:
        return False
    return actor.kind == "state" or bool(actor.title) or speakers is None or name in speakers


def _outside_quotes(layout: Layout, sentence: Sentence) -> list[tuple[int, int]]:
    pieces = []
    pos = sentence.start
    for quote in layout.quotes_between(sentence.start, sentence.end):
        if quote.opened > pos:
            pieces.append((pos, quote.opened))
        pos = max(pos, quote.outer_end)
    inside = layout.quote_at(pos)
    if inside is not None:
        pos = max(pos, inside.outer_end)
    if pos < sentence.end:
        pieces.append((pos, sentence.end))
    return pieces


def _sentence_events(layout: Layout, sentence: Sentence, cast: Cast,
                     published: date) -> list[dict]:
    text = layout.text
    pieces = _outside_quotes(layout, sentence)
    dates: list[DateMention] = []
    for start, end in pieces:
        dates.extend(find_dates(text, published, start, end))
    dates = [d for d in dates if not _inside_relative_year(text, d)]
    if not dates:
        return []
    found = []
    taken: list[tuple[int, int]] = []
    actors = None
    for pattern, noun in _TRIGGERS:
        for start, end in pieces:
            for match in pattern.finditer(text, start, end):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                when = _nearest(text, dates, match)
                if when is None:
                    continue
                taken.append((match.start(), match.end()))
                title, location = _title(text, noun, match, end)
                if location is None and title == noun:
                    title = _phrase_title(text, sentence, match, dates) or noun
                if actors is None:
                    actors = _actors(layout, sentence, pieces, cast)
                found.append({
                    "title": title,
                    "description": text[sentence.start:sentence.end].strip()[:400],
                    "start": when.when.text,
                    "end": None,
                    "approximate": when.when.approximate,
                    "location": location,
                    "source": 1,
                    "actors": list(actors),
                })
    return found


def _nearest(text: str, dates: list[DateMention], match: re.Match[str]) -> DateMention | None:
    """The date that goes with a trigger: the next one in its clause, else the closest."""
    for mention in dates:
        between = text[match.end():mention.start]
        if mention.start >= match.end() and len(between) <= 60 and not re.search(r"[,;]",
                                                                                  between):
            return mention
    best = min(dates, key=lambda d: max(d.start - match.end(), match.start() - d.end))
    if max(best.start - match.end(), match.start() - best.end) > _MAX_GAP:
        return None
    return best


def _inside_relative_year(text: str, mention: DateMention) -> bool:
    """A year after "since", or in a relative clause ("which Russia annexed in 2014")."""
    if mention.when.precision != "year":
        return False
    if text.startswith("since", mention.start):
        return True
    before = text[max(0, mention.start - 60):mention.start]
    return bool(re.search(r"\b(?:which|who|where|whose)\b[^,.;]*$", before))


def _title(text: str, noun: str, match: re.Match[str], end: int) -> tuple[str, str | None]:
    place = _PLACE.match(text, match.end(), end)
    if place and place.group(1).split()[-1] not in _NOT_PLACES and not _is_date_word(
            place.group(1)):
        location = re.sub(r"^the\s+", "", place.group(1))
        return f"{noun} in {location}", location
    if noun in ("Address", "Call", "Meeting"):
        target = _TO.match(text, match.end(), end)
        if target and noun == "Address" and not _is_date_word(target.group(1)):
            return f"Address to {target.group(1)}", None
    return noun, None


_CLAUSE_MARK = re.compile(r"[,;:—–()\"“”]")
_LEFT_STOP = {"the", "a", "an", "and", "but", "after", "before", "as", "with", "while", "when",
              "of", "in", "on", "at", "to", "for", "by", "from", "that", "which", "who", "its",
              "their", "his", "her", "has", "have", "had", "was", "were", "is", "are", "will",
              "would", "said", "says", "also", "since", "until", "than", "over", "into"}
_RIGHT_STOP = {"after", "before", "as", "because", "while", "when", "which", "who", "that",
               "but", "and", "since", "until", "than", "amid", "despite", "ahead"}
_VERB = re.compile(r"^(?:\w+ed|met|spoke|held|hold|holding|struck|will meet|burst)\b")
_AFTER_DATE = re.compile(r"(?:['’]s\b|\s+(?:night|morning|afternoon|evening)\b)")


def _phrase_title(text: str, sentence: Sentence, match: re.Match[str],
                  dates: list[DateMention]) -> str | None:
    """A short title from the trigger's clause: "Hexley Borough Council declared a major
    incident", "Emergency meeting of the council's cabinet" (dates and asides left out)."""
    left_lo = sentence.start
    for mark in _CLAUSE_MARK.finditer(text, sentence.start, match.start()):
        left_lo = mark.end()
    right_hi = sentence.end
    mark = _CLAUSE_MARK.search(text, match.end(), sentence.end)
    if mark:
        right_hi = mark.start()
    for mention in dates:
        if left_lo <= mention.start < match.start():
            left_lo = max(left_lo, mention.end)
            after = _AFTER_DATE.match(text, left_lo)
            left_lo = after.end() if after else left_lo
    verb = bool(_VERB.match(match.group(0)))
    kept: list[Token] = []
    for tok in reversed(tokens(text, left_lo, match.start())):
        low = tok.word.lower()
        if len(kept) >= (6 if verb else 3) or (not verb and low in _LEFT_STOP):
            break
        if verb and low in ("that", "which", "who", "and", "but", "after", "as", "while"):
            break
        kept.insert(0, tok)
    while kept and kept[0].word.lower() in _LEFT_STOP:
        kept.pop(0)
    right: list[Token] = []
    pos = match.end()
    for tok in tokens(text, match.end(), right_hi):
        date = next((d for d in dates if d.start <= tok.start < d.end), None)
        if date is not None:
            if right or not verb:
                break
            after = _AFTER_DATE.match(text, date.end)
            pos = after.end() if after else date.end
            continue
        if tok.start < pos:
            continue
        if tok.word.lower() in _RIGHT_STOP or len(right) >= 6 or \
                (tok.word.lower() in ("on", "at", "in") and _next_is_date(tok, dates)):
            break
        right.append(tok)
    while right and right[-1].word.lower() in _LEFT_STOP:
        right.pop()
    if not kept and not right and not verb:
        return None
    core = tokens(text, match.start(), match.end())
    if len(core) > 6:  # "declared an outbreak of … a public health emergency"
        core = [core[0], *core[-4:]]
    parts = []
    if kept:
        parts.append(text[kept[0].start:kept[-1].end])
    parts.append(" … ".join([text[core[0].start:core[0].end],
                             text[core[1].start:core[-1].end]]) if len(core) == 5 and
                 match.end() - match.start() > 60 else match.group(0))
    if right:
        parts.append(text[right[0].start:right[-1].end])
    title = " ".join(" ".join(parts).split())
    return title[:1].upper() + title[1:] if title else None


def _next_is_date(tok: Token, dates: list[DateMention]) -> bool:
    return any(0 < d.start - tok.end <= 2 for d in dates)


def _is_date_word(phrase: str) -> bool:
    return bool(re.search(r"\b(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December|Monday|Tuesday|Wednesday|Thursday|"
                          r"Friday|Saturday|Sunday)\b", phrase))


def _actors(layout: Layout, sentence: Sentence, pieces: list[tuple[int, int]],
            cast: Cast) -> list[dict]:
    text = layout.text
    found: list[Actor] = []
    for start, end in pieces:
        words = tokens(text, start, end)
        for i, tok in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else None
            if not is_cap(tok.word) or tok.word in STOP_CAPS or (
                    tok.word.isupper() and len(tok.word) > 4):
                continue
            if nxt is not None and is_cap(nxt.word) and not text[tok.end:nxt.start].strip():
                continue
            if tok.word in SIDE_ADJECTIVES and (nxt is None or not is_cap(nxt.word)):
                actor = cast.side(SIDE_ADJECTIVES[tok.word])
            else:
                actor = _actor_at(text, sentence, start, tok.end, cast)
            if actor is not None and actor not in found:
                found.append(actor)
    roles = []
    hosted = re.search(r"\bhosted by\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", text[
        sentence.start:sentence.end])
    host = cast.find(hosted.group(1)) if hosted else None
    for actor in found:
        roles.append({"actor": actor.name, "role": "host" if actor is host else "participant"})
    return roles


def _actor_at(text: str, sentence: Sentence, lo: int, end: int, cast: Cast) -> Actor | None:
    phrase = phrase_before(text, lo, end)
    if phrase is None:
        return None
    words = [t.word for t in phrase.words]
    last = words[-1]
    if last in SIDE_ADJECTIVES and len(words) == 1:
        return None
    for mention in analyse(words):
        if mention.kind in ("person", "name", "organization", "state", "group") and mention.name:
            known = cast.find(mention.name)
            if known is not None:
                return known
            if mention.name in SIDE_NAMES.values() or mention.kind == "state":
                return cast.side(mention.name)
    return None
