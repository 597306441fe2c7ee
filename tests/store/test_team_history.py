"""A team board's who-did-what (issue 19): the server's change records read as a
history — every edit once, in order, with its author, time and items; the latest N;
and a server set up before the records had a time still lists them."""

from __future__ import annotations

from pgserver import board_name

from evidenceboard.document import Document
from evidenceboard.model import Board, Card, edits
from evidenceboard.store.team import TeamAddress, publish, team_setup
from evidenceboard.store.team_history import team_history


def _team_board(cluster) -> str:
    name = board_name("hist")
    board = Board.from_entities([
        Card("a", "actor", "Amira Haddad", x=0, y=0),
        Card("b", "actor", "Ministry of Ports", x=400, y=0)])
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    return name


def test_team_history_reads_the_latest_edits_in_order(pg_cluster, tmp_path):
    name = _team_board(pg_cluster)
    doc = Document.open_team(pg_cluster.url("alice", name))
    try:
        for i in range(5):
            doc.apply(edits.rename_card(doc.board.cards["a"], f"name {i}"))
        doc.apply(edits.move_cards(doc.board, {"a": (10.0, 10.0), "b": (500.0, 10.0)}))
        h = team_history(doc.team)
        assert [e.description for e in h.entries] == ["Rename card"] * 5 + ["Move 2 cards"]
        assert h.authors() == ["alice"]
        assert sorted(h.items_of(h.entries[-1].id)) == ["a", "b"]
        assert all(e.at.endswith("Z") for e in h.entries)
        latest = team_history(doc.team, limit=2)
        assert [e.seq for e in latest.entries] == [e.seq for e in h.entries[-2:]]
        assert doc.history().entries == h.entries
    finally:
        doc.close()


def test_a_server_without_the_records_time_still_lists_them(pg_cluster):
    name = _team_board(pg_cluster)
    doc = Document.open_team(pg_cluster.url("alice", name))
    try:
        doc.apply(edits.rename_card(doc.board.cards["a"], "renamed"))
        pg_cluster.psql("evb", "ALTER TABLE evidenceboard.changes DROP COLUMN made")
        try:
            h = team_history(doc.team)
            assert [(e.author, e.description, e.at) for e in h.entries] == [
                ("alice", "Rename card", "")]
        finally:
            team_setup(pg_cluster.url())  # (an upgrade: the column comes back)
        doc.apply(edits.rename_card(doc.board.cards["a"], "renamed again"))
        assert all(e.at.endswith("Z") for e in team_history(doc.team).entries)
    finally:
        doc.close()
