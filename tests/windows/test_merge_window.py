"""Merging a colleague's copy in the window: the Compare view highlighted on the canvas,
the Merge dialog driven by real clicks, one Undo taking the merge back, the History dock
and Share Copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_boards import Apart, card_named, edited_apart
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest

from evidenceboard.canvas.diff_overlay import COLORS
from evidenceboard.document import Document
from evidenceboard.model import edits
from evidenceboard.windows.main_window import MainWindow
from evidenceboard.windows.merging import AUTHOR_KEY


@pytest.fixture
def apart(tmp_path: Path) -> Apart:
    return edited_apart(tmp_path)


@pytest.fixture
def win(qtbot, tmp_path: Path, apart: Apart):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(AUTHOR_KEY, "Ada Lovelace")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    assert w.files.open_board(apart.mine)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _near(c: QColor, want: QColor, tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in ((c.red(), want.red()),
                                              (c.green(), want.green()),
                                              (c.blue(), want.blue())))


def _colours_in(w: MainWindow, rect, want: str) -> int:
    """How many pixels of the colour ``want`` the scene paints in ``rect``."""
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    w.scene.render(painter, image.rect().toRectF(), rect)
    painter.end()
    colour = QColor(want)
    return sum(1 for x in range(0, 400, 2) for y in range(0, 400, 2)
               if _near(image.pixelColor(x, y), colour))


def test_compare_highlights_the_changes_on_the_canvas(win: MainWindow, apart: Apart):
    w = win
    egypt = w.scene.card_rect(card_named(w.document.board, "Egypt").id)
    jerusalem = w.scene.card_rect(card_named(w.document.board, "Al-Quds / Jerusalem").id)
    plain = {s: _colours_in(w, r.adjusted(-20, -30, 20, 20), COLORS[s])
             for r, s in ((egypt, "changed"), (jerusalem, "conflict"))}
    comparison = w.merging.compare_with(apart.theirs)
    assert comparison is not None
    counts = comparison.counts()
    assert counts["conflict"] == len(apart.conflicts) and counts["added"] >= 3
    assert w.merging.changes.isVisible()
    assert w.merging.changes.tree.topLevelItemCount() == len(comparison.items)
    assert "conflict" in w.merging.changes.summary.text()
    # Egypt (moved on theirs) is framed in the "changed" colour, Jerusalem in the
    # conflict colour; a card theirs added is drawn as a ghost where theirs has it
    for rect, status in ((egypt, "changed"), (jerusalem, "conflict")):
        around = rect.adjusted(-20, -30, 20, 20)
        assert _colours_in(w, around, COLORS[status]) > plain[status] + 50, status
    ghost = next(i for i in comparison.items if i.status == "added" and i.kind == "card")
    assert ghost.id not in w.document.board.cards
    # nothing was changed by looking
    assert w.controller.stack.count() == 0
    w.merging.changes.clear_button.click()
    assert not w.merging.overlay.shown
    assert _colours_in(w, egypt.adjusted(-20, -30, 20, 20), COLORS["changed"]) == \
        plain["changed"]


def test_the_merge_dialog_by_clicks_then_undo(win: MainWindow, apart: Apart, qtbot):
    w = win
    before = {e.id: e for e in w.document.board.entities()}
    dlg = w.merging.merge_board(apart.theirs)
    assert dlg is not None and dlg.isVisible()
    assert not dlg.merge_button.isEnabled()  # conflicts undecided: nothing can happen
    jerusalem = card_named(w.document.board, "Al-Quds / Jerusalem").id
    keys = list(dlg._groups)
    assert ("card", jerusalem) in keys and len(keys) == len(apart.conflicts)
    for key in keys:
        mine, theirs = dlg.decision_buttons(key)
        button = theirs if key == ("card", jerusalem) else mine
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert dlg.merge_button.isEnabled()
    # accept the proposed actor match by its check box
    match = dlg.matches.topLevelItem(0)
    assert match is not None and match.text(0) == "Abdulhamid Dbeiba"
    match.setCheckState(0, Qt.CheckState.Checked)
    QTest.mouseClick(dlg.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.merging.dialog is None)
    board = w.document.board
    assert board.cards[jerusalem].title == "Jerusalem (city)"
    for card_id, pos in apart.theirs_moves.items():
        assert (board.cards[card_id].x, board.cards[card_id].y) == pos
    assert apart.hafter not in board.cards
    assert w.controller.stack.count() == 1
    assert w.controller.stack.undoText().startswith("Merge theirs.evboard")
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {e.id: e for e in w.document.board.entities()} == before


def test_the_history_dock_lists_who_did_what(win: MainWindow, apart: Apart, qtbot):
    w = win
    dock = w.merging.history
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.tree.topLevelItemCount() > 0)
    authors = {dock.tree.topLevelItem(i).text(1) for i in range(dock.tree.topLevelItemCount())}
    assert authors == {"Ada"}
    card = card_named(w.document.board, "Libya")
    assert w.controller.do(edits.rename_card(card, "State of Libya"))
    qtbot.waitUntil(lambda: dock.tree.topLevelItem(0).text(2) == "Rename card")
    assert dock.tree.topLevelItem(0).text(1) == "Ada Lovelace"
    w.scene.select_ids([card.id])
    dock.scope.setCurrentIndex(1)
    assert [dock.tree.topLevelItem(i).text(2)
            for i in range(dock.tree.topLevelItemCount())][:1] == ["Rename card"]
    assert all(card.id in dock._history.items_of(e.id) for e in dock.entries())
    dock.author.setCurrentIndex(dock.author.findText("Ada"))
    assert all(e.author == "Ada" for e in dock.entries())


def test_share_copy_without_a_source(win: MainWindow, apart: Apart, tmp_path: Path):
    w = win
    source = sorted(w.document.board.sources.values(), key=lambda s: s.id)[0]
    out = w.merging.share_copy(tmp_path / "for-grace.evboard", strip_history=False,
                               redact=[source.id])
    assert out is not None
    copy = Document.open(out, read_only=True)
    assert source.id not in copy.board.sources and copy.history().entries == []
    copy.close()
