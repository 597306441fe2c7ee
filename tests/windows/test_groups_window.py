"""Groups in a real window: Ctrl+G groups the selection (the real shortcut), the
inspector renames, recolours, collapses and ungroups the selected frame, Ctrl+Shift+G
ungroups; every step is one undo step that undo restores exactly (checked in the file)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def rows(path) -> dict[str, list]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in ("group", "card")}
    finally:
        con.close()


def test_ctrl_g_groups_the_selection_and_the_inspector_edits_the_group(window, small_board):
    w = window
    before = rows(small_board.path)
    w.scene.select_ids([small_board.haftar.id, small_board.dbeibah.id])
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_G, CTRL)
    board = w.document.board
    (gid,) = board.groups
    assert {c.id for c in board.members_of(gid)} == {small_board.haftar.id,
                                                      small_board.dbeibah.id}
    assert w.scene.frames.selected == gid and gid in w.scene.frames.items
    grouped = rows(small_board.path)
    assert len(grouped["group"]) == 1
    # the inspector shows the group: rename it by typing
    page = w.inspector.group_page
    assert w.inspector.stack.currentWidget() is page
    assert page.counts_label.text() == "2 cards · 2 actors"
    page.title_edit.clear()
    QTest.keyClicks(page.title_edit, "Rome meeting")
    QTest.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert board.groups[gid].title == "Rome meeting"
    QTest.mouseClick(page.collapse_button, Qt.MouseButton.LeftButton)
    assert board.groups[gid].collapsed
    assert not w.scene.item_for(small_board.haftar.id).isVisible()
    assert page.collapse_button.text() == "Expand"
    assert page.set_color("#aa3355")
    assert board.groups[gid].color == "#aa3355"
    # undo step by step back to before grouping, exactly
    for _ in range(3):
        w.acts.undo.trigger()
    assert board.groups[gid].title == "Group" and not board.groups[gid].collapsed
    assert w.scene.item_for(small_board.haftar.id).isVisible()
    assert rows(small_board.path) == grouped
    w.acts.undo.trigger()
    assert not board.groups and rows(small_board.path) == before
    for _ in range(4):
        w.acts.redo.trigger()
    assert board.groups[gid].color == "#aa3355" and board.groups[gid].collapsed


def test_ctrl_shift_g_ungroups_the_selected_frame_keeping_its_cards(window, small_board):
    w = window
    w.scene.select_ids([small_board.haftar.id, small_board.claim.id])
    w.grouping.group.trigger()
    board = w.document.board
    (gid,) = board.groups
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_G, CTRL | SHIFT)
    assert not board.groups
    assert sorted(w.scene.selected_ids()) == sorted([small_board.haftar.id,
                                                     small_board.claim.id])
    assert (board.cards[small_board.haftar.id].x, board.cards[small_board.haftar.id].y) == \
        (small_board.haftar.x, small_board.haftar.y)
    w.acts.undo.trigger()
    assert board.groups and board.cards[small_board.claim.id].group_id == gid
