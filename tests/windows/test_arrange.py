"""Arrange menu on the demo board in a real window: every layout, align, distribute and
pins, triggered as a user triggers them, each one undo step that undo restores exactly
and redo re-applies; the cards glide there and no two overlap afterwards."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, QSettings, Qt
from PySide6.QtTest import QTest

from evidenceboard.analysis.arrange import links_under_cards, overlapping_pairs
from evidenceboard.analysis.arrange.geometry import Box
from evidenceboard.document import Document
from evidenceboard.model import edits


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    from evidenceboard.demo import write_demo_board

    return write_demo_board(tmp_path_factory.mktemp("demo") / "demo.evboard")


@pytest.fixture
def win(qtbot, tmp_path: Path, demo_file: Path):
    from evidenceboard.windows.main_window import MainWindow

    path = tmp_path / "board.evboard"
    shutil.copyfile(demo_file, path)
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(path)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.arranging.glide_ms = 60
    yield w
    w.close()


def positions(w) -> dict[str, tuple[float, float]]:
    return {i: (c.x, c.y) for i, c in w.document.board.cards.items()}


def shown_boxes(w) -> dict[str, Box]:
    """The cards on screen as drawn (display sizes), from the items."""
    out = {}
    for item in w.scene.card_items():
        if item.isVisible():
            r = item.card_rect()
            out[item.card_id] = Box(r.center().x(), r.center().y(), r.width(), r.height())
    return out


def model_boxes(w) -> dict[str, Box]:
    """The cards' own rectangles (what align and distribute line up)."""
    return {i: Box(c.x + c.width / 2, c.y + c.height / 2, c.width, c.height)
            for i, c in w.document.board.cards.items()}


def settle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.scene.gliding, timeout=5000)


def most_linked_actor(board) -> str:
    return max((c for c in board.cards.values() if c.kind == "actor"),
               key=lambda c: (board.link_count(c.id), c.id)).id


LAYOUTS = [("force", None), ("hierarchy", None), ("circle", None), ("radial", None),
           ("groups", "type"), ("groups", "source"), ("groups", "cluster")]


@pytest.mark.parametrize(("method", "by"), LAYOUTS)
def test_each_layout_is_one_undo_step_with_pins_kept_and_no_overlap(qtbot, win, method, by):
    w = win
    board = w.document.board
    scene, stack = w.scene, w.controller.stack
    hub = most_linked_actor(board)
    other = sorted(i for i in board.cards if i != hub)[0]
    # pin two cards through the menu command
    scene.select_ids([hub, other])
    assert w.arranging.pin.isEnabled()
    w.arranging.pin.trigger()
    assert edits.pinned_ids(board) == {hub, other}
    assert not w.arranging.pin.isEnabled() and w.arranging.unpin.isEnabled()
    # radial needs its centre selected; the others work on the whole board
    scene.select_ids([hub] if method == "radial" else [])
    before = positions(w)
    count = stack.count()
    action = w.arranging.layout_actions[(method, by)]
    assert action.isEnabled()
    action.trigger()
    assert stack.count() == count + 1
    after = positions(w)
    moved = [i for i in after if after[i] != before[i]]
    assert len(moved) > len(after) // 2
    assert after[hub] == before[hub] and after[other] == before[other]
    # the cards glide: the model is already there, the items get there
    settle(qtbot, w)
    for item in scene.card_items():
        assert (item.pos().x(), item.pos().y()) == after[item.card_id]
    assert overlapping_pairs(shown_boxes(w)) == []
    # the file holds the layout (one transaction, already committed)
    doc2 = Document.open(w.document.path, read_only=True)
    try:
        assert {i: (c.x, c.y) for i, c in doc2.board.cards.items()} == after
    finally:
        doc2.close()
    w.acts.undo.trigger()
    assert positions(w) == before
    assert stack.count() == count + 1 and stack.index() == count
    w.acts.redo.trigger()
    assert positions(w) == after


def test_shortcut_runs_the_force_layout_and_the_glide_moves_cards(qtbot, win):
    w = win
    w.arranging.glide_ms = 60_000  # slow enough to be caught on its way on a busy machine
    before = positions(w)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_1,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    after = positions(w)
    assert after != before
    assert w.scene.gliding

    def halfway() -> bool:
        # on their way: neither where they were nor where they go
        return any((item.pos().x(), item.pos().y()) not in (before[item.card_id],
                                                            after[item.card_id])
                   for item in w.scene.card_items())
    qtbot.waitUntil(halfway, timeout=10_000)
    # a press on the canvas ends the glide: every card where the model says
    QTest.mousePress(w.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, w.view.viewport().rect().topLeft()
                     + QPoint(3, 3))
    QTest.mouseRelease(w.view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, w.view.viewport().rect().topLeft()
                       + QPoint(3, 3))
    assert not w.scene.gliding
    assert all((i.pos().x(), i.pos().y()) == after[i.card_id] for i in w.scene.card_items())


