"""Edits made while the team server cannot be reached, kept until it is back (issue 19).

:class:`OfflineQueue` is a small SQLite file of its own in the user's data folder, one
per team board address (the document gives the folder): each edit made offline is one
row, written in its own ``BEGIN IMMEDIATE … COMMIT`` (WAL, ``synchronous=FULL``) before
the board shows it, so a crash or a kill loses none.  Each row keeps the edit, the
values its items had before it (an Undo of the last queued edit takes it out of the
queue instead of queueing its inverse) and a name of its own (``op``), which the server
keeps in ``changes.client``: an edit that landed but whose acknowledgement a crash cut
off is recognised and never sent twice.

``base`` holds, for every item a queued edit touches, the version the next queued edit of
it expects: what this client had seen when it first changed the item offline, raised
as each queued edit lands.  :func:`send_queued` writes the queue in order against
those versions — the server's optimistic concurrency as for any edit: an edit that lost
a race to someone else's change made meanwhile is a :class:`~.team.Conflict`, kept in
the file's ``conflict`` table and the store's list, never written over theirs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Edit, Entity, kind_of
from .errors import StoreWriteError
from .rows import from_rows, to_row

if TYPE_CHECKING:
    from .team import Conflict, TeamStore
    from .team_connect import TeamAddress

Key = tuple[str, str]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS queue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entry (n INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT "
    "NULL UNIQUE, description TEXT NOT NULL, edit TEXT NOT NULL, before TEXT NOT NULL, "
    "made REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS base (kind TEXT NOT NULL, item TEXT NOT NULL, version "
    "INTEGER, PRIMARY KEY (kind, item))",
    "CREATE TABLE IF NOT EXISTS conflict (n INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT "
    "NOT NULL, item TEXT NOT NULL, mine TEXT, theirs TEXT, description TEXT NOT NULL, "
    "made REAL NOT NULL)",
)
#: What the folder's queue files are called (``<hash of the address>.evbqueue``).
SUFFIX = ".evbqueue"


def _entity_json(e: Entity | None) -> Any:
    if e is None:
        return None
    k = kind_of(e)
    return [k, list(to_row(k, e))]


def _entity_from(value: Any) -> Entity | None:
    if value is None:
        return None
    kind, row = value
    entity: Entity = from_rows(str(kind), [tuple(row)])[0]
    return entity


def _keys(edit: Edit) -> list[Key]:
    return list(dict.fromkeys([*((kind_of(e), e.id) for e in edit.puts), *edit.deletes]))


def edit_result(edit: Edit) -> dict[Key, Entity | None]:
    """What ``edit`` leaves of each item it touches (None: deleted)."""
    out: dict[Key, Entity | None] = dict.fromkeys(edit.deletes)
    out.update({(kind_of(e), e.id): e for e in edit.puts})
    return out


@dataclass(frozen=True)
class QueuedEdit:
    """One edit waiting for the server: its row number, name, the edit, and its items'
    values before it."""

    n: int
    op: str
    edit: Edit
    before: dict[Key, Entity | None]

    @property
    def keys(self) -> list[Key]:
        return _keys(self.edit)

    def undone_by(self, edit: Edit) -> bool:
        """Whether ``edit`` puts every item this one touched back as it was before it
        (an Undo of it), touching nothing else."""
        return edit_result(edit) == self.before


class OfflineQueue:
    """The queue file of one team board address.  Use :meth:`open`; :meth:`close`."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self._con = con

    @classmethod
    def open(cls, folder: str | os.PathLike[str], address: TeamAddress) -> OfflineQueue:
        """The queue of ``address`` in ``folder`` (made when missing).  Raises
        StoreWriteError when the file cannot be made or read."""
        path = side_file_path(folder, address, SUFFIX)
        con = open_side_file(path, _SCHEMA, "queue_meta", address, synchronous="FULL",
                             what="edits made offline")
        return cls(path, con)

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        with side_transaction(self._con, "could not keep the edit made offline: {}; the "
                                         "change was not made"):
            for sql, args in statements:
                self._con.execute(sql, args)
            if self._con.execute("SELECT 1 FROM entry LIMIT 1").fetchone() is None:
                self._con.execute("DELETE FROM base")  # (nothing waits any more)

    # ----------------------------------------------------------------- reading
    def count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM entry").fetchone()[0])

    def entries(self) -> list[QueuedEdit]:
        """The waiting edits, oldest first."""
        return [self._entry(r) for r in self._con.execute(
            "SELECT n, op, description, edit, before FROM entry ORDER BY n")]

    def last(self) -> QueuedEdit | None:
        row = self._con.execute("SELECT n, op, description, edit, before FROM entry "
                                "ORDER BY n DESC LIMIT 1").fetchone()
        return None if row is None else self._entry(row)

    @staticmethod
    def _entry(row: tuple[Any, ...]) -> QueuedEdit:
        n, op, description, edit_text, before_text = row
        data = json.loads(edit_text)
        puts = tuple(e for v in data["puts"] if (e := _entity_from(v)) is not None)
        deletes = tuple((str(k), str(i)) for k, i in data["deletes"])
        before = {(str(k), str(i)): _entity_from(v) for k, i, v in json.loads(before_text)}
        return QueuedEdit(int(n), str(op), Edit(str(description), puts, deletes), before)

    def base(self, keys: list[Key]) -> dict[Key, int | None]:
        """The versions the next queued edit of ``keys`` expects."""
        out: dict[Key, int | None] = {}
        for k in keys:
            row = self._con.execute("SELECT version FROM base WHERE kind = ? AND item = ?",
                                    k).fetchone()
            if row is not None:
                out[k] = None if row[0] is None else int(row[0])
        return out

    def conflicts(self) -> list[Conflict]:
        """The lost races of queued edits, oldest first (both values)."""
        from .team import Conflict

        return [Conflict(str(k), str(i), _entity_from(json.loads(m)),
                         _entity_from(json.loads(t)))
                for k, i, m, t in self._con.execute(
                    "SELECT kind, item, mine, theirs FROM conflict ORDER BY n")]

    # ----------------------------------------------------------------- writing
    def push(self, edit: Edit, before: dict[Key, Entity | None],
             versions: dict[Key, int | None]) -> None:
        """Keep ``edit`` (made against ``versions``; ``before``: its items' values
        before it) at the end of the queue, durably, or raise StoreWriteError."""
        stmts: list[tuple[str, tuple[Any, ...]]] = [
            ("INSERT OR IGNORE INTO base VALUES (?, ?, ?)", (k, i, v))
            for (k, i), v in versions.items()]
        edit_text = json.dumps({"puts": [_entity_json(e) for e in edit.puts],
                                "deletes": [list(d) for d in edit.deletes]})
        before_text = json.dumps([[k, i, _entity_json(e)] for (k, i), e in before.items()])
        stmts.append(("INSERT INTO entry (op, description, edit, before, made) VALUES "
                      "(?, ?, ?, ?, ?)", (f"queued-{uuid.uuid4().hex}",
                                          edit.description[:200], edit_text, before_text,
                                          time.time())))
        self._write(stmts)

    def drop(self, entry: QueuedEdit) -> None:
        """Take ``entry`` out unsent (it was undone while offline)."""
        self._write([("DELETE FROM entry WHERE n = ?", (entry.n,))])

    def acknowledge(self, entry: QueuedEdit, versions: dict[Key, int | None]) -> None:
        """``entry`` is on the server; its items now have ``versions``."""
        stmts: list[tuple[str, tuple[Any, ...]]] = [
            ("DELETE FROM entry WHERE n = ?", (entry.n,))]
        stmts += [("UPDATE base SET version = ? WHERE kind = ? AND item = ?", (v, k, i))
                  for (k, i), v in versions.items()]
        self._write(stmts)

    def refuse(self, entry: QueuedEdit, conflicts: list[Conflict]) -> None:
        """``entry`` lost a race (or the server refused it): out of the queue, into the
        conflicts, with both values."""
        stmts: list[tuple[str, tuple[Any, ...]]] = [
            ("DELETE FROM entry WHERE n = ?", (entry.n,))]
        stmts += [("INSERT INTO conflict (kind, item, mine, theirs, description, made) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (c.kind, c.item, json.dumps(_entity_json(c.mine)),
                    json.dumps(_entity_json(c.theirs)), entry.edit.description[:200],
                    time.time())) for c in conflicts]
        self._write(stmts)

    def resolve(self, conflict: Conflict) -> None:
        """Forget the first kept conflict of ``conflict``'s item (the user chose)."""
        self._write([("DELETE FROM conflict WHERE n = (SELECT min(n) FROM conflict WHERE "
                      "kind = ? AND item = ?)", (conflict.kind, conflict.item))])

    def close(self) -> None:
        self._con.close()


