"""An article's layout: paragraphs, quotations and sentences, all as character offsets.

A quotation opened at a paragraph's start and left open at its end continues at the
next paragraph's opening quote mark (the newspaper convention for long quotations).
An article that quotes with single curly marks only (‘…’) has them read as quotation
marks (never an apostrophe's ’), as are the ‘…’ pairs of a paragraph with no double
marks in an article quoting with them (a summary line), and typewriter marks
(````…''``, old wire copy) read as curly ones. Sentences never split inside a quotation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractor.lexicon import ABBREVIATIONS

_OPENERS = "“„«‘"
_CLOSERS = "”»’"
_MARKS = re.compile(r"[\"“”„«»]")
# single curly marks, in an article quoting with them mostly: ‘…’ (not an apostrophe's ’);
# its double marks stay marks, each kind closed by its own kind
_SINGLE_MARKS = re.compile(r"[\"“”„«»]|(?<!\w)‘|’(?!\w)")
# "the dockers’ families": a plural's apostrophe, when a closing mark after a stop follows
_PLURAL_APOSTROPHE = re.compile(r"(?<=s)’ [a-z]")
_LATER_CLOSE = re.compile(r"[.,!?…]’")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SHORT_LINE = 50  # characters: a line this short is not a wrapped line of a paragraph
_SENTENCE_END = re.compile(r"[.!?]+[\"”»’')\]]*(?=\s)")
_UPPER = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"[{_UPPER}][{_UPPER}.'’-]{{2,}}(?:[ ,]+[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ.'’-]+){{0,3}}"
    r"(?:,? [A-Z][a-z]{2,4}\.? \d{1,2})?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[—–-]+\s+")
# '"…?" Siplin asked.': the attribution after a question or exclamation stays in its sentence
_ATTRIBUTION_NEXT = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:said|says|asked|asks|added|told|wrote|replied|shouted|"
    r"exclaimed|insisted|warned|continued)\b|(?:said|asked|added|wrote|replied)\s+[A-Z]")
# a paragraph quoted in single marks: `We did it.' or ‘We did it.’ (older archives)
_SINGLE_QUOTED = re.compile(r"[`‘][^\n]{3,}['’][.,]?$")
_COLON_DATELINE = re.compile(
    r"[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+)?(?:,? [A-Z][a-z]+ \d{1,2})?\s*:\s+(?=[A-Z][a-z])")
# ``…'': typewriter double marks, each read as a curly mark and a space (offsets kept)
_TYPEWRITER_OPEN = re.compile(r"``(?=\S)")
_TYPEWRITER_CLOSE = re.compile(r"(?<=\S)''")
WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'\-&][^\W_]+)*(?:(?<=s)['’](?![^\W_]))?")


@dataclass(slots=True)
class Quote:
    """A quotation: its content spans (one per paragraph it runs over), marks excluded."""

    parts: list[tuple[int, int]]
    opened: int
    outer_end: int
    closed: bool

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    word: str


@dataclass
class Layout:
    """Paragraphs, quotations and sentences of ``text``."""

    text: str
    paragraphs: list[tuple[int, int]]
    quotes: list[Quote]
    sentences: list[Sentence]
    _starts: list[int] = field(default_factory=list, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    paragraph_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [q.opened for q in self.quotes]
        self._ends = [q.outer_end for q in self.quotes]
        self.paragraph_starts = [start for start, _end in self.paragraphs]

    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose marks enclose ``pos``, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return self.quotes[i]
        return None

    def quotes_between(self, start: int, end: int) -> list[Quote]:
        """Quotations that open in ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.quotes[lo:hi]

    def previous_quote(self, quote: Quote) -> Quote | None:
        """The quotation opened just before ``quote``."""
        i = bisect.bisect_left(self._starts, quote.opened) - 1
        return self.quotes[i] if i >= 0 else None

    def next_quote(self, quote: Quote) -> Quote | None:
        """The quotation opened just after ``quote``."""
        i = bisect.bisect_right(self._starts, quote.opened)
        return self.quotes[i] if i < len(self.quotes) else None

    def sentence_at(self, pos: int) -> Sentence | None:
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 else None


class _TokenCache:
    """All the words of the text last laid out, for slicing by offsets."""

    entry: tuple[str, list[Token], list[int]] | None = None


