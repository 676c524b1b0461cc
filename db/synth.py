"""A synthetic store for benchmarks: ``parley synth OUT --events N [--seed S]``.

Shaped like news: items cluster in a few dozen bursts (exponential decay after each
burst's date) over five years above a quieter background; a few hundred actors speak
for a few dozen sides; about half the items are statements (quotations of realistic
length, a topic, a stance that changes over time) and half events (one to three actors
each). Dates come at every precision, mostly day and minute, a few approximate.

The same ``seed`` gives the same store, byte for byte in its rows. The file is new, so
it is written without a journal in one transaction; ``*_ts`` columns hold exactly what
the importer writes, and the full-text and time indexes are built after the rows.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import numpy as np

from db import schema
from db.dates import PRECISIONS

START = 1577836800  # 2020-01-01T00:00 (seconds since 1970)
YEARS = 5
SPAN = YEARS * 365 * 86400
CHUNK = 50_000

TOPICS = (
    ("Ceasefire", "Terms and monitoring of a halt to hostilities"),
    ("Sanctions", "Economic measures against states and persons"),
    ("Grain exports", "Shipping corridors for food"),
    ("Energy prices", "Gas, oil and electricity markets"),
    ("Climate finance", "Money for adaptation and mitigation"),
    ("Trade tariffs", "Duties on imports and exports"),
    ("Refugees", "Protection and resettlement of displaced people"),
    ("Nuclear safety", "Power plants in contested areas"),
    ("Elections", "Votes, observers and results"),
    ("Rail strike", "Pay and conditions of rail workers"),
    ("Prisoner exchange", "Release and swap of detainees"),
)
STANCE_LIST = schema.STANCES
# Share of each precision (same order as PRECISIONS): mostly day and minute.
PRECISION_P = (0.02, 0.05, 0.48, 0.04, 0.38, 0.03)
NUMPY_UNIT = {"year": "Y", "month": "M", "day": "D", "hour": "h", "minute": "m", "second": "s"}


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SYLLABLES = _split(
    "ka ri to mar vel an dor sel ur ba no vi len ost gra mi tal ser for ham bel ru en dal kor "
    "ve sto lin ar ni pa zo"
)
_FIRST = _split(
    "Anna Boris Carla Dmitri Elena Farid Greta Hamid Irina Jonas Katya Lars Mira Nikos Olga "
    "Pavel Qadir Rosa Sergei Tamar Umar Vera Walid Xenia Yusuf Zora Ahmet Bianca Chen Dora Emil "
    "Fatima"
)
_ORG_KINDS = (
    "Ministry of Foreign Affairs",
    "Ministry of Defence",
    "Ministry of Energy",
    "Central Bank",
    "Parliament",
    "Presidential Office",
    "Union",
    "Council",
)
_ROLES_SIDE = ("state", "state", "state", "organization", "group")
_TITLES = (
    "Foreign Minister",
    "President",
    "Spokesperson",
    "Prime Minister",
    "Envoy",
    "Defence Minister",
    "Secretary-General",
    "Chair",
    "Negotiator",
    "Ambassador",
)
_OUTLETS = (
    "Daily Ledger",
    "Morning Wire",
    "Global Courier",
    "The Observer Post",
    "Evening Standard-Tribune",
    "Harbour News",
    "Capital Times",
    "Radio Meridian",
)
_CITIES = (
    "Istanbul",
    "Geneva",
    "Vienna",
    "Doha",
    "Minsk",
    "Brussels",
    "Nairobi",
    "Oslo",
    "Warsaw",
    "Ankara",
    "Cairo",
    "Helsinki",
    "Lisbon",
    "Baku",
    "Tbilisi",
    "Riga",
)
_EVENT_NOUNS = (
    "talks",
    "summit",
    "meeting",
    "strike",
    "vote",
    "visit",
    "agreement",
    "conference",
    "deadline",
    "ceasefire",
    "announcement",
    "hearing",
    "protest",
    "exchange",
    "inspection",
    "sanctions package",
)
_EVENT_VERBS = (
    "opens",
    "ends",
    "resumes",
    "collapses",
    "is postponed",
    "begins",
    "is announced",
    "concludes",
    "stalls",
    "is signed",
)
# Common words first: word frequencies follow a Zipf law over this list.
_WORDS = _split(
    "the of and to in a that is for we on will with not this be are it our as by have all at "
    "from they has an but must there no more which been their its would can people government "
    "talks agreement country peace ceasefire security war support sanctions troops border "
    "minister president negotiations progress proposal position international partners today "
    "week years talks energy gas prices grain ports ships corridor exports farmers climate "
    "finance fund emissions target tariffs trade market refugees camps children aid "
    "humanitarian nuclear plant safety inspectors election vote observers results strike "
    "workers pay union rail prisoners exchange release detainees clear ready serious important "
    "difficult possible necessary constructive unacceptable continue discuss reject welcome "
    "demand expect believe hope ensure guarantee propose withdraw reduce increase protect "
    "respect violate respond consider agree oppose again now soon never already only also still "
    "very further together step process meeting summit delegation statement decision plan "
    "framework deal terms conditions guarantees neutrality sovereignty territory region capital "
    "city north south east west military economic political diplomatic historic first last next "
    "new long short dialogue pressure responsibility interests future stability crisis solution "
    "question answer signal message partners allies neighbours community citizens families "
    "victims courts justice law rights freedom democracy budget billion million percent month"
)


def _names(rng: random.Random, count: int, make) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        name = make(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _actors(rng: random.Random, n_sides: int, n_people: int) -> list[tuple]:
    """Rows (id, name, kind, parent_id, aliases, title): sides, their offices, people."""
    side_names = _names(rng, n_sides, lambda r: _word(r, r.randint(2, 3)))
    rows: list[tuple] = []
    offices: dict[int, list[int]] = {}
    for name in side_names:
        kind = rng.choice(_ROLES_SIDE)
        label = name if kind == "state" else f"{name} {rng.choice(('Alliance', 'Front', 'Bloc'))}"
        rid = len(rows) + 1
        rows.append((rid, label, kind, None, json.dumps([name[:3].upper()]), None))
        offices[rid] = []
        if kind == "state":
            for office in rng.sample(_ORG_KINDS, rng.randint(1, 3)):
                oid = len(rows) + 1
                rows.append((oid, f"{label} {office}", "organization", rid, "[]", None))
                offices[rid].append(oid)
    sides = list(offices)
    person_names = _names(
        rng, n_people, lambda r: f"{r.choice(_FIRST)} {_word(r, r.randint(2, 3))}"
    )
    for name in person_names:
        side = rng.choice(sides)
        parent = rng.choice(offices[side]) if offices[side] and rng.random() < 0.4 else side
        rows.append(
            (
                len(rows) + 1,
                name,
                "person",
                parent,
                json.dumps([name.split()[-1]]),
                rng.choice(_TITLES),
            )
        )
    return rows


def _side_of(actors: list[tuple]) -> np.ndarray:
    parent = {row[0]: row[3] for row in actors}
    sides = []
    for row in actors:
        current = row[0]
        while parent[current] is not None:
            current = parent[current]
        sides.append(current)
    return np.array(sides, dtype=np.int64)


def _times(npr: np.random.Generator, n: int, centres, scales, weights, burst_share: float):
    """Seconds of ``n`` items and the burst each belongs to (-1: background)."""
    in_burst = npr.random(n) < burst_share
    burst = np.where(in_burst, npr.choice(len(centres), size=n, p=weights), -1)
    offset = npr.exponential(1.0, size=n) * scales[np.maximum(burst, 0)]
    t = np.where(in_burst, centres[np.maximum(burst, 0)] + offset, START + npr.random(n) * SPAN)
    t = np.clip(t, START, START + SPAN - 1).astype(np.int64)
    # Fewer items at night: move a share of night-time items into the working day.
    hour = (t % 86400) // 3600
    night = (hour < 6) & (npr.random(n) < 0.7)
    t[night] += 8 * 3600
    return np.minimum(t, START + SPAN - 1), burst


def _dates(npr: np.random.Generator, t: np.ndarray, approx_share: float):
    """ISO text, precision, approximate, start and end seconds of each moment ``t``."""
    n = len(t)
    prec = npr.choice(len(PRECISIONS), size=n, p=PRECISION_P)
    text = np.empty(n, dtype=object)
    t0 = np.empty(n, dtype=np.int64)
    t1 = np.empty(n, dtype=np.int64)
    moments = t.astype("datetime64[s]")
    for code, name in enumerate(PRECISIONS):
        sel = np.flatnonzero(prec == code)
        if not len(sel):
            continue
        unit = NUMPY_UNIT[name]
        cut = moments[sel].astype(f"datetime64[{unit}]")
        text[sel] = np.datetime_as_string(cut, unit=unit).tolist()
        t0[sel] = cut.astype("datetime64[s]").astype(np.int64)
        t1[sel] = (cut + 1).astype("datetime64[s]").astype(np.int64)
    vague = prec <= 1  # month and year are more often approximate
    approx = npr.random(n) < np.where(vague, approx_share * 4, approx_share)
    return text, prec, approx.astype(np.int64), t0, t1


def _actor_choice(npr, n, burst, burst_actors, all_actors, all_p):
    """An actor for each item: mostly the burst's actors, otherwise anyone."""
    actors = npr.choice(all_actors, size=n, p=all_p)
    local = (burst >= 0) & (npr.random(n) < 0.8)
    for b, (cands, p) in enumerate(burst_actors):
        sel = np.flatnonzero(local & (burst == b))
        if len(sel):
            actors[sel] = npr.choice(cands, size=len(sel), p=p)
    return actors


