"""A team server's administration (issue 19): setting the team schema up, publishing a
board on it, and giving members access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Board, kind_of
from .errors import StoreWriteError
from .rows import COLUMNS, to_row
from .schema import TABLE_NAMES
from .team_connect import TeamAddress, make_engine, reason, sqlstate
from .team_schema import PG_SCHEMA, install_sql, team_metadata, team_tables

if TYPE_CHECKING:
    from sqlalchemy import Connection


def team_setup(conninfo: str) -> None:
    """Create the team schema on a server (its administrator, once)."""
    from sqlalchemy.schema import CreateSchema

    engine = make_engine(conninfo)
    try:
        with engine.begin() as conn:
            conn.execute(CreateSchema(PG_SCHEMA, if_not_exists=True))
            team_metadata().create_all(conn)
            for stmt in install_sql():
                conn.exec_driver_sql(stmt.replace("%", "%%"))
    finally:
        engine.dispose()


def _copy_rows(conn: Connection, board: str, by_kind: dict[str, list[tuple[Any, ...]]]
               ) -> None:
    """Rows into the server in bulk, parents first: COPY into a temporary table (COPY
    itself is refused on a table under row-level security), then one INSERT … SELECT,
    which the policies check."""
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        for kind in TABLE_NAMES:
            rows = by_kind.get(kind)
            if not rows:
                continue
            cols = ", ".join(f'"{c}"' for c in ("board", *COLUMNS[kind], "version"))
            tmp = f"evb_new_{kind}"
            cur.execute(f'CREATE TEMP TABLE {tmp} (LIKE {PG_SCHEMA}."{kind}") '
                        "ON COMMIT DROP")
            with cur.copy(f"COPY {tmp} ({cols}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row((board, *r, 1))
            cur.execute(f'INSERT INTO {PG_SCHEMA}."{kind}" ({cols}) SELECT {cols} FROM {tmp}')


def publish(board: Board, address: TeamAddress) -> None:
    """Put ``board`` on the server under ``address.board``, owned by the connecting
    role.  Refuses a name already taken."""
    from sqlalchemy import insert
    from sqlalchemy.exc import DBAPIError

    t = team_tables()
    engine = make_engine(address.conninfo)
    try:
        with engine.begin() as conn:
            if conn.exec_driver_sql(f"SELECT 1 FROM {PG_SCHEMA}.boards WHERE name = %s",
                                    (address.board,)).first() is not None:
                raise StoreWriteError(f"there is already a board named {address.board!r} "
                                      "on the server")
            user = conn.exec_driver_sql("SELECT current_user").scalar_one()
            conn.execute(insert(t["boards"]).values(name=address.board, owner=user))
            conn.execute(insert(t["members"]).values(board=address.board, member=user,
                                                     access="owner"))
            by_kind: dict[str, list[tuple[Any, ...]]] = {}
            for e in board.entities():
                k = kind_of(e)
                by_kind.setdefault(k, []).append(to_row(k, e))
            _copy_rows(conn, address.board, by_kind)
    except DBAPIError as e:
        if sqlstate(e) == "23505" and "boards_pkey" in str(e):  # (one you cannot see)
            raise StoreWriteError(f"there is already a board named {address.board!r} on "
                                  "the server") from None
        if sqlstate(e) == "42501" or sqlstate(e) == "3F000" or sqlstate(e) == "42P01":
            raise StoreWriteError(f"the server refused: {reason(e)} (is the team schema "
                                  "set up, and are you in the evidenceboard_users role?)"
                                  ) from None
        raise StoreWriteError(f"could not publish: {reason(e)}") from None
    finally:
        engine.dispose()


def grant(address: TeamAddress, member: str, access: str | None) -> None:
    """Give ``member`` (a role) ``access`` to the board (None: take it away); only an
    owner of the board may (the server's ``set_access`` checks)."""
    from sqlalchemy.exc import DBAPIError

    if access not in ("owner", "editor", "reader", None):
        raise ValueError(access)
    engine = make_engine(address.conninfo)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT {PG_SCHEMA}.set_access(%s, %s, %s)",
                                 (address.board, member, access))
    except DBAPIError as e:
        raise StoreWriteError(f"could not change {member}'s access: {reason(e)}") from None
    finally:
        engine.dispose()


__all__ = ["grant", "publish", "team_setup"]
