"""The defects found by using the app as a new user would (issue 10), each through the
real mouse and key events a hand makes on the widgets of the main window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

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


def test_new_cards_land_in_free_space_near_the_view_centre(window, small_board, qtbot):
    """The Actor button, clicked twice, put the second card exactly on the first (and
    both on any card at the view's centre); New Claim from the Source dock too.  Each
    new card lands on the free place nearest the centre."""
    from board_factory import SOURCE_TEXT
    w, sb = window, small_board
    board = w.document.board
    w.view.set_zoom(1.0)
    haftar = board.cards[sb.haftar.id]
    w.view.centerOn(QPointF(haftar.x + haftar.width / 2, haftar.y + haftar.height / 2))
    QApplication.processEvents()
    from PySide6.QtWidgets import QToolButton
    button = w.toolbar.findChild(QToolButton, "actorButton")
    before = set(board.cards)
    for _ in range(2):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton,
                         pos=QPoint(button.width() // 4, button.height() // 2))
        QApplication.processEvents()
    viewer = w.source_viewer
    viewer.show_source(sb.source.id)
    _mouse_select(qtbot, viewer.text, SOURCE_TEXT.index("alifa"), SOURCE_TEXT.index("beibah"))
    QTest.mouseClick(viewer.new_claim_button, Qt.MouseButton.LeftButton)
    new = set(board.cards) - before
    assert len(new) == 3

    def rect(c):
        return QRectF(c.x, c.y, c.width, c.height)

    for i in new:
        others = [c for c in board.cards.values() if c.id != i]
        assert not any(rect(board.cards[i]).intersects(rect(o)) for o in others), i
        # near the centre: within a few card sizes of it
        centre = rect(board.cards[i]).center()
        assert abs(centre.x() - (haftar.x + haftar.width / 2)) < 4 * 276
        assert abs(centre.y() - (haftar.y + haftar.height / 2)) < 4 * 136


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


def test_enter_in_the_label_field_does_not_cite_either(window, small_board, qtbot):
    """The button box made the first accept button the default when the dialog was
    shown, so Enter in the Label field cited the selection before Kind and Direction
    were chosen.  No button is the default: Enter in a field cites nothing."""
    from board_factory import SOURCE_TEXT
    w, sb = window, small_board
    _show_at_100(w)
    board = w.document.board
    links_before = set(board.links)
    [dlg] = _draw_link(qtbot, w, board.cards[sb.note.id], board.cards[sb.claim.id])
    qtbot.waitExposed(dlg)
    start = SOURCE_TEXT.index("Haftar")
    _mouse_select(qtbot, dlg.text, start + 1, start + 4)
    assert dlg.selected_range() == (start, start + len("Haftar"))
    assert not dlg.cite_button.isDefault()
    dlg.label_edit.setFocus()
    qtbot.keyClicks(dlg.label_edit, "met with")
    qtbot.keyClick(dlg.label_edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dlg.isVisible() and dlg.result_edit is None
    assert set(board.links) == links_before
    qtbot.keyClick(dlg.label_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    [new] = set(board.links) - links_before
    assert board.links[new].label == "met with"
    [cite] = board.citations_of(new)
    assert (cite.start, cite.quote) == (start, "Haftar")


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


# ----------------------------------------------------------------- 6: standard shortcuts
def test_zoom_redo_find_and_help_keys(window, small_board, qtbot):
    w = window
    w.view.setFocus()
    z = w.view.zoom_level()
    qtbot.keyClick(w.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.view.zoom_level() > z * 1.1
    z = w.view.zoom_level()
    qtbot.keyClick(w.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert w.view.zoom_level() > z * 1.1
    z = w.view.zoom_level()
    qtbot.keyClick(w.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert w.view.zoom_level() < z
    # Ctrl+Y and Ctrl+Shift+Z both redo
    n = len(w.document.board.cards)
    w.acts.add_note.trigger()
    for redo in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                 (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                  | Qt.KeyboardModifier.ShiftModifier)):
        w.view.setFocus()
        qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(w.document.board.cards) == n
        qtbot.keyClick(w.view, *redo)
        assert len(w.document.board.cards) == n + 1
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.search_dock.query.hasFocus()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(d.objectName() == "shortcutsDialog" and d.isVisible()
                                for d in w.findChildren(QDialog)))
    [dlg] = [d for d in w.findChildren(QDialog)
             if d.objectName() == "shortcutsDialog" and d.isVisible()]
    rows = dict(dlg.rows())
    assert "Ctrl+=" in rows["Zoom In"] and "Ctrl+Y" in rows["Redo"]
    assert "F1" in rows["Keyboard and Mouse"]
    dlg.reject()


def test_no_two_actions_share_a_key(window):
    seen: dict[str, str] = {}
    for a in window.findChildren(QAction):
        for k in a.shortcuts():
            text = k.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {a.text()}"
            seen[text] = a.text()


def test_about_box_reads_versions_and_licences_from_the_installed_metadata(window, qtbot):
    import importlib.metadata as md
    import platform

    from PySide6.QtCore import qVersion
    window.acts.about.trigger()
    qtbot.waitUntil(lambda: any(d.objectName() == "aboutDialog" and d.isVisible()
                                for d in window.findChildren(QDialog)))
    [dlg] = [d for d in window.findChildren(QDialog) if d.objectName() == "aboutDialog"]
    text = dlg.details()
    assert f"EvidenceBoard {md.version('evidenceboard')}" in text
    assert f"Python {platform.python_version()}" in text and f"Qt {qVersion()}" in text
    names = {c.name.lower().replace("_", "-"): c for c in dlg.components}
    for dep in ("pyside6-essentials", "sqlalchemy", "jsonschema", "networkx", "trafilatura",
                "numpy"):
        assert dep in names, dep
        assert names[dep].version == md.version(dep)
        assert names[dep].licence != "unknown"
    assert "LGPL-3.0" in names["pyside6-essentials"].licence
    assert "pytest" not in names  # test extras are not shipped
    # the licence text of a component that carries one is shown when it is selected
    row = [c.name for c in dlg.components].index(names["networkx"].name)
    dlg.table.setCurrentItem(dlg.table.topLevelItem(row))
    assert "BSD" in dlg.licence_view.toPlainText() or "Redistribution" in \
        dlg.licence_view.toPlainText()
    # PySide6's wheel carries no licence file: ours (resources/licenses/) is shown
    row = [c.name for c in dlg.components].index(names["pyside6-essentials"].name)
    dlg.table.setCurrentItem(dlg.table.topLevelItem(row))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dlg.licence_view.toPlainText()
    from evidenceboard.about import licence_text
    assert [c.name for c in dlg.components if not c.name.startswith("system/")
            and licence_text(c) is None] == []
    assert any(c.name == "Python" for c in dlg.components)
    dlg.reject()


def test_a_licence_field_of_unknown_falls_back_to_the_classifiers():
    """setuptools writes "License: UNKNOWN" when none is given; the About box showed
    lemminflect as UNKNOWN though its classifiers say MIT."""
    from email.message import Message

    from evidenceboard.about import licence_of
    meta = Message()
    meta["License"] = "UNKNOWN"
    meta["Classifier"] = "Programming Language :: Python :: 3"
    meta["Classifier"] = "License :: OSI Approved :: MIT License"
    assert licence_of(meta) == "MIT License"
    bare = Message()
    bare["License"] = "UNKNOWN"
    assert licence_of(bare) == "unknown"


# ----------------------------------------------------------------- 7: a toolbar that stays
def test_toolbar_buttons_do_not_move_when_undo_names_a_command(window, qtbot):
    w = window
    tb = w.toolbar

    def geometry() -> list:
        QApplication.processEvents()
        return [tb.widgetForAction(a).geometry().getRect() for a in tb.actions()]

    before = geometry()
    w.acts.add_actor.trigger()  # "Undo Add person"
    after = geometry()
    assert after == before
    undo_button = tb.widgetForAction(w.acts.undo)
    assert not undo_button.icon().isNull()
    assert "Add person" in undo_button.toolTip()
    assert "Add person" in w.acts.undo.text()  # the Edit menu names it too


# ----------------------------------------------------------------- 8: actor type at creation
def test_actor_type_chosen_in_the_toolbar_menu_is_used_and_remembered(window, qtbot,
                                                                     tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMenu, QToolButton

    from evidenceboard.windows.main_window import MainWindow
    w = window
    button = w.toolbar.findChild(QToolButton, "actorButton")
    assert button is not None and button.menu() is w.acts.actor_type_menu
    picked: list = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            vessel = w.acts.actor_type_actions["vessel"]
            QTest.mouseClick(menu, Qt.MouseButton.LeftButton,
                             pos=menu.actionGeometry(vessel).center())
            picked.append(True)

    from PySide6.QtCore import QTimer
    QTimer.singleShot(150, choose)
    # the arrow part of the split button opens the menu
    arrow = QPoint(button.width() - 4, button.height() // 2)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(lambda: bool(picked))
    board = w.document.board
    [first] = w.selected_ids()
    assert board.cards[first].actor_type == "vessel" and board.cards[first].title == "New vessel"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    [second] = w.selected_ids()
    assert second != first and board.cards[second].actor_type == "vessel"
    w.close()
    again = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.acts.last_actor_type() == "vessel"
    assert again.acts.actor_type_actions["vessel"].isChecked()


# ----------------------------------------------------------------- 11: contradictions once
def test_a_contradiction_is_one_row_and_a_click_selects_both_claims(window, small_board,
                                                                     qtbot):
    from evidenceboard.model import Card, Edit, Link
    w, sb = window, small_board
    other = Card.create("claim", "Haftar signed a deal in Rome.", x=600, y=220)
    there = Link.create(sb.claim.id, other.id, kind="denies")
    back = Link.create(other.id, sb.claim.id, kind="contradicts")
    assert w.controller.do(Edit("two views", (other, there, back)))
    panel = w.evidence_panel
    panel.show()
    panel.raise_()
    qtbot.waitUntil(lambda: len(panel.entries("contradictions")) == 1)
    group = panel.groups["contradictions"]
    assert group.text(0) == "Contradictions (1)"
    row = group.child(0)
    assert "contradicts and denies" in row.text(0)
    assert "Haftar denied any deal." in row.text(0) and "signed a deal" in row.text(0)
    panel.tree.scrollToItem(row)
    rect = panel.tree.visualItemRect(row)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert set(w.selected_ids()) == {sb.claim.id, other.id, there.id, back.id}
    assert "1 contradictions" not in panel.summary.text()
    assert "1 contradiction" in panel.summary.text()


# ----------------------------------------------------------------- 13: source details
def test_source_details_are_edited_in_the_source_dock_as_undoable_edits(window,
                                                                         small_board, qtbot):
    from PySide6.QtTest import QTest

    from evidenceboard.model import Edit, Source
    w, sb = window, small_board
    untitled = Source.create("  date 2021-11-02 A plane landed at Ben Gurion airport on "
                             "Monday, officials said. More text follows here.")
    assert w.controller.do(Edit("untitled article", (untitled,)))
    viewer, sources = w.source_viewer, w.sources_dock
    qtbot.waitUntil(lambda: len(sources.source_ids()) == 2)
    titles = [sources.tree.topLevelItem(i).text(0) for i in range(2)]
    assert "A plane landed at Ben Gurion airport on Monday, officials said." in titles
    viewer.show_source(untitled.id)
    details = viewer.details
    QTest.mouseClick(details.toggle, Qt.MouseButton.LeftButton)
    assert details.form_box.isVisible()
    for field, typed in (("title", "Plane lands at Ben Gurion"), ("outlet", "Example Wire"),
                         ("published", "2021-11-02"), ("url", "https://example.org/a")):
        line = details.edits[field]
        QTest.mouseClick(line, Qt.MouseButton.LeftButton)
        line.selectAll()
        qtbot.keyClicks(line, typed)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    src = w.document.board.sources[untitled.id]
    assert (src.title, src.outlet, src.published, src.url) == (
        "Plane lands at Ben Gurion", "Example Wire", "2021-11-02", "https://example.org/a")
    qtbot.waitUntil(lambda: "Plane lands at Ben Gurion" in [
        sources.tree.topLevelItem(i).text(0) for i in range(2)])
    assert viewer.open_url_button.isEnabled()
    # a date that is not one is refused, said why, and nothing changes
    date = details.edits["published"]
    date.selectAll()
    qtbot.keyClicks(date, "2021-31-12")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert w.document.board.sources[untitled.id].published == "2021-11-02"
    assert "not a date" in viewer.status.text() and date.text() == "2021-11-02"
    # each field was one undo step; the file has it
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.document.board.sources[untitled.id].url is None
    w.close()
    doc = Document.open(sb.path)
    try:
        assert doc.board.sources[untitled.id].title == "Plane lands at Ben Gurion"
        assert doc.board.sources[untitled.id].url is None
    finally:
        doc.close()


def test_one_click_on_an_article_in_the_sources_list_shows_it_whole(
        window, small_board, qtbot):
    """A click on a row did nothing (a double click was needed), and in a dock of
    250 px each title was cut to one line ("Libyan wa…").  One click shows the
    article in the Source dock; the title wraps onto the lines it needs."""
    from PySide6.QtCore import QRect

    from evidenceboard.model import Edit, Source
    w, sb = window, small_board
    title = "Libyan warlord Khalifa Haftar visits Israel as plane spotted at Tel Aviv"
    other = Source.create(f"{title}\n\nA plane carrying Khalifa Haftar landed.",
                          title=title, outlet="Press TV")
    assert w.controller.do(Edit("add", (other,)))
    w.resizeDocks([w.sources_dock], [250], Qt.Orientation.Horizontal)
    w.sources_dock.show()
    w.sources_dock.raise_()
    tree = w.sources_dock.tree
    qtbot.waitUntil(lambda: tree.isVisible() and tree.topLevelItemCount() == 2)
    QApplication.processEvents()
    for sid in (other.id, sb.source.id):
        row = next(tree.topLevelItem(i) for i in range(2)
                   if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == sid)
        rect = tree.visualItemRect(row)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert w.source_viewer.source_id() == sid
    row = next(tree.topLevelItem(i) for i in range(2) if tree.topLevelItem(i).text(0) == title)
    width = tree.columnWidth(0)
    assert width >= tree.columnWidth(1)
    need = tree.fontMetrics().boundingRect(QRect(0, 0, width - 12, 10_000),
                                           int(Qt.TextFlag.TextWordWrap), title).height()
    assert tree.visualItemRect(row).height() >= need > tree.fontMetrics().height()


def test_the_sources_list_refits_its_columns_when_the_dock_narrows(window, qtbot):
    """Seen in a first-run window on the demo board: the Title column was 26 px wide
    (one word per line, 188 px rows) beside a 159 px Outlet column, because the widths
    were fitted to the viewport's previous size.  Narrowing the dock the way its
    splitter does leaves the title the widest column, the outlet at most a quarter."""
    from evidenceboard.model import Edit, Source

    w = window
    for i, outlet in enumerate(("MintPress News / Global Research", "Press TV", "")):
        title = f"Libyan warlord Khalifa Haftar visits Israel, report number {i}"
        assert w.controller.do(Edit("add", (Source.create(
            f"{title}\n\nA plane carrying Khalifa Haftar landed.", title=title,
            outlet=outlet),)))
    w.sources_dock.show()
    w.sources_dock.raise_()
    tree = w.sources_dock.tree
    qtbot.waitUntil(lambda: tree.isVisible() and tree.topLevelItemCount() == 4)
    widths = []
    for width in (560, 320):
        w.resizeDocks([w.sources_dock], [width], Qt.Orientation.Horizontal)
        qtbot.wait(100)
        widths.append(tree.viewport().width())
    assert widths[0] >= 340 > widths[1], widths  # wide enough for a date, then not
    viewport = widths[1]
    assert viewport < 340
    assert tree.isColumnHidden(2), "a narrow list leaves the date to the Source dock"
    assert tree.columnWidth(1) <= viewport // 4
    assert tree.columnWidth(0) >= viewport // 2


# ----------------------------------------------------------------- 9: grading
def _pick_in_combo(qtbot, combo, data) -> None:
    """Open the combo's list with a click and click the entry holding ``data``."""
    target = combo.findData(data)
    assert target >= 0
    QTest.mousePress(combo, Qt.MouseButton.LeftButton)  # a press opens the list
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(target, 0)
    view.scrollTo(index)
    # (Qt ignores a release in the list for a double-click interval after it opened)
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == target


def test_grading_a_source_shows_and_fade_below_grade_says_why(window, small_board, qtbot):
    w, sb = window, small_board
    board = w.document.board
    w.acts.grade_actions["B2"].trigger()
    notice = w.fade_notice
    assert notice.isVisible()
    text = notice.label.text()
    assert "all 4 cards and 1 link are faded" in text and "5 of them are not graded" in text
    assert "Source dock" in text  # says how to grade
    # Grading the source (reliability B) grades every citation of it: what cites it
    # is no longer faded under B2, and the inspector's citation rows say where from.
    viewer = w.source_viewer
    viewer.show_source(sb.source.id)
    _pick_in_combo(qtbot, viewer.reliability_combo, "B")
    assert board.sources[sb.source.id].reliability == "B"
    assert not w.scene.item_for(sb.haftar.id).faded
    assert sb.link.id not in w.scene.faded
    assert w.scene.item_for(sb.dbeibah.id).faded  # cites nothing: not graded
    qtbot.waitUntil(lambda: "2 of 4 cards" in notice.label.text())
    w.scene.select_ids([sb.claim.id])
    [row] = w.inspector.evidence.citation_items()
    assert row.text(0).startswith("[B?]") and "the source&#x27;s grade" in row.toolTip(0)
    # Show All from the notice
    QTest.mouseClick(notice.show_all, Qt.MouseButton.LeftButton)
    assert not notice.isVisible() and not w.scene.faded
    assert w.acts.grade_actions[""].isChecked()


def test_grade_many_selected_items_at_once(window, small_board, qtbot):
    w, sb = window, small_board
    board = w.document.board
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(w.selected_ids()) == 5
    multi = w.inspector.multi
    assert w.inspector.stack.currentWidget() is multi
    assert "5 items selected" in multi.summary.text()
    assert multi.credibility_label.text() == "Their 3 citations:"
    steps = w.controller.stack.count()
    _pick_in_combo(qtbot, multi.credibility_combo, 2)
    assert {c.credibility for c in board.citations.values()} == {2}
    assert w.controller.stack.count() == steps + 1  # one undo step
    # the shared fields: the two actors' type, the link's confidence
    _pick_in_combo(qtbot, multi.actor_type_combo, "organisation")
    assert {board.cards[i].actor_type for i in (sb.haftar.id, sb.dbeibah.id)} == {
        "organisation"}
    assert multi.confidence_combo.currentData() == "confirmed"
    _pick_in_combo(qtbot, multi.confidence_combo, "disputed")
    assert board.links[sb.link.id].confidence == "disputed"
    assert w.controller.stack.count() == steps + 3
    w.acts.undo.trigger()
    assert board.links[sb.link.id].confidence == "confirmed"
    # grading the citations of one article at once: its row in the inspector
    w.scene.select_ids([sb.claim.id])
    tree = w.inspector.citations
    head = tree.topLevelItem(0)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(head).center())
    assert w.inspector.selected_citation_ids() == [c.id for c in
                                                   board.citations_of(sb.claim.id)]


