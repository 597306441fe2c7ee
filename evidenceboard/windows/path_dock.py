"""The Find Path dock: how two actors are connected, each path as an evidence chain.

Each path is a row ("Khalifa Haftar → Israel → Abdulhamid Dbeibah → David Barnea — 3
hops; …"); under it its hops (the relation, how many sources and independent origins,
the grade), what is weak or contested about each hop in red, and every quote with its
source and grade.  Clicking a path selects (highlights) its actors and links on the
board; a hop, its two actors and links; a quote, its link (the Source dock shows its
words).  *Add to Report* keeps the chosen path for the provenance report's evidence
chains.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.paths import DEFAULT_MAX_HOPS, EvidenceChainResult, PathResult
from ..model import Board
from .plain import plain_label, tooltip
from .wrapping import wrap_rows

IDS_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
WARNING = QColor("#b3261e")


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class PathDock(QDockWidget):
    """See the module docstring."""

    #: Cards and links to select on the board.
    idsActivated = Signal(list)
    #: Find again (the maximum hops changed, or Find was pressed).
    findRequested = Signal()
    #: The path to keep for the report.
    addToReport = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find Path", parent)
        self.setObjectName("pathDock")
        self.result: PathResult | None = None
        self.header = plain_label()
        self.header.setObjectName("pathHeader")
        self.header.setWordWrap(True)
        self.max_hops = QSpinBox()
        self.max_hops.setObjectName("pathMaxHops")
        self.max_hops.setRange(1, 8)
        self.max_hops.setValue(DEFAULT_MAX_HOPS)
        self.max_hops.setPrefix("up to ")
        self.max_hops.setSuffix(" hops")
        self.max_hops.setToolTip("Also list every path of at most this many hops, not only "
                                 "the shortest")
        self.find_button = QPushButton("&Find")
        self.find_button.setObjectName("pathFind")
        self.find_button.setToolTip("Find the paths between the two selected actors")
        self.find_button.clicked.connect(lambda: self.findRequested.emit())
        self.report_button = QPushButton("Add to &Report")
        self.report_button.setObjectName("pathAddToReport")
        self.report_button.setToolTip("Keep the chosen path as an evidence chain of the "
                                      "provenance report")
        self.report_button.clicked.connect(self._add_to_report)
        self.tree = QTreeWidget()
        self.tree.setObjectName("pathTree")
        self.tree.setHeaderHidden(True)
        wrap_rows(self.tree)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        controls = QHBoxLayout()
        controls.addWidget(self.max_hops)
        controls.addWidget(self.find_button)
        controls.addStretch(1)
        controls.addWidget(self.report_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addLayout(controls)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.show_result(None, None)

    # ----------------------------------------------------------------- showing
    def show_message(self, text: str) -> None:
        self.result = None
        self.tree.clear()
        self.header.setText(text)
        self._update_buttons()

    def show_result(self, board: Board | None, result: PathResult | None) -> None:
        self.result = result
        self.tree.clear()
        if board is None or result is None:
            self.header.setText("Select two actors, then Analyze ▸ Find Path.")
            self._update_buttons()
            return
        a, b = board.cards[result.source].title, board.cards[result.target].title
        if not result.paths:
            self.header.setText(f"No path joins {a} and {b} through ties between actors.")
            self._update_buttons()
            return
        n = len(result.paths)
        more = " (more exist; the first are listed)" if result.truncated else ""
        self.header.setText(f"{a} → {b}: {len(result.shortest)} shortest of "
                            f"{len(result.shortest[0].hops)} hops, {n} paths up to "
                            f"{result.max_hops} hops{more}")
        for k, chain in enumerate(result.paths):
            self.tree.addTopLevelItem(self._path_item(board, chain, k < len(result.shortest)))
        first = self.tree.topLevelItem(0)
        first.setExpanded(True)
        for i in range(first.childCount()):  # the shortest path's hops, quotes showing
            first.child(i).setExpanded(True)
        self.tree.setCurrentItem(first)
        self._update_buttons()

    def _path_item(self, board: Board, chain: EvidenceChainResult,
                   shortest: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{'★ ' if shortest else ''}{chain.title}\n{chain.summary}"])
        item.setData(0, IDS_ROLE, chain.ids())
        item.setData(0, PATH_ROLE, chain)
        item.setToolTip(0, tooltip(chain.title))
        if any(h.weak for h in chain.hops):
            item.setForeground(0, QBrush(WARNING.darker(110)))
        for hop in chain.hops:
            a, b = board.cards[hop.from_card].title, board.cards[hop.to_card].title
            grade = f" · graded {hop.grade}" if hop.grade else " · not graded"
            h = QTreeWidgetItem([f"{a} —[{hop.label}]→ {b}\n{hop.sources} source"
                                 f"{'s' if hop.sources != 1 else ''} · {hop.origins} "
                                 f"origin{'s' if hop.origins != 1 else ''}{grade}"])
            h.setData(0, IDS_ROLE, [hop.from_card, hop.to_card, *hop.link_ids])
            item.addChild(h)
            for w in hop.warnings:
                wi = QTreeWidgetItem([f"⚠ {w}"])
                wi.setForeground(0, QBrush(WARNING))
                wi.setData(0, IDS_ROLE, [hop.from_card, hop.to_card, *hop.link_ids])
                h.addChild(wi)
            for q in hop.quotes:
                qi = QTreeWidgetItem([f"“{_one_line(q.quote)}”\n— {_one_line(q.source_title, 70)}"
                                      f"{', ' + q.published if q.published else ''} "
                                      f"[{q.grade}]"])
                qi.setToolTip(0, tooltip(q.quote))
                qi.setData(0, IDS_ROLE, [q.link])
                h.addChild(qi)
        return item

    def chains(self) -> list[EvidenceChainResult]:
        return [self.tree.topLevelItem(i).data(0, PATH_ROLE)
                for i in range(self.tree.topLevelItemCount())]

    def current_chain(self) -> EvidenceChainResult | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, PATH_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.report_button.setEnabled(self.current_chain() is not None)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        ids = item.data(0, IDS_ROLE)
        if ids:
            self.idsActivated.emit(list(ids))
        self._update_buttons()

    def _add_to_report(self) -> None:
        chain = self.current_chain()
        if chain is not None:
            self.addToReport.emit(chain)
