"""Two windows on one team board (issue 19): an edit made with the mouse in one shows
in the other through the server's notification and the board's events; Undo in the
second window undoes only its own edit; a lost race shows a conflict notice; File ▸
Open Team Board opens an address; a reader's window is read-only."""

from __future__ import annotations

import pytest
from pgserver import board_name
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from team_windows import rename_in_place as _rename_in_place
from team_windows import team_window as _window

from evidenceboard.model import Board, Card, edits
from evidenceboard.store.team import TeamAddress, grant, publish


def _team_board(cluster) -> str:
    name = board_name("win")
    board = Board.from_entities([
        Card("a", "actor", "Amira Haddad", x=0, y=0),
        Card("b", "actor", "Ministry of Ports", x=400, y=0),
        Card("c", "note", "Check the date", x=0, y=250)])
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    grant(TeamAddress.parse(cluster.url("alice", name)), "bob", "editor")
    grant(TeamAddress.parse(cluster.url("alice", name)), "carol", "reader")
    return name




def test_two_windows_show_each_others_edits(qtbot, tmp_path, pg_cluster):
    name = _team_board(pg_cluster)
    alice = _window(qtbot, tmp_path, "alice")
    bob = _window(qtbot, tmp_path, "bob")
    assert alice.files.open_board(pg_cluster.url("alice", name))
    assert bob.files.open_board(pg_cluster.url("bob", name))
    assert "(team)" in alice.windowTitle() and not alice.document.read_only

    _rename_in_place(qtbot, alice, "a", "Amira Haddad (minister)")
    assert alice.document.board.cards["a"].title == "Amira Haddad (minister)"
    qtbot.waitUntil(lambda: bob.document.board.cards["a"].title ==
                    "Amira Haddad (minister)", timeout=5000)
    # bob's scene followed the board's event: the card item shows the new title
    assert bob.scene.item_for("a").card.title == "Amira Haddad (minister)"
    assert bob.controller.stack.count() == 0  # others' edits are not bob's to undo
    assert "changed by alice" in bob.statusBar().currentMessage()

    _rename_in_place(qtbot, bob, "b", "Port Authority")
    qtbot.waitUntil(lambda: alice.document.board.cards["b"].title == "Port Authority",
                    timeout=5000)
    # bob's Undo undoes bob's edit only; alice's rename stays
    bob.acts.undo.trigger()
    qtbot.waitUntil(lambda: alice.document.board.cards["b"].title == "Ministry of Ports",
                    timeout=5000)
    assert bob.document.board.cards["a"].title == "Amira Haddad (minister)"
    assert alice.document.board.cards["a"].title == "Amira Haddad (minister)"


def test_a_lost_race_shows_a_conflict_notice(qtbot, tmp_path, pg_cluster):
    name = _team_board(pg_cluster)
    alice = _window(qtbot, tmp_path, "alice")
    bob = _window(qtbot, tmp_path, "bob")
    assert alice.files.open_board(pg_cluster.url("alice", name))
    assert bob.files.open_board(pg_cluster.url("bob", name))
    bob.team.timer.stop()  # bob has not heard of alice's edit yet
    _rename_in_place(qtbot, alice, "c", "Alice's note")
    _rename_in_place(qtbot, bob, "c", "Bob's note")
    message = bob.status.last_message()
    assert "conflict" in message and "Alice's note" in message and "Bob's note" in message
    assert bob.document.board.cards["c"].title == "Alice's note"  # theirs, never lost
    assert [c.mine.title for c in bob.document.team.conflicts] == ["Bob's note"]
    assert alice.document.board.cards["c"].title == "Alice's note"


def test_open_team_board_from_the_file_menu_and_a_readers_window(qtbot, tmp_path,
                                                                 pg_cluster, monkeypatch):
    name = _team_board(pg_cluster)
    carol = _window(qtbot, tmp_path, "carol")
    address = pg_cluster.url("carol", name)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda *a, **k: (address, True)))
    carol.acts.open_team.trigger()
    assert carol.document is not None and carol.document.name == name
    assert carol.document.read_only and carol.banner.isVisible()
    assert "reader" in carol.banner.text()
    assert not carol.acts.delete.isEnabled() or not carol.files.writable("delete")
    recent = carol.files.recent_files()
    assert recent and recent[0].startswith("postgresql://") and "board=" in recent[0]


