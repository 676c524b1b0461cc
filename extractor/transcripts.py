"""Speech without quotation marks: transcript turns and block quotations.

* a transcript turn is a paragraph opening with its speaker in capitals and a colon
  (``THE PRESIDENT: …``, ``MR. LI: …``, ``SECRETARY BLINKEN: …``) or an answer (``A: …``,
  whose speaker the line introducing the briefing names), in a text that uses one tag
  twice at least (a lone ``DHAKA: …`` is a dateline); the paragraphs after it without
  a tag of their own go on with the same turn; a question (``Q: …``, ``Q …``,
  ``QUESTION: …``, ``Question:``, ``Q.:``) ends it and is no statement, nor is what it
  reports, and so does the turn of one who asks (``PRESENTER:``, ``HOST:``, ``OPERATOR:``,
  or a tag whose every turn ends in a question mark); a line in another script (a
  translation) ends it too; ``A We have noted …`` right after ``Q …?`` is an answer; a
  timed line of its own (``Lena Brandt (01:20):``) or a tag on a line of its own (``PRIME
  MINISTER:``) opens the turn under it; a name in title case (``Lin Dao:``, ``Norwegian
  Foreign Minister Lena Brandt:``) is a tag when it answers twice, or once when the
  briefing's title names it; a hearing's record opens a turn with the member's name and a
  full stop (``Mr. Linder. …``); turns that only greet, call on a reporter or set out the
  briefing are no statements;
* a transcript's turns were spoken on the one day named above its first turn or question
  (its title's "8/04/22" too), else on the publication date;
* a block quotation is the paragraph after one ending in a colon that introduces speech
  (``He added:``, ``The statement reads:``, ``X opened the briefing with the following
  announcement:``), when it carries no quotation marks; after ``Here are X's remarks in
  full:``, ``Here is the text of X's speech:``, ``excerpts from her speech:`` or ``… reads
  in part:`` every paragraph to the next heading or paragraph told about the speech, and
  so under a list heading of the lead speaker's words (``Additional quotes``, ``Key
  quotes``).

Each such paragraph is one direct statement of its speaker; quotations and reported speech
inside it are the speaker's words, not statements of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date

from db.dates import When
from extractor.attributions import VERB
from extractor.cast import Actor, Cast
from extractor.found import Found
from extractor.head_dates import past_days
from extractor.lexicon import TITLE_WORDS
from extractor.phrases import phrase_before
from extractor.quotes import resolve_phrase
from extractor.segment import Layout
from extractor.speaker_lines import title_case
from extractor.speakers import Mention, analyse, person_like
from extractor.speeches import posts, speech_document

_TAG = re.compile(r"(?P<tag>(?:[A-Z][A-Z.'’-]*\s+){0,4}[A-Z][A-Z.'’-]*|Answer|A|Q)"
                  r"(?:,\s*[A-Z][A-Z0-9.'’&-]*(?:\s+[A-Z0-9.'’&-]+)*){0,3}\s*:\s*(?=\S)")
# "JUDGE DEBRA NELSON, SEMINOLE COUNTY, FLORIDA:": the name, then what it is in capitals
# a tag on a line of its own, the words under it: "PRIME MINISTER:"
_TAG_LINE = re.compile(r"(?P<tag>(?:[A-Z][A-Z.'’-]*\s+){0,4}[A-Z][A-Z.'’-]*)\s*:\s*")
# a briefing's turn in title case: "Lin Dao: …" (the spokesperson), "Harbour Daily: …?" (a
# question from an outlet)
_NAME_TAG = re.compile(r"(?P<tag>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5})\s*:\s*(?=\S)")
_QUESTION = re.compile(r"(?:Q\.?|QUESTION|REPORTER|Reporter|Question)\s*[:.]?\s+(?=\S)|Q$|"
                       r"Q\s*\(")
# the answer's tag in its other spellings: "A.:", "Answer:", "ANSWER:"
_ANSWER_TAGS = {"A.", "Answer", "ANSWER"}
# "Q What is your comment?" … "A We have noted the reports.": a briefing's turns untagged
_BARE_QUESTION = re.compile(r"Q\s+[A-Z]")
_LATIN = re.compile(r"[A-Za-z]")
_STAMP = re.compile(r"\[\d{1,2}:\d{2}(?::\d{2})?\]\s*")  # a broadcast's time, "[14:00:04]"
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
_ASIDE = r"(?:\s*\((?:inaudible|ph|crosstalk)\))"
_GREETING = re.compile(
    r"(?:(?i:good\s+(?:morning|afternoon|evening)|happy\s+[\w'’]+(?:\s+day)?|hi|hello|hey|"
    r"thank\s+you|thanks|yes|sure|"
    r"okay|ok|go\s+ahead|please)(?:,?\s+(?i:everyone|everybody|all|guys|folks|so\s+much|"
    r"very\s+much|again))*[,.!]?\s*)+" + rf"(?:{_NAME})?{_ASIDE}?[.?!]*\s*")
# a briefing's housekeeping: "(Laughter.)", "I'll mention a couple things at the top, and
# then we'll turn to your questions.", "I do not have anything at the top for you."
_HOUSEKEEPING = re.compile(
    r"\((?:Laughter|Applause|Inaudible|Crosstalk)\.?\)|[^.!?]*\b(?:at the top|(?:turn|get|go)"
    r"\s+(?:straight\s+)?to\s+(?:your|the)\s+questions|take\s+(?:your|a\s+few|some)\s+"
    r"questions|what['’]s\s+on\s+your\s+minds?)\b[^.!?]*[.!?]?")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?)])\s+")
_CALL = re.compile(rf"{_NAME}(?:\s*\?{_ASIDE}?|{_ASIDE})\s*\??\s*")
_BARE_ANSWER = re.compile(r"(?P<tag>A)\s+(?=[A-Z])")
# "Karine Jean-Pierre (01:20):" or "Karine Jean-Pierre: (01:20)" on a line of its own, the
# words under it
_TIMED = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?: |: )"
                    r"\(\d{1,2}:\d{2}(?::\d{2})?\):?")
_MARKS = re.compile(r"[\"“”„«»]")
# "He added:", "The statement reads:", "… with the following announcement:"
_INTRO_WORDS = re.compile(r"\b(?:reads?|read out|text of|excerpts? from|following (?:"
                          r"announcement|statement|remarks|comments)|(?:announcement|statement|remarks)\s+(?:said|reads?)|"
                          r"(?:remarks|statement|speech|comments) in full|full (?:remarks|"
                          r"statement|text))\b")
# the block runs on over every paragraph: "Here are X's remarks in full:", "reads in part:"
_IN_FULL = re.compile(r"\b(?:in full|in part|full (?:remarks|statement|text)|text of|"
                      r"excerpts? from)\b")
# whose words follow, by a pronoun: "Here are excerpts from her speech:"
_PRONOUN_OWNER = re.compile(r"\b(?P<pronoun>his|her|their)\s+(?:full\s+)?(?:remarks|statement|"
                            r"speech|address|comments)\b")
# a list of the lead speaker's words without marks: "Additional quotes", "Key quotes"
_QUOTE_LIST = re.compile(r"(?:Key|Main|Top|Additional|More|Further|Latest)\s+(?:quotes|"
                         r"comments|remarks|takeaways|highlights)(?:\s+from\s+\w+)?:?")
_THE_SPEECH = re.compile(r"\b(?:the|his|her|this|that)\s+(?:speech|address|remarks|statement)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me)\b")
_CAPITAL_RUN = re.compile(r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)+")
_OWNER = re.compile(r"(?P<owner>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)['’]s\s+(?:full\s+)?"
                    r"(?:remarks|statement|speech|comments|address)\b|\b(?:statement|message|"
                    r"remarks)\s+(?:from|by)\s+(?P<from>(?:[A-Z][\w.'’-]*\s+){0,4}"
                    r"[A-Z][\w.'’-]*)")
_POSSESSOR = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})['’]s\b")
# a live blog's line over a post: "Vice president-elect Kamala Harris tweets…", "Biden's
# first tweet as president-elect…" (the owner: the capitalised words before the verb or 's)
_POSTED = re.compile(r"(?:[^\n]*?\s)?(?P<owner>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)"
                     r"(?:\s+(?:tweets|tweeted|posts|posted|writes|wrote)|['’]s\s+(?:first\s+|"
                     r"latest\s+|new\s+)?(?:tweet|post|message))\b[^\n.!?:]{0,60}?(?:…|\.\.\.|:)")
# "…, when asked about fed move overnight.": the writer's note on an item of a quote list
_ASKED_NOTE = re.compile(r",\s+when\s+asked\s+(?:about|whether|if|on|why|how)\b[^\"“”]*$")
_BRIEFING = re.compile(r"(?i)\b(?:press\s+conference|news\s+conference|briefing|interview|"
                       r"transcript|spokes(?:person|man|woman))")
# a turn in a hearing's record: "Mr. Linder. …", "Chairman Obey. …", "Ms. Hastings of Florida."
_RECORD = re.compile(r"(?P<tag>(?:Mr|Mrs|Ms|Dr|Chairman|Chairwoman|Senator|Sen|Representative|"
                     r"Rep)\.?\s+[A-Z][\w'’-]+(?:\s+of\s+[A-Z][a-z]+)?)\.\s+(?=[A-Z\"“])")
_HEARING = re.compile(r"\b(?:presiding|hearing|committee\s+met|subcommittee\s+met|"
                      r"met,\s+pursuant)\b", re.I)
_HEAD_LINES = 3  # paragraphs: where a briefing's title lines stand
_LEAD_VERB = re.compile(r"\b(?:started|opened|began|made|gave|delivered|issued|released)\b")
# who asks in an interview: "PRESENTER: …", "HOST: …" (no statements, and they end a turn)
_ASKERS = re.compile(r"(?:PRESENTER|HOST|CO-HOST|INTERVIEWER|JOURNALIST|MODERATOR|ANCHOR|OPERATOR|"
                     r"CALLER|AUDIENCE(?: MEMBER)?|PANELLIST|PANELIST)S?")
_NOT_TAGS = {"QUESTION", "REPORTER", "UPDATE", "NOTE", "EDITOR'S NOTE", "WATCH", "READ MORE",
             "RELATED", "PHOTO", "VIDEO", "SOURCE", "UPDATED", "BREAKING", "LIVE"}


def unquoted_speech(lay: Layout, cast: Cast, found: list[Found], pub: date) -> list[Found]:
    """``found`` with the transcript turns and block quotations (or else the paragraphs of a
    speech document, :mod:`extractor.speeches`) added, and the statements found inside them
    left out. A transcript's turns were spoken on the day its head names."""
    turns = _head_dated(lay, _turns(lay, cast), pub) + _blocks(lay, cast) or \
        speech_document(lay, cast)
    signed = posts(lay, cast)
    turns = [t for t in turns if not any(p.paragraph == t.paragraph for p in signed)] + signed
    asked = _asked(lay)
    if not turns and not asked:
        return found
    spans = [t.span for t in turns] + asked
    kept = [f for f in found if not any(a <= f.span[0] < b for a, b in spans)]
    return kept + turns


