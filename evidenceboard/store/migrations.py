"""Upgrading board files of older formats, on a copy, keeping the original.

A migration never edits the old file's rows: it reads the *validated private copy* (the
exact content that was checked, any write-ahead log already folded in), writes its rows
into a fresh file made from the current DDL, keeps the original as
``NAME.v<N>.evboard.bak`` beside the board (with its ``-wal`` as ``.bak-wal`` if it had
one, so the pair opens as it was), and only then moves the new file into place.

Order, and what a kill at each moment leaves at the board's path:

1. the backup is written to a temporary name, fsynced, renamed: the old file;
2. the new file is built under a temporary name and fsynced: the old file;
3. a log beside the old file is checkpointed into it by SQLite (crash-safe), so that no
   stale ``-wal`` can outlive the rename and be replayed onto the new file: the old file
   with the same content;
4. ``os.replace`` + directory fsync: the new file.

Never a mixture, and the original bytes are in the backup from step 1 on.
"""

from __future__ import annotations

import filecmp
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model.entities import SCHEMA_VERSION
from ..model.fields import fitted
from ..model.history import STORED_SPECS as SPECS
from .errors import DamagedBoardError
from .files import (
    copy_durably,
    fsync_file,
    keep_mode,
    replace_durably,
    side_file,
    sqlite_uri,
    temp_beside,
)
from .rows import COLUMNS, from_rows, stored_value, to_row
from .schema import FILE_TABLES, columns, tables_in

#: Steps the declaration cannot say, by the version they upgrade from: ``STEPS[n]``
#: turns a row (column -> value) of format n into one of format n + 1.  Every step
#: also does what the declaration says (:func:`declared_step`), so most versions need
#: no entry here.
STEPS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {}


def declared_step(version: int, table: str, row: dict[str, Any]) -> dict[str, Any]:
    """From format ``version`` to ``version + 1`` as the declaration says: the fields
    that version added (``Spec.since``) get their defaults."""
    for f in SPECS[table].fields:
        if f.spec.since == version + 1:
            row.setdefault(f.column, stored_value(f, f.default))
    custom = STEPS.get(version)
    return custom(table, row) if custom is not None else row


def upgrade_row(table: str, row: dict[str, Any], version: int) -> tuple[tuple[Any, ...], int]:
    """A row of format ``version`` as a row of the current format, every value brought
    into the current ranges; and how many values that changed."""
    for step in range(version, SCHEMA_VERSION):
        row = declared_step(step, table, row)
    entity = from_rows(table, [tuple(row[c] for c in COLUMNS[table])])[0]
    try:
        entity, changed = fitted(SPECS[table], entity)
    except ValueError as e:
        raise DamagedBoardError(f"damaged: cannot upgrade from format {version}: a "
                                f"{table}'s {e}") from None
    return to_row(table, entity), changed


def backup_path(path: Path, version: int, n: int = 1) -> Path:
    extra = "" if n == 1 else f"-{n}"
    return path.with_name(f"{path.stem}.v{version}{extra}{path.suffix}.bak")


def upgrade_copy(validated: Path, target: Path, version: int) -> int:
    """Write the rows of the validated, self-contained board ``validated`` (format
    ``version``) into a new file ``target`` of the current format, fsynced.  Returns how
    many values were brought into the current ranges."""
    from sqlalchemy.exc import DBAPIError

    from .board_store import create_board_file, make_engine, read_rows

    target.unlink(missing_ok=True)
    src = sqlite3.connect(sqlite_uri(validated, mode="ro"), uri=True,
                          isolation_level=None)
    src.execute("PRAGMA trusted_schema=OFF")
    engine = make_engine(src, read_only=True)
    changed = 0
    try:
        by_kind: dict[str, list[tuple[Any, ...]]] = {}
        with engine.connect() as conn:
            for table in tables_in(version):  # a table added later starts empty
                names = columns(version)[table]
                out = by_kind.setdefault(table, [])
                for r in read_rows(conn, table, version):
                    row, n = upgrade_row(table, dict(zip(names, r, strict=True)), version)
                    out.append(row)
                    changed += n
        entities = [e for table in FILE_TABLES for e in from_rows(table, by_kind.get(table, []))]
        create_board_file(target, entities)
    except (sqlite3.Error, DBAPIError, ValueError) as e:
        target.unlink(missing_ok=True)
        if isinstance(e, DamagedBoardError):
            raise
        raise DamagedBoardError(f"damaged: cannot upgrade from format {version} ({e})") \
            from None
    finally:
        engine.dispose()
        src.close()
    fsync_file(target)
    return changed


def _logs(path: Path) -> list[str]:
    return [s for s in ("-wal", "-journal")
            if side_file(path, s).is_file() and side_file(path, s).stat().st_size > 0]


def _same_files(a: Path, b: Path, logs: list[str]) -> bool:
    if not filecmp.cmp(a, b, shallow=False):
        return False
    return all(side_file(b, s).exists() == (s in logs) and
               (s not in logs or filecmp.cmp(side_file(a, s), side_file(b, s), shallow=False))
               for s in ("-wal", "-journal"))


def keep_original(path: Path, version: int) -> Path:
    """Back up the board (and its log or journal, if any) before it is upgraded; return
    the backup.  A backup of the same name holding other bytes (an earlier board of that
    name) is never overwritten: the next free name is used.
    """
    logs = _logs(path)
    n = 1
    while True:
        backup = backup_path(path, version, n)
        if not backup.exists():
            break
        if _same_files(path, backup, logs):
            return backup  # a kill after the backup, before the upgrade: it is already kept
        n += 1
    for s in logs:  # first, so that the backup never exists without its log
        copy_durably(side_file(path, s), side_file(backup, s))
    copy_durably(path, backup)
    return backup


def fold_log(path: Path) -> None:
    """Let SQLite fold a log (or roll back a journal) left beside ``path`` into it and
    remove the side files (its own crash-safe recovery), so no stale ``-wal`` survives a
    rename onto ``path``."""
    if not any(side_file(path, s).exists() for s in ("-wal", "-journal")):
        return
    con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, isolation_level=None)
    try:
        con.execute("PRAGMA trusted_schema=OFF")
        con.execute("PRAGMA user_version").fetchone()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def migrate_in_place(path: Path, version: int, validated: Path) -> Path:
    """Upgrade the board at ``path`` from ``version`` to the current format, reading the
    validated private copy ``validated`` of it.  Returns the path of the kept original.
    The caller holds the board's open lock (nobody else writes it)."""
    backup = keep_original(path, version)
    tmp = temp_beside(path, ".migrating")
    try:
        upgrade_copy(validated, tmp, version)
        keep_mode(tmp, path)
        fsync_file(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fold_log(path)
    replace_durably(tmp, path)
    return backup
