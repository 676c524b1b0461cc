"""The world of a synthetic store, drawn with numpy: its actors, sides, bursts of news,
stances that change over time, and the columns of its events and statements.

Shaped like news: items cluster in a few dozen bursts (exponential decay after each
burst's date) over five years above a quieter background; a few hundred actors speak
for a few dozen sides; each statement has a topic and a stance that changes over time;
events have one to three actors. Dates come at every precision, mostly day and minute,
a few approximate. Everything is drawn from the generators passed in: the same seed
gives the same columns.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

import numpy as np

from db import schema
from db.dates import PRECISIONS
from db.synthsql import Packing
from db.synthtext import (
    _EVENT_NOUNS,
    _FIRST,
    _ORG_KINDS,
    _OUTLETS,
    _ROLES_SIDE,
    _TITLES,
    TOPICS,
    _names,
    _word,
)

START = 1577836800  # 2020-01-01T00:00 (seconds since 1970)
YEARS = 5
SPAN = YEARS * 365 * 86400
CHUNK = 50_000

STANCE_LIST = schema.STANCES
# Share of each precision (same order as PRECISIONS): mostly day and minute.
PRECISION_P = (0.02, 0.05, 0.48, 0.04, 0.38, 0.03)
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
    """Precision, approximate, start and end seconds of each moment ``t`` (the store's
    text of each date is made from its start and precision, in SQL)."""
    n = len(t)
    prec = npr.choice(len(PRECISIONS), size=n, p=PRECISION_P)
    t0 = np.empty(n, dtype=np.int64)
    t1 = np.empty(n, dtype=np.int64)
    moments = t.astype("datetime64[s]")
    for code, name in enumerate(PRECISIONS):
        sel = np.flatnonzero(prec == code)
        cut = moments[sel].astype(f"datetime64[{NUMPY_UNIT[name]}]")
        t0[sel] = cut.astype("datetime64[s]").astype(np.int64)
        t1[sel] = (cut + 1).astype("datetime64[s]").astype(np.int64)
    vague = prec <= 1  # month and year are more often approximate
    approx = npr.random(n) < np.where(vague, approx_share * 4, approx_share)
    return prec, approx.astype(np.int64), t0, t1


def _moments(npr: np.random.Generator, n: int, world, burst_share: float, approx_share: float):
    """Moment, burst, precision, approximate, start and end seconds of ``n`` items, in
    the order of their start (ids follow time, as in a store filled as news comes in:
    each time index of the store is then written in order)."""
    t, burst = _times(npr, n, world.centres, world.scales, world.weights, burst_share)
    prec, approx, t0, t1 = _dates(npr, t, approx_share)
    order = np.argsort(t0, kind="stable")
    small = (burst, prec, approx)  # gathered as bytes (a fifth of the time), then widened
    return [
        t[order], *(c.astype(np.int8)[order].astype(np.int64) for c in small), t0[order],
        t1[order],
    ]


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
    days = src_t.astype(np.int64).astype("datetime64[s]").astype("datetime64[D]")
    return [
        (
            i,
            f"{rng.choice(_EVENT_NOUNS).capitalize()} report {i}",
            rng.choice(_OUTLETS),
            f"https://news.example/{i}",
            day,
        )
        for i, day in enumerate(np.datetime_as_string(days).tolist(), start=1)
    ]


@dataclass(slots=True)
class Columns:
    """A table's rows drawn chunk by chunk: the small integer columns SQL makes each row
    of, packed (the words of each chunk), and the columns of the time index (lists of one
    array per chunk)."""

    packing: Packing
    chunks: list[list[np.ndarray]] = field(default_factory=list)
    index: list[list[np.ndarray]] = field(default_factory=list)

    def add(self, chunk: dict[str, np.ndarray], index: tuple[np.ndarray, ...]) -> None:
        """A chunk's rows: its columns by name, and its time-index columns."""
        self.chunks.append(self.packing.pack(chunk))
        if not self.index:
            self.index = [[] for _ in index]
        for column, value in zip(self.index, index, strict=True):
            column.append(value)


def _bits(top: int) -> int:
    return max(int(top).bit_length(), 1)


def _packing(world: _World, **widths: int) -> Packing:
    """The packing of a table's columns: dates, actors and sources, then ``widths``."""
    actor = _bits(world.actor_ids.max())
    common = {"off": _bits(SPAN), "prec": 3, "approx": 1, "actor": actor}
    return Packing({**common, "source": _bits(world.n_sources), **widths})