def test_the_many_items_page_stays_inside_a_narrow_inspector_after_a_bulk_grade(
        window, small_board, qtbot):
    """After a grade chosen for several items the page was resized to its natural width
    (adjustSize), wider than a narrow dock: the combos' arrows and the colour row's
    Reset button were cut off at the dock's edge until the next selection."""
    w = window
    insp = w.inspector
    insp.setMaximumWidth(insp.widget().sizeHint().width() - 60)  # narrower than natural
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    multi, body = insp.multi, insp.widget()

    def inside() -> bool:
        QApplication.processEvents()
        return all(x.mapTo(body, x.rect().topRight()).x() < body.width()
                   for x in (multi.credibility_combo, multi.confidence_combo,
                             multi.color_reset))

    qtbot.waitUntil(inside)
    _pick_in_combo(qtbot, multi.credibility_combo, 5)
    assert {c.credibility for c in w.document.board.citations.values()} == {5}
    assert inside()


# ----------------------------------------------------------------- 10: inspector
def test_connections_show_the_neighbours_name_next_to_a_long_link_label(
        window, small_board, qtbot):
    """With the link column sized to its contents, a long label ("sought military
    support from →") left the neighbour's column a few pixels: "actor: …".  Both
    columns share the width and wrap, so the whole name is shown."""
    from PySide6.QtCore import QRect

    from evidenceboard.model import Edit, Link
    w, sb = window, small_board
    link = Link.create(sb.haftar.id, sb.dbeibah.id, kind="relation",
                       label="sought military and diplomatic support from")
    assert w.controller.do(Edit("long label", (link,)))
    w.resizeDocks([w.inspector], [280], Qt.Orientation.Horizontal)
    w.scene.select_ids([sb.haftar.id])
    insp = w.inspector
    QTest.mouseClick(insp.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=insp.tabs.tabBar().tabRect(1).center())
    conn = insp.connections
    qtbot.waitUntil(conn.isVisible)
    QApplication.processEvents()
    rows = [conn.topLevelItem(i) for i in range(conn.topLevelItemCount())]
    long_row = next(r for r in rows if "diplomatic" in r.text(1))
    name = long_row.text(0)
    assert "Dbeibah" in name
    rect = conn.visualItemRect(long_row)
    width = conn.columnWidth(0)
    assert width >= conn.viewport().width() // 3 and width >= conn.columnWidth(1)
    # the row is tall enough for the whole name wrapped at its column's width
    fm = conn.fontMetrics()
    need = fm.boundingRect(QRect(0, 0, width - 12, 10_000),
                           int(Qt.TextFlag.TextWordWrap), name).height()
    assert rect.height() >= need
    assert conn.textElideMode() == Qt.TextElideMode.ElideNone


