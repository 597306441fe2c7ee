"""File ▸ Open Team Board off the GUI thread, and from this computer's copy (issue 19).

A server that never answers: the window's event loop keeps running during the attempt
(a QTimer fires), a progress dialog offers Cancel, and Cancel returns with the open
board unchanged.  A server that is down: the board opens from the copy kept when it was
last opened, with the offline banner naming the copy's time; an edit made then lands
once when the server is back, and another window sees it."""

from __future__ import annotations

import socket

import pytest
from pgserver import board_name
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from team_windows import rename_in_place as _rename_in_place
from team_windows import team_window as _window

from evidenceboard.model import Board, Card
from evidenceboard.store.team import TeamAddress, grant, publish
from evidenceboard.windows.team_open import OPEN_THREAD


@pytest.fixture(autouse=True)
def _no_native_dialogs():
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)




def test_a_silent_server_leaves_the_window_responsive_and_cancel_returns(
        qtbot, tmp_path, monkeypatch):
    """A listening socket that never answers: libpq waits its whole connect timeout on
    the opening thread, not on the GUI's."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    board_file = tmp_path / "local.evboard"
    w = _window(qtbot, tmp_path, "w")
    try:
        assert w.files.create_board(board_file)
        before = w.document
        address = f"postgresql://alice@127.0.0.1:{port}/evb?board=silent"
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(
            lambda *a, **k: (address, True)))
        ticks: list[int] = []
        clicked: list[str] = []
        timer = QTimer()
        timer.setInterval(20)

        def tick() -> None:
            ticks.append(1)
            dialogs = w.team.progress
            if len(ticks) >= 10 and dialogs and dialogs[0].isVisible() and not clicked:
                button = dialogs[0].findChild(QPushButton)
                assert button is not None and button.text() == "Cancel"
                clicked.append(dialogs[0].labelText())
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        timer.timeout.connect(tick)
        timer.start()
        w.acts.open_team.trigger()  # returns once Cancel was clicked
        timer.stop()
        assert len(ticks) >= 10  # the event loop ran during the attempt
        assert clicked and "127.0.0.1" in clicked[0] and "silent" in clicked[0]
        job = w.team.open_job
        assert job is not None and job.thread.name == OPEN_THREAD and job.cancelled
        assert w.document is before and w.document.path == board_file
        assert "cancelled" in w.statusBar().currentMessage()
        # the abandoned attempt ends on its own thread (libpq's timeout) with nothing open
        qtbot.waitUntil(lambda: not job.thread.is_alive(), timeout=15000)
        assert job.document is None and w.document is before
    finally:
        silent.close()


def _team_board(cluster) -> str:
    name = board_name("copywin")
    board = Board.from_entities([
        Card("a", "actor", "Amira Haddad", x=0, y=0),
        Card("b", "actor", "Ministry of Ports", x=400, y=0)])
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    grant(TeamAddress.parse(cluster.url("alice", name)), "bob", "editor")
    return name


def test_a_team_board_opens_from_the_copy_while_the_server_is_down(qtbot, tmp_path,
                                                                    pg_cluster):
    name = _team_board(pg_cluster)
    alice = _window(qtbot, tmp_path, "alice")
    bob = _window(qtbot, tmp_path, "bob")
    url = pg_cluster.url("alice", name)
    assert alice.files.open_board(url)
    assert bob.files.open_board(pg_cluster.url("bob", name))
    _rename_in_place(qtbot, alice, "a", "Amira Haddad (minister)")
    pg_cluster.stop("fast")
    try:
        alice.files.close_board()
        assert alice.document is None
        assert alice.files.open_board(url)
        doc = alice.document
        assert doc is not None and doc.opened_from_copy is not None and doc.team.offline
        assert doc.board.cards["a"].title == "Amira Haddad (minister)"
        assert alice.banner.isVisible()
        assert "working from your copy of" in alice.banner.text()
        assert "Server unreachable" in alice.status.last_message()
        dock = alice.merging.history
        dock.show()
        dock.raise_()
        qtbot.waitUntil(lambda: "cannot be reached" in dock.summary.text())
        assert dock.tree.topLevelItemCount() == 0
        _rename_in_place(qtbot, alice, "b", "Port Authority")
        assert doc.waiting == 1 and "1 edit waiting" in alice.banner.text()
    finally:
        pg_cluster.start()
    qtbot.waitUntil(lambda: doc.waiting == 0 and not doc.team.offline, timeout=30000)
    assert not alice.banner.isVisible()
    # the History dock reads the server's record again once it is back: both edits
    qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() == 2, timeout=10000)
    assert "cannot be reached" not in dock.summary.text()
    qtbot.waitUntil(lambda: bob.document.board.cards["b"].title == "Port Authority",
                    timeout=30000)
    n = pg_cluster.psql("evb", "SELECT count(DISTINCT seq) FROM evidenceboard.changes "
                               f"WHERE board = '{name}' AND client LIKE 'queued-%'")
    assert n.strip() == "1"  # the queued edit landed exactly once


def test_without_server_or_copy_the_window_says_so(qtbot, tmp_path, monkeypatch):
    silent_port = socket.socket()
    silent_port.bind(("127.0.0.1", 0))
    port = silent_port.getsockname()[1]
    silent_port.close()  # (nothing listens there: refused at once)
    shown: list[str] = []
    monkeypatch.setattr("evidenceboard.windows.plain.critical",
                        lambda parent, title, text: shown.append(text))
    w = _window(qtbot, tmp_path, "w")
    assert not w.team.open_team_board(f"postgresql://alice@127.0.0.1:{port}/evb"
                                      "?board=never-opened")
    assert w.document is None
    assert shown and "cannot be reached" in shown[0] and "no copy" in shown[0]
