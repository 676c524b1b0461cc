"""Attributions: a speech verb and who it belongs to, in one sentence.

``X said``, ``X, a spokeswoman, told``, ``said X``, ``…, adding that`` (the sentence's
speaker), ``and warned`` (the previous verb's speaker), ``according to X``. Which clause each
attribution reports is decided in :mod:`extractor.reported`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from extractor.bodies import joint_sides
from extractor.cast import Actor, Cast
from extractor.lexicon import (
    ABBREVIATIONS,
    NEWS_AGENCIES,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    SIDE_ADJECTIVES,
    SIDE_KINDS,
    SIDE_NAMES,
    STOP_CAPS,
)
from extractor.relative_dates import trailing_date_start
from extractor.segment import Layout, Quote, Sentence, tokens
from extractor.speakers import Mention, Phrase, analyse, phrase_after, phrase_before
from extractor.unnamed import unnamed_role

FINITE = [
    "said", "says", "say", "told", "tells", "added", "adds", "warned", "warns", "noted", "notes",
    "stressed", "stresses", "insisted", "insists", "argued", "argues", "claimed", "claims",
    "announced", "announces", "acknowledged", "admitted", "explained", "confirmed", "confirms",
    "denied", "predicted", "suggested", "reiterated", "maintained", "emphasised", "emphasized",
    "cautioned", "complained", "wrote", "writes", "tweeted", "conceded", "estimated", "alleged",
    "testified", "ruled", "concluded", "declared", "asserted", "contended", "countered", "replied",
    "urged", "pledged", "promised", "vowed", "threatened", "accused", "expressed", "proposed",
    "recalled", "revealed", "disclosed", "signalled", "signaled", "indicated", "hinted",
    "observed", "remarked", "stated", "believes", "rued", "highlighted", "underlined",
    "underscored", "lamented", "reported", "mentioned", "apologised", "apologized", "dismissed",
    "decried", "called on", "calls on", "ordered", "pointed out", "points out", "denies",
    "proclaimed", "affirmed", "reaffirmed", "assured", "reassured", "boasted", "recounted",
    "retorted", "reasoned", "speculated", "forecast", "projected", "hoped", "feared",
    "believed", "made clear", "makes clear", "informed", "reminded", "worried", "voiced",
    # the present, as live pages and leads use it ("Fayulu accuses Kabila of …")
    "accuses", "alleges", "admits", "acknowledges", "asserts", "cautions", "complains",
    "concedes", "concludes", "contends", "declares", "estimates", "explains", "maintains",
    "predicts", "promises", "recalls", "reiterates", "reveals", "suggests", "urges", "vows",
    "pledges", "threatens", "emphasises", "emphasizes", "hopes", "fears", "worries",
    "proclaims", "affirms", "assures", "tweets", "testifies", "clarified", "clarifies",
    "called for", "calls for", "expect", "expects", "ruled out", "rules out", "specified",
    "specifies"
]
PARTICIPLES = [
    "saying", "adding", "noting", "warning", "arguing", "insisting", "stressing", "claiming",
    "writing", "telling", "explaining", "acknowledging", "urging", "accusing", "expressing",
    "predicting", "calling on", "pointing out", "announcing", "stating", "alleging",
    "asserting", "declaring", "confirming", "denying", "vowing", "pledging", "promising",
    "recalling", "admitting", "conceding", "reiterating", "emphasising", "emphasizing",
    "clarifying", "ruling"
]
VERB = re.compile(r"\b(?:" + "|".join(sorted(FINITE + PARTICIPLES, key=len, reverse=True)) +
                  r")\b")  # the longest first: "ruled out" before "ruled"
# "according to X", and the same said at the sentence's start: "In his words, …", "In
# Lund's view, …"
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+|\bIn\s+(?=(?:his|her|their|[A-Z][\w'’-]*(?:\s+"
                        r"[A-Z][\w'’-]*){0,2}['’]s)\s+(?:words|view|opinion|estimation|"
                        r"assessment)\s*,)")
# what things are done according to: "its principles", "the law", "international rules"
_RULE = re.compile(r"(?:(?:its|their|our|his|her|the|this|that|international|established)\s+)*"
                   r"(?:principles?|rules?|laws?|plans?|schedule|charter|mandate|constitution|"
                   r"procedures?|guidelines|regulations|traditions?|customs?|norms|standards|"
                   r"obligations|commitments|wishes|needs|script|protocol)\b", re.I)
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "his": "he", "them": "they", "their": "they"}
_NP_END = re.compile(r"[,.;]\s|[,.;]?$")
_AUX = {"has", "have", "had", "also", "later", "earlier", "again", "previously", "repeatedly",
        "separately", "then", "further", "publicly", "privately", "once", "reportedly", "would",
        "will", "did", "does", "do", "subsequently", "recently", "now", "quickly", "likewise",
        "similarly", "meanwhile", "however", "immediately", "promptly", "officially",
        "formally", "openly", "bluntly", "flatly", "firmly", "initially", "first", "simply",
        "just", "still", "already", "even", "too", "directly", "explicitly"}
# where or how something was said, between the speaker and the verb
_SETTING_TAIL = re.compile(r"(?<=[\w.)])\s+(?:in|at|on|during|via|through)\s+[^,;:\"“”]{1,70}$")
_SETTING_WORDS = 9
_PASSIVE = {"is", "was", "were", "are", "been", "be", "being"}
# "the leaders of the United States, Britain, France, Germany, and Italy warned …"
_STATE_LIST = re.compile(
    r"\b(?:leaders|presidents|heads\s+of\s+(?:state|government)|governments|(?:foreign|"
    r"defen[cs]e|finance)\s+ministers|ministers|officials)\s+(?:of|from)\s+"
    r"(?P<list>(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s+)+(?:and\s+)?"
    r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|(?:the\s+)?[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*)*\s+and\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
    r"\s*$")
# where a new clause starts before a speaker: "…, and X said"; "… after X stated that …"
_NEAR_SEPARATOR = re.compile(
    r"(?:[,;]|\band|\bwhile|\bbut|\bwhereas)\s*(?:(?:the|a|an|[^\W\d_]+['’]s?|[a-z]+)\s+){0,3}$")
# "X noted that, since Y has denied …": Y's verb is inside X's clause
_THAT_SUBORDINATE = re.compile(r"\bthat,?\s+(?:since|because|as|although|though|while|if|"
                               r"when|unless|whereas)\s+[^,;:\"“”]{0,40}$")
# "…, saying he hopes …": "hopes" is inside the participle's clause
_SAYING_BEFORE = re.compile(r"\b(?:saying|adding|noting|stressing|insisting|arguing|warning|"
                            r"explaining)\s+(?:that\s+)?$")
_TEMPORAL_SEPARATOR = re.compile(
    r"\b(?:after|before|because|since|once|until)\s+(?:(?:the|a|an|[^\W\d_]+['’]s?|[a-z]+)\s+)"
    r"{0,3}$")
# "expressed a clear intent", "voiced China's opposition to …": a noun, no clause
_NOUN_OBJECT = re.compile(r"\s+(?:a|an|the|his|her|its|their|our|[A-Z][\w-]*['’]s?\s+"
                          r"(?:[a-z]+\s+)?(?:opposition|support|concern|concerns|anger|"
                          r"dissatisfaction|regret|hope|hopes|condolences|solidarity)\b)\b")
# "tweeted his congratulatory message to …", "announced the result of the election": an act
# whose object is a thing, not what was said (unless a clause follows: "the result was …")
_ACT_VERBS = {"tweeted", "posted", "wrote", "announced", "announces", "released", "shared"}
_ACT_OBJECT = re.compile(
    r"\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:message|messages|statement|"
    r"result|results|decision|tweet|post|letter|video|verdict|outcome|winner|list|figures|"
    r"names|photo|picture)\b(?!\s+(?:that|was|is|were|are|would|will|had|has|could|should|"
    r"might|must)\b)")
# the participle's subject issued what says it: "issued (a) statement saying …"
_ISSUED = re.compile(r"\b(?:issued|released|posted|published|sent|shared|put\s+out)\s+"
                     r"(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w-]+\s+)?(?:statement|"
                     r"letter|video|message|post|note|tweet|communiqu[eé])\s*$")
_OBJECT_BEFORE = re.compile(r"\b(?:in|at|on|to|from|of|by|for|into|the|a|an)\s*$")
_RELATIVE_TAIL = re.compile(r",\s*(?:which|who|whom|whose|that|where|when)\b[^,;]*$")
_SOURCE_WORDS = {"statement", "statements", "report", "reports", "data", "figures", "results",
                 "estimates", "preliminary", "official", "latest", "a", "an", "the", "update",
                 "published", "released", "issued", "tally", "count"}
_DOCUMENTS = {"documents", "papers", "filings", "records", "sources", "observers", "people",
              "person", "witnesses", "reports"}
_CITED_AS = re.compile(r"\b(?:cited|quoted|citing|quoting)\s+(?P<who>[^,.;\"“”]{2,80}?)\s+as\s+$"
                       r"|(?P<quoted>[^,.;\"“”]{2,80}?)\s+(?:was|were|is|are|has\s+been)\s+quoted\s+"
                       r"(?:by\s+[^,.;\"“”]{1,60}?\s+)?as\s+$")  # "Lund was quoted as saying …"
_ANONYMOUS = re.compile(r"\b(?:unidentified|unnamed|anonymous)\b(?:\s+[a-z]+){0,2}$",
                        re.IGNORECASE)
_JOINT = re.compile(r"(?<!\bon\s)(?<!\bof\s)(?<!\bfor\s)(?<!\bto\s)(?<!\bfrom\s)"
                    r"\b(?:[Tt]he\s+)?(?:[Tt]wo|[Bb]oth)\s+(countries|governments|nations|sides)"
                    r"\s*$")  # (not "officials on both sides said")
_ASIDE_END = re.compile(r"\s+(?:for|on\s+behalf\s+of)\s[^,;.:\"“”]{1,80},\s+(?:said|says|wrote|"
                        r"writes|told|added|argued|noted|warned|concluded|stated)\b")


def _last_char(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not a space."""
    stripped = text[max(0, pos - 10):pos].rstrip()
    return stripped[-1:] if stripped else ""


