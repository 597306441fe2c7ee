"""The relations view, the Filter dock, Hide Selected / Show All / Expand / Select
Neighbours, and imports that land and are selected: pressed as a user presses them, on
a real board file, with undo and redo restoring exactly."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from evidenceboard.analysis.filters import VIEW_STATE_KEY, ViewState
from evidenceboard.analysis.relations import relation_links
from evidenceboard.canvas.visibility import BUNDLED, RELATIONS_VIEW
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Link
from evidenceboard.model.edits import delete_items
from evidenceboard.store import create_board_file

ARTICLE = """Harbour deal under scrutiny

VALLEMAR — Minister Anna Berg met shipping magnate Omar Said in Geneva last month, \
the Port Gazette has learned.

"We support Anna Berg," the Farmers League said in a statement.

"I never met Omar Said in private," Anna Berg told reporters on Tuesday.

Omar Said's company, Kestrel Group, paid the Harbour Union for access to the docks, \
according to documents seen by the newspaper.
"""

SECOND = """Minister faces questions

According to a report by the Port Gazette, Minister Anna Berg met Omar Said in Geneva \
in June.

The Farmers League denied backing Anna Berg in the vote.
"""

UNRELATED = """Trawler seized off Valdora

The fishing trawler Santa Lucia was seized by the Valdora coast guard on Friday, port \
officials said.

