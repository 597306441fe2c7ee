"""Reaching a team's PostgreSQL server (issue 19): the board's address, the engine, the
errors that mean "the server is gone", and :class:`Reconnector`, which tries the server
again on a thread of its own so that no window waits for the network.

Connection settings are libpq's: the address is handed to libpq as it is, so a service
file (``service=``), ``PGPASSFILE``/``~/.pgpass``, ``PGHOST`` and the rest apply.  Only
:attr:`TeamAddress.display` (no password) is ever shown or remembered.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from .errors import BoardFileError
from .team_schema import CHANNEL

if TYPE_CHECKING:
    from sqlalchemy import Engine

SCHEMES = ("postgresql://", "postgres://")
#: libpq's wait for a server that does not answer (s).
CONNECT_TIMEOUT_S = 5


def is_team_address(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class TeamAddress:
    """``postgresql://…?board=NAME``: libpq's connection URI plus the board's name."""

    conninfo: str
    board: str

    @classmethod
    def parse(cls, text: str, board: str | None = None) -> TeamAddress:
        text = text.strip()
        if not is_team_address(text):
            raise BoardFileError(f"not a team board address (it starts with "
                                 f"postgresql://): {text[:80]}")
        parts = urlsplit(text)
        query = parse_qsl(parts.query, keep_blank_values=True)
        named = [v for k, v in query if k == "board"]
        rest = [(k, v) for k, v in query if k != "board"]
        name = board if board is not None else (named[-1] if named else "")
        if not name:
            raise BoardFileError("the address names no board: add ?board=NAME")
        if len(name) > 200:
            raise BoardFileError("a board's name has at most 200 characters")
        conninfo = _unsplit(parts.scheme, parts.netloc, parts.path, urlencode(rest))
        return cls(conninfo, name)

    @property
    def display(self) -> str:
        """The address without any password (what is shown and remembered)."""
        parts = urlsplit(self.conninfo)
        netloc = parts.netloc
        if "@" in netloc:
            user, host = netloc.rsplit("@", 1)
            netloc = f"{user.split(':', 1)[0]}@{host}"
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if k != "password"] + [("board", self.board)]
        return _unsplit(parts.scheme, netloc, parts.path, urlencode(query))

    @property
    def key(self) -> str:
        """What a notification names the board by (not its name: anyone may LISTEN)."""
        return hashlib.sha256(self.board.encode()).hexdigest()[:32]


def _unsplit(scheme: str, netloc: str, path: str, query: str) -> str:
    # (urlunsplit drops the "//" of an empty host, which libpq then misreads)
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def make_engine(conninfo: str) -> Engine:
    """An SQLAlchemy engine whose connections libpq makes from ``conninfo`` as given."""
    import psycopg
    from sqlalchemy import create_engine

    return create_engine("postgresql+psycopg://",
                         creator=lambda: psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT_S),
                         pool_size=2, max_overflow=2)


def reason(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return " ".join(first.split())[:200]


def sqlstate(e: BaseException) -> str | None:
    return getattr(getattr(e, "orig", None), "sqlstate", None)


def is_connection_error(e: BaseException) -> bool:
    import psycopg
    from sqlalchemy.exc import DBAPIError

    if isinstance(e, DBAPIError):
        return bool(e.connection_invalidated) or isinstance(e.orig, psycopg.OperationalError)
    return isinstance(e, psycopg.OperationalError)




def listening_connection(conninfo: str) -> Any:
    """A new autocommit connection that LISTENs on the boards' channel (raises
    psycopg.Error when the server cannot be reached)."""
    import psycopg

    con = psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        con.execute(f"LISTEN {CHANNEL}")
    except BaseException:
        con.close()
        raise
    return con


#: The reconnecting thread's name (what a test or a profile sees).
RECONNECT_THREAD = "evidenceboard-team-reconnect"


class Reconnector:
    """Tries the server again and again on a thread of its own until it answers, waiting
    longer after each failure (``first`` s doubling up to ``most`` s), so that no
    caller waits for the network: a server that does not answer at all holds a try for
    libpq's whole connect timeout.  When a try succeeds the thread ends, keeping the
    (listening) connection for :meth:`take`."""

    def __init__(self, conninfo: str, *, first: float = 0.25, most: float = 4.0) -> None:
        self._conninfo = conninfo
        self._first = first
        self._most = most
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready: Any = None
        #: Tries made (all threads), and the last one's error: for the status line.
        self.attempts = 0
        self.last_error = ""

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Begin trying (nothing when a thread already tries or a connection waits)."""
        with self._lock:
            if self.running or self._ready is not None:
                return
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._stop,),
                                            name=RECONNECT_THREAD, daemon=True)
            self._thread.start()

    def _run(self, stop: threading.Event) -> None:
        import psycopg

        delay = self._first
        while not stop.is_set():
            self.attempts += 1
            try:
                con = listening_connection(self._conninfo)
            except psycopg.Error as e:
                self.last_error = reason(e)
            else:
                with self._lock:
                    if stop.is_set():
                        con.close()
                    else:
                        self._ready = con
                return
            stop.wait(delay)
            delay = min(delay * 2, self._most)

    def take(self) -> Any:
        """The connection a successful try made (None: the server has not answered)."""
        with self._lock:
            con, self._ready = self._ready, None
        return con

    def stop(self) -> None:
        """Stop trying (a try in progress ends on its own, its connection closed)."""
        with self._lock:
            self._stop.set()
            con, self._ready = self._ready, None
        if con is not None:
            con.close()