_THAT_NEXT = re.compile(r"\s+that\b")
# participles that are always speech, even after "while": "while calling on her supporters …"
_ONLY_SPEECH = {"saying", "adding", "calling on", "urging", "warning", "insisting", "stressing",
                "telling", "noting", "arguing", "vowing", "pledging"}
_WHO = re.compile(r",\s*who\s+(?:also\s+|later\s+|earlier\s+|has\s+|had\s+)?$")


@dataclass
class Attribution:
    verb: tuple[int, int]
    word: str
    phrase: Phrase | None
    actors: list[Actor]
    boundary: int
    separate: bool
    direct: bool = False
    according: bool = False
    after_phrase: int = 0
    clause: tuple[int, int] | None = None
    extra: list[tuple[int, int]] = field(default_factory=list)
    relative: bool = False  # "Ruiz, who said she would resign, left": ends at the comma
    passed_on: bool = False  # "…, Reuters reported": ends the clause before it


def previous_quote_end(layout: Layout, sentence: Sentence, pos: int) -> int:
    before = layout.quotes_between(max(sentence.start, pos - 2000), pos)
    if before and before[-1].outer_end <= pos:
        return max(sentence.start, before[-1].outer_end)
    return max(sentence.start, pos - 2000)


SHORT_QUOTE = 3  # words: a quotation this short counts only with a tight attribution