"We found nets that are banned in our waters," Captain Mirela Dragan of the Valdora \
Coast Guard told the Harbour Times.
"""


def _board(with_relations: bool) -> Board:
    board = Board()
    arts = [replace(read_article_text(t), title=n, outlet=o)
            for t, n, o in ((ARTICLE, "Harbour deal", "Port Gazette"),
                            (SECOND, "Questions", "Evening Post"))]
    board.apply(import_edit(board, arts))
    if not with_relations:
        board.apply(delete_items(board, [lk.id for lk in relation_links(board)]))
    return board


def _open(qtbot, tmp_path: Path, path: Path):
    from evidenceboard.windows.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(path)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def board_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.evboard"
    create_board_file(path, list(_board(True).entities()))
    return path


@pytest.fixture
def win(qtbot, tmp_path: Path, board_file: Path):
    w = _open(qtbot, tmp_path, board_file)
    yield w
    w.close()


def _claims(w) -> list[str]:
    return [c.id for c in w.document.board.cards.values() if c.kind == "claim"]


def _snapshot(board: Board) -> list[str]:
    return sorted(repr(e) for e in board.entities() if not (
        hasattr(e, "value") and e.id in (VIEW_STATE_KEY, "view")))


def _click_card(qtbot, w, card_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = w.view
    view.centerOn(w.scene.card_rect(card_id).center())
    # at a far zoom the names are drawn as labels on top of the cards: the user clicks
    # the card's own label (a neighbour's label may cover part of the card)
    labels = dict(view.name_labels.shown())
    if card_id in labels:
        pos = labels[card_id].center().toPoint()
    else:
        r = w.scene.card_rect(card_id)
        pos = view.mapFromScene(r.left() + r.width() / 2, r.top() + r.height() - 8)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def test_relations_view_toggle_from_the_view_menu(qtbot, win):
    w, vs = win, win.viewstate
    board, scene = w.document.board, w.scene
    undo_steps = w.controller.stack.count()
    menu_texts = [a.text() for a in w.menuBar().actions()[3].menu().actions()]
    assert "&Relations View" in menu_texts
    vs.relations_view.trigger()
    assert vs.relations_view.isChecked()
    for cid in _claims(w):
        assert not scene.item_for(cid).isVisible()
        assert RELATIONS_VIEW in scene.visibility.reasons_of(cid)
    shown = set(scene.links.links)
    rels = {lk.id for lk in relation_links(board)}
    assert shown and shown <= rels  # only relations between actors are drawn
    assert "Relations view" in vs.status_label.text()
    assert "hidden" in vs.status_label.text()
    # a view, not an edit: nothing on the undo stack, the state kept in the board
    assert w.controller.stack.count() == undo_steps
    assert ViewState.from_text(board.setting(VIEW_STATE_KEY)).relations_view
    # Ctrl+R again: everything back
    QTest.keyClick(w.view.viewport(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not vs.relations_view.isChecked()
    assert all(scene.item_for(c).isVisible() for c in _claims(w))
    assert set(scene.links.links) == set(board.links)


def test_relations_view_bundles_a_pair_and_shows_all_its_claims(qtbot, win):
    w, vs, scene = win, win.viewstate, win.scene
    board = w.document.board
    berg = next(c for c in board.cards.values() if c.title == "Anna Berg")
    said = next(c for c in board.cards.values() if c.title == "Omar Said")
    pair = [lk.id for lk in relation_links(board) if {lk.from_id, lk.to_id} ==
            {berg.id, said.id}]
    assert len(pair) >= 2  # "met" and "never met"
    vs.relations_view.trigger()
    drawn = [i for i in pair if i in scene.links.links]
    assert len(drawn) == 1, "one line for the pair"
    head = drawn[0]
    assert set(vs.bundle_of(head)) == set(pair)
    assert all(BUNDLED in scene.visibility.reasons_of(i) for i in pair if i != head)
    caption = scene.link_captions[head]
    assert "met" in caption and "claims ·" in caption and "origin" in caption
    # selecting the line shows the claims of the whole bundle
    scene.select_ids([head])
    cited = sum(len(board.citations_of(i)) for i in pair)
    assert len(w.inspector.evidence.citation_items()) == cited
    assert "claims" in w.inspector.evidence.backing_label.text()


def test_relations_view_is_remembered_per_board(qtbot, tmp_path, board_file):
    w = _open(qtbot, tmp_path, board_file)
    w.viewstate.relations_view.trigger()
    w.close()
    again = _open(qtbot, tmp_path, board_file)
    try:
        assert again.viewstate.relations_view.isChecked()
        assert not any(again.scene.item_for(c).isVisible() for c in _claims(again))
    finally:
        again.close()


def test_derive_relations_is_one_undo_step_undone_exactly(qtbot, tmp_path):
    path = tmp_path / "old.evboard"
    create_board_file(path, list(_board(False).entities()))
    w = _open(qtbot, tmp_path, path)
    try:
        board = w.document.board
        assert not relation_links(board)
        before = _snapshot(board)
        steps = w.controller.stack.count()
        w.viewstate.derive.trigger()
        assert w.controller.stack.count() == steps + 1
        made = relation_links(board)
        assert made
        assert w.acts.undo.text().startswith("&Undo Derive")
        w.acts.undo.trigger()
        assert _snapshot(board) == before
        w.acts.redo.trigger()
        assert {lk.id for lk in relation_links(board)} == {lk.id for lk in made}
        # the links are in the file
    finally:
        w.close()
    from evidenceboard.document import Document
    doc = Document.open(path, read_only=True)
    try:
        assert len(relation_links(doc.board)) == len(made)
    finally:
        doc.close()


def test_filter_dock_hides_and_fades_through_its_controls(qtbot, win):
    w, vs, scene = win, win.viewstate, win.scene
    vs.show_filter.trigger()
    dock = vs.dock
    assert dock.isVisible()
    QTest.mouseClick(dock.hide_button, Qt.MouseButton.LeftButton)
    box = dock.kind_boxes["claim"]
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    claims = _claims(w)
    assert all(not scene.item_for(c).isVisible() for c in claims)
    assert "the filter" in vs.status_label.text()
    assert "kind: actor, note" in dock.summary.text()
    # fade instead: shown, drawn faded
    QTest.mouseClick(dock.fade_button, Qt.MouseButton.LeftButton)
    assert all(scene.item_for(c).isVisible() for c in claims)
    assert set(claims) <= scene.faded
    # a source unticked with the keyboard: what cites only the other one fades too
    dock.source_list.setFocus()
    dock.source_list.setCurrentRow(0)
    QTest.keyClick(dock.source_list, Qt.Key.Key_Space)
    assert vs.state.filter.get("sources") is not None
    QTest.mouseClick(dock.clear_button, Qt.MouseButton.LeftButton)
    assert not vs.state.filter.active and scene.faded == set()
    assert all(dock.kind_boxes[k].isChecked() for k in dock.kind_boxes)


def test_hide_selected_expand_show_all_and_undo(qtbot, win):
    w, vs, scene = win, win.viewstate, win.scene
    board = w.document.board
    berg = next(c for c in board.cards.values() if c.title == "Anna Berg")
    said = next(c for c in board.cards.values() if c.title == "Omar Said")
    _click_card(qtbot, w, said.id)
    assert w.selected_ids() == [said.id]
    vs.hide_selected.trigger()
    assert not scene.item_for(said.id).isVisible()
    assert all(lk.id not in scene.links.links for lk in board.links_of(said.id))
    assert "Hide Selected" in vs.status_label.text()
    # an edit undone and redone while hidden: the card stays hidden and in the file
    _click_card(qtbot, w, berg.id)
    steps = w.controller.stack.count()
    QTest.keyClick(w.view.viewport(), Qt.Key.Key_Right)
    assert w.controller.stack.count() == steps + 1
    w.acts.undo.trigger()
    w.acts.redo.trigger()
    assert said.id in board.cards and not scene.item_for(said.id).isVisible()
    # Expand from Berg reveals her hidden neighbour
    _click_card(qtbot, w, berg.id)
    assert vs.expand.isEnabled()
    vs.expand.trigger()
    assert scene.item_for(said.id).isVisible()
    assert said.id in w.selected_ids()
    # hide again, Show All
    scene.select_ids([said.id])
    vs.hide_selected.trigger()
    vs.show_all.trigger()
    assert scene.item_for(said.id).isVisible()
    assert set(scene.links.links) == set(board.links)
    assert vs.status_label.text() == ""


def test_select_neighbours_one_and_two_hops(qtbot, win):
    w, vs = win, win.viewstate
    board = w.document.board
    said = next(c for c in board.cards.values() if c.title == "Omar Said")
    _click_card(qtbot, w, said.id)
    vs.neighbour_actions[1].trigger()
    one = set(w.selected_ids())
    direct = {lk.from_id if lk.to_id == said.id else lk.to_id for lk in board.links_of(said.id)}
    assert direct | {said.id} <= one
    vs.neighbour_actions[2].trigger()
    assert set(w.selected_ids()) > one


def test_an_import_lands_in_free_space_and_is_selected(qtbot, win, tmp_path):
    w = win
    board = w.document.board
    before = {i: (c.x, c.y, c.width, c.height) for i, c in board.cards.items()}
    article = tmp_path / "trawler.txt"
    article.write_text(UNRELATED, "utf-8")
    assert w.imports.import_files([article])
    qtbot.waitUntil(lambda: len(board.cards) > len(before), timeout=20000)
    new = [i for i in board.cards if i not in before]
    assert set(w.selected_ids()) == set(new)
    shown = w.view.visible_scene_rect()
    assert any(shown.intersects(w.scene.card_rect(i)) for i in new)
    from evidenceboard.analysis.layout import overlaps
    assert overlaps(board.cards.values()) == []
    for i, rect in before.items():
        c = board.cards[i]
        assert (c.x, c.y, c.width, c.height) == rect


def test_a_damaged_view_state_opens_the_board_unfiltered(qtbot, tmp_path):
    from evidenceboard.model import Setting
    path = tmp_path / "bad.evboard"
    board = _board(True)
    create_board_file(path, [*board.entities(), Setting(VIEW_STATE_KEY, "{not json")])
    w = _open(qtbot, tmp_path, path)
    try:
        assert not w.viewstate.relations_view.isChecked()
        assert all(w.scene.item_for(c).isVisible() for c in _claims(w))
        assert isinstance(next(iter(w.document.board.links.values())), Link)
    finally:
        w.close()


def test_exports_leave_hidden_cards_out_unless_asked(qtbot, win):
    from evidenceboard.windows.export_dialog import ExportDialog
    w, vs = win, win.viewstate
    vs.relations_view.trigger()
    claims = set(_claims(w))
    dlg = ExportDialog(w)
    qtbot.addWidget(dlg)
    assert dlg.include_hidden.isVisibleTo(dlg)
    ids = set(dlg.options()["ids"])
    assert ids and not ids & claims and ids == set(w.document.board.cards) - claims
    QTest.mouseClick(dlg.include_hidden, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dlg.include_hidden.height() // 2))
    assert dlg.options()["ids"] is None  # the whole board
    vs.relations_view.trigger()
    plain = ExportDialog(w)
    qtbot.addWidget(plain)
    assert not plain.include_hidden.isVisibleTo(plain) and plain.options()["ids"] is None


def test_the_wheel_over_the_filter_dock_scrolls_it_without_changing_the_filter(qtbot, win):
    """Scrolling the dock with the pointer over the Grade box (not focused) scrolls;
    the grade stays as chosen (the wheel used to pick "D4 or better" on the way)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    vs = win.viewstate
    vs.show_filter.trigger()
    dock = vs.dock
    dock.setFloating(True)
    dock.resize(340, 220)
    QTest.qWait(50)
    bar = dock.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    combo = dock.grade_combo
    before = (combo.currentIndex(), bar.value(), vs.state.filter)
    pos = QPointF(combo.width() / 2, combo.height() / 2)
    ev = QWheelEvent(pos, combo.mapToGlobal(pos), QPoint(0, 0), QPoint(0, -120),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, ev)
    assert combo.currentIndex() == before[0] and vs.state.filter == before[2]
    assert bar.value() > before[1]
