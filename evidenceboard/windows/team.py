"""Team boards in the window (issue 19): File ▸ Open Team Board, and keeping the open
team board live.

While a team board is open, a timer looks four times a second for the notifications
the server sent (:meth:`Document.sync <evidenceboard.document.Document.sync>` reads
those already on the socket and never waits); the others' edits are applied to the
board as one edit, whose events the scene and the docks follow exactly as they follow
an undo — and they are not on this window's undo stack, so Undo undoes only one's own
edits.  An edit that lost a race is refused with a conflict notice naming both values
(the status line; every conflict stays in the store's list).

Losing the server does not stop the work: the board stays editable, each edit waits in
the offline queue (a file in the user's data folder, :mod:`..store.team_queue`) and the
banner says how many wait.  The store's reconnector tries the server on a thread of its
own, so the timer never waits for the network; once the server answers, the queue is
sent (in order, each edit against the versions it was made on) and the board catches
up.  Edits that lost a race meanwhile are conflicts: the status line says so, the board
shows theirs, and the undo history (made on what is no longer the board) is cleared.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QProgressDialog

from ..document import Document
from ..paths import user_data_dir
from ..store import BoardFileError, StoreWriteError
from ..store.team import VIEW_LOAD_FROM, TeamAddress, conflict_message
from ..store.team_queue import SendReport
from . import plain
from .plain import show_status
from .team_open import OpenJob, run_open

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: How often the open team board looks for the others' edits (ms).
SYNC_MS = 250
#: How long a pan or zoom of a partial board settles before its new area loads (ms).
PAN_SETTLE_MS = 150
#: The most cards one load of a new area brings (the GUI stays responsive between
#: slices), and the most a partial board holds before loading stops (zoom in).
SLICE_CARDS = 5_000
MAX_HELD_CARDS = 150_000
LAST_ADDRESS_KEY = "teamAddress"


def queue_dir() -> Path:
    """Where edits made without the team server wait (one file per board address)."""
    return user_data_dir() / "team-queue"


def copy_time(synced: float) -> str:
    """When a working copy was last in step with the server (local time)."""
    when = datetime.fromtimestamp(synced) if synced > 0 else None
    if when is None:
        return "an unknown time"
    if when.date() == datetime.now().date():
        return f"today {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M}"


def from_copy_text(synced: float) -> str:
    return (f"Server unreachable — working from your copy of {copy_time(synced)}: your "
            "edits wait on this computer and are sent when the server is back")


def offline_banner(waiting: int, *, offline: bool, copy_of: float | None = None) -> str:
    """The banner of a team board whose edits wait for the server (``copy_of``: opened
    from this computer's copy, last in step with the server then)."""
    edits = f"{waiting} edit{'s' if waiting != 1 else ''} waiting"
    if not offline:
        return f"Sending {edits} to the team server…"
    if copy_of is not None:
        then = (f"{edits.capitalize()}; {'it is' if waiting == 1 else 'they are'} sent"
                if waiting else
                "Keep working: your edits wait on this computer and are sent")
        return (f"Offline — server unreachable — working from your copy of "
                f"{copy_time(copy_of)}. {then} when the server is back.")
    if waiting == 0:
        return ("Offline — the team server cannot be reached. Keep working: your edits "
                "wait on this computer and are sent when the server is back.")
    return f"Offline — {edits}; they will be sent when the server is back."


def team_label(address: str) -> str:
    """A remembered team board's name in a menu: ``NAME (team: host)``."""
    parts = urlsplit(address)
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host", "local")
    return f"{query.get('board', '?')} (team: {host})"


class TeamBoards(QObject):
    """File ▸ Open Team Board…, and the open team board's live updates."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_MS)
        self.timer.timeout.connect(self.sync_now)
        self._was_read_only: bool | None = None
        self._was_offline = False
        self._told_sent = False
        self._conflicts_seen = 0
        #: Remote edits applied since the board was opened (for the status line, tests).
        self.remote_edits = 0
        #: A partially loaded board: after a pan or zoom settles, load what the view
        #: shows (:meth:`load_view_area`).
        self.pan_timer = QTimer(self)
        self.pan_timer.setSingleShot(True)
        self.pan_timer.setInterval(PAN_SETTLE_MS)
        self.pan_timer.timeout.connect(self.load_view_area)
        #: Areas loaded after a pan (for tests and the benchmark).
        self.area_loads = 0
        #: The conflicts dialog while it is open (tests).
        self.conflicts_dialog: QDialog | None = None
        #: The last attempt to open a team board, and its progress dialog while it
        #: waits (tests).
        self.open_job: OpenJob | None = None
        self.progress: list[QProgressDialog] = []

    def choose_and_open(self) -> bool:
        """Ask for the address (libpq's URI with ?board=NAME), then open it."""
        w = self._w
        last = str(w.settings.value(LAST_ADDRESS_KEY, "") or "")
        text, ok = QInputDialog.getText(
            w, "Open Team Board", "Team board address (postgresql://…?board=NAME; the "
            "password comes from ~/.pgpass or a service file, never from here):",
            QLineEdit.EchoMode.Normal, last or "postgresql://")
        if not ok or not text.strip():
            return False
        return self.open_team_board(text)

    def open_team_board(self, text: str) -> bool:
        w = self._w
        try:
            address = TeamAddress.parse(text)
        except BoardFileError as e:
            plain.critical(w, "Cannot open team board", str(e))
            return False
        job = OpenJob(address, by_view_from=VIEW_LOAD_FROM, queue_dir=queue_dir())
        self.open_job = job
        # (the open board's live updates wait meanwhile: the same board's offline queue
        # is never sent from two places at once)
        following = self.timer.isActive()
        self.timer.stop()
        finished = run_open(w, job, shown=self.progress)
        if following and (not finished or job.document is None):
            self.timer.start()
        if not finished:
            show_status(w, f"Opening the team board {address.board!r} was cancelled", 8000)
            return False
        doc, error = job.document, job.error
        if error is not None or doc is None:
            if not isinstance(error, (BoardFileError, StoreWriteError)):
                raise error if error is not None else RuntimeError("nothing opened")
            plain.critical(w, "Cannot open team board",
                           f"Cannot open {address.board}: {' '.join(str(error).split())}")
            return False
        w.settings.setValue(LAST_ADDRESS_KEY, address.display)
        w.files.show_opened(doc, address.display)
        team = doc.team
        if doc.opened_from_copy is not None:
            w.status.show_error(from_copy_text(doc.opened_from_copy))
        if team is not None and team.partial:
            show_status(w, f"A board this big opens by view: showing the "
                        f"{len(doc.board.cards):,} cards around its middle", 15000)
        if doc.last_send is not None:
            self._tell_sent(doc.last_send)
        return True

    # ----------------------------------------------------------------- live
    def attach(self, doc: Document) -> None:
        """A board was put on screen: follow it if it is a team board."""
        self.remote_edits = 0
        self._conflicts_seen = 0
        self._was_read_only = doc.read_only
        self._was_offline = doc.team is not None and doc.team.offline
        self._told_sent = False
        if doc.team is not None:
            doc.on_sent(self._tell_sent)
            self.timer.start()
            view = self._w.view
            if doc.team.partial and view is not None:
                # (a lambda: the signals' values would reach start(msec))
                settle = lambda *_: self.pan_timer.start()  # noqa: E731
                view.horizontalScrollBar().valueChanged.connect(settle)
                view.verticalScrollBar().valueChanged.connect(settle)
                view.zoomChanged.connect(settle)
        else:
            self.timer.stop()

    def detach(self) -> None:
        self.timer.stop()
        self.pan_timer.stop()

    def load_view_area(self) -> None:
        """Load the cards a partial board lacks around what the view shows (the view's
        rectangle and a quarter of it on each side), in one bounded slice."""
        w = self._w
        doc, view, scene = w.document, w.view, w.scene
        if doc is None or view is None or scene is None or doc.team is None or \
                not doc.team.partial:
            return
        r = view.visible_scene_rect()
        mx, my = r.width() / 4, r.height() / 4
        rect = (r.left() - mx, r.top() - my, r.right() + mx, r.bottom() + my)
        if doc.team.covers(rect):
            return
        try:
            event, complete = doc.load_more(rect, SLICE_CARDS)
        except (BoardFileError, StoreWriteError) as e:
            w.status.show_error(" ".join(str(e).split()))
            return
        self.area_loads += 1
        # (let the view go on past what is loaded: there is more board out there)
        scene.setSceneRect(scene.sceneRect().united(r.adjusted(
            -r.width(), -r.height(), r.width(), r.height())))
        n = len(event.added) if event is not None else 0
        if not complete and len(doc.board.cards) < MAX_HELD_CARDS:
            self.pan_timer.start()  # the next slice, after the events waiting
            show_status(w, f"{len(doc.board.cards):,} cards loaded, loading more…", 4000)
        elif not complete:
            show_status(w, f"{len(doc.board.cards):,} cards loaded: this area holds more; "
                        "zoom in to see them all", 8000)
        elif n:
            show_status(w, f"{n:,} more cards loaded", 4000)

    def sync_now(self) -> None:
        """Apply the others' edits; follow going offline and coming back."""
        w = self._w
        doc = w.document
        if doc is None or doc.team is None:
            self.timer.stop()
            return
        try:
            event = doc.sync()
        except (BoardFileError, StoreWriteError) as e:
            w.status.show_error(" ".join(str(e).split()))
            return
        if event is not None:
            self.remote_edits += 1
            w.merging.history.schedule()  # (the others' edits are in its list)
            n = len(event.added) + len(event.changed) + len(event.removed)
            who = ", ".join(doc.team.last_authors) or "others"
            show_status(w, f"{n} item{'s' if n != 1 else ''} changed by {who}", 5000)
        team = doc.team
        if len(team.conflicts) > self._conflicts_seen:
            self._conflicts_seen = len(team.conflicts)
        if team.offline != self._was_offline:
            self._was_offline = team.offline
            w.merging.history.schedule()
            if not team.offline:
                doc.opened_from_copy = None  # (in step with the server again)
            w.files.update_banner()
            if team.offline:
                w.status.show_error("The team server cannot be reached: keep working, "
                                    "your edits wait here until it is back")
            elif not self._told_sent:
                w.status.clear()
                show_status(w, "The team server is back: the board is up to date", 8000)
        self._told_sent = False
        if doc.read_only != self._was_read_only:
            self._was_read_only = doc.read_only
            w.files.update_banner()
            w.files.update_title()
            w.acts.update(doc, w.selected_ids(),
                          w.scene.frames.selected if w.scene is not None else None)
            if doc.read_only:
                w.status.show_error(team.read_only_reason or "read-only")
            else:
                w.status.clear()
                show_status(w, "The team server is back: the board is up to date and "
                            "can be changed again", 8000)

    def show_conflicts(self) -> None:
        """File ▸ Team Board Conflicts…: mine and theirs side by side, a choice each."""
        from .team_conflicts import TeamConflictsDialog

        w = self._w
        if w.document is None or w.document.team is None or w.controller is None:
            return
        controller = w.controller
        dialog = TeamConflictsDialog(w.document, lambda e: controller.do(e), w)
        self.conflicts_dialog = dialog
        dialog.exec()
        self.conflicts_dialog = None
        self._conflicts_seen = len(w.document.team.conflicts) if w.document.team else 0

    def _tell_sent(self, report: SendReport) -> None:
        """Say what sending the offline queue did; after lost races the undo history
        no longer matches the board: it is cleared."""
        w = self._w
        doc = w.document
        self._told_sent = True
        w.files.update_banner()
        if report.conflicts or report.refused:
            if w.controller is not None:
                w.controller.stack.clear()
            if report.conflicts:
                text = conflict_message(report.conflicts)
            else:
                text = f"the server refused an edit made offline: {report.refused[0]}"
            sent = (f"{report.sent} edit{'s' if report.sent != 1 else ''} made offline "
                    "sent; ") if report.sent else ""
            w.status.show_error(sent + text + " (File ▸ Team Board Conflicts… to choose)")
        elif report.sent:
            w.status.clear()
            show_status(w, f"The team server is back: {report.sent} edit"
                        f"{'s' if report.sent != 1 else ''} made offline sent", 8000)
        if doc is not None and doc.team is not None:
            self._conflicts_seen = len(doc.team.conflicts)
