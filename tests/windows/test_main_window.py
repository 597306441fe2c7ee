"""The main window on real board files: opening, refusing, editing, clipboard, links."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from board_factory import SOURCE_TEXT, make_small_board
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from evidenceboard.document import Document
from evidenceboard.store import SCHEMA_VERSION
from evidenceboard.windows.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    windows: list[MainWindow] = []

    def make(path: Path | None = None, show: bool = True) -> MainWindow:
        w = MainWindow(settings)
        qtbot.addWidget(w)
        windows.append(w)
        if path is not None:
            assert w.files.open_board(path)
        if show:
            w.show()
            qtbot.waitExposed(w)
        return w

    yield make
    for w in windows:
        w.close()


@pytest.fixture
def critical(monkeypatch):
    """The texts of the message boxes the window shows (each plain text), instead of
    blocking on a modal dialog."""
    messages: list[str] = []

    def fake(box):
        assert box.textFormat() == Qt.TextFormat.PlainText
        messages.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake)
    return messages


def _reopened(path: Path) -> Document:
    return Document.open(path)


def test_title_shows_the_board_name(make_window, small_board):
    w = make_window(small_board.path)
    assert w.windowTitle() == "small — EvidenceBoard"
    assert not w.banner.isVisible()


def test_refused_files_keep_the_current_board_and_their_bytes(make_window, small_board,
                                                              tmp_path, critical):
    w = make_window(small_board.path)
    text_file = tmp_path / "notes.evboard"
    text_file.write_text("just some notes, not a board\n", encoding="utf-8")
    newer = make_small_board(tmp_path / "newer.evboard").path
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version=99")
    con.close()
    before = {p: p.read_bytes() for p in (text_file, newer)}

    assert not w.files.open_board(text_file)
    assert not w.files.open_board(newer)
    assert not w.files.open_board(tmp_path / "missing.evboard")
    assert len(critical) == 3
    assert critical[0].startswith("Cannot open notes.evboard: ")
    assert "\n" not in critical[0] and len(critical[0]) > len("Cannot open notes.evboard: ")
    assert "99" in critical[1] and f"reads up to {SCHEMA_VERSION}" in critical[1]
    assert "missing.evboard" in critical[2]
    for p, data in before.items():
        assert p.read_bytes() == data
    # The current board is still open and still editable.
    assert w.document is not None and w.document.path == small_board.path.absolute()
    assert w.windowTitle() == "small — EvidenceBoard"
    assert w.editing.insert_card("note") is not None


def test_same_board_twice_is_read_only_with_a_banner(make_window, small_board):
    first = make_window(small_board.path)
    second = make_window(small_board.path)
    assert not first.document.read_only
    assert second.document.read_only
    assert second.windowTitle() == "small — EvidenceBoard [read-only]"
    assert second.banner.isVisible()
    assert "another EvidenceBoard" in second.banner.text()
    assert not second.acts.add_actor.isEnabled()
    assert second.editing.insert_card("actor") is None
    assert "cannot" in second.status.last_message()


def test_inspector_edit_through_the_window_reaches_the_file(make_window, small_board, qtbot):
    w = make_window(small_board.path)
    w.scene.select_ids([small_board.note.id])
    assert w.inspector.shown_id() == small_board.note.id
    w.inspector.title_edit.clear()
    qtbot.keyClicks(w.inspector.title_edit, "Verify the Tuesday date")
    qtbot.keyClick(w.inspector.title_edit, Qt.Key.Key_Return)
    assert w.status.save_label.text().startswith("Saved ")
    w.close()
    doc = _reopened(small_board.path)
    try:
        assert doc.board.cards[small_board.note.id].title == "Verify the Tuesday date"
    finally:
        doc.close()


def test_drawn_link_gets_its_exact_quote(make_window, small_board, qtbot):
    w = make_window(small_board.path)
    dialogs = []
    w.evidenceRequested.connect(dialogs.append)
    w.scene.linkRequested.emit(small_board.claim.id, small_board.dbeibah.id)
    [dlg] = dialogs
    assert dlg is w.editing.evidence_dialog and dlg.isVisible()
    start = SOURCE_TEXT.index("two officials")
    end = start + len("two officials")
    dlg.set_source(small_board.source.id)
    dlg.select_range(start, end)
    dlg.label_edit.setText("confirmed by")
    assert dlg.cite_selection()
    link_id = dlg.result_link.id
    assert link_id in w.document.board.links
    assert w.scene.selected_ids() == [link_id]
    assert w.acts.undo.isEnabled()
    w.acts.undo.trigger()
    assert link_id not in w.document.board.links
    assert not w.document.board.citations_of(link_id)
    w.acts.redo.trigger()
    assert link_id in w.document.board.links
    w.close()
    doc = _reopened(small_board.path)
    try:
        link = doc.board.links[link_id]
        assert link.label == "confirmed by" and not link.unsourced
        [cite] = doc.board.citations_of(link_id)
        assert (cite.start, cite.end, cite.quote) == (start, end, "two officials")
    finally:
        doc.close()


def test_cancelled_evidence_dialog_adds_nothing(make_window, small_board):
    w = make_window(small_board.path)
    n = len(w.document.board.links)
    dlg = w.editing.request_link(small_board.claim.id, small_board.note.id)
    dlg.reject()
    assert len(w.document.board.links) == n
    assert w.controller.stack.count() == 0


def test_copy_paste_cut_round_trip(make_window, small_board):
    w = make_window(small_board.path)
    board = w.document.board
    w.scene.select_ids([small_board.haftar.id, small_board.dbeibah.id])
    assert w.acts.copy.isEnabled()
    w.acts.copy.trigger()
    assert QGuiApplication.clipboard().mimeData().hasFormat("application/x-evidenceboard-cards")
    w.acts.paste.trigger()
    new_ids = w.scene.selected_ids()
    new_cards = [board.cards[i] for i in new_ids if i in board.cards]
    assert sorted(c.title for c in new_cards) == ["Abdul Hamid Dbeibah", "Khalifa Haftar"]
    copy_h = next(c for c in new_cards if c.title == "Khalifa Haftar")
    assert (copy_h.x, copy_h.y) == (small_board.haftar.x + 24, small_board.haftar.y + 24)
    assert copy_h.aliases == ("Haftar",)
    [new_link] = board.links_of(copy_h.id)
    assert new_link.label == "met" and new_link.id != small_board.link.id
    assert [c.quote for c in board.citations_of(new_link.id)] == \
        ["Khalifa Haftar met Abdul Hamid Dbeibah"]
    assert [c.quote for c in board.citations_of(copy_h.id)] == ["Khalifa Haftar"]

    # Cut the claim, paste it back where it was, with its citation.
    w.scene.select_ids([small_board.claim.id])
    w.acts.cut.trigger()
    assert small_board.claim.id not in board.cards
    [pasted] = w.editing.paste()
    claim = board.cards[pasted]
    assert (claim.title, claim.x, claim.y) == ("Haftar denied any deal.", 200.0, 220.0)
    assert [c.quote for c in board.citations_of(pasted)] == ["Haftar denied any deal."]

    # Undo the paste, the cut, the first paste: back to the original board.
    for _ in range(3):
        w.acts.undo.trigger()
    assert small_board.claim.id in board.cards and len(board.cards) == 4
    w.close()
    doc = _reopened(small_board.path)
    try:
        assert len(doc.board.cards) == 4 and len(doc.board.links) == 1
    finally:
        doc.close()


def test_paste_into_another_board_brings_the_cited_source(make_window, small_board, tmp_path):
    w = make_window(small_board.path)
    w.scene.select_ids([small_board.claim.id])
    assert w.editing.copy()
    other = tmp_path / "other.evboard"
    Document.create(other).close()
    assert w.files.open_board(other)
    [pasted] = w.editing.paste()
    board = w.document.board
    [cite] = board.citations_of(pasted)
    assert board.sources[cite.source_id].text == SOURCE_TEXT
    assert cite.quote == SOURCE_TEXT[cite.start:cite.end]


def test_garbage_on_the_clipboard_pastes_nothing(make_window, small_board):
    w = make_window(small_board.path)
    mime = QMimeData()
    mime.setData("application/x-evidenceboard-cards", b'{"format": "evidenceboard-cards", '
                 b'"cards": [{"id": 3, "kind": "actor"}]}')
    QGuiApplication.clipboard().setMimeData(mime)
    assert w.editing.paste() == []
    assert len(w.document.board.cards) == 4


def test_insert_delete_select_all_and_undo(make_window, small_board):
    w = make_window(small_board.path)
    board = w.document.board
    cid = w.editing.insert_card("actor")
    card = board.cards[cid]
    centre = w.view.mapToScene(w.view.viewport().rect().center())
    assert abs(card.x + card.width / 2 - centre.x()) <= 1
    assert abs(card.y + card.height / 2 - centre.y()) <= 1
    assert w.scene.selected_ids() == [cid]
    w.acts.select_all.trigger()
    assert set(w.scene.selected_ids()) == {*board.cards, *board.links}
    w.scene.select_ids([small_board.haftar.id])
    w.acts.delete.trigger()
    assert small_board.haftar.id not in board.cards
    assert small_board.link.id not in board.links
    w.acts.undo.trigger()
    assert board.links[small_board.link.id] == small_board.link
    assert len(board.citations_of(small_board.link.id)) == 1
    assert w.acts.undo.text().startswith("&Undo") or "Undo" in w.acts.undo.text()


def test_recent_files_most_recent_first_and_at_most_ten(make_window, tmp_path):
    w = make_window()
    paths = []
    for i in range(12):
        p = tmp_path / f"b{i}.evboard"
        Document.create(p).close()
        paths.append(p)
        assert w.files.open_board(p)
    assert w.files.open_board(paths[3])
    recent = w.files.recent_files()
    assert len(recent) == 10
    assert recent[0] == str(paths[3].absolute())
    assert recent[1] == str(paths[11].absolute())
    w.files.fill_recent_menu(w.acts.recent_menu)
    labels = [a.text() for a in w.acts.recent_menu.actions() if a.text()]
    assert labels[0] == "&1 b3.evboard"
    # A new window reads the same settings.
    assert make_window(show=False).files.recent_files() == recent


def test_view_state_is_kept_in_the_board_without_an_undo_step(make_window, small_board, qtbot):
    w = make_window(small_board.path)
    qtbot.wait(10)
    w.viewing.zoom_100()
    w.viewing.zoom_in()
    zoom = w.view.zoom_level()
    steps = w.controller.stack.count()
    w.files.save_view_state()
    assert w.controller.stack.count() == steps
    w.close()
    doc = _reopened(small_board.path)
    try:
        state = json.loads(doc.board.setting("view"))
        assert isinstance(state, dict)
    finally:
        doc.close()
    again = make_window(small_board.path)
    qtbot.waitUntil(lambda: again.files.view_restored)
    assert abs(again.view.zoom_level() - zoom) < 1e-6


def test_the_zoom_label_follows_the_board_shown(make_window, small_board, tmp_path, qtbot):
    """A board reopened at 100% after another shown at 50% says 100%."""
    w = make_window(small_board.path)
    qtbot.waitUntil(lambda: w.files.view_restored)
    w.acts.zoom_100.trigger()
    assert w.status.zoom_label.text() == "100%"
    w.files.close_board()  # (its 100% is kept in the file)
    other = make_small_board(tmp_path / "other.evboard")
    assert w.files.open_board(other.path)
    qtbot.waitUntil(lambda: w.files.view_restored)
    w.view.set_zoom(0.5)
    assert w.status.zoom_label.text() == "50%"
    assert w.files.open_board(small_board.path)
    qtbot.waitUntil(lambda: w.files.view_restored)
    assert abs(w.view.zoom_level() - 1.0) < 1e-6
    assert w.status.zoom_label.text() == "100%"


def test_dropping_a_board_file_opens_it(make_window, small_board, tmp_path, qtbot):
    w = make_window(small_board.path)
    other = tmp_path / "dropped.evboard"
    Document.create(other).close()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    viewport = w.view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: w.document is not None and w.document.name == "dropped")
    assert w.windowTitle() == "dropped — EvidenceBoard"


def test_save_copy_writes_a_self_contained_board(make_window, small_board, tmp_path):
    w = make_window(small_board.path)
    w.editing.insert_card("note")
    target = w.files.save_copy(tmp_path / "shared")
    assert target == (tmp_path / "shared.evboard").absolute()
    doc = Document.open(target)
    try:
        assert len(doc.board.cards) == 5
    finally:
        doc.close()
    assert w.document.path == small_board.path.absolute()


def test_search_selects_and_centres(make_window, small_board):
    w = make_window(small_board.path)
    w.editing.focus_search()
    w.search_dock.query.setText("dbeibah")
    ids = w.search_dock.result_ids()
    assert small_board.dbeibah.id in ids
    item = w.search_dock.results.item(ids.index(small_board.dbeibah.id))
    w.search_dock.results.itemClicked.emit(item)
    assert w.scene.selected_ids() == [small_board.dbeibah.id]
    assert w.inspector.shown_id() == small_board.dbeibah.id


def test_sources_dock_lists_the_articles(make_window, small_board):
    w = make_window(small_board.path)
    tree = w.sources_dock.tree
    assert tree.topLevelItemCount() == 1
    row = tree.topLevelItem(0)
    assert [row.text(i) for i in range(4)] == ["Rome meeting", "Example Post", "2024-05-02", "3"]


def test_write_failures_show_in_red_and_in_a_box(make_window, small_board, monkeypatch):
    w = make_window(small_board.path)
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()))
    # A real StoreWriteError (chmod does not stop root): the store is closed underneath.
    w.document.store.close()
    assert w.editing.insert_card("note") is None
    message = w.status.last_message()
    assert message.startswith("cannot save") or "could not save" in message
    assert "color" in w.status.save_label.styleSheet()
    assert boxes and boxes[0] == w.status.last_message()
    assert w.controller.stack.count() == 0


def test_dock_layout_is_restored_in_the_next_window(make_window, small_board):
    w = make_window(small_board.path)
    assert w.inspector.isVisible()
    w.inspector.toggleViewAction().trigger()
    assert not w.inspector.isVisible()
    w.close()
    again = make_window(small_board.path)
    assert not again.inspector.isVisible()
    assert again.minimap_dock.isVisible()


def test_read_only_banner_is_painted_above_the_canvas(make_window, small_board):
    from PySide6.QtGui import QPalette
    make_window(small_board.path)
    second = make_window(small_board.path)
    image = second.grab().toImage()
    banner = second.banner
    top_left = banner.mapTo(second, banner.rect().topLeft())
    pixel = image.pixelColor(top_left.x() + 3, top_left.y() + banner.height() // 2)
    expected = banner.palette().color(QPalette.ColorRole.Window)
    assert pixel.name() == expected.name()
    assert banner.geometry().bottom() <= second.view.geometry().top()


def test_each_menu_gives_its_items_different_access_keys(window):
    """Alt+F then a letter picks one item: two items of a menu with the same underlined
    letter ("Save a &Copy As…" and "&Close") make the letter cycle between them."""
    import re

    from PySide6.QtWidgets import QMenu

    clashes = []
    menus = [top.menu() for top in window.menuBar().actions()]
    checked = 0
    while menus:
        menu = menus.pop()
        if not isinstance(menu, QMenu):
            continue
        menu.aboutToShow.emit()  # (Open Recent fills itself as it opens)
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            text = action.menu().title() if action.menu() else action.text()
            if action.isSeparator() or not action.isVisible() or not text:
                continue
            m = re.search(r"&([^&])", text)
            if m is None:
                continue
            key = m.group(1).lower()
            if key in seen:
                clashes.append((menu.title(), seen[key], text))
            seen[key] = text
        checked += 1
    assert checked >= 12  # the eight menus and their submenus
    assert clashes == []


def test_the_view_menus_filter_opens_with_its_key(window, qtbot):
    """View menu open, L: the Filter dock shows (F was both Fit Board's and Filter's
    key, so it only moved between them)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dock = window.viewstate.dock
    dock.hide()
    view_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.text().replace("&", "") == "View")
    view_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(view_menu.isVisible)
    QTest.keyClick(view_menu, Qt.Key.Key_L)
    qtbot.waitUntil(dock.isVisible, timeout=2000)
    assert not view_menu.isVisible()