def complete_sentence(content: str) -> bool:
    """"Where was everyone?" — a short quotation that is a whole sentence of its own."""
    return content[:1].isupper() and content.rstrip()[-1:] in ".?!"


def is_fragment(layout: Layout, quote: Quote, sentence: Sentence) -> bool:
    """``The fall is a "concern," X said``: a few quoted words inside the sentence (not
    opening it, not a sentence of their own) are a word of the reported clause."""
    text = layout.text
    content = " ".join(text[a:b] for a, b in quote.parts)
    return bool(text[sentence.start:quote.opened].strip()) and \
        len(content.split()) <= SHORT_QUOTE and not complete_sentence(content)


def fragment_before(layout: Layout, sentence: Sentence, pos: int) -> Quote | None:
    """The fragment quotation closing right before ``pos`` (with its comma inside the marks:
    ``"concern," X said``), if any."""
    before = layout.quotes_between(sentence.start, pos)
    if not before or layout.text[before[-1].outer_end:pos].strip(" ,"):
        return None
    quote = before[-1]
    if not layout.text[quote.opened:quote.outer_end].rstrip("\"”»' ").endswith(","):
        return None
    return quote if is_fragment(layout, quote, sentence) else None


_ANY_DAY = date(2000, 1, 1)  # where a date starts does not depend on the day it resolves to


