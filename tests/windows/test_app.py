"""Starting the app: run_app opens the board and returns; errors show in a dialog."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from evidenceboard.windows import app as app_module


def test_excepthook_shows_a_dialog_and_restores(monkeypatch, qapp):
    shown: list[tuple[str, str]] = []

    def fake_exec(box):
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


def _closer(qtbot, seen: dict[str, object], until=None, patience_ms: int = 20000):
    """Notes what the app's windows show in ``seen``, then closes them (which ends
    run_app's loop).  ``until``: wait (polling, up to ``patience_ms``: a loaded machine
    is slow) until it holds for the titles shown before noting and closing."""
    import time

    from evidenceboard.windows.main_window import MainWindow

    deadline = time.monotonic() + patience_ms / 1000

    def wins() -> list:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]

    def close_soon() -> None:
        if until is not None and not until([w.windowTitle() for w in wins()]) \
                and time.monotonic() < deadline:
            QTimer.singleShot(50, close_soon)
            return
        shown = wins()
        for w in shown:
            qtbot.addWidget(w)
        seen["titles"] = [w.windowTitle() for w in shown]
        seen["icon"] = not QApplication.windowIcon().isNull()
        # Closing the last window ends the loop (an extra quit() here would leave a
        # quit pending that ends the next test's event loops early).
        QApplication.closeAllWindows()

    return close_soon


def test_run_app_opens_the_board_and_returns(qtbot, small_board):
    seen: dict[str, object] = {}
    QTimer.singleShot(200, _closer(qtbot, seen))
    hook = sys.excepthook
    assert app_module.run_app(small_board.path) == 0
    assert sys.excepthook is hook
    assert seen["titles"] == ["small — EvidenceBoard"]
    assert QApplication.applicationName() == "EvidenceBoard"
    assert seen["icon"]


def test_a_file_the_system_asks_to_open_opens_in_the_window(qtbot, tmp_path, small_board):
    """macOS delivers a board double-clicked in the Finder to the running app as a
    QFileOpenEvent on the application: it opens like File > Open (and a refused file
    leaves the open board as it was)."""
    from board_factory import make_small_board
    from PySide6.QtCore import QSettings, QUrl
    from PySide6.QtGui import QFileOpenEvent

    from evidenceboard.windows.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    app = QApplication.instance()
    opener = app_module.FileOpenHandler(w)
    app.installEventFilter(opener)
    try:
        QApplication.postEvent(app, QFileOpenEvent(str(small_board.path)))
        qtbot.waitUntil(lambda: w.document is not None)
        assert w.document.path == small_board.path
        assert w.isVisible()
        other = make_small_board(tmp_path / "other board.evboard")
        QApplication.postEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(other.path))))
        qtbot.waitUntil(lambda: w.document is not None and w.document.path == other.path)
        # A file that is not a board: refused with a message, the board stays open.
        bogus = tmp_path / "not a board.evboard"
        bogus.write_bytes(b"hello")
        refusals: list[str] = []

        def refuse() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                refusals.append(box.text())
                box.done(0)

        timer = QTimer()
        timer.timeout.connect(refuse)
        timer.start(20)
        QApplication.postEvent(app, QFileOpenEvent(str(bogus)))
        qtbot.waitUntil(lambda: bool(refusals), timeout=5000)
        timer.stop()
        assert "not a board.evboard" in refusals[0]
        assert w.document.path == other.path
    finally:
        app.removeEventFilter(opener)
        w.close()


def test_run_app_opens_what_the_system_sends_it(qtbot, tmp_path, small_board):
    """The handler is installed by run_app itself (the bundle's start)."""
    from board_factory import make_small_board
    from PySide6.QtGui import QFileOpenEvent

    other = make_small_board(tmp_path / "sent.evboard")
    seen: dict[str, object] = {}

    def send() -> None:
        QApplication.postEvent(QApplication.instance(), QFileOpenEvent(str(other.path)))

    QTimer.singleShot(100, send)
    QTimer.singleShot(600, _closer(qtbot, seen,
                                   until=lambda titles: "sent — EvidenceBoard" in titles))
    assert app_module.run_app(small_board.path) == 0
    assert seen["titles"] == ["sent — EvidenceBoard"]
