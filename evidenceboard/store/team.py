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
* Losing the server marks the store :attr:`offline`.  A :class:`.team_connect.Reconnector`
  then tries the server on a thread of its own (nobody waits for the network); once it
  answers, :meth:`sync` catches up.  With an offline queue (:mod:`.team_queue`, given by
  the document) the board stays editable meanwhile; without one it is read-only
  (:attr:`read_only_reason`).

The address, the engine and reconnecting are :mod:`.team_connect`'s; publishing and
access :mod:`.team_admin`'s (both re-exported here).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Board, Edit, Entity, kind_of
from .errors import BoardFileError, ReadOnlyError, StoreWriteError
from .rows import COLUMNS, from_rows, to_row
from .schema import TABLE_NAMES, primary_key
from .team_admin import grant, publish, team_setup
from .team_connect import (
    Reconnector,
    TeamAddress,
    is_connection_error,
    is_team_address,
    listening_connection,
    make_engine,
    reason,
    sqlstate,
)
from .team_schema import CHANNEL, PG_SCHEMA, WRITERS

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from .team_queue import OfflineQueue

#: A team board of more cards than this opens by view (:meth:`TeamStore.load_view`).
VIEW_LOAD_FROM = 50_000
#: The most cards a view loads.
MAX_VIEW_CARDS = 20_000
OFFLINE = ("the team server cannot be reached: the board is read-only until it is back "
           "(nothing you saved is lost)")
#: An item: (kind, id).
Key = tuple[str, str]


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


