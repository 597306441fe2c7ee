"""Shared fixtures for the window tests: small real board files in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from board_factory import SmallBoard, make_small_board

from evidenceboard.document import Document


@pytest.fixture
def small_board(tmp_path: Path) -> SmallBoard:
    return make_small_board(tmp_path / "small.evboard")


@pytest.fixture
def opened(small_board: SmallBoard):
    """The small board opened as a Document with an EditController."""
    from evidenceboard.commands.controller import EditController

    doc = Document.open(small_board.path)
    controller = EditController(doc)
    yield small_board, doc, controller
    doc.close()


@pytest.fixture
def window(qtbot, tmp_path: Path, small_board: SmallBoard):
    """A shown main window (its own settings file) with the small board open."""
    from PySide6.QtCore import QSettings

    from evidenceboard.windows.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(small_board.path)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
