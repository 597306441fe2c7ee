"""Cards drawn by importance on the canvas (View ▸ Size by), following the model.

:class:`SceneSizes` keeps a :class:`evidenceboard.render.importance.DisplaySizes` of the
scene's board and applies its scales to the card items, the far view and the links.
After a board event only the cards the event can have made more or less important (the
ends of added or removed links, cited cards, moved cards) and their neighbours are
recomputed.  The mode follows the board's ``size_by`` setting; a read-only board can
still be shown in another mode (:meth:`set_mode`), without storing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from ..model import BoardEvent, Card, Citation, Link, Setting
from ..render.importance import SIZE_BY_SETTING, DisplaySizes, size_by_of

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene


class SceneSizes:
    def __init__(self, scene: BoardScene) -> None:
        self._scene = scene
        self.sizes = DisplaySizes(scene.board, size_by_of(scene.board))
        #: Bumped whenever a scale changes (label layouts cache on it).
        self.revision = 0

    @property
    def mode(self) -> str:
        return self.sizes.mode

    def scale(self, card_id: str) -> float:
        return self.sizes.scale(card_id)

    def rect(self, card: Card) -> QRectF:
        return self.sizes.rect(card)

    def set_mode(self, mode: str) -> None:
        self.apply(self.sizes.set_mode(mode))

    def set_scores(self, scores: dict[str, float] | None) -> None:
        """Centrality scores computed elsewhere (the centrality dock's worker)."""
        self.apply(self.sizes.set_scores(scores))

    def follow(self, ev: BoardEvent) -> None:
        """Recompute what ``ev`` may have changed."""
        board = self._scene.board
        touched: set[str] = set()
        for e in (*ev.added, *ev.removed):
            if isinstance(e, Card):
                touched.add(e.id)
            elif isinstance(e, Link):
                touched.update((e.from_id, e.to_id))
            elif isinstance(e, Citation):
                touched.update(self._owner_cards(e))
        for old, new in ev.changed:
            if isinstance(new, Card) and isinstance(old, Card):
                if (old.x, old.y, old.width, old.height) != (new.x, new.y, new.width,
                                                             new.height):
                    touched.add(new.id)
            elif isinstance(new, Link) and isinstance(old, Link):
                if (old.from_id, old.to_id) != (new.from_id, new.to_id):
                    touched.update((old.from_id, old.to_id, new.from_id, new.to_id))
            elif isinstance(new, Citation) and isinstance(old, Citation):
                touched.update(self._owner_cards(old))
                touched.update(self._owner_cards(new))
            elif isinstance(new, Setting) and new.id == SIZE_BY_SETTING:
                self.set_mode(size_by_of(board))
        for e in ev.added:
            if isinstance(e, Setting) and e.id == SIZE_BY_SETTING:
                self.set_mode(size_by_of(board))
        changed = self.sizes.update(touched)
        # New cards always need their rectangle placed, grown or not.
        self.apply(changed | {i for i in touched if i in board.cards})

    def _owner_cards(self, c: Citation) -> Iterable[str]:
        if c.card_id is not None:
            return (c.card_id,)
        link = self._scene.board.links.get(c.link_id or "")
        return (link.from_id, link.to_id) if link is not None else ()

    def apply(self, ids: Iterable[str]) -> None:
        """Show the current scales of these cards everywhere they are drawn."""
        scene = self._scene
        cards = scene.board.cards
        moved = []
        for cid in ids:
            card = cards.get(cid)
            item = scene.item_for(cid)
            if card is None or item is None:
                continue
            s = self.sizes.scale(cid)
            if item.display_scale() != s:
                item.set_display_scale(s)
                moved.append(cid)
            scene.far.move_card(cid, item.card_rect())
            scene.include_rect(item.card_rect())
        if moved:
            self.revision += 1
            scene.links.cards_moved(moved, live=False)
