"""Propose a topic for each statement of an extracted article.

A statement is described by the content words (:mod:`extractor.keywords`) of its own text,
of the sentence and paragraph around it, and the subjects their words speak of
(:data:`extractor.keywords.CONCEPTS`), weighted by how rare each word is
(TF-IDF). A statement goes to one of the store's topics when it is close enough to the
topic's name, description and the statements already filed under it. The rest are
grouped by average-linkage clustering; each group becomes a new topic named from the
words its statements share ("Humanitarian corridors"); a group that as a whole matches a
store topic joins it. Names of actors (speakers and sides) never name or join a topic.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from extractor.keywords import (
    CONCEPT_NAMES,
    STOP,
    concepts,
    content,
    name_stems,
    stem,
    word_set,
    words,
)
from extractor.lexicon import SIDE_ADJECTIVES
from extractor.segment import layout

#: Cosine similarity at which a statement joins a store topic on its own.
JOIN_EXISTING = 0.16
#: Average similarity at which two groups of the article's statements merge.
MERGE = 0.12
#: A statement left alone joins the nearest group at this similarity.
ATTACH = 0.04
_OWN, _SENTENCE, _PARAGRAPH = 1.0, 0.3, 0.1
_NAME_WEIGHT, _DESCRIPTION_WEIGHT = 3.0, 1.0
_CONCEPT = 1.5


@dataclass(frozen=True)
class KnownTopic:
    """A topic already in the store, with the texts of the statements filed under it."""

    name: str
    description: str | None = None
    texts: tuple[str, ...] = ()


@dataclass
class ProposedTopic:
    """A topic proposed for some statements: a store topic (``existing``) or a new one."""

    name: str
    statements: list[int] = field(default_factory=list)
    existing: bool = False
    description: str | None = None


def propose_topics(document: dict, known: list[KnownTopic] | None = None) -> list[ProposedTopic]:
    """Topics for the statements of ``document`` (an :func:`extractor.extract` result).

    Every statement id appears in at most one returned topic; existing topics come first.
    """
    known = known or []
    statements = document.get("statements") or []
    if not statements:
        return []
    actors = document.get("actors") or []
    names = [a.get("name", "") for a in actors] + [  # a state's aliases are places: kept
        alias for a in actors if a.get("kind") == "person" for alias in a.get("aliases") or []]
    drop = name_stems(names)
    bags = _statement_bags(document, drop)
    topic_bags = [_topic_bag(t, drop) for t in known]
    vectors, idf = _vectorise(bags + topic_bags)
    own, ref = vectors[: len(bags)], vectors[len(bags):]
    chosen: dict[int, int] = {}
    if len(known):
        sims = own @ ref.T
        for i, row in enumerate(sims):
            if row.max() >= JOIN_EXISTING:
                chosen[i] = int(row.argmax())
    rest = [i for i in range(len(bags)) if i not in chosen]
    groups = _cluster(own, rest)
    result = {k: ProposedTopic(t.name, existing=True, description=t.description)
              for k, t in enumerate(known)}
    new: list[ProposedTopic] = []
    for group in groups:
        centroid = own[group].mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        if len(known) and norm:
            sims = ref @ (centroid / norm)
            if sims.max() >= JOIN_EXISTING:
                chosen.update({i: int(sims.argmax()) for i in group})
                continue
        name = _name(group, bags, idf, statements, {t.name for t in new}, drop)
        new.append(ProposedTopic(name, [statements[i]["id"] for i in group]))
    for i, k in sorted(chosen.items()):
        result[k].statements.append(statements[i]["id"])
    proposals = [p for p in result.values() if p.statements]
    return proposals + _unique_names(new, {t.name.lower() for t in known})


def _statement_bags(document: dict, drop: set[str]) -> list[Counter]:
    """Weighted content words of each statement and its surroundings."""
    text = (document.get("sources") or [{}])[0].get("text") or ""
    lay = layout(text) if text else None
    spans = [tuple(s["span"]) for s in document["statements"] if s.get("span")]
    bags: list[Counter] = []
    for statement in document["statements"]:
        bag: Counter = Counter()
        own = content(statement.get("text") or "", drop)
        _add(bag, concepts(statement.get("text") or ""), _CONCEPT)
        _add(bag, own, _OWN)
        span = statement.get("span")
        if lay is not None and span and 0 <= span[0] < len(text):
            sentence = lay.sentence_at(span[0])
            if sentence is not None:
                around = _outside(text, sentence.start, sentence.end, spans)
                _add(bag, content(around, drop), _SENTENCE)
                _add(bag, concepts(around), _CONCEPT * _SENTENCE)
                p_start, p_end = lay.paragraphs[sentence.paragraph]
                rest = _outside(text, p_start, sentence.start, spans) + " " + \
                    _outside(text, sentence.end, p_end, spans)
                _add(bag, content(rest, drop), _PARAGRAPH)
        bags.append(bag)
    return bags


def _outside(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The text of ``[start, end)`` without the statements in it (their words are theirs)."""
    parts, at = [], start
    for a, b in sorted(spans):
        if b <= at or a >= end:
            continue
        parts.append(text[at:a])
        at = max(at, b)
    parts.append(text[at:end])
    return " ".join(parts)


