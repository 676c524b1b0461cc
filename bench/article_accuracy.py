"""Accuracy and speed of the article extractor (extractor) on the labelled articles.

Run:  .venv/bin/python bench/article_accuracy.py [--runs N] [--verbose]
          [--real DIR] [--heldout DIR]

Three sets, one row each:

* **written**: the articles written for the tests, tests/data/articles (NAME.txt +
  NAME.labels.json); the seed article is read from ../shared/seed beside the repository
  (never copied into it) and skipped when absent;
* **real dev**: real news articles studied while developing, kept outside the repository
  (``--real DIR`` or $PARLEY_REAL_DEV; same file layout, hand-labelled);
* **real held-out**: real articles labelled early and not looked at while developing
  (``--heldout DIR`` or $PARLEY_REAL_HELDOUT). Its row is only honest on the first run; it
  prints the outlets and counts, never the texts (``--verbose`` lists misses for the
  written and dev sets only).

Scoring:

* direct quotations: a match needs the speaker right AND the quotation right: the
  normalised texts equal, or their word overlap >= 90% (matched words / longer text);
* reported speech: speaker right and word overlap >= 50% (clause boundaries are fuzzy);
* labels follow the labelling conventions (tests/data/articles/README.md, round 3): a
  quotation interrupted by its attribution or running over paragraphs is one direct
  label, a quoted fragment in a reporting clause one direct label (its words only),
  unquoted transcript turns are direct, an unnamed speaker is the role phrase;
* a label's speaker may list several acceptable names (an institution and its state), and
  matches the extracted actor spelt another way (a leading "the" aside, transliteration,
  family name first, one letter off: see same_speaker);
* dates: the share of matched statements whose "said" equals the label's;
* sides: labelled persons whose extracted parent equals the label's;
* events (informational): a labelled event is found when an extracted event has the
  same start and shares a content word of the title;
* speed: median of several runs per article, and that scaled to 10 KB; plus one 10 KB
  sample made by joining the invented articles.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from db.resolve import spelling_key  # noqa: E402
from extractor import extract  # noqa: E402
from extractor.cast import one_edit  # noqa: E402

DATA = ROOT / "tests" / "data" / "articles"
SEED = ROOT.parent / "shared" / "seed"
DIRECT_OVERLAP = 0.9
REPORTED_OVERLAP = 0.5
_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "at", "for", "by", "with", "s"}


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text)


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / max(len(wa), len(wb))


def speakers(label: dict) -> set[str]:
    names = label["speaker"] if isinstance(label["speaker"], list) else [label["speaker"]]
    return {_name(n) for n in names}


def _name(name: str) -> str:
    """A speaker's words, lower case, without a leading article ("The Board" = "Board")."""
    return " ".join(words(name)).removeprefix("the ")


def same_speaker(names: set[str], actor: str) -> bool:
    """Whether the extracted actor is one of the label's names, spelt either way: case and
    marks aside, a transliteration variant (db.resolve.spelling_key), the family name first
    (the same words in another order), one letter off in one word of 6 letters or more
    (Organisation / Organization; not Jon / Jan) or with a middle initial or without it
    (Francis J. Ricciardone / Francis Ricciardone)."""
    name = _name(actor)
    if name in names:
        return True
    key, order = spelling_key(name), sorted(name.split())
    return any(spelling_key(n) == key or sorted(n.split()) == order or _one_word_off(n, name)
               or _uninitialled(n) == _uninitialled(name) for n in names)


def _uninitialled(name: str) -> str:
    """A person's name without its middle initials ("francis j ricciardone" → "francis
    ricciardone")."""
    parts = name.split()
    return " ".join(parts[:1] + [w for w in parts[1:-1] if len(w) > 1] + parts[-1:])


def _one_word_off(a: str, b: str) -> bool:
    if len(a.split()) != len(b.split()):
        return False
    off = [(x, y) for x, y in zip(a.split(), b.split(), strict=True) if x != y]
    return len(off) == 1 and min(map(len, off[0])) >= 6 and one_edit(*off[0])


