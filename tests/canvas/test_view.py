"""The view: pixels of real frames (detail and far view), zoom state, palette, minimap."""

from __future__ import annotations

from pathlib import Path

import pytest
from canvas_harness import Canvas
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from evidenceboard.canvas.far_view import TILE, use_far_view
from evidenceboard.canvas.measure import render_frame
from evidenceboard.canvas.minimap import Minimap
from evidenceboard.model import edits
from evidenceboard.render.far import far_card_color
from evidenceboard.synthetic import write_synthetic_board


def close(c1: QColor, c2: QColor, tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1.getRgb()[:3], c2.getRgb()[:3], strict=True))


def pixel(canvas: Canvas, x: float, y: float) -> QColor:
    image = render_frame(canvas.view)
    p = canvas.at(x, y)
    return image.pixelColor(p.x(), p.y())


def test_detail_frame_shows_card_fills_and_background(canvas, seeded):
    theme = canvas.scene.theme
    image = render_frame(canvas.view)
    assert not canvas.view.in_far_view()
    for card in (seeded.a, seeded.c, seeded.claim):  # (the note is off-screen)
        p = canvas.at(card.x + card.width / 2, card.y + card.height - 4)
        assert close(image.pixelColor(p.x(), p.y()), theme.kind_fill(card.kind)), card.title
    p = canvas.at(250, 150)  # between the cards
    assert close(image.pixelColor(p.x(), p.y()), theme.background)


def test_the_frame_follows_a_move_and_its_undo(canvas, seeded):
    theme = canvas.scene.theme
    spot = (seeded.c.x + 100, seeded.c.y + seeded.c.height - 4)
    assert close(pixel(canvas, *spot), theme.actor_fill)
    canvas.controller.do(edits.move_cards(canvas.board, {seeded.c.id: (0, 420)}))
    assert close(pixel(canvas, *spot), theme.background)
    canvas.controller.stack.undo()
    assert close(pixel(canvas, *spot), theme.actor_fill)


def test_dark_palette_gives_a_dark_canvas(canvas, seeded):
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    for role, color in ((QPalette.ColorRole.Window, "#202124"),
                        (QPalette.ColorRole.WindowText, "#e8eaed"),
                        (QPalette.ColorRole.Base, "#181a1b"),
                        (QPalette.ColorRole.Text, "#e8eaed")):
        dark.setColor(role, QColor(color))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        assert canvas.scene.theme.is_dark
        bg = pixel(canvas, 250, 150)
        assert bg.lightnessF() < 0.2
        c = seeded.c
        assert pixel(canvas, c.x + 100, c.y + c.height - 4).lightnessF() < 0.35
    finally:
        app.setPalette(original)
        QApplication.processEvents()
    assert not canvas.scene.theme.is_dark
    assert pixel(canvas, 250, 150).lightnessF() > 0.8


def test_view_state_round_trip(canvas):
    view = canvas.view
    view.set_zoom(1.7)
    view.centerOn(QPointF(123, 456))
    state = view.view_state()
    assert set(state) == {"zoom", "center"}
    view.fit_board()
    view.restore_view_state(state)
    assert view.zoom_level() == pytest.approx(1.7)
    centre = view.visible_scene_rect().center()
    assert abs(centre.x() - 123) <= 1 and abs(centre.y() - 456) <= 1
    for bad in ({"zoom": "x", "center": [0, 0]}, {"zoom": 1.0}, {"zoom": float("nan"),
                                                                  "center": [0, 0]}):
        with pytest.raises((ValueError, TypeError, KeyError)):
            view.restore_view_state(bad)


def test_zoom_is_clamped_and_fit_shows_every_card(canvas, seeded):
    view = canvas.view
    view.set_zoom(1000)
    assert view.zoom_level() == 8.0
    view.set_zoom(1e-9)
    assert view.zoom_level() == pytest.approx(view.min_zoom())
    view.fit_board()
    visible = view.visible_scene_rect()
    for card in canvas.board.cards.values():
        assert visible.contains(canvas.scene.card_rect(card.id))
    canvas.scene.select_ids([seeded.note.id])
    view.fit_selection()
    assert view.zoom_level() == pytest.approx(1.5)
    assert view.visible_scene_rect().contains(canvas.scene.card_rect(seeded.note.id))


