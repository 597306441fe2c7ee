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

Rows are read and written with SQLAlchemy Core, on tables derived from the entity
declarations (:mod:`.schema`), over the store's one SQLite connection; commands SQLite
alone has (``VACUUM INTO``, checkpoints, the backup API) run on that same connection.
Validation of a file before it is trusted is the safe opener's (plain ``sqlite3`` on
purpose: see docs/ARCHITECTURE.md, "The board file").

A read-only store never opens the user's file with SQLite at all: it reads a private,
validated snapshot (for a board another EvidenceBoard is writing, a snapshot taken with
SQLite's backup API).  A reader that kept the live file open would share its ``-shm``
and ``-wal`` with the writer, and once the writer replaced the file on closing, that
reader's own close could fold a later writer's commits into the replaced file - losing
them.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..filemodes import default_mode
from ..model import Board, Edit, Entity, kind_of
from ..model.fields import entity_problem
from ..model.history import (
    SINCE,
    STORED_SPECS,
    History,
    HistoryChange,
    HistoryEntry,
    Lineage,
    Record,
    Recorded,
    new_lineage,
    stored_kind,
)
from .ddl import DDL
from .errors import BoardFileError, ReadOnlyError, StoreWriteError
from .file_copy import read_header, uses_wal
from .fileformat import APPLICATION_ID, SCHEMA_VERSION
from .files import (
    MAX_WRITABLE_NAME,
    SIDE_SUFFIXES,
    OpenLock,
    file_identity,
    fsync_file,
    keep_mode,
    link_new,
    name_bytes,
    replace_durably,
    set_aside_stale_log,
    side_file,
    sqlite_uri,
    temp_beside,
    temps_beside,
)
from .rows import COLUMNS, from_rows, to_row
from .safe_open import (
    CheckControl,
    FileCheck,
    check_private_copy,
    private_folder,
    validated_copy,
)
from .schema import FILE_TABLES, TABLE_NAMES, columns, primary_key

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.sql.expression import TableClause

LOAD_ORDER = TABLE_NAMES


def _import_sqlalchemy() -> None:
    import sqlalchemy
    import sqlalchemy.dialects.sqlite  # noqa: F401


def preload_sqlalchemy() -> threading.Thread:
    """Import SQLAlchemy in the background (~0.3 s) while a board file is validated:
    validation spends its time in SQLite, which lets other threads run."""
    thread = threading.Thread(target=_import_sqlalchemy, name="import-sqlalchemy",
                              daemon=True)
    thread.start()
    return thread


def table_of(kind: str, version: int = SCHEMA_VERSION) -> TableClause:
    """The Core table to read or write ``kind`` of a board of ``version``: the declared
    table for the current version, the columns that version had for an older one."""
    if version == SCHEMA_VERSION:
        from .schema import tables
        return tables()[kind]
    from sqlalchemy import column, table
    return table(kind, *(column(c) for c in columns(version)[kind]))


def _connect_raw(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """The store's connection.  A writable board is switched to WAL only by its first
    edit (:meth:`BoardStore.commit`): a board opened and closed without a change keeps
    every byte, mode and owner it had."""
    con = sqlite3.connect(sqlite_uri(path, mode="ro" if read_only else "rw"), uri=True,
                          isolation_level=None, check_same_thread=False, timeout=10)
    con.execute("PRAGMA trusted_schema=OFF")
    con.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        con.execute("PRAGMA synchronous=FULL")
    return con


def make_engine(con: sqlite3.Connection, *, read_only: bool) -> Engine:
    """An SQLAlchemy engine over one SQLite connection of ours (its pragmas already
    set), which it never closes behind our back."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)

    # SQLAlchemy's recipe for explicit SQLite transactions: we say BEGIN IMMEDIATE, so the
    # write lock is taken at the start of an edit, never half-way through it.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def insert_rows(conn: Connection, by_kind: dict[str, list[tuple[Any, ...]]],
                version: int = SCHEMA_VERSION) -> None:
    """Insert rows (in :func:`.schema.columns` order of ``version``), parents first."""
    from sqlalchemy import insert

    cols = columns(version)
    for kind in FILE_TABLES:
        rows = by_kind.get(kind)
        if rows:
            # The Core statement compiled once, its rows passed as tuples straight to the
            # driver's executemany: 45,000 rows of a 10,000-card board in bulk.
            sql = str(insert(table_of(kind, version)).compile(
                dialect=conn.dialect, column_keys=list(cols[kind])))
            conn.exec_driver_sql(sql, rows)


def read_rows(conn: Connection, kind: str, version: int = SCHEMA_VERSION
              ) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    t = table_of(kind, version)
    return [tuple(r) for r in conn.execute(select(*(t.c[c] for c in columns(version)[kind])))]


def create_board_file(path: str | os.PathLike[str],
                      entities: Iterable[Entity | Record] = (),
                      *, version: int = SCHEMA_VERSION) -> Path:
    """Write a new, closed board file at ``path`` atomically (refuses to overwrite, even
    a file that appears while this one is being written).  ``entities`` may include the
    file's records (its history, as a migration carries them); a file without a
    :class:`Lineage` gets a new board id."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{path} already exists")
    if name_bytes(path) > MAX_WRITABLE_NAME:
        raise OSError(errno.ENAMETOOLONG, f"the name is too long for a board "
                      f"({name_bytes(path)} bytes; at most {MAX_WRITABLE_NAME}, so that "
                      f"the files SQLite keeps beside a board fit)")
    # A name of its own (two processes creating one board must not write one file).
    tmp = temp_beside(path, ".new")
    con = sqlite3.connect(tmp, isolation_level=None)
    engine = make_engine(con, read_only=False)
    try:
        by_kind: dict[str, list[tuple[Any, ...]]] = {}
        for e in entities:
            k = stored_kind(e)
            why = entity_problem(STORED_SPECS[k], e)
            if why is not None:
                raise ValueError(f"cannot write the board: {why}")
            by_kind.setdefault(k, []).append(to_row(k, e))
        if version >= SINCE and not by_kind.get("lineage"):
            by_kind["lineage"] = [to_row("lineage", new_lineage())]
        if version != SCHEMA_VERSION:  # a test's older file: only that version's columns
            keep = {k: [COLUMNS[k].index(c) for c in cols]
                    for k, cols in columns(version).items()}
            by_kind = {k: [tuple(r[i] for i in keep[k]) for r in rows]
                       for k, rows in by_kind.items() if k in keep}
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            for stmt in DDL[version]:
                conn.exec_driver_sql(stmt)
            insert_rows(conn, by_kind, version)
            conn.exec_driver_sql(f"PRAGMA user_version={version}")
    except BaseException:
        engine.dispose()
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    engine.dispose()
    con.close()
    os.chmod(tmp, default_mode())  # (a new file like any other, not mkstemp's 0600)
    fsync_file(tmp)
    link_new(tmp, path)
    return path


class BoardStore:
    """An open board file.  Use :meth:`open`; always :meth:`close` (or ``with``)."""

    def __init__(self, path: Path, con: sqlite3.Connection, lock: OpenLock | None,
                 read_only_reason: str | None,
                 snapshot: tempfile.TemporaryDirectory[str] | None = None,
                 preloaded: dict[str, list[tuple[Any, ...]]] | None = None) -> None:
        self.path = path
        #: The one SQLite connection; the engine below runs every query on it.
        self._con = con
        self._engine_: Engine | None = None
        self._lock = lock
        self.read_only_reason = read_only_reason
        self._snapshot = snapshot  # the private folder a read-only store reads from
        # The rows validation read from the validated copy, for the first load().
        self._preloaded = preloaded
        self._mutex = threading.RLock()
        self._closed = False
        #: This store wrote to the file (it is in WAL mode since): closing compacts it.
        self._written = False
        #: The file was in WAL mode or had side files when opened (a writer was killed,
        #: say): closing makes it one self-contained file again even if nothing is
        #: written.
        self._untidy_at_open = False
        #: (st_dev, st_ino) of the file this store writes.
        self._identity: tuple[int, int] | None = None
        self._lineage: Lineage | None = None
        self._lineage_read = False
        self._seq: int | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False,
             control: CheckControl | None = None) -> BoardStore:
        """Validate and open ``path``.  Raises :class:`BoardFileError` with the reason.

        If another EvidenceBoard has the board open, or the file or its folder cannot be
        written, the board opens read-only and :attr:`read_only_reason` says why.
        ``control`` shows the check's progress and may cancel it (:class:`CheckCancelledError`)
        until the file itself is opened: a cancelled opening leaves the file untouched.
        """
        # The real file: a board reached through a symlink is locked, and compacted on
        # close, where it lives (renaming onto the link would replace the link itself).
        path = Path(os.path.realpath(path))
        if read_only:
            return cls._open_snapshot(path, "opened read-only on request", control)
        preload_sqlalchemy()
        if name_bytes(path) > MAX_WRITABLE_NAME:
            return cls._open_snapshot(
                path, f"its file name is too long to be written ({name_bytes(path)} bytes; "
                      f"a board's may have at most {MAX_WRITABLE_NAME}, so that the files "
                      f"SQLite keeps beside it fit); it is shown read-only", control)
        links = _link_count(path)
        if links > 1:
            # Each name has its own -wal and -journal: two writers under two names corrupt
            # the file, and so would a reader opening it with SQLite under another name
            # than its writer's.  (A board with several names is not ours alone to
            # replace on closing either.)
            return cls._open_snapshot(
                path, f"this board file has {links} names (hard links), and writing it "
                      "under two names would corrupt it; it is shown read-only", control)
        lock = OpenLock(path)
        if not lock.acquire():
            if lock.elsewhere:  # (its log has the writer's name: read the file as saved)
                return cls._open_snapshot(
                    path, "this board is open in another EvidenceBoard window under another "
                          "name (it was renamed or moved); it is shown read-only as last "
                          "saved")
            if lock.busy:
                return cls._open_live_snapshot(
                    path, "this board is open in another EvidenceBoard window; "
                          "it is shown read-only", control)
            if lock.problem:
                return cls._open_snapshot(path, f"{lock.problem}; it is shown read-only",
                                          control)
            return cls._open_snapshot(
                path, "the board's folder cannot be written to; it is shown read-only",
                control)
        try:
            if path.exists() and not os.access(path, os.W_OK):
                lock.release()
                return cls._open_snapshot(path, "the file is read-only; it is shown read-only",
                                          control)
            if _link_count(path) > 1:  # (a name given since the look above)
                lock.release()
                return cls.open(path, control=control)
            _remove_leftovers(path)
            with private_folder("evboard-open-") as tmp:
                check, copy = validated_copy(path, Path(tmp), read_rows=True,
                                             control=control)
                _last_chance(control)
                with open(path, "rb") as f:
                    wal_mode = uses_wal(f.read(100))
                # Left by a killed writer: closing makes one self-contained file again.
                leftovers = wal_mode or any(side_file(path, s).exists()
                                            for s in SIDE_SUFFIXES)
                if not wal_mode:
                    set_aside_stale_log(path)
                if check.needs_migration:
                    from .migrations import migrate_in_place
                    migrate_in_place(path, check.version, copy)
                    lock.rekey()
            try:
                con = _connect_raw(path, read_only=False)
                con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            except sqlite3.Error as e:
                raise BoardFileError(f"cannot open the board: {e}") from None
        except BaseException:
            lock.release()
            raise
        store = cls(path, con, lock, None, preloaded=check.rows)
        store._untidy_at_open = leftovers
        store._identity = file_identity(path)
        return store

    @classmethod
    def _open_snapshot(cls, path: Path, reason: str, control: CheckControl | None = None
                       ) -> BoardStore:
        """Read-only: validate a private copy and read that (the user's file and its side
        files are only ever read, never opened with SQLite)."""
        snapshot = private_folder("evboard-ro-")
        try:
            check, copy = validated_copy(path, Path(snapshot.name), read_rows=True,
                                         control=control)
            _last_chance(control)
            return cls._from_snapshot(path, check, copy, reason, snapshot)
        except BaseException:
            snapshot.cleanup()
            raise

    @classmethod
    def _open_live_snapshot(cls, path: Path, reason: str,
                            control: CheckControl | None = None) -> BoardStore:
        """Read-only view of a board another EvidenceBoard is writing: one consistent
        snapshot through SQLite's backup API (a byte copy could catch the writer between
        main file and log), validated like any file, and the live file let go at once."""
        read_header(path, wal_follows=True)
        snapshot = private_folder("evboard-ro-")
        try:
            copy = Path(snapshot.name) / "snapshot.sqlite"
            try:
                src = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=10)
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
            check = check_private_copy(path, copy, read_rows=True, control=control)
            _last_chance(control)
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
            con = sqlite3.connect(sqlite_uri(copy, mode="ro"), uri=True,
                                  isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA trusted_schema=OFF")
        except sqlite3.Error as e:
            raise BoardFileError(f"cannot open the board: {e}") from None
        return cls(path, con, None, reason, snapshot, preloaded=check.rows)

    @property
    def _engine(self) -> Engine:
        if self._engine_ is None:
            self._engine_ = make_engine(self._con, read_only=self.read_only)
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
        from sqlalchemy.exc import DBAPIError

        entities: list[Entity] = []
        with self._mutex:
            rows, self._preloaded = self._preloaded, None
            for kind in LOAD_ORDER:
                try:
                    if rows is not None:
                        kind_rows = rows[kind]
                    else:
                        with self._engine.connect() as conn:
                            kind_rows = read_rows(conn, kind)
                    entities.extend(from_rows(kind, kind_rows))
                except (ValueError, TypeError, sqlite3.Error, DBAPIError) as e:
                    text = " ".join(str(e).split())[:160]
                    raise BoardFileError(f"damaged: a {kind} row cannot be read ({text})"
                                         ) from None
        return Board.from_entities(entities)

    # ----------------------------------------------------------------- writing
    def commit(self, edit: Edit, recorded: Recorded | None = None,
               imported: Iterable[Recorded] = ()) -> None:
        """Write ``edit`` in one transaction, with its history entry ``recorded`` (and
        the entries a merge brings in, ``imported``).  On failure nothing of it is
        written."""
        if self.read_only_reason is not None:
            raise ReadOnlyError(f"cannot save: {self.read_only_reason}")
        if self._closed:
            raise StoreWriteError("cannot save: the board is closed")
        from sqlalchemy.exc import DBAPIError

        with self._mutex:
            self._preloaded = None
            try:
                if not self._written:
                    self._start_writing()
                with self._engine.begin() as conn:
                    self._write(conn, edit)
                    if recorded is not None:
                        self._write_history(conn, [recorded, *imported])
            except DBAPIError as e:
                raise StoreWriteError(_write_failure(e, self._verdict())) from e
            except sqlite3.Error as e:
                raise StoreWriteError(_write_failure(e, self._verdict())) from e
            self._written = True

    def _start_writing(self) -> None:
        """WAL for the first edit (each later commit is one append to the log)."""
        mode = self._con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"the board cannot be switched to WAL ({mode})")
        self._written = True  # (in WAL mode from now on: closing compacts it)

    def _verdict(self) -> str | None:
        """After a failed write: None if the file passes SQLite's ``quick_check`` now,
        else what is wrong with it.  A failure is never called harmless unchecked."""
        try:
            rows = [r[0] for r in self._con.execute("PRAGMA quick_check(3)")]
        except sqlite3.Error as e:
            return f"it could not be checked ({' '.join(str(e).split())})"
        if rows == ["ok"]:
            return None
        return f"its check fails ({' '.join(rows[0].split())[:160]})"

    def _write(self, conn: Connection, edit: Edit) -> None:
        from sqlalchemy import delete
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        # An edit may delete a card whose links and citations it moves to another card
        # (a merge): references are checked when the edit commits, not row by row.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        deletes: dict[str, list[str]] = {}
        for kind, id_ in edit.ordered_deletes():
            deletes.setdefault(kind, []).append(id_)
        for kind in reversed(LOAD_ORDER):
            ids = deletes.get(kind)
            if ids:
                table = table_of(kind)
                pk = table.c[primary_key(kind)]
                for i in range(0, len(ids), 500):
                    conn.execute(delete(table).where(pk.in_(ids[i:i + 500])))
        puts: dict[str, list[dict[str, Any]]] = {}
        for e in edit.ordered_puts():
            k = kind_of(e)
            puts.setdefault(k, []).append(dict(zip(COLUMNS[k], to_row(k, e), strict=True)))
        for kind in LOAD_ORDER:
            rows = puts.get(kind)
            if not rows:
                continue
            key = primary_key(kind)
            stmt = sqlite_insert(table_of(kind))
            stmt = stmt.on_conflict_do_update(
                index_elements=[key],
                set_={c: stmt.excluded[c] for c in COLUMNS[kind] if c != key})
            conn.execute(stmt, rows)

    def _write_history(self, conn: Connection, recorded: list[Recorded]) -> None:
        from sqlalchemy import insert

        by_kind: dict[str, list[dict[str, Any]]] = {"history": [], "history_change": []}
        if self.lineage() is None:  # (a file of ours always has one; this one lost it)
            lineage = new_lineage()
            conn.execute(insert(table_of("lineage")),
                         [dict(zip(COLUMNS["lineage"], to_row("lineage", lineage),
                                   strict=True))])
            self._lineage = lineage
        for r in recorded:
            by_kind["history"].append(dict(zip(COLUMNS["history"],
                                               to_row("history", r.entry), strict=True)))
            by_kind["history_change"].extend(
                dict(zip(COLUMNS["history_change"], to_row("history_change", c),
                         strict=True)) for c in r.changes)
        for kind, rows in by_kind.items():
            if rows:
                conn.execute(insert(table_of(kind)), rows)
        self._seq = max(self.next_seq(), *(r.entry.seq + 1 for r in recorded))

    # ----------------------------------------------------------------- history
    def lineage(self) -> Lineage | None:
        """This file's board id and where it came from (None: a file without one)."""
        if not self._lineage_read:
            rows = self._read_records("lineage")
            self._lineage = rows[0] if rows else None
            self._lineage_read = True
        return self._lineage

    def next_seq(self) -> int:
        """The number the next history entry gets."""
        if self._seq is None:
            if self._closed:
                raise StoreWriteError("cannot save: the board is closed")
            with self._mutex, self._engine.connect() as conn:
                last = conn.exec_driver_sql("SELECT max(seq) FROM history").scalar()
            self._seq = 1 if last is None else int(last) + 1
        return self._seq

    def _read_records(self, kind: str) -> list[Any]:
        from sqlalchemy.exc import DBAPIError

        if self._closed:
            raise StoreWriteError("cannot save: the board is closed")

        with self._mutex:
            try:
                with self._engine.connect() as conn:
                    return from_rows(kind, read_rows(conn, kind))
            except (ValueError, TypeError, sqlite3.Error, DBAPIError) as e:
                text = " ".join(str(e).split())[:160]
                raise BoardFileError(f"damaged: its history cannot be read ({text})"
                                     ) from None

    def history(self, *, values: bool = True) -> History:
        """The file's lineage and every history entry with its changes (``values``
        False: which items each changed, without their values — what a list shows)."""
        entries: list[HistoryEntry] = self._read_records("history")
        if values:
            changes: list[HistoryChange] = self._read_records("history_change")
        else:
            with self._mutex, self._engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT id, entry, n, kind, item FROM history_change").fetchall()
            changes = [HistoryChange(*r) for r in rows]
        return History.of(self.lineage(), entries, changes)

    # ----------------------------------------------------------------- closing
    def _vacuum_into(self, tmp: Path, like: Path) -> None:
        """A compact, self-contained, fsynced copy of the board at ``tmp`` (an empty
        file of ours from :func:`.files.temp_beside`), with the mode and owner of
        ``like``."""
        try:
            self._con.execute("VACUUM INTO ?", (sqlite_uri(tmp),))
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=DELETE")
            finally:
                con.close()
            keep_mode(tmp, like)
            fsync_file(tmp)
        except BaseException:
            tmp.unlink(missing_ok=True)
            side_file(tmp, "-journal").unlink(missing_ok=True)
            raise

    def save_copy(self, target: str | os.PathLike[str], *, strip_history: bool = False,
                  redact: Iterable[str] = (), base: str | None = None) -> Path:
        """Write a self-contained copy of the board to ``target`` (atomic replace).

        The copy gets a board id of its own and knows this board as the one it was
        copied from (so the two find their common ancestor).  ``strip_history``: the copy
        carries no history, and starts at the entry ``base`` of this board's history;
        ``redact``: these sources (their text and every citation into them) are left out
        of the copy, which then carries no history either (it holds their text).

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
                tmp: Path | None = None
                try:
                    tmp = temp_beside(target, ".saving")
                    # An existing board keeps its permissions; a new one has the board's.
                    like = target if target.exists() else self.path
                    self._vacuum_into(tmp, like)
                    self._make_copy_its_own(tmp, strip_history, tuple(redact), base)
                    replace_durably(tmp, target)
                except (sqlite3.Error, OSError) as e:
                    if tmp is not None:
                        tmp.unlink(missing_ok=True)
                    raise StoreWriteError(f"could not write {target.name}: "
                                          f"{getattr(e, 'strerror', None) or e}") from e
        finally:
            lock.release()
        return target

    def _make_copy_its_own(self, tmp: Path, strip: bool, redact: tuple[str, ...],
                           base: str | None) -> None:
        """The copy's lineage (a board id of its own), and what it leaves out, compacted
        again so that nothing left out stays in its free pages."""
        mine = self.lineage()
        strip = strip or bool(redact)
        if mine is None:
            lineage = new_lineage()
        else:
            lineage = new_lineage(root=mine.root, copied_from=mine.id,
                                  base=base if strip else mine.base)
            if strip and base is None:
                lineage = new_lineage()  # nothing to start from: a board of its own
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA trusted_schema=OFF")
            con.execute("BEGIN IMMEDIATE")
            con.execute("DELETE FROM lineage")
            cols = COLUMNS["lineage"]
            con.execute(f"INSERT INTO lineage ({', '.join(cols)}) VALUES "
                        f"({', '.join('?' for _ in cols)})", to_row("lineage", lineage))
            if strip:
                con.execute("DELETE FROM history_change")
                con.execute("DELETE FROM history")
            for i in range(0, len(redact), 500):
                ids = redact[i:i + 500]
                marks = ", ".join("?" for _ in ids)
                con.execute(f"DELETE FROM citation WHERE source_id IN ({marks})", ids)
                con.execute(f"DELETE FROM source WHERE id IN ({marks})", ids)
            con.execute("COMMIT")
            if strip:
                con.execute("VACUUM")
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            raise
        con.close()
        fsync_file(tmp)

    def _checkpoint(self) -> bool:
        """Move the WAL into the main file; False if a reader keeps part of it busy."""
        with self._mutex:
            try:
                # Outside any transaction: a checkpoint inside one always reports busy.
                busy: int = self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
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
            if self.read_only_reason is None and (self._written or self._untidy_at_open) \
                    and self._checkpoint():
                self._compact()
        finally:
            self._disconnect()
            if self._lock is not None:
                self._lock.release()
            if self._snapshot is not None:
                self._snapshot.cleanup()

    def _compact(self) -> None:
        if _link_count(self.path) > 1:
            return  # given a second name since it opened: never replaced under that one
        if file_identity(self.path) != self._identity:
            return  # renamed or moved while open: the file we wrote is complete where it is
        with self._mutex:
            try:
                tmp = temp_beside(self.path, ".compact")
            except OSError:
                return  # the WAL-mode file is complete as it is
            try:
                self._vacuum_into(tmp, self.path)
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


def _last_chance(control: CheckControl | None) -> None:
    """The last point where cancelling stops the opening: from here on the file is
    opened (and a board opened for writing is written when it is closed)."""
    if control is not None:
        control.check()
        control.cancellable = False
        control.phase = "loading"
        control.fraction = 0.95


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _link_count(path: Path) -> int:
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 1


def _remove_leftovers(path: Path) -> None:
    """Temporary files a killed EvidenceBoard left beside the board (we hold its lock):
    ours have random names (:func:`.files.temp_beside`); the fixed names are those of
    earlier versions.  Only names are removed, never what a link there points to."""
    for suffix in (".compact", ".saving", ".migrating"):
        fixed = path.with_name(f".{path.name}{suffix}")
        for tmp in [*temps_beside(path, suffix), fixed]:
            tmp.unlink(missing_ok=True)
            for side in SIDE_SUFFIXES:
                side_file(tmp, side).unlink(missing_ok=True)


def _write_failure(e: Exception, verdict: str | None) -> str:
    """One line for a failed write.  ``verdict`` is what checking the file found after
    it (None: it passes): "intact" is said only of a file that was just checked."""
    orig = getattr(e, "orig", None)
    text = " ".join((str(orig) if orig is not None else str(e)).split())
    state = "the board file is intact" if verdict is None else \
        f"the board file may be damaged: {verdict}; close it and run evidenceboard check"
    if "full" in text:
        return f"could not save: the disk is full; the change was not made and {state}"
    if "readonly" in text or "read-only" in text:
        return "could not save: the board file cannot be written; the change was not made"
    if "disk I/O error" in text:
        return ("could not save: the disk could not be written (disk I/O error); the change "
                f"was not made and {state}")
    if "locked" in text or "busy" in text:
        return "could not save: the board file is busy in another program; the change was not made"
    return f"could not save: {text}; the change was not made and {state}"
