"""A board kept on a team's PostgreSQL server, many clients at once (issue 19).

:class:`TeamStore` is the server's counterpart of :class:`.board_store.BoardStore`: the
document writes each edit through :meth:`TeamStore.commit` and reads the others' edits
with :meth:`TeamStore.sync`, which it applies to the board like any edit (the views
follow its events, as they follow an undo).

* Every edit is one transaction.  It starts with ``evidenceboard.next_seq(board)``, which
  numbers it and serialises the board's writers on the board's row (and is the server's
  refusal of anyone who may not write).  Each row carries a ``version``; an edit changes
  or deletes a row only ``WHERE version = <the version this client last saw>``, so an
  edit that lost a race changes nothing and is reported as a :class:`ConflictError`
  naming both values — never a silent overwrite.
* Each edit records the items it touched in ``changes`` and ``NOTIFY``s the channel; a
  client that hears of a change it did not make reads the touched items as the server
  has them and turns the difference with its board into one :class:`~.model.Edit`.
* Losing the server makes the board read-only with a reason (:attr:`read_only_reason`);
  :meth:`sync` keeps trying and, once the server answers, catches up and lifts it.

Connection settings are libpq's: the address is handed to libpq as it is, so a service
file (``service=``), ``PGPASSFILE``/``~/.pgpass``, ``PGHOST`` and the rest apply.  Only
:attr:`TeamAddress.display` (no password) is ever shown or remembered.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..model import Board, Edit, Entity, kind_of
from .errors import BoardFileError, ReadOnlyError, StoreWriteError
from .rows import COLUMNS, from_rows, to_row
from .schema import TABLE_NAMES, primary_key
from .team_schema import CHANNEL, PG_SCHEMA, WRITERS, install_sql, team_metadata, team_tables

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCHEMES = ("postgresql://", "postgres://")
#: A team board of more cards than this opens by view (:meth:`TeamStore.load_view`).
VIEW_LOAD_FROM = 50_000
#: How often an offline store tries the server again (s).
RETRY_OFFLINE_S = 2.0
#: The most cards a view loads.
MAX_VIEW_CARDS = 20_000
OFFLINE = ("the team server cannot be reached: the board is read-only until it is back "
           "(nothing you saved is lost)")


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
                         creator=lambda: psycopg.connect(conninfo, connect_timeout=5),
                         pool_size=2, max_overflow=2)


def _reason(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return " ".join(first.split())[:200]


def _sqlstate(e: BaseException) -> str | None:
    return getattr(getattr(e, "orig", None), "sqlstate", None)


def _is_connection_error(e: BaseException) -> bool:
    import psycopg
    from sqlalchemy.exc import DBAPIError

    if isinstance(e, DBAPIError):
        return bool(e.connection_invalidated) or isinstance(e.orig, psycopg.OperationalError)
    return isinstance(e, psycopg.OperationalError)


# ===================================================================== administration
def team_setup(conninfo: str) -> None:
    """Create the team schema on a server (its administrator, once)."""
    from sqlalchemy.schema import CreateSchema

    engine = make_engine(conninfo)
    try:
        with engine.begin() as conn:
            conn.execute(CreateSchema(PG_SCHEMA, if_not_exists=True))
            team_metadata().create_all(conn)
            for stmt in install_sql():
                conn.exec_driver_sql(stmt.replace("%", "%%"))
    finally:
        engine.dispose()


def _copy_rows(conn: Connection, board: str, by_kind: dict[str, list[tuple[Any, ...]]]
               ) -> None:
    """Rows into the server in bulk, parents first: COPY into a temporary table (COPY
    itself is refused on a table under row-level security), then one INSERT … SELECT,
    which the policies check."""
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        for kind in TABLE_NAMES:
            rows = by_kind.get(kind)
            if not rows:
                continue
            cols = ", ".join(f'"{c}"' for c in ("board", *COLUMNS[kind], "version"))
            tmp = f"evb_new_{kind}"
            cur.execute(f'CREATE TEMP TABLE {tmp} (LIKE {PG_SCHEMA}."{kind}") '
                        "ON COMMIT DROP")
            with cur.copy(f"COPY {tmp} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row((board, *r, 1))
            cur.execute(f'INSERT INTO {PG_SCHEMA}."{kind}" ({cols}) SELECT {cols} FROM {tmp}')


def publish(board: Board, address: TeamAddress) -> None:
    """Put ``board`` on the server under ``address.board``, owned by the connecting
    role.  Refuses a name already taken."""
    from sqlalchemy import insert
    from sqlalchemy.exc import DBAPIError

    t = team_tables()
    engine = make_engine(address.conninfo)
    try:
        with engine.begin() as conn:
            if conn.exec_driver_sql(f"SELECT 1 FROM {PG_SCHEMA}.boards WHERE name = %s",
                                    (address.board,)).first() is not None:
                raise StoreWriteError(f"there is already a board named {address.board!r} "
                                      "on the server")
            user = conn.exec_driver_sql("SELECT current_user").scalar_one()
            conn.execute(insert(t["boards"]).values(name=address.board, owner=user))
            conn.execute(insert(t["members"]).values(board=address.board, member=user,
                                                     access="owner"))
            by_kind: dict[str, list[tuple[Any, ...]]] = {}
            for e in board.entities():
                k = kind_of(e)
                by_kind.setdefault(k, []).append(to_row(k, e))
            _copy_rows(conn, address.board, by_kind)
    except DBAPIError as e:
        if _sqlstate(e) == "23505" and "boards_pkey" in str(e):  # (one you cannot see)
            raise StoreWriteError(f"there is already a board named {address.board!r} on "
                                  "the server") from None
        if _sqlstate(e) == "42501" or _sqlstate(e) == "3F000" or _sqlstate(e) == "42P01":
            raise StoreWriteError(f"the server refused: {_reason(e)} (is the team schema "
                                  "set up, and are you in the evidenceboard_users role?)"
                                  ) from None
        raise StoreWriteError(f"could not publish: {_reason(e)}") from None
    finally:
        engine.dispose()


def grant(address: TeamAddress, member: str, access: str | None) -> None:
    """Give ``member`` (a role) ``access`` to the board (None: take it away); only an
    owner of the board may (the server's ``set_access`` checks)."""
    from sqlalchemy.exc import DBAPIError

    if access not in ("owner", "editor", "reader", None):
        raise ValueError(access)
    engine = make_engine(address.conninfo)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT {PG_SCHEMA}.set_access(%s, %s, %s)",
                                 (address.board, member, access))
    except DBAPIError as e:
        raise StoreWriteError(f"could not change {member}'s access: {_reason(e)}") from None
    finally:
        engine.dispose()


