"""File ▸ Team Board Conflicts…: the edits of this team board that lost a race (issue 19),
each with its two values side by side — mine (what this window wanted) and theirs (what
the server has; "deleted" when someone deleted the item) — and the choice per conflict:
**Keep Mine (Send Again)** makes mine a new edit on top of theirs (one undo step, sent
like any edit, or queued while offline), **Take Theirs** keeps what the board already
shows.  Either way the conflict leaves the list.  Every text is plain text.
"""

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

from ..document import Document
from ..merge import describe as item_name
from ..model import Edit, Entity
from ..store.team import Conflict
from .plain import plain_label, tooltip

#: The fields a conflict's row shows of each side, by kind (the rest: the whole value).
_SHOWN = ("title", "label", "value", "quote", "body")


def describe(e: Entity | None) -> str:
    """One side of a conflict in one line of plain text."""
    if e is None:
        return "deleted"
    parts = [f"{name}: {' '.join(str(v).split())[:80]}" for name in _SHOWN
             if (v := getattr(e, name, None))]
    x, y = getattr(e, "x", None), getattr(e, "y", None)
    if x is not None and y is not None:
        parts.append(f"at {x:.0f}, {y:.0f}")
    return "; ".join(parts) or e.id


class TeamConflictsDialog(QDialog):
    """The conflicts of ``doc``; ``do(edit)`` runs an edit (the undo stack)."""

    def __init__(self, doc: Document, do: Callable[[Edit], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team Board Conflicts")
        self.setObjectName("teamConflictsDialog")
        self._doc, self._do = doc, do
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("teamConflictsList")
        self.list.setHeaderLabels(["Item", "Mine", "Theirs (on the server)"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.keep_mine = QPushButton("Keep &Mine (Send Again)")
        self.keep_mine.setObjectName("keepMine")
        self.keep_mine.setToolTip("Make your value a new edit on top of theirs")
        self.keep_mine.clicked.connect(lambda: self.resolve(keep_mine=True))
        self.take_theirs = QPushButton("Take &Theirs")
        self.take_theirs.setObjectName("takeTheirs")
        self.take_theirs.setToolTip("Keep the server's value, which the board shows")
        self.take_theirs.clicked.connect(lambda: self.resolve(keep_mine=False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.take_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)
        self.refresh()

    def conflicts(self) -> list[Conflict]:
        team = self._doc.team
        return list(team.conflicts) if team is not None else []

    def refresh(self) -> None:
        self.list.clear()
        conflicts = self.conflicts()
        for n, c in enumerate(conflicts):
            mine, theirs = describe(c.mine), describe(c.theirs)
            # named as the board shows it now (theirs), else as mine had it
            shown = self._doc.board.get(c.kind, c.item) or c.theirs or c.mine
            item = QTreeWidgetItem([f"{c.kind}: {item_name(shown, self._doc.board)}",
                                    mine, theirs])
            item.setToolTip(0, tooltip(f"{c.kind} {c.item}"))
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setToolTip(1, tooltip(mine))
            item.setToolTip(2, tooltip(theirs))
            self.list.addTopLevelItem(item)
        for col in range(3):
            self.list.resizeColumnToContents(col)
        n = len(conflicts)
        self.summary.setText(
            f"{n} edit{'s' if n != 1 else ''} of yours lost a race: someone changed the "
            "same item first. The board shows theirs; choose for each." if n else
            "No conflicts: every edit of yours is on the server.")
        if n:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_buttons()

    def _selected(self) -> Conflict | None:
        items = self.list.selectedItems()
        conflicts = self.conflicts()
        if not items:
            return None
        n = int(items[0].data(0, Qt.ItemDataRole.UserRole))
        return conflicts[n] if n < len(conflicts) else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.keep_mine.setEnabled(chosen and not self._doc.read_only)
        self.take_theirs.setEnabled(chosen)

    def resolve(self, *, keep_mine: bool) -> bool:
        """Resolve the selected conflict; False when keeping mine was refused (the
        conflict then stays, and the status line says why)."""
        c = self._selected()
        if c is None:
            return False
        done = True
        before = len(self.conflicts())
        if keep_mine:
            edit = self._doc.keep_mine(c)
            done = edit is None or self._do(edit)
        if done or len(self.conflicts()) > before:  # (lost again: the new one replaces it)
            self._doc.resolve(c)
        self.refresh()
        return done
