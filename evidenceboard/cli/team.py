"""Team boards on a PostgreSQL server (issue 19), headless:

* ``evidenceboard team-setup postgresql://…`` — the team's administrator, once: the
  ``evidenceboard`` schema, its group role, row-level security;
* ``evidenceboard publish BOARD.evboard postgresql://…[?board=NAME]`` — put a local
  board on the server (owned by the role that connects);
* ``evidenceboard pull 'postgresql://…?board=NAME' COPY.evboard`` — a local copy;
* ``evidenceboard share 'postgresql://…?board=NAME' ROLE --access editor`` — an
  owner gives a role (a person, or a group role) access, or takes it away (``none``).

Connection settings come from libpq (service file, ``PGPASSFILE``, ``PG*`` variables);
no password is ever written anywhere by us.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

COMMANDS = ("publish", "pull", "share", "team-setup")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    pub = sub.add_parser("publish", help="put a board on a team's PostgreSQL server")
    pub.add_argument("board", help="the local .evboard file")
    pub.add_argument("address", help="postgresql://… (libpq's URI; ?board=NAME names it, "
                                     "else the file's name does)")
    pull = sub.add_parser("pull", help="copy a team board into a new local .evboard file")
    pull.add_argument("address", help="postgresql://…?board=NAME")
    pull.add_argument("board", help="the new .evboard file")
    share = sub.add_parser("share", help="give a role access to a team board (its owner)")
    share.add_argument("address", help="postgresql://…?board=NAME")
    share.add_argument("role", help="a PostgreSQL role: a person, or a group of people")
    share.add_argument("--access", required=True,
                       choices=["owner", "editor", "reader", "none"])
    setup = sub.add_parser("team-setup", help="prepare a PostgreSQL database for team "
                                              "boards (its administrator, once)")
    setup.add_argument("address", help="postgresql://… of the database")


def run(args: argparse.Namespace, error: type[Exception], say: Any) -> int:
    from ..store import BoardFileError, StoreWriteError
    from ..store.team import TeamAddress, grant, publish, pull, team_setup

    try:
        if args.command == "publish":
            from ..document import Document

            path = Path(args.board).expanduser()
            name = None if "board=" in args.address else path.stem
            address = TeamAddress.parse(args.address, name)
            doc = Document.open(path, read_only=True)
            try:
                publish(doc.board, address)
                n = len(doc.board.cards)
            finally:
                doc.close()
            say(f"published {path} as {address.display} ({n} cards)")
        elif args.command == "pull":
            target = Path(args.board).expanduser()
            if target.exists():
                raise error(f"{target} already exists; choose another name")
            address = TeamAddress.parse(args.address)
            pull(address, target)
            say(f"copied {address.display} to {target}")
        elif args.command == "share":
            address = TeamAddress.parse(args.address)
            access = None if args.access == "none" else args.access
            grant(address, args.role, access)
            say(f"{args.role}: {args.access} of {address.board}")
        else:
            team_setup(args.address)
            say("the database is ready for team boards: give each person a role in "
                "evidenceboard_users, then evidenceboard publish")
    except (BoardFileError, StoreWriteError, FileExistsError) as e:
        raise error(str(e)) from None
    except OSError as e:
        raise error(f"cannot do it: {e.strerror or e}") from None
    return 0
