"""One selection of cards and links, with one set of rules for every way of selecting.

Cards are QGraphicsItems, so Qt keeps their selection; links are painted by the link
layer and their selection is a set of ids on the scene.  These helpers make the two
behave as one selection, as users of i2, yEd or a file manager expect:

* a click replaces the selection (a card *or* a link: a link clicked before is dropped);
* Ctrl+click or Shift+click adds to it, or takes a selected item out of it;
* Esc or a click on empty space clears it;
* the rubber band selects the links it touches as well as the cards (with Ctrl or Shift
  it adds them to what was selected).

Qt's own item and rubber-band handling only knows Ctrl as "add": the view maps Shift to
Ctrl on mouse events (:func:`additive_event`), so both keys follow the same code path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent

from ..render import hit_path

if TYPE_CHECKING:  # pragma: no cover
    from .link_layer import LinkLayer
    from .scene import BoardScene

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def is_additive(modifiers: Qt.KeyboardModifier) -> bool:
    """Ctrl or Shift held: a click adds to (or takes from) the selection."""
    return bool(modifiers & (_CTRL | _SHIFT))


def additive_event(event: QMouseEvent) -> QMouseEvent:
    """``event`` with Shift read as Ctrl (Qt's items and rubber band only know Ctrl)."""
    mods = event.modifiers()
    if not (mods & _SHIFT) or (mods & _CTRL):
        return event
    return QMouseEvent(event.type(), event.position(), event.scenePosition(),
                       event.globalPosition(), event.button(), event.buttons(),
                       (mods & ~_SHIFT) | _CTRL, event.pointingDevice())


def links_in_rect(layer: "LinkLayer", rect: QRectF) -> set[str]:
    """Links whose line passes through ``rect`` (scene coordinates)."""
    if rect.isEmpty():
        return set()
    out: set[str] = set()
    for lid in layer.candidates(rect):
        look = layer.look(lid)
        if look is None:
            continue
        geom = look.geometry
        if not geom.bounds.intersects(rect):
            continue
        if rect.contains(geom.start) or rect.contains(geom.end):
            out.add(lid)
        elif geom.straight:
            if _segment_meets_rect(geom.start, geom.end, rect):
                out.add(lid)
        elif hit_path(geom, 1.0).intersects(rect):  # a curve: its stroke
            out.add(lid)
    return out


def _segment_meets_rect(a: QPointF, b: QPointF, r: QRectF) -> bool:
    """Whether segment a-b crosses rectangle r (Liang-Barsky clipping; a band dragged
    over thousands of links must not stroke each of them on every mouse move)."""
    x0, y0, dx, dy = a.x(), a.y(), b.x() - a.x(), b.y() - a.y()
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - r.left()), (dx, r.right() - x0),
                 (-dy, y0 - r.top()), (dy, r.bottom() - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


class LinkBand:
    """The links part of one rubber-band drag: the links selected when it started (kept
    when adding) plus the links the band touches now."""

    def __init__(self, scene: "BoardScene", additive: bool) -> None:
        self._scene = scene
        self._base = set(scene.selected_link_ids) if additive else set()

    def update(self, rect: QRectF) -> None:
        scene = self._scene
        scene.set_selected_links(self._base | links_in_rect(scene.links, rect))
