"""One selection of cards and links, with one set of rules for every way of selecting.

Cards are QGraphicsItems, so Qt keeps their selection; links are painted by the link
layer and their selection is a set of ids on the scene.  These helpers make the two
behave as one selection, as users of i2, yEd or a file manager expect:

* a click replaces the selection (a card *or* a link: a link clicked before is dropped);
* Ctrl+click or Shift+click adds to it, or takes a selected item out of it;
* Esc or a click on empty space clears it;
* the rubber band selects the links it touches as well as the cards (with Ctrl or Shift
  it adds them to what was selected).

The left button's rules are the functions below, called by the scene and its gestures
(:mod:`evidenceboard.canvas.gestures`).  What Qt still handles itself (a right click
clears the cards' selection unless Ctrl is held) only knows Ctrl as "add": the view maps
Shift to Ctrl on mouse events (:func:`additive_event`), so both keys mean the same there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent

from ..render import hit_path
from ..render.grid import clip_segment

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


def links_in_rect(layer: LinkLayer, rect: QRectF) -> set[str]:
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
    """Whether segment a-b crosses rectangle r (clipped arithmetically: a band dragged
    over thousands of links must not stroke each of them on every mouse move)."""
    return clip_segment(a.x(), a.y(), b.x(), b.y(),
                        r.left(), r.top(), r.right(), r.bottom()) is not None


def press_card(scene: BoardScene, card_id: str, selected: bool, additive: bool) -> None:
    """The left button went down on a card: a plain press on a card not yet selected
    selects only it (links go too); on a selected card, or with Ctrl or Shift, nothing
    changes yet (the selection may be dragged, or the click decides)."""
    if not additive and not selected:
        scene.select_ids([card_id])


def click_card(scene: BoardScene, card_id: str, additive: bool) -> None:
    """A click on a card (released where pressed): with Ctrl or Shift it goes in or out
    of the selection (a selected frame stays selected); a plain click selects only
    it."""
    if additive:
        scene.select_ids(set(scene.selected_ids()) ^ {card_id}, keep_group=True)
    else:
        scene.select_ids([card_id])


def click_link(scene: BoardScene, link_id: str, additive: bool) -> None:
    """A click on a link: the same rules as for a card."""
    click_card(scene, link_id, additive)


def band_selection(scene: BoardScene, rect: QRectF, keep: frozenset[str]) -> None:
    """The rubber band covers ``rect``: the cards and links it touches, plus ``keep``
    (what was selected when a band with Ctrl or Shift started)."""
    cards = scene.card_ids_in(rect) if not rect.isEmpty() else []
    scene.select_ids([*keep, *cards, *links_in_rect(scene.links, rect)])
