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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from db import embedindex, schema, timeindex
from db.dates import PRECISIONS
from db.indexread import KIND_EVENT, KIND_STATEMENT, index_columns, join_links
from db.synthtext import (
    _CITIES,
    _EVENT_NOUNS,
    _EVENT_VERBS,
    _FIRST,
    _ORG_KINDS,
    _OUTLETS,
    _ROLES_SIDE,
    _TITLES,
    QUOTE_POOL,
    TOPICS,
    _labels,
    _names,
    _quote_pool,
    _word,
)

START = 1577836800  # 2020-01-01T00:00 (seconds since 1970)
YEARS = 5
SPAN = YEARS * 365 * 86400
CHUNK = 50_000

STANCE_LIST = schema.STANCES
# Share of each precision (same order as PRECISIONS): mostly day and minute.
PRECISION_P = (0.02, 0.05, 0.48, 0.04, 0.38, 0.03)
_PRECISION_NAMES = np.array(PRECISIONS, dtype=object)
NUMPY_UNIT = {"year": "Y", "month": "M", "day": "D", "hour": "h", "minute": "m", "second": "s"}


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


@dataclass(slots=True)
class _World:
    """What every item is drawn from: bursts, actors and their activity, stances."""

    npr: np.random.Generator
    centres: np.ndarray
    scales: np.ndarray
    weights: np.ndarray
    burst_topic: np.ndarray
    burst_actors: list
    actor_ids: np.ndarray
    all_p: np.ndarray
    actor_names: list[str]
    n_sources: int
    stance_before: np.ndarray
    stance_after: np.ndarray
    change_at: np.ndarray


def _world(rng: random.Random, npr: np.random.Generator, events: int, actors: list[tuple]):
    actor_ids = np.array([row[0] for row in actors], dtype=np.int64)
    side_of = _side_of(actors)
    ranks = npr.permutation(len(actors)) + 1
    activity = 1.0 / ranks**0.9
    side_ids = sorted(set(side_of.tolist()))
    n_bursts = 40
    centres = START + np.sort(npr.random(n_bursts)) * SPAN
    scales = npr.uniform(1.0, 25.0, n_bursts) * 86400
    weights = npr.pareto(1.2, n_bursts) + 0.2
    burst_topic = npr.integers(0, len(TOPICS), n_bursts)
    burst_actors = []
    for _ in range(n_bursts):
        involved = npr.choice(side_ids, size=int(npr.integers(2, 6)), replace=False)
        cands = actor_ids[np.isin(side_of, involved)]
        p = activity[cands - 1]
        burst_actors.append((cands, p / p.sum()))
    n_sources = max(10, events // 100)
    # Stances: per (actor, topic) one stance before a moment and (often) another after.
    shape = (len(actors) + 1, len(TOPICS))
    stance_before = npr.integers(0, len(STANCE_LIST), shape)
    stance_after = np.where(
        npr.random(shape) < 0.4, npr.integers(0, len(STANCE_LIST), shape), stance_before
    )
    return _World(
        npr, centres, scales, weights / weights.sum(), burst_topic, burst_actors, actor_ids,
        activity / activity.sum(), [row[1] for row in actors], n_sources, stance_before,
        stance_after, START + npr.random(shape) * SPAN,
    )


def _sources(rng: random.Random, npr: np.random.Generator, n_sources: int) -> list[tuple]:
    src_t = START + np.sort(npr.random(n_sources)) * SPAN
    return [
        (
            i + 1,
            f"{rng.choice(_EVENT_NOUNS).capitalize()} report {i + 1}",
            rng.choice(_OUTLETS),
            f"https://news.example/{i + 1}",
            str(np.datetime64(int(src_t[i]), "s").astype("datetime64[D]")),
        )
        for i in range(n_sources)
    ]


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
    actors = _actors(rng, 24 if events < 5000 else 36, 60 if events < 5000 else 280)
    world = _world(rng, npr, events, actors)
    sources = _sources(rng, npr, world.n_sources)
    quotes = _quote_pool(npr, min(max(n_statements, 1), QUOTE_POOL))
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        _begin_bulk(conn, f"Synthetic news ({events:,} items, seed {seed})")
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
        event_columns, links = _write_events(conn, world, events - n_statements)
        event_t0 = np.concatenate(event_columns[1] or [np.empty(0, np.int64)])
        statement_columns = _write_statements(conn, world, n_statements, quotes, event_t0)
        for fts in ("statements_fts", "events_fts"):
            _rebuild_full_text(conn, fts)
        conn.execute("COMMIT")
        conn.executescript(schema.DDL)  # the indexes and triggers dropped at the start
        counts = {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("actors", "topics", "sources", "events", "event_actors", "statements")
        }
    except BaseException:
        conn.close()
        path.unlink(missing_ok=True)
        raise
    conn.close()
    _keep_index(path, statement_columns, event_columns, links)
    return counts


def _keep_index(path: Path, statements: list, events: list, links: list) -> None:
    """Keep the store's time index in it (:mod:`db.embedindex`): the first open is warm.

    The columns are what the store's reader makes of the rows just written (tested
    against it)."""

    def joined(columns: list) -> list[np.ndarray]:
        return [np.concatenate(parts or [np.empty(0, np.int64)]) for parts in columns]

    events_rows = join_links(joined(events), joined(links))
    if events_rows is None:
        return
    index = timeindex.merged([
        timeindex.sorted_part(index_columns(joined(statements), KIND_STATEMENT)),
        timeindex.sorted_part(index_columns(events_rows, KIND_EVENT)),
    ])
    embedindex.keep(path, index)


def _begin_bulk(conn: sqlite3.Connection, title: str) -> None:
    """A new file written in one transaction without a journal: the schema without its
    indexes and triggers (made after the rows, in bulk)."""
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("PRAGMA threads=2")  # sorting for CREATE INDEX on both cores
    schema.create(conn, title)
    for name, kind in conn.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL"
    ).fetchall():
        conn.execute(f'DROP {kind.upper()} "{name}"')
    conn.execute("BEGIN")


