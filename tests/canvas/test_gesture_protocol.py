"""The gesture protocol: gestures talk to the canvas only through :class:`GestureHost`.

Each gesture is driven here with plain mouse events against a recording host (no scene,
no board): what it reports is what the user meant, and nothing else happens.  The real
gestures on the viewport are in test_gestures.py and test_selection.py; the last tests
here check, through the viewport, what the scene does with the intents.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from evidenceboard.canvas.gestures import (
    BandGesture,
    FrameGesture,
    Gesture,
    GestureHost,
    LinkGesture,
    MoveGesture,
    ResizeGesture,
)
from evidenceboard.canvas.items import CardItem
from evidenceboard.model import Card

LEFT = Qt.MouseButton.LeftButton
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Host(GestureHost):
    """A GestureHost that records every call."""

    def __init__(self, *, editable: bool = True,
                 cards: list[CardItem] | None = None) -> None:
        self.editable = editable
        self.cards = cards or []
        self.calls: list[tuple] = []

    def may_edit(self) -> bool:
        self.calls.append(("may_edit",))
        return self.editable

    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for item in self.cards:
            if item is not exclude and item.card_rect().contains(pos):
                return item
        return None

    def cards_live(self, ids, *, landed: bool = False) -> None:
        self.calls.append(("live", frozenset(ids), landed))

    def overlay_changed(self, rect: QRectF) -> None:
        self.calls.append(("overlay",))

    def card_clicked(self, card_id: str, additive: bool) -> None:
        self.calls.append(("clicked", card_id, additive))

    def cards_moved(self, positions: dict[str, tuple[float, float]]) -> bool:
        self.calls.append(("moved", positions))
        return self.editable

    def card_resized(self, card_id: str, width: float, height: float) -> bool:
        self.calls.append(("resized", card_id, width, height))
        return True

    def link_drawn(self, from_id: str, to_id: str) -> None:
        self.calls.append(("link", from_id, to_id))

    def band_selected(self, rect: QRectF, keep: frozenset[str]) -> None:
        self.calls.append(("band", rect, keep))

    def group_moved(self, group_id: str, positions: dict[str, tuple[float, float]]) -> bool:
        self.calls.append(("group moved", group_id, positions))
        return self.editable

    def group_clicked(self, group_id: str) -> None:
        self.calls.append(("group clicked", group_id))

    def intents(self) -> list[tuple]:
        return [c for c in self.calls if c[0] not in ("overlay", "live", "may_edit")]


def mouse(kind: QEvent.Type, at: tuple[float, float], *, press: tuple[float, float] = (0, 0),
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> QGraphicsSceneMouseEvent:
    """A scene mouse event at scene point ``at`` (1 scene unit = 1 screen pixel)."""
    e = QGraphicsSceneMouseEvent(kind)
    e.setScenePos(QPointF(*at))
    e.setScreenPos(QPoint(round(at[0]), round(at[1])))
    e.setButtonDownScenePos(LEFT, QPointF(*press))
    e.setButtonDownScreenPos(LEFT, QPoint(round(press[0]), round(press[1])))
    e.setButton(LEFT if kind != QEvent.Type.GraphicsSceneMouseMove else Qt.MouseButton.NoButton)
    e.setButtons(LEFT if kind != QEvent.Type.GraphicsSceneMouseRelease
                 else Qt.MouseButton.NoButton)
    e.setModifiers(modifiers)
    return e


def drag(g: Gesture, press: tuple[float, float], to: tuple[float, float], *,
         release: bool = True) -> None:
    for i in range(1, 5):
        p = (press[0] + (to[0] - press[0]) * i / 4, press[1] + (to[1] - press[1]) * i / 4)
        g.mouse_move(mouse(QEvent.Type.GraphicsSceneMouseMove, p, press=press))
    if release:
        g.mouse_release(mouse(QEvent.Type.GraphicsSceneMouseRelease, to, press=press))


def card_item(title: str, x: float, y: float) -> CardItem:
    return CardItem(None, Card.create("actor", title, x=x, y=y))  # type: ignore[arg-type]


def test_a_frame_drag_moves_all_its_cards_as_one_group_move_and_a_click_selects(qapp):
    a, b = card_item("A", 0, 0), card_item("B", 300, 0)
    host = Host()
    g = FrameGesture(host, "g1", QPointF(10, -40), [a, b], snap=None)
    drag(g, (10, -40), (110, 10))
    assert host.intents() == [("group moved", "g1", {a.card_id: (100.0, 50.0),
                                                     b.card_id: (400.0, 50.0)})]
    host = Host(editable=False)
    g = FrameGesture(host, "g1", QPointF(10, -40), [a, b], snap=None)
    drag(g, (10, -40), (110, 10))
    assert host.intents() == [] and a.pos() == QPointF(100, 50)  # refused: put back
    host = Host()
    g = FrameGesture(host, "g1", QPointF(10, -40), [a, b], snap=None)
    g.mouse_release(mouse(QEvent.Type.GraphicsSceneMouseRelease, (10, -40),
                          press=(10, -40)))
    assert host.intents() == [("group clicked", "g1")]


def test_a_move_reports_where_the_cards_went_once_and_snaps(qapp):
    a, b = card_item("A", 0, 0), card_item("B", 300, 0)
    host = Host()
    g = MoveGesture(host, a, QPointF(10, 10), [a, b], snap=None)
    drag(g, (10, 10), (57, 31))
    assert g.done
    assert host.intents() == [("moved", {a.card_id: (47.0, 21.0), b.card_id: (347.0, 21.0)})]
    assert ("live", frozenset({a.card_id, b.card_id}), True) in host.calls
    snapped = MoveGesture(host := Host(), a, QPointF(60, 30), [a], snap=20.0)
    drag(snapped, (60, 30), (75, 62))
    assert host.intents() == [("moved", {a.card_id: (60.0, 60.0)})]


def test_a_refused_move_puts_the_cards_back(qapp):
    a = card_item("A", 0, 0)
    host = Host()
    g = MoveGesture(host, a, QPointF(10, 10), [a], snap=None)

    def refuse(positions):
        host.calls.append(("moved", positions))
        return False

    host.cards_moved = refuse  # type: ignore[method-assign]
    drag(g, (10, 10), (90, 10))
    assert (a.pos().x(), a.pos().y()) == (0.0, 0.0)


def test_a_click_without_moving_reports_a_click_not_a_move(qapp):
    a = card_item("A", 0, 0)
    host = Host()
    g = MoveGesture(host, a, QPointF(10, 10), [a], snap=None)
    g.mouse_release(mouse(QEvent.Type.GraphicsSceneMouseRelease, (10, 10), press=(10, 10),
                          modifiers=SHIFT))
    assert host.calls == [("clicked", a.card_id, True)]
    # Moved a little (under the drag distance) and released elsewhere: neither.
    host = Host()
    g = MoveGesture(host, a, QPointF(10, 10), [a], snap=None)
    g.mouse_move(mouse(QEvent.Type.GraphicsSceneMouseMove, (11, 10), press=(10, 10)))
    g.mouse_release(mouse(QEvent.Type.GraphicsSceneMouseRelease, (11, 10), press=(10, 10)))
    assert host.calls == [] and g.done


def test_on_a_read_only_board_a_drag_is_refused_before_anything_moves(qapp):
    a = card_item("A", 0, 0)
    host = Host(editable=False)
    g = MoveGesture(host, a, QPointF(10, 10), [a], snap=None)
    drag(g, (10, 10), (90, 90), release=False)
    assert g.done and host.calls == [("may_edit",)]
    assert a.pos() == QPointF(0, 0)


def test_escape_cancels_a_move_without_an_intent(qapp):
    a = card_item("A", 0, 0)
    host = Host()
    g = MoveGesture(host, a, QPointF(10, 10), [a], snap=None)
    drag(g, (10, 10), (90, 90), release=False)
    assert a.pos() == QPointF(80, 80)
    assert g.key_press(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                 Qt.KeyboardModifier.NoModifier))
    assert g.done and a.pos() == QPointF(0, 0) and host.intents() == []


def test_a_resize_reports_the_new_size_never_below_the_minimum(qapp):
    a = card_item("A", 0, 0)
    w, h = a.size()
    host = Host()
    g = ResizeGesture(host, a, QPointF(w - 5, h - 5), snap=None)
    drag(g, (w - 5, h - 5), (w + 55, h + 35))
    assert host.intents() == [("resized", a.card_id, w + 60, h + 40)]
    host = Host()
    g = ResizeGesture(host, a, QPointF(w + 55, h + 35), snap=None)
    drag(g, (w + 55, h + 35), (-500, -500))
    assert host.intents() == [("resized", a.card_id, 120.0, 48.0)]


def test_a_link_is_reported_only_when_released_on_another_card(qapp):
    a, b = card_item("A", 0, 0), card_item("B", 400, 0)
    host = Host(cards=[a, b])
    g = LinkGesture(host, a, QPointF(200, 36))
    drag(g, (200, 36), (450, 30), release=False)
    assert g.target is b and b.link_target and g.holds() == {a.card_id, b.card_id}
    g.mouse_release(mouse(QEvent.Type.GraphicsSceneMouseRelease, (450, 30), press=(200, 36)))
    assert host.intents() == [("link", a.card_id, b.card_id)]
    assert not b.link_target
    host = Host(cards=[a, b])
    g = LinkGesture(host, a, QPointF(200, 36))
    drag(g, (200, 36), (300, 300))
    assert host.intents() == [] and g.done


def test_the_band_reports_its_rectangle_and_escape_reports_the_selection_it_kept(qapp):
    host = Host()
    keep = frozenset({"x"})
    g = BandGesture(host, QPointF(100, 100), keep)
    drag(g, (100, 100), (40, 160), release=False)
    kind, rect, kept = host.intents()[-1]
    assert kind == "band" and rect == QRectF(40, 100, 60, 60) and kept == keep
    assert ("may_edit",) not in host.calls  # selecting needs no write access
    g.key_press(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                          Qt.KeyboardModifier.NoModifier))
    assert host.intents()[-1] == ("band", QRectF(), keep) and g.done


# ------------------------------------------------------------------ through the viewport
def test_a_deleted_card_cancels_the_drag_that_holds_it(canvas, seeded):
    from evidenceboard.model import edits
    start = canvas.card_point(seeded.c.id)
    canvas.drag(start, start + QPoint(80, 80), release=False)
    assert canvas.scene.gesture is not None and canvas.scene.gesture.holds() == {seeded.c.id}
    canvas.controller.do(edits.delete_items(canvas.board, [seeded.c.id]))
    assert canvas.scene.gesture is None
    canvas.qtbot.mouseRelease(canvas.viewport, LEFT, pos=start + QPoint(80, 80))
    assert seeded.c.id not in canvas.board.cards and canvas.controller.stack.count() == 1


def test_a_band_that_shrinks_lets_go_of_what_it_left_and_escape_restores(canvas, seeded):
    canvas.click(canvas.card_point(seeded.note.id))
    # Ctrl-band over a and c, then back over a only: c is let go, the note kept.
    qtbot, vp = canvas.qtbot, canvas.viewport
    press = canvas.at(-30, -30)
    qtbot.mouseMove(vp, press)
    qtbot.mousePress(vp, LEFT, Qt.KeyboardModifier.ControlModifier, press)
    for p in (canvas.at(50, 100), canvas.at(60, 250)):
        qtbot.mouseMove(vp, p)
    assert set(canvas.scene.selected_ids()) == {seeded.note.id, seeded.a.id, seeded.c.id}
    qtbot.mouseMove(vp, canvas.at(60, 100))
    assert set(canvas.scene.selected_ids()) == {seeded.note.id, seeded.a.id}
    qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.scene.selected_ids() == [seeded.note.id] and canvas.scene.gesture is None
    qtbot.mouseRelease(vp, LEFT, Qt.KeyboardModifier.ControlModifier, canvas.at(60, 100))
    assert canvas.scene.selected_ids() == [seeded.note.id]


def test_the_band_is_drawn_over_the_board_while_it_runs(canvas, seeded):
    from test_view import close, render_frame  # (the pixel helpers of the view tests)
    theme = canvas.scene.theme
    inside = canvas.at(700, 450)  # empty space, inside the band
    before = render_frame(canvas.view).pixelColor(inside)
    assert close(before, theme.background, 2)
    canvas.drag(canvas.at(650, 400), canvas.at(760, 520), release=False)
    during = render_frame(canvas.view).pixelColor(inside)
    assert not close(during, theme.background, 2)  # tinted by the band
    canvas.qtbot.mouseRelease(canvas.viewport, LEFT, pos=canvas.at(760, 520))
    assert close(render_frame(canvas.view).pixelColor(inside), theme.background, 2)