def test_undo_during_the_glide_puts_everything_back(qtbot, win):
    w = win
    w.arranging.glide_ms = 60_000
    before = positions(w)
    w.arranging.layout_actions[("circle", None)].trigger()
    assert w.scene.gliding
    w.acts.undo.trigger()
    assert not w.scene.gliding
    assert positions(w) == before
    assert all((i.pos().x(), i.pos().y()) == before[i.card_id] for i in w.scene.card_items())


def test_layout_of_a_selection_moves_only_it_and_covers_nothing(qtbot, win):
    w = win
    board = w.document.board
    actors = sorted(i for i, c in board.cards.items() if c.kind == "actor")[:12]
    w.scene.select_ids(actors)
    before = positions(w)
    w.arranging.layout_actions[("circle", None)].trigger()
    settle(qtbot, w)
    after = positions(w)
    assert {i for i in after if after[i] != before[i]} <= set(actors)
    assert overlapping_pairs(shown_boxes(w)) == []


def test_align_and_distribute_the_selection(qtbot, win):
    w = win
    board = w.document.board
    # two actors and two claims: different widths and heights, so every alignment moves
    ids = (sorted(i for i, c in board.cards.items() if c.kind == "claim")[:2]
           + sorted(i for i, c in board.cards.items() if c.kind == "actor")[:2])
    w.scene.select_ids(ids[:1])
    a = w.arranging
    assert not a.align_actions["left"].isEnabled()
    w.scene.select_ids(ids)
    for mode in ("left", "centre", "right", "top", "middle", "bottom"):
        assert a.align_actions[mode].isEnabled()
        count = w.controller.stack.count()
        a.align_actions[mode].trigger()
        settle(qtbot, w)
        boxes = model_boxes(w)
        sel = [boxes[i] for i in ids]
        value = {"left": lambda b: b.left, "right": lambda b: b.left + b.w,
                 "centre": lambda b: b.cx, "top": lambda b: b.top,
                 "bottom": lambda b: b.top + b.h, "middle": lambda b: b.cy}[mode]
        assert max(value(b) for b in sel) - min(value(b) for b in sel) <= 1.0, mode
        assert w.controller.stack.count() == count + 1
    # put them in a row and a column with uneven gaps, then distribute
    row_at = {i: (float(x), 5000.0) for i, x in zip(ids, (0, 300, 1400, 2000), strict=False)}
    assert w.controller.do(edits.move_cards(board, row_at))
    before = positions(w)
    a.distribute_actions["horizontal"].trigger()
    settle(qtbot, w)
    boxes = model_boxes(w)
    row = sorted((boxes[i] for i in ids), key=lambda b: b.left)
    gaps = [b.left - (p.left + p.w) for p, b in itertools.pairwise(row)]
    assert max(gaps) - min(gaps) <= 1.5 and min(gaps) > 0
    assert positions(w) != before
    w.acts.undo.trigger()
    assert positions(w) == before
    col_at = {i: (5000.0, float(y)) for i, y in zip(ids, (0, 150, 900, 1000), strict=False)}
    assert w.controller.do(edits.move_cards(board, col_at))
    a.distribute_actions["vertical"].trigger()
    settle(qtbot, w)
    boxes = model_boxes(w)
    col = sorted((boxes[i] for i in ids), key=lambda b: b.top)
    gaps = [b.top - (p.top + p.h) for p, b in itertools.pairwise(col)]
    assert max(gaps) - min(gaps) <= 1.5 and min(gaps) > 0