def _turns(lay: Layout, cast: Cast) -> list[Found]:
    text = lay.text
    by_paragraph = _tags(lay)
    if not by_paragraph and not any(  # one "DHAKA: …" is a dateline
            _TIMED.fullmatch(text, s, e) for s, e in lay.paragraphs):
        return []
    turns: list[Found] = []
    speaker: Actor | None = None
    for number, (start, end) in enumerate(lay.paragraphs):
        match = by_paragraph.get(number)
        timed = _TIMED.fullmatch(text, start, end)
        asked = number in by_paragraph and match is None
        if asked or _QUESTION.match(text, start, end) or timed is not None or \
                _LATIN.search(text, start, end) is None:  # a translation's line ends it
            speaker = _timed_speaker(cast, timed.group("name"), start) if timed else None
            continue
        if match is not None:
            speaker = _tag_speaker(lay, cast, match.group("tag"), start)
            start = match.end()
        elif speaker is None or _heading(text[start:end]):
            speaker = None if _heading(text[start:end]) else speaker
            continue
        stamp = _STAMP.match(text, start, end)
        start = stamp.end() if stamp else start
        if speaker is not None and start < end and not _courtesy(text[start:end]):
            turns.append(Found(speaker, "direct", text[start:end], (start, end), None,
                               number, "transcript"))
    return turns