@dataclass
class SendReport:
    """What sending the queue did: edits that landed, races lost (both values), other
    refusals, the items to show as the server has them, and whether the server went
    away again before the end."""

    sent: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    refresh: list[Key] = field(default_factory=list)
    offline: bool = False


def send_queued(store: TeamStore, queue: OfflineQueue) -> SendReport:
    """Write the queued edits to the server in order, each against the versions it was
    made on; acknowledge each that lands, keep each that lost a race as a conflict."""
    from sqlalchemy.exc import DBAPIError

    from .errors import ReadOnlyError
    from .team import Conflict, ConflictError, OfflineError
    from .team_connect import is_connection_error

    report = SendReport()
    for entry in queue.entries():
        keys = entry.keys
        try:
            landed = store.sent(entry.op)
        except DBAPIError as e:
            if not is_connection_error(e):
                raise
            store.went_offline()
            report.offline = True
            break
        if landed:  # (its acknowledgement was cut off: the others' edits since unknown)
            queue.acknowledge(entry, {})
            report.sent += 1
            report.refresh += keys
            continue
        store.expect(queue.base(keys))
        try:
            store.commit(entry.edit, op=entry.op)
        except ConflictError as e:
            queue.refuse(entry, e.conflicts)
            report.conflicts += e.conflicts
            report.refresh += keys
        except OfflineError:
            report.offline = True
            break
        except (ReadOnlyError, StoreWriteError) as e:
            mine = edit_result(entry.edit)
            lost = [Conflict(k, i, mine[(k, i)], None) for k, i in keys[:1]]
            queue.refuse(entry, lost)
            store.conflicts.extend(lost)
            report.refused.append(f"{entry.edit.description}: {e}")
            report.refresh += keys
        else:
            queue.acknowledge(entry, store.versions_of(keys))
            report.sent += 1
    return report


