"""A first pass over the article: the people and organisations it names, in order.

Registers every titled or full-named person and every named organisation with the cast, and
logs those in subject position, so that "he", "she", "it" and "the union" can be resolved.
"""

from __future__ import annotations

import re

from extractor.cast import Actor, Cast
from extractor.descriptors import FEMALE_DESCRIPTORS, RELATIVES, is_descriptor
from extractor.lexicon import NAME_PARTICLES, PEOPLE_NOUNS, STOP_CAPS, TITLE_WORDS
from extractor.segment import Layout, Sentence, Token, tokens
from extractor.speaker_lines import title_case
from extractor.speakers import Mention, analyse, is_cap, person_like, phrase_before

_CONJUNCTIONS = {"and", "but", "while", "as", "when", "whereas", "although", "though",
                 "because", "that", "then", "so", "yet", "meanwhile", "after", "before", "since"}
_COMPANY_NOUNS = {"company", "group", "firm", "carrier", "rival", "operator", "lender",
                  "insurer", "maker", "giant", "retailer", "airline", "conglomerate", "utility",
                  "app", "platform", "startup", "start-up", "developer", "provider", "chain",
                  "manufacturer", "brand", "publisher", "broadcaster"}
# "She was …" / "After the vote, he …": a pronoun as the sentence's subject
_PRONOUN_SUBJECT = re.compile(r"(?:[A-Z][^,.;:\"“”]{0,60},\s+)?([Ss]he|[Hh]e)\b(?!['’])")
# ", Ont., company" / ", Ontario-based company" after a place name
_PLACE_THEN_COMPANY = re.compile(r",\s+[A-Z][\w.]*(?:-based)?,?\s+([a-z][a-z-]+)\b")
# "Varga's statement, issued on …, cited …": a person's document opens the sentence
_DOCUMENT_SUBJECT = re.compile(
    r"\s*(?P<owner>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})['’]s\s+(?:statement|letter|"
    r"post|message|announcement|remarks|comments)\b")
# one phrase set off by a comma before a sentence's subject, perhaps a title after it
_INTRO = re.compile(r"(?P<desc>[^,;:\"“”()]{2,80}),(?:\s+[a-z][\w-]*){0,4}")
_APPOSED = re.compile(r"\b(?:his|her|their|its)\s+(?:[a-z]+\s+|[A-Z][a-z]+\s+){0,2}"
                      r"(?:counterpart|predecessor|successor|deputy|wife|husband|son|daughter|"
                      r"rival|ally|colleague|aide|lawyer|spokesman|spokeswoman)\s*,$")
_THAT_COMMA = re.compile(r"\bthat\s*,")
_RELATION = re.compile(r"['’]s\s+(" + "|".join(sorted(RELATIVES)) + r")\s+[A-Z]")
_LISTED = 3  # persons named in one sentence: a narrative's list, no one's introduction
_THEN_VERB = re.compile(r"\s*(?:,|(?!and\b|or\b|of\b)[a-z])")
_APPOSITIVE = re.compile(r",\s*(?P<desc>[^,;:\"“”()]{2,80}?)\s*,")
_DESCRIBED = re.compile(r"[A-Z][a-z-]+(?:\s+[a-z-]+){0,2}")
_PEOPLE_SUBJECT = re.compile(r"\s*(?:[A-Z][a-z]+\s+)(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z]+)"
                             r"(?=\s+(?:in|at|from|near|of|on)\b|\s+[a-z]+(?:ed|ing)\b)")
_TIMESTAMP = re.compile(r"^\d{1,2}[:.]?\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[–—-]\s*")
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,9})\)")
# "Its area flood manager, Priya Chandran" / "The company's chief executive, Lukas Hartmann"
_DESCRIPTION_BEFORE = re.compile(
    r"^\s*(?P<desc>(?:[Ii]ts|[Tt]heir|[Tt]he\s+[a-z]+['’]s?|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*"
    r"['’]s?)\s+[a-z][\w -]{1,40}),\s*$")
# "…, the France Foreign Minister, Dominique De Villepin": a side's title set off before
_TITLE_BEFORE = re.compile(r"(?:^|,)\s*(?:[Tt]he\s+)?(?P<desc>(?:[A-Z][\w.'’-]*\s+){1,3}"
                           r"[A-Z][\w.'’-]*),\s*$")
# "Ursula Klein, who heads digital policy at the European Consumer Organisation"
_WHO_HEADS = re.compile(
    r",\s*(?:who|which)\s+(?:heads|leads|runs|directs|chairs|works|worked|is|was)\b"
    r"[^,;.]{0,50}?\b(?:at|of|for|with)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|the|[A-Z][\w&'’-]*))*)")