def _courtesy(turn: str) -> bool:
    """A turn that only greets or thanks ("Good afternoon, everyone."), calls on a reporter
    ("Katie? (inaudible)?", "Go ahead, Miriam.") or sets out the briefing ("I'll mention a
    couple things at the top, and then we'll turn to your questions."): no statement."""
    if _GREETING.fullmatch(turn) is not None or _CALL.fullmatch(turn) is not None:
        return True
    return all(_GREETING.fullmatch(part) or _CALL.fullmatch(part) or _HOUSEKEEPING.fullmatch(part)
               for part in _SENTENCE_BREAK.split(turn.strip()) if part)


def _asked(lay: Layout) -> list[tuple[int, int]]:
    """The paragraphs a reporter asks (``QUESTION: …``, ``Q …?``): whatever they report
    ("Your minister said …") is the question's, no statement."""
    text = lay.text
    spans = []
    for start, end in lay.paragraphs:
        match = _QUESTION.match(text, start, end)
        if match is not None and (":" in match.group() or _asks(text, end)):
            spans.append((start, end))
    return spans


def _bare_answers(lay: Layout) -> dict[int, re.Match[str]]:
    """``A We have noted …`` right after ``Q …?``: the answers of a briefing untagged."""
    text = lay.text
    answers = {}
    for number in range(1, len(lay.paragraphs)):
        q_start, q_end = lay.paragraphs[number - 1]
        start, end = lay.paragraphs[number]
        match = _BARE_ANSWER.match(text, start, end)
        if match is not None and _BARE_QUESTION.match(text, q_start, q_end) and \
                _asks(text, q_end):
            answers[number] = match
    return answers
