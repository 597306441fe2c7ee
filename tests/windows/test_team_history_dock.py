"""The History dock of a team board (issue 19) lists the server's change records — every
member's edits, with their author (the role) and time — and filters by author like a
board file's history.  Two windows on one cluster: each sees both members' edits."""

from __future__ import annotations

from datetime import datetime

import pytest
from pgserver import board_name
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from team_windows import rename_in_place as _rename_in_place
from team_windows import team_window as _window

from evidenceboard.model import Board, Card
from evidenceboard.store.team import TeamAddress, grant, publish


@pytest.fixture(autouse=True)
def _no_native_dialogs():
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def _team_board(cluster) -> str:
    name = board_name("hist")
    board = Board.from_entities([
        Card("a", "actor", "Amira Haddad", x=0, y=0),
        Card("b", "actor", "Ministry of Ports", x=400, y=0)])
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    grant(TeamAddress.parse(cluster.url("alice", name)), "bob", "editor")
    return name




def _rows(dock) -> list[tuple[str, str, str, str]]:
    t = dock.tree
    return [tuple(t.topLevelItem(i).text(c) for c in range(4))  # type: ignore[misc]
            for i in range(t.topLevelItemCount())]


def test_the_history_dock_shows_the_teams_who_did_what(qtbot, tmp_path, pg_cluster):
    name = _team_board(pg_cluster)
    alice = _window(qtbot, tmp_path, "alice")
    bob = _window(qtbot, tmp_path, "bob")
    assert alice.files.open_board(pg_cluster.url("alice", name))
    assert bob.files.open_board(pg_cluster.url("bob", name))
    dock = alice.merging.history
    dock.show()
    dock.raise_()
    _rename_in_place(qtbot, alice, "a", "Amira Haddad (minister)")
    _rename_in_place(qtbot, bob, "b", "Port Authority")
    qtbot.waitUntil(lambda: bob.document.board.cards["a"].title ==
                    "Amira Haddad (minister)", timeout=10000)  # (no race lost)
    _rename_in_place(qtbot, bob, "a", "A. Haddad")
    # alice's dock follows bob's edits as they come in (newest first)
    qtbot.waitUntil(lambda: len(_rows(dock)) == 3, timeout=10000)
    rows = _rows(dock)
    assert [r[1] for r in rows] == ["bob", "bob", "alice"]
    assert all(r[2] == "Rename card" and r[3] == "1" for r in rows)
    today = datetime.now().strftime("%Y-%m-%d")
    assert all(r[0].startswith(today) for r in rows)  # the server's time, shown locally
    assert "3 edits" in dock.summary.text() and "team server" in dock.summary.text()
    # filtered by author, picked in the combo with the keyboard
    assert [dock.author.itemText(i) for i in range(dock.author.count())] == [
        "All authors", "alice", "bob"]
    dock.author.setFocus()
    qtbot.keyClicks(dock.author, "b")
    assert dock.author.currentText() == "bob"
    assert [r[1] for r in _rows(dock)] == ["bob", "bob"]
    # the selected item's entries only
    alice.scene.select_ids(["b"])
    dock.scope.setCurrentIndex(1)
    assert [r[1] for r in _rows(dock)] == ["bob"]
    # bob's window shows alice's edit too
    bdock = bob.merging.history
    bdock.show()
    bdock.raise_()
    qtbot.waitUntil(lambda: [r[1] for r in _rows(bdock)] == ["bob", "bob", "alice"],
                    timeout=10000)