def scan(layout: Layout, cast: Cast) -> None:
    """Register and log the names in every sentence, outside quotations; a "she" or "he"
    opening the next sentence is the one person the sentence named (in any position)."""
    named: list[Actor] = []
    last = -1
    cast.text = layout.text
    for sentence in layout.sentences:
        if sentence.paragraph > last + 1:
            named = []
        _pronoun_subject(layout, sentence, cast, named)
        named = _scan_sentence(layout, sentence, cast)
        _document_subject(layout, sentence, cast)
        _people_subject(layout, sentence, cast)
        last = sentence.paragraph


def _people_subject(layout: Layout, sentence: Sentence, cast: Cast) -> None:
    """"Several residents in the area described …": people opening the sentence, the
    "they" of a "they said" after them."""
    match = _PEOPLE_SUBJECT.match(layout.text, sentence.start, sentence.end)
    if match is None or match.group("noun").lower() not in PEOPLE_NOUNS:
        return
    mentions = analyse(match.group(0).split())
    if len(mentions) == 1 and mentions[0].kind == "role":
        actor = cast.resolve(mentions[0], sentence.start)
        if actor is not None:
            cast.note(actor, sentence.start)


def _document_subject(layout: Layout, sentence: Sentence, cast: Cast) -> None:
    """"Varga's statement … cited …": a later "it" is Varga (the statement's author)."""
    match = _DOCUMENT_SUBJECT.match(layout.text, sentence.start, sentence.end)
    if match is None:
        return
    mentions = analyse(match.group("owner").split())
    actor = cast.resolve(mentions[0], match.start("owner")) if mentions else None
    if actor is not None and actor.kind == "person":
        cast.note(actor, match.start("owner"))
        cast.documents.add(match.start("owner"))


def _pronoun_subject(layout: Layout, sentence: Sentence, cast: Cast,
                     named: list[Actor]) -> None:
    """"Reporters caught Ana Lima leaving. She was close to tears.": Lima opens this
    sentence (for a later "she said") and is a woman."""
    people = {actor.name: actor for actor in named if actor.kind == "person"}
    if len(people) != 1:
        return
    match = _PRONOUN_SUBJECT.match(layout.text, sentence.start, min(sentence.end,
                                                                   sentence.start + 80))
    if match is None or layout.quote_at(match.start(1)) is not None:
        return
    actor = next(iter(people.values()))
    gender = "f" if match.group(1).lower() == "she" else "m"
    if actor.gender not in (None, gender):
        return
    actor.gender = gender
    cast.note(actor, match.start(1), True)


def subject_position(text: str, sentence: Sentence, start: int) -> bool:
    """Whether a phrase starting at ``start`` stands where a subject would."""
    lo = max(sentence.start, start - 60)
    stripped = text[lo:start].rstrip()
    if not stripped:
        return lo == sentence.start or not text[sentence.start:lo].strip()
    if stripped[-1] == "," and _APPOSED.search(stripped):
        return False  # "his Chinese counterpart, Wang Yi,": set beside a noun, no subject
    if stripped[-1] in ",;(—–-:\"“”":
        return True
    if lo == sentence.start and (stripped in STOP_CAPS or _described(stripped)):
        return True  # "Later Dev Kapoor joined …", "Electrical contractor Cory Milsap …"
    last = re.search(r"([^\W_]+)$", stripped)
    return bool(last) and last.group(1).lower() in _CONJUNCTIONS


def _run_ends(layout: Layout, words: list[Token]) -> list[Token]:
    ends = []
    for i, tok in enumerate(words):
        if not is_cap(tok.word) or tok.word in STOP_CAPS:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and (is_cap(nxt.word) or nxt.word in NAME_PARTICLES) and \
                not layout.text[tok.end:nxt.start].strip() and \
                not _POSSESSIVE_END.search(tok.word):  # "Hua Chunying's Regular Briefing"
            continue
        after = words[i + 2] if i + 2 < len(words) else None
        if after is not None and after.word == "the":  # "of the shipping union": lower case
            after = words[i + 3] if i + 3 < len(words) else None
        if nxt is not None and nxt.word in ("of", "for") and after is not None and \
                is_cap(after.word):
            continue  # the name runs on: "Associated Society of Rail Operatives"
        ends.append(tok)
    return ends


