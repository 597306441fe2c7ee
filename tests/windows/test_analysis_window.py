"""The Analyze menu in the window, with real clicks on the demo board: the centrality
table (a click selects, CSV), Find Path (highlighted on the board, listed as an evidence
chain, kept for the report), the timeline (selection shared both ways, filters applied,
exported), sizes and colours on the board, and a long analysis cancelled."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from evidenceboard.analysis.filters import VIEW_STATE_KEY, ViewState
from evidenceboard.analysis.paths import REPORT_CHAINS_KEY, stored_chains
from evidenceboard.demo import write_demo_board
from evidenceboard.export.run import export_board_files
from evidenceboard.render.importance import SIZE_BY_SETTING, DisplaySizes
from evidenceboard.windows.main_window import MainWindow


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.evboard"
    write_demo_board(path)
    return path


@pytest.fixture
def win(qtbot, tmp_path: Path, demo_file: Path):
    board = tmp_path / "demo.evboard"
    shutil.copyfile(demo_file, board)
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(board)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    if w.viewstate.relations_view.isChecked():
        w.viewstate.relations_view.trigger()  # the cards as they are
    yield w
    w.analysis.runner.shutdown()
    w.close()


def _card(w, title: str) -> str:
    return next(c.id for c in w.document.board.cards.values() if c.title == title)


def _wait_runner(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.analysis.runner.running, timeout=60_000)
    QApplication.processEvents()


def _click_row(qtbot, table, row: int) -> None:
    rect = table.visualItemRect(table.item(row, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def _click_card(w, card_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = w.view
    view.set_zoom(1.0)
    view.centerOn(w.scene.card_rect(card_id).center())
    QApplication.processEvents()
    r = w.scene.card_rect(card_id)
    pos = view.mapFromScene(r.left() + r.width() / 2, r.top() + r.height() - 10)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, pos)
    QApplication.processEvents()


def test_centrality_dock_ranks_and_a_click_selects(qtbot, win, tmp_path: Path, monkeypatch):
    w = win
    dock = w.analysis.centrality
    w.analysis.show_centrality.trigger()
    _wait_runner(qtbot, w)
    assert dock.isVisible()
    table = dock.table
    assert table.item(0, 1).text() == "Khalifa Haftar"
    assert table.rowCount() == sum(1 for c in w.document.board.cards.values()
                                   if c.kind == "actor")
    # sortable: a click on the Between header sorts by betweenness
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))
    values = [float(table.item(i, 4).text()) for i in range(table.rowCount())]
    assert values in (sorted(values), sorted(values, reverse=True))
    # a click on a row selects the actor on the board
    israel = _card(w, "Israel")
    _click_row(qtbot, table, dock.row_of(israel))
    assert w.selected_ids() == [israel]
    # Export CSV: the table as shown, with the card ids
    out = tmp_path / "ranks.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dock.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert rows[0][:3] == ["rank", "card", "title"]
    assert {r[2] for r in rows[1:]} >= {"Khalifa Haftar", "Israel"}
    assert len(rows) - 1 == table.rowCount()


def test_size_by_centrality_and_colour_by_community(qtbot, win):
    w = win
    scene = w.scene
    haftar, libya = _card(w, "Khalifa Haftar"), _card(w, "Libya")
    w.acts.size_by_actions["none"].trigger()
    base = scene.card_rect(haftar).width()
    w.acts.size_by_actions["centrality"].trigger()
    assert w.document.board.setting(SIZE_BY_SETTING) == "centrality"
    assert scene.card_rect(haftar).width() > base * 1.2  # the most central, drawn bigger
    assert scene.card_rect(haftar).width() >= scene.card_rect(libya).width()
    # colour by community: the actors of a community share a fill; no undo step
    steps = w.controller.stack.count()
    w.analysis.colour_by_community.trigger()
    _wait_runner(qtbot, w)
    qtbot.waitUntil(lambda: bool(scene.display_colors))
    groups = w.analysis.groups
    assert groups is not None and len(groups.clusters) >= 2
    first, second = groups.clusters[0], groups.clusters[1]
    assert len({scene.display_colors[c] for c in first.members}) == 1
    assert scene.display_colors[first.members[0]] != scene.display_colors[second.members[0]]
    look = scene.item_for(first.members[0]).look()
    assert look.fill.name() == scene.display_colors[first.members[0]]
    assert w.controller.stack.count() == steps
    w.analysis.colour_by_community.trigger()
    assert scene.display_colors == {}


def test_sizes_by_centrality_follow_an_edit(qtbot, win):
    """Deleting the most central actor (click, Delete) re-sizes the others as the board
    now is: the drawn scales are those of a fresh computation, not the old scores."""
    w = win
    scene = w.scene
    w.acts.size_by_actions["centrality"].trigger()
    _wait_runner(qtbot, w)
    haftar = _card(w, "Khalifa Haftar")
    before = {cid: scene.sizing.scale(cid) for cid in w.document.board.cards}
    _click_card(w, haftar)
    assert w.selected_ids() == [haftar]
    QTest.keyClick(w.view.viewport(), Qt.Key.Key_Delete)
    assert haftar not in w.document.board.cards

    def fresh() -> dict[str, float]:
        sizes = DisplaySizes(w.document.board, "centrality")
        return {cid: sizes.scale(cid) for cid in w.document.board.cards}

    want = fresh()
    assert any(abs(want[c] - before[c]) > 0.05 for c in want)  # the edit matters
    qtbot.waitUntil(lambda: not w.analysis.runner.running and all(
        abs(scene.sizing.scale(c) - v) < 1e-6 for c, v in want.items()), timeout=20_000)


def _fill_pixels(image: QImage, colour: str, step: int = 2) -> int:
    want = QColor(colour)
    n = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + \
                    abs(c.blue() - want.blue()) < 12:
                n += 1
    return n


def test_community_colours_reach_the_export_and_its_legend(qtbot, win, tmp_path: Path):
    """Colour by Community on, then File ▸ Export: the PDF's legend lists the
    communities by name and the picture carries their fills; off again, neither."""
    from evidenceboard.analysis.network import community_colour
    from evidenceboard.windows.export_dialog import ExportDialog
    w = win
    w.analysis.colour_by_community.trigger()
    _wait_runner(qtbot, w)
    qtbot.waitUntil(lambda: bool(w.scene.display_colors))
    first = w.analysis.groups.clusters[0]

    def export(fmt: str, out: Path) -> None:
        w.acts.export.trigger()
        dlg = next(d for d in w.findChildren(ExportDialog) if d.isVisible())
        dlg.set_format(fmt)
        if fmt == "png":
            dlg.preset_combo.setCurrentIndex(dlg.preset_combo.findData("slide"))
        dlg.path_edit.setText(str(out))
        with qtbot.waitSignal(dlg.accepted, timeout=60_000):
            qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)

    export("pdf", tmp_path / "coloured.pdf")
    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(str(tmp_path / "coloured.pdf")).pages)
    assert "Communities" in text
    assert f"{first.name} and {len(first.members) - 1} more" in text
    export("png", tmp_path / "coloured.png")
    fill = community_colour(first.index)
    coloured = _fill_pixels(QImage(str(tmp_path / "coloured.png")), fill)
    w.analysis.colour_by_community.trigger()
    assert w.scene.display_colors == {}
    export("pdf", tmp_path / "plain.pdf")
    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(str(tmp_path / "plain.pdf")).pages)
    assert "Communities" not in text
    export("png", tmp_path / "plain.png")
    plain = _fill_pixels(QImage(str(tmp_path / "plain.png")), fill)
    assert coloured > 20 * max(plain, 10), (coloured, plain)


def _type_date(qtbot, edit, text: str) -> None:
    """Type a day into a date field as a keyboard user does: into the field, to its
    year (Home, Tab, Shift+Tab selects it), then the digits (each full section moves on
    to the next)."""
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Home)
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    QTest.keyClick(edit, Qt.Key.Key_Backtab)
    QTest.keyClicks(edit, text.replace("-", ""))
    assert edit.date().toString("yyyy-MM-dd") == text


def test_the_date_filter_keeps_the_claims_of_a_period(qtbot, win):
    """Filter ▸ Date: November 2021 only, hiding the rest: the claims placed then stay
    (yesterday = 1 November, "November 1" in the board's year), the 2017 meetings and
    undated claims go; "and claims stating no date" brings the undated back."""
    from evidenceboard.analysis.dates import claim_period
    w, vs, scene = win, win.viewstate, win.scene
    board = w.document.board
    vs.show_filter.trigger()
    dock = vs.dock
    QTest.mouseClick(dock.hide_button, Qt.MouseButton.LeftButton)
    assert "6 dated claims" in dock.date_note.text()
    assert not dock.date_from.isEnabled()
    box = dock.date_check
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dock.date_from.isEnabled()
    _type_date(qtbot, dock.date_from, "2021-11-01")
    _type_date(qtbot, dock.date_to, "2021-11-30")
    crit = vs.state.filter.get("dates")
    assert crit is not None and (crit.first, crit.last) == ("2021-11-01", "2021-11-30")
    claims = [c for c in board.cards.values() if c.kind == "claim"]
    shown = {c.title[:30] for c in claims if scene.item_for(c.id).isVisible()}
    assert any(t.startswith("A number of Libyan General") for t in shown)
    assert any(t.startswith("Saddam Haftar landed") for t in shown)
    assert not any(t.startswith("In 2017") for t in shown)
    assert len(shown) == 2  # only the two placed in November 2021
    assert all(scene.item_for(c.id).isVisible() for c in board.cards.values()
               if c.kind == "actor")
    assert "claims dated 2021-11-01 to 2021-11-30" in dock.summary.text()
    undated = [c for c in claims if claim_period(board, c.id) is None]
    box = dock.undated_check
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert all(scene.item_for(c.id).isVisible() for c in undated)
    # remembered with the board's view, and cleared by Show Everything
    assert ViewState.from_text(board.setting(VIEW_STATE_KEY), board).filter.get("dates") \
        == vs.state.filter.get("dates")
    QTest.mouseClick(dock.clear_button, Qt.MouseButton.LeftButton)
    assert all(scene.item_for(c.id).isVisible() for c in claims)
    assert not dock.date_check.isChecked()


def test_find_path_highlights_lists_and_goes_to_the_report(qtbot, win, tmp_path: Path):
    w = win
    board = w.document.board
    haftar, barnea = _card(w, "Khalifa Haftar"), _card(w, "David Barnea")
    assert not w.analysis.find_path_action.isEnabled()
    _click_card(w, haftar)
    _click_card(w, barnea, Qt.KeyboardModifier.ControlModifier)
    assert set(w.selected_ids()) == {haftar, barnea}
    assert w.analysis.find_path_action.isEnabled()
    w.analysis.find_path_action.trigger()
    _wait_runner(qtbot, w)
    dock = w.analysis.paths
    assert dock.isVisible() and dock.tree.topLevelItemCount() >= 1
    chain = dock.chains()[0]
    assert chain.cards[0] == haftar and chain.cards[-1] == barnea
    # highlighted: the path's actors and links are what is selected on the board
    selected = set(w.selected_ids())
    assert set(chain.cards) <= selected and set(chain.link_ids) <= selected
    # listed as an evidence chain: hops, then their quotes
    top = dock.tree.topLevelItem(0)
    assert "Khalifa Haftar" in top.text(0) and "David Barnea" in top.text(0)
    hop = top.child(0)
    quotes = [hop.child(i) for i in range(hop.childCount()) if hop.child(i).text(0)
              .startswith("“")]
    assert quotes
    warnings = [top.child(k).child(i).text(0) for k in range(top.childCount())
                for i in range(top.child(k).childCount())
                if top.child(k).child(i).text(0).startswith("⚠")]
    assert any("denial" in t for t in warnings)
    # a click on a quote selects its link (scrolled to, as the user would)
    dock.tree.scrollToItem(quotes[0])
    rect = dock.tree.visualItemRect(quotes[0])
    QTest.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert w.selected_ids() == [quotes[0].data(0, Qt.ItemDataRole.UserRole)[0]]
    # Add to Report: one undo step, and the report lists the chain
    dock.tree.setCurrentItem(top)
    qtbot.mouseClick(dock.report_button, Qt.MouseButton.LeftButton)
    kept = stored_chains(board)
    assert [c.link_ids for c in kept] == [chain.link_ids]
    out = tmp_path / "report.html"
    export_board_files(board, "report", out)
    html = out.read_text("utf-8")
    section = html[html.index('id="chains"'):]
    assert "Khalifa Haftar → " in section and "David Barnea" in section
    w.undo_group.undo()
    assert board.setting(REPORT_CHAINS_KEY) in (None, "", "[]") or not stored_chains(board)


def test_ego_network_and_common_neighbours_select(qtbot, win):
    w = win
    haftar, israel = _card(w, "Khalifa Haftar"), _card(w, "Israel")
    _click_card(w, haftar)
    w.analysis.ego_actions[1].trigger()
    ids = set(w.selected_ids())
    assert haftar in ids and israel in ids
    assert all(i in w.document.board.cards or i in w.document.board.links for i in ids)
    _click_card(w, haftar)
    _click_card(w, israel, Qt.KeyboardModifier.ControlModifier)
    w.analysis.common.trigger()
    picked = set(w.selected_ids()) - {haftar, israel}
    assert picked  # e.g. Saddam Haftar, the UAE


def _timeline(qtbot, w):
    w.analysis.show_timeline.trigger()
    dock = w.analysis.timeline
    qtbot.waitUntil(lambda: dock.isVisible() and bool(dock.view.model.rows), timeout=10_000)
    dock.view.fit()
    dock.view.repaint()
    QApplication.processEvents()
    return dock


def test_timeline_selection_syncs_with_the_board_both_ways(qtbot, win, tmp_path: Path):
    w = win
    board = w.document.board
    dock = _timeline(qtbot, w)
    aides = next(c.id for c in board.cards.values()
                 if c.title.startswith("A number of Libyan General Khalifa Haftar"))
    row = next(r for r in dock.view.model.rows if r.card == aides)
    assert row.when == "2021-11-01"
    # a click on its marker selects the claim on the board
    rect = dock.view.marker_rect(aides)
    assert rect is not None
    QTest.mouseClick(dock.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center().toPoint())
    assert w.selected_ids() == [aides]
    # and it is ringed in the timeline: the selection colour is painted at the marker
    dock.view.repaint()
    image = dock.view.grab().toImage()
    ring = dock.view.marker_rect(aides)
    blue = [image.pixelColor(int(ring.left()) + dx, int(ring.center().y()))
            for dx in range(0, int(ring.width()) + 1)]
    assert any(c.blue() > 150 and c.red() < 120 for c in blue)
    # the other way: a claim clicked on the board is selected in the timeline
    landed = next(c.id for c in board.cards.values()
                  if c.title.startswith("Saddam Haftar landed"))
    _click_card(w, landed)
    assert w.selected_ids() == [landed]
    assert dock.view.selected == {landed}
    # empty timeline space clears the board's selection
    QTest.mouseClick(dock.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(dock.view.width() - 5, dock.view.height() - 5))
    assert w.selected_ids() == []
    # filters apply: a claim hidden on the board leaves the timeline
    _click_card(w, landed)
    w.viewstate.hide_selected.trigger()
    qtbot.waitUntil(lambda: all(r.card != landed for r in dock.view.model.rows))
    w.viewstate.show_all.trigger()
    qtbot.waitUntil(lambda: any(r.card == landed for r in dock.view.model.rows))
    # lanes per source, zoom and export
    dock.lanes.setCurrentIndex(1)
    assert {ln.key for ln in dock.view.model.lanes} <= set(board.sources)
    before = dock.view.geo.px_per_day
    qtbot.mouseClick(dock.zoom_in, Qt.MouseButton.LeftButton)
    assert dock.view.geo.px_per_day > before
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        path = dock.export(tmp_path / f"timeline.{fmt}")
        assert path.read_bytes().startswith(magic)
    assert "Saddam Haftar landed" in (tmp_path / "timeline.svg").read_text("utf-8")


def test_a_long_analysis_runs_off_the_gui_thread_and_cancels(qtbot, tmp_path: Path):
    from evidenceboard.synthetic import write_synthetic_board
    board = tmp_path / "big.evboard"
    write_synthetic_board(board, cards=3000, links=6000, seed=2, kinds="actors")
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(board)
    w.show()
    qtbot.waitExposed(w)
    runner = w.analysis.runner
    runner.SHOW_AFTER_MS = 0
    seen = []
    runner.progressed.connect(lambda d, t: seen.append((d, t)))
    w.analysis.show_centrality.trigger()
    assert runner.running
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)  # the GUI thread kept running
    dialog = runner.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        cancel = next(b for b in dialog.findChildren(QPushButton) if "Cancel" in b.text())
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not runner.running
    assert w.analysis.result is None  # nothing delivered
    runner.shutdown()
    w.close()


def test_arrange_by_community_is_one_undo_step(qtbot, win):
    w = win
    board = w.document.board
    before = {c.id: (c.x, c.y) for c in board.cards.values()}
    steps = w.controller.stack.count()
    w.analysis.arrange.trigger()
    _wait_runner(qtbot, w)
    qtbot.waitUntil(lambda: w.controller.stack.count() == steps + 1, timeout=60_000)
    groups = w.analysis.groups
    moved = [c for c in groups.by_card if (board.cards[c].x, board.cards[c].y) != before[c]]
    assert moved
    assert "by community" in w.controller.stack.text(steps)
    w.undo_group.undo()
    assert {c.id: (c.x, c.y) for c in board.cards.values()} == before


def test_two_articles_dating_an_event_differently_show_as_a_contradiction(qtbot, tmp_path):
    from evidenceboard.analysis.dates import date_conflicts
    from evidenceboard.document import Document
    from evidenceboard.importer.reading import read_article_text
    from evidenceboard.importer.to_board import import_edit
    texts = ["Jet lands in Valletta\n\n2021-03-10\n\nAnna Berg met Omar Said in Valletta on "
             "March 8, the Port Gazette has learned.\n",
             "Valletta meeting questioned\n\n2021-03-20\n\nAnna Berg met Omar Said on March "
             "12 at a hotel in Valletta, the Harbour Herald reported.\n"]
    path = tmp_path / "dates.evboard"
    doc = Document.create(path)
    doc.apply(import_edit(doc.board, [read_article_text(t) for t in texts]))
    (conflict,) = date_conflicts(doc.board)
    doc.close()
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(path)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    panel = w.evidence_panel
    qtbot.waitUntil(lambda: any(set(e[:2]) == {conflict.first, conflict.second}
                                for e in panel.entries("contradictions")))
    _click_card(w, conflict.first)
    button = w.inspector.findChild(QPushButton, "contradictedButton")
    assert button is not None and button.isVisible()
    assert button.text() == "Contradicted by 1 claim"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert conflict.second in w.selected_ids()
    w.close()


def test_closing_the_window_waits_for_a_cancelled_analysis(qtbot, tmp_path: Path):
    from evidenceboard.synthetic import write_synthetic_board
    board = tmp_path / "mid.evboard"
    write_synthetic_board(board, cards=1500, links=3000, seed=3, kinds="actors")
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(board)
    w.show()
    qtbot.waitExposed(w)
    runner = w.analysis.runner
    w.analysis.show_centrality.trigger()
    worker = runner._worker
    assert worker is not None
    runner.cancel()  # the thread goes on to its next check
    w.close()  # must wait for it: a QThread destroyed while running aborts the process
    assert worker.isFinished()
