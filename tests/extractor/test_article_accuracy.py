"""Accuracy regression guard for the article extractor, on the labelled articles.

The thresholds sit a little below the figures measured when they were set (overall:
direct P/R 1.00/1.00, reported F1 0.99, dates 1.00, sides 0.84, events recall 0.62; the
held-out articles: direct 1.00/1.00, reported F1 0.98, dates 1.00; see
bench/article_accuracy.py for the scoring): a drop below them is a regression to look at.
Speed is not tested here; the benchmark reports it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "article_accuracy.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("article_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(bench) -> dict:
    return bench.evaluate(runs=1, timing=False)


def test_a_speaker_spelt_another_way_matches(bench):
    assert bench.same_speaker({"world health organisation"}, "World Health Organization")
    assert bench.same_speaker({"choi dong hyun"}, "Dong Hyun Choi")
    assert bench.same_speaker({"volodymyr zelenskyy"}, "Volodymyr Zelenskiy")
    assert not bench.same_speaker({"jon holden"}, "Jan Holden")
    assert not bench.same_speaker({"boeing"}, "Union")
    assert bench.same_speaker(bench.speakers({"speaker": "The Board"}), "Board")
    assert bench.same_speaker(bench.speakers({"speaker": "Board"}), "the Board")


def test_enough_labelled_articles(report):
    invented = [row for row in report["rows"] if row["name"] != "seed-istanbul"]
    assert len(invented) >= 14
    assert sum(1 for row in invented if row["split"] == "heldout") >= 6


def test_direct_quotations(report):
    overall = report["overall"]
    assert overall["direct_p"] >= 0.98
    assert overall["direct_r"] >= 0.98


def test_reported_speech(report):
    assert report["overall"]["reported_f1"] >= 0.97


def test_dates(report):
    assert report["overall"]["dates"] >= 0.98


def test_sides(report):
    assert report["overall"]["sides"] >= 0.80


def test_events(report):
    assert report["overall"]["events_r"] >= 0.58


def test_held_out_articles(report):
    heldout = report["splits"]["heldout"]
    assert heldout["direct_p"] >= 0.98 and heldout["direct_r"] >= 0.98
    assert heldout["reported_f1"] >= 0.95
    assert heldout["dates"] >= 0.98
