"""The defects found by using the app as a new user would (issue 10), each through the
real mouse and key events a hand makes on the widgets of the main window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.document import Document


def _at(w, x: float, y: float) -> QPoint:
    return w.view.mapFromScene(QPointF(x, y))


def _click_canvas(qtbot, w, pos: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    vp = w.view.viewport()
    qtbot.mouseMove(vp, pos)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, modifier, pos)
    QApplication.processEvents()


def _show_at_100(w) -> None:
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(300, 100))


# ----------------------------------------------------------------- 2. one selection
def test_click_link_then_card_then_delete_removes_only_the_card_and_its_links(
        window, small_board, qtbot):
    w, sb = window, small_board
    _show_at_100(w)
    line_mid = _at(w, 310, 36)  # on the Haftar -> Dbeibah link
    _click_canvas(qtbot, w, line_mid)
    assert w.selected_ids() == [sb.link.id]
    claim = w.document.board.cards[sb.claim.id]
    _click_canvas(qtbot, w, _at(w, claim.x + claim.width / 2, claim.y + claim.height * 0.85))
    assert w.selected_ids() == [sb.claim.id]
    assert w.inspector.shown_id() == sb.claim.id
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    board = w.document.board
    assert sb.claim.id not in board.cards
    assert sb.link.id in board.links  # the unrelated link stays
    assert set(board.cards) == {sb.haftar.id, sb.dbeibah.id, sb.note.id}
    w.close()
    doc = Document.open(sb.path)
    try:
        assert sb.link.id in doc.board.links and sb.claim.id not in doc.board.cards
    finally:
        doc.close()
