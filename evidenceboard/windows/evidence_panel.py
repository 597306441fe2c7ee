"""The Evidence Problems dock: what an investigator must not publish unchecked.

Three groups, rebuilt from the board on every change (and so checked on open):

* claims and links without a citation (a link marked "no source" on purpose says so);
* citations whose quote no longer matches the stored text at its offsets (broken);
* claims that contradict each other, each pair once (activating it selects both), and
  claims of two articles dating the same event differently.

Activating an entry selects its card or link on the board.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..analysis.contradictions import contradiction_pairs
from ..analysis.integrity import broken_citations, unsourced_items
from ..commands.controller import EditController
from ..model import Board, BoardEvent
from ..render.decor import plural
from .docks import _BoardDock, geometry_only
from .plain import plain_label, tooltip
from .wrapping import wrap_rows

ID_ROLE = Qt.ItemDataRole.UserRole


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _describe(board: Board, item_id: str) -> str:
    card = board.cards.get(item_id)
    if card is not None:
        return f"{card.kind}: {_short(card.title)}"
    link = board.links.get(item_id)
    if link is not None:
        a = board.cards.get(link.from_id)
        b = board.cards.get(link.to_id)
        return (f"link: {_short(a.title if a else '?', 30)} — {link.label or link.kind} — "
                f"{_short(b.title if b else '?', 30)}")
    return item_id


class EvidencePanelDock(_BoardDock):
    """Unsourced claims and links, broken citations and contradictions."""

    #: The card or link of the activated entry.
    itemActivated = Signal(str)
    #: A contradiction was activated: both claims and the links between them.
    itemsActivated = Signal(list)

    def __init__(self, controller: EditController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Evidence Problems", controller, parent)
        self.setObjectName("evidencePanelDock")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        wrap_rows(self.tree)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.set_controller(controller)

    def _relevant(self, event: BoardEvent) -> bool:
        # Moving cards changes no problem: a drag on a 10k board must not rescan it.
        return not geometry_only(event)

    def rebuild(self) -> None:
        self.tree.clear()
        self.groups = {}
        board = self._board
        if board is None:
            self.summary.setText("")
            return
        unsourced = unsourced_items(board)
        broken = broken_citations(board)
        contradictions = contradiction_pairs(board)

        def group(key: str, title: str, n: int) -> QTreeWidgetItem:
            item = QTreeWidgetItem([f"{title} ({n})"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            self.groups[key] = item
            return item

        g = group("unsourced", "Without a source", len(unsourced))
        for u in unsourced:
            note = " — marked “no source” on purpose" if u.deliberate else ""
            child = QTreeWidgetItem([_describe(board, u.item_id) + note])
            child.setData(0, ID_ROLE, u.item_id)
            g.addChild(child)
        g = group("broken", "Broken citations", len(broken))
        for b in broken:
            src = board.sources.get(b.citation.source_id)
            title = src.shown_title if src is not None else "(missing source)"
            quote = _short(b.citation.quote, 60)
            child = QTreeWidgetItem([f"{_describe(board, b.citation.owner_id)}\n"
                                     f"“{quote}” in {_short(title, 40)}: {b.reason}"])
            child.setData(0, ID_ROLE, b.citation.owner_id)
            child.setToolTip(0, tooltip(b.citation.quote))
            g.addChild(child)
        g = group("contradictions", "Contradictions", len(contradictions))
        for pair in contradictions:
            a, z = board.cards[pair.first], board.cards[pair.second]
            kinds = "dated differently" if pair.kind == "dates" else \
                " and ".join(sorted({lk.kind for lk in pair.links}))
            child = QTreeWidgetItem([f"“{_short(a.title, 60)}”\n  {kinds}\n"
                                     f"“{_short(z.title, 60)}”"])
            child.setData(0, ID_ROLE, list(pair.ids))
            child.setToolTip(0, tooltip(pair.reason if pair.kind == "dates" else
                                        f"{a.title}\n{kinds}\n{z.title}"))
            g.addChild(child)
        for item in self.groups.values():
            item.setExpanded(item.childCount() > 0)
        self.summary.setText(
            f"{len(unsourced)} without a source · {plural(len(broken), 'broken citation')}"
            f" · {plural(len(contradictions), 'contradiction')}")

    def entries(self, group: str) -> list:
        """What each row of ``group`` selects ("unsourced", "broken": an item id;
        "contradictions": the two claims then their links)."""
        g = self.groups.get(group)
        if g is None:
            return []
        return [g.child(i).data(0, ID_ROLE) for i in range(g.childCount())]

    def _activated(self, item: QTreeWidgetItem) -> None:
        id_ = item.data(0, ID_ROLE)
        if isinstance(id_, str):
            self.itemActivated.emit(id_)
        elif isinstance(id_, list) and id_:
            self.itemsActivated.emit(id_)