__all__ = ["OfflineQueue", "QueuedEdit", "SendReport", "edit_result", "send_queued"]


def side_file_path(folder: str | os.PathLike[str], address: TeamAddress,
                   suffix: str) -> Path:
    """The file kept for the team board at ``address`` in ``folder`` (named by a hash
    of the address: no server or board name in a file name)."""
    name = hashlib.sha256(address.display.encode()).hexdigest()[:32] + suffix
    return Path(folder) / name


def open_side_file(path: Path, schema: Iterable[str], meta_table: str,
                   address: TeamAddress, *, synchronous: str,
                   what: str) -> sqlite3.Connection:
    """Open (or make) one of this computer's SQLite files kept beside a team board: the
    folder private (0700), WAL, ``synchronous`` (FULL or NORMAL), untrusted schema, the
    tables of ``schema`` and the board's address in ``meta_table``.  Raises
    StoreWriteError saying it cannot keep ``what``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        con = sqlite3.connect(path, isolation_level=None, timeout=10,
                              check_same_thread=False)
        # (made on the thread that opens the board, then used on the window's only: one
        # thread at a time)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(f"PRAGMA synchronous={synchronous}")
            con.execute("PRAGMA trusted_schema=OFF")
            con.execute("BEGIN IMMEDIATE")
            for stmt in schema:
                con.execute(stmt)
            con.execute(f"INSERT OR IGNORE INTO {meta_table} VALUES ('address', ?)",
                        (address.display,))
            con.execute("COMMIT")
        except BaseException:
            con.close()
            raise
    except (OSError, sqlite3.Error) as e:
        raise StoreWriteError(f"cannot keep {what} in {path}: {e}") from None
    return con


@contextlib.contextmanager
def side_transaction(con: sqlite3.Connection, failure: str) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE … COMMIT`` on a side file: rolled back whole if anything in
    it fails; an SQLite error becomes a StoreWriteError saying ``failure`` (its ``{}``
    the error)."""
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except sqlite3.Error as e:
        raise StoreWriteError(failure.format(e)) from None