def _quote(words: list[str], direct: bool) -> str:
    text = " ".join(words)
    if len(text) > 400:
        text = text[:400].rsplit(" ", 1)[0]
    while len(text) < 60:
        text += " and we will not accept anything less"
    if not direct:
        text = ("they said that " + text)[:400].rsplit(" ", 1)[0]
    return text[0].upper() + text[1:] + "."


def write_synthetic(path: str | os.PathLike[str], events: int, seed: int = 1) -> dict[str, int]:
    """Write a new store of ``events`` timeline items at ``path``; return rows per table.

    About half the items are statements and half events (each with 1–3 actors).
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    events = max(int(events), 0)
    rng = random.Random(seed)
    npr = np.random.default_rng(rng.getrandbits(64))
    n_statements = events // 2
    n_events = events - n_statements

    n_sides = 24 if events < 5000 else 36
    actors = _actors(rng, n_sides, 60 if events < 5000 else 280)
    actor_ids = np.array([row[0] for row in actors], dtype=np.int64)
    side_of = _side_of(actors)
    ranks = npr.permutation(len(actors)) + 1
    activity = 1.0 / ranks**0.9
    all_p = activity / activity.sum()
    side_ids = sorted(set(side_of.tolist()))

    n_bursts = 40
    centres = START + np.sort(npr.random(n_bursts)) * SPAN
    scales = npr.uniform(1.0, 25.0, n_bursts) * 86400
    weights = npr.pareto(1.2, n_bursts) + 0.2
    weights /= weights.sum()
    burst_topic = npr.integers(0, len(TOPICS), n_bursts)
    burst_actors = []
    for _ in range(n_bursts):
        involved = npr.choice(side_ids, size=int(npr.integers(2, 6)), replace=False)
        cands = actor_ids[np.isin(side_of, involved)]
        p = activity[cands - 1]
        burst_actors.append((cands, p / p.sum()))

    n_sources = max(10, events // 100)
    src_t = START + np.sort(npr.random(n_sources)) * SPAN
    sources = [
        (
            i + 1,
            f"{rng.choice(_EVENT_NOUNS).capitalize()} report {i + 1}",
            rng.choice(_OUTLETS),
            f"https://news.example/{i + 1}",
            str(np.datetime64(int(src_t[i]), "s").astype("datetime64[D]")),
        )
        for i in range(n_sources)
    ]

    # Stances: per (actor, topic) one stance before a moment and (often) another after.
    n_topics = len(TOPICS)
    shape = (len(actors) + 1, n_topics)
    stance_before = npr.integers(0, len(STANCE_LIST), shape)
    stance_after = np.where(
        npr.random(shape) < 0.4, npr.integers(0, len(STANCE_LIST), shape), stance_before
    )
    change_at = START + npr.random(shape) * SPAN

    zipf = 1.0 / np.arange(1, len(_WORDS) + 1) ** 0.8
    word_p = zipf / zipf.sum()
    stance_names = np.array([*STANCE_LIST, None], dtype=object)
    topic_names = [name for name, _ in TOPICS]
    actor_names = [row[1] for row in actors]

    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        schema.create(conn, f"Synthetic news ({events:,} items, seed {seed})")
        # Rows first, then indexes, triggers and full-text tables in bulk.
        for name, kind in conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ).fetchall():
            conn.execute(f'DROP {kind.upper()} "{name}"')
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("synthetic_seed", str(seed)), ("synthetic_items", str(events))],
        )
        conn.executemany(
            "INSERT INTO sources(id, title, outlet, url, published) VALUES (?, ?, ?, ?, ?)",
            sources,
        )
        conn.executemany(
            "INSERT INTO actors(id, name, kind, parent_id, aliases, title) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            actors,
        )
        conn.executemany(
            "INSERT INTO topics(id, name, description) VALUES (?, ?, ?)",
            [(i + 1, name, desc) for i, (name, desc) in enumerate(TOPICS)],
        )
        event_t0 = _write_events(
            conn,
            npr,
            n_events,
            centres,
            scales,
            weights,
            burst_actors,
            actor_ids,
            all_p,
            n_sources,
            actor_names,
        )
        event_order = np.argsort(event_t0, kind="stable")
        event_sorted = event_t0[event_order]
        n_links = 0
        for first in range(0, n_statements, CHUNK):
            n = min(CHUNK, n_statements - first)
            t, burst = _times(npr, n, centres, scales, weights, 0.65)
            text, prec, approx, t0, t1 = _dates(npr, t, 0.03)
            actor = _actor_choice(npr, n, burst, burst_actors, actor_ids, all_p)
            topic = np.where(
                (burst >= 0) & (npr.random(n) < 0.6),
                burst_topic[np.maximum(burst, 0)],
                npr.integers(0, n_topics, n),
            )
            stance = np.where(
                t < change_at[actor, topic],
                stance_before[actor, topic],
                stance_after[actor, topic],
            )
            stance[npr.random(n) < 0.12] = len(STANCE_LIST)  # no stance stated
            direct = npr.random(n) < 0.6
            n_words = np.clip(npr.lognormal(3.0, 0.45, n), 9, 62).astype(np.int64)
            bounds = np.concatenate(([0], np.cumsum(n_words)))
            words = np.array(_WORDS, dtype=object)[
                npr.choice(len(_WORDS), size=int(bounds[-1]), p=word_p)
            ].tolist()
            has_summary = npr.random(n) < 0.5
            source = npr.integers(1, n_sources + 1, n)
            link = npr.random(n) < 0.15
            if n_events:
                near = np.clip(np.searchsorted(event_sorted, t), 0, n_events - 1)
                event_id = event_order[near] + 1
            else:
                link[:] = False
                event_id = np.zeros(n, dtype=np.int64)
            n_links += int(link.sum())
            rows = []
            stance_list = stance_names[stance].tolist()
            for i in range(n):
                a, top, st = int(actor[i]), int(topic[i]), stance_list[i]
                summary = (
                    f"{actor_names[a - 1]}: {st or 'undecided'} on {topic_names[top].lower()}"
                    if has_summary[i]
                    else None
                )
                rows.append(
                    (
                        first + i + 1,
                        a,
                        text[i],
                        PRECISIONS[prec[i]],
                        int(approx[i]),
                        _quote(words[bounds[i] : bounds[i + 1]], bool(direct[i])),
                        "direct" if direct[i] else "reported",
                        top + 1,
                        st,
                        summary,
                        int(source[i]),
                        int(event_id[i]) if link[i] else None,
                        int(t0[i]),
                        int(t1[i]),
                    )
                )
            conn.executemany(
                "INSERT INTO statements(id, actor_id, said, precision, approximate, text, kind,"
                " topic_id, stance, summary, source_id, event_id, said_ts, said_end_ts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.executescript(schema.DDL)  # the indexes and triggers dropped above
        counts = {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("actors", "topics", "sources", "events", "event_actors", "statements")
        }
    except BaseException:
        conn.close()
        path.unlink(missing_ok=True)
        raise
    conn.close()
    return counts


def _write_events(
    conn,
    npr,
    n_events,
    centres,
    scales,
    weights,
    burst_actors,
    actor_ids,
    all_p,
    n_sources,
    actor_names,
) -> np.ndarray:
    """Insert the events and their actors; return each event's start seconds (by id)."""
    all_t0 = np.empty(n_events, dtype=np.int64)
    cities = np.array(_CITIES, dtype=object)
    for first in range(0, n_events, CHUNK):
        n = min(CHUNK, n_events - first)
        t, burst = _times(npr, n, centres, scales, weights, 0.7)
        text, prec, approx, t0, t1 = _dates(npr, t, 0.04)
        all_t0[first : first + n] = t0
        # A few events last several days (day precision with an end date).
        ends = (prec == 2) & (npr.random(n) < 0.04)
        end_day = t0 + npr.integers(1, 15, n) * 86400
        end_text = np.datetime_as_string(end_day.astype("datetime64[s]"), unit="D").tolist()
        t1 = np.where(ends, end_day + 86400, t1)
        first_actor = _actor_choice(npr, n, burst, burst_actors, actor_ids, all_p)
        n_actors = npr.choice(3, size=n, p=(0.45, 0.35, 0.2)) + 1
        extra = npr.choice(actor_ids, size=(n, 2), p=all_p)
        noun = npr.integers(0, len(_EVENT_NOUNS), n)
        verb = npr.integers(0, len(_EVENT_VERBS), n)
        city = npr.integers(0, len(_CITIES), n)
        has_description = npr.random(n) < 0.35
        has_location = npr.random(n) < 0.6
        source = npr.integers(1, n_sources + 1, n)
        role = npr.random((n, 3))
        rows, links = [], []
        for i in range(n):
            rid = first + i + 1
            a = int(first_actor[i])
            title = (
                f"{actor_names[a - 1]} {_EVENT_NOUNS[noun[i]]} in {_CITIES[city[i]]} "
                f"{_EVENT_VERBS[verb[i]]}"
            )
            description = (
                f"The {_EVENT_NOUNS[noun[i]]} {_EVENT_VERBS[verb[i]]} after days of "
                f"pressure; delegations met in {cities[city[i]]}."
                if has_description[i]
                else None
            )
            rows.append(
                (
                    rid,
                    title,
                    description,
                    text[i],
                    end_text[i] if ends[i] else None,
                    PRECISIONS[prec[i]],
                    int(approx[i]),
                    _CITIES[city[i]] if has_location[i] else None,
                    int(source[i]),
                    int(t0[i]),
                    int(t1[i]),
                )
            )
            seen = [a]
            links.append((rid, a, "host" if role[i, 0] < 0.15 else "participant"))
            for k in range(int(n_actors[i]) - 1):
                b = int(extra[i, k])
                if b not in seen:
                    seen.append(b)
                    links.append((rid, b, "target" if role[i, k + 1] < 0.2 else "participant"))
        conn.executemany(
            'INSERT INTO events(id, title, description, start, "end", precision, approximate,'
            " location, source_id, start_ts, end_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO event_actors(event_id, actor_id, role) VALUES (?, ?, ?)", links
        )
    return all_t0
