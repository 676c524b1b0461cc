"""Reported speech: ``X said (that) …``, ``…, X said``, ``according to X``, ``X warned …``.

Each sentence's attributions are found first (verb + speaker); each one's reported clause
then runs to the sentence's end or to the next attribution that starts a new clause.
"""

from __future__ import annotations

import re
from datetime import date

from extractor.attributions import (
    PARTICIPLES,
    VERB,
    Attribution,
    attributions_in,
    fragment_before,
)
from extractor.cast import Cast
from extractor.clause_end import trim_end
from extractor.found import Found, region_date
from extractor.relative_dates import find_dates, leading_date_end
from extractor.segment import Layout, Sentence, tokens

_REPORTED_PARTICIPLES = frozenset(PARTICIPLES)
_INFINITIVE_VERBS = {"urged", "urging", "pledged", "promised", "vowed", "threatened", "proposed",
                     "called on", "calls on", "calling on", "ordered", "urges", "pledges",
                     "promises", "vows", "threatens", "vowing", "pledging", "promising"}
# verbs whose object is what was said, a noun too: "ruled out any coalition with X"
_NOUN_OBJECT_VERBS = {"expressed", "voiced", "accused", "accuses", "urged", "urging", "urges",
                      "ruled out", "rules out"}
_TOLD = {"told", "tells", "telling", "assured", "reassured", "informed", "reminded", "assures"}
# verbs that also take a plain object ("claimed victory", "announced the decision"): their
# reported clause needs "that" or a pronoun subject ("announced it would …")
_THAT_VERBS = {"claimed", "claims", "announced", "announces", "declared", "confirmed",
               "confirms", "denied", "acknowledged", "admitted", "revealed", "disclosed",
               "predicted", "estimated", "indicated", "signalled", "signaled", "hinted",
               "observed", "remarked", "concluded", "ruled", "recalled", "alleged", "testified",
               "expressing", "acknowledging", "highlighted", "underlined", "underscored",
               "lamented", "reported", "mentioned", "apologised", "apologized", "dismissed",
               "decried", "conceded", "rued", "explained", "reiterated", "repeated", "echoed",
               "proclaimed", "affirmed", "reaffirmed", "assured", "reassured", "boasted",
               "recounted", "retorted", "reasoned", "speculated", "forecast",
               "projected", "hoped", "feared", "believed", "announcing", "stating", "worried",
               "alleges", "admits", "acknowledges", "concedes", "concludes", "declares",
               "estimates", "explains", "predicts", "recalls", "reiterates", "reveals", "hopes",
               "fears", "worries", "proclaims", "affirms", "confirming", "denying", "recalling",
               "admitting", "conceding", "reiterating", "declaring", "clarified", "clarifies",
               "clarifying", "called for", "calls for", "expect", "expects", "stressed",
               "stresses", "emphasised", "emphasized", "emphasises", "emphasizes", "noted",
               "notes", "pointed out", "points out", "promised", "promises", "pledged",
               "pledges", "vowed", "vows", "threatened", "threatens"}
_OBJECTS = frozenset([
    "reporters", "journalists", "lawmakers", "parliament", "mps", "supporters", "delegates",
    "students", "him", "her", "them", "us", "me", "viewers", "listeners", "investors", "analysts",
    "senators", "legislators", "committee", "members", "staff", "employees", "workers",
    "shareholders", "colleagues", "police", "officers", "court", "jury", "judges", "congress",
    "council", "crowd", "audience", "party", "newspaper", "broadcaster", "radio", "television"
])
_OBJECT_WORDS = 4  # words of an object of "told" that no list names: "emergency personnel"
# who is told, and what starts the clause told after them
_HEARERS = _OBJECTS | {"conference", "briefing", "personnel", "rally", "meeting", "hearing",
                       "forum", "summit", "gathering", "session", "audience", "panel", "crowd",
                       "assembly", "officials", "residents", "families", "press", "media",
                       "correspondents", "delegation", "delegates", "crews", "troops", "voters",
                       "station", "channel", "network", "agency", "outlet", "magazine", "paper",
                       "website", "podcast", "programme", "program", "show"}
