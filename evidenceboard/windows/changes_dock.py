"""The Changes dock: what a colleague's copy changed (File ▸ Compare With…), as a list
with counts beside the board on which the same changes are highlighted.  A click on an
item that is on this board shows it; *Merge…* goes on to merge that copy, *Clear*
takes the highlighting off."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.diff_overlay import COLORS
from ..merge import Comparison
from .plain import plain_label, tooltip

COLUMNS = ("Change", "Kind", "Item", "Fields")
STATUS_TEXT = {"added": "added", "changed": "changed", "removed": "removed",
               "conflict": "conflict"}


class ChangesDock(QDockWidget):
    itemActivated = Signal(str)
    mergeRequested = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Changes", parent)
        self.setObjectName("changesDock")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = plain_label("Compare this board with a colleague's copy: "
                                   "File ▸ Compare With…")
        self.summary.setObjectName("changesSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("changesList")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.itemClicked.connect(self._clicked)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.merge = QPushButton("Merge…")
        self.merge.setToolTip(tooltip("Bring these changes into this board (you decide "
                                      "the conflicts first)"))
        self.merge.clicked.connect(lambda: self.mergeRequested.emit())
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip(tooltip("Take the highlighting off the board"))
        self.clear_button.clicked.connect(lambda: self.cleared.emit())
        row.addStretch(1)
        row.addWidget(self.merge)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.setWidget(body)
        self.show_comparison(None, "")

    def show_comparison(self, comparison: Comparison | None, name: str) -> None:
        self.tree.clear()
        self.merge.setEnabled(comparison is not None)
        self.clear_button.setEnabled(comparison is not None)
        if comparison is None:
            self.summary.setText("Compare this board with a colleague's copy: "
                                 "File ▸ Compare With…")
            return
        counts = comparison.counts()
        self.summary.setText(
            f"{name}: {counts['added']} added, {counts['changed']} changed, "
            f"{counts['removed']} removed, {counts['conflict']} conflict"
            f"{'s' if counts['conflict'] != 1 else ''} ({comparison.ancestor.why}).")
        rows = []
        for i in comparison.items:
            row = QTreeWidgetItem([STATUS_TEXT[i.status], i.kind, i.title,
                                   ", ".join(i.fields) or i.reason])
            row.setForeground(0, QBrush(QColor(COLORS[i.status])))
            row.setData(0, Qt.ItemDataRole.UserRole, i.id)
            if i.reason:
                row.setToolTip(3, tooltip(i.reason))
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        for c in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(c)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        id_ = item.data(0, Qt.ItemDataRole.UserRole)
        if id_:
            self.itemActivated.emit(str(id_))
