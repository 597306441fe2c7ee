"""File ▸ Merge Board…: what a merge brings, the actors to take as the same, and the
conflicts side by side, field by field, each decided by the user (Keep mine / Take
theirs).  Nothing is applied until *Merge* is pressed, and *Merge* is pressed only when
every conflict is decided: a conflict is never resolved silently."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..merge import Comparison, Conflict, describe
from ..merge.plan import compared_fields, field_value
from ..model import Board
from ..model.entities import Source
from .plain import plain_label, tooltip, window_title

CONFLICT_COLUMNS = ("Item / field", "Common ancestor", "Mine", "Theirs", "Decision")
FIELD_NAMES = {"title": "title", "body": "text", "position": "position", "size": "size",
               "actor_type": "actor type", "aliases": "aliases", "label": "label",
               "kind": "kind", "credibility": "credibility", "reliability": "reliability",
               "color": "colour", "stance": "stance", "speaker": "speaker",
               "direction": "direction", "confidence": "confidence", "value": "value"}


def shown_value(value: Any) -> str:
    """A field's value as a cell shows it (plain text, one line, cut)."""
    if value is None:
        return "—"
    if isinstance(value, tuple):
        if len(value) == 2 and all(isinstance(v, float) for v in value):
            return f"{value[0]:g}, {value[1]:g}"
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _item_value(e: Any, board: Board | None) -> str:
    if e is None:
        return "(deleted)"
    if isinstance(e, Source):
        return e.shown_title
    return describe(e, board)


class MergeDialog(QDialog):
    """Shows one :class:`~evidenceboard.merge.Comparison`; :meth:`choices` and
    :meth:`accepted_matches` are the user's decisions once it is accepted."""

    def __init__(self, comparison: Comparison, mine: Board, theirs: Board, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(window_title(f"Merge {name}"))
        self.comparison = comparison
        plan = comparison.plan
        self._groups: dict[tuple[str, str], QButtonGroup] = {}
        layout = QVBoxLayout(self)
        c = plan.counts()
        self.summary = plain_label(
            f"{comparison.ancestor.why}.\nFrom {name}: {c['added']} added, "
            f"{c['changed']} changed, {c['removed']} removed · {c['same_on_both']} "
            f"change{'s' if c['same_on_both'] != 1 else ''} made the same way on both · "
            f"{c['sources_matched_by_sha256']} sources matched by "
            f"their text (sha256) · {c['conflicts']} conflict"
            f"{'s' if c['conflicts'] != 1 else ''} to decide.")
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        layout.addWidget(plain_label("Actors they added that may be actors here under "
                                     "another spelling (tick to take them as the same):"))
        self.matches = QTreeWidget()
        self.matches.setObjectName("actorMatches")
        self.matches.setHeaderLabels(["Theirs", "Here"])
        self.matches.setRootIsDecorated(False)
        for m in plan.matches:
            item = QTreeWidgetItem([m.theirs_name, m.mine_name])
            item.setData(0, Qt.ItemDataRole.UserRole, m.theirs_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self.matches.addTopLevelItem(item)
        self.matches.resizeColumnToContents(0)
        self.matches.resizeColumnToContents(1)
        self.matches.setMaximumHeight(110 if plan.matches else 40)
        layout.addWidget(self.matches)

        layout.addWidget(plain_label("Conflicts: changed differently on the two boards. "
                                     "Decide each one:"))
        self.conflicts = QTreeWidget()
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setHeaderLabels(list(CONFLICT_COLUMNS))
        for conflict in plan.conflicts:
            self._add_conflict(conflict, mine, theirs)
        self.conflicts.expandAll()
        for col in range(len(CONFLICT_COLUMNS)):
            self.conflicts.resizeColumnToContents(col)
        layout.addWidget(self.conflicts, 1)

        row = QHBoxLayout()
        self.all_mine = QPushButton("Keep &Mine for All")
        self.all_theirs = QPushButton("Take &Theirs for All")
        self.all_mine.clicked.connect(lambda: self._decide_all(0))
        self.all_theirs.clicked.connect(lambda: self._decide_all(1))
        self.decided = plain_label()
        self.decided.setObjectName("mergeDecided")
        row.addWidget(self.all_mine)
        row.addWidget(self.all_theirs)
        row.addStretch(1)
        row.addWidget(self.decided)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            "Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.all_mine.setEnabled(bool(plan.conflicts))
        self.all_theirs.setEnabled(bool(plan.conflicts))
        self.resize(1000, 640)
        self._update()

    def _add_conflict(self, c: Conflict, mine: Board, theirs: Board) -> None:
        title = describe(c.mine or c.theirs, mine if c.mine is not None else theirs)
        top = QTreeWidgetItem([f"{c.kind}: {title}", "", "", "", ""])
        top.setToolTip(0, tooltip(c.reason))
        top.setData(0, Qt.ItemDataRole.UserRole, c.key)
        self.conflicts.addTopLevelItem(top)
        if c.fields:
            for f in c.fields:
                child = QTreeWidgetItem([FIELD_NAMES.get(f.field, f.field),
                                         shown_value(f.base), shown_value(f.mine),
                                         shown_value(f.theirs), ""])
                for col in (1, 2, 3):
                    child.setToolTip(col, tooltip(shown_value([f.base, f.mine,
                                                               f.theirs][col - 1])))
                top.addChild(child)
        else:
            top.addChild(QTreeWidgetItem([c.reason, _item_value(c.base, mine),
                                          _item_value(c.mine, mine),
                                          _item_value(c.theirs, theirs), ""]))
            kept = c.mine if c.mine is not None else c.theirs
            if c.base is not None and kept is not None:
                for name in compared_fields(kept):
                    was, now = field_value(c.base, name), field_value(kept, name)
                    if was != now:
                        cells = [shown_value(now), "(deleted)"] if c.mine is not None \
                            else ["(deleted)", shown_value(now)]
                        top.addChild(QTreeWidgetItem([FIELD_NAMES.get(name, name),
                                                      shown_value(was), *cells, ""]))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        for n, text in enumerate(("Keep mine", "Take theirs")):
            button = QRadioButton(text)
            button.setObjectName("keepMine" if n == 0 else "takeTheirs")
            group.addButton(button, n)
            row.addWidget(button)
        row.addStretch(1)
        group.idClicked.connect(lambda _id: self._update())
        self._groups[c.key] = group
        self.conflicts.setItemWidget(top, 4, box)

    def decision_buttons(self, key: tuple[str, str]) -> list[QRadioButton]:
        """The Keep mine / Take theirs buttons of one conflict (for tests)."""
        return [b for b in self._groups[key].buttons() if isinstance(b, QRadioButton)]

    def _decide_all(self, side: int) -> None:
        for group in self._groups.values():
            button = group.button(side)
            if button is not None:
                button.setChecked(True)
        self._update()

    def _update(self) -> None:
        n = len(self._groups)
        done = sum(1 for g in self._groups.values() if g.checkedId() >= 0)
        self.decided.setText(f"{done} of {n} conflicts decided" if n else "No conflicts")
        self.merge_button.setEnabled(done == n)

    def choices(self) -> dict[tuple[str, str], str]:
        return {key: ("mine", "theirs")[g.checkedId()]
                for key, g in self._groups.items() if g.checkedId() >= 0}

    def accepted_matches(self) -> list[str]:
        out = []
        for i in range(self.matches.topLevelItemCount()):
            item = self.matches.topLevelItem(i)
            if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                out.append(str(item.data(0, Qt.ItemDataRole.UserRole)))
        return out