def test_a_bad_address_is_refused_in_one_line(qtbot, tmp_path, pg_cluster, monkeypatch):
    w = _window(qtbot, tmp_path, "x")
    shown = []
    monkeypatch.setattr("evidenceboard.windows.plain.critical",
                        lambda parent, title, text: shown.append(text))
    assert not w.team.open_team_board("postgresql:///evb")
    assert not w.team.open_team_board(pg_cluster.url("dave", "no-such-board"))
    assert "names no board" in shown[0]
    assert "not a member of the team" in shown[1]
    assert w.document is None
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _no_native_dialogs():
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def _server_titles(cluster, name: str) -> dict[str, str]:
    rows = cluster.psql("evb", f"SELECT id, title FROM evidenceboard.card WHERE board = "
                               f"'{name}' ORDER BY id")
    return dict(line.split("|", 1) for line in rows.splitlines() if line)


def test_without_the_server_the_window_keeps_working_and_sends_the_edits_later(
        qtbot, tmp_path, pg_cluster):
    name = _team_board(pg_cluster)
    w = _window(qtbot, tmp_path, "alice")
    assert w.files.open_board(pg_cluster.url("alice", name))
    doc = w.document
    pg_cluster.stop("fast")
    try:
        _rename_in_place(qtbot, w, "a", "Renamed while away")
        assert doc.team.offline and not doc.read_only
        assert doc.board.cards["a"].title == "Renamed while away"
        qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=5000)
        assert w.banner.text() == ("Offline — 1 edit waiting; they will be sent when the "
                                   "server is back.")
        assert "waiting for the team server" in w.status.save_label.text()
        assert w.acts.add_note.isEnabled()
        before = set(doc.board.cards)
        w.acts.add_note.trigger()
        (note,) = set(doc.board.cards) - before
        _rename_in_place(qtbot, w, "b", "Port Authority")
        assert doc.waiting == 3 and "3 edits waiting" in w.banner.text()
        w.acts.undo.trigger()  # undoes the queued rename of b: out of the queue
        assert doc.waiting == 2 and doc.board.cards["b"].title == "Ministry of Ports"
        assert "2 edits waiting" in w.banner.text()
        # a copy of what the window shows can still be saved
        copy = w.files.save_copy(tmp_path / "while-away.evboard")
        assert copy is not None
    finally:
        pg_cluster.start()
    qtbot.waitUntil(lambda: doc.waiting == 0 and not doc.team.offline, timeout=20000)
    qtbot.waitUntil(lambda: not w.banner.isVisible(), timeout=5000)
    titles = _server_titles(pg_cluster, name)
    assert titles["a"] == "Renamed while away" and note in titles
    assert titles["b"] == "Ministry of Ports"
    sent = pg_cluster.psql("evb", "SELECT count(DISTINCT seq) FROM evidenceboard.changes "
                                  f"WHERE board = '{name}' AND client LIKE 'queued-%'")
    assert int(sent) == 2  # each once
    assert "made offline sent" in w.statusBar().currentMessage()
    # and it is live again: an edit goes straight to the server
    _rename_in_place(qtbot, w, "c", "Online again")
    assert doc.waiting == 0 and _server_titles(pg_cluster, name)["c"] == "Online again"


