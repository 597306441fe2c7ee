"""Importing articles (and boards from other tools) into the open board: File ▸ Import,
files and text dropped on the window (routed here by :mod:`.drops`), with a cancellable
progress dialog.

The whole import is computed first (nothing changes while it runs), then done as ONE
undoable edit through the controller.  Cancelling leaves the board exactly as it was.

The importer is imported when an import first runs, not with the window: its text
libraries (trafilatura, lxml, rapidfuzz, the gazetteers) take about 1.5 s to load, which
the app's start should not pay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from ..model import Board, Card, Edit
from . import plain
from .plain import one_line, plain_label, show_status

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

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
        # (its own label is a QLabel that guesses rich text; ``what`` is a file's name)
        dialog.setLabel(plain_label("Importing…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.dialog = dialog

        def progress(done: int, total: int, what: str) -> None:
            dialog.setMaximum(max(total, 1) + 1)
            dialog.setValue(done)
            dialog.setLabelText(one_line(f"Importing {what}…") if what != "laying out"
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

    def files_edit(self, board: Board, files: Sequence[Path],
                   group: bool = False) -> tuple[Edit, str] | None:
        """Raises ValueError naming the file and the problem.  ``group``: each article's
        new cards arrive in a group titled with the article."""
        from ..importer.files import import_files_edit
        return self._run(lambda p, c: import_files_edit(board, files, progress=p,
                                                        is_cancelled=c, group=group))

    def text_edit(self, board: Board, text: str,
                  group: bool = False) -> tuple[Edit, str] | None:
        """Import dropped or pasted plain text as one article."""
        from ..importer.reading import read_article_text
        from ..importer.to_board import import_edit, summary_of

        def build(p: Callable[[int, int, str], None], c: Callable[[], bool]) -> tuple[Edit, str]:
            raw = read_article_text(text)
            edit = import_edit(board, [raw], progress=p, is_cancelled=c, group=group)
            if edit.is_empty():
                return edit, "nothing new to import: the board already holds this article"
            return edit, summary_of(board, edit)

        return self._run(build)


class Imports:
    """File ▸ Import and dropped articles: one undo step per import, cancellable (a
    cancelled import changes nothing)."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window
        self.importer = ArticleImporter(window)

    def choose_and_import(self) -> bool:
        files, _ = QFileDialog.getOpenFileNames(
            self._w, "Import articles or boards from other tools",
            str(self._w.files.dialog_dir()),
            f"Articles and boards ({' '.join(ARTICLE_PATTERNS)});;All files (*)")
        return self.import_files([Path(f) for f in files]) if files else False

    def import_files(self, files: list[Path]) -> bool:
        """Import article files as one undo step (cancellable; cancel changes nothing)."""
        controller = self._w.controller
        if controller is None or not self._w.files.writable("import"):
            return False
        try:
            result = self.importer.files_edit(controller.board, files,
                                              group=self._as_groups())
        except (ValueError, OSError) as e:
            plain.warning(self._w, "Import failed", str(e))
            return False
        return self._finish(result)

    def import_text(self, text: str) -> bool:
        """Import dropped plain text as one article."""
        controller = self._w.controller
        if controller is None or not self._w.files.writable("import"):
            return False
        try:
            result = self.importer.text_edit(controller.board, text,
                                             group=self._as_groups())
        except ValueError as e:
            plain.warning(self._w, "Import failed", str(e))
            return False
        return self._finish(result)

    def _as_groups(self) -> bool:
        """File ▸ Import Articles as Groups is checked."""
        return self._w.grouping.import_as_groups.isChecked()

    def _finish(self, result: tuple[Edit, str] | None) -> bool:
        if result is None:
            show_status(self._w, "Import cancelled: the board is unchanged")
            return False
        edit, summary = result
        if edit.is_empty():
            show_status(self._w, summary)
            return True
        assert self._w.controller is not None and self._w.document is not None
        board = self._w.document.board
        added = [e.id for e in edit.puts if isinstance(e, Card) and e.id not in board.cards]
        ok = self._w.controller.do(edit)
        if ok:
            show_status(self._w, summary)
            # the view shows and selects what was added (the cards it updated stay put)
            self._w.viewstate.reveal_cards(added)
            self._w.viewing.reveal(added)
        return ok