_CLAUSE_OPENERS = {"the", "there", "it", "he", "she", "they", "we", "i", "his", "her", "its",
                   "their", "this", "these", "those", "a", "an", "no", "all", "some", "most"}
_PRONOUN_SUBJECTS = {"it", "he", "she", "they", "we", "there", "i", "this"}
_ADVERBIAL_START = {"on", "in", "at", "during", "after", "before", "to", "with", "via",
                    "through", "from", "earlier", "later", "late", "early", "last", "this",
                    "also", "again", "yesterday", "today", "tonight", "previously", "repeatedly",
                    "publicly", "privately", "separately", "recently", "then", "overnight", "by",
                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "shortly", "outside", "inside", "afterwards", "while"}
_DAY_THEN_AND = re.compile(r"[^,;.]{1,30},\s*(?:and|but|while|as)\b")
_WRITER_GOES_ON = re.compile(r"\s*,\s*(?:and|but|while|as)\b")
_ANY_DAY = date(2000, 1, 1)  # where a date ends does not depend on the day it resolves to
_PREPOSITIONS = {"on", "after", "at", "in", "during", "before", "following"}
_BAD_START = {"goodbye", "farewell", "hello", "grace", "thanks", "prayers",
              "to", "in", "on", "at", "by", "for", "with", "from", "of", "about", "after",
              "before", "during", "into", "as", "and", "but", "or", "outside", "inside", "so",
              "it.", "nothing", "more", "no", "little", "something", "anything", "much"}
_GAP_START = {"had", "has", "have", "was", "were", "is", "are", "would", "could", "will",
              "should", "been", "be", "can", "may", "might", "must", "did", "does"}
_DANGLING = {"on", "in", "at", "of", "to", "for", "with", "up", "about", "from", "by", "into",
             "over", "the", "a", "an"}
_QUANTITY = re.compile(r"(?:at least|at most|up to|about|around|more than|fewer than|less than)"
                       r"\s+[\d$£€]", re.I)
_NOT_TRAILING = re.compile(r"^(?:[^\W_]+ing\b|which\b|who\b|as\b|according\b|a day\b|adding\b)")
# a noun phrase, then its verb: "the suspect was …", "the Government needed …"
# a sentence adverb opening the reported clause: "said with hindsight the lockdown was late"
_CLAUSE_ADVERB = re.compile(r"(?:with\s+hindsight|in\s+hindsight|on\s+reflection|"
                            r"in\s+retrospect|in\s+fact|of\s+course),?\s+", re.I)
_SUBJECT_THEN_VERB = re.compile(
    r"(?!(?:a|an)\s)(?:the|its|his|her|their|this|these|those)?\s*(?:[\w'’-]+\s+){0,5}?"
    r"(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might|"
    r"needed|needs)\b")
_DESCRIBED = re.compile(r",\s*(?:[a-z][\w'’-]*\s+){1,3}$")  # lower-case words before a name
_LINKING = {"and", "but", "or", "while", "as", "so", "then", "which", "who", "that", "when",
            "where", "because", "if", "although", "though", "whereas", "since", "after"}
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
                     r"might|does|did)\b|n['’]t\b")
# "Speaking to reporters on Thursday, she said": a participle and its phrase (not "Lending
# fell by 3 percent, the office said": a noun in -ing and its verb)
_PARTICIPLE_OPENING = re.compile(r"[A-Z][a-z]+ing\s+(?:[a-z]+ly\s+)?(?:to|at|on|in|after|before|"
                                 r"with|from|about|during|outside|inside|for|by|through|the|a|"
                                 r"an|his|her|their|its|our|this|that|those|these|reporters|"
                                 r"journalists|[A-Z])\b|[A-Z][a-z]+ing\s*,")
