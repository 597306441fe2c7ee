"""Opening a big board shows progress with a Cancel button; Cancel leaves everything as
it was (the open board stays, the big file is untouched, its lock let go)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from evidenceboard.synthetic import write_synthetic_board
from evidenceboard.windows.main_window import MainWindow


def _fingerprint(path: Path) -> tuple[bytes, int]:
    data = path.read_bytes()
    return data[:4096] + data[-4096:], len(data)


@pytest.fixture(scope="module")
def big_board(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big board.evboard"
    write_synthetic_board(path, cards=20_000, links=40_000)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, small_board):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(small_board.path)
    w.show()
    yield w
    w.close()


def test_cancel_in_the_progress_dialog_leaves_everything_as_it_was(window, small_board,
                                                                    big_board):
    before = _fingerprint(big_board)
    opener = window.files.opener
    opener.show_after_s = 0.1  # (0.4 s by default; a fast machine checks it in ~1 s)
    seen: dict[str, object] = {}

    def click_cancel() -> None:
        dialog = opener.dialog
        assert dialog is not None and dialog.isVisible()
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        seen["label"] = dialog.labelText()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    # the user clicks Cancel as soon as the dialog is on screen
    opener.dialogShown.connect(lambda: QTimer.singleShot(0, click_cancel))
    assert window.files.open_board(big_board) is False
    assert "label" in seen, "the progress dialog never showed"
    assert "Checking big board.evboard" in str(seen["label"])
    assert opener.dialog is None and not opener.busy
    # nothing changed: the small board is still the open one, the big file is as it was
    assert window.document is not None and window.document.path == small_board.path
    assert "cancelled" in window.statusBar().currentMessage()
    assert _fingerprint(big_board) == before
    assert not Path(f"{big_board}-wal").exists()
    # and the big board opens afterwards (no lock left behind), the dialog showing
    opener.dialogShown.disconnect()
    shown: list[bool] = []
    opener.dialogShown.connect(lambda: shown.append(True))
    assert window.files.open_board(big_board)
    assert len(window.document.board.cards) == 20_000
    assert shown == [True]