@pytest.fixture
def big(qtbot, tmp_path: Path):
    path = write_synthetic_board(tmp_path / "big.evboard", cards=600, links=900, seed=3)
    c = Canvas(qtbot, path)
    c.view.fit_board()
    yield c
    c.close()


def settled(view):
    """Frames until the far picture's tiles are all drawn (each frame draws those that
    fit in its budget)."""
    image = render_frame(view)
    for _ in range(200):
        if not view.far_picture.pending:
            return image
        image = render_frame(view, image)
    raise AssertionError("the far picture never completed")


def test_far_view_paints_the_board_in_bulk(big):
    view, scene = big.view, big.scene
    assert use_far_view(view.zoom_level(), scene.card_count()) and view.in_far_view()
    view.name_labels.enabled = False  # (name labels cover cards' middles)
    image = settled(view)
    builds = view.far_picture.builds
    theme = scene.theme
    # Every sampled card centre shows the card's far colour (or another card on top).
    far_colours = {far_card_color(c, theme).name() for c in big.board.cards.values()}
    hits = 0
    for card in list(big.board.cards.values())[:80]:
        p = view.mapFromScene(QPointF(card.x + card.width / 2, card.y + card.height / 2))
        if view.viewport().rect().contains(p):
            assert image.pixelColor(p).name() in far_colours
            hits += 1
    assert hits > 40
    # Panning a little reuses the tiles: at most a new column of them is drawn.
    vp = view.viewport()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 5)
    render_frame(view, image)
    assert view.far_picture.builds - builds <= vp.height() // TILE + 2
    # An edit is on screen in the very next frame, drawn by mending the changed pixels
    # of the tiles it crosses, not by drawing tiles again.
    settled(view)
    builds, mends = view.far_picture.builds, view.far_picture.mends
    card = min(big.board.cards.values(), key=lambda c: c.y)  # the top card
    old = view.mapFromScene(QPointF(card.x + card.width / 2, card.y + card.height / 2))
    up = min(old.y() - 5, 40) / view.zoom_level()  # still on screen
    big.controller.do(edits.move_cards(big.board, {card.id: (card.x, card.y - up)}))
    moved = big.board.cards[card.id]
    new = view.mapFromScene(QPointF(moved.x + moved.width / 2, moved.y + moved.height / 2))
    image = render_frame(view, image)
    assert view.far_picture.builds == builds and view.far_picture.mends > mends
    assert image.pixelColor(new).name() == far_card_color(card, theme).name()
    assert close(image.pixelColor(old), theme.background, 2) or \
        image.pixelColor(old).name() in far_colours - {far_card_color(card, theme).name()}


def test_far_view_drag_shows_the_card_moving_and_saves_it(big, qtbot):
    view, scene = big.view, big.scene
    view.set_zoom(view.zoom_level() * 0.7)  # room below the board
    assert view.in_far_view()
    card = max(big.board.cards.values(), key=lambda c: c.y + c.height)
    colour = far_card_color(card, scene.theme)
    centre = view.mapFromScene(QPointF(card.x + card.width / 2, card.y + card.height / 2))
    below = centre + QPoint(0, 30)  # empty space under the lowest card
    image = render_frame(view)
    assert close(image.pixelColor(below), scene.theme.background, 2)
    view.name_labels.enabled = False  # (a name label may cover the card's middle)
    big.drag(centre, below, release=False)
    image = render_frame(view)  # mid-drag: the card is drawn live at the mouse
    assert close(image.pixelColor(below), colour, 2)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    moved = big.board.cards[card.id]
    assert moved.y == pytest.approx(card.y + 30 / view.zoom_level(), abs=1 / view.zoom_level())
    image = render_frame(view)
    assert close(image.pixelColor(below), colour, 2)
    assert big.controller.stack.count() == 1


