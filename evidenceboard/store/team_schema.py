"""A team's boards on PostgreSQL: the same tables as a board file, derived from the same
entity declarations (:mod:`evidenceboard.model.entities`), in a schema of their own.

Each entity table of :mod:`.schema` becomes a table of the ``evidenceboard`` schema with
two more columns: ``board`` (the board's name, first in the primary key and in every
foreign key, so many boards share the tables) and ``version`` (raised by every write of
the row: an edit says which version it changes, and a write that finds another one lost a
race — optimistic concurrency).  The CHECK constraints are the board file's
(:func:`.schema.field_check_sql`), with the pattern checks as regular expressions; a
boolean is a ``smallint`` 0/1 as in the file, so rows convert the same way
(:mod:`.rows`).

Three tables of our own: ``boards`` (name, owner, the board's change counter ``seq``),
``members`` (who may read or change which board) and ``changes`` (which items each
change touched, by ``seq``: what a client fetches after a notification).

Access is PostgreSQL's own: roles, and row-level security on every table, so a member's
access is what the server lets through, whatever a client does (:data:`ACCESS_SQL`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ..model.entities import ENTITIES, SCHEMA_VERSION
from ..model.fields import Field
from .schema import field_check_sql, primary_key, q, rule_check_sql

if TYPE_CHECKING:
    from sqlalchemy import MetaData, Table

#: The PostgreSQL schema holding every board of a team.
PG_SCHEMA = "evidenceboard"
#: The group role every member of the team is in (granted the tables; RLS does the rest).
USERS_ROLE = "evidenceboard_users"
#: The channel ``NOTIFY`` tells about each change on (payload: board key and seq).
CHANNEL = "evidenceboard"
ACCESS_LEVELS = ("owner", "editor", "reader")
WRITERS = ("owner", "editor")


def pg_check_sql(f: Field) -> str | None:
    """The board file's CHECK of ``f`` as PostgreSQL says it (GLOB is a regular
    expression there; everything else is the same SQL)."""
    if f.pattern is None:
        return field_check_sql(f)
    c = q(f.column)
    cond = f"{c} ~ '{f.pattern.regex}'"
    return f"{c} IS NULL OR ({cond})" if f.nullable else cond


@functools.cache
def team_metadata() -> MetaData:
    """The team tables as SQLAlchemy Core :class:`~sqlalchemy.Table`s."""
    from sqlalchemy import (
        BigInteger,
        CheckConstraint,
        Column,
        DateTime,
        Float,
        ForeignKey,
        ForeignKeyConstraint,
        Index,
        Integer,
        MetaData,
        SmallInteger,
        String,
        Table,
        UniqueConstraint,
        text,
    )

    kinds = {"id": String, "text": String, "texts": String, "real": Float,
             "integer": Integer, "boolean": SmallInteger}
    md = MetaData(schema=PG_SCHEMA)
    Table("boards", md,
          Column("name", String, primary_key=True),
          Column("owner", String, nullable=False),
          Column("seq", BigInteger, nullable=False, server_default="0"),
          Column("schema_version", Integer, nullable=False,
                 server_default=str(SCHEMA_VERSION)),
          CheckConstraint("length(name) BETWEEN 1 AND 200", name="boards_name"))
    Table("members", md,
          Column("board", String, ForeignKey(f"{PG_SCHEMA}.boards.name", ondelete="CASCADE"),
                 primary_key=True),
          Column("member", String, primary_key=True),
          Column("access", String, nullable=False),
          CheckConstraint(f"access IN ({','.join(repr(a) for a in ACCESS_LEVELS)})",
                          name="members_access"))
    Table("changes", md,
          Column("board", String, ForeignKey(f"{PG_SCHEMA}.boards.name", ondelete="CASCADE"),
                 primary_key=True),
          Column("seq", BigInteger, primary_key=True),
          Column("kind", String, primary_key=True),
          Column("item", String, primary_key=True),
          Column("author", String, nullable=False),
          Column("client", String, nullable=False),
          Column("description", String, nullable=False),
          # when the edit was committed (the History dock's "When")
          Column("made", DateTime(timezone=True), nullable=False,
                 server_default=text("now()")))
    for es in ENTITIES:
        cols: list[Any] = [Column("board", String, ForeignKey(
            f"{PG_SCHEMA}.boards.name", ondelete="CASCADE"), primary_key=True)]
        extra: list[Any] = []
        for n, f in enumerate(es.fields):
            cols.append(Column(f.column, kinds[f.type](), primary_key=n == 0,
                               nullable=f.nullable))
            if f.references is not None:
                ref = f"{PG_SCHEMA}.{f.references}"
                extra.append(ForeignKeyConstraint(
                    ["board", f.column], [f"{ref}.board", f"{ref}.{primary_key(f.references)}"],
                    name=f"{es.name}_{f.name}_ref",
                    # checked at commit: an edit may delete a group (or merge a card)
                    # before it re-points what referred to it
                    deferrable=True, initially="DEFERRED"))
            if f.unique:
                extra.append(UniqueConstraint("board", f.column))
        cols.append(Column("version", BigInteger, nullable=False))
        checks = [CheckConstraint(sql, name=f"{es.name}_{f.name}")
                  for f in es.fields if (sql := pg_check_sql(f)) is not None]
        checks += [CheckConstraint(rule_check_sql(es, r), name=r.name) for r in es.rules]
        t = Table(es.name, md, *cols, *checks, *extra)
        for index_name, column in es.indexes:
            Index(index_name, t.c.board, t.c[column])
    # What a view shows is found through its positions (issue 19, scale).
    card = md.tables[f"{PG_SCHEMA}.card"]
    Index("ix_card_position", card.c.board, card.c.x, card.c.y)
    return md


def team_tables() -> dict[str, Table]:
    md = team_metadata()
    return {t.name: t for t in md.tables.values()}


def _policies() -> list[str]:
    """Row-level security: a member of a board reads its rows; an owner or editor writes
    them.  Membership goes through role membership (``pg_has_role``), so granting a
    group role gives its members the board."""
    s = PG_SCHEMA
    readable = (f"board IN (SELECT m.board FROM {s}.members m WHERE "
                "pg_has_role(current_user, m.member, 'MEMBER'))")
    writable = (f"board IN (SELECT m.board FROM {s}.members m WHERE "
                f"pg_has_role(current_user, m.member, 'MEMBER') AND m.access IN "
                f"({','.join(repr(a) for a in WRITERS)}))")
    out: list[str] = []
    for es in (*ENTITIES, None):
        name = es.name if es is not None else "changes"
        t = f"{s}.{q(name)}"
        out += [f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
                f"CREATE POLICY read ON {t} FOR SELECT USING ({readable})",
                f"CREATE POLICY add ON {t} FOR INSERT WITH CHECK ({writable})",
                f"CREATE POLICY change ON {t} FOR UPDATE USING ({writable}) "
                f"WITH CHECK ({writable})",
                f"CREATE POLICY remove ON {t} FOR DELETE USING ({writable})"]
    owned = (f"name IN (SELECT m.board FROM {s}.members m WHERE "
             "pg_has_role(current_user, m.member, 'MEMBER') AND m.access = 'owner')")
    out += [f"ALTER TABLE {s}.boards ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY read ON {s}.boards FOR SELECT USING "
            f"(owner = current_user OR name IN (SELECT m.board FROM {s}.members m WHERE "
            "pg_has_role(current_user, m.member, 'MEMBER')))",
            f"CREATE POLICY publish ON {s}.boards FOR INSERT WITH CHECK "
            "(owner = current_user)",
            f"CREATE POLICY count ON {s}.boards FOR UPDATE USING "
            f"({writable.replace('board IN', 'name IN')})",
            f"CREATE POLICY remove ON {s}.boards FOR DELETE USING ({owned})",
            # members: one sees one's own memberships; an owner manages a board's.
            f"ALTER TABLE {s}.members ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY mine ON {s}.members FOR SELECT USING "
            "(pg_has_role(current_user, member, 'MEMBER'))",
            f"CREATE POLICY founder ON {s}.members FOR INSERT WITH CHECK "
            f"((member = current_user AND access = 'owner' AND board IN "
            f"(SELECT b.name FROM {s}.boards b WHERE b.owner = current_user)) OR "
            f"{owned.replace('name IN', 'board IN')})",
]
    # (team-setup may run again, to upgrade a server: each policy is made anew)
    again: list[str] = []
    for stmt in out:
        if stmt.startswith("CREATE POLICY "):
            name, _, table = stmt.split(" ")[2:5]
            again.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        again.append(stmt)
    return again


def next_seq_sql() -> str:
    """``evidenceboard.next_seq(board)``: the board's next change number, or the
    server's refusal (``insufficient_privilege``) for anyone who may not change it.
    Every edit starts with it, so edits of one board are serialised on its row."""
    s = PG_SCHEMA
    return f"""
