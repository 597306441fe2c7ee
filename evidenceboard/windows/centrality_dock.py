"""The Centrality dock: who matters on the board, as a ranked, sortable table.

One row per actor: rank, name, degree (actors it is tied to), origins (the independent
origins of all its ties), betweenness, eigenvector centrality and community.  A click on
a row selects the actor on the board; *Export CSV…* writes the table as shown.  The
numbers are computed by :mod:`evidenceboard.analysis.network` in the window's analysis
worker (:class:`.analysis_runner.AnalysisRunner`); after an edit the dock says the
numbers are from before it, and recomputes by itself while it is shown.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.network import CentralityResult, Communities
from ..formats.common import write_atomic
from .plain import plain_label, tooltip

COLUMNS = ("#", "Actor", "Degree", "Origins", "Between", "Eigen", "Group")
HEADER_TIPS = ("Rank (most central first)", "The actor",
               "How many actors it is tied to",
               "How many independent origins back its ties (the ties' weight)",
               "Betweenness centrality: how often it lies on the shortest paths between "
               "others (a broker)",
               "Eigenvector centrality: tied to actors who are themselves central. "
               "Measured over the whole board: actors in a web of ties apart from the "
               "largest one score near 0, however central they are within theirs",
               "Its community (Louvain): the number, and the most tied actor names it")
ID_ROLE = Qt.ItemDataRole.UserRole


class _Number(QTableWidgetItem):
    """A cell that sorts by its number, not its text."""

    def __init__(self, value: float, text: str) -> None:
        super().__init__(text)
        self.value = value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _Number):
            return self.value < other.value
        return super().__lt__(other)


class CentralityDock(QDockWidget):
    """See the module docstring."""

    #: The actor card of the clicked row.
    actorActivated = Signal(str)
    #: The user asked for the numbers (again).
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Centrality", parent)
        self.setObjectName("centralityDock")
        self.result: CentralityResult | None = None
        self.groups: Communities | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("centralityTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        for col, tip in enumerate(HEADER_TIPS):
            self.table.horizontalHeaderItem(col).setToolTip(tip)  # plain: ours
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in zip((0, 2, 3, 4, 5, 6), (30, 52, 54, 58, 50, 46), strict=True):
            header.resizeSection(col, width)
        self.table.itemClicked.connect(self._clicked)
        self.note = plain_label()
        self.note.setObjectName("centralityNote")
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton("&Recompute")
        self.refresh_button.setObjectName("centralityRefresh")
        self.refresh_button.setToolTip("Compute the centralities of the board as it is now")
        self.refresh_button.clicked.connect(lambda: self.refreshRequested.emit())
        self.export_button = QPushButton("Export &CSV…")
        self.export_button.setObjectName("centralityExport")
        self.export_button.setToolTip("Write the table as shown to a CSV file")
        self.export_button.clicked.connect(lambda: self.choose_and_export())
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.show_result(None)

    # ----------------------------------------------------------------- showing
    def show_result(self, result: CentralityResult | None,
                    groups: Communities | None = None) -> None:
        self.result, self.groups = result, groups
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        self.export_button.setEnabled(result is not None and bool(result.rows))
        if result is None:
            self.note.setText("Analyze ▸ Centrality computes who matters on the board.")
            return
        self.note.setText(result.note() if result.rows else
                          "This board has no actors.")
        self.table.setRowCount(len(result.rows))
        for i, r in enumerate(result.rows):
            cluster = groups.cluster_of(r.card) if groups is not None else None
            cells = [_Number(i + 1, str(i + 1)), QTableWidgetItem(" ".join(r.title.split())),
                     _Number(r.degree, str(r.degree)), _Number(r.strength, str(r.strength)),
                     _Number(r.betweenness, f"{r.betweenness:.3f}"),
                     _Number(r.eigenvector, f"{r.eigenvector:.3f}"),
                     _Number(cluster.index if cluster else 1e9,
                             str(cluster.index) if cluster else "")]
            cells[1].setToolTip(tooltip(r.title))
            if cluster is not None:
                cells[6].setToolTip(tooltip(f"Community {cluster.index}: {cluster.name} "
                                            f"and {len(cluster.members) - 1} more"))
            for col, cell in enumerate(cells):
                cell.setData(ID_ROLE, r.card)
                self.table.setItem(i, col, cell)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def mark_stale(self) -> None:
        if self.result is not None and not self.note.text().startswith("Board changed"):
            self.note.setText("Board changed since: Recompute for the numbers of now. "
                              + self.result.note())

    def shown_ids(self) -> list[str]:
        """The actor of each row, in the order shown."""
        return [self.table.item(i, 0).data(ID_ROLE) for i in range(self.table.rowCount())]

    def row_of(self, card_id: str) -> int:
        return next((i for i, c in enumerate(self.shown_ids()) if c == card_id), -1)

    # ----------------------------------------------------------------- export
    def csv_text(self) -> str:
        """The table as shown (its order), with the card ids."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["rank", "card", "title", "degree", "origins", "betweenness",
                         "eigenvector", "community"])
        for i in range(self.table.rowCount()):
            cells = [self.table.item(i, c) for c in range(len(COLUMNS))]
            card = cells[0].data(ID_ROLE)
            row = self.result.row(card) if self.result is not None else None
            if row is None:
                continue
            group = self.groups.cluster_of(card) if self.groups is not None else None
            writer.writerow([cells[0].text(), card, _csv_safe(row.title), row.degree,
                             row.strength, f"{row.betweenness:.6f}",
                             f"{row.eigenvector:.6f}",
                             _csv_safe(f"{group.index} {group.name}") if group else ""])
        return out.getvalue()

    def export_csv(self, path: Path) -> Path:
        return write_atomic(path, self.csv_text().encode("utf-8"))

    def choose_and_export(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Export the centrality table",
                                              "centrality.csv", "CSV files (*.csv)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        try:
            return self.export_csv(path)
        except OSError as e:
            self.note.setText(f"The table could not be written: {e.strerror or e}")
            return None

    def _clicked(self, item: QTableWidgetItem) -> None:
        card = item.data(ID_ROLE)
        if isinstance(card, str):
            self.actorActivated.emit(card)


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (names come from articles)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
