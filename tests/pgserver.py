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

import contextlib
import glob
import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading
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


class BlackHole:
    """A way to the cluster over TCP on 127.0.0.1 that can be cut like a network
    (:meth:`cut`): every connection through it breaks, and from then on a new one is
    accepted but never answered — libpq waits its whole connect timeout, as for a
    server whose network went.  :meth:`restore` lets connections through again.
    (The cluster itself listens on its Unix socket only: this forwards to it.)"""

    def __init__(self, cluster: Cluster) -> None:
        self._target = str(cluster.dir / f".s.PGSQL.{cluster.port}")
        self._cluster = cluster
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._held: list[socket.socket] = []
        self.cut_off = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, user: str, board: str) -> str:
        return (f"postgresql://{user}@127.0.0.1:{self.port}/evb?board="
                f"{quote(board, safe='')}")

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                if self.cut_off:
                    self._held.append(client)  # accepted, never answered
                    continue
            upstream = socket.socket(socket.AF_UNIX)
            try:
                upstream.connect(self._target)
            except OSError:
                client.close()
                upstream.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([client, upstream], [], [], 0.5)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (upstream if s is client else client).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.close()

    def cut(self) -> None:
        with self._lock:
            self.cut_off = True
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        with self._lock:
            self.cut_off = False
            held, self._held = self._held, []
        for s in held:
            with contextlib.suppress(OSError):
                s.close()

    def close(self) -> None:
        self.cut()
        self.restore()
        self._listener.close()
