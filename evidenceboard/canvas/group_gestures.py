"""What a press or a double-click on a group's frame does, and the edit of a card drag
(moved, and regrouped by where it was dropped).  The scene's part of groups, kept beside
it: the scene calls these from ``_gesture_for_press``, ``mouseDoubleClickEvent`` and
``cards_moved``.

* A press on a frame's title bar (anywhere on a collapsed group's box) selects the group
  and starts a :class:`~.gestures.FrameGesture` (the group's cards move as one); a press
  inside an expanded frame but off its title bar is a press on empty space (a rubber
  band), so cards inside a frame are still selected by dragging around them.
* A double-click on a title bar (or a box) collapses or expands the group: one edit.
* A card dropped inside another frame joins that group; dropped outside every frame it
  leaves its own (``model.group_edits.regroup_dropped``); same undo step as the move.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from ..model import Card, Edit, edits
from ..model import group_edits as ge
from .gestures import FrameGesture, Gesture
from .items import CardItem

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene


def group_press(scene: BoardScene, pos: QPointF, snap: float | None,
                additive: bool = False) -> Gesture | None:
    """The gesture a left press on a frame's title bar starts (None: not on one).
    ``additive`` (Ctrl or Shift held): the cards and links selected stay selected."""
    frame = scene.frames.frame_at(pos)
    if frame is None or not frame.on_header(pos):
        return None
    gid = frame.group_id
    if not additive:
        scene.clear_selection()
    if scene.frames.select(gid):
        scene.selectionChanged.emit()
    items = [it for i in sorted(scene.board.member_ids(gid))
             if (it := scene.item_for(i)) is not None]
    if not items:
        return None
    return FrameGesture(scene, gid, pos, items, snap)


def group_double_click(scene: BoardScene, event: QGraphicsSceneMouseEvent) -> bool:
    """Collapse or expand the group whose title bar was double-clicked."""
    pos = event.scenePos()
    frame = scene.frames.frame_at(pos)
    if frame is None or not frame.on_header(pos) or not scene.may_edit():
        return False
    scene.controller.do(ge.toggle_collapsed(scene.board, frame.group_id))
    return True


def moved_and_regrouped(scene: BoardScene,
                        positions: dict[str, tuple[float, float]]) -> Edit:
    """One edit: the cards moved, each into the frame its centre was dropped in (or out
    of its own frame when dropped outside every frame)."""
    board = scene.board
    move = edits.move_cards(board, positions)
    if not board.groups:
        return move
    centres = {}
    for cid, (x, y) in positions.items():
        item: CardItem | None = scene.item_for(cid)
        card = board.cards.get(cid)
        if card is None:
            continue
        w, h = item.size() if item is not None else (card.width, card.height)
        centres[cid] = (x + w / 2.0, y + h / 2.0)
    regroup = ge.regroup_dropped(board, list(positions), centres)
    if regroup.is_empty():
        return move
    moved = {c.id: c for c in move.puts if isinstance(c, Card)}
    for e in regroup.puts:
        if isinstance(e, Card):
            moved[e.id] = replace(moved.get(e.id, e), group_id=e.group_id)
    return Edit(move.description, tuple(moved.values()), regroup.deletes)