def _head_dated(lay: Layout, turns: list[Found], pub: date) -> list[Found]:
    """The turns dated by the one day the lines above the first turn (or question) name (a
    title's "March 12, 2024", an intro's "we spoke on Wednesday, 28th of September"), if
    one only; if they name none, by the publication date (approximate): a day a reporter's
    question names ("Yesterday the ministry said …?") is not when the answers were given."""
    if not turns:
        return turns
    first = min(t.paragraph for t in turns)
    asked = (n for n, (s, e) in enumerate(lay.paragraphs[:first]) if n and (
        _TAG.match(lay.text, s, e) or _NAME_TAG.match(lay.text, s, e) or
        _QUESTION.match(lay.text, s, e)))
    head = lay.paragraphs[next(asked, first)][0]
    title = lay.paragraphs[0][1]
    days = past_days(lay.text, pub, 0, min(title, head)) or past_days(lay.text, pub, 0, head)
    if len(days) > 1:
        return turns
    when = next(iter(days)) if days else When(pub.isoformat(), "day", True)
    return [replace(t, when=t.when or when) for t in turns]


def _tags(lay: Layout) -> dict[int, re.Match[str] | None]:
    """The paragraphs opening with a turn's tag, in a text that uses one tag twice at least:
    ``THE PRESIDENT:``, or a name in title case (``Lin Dao:``) that answers twice; another
    title-case tag (``Harbour Daily: …?``) or a turn ending in a question mark asks (None)."""
    text = lay.text
    tagged: dict[int, re.Match[str] | None] = {}
    for number, (start, end) in enumerate(lay.paragraphs):
        match = _TAG.match(text, start, end) or _TAG_LINE.fullmatch(text, start, end)
        if match is not None and _is_tag(match.group("tag")):
            tagged[number] = None if _ASKERS.fullmatch(match.group("tag")) else match
    for number in _askers(lay, tagged):
        tagged[number] = None
    record = _record_turns(lay)
    tagged.update(record)
    # one speaker twice at least ("JUDGE ANA RUIZ:" … "RUIZ:"): a transcript
    capital = max(Counter(m.group("tag").split()[-1] for m in tagged.values() if m).values(),
                  default=0)
    answered = _bare_answers(lay)
    if answered:
        tagged.update(answered)
        capital = max(capital, 2)
    named = {n: m for n, (s, e) in enumerate(lay.paragraphs)
             if n not in tagged and (m := _NAME_TAG.match(text, s, e)) is not None}
    answers = Counter(m.group("tag") for n, m in named.items()
                      if not _asks(text, lay.paragraphs[n][1]))
    hosts = _hosts(lay, min(named, default=len(lay.paragraphs)))
    speakers = {tag for tag, count in answers.items()
                if (count >= 2 or _names(hosts, tag)) and
                (_ends_in_name(tag) or (count >= 2 and tag.lower() in TITLE_WORDS))}
    if capital < 2 and not speakers and not record:
        return {}
    for number, match in named.items():
        answer = match.group("tag") in speakers and not _asks(text, lay.paragraphs[number][1])
        tagged[number] = match if answer else None
    return tagged