def _topic_bag(topic: KnownTopic, drop: set[str]) -> Counter:
    bag: Counter = Counter()
    _add(bag, content(topic.name, drop), _NAME_WEIGHT)
    _add(bag, content(topic.description or "", drop), _DESCRIPTION_WEIGHT)
    _add(bag, concepts(f"{topic.name} {topic.description or ''}"), _CONCEPT)
    for text in topic.texts:
        _add(bag, content(text, drop), 1.0 / max(1.0, math.sqrt(len(topic.texts))))
    return bag


def _add(bag: Counter, stems: list[str], weight: float) -> None:
    for token in stems:
        bag[token] += weight


def _vectorise(bags: list[Counter]) -> tuple[np.ndarray, dict[str, float]]:
    """Unit TF-IDF rows for the bags (sublinear term weights), and the IDF used."""
    vocabulary = sorted({t for bag in bags for t in bag})
    index = {t: i for i, t in enumerate(vocabulary)}
    frequency = Counter(t for bag in bags for t in bag)
    n = len(bags)
    idf = {t: math.log((1 + n) / (1 + frequency[t])) + 1.0 for t in vocabulary}
    matrix = np.zeros((n, len(vocabulary)))
    for r, bag in enumerate(bags):
        for token, weight in bag.items():
            matrix[r, index[token]] = (1.0 + math.log(weight) if weight >= 1 else weight) \
                * idf[token]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms), idf


def _cluster(vectors: np.ndarray, members: list[int]) -> list[list[int]]:
    """Average-linkage groups of ``members``; a lone statement joins its nearest group.

    The mean similarity between groups is kept in a matrix and updated as groups merge
    (Lance–Williams), so a long article costs O(n²) per merge, not a pass over all pairs.
    """
    groups = [[i] for i in members]
    sims = vectors @ vectors.T
    linkage = sims[np.ix_(members, members)].astype(float)
    upper = np.triu(np.ones(linkage.shape, dtype=bool), 1)
    while len(groups) > 1:
        masked = np.where(upper[: len(groups), : len(groups)], linkage, -np.inf)
        best = float(masked.max())
        if best < MERGE:
            break
        a, b = (int(x) for x in np.argwhere(masked == best)[-1])
        na, nb = len(groups[a]), len(groups[b])
        merged = (na * linkage[a] + nb * linkage[b]) / (na + nb)
        linkage[a, :], linkage[:, a] = merged, merged
        linkage = np.delete(np.delete(linkage, b, axis=0), b, axis=1)
        groups[a] = sorted(groups[a] + groups.pop(b))
    alone = [g for g in groups if len(g) == 1]
    kept = [g for g in groups if len(g) > 1]
    for (i,) in alone:
        if kept:
            scores = [float(sims[i, g].mean()) for g in kept]
            if max(scores) >= ATTACH:
                kept[int(np.argmax(scores))].append(i)
                continue
        kept.append([i])
    return sorted((sorted(g) for g in kept), key=lambda g: g[0])


