"""Which cards and links the canvas hides, and why.

The scene hides items for *reasons*: "filter" (a filter in hide mode), "hidden" (Hide
Selected), "relations-view" (claim cards while the relations view is on), "bundled"
(parallel relation links drawn as one), "collapsed:<group id>" (a collapsed group).  An
item is hidden while any reason hides it, so turning one reason off never shows what
another still hides.  A link is hidden when either of its cards is hidden.

Hiding is a way of looking, not an edit: hidden items stay in the board file, in undo
and redo, and in exports when asked (``include hidden``).  :class:`Visibility` holds the
reasons and says what changed; the scene applies it to its items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from ..analysis.shown import BUNDLED, FILTER, HIDDEN, RELATIONS_VIEW
from ..model import Board

__all__ = ["BUNDLED", "FILTER", "HIDDEN", "RELATIONS_VIEW", "Visibility", "reason_name"]
#: How the status line names each reason ("3 claims hidden by the relations view").
REASON_NAMES = {FILTER: "the filter", HIDDEN: "Hide Selected",
                RELATIONS_VIEW: "the relations view", BUNDLED: "bundling"}


def reason_name(reason: str) -> str:
    if reason.startswith("collapsed:"):
        return "a collapsed group"
    return REASON_NAMES.get(reason, reason)


class Visibility(QObject):
    """Hidden ids by reason.  ``changed(ids)`` says which ids may have changed state."""

    changed = Signal(object)  # set[str]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by_reason: dict[str, frozenset[str]] = {}
        self._count: dict[str, int] = {}
        self._listeners: list[Callable[[set[str]], None]] = []

    # ----------------------------------------------------------------- changing
    def set_hidden(self, reason: str, ids: Iterable[str]) -> None:
        """``reason`` hides exactly ``ids`` (what it hid before and not now shows)."""
        new = frozenset(ids)
        old = self._by_reason.get(reason, frozenset())
        if new == old:
            return
        for i in old - new:
            n = self._count[i] - 1
            if n:
                self._count[i] = n
            else:
                del self._count[i]
        for i in new - old:
            self._count[i] = self._count.get(i, 0) + 1
        if new:
            self._by_reason[reason] = new
        else:
            self._by_reason.pop(reason, None)
        self._emit(set(old ^ new))

    def clear(self, reason: str) -> None:
        self.set_hidden(reason, ())

    def clear_all(self) -> None:
        for reason in list(self._by_reason):
            self.clear(reason)

    def on_changed(self, listener: Callable[[set[str]], None]) -> None:
        """Call ``listener(ids)`` after each change (the scene, the status line)."""
        self._listeners.append(listener)

    def _emit(self, ids: set[str]) -> None:
        for listener in list(self._listeners):
            listener(ids)
        self.changed.emit(ids)

    # ----------------------------------------------------------------- asking
    def is_hidden(self, id_: str) -> bool:
        return id_ in self._count

    def hidden_ids(self) -> set[str]:
        return set(self._count)

    def ids_of(self, reason: str) -> frozenset[str]:
        return self._by_reason.get(reason, frozenset())

    def reasons(self) -> list[str]:
        return sorted(self._by_reason)

    def reasons_of(self, id_: str) -> list[str]:
        return sorted(r for r, ids in self._by_reason.items() if id_ in ids)

    def stand_in(self, card_id: str) -> str | None:
        """The reason ("collapsed:<group>") that alone hides a card whose links are
        still drawn (to its collapsed group's box), or None."""
        n = self._count.get(card_id)
        if n != 1:
            return None
        for reason, ids in self._by_reason.items():
            if reason.startswith("collapsed:") and card_id in ids:
                return reason
        return None

    def link_hidden(self, board: Board, link_id: str) -> bool:
        """A link is hidden by a reason of its own or with either of its cards — except
        a card hidden only in a collapsed group, whose links end at the group's box
        (those inside one collapsed group are hidden)."""
        if link_id in self._count:
            return True
        lk = board.links.get(link_id)
        if lk is None:
            return False
        ends = (lk.from_id, lk.to_id)
        if not any(e in self._count for e in ends):
            return False
        boxes = [self.stand_in(e) if e in self._count else "" for e in ends]
        if None in boxes:
            return True
        return boxes[0] == boxes[1]

    def hidden_items(self, board: Board) -> set[str]:
        """Every card and link not shown: hidden ones and the links of hidden cards."""
        out = {i for i in self._count if i in board.cards or i in board.links}
        cards = {i for i in out if i in board.cards}
        for cid in cards:
            out.update(lk.id for lk in board.links_of(cid)
                       if self.link_hidden(board, lk.id))
        return out

    def summary(self, board: Board) -> str:
        """"12 cards and 30 links hidden (the relations view, Hide Selected)", or ""."""
        hidden = self.hidden_items(board)
        if not hidden:
            return ""
        cards = sum(1 for i in hidden if i in board.cards)
        links = len(hidden) - cards
        parts = []
        if cards:
            parts.append(f"{cards} card{'s' if cards != 1 else ''}")
        if links:
            parts.append(f"{links} link{'s' if links != 1 else ''}")
        why = ", ".join(dict.fromkeys(reason_name(r) for r in self.reasons()
                                      if r != BUNDLED))
        return f"{' and '.join(parts)} hidden" + (f" ({why})" if why else "")