def _record_turns(lay: Layout) -> dict[int, re.Match[str]]:
    """A hearing's record, where the speaker's name and a full stop open the turn
    (``Mr. Linder. The meeting will come to order.``): the paragraphs so opened, when two
    are or the record's head says it is a hearing ("The subcommittee met", "presiding")."""
    text = lay.text
    turns = {n: m for n, (s, e) in enumerate(lay.paragraphs)
             if (m := _RECORD.match(text, s, e)) is not None}
    first = min(turns, default=0)
    head = " ".join(text[s:e] for s, e in lay.paragraphs[:first])
    return turns if len(turns) >= 2 or _HEARING.search(head) else {}


def _hosts(lay: Layout, before: int) -> str:
    """The text of the briefing's title lines before paragraph ``before`` (those naming a
    press conference, briefing, interview or transcript): a name tagged once that they name
    ("Spokesperson Wang Wenbin hosted a regular press conference" … "Wang Wenbin: …") is
    the one who answers."""
    heads = [lay.text[s:e] for s, e in lay.paragraphs[:min(before, _HEAD_LINES)]]
    return " ".join(h for h in heads if _BRIEFING.search(h))


def _names(heads: str, tag: str) -> bool:
    return re.search(rf"\b{re.escape(tag)}\b", heads) is not None


def _asks(text: str, end: int) -> bool:
    """A paragraph ending in a question mark (perhaps inside its closing marks)."""
    return text[max(0, end - 3):end].rstrip("\"”’)]").endswith("?")


def _timed_speaker(cast: Cast, name: str, pos: int) -> Actor | None:
    """The speaker of a timed transcript line; "Speaker 7" is nobody."""
    if name.split()[0] in ("Speaker", "Audience", "Reporter", "Journalist", "Crowd"):
        return None
    for mention in analyse(name.split()):
        if mention.kind in ("person", "name"):
            return cast.resolve(mention, pos)
    return None


def _is_tag(tag: str) -> bool:
    return tag in ("A", "Q") or tag in _ANSWER_TAGS or (len(tag) > 2 and tag not in _NOT_TAGS)


def _ends_in_name(tag: str) -> bool:
    """``Lin Dao``, ``Norwegian Foreign Minister Lena Brandt``: a person's name, perhaps
    after their titles."""
    words = tag.split()
    return person_like(words) or person_like(words[-3:]) or person_like(words[-2:])


