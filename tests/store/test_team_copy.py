"""Opening a team board while its server is down (issue 19): the board opens from this
computer's working copy (kept in the user's data folder, per server and board), offline;
edits wait in the queue and land exactly once when the server is back; another client
sees them; the others' edits made meanwhile come in.  Without a copy: a clear error."""

from __future__ import annotations

import time

import pytest
from pgserver import board_name

from evidenceboard.document import Document
from evidenceboard.model import Board, Card, edits
from evidenceboard.store import BoardFileError
from evidenceboard.store.team import TeamAddress, grant, publish
from evidenceboard.store.team_copy import WorkingCopy, copy_path


def _publish(cluster) -> str:
    name = board_name("copy")
    board = Board.from_entities(Card(f"c{i}", "actor", f"Actor {i}", x=i * 300.0)
                                for i in range(3))
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    grant(TeamAddress.parse(cluster.url("alice", name)), "bob", "editor")
    return name


def _until(predicate, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def _synced_title(doc: Document, card: str) -> str:
    doc.sync()
    return doc.board.cards[card].title


def _server(cluster, sql: str) -> str:
    return cluster.psql("evb", sql).strip()


def test_a_team_board_opens_from_its_copy_while_the_server_is_down(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    data = tmp_path / "data"
    url = pg_cluster.url("alice", name)
    a = Document.open_team(url, queue_dir=data)
    assert a.opened_from_copy is None and a.copy is not None
    assert copy_path(data, TeamAddress.parse(url)).is_file()
    a.apply(edits.rename_card(a.board.cards["c0"], "renamed online"))
    bob = Document.open_team(pg_cluster.url("bob", name), queue_dir=tmp_path / "bob")
    try:
        bob.apply(edits.rename_card(bob.board.cards["c2"], "bob's before"))
        _until(lambda: a.sync() is not None or
               a.board.cards["c2"].title == "bob's before")
        pg_cluster.stop("fast")
        try:
            a.close()
            before = time.time()
            a = Document.open_team(url, queue_dir=data)
            assert a.opened_from_copy is not None and a.opened_from_copy <= before
            assert a.team.offline and not a.read_only
            # the copy is the board as it was shown: the own edit and bob's
            assert a.board.cards["c0"].title == "renamed online"
            assert a.board.cards["c2"].title == "bob's before"
            a.apply(edits.rename_card(a.board.cards["c1"], "renamed from the copy"))
            a.apply(edits.put("Add note", Card("n1", "note", "made offline", x=5, y=5)))
            assert a.waiting == 2
            a.close()  # closed again offline: the copy holds the queued edits too
            a = Document.open_team(url, queue_dir=data)
            assert a.board.cards["c1"].title == "renamed from the copy"
            assert a.waiting == 2
        finally:
            pg_cluster.start()
        # bob edits meanwhile (the server is back, alice has not reached it yet)
        bob.apply(edits.rename_card(bob.board.cards["c2"], "bob's meanwhile"))
        _until(lambda: bob.sync() is not None or (bob.waiting == 0 and
                                                  not bob.team.offline))
        _until(lambda: a.sync() is not None or (a.waiting == 0 and not a.team.offline))
        _until(lambda: _synced_title(a, "c2") == "bob's meanwhile")
        assert a.waiting == 0 and a.last_send is not None and a.last_send.sent == 2
        assert a.last_send.conflicts == []
        assert _server(pg_cluster, f"SELECT title FROM evidenceboard.card WHERE board = "
                                   f"'{name}' AND id = 'c1'") == "renamed from the copy"
        # each queued edit landed exactly once
        assert _server(pg_cluster, f"SELECT count(DISTINCT seq) FROM evidenceboard.changes "
                                   f"WHERE board = '{name}' AND client LIKE 'queued-%' AND "
                                   "author = 'alice'") == "2"
        assert _server(pg_cluster, f"SELECT count(*) FROM evidenceboard.card WHERE board = "
                                   f"'{name}' AND id = 'n1'") == "1"
        _until(lambda: bob.sync() is not None or "n1" in bob.board.cards)
        assert bob.board.cards["c1"].title == "renamed from the copy"
        assert bob.board.cards["n1"].title == "made offline"
        # back online, alice's next edit goes straight to the server on fresh versions
        a.apply(edits.rename_card(a.board.cards["c1"], "online again"))
        assert a.waiting == 0
        _until(lambda: bob.sync() is not None or bob.board.cards["c1"].title ==
               "online again")
        # opened again with the server, the copy is brought up to date (only what
        # changed is written), and it is what opens next time the server is down
        a.close()
        a = Document.open_team(url, queue_dir=data)
        expected = {e.id: e for e in a.board.entities()}
        assert expected == {e.id: e for e in bob.board.entities()}
        a.close()
        pg_cluster.stop("fast")
        try:
            a = Document.open_team(url, queue_dir=data)
            assert a.opened_from_copy is not None
            assert {e.id: e for e in a.board.entities()} == expected
        finally:
            pg_cluster.start()
    finally:
        a.close()
        bob.close()


def test_without_a_copy_the_error_says_so(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    pg_cluster.stop("fast")
    try:
        with pytest.raises(BoardFileError) as e:
            Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "d")
    finally:
        pg_cluster.start()
    text = str(e.value)
    assert "cannot be reached" in text and "no copy" in text and name in text


def test_a_refusal_is_not_taken_for_an_unreachable_server(pg_cluster, tmp_path):
    """A member who may no longer open the board gets the server's refusal even when a
    copy is here: the copy is for a server that does not answer."""
    name = _publish(pg_cluster)
    data = tmp_path / "d"
    Document.open_team(pg_cluster.url("bob", name), queue_dir=data).close()
    grant(TeamAddress.parse(pg_cluster.url("alice", name)), "bob", None)
    with pytest.raises(BoardFileError) as e:
        Document.open_team(pg_cluster.url("bob", name), queue_dir=data)
    assert "no access" in str(e.value)


def test_the_copy_file_round_trips_the_board_and_versions(tmp_path):
    address = TeamAddress.parse("postgresql://alice@nowhere.invalid/evb?board=x")
    board = Board.from_entities([Card("a", "actor", "A"), Card("b", "note", "B", x=9)])
    copy = WorkingCopy.open(tmp_path, address)
    copy.replace(board, {("card", "a"): 3, ("card", "b"): 7}, 41, access="editor",
                 user="alice")
    board.apply(edits.rename_card(board.cards["a"], "A2"))
    copy.record(board, [("card", "a")], {("card", "a"): 4}, 42, synced=False)
    copy.close()
    again = WorkingCopy.find(tmp_path, address)
    assert again is not None
    snap = again.load()
    again.close()
    assert snap.board.cards["a"].title == "A2" and snap.board.cards["b"].x == 9
    assert snap.versions == {("card", "a"): 4, ("card", "b"): 7}
    assert (snap.seq, snap.access, snap.user) == (42, "editor", "alice")
    # written again after a load: only what changed on the server (a newer version),
    # what is new and what is gone
    again = WorkingCopy.open(tmp_path, address)
    board2 = Board.from_entities([Card("a", "actor", "A3"), Card("c", "note", "C")])
    again.replace(board2, {("card", "a"): 5, ("card", "c"): 1}, 50, access="reader",
                  user="alice")
    assert again.written == 3  # a changed, c new, b deleted
    again.replace(board2, {("card", "a"): 5, ("card", "c"): 1}, 51, access="reader",
                  user="alice")
    assert again.written == 0  # nothing changed
    snap = again.load()
    again.close()
    assert {e.id: e for e in snap.board.entities()} == {e.id: e for e in
                                                        board2.entities()}
    assert snap.versions == {("card", "a"): 5, ("card", "c"): 1}
    assert (snap.seq, snap.access) == (51, "reader")
    other = TeamAddress.parse("postgresql://alice@nowhere.invalid/evb?board=y")
    assert WorkingCopy.find(tmp_path, other) is None


def test_an_edit_made_on_the_copy_that_lost_a_race_is_a_conflict(pg_cluster, tmp_path):
    """The copy's versions are what the member saw: an edit made on it over someone's
    change made meanwhile is a conflict with both values, never an overwrite."""
    name = _publish(pg_cluster)
    data = tmp_path / "data"
    url = pg_cluster.url("alice", name)
    Document.open_team(url, queue_dir=data).close()
    bob = Document.open_team(pg_cluster.url("bob", name))
    try:
        bob.apply(edits.rename_card(bob.board.cards["c0"], "bob's title"))
        pg_cluster.stop("fast")
        try:
            a = Document.open_team(url, queue_dir=data)
            assert a.opened_from_copy is not None
            assert a.board.cards["c0"].title == "Actor 0"  # (the copy is older)
            a.apply(edits.rename_card(a.board.cards["c0"], "alice's title"))
            a.apply(edits.rename_card(a.board.cards["c1"], "alice's other"))
        finally:
            pg_cluster.start()
        _until(lambda: a.sync() is not None or (a.waiting == 0 and not a.team.offline))
        assert a.last_send is not None and a.last_send.sent == 1
        assert [(c.mine.title, c.theirs.title) for c in a.last_send.conflicts] == [
            ("alice's title", "bob's title")]
        assert a.board.cards["c0"].title == "bob's title"  # theirs shown, mine kept
        assert [c.mine.title for c in a.team.conflicts] == ["alice's title"]
        assert _server(pg_cluster, f"SELECT title FROM evidenceboard.card WHERE board = "
                                   f"'{name}' AND id = 'c0'") == "bob's title"
        assert a.board.cards["c1"].title == "alice's other"
        a.close()
    finally:
        bob.close()


def test_a_board_that_opens_by_view_keeps_no_copy(pg_cluster, tmp_path):
    """A board loaded only in part has no whole copy to open from; one kept while it
    was small is dropped (it would be far behind)."""
    name = _publish(pg_cluster)
    data = tmp_path / "data"
    url = pg_cluster.url("alice", name)
    Document.open_team(url, queue_dir=data).close()
    path = copy_path(data, TeamAddress.parse(url))
    assert path.is_file()
    doc = Document.open_team(url, queue_dir=data, by_view_from=2)  # (3 cards: by view)
    try:
        assert doc.team.partial and doc.copy is None and not path.exists()
    finally:
        doc.close()
    pg_cluster.stop("fast")
    try:
        with pytest.raises(BoardFileError) as e:
            Document.open_team(url, queue_dir=data)
    finally:
        pg_cluster.start()
    assert "no copy" in str(e.value)
