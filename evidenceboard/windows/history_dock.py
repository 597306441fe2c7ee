"""The History dock: who changed what and when, for the whole board or the selected
item, filtered by author.

It lists the board file's history entries (newest first; for a team board the server's
record of every member's edits, :mod:`..store.team_history`): when (local time), who (the
author name each edit was recorded under), what (the undo menu's description; an Undo
or Redo says so; an entry a merge brought in from a colleague's copy says so) and how
many items it touched.  Activating an entry selects the items it touched that are on the
board.  The list is read from the file when the dock is shown and after each saved
edit (only which items an entry touched, never their values).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document import Document
from ..model.history import History, HistoryEntry
from .plain import plain_label, tooltip

COLUMNS = ("When", "Who", "What", "Items")
ALL_AUTHORS = "All authors"
SCOPES = ("Whole board", "Selected item")
ID_ROLE = Qt.ItemDataRole.UserRole


def shown_time(at: str) -> str:
    """An entry's UTC time as local time, to the minute."""
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def what_text(entry: HistoryEntry, by_id: dict[str, HistoryEntry]) -> str:
    text = entry.description
    if entry.undoes is not None:
        undone = by_id.get(entry.undoes)
        text = f"Redo: {text}" if undone is not None and undone.undoes is not None \
            else f"Undo: {text}"
    if entry.merged_in is not None:
        text += " (came in with a merge)"
    return text


class HistoryDock(QDockWidget):
    """The board's history, following its edits."""

    #: The ids of the items an activated entry touched.
    itemsActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.setObjectName("historyDock")
        self._doc: Document | None = None
        self._selected: list[str] = []
        self._history = History()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.addItems(SCOPES)
        self.scope.setToolTip(tooltip("The whole board's history, or only the entries "
                                      "about the selected card or link"))
        self.author = QComboBox()
        self.author.addItem(ALL_AUTHORS)
        self.author.setToolTip(tooltip("Only the entries of one author"))
        row.addWidget(self.scope)
        row.addWidget(self.author, 1)
        layout.addLayout(row)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyList")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh_list())
        self.author.currentIndexChanged.connect(lambda _i: self.refresh_list())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.reload)
        self.visibilityChanged.connect(lambda shown: shown and self.schedule())

    # ----------------------------------------------------------------- following
    def attach(self, doc: Document) -> None:
        self._doc = doc
        self.schedule()

    def detach(self) -> None:
        self._doc = None
        self._history = History()
        self.tree.clear()
        self.summary.setText("")

    def schedule(self) -> None:
        """Read the history again soon (after an edit is saved: many in a row read once)."""
        if self.isVisible():
            self._timer.start()

    def show_selection(self, ids: list[str]) -> None:
        self._selected = list(ids)
        if self.scope.currentIndex() == 1:
            self.refresh_list()

    def reload(self) -> None:
        doc = self._doc
        self._history = doc.history(values=False) if doc is not None else History()
        authors = self._history.authors()
        current = self.author.currentText()
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItems([ALL_AUTHORS, *authors])
        self.author.setCurrentIndex(max(0, self.author.findText(current)))
        self.author.blockSignals(False)
        self.refresh_list()

    # ----------------------------------------------------------------- the list
    def entries(self) -> list[HistoryEntry]:
        """The entries shown, newest first."""
        h = self._history
        if self.scope.currentIndex() == 1:
            wanted = set(self._selected)
            entries = [e for e in h.entries if wanted & set(h.items_of(e.id))]
        else:
            entries = list(h.entries)
        if self.author.currentIndex() > 0:
            who = self.author.currentText()
            entries = [e for e in entries if e.author == who]
        return list(reversed(entries))

    def refresh_list(self) -> None:
        entries = self.entries()
        by_id = {e.id: e for e in self._history.entries}
        self.tree.clear()
        rows = []
        for e in entries:
            item = QTreeWidgetItem([shown_time(e.at), e.author, what_text(e, by_id),
                                    str(len(self._history.items_of(e.id)))])
            item.setData(0, ID_ROLE, e.id)
            item.setToolTip(2, tooltip(f"{e.description}\n{e.at} (UTC)\nby {e.author}"))
            rows.append(item)
        self.tree.addTopLevelItems(rows)
        for c in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(c)
        lineage = self._history.lineage
        where = ""
        if lineage is not None and lineage.copied_from:
            where = " This file is a copy of another board file."
        team = self._doc.team if self._doc is not None else None
        if team is not None:
            where = (" The team server's record: who (their role on the server) changed "
                     "what, by everyone on the board.")
            if team.offline and not self._history.entries:
                where = (" The team server cannot be reached: its record of who changed "
                         "what shows once it is back.")
            elif team.offline:
                where += (" The server cannot be reached: the list is as last read, and "
                          "follows again once it is back.")
        scope = "about the selection" if self.scope.currentIndex() == 1 else "on this board"
        n = len(entries)
        self.summary.setText(f"{n} edit{'s' if n != 1 else ''} {scope}.{where}")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry_id = item.data(0, ID_ROLE)
        doc = self._doc
        if doc is None or not entry_id:
            return
        board = doc.board
        ids = [i for i in self._history.items_of(entry_id)
               if i in board.cards or i in board.links]
        if ids:
            self.itemsActivated.emit(ids)
