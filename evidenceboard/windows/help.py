"""The Help menu: the keyboard and mouse reference, and the About box.

The shortcut list is read from the window's menus (every action with a shortcut, under
the menu it is in), so it can never disagree with the keys that work.  The About box
reads our version and the licences of every bundled component from the installed
distributions' metadata (:mod:`evidenceboard.about`).  All text is plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..about import (
    app_licence,
    app_version,
    bundled_components,
    licence_text,
    runtime_summary,
    shipped_components,
)
from .plain import plain_label

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: What the canvas and the text views do with the mouse and keys besides menu actions.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Click", "Select a card or link (replaces the selection)"),
    ("Ctrl+Click / Shift+Click", "Add to the selection, or take out of it"),
    ("Drag on empty space", "Select the cards and links the rectangle touches"),
    ("Esc", "Clear the selection (or cancel a drag)"),
    ("Drag a card", "Move the selected cards (one undo step)"),
    ("Drag from a card's handle", "Draw a link to another card"),
    ("Arrow keys / Shift+Arrow", "Nudge the selected cards by 1 / 10"),
    ("Wheel / Shift+Wheel", "Zoom around the cursor / scroll sideways"),
    ("Middle button or Space+Drag", "Pan"),
    ("F2 or double-click a title", "Rename the card in place"),
    ("Drag over words (Source, Link evidence)", "Select whole words"),
    ("Alt+Drag over words", "Select exact characters"),
    ("Enter in a find box", "Find the next match"),
    ("Ctrl+Enter (Link evidence)", "Cite the selected words"),
)


def _plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _on_a_keyboard(seq: QKeySequence) -> bool:
    """Keys every keyboard has: not the "Undo" / "Copy" / F14 keys of a few old
    keyboards that Qt's standard bindings also list."""
    key = seq[0].key() if seq.count() else Qt.Key.Key_unknown
    if Qt.Key.Key_F13 <= key <= Qt.Key.Key_F35:
        return False
    return key < Qt.Key.Key_Back  # media and application keys start there


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for a in menu.actions():
            sub = a.menu()
            name = a.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {name}")
            elif not a.isSeparator() and a.shortcuts():
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                                 for s in a.shortcuts() if _on_a_keyboard(s))
                if keys:
                    rows.append((path, name.rstrip("…").strip(), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return rows


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard and Mouse (F1)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard and Mouse — EvidenceBoard")
        self.resize(780, 640)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, name, keys in shortcut_rows(window):
            group = groups.get(menu)
            if group is None:
                group = QTreeWidgetItem([menu, ""])
                self.tree.addTopLevelItem(group)
                groups[menu] = group
            group.addChild(QTreeWidgetItem([name, keys]))
        canvas = QTreeWidgetItem(["Canvas and text", ""])
        self.tree.addTopLevelItem(canvas)
        for keys, what in GESTURES:
            canvas.addChild(QTreeWidgetItem([what, keys]))
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label(
            "Every change is saved to the board file as you make it, and can be undone. "
            "Select a card or link to see the article words behind it beside the board."))
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            out.extend((g.child(j).text(0), g.child(j).text(1)) for j in range(g.childCount()))
        return out


class AboutDialog(QDialog):
    """Help ▸ About EvidenceBoard: versions, and every bundled component's licence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About EvidenceBoard")
        self.resize(680, 600)
        self.summary = runtime_summary(qVersion(), PySide6.__version__)
        self.components = bundled_components() + shipped_components()
        title = _plain_label(f"EvidenceBoard {app_version()}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        intro = _plain_label(
            "A board of actors, claims and sourced links for investigators: every link "
            f"backed by the exact words of the article it came from. Licence: "
            f"{app_licence()}.\n\n"
            + "\n".join(self.summary.splitlines()[1:]))
        self.table = QTreeWidget()
        self.table.setObjectName("componentTable")
        self.table.setHeaderLabels(["Component", "Version", "Licence"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for c in self.components:
            item = QTreeWidgetItem([c.name, c.version, c.licence])
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentItemChanged.connect(self._show_licence)
        self.licence_view = QPlainTextEdit()
        self.licence_view.setReadOnly(True)
        self.licence_view.setPlaceholderText("Select a component to read its licence.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.licence_view)
        split.setSizes([320, 180])
        self.copy_button = QPushButton("Copy Details")
        self.copy_button.setToolTip("Copy the versions and licences (for a bug report)")
        self.copy_button.clicked.connect(lambda: self.copy_details())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(_plain_label(f"Bundled components ({len(self.components)}), "
                                      "as their installed metadata declares them:"))
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def details(self) -> str:
        lines = [self.summary, "", "Components:"]
        lines += [f"  {c.name} {c.version} — {c.licence}" for c in self.components]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())

    def _show_licence(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.licence_view.clear()
            return
        c = self.components[self.table.indexOfTopLevelItem(item)]
        text = licence_text(c)
        self.licence_view.setPlainText(
            text if text else f"{c.name} declares the licence “{c.licence}” and ships no "
                              "licence file in its metadata.")


def help_actions(window: MainWindow) -> list[QAction]:
    """The actions of the Help menu (created once per window)."""
    guide = QAction("Keyboard and &Mouse…", window)
    guide.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
                       or [QKeySequence("F1")])
    guide.setStatusTip("Every shortcut and gesture")
    guide.triggered.connect(lambda: show_dialog(window, ShortcutsDialog(window)))
    about = QAction("&About EvidenceBoard…", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.setStatusTip("Version, and the licences of the components EvidenceBoard ships")
    about.triggered.connect(lambda: show_dialog(window, AboutDialog(window)))
    about_qt = QAction("About &Qt…", window)
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    about_qt.triggered.connect(lambda: _about_qt(window))
    return [guide, about, about_qt]


def _about_qt(window: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.aboutQt(window, "About Qt")


def show_dialog(window: QWidget, dialog: QDialog) -> QDialog:
    """Show a non-blocking dialog that goes away when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
