"""A throwaway PostgreSQL server for the tests: initdb, pg_ctl, a unix socket in a temp folder.

No TCP (``listen_addresses=''``): only the socket in the server's own folder, so the
tests never touch a server of the machine's. Run as an unprivileged user when the tests
run as root (PostgreSQL refuses to run as root; CI runs as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: The superuser the tests connect as (trusted on the socket), and a user who must give
#: a password (scram) so that a wrong password can be tried.
SUPERUSER = "parley"
PASSWORD_USER, PASSWORD = "team", "s3cret-Pw"
PORT = 5432


def binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def _runner() -> tuple[list[str], str | None]:
    """(command prefix, user name) to run the server's programs as an unprivileged user."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


@dataclass
class Server:
    """A running server: its folder (also the socket's) and how to reach it."""

    folder: Path
    prefix: list[str]
    bin: Path

    def url(self, dbname: str, user: str = SUPERUSER, password: str | None = None) -> str:
        auth = f"{user}:{password}" if password is not None else user
        return f"postgresql://{auth}@/{dbname}?host={self.folder}&port={PORT}"

    def psql(self, sql: str, dbname: str = "postgres") -> str:
        """Run SQL as the superuser (through the socket); its output."""
        done = subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
             "-h", str(self.folder), "-p", str(PORT), "-U", SUPERUSER, "-d", dbname, "-c", sql],
            capture_output=True, text=True, check=True,
        )
        return done.stdout

    def stop(self) -> None:
        self._ctl("stop", "-m", "immediate")

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -p {PORT} -c fsync=off " \
                  "-c full_page_writes=off -c synchronous_commit=off"
        self._ctl("start", "-l", str(self.folder / "server.log"), "-o", options)

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-w", *args],
            check=True, capture_output=True,
        )


def start_server() -> Server:
    """initdb a new cluster in a temp folder and start it; the caller stops it."""
    bin_folder = binaries()
    assert bin_folder is not None
    prefix, user = _runner()
    folder = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    folder.chmod(0o755)
    subprocess.run(
        [*prefix, str(bin_folder / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER,
         "--auth-local=trust", "--auth-host=reject", "--no-sync", "-E", "UTF8", "--locale=C"],
        check=True, capture_output=True,
    )
    # The password user must give its password; everyone else is trusted on the socket.
    hba = folder / "data" / "pg_hba.conf"
    hba.write_text(
        f"local all {PASSWORD_USER} scram-sha-256\nlocal all all trust\n", encoding="utf-8"
    )
    server = Server(folder, prefix, bin_folder)
    server.start()
    server.psql(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
    return server


def remove(server: Server) -> None:
    """Stop the server and delete its folder."""
    try:
        server.stop()
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)
