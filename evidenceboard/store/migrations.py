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
from urllib.parse import quote

from .ddl import DDL
from .errors import DamagedBoardError
from .fileformat import APPLICATION_ID, SCHEMA_VERSION
from .files import copy_durably, fsync_file, replace_durably, side_file
from .rows import COLUMNS


def _v1_to_v2(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "source":
        row.setdefault("reliability", None)
    if table == "citation":
        row.setdefault("credibility", None)
    return row


def _v2_to_v3(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return row  # version 3 only adds the alias table (empty in an upgraded board)


#: One function per step; ``STEPS[n]`` turns a row of format n into a row of format n + 1.
STEPS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2,
                                                                     2: _v2_to_v3}
#: The tables each format has (a table added later has no rows to copy from an older one).
TABLES_OF: dict[int, tuple[str, ...]] = {
    1: ("setting", "source", "card", "link", "citation"),
    2: ("setting", "source", "card", "link", "citation"),
    3: ("setting", "source", "card", "link", "citation", "alias"),
}


def backup_path(path: Path, version: int, n: int = 1) -> Path:
    extra = "" if n == 1 else f"-{n}"
    return path.with_name(f"{path.stem}.v{version}{extra}{path.suffix}.bak")


def upgrade_copy(validated: Path, target: Path, version: int) -> None:
    """Write the rows of the validated, self-contained board ``validated`` (format
    ``version``) into a new file ``target`` of the current format, fsynced."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{quote(str(validated))}?mode=ro", uri=True)
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        src.execute("PRAGMA trusted_schema=OFF")
        dst.execute(f"PRAGMA application_id={APPLICATION_ID}")
        dst.execute("BEGIN")
        for stmt in DDL[SCHEMA_VERSION]:
            dst.execute(stmt)
        for table in TABLES_OF[version]:
            cur = src.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cur.description]
            cols = COLUMNS[table]
            sql = (f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" * len(cols))})')
            for row in cur:
                values = dict(zip(names, row))
                for step in range(version, SCHEMA_VERSION):
                    values = STEPS[step](table, values)
                dst.execute(sql, [values[c] for c in cols])
        dst.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        dst.execute("COMMIT")
    except sqlite3.Error as e:
        dst.close()
        target.unlink(missing_ok=True)
        raise DamagedBoardError(f"damaged: cannot upgrade from format {version} ({e})") from None
    finally:
        src.close()
    dst.close()
    fsync_file(target)


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
    con = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None)
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
    tmp = path.with_name(f".{path.name}.migrating")
    upgrade_copy(validated, tmp, version)
    fold_log(path)
    replace_durably(tmp, path)
    return backup