def _askers(lay: Layout, tagged: dict[int, re.Match[str] | None]) -> list[int]:
    """The turns of a tag that only asks ("HARBOUR NEWS: Why now?" twice, an interviewer's
    "DAN LEE: …?"): each of its turns ends in a question mark, and it has two at least."""
    turns: dict[str, list[int]] = {}
    for number, match in tagged.items():
        if match is not None:
            turns.setdefault(match.group("tag"), []).append(number)
    return [n for numbers in turns.values() if len(numbers) >= 2
            and all(_asks(lay.text, lay.paragraphs[k][1]) for k in numbers) for n in numbers]


def _heading(paragraph: str) -> bool:
    """A short line without a full stop: a sub-head, not more of the answer."""
    return len(paragraph.split()) <= 8 and paragraph.rstrip()[-1:] not in ".?!\"”"


def _tag_speaker(lay: Layout, cast: Cast, tag: str, pos: int) -> Actor | None:
    if tag == "A" or tag in _ANSWER_TAGS:
        return _answerer(lay, cast, pos)
    words = tag.replace(".", ". ").split()
    if tag.isupper():
        words = [w if len(w) <= 2 and not w.endswith(".") else title_case(w) for w in words]
    words = [w.rstrip(".") for w in words if w.rstrip(".")]
    family = " " + " ".join(words).casefold()
    if len(words) <= 2:  # "NELSON:" after "JUDGE DEBRA NELSON:", "DE VILLEPIN:"
        named = [a for a in cast.actors.values() if a.name.casefold().endswith(family)]
        if len(named) == 1:
            return named[0]
    for mention in analyse(words):
        if mention.kind == "title" and mention.title and not mention.side:
            holder = _title_holder(lay, cast, mention.title)
            if holder is not None:
                return holder
        actor = cast.resolve(mention, pos)
        if actor is not None:
            return actor
    return None


def _title_holder(lay: Layout, cast: Cast, title: str) -> Actor | None:
    """``THE PRESIDENT:`` in "Remarks by President Trump": the person the text names with
    the tag's title."""
    start, end = lay.paragraphs[0] if lay.paragraphs else (0, 0)
    heading = lay.text[start:end]  # "TRANSCRIPT OF THE PRIME MINISTER THE HON IVAN SOREL MP"
    heading = " ".join(title_case(w) for w in heading.split()) if heading.isupper() else ""
    for text in (lay.text, heading):
        named = re.search(rf"\b{re.escape(title)}\s+(?:the\s+)?(?:Hon\.?\s+)?"
                          rf"((?:[A-Z][a-z'’-]+\s?){{1,3}})", text)
        if named is not None:
            return cast.person(named.group(1).strip(), title)
    return None


def _answerer(lay: Layout, cast: Cast, pos: int) -> Actor | None:
    """Who answers a briefing's questions: the speaker of the line that introduced it, else
    the person whose briefing the title names ("Spokesperson Hua Chunying's Regular Press
    Conference"), else the first person the article names, as a subject or not."""
    before = [p for p in lay.paragraphs if p[1] <= pos]
    for start, end in reversed(before):
        intro = _intro_speaker(lay, cast, start, end)
        if intro is not None:
            return intro
    if before:
        for match in _POSSESSOR.finditer(lay.text, before[0][0], before[0][1]):
            words = match.group("name").split()
            for size in (3, 2):
                if len(words) >= size and person_like(words[-size:]):
                    return cast.person(" ".join(words[-size:]))
    named = next((actor for at, actor in cast.named if at < pos), None)
    return named or next((actor for _at, _n, actor in cast.log if actor.kind == "person"),
                         None)


