"""Opening a board with progress and Cancel: the file is checked and loaded on a worker
thread while the window stays responsive.

Checking a big board takes seconds (a 100,000-card board about ten): the window shows
a progress dialog once opening has taken longer than :data:`SHOW_AFTER_S`, and its
Cancel button stops the check at its next step.  A cancelled opening changes nothing: the
file is only read until it is opened, and cancelling is honoured only until then
(:class:`~evidenceboard.store.CheckControl`); the board that was open stays open.
While the window is not shown yet, a board opens as before, on the calling thread.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..document import Document
from ..store import CheckControl
from .plain import plain_label

#: Opening quicker than this shows no dialog.
SHOW_AFTER_S = 0.4


class BoardOpener(QObject):
    """Runs :meth:`Document.open` on a worker thread under a progress dialog."""

    #: The dialog is on screen (for tests and the status line).
    dialogShown = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialog: QProgressDialog | None = None
        self.busy = False
        self.show_after_s = SHOW_AFTER_S
        self._name = ""

    def open(self, path: Path) -> Document:
        """The opened document; raises what :meth:`Document.open` raises
        (:class:`~evidenceboard.store.CheckCancelledError` when the user cancelled)."""
        if not self._parent.isVisible():
            # before the window is shown (a board named on the command line) there is
            # nothing to show progress in, and events must wait for the window
            return Document.open(path)
        control = CheckControl()
        result: dict[str, object] = {}

        def work() -> None:
            try:
                result["doc"] = Document.open(path, control=control)
            except BaseException as e:  # handed to the window's thread below
                result["error"] = e

        worker = threading.Thread(target=work, name="evboard-open", daemon=True)
        self.busy = True
        started = time.monotonic()
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.02)
                if self.dialog is None and worker.is_alive() and \
                        time.monotonic() - started >= self.show_after_s:
                    self._show_dialog(path, control)
                if self.dialog is not None:
                    self._update(control)
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
                else:
                    # nothing typed or clicked reaches the window before the dialog shows
                    QApplication.processEvents(
                        QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 20)
        finally:
            self.busy = False
            if self.dialog is not None:
                self.dialog.close()
                self.dialog.deleteLater()
                self.dialog = None
        if "error" in result:
            raise result["error"]  # type: ignore[misc]
        return result["doc"]  # type: ignore[return-value]

    def _show_dialog(self, path: Path, control: CheckControl) -> None:
        try:
            size = f" ({path.stat().st_size / 1024**2:,.0f} MB)"
        except OSError:
            size = ""
        dialog = QProgressDialog(f"Checking {path.name}{size}…", "Cancel", 0, 1000,
                                 self._parent)
        label = plain_label()  # a file's name is shown as it is, never as rich text
        dialog.setLabel(label)
        dialog.setLabelText(f"Checking {path.name}{size}…")
        dialog.setWindowTitle("Opening board")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(lambda: self._cancel(control))
        dialog.show()
        self.dialog = dialog
        self._name = path.name
        self.dialogShown.emit()

    def _cancel(self, control: CheckControl) -> None:
        control.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(
                f"Cancelling: {self._name} is left as it was…" if control.cancellable
                else f"Too late to cancel: {self._name} is open, loading it…")

    def _update(self, control: CheckControl) -> None:
        dialog = self.dialog
        assert dialog is not None
        dialog.setValue(int(control.fraction * 1000))
        if control.phase == "loading" and not control.cancelled and \
                not dialog.labelText().startswith("Loading"):
            dialog.setLabelText(f"Loading {self._name}…")
