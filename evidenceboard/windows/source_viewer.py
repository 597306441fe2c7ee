"""The source viewer dock: an article as stored, with every citation in it highlighted.

Selecting a card or link on the board shows the article its citations come from, scrolled
to the cited words, which are emphasised; clicking a highlight selects its card or link.
Selecting words here makes them a new claim card, evidence for the selected card or link,
or (dragged onto the canvas) a claim card where they are dropped.  Offsets are exact Python
indices into the stored text (:mod:`.text_offsets` converts from Qt's UTF-16 positions).

The text is plain text, read-only; Qt lays out each paragraph in its own direction, so the
Hebrew tweet of a seed reads right to left.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..analysis.integrity import citation_problem
from ..commands.controller import EditController
from ..model import BoardEvent, Card, Citation, Edit, Link, Source, edits
from .docks import _BoardDock, geometry_only, source_label
from .layout import shrinkable
from .plain import plain_label, tooltip
from .quote_text import FindEdit, QuoteText
from .source_details import SourceDetails
from .text_offsets import TextPositions, find_next_wrapping, select_text_range, selected_text_range

#: Dragging selected words out of the viewer carries this (JSON: source id, start, end).
QUOTE_MIME = "application/x-evidenceboard-quote"

RELIABILITY_LABELS = [
    (None, "not graded"),
    ("A", "A — completely reliable"),
    ("B", "B — usually reliable"),
    ("C", "C — fairly reliable"),
    ("D", "D — not usually reliable"),
    ("E", "E — unreliable"),
    ("F", "F — reliability cannot be judged"),
]

#: Highlight colours (light, dark palette): every citation; the selected item's.
_CITED = ("#fff1a8", "#5c5218")
_EMPHASIS = ("#ffb454", "#9a5b00")


def quote_mime(source_id: str, start: int, end: int, text: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(QUOTE_MIME, json.dumps({"source": source_id, "start": start, "end": end})
                 .encode("utf-8"))
    mime.setText(text)
    return mime


def parse_quote_mime(mime: QMimeData | None) -> tuple[str, int, int] | None:
    """(source id, start, end) from a drag of words out of the viewer; None otherwise."""
    if mime is None or not mime.hasFormat(QUOTE_MIME):
        return None
    try:
        raw = json.loads(bytes(mime.data(QUOTE_MIME).data()).decode("utf-8"))
        sid, start, end = raw["source"], raw["start"], raw["end"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if not isinstance(sid, str) or type(start) is not int or type(end) is not int:
        return None
    return (sid, start, end) if 0 <= start < end else None


class SourceText(QuoteText):
    """Read-only article text whose selection drags out as a quote with exact offsets."""

    def __init__(self, dock: SourceViewerDock) -> None:
        super().__init__()
        self._dock = dock

    def createMimeDataFromSelection(self) -> QMimeData:
        rng = self._dock.selected_range()
        sid = self._dock.source_id()
        if rng is None or sid is None:
            return super().createMimeDataFromSelection()
        text = self._dock.current_source().text[rng[0]:rng[1]]  # type: ignore[union-attr]
        return quote_mime(sid, rng[0], rng[1], text)


class _ClickFilter(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self._callback()
        return False


class SourceViewerDock(_BoardDock):
    """Shows one source; follows the board selection through :meth:`show_items`."""

    #: The card or link whose highlight was clicked.
    itemActivated = Signal(str)
    #: An edit made here created a card: its id (the window selects it).
    cardCreated = Signal(str)

    def __init__(self, controller: EditController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Source", controller, parent)
        self.setObjectName("sourceViewerDock")
        self._source_id: str | None = None
        self._positions: TextPositions | None = None
        self._shown_text: str | None = None
        self._focus_ids: list[str] = []
        self._selection: list[str] = []
        #: Where a new claim card goes (top-left corner); the window points it at the view.
        self.placement: Callable[[], tuple[float, float]] = lambda: (0.0, 0.0)

        self.source_combo = shrinkable(QComboBox(), 10)
        self.source_combo.currentIndexChanged.connect(self._combo_changed)
        self.meta = plain_label()
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sha_label = plain_label()
        self.sha_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_url_button = QPushButton("Open URL")
        self.open_url_button.clicked.connect(self.open_url)
        self.details = SourceDetails(self.current_source, self._do)
        self.details.refused.connect(self._refused)
        self.reliability_combo = shrinkable(QComboBox(), 10)
        for value, label in RELIABILITY_LABELS:
            self.reliability_combo.addItem(label, value)
        self.reliability_combo.setToolTip("Admiralty source reliability (A–F)")
        self.reliability_combo.currentIndexChanged.connect(self._commit_reliability)

        self.find_edit = FindEdit()
        self.find_edit.setPlaceholderText("Find in source (Enter for next)")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.text = SourceText(self)
        self.text.selectionChanged.connect(self._update_buttons)
        self.text.viewport().installEventFilter(_ClickFilter(self._clicked, self))

        self.new_claim_button = QPushButton("New Claim")
        self.new_claim_button.setToolTip("New claim from the selected words: a claim card "
                                         "citing them (or drag them onto the board)")
        # (clicked(bool) must not reach new_claim_from_selection's ``at`` parameter)
        self.new_claim_button.clicked.connect(lambda: self.new_claim_from_selection())
        self.cite_button = QPushButton("Cite for Selection")
        self.cite_button.setToolTip("Add the selected words as evidence of the selected "
                                    "card or link")
        self.cite_button.clicked.connect(self.cite_for_selection)
        self.status = plain_label()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow docks
        form.addRow("Source:", self.source_combo)
        url_row = QHBoxLayout()
        url_row.setContentsMargins(0, 0, 0, 0)
        url_row.addWidget(self.sha_label, 1)
        url_row.addWidget(self.open_url_button)
        form.addRow("", self.meta)
        form.addRow("", self.details)
        form.addRow("sha256:", url_row)
        form.addRow("Reliability:", self.reliability_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_claim_button)
        buttons.addWidget(self.cite_button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.set_controller(controller)

    # ----------------------------------------------------------------- state
    def source_id(self) -> str | None:
        return self._source_id

    def current_source(self) -> Source | None:
        if self._board is None or self._source_id is None:
            return None
        return self._board.sources.get(self._source_id)

    def _writable(self) -> bool:
        return self.controller is not None and not self.controller.document.read_only

    def _relevant(self, event: BoardEvent) -> bool:
        if geometry_only(event):
            return False
        return any(isinstance(e, (Source, Citation, Card, Link))
                   for e in (*event.added, *event.removed, *(n for _, n in event.changed)))

    def set_controller(self, controller: EditController | None) -> None:
        self._source_id = None
        self._shown_text = None
        self._focus_ids = []
        self._selection = []
        super().set_controller(controller)

    def rebuild(self) -> None:
        """Refresh the source list, metadata and highlights from the board."""
        board = self._board
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        if board is not None:
            for s in sorted(board.sources.values(),
                            key=lambda s: (s.shown_title.casefold(), s.id)):
                self.source_combo.addItem(source_label(s), s.id)
        if board is None or self._source_id not in (board.sources if board else {}):
            self._source_id = self.source_combo.itemData(0) if self.source_combo.count() else None
        i = self.source_combo.findData(self._source_id)
        self.source_combo.setCurrentIndex(max(i, 0) if self._source_id else -1)
        self.source_combo.blockSignals(False)
        self._show_current()

    def _combo_changed(self) -> None:
        sid = self.source_combo.currentData()
        if isinstance(sid, str) and sid != self._source_id:
            self._source_id = sid
            self._show_current()

    def _show_current(self) -> None:
        src = self.current_source()
        if src is None:
            self._positions = None
            self._shown_text = None
            self.text.set_text(None, "No source: import an article (File → Import Article).")
            self.meta.setText("")
            self.details.show_source(None, False)
            self.sha_label.setText("")
            self.open_url_button.setEnabled(False)
            self.reliability_combo.setEnabled(False)
            self.text.setExtraSelections([])
            self._update_buttons()
            return
        if self._shown_text != src.text:
            self.text.set_text(src.text)
            self._positions = self.text.positions
            self._shown_text = src.text
        self.meta.setText("\n".join(p for p in (
            src.shown_title, " · ".join(x for x in (src.outlet, src.author, src.published)
                                        if x), src.url) if p))
        self.details.show_source(src, self._writable())
        self.sha_label.setText(src.sha256[:12] + "…")
        self.sha_label.setToolTip(tooltip(src.sha256))
        self.open_url_button.setEnabled(_safe_url(src.url) is not None)
        self.reliability_combo.blockSignals(True)
        self.reliability_combo.setCurrentIndex(
            max(0, self.reliability_combo.findData(src.reliability)) if src.reliability else 0)
        self.reliability_combo.blockSignals(False)
        self.reliability_combo.setEnabled(self._writable())
        self._highlight()
        self._update_buttons()

    def show_source(self, source_id: str) -> None:
        """Show ``source_id`` (raising the dock)."""
        if self._board is None or source_id not in self._board.sources:
            raise KeyError(source_id)
        self._source_id = source_id
        i = self.source_combo.findData(source_id)
        self.source_combo.blockSignals(True)
        self.source_combo.setCurrentIndex(i)
        self.source_combo.blockSignals(False)
        self._show_current()
        self.show()
        self.raise_()

    def show_items(self, ids: list[str] | tuple[str, ...]) -> None:
        """Follow the board selection: emphasise the citations of ``ids`` and scroll the
        first of them into view (switching to its source)."""
        self._selection = list(ids)
        board = self._board
        if board is None:
            return
        self._focus_ids = [i for i in ids if i in board.cards or i in board.links]
        cites = self._focus_citations()
        if cites and (self._source_id is None
                      or not any(c.source_id == self._source_id for c in cites)):
            self._source_id = cites[0].source_id
            i = self.source_combo.findData(self._source_id)
            self.source_combo.blockSignals(True)
            self.source_combo.setCurrentIndex(i)
            self.source_combo.blockSignals(False)
            self._show_current()
        else:
            self._highlight()
            self._update_buttons()
        here = [c for c in cites if c.source_id == self._source_id]
        if here:
            self._scroll_to(min(here, key=lambda c: c.start))

    def show_citation(self, citation_id: str) -> bool:
        """Show the source of one citation with its words selected and in view (a
        citation row activated in the inspector).  False when it cannot be shown (its
        quote no longer matches the stored text: the evidence panel reports that)."""
        board = self._board
        c = board.citations.get(citation_id) if board is not None else None
        if c is None or c.source_id not in board.sources:
            return False
        if citation_problem(board, c) is not None:
            self.status.setText("That citation no longer matches its source "
                                "(see Evidence Problems).")
            return False
        self.show_source(c.source_id)
        self._scroll_to(c)
        self.select_range(c.start, c.end)
        return True

    def _focus_citations(self) -> list[Citation]:
        board = self._board
        if board is None:
            return []
        out: list[Citation] = []
        for i in self._focus_ids:
            out.extend(c for c in board.citations_of(i) if c.source_id in board.sources)
        return out

    # ----------------------------------------------------------------- highlights
    def highlight_ranges(self) -> list[tuple[int, int, bool]]:
        """(start, end, emphasised) of the citations shown, Python indices (for tests)."""
        board, src = self._board, self.current_source()
        if board is None or src is None:
            return []
        focus = {c.id for c in self._focus_citations()}
        out = []
        for c in board.citations_in(src.id):
            if citation_problem(board, c) is None:
                out.append((c.start, c.end, c.id in focus))
        return out

    def _highlight(self) -> None:
        positions = self._positions
        if positions is None:
            self.text.setExtraSelections([])
            return
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        cited = QTextCharFormat()
        cited.setBackground(QColor(_CITED[dark]))
        emph = QTextCharFormat()
        emph.setBackground(QColor(_EMPHASIS[dark]))
        emph.setFontUnderline(True)
        selections = []
        # Plain highlights first, emphasised ones on top.
        for start, end, focus in sorted(self.highlight_ranges(), key=lambda r: r[2]):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(positions.to_doc(start))
            cursor.setPosition(positions.to_doc(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            sel.format = emph if focus else cited  # type: ignore[attr-defined]
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def _scroll_to(self, c: Citation) -> None:
        if self._positions is None:
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._positions.to_doc(c.end))
        self.text.setTextCursor(cursor)
        cursor.setPosition(self._positions.to_doc(c.start))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def _clicked(self) -> None:
        """A click (not a selection) on a highlight selects its card or link."""
        if self.text.textCursor().hasSelection() or self._positions is None:
            return
        board, src = self._board, self.current_source()
        if board is None or src is None:
            return
        index = self._positions.to_index(self.text.textCursor().position())
        hits = [c for c in board.citations_in(src.id)
                if c.start <= index < c.end and citation_problem(board, c) is None]
        if hits:
            # The narrowest citation under the click is the one the user pointed at.
            best = min(hits, key=lambda c: (c.end - c.start, c.id))
            self.itemActivated.emit(best.owner_id)

    # ----------------------------------------------------------------- selection
    def select_range(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` of the shown source (Python indices)."""
        if self._positions is None:
            raise ValueError("no source shown")
        select_text_range(self.text, self._positions, start, end)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as Python indices into the source text, or None."""
        if self._positions is None:
            return None
        return selected_text_range(self.text, self._positions)

    def find_next(self) -> bool:
        """Select the next occurrence of the find text (wrapping around)."""
        return find_next_wrapping(self.text, self.find_edit.text())

    def _cite_target(self) -> str | None:
        board = self._board
        if board is None or len(self._selection) != 1:
            return None
        target = self._selection[0]
        return target if target in board.cards or target in board.links else None

    def _update_buttons(self) -> None:
        has_words = self.selected_range() is not None
        writable = self._writable()
        self.new_claim_button.setEnabled(has_words and writable)
        self.cite_button.setEnabled(has_words and writable and self._cite_target() is not None)

    # ----------------------------------------------------------------- edits
    def new_claim_from_selection(self, at: tuple[float, float] | None = None) -> str | None:
        """A claim card whose title is the selected words, citing them exactly."""
        rng, src = self.selected_range(), self.current_source()
        if rng is None or src is None or self.controller is None:
            return None
        return self.new_claim(src.id, rng[0], rng[1], at)

    def new_claim(self, source_id: str, start: int, end: int,
                  at: tuple[float, float] | None = None) -> str | None:
        """Create a claim citing ``text[start:end]`` of ``source_id`` (one undo step)."""
        if self.controller is None or not self._writable():
            return None
        src = self.controller.board.sources.get(source_id)
        try:
            if src is None:
                raise ValueError("not a source of this board")
            edit = edits.claim_from_quote(src, start, end,
                                          at if at is not None else self.placement())
        except ValueError:
            self.status.setText("Those words are not in a source of this board.")
            return None
        card = edit.puts[0]
        if not self.controller.do(edit):
            return None
        self.status.setText("New claim card created from the selected words.")
        self.cardCreated.emit(card.id)
        return card.id

    def cite_for_selection(self) -> str | None:
        """Add the selected words as a citation of the selected card or link."""
        rng, src, target = self.selected_range(), self.current_source(), self._cite_target()
        if rng is None or src is None or target is None or self.controller is None:
            return None
        board = self.controller.board
        if any(c.source_id == src.id and (c.start, c.end) == rng
               for c in board.citations_of(target)):
            self.status.setText("Those words already back the selected item.")
            return None
        # (a link marked "no source" on purpose is sourced now: the same undo step)
        edit = edits.cite(src, rng[0], rng[1], owner_id=target, board=board)
        new = edit.puts[0]
        if not self.controller.do(edit):
            return None
        self.status.setText("Citation added.")
        self.show_items(self._selection)
        return new.id

    def _do(self, edit: Edit) -> bool:
        return self.controller is not None and self.controller.do(edit)

    def _refused(self, reason: str) -> None:
        self.status.setText(f"Not changed: {reason}.")

    def _commit_reliability(self) -> None:
        src = self.current_source()
        value = self.reliability_combo.currentData()
        if src is None or self.controller is None or src.reliability == value:
            return
        if not self.controller.do(edits.grade_source(src, value)):
            self._show_current()

    def open_url(self) -> bool:
        src = self.current_source()
        url = _safe_url(src.url if src else None)
        return QDesktopServices.openUrl(url) if url is not None else False


def _safe_url(text: str | None) -> QUrl | None:
    """Only http, https and mailto URLs are ever opened."""
    if not text:
        return None
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in ("http", "https", "mailto"):
        return None
    return url