def subject_end(text: str, lo: int, verb_start: int) -> int:
    """Where the speaker phrase before a verb ends: before a day ("Wang Yi on Tuesday said"),
    auxiliaries and adverbs ("has also said") and where it was said ("Ruiz in an interview
    with the Gazette said")."""
    end = trailing_date_start(text, lo, verb_start, _ANY_DAY)  # "Ortiz on Tuesday said"
    for _ in range(3):
        words = tokens(text, max(lo, end - 40), end)
        if words and words[-1].word.lower() in _AUX and not text[words[-1].end:end].strip():
            end = words[-1].start
            continue
        setting = _SETTING_TAIL.search(text, max(lo, end - 80), end)
        named = tokens(text, max(lo, end - 120), setting.start()) if setting else []
        if setting is not None and named and len(text[setting.start():end].split()) <= \
                _SETTING_WORDS and named[-1].word[:1].isupper() and \
                named[-1].word.lower() not in PEOPLE_NOUNS | ORG_NOUNS:  # (not "Analysts at X")
            end = setting.start()  # "Ana Ruiz at a press conference in Lima said"
            continue
        break
    return end


def attributions_in(layout: Layout, sentence: Sentence, cast: Cast) -> list[Attribution]:
    """Every speech verb of the sentence (outside quotations) and its speakers, in order."""
    text = layout.text
    found: list[Attribution] = []
    for match in VERB.finditer(text, sentence.start, sentence.end):
        if layout.quote_at(match.start()) is not None:
            continue
        lo = previous_quote_end(layout, sentence, match.start())
        prev = tokens(text, max(lo, match.start() - 40), match.start())
        if not_speech(text, match, prev):
            continue
        word = match.group()
        end = subject_end(text, lo, match.start())
        participle = word in PARTICIPLES
        comma_before = text[lo:end].rstrip().endswith(",")
        joined = bool(prev) and prev[-1].word.lower() in ("and", "but")  # "… and accused X"
        phrase = None if (participle and comma_before) or joined else \
            phrase_before(text, lo, end)
        relative = _WHO.search(text, lo, match.start()) if phrase is None else None
        if relative is not None:  # "said Mayer, who said he was a retired prosecutor"
            phrase = phrase_before(text, lo, relative.start())
        cited = _CITED_AS.search(text, lo, match.start()) if participle else None
        if cited is not None:  # "Media reports cited X as saying …": X
            who = "who" if cited.group("who") else "quoted"
            phrase = phrase_before(text, cited.start(who), cited.end(who))
        if participle and phrase is not None and (
                _OBJECT_BEFORE.search(text[lo:phrase.start])
                or _ISSUED.search(text, lo, match.start())):
            phrase = None  # "made an attack on Singh in the Lok Sabha telling him that …",
            # "issued a statement saying …": the sentence's speaker
        coordinated = bool(prev) and prev[-1].word.lower() in ("and", "but") and phrase is None
        actors: list[Actor] = []
        after_phrase = match.end()
        joint = _JOINT.search(text, max(lo, end - 40), end) if phrase is None else None
        if phrase is not None and _ANONYMOUS.search(text, max(lo, phrase.start - 40),
                                                    phrase.words[0].end):
            pass  # "cited unidentified officials as saying": no one to name
        elif joint is not None:  # "the two countries said": each of them
            actors = joint_sides(cast, joint.start(), joint.group(1).lower() != "sides")
            for actor in actors:
                cast.spoke(actor, joint.start())
        elif phrase is not None:
            for mention in analyse([t.word for t in phrase.words],
                                   [t.word for t in phrase.description], phrase.appositive):
                role = unnamed_role(text, phrase, mention)  # "A spokesman says": not named
                actor = cast.resolve(role or mention, phrase.start)
                if actor is not None:
                    actors.append(actor)
                    cast.note(actor, phrase.start)
                    cast.spoke(actor, phrase.start)
        elif (states := _listed_states(text, lo, end)):
            actors = [cast.side(state) for state in states]  # one statement per state
        elif word in PARTICIPLES or coordinated:
            actors = _inherited(text, sentence, found, cast)
            for actor in actors:
                cast.spoke(actor, match.start())
        elif text[lo:match.start()].rstrip().endswith(",") and \
                word.lower() not in ("told", "tells", "telling"):  # "…, told AFP": the object
            phrase = phrase_after(text, match.end(), sentence.end)
            tail_end = (phrase.skipped[1] if phrase and phrase.skipped else
                        phrase.end if phrase else sentence.end)
            if phrase is not None and (phrase.words[0].word.lower() in ("he", "she", "it",
                                                                         "they") or
                                       text[tail_end:min(sentence.end, tail_end + 40)]
                                       .lstrip()[:1] not in ("", ",", ".", ";")):
                phrase = None
            if phrase is not None:
                for mention in analyse([t.word for t in phrase.words], None, phrase.appositive):
                    actor = cast.resolve(mention, match.start())
                    if actor is not None:
                        actors.append(actor)
                        cast.spoke(actor, phrase.start)  # "…, said X. On …, he said": X
                after_phrase = phrase.skipped[1] if phrase.skipped else phrase.end
        passed_on = word.lower() in ("reported", "reports") and (
            _AGENCY_BEFORE.search(text, max(lo, match.start() - 60), match.start()) is not None
            or (bool(actors) and all(actor.name in NEWS_AGENCIES for actor in actors)))
        if passed_on:
            actors = []  # "…, Reuters reported": the agency passes on, no one says
        subject_start = phrase.start if phrase is not None and phrase.start < match.start() \
            else match.start()
        if coordinated:
            subject_start = prev[-1].start
        head_start = max(lo, subject_start - 150)
        head = text[head_start:subject_start]
        near = _NEAR_SEPARATOR.search(head) or (
            _TEMPORAL_SEPARATOR.search(head) if _THAT_NEXT.match(text, match.end()) else None)
        if near and VERB.search(head, near.start() + 1):
            near = None  # ", saying they threatened …": inside the clause "saying" opens
        separate = coordinated or relative is not None or not text[lo:subject_start].strip() \
            or (bool(near) and not _RELATIVE_TAIL.search(head)
                and not _THAT_SUBORDINATE.search(head) and not _SAYING_BEFORE.search(head))
        if found and not separate and phrase is not None and phrase.start < match.start():
            for actor in actors:  # nested in the clause before: its speaker goes on for "he"
                cast.unspoke(actor, phrase.start)
        boundary = head_start + near.start() if near and not coordinated else subject_start
        if relative is not None:
            boundary = relative.start()
        comma = text.rfind(",", lo, match.start()) if passed_on else -1
        if comma >= 0 and match.start() - comma <= 60:
            boundary = comma  # "…, the ITAR-Tass news agency reported": from its comma
        direct = not coordinated and lo > sentence.start and \
            not text[lo:subject_start].strip(" ,—–-\n") and \
            fragment_before(layout, sentence, subject_start) is None
        found.append(Attribution((match.start(), match.end()), word.lower(), phrase, actors,
                                  boundary, separate or passed_on, direct,
                                  after_phrase=after_phrase, relative=relative is not None,
                                  passed_on=passed_on))
    found.extend(_according(layout, sentence, cast, found))
    found.sort(key=lambda a: a.verb[0])
    return found


