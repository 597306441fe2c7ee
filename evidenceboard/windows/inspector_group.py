"""The inspector page for a selected group: its title, colour and counts; collapse,
expand and ungroup.  Each change is one undo step (``model.group_edits``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..model import Board, Edit
from ..model import group_edits as ge
from ..render.groups import DEFAULT_FRAME_COLOR
from .plain import plain_label


class GroupPage(QWidget):
    """Shows one group (:meth:`show_group`); edits go through ``do``."""

    def __init__(self, do: Callable[[Edit], bool]) -> None:
        super().__init__()
        self._do = do
        self._board: Board | None = None
        self.group_id: str | None = None
        form = QFormLayout(self)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("groupTitle")
        self.title_edit.editingFinished.connect(self.commit_title)
        form.addRow(plain_label("Group"), self.title_edit)
        self.counts_label = plain_label("")
        self.counts_label.setObjectName("groupCounts")
        form.addRow(plain_label("Holds"), self.counts_label)
        row = QHBoxLayout()
        self.color_button = QPushButton("Colour…")
        self.color_button.setObjectName("groupColour")
        self.color_button.clicked.connect(lambda: self.choose_color())
        self.color_reset = QPushButton("Default")
        self.color_reset.clicked.connect(lambda: self.set_color(None))
        row.addWidget(self.color_button, 1)
        row.addWidget(self.color_reset)
        form.addRow(plain_label("Colour"), row)
        buttons = QHBoxLayout()
        self.collapse_button = QPushButton("Collapse")
        self.collapse_button.setObjectName("groupCollapse")
        self.collapse_button.clicked.connect(lambda: self.toggle_collapsed())
        self.ungroup_button = QPushButton("Ungroup")
        self.ungroup_button.setObjectName("groupUngroup")
        self.ungroup_button.clicked.connect(lambda: self.ungroup())
        buttons.addWidget(self.collapse_button)
        buttons.addWidget(self.ungroup_button)
        form.addRow(buttons)

    def show_group(self, board: Board | None, group_id: str | None, editable: bool) -> None:
        self._board = board
        self.group_id = group_id
        g = board.groups.get(group_id) if board is not None and group_id else None
        if g is None or board is None:
            return
        if not self.title_edit.hasFocus():
            self.title_edit.setText(g.title)
        self.counts_label.setText(ge.group_counts(board.members_of(g.id)))
        color = g.color or DEFAULT_FRAME_COLOR
        self.color_button.setStyleSheet(f"background-color: {QColor(color).name()};")
        self.collapse_button.setText("Expand" if g.collapsed else "Collapse")
        self.setEnabled(editable)

    def _edit(self, make: Callable[[Board, str], Edit]) -> bool:
        board, gid = self._board, self.group_id
        if board is None or gid is None or gid not in board.groups:
            return False
        edit = make(board, gid)
        return not edit.is_empty() and self._do(edit)

    def commit_title(self) -> bool:
        text = self.title_edit.text()
        return self._edit(lambda b, g: ge.edit_group(b, g, title=text))

    def choose_color(self) -> None:
        g = self._board.groups.get(self.group_id or "") if self._board else None
        if g is None:
            return
        color = QColorDialog.getColor(QColor(g.color or DEFAULT_FRAME_COLOR), self,
                                      "Group colour")
        if color.isValid():
            self.set_color(color.name())

    def set_color(self, color: str | None) -> bool:
        return self._edit(lambda b, g: ge.edit_group(b, g, color=color))

    def toggle_collapsed(self) -> bool:
        return self._edit(ge.toggle_collapsed)

    def ungroup(self) -> bool:
        return self._edit(lambda b, g: ge.ungroup(b, [g]))