#: FTS5's in-memory index before it writes a segment (1 MiB by default): one large
#: buffer while the full-text index is built, so far fewer segments are written and
#: merged (a third less time); set back to the default afterwards for later writers.
_BULK_HASH = 64 * 1024 * 1024
_DEFAULT_HASH = 1024 * 1024


def _rebuild_full_text(conn: sqlite3.Connection, fts: str) -> None:
    """Build a full-text index from its content table, with a large in-memory buffer."""
    conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {_BULK_HASH})")
    conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {_DEFAULT_HASH})")


_STANCE_NAMES = np.array([*STANCE_LIST, None], dtype=object)
_TOPIC_NAMES = [name.lower() for name, _ in TOPICS]


def _write_statements(conn, world: _World, n_statements: int, quotes, event_t0) -> list:
    """Insert the statements, a share of them linked to an event near their date;
    return their index columns id, actor, t0, t1, packed (approx + 2·(stance+1) +
    16·precision), topic (lists of one array per chunk)."""
    event_order = np.argsort(event_t0, kind="stable")
    event_sorted = event_t0[event_order]
    npr = world.npr
    columns: list[list[np.ndarray]] = [[] for _ in range(6)]
    for first in range(0, n_statements, CHUNK):
        n = min(CHUNK, n_statements - first)
        t, burst = _times(npr, n, world.centres, world.scales, world.weights, 0.65)
        text, prec, approx, t0, t1 = _dates(npr, t, 0.03)
        actor = _actor_choice(npr, n, burst, world.burst_actors, world.actor_ids, world.all_p)
        topic = np.where(
            (burst >= 0) & (npr.random(n) < 0.6),
            world.burst_topic[np.maximum(burst, 0)],
            npr.integers(0, len(TOPICS), n),
        )
        stance = np.where(
            t < world.change_at[actor, topic],
            world.stance_before[actor, topic],
            world.stance_after[actor, topic],
        )
        stance[npr.random(n) < 0.12] = len(STANCE_LIST)  # no stance stated
        direct = npr.random(n) < 0.6
        quote = npr.integers(0, len(quotes[0]), n)
        has_summary = npr.random(n) < 0.5
        source = npr.integers(1, world.n_sources + 1, n)
        link = npr.random(n) < 0.15
        event_id = np.zeros(n, dtype=np.int64)
        if len(event_t0):
            near = np.clip(np.searchsorted(event_sorted, t), 0, len(event_t0) - 1)
            event_id = np.where(link, event_order[near] + 1, 0)
        # The actor's name, then the stance and topic (each distinct pair written once):
        # object arrays are added in numpy's loop, no Python function per row.
        summary = _prefixed(world, actor, ": ") + _labels(
            (stance, topic),
            lambda st, top: f"{_STANCE_NAMES[st] or 'undecided'} on {_TOPIC_NAMES[top]}",
        )
        summary[~has_summary] = None
        rows = zip(
            range(first + 1, first + n + 1), actor.tolist(), text.tolist(),
            _PRECISION_NAMES[prec].tolist(), approx.tolist(),
            np.where(direct, quotes[0][quote], quotes[1][quote]).tolist(),
            np.where(direct, "direct", "reported").tolist(), (topic + 1).tolist(),
            _STANCE_NAMES[stance].tolist(), summary.tolist(), source.tolist(),
            np.where(event_id > 0, event_id, None).tolist(), t0.tolist(), t1.tolist(),
            strict=True,
        )
        conn.executemany(
            "INSERT INTO statements(id, actor_id, said, precision, approximate, text, kind,"
            " topic_id, stance, summary, source_id, event_id, said_ts, said_end_ts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        ids = np.arange(first + 1, first + n + 1)
        no_stance = stance >= len(STANCE_LIST)
        packed = approx + 2 * np.where(no_stance, 0, stance + 1) + 16 * prec
        values = (ids, actor, t0, t1, packed, topic + 1)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    return columns


def _links(ids, first_actor, extra, n_actors, role):
    """Columns event, actor, role: each event's first actor, then up to two others (an
    actor named twice is named once), in that order."""
    actors = np.stack((first_actor, extra[:, 0], extra[:, 1]), axis=1)
    keep = np.arange(3)[None, :] < n_actors[:, None]
    keep[:, 1] &= actors[:, 1] != actors[:, 0]
    keep[:, 2] &= (actors[:, 2] != actors[:, 0]) & (actors[:, 2] != actors[:, 1])
    roles = np.where(
        role < np.array([0.15, 0.2, 0.2]),
        np.array(["host", "target", "target"], dtype=object),
        "participant",
    )
    pick = np.nonzero(keep)  # row-major: each event's actors in order
    return ids[pick[0]], actors[pick], roles[pick]


def _prefixed(world: _World, actor: np.ndarray, separator: str) -> np.ndarray:
    """Each actor's name followed by ``separator`` (an object array, one per row)."""
    names = np.array([f"{name}{separator}" for name in world.actor_names], dtype=object)
    return names[actor - 1]


def _event_texts(world: _World, actor, noun, city, verb) -> tuple[np.ndarray, np.ndarray]:
    """Titles and descriptions of events (each distinct one written once)."""
    title = _prefixed(world, actor, " ") + _labels(
        (noun, city, verb),
        lambda no, ci, ve: f"{_EVENT_NOUNS[no]} in {_CITIES[ci]} {_EVENT_VERBS[ve]}",
    )
    description = _labels(
        (noun, verb, city),
        lambda no, ve, ci: f"The {_EVENT_NOUNS[no]} {_EVENT_VERBS[ve]} after days of "
        f"pressure; delegations met in {_CITIES[ci]}.",
    )
    return title, description


def _write_events(conn, world: _World, n_events: int) -> tuple[list, list]:
    """Insert the events and their actors; return the events' columns id, t0, t1,
    packed (approx + 16·precision) and their links' event and actor ids (lists of one
    array per chunk)."""
    npr = world.npr
    columns: list[list[np.ndarray]] = [[], [], [], []]
    links: list[list[np.ndarray]] = [[], []]
    cities = np.array(_CITIES, dtype=object)
    for first in range(0, n_events, CHUNK):
        n = min(CHUNK, n_events - first)
        t, burst = _times(npr, n, world.centres, world.scales, world.weights, 0.7)
        text, prec, approx, t0, t1 = _dates(npr, t, 0.04)
        # A few events last several days (day precision with an end date).
        ends = (prec == 2) & (npr.random(n) < 0.04)
        end_day = t0 + npr.integers(1, 15, n) * 86400
        end_text = np.datetime_as_string(end_day.astype("datetime64[s]"), unit="D").tolist()
        t1 = np.where(ends, end_day + 86400, t1)
        first_actor = _actor_choice(
            npr, n, burst, world.burst_actors, world.actor_ids, world.all_p
        )
        n_actors = npr.choice(3, size=n, p=(0.45, 0.35, 0.2)) + 1
        extra = npr.choice(world.actor_ids, size=(n, 2), p=world.all_p)
        noun = npr.integers(0, len(_EVENT_NOUNS), n)
        verb = npr.integers(0, len(_EVENT_VERBS), n)
        city = npr.integers(0, len(_CITIES), n)
        has_description = npr.random(n) < 0.35
        has_location = npr.random(n) < 0.6
        source = npr.integers(1, world.n_sources + 1, n)
        role = npr.random((n, 3))
        ids = np.arange(first + 1, first + n + 1)
        title, description = _event_texts(world, first_actor, noun, city, verb)
        description[~has_description] = None
        rows = zip(
            ids.tolist(),
            title.tolist(),
            description.tolist(),
            text.tolist(),
            np.where(ends, np.array(end_text, dtype=object), None).tolist(),
            _PRECISION_NAMES[prec].tolist(),
            approx.tolist(),
            np.where(has_location, cities[city], None).tolist(),
            source.tolist(),
            t0.tolist(),
            t1.tolist(),
            strict=True,
        )
        conn.executemany(
            'INSERT INTO events(id, title, description, start, "end", precision, approximate,'
            " location, source_id, start_ts, end_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        link_ids, link_actors, roles = _links(ids, first_actor, extra, n_actors, role)
        conn.executemany(
            "INSERT INTO event_actors(event_id, actor_id, role) VALUES (?, ?, ?)",
            zip(link_ids.tolist(), link_actors.tolist(), roles.tolist(), strict=True),
        )
        for column, value in zip(columns, (ids, t0, t1, approx + 16 * prec), strict=True):
            column.append(value)
        links[0].append(link_ids)
        links[1].append(link_actors)
    return columns, links