def _scan_sentence(layout: Layout, sentence: Sentence, cast: Cast) -> list[Actor]:
    text = layout.text
    words = [t for t in tokens(text, sentence.start, sentence.end)
             if layout.quote_at(t.start) is None]
    capitals = len(words) >= 2 and all(t.word.isupper() or not t.word.isalpha() for t in words)
    named: list[Actor] = []
    subjects: list[Actor] = []  # named so far, not as an owner ("Daskal's rival")
    for end_tok in _run_ends(layout, words):
        phrase = phrase_before(text, sentence.start, end_tok.end)
        if phrase is None:
            continue
        phrase_words = [t.word for t in phrase.words]
        if capitals:  # "MARTA KOVALENKO, PRESIDENT OF ESTOVIA": a person, not an acronym
            phrase_words = [title_case(w) for w in phrase_words]
        mentions = analyse(phrase_words)
        subject = subject_position(text, sentence, phrase.start)
        owner = bool(_POSSESSIVE_END.search(text, phrase.start, end_tok.end))
        if owner and text[sentence.start:phrase.start].rstrip().endswith(","):
            subject = False  # "Dmitri Kovac, President Ivan Sorel's spokesman, …": Kovac's
        lead = subject and not owner and _opens(text, sentence, phrase.start, end_tok.end,
                                                 subjects)
        for mention in mentions:
            actor = _register(layout, sentence, cast, mention, phrase.start, end_tok.end,
                              subject, lead)
            if actor is not None:
                if mention.kind == "person" and not actor.title:
                    _described_title(text, sentence, actor, phrase.start, end_tok.end)
                named.append(actor)
                if not owner:
                    subjects.append(actor)
    if _listed(words):
        # "Brandt opened the scoring, followed by Sauer and Pohl": a list of people, none
        # of them the "he" of the next quotation
        cast.leads.difference_update(range(sentence.start, sentence.end))
    return named


def _listed(words: list[Token]) -> bool:
    """Whether the sentence names several people (three at least, by their full names)."""
    runs = re.findall(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}",
                      " ".join(t.word for t in words))
    return len({run for run in runs if person_like(run.split())}) >= _LISTED


def _described(before: str) -> bool:
    """"Electrical contractor", "Longtime resident": a few words describing the person
    named next, a noun for someone last (not "Police arrested")."""
    if _DESCRIBED.fullmatch(before) is None:
        return False
    last = before.split()[-1].lower()
    return last in TITLE_WORDS or is_descriptor(last) or last.endswith(_AGENT_ENDINGS)


def _opens(text: str, sentence: Sentence, start: int, end: int, named: list[Actor]) -> bool:
    """Whether the phrase at ``start`` is the sentence's subject: it opens the sentence, or
    follows one phrase set off by a comma ("Her deputy, Jonas Brekke, disagreed"; "After the
    vote, Brekke left") with no person named before it, and a comma or a verb follows."""
    before = _TIMESTAMP.sub("", text[sentence.start:start].strip(" \"“”'‘’("))
    if not before or _described(before):
        return True
    if any(actor.kind == "person" for actor in named) or not _INTRO.fullmatch(before) or \
            _THAT_COMMA.search(before):  # (not "Andah noted that, since Mensah has …")
        return False
    return bool(_THEN_VERB.match(text, end))


def _described_title(text: str, sentence: Sentence, actor: Actor, start: int,
                     end: int) -> None:
    """A title set off beside a person's name: "Tomas Berg, the port director, said",
    "The regional minister, Ana Sorel, said"."""
    before = _INTRO.fullmatch(text[sentence.start:start].strip(" \"“”'‘’("))
    after = _APPOSITIVE.match(text, end, sentence.end)
    for desc in (before and before.group("desc"), after and after.group("desc")):
        if not desc or re.match(r"\s*(?:who|which|whose|where|\d)", desc):
            continue
        head = re.split(r"\s+(?:of|at|for|with|in)\s+", desc)[0]  # "chief executive of X"
        mentions = analyse(re.findall(r"[^\W_]+(?:[’'\-.][^\W_]+)*", head))
        mention = mentions[0] if mentions else None
        if mention is not None and mention.kind in ("title", "role") and mention.title \
                and (not mention.owner or mention.owner.kind in ("state", "organization")):
            actor.title = mention.title
            actor.gender = actor.gender or mention.gender
            return


