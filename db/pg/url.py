"""Whether a STORE argument names a team store, and how to show it without its password."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")
MASK = "***"


def is_url(target: str | os.PathLike[str]) -> bool:
    """True when ``target`` is a ``postgresql://`` (or ``postgres://``) URL."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def display(target: str | os.PathLike[str]) -> str:
    """How a STORE argument is shown: a file as given, a URL with its password masked."""
    return mask(str(target)) if is_url(target) else str(target)


def mask(url: str) -> str:
    """``url`` with any password replaced by ``***`` (in the user part or a query field)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"(?i)(password=)[^&\s]*", rf"\1{MASK}", re.sub(r":[^:@/]*@", ":***@", url))
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        if ":" in user:
            user = user.split(":", 1)[0] + ":" + MASK
        netloc = f"{user}@{host}"
    query = parts.query
    if query:
        fields = [(k, MASK if k.lower() == "password" else v) for k, v in parse_qsl(query, True)]
        query = urlencode(fields, safe="/*:")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub(text: str, url: str) -> str:
    """``text`` (an error message) with ``url``'s password, if any, masked."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    for secret in filter(None, (password, os.environ.get("PGPASSWORD"))):
        text = text.replace(secret, MASK)
    return text


def build_url(host: str, port: str, database: str, user: str, password: str = "") -> str:
    """A ``postgresql://`` URL from its parts; a host that is a folder is a unix socket.
    Empty parts are left to libpq's environment (PGHOST, PGPORT, PGUSER, PGPASSWORD)."""
    auth = quote(user, safe="") if user else ""
    if password:
        auth += ":" + quote(password, safe="")
    query = {}
    if host.startswith("/"):
        query["host"], host = host, ""
    netloc = (f"{auth}@" if auth else "") + quote(host, safe=":[]") + (f":{port}" if port else "")
    if port and not host:
        netloc, query["port"] = netloc.removesuffix(f":{port}"), port
    return f"postgresql://{netloc}/{quote(database, safe='')}" + (
        "?" + urlencode(query, safe="/") if query else ""
    )


def without_password(url: str) -> str:
    """``url`` with its password removed (what settings may keep: libpq finds the password
    again in PGPASSWORD or ~/.pgpass)."""
    return mask(url).replace(f":{MASK}@", "@").replace(f"password={MASK}&", "").replace(
        f"&password={MASK}", ""
    ).replace(f"?password={MASK}", "")


def database_name(url: str) -> str:
    """The database a URL names, or "team store" (libpq then picks the user's name)."""
    try:
        name = urlsplit(url).path.lstrip("/")
    except ValueError:
        name = ""
    return name or "team store"
