"""Delete with a frame selected, in a real window: a click on the frame's title bar and
the Delete key (or Backspace, or Edit ▸ Delete) remove the group as one undo step, its
cards staying where they are; with cards selected too (Ctrl+click), those go with it.
Ctrl+Z restores the board file exactly."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest
from board_rows import file_rows
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from evidenceboard.model.group_edits import HEADER_HEIGHT

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _grouped(w, ids) -> str:
    w.scene.select_ids(ids)
    w.grouping.group.trigger()
    (gid,) = w.document.board.groups
    w.scene.clear_selection()
    w.view.fit_rect(w.scene.frames.rect_of(gid).adjusted(-40, -80, 40, 40))
    QApplication.processEvents()
    assert w.scene.frames.selected is None
    return gid


def _click_header(w, gid: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    r = w.scene.frames.rect_of(gid)
    p = w.view.mapFromScene(QPointF(r.left() + 60, r.top() + HEADER_HEIGHT / 2))
    assert w.view.viewport().rect().contains(p)
    QTest.mouseClick(w.view.viewport(), LEFT, modifier, p)
    QApplication.processEvents()


def _click_card(w, card_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    r = w.scene.item_for(card_id).card_rect()  # as drawn (Size By may scale it)
    box = w.view.mapFromScene(r).boundingRect()
    # a point of the card under no other card's name label (a click there is the card's)
    p = next(q for fy in (0.8, 0.5, 0.2) for fx in (0.5, 0.2, 0.8)
             if (q := QPoint(box.left() + round(box.width() * fx),
                             box.top() + round(box.height() * fy))) is not None
             and w.view.name_labels.label_at(QPointF(q)) in (None, card_id)
             and w.scene.frames.label_at(QPointF(q)) is None)
    assert w.scene.card_item_at(w.view.mapToScene(p)) is w.scene.item_for(card_id)
    QTest.mouseClick(w.view.viewport(), LEFT, modifier, p)
    QApplication.processEvents()


def _press(w, how: str) -> None:
    if how == "menu":
        assert w.acts.delete.isEnabled()
        w.acts.delete.trigger()
    else:
        w.view.setFocus()
        QTest.keyClick(w.view, Qt.Key.Key_Delete if how == "delete" else Qt.Key.Key_Backspace)
    QApplication.processEvents()


@pytest.mark.parametrize("how", ["delete", "backspace", "menu"])
def test_delete_on_a_selected_frame_removes_the_group_keeping_its_cards(window, small_board,
                                                                          how):
    w = window
    board = w.document.board
    members = [small_board.haftar.id, small_board.dbeibah.id]
    gid = _grouped(w, members)
    grouped = file_rows(small_board.path)
    where = {i: (board.cards[i].x, board.cards[i].y) for i in board.cards}
    count = w.controller.stack.count()
    _click_header(w, gid)
    assert w.scene.frames.selected == gid and w.scene.selected_ids() == []
    assert w.acts.delete.isEnabled()
    _press(w, how)
    assert not board.groups and gid not in w.scene.frames.items
    assert w.scene.frames.selected is None
    assert w.controller.stack.count() == count + 1  # one undo step
    assert w.controller.stack.undoText() == "Delete group"
    for i, pos in where.items():  # every card stays, where it was, in no group
        assert (board.cards[i].x, board.cards[i].y) == pos
        assert board.cards[i].group_id is None
    rows = file_rows(small_board.path)
    assert rows["group"] == [] and len(rows["card"]) == len(grouped["card"])
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert file_rows(small_board.path) == grouped
    assert {c.id for c in board.members_of(gid)} == set(members)
    assert gid in w.scene.frames.items


def test_delete_with_cards_and_a_frame_selected_deletes_both(window, small_board):
    w = window
    board = w.document.board
    gid = _grouped(w, [small_board.haftar.id, small_board.dbeibah.id])
    grouped = file_rows(small_board.path)
    count = w.controller.stack.count()
    _click_header(w, gid)
    _click_card(w, small_board.claim.id, CTRL)  # a card outside the frame, added
    assert w.scene.frames.selected == gid
    assert w.scene.selected_ids() == [small_board.claim.id]
    _press(w, "delete")
    assert not board.groups
    assert small_board.claim.id not in board.cards
    assert not any(c.card_id == small_board.claim.id for c in board.citations.values())
    for i in (small_board.haftar.id, small_board.dbeibah.id):
        assert board.cards[i].group_id is None
    assert w.controller.stack.count() == count + 1
    assert w.controller.stack.undoText() == "Delete card and group"
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert file_rows(small_board.path) == grouped


def test_delete_with_a_member_card_and_its_frame_selected(window, small_board):
    """A member selected with its frame: it goes, the group goes, the other member
    stays (out of any group)."""
    w = window
    board = w.document.board
    gid = _grouped(w, [small_board.haftar.id, small_board.dbeibah.id])
    grouped = file_rows(small_board.path)
    _click_header(w, gid)
    _click_card(w, small_board.haftar.id, CTRL)
    assert w.scene.frames.selected == gid
    assert w.scene.selected_ids() == [small_board.haftar.id]
    _press(w, "backspace")
    assert not board.groups and small_board.haftar.id not in board.cards
    assert small_board.link.id not in board.links  # its link went with it
    assert board.cards[small_board.dbeibah.id].group_id is None
    w.acts.undo.trigger()
    assert file_rows(small_board.path) == grouped
