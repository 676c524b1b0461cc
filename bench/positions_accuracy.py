"""How well the proposed topics and stances agree with labels (extractor.positions).

Run:  .venv/bin/python bench/positions_accuracy.py [--real DIR] [--verbose]

Cases:

* ``seed``: the seed article (../shared/seed) imported into an empty store, against the
  default store's hand-made topics and stances for the same article;
* ``seed → default``: the same, proposed against the default store's topics (does each
  statement land under the topic the default store gives it);
* the labelled articles of tests/data/positions (NAME.txt + NAME.labels.json, written for
  the tests); those with ``"into": "default"`` are proposed against the default store's
  topics and also count the share filed under an existing topic;
* with ``--real DIR``, the same format from DIR (real articles, kept outside the repo).

A label ``{"text", "topic", "stance"}`` matches the extracted statement whose words
overlap it most (at least half). Scores: topic coverage (statements given a topic, of all
extracted), pair F1 (two matched statements share a proposed topic exactly when their
labels share one), stance precision (of matched statements given a stance, those equal to
the label) and stance coverage (matched statements given a stance).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from article_accuracy import overlap  # noqa: E402

from extractor import extract  # noqa: E402
from extractor.positions import known_topics_in, propose  # noqa: E402

DATA = ROOT / "tests" / "data" / "positions"
SEED = ROOT.parent / "shared" / "seed" / "istanbul-talks-2022-03-29.txt"
DEFAULT = ROOT / "resources" / "default_store.json"
MATCH = 0.5


def default_document() -> dict:
    return json.loads(DEFAULT.read_text(encoding="utf-8"))


def seed_labels() -> list[dict]:
    """The default store's statements as labels, topics by name."""
    doc = default_document()
    names = {t["id"]: t["name"] for t in doc["topics"]}
    return [{"text": s["text"], "topic": names.get(s["topic"], s["topic"]),
             "stance": s.get("stance")} for s in doc["statements"]]


def load_cases(real: Path | None) -> list[dict]:
    cases = []
    if SEED.exists():
        text = SEED.read_text(encoding="utf-8")
        for name, into in (("seed", None), ("seed → default", "default")):
            cases.append({"name": name, "text": text, "published": "2022-03-29",
                          "labels": seed_labels(), "into": into, "split": "seed"})
    else:
        print(f"skipping the seed: {SEED} is absent", file=sys.stderr)
    for folder, split in ((DATA, "written"), (real, "real")):
        if folder is None:
            continue
        for path in sorted(Path(folder).glob("*.labels.json")):
            labels = json.loads(path.read_text(encoding="utf-8"))
            text = (path.parent / labels["article"]).read_text(encoding="utf-8")
            cases.append({"name": path.name.removesuffix(".labels.json"), "text": text,
                          "published": labels["published"], "labels": labels["statements"],
                          "into": labels.get("into"), "split": split})
    return cases


def matched(labels: list[dict], found: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one (label, statement) pairs by word overlap."""
    pairs, used = [], set()
    for label in labels:
        scores = [(overlap(label["text"], s["text"]), i) for i, s in enumerate(found)
                  if i not in used]
        if scores and max(scores)[0] >= MATCH:
            best = max(scores)[1]
            used.add(best)
            pairs.append((label, found[best]))
    return pairs


def score(case: dict) -> dict:
    """The figures of one case (counts, so that cases can be summed)."""
    document = extract(case["text"], case["published"])
    known = known_topics_in(default_document()) if case["into"] == "default" else []
    proposals = propose(document, known)
    existing = {t.name for t in proposals.topics if t.existing}
    got = {sid: p for sid, p in proposals.statements.items()}
    pairs = matched(case["labels"], document["statements"])
    same_label = same_topic = both = 0
    for (la, sa), (lb, sb) in combinations(pairs, 2):
        ta, tb = got[sa["id"]].topic, got[sb["id"]].topic
        label_same = la.get("topic") is not None and la.get("topic") == lb.get("topic")
        topic_same = ta is not None and ta == tb
        same_label += label_same
        same_topic += topic_same
        both += label_same and topic_same
    given = [(label, got[s["id"]]) for label, s in pairs if got[s["id"]].stance]
    return {
        "statements": len(document["statements"]),
        "with_topic": sum(p.topic is not None for p in got.values()),
        "under_existing": sum(p.topic in existing for p in got.values()),
        "matched": len(pairs),
        "pairs_label": same_label, "pairs_topic": same_topic, "pairs_both": both,
        "stance_given": len(given),
        "stance_right": sum(label.get("stance") == p.stance for label, p in given),
        "topics": len(proposals.topics),
        "detail": [(label, got[s["id"]]) for label, s in pairs],
    }


def figures(r: dict) -> dict:
    precision = r["pairs_both"] / r["pairs_topic"] if r["pairs_topic"] else 0.0
    recall = r["pairs_both"] / r["pairs_label"] if r["pairs_label"] else 0.0
    return {
        "topic coverage": r["with_topic"] / r["statements"] if r["statements"] else 0.0,
        "pair F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "stance precision": r["stance_right"] / r["stance_given"] if r["stance_given"] else 0.0,
        "stance coverage": r["stance_given"] / r["matched"] if r["matched"] else 0.0,
        "under existing": r["under_existing"] / r["statements"] if r["statements"] else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, help="a folder of real labelled articles")
    parser.add_argument("--verbose", action="store_true", help="each statement's proposal")
    args = parser.parse_args(argv)
    totals: dict[str, dict] = {}
    print(f"{'case':28} {'stmts':>5} {'topics':>6} {'cover':>6} {'pairF1':>6} "
          f"{'st.prec':>7} {'st.cov':>6} {'existing':>8}")
    for case in load_cases(args.real):
        result = score(case)
        f = figures(result)
        into = f"{f['under existing']:8.2f}" if case["into"] else f"{'':8}"
        print(f"{case['name'][:28]:28} {result['statements']:5} {result['topics']:6} "
              f"{f['topic coverage']:6.2f} {f['pair F1']:6.2f} {f['stance precision']:7.2f} "
              f"{f['stance coverage']:6.2f} {into}")
        if args.verbose:
            for label, p in result["detail"]:
                print(f"    {str(label.get('topic'))[:24]:24} | {str(p.topic)[:30]:30} | "
                      f"{label.get('stance')!s:11} {p.stance!s:11} {', '.join(p.evidence)}")
        if case["name"] == "seed → default":
            continue
        total = totals.setdefault(case["split"], {k: 0 for k in result if k != "detail"})
        for key in total:
            total[key] += result[key]
    for split, total in totals.items():
        f = figures(total)
        print(f"{'all ' + split:28} {total['statements']:5} {total['topics']:6} "
              f"{f['topic coverage']:6.2f} {f['pair F1']:6.2f} {f['stance precision']:7.2f} "
              f"{f['stance coverage']:6.2f}")
    speed()
    return 0


def speed(runs: int = 5) -> None:
    """Median time to propose positions for every written article joined into one text."""
    paths = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    document = extract("\n\n".join(p.read_text(encoding="utf-8") for p in paths), "2022-03-29")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        propose(document)
        times.append(time.perf_counter() - start)
    print(f"propose: {statistics.median(times) * 1000:.0f} ms (median of {runs}) for "
          f"{len(document['statements'])} statements")


if __name__ == "__main__":
    raise SystemExit(main())