def test_an_edit_made_offline_that_lost_a_race_is_shown_as_a_conflict(qtbot, tmp_path,
                                                                     pg_cluster):
    from evidenceboard.document import Document

    name = _team_board(pg_cluster)
    w = _window(qtbot, tmp_path, "alice")
    assert w.files.open_board(pg_cluster.url("alice", name))
    doc = w.document
    w.team.timer.stop()  # (alice's client does not see the server come back at once)
    pg_cluster.stop("fast")
    try:
        _rename_in_place(qtbot, w, "c", "Alice's note, offline")
        assert doc.waiting == 1
    finally:
        pg_cluster.start()
    bob = Document.open_team(pg_cluster.url("bob", name))
    bob.apply(edits.rename_card(bob.board.cards["c"], "Bob's note"))
    bob.close()
    w.team.timer.start()
    qtbot.waitUntil(lambda: doc.waiting == 0 and not doc.team.offline, timeout=20000)
    message = w.status.last_message()
    assert "conflict" in message and "Bob's note" in message and "Alice's note" in message
    assert doc.board.cards["c"].title == "Bob's note"  # theirs shown, mine kept:
    assert [c.mine.title for c in doc.team.conflicts] == ["Alice's note, offline"]
    assert _server_titles(pg_cluster, name)["c"] == "Bob's note"
    assert w.controller.stack.count() == 0  # (its history was made on another board)


def test_a_server_gone_silent_is_tried_again_off_the_gui_thread(qtbot, tmp_path,
                                                                pg_cluster, monkeypatch):
    """The network goes (every connection breaks, a new one is never answered: each try
    waits libpq's whole connect timeout): the window's timer keeps running, the edits
    wait in the queue, and every try to reach the server is made on the reconnector's
    thread — none on the GUI thread."""
    import threading

    import psycopg
    from pgserver import BlackHole

    from evidenceboard.store.team_connect import RECONNECT_THREAD

    name = _team_board(pg_cluster)
    hole = BlackHole(pg_cluster)
    w = _window(qtbot, tmp_path, "alice")
    try:
        assert w.files.open_board(hole.url("alice", name))
        doc = w.document
        threads: list[str] = []
        real_connect = psycopg.connect

        def spy(*args, **kwargs):
            threads.append(threading.current_thread().name)
            return real_connect(*args, **kwargs)

        monkeypatch.setattr(psycopg, "connect", spy)
        hole.cut()
        qtbot.waitUntil(lambda: doc.team.offline, timeout=5000)
        ticks = []
        w.team.timer.timeout.connect(lambda: ticks.append(1))
        _rename_in_place(qtbot, w, "a", "Renamed in the dark")
        assert doc.waiting == 1 and w.banner.isVisible()
        qtbot.waitUntil(lambda: len(threads) >= 1 and len(ticks) >= 8, timeout=10000)
        assert doc.team.reconnector.running  # a try hangs there, not here
        assert set(threads) == {RECONNECT_THREAD}
        hole.restore()
        qtbot.waitUntil(lambda: doc.waiting == 0 and not doc.team.offline, timeout=30000)
        monkeypatch.undo()
        assert _server_titles(pg_cluster, name)["a"] == "Renamed in the dark"
    finally:
        monkeypatch.undo()
        hole.close()


PAN_WAIT_MS = 400  # (longer than the view's settling time before a load)