CREATE OR REPLACE FUNCTION {s}.next_seq(b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  UPDATE {s}.boards SET seq = seq + 1 WHERE name = b RETURNING seq INTO n;
  IF n IS NULL THEN
    RAISE EXCEPTION 'you may not change the board %', b
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN n;
END $$"""


def set_access_sql() -> str:
    """``evidenceboard.set_access(board, member, access)``: an owner gives a role access
    to a board, changes it, or (access NULL) takes it away.  It runs as the tables' owner
    (members are not visible to each other), so it checks the caller itself: the role
    that logged in (``session_user``) must own the board."""
    s = PG_SCHEMA
    return f"""
CREATE OR REPLACE FUNCTION {s}.set_access(b text, who text, what text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM {s}.members m WHERE m.board = b AND m.access = 'owner'
                 AND pg_has_role(session_user, m.member, 'MEMBER')) THEN
    RAISE EXCEPTION 'only an owner of the board % may change who has access', b
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
    RAISE EXCEPTION 'there is no role %', who USING ERRCODE = 'undefined_object';
  END IF;
  IF what IS NULL THEN
    DELETE FROM {s}.members WHERE board = b AND member = who;
  ELSE
    INSERT INTO {s}.members (board, member, access) VALUES (b, who, what)
      ON CONFLICT (board, member) DO UPDATE SET access = EXCLUDED.access;
  END IF;
END $$"""


def install_sql() -> list[str]:
    """What a team's administrator runs once (``evidenceboard team-setup``): the schema,
    the users' group role, grants, row-level security and the sequence function.  It
    may run again on a server set up by an earlier version (an upgrade)."""
    s = PG_SCHEMA
    return [
        # (a server set up before the changes had their time: team-setup again adds it)
        f"ALTER TABLE {s}.changes ADD COLUMN IF NOT EXISTS made timestamptz NOT NULL "
        "DEFAULT now()",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{USERS_ROLE}')"
        f" THEN CREATE ROLE {USERS_ROLE} NOLOGIN; END IF; END $$",
        f"GRANT USAGE ON SCHEMA {s} TO {USERS_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {USERS_ROLE}",
        *_policies(),
        next_seq_sql(),
        set_access_sql(),
        f"REVOKE ALL ON FUNCTION {s}.set_access(text, text, text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.set_access(text, text, text) TO {USERS_ROLE}",
        f"REVOKE ALL ON FUNCTION {s}.next_seq(text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.next_seq(text) TO {USERS_ROLE}",
    ]
