"""Press every control of the main window the way a hand does, and close what opens.

:class:`DialogDriver` runs on a timer (so it also runs inside the nested event loop of a
modal ``exec()``): whatever dialog is on top, it presses the buttons of our own dialogs
one by one (each in a later turn of the event loop, so a button that opens another modal
dialog does not block the driver), then cancels it — or, in "accept" mode, accepts it
(a file dialog gets a file under the test's folder, a print dialog a PDF file).  Qt's own
dialogs (file, print, colour, input, message boxes) are accepted or cancelled, never
explored.  Menus that pop up are closed.

:func:`actions_of` finds the actions to trigger by walking the menu bar (each menu is
popped up so menus filled on demand are filled), the toolbar and the window's children:
a new action is covered without touching the test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

OWN_MODULES = "evidenceboard."
_CLOSING_ROLES = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.RejectRole,
                  QDialogButtonBox.ButtonRole.YesRole, QDialogButtonBox.ButtonRole.NoRole,
                  QDialogButtonBox.ButtonRole.DestructiveRole}
_ACCEPT_ROLES = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
                 QDialogButtonBox.ButtonRole.ApplyRole}


def is_own(widget: QWidget) -> bool:
    return type(widget).__module__.startswith(OWN_MODULES)


def pressable(widget: QWidget, root: QWidget) -> bool:
    """A button a user can press: shown, enabled, not one of Qt's own furniture."""
    return (isinstance(widget, QAbstractButton) and widget.isEnabled()
            and widget.isVisibleTo(root) and widget.isVisible()
            and not widget.objectName().startswith("qt_"))


def button_role(button: QAbstractButton) -> QDialogButtonBox.ButtonRole | None:
    parent = button.parent()
    while parent is not None:
        if isinstance(parent, QDialogButtonBox):
            return parent.buttonRole(button)
        parent = parent.parent()
    return None


