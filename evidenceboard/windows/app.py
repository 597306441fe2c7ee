"""Starting the desktop app: ``evidenceboard [BOARD]`` calls :func:`run_app`.

Errors raised inside Qt callbacks would otherwise only print to a terminal the user may
not have: :func:`install_excepthook` shows them in a dialog (and still prints them).

On macOS a board double-clicked in the Finder (or dropped on the Dock icon) reaches the
running app as a ``QFileOpenEvent`` on the application, not as an argument:
:class:`FileOpenHandler` opens it in the window.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir
from . import plain
from .main_window import MainWindow

APP_NAME = "EvidenceBoard"
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def app_icon() -> QIcon | None:
    icon = resources_dir() / "icons" / "evidenceboard.svg"
    return QIcon(str(icon)) if icon.exists() else None


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, named for QSettings and the desktop."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("org.evidenceboard.EvidenceBoard")
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


class FileOpenHandler(QObject):
    """Opens the files the system asks the running app to open (``QFileOpenEvent``:
    macOS's Finder, Dock and "Open With"), in ``window``, as File ▸ Open would."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file() or event.url().toLocalFile()
        if path:
            # After the event returns: opening shows dialogs (a refusal, progress).
            QTimer.singleShot(0, lambda: self._open(Path(path)))
        return True

    def _open(self, path: Path) -> None:
        window = self._window
        window.files.open_board(path)
        window.show()
        window.raise_()
        window.activateWindow()


def install_excepthook() -> ExceptHook:
    """Show uncaught exceptions in a dialog instead of dying silently.

    Returns the previous hook (to restore it).  Re-entrant errors (an error while the
    dialog is up) are only printed.
    """
    previous = sys.excepthook
    showing = [False]

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        if showing[0] or QApplication.instance() is None:
            return
        showing[0] = True
        try:
            plain.message_box(None, plain.Icon.Critical, "Unexpected error",
                              f"EvidenceBoard hit an unexpected error: {exc_type.__name__}: "
                              f"{exc}\n\nYour board file is safe: every change is saved "
                              "when it is made. You can keep working or restart the app.",
                              detail=text).exec()
        finally:
            showing[0] = False

    sys.excepthook = hook
    return previous


def run_app(path: Path | str | None, *, quit_after: float | None = None) -> int:
    """Open the app on ``path`` (or on the demo board) and run until it quits.

    ``quit_after`` (seconds) closes the window that long after it is shown, through the
    same close as the user's (the board is compacted, the layout saved), so a smoke test
    of a bundle proves the whole start-to-quit path with exit status 0.
    """
    app = make_application()
    previous = install_excepthook()
    try:
        window = MainWindow()
        opener = FileOpenHandler(window)
        app.installEventFilter(opener)
        icon = app_icon()
        if icon is not None:
            window.setWindowIcon(icon)
        if path is None:
            # (imported here: the demo needs the importer, which only it loads at start)
            from ..demo import demo_board_path
            try:
                path = demo_board_path()
            except Exception as e:
                plain.warning(window, APP_NAME, f"The demo board could not be prepared: {e}")
                path = None
        if path is not None:
            from ..store.team import is_team_address
            if is_team_address(str(path)):
                window.show()  # (reaching the server shows its progress over the window)
            window.files.open_board(path)
        window.show()
        if quit_after is not None:
            QTimer.singleShot(round(quit_after * 1000), window.close)
        # Let Ctrl+C in the terminal reach Python now and then.
        tick = QTimer()
        tick.start(500)
        tick.timeout.connect(lambda: None)
        try:
            return int(app.exec())
        finally:
            app.removeEventFilter(opener)
    finally:
        sys.excepthook = previous
