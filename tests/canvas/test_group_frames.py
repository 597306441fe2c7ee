"""Group frames on the canvas with the real mouse: dragging a frame's title bar moves its
cards as one undo step, a double-click collapses and expands it, a card dragged out of a
frame leaves its group, links of a collapsed group's cards end at its box.  Checked
against the board file."""

from __future__ import annotations

from canvas_harness import file_rows, reopen_cards
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.model import group_edits as ge
from evidenceboard.model.group_edits import FRAME_PADDING, HEADER_HEIGHT

LEFT = Qt.MouseButton.LeftButton


def _grouped(canvas, seeded, ids=None) -> str:
    ids = ids or [seeded.a.id, seeded.c.id]
    assert canvas.controller.do(ge.group_cards(canvas.board, ids, title="Suspects"))
    (gid,) = canvas.board.groups
    return gid


def _header_point(canvas, gid: str) -> QPoint:
    r = canvas.scene.frames.rect_of(gid)
    return canvas.at(r.left() + r.width() / 2, r.top() + HEADER_HEIGHT / 2)


def test_a_frame_is_drawn_behind_its_cards_and_follows_the_model(canvas, seeded):
    gid = _grouped(canvas, seeded)
    r = canvas.scene.frames.rect_of(gid)
    a, c = seeded.a, seeded.c
    assert r.left() == a.x - FRAME_PADDING
    assert r.top() == a.y - FRAME_PADDING - HEADER_HEIGHT
    assert r.bottom() == c.y + c.height + FRAME_PADDING
    frame = canvas.scene.frames.items[gid]
    assert frame.zValue() < min(i.zValue() for i in canvas.scene.card_items())
    canvas.controller.stack.undo()
    assert gid not in canvas.scene.frames.items and frame.scene() is None
    canvas.controller.stack.redo()
    assert canvas.scene.frames.rect_of(gid) == r


def test_dragging_the_title_bar_moves_every_card_of_the_group_as_one_step(canvas, seeded):
    gid = _grouped(canvas, seeded)
    before = file_rows(seeded.path)
    start = _header_point(canvas, gid)
    canvas.drag(start, start + QPoint(150, 60))
    assert canvas.controller.stack.count() == 2  # group, then one move
    for card in (seeded.a, seeded.c):
        now = canvas.board.cards[card.id]
        assert (now.x, now.y) == (card.x + 150, card.y + 60)
        assert now.group_id == gid
    b = canvas.board.cards[seeded.b.id]
    assert (b.x, b.y) == (seeded.b.x, seeded.b.y)
    assert canvas.scene.frames.rect_of(gid).left() == seeded.a.x + 150 - FRAME_PADDING
    assert canvas.scene.frames.selected == gid  # the press selected the group
    cards = reopen_cards(seeded.path)
    assert (cards[seeded.a.id].x, cards[seeded.c.id].y) == (150.0, seeded.c.y + 60)
    canvas.controller.stack.undo()
    assert file_rows(seeded.path) == before
    assert canvas.scene.item_for(seeded.a.id).pos() == QPointF(seeded.a.x, seeded.a.y)


def test_double_clicking_the_title_bar_collapses_and_expands_exactly(canvas, seeded):
    gid = _grouped(canvas, seeded)
    rect = canvas.scene.frames.rect_of(gid)
    canvas.qtbot.mouseDClick(canvas.viewport, LEFT, pos=_header_point(canvas, gid))
    QApplication.processEvents()
    assert canvas.board.groups[gid].collapsed
    box = canvas.scene.frames.rect_of(gid)
    assert (box.left(), box.top()) == (rect.left(), rect.top())
    assert (box.width(), box.height()) == ge.COLLAPSED_SIZE
    for cid in (seeded.a.id, seeded.c.id):
        assert not canvas.scene.is_shown(cid)
        assert not canvas.scene.item_for(cid).isVisible()
    assert canvas.scene.frames.items[gid].counts == "2 cards · 2 actors"
    # the link a -> b is drawn to the collapsed box
    assert seeded.link.id in canvas.scene.links.links
    assert canvas.scene.card_rect(seeded.a.id) == box
    assert reopen_cards(seeded.path)[seeded.a.id].group_id == gid
    canvas.qtbot.mouseDClick(canvas.viewport, LEFT, pos=canvas.at(box.center().x(),
                                                                box.center().y()))
    QApplication.processEvents()
    assert not canvas.board.groups[gid].collapsed
    for card in (seeded.a, seeded.c):
        item = canvas.scene.item_for(card.id)
        assert item.isVisible() and item.pos() == QPointF(card.x, card.y)
    assert canvas.scene.frames.rect_of(gid) == rect
    canvas.controller.stack.undo()
    assert canvas.board.groups[gid].collapsed
    canvas.controller.stack.undo()
    assert not canvas.board.groups[gid].collapsed
    assert canvas.scene.item_for(seeded.a.id).isVisible()


def test_a_card_dragged_out_of_its_frame_leaves_the_group_in_the_same_step(canvas, seeded):
    gid = _grouped(canvas, seeded, [seeded.a.id, seeded.b.id, seeded.c.id])
    start = canvas.card_point(seeded.c.id)
    canvas.drag(start, start + QPoint(0, 330))
    c = canvas.board.cards[seeded.c.id]
    assert c.group_id is None and c.y == seeded.c.y + 330
    assert canvas.controller.stack.count() == 2
    canvas.controller.stack.undo()
    c = canvas.board.cards[seeded.c.id]
    assert c.group_id == gid and c.y == seeded.c.y
    # and the note dragged into the frame joins it
    start = canvas.card_point(seeded.note.id)
    canvas.drag(start, canvas.at(250, 150))
    assert canvas.board.cards[seeded.note.id].group_id == gid
