"""Edit ▸ Group Selection, Ungroup, Collapse / Expand Group, Remove from Group.

Each is one undo step built by :mod:`evidenceboard.model.group_edits`.  The group a
command acts on is the one selected on the canvas (its frame), else the groups of the
selected cards.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..model import group_edits as ge
from .qactions import make_action

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow


AS_GROUPS_KEY = "import/as_groups"


class GroupCommands(QObject):
    """See the module docstring (``w.grouping``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = w = window

        act = functools.partial(make_action, w)

        self.group = act("&Group Selection", self.group_selection, "Ctrl+G",
                         "Put the selected cards in a titled frame")
        self.ungroup = act("U&ngroup", self.ungroup_selection, "Ctrl+Shift+G",
                           "Remove the frame; its cards stay where they are")
        self.collapse = act("&Collapse / Expand Group", self.toggle_collapsed, "Ctrl+Alt+G",
                            "Show the group as one card with its counts, or its cards again")
        self.remove = act("&Remove from Group", self.remove_from_group, None,
                          "Take the selected cards out of their groups")
        #: File ▸ Import Articles as Groups: each imported article's new cards arrive in
        #: a group titled with the article (kept between sessions).
        self.import_as_groups = QAction("Import Articles as &Groups", w)
        self.import_as_groups.setCheckable(True)
        self.import_as_groups.setStatusTip("Each imported article's new cards arrive in a "
                                           "group titled with the article")
        self.import_as_groups.setChecked(
            str(w.settings.value(AS_GROUPS_KEY, "false")).lower() == "true")
        self.import_as_groups.toggled.connect(
            lambda on: w.settings.setValue(AS_GROUPS_KEY, "true" if on else "false"))
        self.menu = QMenu("&Group", w)
        self.menu.setObjectName("groupMenu")
        self.menu.addActions([self.group, self.ungroup, self.collapse, self.remove])

    def all_actions(self) -> list[QAction]:
        return [self.group, self.ungroup, self.collapse, self.remove]

    # ----------------------------------------------------------------- state
    def _cards(self) -> list[str]:
        scene = self._w.scene
        if scene is None:
            return []
        return [i for i in scene.selected_ids() if i in scene.board.cards]

    def _groups(self) -> list[str]:
        scene = self._w.scene
        if scene is None:
            return []
        if scene.frames.selected is not None:
            return [scene.frames.selected]
        board = scene.board
        return sorted({g for i in self._cards() if (g := board.cards[i].group_id)})

    def update_actions(self) -> None:
        doc = self._w.document
        writable = doc is not None and not doc.read_only and self._w.scene is not None
        cards, groups = self._cards(), self._groups()
        self.group.setEnabled(writable and bool(cards))
        self.ungroup.setEnabled(writable and bool(groups))
        self.collapse.setEnabled(writable and bool(groups))
        board = self._w.scene.board if self._w.scene is not None else None
        self.remove.setEnabled(writable and board is not None and any(
            board.cards[i].group_id for i in cards))

    # ----------------------------------------------------------------- commands
    def _do(self, edit) -> bool:
        scene = self._w.scene
        if scene is None or edit.is_empty() or not scene.may_edit():
            return False
        return scene.controller.do(edit)

    def group_selection(self) -> bool:
        scene = self._w.scene
        cards = self._cards()
        if scene is None or not cards:
            return False
        if not self._do(ge.group_cards(scene.board, cards)):
            return False
        gid = scene.board.cards[cards[0]].group_id
        scene.clear_selection()
        if scene.frames.select(gid):
            scene.selectionChanged.emit()
        return True

    def ungroup_selection(self) -> bool:
        scene = self._w.scene
        groups = self._groups()
        if scene is None or not groups:
            return False
        members = [c.id for g in groups for c in scene.board.members_of(g)]
        if not self._do(ge.ungroup(scene.board, groups)):
            return False
        scene.select_ids(members)
        return True

    def toggle_collapsed(self) -> bool:
        scene = self._w.scene
        groups = self._groups()
        if scene is None or not groups:
            return False
        collapse = not scene.board.groups[groups[0]].collapsed
        return self._do(ge.set_collapsed(scene.board, groups, collapse))

    def remove_from_group(self) -> bool:
        scene = self._w.scene
        if scene is None:
            return False
        return self._do(ge.remove_from_group(scene.board, self._cards()))
