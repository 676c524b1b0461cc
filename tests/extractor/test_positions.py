"""Positions proposed on import: topics, stances with their evidence, summaries, and the
preview's edits of them (Qt-free)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extractor import extract
from extractor.positions import apply, known_topics_in, propose
from extractor.stance import propose_stance
from extractor.summary import propose_summary

BENCH = Path(__file__).resolve().parents[2] / "bench" / "positions_accuracy.py"
DATA = Path(__file__).resolve().parents[1] / "data" / "positions"

ARTICLE = (
    "Aid agencies and the army met in Lisbon on Monday to agree on humanitarian corridors "
    "out of the flooded valley.\n\n"
    '"The humanitarian corridors will open at dawn, and every family will be evacuated," '
    "Civil Protection chief Marta Lobo said.\n\n"
    "Red Cross director Paulo Reis said the evacuation through the corridors could go ahead "
    "only if the rain stopped.\n\n"
    "Finance Minister Rui Costa said the reconstruction budget would be doubled next year.\n\n"
    '"The reconstruction budget is a promise we will keep," Costa said.\n'
)


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("positions_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_statements_sharing_a_subject_share_a_new_topic_named_from_their_words():
    document = extract(ARTICLE, "2024-05-06")
    proposals = propose(document)
    by_text = {s["text"]: proposals.statements[s["id"]] for s in document["statements"]}
    corridor = [p.topic for t, p in by_text.items() if "corridor" in t or "evacuation" in t]
    budget = [p.topic for t, p in by_text.items() if "budget" in t]
    assert len(corridor) == 2 and len(set(corridor)) == 1
    assert len(budget) == 2 and len(set(budget)) == 1
    assert corridor[0] != budget[0]
    assert "corridor" in corridor[0].lower()
    assert "budget" in budget[0].lower()
    assert len(proposals.topics) < len(document["statements"])


def test_stances_come_with_the_words_that_gave_them():
    doubt = propose_stance("he doubted Russia's seriousness")
    assert (doubt.stance, doubt.evidence) == ("skeptical", ("doubted",))
    conditional = propose_stance("the corridor could open only if the shelling stopped")
    assert (conditional.stance, conditional.evidence) == ("conditional", ("only if",))
    assert propose_stance("a crime against humanity").stance == "opposes"
    assert propose_stance("the talks made meaningful progress").stance == "supports"
    # Unsure (a lone "if", nothing telling, or support and opposition at once): no stance.
    assert propose_stance("the treaty applies if it were attacked").stance is None
    assert propose_stance("the meeting will take place on Monday").stance is None
    assert propose_stance("we welcome the plan but reject the deadline").stance is None
    assert propose_stance("they have not agreed to anything").stance is None


def test_summaries_use_the_statements_own_words():
    summary = propose_summary(
        "In order to increase mutual trust and create the necessary conditions for further "
        "negotiations, a decision was made to radically, by a large margin, reduce military "
        "activity in the Kyiv and Chernihiv directions", "Aleksandr Fomin", "direct")
    assert summary.startswith("A decision was made to radically")
    assert "by a large margin" not in summary and len(summary.split()) <= 17
    assert propose_summary("it would accept being neutral", "Ukraine", "reported") == \
        "Ukraine would accept being neutral."
    assert propose_summary("  ", "Ukraine", "reported") is None


def test_preview_edits_rename_merge_untick_and_move():
    document = extract(ARTICLE, "2024-05-06")
    proposals = propose(document)
    first, second = proposals.topics[0].name, proposals.topics[1].name
    sid = proposals.topics[0].statements[0]
    assert proposals.rename(first, "Evacuation")
    assert proposals.statements[sid].topic == "Evacuation"
    proposals.move(sid, second)
    assert sid in proposals.topic(second).statements
    assert proposals.merge("Evacuation", second)
    assert proposals.topic("Evacuation") is None
    proposals.statements[sid].summary = "Edited by hand."
    proposals.statements[sid].stance = "neutral"
    result = apply(document, proposals)
    assert [t["name"] for t in result["topics"]] == [second]
    edited = next(s for s in result["statements"] if s["id"] == sid)
    assert (edited["topic"], edited["stance"], edited["summary"]) == (
        second, "neutral", "Edited by hand.")
    assert proposals.untick(second)
    assert all(s["topic"] is None for s in apply(document, proposals)["statements"])
    assert document["topics"] == []  # the extracted document itself is untouched


def test_seed_article_into_an_empty_store_meets_the_targets(bench, seed_text):
    case = next(c for c in bench.load_cases(None) if c["name"] == "seed")
    figures = bench.figures(bench.score(case))
    assert figures["topic coverage"] >= 0.9
    # 0.71 since the round-3 conventions (was 0.75+): the seed's labels are the default
    # store's statements, written before quoted fragments became direct statements of
    # their own words ("repositioning"), which match no label now
    assert figures["pair F1"] >= 0.70
    assert figures["stance precision"] >= 0.85
    assert figures["stance coverage"] >= 0.6


@pytest.mark.parametrize("name", ["istanbul-followup", "corridor-talks"])
def test_other_articles_on_the_talks_file_under_the_default_topics(bench, name,
                                                                   default_document):
    labels = (DATA / f"{name}.labels.json").read_text(encoding="utf-8")
    case = next(c for c in bench.load_cases(None) if c["name"] == name)
    assert '"into": "default"' in labels
    result = bench.score(case)
    figures = bench.figures(result)
    assert figures["under existing"] >= 0.85
    assert figures["pair F1"] >= 0.6
    assert figures["stance precision"] >= 0.85
    known = {t.name for t in known_topics_in(default_document)}
    assert all(p.topic in known for _label, p in result["detail"] if p.topic) or \
        figures["under existing"] < 1


def test_the_command_line_files_an_article_under_the_store_topics(default_store_path, capsys):
    from db import open_store
    from viewer.cli import main

    article = DATA / "istanbul-followup.txt"
    before = {t.name for t in open_store(default_store_path).topics()}
    code = main(["import-article", str(article), "--into", str(default_store_path),
                 "--published", "2022-03-30"])
    assert code == 0, capsys.readouterr().err
    store = open_store(default_store_path)
    new = [s for s in store.statements_by(a.id for a in store.actors())
           if s.source and s.source.published == "2022-03-30"]
    assert len(new) >= 8
    filed = [store.topic(s.topic_id).name for s in new if s.topic_id]
    assert len(filed) >= 0.9 * len(new) and set(filed) <= before
    assert sum(s.stance is not None for s in new) >= len(new) // 2
    assert all(s.summary for s in new)