def test_panning_a_partial_board_loads_the_new_area(qtbot, tmp_path, pg_cluster,
                                                    monkeypatch):
    """A board bigger than what opens whole opens by view; dragging the canvas with the
    middle button (the user's pan) and zooming out load the cards there, each once, and
    a card loaded so is edited like any other."""
    from PySide6.QtCore import QPoint

    from evidenceboard.canvas.items import CardItem

    monkeypatch.setattr("evidenceboard.windows.team.VIEW_LOAD_FROM", 50)
    name = board_name("pan")
    cards = [Card(f"g{i}-{j}", "actor", f"Actor {i},{j}", x=i * 1000.0, y=j * 1000.0)
             for i in range(10) for j in range(10)]
    publish(Board.from_entities(cards), TeamAddress.parse(pg_cluster.url("alice", name)))
    w = _window(qtbot, tmp_path, "alice")
    assert w.files.open_board(pg_cluster.url("alice", name))
    doc, view = w.document, w.view
    qtbot.waitUntil(lambda: w.files.view_restored)
    assert doc.team.partial and 0 < len(doc.board.cards) < 100
    qtbot.waitUntil(lambda: not w.team.pan_timer.isActive(), timeout=5000)
    view.set_zoom(0.25)
    qtbot.waitUntil(lambda: not w.team.pan_timer.isActive(), timeout=5000)
    first = set(doc.board.cards)
    loads = w.team.area_loads
    vp = view.viewport()
    start = QPoint(vp.width() // 2 - 200, vp.height() // 2)
    end = QPoint(start.x() + 400, start.y())
    for _ in range(6):  # drag the canvas right until the view leaves what is loaded
        qtbot.mouseMove(vp, start)
        qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=start)
        for i in range(1, 9):
            qtbot.mouseMove(vp, QPoint(start.x() + 400 * i // 8, start.y()))
        qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=end)
        qtbot.wait(PAN_WAIT_MS)
        if w.team.area_loads > loads:
            break
    qtbot.waitUntil(lambda: w.team.area_loads > loads and not w.team.pan_timer.isActive(),
                    timeout=5000)
    added = set(doc.board.cards) - first
    assert added
    r = view.visible_scene_rect()
    assert any(r.contains(doc.board.cards[c].x, doc.board.cards[c].y) for c in added)
    # zoomed out over the whole board: every card, each once on the canvas
    view.set_zoom(0.02)
    view.centerOn(4500, 4500)
    qtbot.waitUntil(lambda: len(doc.board.cards) == 100, timeout=10000)
    qtbot.waitUntil(lambda: not w.team.pan_timer.isActive(), timeout=5000)
    items = [i for i in w.scene.items() if isinstance(i, CardItem)]
    assert len(items) == 100 and len({i.card.id for i in items}) == 100
    far = sorted(added)[0]
    _rename_in_place(qtbot, w, far, "Loaded by panning")
    assert _server_titles(pg_cluster, name)[far] == "Loaded by panning"


def test_the_conflicts_dialog_keeps_mine_or_takes_theirs(qtbot, tmp_path, pg_cluster):
    """File ▸ Team Board Conflicts… lists each lost race with mine and theirs side by
    side; Keep Mine sends mine again on top of theirs (one undo step), Take Theirs keeps
    the server's value; either way the conflict leaves the list."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    name = _team_board(pg_cluster)
    alice = _window(qtbot, tmp_path, "alice")
    bob = _window(qtbot, tmp_path, "bob")
    assert alice.files.open_board(pg_cluster.url("alice", name))
    assert bob.files.open_board(pg_cluster.url("bob", name))
    bob.team.timer.stop()
    seen: list = []
    names: list = []

    def choose(button: str) -> None:
        dialog = bob.team.conflicts_dialog
        assert dialog is not None
        rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
        seen.append([(r.text(1), r.text(2)) for r in rows])
        names.append([r.text(0) for r in rows])
        QTest.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        seen.append(dialog.summary.text())
        dialog.reject()

    # a race lost on the note: keep mine
    _rename_in_place(qtbot, alice, "c", "Alice's note")
    _rename_in_place(qtbot, bob, "c", "Bob's note")
    assert bob.acts.team_conflicts.isEnabled()
    QTimer.singleShot(0, lambda: choose("keep_mine"))
    bob.acts.team_conflicts.trigger()
    assert seen[0] == [("title: Bob's note; at 0, 250", "title: Alice's note; at 0, 250")]
    assert names[0] == ["card: Alice's note"]  # the item by name (the board shows theirs)
    assert seen[1].startswith("No conflicts")
    assert bob.document.team.conflicts == []
    assert _server_titles(pg_cluster, name)["c"] == "Bob's note"
    assert bob.controller.stack.count() >= 1  # keeping mine was an undo step
    qtbot.waitUntil(lambda: alice.document.board.cards["c"].title == "Bob's note",
                    timeout=5000)
    # a race lost on the actor: take theirs
    _rename_in_place(qtbot, alice, "a", "Alice's actor")
    _rename_in_place(qtbot, bob, "a", "Bob's actor")
    QTimer.singleShot(0, lambda: choose("take_theirs"))
    bob.acts.team_conflicts.trigger()
    assert seen[2] == [("title: Bob's actor; at 0, 0", "title: Alice's actor; at 0, 0")]
    assert bob.document.team.conflicts == []
    assert _server_titles(pg_cluster, name)["a"] == "Alice's actor"
    assert bob.document.board.cards["a"].title == "Alice's actor"