def _register(layout, sentence, cast: Cast, mention, start: int, end: int,
              subject: bool, lead: bool) -> Actor | None:
    """Register the mention's actor (and log it when a subject); the person it names."""
    text = layout.text
    if not text[sentence.start:start].strip() and not text[end:sentence.end].strip(" .:"):
        subject = False  # a byline or a name alone on its line is no one's antecedent
    if mention.kind == "person":
        actor = cast.resolve(mention, start)
        if actor is not None and actor.kind == "person" and not actor.parent:
            parent = _described_side(layout, sentence, cast, start, end)
            if parent is not None and parent != actor.name:
                actor.parent = parent
        if actor is not None and actor.kind == "person":
            cast.named.append((start, actor))
        if actor is not None and subject:
            cast.note(actor, start, lead)
        return actor
    if mention.kind == "organization" and mention.name:
        prev = re.search(r"([a-z]+)\s+$", text[sentence.start:start])
        category = "company" if prev and prev.group(1) in _COMPANY_NOUNS else None
        acronym = _ACRONYM.match(text, end)
        cast.see_org(start, mention.name, category, acronym.group(1) if acronym else None)
        if subject:
            cast.note(cast.org(mention.name, category=category), start)
    elif mention.kind == "name" and mention.name and mention.owner is not None and \
            (related := _RELATION.search(text, start, end)) is not None:
        owner = cast.resolve(mention.owner, start)  # "Ramesh's son Nitin"
        if owner is not None and owner.kind == "person":
            relation = related.group(1).lower()
            return cast.relative(owner, relation, mention.name,
                                 "f" if relation in FEMALE_DESCRIPTORS else "m")
    elif mention.kind == "name" and mention.name:
        prev = re.search(r"([a-z-]+)\s+$", text[sentence.start:start])
        if prev and prev.group(1) in _COMPANY_NOUNS and cast.find(mention.name) is None:
            cast.see_org(start, mention.name, "company")  # "messaging app Chatterly"
        actor = cast.find(mention.name)
        if actor is None and subject and not text[sentence.start:start].strip(" \"“”'‘’(") \
                and not mention.name.endswith(("'s", "’s")) \
                and not _placed_company(text, mention.name, end) \
                and not _common_word(text, mention.name):
            cast.bare.append((start, mention.name))
        if actor is not None and subject:
            cast.note(actor, start, not text[sentence.start:start].strip(" \"“”'‘’("))
    elif mention.kind == "state" and mention.name and subject:
        cast.note(cast.side(mention.name), start)
    return None


def _common_word(text: str, name: str) -> bool:
    """"Inflation eased …": a word the article also writes in lower case, or a noun news
    opens sentences with ("Prices rose …"), is no name."""
    return " " not in name and (name in _COMMON_SUBJECTS or re.search(
        rf"\b{re.escape(name.lower())}\b", text) is not None)


_COMMON_SUBJECTS = frozenset({
    "Prices", "Stocks", "Sales", "Exports", "Imports", "Inflation", "Unemployment", "Output",
    "Growth", "Demand", "Profits", "Revenue", "Revenues", "Earnings", "Lending", "Spending",
    "Wages", "Yields", "Bonds", "Markets", "Oil", "Gold", "Rates", "Inventories", "Orders",
    "Production", "Consumption", "Investment", "Trade", "Turnout", "Violence", "Fighting",
    "Talks", "Negotiations", "Rain", "Floods", "Temperatures", "Traffic", "Tensions"})


def _placed_company(text: str, name: str, end: int) -> bool:
    """Whether the name ending at ``end`` only places a company: "The Tilbury, Ont.,
    company said", "The London-based company" (the town, not the speaker)."""
    if name.lower().endswith("-based"):
        return True
    match = _PLACE_THEN_COMPANY.match(text, end, end + 60)
    return match is not None and match.group(1).lower() in _COMPANY_NOUNS


def _described_side(layout: Layout, sentence: Sentence, cast: Cast, start: int,
                    end: int) -> str | None:
    """The side a description set off beside a person's name gives (its owner or body)."""
    text = layout.text
    before = _DESCRIPTION_BEFORE.match(text[sentence.start:start])
    if before:
        desc = before.group("desc")
        word = desc.split()[0].lower()
        owner = None
        if word in ("its", "their"):
            owner = cast.resolve(Mention("pronoun", name="it" if word == "its" else "they"),
                                 start)
        else:
            owner_text = re.match(r"\s*(.+?)['’]s?\s", desc + " ")
            mentions = analyse(owner_text.group(1).split()) if owner_text else []
            owner = cast.resolve(mentions[0], start) if mentions else None
        if owner is not None and owner.kind != "person":
            return owner.name
    titled = _TITLE_BEFORE.search(text[sentence.start:start])
    if titled:  # "At the United Nations, the France Foreign Minister, Dominique De Villepin"
        mentions = analyse(titled.group("desc").split())
        if len(mentions) == 1 and mentions[0].kind == "title" and mentions[0].side:
            return cast.side(mentions[0].side).name
    after = _WHO_HEADS.match(text, end, min(sentence.end, end + 160))
    if after:
        words = after.group("org").split()
        while words and words[-1] in ("of", "for", "and", "the"):
            words.pop()
        mentions = analyse(words)
        if mentions and mentions[0].kind in ("organization", "state") and mentions[0].name:
            actor = cast.resolve(mentions[0], start)
            return actor.name if actor is not None else None
    return None
