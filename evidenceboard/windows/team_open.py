"""Opening a team board off the GUI thread (issue 19).

Connecting to a team server and loading its board may take long — a server that does
not answer holds the connection for libpq's whole connect timeout — so File ▸ Open
Team Board runs :meth:`Document.open_team <evidenceboard.document.Document.open_team>`
on a thread of its own (:class:`OpenJob`; nothing there touches Qt) while the window
shows a progress dialog with Cancel and goes on handling events.  Cancel returns at
once with the open board unchanged; the abandoned attempt ends on its thread and closes
whatever it opened.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..document import Document
from ..store.team import TeamAddress
from .plain import one_line

#: The opening thread's name (what a test or a profile sees).
OPEN_THREAD = "evidenceboard-team-open"
#: How often the window looks whether the opening thread is done (ms).
POLL_MS = 30
#: How long an opening may take before the progress dialog shows (ms).
SHOW_AFTER_MS = 250


class OpenJob:
    """One attempt to open a team board, on a thread of its own."""

    def __init__(self, address: TeamAddress, *, by_view_from: int | None,
                 queue_dir: Path) -> None:
        self.address = address
        self._by_view_from = by_view_from
        self._queue_dir = queue_dir
        self._lock = threading.Lock()
        self._cancelled = False
        self.document: Document | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name=OPEN_THREAD, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        doc: Document | None = None
        error: BaseException | None = None
        try:
            try:
                doc = Document.open_team(self.address, by_view_from=self._by_view_from,
                                         queue_dir=self._queue_dir)
            except BaseException as e:  # (reported to the window, which shows it)
                error = e
            with self._lock:
                if self._cancelled:
                    if doc is not None:
                        doc.close()
                    doc = None
                self.document, self.error = doc, error
        finally:
            self.done.set()  # (whatever happened: the window never waits for ever)

    def cancel(self) -> None:
        """Give the attempt up: whatever it opens is closed on its thread."""
        with self._lock:
            self._cancelled = True
            doc, self.document = self.document, None
        if doc is not None:
            doc.close()

    @property
    def cancelled(self) -> bool:
        return self._cancelled


def host_of(address: TeamAddress) -> str:
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(address.conninfo)
    host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "")
    return "this computer" if not host or host.startswith("/") else host


def run_open(parent: QWidget, job: OpenJob, *, shown: list[QProgressDialog] | None = None
             ) -> bool:
    """Start ``job`` and wait for it with the event loop running and a progress dialog
    (shown when it takes more than a moment; put in ``shown`` while it exists) whose
    Cancel gives it up.  Whether it finished (False: cancelled)."""
    dialog = QProgressDialog(
        one_line(f"Connecting to the team server on {host_of(job.address)} and loading "
                 f"the board {job.address.board!r}…"), "Cancel", 0, 0, parent)
    dialog.setObjectName("teamOpenProgress")
    dialog.setWindowTitle("Open Team Board")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(0)
    dialog.hide()  # (QProgressDialog may show itself; it is shown below when needed)
    loop = QEventLoop()
    poll = QTimer(dialog)
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: job.done.is_set() and loop.quit())
    show = QTimer(dialog)
    show.setSingleShot(True)
    show.setInterval(SHOW_AFTER_MS)
    show.timeout.connect(lambda: not job.done.is_set() and dialog.show())
    dialog.canceled.connect(loop.quit)
    if shown is not None:
        shown.append(dialog)
    job.start()
    poll.start()
    show.start()
    if not job.done.is_set():
        loop.exec()
    poll.stop()
    show.stop()
    cancelled = dialog.wasCanceled() or not job.done.is_set()
    if cancelled:
        job.cancel()
    if shown is not None:
        shown.remove(dialog)
    dialog.hide()
    dialog.deleteLater()
    return not cancelled