def click(button: QAbstractButton) -> None:
    """A real left click in the middle of the button."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


class DialogDriver(QObject):
    """Handles every dialog and popup that appears while it runs."""

    def __init__(self, main: QWidget, folder: Path, mode: str = "cancel") -> None:
        super().__init__(main)
        self.main = main
        self.folder = folder
        self.mode = mode
        self.pressed: list[str] = []  # "DialogClass: button text"
        self.handled: list[str] = []  # "DialogClass accepted/rejected"
        self._plans: dict[int, list[QAbstractButton]] = {}
        self._final: dict[int, float] = {}
        self._scheduled = False
        self._n = 0
        self._keys = 0
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    # ----------------------------------------------------------------- finding
    def top_dialog(self) -> QDialog | None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            return modal
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible() and w is not self.main:
                return w
        return None

    def busy(self) -> bool:
        return self.top_dialog() is not None or QApplication.activePopupWidget() is not None

    def _tick(self) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            popup.close()
            return
        dlg = self.top_dialog()
        if dlg is not None and not self._scheduled:
            self._scheduled = True
            # Act in a later turn: a click that opens a modal dialog must not block
            # this timer's slot (the nested dialog needs the driver too).
            QTimer.singleShot(0, lambda d=dlg: self._step(d))

    # ----------------------------------------------------------------- acting
    def _step(self, dlg: QDialog) -> None:
        self._scheduled = False
        try:
            if not dlg.isVisible():
                return
        except RuntimeError:  # deleted meanwhile
            return
        # Keyed by a property of the C++ object: Python ids and addresses are reused
        # by the next dialog once one is deleted.
        key = dlg.property("walkerKey")
        if key is None:
            self._keys += 1
            key = self._keys
            dlg.setProperty("walkerKey", key)
        name = type(dlg).__name__
        if key not in self._plans:
            buttons = []
            if is_own(dlg):
                buttons = [b for b in dlg.findChildren(QAbstractButton)
                           if pressable(b, dlg) and button_role(b) not in _CLOSING_ROLES]
            self._plans[key] = buttons
        plan = self._plans[key]
        while plan:
            b = plan.pop(0)
            try:
                if pressable(b, dlg):
                    self.pressed.append(f"{name}: {b.text() or b.objectName()}")
                    click(b)
                    return
            except RuntimeError:
                continue
        if key in self._final:
            # Accepted and still working (an export on its thread): give it time, then
            # cancel it like a user would.
            if time.monotonic() - self._final[key] > 30:
                self.handled.append(f"{name} cancelled after waiting")
                dlg.reject()
            return
        self._final[key] = time.monotonic()
        if self.mode == "accept" and self._accept(dlg):
            self.handled.append(f"{name} accepted")
        else:
            self.handled.append(f"{name} rejected")
            if isinstance(dlg, QMessageBox):
                dlg.done(0)
            else:
                dlg.reject()

    def _new_path(self, suffix: str) -> str:
        self._n += 1
        return str(self.folder / f"walk-{self._n}{suffix}")

    def _accept(self, dlg: QDialog) -> bool:
        """Accept ``dlg`` as a user would; False when it cannot be (then cancelled)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
        if isinstance(dlg, QFileDialog):
            # Type a name into the file name box, as a user does, and accept.
            patterns = " ".join(dlg.nameFilters())
            if dlg.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
                suffix = ".evboard" if ".evboard" in patterns else ""
                chosen = Path(self._new_path(suffix))
            else:
                wanted = [p for p in sorted((self.folder / "inputs").iterdir())
                          if f"*{p.suffix}" in patterns]
                if not wanted:
                    return False
                chosen = wanted[0]
            dlg.setDirectory(str(chosen.parent))
            name_box = dlg.findChild(QLineEdit, "fileNameEdit")
            if name_box is None:
                return False
            name_box.setText(chosen.name)
            dlg.accept()
            return True
        if isinstance(dlg, QPrintPreviewDialog):
            return False
        if isinstance(dlg, QPrintDialog):
            dlg.printer().setOutputFileName(self._new_path(".pdf"))
            dlg.accept()
            return True
        if isinstance(dlg, QColorDialog):
            dlg.setCurrentColor(QColor("#3366cc"))
            dlg.accept()
            return True
        if isinstance(dlg, (QInputDialog, QMessageBox)):
            dlg.done(1) if isinstance(dlg, QInputDialog) else dlg.done(0)
            return True
        if is_own(dlg):
            for b in dlg.findChildren(QAbstractButton):
                if pressable(b, dlg) and button_role(b) in _ACCEPT_ROLES:
                    self.pressed.append(f"{type(dlg).__name__}: {b.text()}")
                    click(b)
                    return True
        return False

    def settle(self, timeout: float = 60.0) -> None:
        """Run the event loop until no dialog or popup is left (or fail)."""
        deadline = time.monotonic() + timeout
        idle_since: float | None = None
        while True:
            QApplication.processEvents()
            if self.busy():
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since > 0.06:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"a dialog stayed open: {self.top_dialog()!r}")
            time.sleep(0.005)


# --------------------------------------------------------------------- finding actions
def _menu_actions(menu: QMenu, out: list[QAction], driver: DialogDriver) -> None:
    menu.popup(QPoint(0, 0))  # fills menus built on demand (Open Recent)
    QApplication.processEvents()
    actions = list(menu.actions())
    menu.close()
    for a in actions:
        sub = a.menu()
        if isinstance(sub, QMenu):
            _menu_actions(sub, out, driver)
        elif not a.isSeparator() and a not in out:
            out.append(a)


def actions_of(window: QWidget, driver: DialogDriver) -> list[QAction]:
    """Every action a user can reach: menu bar (walked), toolbar, window children."""
    out: list[QAction] = []
    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            _menu_actions(top.menu(), out, driver)
    for tb in window.findChildren(QToolBar):
        for a in tb.actions():
            if not a.isSeparator() and a.menu() is None and a not in out and a.text():
                out.append(a)
    for a in window.findChildren(QAction):
        if not a.isSeparator() and a.menu() is None and a not in out and a.text():
            out.append(a)
    return out


def window_buttons(window: QWidget) -> list[QAbstractButton]:
    """The buttons of the window and its docks (the toolbar's are its actions)."""
    out = []
    for b in window.findChildren(QAbstractButton):
        if not pressable(b, window):
            continue
        parent, in_toolbar = b.parent(), False
        while parent is not None and parent is not window:
            if isinstance(parent, (QToolBar, QDialog)):
                in_toolbar = True
                break
            parent = parent.parent()
        if not in_toolbar:
            out.append(b)
    return out


def label(obj: QAction | QAbstractButton) -> str:
    return obj.text().replace("&", "") or obj.objectName() or type(obj).__name__


Step = Callable[[], None]