_SKEPTICAL = re.compile(r"^(?:skepticism|scepticism|doubts?)\b", re.I)


# a clause that only sets the occasion: "Also on Monday", "At a press conference in Washington"
_SETTING = re.compile(r"(?i)(?!at\s+(?:least|most)\b)"
                      r"(?:also\s+|earlier\s+|later\s+)?(?:at|on|in|during|after|before|"
                      r"earlier|later|speaking|asked|when|while|from)\b(?:(?!\b(?:is|are|was|"
                      r"were|will|would|has|have|had|can|could|should|must|may|might|be|"
                      r"did|does|do)\b)[^.;:!?])*")


def find_reported(layout: Layout, sentence: Sentence, cast: Cast,
                  published: date) -> tuple[list[Found], list[tuple[int, int]]]:
    """Reported statements in ``sentence``, and the spans of their clauses."""
    text = layout.text
    attributions = _clauses(layout, sentence, attributions_in(layout, sentence, cast), cast)
    found: list[Found] = []
    spans = []
    for index, attribution in enumerate(attributions):
        if attribution.clause is None or not attribution.actors:
            continue
        zone = Sentence(sentence.start if index == 0 else attribution.boundary,
                        attributions[index + 1].boundary if index + 1 < len(attributions)
                        else sentence.end, sentence.paragraph)
        start, end = attribution.clause
        while start < end and (text[start].isspace() or text[start] == ","):
            start += 1
        start = leading_date_end(text, start, end, published)  # "said Tuesday the …"
        pieces = [(start, end), *attribution.extra]
        body = " ".join(text[a:b].strip(" ,") for a, b in pieces)
        if _SETTING.fullmatch(body):
            continue  # "Also on Monday, X said, "…"": the occasion, not what was said
        span_end = max(b for _a, b in pieces)
        spans.append((start, span_end))
        exclude = pieces + [(q.opened, q.outer_end) for q in layout.quotes_between(
            max(sentence.start, zone.start - 2000), zone.end)]
        if attribution.phrase and attribution.phrase.skipped:
            exclude.append(attribution.phrase.skipped)
        when = region_date(text, published, zone, exclude,
                           attribution.phrase.skipped if attribution.phrase else None)
        stance = "skeptical" if attribution.word == "expressed" and _SKEPTICAL.match(body) \
            else None
        for actor in attribution.actors:
            found.append(Found(actor, "reported", body, (start, span_end), when,
                               sentence.paragraph, "according" if attribution.according
                               else "reported", stance))
    return found, spans


def _clauses(layout: Layout, sentence: Sentence, attributions: list[Attribution],
             cast: Cast) -> list[Attribution]:
    text = layout.text
    live: list[Attribution] = []
    for attribution in attributions:
        if live and not attribution.according and attribution.separate and \
                _subordinate(text, live[-1], attribution):
            for actor in attribution.actors:  # a name in what was said, not a speaker
                cast.unspoke(actor, attribution.phrase.start if attribution.phrase else -1)
            continue
        if live and _relayed(text, live[-1], attribution):
            live[-1] = attribution  # "Yonhap reported that X said …": X's words
            continue
        if live and not attribution.separate and not attribution.according:
            continue  # nested in the previous clause ("said Russia has agreed …")
        live.append(attribution)
    for i, attribution in enumerate(live):
        following = [a.boundary for a in live[i + 1:]]
        stop = min(following) if following else sentence.end
        if attribution.according:
            _according_clause(layout, sentence, attribution, live, i)
            continue
        if attribution.direct or attribution.clause is not None:
            continue
        start = _forward_start(layout, sentence, attribution)
        if attribution.relative and start is not None:
            comma = text.find(",", start, stop)
            stop = comma if comma > 0 else stop
        if start is not None and start < stop:
            end = trim_end(text, start, stop)
            if _valid(text, start, end, attribution.word):
                attribution.clause = (start, end)
                continue
        _backward_clause(layout, sentence, attribution, live[:i], stop)
    return live


