"""A team board's who-did-what (issue 19): the server's ``changes`` records as a
:class:`~.model.history.History`, for the History dock.

Every edit any member committed is one ``seq`` of the board's ``changes``: its author
(the member's role), its description (the undo menu's), when it was committed
(``made``) and the items it touched.  :func:`team_history` reads the latest
:data:`MAX_ENTRIES` of them (never the items' values: the server keeps none of the
past) — an entry each, oldest first, as a board file's history is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.history import History, HistoryChange, HistoryEntry
from .team_schema import PG_SCHEMA

if TYPE_CHECKING:
    from .team import TeamStore

#: The most edits the dock lists (the latest).
MAX_ENTRIES = 2_000


def team_history(store: TeamStore, limit: int = MAX_ENTRIES) -> History:
    """The latest ``limit`` edits of the store's board as the server recorded them
    (raises sqlalchemy's DBAPIError when the server cannot be read)."""
    from sqlalchemy.exc import DBAPIError

    board = store.address.board
    sql = (f"SELECT c.seq, c.kind, c.item, c.author, c.description, {{made}} FROM "
           f"{PG_SCHEMA}.changes c WHERE c.board = %s AND c.seq >= coalesce(("
           f"SELECT min(seq) FROM (SELECT DISTINCT seq FROM {PG_SCHEMA}.changes WHERE "
           f"board = %s ORDER BY seq DESC LIMIT {int(limit)}) s), 0) "
           "ORDER BY c.seq, c.kind, c.item")
    made = "to_char(c.made AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    with store.engine.connect() as conn:
        try:
            rows = list(conn.exec_driver_sql(sql.format(made=made), (board, board)))
        except DBAPIError as e:
            if getattr(e.orig, "sqlstate", None) != "42703":  # (no "made": an old server)
                raise
            conn.rollback()
            rows = list(conn.exec_driver_sql(sql.format(made="''"), (board, board)))
    entries: dict[int, HistoryEntry] = {}
    changes: list[HistoryChange] = []
    counts: dict[int, int] = {}
    for seq, kind, item, author, description, at in rows:
        seq = int(seq)
        entry_id = f"team-{seq}"
        if seq not in entries:
            entries[seq] = HistoryEntry(entry_id, seq, str(at or ""), str(author),
                                        str(description), board=board)
        n = counts[seq] = counts.get(seq, -1) + 1
        changes.append(HistoryChange(f"{entry_id}:{n}", entry_id, n, str(kind), str(item)))
    return History.of(None, entries.values(), changes)


def read_history(store: TeamStore) -> History | None:
    """:func:`team_history`, or None when the server cannot be read now (a lost server
    marks the store offline, as any read does; the next sync tells)."""
    from sqlalchemy.exc import DBAPIError

    from .team_connect import is_connection_error

    try:
        return team_history(store)
    except DBAPIError as e:
        if is_connection_error(e):
            store.went_offline()
        return None


__all__ = ["MAX_ENTRIES", "read_history", "team_history"]