# "…, the ITAR-Tass news agency reported", "…, Reuters reported": an agency passes it on
_AGENCY_BEFORE = re.compile(r"\b(?:news\s+agency|wire\s+service|" + "|".join(
    re.escape(name) for name in sorted(NEWS_AGENCIES, key=len, reverse=True)) + r")\s*$")
_THREATS = ("threatened", "threatens", "threatening")
# "has never threatened anyone with its sanctions": an act, not "threatened to quit"
_THREAT_ACT = re.compile(r"\s+(?!to\b|that\b)(?:[\w'’-]+\s+){1,3}?with\b")


def not_speech(text: str, match: re.Match[str], prev: list) -> bool:
    """A passive ("was told"), "as reported by …" (not "cited X as saying"), "expressed a
    clear intent", "while writing a ticket", "the ruling", "threatened anyone with
    sanctions"."""
    last = prev[-1].word.lower() if prev else ""
    if match.group() in PARTICIPLES and last in ("while", "when", "after", "before") and \
            match.group() not in _ONLY_SPEECH and not _THAT_NEXT.match(text, match.end()):
        return True  # "shot while writing a ticket" (not "after announcing that …")
    if match.group() in PARTICIPLES and _last_char(text, match.start()) == "," and \
            _ASIDE_END.match(text, match.end()):
        return True  # "Thomas, writing for the majority, said …": an aside, not the verb
    if match.group() == "ruling" and not _THAT_NEXT.match(text, match.end()):
        return True  # "the ruling", "a 2-1 ruling" (not "…, ruling that the law …")
    cited = last == "as" and _CITED_AS.search(text, max(0, match.start() - 120), match.start())
    return last in _PASSIVE or (last == "as" and not cited) or (
        match.group() in ("expressed", "voiced") and bool(_NOUN_OBJECT.match(text, match.end()))
    ) or (match.group() in _ACT_VERBS and bool(_ACT_OBJECT.match(text, match.end()))) or (
        match.group() in _THREATS and bool(_THREAT_ACT.match(text, match.end())))


