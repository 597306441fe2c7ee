"""On the demo board, trigger every enabled action and press every enabled button of the
main window, its docks and the dialogs they open — in several selection states, with the
dialogs cancelled, then accepted — and fail on any exception raised inside a Qt callback
(tests/conftest.py turns those into failures).  The actions and buttons are found by
walking the window, not listed here, so a new one is covered automatically.

A hang cannot hide: every step must leave no dialog open within its time limit, and
faulthandler ends the whole process (with every thread's stack) if the test itself
stalls.
"""

from __future__ import annotations

import faulthandler
import shutil
from pathlib import Path

import pytest
from control_walker import DialogDriver, actions_of, click, label, window_buttons
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from evidenceboard.analysis.contradictions import contradicting
from evidenceboard.demo import write_demo_board
from evidenceboard.document import Document
from evidenceboard.paths import seeds_dir
from evidenceboard.windows.main_window import MainWindow

#: Triggered last: they end the window.
LAST = ("Close", "Quit")
STATES = ("nothing", "actor and words", "link and words", "claim and its citation",
          "everything", "faded below B2")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    return write_demo_board(tmp_path_factory.mktemp("demo") / "demo.evboard")


@pytest.fixture
def walk(qtbot, tmp_path: Path, demo_file: Path):
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    board = tmp_path / "demo.evboard"
    shutil.copyfile(demo_file, board)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copyfile(board, inputs / "colleague.evboard")
    shutil.copyfile(next(seeds_dir().glob("001_*.txt")), inputs / "article.txt")
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(board)
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.files.view_restored)
    faulthandler.dump_traceback_later(900, exit=True)
    yield w, board, tmp_path
    faulthandler.cancel_dump_traceback_later()
    w.close()


# --------------------------------------------------------------------- states
def _card_point(w, card) -> QPoint:
    return w.view.mapFromScene(QPointF(card.x + card.width / 2, card.y + card.height * 0.8))


def _click_canvas(w, pos: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mouseMove(w.view.viewport(), pos)
    QTest.mouseClick(w.view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos)
    QApplication.processEvents()


def _focus_on(w, ids) -> None:
    """Zoom to 100 % on the items (cards readable, links hit-testable)."""
    w.view.set_zoom(1.0)
    w.view.centerOn(w.scene.bounds_of(ids).center())
    QApplication.processEvents()


def _pick(w):
    """An actor, a claim citing a source, and a cited link whose middle is clear."""
    b = w.document.board
    actor = next(c for c in sorted(b.cards.values(), key=lambda c: c.id)
                 if c.kind == "actor" and b.citations_of(c.id))
    claim = next(c for c in sorted(b.cards.values(), key=lambda c: c.id)
                 if c.kind == "claim" and b.citations_of(c.id) and contradicting(b, c.id))
    link = None
    for lk in sorted(b.links.values(), key=lambda lk: lk.id):
        if not b.citations_of(lk.id):
            continue
        look = w.scene.links.look(lk.id)
        mid = look.geometry.mid if look is not None else None
        # Clear of cards, and this link is what a click there at 100 % hits (not another
        # link's tags or a crossing link: the demo's ids are new on every build).
        if (mid is not None and w.scene.card_item_at(mid) is None
                and w.scene.links.link_at(mid, 6.0) == lk.id):
            link = (lk, mid)
            break
    assert link is not None
    return actor, claim, link


def _select_words(w) -> None:
    """Drag over words of the article shown beside the board."""
    text = w.source_viewer.text
    pos = text.positions
    src = w.source_viewer.current_source()
    assert pos is not None and src is not None
    c = text.textCursor()
    start = max(0, c.selectionStart())
    from PySide6.QtGui import QTextCursor
    cur = QTextCursor(text.document())
    cur.setPosition(start + 2)
    a = text.cursorRect(cur).center()
    cur.setPosition(min(pos.doc_length, start + 30))
    z = text.cursorRect(cur).center()
    vp = text.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(vp, (a + z) / 2)
    QTest.mouseMove(vp, z)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, z)
    QApplication.processEvents()


def enter_state(w, state: str) -> None:
    """Reach ``state`` with the mouse and keys, as a user would."""
    actor, claim, (link, mid) = _pick(w)
    w.scene.select_ids([])
    if state == "actor and words":
        _focus_on(w, [actor.id])
        _click_canvas(w, _card_point(w, actor))
        assert w.selected_ids() == [actor.id]
        _select_words(w)
        assert w.source_viewer.selected_range() is not None
    elif state == "link and words":
        _focus_on(w, [link.id])
        _click_canvas(w, w.view.mapFromScene(mid))
        assert w.selected_ids() == [link.id]
        _select_words(w)
    elif state == "claim and its citation":
        _focus_on(w, [claim.id])
        _click_canvas(w, _card_point(w, claim))
        assert w.selected_ids() == [claim.id]
        tree = w.inspector.citations
        item = tree.topLevelItem(0) if hasattr(tree, "topLevelItem") else tree.item(0)
        rect = tree.visualItemRect(item)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QApplication.processEvents()
    elif state == "faded below B2":
        w.acts.grade_actions["B2"].trigger()
        assert w.fade_notice.isVisible()
    elif state == "everything":
        w.view.setFocus()
        QTest.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        assert len(w.selected_ids()) > 100