# "noted that, since X has denied it, there is …": a speaker inside the clause's opening
# subordinate clause is part of what was said
_SUBORDINATE = re.compile(r"\s*that\s*,?\s*(?:since|if|although|though|because|when|while|as|"
                          r"unless|once|given\s+that|even\s+though)\s+[^,;:.\"“”]*$")


def _subordinate(text: str, before: Attribution, attribution: Attribution) -> bool:
    subject = attribution.phrase.start if attribution.phrase and \
        attribution.phrase.start < attribution.verb[0] else attribution.verb[0]
    return before.after_phrase < subject and bool(
        _SUBORDINATE.match(text[before.after_phrase:subject]))


def _relayed(text: str, before: Attribution, attribution: Attribution) -> bool:
    """"Yonhap reported that X said …": the report only carries X's statement."""
    if before.word not in ("reported", "reports") or not attribution.actors or \
            attribution.word not in ("said", "says", "told"):
        return False
    subject = attribution.phrase.start if attribution.phrase and \
        attribution.phrase.start < attribution.verb[0] else attribution.verb[0]
    return before.after_phrase <= subject and \
        re.fullmatch(r"\s*(?:that\s*)?", text[before.after_phrase:subject]) is not None


def _forward_start(layout: Layout, sentence: Sentence, attribution: Attribution) -> int | None:
    text = layout.text
    pos = attribution.after_phrase
    word = attribution.word
    limit = min(sentence.end, pos + 160)
    that = re.compile(r"\bthat\b").search(text, pos, limit)
    if that:
        between = text[pos:that.start()]
        for mention in find_dates(text, date(2000, 1, 1), pos, that.start()):
            between = between.replace(text[mention.start:mention.end], " on ")
        first = re.match(r"\s*,?\s*([^\W_]+)", between)
        adverbial = bool(first and first.group(1).lower() in _ADVERBIAL_START)
        plain = not re.search(r"[\"“”;:,]", between) and len(between.split()) <= 8
        # "said on Tuesday, a day before the decision, that …": a set-off aside
        aside = adverbial and not re.search(r"[\"“”;:]", between) and \
            len(between.split()) <= 12 and between.rstrip().endswith(",")
        # "said on Sunday after a meeting with A, B and C that …"
        long_adverbial = bool(first) and first.group(1).lower() in _PREPOSITIONS and \
            not re.search(r"[\"“”;:]|,\s*\w+ing\b", between) and len(between.split()) <= 20 \
            and not VERB.search(between)
        if (plain and (not between.strip() or adverbial or word in _TOLD)) or aside or \
                long_adverbial:
            return that.end()
    if word in _TOLD:
        pos = _skip_object(text, pos, limit)
        if pos is None:
            return None
        place = _PLACE_AFTER.match(text, pos, limit)
        pos = place.end() if place else pos  # "told reporters in Luxembourg the …"
    if word in ("accused", "accusing", "accuses"):  # "accused the regulator of …"
        of = re.compile(r"^[^,;:.\"“]{0,60}?\b(?:of|for)\s+").match(text[pos:limit])
        if of:
            pos += of.end()
    start = pos
    while start < sentence.end and text[start].isspace():
        start += 1
    if _DAY_THEN_AND.match(text, start, limit):  # (a cheap look before the dates' reading)
        when = find_dates(text, _ANY_DAY, start, limit)
        if when and when[0].start == start and _WRITER_GOES_ON.match(text, when[0].end):
            return None  # "…, officials said Tuesday, and another 2,500 were injured"
    start = leading_date_end(text, start, sentence.end, _ANY_DAY)  # "said on June 9 the …"
    setting = _SETTING_LEAD.match(text, start, limit)
    if setting and word not in _TOLD:  # "said in a statement it was alarmed …"
        start = leading_date_end(text, setting.end(), sentence.end, _ANY_DAY)
    if start >= sentence.end:
        return None
    adverb = _CLAUSE_ADVERB.match(text, start, limit)  # "saying with hindsight lockdown …"
    probe = adverb.end() if adverb and _SUBJECT_THEN_VERB.match(text, adverb.end(), limit) \
        else start
    nxt = re.match(r"[^\W_]+", text[probe:min(sentence.end, probe + 100)])
    if not nxt:
        return start if text[start] in "\"“" else None
    first = nxt.group().lower()
    if _QUANTITY.match(text, start):
        return start
    if first == "to" and word in _INFINITIVE_VERBS:
        return start
    if word in _THAT_VERBS and first not in _PRONOUN_SUBJECTS and \
            not _SUBJECT_THEN_VERB.match(text, probe, limit):
        return None  # "conceded the race"; not "confirmed the suspect was a student"
    if first in _BAD_START or first in ("reporters", "journalists"):
        return None
    if word in _NOUN_OBJECT_VERBS or \
            first not in _GAP_START:
        return start
    return None


