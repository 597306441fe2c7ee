"""Drawing a link in the window with a real drag, citing a quote, checking the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from canvas_harness import TEXT
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.document import Document
from evidenceboard.windows.main_window import MainWindow


@pytest.fixture
def window(qtbot, seeded, tmp_path: Path):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(seeded.path)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.files.view_restored)
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


def test_grade_filter_menu_fades_and_is_remembered(window, seeded, qtbot, tmp_path):
    window.acts.grade_actions["B2"].trigger()
    scene = window.scene
    assert scene.grade_filter().label == "B2"
    assert scene.item_for(seeded.b.id).faded  # ungraded
    assert not scene.item_for(seeded.a.id).faded  # B2
    settings = window.settings
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.files.open_board(seeded.path)
    assert again.scene.grade_filter().label == "B2"
    assert again.acts.grade_actions["B2"].isChecked()
    again.acts.grade_actions[""].trigger()
    assert again.scene.grade_filter() is None and not again.scene.faded
    again.close()


def test_search_reveal_centres_a_link(window, seeded):
    window.view.centerOn(QPointF(3000, 3000))
    window.viewing.reveal(seeded.link.id)
    assert window.scene.selected_ids() == [seeded.link.id]
    centre = window.view.visible_scene_rect().center()
    mid = window.scene.links.look(seeded.link.id).geometry.mid
    assert abs(centre.x() - mid.x()) < 30 and abs(centre.y() - mid.y()) < 30
