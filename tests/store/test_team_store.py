"""The team board on PostgreSQL (issue 19): publish, open, pull, live edits between
clients, optimistic concurrency and conflicts, undo of one's own edits, roles and
row-level security, libpq's password file, and going offline.  A private cluster
(tests/pgserver.py) serves every test; each uses a board of its own."""

from __future__ import annotations

import time

import pytest
from pgserver import ERIN_PASSWORD, board_name
from store_boards import every_field_entities

from evidenceboard.document import Document
from evidenceboard.model import Board, Card, edits
from evidenceboard.store import BoardFileError, ReadOnlyError, StoreWriteError, create_board_file
from evidenceboard.store.team import (
    ConflictError,
    TeamAddress,
    grant,
    publish,
    pull,
)


def _publish(cluster, board: Board, owner: str = "alice") -> str:
    name = board_name()
    publish(board, TeamAddress.parse(cluster.url(owner, name)))
    return name


def _board(n: int = 3) -> Board:
    return Board.from_entities(Card(f"c{i}", "actor", f"Actor {i}", x=i * 300.0)
                               for i in range(n))


def test_publish_open_and_pull_keep_every_field(pg_cluster, tmp_path):
    board = Board.from_entities(every_field_entities())
    path = create_board_file(tmp_path / "local.evboard", board.entities())
    local = Document.open(path)
    name = _publish(pg_cluster, local.board)
    local.close()
    doc = Document.open_team(pg_cluster.url("alice", name))
    try:
        assert sorted(doc.board.entities(), key=repr) == sorted(board.entities(), key=repr)
        assert not doc.read_only and doc.name == name
    finally:
        doc.close()
    copy = pull(TeamAddress.parse(pg_cluster.url("alice", name)), tmp_path / "copy.evboard")
    pulled = Document.open(copy)
    try:
        assert sorted(pulled.board.entities(), key=repr) == sorted(board.entities(), key=repr)
    finally:
        pulled.close()


def test_groups_are_made_undone_and_ungrouped_on_a_team_board(pg_cluster):
    """A group (schema 5) through the server: grouping puts a group and its cards in one
    transaction, ungrouping deletes the group before its cards are re-pointed (the
    references are checked at commit), and the other client follows both."""
    from evidenceboard.model import group_edits as ge

    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    b = Document.open_team(pg_cluster.url("alice", name))
    try:
        edit = ge.group_cards(a.board, ["c0", "c1"], title="Pair")
        a.apply(edit)
        (gid,) = a.board.groups
        b.sync(force=True)
        assert b.board.groups[gid].title == "Pair"
        assert {c.id for c in b.board.members_of(gid)} == {"c0", "c1"}
        a.apply(ge.ungroup(a.board, [gid]))
        b.sync(force=True)
        assert not b.board.groups and all(c.group_id is None
                                          for c in b.board.cards.values())
        a.apply(edit)  # grouped again (as redo does), with the same ids
        a.apply(ge.set_collapsed(a.board, [gid], True))
        b.sync(force=True)
        assert b.board.groups[gid].collapsed
        assert {c.id for c in b.board.members_of(gid)} == {"c0", "c1"}
    finally:
        a.close()
        b.close()


def test_publishing_a_taken_name_is_refused(pg_cluster):
    name = _publish(pg_cluster, _board())
    with pytest.raises(StoreWriteError, match="already a board named"):
        publish(_board(), TeamAddress.parse(pg_cluster.url("bob", name)))