# where it was said, between the verb and an unmarked clause: "said in a statement it was …"
_SETTING_LEAD = re.compile(
    r"(?:in|at|on|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|address|speech|post|briefing|conference|letter|note|video|message|"
    r"filing|tweet|release|ruling|judgment|decision)\b(?:\s+(?:on|to|with)\s+[^,;.\"“]{1,40}?)?"
    r"\s*,?\s+(?=(?:it|he|she|they|we|the|there|this|[A-Z])\b)")


_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?=[\s,])")


def _skip_object(text: str, pos: int, limit: int) -> int | None:
    words = tokens(text, pos, limit)
    if not words:
        return None
    i = 0
    if words[0].word.lower() in ("the", "a", "an"):
        i = 1
    if i < len(words) and (words[i].word[0].isupper() or words[i].word.lower() in _OBJECTS):
        j = i
        while j + 1 < len(words) and words[j + 1].word[0].isupper() and \
                not text[words[j].end:words[j + 1].start].strip():
            j += 1
        return words[j].end
    for j in range(i + 1, min(i + _OBJECT_WORDS, len(words))):  # "told a news conference the …"
        if text[words[i].start:words[j].start].count(",") or words[j - 1].word.lower() in \
                _PRONOUN_SUBJECTS | {"the", "a", "an"}:
            return None
        if words[j - 1].word.lower() in _HEARERS and (
                words[j].word.lower() in _CLAUSE_OPENERS or
                _PLACE_AFTER.match(text, words[j - 1].end)):  # "a news conference in Brussels"
            return words[j - 1].end
    return None


def _valid(text: str, start: int, end: int, word: str) -> bool:
    words = [t.word.lower() for t in tokens(text, start, end)]
    if len(words) < 2 or (len(words) < 3 and word not in _NOUN_OBJECT_VERBS):
        return False
    phrasal = words[-1] not in ("the", "a", "an") and words[-2].endswith("ed")  # "accounted for"
    quoted = text[end - 1] in "\"”’»"  # was "far from over": the speaker's words end it
    return words[0] not in _GAP_START and (words[-1] not in _DANGLING or phrasal or quoted)