def load_cases(folder: Path = DATA, split: str | None = None) -> list[dict]:
    """The labelled articles of one folder; ``split`` overrides the labels' own split."""
    cases = []
    for path in sorted(folder.glob("*.labels.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        source = SEED / labels["seed"] if "seed" in labels else folder / labels["article"]
        if not source.exists():
            print(f"skipping {path.name}: {source} is absent", file=sys.stderr)
            continue
        cases.append({"name": path.name.removesuffix(".labels.json"), "labels": labels,
                      "split": split or labels.get("split", "dev"),
                      "text": source.read_text(encoding="utf-8")})
    return cases


def match(labels: list[dict], found: list[dict], threshold: float) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs (label, extracted) with the speaker right and enough overlap."""
    pairs = []
    used: set[int] = set()
    for label in labels:
        names = speakers(label)
        best, best_score = None, threshold
        for i, item in enumerate(found):
            if i in used or not same_speaker(names, item["actor"]):
                continue
            score = overlap(label["text"], item["text"])
            if score >= best_score:
                best, best_score = i, score
        if best is not None:
            used.add(best)
            pairs.append((label, found[best]))
    return pairs


def score(case: dict, doc: dict) -> dict:
    labels = case["labels"]
    result: dict = {}
    all_pairs = []
    for kind, threshold in (("direct", DIRECT_OVERLAP), ("reported", REPORTED_OVERLAP)):
        wanted = [s for s in labels["statements"] if s["kind"] == kind]
        got = [s for s in doc["statements"] if s["kind"] == kind]
        pairs = match(wanted, got, threshold)
        all_pairs.extend(pairs)
        result[kind] = {"labels": len(wanted), "found": len(got), "matched": len(pairs),
                        "missed": [w for w in wanted if all(w is not p[0] for p in pairs)],
                        "extra": [g for g in got if all(g is not p[1] for p in pairs)]}
    result["dates"] = {"matched": len(all_pairs),
                       "right": sum(1 for lab, got in all_pairs if lab["said"] == got["said"]),
                       "wrong": [(lab, got) for lab, got in all_pairs
                                 if lab["said"] != got["said"]]}
    parents = {a["name"]: a.get("parent") for a in doc["actors"]}
    sides = labels.get("actors", [])
    result["sides"] = {"labels": len(sides),
                       "right": sum(1 for a in sides if parents.get(a["name"]) == a["parent"])}
    events = labels.get("events", [])
    hit = 0
    for event in events:
        title = {w for w in words(event["title"]) if w not in _STOP}
        for got in doc["events"]:
            if got["start"] == event["start"] and title & set(words(got["title"])):
                hit += 1
                break
    result["events"] = {"labels": len(events), "found": len(doc["events"]), "matched": hit}
    return result


def timed(text: str, published: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(text, published)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def evaluate(runs: int = 5, timing: bool = True, cases: list[dict] | None = None) -> dict:
    """Score labelled articles (the written ones by default); per-article and overall figures.

    With ``timing`` false nothing is timed (ms figures are 0): for tests.
    """
    rows = []
    for case in load_cases() if cases is None else cases:
        labels = case["labels"]
        doc = extract(case["text"], labels["published"], outlet=labels.get("outlet"),
                      title=labels.get("title"))
        result = score(case, doc)
        ms = timed(case["text"], labels["published"], runs) if timing else 0.0
        rows.append({"name": case["name"], "split": case["split"], "chars": len(case["text"]),
                     "result": result, "ms": ms, **_figures([(result, ms, len(case["text"]))])})
    measured = [(row["result"], row["ms"], row["chars"]) for row in rows]
    splits = {split: _figures([(r["result"], r["ms"], r["chars"]) for r in rows
                               if r["split"] == split])
              for split in sorted({r["split"] for r in rows})}
    return {"rows": rows, "overall": _figures(measured), "splits": splits,
            "sample_10kb_ms": _sample(runs) if timing and cases is None else None}


def _figures(measured: list[tuple[dict, float, int]]) -> dict:
    """Precision, recall, F1 and the rest over one or more scored articles."""
    t: dict[str, float] = {}

    def add(key: str, value: float) -> None:
        t[key] = t.get(key, 0) + value

    for result, ms, chars in measured:
        d, r = result["direct"], result["reported"]
        for key, value in (("dl", d["labels"]), ("df", d["found"]), ("dm", d["matched"]),
                           ("rl", r["labels"]), ("rf", r["found"]), ("rm", r["matched"]),
                           ("datem", result["dates"]["matched"]),
                           ("dater", result["dates"]["right"]),
                           ("sl", result["sides"]["labels"]), ("sr", result["sides"]["right"]),
                           ("el", result["events"]["labels"]),
                           ("em", result["events"]["matched"]), ("ms", ms), ("chars", chars)):
            add(key, value)
    def g(key: str) -> int:
        return int(t.get(key, 0))

    figures = {
        "direct_p": ratio(g("dm"), g("df")), "direct_r": ratio(g("dm"), g("dl")),
        "reported_p": ratio(g("rm"), g("rf")), "reported_r": ratio(g("rm"), g("rl")),
        "dates": ratio(g("dater"), g("datem")), "sides": ratio(g("sr"), g("sl")),
        "events_r": ratio(g("em"), g("el")), "ms": t.get("ms", 0.0), "chars": g("chars"),
        "ms_10kb": t.get("ms", 0.0) / (t["chars"] / 10240) if t.get("chars") else None,
    }
    p, r = figures["reported_p"], figures["reported_r"]
    figures["reported_f1"] = 2 * p * r / (p + r) if p and r else (
        0.0 if p is not None and r is not None else None)
    return figures


def _sample(runs: int) -> tuple[float, float] | None:
    """Median wall and CPU milliseconds for 10 KB made by joining the invented articles (CPU
    time counts this process only: on a shared machine it moves less than wall time)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    if not texts:
        return None
    sample = ""
    while len(sample) < 10240:
        sample += "\n\n".join(texts) + "\n\n"
    sample = sample[:10240]
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        extract(sample, "2024-05-17")
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _row(name: str, o: dict) -> str:
    return (f"{name:<24}{o['chars'] / 1024:6.1f}  {fmt(o['direct_p'])} {fmt(o['direct_r'])}  "
            f"{fmt(o['reported_p'])} {fmt(o['reported_r'])} {fmt(o['reported_f1'])}  "
            f"{fmt(o['dates'])} {fmt(o['sides'])} {fmt(o['events_r'])}  {o['ms']:7.1f} "
            f"{o['ms_10kb'] or 0:7.1f}")


def _real_folder(option: str | None, variable: str) -> Path | None:
    value = option or os.environ.get(variable)
    if not value:
        return None
    folder = Path(value)
    if not folder.is_dir():
        raise SystemExit(f"article_accuracy: {folder} is not a folder of labelled articles")
    return folder


def _counts(cases: list[dict]) -> str:
    outlets = sorted({c["labels"].get("outlet", "?") for c in cases})
    statements = [s for c in cases for s in c["labels"]["statements"]]
    direct = sum(1 for s in statements if s["kind"] == "direct")
    return (f"{len(cases)} articles, {direct} direct quotations, "
            f"{len(statements) - direct} reported statements; outlets: {'; '.join(outlets)}")


def _misses(report: dict) -> None:
    for row in report["rows"]:
        result = row["result"]
        print(f"\n== {row['name']}")
        for kind in ("direct", "reported"):
            for miss in result[kind]["missed"]:
                print(f"  MISSED {kind:<8} {miss['speaker']}: {miss['text'][:90]}")
            for extra in result[kind]["extra"]:
                print(f"  EXTRA  {kind:<8} {extra['actor']}: {extra['text'][:90]}")
        for lab, got in result["dates"]["wrong"]:
            print(f"  DATE   {lab['said']} != {got['said']}: {lab['text'][:70]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per article (median)")
    parser.add_argument("--verbose", action="store_true",
                        help="per-article rows and misses (written and real dev sets)")
    parser.add_argument("--real", help="folder of labelled real articles used while developing "
                        "(default $PARLEY_REAL_DEV)")
    parser.add_argument("--heldout", help="folder of labelled real articles held out "
                        "(default $PARLEY_REAL_HELDOUT)")
    args = parser.parse_args(argv)
    sets = [("written for tests", None, evaluate(args.runs))]
    dev = _real_folder(args.real, "PARLEY_REAL_DEV")
    heldout = _real_folder(args.heldout, "PARLEY_REAL_HELDOUT")
    if dev is not None:
        sets.insert(0, ("real, dev", dev, evaluate(args.runs, cases=load_cases(dev, "real"))))
    if heldout is not None:
        sets.insert(0, ("real, held out", heldout,
                        evaluate(args.runs, cases=load_cases(heldout, "heldout-real"))))
    header = (f"{'set':<24}{'KB':>6}  {'dirP':>5} {'dirR':>5}  {'repP':>5} {'repR':>5} "
              f"{'repF1':>5}  {'dates':>5} {'sides':>5} {'evR':>5}  {'ms':>7} {'ms/10KB':>7}")
    print(header)
    print("-" * len(header))
    for name, _folder, report in sets:
        print(_row(name, report["overall"]))
    print("-" * len(header))
    for name, folder, _report in sets:
        if folder is not None:
            print(f"{name}: {_counts(load_cases(folder))}")
    written = sets[-1][2]
    if written["sample_10kb_ms"] is not None:
        wall, cpu = written["sample_10kb_ms"]
        print(f"10 KB sample (invented articles joined): {wall:.1f} ms wall, {cpu:.1f} ms CPU")
    if args.verbose:
        for name, _folder, report in sets:
            if name == "real, held out":
                continue
            print(f"\n{name}:")
            for row in report["rows"]:
                print(_row(row["name"][:24], row))
            _misses(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