def _blocks(lay: Layout, cast: Cast) -> list[Found]:
    text = lay.text
    blocks = []
    for number in range(len(lay.paragraphs) - 1):
        start, end = lay.paragraphs[number]
        if _TAG.match(text, start, end) or _QUESTION.match(text, start, end):
            continue
        listing = _QUOTE_LIST.fullmatch(text, start, end)
        if listing is not None:
            speaker = _lead_person(lay, cast, start)
        else:
            speaker = _intro_speaker(lay, cast, start, end)
        if speaker is None:
            continue
        whole = listing is not None or _IN_FULL.search(text, start, end) is not None
        for follow in range(number + 1, len(lay.paragraphs)):
            n_start, n_end = lay.paragraphs[follow]
            if _MARKS.search(text, n_start, n_end) or _TAG.match(text, n_start, n_end) or \
                    _QUESTION.match(text, n_start, n_end) or _heading(text[n_start:n_end]) or \
                    (whole and _narrated(text[n_start:n_end])):
                break
            asked = _ASKED_NOTE.search(text, n_start, n_end)
            n_end = asked.start() if asked is not None else n_end
            blocks.append(Found(speaker, "direct", text[n_start:n_end], (n_start, n_end),
                                None, follow, "block"))
            if not whole:
                break  # "He added:": the one paragraph
    return blocks


def _narrated(paragraph: str) -> bool:
    """A paragraph told about the speaker, not in their voice: no first person, and a speech
    verb or the speech named ("Opposition leaders criticised the speech.")."""
    return _FIRST_PERSON.search(paragraph) is None and (
        VERB.search(paragraph) is not None or _THE_SPEECH.search(paragraph) is not None)


def _lead_person(lay: Layout, cast: Cast, pos: int) -> Actor | None:
    """The person the story is about before ``pos``: the last one named as a subject, else
    the last name in the text ("Governor Kazuo Ueda speaks at a press conference")."""
    logged = next((a for at, _n, a in reversed(cast.log) if at < pos and a.kind == "person"),
                  None)
    if logged is not None:
        return logged
    for run in reversed(list(_CAPITAL_RUN.finditer(lay.text, 0, pos))):
        words = run.group().split()
        if person_like(words[-2:]):
            return cast.person(" ".join(words[-2:]))
    return None


def _intro_speaker(lay: Layout, cast: Cast, start: int, end: int) -> Actor | None:
    """The speaker of a paragraph ending in a colon that introduces speech (in a live blog
    also an ellipsis that introduces a post: "Kamala Harris tweets…", "Biden's first
    tweet as president-elect…")."""
    text = lay.text
    posted = _POSTED.fullmatch(text, start, end)
    if posted is not None:
        words = posted.group("owner").split()
        return next((a for m in analyse(words) if (a := cast.resolve(m, posted.start()))), None)
    if text[end - 1] != ":":
        return None
    sentence = lay.sentence_at(end - 1)
    lo = sentence.start if sentence is not None else start
    verbs = list(VERB.finditer(text, lo, end))
    if verbs and not text[verbs[-1].end():end - 1].strip(" ,"):
        verb = verbs[-1]  # "He added:", "Ortiz said:"
    elif _INTRO_WORDS.search(text, lo, end):
        owner = _OWNER.search(text, lo, end)
        if owner is not None:  # "Here are Podesta's remarks in full:", "a statement from X"
            words = (owner.group("owner") or owner.group("from")).split()
            return next((a for m in analyse(words) if (a := cast.resolve(m, owner.start()))),
                        None)
        pronoun = _PRONOUN_OWNER.search(text, lo, end)
        if pronoun is not None:
            subject = {"his": "he", "her": "she", "their": "they"}[pronoun.group("pronoun")]
            return cast.resolve(Mention("pronoun", name=subject), pronoun.start())
        verb = _LEAD_VERB.search(text, lo, end) or VERB.search(text, lo, end)
        if verb is None:
            return None
    else:
        return None
    phrase = phrase_before(text, lo, verb.start())
    actors = resolve_phrase(cast, phrase, phrase.start) if phrase is not None else []
    return actors[0] if actors else None