def _listed_states(text: str, lo: int, end: int) -> list[str]:
    """The states of "the leaders of A, B, and C" ending at ``end``, when all are states."""
    match = _STATE_LIST.search(text[max(lo, end - 200):end].rstrip())
    if not match:
        return []
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("list"))
    states = []
    for item in items:
        item = re.sub(r"^the\s+", "", item.strip())
        name = SIDE_NAMES.get(item) or SIDE_ADJECTIVES.get(item)
        if name is None or SIDE_KINDS.get(name) != "state":
            return []
        states.append(name)
    return list(dict.fromkeys(states)) if len(states) > 1 else []


def _inherited(text: str, sentence: Sentence, found: list[Attribution],
               cast: Cast) -> list[Actor]:
    for attribution in reversed(found):
        if attribution.actors:
            return attribution.actors
    start = sentence.start
    first = re.match(r"\s*([^\W_]+)", text[start:min(sentence.end, start + 100)])
    if first and first.group(1).lower() in ("he", "she"):  # "He has not ruled out …, adding"
        actor = cast.resolve(Mention("pronoun", name=first.group(1).lower()), start)
        return [actor] if actor is not None else []
    if first and (first.group(1).endswith("ing") or first.group(1) in STOP_CAPS) and \
            first.group(1) not in ("A", "An", "The"):  # ("A federal judge …, ruling that")
        comma = text.find(",", start, sentence.end)  # "Testifying before …, X said"
        if comma < 0:
            return []
        start = comma + 1
        while start < sentence.end and text[start].isspace():
            start += 1
    phrase = phrase_after(text, start, sentence.end)
    if phrase is None:
        return _unnamed_subject(text, start, sentence, cast)
    actors = []
    for mention in analyse([t.word for t in phrase.words], None, phrase.appositive):
        actor = cast.resolve(mention, phrase.start)
        if actor is not None:
            actors.append(actor)
    return actors


_UNNAMED_SUBJECT = re.compile(r"\s*(?:A|An)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+"
                              r"(?:in|at|on|from|for|of|[a-z]+ed)\b")


def _unnamed_subject(text: str, start: int, sentence: Sentence, cast: Cast) -> list[Actor]:
    """"A federal judge in Texas blocked …, ruling that …": the unnamed role opening the
    sentence."""
    match = _UNNAMED_SUBJECT.match(text, start, sentence.end)
    if match is None:
        return []
    mentions = analyse(["a", *match.group(1).split()])
    if len(mentions) != 1 or mentions[0].kind != "role":
        return []
    actor = cast.resolve(mentions[0], match.start(1))
    return [actor] if actor is not None else []


