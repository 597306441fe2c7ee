"""What is dropped on the window, and where it goes.

* A board file (``.evboard``) opens it (:class:`~.board_files.BoardFiles`).
* Articles, boards from other tools or plain text are imported into the open board
  (:class:`~.importing.Imports`).
* Words dragged out of the source viewer make a claim card where they land — on the
  canvas only (anywhere else they are refused, never a new source).

One event filter watches the window and the canvas's viewport, so the scene never sees
files.  A drop is handled after the drop event returns: opening a board replaces the very
viewport it was dropped on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDropEvent

from ..model.entities import DEFAULT_CARD_SIZE
from ..store import FILE_SUFFIX
from .importing import ARTICLE_SUFFIXES
from .source_viewer import parse_quote_mime

if TYPE_CHECKING:  # pragma: no cover
    from ..canvas import BoardView
    from .main_window import MainWindow

_DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class DropRouter(QObject):
    """Accepts what the window can take and routes each drop to its home."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def watch_canvas(self, view: BoardView) -> None:
        """Take drops on a new board's canvas too."""
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    # ----------------------------------------------------------------- what it takes
    def accepts_mime(self, mime: QMimeData | None) -> bool:
        """Whether a drag carrying ``mime`` may be dropped on the window."""
        if mime is None:
            return False
        if parse_quote_mime(mime) is not None:
            return False  # words from the source viewer: only the canvas takes them
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    suffix = Path(url.toLocalFile()).suffix.lower()
                    if suffix == FILE_SUFFIX or suffix in ARTICLE_SUFFIXES:
                        return True
            return False
        return bool(mime.hasText() and mime.text().strip()) and self._w.document is not None

    def handle_drop(self, mime: QMimeData) -> bool:
        """A dropped board opens; dropped articles or text are imported."""
        w = self._w
        if mime.hasUrls():
            files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            boards = [f for f in files if f.suffix.lower() == FILE_SUFFIX]
            if boards:
                return w.files.open_board(boards[0])
            articles = [f for f in files if f.suffix.lower() in ARTICLE_SUFFIXES]
            return w.imports.import_files(articles) if articles else False
        if mime.hasText():
            return w.imports.import_text(mime.text())
        return False

    def drop_quote(self, quote: tuple[str, int, int],
                   at: tuple[float, float]) -> str | None:
        """A claim card at ``at`` (top-left, scene coordinates) citing ``quote``
        (source id, start, end); its id."""
        sid, start, end = quote
        return self._w.source_viewer.new_claim(sid, start, end, at)

    # ----------------------------------------------------------------- events
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAGS:
            return False
        assert isinstance(event, QDropEvent)  # (QDragEnterEvent and QDragMoveEvent too)
        view = self._w.view
        on_canvas = view is not None and obj is view.viewport()
        if on_canvas:
            quote = parse_quote_mime(event.mimeData())
            if quote is not None:
                return self._quote_event(event, quote)
        if self.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                mime = _copy_mime(event.mimeData())
                QTimer.singleShot(0, lambda: self.handle_drop(mime))
            return True
        if on_canvas:
            return False  # the view's own handling (it takes nothing)
        if event.type() == QEvent.Type.DragEnter:
            event.ignore()
        return True

    def _quote_event(self, event: QDropEvent, quote: tuple[str, int, int]) -> bool:
        """Words dragged out of the source viewer over the canvas: dropping them makes
        a claim card there, citing them."""
        w = self._w
        doc = w.document
        if doc is None or doc.read_only or quote[0] not in doc.board.sources:
            event.ignore()
            return True
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop and w.view is not None:
            p = w.view.mapToScene(event.position().toPoint())
            cw, ch = DEFAULT_CARD_SIZE["claim"]
            self.drop_quote(quote, (p.x() - cw / 2, p.y() - ch / 2))
        return True


def _copy_mime(mime: Any) -> QMimeData:
    """What a drop carried, kept past the drop event (Qt deletes its own data)."""
    copy = QMimeData()
    if mime.hasUrls():
        copy.setUrls(mime.urls())
    if mime.hasText():
        copy.setText(mime.text())
    return copy
