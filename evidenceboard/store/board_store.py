"""The one module that writes board files.

A :class:`BoardStore` holds one board file open:

* every edit is written in one ``BEGIN IMMEDIATE ... COMMIT`` (WAL, ``synchronous=FULL``),
  so what :meth:`commit` returned for is on disk, and a kill never leaves half an edit;
* closing, and Save As, produce one self-contained file (``VACUUM INTO`` a temporary file,
  then an atomic ``os.replace``), so a shared board never depends on a ``-wal`` side file;
* a second EvidenceBoard opening the same file gets it read-only (an OS lock on a side
  file tells them apart), with :attr:`read_only_reason` to show;
* every file is validated by :func:`check_board_file` before it is opened, and files of an
  older format are migrated on a copy, the original being kept beside it.

A read-only store never opens the user's file with SQLite at all: it reads a private,
validated snapshot (for a board another EvidenceBoard is writing, a snapshot taken with
SQLite's backup API).  A reader that kept the live file open would share its ``-shm``
and ``-wal`` with the writer, and once the writer replaced the file on closing, that
reader's own close could fold a later writer's commits into the replaced file - losing
them.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..model import Board, Edit, Entity, kind_of
from .ddl import DDL
from .errors import BoardFileError, ReadOnlyError, StoreWriteError
from .fileformat import APPLICATION_ID, SCHEMA_VERSION
from .files import (
    SIDE_SUFFIXES,
    OpenLock,
    fsync_file,
    link_new,
    replace_durably,
    set_aside_stale_log,
    side_file,
)
from .rows import COLUMNS, from_rows, to_row
from .safe_open import FileCheck, check_private_copy, read_header, uses_wal, validated_copy

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_PK = {"setting": "key"}
LOAD_ORDER = ("setting", "source", "card", "link", "citation", "alias")


def _connect_raw(path: Path, *, read_only: bool) -> sqlite3.Connection:
    mode = "ro" if read_only else "rw"
    con = sqlite3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True,
                          isolation_level=None, check_same_thread=False, timeout=10)
    con.execute("PRAGMA trusted_schema=OFF")
    con.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
    return con


def _make_engine(con: sqlite3.Connection, *, read_only: bool) -> Engine:
    """An SQLAlchemy engine over the store's one connection (imported only when the first
    edit is written: opening a board does not wait for SQLAlchemy)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)

    # SQLAlchemy's recipe for explicit SQLite transactions: we say BEGIN IMMEDIATE, so the
    # write lock is taken at the start of an edit, never half-way through it.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def create_board_file(path: str | os.PathLike[str], entities: Iterable[Entity] = (),
                      *, version: int = SCHEMA_VERSION) -> Path:
    """Write a new, closed board file at ``path`` atomically (refuses to overwrite, even
    a file that appears while this one is being written)."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{path} already exists")
    # A name of its own (two processes creating one board must not write one file).
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    con = sqlite3.connect(tmp, isolation_level=None)
    try:
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.execute("BEGIN")
        for stmt in DDL[version]:
            con.execute(stmt)
        _write_rows(con, entities)
        con.execute(f"PRAGMA user_version={version}")
        con.execute("COMMIT")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    fsync_file(tmp)
    link_new(tmp, path)
    return path


def _write_rows(con: sqlite3.Connection, entities: Iterable[Entity]) -> None:
    by_kind: dict[str, list[tuple[Any, ...]]] = {}
    for e in entities:
        k = kind_of(e)
        by_kind.setdefault(k, []).append(to_row(k, e))
    for kind in LOAD_ORDER:
        rows = by_kind.get(kind)
        if rows:
            cols = ", ".join(f'"{c}"' for c in COLUMNS[kind])
            marks = ", ".join("?" * len(COLUMNS[kind]))
            con.executemany(f'INSERT INTO "{kind}" ({cols}) VALUES ({marks})', rows)


class BoardStore:
    """An open board file.  Use :meth:`open`; always :meth:`close` (or ``with``)."""

    def __init__(self, path: Path, con: sqlite3.Connection, lock: OpenLock | None,
                 read_only_reason: str | None,
                 snapshot: tempfile.TemporaryDirectory[str] | None = None,
                 preloaded: dict[str, list[tuple[Any, ...]]] | None = None) -> None:
        self.path = path
        self._con = con
        self._engine_: Engine | None = None
        self._lock = lock
        self.read_only_reason = read_only_reason
        self._snapshot = snapshot  # the private folder a read-only store reads from
        # The rows validation read from the validated copy, for the first load().
        self._preloaded = preloaded
        self._mutex = threading.RLock()
        self._closed = False

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> BoardStore:
        """Validate and open ``path``.  Raises :class:`BoardFileError` with the reason.

        If another EvidenceBoard has the board open, or the file or its folder cannot be
        written, the board opens read-only and :attr:`read_only_reason` says why.
        """
        # The real file: a board reached through a symlink is locked, and compacted on
        # close, where it lives (renaming onto the link would replace the link itself).
        path = Path(os.path.realpath(path))
        if read_only:
            return cls._open_snapshot(path, "opened read-only on request")
        lock = OpenLock(path)
        if not lock.acquire():
            if lock.busy:
                return cls._open_live_snapshot(
                    path, "this board is open in another EvidenceBoard window; "
                          "it is shown read-only")
            return cls._open_snapshot(
                path, "the board's folder cannot be written to; it is shown read-only")
        try:
            if path.exists() and not os.access(path, os.W_OK):
                lock.release()
                return cls._open_snapshot(path, "the file is read-only; it is shown read-only")
            _remove_leftovers(path)
            with tempfile.TemporaryDirectory(prefix="evboard-open-") as tmp:
                check, copy = validated_copy(path, Path(tmp), read_rows=True)
                with open(path, "rb") as f:
                    if not uses_wal(f.read(100)):
                        set_aside_stale_log(path)
                if check.needs_migration:
                    from .migrations import migrate_in_place
                    migrate_in_place(path, check.version, copy)
            try:
                con = _connect_raw(path, read_only=False)
                con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            except sqlite3.Error as e:
                raise BoardFileError(f"cannot open the board: {e}") from None
        except BaseException:
            lock.release()
            raise
        return cls(path, con, lock, None, preloaded=check.rows)

    @classmethod
    def _open_snapshot(cls, path: Path, reason: str) -> BoardStore:
        """Read-only: validate a private copy and read that (the user's file and its side
        files are only ever read, never opened with SQLite)."""
        snapshot = tempfile.TemporaryDirectory(prefix="evboard-ro-")
        try:
            check, copy = validated_copy(path, Path(snapshot.name), read_rows=True)
            return cls._from_snapshot(path, check, copy, reason, snapshot)
        except BaseException:
            snapshot.cleanup()
            raise

    @classmethod
    def _open_live_snapshot(cls, path: Path, reason: str) -> BoardStore:
        """Read-only view of a board another EvidenceBoard is writing: one consistent
        snapshot through SQLite's backup API (a byte copy could catch the writer between
        main file and log), validated like any file, and the live file let go at once."""
        read_header(path, wal_follows=True)
        snapshot = tempfile.TemporaryDirectory(prefix="evboard-ro-")
        try:
            copy = Path(snapshot.name) / "snapshot.sqlite"
            try:
                src = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True,
                                      timeout=10)
                try:
                    src.execute("PRAGMA trusted_schema=OFF")
                    dst = sqlite3.connect(copy)
                    try:
                        src.backup(dst)
                    finally:
                        dst.close()
                finally:
                    src.close()
            except sqlite3.Error as e:
                raise BoardFileError(f"cannot read the board: {e}") from None
            check = check_private_copy(path, copy, read_rows=True)
            return cls._from_snapshot(path, check, copy, reason, snapshot)
        except BaseException:
            snapshot.cleanup()
            raise

    @classmethod
    def _from_snapshot(cls, path: Path, check: FileCheck, copy: Path, reason: str,
                       snapshot: tempfile.TemporaryDirectory[str]) -> BoardStore:
        if check.needs_migration:  # shown upgraded; the file itself is left as it is
            from .migrations import upgrade_copy
            upgraded = copy.with_name("upgraded.sqlite")
            upgrade_copy(copy, upgraded, check.version)
            copy = upgraded
        try:
            con = sqlite3.connect(f"file:{quote(str(copy))}?mode=ro", uri=True,
                                  isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA trusted_schema=OFF")
        except sqlite3.Error as e:
            raise BoardFileError(f"cannot open the board: {e}") from None
        return cls(path, con, None, reason, snapshot, preloaded=check.rows)

    @property
    def _engine(self) -> Engine:
        if self._engine_ is None:
            self._engine_ = _make_engine(self._con, read_only=self.read_only)
        return self._engine_

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def __enter__(self) -> BoardStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading
    def load(self) -> Board:
        """The whole board, read in bulk: one query per table straight from the driver,
        no ORM objects.  The first load after opening uses the rows validation already
        read from the validated copy (the same content: the board's lock is held), so a
        board is read once, not twice, when it is opened."""
        entities: list[Entity] = []
        with self._mutex:
            rows, self._preloaded = self._preloaded, None
            for kind in LOAD_ORDER:
                try:
                    if rows is not None:
                        kind_rows = rows[kind]
                    else:
                        cols = ", ".join(f'"{c}"' for c in COLUMNS[kind])
                        kind_rows = self._con.execute(f'SELECT {cols} FROM "{kind}"').fetchall()
                    entities.extend(from_rows(kind, kind_rows))
                except (ValueError, TypeError, sqlite3.Error) as e:
                    text = " ".join(str(e).split())[:160]
                    raise BoardFileError(f"damaged: a {kind} row cannot be read ({text})"
                                         ) from None
        return Board.from_entities(entities)

    # ----------------------------------------------------------------- writing
    def commit(self, edit: Edit) -> None:
        """Write ``edit`` in one transaction.  On failure nothing of it is written."""
        if self.read_only_reason is not None:
            raise ReadOnlyError(f"cannot save: {self.read_only_reason}")
        if self._closed:
            raise StoreWriteError("cannot save: the board is closed")
        from sqlalchemy.exc import DBAPIError

        with self._mutex:
            self._preloaded = None
            try:
                with self._engine.begin() as conn:
                    self._write(conn, edit)
            except DBAPIError as e:
                raise StoreWriteError(_write_failure(e)) from e

    def _write(self, conn: Connection, edit: Edit) -> None:
        from sqlalchemy import delete
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from .schema import TABLES

        # An edit may delete a card whose links and citations it moves to another card
        # (a merge): references are checked when the edit commits, not row by row.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        deletes: dict[str, list[str]] = {}
        for kind, id_ in edit.ordered_deletes():
            deletes.setdefault(kind, []).append(id_)
        for kind in reversed(LOAD_ORDER):
            ids = deletes.get(kind)
            if ids:
                table = TABLES[kind].__table__  # type: ignore[attr-defined]
                pk = table.c[_PK.get(kind, "id")]
                for i in range(0, len(ids), 500):
                    conn.execute(delete(table).where(pk.in_(ids[i:i + 500])))
        puts: dict[str, list[dict[str, Any]]] = {}
        for e in edit.ordered_puts():
            k = kind_of(e)
            puts.setdefault(k, []).append(dict(zip(COLUMNS[k], to_row(k, e))))
        for kind in LOAD_ORDER:
            rows = puts.get(kind)
            if not rows:
                continue
            table = TABLES[kind].__table__  # type: ignore[attr-defined]
            pk = _PK.get(kind, "id")
            stmt = sqlite_insert(table)
            stmt = stmt.on_conflict_do_update(
                index_elements=[pk],
                set_={c: stmt.excluded[c] for c in COLUMNS[kind] if c != pk})
            conn.execute(stmt, rows)

    # ----------------------------------------------------------------- closing
    def _vacuum_into(self, tmp: Path) -> None:
        """A compact, self-contained, fsynced copy of the board at ``tmp``."""
        tmp.unlink(missing_ok=True)
        try:
            self._con.execute("VACUUM INTO ?", (str(tmp),))
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=DELETE")
            finally:
                con.close()
            fsync_file(tmp)
        except BaseException:
            tmp.unlink(missing_ok=True)
            side_file(tmp, "-journal").unlink(missing_ok=True)
            raise

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a self-contained copy of the board to ``target`` (atomic replace).

        ``target`` may be an existing board (it is replaced, with any side files a killed
        writer left beside it), but not one open in an EvidenceBoard window, and not this
        board itself (which is already saved: it is returned unchanged).
        """
        target = Path(os.path.realpath(target))
        if _same_file(target, self.path):
            if self.read_only:
                raise ReadOnlyError(f"cannot save: {self.read_only_reason}")
            return self.path
        lock = OpenLock(target)
        if not lock.acquire() and lock.busy:
            raise StoreWriteError(f"could not write {target.name}: that board is open in "
                                  "an EvidenceBoard window; close it first")
        try:
            with self._mutex:
                tmp = target.with_name(f".{target.name}.saving")
                try:
                    self._vacuum_into(tmp)
                    replace_durably(tmp, target)
                except (sqlite3.Error, OSError) as e:
                    tmp.unlink(missing_ok=True)
                    raise StoreWriteError(f"could not write {target.name}: {e}") from e
        finally:
            lock.release()
        return target

    def _checkpoint(self) -> bool:
        """Move the WAL into the main file; False if a reader keeps part of it busy."""
        with self._mutex:
            try:
                # Outside any transaction: a checkpoint inside one always reports busy.
                busy = self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error:
                return False
        return busy == 0

    def _disconnect(self) -> None:
        if self._engine_ is not None:
            self._engine_.dispose()
            self._engine_ = None
        self._con.close()  # closing twice is harmless

    def close(self) -> None:
        """Close the board, leaving one compact self-contained file behind."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.read_only_reason is None and self._checkpoint():
                self._compact()
        finally:
            self._disconnect()
            if self._lock is not None:
                self._lock.release()
            if self._snapshot is not None:
                self._snapshot.cleanup()

    def _compact(self) -> None:
        tmp = self.path.with_name(f".{self.path.name}.compact")
        with self._mutex:
            try:
                self._vacuum_into(tmp)
            except (sqlite3.Error, OSError):
                return  # the WAL-mode file is complete as it is
            self._disconnect()
            # As the last connection, SQLite removed -wal and -shm when we closed.  If they
            # are still there, some other program has this file open right now: replacing
            # the file under it would let its log outlive the file it belongs to.
            if any(side_file(self.path, s).exists() for s in ("-wal", "-shm")):
                tmp.unlink(missing_ok=True)
                return
            replace_durably(tmp, self.path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _remove_leftovers(path: Path) -> None:
    """Temporary files a killed EvidenceBoard left beside the board (we hold its lock)."""
    for suffix in (".compact", ".saving", ".migrating"):
        tmp = path.with_name(f".{path.name}{suffix}")
        tmp.unlink(missing_ok=True)
        for side in SIDE_SUFFIXES:
            side_file(tmp, side).unlink(missing_ok=True)


def _write_failure(e: Exception) -> str:
    orig = getattr(e, "orig", None)
    text = str(orig) if orig is not None else str(e)
    if "full" in text:
        return "could not save: the disk is full; the change was not made and the board file is intact"
    if "readonly" in text or "read-only" in text:
        return "could not save: the board file cannot be written; the change was not made"
    if "disk I/O error" in text:
        return ("could not save: the disk could not be written (disk I/O error); the change "
                "was not made and the board file is intact")
    if "locked" in text or "busy" in text:
        return "could not save: the board file is busy in another program; the change was not made"
    return f"could not save: {text}; the change was not made and the board file is intact"
