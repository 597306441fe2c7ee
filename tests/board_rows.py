"""What a board file says about its board, for tests that compare a file before and
after an edit and its undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def file_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the board's tables, sorted (what "the file" says about the board;
    its history records grow with every edit, an undo included, and are left out)."""
    from evidenceboard.model.history import RECORDS
    records = {r.name for r in RECORDS}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            if r[0] not in records]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in sorted(tables)}
    finally:
        con.close()
