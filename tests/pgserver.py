"""A private PostgreSQL cluster for the team board's tests and benchmarks (issue 19).

Made from the server binaries of Debian's ``postgresql`` package (``.ci/run`` installs
it) in a temporary directory, listening on a Unix socket in that directory only (no TCP
at all).  ``initdb`` refuses to run as root, so as root the cluster runs as ``nobody``
(``setpriv``).  :func:`server_binaries` is None when no server is installed: the tests
then skip with one line saying so.

Roles: ``evb_admin`` (the cluster's superuser, who sets the team schema up), and the team
``alice``, ``bob``, ``carol``, ``dave`` (no password, trusted on the socket) and ``erin``
(who must give a password: the ``PGPASSFILE`` test).  All but ``dave`` are in the
``evidenceboard_users`` role; what they may do with each board is row-level security's.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

TEAM = ("alice", "bob", "carol", "erin")
ERIN_PASSWORD = "erin-secret-7"
SKIP_REASON = ("no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian's "
               "postgresql package to run the team board tests")


def server_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (the newest installed)."""
    for env in (os.environ.get("EVB_PG_BIN"),):
        if env and (Path(env) / "initdb").exists():
            return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _free_port() -> int:
    # Only a number for the socket's name (.s.PGSQL.<port>): nothing listens on TCP.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One private cluster: :meth:`start`, :meth:`stop`, :meth:`restart`, :meth:`url`."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="evb-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "nobody", "nogroup")
        self.passfile = self.dir / "pgpass"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "evb_admin",
                  "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C")
        hba = self.data / "pg_hba.conf"
        hba_text = "local all erin scram-sha-256\nlocal all all trust\n"
        if self.as_root:
            self._run("sh", "-c", f"printf '{hba_text}' > {hba}")
        else:
            hba.write_text(hba_text)
        self.start()
        self.psql("postgres", "CREATE DATABASE evb")
        for role in (*TEAM, "dave"):
            self.psql("evb", f"CREATE ROLE {role} LOGIN")
        self.psql("evb", f"ALTER ROLE erin PASSWORD '{ERIN_PASSWORD}'")
        self.passfile.write_text(
            f"{self.dir}:{self.port}:evb:erin:{ERIN_PASSWORD}\n")
        os.chmod(self.passfile, 0o600)

    def start(self) -> None:
        opts = (f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off "
                "-c max_connections=120 -c shared_buffers=64MB")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts,
                  "-l", str(self.dir / "log"), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                  "-t", "60", "stop", check=False)

    def restart(self, mode: str = "immediate") -> None:
        self.stop(mode)
        self.start()

    def psql(self, db: str, sql: str) -> str:
        out = subprocess.run(
            [str(self.bindir / "psql"), "-h", str(self.dir), "-p", str(self.port), "-U",
             "evb_admin", "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
            check=True, capture_output=True, text=True, timeout=120)
        return out.stdout

    def url(self, user: str = "evb_admin", board: str | None = None) -> str:
        text = (f"postgresql:///evb?host={quote(str(self.dir), safe='')}&port={self.port}"
                f"&user={user}")
        return text + (f"&board={quote(board, safe='')}" if board is not None else "")

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def start_cluster() -> Cluster:
    """A running cluster with the team schema set up (raises if none can be made)."""
    from evidenceboard.store.team import team_setup

    bindir = server_binaries()
    if bindir is None:
        raise RuntimeError(SKIP_REASON)
    cluster = Cluster(bindir)
    try:
        cluster.init()
        team_setup(cluster.url())
        cluster.psql("evb", "GRANT evidenceboard_users TO " + ", ".join(TEAM))
    except BaseException:
        cluster.destroy()
        raise
    return cluster


def board_name(prefix: str = "board") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