def test_rubber_band_in_the_far_view_selects_many(big):
    view = big.view
    vp = view.viewport().rect()
    big.drag(QPoint(5, 5), QPoint(vp.width() // 2, vp.height() // 2))
    assert len(big.scene.selected_ids()) > 20
    render_frame(view)


def test_minimap_moves_the_view(big, qtbot):
    minimap = Minimap(big.view)
    qtbot.addWidget(minimap)
    minimap.resize(240, 160)
    minimap.show()
    qtbot.waitExposed(minimap)
    image = minimap.grab().toImage()
    assert not image.isNull()
    big.view.set_zoom(1.0)
    target = minimap.scene_point(QPointF(60, 40))
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(60, 40))
    centre = big.view.visible_scene_rect().center()
    assert abs(centre.x() - target.x()) < 2 and abs(centre.y() - target.y()) < 2


def test_links_follow_a_dragged_card_on_screen(canvas, seeded, qtbot):
    """The links' picture is cached with the background: a drag must repaint them."""
    theme = canvas.scene.theme
    render_frame(canvas.view)  # fill the background cache

    def on_link(image) -> bool:
        g = canvas.scene.links.look(seeded.link.id).geometry
        hits = 0
        for t in (0.2, 0.3, 0.7, 0.8):  # away from the label in the middle
            p = canvas.view.mapFromScene(QPointF(g.start.x() + (g.end.x() - g.start.x()) * t,
                                                 g.start.y() + (g.end.y() - g.start.y()) * t))
            hits += not close(image.pixelColor(p), theme.background, 30)
        return hits == 4

    assert on_link(render_frame(canvas.view))
    start = canvas.card_point(seeded.b.id)
    canvas.drag(start, start + QPoint(0, 260), release=False)
    assert on_link(render_frame(canvas.view))  # mid-drag
    qtbot.mouseRelease(canvas.viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 260))
    assert canvas.board.cards[seeded.b.id].y == 260
    assert on_link(render_frame(canvas.view))
    canvas.controller.stack.undo()
    assert on_link(render_frame(canvas.view))


def test_wheel_zoom_previews_then_paints_sharp(canvas, seeded, qtbot):
    from PySide6.QtGui import QWheelEvent
    view = canvas.view
    render_frame(view)
    pos = QPointF(300, 200)
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_preview.active
    preview = render_frame(view)
    qtbot.waitUntil(lambda: not view.zoom_preview.active, timeout=2000)
    sharp = render_frame(view)
    # The stretched preview is close to the sharp frame: card fills at the same places.
    c = seeded.c
    p = view.mapFromScene(QPointF(c.x + c.width / 2, c.y + c.height - 6))
    assert close(preview.pixelColor(p), sharp.pixelColor(p), 12)
    assert close(sharp.pixelColor(p), canvas.scene.theme.actor_fill)
    # An edit ends the preview at once: the screen never shows a stale board.
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_preview.active
    canvas.controller.do(__import__("evidenceboard.model", fromlist=["edits"]).edits
                         .move_cards(canvas.board, {c.id: (c.x, c.y + 400)}))
    assert not view.zoom_preview.active


def test_the_first_view_shows_the_important_part_of_a_board_too_big_to_make_out(
        qtbot, tmp_path: Path):
    from evidenceboard.document import Document
    from evidenceboard.model import Card, Edit, Link
    doc = Document.create(tmp_path / "spread.evboard")
    hub = Card.create("actor", "Hub", x=0.0, y=0.0)
    near = [Card.create("actor", f"N{i}", x=300.0 * i, y=200.0) for i in range(6)]
    far = Card.create("actor", "Far away", x=200_000.0, y=0.0)
    links = [Link.create(hub.id, n.id, unsourced=True) for n in near]
    doc.apply(Edit("Seed", (hub, *near, far, *links)))
    doc.close()
    c = Canvas(qtbot, tmp_path / "spread.evboard")
    try:
        c.view.open_view()
        shown = c.view.visible_scene_rect()
        assert shown.contains(c.scene.card_rect(hub.id))
        assert not shown.contains(c.scene.card_rect(far.id))  # a zoom out away
        assert c.view.zoom_level() > 0.05
        c.view.fit_board()  # Fit Board still shows everything (to a pixel: 220 units)
        shown = c.view.visible_scene_rect()
        assert shown.contains(c.scene.card_rect(hub.id).center())
        assert shown.contains(c.scene.card_rect(far.id).center())
    finally:
        c.close()