def _remember_tokens(text: str) -> None:
    words = [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    _TokenCache.entry = (text, words, [t.start for t in words])


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The words of ``text[start:end]`` with their offsets (sliced from the words of the
    text last laid out; any other text, e.g. a local copy with dashes read as commas, is
    tokenised over the range only)."""
    entry = _TokenCache.entry
    if entry is None or entry[0] is not text:
        return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    _text, words, starts = entry
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    if (lo > 0 and words[lo - 1].end > start) or (hi > lo and words[hi - 1].end > end):
        return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    return words[lo:hi]


def layout(text: str) -> Layout:
    """Split ``text`` into paragraphs, quotations and sentences."""
    text = _TYPEWRITER_CLOSE.sub("\u201d ", _TYPEWRITER_OPEN.sub(" \u201c", text))
    _remember_tokens(text)
    paragraphs = _paragraphs(text)
    quotes = _quotes(text, paragraphs)
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs):
        dateline = (_DATELINE.match(text, start, end) if number < 3 else None) or (
            _COLON_DATELINE.match(text, start, end) if number < 4 else None)
        if dateline and dateline.end() < end:
            start = dateline.end()
        sentences.extend(_sentences(text, start, end, number, quotes))
    return Layout(text, paragraphs, quotes, sentences)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line paragraphs (or lines, when there are none); within blank-line text a short
    line ends its paragraph too (a byline, a dateline, a heading: not a wrapped line)."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans = []
    pos = 0
    for match in splitter.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    if splitter is _BLANK_LINE:
        spans = [piece for span in spans for piece in _short_lines(text, *span)]
    result = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            result.append((start + lead, start + lead + len(stripped)))
    return result


def _short_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    line_start = start
    for match in re.finditer(r"\n", text[start:end]):
        cut = start + match.start()
        if cut - line_start < _SHORT_LINE:
            pieces.append((pieces[-1][1] + 1 if pieces else start, cut))
        line_start = cut + 1
    pieces.append((pieces[-1][1] + 1 if pieces else start, end))
    return pieces


def _paragraph_marks(text: str, start: int, end: int,
                     marks: re.Pattern[str] = _MARKS) -> list[tuple[int, int | None]]:
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    for match in marks.finditer(text, start, end):
        i, mark = match.start(), match.group()
        if opened is None:
            if mark not in _CLOSERS:
                opened = i
        elif mark not in _OPENERS and (mark == "’") == (text[opened] == "‘"):
            if mark == "’" and _PLURAL_APOSTROPHE.match(text, i) and \
                    _LATER_CLOSE.search(text, i, end):
                continue
            pairs.append((opened, i))
            opened = None
    if opened is not None:
        pairs.append((opened, None))
    return pairs


def _single_marks(text: str, start: int, end: int,
                  marks: re.Pattern[str]) -> list[tuple[int, int | None]]:
    """A paragraph with no double marks in an article quoting with them: its ‘…’ pairs,
    all closed (a British headline or summary line: Biden says he is ‘humbled’)."""
    if marks is _SINGLE_MARKS or "‘" not in text[start:end]:
        return []
    pairs = _paragraph_marks(text, start, end, _SINGLE_MARKS)
    return pairs if all(closed is not None for _opened, closed in pairs) else []


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    singles = text.count("‘")
    marks = _SINGLE_MARKS if singles and len(_MARKS.findall(text)) < singles else _MARKS
    per_paragraph = [_paragraph_marks(text, s, e, marks) or _single_marks(text, s, e, marks)
                     for s, e in paragraphs]
    quotes: list[Quote] = []
    skip_first: set[int] = set()
    for number, pairs in enumerate(per_paragraph):
        for index, (opened, closed) in enumerate(pairs):
            if index == 0 and number in skip_first:
                continue
            p_end = paragraphs[number][1]
            parts = [_content(text, opened + 1, closed if closed is not None else p_end)]
            outer = closed + 1 if closed is not None else p_end
            is_closed = closed is not None
            follow = number
            while not is_closed and index == len(pairs) - 1 and follow + 1 < len(paragraphs):
                nxt = per_paragraph[follow + 1]
                n_start, n_end = paragraphs[follow + 1]
                if len(nxt) == 1 and nxt[0] == (n_end - 1, None) and text[n_end - 1] in "\"”»":
                    # no opening mark, only the closing one at the paragraph's end
                    follow += 1
                    skip_first.add(follow)
                    parts.append(_content(text, n_start, n_end - 1))
                    outer, is_closed = n_end, True
                    break
                if not nxt or nxt[0][0] != n_start:
                    break
                n_open, n_close = nxt[0]
                follow += 1
                skip_first.add(follow)
                n_end = paragraphs[follow][1]
                parts.append(_content(text, n_open + 1, n_close if n_close is not None else n_end))
                outer = n_close + 1 if n_close is not None else n_end
                is_closed = n_close is not None
                pairs = nxt
                index = 0
            parts = [p for p in parts if p[1] > p[0]]
            if parts:
                quotes.append(Quote(parts, opened, outer, is_closed))
    for number, pairs in enumerate(per_paragraph):
        start, end = paragraphs[number]
        if not pairs and _SINGLE_QUOTED.match(text, start, end):
            quotes.append(Quote([_content(text, start + 1, text.rindex("'" if text[
                end - 1] == "'" else "’", start, end))], start, end, True))
    quotes.sort(key=lambda q: q.opened)
    return quotes


def _sentences(text: str, start: int, end: int, number: int, quotes: list[Quote]):
    inside = [(q.opened, q.outer_end) for q in quotes if q.opened < end and q.outer_end > start]
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cut = match.end()
        if any(a < cut < b for a, b in inside):
            continue
        rest = text[cut:end].lstrip()
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘(«"):
            continue
        if text[cut - 1] in "\"”»" and text[cut - 2] in "?!" and _ATTRIBUTION_NEXT.match(rest):
            continue
        word = re.search(r"([^\W_]+)\W*$", text[pos:match.start() + 1])
        if text[match.start()] == "." and word and _abbreviation(word.group(1)):
            continue
        yield Sentence(pos, cut, number)
        pos = cut + (len(text[cut:end]) - len(rest))
    if pos < end:
        yield Sentence(pos, end, number)


def _abbreviation(word: str) -> bool:
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())
