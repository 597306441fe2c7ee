"""Starting the app: run_app opens the board and returns; errors show in a dialog."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from evidenceboard.windows import app as app_module


def test_excepthook_shows_a_dialog_and_restores(monkeypatch, qapp):
    shown: list[tuple[str, str]] = []

    def fake_exec(box):  # noqa: ANN001 - QMessageBox.exec is the UI boundary
        shown.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    before = sys.excepthook
    previous = app_module.install_excepthook()
    try:
        assert previous is before
        try:
            raise ValueError("boom")
        except ValueError as e:
            sys.excepthook(type(e), e, e.__traceback__)
    finally:
        sys.excepthook = previous
    [(text, detail)] = shown
    assert "ValueError: boom" in text
    assert "Traceback" in detail and "boom" in detail


def test_run_app_opens_the_board_and_returns(qtbot, small_board):
    from evidenceboard.windows.main_window import MainWindow
    seen: dict[str, object] = {}

    def close_soon() -> None:
        wins = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]
        for w in wins:
            qtbot.addWidget(w)
        seen["titles"] = [w.windowTitle() for w in wins]
        seen["icon"] = not QApplication.windowIcon().isNull()
        # Closing the last window ends the loop (an extra quit() here would leave a
        # quit pending that ends the next test's event loops early).
        QApplication.closeAllWindows()

    QTimer.singleShot(200, close_soon)
    hook = sys.excepthook
    assert app_module.run_app(small_board.path) == 0
    assert sys.excepthook is hook
    assert seen["titles"] == ["small — EvidenceBoard"]
    assert QApplication.applicationName() == "EvidenceBoard"
    assert seen["icon"]
