"""Corrections in the window, through the hand's gestures (issue 14 part 4): click and
Ctrl+click two actor cards, Merge from the keyboard or the card's context menu, Split
Alias Out, Change Actor Type (context menu and inspector), Not an Actor; the board file
on disk is reopened after each; undo restores exactly; the next article dropped on the
board gets the corrections.  Articles of our own (tests/importer/correction_articles.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from evidenceboard.document import Document
from evidenceboard.model import Board, Card
from evidenceboard.windows.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "importer"))
from correction_articles import FIRST, SECOND, THIRD


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = tmp_path / "case.evboard"
    Document.create(path).close()
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(path)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def drop_article(w: MainWindow, tmp_path: Path, name: str, text: str) -> None:
    f = tmp_path / f"{name}.txt"
    f.write_text(text, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    assert w.drops.handle_drop(mime)
    QApplication.processEvents()


def on_disk(w: MainWindow) -> Board:
    """The board as its file holds it now (a read-only snapshot of the open file)."""
    doc = Document.open(w.document.path, read_only=True)
    try:
        return doc.board
    finally:
        doc.close()


def actor(board: Board, title: str) -> Card:
    return next(c for c in board.cards.values() if c.kind == "actor" and c.title == title)


def entities(board: Board) -> dict:
    return {(type(e).__name__, e.id): e for e in board.entities()}


def show(w: MainWindow, ids: list[str]) -> None:
    """Zoom so the cards are all in view (at most 100 %)."""
    rect = w.scene.bounds_of(ids).adjusted(-60, -60, 60, 60)
    vp = w.view.viewport().rect()
    w.view.set_zoom(min(1.0, vp.width() / rect.width(), vp.height() / rect.height()))
    w.view.centerOn(rect.center())
    QApplication.processEvents()


def point(w: MainWindow, card: Card) -> QPoint:
    return w.view.mapFromScene(QPointF(card.x + card.width / 2, card.y + card.height * 0.7))


def click(w: MainWindow, card: Card, ctrl: bool = False) -> None:
    vp = w.view.viewport()
    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    QTest.mouseMove(vp, point(w, card))
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, mods, point(w, card))
    QApplication.processEvents()


def select_by_clicks(w: MainWindow, *titles: str) -> list[Card]:
    board = w.document.board
    cards = [actor(board, t) for t in titles]
    show(w, [c.id for c in cards])
    for n, c in enumerate(cards):
        click(w, c, ctrl=n > 0)
    assert set(w.selected_ids()) == {c.id for c in cards}
    return cards


def shortcut(w: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    """Press a shortcut on the canvas, the window active (as under a hand)."""
    w.activateWindow()
    w.view.setFocus()
    QApplication.processEvents()
    QTest.keyClick(w.view, key, mods)
    QApplication.processEvents()


def context_menu(w: MainWindow, card: Card) -> QMenu:
    """Right click on the card: the menu that pops up."""
    vp = w.view.viewport()
    at = point(w, card)
    QTest.mouseMove(vp, at)
    QTest.mouseClick(vp, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    # what the window system sends after a right click (QTest does not)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                 vp.mapToGlobal(at)))
    QApplication.processEvents()
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose(menu: QMenu, *path: str) -> None:
    """Click the entries of ``path`` in ``menu`` and its submenus, as a hand does."""
    for n, text in enumerate(path):
        entry = next((a for a in menu.actions() if a.text().replace("&", "") == text), None)
        assert entry is not None, [a.text() for a in menu.actions()]
        assert entry.isEnabled(), text
        QTest.mouseMove(menu, menu.actionGeometry(entry).center())
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
        QApplication.processEvents()
        if n < len(path) - 1:
            sub = entry.menu()
            assert isinstance(sub, QMenu) and sub.isVisible()
            menu = sub
    QApplication.processEvents()


def close_popups() -> None:
    while (m := QApplication.activePopupWidget()) is not None:
        m.close()
        QApplication.processEvents()


def quotes(board: Board, card: Card, text: str | None = None) -> list[str]:
    src = {s.id for s in board.sources.values() if text is None or s.text == text}
    return sorted(c.quote for c in board.citations_of(card.id) if c.source_id in src)


def test_merge_by_clicks_and_keyboard_then_undo_restores_exactly(window, tmp_path):
    w = window
    drop_article(w, tmp_path, "first", FIRST)
    before_board = entities(w.document.board)
    before_file = entities(on_disk(w))
    assert before_board == before_file
    company, bare = select_by_clicks(w, "A.P. Moller-Maersk", "Maersk")
    assert w.acts.merge_actors.isEnabled()
    shortcut(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    disk = on_disk(w)
    titles = [c.title for c in disk.cards.values() if c.kind == "actor"]
    assert "Maersk" not in titles and titles.count("A.P. Moller-Maersk") == 1
    kept = actor(disk, "A.P. Moller-Maersk")
    assert kept.id == company.id and kept.aliases == ("Maersk",)
    assert quotes(disk, kept) == ["A.P. Moller-Maersk", "Maersk"]
    assert [(e.rule, e.name, e.value) for e in disk.alias_table.values()] == [
        ("alias", "Maersk", "A.P. Moller-Maersk")]
    assert w.selected_ids() == [company.id]
    assert w.acts.undo.text().startswith("&Undo Merge 2 actors")
    w.acts.undo.trigger()
    QApplication.processEvents()
    assert entities(w.document.board) == before_board
    assert entities(on_disk(w)) == before_file
    assert w.scene.is_shown(bare.id)  # the card is back on the canvas


def test_merge_into_from_the_context_menu_and_not_an_actor(window, tmp_path):
    w = window
    drop_article(w, tmp_path, "first", FIRST)
    company, bare = select_by_clicks(w, "A.P. Moller-Maersk", "Maersk")
    menu = context_menu(w, bare)
    choose(menu, "Merge Into", "Maersk")  # this time the bare spelling keeps the card
    close_popups()
    assert w.selected_ids() == [bare.id]
    disk = on_disk(w)
    assert company.id not in disk.cards and actor(disk, "Maersk").aliases == (
        "A.P. Moller-Maersk",)
    # not an actor: the two halves of "Lloyd's List Intelligence"
    lloyd, half = select_by_clicks(w, "Lloyd", "List Intelligence")
    assert w.acts.not_an_actor.isEnabled() and not w.acts.split_menu.menuAction().isEnabled()
    choose(context_menu(w, half), "Not an Actor")
    close_popups()
    disk = on_disk(w)
    assert lloyd.id not in disk.cards and half.id not in disk.cards
    assert {(e.rule, e.name) for e in disk.alias_table.values()} >= {
        ("reject", "Lloyd"), ("reject", "List Intelligence")}
    undone = entities(w.document.board)
    w.acts.undo.trigger()
    assert lloyd.id in on_disk(w).cards and "reject:lloyd" not in on_disk(w).alias_table
    w.acts.redo.trigger()
    assert entities(on_disk(w)) == undone


def test_retype_in_the_inspector_and_the_next_drop_applies_every_correction(window,
                                                                           tmp_path):
    w = window
    drop_article(w, tmp_path, "first", FIRST)
    select_by_clicks(w, "A.P. Moller-Maersk", "Maersk")
    shortcut(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    select_by_clicks(w, "Lloyd", "List Intelligence")
    shortcut(w, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier
             | Qt.KeyboardModifier.ShiftModifier)
    assert "Lloyd" not in {c.title for c in on_disk(w).cards.values()}
    [port] = select_by_clicks(w, "Port of Haifa")
    combo = w.inspector.actor_type_combo
    assert combo.isVisible() and combo.currentText() == "organisation"
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)  # opens its list
    QApplication.processEvents()
    popup = combo.view()
    assert popup.isVisible()
    QTest.keyClicks(popup, "pla")  # typing jumps to "place"
    QTest.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    disk = on_disk(w)
    assert disk.cards[port.id].actor_type == "place"
    assert disk.alias_table["type:port of haifa"].value == "place"
    # the next article, dropped on the same board
    drop_article(w, tmp_path, "second", SECOND)
    disk = on_disk(w)
    names = {c.title for c in disk.cards.values() if c.kind == "actor"}
    assert not names & {"Maersk", "Lloyd", "List Intelligence"}
    assert quotes(disk, actor(disk, "A.P. Moller-Maersk"), SECOND) == ["Maersk"]
    assert quotes(disk, actor(disk, "Nexoe Maersk"), SECOND) == ["Nexoe Maersk"]
    assert actor(disk, "Port of Haifa").actor_type == "place"


def test_split_and_retype_from_the_context_menu_stick_for_the_next_drop(window, tmp_path):
    w = window
    drop_article(w, tmp_path, "second", SECOND)
    [ship] = select_by_clicks(w, "Nexoe Maersk")
    assert ship.aliases == ("Maersk",)
    assert w.acts.split_menu.menuAction().isEnabled() and not w.acts.merge_actors.isEnabled()
    choose(context_menu(w, ship), "Split Alias Out", "Maersk")
    close_popups()
    disk = on_disk(w)
    split = actor(disk, "Maersk")
    assert w.selected_ids() == [split.id]
    assert quotes(disk, split) == ["Maersk"] and quotes(disk, disk.cards[ship.id]) == [
        "Nexoe Maersk"]
    assert disk.cards[ship.id].aliases == ()
    [ship] = select_by_clicks(w, "Nexoe Maersk")
    choose(context_menu(w, ship), "Change Actor Type", "Vessel")
    close_popups()
    assert on_disk(w).cards[ship.id].actor_type == "vessel"
    drop_article(w, tmp_path, "third", THIRD)
    disk = on_disk(w)
    assert quotes(disk, actor(disk, "Maersk"), THIRD) == ["Maersk"]
    assert quotes(disk, disk.cards[ship.id], THIRD) == ["Nexoe Maersk"]
    assert disk.cards[ship.id].actor_type == "vessel"


def test_the_actor_entries_are_enabled_only_when_they_apply(window, tmp_path):
    w = window
    a = w.acts
    drop_article(w, tmp_path, "first", FIRST)
    w.scene.select_ids([])
    QApplication.processEvents()
    assert not a.merge_actors.isEnabled() and not a.not_an_actor.isEnabled()
    assert not a.retype_menu.menuAction().isEnabled()
    select_by_clicks(w, "Maersk")
    assert not a.merge_actors.isEnabled() and a.not_an_actor.isEnabled()
    assert not a.split_menu.menuAction().isEnabled()  # no alias to split out
    assert a.retype_actions["organisation"].isChecked()
    claim = next(c for c in w.document.board.cards.values() if c.kind == "claim")
    show(w, [actor(w.document.board, "Maersk").id, claim.id])
    click(w, claim, ctrl=True)
    assert not a.not_an_actor.isEnabled() and not a.retype_menu.menuAction().isEnabled()
    menu = context_menu(w, claim)
    texts = [x.text().replace("&", "") for x in menu.actions()]
    close_popups()
    assert "Merge Actors" in texts  # the selection holds an actor: its entries are shown
    w.scene.select_ids([claim.id])
    QApplication.processEvents()
    menu = context_menu(w, claim)
    texts = [x.text().replace("&", "") for x in menu.actions()]
    close_popups()
    assert "Merge Actors" not in texts and "Not an Actor" not in texts


def test_remembered_corrections_are_listed_and_forgotten_by_a_click(window, tmp_path):
    from evidenceboard.windows.corrections_dialog import CorrectionsDialog
    w = window
    drop_article(w, tmp_path, "first", FIRST)
    select_by_clicks(w, "A.P. Moller-Maersk", "Maersk")
    shortcut(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    select_by_clicks(w, "Lloyd")
    choose(context_menu(w, actor(w.document.board, "Lloyd")), "Not an Actor")
    close_popups()
    w.acts.show_corrections.trigger()
    QApplication.processEvents()
    dlg = next(d for d in w.findChildren(CorrectionsDialog) if d.isVisible())
    rows = [dlg.list.topLevelItem(i).text(0) for i in range(dlg.list.topLevelItemCount())]
    assert rows == ["“Maersk” is a spelling of “A.P. Moller-Maersk”",
                    "“Lloyd” is not an actor"]
    assert not dlg.forget.isEnabled()
    item = dlg.list.topLevelItem(1)
    QTest.mouseClick(dlg.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dlg.list.visualItemRect(item).center())
    assert dlg.forget.isEnabled()
    QTest.mouseClick(dlg.forget, Qt.MouseButton.LeftButton)
    assert dlg.list.topLevelItemCount() == 1
    assert "reject:lloyd" not in on_disk(w).alias_table
    dlg.reject()
    w.acts.undo.trigger()  # forgetting is one undo step
    assert "reject:lloyd" in on_disk(w).alias_table
    drop_article(w, tmp_path, "second", SECOND)
    assert "Lloyd" not in {c.title for c in on_disk(w).cards.values()}