def _in_accordance(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """``act according to its principles``, ``proceed according to the law``: how a thing is
    done (inside a clause, before a rule), not who says it."""
    before = text[sentence.start:match.start()].rstrip()
    return bool(before) and before[-1] not in ",;:—–-(" and \
        _RULE.match(text, match.end(), sentence.end) is not None


def _according(layout: Layout, sentence: Sentence, cast: Cast,
               verbs: list[Attribution]) -> list[Attribution]:
    text = layout.text
    result = []
    for match in _ACCORDING.finditer(text, sentence.start, sentence.end):
        if layout.quote_at(match.start()) is not None or _in_accordance(text, sentence, match):
            continue
        stop = _phrase_stop(text, match.end(), sentence.end)
        if match.group().startswith("In"):  # "In Lund's view, …": Lund's words
            if text[sentence.start:match.start()].strip():
                continue
            stop = text.rfind(" ", match.end(), stop)
            stop -= 2 if text[stop - 2:stop] in ("'s", "’s") else 0
        actors = []
        pronoun = text[match.end():stop].strip().lower()
        if not any((v.actors or v.direct) and not _later_clause(text, stop, v) for v in verbs):
            if pronoun in _OBJECT_PRONOUNS:  # "According to him, …", "In his words, …"
                actor = cast.resolve(Mention("pronoun", name=_OBJECT_PRONOUNS[pronoun]),
                                     match.start())
                actors = [actor] if actor is not None else []
            else:
                actors = _source_actors(text, match.end(), stop, cast)
        head = text[sentence.start:match.start()]
        sep = re.search(r"[,;]?\s*$", head)
        boundary = sentence.start + sep.start() if sep else match.start()
        attribution = Attribution((match.start(), match.end()), "according", None, actors,
                                   boundary, True, according=True, after_phrase=stop)
        result.append(attribution)
    return result


# "According to X, A - but Y has denied it": Y's verb opens a clause of its own
_NEW_CLAUSE = re.compile(r"(?:\s[-–—]\s*|[,;]\s*)(?:but|while|whereas)\s")


def _later_clause(text: str, stop: int, verb: Attribution) -> bool:
    return verb.separate and verb.boundary > stop and \
        _NEW_CLAUSE.search(text, stop, verb.verb[0]) is not None


def _phrase_stop(text: str, start: int, end: int) -> int:
    """Where the noun phrase after "according to" ends: at a comma, a semicolon or a full
    stop, not the stop of an abbreviation ("according to Gov. Haley, …")."""
    for stop in _NP_END.finditer(text, start, end):
        word = re.search(r"(\w+)$", text[start:stop.start()])
        if stop.group().startswith(".") and word and (word.group(1) in ABBREVIATIONS or
                                                      len(word.group(1)) == 1):
            continue
        return stop.start()
    return end


def _trim(text: str, end: int) -> int:
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return end


def _source_actors(text: str, start: int, stop: int, cast: Cast) -> list[Actor]:
    words = tokens(text, start, stop)
    names = [t.word for t in words]
    lowered = [n.lower() for n in names]
    for link in ("by", "from", "for"):
        if link in lowered:
            i = len(lowered) - 1 - lowered[::-1].index(link)
            words = words[i + 1:]
            break
    if any(t.word.lower() in _DOCUMENTS for t in words):
        return []
    kept = [t for t in words if t.word.lower() not in _SOURCE_WORDS]
    phrase = phrase_after(text, kept[0].start, stop) if kept else None
    if phrase is not None and re.search(r"['’]s?$", phrase.words[-1].word) and \
            phrase.words[-1].end < kept[-1].end:
        names = [t.word for t in kept]  # "the NPP's outspoken MP": the MP, on its side
    elif phrase is not None:
        names = [t.word for t in phrase.words if t.word.lower() not in _SOURCE_WORDS]
    else:  # "the port operators' association ZDS": the name that ends the phrase
        names = []
        for tok in reversed(kept):
            if not tok.word[:1].isupper() or tok.word in STOP_CAPS:
                break
            names.insert(0, tok.word)
        if not names or len(names) == len(kept) or kept[-1].end != _trim(text, stop):
            return []
    actors = []
    for mention in analyse(names):
        actor = cast.resolve(mention, start)
        if actor is not None:
            actors.append(actor)
            cast.note(actor, start)
    return actors
