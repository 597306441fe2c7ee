"""Importing articles into the open board from the app, with a cancellable progress dialog.

The whole import is computed first (nothing changes while it runs), then done as ONE
undoable edit through the controller.  Cancelling leaves the board exactly as it was.

The importer is imported when an import first runs, not with the window: its text
libraries (trafilatura, lxml, rapidfuzz, the gazetteers) take about 1.5 s to load, which
the app's start should not pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..model import Board, Edit

#: File name endings offered by "Import Article…" and accepted by drag and drop:
#: articles, and boards from other tools (board JSON, JSON Canvas, GraphML,
#: FollowTheMoney JSON lines, our CSV tables).
ARTICLE_PATTERNS = ("*.txt", "*.md", "*.html", "*.htm", "*.json", "*.canvas", "*.graphml",
                    "*.jsonl", "*.csv")
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json",
                    ".canvas", ".graphml", ".jsonl", ".csv"}


class ArticleImporter(QObject):
    """Builds import edits with a progress dialog; emits :attr:`progressed` for tests."""

    #: (done, total) while an import runs.
    progressed = Signal(int, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.dialog: QProgressDialog | None = None

    def _run(self, build: Callable[[Callable[[int, int, str], None], Callable[[], bool]],
                                   tuple[Edit, str]]) -> tuple[Edit, str] | None:
        """Run ``build(progress, is_cancelled)``; None if the user cancelled."""
        from ..importer.to_board import ImportCancelled  # (see the module docstring)
        dialog = QProgressDialog("Importing…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Import")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.dialog = dialog

        def progress(done: int, total: int, what: str) -> None:
            dialog.setMaximum(max(total, 1) + 1)
            dialog.setValue(done)
            dialog.setLabelText(f"Importing {what}…" if what != "laying out"
                                else "Laying out new cards…")
            self.progressed.emit(done, total)
            QApplication.processEvents()

        def cancelled() -> bool:
            QApplication.processEvents()
            return dialog.wasCanceled()

        try:
            return build(progress, cancelled)
        except ImportCancelled:
            return None
        finally:
            dialog.close()
            dialog.deleteLater()
            self.dialog = None

    def files_edit(self, board: Board, files: Sequence[Path]) -> tuple[Edit, str] | None:
        """Raises ValueError naming the file and the problem."""
        from ..importer.files import import_files_edit
        return self._run(lambda p, c: import_files_edit(board, files, progress=p,
                                                        is_cancelled=c))

    def text_edit(self, board: Board, text: str) -> tuple[Edit, str] | None:
        """Import dropped or pasted plain text as one article."""
        from ..importer.reading import read_article_text
        from ..importer.to_board import import_edit, summary_of

        def build(p: Callable[[int, int, str], None], c: Callable[[], bool]) -> tuple[Edit, str]:
            raw = read_article_text(text)
            edit = import_edit(board, [raw], progress=p, is_cancelled=c)
            if edit.is_empty():
                return edit, "nothing new to import: the board already holds this article"
            return edit, summary_of(board, edit)

        return self._run(build)