class ServerUnreachable(BoardFileError):
    """Opening a team board: the server did not answer (not a refusal of its own)."""


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
        #: Tries the server again, off the caller's thread, while :attr:`offline`.
        self.reconnector = Reconnector(address.conninfo)
        #: Where edits made offline wait (the document gives one; None: offline is
        #: read-only).
        self.queue: OfflineQueue | None = None
        #: Items another client deleted since this one saw them: putting one back is a
        #: conflict, not a silent undo of their delete.
        self._gone: set[tuple[str, str]] = set()
        #: Who made the changes the last :meth:`sync` brought in (their roles).
        self.last_authors: tuple[str, ...] = ()
        #: Only part of the board is loaded (:meth:`load_view`), that of this rectangle.
        self.partial = False
        self.view_rect: tuple[float, float, float, float] | None = None
        #: Every rectangle loaded whole so far (the first is :attr:`view_rect`).
        self.loaded_rects: list[tuple[float, float, float, float]] = []
        #: Where the next slice of a rectangle too full for one begins: (x, y, id).
        self._slice: tuple[tuple[float, float, float, float], tuple[Any, ...]] | None = None
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
            state = sqlstate(e)
            if is_connection_error(e) and (state is None or state[:2] == "08" or
                                           state in ("57P01", "57P02", "57P03")):
                raise ServerUnreachable(f"the team server cannot be reached: {reason(e)}"
                                        ) from None
            if sqlstate(e) == "42501":
                raise BoardFileError("you are not a member of the team on this server (the "
                                     "evidenceboard_users role): ask its administrator"
                                     ) from None
            if sqlstate(e) == "42P01" or sqlstate(e) == "3F000":
                raise BoardFileError("this database holds no team boards (its "
                                     "administrator runs evidenceboard team-setup)") from None
            raise BoardFileError(f"cannot open the team board: {reason(e)}") from None
        except BaseException:
            engine.dispose()
            raise
        if access is None:
            engine.dispose()
            raise BoardFileError(f"there is no board {address.board!r} on the server, or "
                                 "you have no access to it")
        return cls(address, engine, str(access), str(user), read_only=read_only)

    @classmethod
    def offline_from(cls, address: TeamAddress, access: str, user: str,
                     versions: dict[Key, int], seq: int, *, read_only: bool = False
                     ) -> TeamStore:
        """The store of a board opened from this computer's copy while its server
        cannot be reached (:mod:`.team_copy`): :attr:`offline`, expecting the versions
        the copy was made on; the reconnector starts trying at once."""
        store = cls(address, make_engine(address.conninfo), access, user,
                    read_only=read_only)
        store._state = _State(dict(versions), seq)
        store.went_offline()
        return store

    # ----------------------------------------------------------------- state
    @property
    def engine(self) -> Engine:
        """The server's engine (reading the board's records: :mod:`.team_history`)."""
        return self._engine

    @property
    def known_versions(self) -> dict[Key, int]:
        """The version of every item this client has seen (a copy of them)."""
        return dict(self._state.versions)

    @property
    def path(self) -> Any:
        from pathlib import Path
        return Path(f"{self.address.board}")

    @property
    def read_only_reason(self) -> str | None:
        if self.offline and self.queue is None:
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
        self.loaded_rects = [rect] if len(cards) < limit else []
        self._listen()
        return Board.from_entities(entities)

    def covers(self, rect: tuple[float, float, float, float]) -> bool:
        """Whether a partial board holds every card of ``rect`` already."""
        x0, y0, x1, y1 = rect
        return not self.partial or any(a <= x0 and b <= y0 and x1 <= c and y1 <= d
                                       for a, b, c, d in self.loaded_rects)

    def load_more(self, board: Board, rect: tuple[float, float, float, float],
                  limit: int = MAX_VIEW_CARDS) -> tuple[Edit, bool]:
        """What a partial ``board`` lacks of ``rect`` (panned or zoomed to): the cards
        there it does not hold (outside the rectangles loaded whole already; at most
        ``limit`` — a bounded slice), the links between them and the cards it holds,
        their citations and the sources those cite, as one edit to apply (never on the
        undo stack: nothing changes on the server).  Also whether ``rect`` is loaded
        whole now (False: more than ``limit`` new cards are there: the next call with
        the same ``rect`` loads the next slice, in (x, y, id) order)."""
        from sqlalchemy.exc import DBAPIError

        x0, y0, x1, y1 = rect
        where = "x BETWEEN %s AND %s AND y BETWEEN %s AND %s"
        params: tuple[Any, ...] = (x0, x1, y0, y1)
        for a, b, c, d in self.loaded_rects[-16:]:
            where += " AND NOT (x BETWEEN %s AND %s AND y BETWEEN %s AND %s)"
            params += (a, c, b, d)
        if self._slice is not None and self._slice[0] == rect:  # the next slice
            where += " AND (x, y, id) > (%s, %s, %s)"
            params += self._slice[1]
        versions: dict[Key, int] = {}
        puts: list[Entity] = []

        def take(kind: str, rows: list[tuple[Any, ...]], have: Any) -> list[Entity]:
            rows = [r for r in rows if r[0] not in have]
            for r in rows:
                versions[(kind, r[0])] = int(r[-1])
            got = from_rows(kind, (r[:-1] for r in rows))
            puts.extend(got)
            return got

        try:
            rows = self._load_more(board, where, params, limit, take)
        except DBAPIError as e:
            if not is_connection_error(e):
                raise
            self.went_offline()
            return Edit("cards loaded"), False
        self._state.versions.update(versions)
        complete = len(rows) < limit
        if complete:
            self._slice = None
            self.loaded_rects.append(rect)
        else:
            ix, iy = COLUMNS["card"].index("x"), COLUMNS["card"].index("y")
            last = rows[-1]
            self._slice = (rect, (last[ix], last[iy], last[0]))
        return Edit("cards loaded", tuple(puts)), complete

    def _load_more(self, board: Board, where: str, params: tuple[Any, ...], limit: int,
                   take: Any) -> list[tuple[Any, ...]]:
        with self._mutex, self._engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                rows = self._read(conn, "card", where=f"{where} ORDER BY x, y, id LIMIT "
                                  f"{int(limit)}",
                                  params=params)
                new = [c.id for c in take("card", rows, board.cards)]
                inside = set(new) | set(board.cards)
                links = take("link", [r for r in self._read(
                    conn, "link", where="(from_id = ANY(%s) OR to_id = ANY(%s))",
                    params=(new, new)) if r[1] in inside and r[2] in inside], board.links)
                link_ids = [lk.id for lk in links]
                cites = self._read(conn, "citation", where="card_id = ANY(%s)",
                                   params=(new,))
                cites += self._read(conn, "citation", where="link_id = ANY(%s)",
                                    params=(link_ids,))
                sources = sorted({r[1] for r in cites} - set(board.sources))
                take("source", self._read(conn, "source", sources), board.sources)
                take("citation", cites, board.citations)
        return rows

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
            self._listener = listening_connection(self.address.conninfo)
        except psycopg.Error:
            self._listener = None

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
            self.went_offline()  # (tried again off this thread: never a wait here)
            return False
        return found

    # ----------------------------------------------------------------- syncing
    def went_offline(self) -> None:
        """The server stopped answering: mark it, and start trying it again on the
        reconnector's thread."""
        self.offline = True
        self._stop_listening()
        if not self._closed:
            self.reconnector.start()

    def reconnect(self, *, wait: bool = False) -> bool:
        """Whether the server answers (again).  While :attr:`offline` this only takes
        what the reconnector's thread found, never waiting for the network — unless
        ``wait``: then it also tries once on the caller's thread (the command line,
        tests).  Back online, the store listens again and renews its pool (the
        connections it held died with the server); the caller catches up (the queued
        edits first, then :meth:`sync` with ``force``)."""
        import psycopg

        with self._mutex:
            if not self.offline:
                return True
            con = self.reconnector.take()
            if con is None and wait:
                with contextlib.suppress(psycopg.Error):
                    con = listening_connection(self.address.conninfo)
            if con is None:
                if not self._closed:
                    self.reconnector.start()
                return False
            self.reconnector.stop()
            self._stop_listening()
            self._listener = con
            self._engine.dispose()
            self.offline = False
            return True

    def sync(self, board: Board, *, force: bool = False) -> Edit:
        """The edit that brings ``board`` to what the server has now for everything
        changed since this client last looked (empty when nothing was).  Never raises
        for a lost server: it marks the store offline (see :meth:`reconnect`)."""
        from sqlalchemy.exc import DBAPIError

        with self._mutex:
            if self.offline or not (force or self.heard()):
                return Edit("changes by others")
            try:
                return self._sync(board)
            except DBAPIError as e:
                if is_connection_error(e):
                    self.went_offline()
                    return Edit("changes by others")
                raise

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
    def commit(self, edit: Edit, *, op: str | None = None) -> None:
        """Write ``edit`` in one transaction, or nothing of it (ConflictError: it lost a
        race; OfflineError: the server cannot be reached; StoreWriteError otherwise).
        ``op`` names the edit in ``changes`` (an offline queue's entry: :meth:`sent`
        tells afterwards whether it landed)."""
        from sqlalchemy.exc import DBAPIError

        why = self.read_only_reason
        if why is not None:
            raise ReadOnlyError(f"cannot save: {why}")
        if self._closed:
            raise StoreWriteError("cannot save: the board is closed")
        if self.offline:
            raise OfflineError(f"could not save: {OFFLINE}; the change was not made")
        with self._mutex:
            lost: list[Conflict] = []
            written: dict[tuple[str, str], int | None] = {}
            try:
                with self._engine.begin() as conn:
                    lost, written = self._write(conn, edit, op or self.client_id)
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
                if is_connection_error(e):
                    self.went_offline()
                    raise OfflineError(f"could not save: {OFFLINE}; the change was not "
                                       "made") from None
                state = sqlstate(e)
                if state == "42501":
                    raise StoreWriteError("could not save: the server refused it (you may "
                                          "not change this board); the change was not made"
                                          ) from None
                if state in ("23503", "23505"):  # a card deleted, an id taken meanwhile
                    first = edit.ordered_puts()[:1]
                    lost = [Conflict(kind_of(p), p.id, p, None) for p in first] or \
                        [Conflict(k, i, None, None) for k, i in edit.ordered_deletes()[:1]]
                else:
                    raise StoreWriteError(f"could not save: {reason(e)}; the change was "
                                          "not made") from None
            if lost:
                lost = self._theirs(lost)
                self.conflicts.extend(lost)
                raise ConflictError(conflict_message(lost), lost)

    def _write(self, conn: Connection, edit: Edit, client: str
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
                    [(b, seq, k, i, self.user, client, edit.description[:200])
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

    # ----------------------------------------------------------------- offline queue
    def versions_of(self, keys: list[Key]) -> dict[Key, int | None]:
        """The versions this client expects of ``keys`` (None: not on the server as far
        as it knows)."""
        v = self._state.versions
        return {k: v.get(k) for k in keys}

    def expect(self, versions: dict[Key, int | None]) -> None:
        """Write the next edits against these versions (an offline queue's, recorded
        when its edits were made: never the server's newer ones, which would turn a
        lost race into a silent overwrite)."""
        with self._mutex:
            for k, v in versions.items():
                if v is None:
                    self._state.versions.pop(k, None)
                else:
                    self._state.versions[k] = v

    def forget_gone(self, key: Key) -> None:
        """Putting ``key`` back over someone's delete is now what the user wants."""
        self._gone.discard(key)

    def sent(self, op: str) -> bool:
        """Whether the edit named ``op`` is on the server (a queue's entry whose
        acknowledgement a crash cut off): never sent twice."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                f"SELECT 1 FROM {PG_SCHEMA}.changes WHERE board = %s AND client = %s "
                "LIMIT 1", (self.address.board, op)).first()
        return row is not None

    def fetch(self, board: Board, keys: list[Key]) -> Edit:
        """The edit bringing ``keys`` of ``board`` to the server's values (after lost
        races: what the others made of those items), their versions taken as seen."""
        server: dict[Key, tuple[Entity, int]] = {}
        by_kind: dict[str, list[str]] = {}
        for kind, item in keys:
            by_kind.setdefault(kind, []).append(item)
        with self._mutex, self._engine.connect() as conn:
            for kind, ids in by_kind.items():
                rows = self._read(conn, kind, sorted(set(ids)))
                for e, r in zip(from_rows(kind, (r[:-1] for r in rows)), rows, strict=True):
                    server[(kind, e.id)] = (e, int(r[-1]))
        puts: list[Entity] = []
        deletes: list[Key] = []
        for key in dict.fromkeys(keys):
            got = server.get(key)
            if got is None:
                if self._state.versions.pop(key, None) is not None:
                    self._gone.add(key)
                if board.get(*key) is not None:
                    deletes.append(key)
                continue
            self._state.versions[key] = got[1]
            self._gone.discard(key)
            if board.get(*key) != got[0]:
                puts.append(got[0])
        return Edit("the server's values", tuple(puts), tuple(deletes))

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
        self.reconnector.stop()
        self._stop_listening()
        self._engine.dispose()


def pull(address: TeamAddress, target: Any) -> Any:
    """Write the team board at ``address`` to the new local board file ``target``."""
    store = TeamStore.open(address, read_only=True)
    try:
        return store.save_copy(target)
    finally:
        store.close()


__all__ = ["Conflict", "ConflictError", "OfflineError", "ServerUnreachable", "TeamAddress",
           "TeamStore",
           "grant", "is_team_address", "publish", "pull", "team_setup"]
