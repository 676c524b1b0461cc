"""An import's working copy of a team store: the rows an import can touch, not the record.

Parley's importer (actor resolution, dedup, corroboration) runs on a store file. Copying
a whole record of a million items into one took a minute, so a writer's copy holds only
what an import reads: the small tables whole (meta, sources, actors, topics), the row of
the highest id of each table (new ids follow it), the newest statements of each topic
(what an article's topics are matched against), and then, found by trying, the rows
near what the import adds: a trial runs the import on a copy of the working copy, and
its change log says which dates, speakers and words it added; the statements and events
the importer compares those with (the same days, the speaker's coarser and other-dated
ones sharing words, the days an article answers; their appearances and relations) are
fetched, and the import is tried again, until a trial asks for nothing new. Its changes
are the import's. Everything is read in the writer's snapshot, under the write lock.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import psycopg

from db.corroborate import FINE_S, NEAR_S, Corroborator
from db.importer import create_store
from db.pg import changelog, schema
from db.pg.copy import quote_name

#: Days before a new source's date whose statements an article may answer (at least the
#: extractor's ``LINK_DAYS``).
REPLY_DAYS = 31
#: Statements per topic an article's topics are matched against (``Store.topic_texts``).
PER_TOPIC = 200
#: Tries before the import's own needs are taken as settled.
ROUNDS = 4
_DAY = 86_400
_WHOLE = ("meta", "sources", "actors", "topics")


class WorkingCopy:
    """A store file in ``folder`` with the rows of the team store an import reads."""

    def __init__(self, conn: psycopg.Connection, url: str, folder: Path) -> None:
        self.conn = conn
        self.path = folder / "working.parley"
        meta = schema.check_version(conn, url)
        create_store(self.path, meta.get("title", "Untitled"))
        self.asked: set[tuple] = set()
        self.events: set[int] = set()
        self.local = sqlite3.connect(self.path, isolation_level=None)
        # (a scratch file: no journal, no waiting for the disk)
        self.local.execute("PRAGMA journal_mode = OFF")
        self.local.execute("PRAGMA synchronous = OFF")
        self.local.execute("BEGIN")
        for table in _WHOLE:
            where = "WHERE key <> 'schema_version'" if table == "meta" else ""
            self._fetch(table, where)
        for table in schema.TABLES:
            last = f"WHERE id = (SELECT max(id) FROM {table})"
            if table == "statements":
                self._statements(last, ())
            elif table == "events":
                self._events(last, ())
            elif table not in (*_WHOLE, "event_actors"):
                self._rows(table, last)
        self._statements(
            "WHERE id IN (SELECT s.id FROM topics t, LATERAL (SELECT id FROM statements "
            "WHERE topic_id = t.id ORDER BY id DESC LIMIT %s) s)",
            (PER_TOPIC,),
        )
        self.local.execute("COMMIT")

    def close(self) -> None:
        self.local.close()

    def trial(self, number: int) -> Path:
        """A copy of the working copy to import into, logging every row written."""
        path = self.path.with_name(f"trial-{number}.parley")
        shutil.copyfile(self.path, path)
        changelog.track(path)
        return path

    def settle(self, changes: list[tuple]) -> bool:
        """Fetch the rows the logged changes need compared; False when there were none
        the copy lacked (the trial saw all it reads)."""
        needs = [n for n in dict.fromkeys(_needs(changes, self.conn)) if n not in self.asked]
        if not needs:
            return True
        self.local.execute("BEGIN")
        for need in needs:
            self.asked.add(need)
            self._need(need)
        self.local.execute("COMMIT")
        return False

    def _need(self, need: tuple) -> None:
        kind, *args = need
        if kind == "days":
            self._statements("WHERE said_ts BETWEEN %s AND %s", args)
        elif kind == "coarse":
            self._statements(
                f"WHERE actor_id = %s AND said_ts < %s AND said_end_ts > %s "
                f"AND said_end_ts - said_ts > {FINE_S}", args,
            )
        elif kind == "words":
            self._statements(
                "WHERE actor_id = %s AND fts @@ to_tsquery('simple', %s)", args
            )
        elif kind == "events":
            self._events("WHERE start_ts < %s AND end_ts > %s", args[::-1])
        else:  # ("id", table, id): an id the trial took is the team store's already
            table, rid = args
            if table == "statements":
                self._statements("WHERE id = %s", (rid,))
            elif table == "events":
                self._events("WHERE id = %s", (rid,))
            else:
                self._rows(table, "WHERE id = %s", (rid,))

    def _statements(self, where: str, params: Iterable[object]) -> None:
        ids = self._rows("statements", where, params)
        if ids:
            self._rows("appearances", "WHERE statement_id = ANY(%s)", (ids,))
            self._rows("relations", "WHERE from_id = ANY(%s) OR to_id = ANY(%s)", (ids, ids))

    def _events(self, where: str, params: Iterable[object]) -> None:
        ids = [rid for rid in self._rows("events", where, params) if rid not in self.events]
        self.events.update(ids)
        if ids:
            self._fetch("event_actors", "WHERE event_id = ANY(%s)", (ids,))

    def _rows(self, table: str, where: str, params: Iterable[object] = ()) -> list[int]:
        """Copy the rows of ``table`` that ``where`` selects (each once); their ids."""
        return self._fetch(table, where, params, verb="INSERT OR IGNORE")

    def _fetch(self, table: str, where: str, params: Iterable[object] = (),
               verb: str = "INSERT OR REPLACE") -> list[int]:
        have = {row[1] for row in self.local.execute(f"PRAGMA table_info({quote_name(table)})")}
        names = [c for c in schema.columns(self.conn, table)
                 if c in have and c not in schema.GENERATED]
        listed = ", ".join(quote_name(c) for c in names)
        rows = self.conn.execute(f"SELECT {listed} FROM {table} {where}", tuple(params)).fetchall()
        self.local.executemany(
            f"{verb} INTO {quote_name(table)} ({listed}) VALUES ({', '.join('?' * len(names))})",
            rows,
        )
        return [row[0] for row in rows] if names and names[0] == "id" else []


def _needs(changes: list[tuple], conn: psycopg.Connection) -> list[tuple]:
    """What the rows a trial wrote are compared with, as fetches (see the module)."""
    needs: list[tuple] = []
    taken: dict[str, list[int]] = {}
    for table, _old, new_text in changes:
        new = json.loads(new_text) if new_text else None
        if new is None:
            continue
        if isinstance(new.get("id"), int) and _old is None:
            taken.setdefault(table, []).append(new["id"])
        if table == "statements":
            needs += _statement_needs(new)
        elif table == "events" and _ints(new, "start_ts", "end_ts"):
            t0, t1 = _days(new["start_ts"] - NEAR_S, new["end_ts"] + NEAR_S)
            needs.append(("events", t0, t1))
        elif table == "sources" and isinstance(new.get("published"), str):
            needs += _reply_days(new["published"])
        elif table in ("appearances", "relations"):  # a stored statement's: the others too
            needs += [("id", "statements", new[name]) for name in ("statement_id", "from_id",
                      "to_id") if isinstance(new.get(name), int)]
    for table, ids in taken.items():
        if table in schema.TABLES and table not in ("meta", "event_actors"):
            found = conn.execute(f"SELECT id FROM {table} WHERE id = ANY(%s)", (ids,))
            needs += [("id", table, rid) for (rid,) in found]
    return needs


def _statement_needs(row: dict) -> list[tuple]:
    if not _ints(row, "said_ts", "said_end_ts"):
        return []
    t0, t1 = row["said_ts"], row["said_end_ts"]
    needs: list[tuple] = [("days", *_days(t0 - NEAR_S - FINE_S, t1 + NEAR_S))]
    actor = row.get("actor_id")
    if isinstance(actor, int):
        needs.append(("coarse", actor, t1, t0))
        terms = re.findall(r'"([^"]+)"', Corroborator._candidates(None, str(row.get("text"))) or "")
        if len(terms) >= 2:
            pairs = " | ".join(
                f"('{a}' & '{b}')" for i, a in enumerate(terms) for b in terms[i + 1:]
            )
            needs.append(("words", actor, pairs))
    return needs


def _reply_days(published: str) -> list[tuple]:
    from db.dates import DateError, parse_date

    try:
        end = parse_date(published).span_seconds()[1]
    except DateError:
        return []
    return [("days", *_days(end - REPLY_DAYS * _DAY, end))]


def _days(t0: int, t1: int) -> tuple[int, int]:
    """The whole days around [t0, t1] (so that nearby rows ask the same fetch)."""
    return t0 - t0 % _DAY, t1 - t1 % _DAY + _DAY


def _ints(row: dict, *names: str) -> bool:
    return all(isinstance(row.get(n), int) and not isinstance(row.get(n), bool) for n in names)
