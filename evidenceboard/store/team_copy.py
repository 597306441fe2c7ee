"""This computer's working copy of a team board (issue 19), for opening it while its
server cannot be reached.

:class:`WorkingCopy` is a small SQLite file next to the board's offline queue (the
user's data folder, one per board address: ``<hash of the address>.evbcopy``).  It holds
the board as this client last showed it — every item with the version this client
expects of it — the server's change number it is in step with, and the member's access
and role.  :class:`~.document.Document` writes it whole when the board is opened with
the server and, item by item, after each edit (this client's, queued ones and the
others'); each write is one ``BEGIN IMMEDIATE … COMMIT`` (WAL).

Opened from the copy, the board is the copy's and the store expects the copy's
versions, so the edits queued meanwhile are sent against what the member saw and the
catch-up after the server is back reads every change after the copy's number: nothing
is written over anyone's edit, nothing is missed.  A board loaded only by view (more
than :data:`~.team.VIEW_LOAD_FROM` cards) keeps no copy.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Board, Entity, kind_of
from .errors import StoreWriteError
from .rows import from_rows, to_row
from .team_queue import open_side_file, side_file_path, side_transaction

if TYPE_CHECKING:
    from .team_connect import TeamAddress

Key = tuple[str, str]
#: What the folder's copy files are called (``<hash of the address>.evbcopy``).
SUFFIX = ".evbcopy"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS copy_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS item (kind TEXT NOT NULL, id TEXT NOT NULL, version "
    "INTEGER, value TEXT NOT NULL, PRIMARY KEY (kind, id))",
)


_WRITE_FAILED = "could not keep the copy of the team board: {}"


def copy_path(folder: str | os.PathLike[str], address: TeamAddress) -> Path:
    return side_file_path(folder, address, SUFFIX)


@dataclass(frozen=True)
class Snapshot:
    """What a copy holds: the board, the versions, the change number it is in step
    with, the member's access and role, and when it was last in step (epoch s)."""

    board: Board
    versions: dict[Key, int]
    seq: int
    access: str
    user: str
    synced: float