def events(world: _World, n_events: int, cities: int, nouns: int, verbs: int):
    """The events' columns (``off``: start after START, in seconds; ``dur``: days an event
    of several days lasts) and index columns id, t0, t1, packed (approx + 16·precision);
    and their links' columns (``event``, ``actor``, ``role``: 0 participant, 1 host,
    2 target) and index columns event id, actor id."""
    npr = world.npr
    actor_bits = _bits(world.actor_ids.max())
    out = Columns(_packing(
        world, noun=_bits(nouns - 1), verb=_bits(verbs - 1), city=_bits(cities - 1),
        described=1, located=1, ends=1, dur=4,
    ))
    links = Columns(Packing({"event": _bits(n_events), "actor": actor_bits, "role": 2}))
    moments = _moments(npr, n_events, world, 0.7, 0.04)
    for first in range(0, n_events, CHUNK):
        n = min(CHUNK, n_events - first)
        _, burst, prec, approx, t0, t1 = (m[first : first + n] for m in moments)
        # A few events last several days (day precision with an end date).
        ends = (prec == 2) & (npr.random(n) < 0.04)
        dur = npr.integers(1, 15, n)
        t1 = np.where(ends, t0 + (dur + 1) * 86400, t1)
        actor = _actor_choice(npr, n, burst, world.burst_actors, world.actor_ids, world.all_p)
        n_actors = npr.choice(3, size=n, p=(0.45, 0.35, 0.2)) + 1
        extra = npr.choice(world.actor_ids, size=(n, 2), p=world.all_p)
        chunk = {
            "off": t0 - START, "prec": prec, "approx": approx, "actor": actor,
            "noun": npr.integers(0, nouns, n), "verb": npr.integers(0, verbs, n),
            "city": npr.integers(0, cities, n), "described": npr.random(n) < 0.35,
            "located": npr.random(n) < 0.6,
            "source": npr.integers(1, world.n_sources + 1, n), "ends": ends, "dur": dur,
        }
        ids = np.arange(first + 1, first + n + 1)
        link = _links(ids, actor, extra, n_actors, npr.random((n, 3)))
        out.add(chunk, (ids, t0, t1, approx + 16 * prec))
        links.add(link, (link["event"], link["actor"]))
    return out, links


def _links(ids, first_actor, extra, n_actors, role) -> dict[str, np.ndarray]:
    """The links of events ``ids`` to their actors (an actor named twice is named once),
    each event's in order: their event, actor and role."""
    actors = np.stack((first_actor, extra[:, 0], extra[:, 1]), axis=1)
    keep = np.arange(3)[None, :] < n_actors[:, None]
    keep[:, 1] &= actors[:, 1] != actors[:, 0]
    keep[:, 2] &= (actors[:, 2] != actors[:, 0]) & (actors[:, 2] != actors[:, 1])
    roles = np.where(role < np.array([0.15, 0.2, 0.2]), np.array([1, 2, 2]), 0)
    pick = np.nonzero(keep)  # row-major: each event's actors in order
    return {"event": ids[pick[0]], "actor": actors[pick], "role": roles[pick]}


def statements(world: _World, n_statements: int, pool: int, event_t0) -> Columns:
    """The statements' columns (``quote``: which of ``pool`` quotations; ``stance``:
    len(STANCES) when none is stated; ``event``: 0 when none), a share linked to an
    event near their date (``event_t0``: the events' starts in id order, sorted), and
    index columns id, actor, t0, t1, packed (approx + 2·(stance+1) + 16·precision),
    topic."""
    npr = world.npr
    out = Columns(_packing(
        world, topic=_bits(len(TOPICS) - 1), stance=_bits(len(STANCE_LIST)), direct=1,
        quote=_bits(pool - 1), summary=1, event=_bits(len(event_t0)),
    ))
    moments = _moments(npr, n_statements, world, 0.65, 0.03)
    for first in range(0, n_statements, CHUNK):
        n = min(CHUNK, n_statements - first)
        t, burst, prec, approx, t0, t1 = (m[first : first + n] for m in moments)
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
        chunk = {
            "off": t0 - START, "prec": prec, "approx": approx, "actor": actor,
            "topic": topic, "stance": stance, "direct": npr.random(n) < 0.6,
            "quote": npr.integers(0, pool, n), "summary": npr.random(n) < 0.5,
            "source": npr.integers(1, world.n_sources + 1, n),
        }
        link = npr.random(n) < 0.15
        chunk["event"] = np.zeros(n, dtype=np.int64)
        if len(event_t0):  # events are in time order: an event's id is its place + 1
            near = np.clip(np.searchsorted(event_t0, t), 0, len(event_t0) - 1)
            chunk["event"] = np.where(link, near + 1, 0)
        ids = np.arange(first + 1, first + n + 1)
        no_stance = stance >= len(STANCE_LIST)
        packed = approx + 2 * np.where(no_stance, 0, stance + 1) + 16 * prec
        out.add(chunk, (ids, actor, t0, t1, packed, topic + 1))
    return out
