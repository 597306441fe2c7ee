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
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote

from ..model import Board, Edit, Entity, kind_of
from .ddl import DDL
from .errors import BoardFileError, ReadOnlyError, StoreWriteError
from .rows import COLUMNS, from_rows, to_row
from .safe_open import check_board_file
from .fileformat import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_PK = {"setting": "key"}
LOAD_ORDER = ("setting", "source", "card", "link", "citation")


def _fsync_dir(path: Path) -> None:
    if sys.platform.startswith("win"):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _OpenLock:
    """An OS lock on ``.NAME.evboard.lock`` held while a board is open for writing.

    It is released by the OS when the process dies, so a crash never leaves a board
    "open elsewhere".  We lock a side file, never the board itself: closing any descriptor
    of the database file would drop SQLite's own POSIX locks.
    """

    def __init__(self, board_path: Path) -> None:
        self.path = board_path.with_name(f".{board_path.name}.lock")
        self._fd: int | None = None

    def acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return False  # a folder we cannot write to: the board is read-only anyway
        try:
            if sys.platform.startswith("win"):
                import msvcrt
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


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


def _make_engine(con: sqlite3.Connection, *, read_only: bool) -> "Engine":
    """An SQLAlchemy engine over the store's one connection (imported only when the first
    edit is written: opening a board does not wait for SQLAlchemy)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)

    # SQLAlchemy's recipe for explicit SQLite transactions: we say BEGIN IMMEDIATE, so the
    # write lock is taken at the start of an edit, never half-way through it.
    @event.listens_for(engine, "begin")
    def _begin(conn: "Connection") -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def create_board_file(path: str | os.PathLike[str], entities: Iterable[Entity] = (),
                      *, version: int = SCHEMA_VERSION) -> Path:
    """Write a new, closed board file at ``path`` atomically (refuses to overwrite)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    tmp = path.with_name(f".{path.name}.new")
    tmp.unlink(missing_ok=True)
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
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)
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

    def __init__(self, path: Path, con: sqlite3.Connection, lock: _OpenLock | None,
                 read_only_reason: str | None) -> None:
        self.path = path
        self._con = con
        self._engine_: "Engine | None" = None
        self._lock = lock
        self.read_only_reason = read_only_reason
        self._mutex = threading.RLock()
        self._closed = False

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> "BoardStore":
        """Validate and open ``path``.  Raises :class:`BoardFileError` with the reason.

        If another EvidenceBoard has the board open, or the file or its folder cannot be
        written, the board opens read-only and :attr:`read_only_reason` says why.
        """
        path = Path(path).absolute()
        lock = _OpenLock(path)
        reason: str | None = "opened read-only on request" if read_only else None
        if reason is None and not lock.acquire():
            if lock.path.exists() or not os.access(path.parent, os.W_OK):
                reason = ("this board is open in another EvidenceBoard window; "
                          "it is shown read-only") if lock.path.exists() else \
                    "the board's folder cannot be written to; it is shown read-only"
            else:
                reason = "the board could not be locked for editing; it is shown read-only"
        if reason is None and not os.access(path, os.W_OK) and path.exists():
            reason = "the file is read-only; it is shown read-only"
        try:
            if reason is None or "another EvidenceBoard" not in reason:
                check = check_board_file(path)
                if check.needs_migration:
                    if reason is not None:
                        raise BoardFileError(
                            f"this board has the older format {check.version} and must be "
                            f"upgraded, but {reason.split(';')[0]}")
                    from .migrations import migrate_in_place
                    migrate_in_place(path, check.version)
            else:
                from .safe_open import read_header
                read_header(path)
            try:
                con = _connect_raw(path, read_only=reason is not None)
                con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            except sqlite3.Error as e:
                raise BoardFileError(f"cannot open the board: {e}") from None
        except BaseException:
            if reason is None:
                lock.release()
            raise
        return cls(path, con, lock if reason is None else None, reason)

    @property
    def _engine(self) -> "Engine":
        if self._engine_ is None:
            self._engine_ = _make_engine(self._con, read_only=self.read_only)
        return self._engine_

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def __enter__(self) -> "BoardStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading
    def load(self) -> Board:
        """The whole board, read in bulk: one query per table straight from the driver,
        no ORM objects (a 10,000-card board loads in a fraction of a second)."""
        entities: list[Entity] = []
        with self._mutex:
            for kind in LOAD_ORDER:
                cols = ", ".join(f'"{c}"' for c in COLUMNS[kind])
                rows = self._con.execute(f'SELECT {cols} FROM "{kind}"').fetchall()
                try:
                    entities.extend(from_rows(kind, rows))
                except (ValueError, TypeError) as e:
                    raise BoardFileError(f"damaged: a {kind} row cannot be read ({e})") from None
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
            try:
                with self._engine.begin() as conn:
                    self._write(conn, edit)
            except DBAPIError as e:
                raise StoreWriteError(_write_failure(e)) from e

    def _write(self, conn: "Connection", edit: Edit) -> None:
        from sqlalchemy import delete
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from .schema import TABLES

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
    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a self-contained copy of the board to ``target`` (atomic replace)."""
        target = Path(target).absolute()
        with self._mutex:
            tmp = target.with_name(f".{target.name}.saving")
            tmp.unlink(missing_ok=True)
            try:
                self._con.execute("VACUUM INTO ?", (str(tmp),))
                con = sqlite3.connect(tmp, isolation_level=None)
                try:
                    con.execute("PRAGMA journal_mode=DELETE")
                finally:
                    con.close()
                with open(tmp, "rb+") as f:
                    os.fsync(f.fileno())
                os.replace(tmp, target)
                _fsync_dir(target.parent)
            except (sqlite3.Error, OSError) as e:
                tmp.unlink(missing_ok=True)
                raise StoreWriteError(f"could not write {target.name}: {e}") from e
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
                tmp = self.path.with_name(f".{self.path.name}.compact")
                try:
                    self.save_copy(tmp)
                except StoreWriteError:
                    tmp.unlink(missing_ok=True)  # the WAL-mode file is still complete
                else:
                    self._disconnect()
                    os.replace(tmp, self.path)
                    _fsync_dir(self.path.parent)
        finally:
            self._disconnect()
            if self._lock is not None:
                self._lock.release()


def _write_failure(e: Exception) -> str:
    orig = getattr(e, "orig", None)
    text = str(orig) if orig is not None else str(e)
    if "full" in text:
        return "could not save: the disk is full; the change was not made and the board file is intact"
    if "readonly" in text or "read-only" in text:
        return "could not save: the board file cannot be written; the change was not made"
    if "locked" in text or "busy" in text:
        return "could not save: the board file is busy in another program; the change was not made"
    return f"could not save: {text}; the change was not made and the board file is intact"
