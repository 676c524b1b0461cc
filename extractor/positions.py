"""Positions proposed for an extracted article: a topic, a stance and a summary per statement.

:func:`propose` runs after :func:`extractor.extract` and writes nothing; the import
preview shows the proposals for a person to edit, and :func:`apply` puts what was kept
into the document that is then imported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from extractor.stance import propose_stance
from extractor.summary import propose_summary
from extractor.topics import KnownTopic, ProposedTopic, propose_topics

_LEAD_BACK = 60


@dataclass
class StatementProposal:
    """What is proposed for one statement (``id`` is its id in the document)."""

    id: int
    topic: str | None = None
    stance: str | None = None
    evidence: tuple[str, ...] = ()
    summary: str | None = None


@dataclass
class Proposals:
    """The topics proposed (store topics first) and each statement's proposal.

    The edits a person makes in the preview keep the two in step: a topic's statements
    are those whose proposal names it.
    """

    topics: list[ProposedTopic] = field(default_factory=list)
    statements: dict[int, StatementProposal] = field(default_factory=dict)

    def topic(self, name: str) -> ProposedTopic | None:
        return next((t for t in self.topics if t.name == name), None)

    def rename(self, old: str, new: str) -> bool:
        """Rename a topic; a name another topic has merges the two. False if not done."""
        new = " ".join(new.split())
        topic = self.topic(old)
        if topic is None or not new or new == old:
            return False
        if self.topic(new) is not None:
            return self.merge(old, new)
        topic.name = new
        for proposal in self.statements.values():
            if proposal.topic == old:
                proposal.topic = new
        return True

    def merge(self, name: str, into: str) -> bool:
        """File the statements of topic ``name`` under ``into`` and drop ``name``."""
        topic, target = self.topic(name), self.topic(into)
        if topic is None or target is None or topic is target:
            return False
        for sid in topic.statements:
            self.move(sid, into)
        self.topics.remove(topic)
        return True

    def untick(self, name: str) -> bool:
        """Drop a topic: its statements are imported without a topic."""
        topic = self.topic(name)
        if topic is None:
            return False
        for sid in list(topic.statements):
            self.move(sid, None)
        self.topics.remove(topic)
        return True

    def move(self, statement_id: int, name: str | None) -> None:
        """File one statement under topic ``name`` (None: no topic)."""
        proposal = self.statements[statement_id]
        for topic in self.topics:
            if statement_id in topic.statements:
                topic.statements.remove(statement_id)
        target = self.topic(name) if name else None
        if target is not None:
            target.statements.append(statement_id)
        proposal.topic = target.name if target else None


def propose(document: dict, known: list[KnownTopic] | None = None) -> Proposals:
    """Propose a topic, stance and summary for every statement of ``document``."""
    topics = propose_topics(document, known)
    topic_of = {sid: topic.name for topic in topics for sid in topic.statements}
    text = (document.get("sources") or [{}])[0].get("text") or ""
    result = Proposals(topics)
    for statement in document.get("statements") or []:
        own = statement.get("text") or ""
        span = statement.get("span")
        lead = text[max(0, span[0] - _LEAD_BACK): span[0]] if span else ""
        lead = lead.rsplit(".", 1)[-1].rsplit("\n", 1)[-1]
        stance = propose_stance(own, lead)
        if stance.stance is None and statement.get("stance"):
            stance = type(stance)(statement["stance"], ())
        result.statements[statement["id"]] = StatementProposal(
            statement["id"], topic_of.get(statement["id"]), stance.stance, stance.evidence,
            propose_summary(own, statement.get("actor") or "", statement.get("kind") or ""))
    return result


def apply(document: dict, proposals: Proposals) -> dict:
    """A copy of ``document`` with the proposals' topics, stances and summaries set.

    Only topics some statement still uses are listed; a topic's description comes
    with it (a store topic keeps its own: the importer matches topics by name).
    """
    result = copy.deepcopy(document)
    described = {t.name: t.description for t in proposals.topics if not t.existing}
    used: list[str] = []
    for statement in result.get("statements") or []:
        proposal = proposals.statements.get(statement.get("id"))
        if proposal is None:
            continue
        statement["topic"] = proposal.topic or None
        statement["stance"] = proposal.stance
        statement["summary"] = (proposal.summary or "").strip() or None
        if proposal.topic and proposal.topic not in used:
            used.append(proposal.topic)
    result["topics"] = [
        {"name": name, **({"description": described[name]} if described.get(name) else {})}
        for name in used
    ]
    return result


def known_topics(store) -> list[KnownTopic]:
    """The topics of a :class:`db.api.Store`, with their newest statements' texts."""
    texts = store.topic_texts()
    return [KnownTopic(t.name, t.description, tuple(texts.get(t.id, ())))
            for t in store.topics()]


def known_topics_in(document: dict) -> list[KnownTopic]:
    """The topics of a Parley JSON document (docs/format.md), with their statements' texts."""
    texts: dict[object, list[str]] = {}
    for statement in document.get("statements") or []:
        if statement.get("topic") is not None:
            texts.setdefault(statement["topic"], []).append(
                " ".join(p for p in (statement.get("text"), statement.get("summary")) if p))
    return [KnownTopic(t["name"], t.get("description"),
                       tuple(texts.get(t.get("id"), []) + texts.get(t["name"], [])))
            for t in document.get("topics") or []]
