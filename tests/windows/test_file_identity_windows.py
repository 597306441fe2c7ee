"""A board under two names (a hard link) open in two windows: the second is read-only
and says why (moved from tests/store: it needs the window)."""

from __future__ import annotations

import os
from pathlib import Path

from evidenceboard.document import Document


def test_two_windows_on_two_names_of_one_board(tmp_path: Path, qtbot):
    from PySide6.QtCore import QSettings

    from evidenceboard.windows.main_window import MainWindow
    a, b = tmp_path / "a.evboard", tmp_path / "b.evboard"
    Document.create(a).close()
    windows = []
    for path in (a, b):
        w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        windows.append(w)
        assert w.files.open_board(path)
        if path == a:
            os.link(a, b)
    first, second = windows
    assert not first.document.read_only
    assert second.document.read_only
    assert "2 names (hard links)" in second.banner.text()
    assert second.editing.insert_card("note") is None
    assert first.editing.insert_card("note") is not None
    for w in windows:
        w.close()
    assert len(Document.open(a, read_only=True).board.cards) == 1
