"""Connections to a team store, and what goes wrong with them said in one line.

Viewing connects read-only (``default_transaction_read_only`` for the session, and
psycopg's ``read_only``): the server itself refuses any write from the viewer.
"""

from __future__ import annotations

import psycopg

from db import errors
from db.pg.url import mask, scrub

#: Parley's tables live in their own schema, so a team's database can hold other things.
SCHEMA = "parley"
CONNECT_TIMEOUT_S = 5


def connect(url: str, *, read_only: bool) -> psycopg.Connection:
    """Open a connection (autocommit when reading, a transaction per ``with`` when writing)."""
    options = f"-c search_path={SCHEMA} -c jit=off"
    if read_only:
        options += " -c default_transaction_read_only=on"
    try:
        conn = psycopg.connect(
            url,
            autocommit=read_only,
            connect_timeout=CONNECT_TIMEOUT_S,
            options=options,
            application_name="parley",
        )
    except psycopg.Error as error:
        raise translate(url, error) from None
    if read_only:
        conn.read_only = True
    return conn


def translate(url: str, error: BaseException, doing: str = "read") -> errors.StoreError:
    """A psycopg error as a StoreError of one line naming the store (password masked);
    ``doing`` is what failed ("read", "written")."""
    where = mask(url)
    text = scrub(_first_line(error), url)
    low = text.lower()
    if "password authentication failed" in low:
        user = _quoted(text) or "the user"
        return errors.StoreError(where, f"wrong password for {user} (the server refused it)")
    if "no password supplied" in low:
        return errors.StoreError(
            where, "the server asks for a password: give it in the URL or PGPASSWORD"
        )
    if "database" in low and "does not exist" in low:
        name = _quoted(text) or "named"
        return errors.NoSuchFile(
            where, f"no such database {name} on the server (create it: createdb {name})"
        )
    if "role" in low and "does not exist" in low:
        return errors.StoreError(where, f"no such user on the server ({text})")
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        may = "write to" if doing == "written" else "read"
        return errors.StoreError(
            where, f"the user may not {may} this team store ({text}): ask its owner for the rights"
        )
    if isinstance(error, psycopg.errors.ReadOnlySqlTransaction):
        return errors.StoreError(where, "is open read-only (viewing never writes)")
    if _is_connection_error(error, low):
        return errors.StoreGone(where, f"cannot reach the server ({text})")
    return errors.StoreError(where, f"cannot be {doing} ({text})")


def _is_connection_error(error: BaseException, low: str) -> bool:
    if isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)) and not isinstance(
        error, psycopg.errors.QueryCanceled
    ):
        return True
    return any(
        phrase in low
        for phrase in ("connection", "server closed", "terminating", "could not connect")
    )


def _first_line(error: BaseException) -> str:
    """The error's message without libpq's prefixes and hints, on one line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    for prefix in ("connection failed:", "FATAL:", "ERROR:"):
        text = text.split(prefix, 1)[-1].strip() if prefix in text else text
    text = " ".join(text.replace("FATAL:", "").split())
    return text if len(text) <= 200 else text[:200] + "…"


def _quoted(text: str) -> str:
    """The first double-quoted name in ``text`` (with its quotes), or ''."""
    start = text.find('"')
    end = text.find('"', start + 1)
    return text[start : end + 1] if 0 <= start < end else ""