def test_an_edit_reaches_the_other_client_through_board_events(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    b = Document.open_team(pg_cluster.url("alice", name))
    events = []
    b.board.subscribe(events.append)
    try:
        card = a.board.cards["c1"]
        a.apply(edits.rename_card(card, "Renamed by A"))
        a.apply(edits.delete_items(a.board, ["c2"]))
        event = None
        for _ in range(50):
            event = b.sync() or event  # (what the notification on b's socket says)
            if b.board.cards.get("c1", card).title == "Renamed by A" and "c2" not in \
                    b.board.cards:
                break
            time.sleep(0.05)
        assert b.board.cards["c1"].title == "Renamed by A"
        assert "c2" not in b.board.cards
        assert any(old.id == "c1" and new.title == "Renamed by A"
                   for ev in events for old, new in ev.changed)
        assert any(old.id == "c2" for ev in events for old in ev.removed)
        assert a.sync() is None  # its own edits come back as nothing to do
    finally:
        a.close()
        b.close()


def test_two_clients_renaming_one_card_make_a_conflict_not_a_loss(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    b = Document.open_team(pg_cluster.url("alice", name))
    try:
        a.apply(edits.rename_card(a.board.cards["c0"], "Alice's name"))
        with pytest.raises(ConflictError, match="conflict") as info:
            b.apply(edits.rename_card(b.board.cards["c0"], "Bob's name"))
        (c,) = info.value.conflicts
        assert c.mine.title == "Bob's name" and c.theirs.title == "Alice's name"
        assert b.store.conflicts == [c]
        # b now shows the server's value, and writes on top of it from there
        assert b.board.cards["c0"].title == "Alice's name"
        b.apply(edits.rename_card(b.board.cards["c0"], "Bob's second try"))
        a.sync(force=True)
        assert a.board.cards["c0"].title == "Bob's second try"
    finally:
        a.close()
        b.close()


def test_undo_undoes_only_ones_own_edit(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    with pytest.raises(BoardFileError, match="no access"):  # bob is not a member yet
        Document.open_team(pg_cluster.url("bob", name))
    grant(TeamAddress.parse(pg_cluster.url("alice", name)), "bob", "editor")
    b = Document.open_team(pg_cluster.url("bob", name))
    try:
        mine = edits.rename_card(a.board.cards["c0"], "Alice")
        inverse = a.board.inverse(mine)
        a.apply(mine)
        b.sync(force=True)
        b.apply(edits.rename_card(b.board.cards["c1"], "Bob"))
        a.sync(force=True)
        a.apply(inverse)  # what Edit ▸ Undo does: the inverse of alice's own edit
        b.sync(force=True)
        assert b.board.cards["c0"].title == "Actor 0"
        assert b.board.cards["c1"].title == "Bob" == a.board.cards["c1"].title
    finally:
        a.close()
        b.close()


def test_undo_over_someone_elses_later_change_is_a_conflict(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    b = Document.open_team(pg_cluster.url("alice", name))
    try:
        mine = edits.rename_card(a.board.cards["c0"], "Alice")
        inverse = a.board.inverse(mine)
        a.apply(mine)
        b.sync(force=True)
        b.apply(edits.rename_card(b.board.cards["c0"], "Bob on top"))
        with pytest.raises(ConflictError):
            a.apply(inverse)
        assert a.board.cards["c0"].title == "Bob on top"
    finally:
        a.close()
        b.close()


def test_a_reader_opens_read_only_and_the_server_refuses_its_writes(pg_cluster):
    import psycopg

    name = _publish(pg_cluster, _board())
    grant(TeamAddress.parse(pg_cluster.url("alice", name)), "carol", "reader")
    doc = Document.open_team(pg_cluster.url("carol", name))
    try:
        assert doc.read_only and "reader" in (doc.store.read_only_reason or "")
        with pytest.raises(ReadOnlyError):
            doc.apply(edits.rename_card(doc.board.cards["c0"], "x"))
        # Past the client: the server itself refuses every kind of write.
        doc.store._forced_read_only = False
        doc.store.access = "editor"  # a client lying about its access
        with pytest.raises(StoreWriteError, match="server refused"):
            doc.apply(edits.rename_card(doc.board.cards["c0"], "x"))
    finally:
        doc.close()
    dsn = TeamAddress.parse(pg_cluster.url("carol", name)).conninfo
    with psycopg.connect(dsn) as con:
        for sql in (f"UPDATE evidenceboard.card SET title = 'x' WHERE board = '{name}'",
                    f"DELETE FROM evidenceboard.card WHERE board = '{name}'"):
            assert con.execute(sql).rowcount == 0
            con.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO evidenceboard.card (board, id, kind, title, body, x, y, "
                        "width, height, aliases, version) VALUES (%s, 'z', 'note', 'z', '', "
                        "0, 0, 10, 10, '[]', 1)", (name,))
        con.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("SELECT evidenceboard.next_seq(%s)", (name,))
    reread = Document.open_team(pg_cluster.url("alice", name))
    try:
        assert reread.board.cards["c0"].title == "Actor 0"
    finally:
        reread.close()


def test_a_non_member_sees_no_board(pg_cluster):
    import psycopg

    name = _publish(pg_cluster, _board())
    with pytest.raises(BoardFileError, match="no access"):
        Document.open_team(pg_cluster.url("bob", name))
    dsn = TeamAddress.parse(pg_cluster.url("bob", name)).conninfo
    with psycopg.connect(dsn) as con:
        n = con.execute("SELECT count(*) FROM evidenceboard.card WHERE board = %s",
                        (name,)).fetchone()
        assert n == (0,)


def test_a_password_comes_from_libpqs_password_file(pg_cluster, monkeypatch):
    name = _publish(pg_cluster, _board())
    grant(TeamAddress.parse(pg_cluster.url("alice", name)), "erin", "editor")
    monkeypatch.setenv("PGPASSFILE", str(pg_cluster.dir / "nowhere"))
    with pytest.raises(BoardFileError, match="password"):
        Document.open_team(pg_cluster.url("erin", name))
    monkeypatch.setenv("PGPASSFILE", str(pg_cluster.passfile))
    doc = Document.open_team(pg_cluster.url("erin", name))
    try:
        assert len(doc.board.cards) == 3
    finally:
        doc.close()
    shown = TeamAddress.parse(
        f"postgresql://erin:{ERIN_PASSWORD}@db.example/evb?board=x&password=p").display
    assert ERIN_PASSWORD not in shown and "password" not in shown and "board=x" in shown


def test_offline_goes_read_only_and_comes_back(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    try:
        pg_cluster.stop("fast")
        try:
            with pytest.raises(StoreWriteError, match="cannot be reached"):
                a.apply(edits.rename_card(a.board.cards["c0"], "while away"))
            assert a.read_only and "cannot be reached" in (a.store.read_only_reason or "")
            assert a.sync() is None and a.read_only
            assert a.board.cards["c0"].title == "Actor 0"
        finally:
            pg_cluster.start()
        a.sync(force=True)  # (an offline store tries again every RETRY_OFFLINE_S)
        assert not a.read_only
        a.apply(edits.rename_card(a.board.cards["c0"], "back"))
    finally:
        a.close()


def test_bad_addresses_are_refused_plainly():
    with pytest.raises(BoardFileError, match="names no board"):
        TeamAddress.parse("postgresql:///evb")
    with pytest.raises(BoardFileError, match="not a team board"):
        TeamAddress.parse("/tmp/x.evboard")


def test_undoing_a_move_of_a_card_someone_deleted_is_a_conflict(pg_cluster):
    name = _publish(pg_cluster, _board())
    a = Document.open_team(pg_cluster.url("alice", name))
    b = Document.open_team(pg_cluster.url("alice", name))
    try:
        moved = edits.move_cards(a.board, {"c1": (50.0, 60.0)})
        inverse = a.board.inverse(moved)
        a.apply(moved)
        b.sync(force=True)
        b.apply(edits.delete_items(b.board, ["c1"]))
        a.sync(force=True)
        assert "c1" not in a.board.cards
        with pytest.raises(ConflictError, match="deleted"):
            a.apply(inverse)  # Undo of the move would bring the card back
        assert "c1" not in a.board.cards
        b.sync(force=True)
        assert "c1" not in b.board.cards
    finally:
        a.close()
        b.close()


def test_a_huge_board_opens_by_view_through_the_position_index(pg_cluster):
    from evidenceboard.model import Citation, Link, Source

    src = Source.create("The minister met the general in Cairo.", title="Wire")
    cards = [Card(f"g{i}-{j}", "actor", f"Actor {i},{j}", x=i * 1000.0, y=j * 1000.0)
             for i in range(10) for j in range(10)]
    links = [Link("in", "g0-0", "g1-1"), Link("out", "g0-0", "g9-9")]
    cites = [Citation.create(src, 4, 12, card_id="g1-0"),
             Citation.create(src, 4, 12, link_id="in"),
             Citation.create(src, 17, 24, card_id="g9-9")]
    name = _publish(pg_cluster, Board.from_entities([src, *cards, *links, *cites]))
    url = pg_cluster.url("alice", name)
    doc = Document.open_team(url, view=(-100, -100, 1500, 1500))
    other = Document.open_team(url)
    try:
        assert sorted(doc.board.cards) == ["g0-0", "g0-1", "g1-0", "g1-1"]
        assert sorted(doc.board.links) == ["in"]  # "out" leaves the view
        assert len(doc.board.citations) == 2 and list(doc.board.sources) == [src.id]
        assert doc.team.partial
        # the others' edits elsewhere on the board do not break the partial one
        other.apply(edits.rename_card(other.board.cards["g9-9"], "far away"))
        other.apply(edits.rename_card(other.board.cards["g1-1"], "in view"))
        other.apply(edits.add_link(other.board, Link("far", "g9-9", "g8-8")))
        doc.sync(force=True)
        assert doc.board.cards["g1-1"].title == "in view"
        assert "far" not in doc.board.links
        doc.apply(edits.rename_card(doc.board.cards["g0-0"], "edited by view"))
        other.sync(force=True)
        assert other.board.cards["g0-0"].title == "edited by view"
    finally:
        doc.close()
        other.close()
    whole = Document.open_team(url, by_view_from=200)
    part = Document.open_team(url, by_view_from=50)
    try:
        assert len(whole.board.cards) == 100 and not whole.team.partial
        assert part.team.partial and 0 < len(part.board.cards) < 100
    finally:
        whole.close()
        part.close()


def test_a_service_file_gives_the_connection_settings(pg_cluster, tmp_path, monkeypatch):
    name = _publish(pg_cluster, _board())
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[newsroom]\nhost={pg_cluster.dir}\nport={pg_cluster.port}\n"
                        "dbname=evb\nuser=alice\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    address = TeamAddress.parse(f"postgresql://?service=newsroom&board={name}")
    assert address.display == f"postgresql://?service=newsroom&board={name}"
    doc = Document.open_team(address)
    try:
        assert doc.store.user == "alice" and len(doc.board.cards) == 3
    finally:
        doc.close()