def _name(group: list[int], bags: list[Counter], idf: dict[str, float],
          statements: list[dict], taken: set[str], names: set[str]) -> str:
    """A short name from the words the group's statements share, as they are written.

    Candidates are the content words of the statements and adjacent pairs of them
    ("humanitarian corridors"); a candidate scores by how many statements use it, how
    rare it is, and a pair a little more than a word (a pair names a subject better).
    Actors' names and the words made from them ("Russian" from "Russia") never name one.
    """
    prefixes = tuple(n for n in names if len(n) >= 4)
    counts: Counter = Counter()
    surface: dict[str, Counter] = {}
    for i in group:
        for phrase, written in set(_phrases(statements[i].get("text") or "", prefixes)):
            surface.setdefault(phrase, Counter())[written] += 1
            counts[phrase] += 1
    if not counts:
        return "Other statements"

    def score(phrase: str) -> float:
        parts = phrase.split()
        rarity = sum(idf.get(p, 1.0) for p in parts) / len(parts)
        context = sum(bags[i][p] > 0 for i in group for p in parts) / len(parts)
        return (2 * counts[phrase] + context) * rarity * (1.5 if len(parts) == 2 else 1.0)

    best = max(counts, key=lambda p: (score(p), p))
    subject, shared = _shared_subject(group, statements)
    if len(group) > 1 and shared > counts[best] and subject not in taken:
        return subject
    written = surface[best].most_common(1)[0][0]
    return written[:1].upper() + written[1:]


def _shared_subject(group: list[int], statements: list[dict]) -> tuple[str, int]:
    """The name of the subject most of the group's statements speak of, and how many do.

    On a tie, the subject the article's other statements speak of least (the more
    telling one) wins. No subject spoken of by half the group: ``("", 0)``.
    """
    texts = [s.get("text") or "" for s in statements]
    subjects = Counter(c for i in group for c in set(concepts(texts[i])))
    if not subjects:
        return "", 0
    overall = Counter(c for text in texts for c in set(concepts(text)))
    subject, count = min(subjects.items(), key=lambda item: (-item[1], overall[item[0]], item[0]))
    return (CONCEPT_NAMES[subject.lstrip("@")], count) if 2 * count >= len(group) else ("", 0)


def _phrases(text: str, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Words that can name a subject, and adjacent pairs of them, stemmed and as written."""
    tokens = [(stem(w), w) for w in words(text) if not w.lower().startswith(names)]
    result = []
    for k, (token, written) in enumerate(tokens):
        if not _naming_word(written):
            continue
        result.append((token, written))
        if k + 1 < len(tokens) and _naming_word(tokens[k + 1][1]) \
                and not written.lower().endswith(("ing", "ed")):
            result.append((f"{token} {tokens[k + 1][0]}", f"{written} {tokens[k + 1][1]}"))
    return result


def _naming_word(word: str) -> bool:
    """A noun-like word: no stop word, verb of saying or doing, adverb or nationality."""
    low = word.lower().removesuffix("'s").removesuffix("’s")
    return len(low) >= 3 and low not in STOP and low not in _NOT_NAMES \
        and word not in SIDE_ADJECTIVES \
        and not low.endswith("ly") and "'" not in low and "’" not in low \
        and (not low.endswith("ing") or bool(concepts(low)))


_NOT_NAMES = word_set("""
continue continues continued continuing keep keeps kept launching launch seem seems seemed
appear appears appeared want wants wanted need needs needed think thinks believe believes
take takes took taken put puts give gives given come comes came see sees seeing seen know
knows knew call calls called hope hopes realize realizes happen happening happens set
prepared sooner later latter former focused whole absolutely probably far ready willing
mind elsewhere end able fierce legally actively enhanced etc dropping
""")


def _unique_names(topics: list[ProposedTopic], taken: set[str]) -> list[ProposedTopic]:
    """Merge new topics that came out with the same name, or a store topic's name."""
    by_name: dict[str, ProposedTopic] = {}
    for topic in topics:
        key = topic.name.lower()
        if key in by_name:
            by_name[key].statements.extend(topic.statements)
            continue
        if key in taken:
            topic.name += " (new)"
        by_name[key] = topic
    return list(by_name.values())
