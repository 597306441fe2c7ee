"""Upgrading board files of older formats, on a copy, keeping the original.

A migration never edits the old file: it reads its validated rows, writes them into a
fresh file made from the current DDL, keeps the original as ``NAME.v<N>.evboard.bak``
beside the board, and only then moves the new file into place.  A kill at any moment
leaves either the old file or the new one at the board's path, never a mixture.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Callable

from .board_store import _fsync_dir
from .ddl import DDL
from .errors import DamagedBoardError
from .rows import COLUMNS
from .fileformat import APPLICATION_ID, SCHEMA_VERSION

RowMap = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(table: str, row: dict[str, Any]) -> dict[str, Any]:
    if table == "source":
        row.setdefault("reliability", None)
    if table == "citation":
        row.setdefault("credibility", None)
    return row


#: One function per step; ``STEPS[n]`` turns a row of format n into a row of format n + 1.
STEPS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.stem}.v{version}{path.suffix}.bak")


def migrate_in_place(path: Path, version: int) -> Path:
    """Upgrade the (already validated) board at ``path`` from ``version`` to current.

    Returns the path of the kept original.
    """
    backup = backup_path(path, version)
    tmp = path.with_name(f".{path.name}.migrating")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp, isolation_level=None)
    try:
        src.execute("PRAGMA trusted_schema=OFF")
        dst.execute(f"PRAGMA application_id={APPLICATION_ID}")
        dst.execute("BEGIN")
        for stmt in DDL[SCHEMA_VERSION]:
            dst.execute(stmt)
        for table in ("setting", "source", "card", "link", "citation"):
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
        tmp.unlink(missing_ok=True)
        raise DamagedBoardError(f"damaged: cannot upgrade from format {version} ({e})") from None
    finally:
        src.close()
    dst.close()
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    if not backup.exists():
        shutil.copy2(path, backup)
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    return backup
