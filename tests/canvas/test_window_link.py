"""Drawing a link in the window with a real drag, citing a quote, checking the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.document import Document
from evidenceboard.windows.main_window import MainWindow

from canvas_harness import TEXT


@pytest.fixture
def window(qtbot, seeded, tmp_path: Path):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.open_board(seeded.path)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w._view_restored)
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(300, 150))
    yield w
    w.close()


def test_link_drawn_from_the_handle_is_cited_and_saved(window, seeded, qtbot):
    view, vp = window.view, window.view.viewport()
    dialogs = []
    window.evidenceRequested.connect(dialogs.append)
    c = seeded.c
    src = view.mapFromScene(QPointF(c.x + c.width / 2, c.y + c.height - 8))
    handle = view.mapFromScene(QPointF(c.x + c.width, c.y + c.height / 2))
    target = view.mapFromScene(QPointF(seeded.claim.x + 120, seeded.claim.y + 100))
    qtbot.mouseMove(vp, src)  # hover shows the handle
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=handle)
    for i in range(1, 9):
        qtbot.mouseMove(vp, handle + (target - handle) * i / 8)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    QApplication.processEvents()
    [dlg] = dialogs
    start = TEXT.index("landed in Tel Aviv")
    end = start + len("landed in Tel Aviv")
    dlg.set_source(seeded.source.id)
    dlg.select_range(start, end)
    dlg.label_edit.setText("landed")
    assert dlg.cite_selection()
    link_id = dlg.result_link.id
    assert window.scene.selected_ids() == [link_id]
    assert link_id in window.scene.links.links
    assert window.scene.links.look(link_id).tags[0].text == "landed"
    window.close()
    doc = Document.open(seeded.path)
    try:
        link = doc.board.links[link_id]
        assert (link.from_id, link.to_id, link.label) == (c.id, seeded.claim.id, "landed")
        [cite] = doc.board.citations_of(link_id)
        assert (cite.start, cite.end, cite.quote) == (start, end, "landed in Tel Aviv")
    finally:
        doc.close()


def test_delete_key_path_undo_redo_through_the_window(window, seeded, qtbot):
    window.scene.select_ids([seeded.a.id])
    window.acts.delete.trigger()
    assert window.scene.item_for(seeded.a.id) is None
    window.acts.undo.trigger()
    assert window.scene.item_for(seeded.a.id) is not None
    assert seeded.link.id in window.scene.links.links
    window.acts.redo.trigger()
    assert seeded.link.id not in window.scene.links.links
