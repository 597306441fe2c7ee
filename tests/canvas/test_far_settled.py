"""The far view's frames settle on exactly the complete picture.

The far view draws its tiles within a frame budget, piece by piece, shows older tiles
stretched meanwhile and mends the pixels an edit changed.  Whatever order that took,
once the frames settle the picture must be the one drawn from scratch: each case here
compares the settled frame with a frame drawn after every tile and label was thrown
away, pixel by pixel.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from canvas_harness import Canvas
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from evidenceboard.canvas import far_view, name_labels
from evidenceboard.canvas.measure import render_frame
from evidenceboard.model import edits
from evidenceboard.render.far import far_card_color
from evidenceboard.synthetic import write_synthetic_board


@pytest.fixture
def board(qtbot, tmp_path: Path):
    path = write_synthetic_board(tmp_path / "big.evboard", cards=900, links=1800, seed=5)
    c = Canvas(qtbot, path)
    c.view.fit_board()
    yield c
    c.close()


def settle(view, image: QImage | None = None) -> QImage:
    """Frames, with the event loop between them as in the app, until the tiles and the
    name labels are complete."""
    image = render_frame(view, image)
    for _ in range(2000):
        if not view.far_picture.pending and not view.name_labels.busy and \
                not view.far_picture.busy:
            return render_frame(view, image)
        QApplication.processEvents()
        image = render_frame(view, image)
    raise AssertionError("the far view never settled")


def from_scratch(view) -> QImage:
    view.far_picture.invalidate()
    view.name_labels.invalidate()
    return settle(view).copy()


def differing(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    if a == b:
        return 0
    return sum(a.pixel(x, y) != b.pixel(x, y)
               for y in range(a.height()) for x in range(a.width()))


@pytest.fixture(params=["roomy", "starved"])
def budget(request, monkeypatch):
    """Frames with the usual budget, and frames that may draw almost nothing each (every
    tile then comes in pieces over many frames, mends too; every frame is too late to
    place name labels, which are placed between frames only)."""
    if request.param == "starved":
        monkeypatch.setattr(far_view, "FRAME_BUDGET_MS", 0.0)
        monkeypatch.setattr(name_labels, "FRAME_TOTAL_MS", 0.0)
    return request.param


def test_settled_frames_after_zoom_steps_are_the_complete_picture(board, budget):
    view = board.view
    assert view.in_far_view()
    settle(view)
    fit = view.zoom_level()
    for k in (1.2, 1.44, 0.9, 1.1):
        view.set_zoom(fit * k)
        assert view.in_far_view()
        first = render_frame(view).copy()  # the frame right after the step
        assert not first.isNull()
        settled = settle(view).copy()
        assert differing(settled, from_scratch(view)) == 0, k
    # Panning after the zoom reuses tiles and still settles on the complete picture.
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 300)
    settled = settle(view).copy()
    assert differing(settled, from_scratch(view)) == 0


def test_settled_frames_after_edits_are_the_complete_picture(board, budget):
    view, scene = board.view, board.scene
    view.name_labels.enabled = False  # (a name label may cover a card's middle)
    theme = scene.theme
    image = settle(view)
    visible = view.visible_scene_rect()
    # The most linked card in view: its lines cross many tiles.
    cards = [c for c in board.board.cards.values() if visible.contains(c.x, c.y)]
    card = max(cards, key=lambda c: (board.board.link_count(c.id), c.id))
    assert board.board.link_count(card.id) >= 3
    for dx, dy in ((900.0, 300.0), (-1800.0, 0.0), (900.0, -300.0)):
        c = board.board.cards[card.id]
        board.controller.do(edits.move_cards(board.board, {card.id: (c.x + dx, c.y + dy)}))
        moved = board.board.cards[card.id]
        centre = view.mapFromScene(QPointF(moved.x + moved.width / 2,
                                           moved.y + moved.height / 2))
        # The very next frame shows the card where it went.
        image = render_frame(view, image)
        assert image.pixelColor(centre).name() == far_card_color(moved, theme).name()
        settled = settle(view, image).copy()
        assert differing(settled, from_scratch(view)) == 0, (dx, dy)
    # Undo too, and an edit right after a zoom step (tiles of two zooms about).
    board.controller.stack.undo()
    settle(view)
    view.set_zoom(view.zoom_level() * 1.25)
    render_frame(view)
    c = board.board.cards[card.id]
    board.controller.do(edits.move_cards(board.board, {card.id: (c.x, c.y + 700.0)}))
    settled = settle(view).copy()
    assert differing(settled, from_scratch(view)) == 0


def test_a_late_frame_leaves_the_label_placement_to_the_slices_between_frames(
        board, monkeypatch):
    view = board.view
    settle(view)
    shown = dict(view.name_labels.shown())
    assert len(shown) >= 10
    monkeypatch.setattr(name_labels, "FRAME_TOTAL_MS", 0.0)  # every frame is late
    view.set_zoom(view.zoom_level() * 1.2)
    render_frame(view)
    render_frame(view)
    # No frame placed anything (the placement's steps were never begun): it waits
    # for the event loop ...
    assert view.name_labels.busy
    job = view.name_labels._job
    assert job is not None and inspect.getgeneratorstate(job[1]) == inspect.GEN_CREATED
    assert view.name_labels.layout is not None and \
        view.name_labels.layout.zoom != view.zoom_level()
    # ... which finishes it; the frames then show the new zoom's labels.
    settle(view)
    assert not view.name_labels.busy
    assert view.name_labels.layout.zoom == view.zoom_level()
    assert len(view.name_labels.shown()) >= 10


def test_settled_frames_with_name_labels_after_an_edit(board):
    view = board.view
    settle(view)
    card = next(c for c in board.board.cards.values() if c.kind == "actor")
    board.controller.do(edits.move_cards(board.board, {card.id: (card.x + 500, card.y)}))
    settled = settle(view).copy()
    assert view.name_labels.shown()  # (labels are part of the picture compared)
    assert differing(settled, from_scratch(view)) == 0


def test_a_finished_placement_is_freed_in_pieces_between_frames(board, monkeypatch):
    """The ~card-count rectangles a placement leaves are not freed inside the frame
    that finishes it (8 ms at 10,000 cards) but a few at a time between frames."""
    view = board.view
    labels = view.name_labels
    settle(view)
    QApplication.processEvents()
    assert labels._litter == []
    monkeypatch.setattr(name_labels, "SWEEP_ITEMS", 40)
    view.set_zoom(view.zoom_level() * 1.2)
    for _ in range(2000):  # frames only, no event loop: the placement ends in a frame
        render_frame(view)
        if not labels.busy:
            break
    assert not labels.busy
    left = sum(len(h) for h in labels._litter)
    assert left > 200  # every card in the area, held past the finishing frame
    shown = dict(labels.shown())
    slices = 0
    while labels._litter:
        QApplication.processEvents()
        slices += 1
        assert slices < 10_000
    assert slices >= left // 40 // 4  # in pieces, not at once
    render_frame(view)
    assert dict(labels.shown()) == shown  # the placement itself is untouched


def test_frames_leave_a_step_too_big_for_them_to_the_slices_between_frames(
        board, monkeypatch):
    """Sorting the catalogue of cards cannot be cut into pieces; a frame whose budget
    it would overrun leaves it to the slices between frames, and those always run it
    (however big it says it is)."""
    view = board.view
    labels = view.name_labels
    settle(view)
    # As if sorting cost a second: no frame may run it, a slice still must.
    monkeypatch.setattr(name_labels, "SORT_MS", 1000.0 / len(board.board.cards))
    monkeypatch.setattr(name_labels, "SORT_MS_SORTED", 1000.0 / len(board.board.cards))
    card = next(c for c in board.board.cards.values() if c.kind == "actor")
    board.controller.do(edits.move_cards(board.board, {card.id: (card.x + 500, card.y)}))
    for _ in range(400):  # frames only: every card catalogued, then the sort waits
        render_frame(view)
    assert labels.busy
    assert labels._next_cost >= 900.0
    assert labels._catalog is not None and labels._catalog[0] != labels._revision()
    settled = settle(view).copy()  # the event loop's slices sort and place
    assert not labels.busy
    assert labels._catalog[0] == labels._revision()
    assert labels.shown()
    assert differing(settled, from_scratch(view)) == 0


def test_a_frame_that_mends_an_edit_leaves_the_label_placement_to_later(board):
    view = board.view
    labels = view.name_labels
    settle(view)
    before = dict(labels.shown())
    card = next(c for c in board.board.cards.values() if c.kind == "actor")
    board.controller.do(edits.move_cards(board.board, {card.id: (card.x + 500, card.y)}))
    mends = view.far_picture.mends
    render_frame(view)
    assert view.far_picture.mends > mends  # this frame mended the edit's pixels ...
    mended_in = view.far_picture.mended_in
    assert mended_in > 0.0
    job = labels._job
    # ... and began no placement (the last one's labels are shown meanwhile)
    assert job is not None and inspect.getgeneratorstate(job[1]) == inspect.GEN_CREATED
    assert dict(labels.shown()) == before
    render_frame(view)  # the next frame, nothing to mend, may place
    assert view.far_picture.mended_in == mended_in  # (it mended nothing)
    assert inspect.getgeneratorstate(job[1]) != inspect.GEN_CREATED
    settled = settle(view).copy()
    assert not labels.busy
    assert differing(settled, from_scratch(view)) == 0


def test_a_card_dragged_with_the_mouse_in_the_far_view_settles_to_the_complete_picture(
        board):
    """The user's gesture, not an edit made in code: press on a card far out, drag it,
    release; the frames mend the tiles and place the labels again."""
    view = board.view
    settle(view)
    vp = view.viewport().rect().adjusted(80, 80, -80, -80)

    def free_middle(c) -> bool:  # on screen, the card itself under it, no name label
        p = board.card_point(c.id, 0.5, 0.5)
        it = board.scene.card_item_at(QPointF(c.x + c.width / 2, c.y + c.height / 2))
        return vp.contains(p) and it is not None and it.card_id == c.id and \
            view.name_labels.label_at(QPointF(p)) is None

    card = next(c for c in board.board.cards.values() if c.kind == "actor" and
                free_middle(c))
    before = (card.x, card.y)
    start = board.card_point(card.id, 0.5, 0.5)
    mends = view.far_picture.mends
    board.drag(start, start + QPoint(60, 40))
    moved = board.board.cards[card.id]
    assert (moved.x, moved.y) != before  # the drag moved the card (one undo step)
    settled = settle(view).copy()
    assert view.far_picture.mends > mends  # its old and new places were mended
    assert view.name_labels.shown()
    assert differing(settled, from_scratch(view)) == 0