def test_inspector_contradicted_by_connections_groups_and_long_endpoints(window, small_board,
                                                                         qtbot):
    from evidenceboard.model import Card, Citation, Edit, Link, Source
    w, sb = window, small_board
    long_title = ("Haftar signed a deal in Rome with the interim government, according to "
                  "two officials who spoke on condition of anonymity to the press")
    other = Card.create("claim", long_title, x=600, y=220)
    contra = Link.create(other.id, sb.claim.id, kind="contradicts")
    texts = [Source.create(f"Article {i}: Khalifa Haftar was there. Haftar left. Haftar "
                           f"returned. Haftar spoke. Haftar smiled.", title=f"Report {i}")
             for i in range(2)]
    mentions = [Citation.create(s, s.text.index("Haftar", k), s.text.index("Haftar", k) + 6,
                                card_id=sb.haftar.id)
                for s in texts for k in (10, 30, 45, 60, 70)]
    assert w.controller.do(Edit("more", (other, contra, *texts, *mentions)))
    insp = w.inspector
    # "Contradicted by 1 claim" selects that claim
    w.scene.select_ids([sb.claim.id])
    button = insp.evidence.contradicted_button
    assert button.isVisible() and button.text() == "Contradicted by 1 claim"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert w.selected_ids() == [other.id]
    # an actor's citations by article (11 mentions in 3 articles: collapsed), and its
    # connections: neighbour, link, count; a click selects the neighbour
    w.scene.select_ids([sb.haftar.id])
    tree = insp.citations
    heads = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [h.text(0) for h in heads] == ["5 · Report 0", "5 · Report 1", "1 · Rome meeting"]
    assert not any(h.isExpanded() for h in heads)
    assert insp.tabs.tabText(0) == "Citations (11)"
    assert insp.tabs.tabText(1) == "Connections (1)"
    insp.tabs.setCurrentIndex(1)
    conn = insp.connections
    assert conn.rows() == [(sb.dbeibah.id, "met →", 1)]
    QTest.mouseClick(conn.viewport(), Qt.MouseButton.LeftButton,
                     pos=conn.visualItemRect(conn.topLevelItem(0)).center())
    assert w.selected_ids() == [sb.dbeibah.id]
    # a link between long claims shows both ends whole, wrapped
    w.scene.select_ids([contra.id])
    QApplication.processEvents()
    label = insp.from_label
    assert label.text() == long_title
    assert label.height() >= label.heightForWidth(label.width()) > \
        label.fontMetrics().height() * 1.5