class Restorer:
    """Puts the window back after each press: the board (undo to where it was), the
    board file open, the checkable actions (pressed again), the selection."""

    def __init__(self, w, board: Path, acts) -> None:
        self.w, self.board = w, board
        self.checked = {a: a.isChecked() for a in acts if a.isCheckable()}
        self.index = w.controller.stack.index()
        self.selection = w.selected_ids()
        self.words = w.source_viewer.selected_range()
        self.source = w.source_viewer.source_id()

    def __call__(self) -> None:
        w = self.w
        if w.document is None or w.document.path != self.board:
            assert w.files.open_board(self.board)
            QApplication.processEvents()
        for a, on in self.checked.items():
            try:
                if a.isChecked() != on and a.isEnabled():
                    a.trigger()
            except RuntimeError:
                continue
        stack = w.controller.stack
        if stack.index() > self.index or stack.count() < self.index:
            stack.setIndex(min(self.index, stack.count()))
        for dock in w.docks():
            dock.show()
        w.scene.select_ids(self.selection)
        if self.source is not None and self.source in w.document.board.sources:
            w.source_viewer.show_source(self.source)
        if self.words is not None:
            w.source_viewer.select_range(*self.words)
        QApplication.processEvents()


def press_everything(w, board: Path, driver: DialogDriver, state: str) -> list[str]:
    done: list[str] = []
    acts = [a for a in actions_of(w, driver) if label(a) not in LAST]
    assert len(acts) > 40
    restore = Restorer(w, board, acts)
    for a in acts:
        try:
            enabled = a.isEnabled()
        except RuntimeError:
            continue
        if not enabled:
            continue
        a.trigger()
        driver.settle()
        done.append(f"action {label(a)}")
        restore()
    for b in window_buttons(w):
        try:
            if not (b.isEnabled() and b.isVisible()):
                continue
            name = label(b)
        except RuntimeError:  # rebuilt meanwhile (a list refreshed)
            continue
        click(b)
        driver.settle()
        done.append(f"button {name}")
        restore()
    # The canvas context menus (on a card, on a link, on empty space): each entry.
    actor, _claim, (_link, mid) = _pick(w)
    _focus_on(w, [actor.id])
    for where in (_card_point(w, actor), w.view.mapFromScene(mid), QPoint(5, 5)):
        i = 0
        while True:
            entries = _context_entries(w, where, driver)
            if i >= len(entries):
                break
            entry = entries[i]
            i += 1
            if entry.isEnabled():
                done.append(f"menu {label(entry)}")
                entry.trigger()
                driver.settle()
            restore()
    return done


def _context_entries(w, where: QPoint, driver: DialogDriver) -> list:
    driver.timer.stop()  # keep the menu open while reading it
    try:
        vp = w.view.viewport()
        QTest.mouseMove(vp, where)
        QTest.mouseClick(vp, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, where)
        # What the window system sends after a right click (QTest does not):
        QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                     vp.mapToGlobal(where)))
        QApplication.processEvents()
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        entries = []

        def walk(m: QMenu) -> None:
            for a in m.actions():
                if isinstance(a.menu(), QMenu):
                    walk(a.menu())
                elif not a.isSeparator():
                    entries.append(a)
        walk(menu)
        menu.close()
        return entries
    finally:
        driver.timer.start()


def _draw_a_link(w, driver: DialogDriver) -> None:
    """Drag from one card to another: the evidence dialog opens (and is driven)."""
    actor, claim, _ = _pick(w)
    _focus_on(w, [actor.id, claim.id])
    w.acts.link_mode.setChecked(True)
    vp = w.view.viewport()
    a, b = _card_point(w, actor), _card_point(w, claim)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 7):
        QTest.mouseMove(vp, a + (b - a) * i / 6)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    driver.settle()
    w.acts.link_mode.setChecked(False)


@pytest.mark.parametrize("state", STATES)
def test_every_enabled_control_in_each_state_with_dialogs_cancelled(walk, state):
    w, board, folder = walk
    driver = DialogDriver(w, folder, mode="cancel")
    try:
        enter_state(w, state)
        done = press_everything(w, board, driver, state)
        if state == "nothing":
            _draw_a_link(w, driver)
    finally:
        driver.stop()
    assert any(d.startswith("action ") for d in done)
    assert any(d.startswith("button ") for d in done) or state in ("nothing", "everything")
    if state == "claim and its citation":
        assert any(d.startswith("button Contradicted by") for d in done)
    if state == "faded below B2":
        assert "button Show All" in done
    if state == "actor and words":
        assert "button New Claim" in done
        assert "button Cite for Selection" in done
    if state == "nothing":
        assert any(p.startswith("EvidenceDialog") for p in driver.pressed + driver.handled)
    assert not driver.busy()
    _finish(w, board)


def test_every_enabled_control_with_dialogs_accepted(walk):
    w, board, folder = walk
    driver = DialogDriver(w, folder, mode="accept")
    try:
        enter_state(w, "actor and words")
        press_everything(w, board, driver, "actor and words")
        _draw_a_link(w, driver)
    finally:
        driver.stop()
    handled = " ".join(driver.handled)
    for dialog in ("QFileDialog accepted", "ExportDialog", "AboutDialog",
                   "ShortcutsDialog", "QPrintDialog accepted", "EvidenceDialog"):
        assert dialog in handled or any(p.startswith(dialog) for p in driver.pressed), dialog
    assert list((folder).glob("walk-*")), "accepted file dialogs wrote nothing"
    _finish(w, board)


def _finish(w, board: Path) -> None:
    """Close and Quit last; the board file must open cleanly afterwards."""
    driver = DialogDriver(w, board.parent)
    try:
        for a in actions_of(w, driver):
            if label(a) in LAST and a.isEnabled():
                a.trigger()
                driver.settle()
    finally:
        driver.stop()
    assert not w.isVisible()
    doc = Document.open(board)
    try:
        assert len(doc.board.sources) >= 5 and len(doc.board.cards) > 100
    finally:
        doc.close()

