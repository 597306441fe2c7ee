"""What the team-board window tests share: a shown window with its own settings file,
and renaming a card on the canvas the user's way (double-click its title, type,
Return)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.windows.main_window import MainWindow


def team_window(qtbot, tmp_path: Path, tag: str) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / f"{tag}.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1100, 750)
    w.show()
    qtbot.waitExposed(w)
    return w


def rename_in_place(qtbot, w: MainWindow, card_id: str, text: str) -> None:
    """Double-click the card's title on the canvas, type, Return (the user's way)."""
    view, scene = w.view, w.scene
    qtbot.waitUntil(lambda: w.files.view_restored)
    item = scene.item_for(card_id)
    view.set_zoom(1.0)
    view.centerOn(item)
    QApplication.processEvents()
    pos = view.mapFromScene(item.title_rect().center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    editor = view.editor
    assert editor.isVisible() and editor.card_id == card_id
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
