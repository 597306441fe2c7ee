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


# ----------------------------------------------------------------- text selection helpers
def _doc_point(text_widget, doc_pos: int) -> QPoint:
    """Viewport point just right of the boundary before document position ``doc_pos``."""
    from PySide6.QtGui import QTextCursor
    c = QTextCursor(text_widget.document())
    c.setPosition(doc_pos)
    r = text_widget.cursorRect(c)
    return QPoint(r.left() + 1, r.center().y())


def _mouse_select(qtbot, text_widget, start: int, end: int,
                  modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Drag the mouse from Python index ``start`` to ``end`` of the shown text."""
    pos = text_widget.positions
    vp = text_widget.viewport()
    a, b = _doc_point(text_widget, pos.to_doc(start)), _doc_point(text_widget, pos.to_doc(end))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modifier, a)
    for i in range(1, 6):
        qtbot.mouseMove(vp, a + (b - a) * i / 5)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, b)
    QApplication.processEvents()


# ----------------------------------------------------------------- 1 + 3: new claim, words
def test_new_claim_button_makes_a_claim_of_whole_words_dragged_mid_word(
        window, small_board, qtbot):
    from board_factory import SOURCE_TEXT
    from PySide6.QtTest import QTest
    w, sb = window, small_board
    viewer = w.source_viewer
    viewer.show_source(sb.source.id)
    # From inside "Khalifa" to inside "Dbeibah": the quote is the whole words.
    _mouse_select(qtbot, viewer.text, SOURCE_TEXT.index("alifa"), SOURCE_TEXT.index("beibah"))
    expected = (0, SOURCE_TEXT.index(" in Rome"))
    assert viewer.selected_range() == expected
    assert viewer.new_claim_button.isEnabled()
    before = set(w.document.board.cards)
    QTest.mouseClick(viewer.new_claim_button, Qt.MouseButton.LeftButton)
    [new_id] = set(w.document.board.cards) - before
    card = w.document.board.cards[new_id]
    assert card.kind == "claim" and card.title == "Khalifa Haftar met Abdul Hamid Dbeibah"
    [cite] = w.document.board.citations_of(new_id)
    assert (cite.start, cite.end) == expected
    assert w.selected_ids() == [new_id]


def test_alt_drag_selects_exact_characters_and_backwards_drags_snap_too(
        window, small_board, qtbot):
    from board_factory import SOURCE_TEXT
    w, sb = window, small_board
    viewer = w.source_viewer
    viewer.show_source(sb.source.id)
    a, b = SOURCE_TEXT.index("alifa"), SOURCE_TEXT.index("beibah")
    _mouse_select(qtbot, viewer.text, a, b, Qt.KeyboardModifier.AltModifier)
    assert viewer.selected_range() == (a, b)
    # Right to left, ending mid-word on the Hebrew line: still whole words.
    heb = SOURCE_TEXT.index("עולם")
    _mouse_select(qtbot, viewer.text, SOURCE_TEXT.index("ebrew line") + 2, heb + 2)
    assert viewer.selected_range() == (heb, SOURCE_TEXT.index("Hebrew line") + 6)


# ----------------------------------------------------------------- 4 + 5: evidence dialog
def _draw_link(qtbot, w, from_card, to_card) -> list:
    dialogs: list = []
    w.evidenceRequested.connect(dialogs.append)
    vp = w.view.viewport()
    w.acts.link_mode.setChecked(True)
    a = _at(w, from_card.x + from_card.width / 2, from_card.y + from_card.height * 0.8)
    b = _at(w, to_card.x + to_card.width / 2, to_card.y + to_card.height * 0.8)
    qtbot.mouseMove(vp, a)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    for i in range(1, 9):
        qtbot.mouseMove(vp, a + (b - a) * i / 8)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)
    QApplication.processEvents()
    w.evidenceRequested.disconnect(dialogs.append)
    w.acts.link_mode.setChecked(False)
    return dialogs


def test_enter_in_the_find_box_finds_and_only_ctrl_enter_cites(window, small_board, qtbot):
    from board_factory import SOURCE_TEXT
    w, sb = window, small_board
    _show_at_100(w)
    board = w.document.board
    links_before = set(board.links)
    [dlg] = _draw_link(qtbot, w, board.cards[sb.note.id], board.cards[sb.claim.id])
    qtbot.waitExposed(dlg)
    dlg.find_edit.setFocus()
    qtbot.keyClicks(dlg.find_edit, "Haftar")
    qtbot.keyClick(dlg.find_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dlg.find_edit, Qt.Key.Key_Enter)  # the keypad's Enter: next match
    QApplication.processEvents()
    assert dlg.isVisible() and dlg.result_edit is None
    assert set(board.links) == links_before
    second = SOURCE_TEXT.index("Haftar", SOURCE_TEXT.index("Haftar") + 1)
    assert dlg.selected_range() == (second, second + len("Haftar"))
    qtbot.keyClick(dlg.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    [new] = set(board.links) - links_before
    [cite] = board.citations_of(new)
    assert (cite.start, cite.quote) == (second, "Haftar")


def test_the_evidence_dialog_opens_on_the_article_both_cards_cite_or_the_shown_one(
        window, small_board, qtbot):
    from evidenceboard.model import Citation, Edit, Source
    w, sb = window, small_board
    _show_at_100(w)
    other = Source.create("Zebra report: Khalifa Haftar and Abdul Hamid Dbeibah spoke.",
                          title="Zebra report")  # sorts last
    text = other.text
    cites = (Citation.create(other, text.index("Khalifa"), text.index(" and"),
                             card_id=sb.haftar.id),
             Citation.create(other, text.index("Abdul"), text.index(" spoke"),
                             card_id=sb.dbeibah.id))
    assert w.controller.do(Edit("second article", (other, *cites)))
    w.source_viewer.show_source(sb.source.id)  # the Rome article is shown
    board = w.document.board
    # Haftar and Dbeibah are both cited in the Zebra report only.
    [dlg] = _draw_link(qtbot, w, board.cards[sb.haftar.id], board.cards[sb.dbeibah.id])
    assert dlg.source_id() == other.id
    dlg.reject()
    QApplication.processEvents()
    # The note and the claim share no article: the one shown beside the board.
    w.source_viewer.show_source(other.id)
    [dlg] = _draw_link(qtbot, w, board.cards[sb.note.id], board.cards[sb.claim.id])
    assert dlg.source_id() == other.id
    dlg.reject()
