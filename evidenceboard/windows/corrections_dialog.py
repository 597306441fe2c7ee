"""Actor ▸ Remembered Corrections…: the board's alias table as a list, to see what later
imports will apply and to forget an entry (one undo step; the cards stay as they are).
Names are shown as plain text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Board, Edit, edits
from .plain import plain_label

_RULE_ORDER = {"alias": 0, "type": 1, "reject": 2}


class CorrectionsDialog(QDialog):
    """The alias table of ``board()``; ``do(edit)`` runs an edit (the undo stack)."""

    def __init__(self, board: Callable[[], Board | None], do: Callable[[Edit], bool],
                 writable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remembered Corrections")
        self.setObjectName("correctionsDialog")
        self._board, self._do = board, do
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("correctionsList")
        self.list.setHeaderLabels(["Correction", "Made on"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.forget = QPushButton("&Forget")
        self.forget.setObjectName("forgetCorrections")
        self.forget.setToolTip("Later imports read the selected spellings afresh; the "
                               "cards stay as they are")
        self.forget.clicked.connect(lambda: self.forget_selected())
        self._writable = writable
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.forget, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self.refresh()

    def refresh(self) -> None:
        board = self._board()
        self.list.clear()
        entries = sorted(board.alias_table.values() if board is not None else (),
                         key=lambda e: (_RULE_ORDER.get(e.rule, 9), e.name.casefold()))
        for e in entries:
            card = board.cards.get(e.card_id) if board is not None and e.card_id else None
            item = QTreeWidgetItem([edits.describe_entry(e),
                                    card.title if card is not None else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, e.id)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        n = len(entries)
        self.summary.setText(
            f"{n} correction{'s' if n != 1 else ''} of this board: every article imported "
            "into it gets them." if n else
            "No corrections yet: merging actors, splitting out an alias, changing an "
            "actor's type or marking a card not an actor is remembered here.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.forget.setEnabled(self._writable and bool(self.list.selectedItems()))

    def forget_selected(self) -> bool:
        board = self._board()
        ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
        if board is None or not ids:
            return False
        done = self._do(edits.forget_corrections(board, ids))
        self.refresh()
        return done
