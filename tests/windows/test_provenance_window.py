"""Provenance inside the main window: board selection <-> the article beside it.

Selecting a link scrolls the source viewer to its words; clicking the highlighted words
selects the link again; words dragged from the viewer onto the canvas become a claim card
where they were dropped, citing them exactly (one undo step, in the file); a citation row
in the inspector selects its words in the viewer; the evidence problems dock selects the
unsourced item on the board.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from board_factory import SOURCE_TEXT
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from evidenceboard.document import Document
from evidenceboard.model import Edit, Link
from evidenceboard.windows import canvas_menu
from evidenceboard.windows.main_window import MainWindow
from evidenceboard.windows.source_viewer import quote_mime
from evidenceboard.windows.text_offsets import TextPositions


def _file_citations(path: Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT card_id, link_id, start, end, quote FROM citation")
        return sorted(rows, key=repr)
    finally:
        con.close()


def test_the_viewer_is_a_dock_of_the_window_and_follows_the_selection(window, small_board):
    w, sb = window, small_board
    assert w.source_viewer in w.docks() and w.evidence_panel in w.docks()
    assert w.source_viewer.isVisible()
    w.scene.select_ids([sb.link.id])
    [cite] = w.document.board.citations_of(sb.link.id)
    viewer = w.source_viewer
    assert viewer.source_id() == sb.source.id
    assert [(s, e) for s, e, emph in viewer.highlight_ranges() if emph] == [
        (cite.start, cite.end)]
    pos = TextPositions(SOURCE_TEXT)
    assert viewer.text.textCursor().position() == pos.to_doc(cite.start)
    assert viewer.text.viewport().rect().intersects(viewer.text.cursorRect())


def test_clicking_the_highlighted_words_selects_the_card_on_the_board(window, small_board,
                                                                     qtbot):
    w, sb = window, small_board
    w.scene.select_ids([])
    viewer = w.source_viewer
    viewer.show_source(sb.source.id)
    [claim_cite] = w.document.board.citations_of(sb.claim.id)
    # Put the cursor in the middle of the claim's words (no selection) and click there.
    from PySide6.QtGui import QTextCursor
    pos = TextPositions(SOURCE_TEXT)
    cursor = QTextCursor(viewer.text.document())
    cursor.setPosition(pos.to_doc((claim_cite.start + claim_cite.end) // 2))
    viewer.text.setTextCursor(cursor)
    point = viewer.text.cursorRect().center()
    qtbot.mouseClick(viewer.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: w.selected_ids() == [sb.claim.id])


def _drag_quote_onto_canvas(w: MainWindow, start: int, end: int, at: QPoint) -> bool:
    mime = quote_mime(w.source_viewer.source_id(), start, end, SOURCE_TEXT[start:end])
    viewport = w.view.viewport()
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_words_dropped_on_the_canvas_become_a_claim_there(window, small_board, qtbot):
    w, sb = window, small_board
    w.source_viewer.show_source(sb.source.id)
    before_cards = set(w.document.board.cards)
    before_file = _file_citations(sb.path)
    start = SOURCE_TEXT.index("in Rome")
    end = start + len("in Rome")
    at = QPoint(300, 200)
    drop_scene = w.view.mapToScene(at)  # (the view then centres on the new card)
    assert _drag_quote_onto_canvas(w, start, end, at)
    [new_id] = set(w.document.board.cards) - before_cards
    card = w.document.board.cards[new_id]
    assert card.kind == "claim" and card.title == "in Rome"
    # Centred where it was dropped.
    assert abs(card.x + card.width / 2 - drop_scene.x()) <= 1
    assert abs(card.y + card.height / 2 - drop_scene.y()) <= 1
    assert w.selected_ids() == [new_id]
    # In the file at once, with exact offsets.
    after = _file_citations(sb.path)
    assert (new_id, None, start, end, "in Rome") in after
    assert len(after) == len(before_file) + 1
    # One undo step takes card and citation away, in the file too.
    w.acts.undo.trigger()
    assert new_id not in w.document.board.cards
    assert _file_citations(sb.path) == before_file


def test_words_from_the_viewer_are_not_imported_as_an_article(window, small_board):
    """Dropped outside the canvas, a quote drag is refused (never a new source)."""
    w, sb = window, small_board
    mime = quote_mime(sb.source.id, 0, 5, SOURCE_TEXT[:5])
    assert not w.drops.accepts_mime(mime)


def test_read_only_board_refuses_quote_drops(qtbot, tmp_path, small_board):
    holder = Document.open(small_board.path)  # the board is open elsewhere
    try:
        w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        assert w.files.open_board(small_board.path)
        w.show()
        qtbot.waitExposed(w)
        assert w.document.read_only
        w.source_viewer.show_source(small_board.source.id)
        n = len(w.document.board.cards)
        assert not _drag_quote_onto_canvas(w, 0, 5, QPoint(100, 100))
        assert len(w.document.board.cards) == n
        w.close()
    finally:
        holder.close()


def test_inspector_citation_row_selects_the_words_in_the_viewer(window, small_board, qtbot):
    w, sb = window, small_board
    w.scene.select_ids([sb.claim.id])
    [cite] = w.document.board.citations_of(sb.claim.id)
    w.inspector.citationActivated.emit(cite.id)
    assert w.source_viewer.selected_range() == (cite.start, cite.end)


def test_evidence_panel_lists_an_unsourced_link_and_selects_it(window, small_board, qtbot):
    w, sb = window, small_board
    bare = Link.create(sb.dbeibah.id, sb.claim.id, label="mentioned in")
    assert w.controller.do(Edit("Add link", (bare,)))
    qtbot.waitUntil(lambda: bare.id in w.evidence_panel.entries("unsourced"))
    w.evidence_panel.itemActivated.emit(bare.id)
    assert w.selected_ids() == [bare.id]


def _menu_texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_right_click_on_a_card_selects_it_and_offers_its_actions(window, small_board, qtbot):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu
    w, sb = window, small_board
    w.scene.select_ids([])
    w.viewing.reveal(sb.claim.id)
    w.scene.select_ids([])
    centre = w.view.mapFromScene(w.scene.card_rect(sb.claim.id).center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                              w.view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(w.view.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    try:
        assert w.selected_ids() == [sb.claim.id]
        texts = _menu_texts(menu)
        assert "Show Source Words" in texts and "Delete" in texts and "Copy" in texts
        # "Show Source Words" shows the claim's words in the viewer.
        [cite] = w.document.board.citations_of(sb.claim.id)
        next(a for a in menu.actions() if a.text() == "Show &Source Words").trigger()
        assert [(s, e) for s, e, emph in w.source_viewer.highlight_ranges() if emph] == [
            (cite.start, cite.end)]
    finally:
        menu.close()


def test_add_card_here_from_the_empty_canvas_menu(window, small_board):
    w = window
    far = w.scene.board_rect().bottomRight() + QPointF(500, 500)
    menu = canvas_menu.build(w, far)
    try:
        assert w.selected_ids() == []
        add = next(a for a in menu.actions() if a.text() == "Add &Note Here")
        before = set(w.document.board.cards)
        add.trigger()
        [new_id] = set(w.document.board.cards) - before
        card = w.document.board.cards[new_id]
        assert abs(card.x + card.width / 2 - far.x()) <= 1
        assert abs(card.y + card.height / 2 - far.y()) <= 1
        con = sqlite3.connect(f"file:{small_board.path}?mode=ro", uri=True)
        try:
            assert con.execute("SELECT kind FROM card WHERE id = ?", (new_id,)).fetchone() \
                == ("note",)
        finally:
            con.close()
    finally:
        menu.close()


def test_moving_a_card_does_not_rescan_the_evidence_lists(window, small_board, qtbot):
    """A drag on a big board must not rebuild the problems list or the viewer."""
    from evidenceboard.model import edits
    w, sb = window, small_board
    qtbot.wait(10)
    calls: list[str] = []
    for dock in (w.evidence_panel, w.source_viewer):
        original, name = dock.rebuild, dock.objectName()
        dock.rebuild = lambda original=original, name=name: (calls.append(name), original())[1]
    card = w.document.board.cards[sb.haftar.id]
    assert w.controller.do(edits.move_cards(w.document.board, {card.id: (card.x + 40, card.y)}))
    qtbot.wait(20)
    assert calls == []
    # A real change (a new link without a source) does reach the problems list.
    bare = Link.create(sb.haftar.id, sb.note.id, label="see")
    assert w.controller.do(Edit("Add link", (bare,)))
    qtbot.waitUntil(lambda: "evidencePanelDock" in calls)
