"""Importing articles into the open board: drag and drop, one undo step, cancellable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QSettings, QUrl

from evidenceboard.document import Document
from evidenceboard.paths import seeds_dir
from evidenceboard.windows.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, small_board):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(small_board.path)
    w.show()
    yield w
    w.close()


def _seeds(n: int) -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))[:n]


def test_dropped_article_files_are_one_undo_step(window, small_board):
    board = window.document.board
    before = (len(board.sources), len(board.cards), len(board.links), len(board.citations))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _seeds(2)])
    assert window.drops.accepts_mime(mime)
    assert window.drops.handle_drop(mime)
    assert len(board.sources) == before[0] + 2
    assert window.controller.stack.count() == 1
    window.acts.undo.trigger()
    assert (len(board.sources), len(board.cards), len(board.links),
            len(board.citations)) == before
    window.acts.redo.trigger()
    window.close()
    doc = Document.open(small_board.path)
    try:
        assert len(doc.board.sources) == before[0] + 2
        for c in doc.board.citations.values():
            assert doc.board.sources[c.source_id].text[c.start:c.end] == c.quote
    finally:
        doc.close()


def test_dropped_plain_text_is_imported(window):
    board = window.document.board
    n = len(board.sources)
    text = _seeds(1)[0].read_text("utf-8")
    mime = QMimeData()
    mime.setText(text)
    assert window.drops.handle_drop(mime)
    assert len(board.sources) == n + 1


def test_cancelled_import_changes_nothing(window, small_board):
    board = window.document.board
    before = {k: dict(getattr(board, k)) for k in ("sources", "cards", "links", "citations")}
    importer = window.imports.importer
    importer.progressed.connect(
        lambda done, total: importer.dialog.cancel() if importer.dialog else None)
    assert not window.imports.import_files(_seeds(3))
    assert {k: dict(getattr(board, k)) for k in before} == before
    assert window.controller.stack.count() == 0
    assert "cancelled" in window.statusBar().currentMessage()