def _backward_clause(layout: Layout, sentence: Sentence, attribution: Attribution,
                     earlier: list[Attribution], stop: int) -> None:
    text = layout.text
    subject_start = attribution.phrase.start if attribution.phrase else attribution.verb[0]
    if attribution.phrase and attribution.phrase.start > attribution.verb[0]:
        subject_start = attribution.verb[0]
    elif attribution.phrase and attribution.phrase.skipped and \
            attribution.phrase.skipped[0] < subject_start:
        subject_start = attribution.phrase.skipped[0]  # "The union's leader, Marta Sanz, …"
    described = _DESCRIBED.search(text, sentence.start, subject_start)
    if described is not None and not set(described.group().lower().split()) & _LINKING:
        subject_start = described.start() + 1  # "…, harbour director Ana Ruiz said"
    head = text[sentence.start:subject_start].rstrip()
    fragment = fragment_before(layout, sentence, subject_start)
    if fragment is not None:  # 'The fall is a "concern," X said': the clause keeps its marks
        head = text[sentence.start:fragment.outer_end] + ","
    elif not head.endswith(",") or head.rstrip(",").rstrip()[-1:] in "\"”»":
        return
    after_verb = text[attribution.after_phrase:min(stop, attribution.after_phrase + 300)]
    if re.match(r"[^,.;]*?[:\"“]", after_verb):
        return
    first = re.match(r"\s*([^\W_]+)", after_verb)
    if first and attribution.word not in _TOLD and not after_verb.lstrip().startswith(",") and \
            first.group(1).lower() not in _ADVERBIAL_START:
        return  # "Africa CDC, declared a continental emergency": an object, not a clause
    begin = sentence.start
    lead = re.match(r"\s*[Aa]ccording to [^,]{1,120},\s*", text[begin:subject_start])
    if lead:
        begin += lead.end()
    for other in earlier:  # (not "… if that is what the evidence suggests, X said")
        if other.verb[0] < subject_start and (other.actors or other.clause) and \
                other.word not in _REPORTED_PARTICIPLES:
            return  # ("A did B, saying C, the ministry said": the ministry's, C inside it)
    comma = sentence.start + len(head) - 1
    end = trim_end(text, begin, comma)
    if layout.quote_at(begin) is not None or (_PARTICIPLE_OPENING.match(text[begin:end])
                                               and not _FINITE.search(text, begin, end)):
        return  # a quotation, or "Speaking to reporters on Thursday, she said: …" (not "Doing
        # so simply isn't feasible, he said")
    after = attribution.after_phrase
    if attribution.word in _TOLD:
        skipped = _skip_object(text, after, stop)
        after = skipped if skipped is not None else after
    extra = []
    tail = re.match(r"(?:\s+[^,;.]{0,60}?)?,\s*(?=\S)", text[after:min(stop, after + 100)])
    if tail:
        rest_start = after + tail.end()
        if not _NOT_TRAILING.match(text[rest_start:min(stop, rest_start + 40)]) and \
                layout.quote_at(rest_start) is None:  # '…, X said, "but …"': a quotation
            rest_end = trim_end(text, rest_start, stop)
            if rest_end > rest_start:
                extra.append((rest_start, rest_end))
    words = len(tokens(text, begin, end)) + sum(len(tokens(text, a, b)) for a, b in extra)
    if words < 3 or not _valid(text, begin, extra[-1][1] if extra else end, "said"):
        return
    attribution.clause = (begin, end)
    attribution.extra = extra


def _according_clause(layout: Layout, sentence: Sentence, attribution: Attribution,
                      live: list[Attribution], index: int) -> None:
    if not attribution.actors:
        return
    text = layout.text
    start = attribution.verb[0]
    if not text[sentence.start:start].strip():
        comma = text.find(",", attribution.after_phrase, sentence.end)
        if comma < 0:
            return
        begin = comma + 1
        later = [a.boundary for a in live[index + 1:] if a.boundary > begin]
        end = trim_end(text, begin, min(later) if later else sentence.end)
        if _valid(text, begin, end, "said"):
            attribution.clause = (begin + len(text[begin:end]) - len(text[begin:end].lstrip()),
                                  end)
        return
    begin = sentence.start
    for other in live[:index]:
        if other.clause:
            return
    end = trim_end(text, begin, attribution.boundary)
    if not _valid(text, begin, end, "said"):
        return
    attribution.clause = (begin, end)
    tail = re.match(r",\s*(and|but)\s+", text[attribution.after_phrase:min(
        sentence.end, attribution.after_phrase + 20)])
    if tail:
        rest_start = attribution.after_phrase + tail.start() + 1
        rest_start += len(text[rest_start:]) - len(text[rest_start:].lstrip())
        attribution.extra.append((rest_start, trim_end(text, rest_start, sentence.end)))