def test_pinned_card_is_drawn_with_a_pin_and_unpin_is_undoable(qtbot, win):
    from PySide6.QtGui import QImage, QPainter

    w = win
    board = w.document.board
    hub = most_linked_actor(board)
    item = w.scene.item_for(hub)
    w.view.fit_rect(item.card_rect(), max_zoom=1.0)

    from PySide6.QtCore import QPointF

    def red_pixels() -> int:
        """Pin-red pixels near the card's top-right corner, as the view draws it."""
        img = QImage(w.view.viewport().size(), QImage.Format.Format_RGB32)
        p = QPainter(img)
        w.view.render(p)
        p.end()
        corner = w.view.mapFromScene(item.mapToScene(QPointF(item.size()[0], 0.0)))
        return sum(1 for x in range(corner.x() - 40, corner.x() + 2)
                   for y in range(corner.y() - 2, corner.y() + 40)
                   if 0 <= x < img.width() and 0 <= y < img.height()
                   and (c := img.pixelColor(x, y)).red() > 170 and c.green() < 80
                   and c.blue() < 80)

    plain = red_pixels()
    w.scene.select_ids([hub])
    w.arranging.pin.trigger()
    w.scene.clear_selection()
    assert red_pixels() > plain + 40
    w.scene.select_ids([hub])
    w.arranging.unpin.trigger()
    assert hub not in edits.pinned_ids(board)
    w.acts.undo.trigger()
    assert hub in edits.pinned_ids(board)


def test_relations_view_layout_takes_links_off_cards(qtbot, win):
    w = win
    w.viewstate.relations_view.trigger()
    assert w.viewstate.relations_view.isChecked()
    board = w.document.board

    def under() -> int:
        boxes = shown_boxes(w)
        ends = [(lk.from_id, lk.to_id) for lid, lk in board.links.items()
                if w.scene.is_shown(lid)]
        return links_under_cards(boxes, ends)

    before = under()
    action = w.arranging.layout_actions[("force", None)]
    assert action.isEnabled()
    steps = w.controller.stack.count()
    action.trigger()
    # the layout is one undo step (else the status line says why it was refused)
    assert w.controller.stack.count() == steps + 1, w.status.last_message()
    settle(qtbot, w)
    after = under()
    assert after < before, (before, after, w.status.last_message())
    # the hidden claim cards stayed where they were
    assert overlapping_pairs(shown_boxes(w)) == []


def relations_view_laid_out(qtbot, w):
    """Trigger the Relations View action, then Force-Directed's, and draw frames until
    the far picture and the name labels are complete; returns (view, scene)."""
    from evidenceboard.canvas.measure import render_frame

    w.viewstate.relations_view.trigger()
    w.arranging.layout_actions[("force", None)].trigger()
    settle(qtbot, w)
    view, scene = w.view, w.scene
    for _ in range(300):
        render_frame(view)
        if not view.name_labels.busy and not view.far_picture.pending:
            break
        qtbot.wait(5)
    return view, scene


def test_relations_view_draws_no_faded_name_over_another_card(qtbot, win):
    """Ctrl+R's action, then Force-Directed: the actors the relations leave out are
    faded in rows below, and none of their names is drawn over another card."""
    view, scene = relations_view_laid_out(qtbot, win)
    assert scene.faded
    rects = {item.card_id: view.mapFromScene(item.card_rect()).boundingRect()
             for item in scene.card_items() if item.isVisible()}
    shown = dict(view.name_labels.shown())
    faded_shown = [cid for cid in shown if cid in scene.faded]
    assert faded_shown  # (some faded names have room on or beside their cards)
    over = [(scene.item_for(cid).card.title, scene.item_for(o).card.title)
            for cid in faded_shown for o, q in rects.items()
            if o != cid and shown[cid].adjusted(1, 1, -1, -1).intersects(q)]
    assert over == []


def test_relations_view_after_a_layout_cuts_no_name_at_the_views_edge(qtbot, win):
    """Ctrl+R's action, then Force-Directed's: the view fits the actors laid out, and
    every name drawn is whole inside it (the claims are hidden: a name placed where a
    hidden claim was, beside an actor at the edge, came out cut: "yriakos Mitsotakis")."""
    view, scene = relations_view_laid_out(qtbot, win)
    shown = dict(view.name_labels.shown())
    related = [i.card_id for i in scene.card_items()
               if i.isVisible() and i.card_id not in scene.faded]
    port = QRectF(view.viewport().rect())
    cut = [scene.item_for(cid).card.title for cid, r in shown.items()
           if not port.contains(r)]
    assert cut == []
    # (in this 272 x 716 canvas: 10-11 of the 26 related actors named whole; 4-6
    # before, with 10-12 names cut)
    assert len([c for c in related if c in shown]) >= 8


def test_read_only_board_disables_arranging(qtbot, tmp_path, win):
    from evidenceboard.windows.main_window import MainWindow

    # the same board open a second time is read-only
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(win.document.path)
    assert w.document.read_only
    w.scene.select_ids(sorted(w.document.board.cards)[:3])
    assert all(not a.isEnabled() for a in w.arranging.all_actions())
    assert any(a.isEnabled() for a in win.arranging.all_actions())
    w.close()