class WorkingCopy:
    """The copy file of one team board address.  Use :meth:`open`; :meth:`close`."""

    def __init__(self, path: Path, con: sqlite3.Connection) -> None:
        self.path = path
        self._con = con
        #: Items the last :meth:`replace` wrote or deleted (tests, the benchmark).
        self.written = 0

    @classmethod
    def open(cls, folder: str | os.PathLike[str], address: TeamAddress) -> WorkingCopy:
        """The copy of ``address`` in ``folder`` (made empty when missing).  Raises
        StoreWriteError when the file cannot be made or read."""
        path = copy_path(folder, address)
        # (synchronous NORMAL: atomic still; a power cut may lose the latest writes: the
        # copy is then older, and the catch-up with the server reads what it lacks)
        con = open_side_file(path, _SCHEMA, "copy_meta", address, synchronous="NORMAL",
                             what="a copy of the team board")
        return cls(path, con)

    @classmethod
    def find(cls, folder: str | os.PathLike[str], address: TeamAddress
             ) -> WorkingCopy | None:
        """The copy of ``address`` when this computer has one (None: never opened here
        with the server, or the file is unreadable)."""
        if not copy_path(folder, address).is_file():
            return None
        try:
            copy = cls.open(folder, address)
        except StoreWriteError:
            return None
        if copy._meta("seq") is None:
            copy.close()
            return None
        return copy

    @staticmethod
    def remove(folder: str | os.PathLike[str], address: TeamAddress) -> None:
        """Forget the copy of ``address`` (a board that now opens by view keeps none:
        an old one would be far behind)."""
        path = copy_path(folder, address)
        for p in (path, path.with_name(path.name + "-wal"),
                  path.with_name(path.name + "-shm")):
            with contextlib.suppress(OSError):
                p.unlink()

    # ----------------------------------------------------------------- reading
    def _meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT value FROM copy_meta WHERE key = ?",
                                (key,)).fetchone()
        return None if row is None else str(row[0])

    def load(self) -> Snapshot:
        """The board and state the copy holds (StoreWriteError: unreadable)."""
        entities: list[Entity] = []
        versions: dict[Key, int] = {}
        loads = json.loads
        try:
            by_kind: dict[str, list[tuple[Any, ...]]] = {}
            for kind, item, version, value in self._con.execute(
                    "SELECT kind, id, version, value FROM item"):
                by_kind.setdefault(kind, []).append(tuple(loads(value)))
                if version is not None:
                    versions[(kind, item)] = version
            for kind, rows in by_kind.items():
                entities.extend(from_rows(kind, rows))
            seq = int(self._meta("seq") or 0)
            synced = float(self._meta("synced") or 0)
            return Snapshot(Board.from_entities(entities), versions, seq,
                            self._meta("access") or "reader", self._meta("user") or "",
                            synced)
        except (sqlite3.Error, ValueError, TypeError) as e:
            raise StoreWriteError(f"this computer's copy of the team board cannot be "
                                  f"read ({self.path}): {e}") from None

    # ----------------------------------------------------------------- writing
    def _write(self, statements: Iterable[tuple[str, tuple[Any, ...]]]) -> None:
        with side_transaction(self._con, _WRITE_FAILED):
            for sql, args in statements:
                self._con.execute(sql, args)

    @staticmethod
    def _row(e: Entity, version: int | None) -> tuple[str, tuple[Any, ...]]:
        kind = kind_of(e)
        return ("INSERT OR REPLACE INTO item VALUES (?, ?, ?, ?)",
                (kind, e.id, version, json.dumps(list(to_row(kind, e)))))

    @staticmethod
    def _state(seq: int, synced: bool) -> list[tuple[str, tuple[Any, ...]]]:
        out: list[tuple[str, tuple[Any, ...]]] = [
            ("INSERT OR REPLACE INTO copy_meta VALUES ('seq', ?)", (str(seq),))]
        if synced:
            out.append(("INSERT OR REPLACE INTO copy_meta VALUES ('synced', ?)",
                        (repr(time.time()),)))
        return out

    def replace(self, board: Board, versions: dict[Key, int], seq: int, *, access: str,
                user: str) -> None:
        """The whole board as loaded from the server (in step with it now), in one
        transaction.  Only the items whose version differs from the copy's are written
        (and those it lacks; those gone are deleted): an item the copy holds at the
        server's version holds the server's value — a change made here that has not
        landed is in the queue, which is sent before the board is loaded, and what
        lands or loses a race has a newer version on the server."""
        dumps = json.dumps
        try:
            have = {(k, i): v for k, i, v in self._con.execute(
                "SELECT kind, id, version FROM item")}
        except sqlite3.Error as e:
            raise StoreWriteError(_WRITE_FAILED.format(e)) from None
        rows = []
        for entity in board.entities():
            kind = kind_of(entity)
            key = (kind, entity.id)
            version = versions.get(key)
            if version is None or have.pop(key, -1) != version:
                rows.append((kind, entity.id, version, dumps(list(to_row(kind, entity)))))
        for key in list(have):
            if board.get(*key) is not None:
                del have[key]  # (unchanged, kept)
        meta = [*self._state(seq, True),
                ("INSERT OR REPLACE INTO copy_meta VALUES ('access', ?)", (access,)),
                ("INSERT OR REPLACE INTO copy_meta VALUES ('user', ?)", (user,))]
        with side_transaction(self._con, _WRITE_FAILED):
            self._con.executemany("DELETE FROM item WHERE kind = ? AND id = ?", list(have))
            self._con.executemany("INSERT OR REPLACE INTO item VALUES (?, ?, ?, ?)", rows)
            for sql, args in meta:
                self._con.execute(sql, args)
        self.written = len(rows) + len(have)

    def record(self, board: Board, keys: Iterable[Key], versions: dict[Key, int | None],
               seq: int, *, synced: bool) -> None:
        """``keys`` as ``board`` has them now (absent: deleted), with ``versions``;
        ``synced``: the server has them so (not an edit waiting in the queue)."""
        stmts: list[tuple[str, tuple[Any, ...]]] = []
        for kind, item in dict.fromkeys(keys):
            e = board.get(kind, item)
            if e is None:
                stmts.append(("DELETE FROM item WHERE kind = ? AND id = ?", (kind, item)))
            else:
                stmts.append(self._row(e, versions.get((kind, item))))
        stmts += self._state(seq, synced)
        self._write(stmts)

    def mark_synced(self, seq: int) -> None:
        """The copy is in step with the server's change ``seq`` now."""
        self._write(self._state(seq, True))

    def close(self) -> None:
        self._con.close()


__all__ = ["Snapshot", "WorkingCopy", "copy_path"]