# ===================================================================== the store
@dataclass(frozen=True)
class Conflict:
    """An edit of ``kind`` ``item`` that lost a race: what this client wanted and what
    the server has (None: deleted)."""

    kind: str
    item: str
    mine: Entity | None
    theirs: Entity | None


class ConflictError(StoreWriteError):
    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class OfflineError(StoreWriteError):
    pass


class _Lost(Exception):
    """An edit lost a race: its transaction is rolled back."""


def _label(e: Entity | None) -> str:
    if e is None:
        return "deleted"
    text = getattr(e, "title", None) or getattr(e, "label", None) or \
        getattr(e, "value", None) or getattr(e, "quote", None) or e.id
    return repr(" ".join(str(text).split())[:60])


def conflict_message(conflicts: list[Conflict]) -> str:
    c = conflicts[0]
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    return (f"conflict: this {c.kind} was changed by someone else meanwhile{more}; the "
            f"board shows theirs ({_label(c.theirs)}), yours ({_label(c.mine)}) was not "
            "saved and is kept in the conflict list")


@dataclass
class _State:
    versions: dict[tuple[str, str], int] = field(default_factory=dict)
    seq: int = 0


class TeamStore:
    """A board on a team server, open for work.  Use :meth:`open`; always :meth:`close`."""

    def __init__(self, address: TeamAddress, engine: Engine, access: str, user: str,
                 *, read_only: bool) -> None:
        self.address = address
        self._engine = engine
        self.access = access
        self.user = user
        self.client_id = uuid.uuid4().hex
        self._state = _State()
        self._forced_read_only = read_only
        self.offline = False
        self._listener: Any = None
        self._mutex = threading.RLock()
        self._closed = False
        self._offline_try = 0.0
        #: Items another client deleted since this one saw them: putting one back is a
        #: conflict, not a silent undo of their delete.
        self._gone: set[tuple[str, str]] = set()
        #: Who made the changes the last :meth:`sync` brought in (their roles).
        self.last_authors: tuple[str, ...] = ()
        #: Only part of the board is loaded (:meth:`load_view`), that of this rectangle.
        self.partial = False
        self.view_rect: tuple[float, float, float, float] | None = None
        #: Every conflict this client met, oldest first (both values kept).
        self.conflicts: list[Conflict] = []

    @classmethod
    def open(cls, address: TeamAddress, *, read_only: bool = False) -> TeamStore:
        from sqlalchemy.exc import DBAPIError

        engine = make_engine(address.conninfo)
        try:
            with engine.connect() as conn:
                user = conn.exec_driver_sql("SELECT current_user").scalar_one()
                access = conn.exec_driver_sql(
                    f"SELECT m.access FROM {PG_SCHEMA}.members m WHERE m.board = %s AND "
                    "pg_has_role(current_user, m.member, 'MEMBER') ORDER BY "
                    "CASE m.access WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END "
                    "LIMIT 1", (address.board,)).scalar()
        except DBAPIError as e:
            engine.dispose()
            if _sqlstate(e) == "42501":
                raise BoardFileError("you are not a member of the team on this server (the "
                                     "evidenceboard_users role): ask its administrator"
                                     ) from None
            if _sqlstate(e) == "42P01" or _sqlstate(e) == "3F000":
                raise BoardFileError("this database holds no team boards (its "
                                     "administrator runs evidenceboard team-setup)") from None
            raise BoardFileError(f"cannot open the team board: {_reason(e)}") from None
        except BaseException:
            engine.dispose()
            raise
        if access is None:
            engine.dispose()
            raise BoardFileError(f"there is no board {address.board!r} on the server, or "
                                 "you have no access to it")
        return cls(address, engine, str(access), str(user), read_only=read_only)

    # ----------------------------------------------------------------- state
    @property
    def path(self) -> Any:
        from pathlib import Path
        return Path(f"{self.address.board}")

    @property
    def read_only_reason(self) -> str | None:
        if self.offline:
            return OFFLINE
        if self.access not in WRITERS:
            return f"you are a {self.access} of this team board: it is shown read-only"
        if self._forced_read_only:
            return "opened read-only on request"
        return None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def seq(self) -> int:
        return self._state.seq

    # ----------------------------------------------------------------- reading
    def _read(self, conn: Connection, kind: str, ids: list[str] | None = None,
              where: str = "", params: tuple[Any, ...] = ()
              ) -> list[tuple[Any, ...]]:
        cols = ", ".join(f'"{c}"' for c in (*COLUMNS[kind], "version"))
        sql = f'SELECT {cols} FROM {PG_SCHEMA}."{kind}" WHERE board = %s'
        args: tuple[Any, ...] = (self.address.board,)
        if ids is not None:
            sql += f' AND "{primary_key(kind)}" = ANY(%s)'
            args += (ids,)
        if where:
            sql += f" AND {where}"
            args += params
        return [tuple(r) for r in conn.exec_driver_sql(sql, args)]

    def load(self) -> Board:
        """The whole board as the server has it now (one consistent snapshot)."""
        entities: list[Entity] = []
        versions: dict[tuple[str, str], int] = {}
        with self._mutex, self._engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                seq = self._board_seq(conn)
                for kind in TABLE_NAMES:
                    rows = self._read(conn, kind)
                    for r in rows:
                        versions[(kind, r[0])] = r[-1]
                    entities.extend(from_rows(kind, (r[:-1] for r in rows)))
        self._state = _State(versions, seq)
        self._listen()
        return Board.from_entities(entities)

    def load_view(self, rect: tuple[float, float, float, float],
                  limit: int = MAX_VIEW_CARDS) -> Board:
        """The part of the board a view of ``rect`` (x0, y0, x1, y1) shows: the cards
        whose position lies in it (found through the position index; at most
        ``limit``), the links between them, their citations and the sources those
        cite, and every setting.  The board is :attr:`partial` from then on: the
        others' edits of what it does not hold are left out of it."""
        x0, y0, x1, y1 = rect
        entities: list[Entity] = []
        versions: dict[tuple[str, str], int] = {}

        def take(kind: str, rows: list[tuple[Any, ...]]) -> list[Entity]:
            for r in rows:
                versions[(kind, r[0])] = r[-1]
            got = from_rows(kind, (r[:-1] for r in rows))
            entities.extend(got)
            return got

        with self._mutex, self._engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                seq = self._board_seq(conn)
                take("setting", self._read(conn, "setting"))
                cards = take("card", self._read(
                    conn, "card", where=f"x BETWEEN %s AND %s AND y BETWEEN %s AND %s "
                    f"LIMIT {int(limit)}", params=(x0, x1, y0, y1)))
                ids = [c.id for c in cards]
                inside = set(ids)
                links = [r for r in self._read(conn, "link", where="from_id = ANY(%s)",
                                               params=(ids,)) if r[2] in inside]
                link_ids = [r[0] for r in links]
                cites = self._read(conn, "citation", where="card_id = ANY(%s)",
                                   params=(ids,))
                cites += self._read(conn, "citation", where="link_id = ANY(%s)",
                                    params=(link_ids,))
                source_ids = sorted({r[1] for r in cites})
                take("source", self._read(conn, "source", source_ids))
                take("link", links)
                take("citation", cites)
        self._state = _State(versions, seq)
        self.partial = True
        self.view_rect = rect
        self._listen()
        return Board.from_entities(entities)

    def centre(self) -> tuple[float, float]:
        """About the mean position of the board's cards (where a partial view opens):
        from a 1 % sample of the table's pages, all of them when that finds none."""
        with self._engine.connect() as conn:
            for sample in ("TABLESAMPLE SYSTEM (1) REPEATABLE (1) ", ""):
                row = conn.exec_driver_sql(
                    f"SELECT avg(x), avg(y) FROM {PG_SCHEMA}.card {sample}WHERE board = %s",
                    (self.address.board,)).one()
                if row[0] is not None:
                    return (float(row[0]), float(row[1]))
        return (0.0, 0.0)

    def more_cards_than(self, n: int) -> bool:
        """Whether the board has more than ``n`` cards (reads at most n + 1 index
        entries, never counts a million)."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                f"SELECT 1 FROM {PG_SCHEMA}.card WHERE board = %s OFFSET %s LIMIT 1",
                (self.address.board, int(n))).first()
        return row is not None

    def count(self, kind: str) -> int:
        with self._engine.connect() as conn:
            n = conn.exec_driver_sql(f'SELECT count(*) FROM {PG_SCHEMA}."{kind}" WHERE '
                                     "board = %s", (self.address.board,)).scalar_one()
        return int(n)

    def _board_seq(self, conn: Connection) -> int:
        seq = conn.exec_driver_sql(f"SELECT seq FROM {PG_SCHEMA}.boards WHERE name = %s",
                                   (self.address.board,)).scalar()
        if seq is None:
            raise BoardFileError(f"the board {self.address.board!r} is no longer on the "
                                 "server, or you no longer have access to it")
        return int(seq)

    # ----------------------------------------------------------------- listening
    def _listen(self) -> None:
        import psycopg

        self._stop_listening()
        try:
            con = psycopg.connect(self.address.conninfo, autocommit=True, connect_timeout=5)
            con.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._listener = None
            return
        self._listener = con

    def _stop_listening(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):  # a dead connection closes as it can
                self._listener.close()
            self._listener = None

    def heard(self) -> bool:
        """Whether another client changed the board since the last look (reads the
        notifications already on the socket; never waits)."""
        import psycopg

        if self._listener is None:
            return True  # nobody tells us: look
        key = self.address.key
        found = False
        try:
            for note in self._listener.notifies(timeout=0, stop_after=1000):
                k, _, rest = note.payload.partition(" ")
                if k == key and rest.split(" ")[-1] != self.client_id:
                    found = True
        except psycopg.Error:
            self._stop_listening()
            return True
        return found

    # ----------------------------------------------------------------- syncing
    def sync(self, board: Board, *, force: bool = False) -> Edit:
        """The edit that brings ``board`` to what the server has now for everything
        changed since this client last looked (empty when nothing was).  Never raises
        for a lost server: it marks the store offline and tries again next time."""
        from sqlalchemy.exc import DBAPIError

        with self._mutex:
            if not (force or self.offline or self.heard()):
                return Edit("changes by others")
            if self.offline and not force and \
                    time.monotonic() - self._offline_try < RETRY_OFFLINE_S:
                return Edit("changes by others")  # (each try may wait for the network)
            self._offline_try = time.monotonic()
            if self.offline or self._listener is None:
                self._listen()  # first: nothing said after it is missed by the look below
            try:
                edit = self._sync(board)
            except DBAPIError as e:
                if _is_connection_error(e):
                    self.offline = True
                    self._stop_listening()
                    return Edit("changes by others")
                raise
            self.offline = False
            return edit

    def _sync(self, board: Board) -> Edit:
        with self._engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                seq = self._board_seq(conn)
                if seq == self._state.seq:
                    return Edit("changes by others")
                touched: dict[str, set[str]] = {}
                authors: set[str] = set()
                for kind, item, author, client in conn.exec_driver_sql(
                        f"SELECT kind, item, author, client FROM {PG_SCHEMA}.changes WHERE "
                        "board = %s AND seq > %s AND seq <= %s",
                        (self.address.board, self._state.seq, seq)):
                    touched.setdefault(kind, set()).add(item)
                    if client != self.client_id:
                        authors.add(str(author))
                server: dict[tuple[str, str], tuple[Entity, int]] = {}
                for kind, ids in touched.items():
                    rows = self._read(conn, kind, sorted(ids))
                    for e, r in zip(from_rows(kind, (r[:-1] for r in rows)), rows,
                                    strict=True):
                        server[(kind, e.id)] = (e, int(r[-1]))
        puts: list[Entity] = []
        deletes: list[tuple[str, str]] = []
        versions = self._state.versions
        for kind, ids in touched.items():
            for item in ids:
                got = server.get((kind, item))
                mine = board.get(kind, item)
                if got is None:
                    if versions.pop((kind, item), None) is not None:
                        self._gone.add((kind, item))  # deleted by someone else
                    if mine is not None:
                        deletes.append((kind, item))
                    continue
                e, version = got
                versions[(kind, item)] = version
                if mine != e:
                    puts.append(e)
        self._state.seq = seq
        self.last_authors = tuple(sorted(authors))
        return Edit("changes by " + (", ".join(sorted(authors)) or "others"),
                    tuple(puts), tuple(deletes))

    # ----------------------------------------------------------------- writing
    def commit(self, edit: Edit) -> None:
        """Write ``edit`` in one transaction, or nothing of it (ConflictError: it lost a
        race; OfflineError: the server cannot be reached; StoreWriteError otherwise)."""
        from sqlalchemy.exc import DBAPIError

        reason = self.read_only_reason
        if reason is not None:
            raise ReadOnlyError(f"cannot save: {reason}")
        if self._closed:
            raise StoreWriteError("cannot save: the board is closed")
        with self._mutex:
            lost: list[Conflict] = []
            written: dict[tuple[str, str], int | None] = {}
            try:
                with self._engine.begin() as conn:
                    lost, written = self._write(conn, edit)
                    if lost:
                        raise _Lost
                # Committed: only now are the new versions this client's to expect.
                for key, version in written.items():
                    if version is None:
                        self._state.versions.pop(key, None)
                    else:
                        self._state.versions[key] = version
            except _Lost:
                pass
            except DBAPIError as e:
                if _is_connection_error(e):
                    self.offline = True
                    self._stop_listening()
                    raise OfflineError(f"could not save: {OFFLINE}; the change was not "
                                       "made") from None
                state = _sqlstate(e)
                if state == "42501":
                    raise StoreWriteError("could not save: the server refused it (you may "
                                          "not change this board); the change was not made"
                                          ) from None
                if state in ("23503", "23505"):  # a card deleted, an id taken meanwhile
                    first = edit.ordered_puts()[:1]
                    lost = [Conflict(kind_of(p), p.id, p, None) for p in first] or \
                        [Conflict(k, i, None, None) for k, i in edit.ordered_deletes()[:1]]
                else:
                    raise StoreWriteError(f"could not save: {_reason(e)}; the change was "
                                          "not made") from None
            if lost:
                lost = self._theirs(lost)
                self.conflicts.extend(lost)
                raise ConflictError(conflict_message(lost), lost)

    def _write(self, conn: Connection, edit: Edit
               ) -> tuple[list[Conflict], dict[tuple[str, str], int | None]]:
        """The edit's statements; the races it lost, or the versions its rows will have
        once the transaction commits."""
        b = self.address.board
        s = PG_SCHEMA
        seq = int(conn.exec_driver_sql(f"SELECT {s}.next_seq(%s)", (b,)).scalar_one())
        versions = self._state.versions
        new_versions: dict[tuple[str, str], int | None] = {}
        lost: list[Conflict] = []
        touched: list[tuple[str, str]] = []
        for kind, item in edit.ordered_deletes():
            pk = primary_key(kind)
            v = versions.get((kind, item))
            touched.append((kind, item))
            res = conn.exec_driver_sql(
                f'DELETE FROM {s}."{kind}" WHERE board = %s AND "{pk}" = %s AND '
                "version = %s", (b, item, v if v is not None else -1))
            if res.rowcount == 0 and conn.exec_driver_sql(
                    f'SELECT 1 FROM {s}."{kind}" WHERE board = %s AND "{pk}" = %s',
                    (b, item)).first() is not None:
                lost.append(Conflict(kind, item, None, None))
            new_versions[(kind, item)] = None
        for e in edit.ordered_puts():
            kind = kind_of(e)
            pk = primary_key(kind)
            row = to_row(kind, e)
            cols = COLUMNS[kind]
            v = versions.get((kind, e.id))
            touched.append((kind, e.id))
            if v is None and (kind, e.id) in self._gone:
                # someone deleted it since this client saw it (an undo would bring it back)
                lost.append(Conflict(kind, e.id, e, None))
                continue
            if v is None:
                names = ", ".join(f'"{c}"' for c in ("board", *cols, "version"))
                marks = ", ".join(["%s"] * (len(cols) + 2))
                res = conn.exec_driver_sql(
                    f'INSERT INTO {s}."{kind}" ({names}) VALUES ({marks}) ON CONFLICT '
                    "DO NOTHING", (b, *row, 1))
                new_versions[(kind, e.id)] = 1
            else:
                sets = ", ".join(f'"{c}" = %s' for c in cols[1:])
                res = conn.exec_driver_sql(
                    f'UPDATE {s}."{kind}" SET {sets}, version = version + 1 WHERE '
                    f'board = %s AND "{pk}" = %s AND version = %s',
                    (*row[1:], b, e.id, v))
                new_versions[(kind, e.id)] = v + 1
            if res.rowcount != 1:
                lost.append(Conflict(kind, e.id, e, None))
        if lost:
            return lost, {}
        if touched:
            raw = conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {s}.changes (board, seq, kind, item, author, client, "
                    "description) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [(b, seq, k, i, self.user, self.client_id, edit.description[:200])
                     for k, i in touched])
        conn.exec_driver_sql("SELECT pg_notify(%s, %s)",
                             (CHANNEL, f"{self.address.key} {seq} {self.client_id}"))
        return [], new_versions

    def _theirs(self, lost: list[Conflict]) -> list[Conflict]:
        """The server's values of the items an edit lost on."""
        out = []
        try:
            with self._engine.connect() as conn:
                for c in lost:
                    rows = self._read(conn, c.kind, [c.item])
                    theirs = from_rows(c.kind, (r[:-1] for r in rows))
                    out.append(Conflict(c.kind, c.item, c.mine, theirs[0] if theirs else None))
        except Exception:
            return lost
        return out

    # ----------------------------------------------------------------- closing
    def save_copy(self, target: Any) -> Any:
        """A local board file of what the server has now (``evidenceboard pull``)."""
        from .board_store import create_board_file

        board = self.load()
        return create_board_file(target, board.entities())

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stop_listening()
        self._engine.dispose()


def pull(address: TeamAddress, target: Any) -> Any:
    """Write the team board at ``address`` to the new local board file ``target``."""
    store = TeamStore.open(address, read_only=True)
    try:
        return store.save_copy(target)
    finally:
        store.close()


__all__ = ["Conflict", "ConflictError", "OfflineError", "TeamAddress", "TeamStore",
           "grant", "is_team_address", "publish", "pull", "team_setup"]
