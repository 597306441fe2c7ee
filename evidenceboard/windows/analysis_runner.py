"""Analyses that may take long (centrality, communities, paths on a 10,000-card board)
run off the GUI thread, with progress and Cancel.

:class:`AnalysisRunner` takes a snapshot of the board (its immutable entities, copied
into a private :class:`~evidenceboard.model.Board` in the worker: edits made meanwhile
never race with the analysis) and runs ``job(board, progress, cancelled)`` in a
``QThread``.  The GUI stays responsive (networkx is Python: the interpreter switches to
the GUI thread every few milliseconds); a progress dialog appears after a moment and its
Cancel raises :class:`~evidenceboard.analysis.network.AnalysisCancelled` in the job at
its next check, so nothing is delivered.  One job runs at a time: starting another
cancels the one running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..analysis.network import AnalysisCancelled
from ..model import Board, Setting

Job = Callable[[Board, Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled_ = Signal()

    def __init__(self, entities: list, job: Job, parent: QObject | None) -> None:
        super().__init__(parent)
        self._entities = entities
        self._job = job
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            board = Board.from_entities(self._entities)
            result = self._job(board, lambda d, t: self.progressed.emit(d, t),
                               self.stop.is_set)
        except AnalysisCancelled:
            self.cancelled_.emit()
            return
        except Exception as e:  # shown to the user, never a crash of the window
            self.failed.emit(f"{type(e).__name__}: {e}")
            return
        if self.stop.is_set():
            self.cancelled_.emit()
        else:
            self.succeeded.emit(result)


class AnalysisRunner(QObject):
    """Runs one analysis job at a time in a worker thread (see the module docstring)."""

    #: (name, result) when a job finished and was not cancelled.
    finished = Signal(str, object)
    #: (name, message) when a job failed.
    failed = Signal(str, str)
    #: name, when a job was cancelled.
    cancelled = Signal(str)
    progressed = Signal(int, int)

    #: Milliseconds before the progress dialog shows (short jobs never show it).
    SHOW_AFTER_MS = 300

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._worker: _Worker | None = None
        #: every thread still running, the cancelled ones too (none may outlive us)
        self._alive: set[_Worker] = set()
        self._name = ""
        self._on_done: Callable[[Any], None] | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self, name: str, board: Board, job: Job, label: str,
              on_done: Callable[[Any], None] | None = None, *, quiet: bool = False) -> None:
        """Run ``job`` on a snapshot of ``board``; ``on_done(result)`` on success.
        ``quiet``: no progress dialog (a refresh the user did not ask for)."""
        self.cancel()
        entities = [e for e in board.entities() if not isinstance(e, Setting)]
        worker = _Worker(entities, job, self)
        self._worker, self._name, self._on_done = worker, name, on_done
        if quiet:
            self.dialog = None
            self._connect(worker)
            return
        dialog = QProgressDialog(label, "Cancel", 0, 0, self._parent)
        dialog.setObjectName("analysisProgress")
        dialog.setWindowTitle("Analysis")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(self.SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        # it must not take the focus from what the user is doing (a menu open)
        dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.dialog = dialog
        self._connect(worker)

    def _connect(self, worker: _Worker) -> None:
        worker.progressed.connect(self._progress)
        worker.succeeded.connect(lambda result, w=worker: self._succeeded(w, result))
        worker.failed.connect(lambda msg, w=worker: self._failed(w, msg))
        worker.cancelled_.connect(lambda w=worker: self._cancelled(w))
        self._alive.add(worker)
        worker.finished.connect(lambda w=worker: self._alive.discard(w))
        worker.finished.connect(worker.deleteLater)
        worker.start(QThread.Priority.LowPriority)

    def cancel(self) -> None:
        """Stop the running job (its result is dropped)."""
        worker = self._worker
        if worker is None:
            return
        worker.stop.set()
        self._worker = None
        self._close_dialog()
        self.cancelled.emit(self._name)

    def wait(self, ms: int = 600_000) -> None:
        """Block until the running job ends (closing the window, tests)."""
        worker = self._worker
        if worker is not None:
            worker.wait(ms)

    def shutdown(self) -> None:
        """Cancel and wait: no thread outlives the window (a cancelled job still
        running is waited for too)."""
        self.cancel()
        for worker in list(self._alive):
            worker.stop.set()
            worker.wait(120_000)
        self._alive.clear()

    # ----------------------------------------------------------------- from the worker
    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(1, total))
            self.dialog.setValue(min(done, total))
        self.progressed.emit(done, total)

    def _succeeded(self, worker: _Worker, result: object) -> None:
        if worker is not self._worker:
            return  # cancelled meanwhile
        self._worker = None
        self._close_dialog()
        on_done = self._on_done
        if on_done is not None:
            on_done(result)
        self.finished.emit(self._name, result)

    def _failed(self, worker: _Worker, message: str) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self._close_dialog()
        self.failed.emit(self._name, message)

    def _cancelled(self, worker: _Worker) -> None:
        if worker is self._worker:
            self._worker = None
            self._close_dialog()
            self.cancelled.emit(self._name)

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()
