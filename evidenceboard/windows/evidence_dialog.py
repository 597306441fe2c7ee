"""The dialog shown after a link is drawn: which words of which source back it?

The user picks a source, selects the exact words in its text and clicks "Cite selection";
or says on purpose that the link has no source.  The result is ONE edit that adds the link
and its citation together (:func:`evidenceboard.model.edits.drawn_link`), so one undo removes
both.  Offsets are Python ``str`` indices into the stored text, converted exactly from the
text widget's UTF-16 positions (see :mod:`.text_offsets`).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..model import Board, Edit, Link, Source, edits
from ..model.entities import CONFIDENCES, DIRECTIONS, LINK_KINDS
from .docks import source_label
from .layout import shrinkable
from .plain import plain_label
from .quote_text import FindEdit, QuoteText
from .text_offsets import TextPositions, find_next_wrapping, select_text_range, selected_text_range

#: Keys that cite the selected words (Enter alone only finds, in the find box).
CITE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def initial_source(board: Board, from_id: str, to_id: str,
                   shown: str | None = None) -> str | None:
    """The article a new link's evidence is most likely in: one that both cards already
    cite (the one shown in the Source dock if it is such, else the most cited), else the
    article shown in the Source dock, else one that either card cites."""
    def cited(card_id: str) -> Counter[str]:
        return Counter(c.source_id for c in board.citations_of(card_id)
                       if c.source_id in board.sources)

    a, b = cited(from_id), cited(to_id)
    both = a & b
    if shown in both:
        return shown
    if both:
        return max(both, key=lambda sid: (a[sid] + b[sid], sid))
    if shown in board.sources:
        return shown
    either = a + b
    if either:
        return max(either, key=lambda sid: (either[sid], sid))
    return None


class EvidenceDialog(QDialog):
    """Create a link from ``from_id`` to ``to_id`` backed by a quote (or unsourced).

    After ``exec()`` returns Accepted, :attr:`result_edit` is the edit to do.  Tests drive
    it with :meth:`set_source`, :meth:`select_range`, :meth:`cite_selection` and
    :meth:`mark_unsourced`.
    """

    def __init__(self, board: Board, from_id: str, to_id: str,
                 parent: QWidget | None = None, shown_source: str | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.from_id = from_id
        self.to_id = to_id
        self.result_edit: Edit | None = None
        self.result_link: Link | None = None
        self.setWindowTitle("Link evidence")
        self.resize(720, 560)

        a = board.cards[from_id].title
        b = board.cards[to_id].title
        header = plain_label()
        header.setWordWrap(True)
        header.setText(f"{_short(a)}  →  {_short(b)}")
        header.setObjectName("evidenceHeader")

        self.source_combo = shrinkable(QComboBox(), 30)
        for sid in sorted(board.sources,
                          key=lambda i: source_label(board.sources[i], 200).casefold()):
            self.source_combo.addItem(source_label(board.sources[sid], 200), sid)
        self.source_combo.currentIndexChanged.connect(self._show_source)

        self.text = QuoteText()
        self.text.selectionChanged.connect(self._update_buttons)

        self.find_edit = FindEdit()
        self.find_edit.setPlaceholderText("Find in source (Enter for next)")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)

        self.quote_preview = plain_label()
        self.quote_preview.setWordWrap(True)

        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText("e.g. met with, funds, commands")
        self.kind_combo = QComboBox()
        self.kind_combo.setEditable(True)
        self.kind_combo.addItems(list(LINK_KINDS))
        self.direction_combo = QComboBox()
        self.direction_combo.addItems(list(DIRECTIONS))
        self.confidence_combo = QComboBox()
        self.confidence_combo.addItems(list(CONFIDENCES))
        self.confidence_combo.setCurrentText("unconfirmed")

        form = QFormLayout()
        form.addRow("Source:", self.source_combo)
        form.addRow("Label:", self.label_edit)
        form.addRow("Kind:", self.kind_combo)
        form.addRow("Direction:", self.direction_combo)
        form.addRow("Confidence:", self.confidence_combo)

        # No default button: Enter must never cite by accident (in the find box it finds,
        # in the Label field it does nothing).  Citing is an explicit click or Ctrl+Enter.
        # Cite is an action button: a button box makes its first accept button the
        # default when it is shown, whatever setDefault(False) said before.
        self.cite_button = QPushButton("Cite selection")
        self.cite_button.setToolTip("Create the link backed by the selected words "
                                    "(Ctrl+Enter)")
        self.cite_button.clicked.connect(lambda: self.cite_selection())
        self.unsourced_button = QPushButton("No source (unsourced)")
        self.unsourced_button.clicked.connect(lambda: self.mark_unsourced())
        buttons = QDialogButtonBox()
        buttons.addButton(self.cite_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.unsourced_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for b in (self.cite_button, self.unsourced_button, cancel):
            b.setAutoDefault(False)
            b.setDefault(False)
        buttons.rejected.connect(self.reject)
        for keys in CITE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.cite_selection)

        find_row = QHBoxLayout()
        find_row.addWidget(self.find_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(form)
        hint = QLabel("Select the words that back this link (whole words; hold Alt while "
                      "dragging for exact characters), then Cite selection or Ctrl+Enter:")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(find_row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.quote_preview)
        layout.addWidget(buttons)

        if self.source_combo.count() == 0:
            self.source_combo.setEnabled(False)
        first = initial_source(board, from_id, to_id, shown_source)
        if first is not None:
            self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(first)))
        self._show_source()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----------------------------------------------------------------- state
    def source_id(self) -> str | None:
        sid = self.source_combo.currentData()
        return sid if isinstance(sid, str) else None

    def set_source(self, source_id: str) -> None:
        i = self.source_combo.findData(source_id)
        if i < 0:
            raise KeyError(source_id)
        self.source_combo.setCurrentIndex(i)

    @property
    def _positions(self) -> TextPositions | None:
        return self.text.positions

    def _show_source(self) -> None:
        sid = self.source_id()
        self.text.set_text(self.board.sources[sid].text if sid is not None else None,
                           "This board has no sources yet: import an article to cite it, "
                           "or create the link as unsourced.")
        self._update_buttons()

    def select_range(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` of the shown source (Python indices)."""
        if self._positions is None:
            raise ValueError("no source to select in")
        select_text_range(self.text, self._positions, start, end)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as Python indices into the source text, or None."""
        if self._positions is None:
            return None
        return selected_text_range(self.text, self._positions)

    def find_next(self) -> bool:
        """Select the next occurrence of the find text (wrapping around)."""
        return find_next_wrapping(self.text, self.find_edit.text())

    def _update_buttons(self) -> None:
        rng = self.selected_range()
        self.cite_button.setEnabled(rng is not None)
        if rng is None:
            self.quote_preview.setText("No words selected.")
        else:
            sid = self.source_id()
            assert sid is not None
            quote = self.board.sources[sid].text[rng[0]:rng[1]]
            self.quote_preview.setText(f"Quote: “{_short(quote, 300)}”")

    # ----------------------------------------------------------------- results
    def _accept_link(self, quote: tuple[Source, int, int] | None) -> None:
        edit = edits.drawn_link(self.from_id, self.to_id, quote,
                                label=self.label_edit.text().strip(),
                                kind=self.kind_combo.currentText().strip() or "relation",
                                direction=self.direction_combo.currentText(),
                                confidence=self.confidence_combo.currentText())
        link = edit.puts[0]
        assert isinstance(link, Link)
        self.result_link, self.result_edit = link, edit
        self.accept()

    def cite_selection(self) -> bool:
        """Accept with a link backed by the selected words.  False if nothing selected."""
        rng = self.selected_range()
        sid = self.source_id()
        if rng is None or sid is None:
            self._update_buttons()
            return False
        self._accept_link((self.board.sources[sid], rng[0], rng[1]))
        return True

    def mark_unsourced(self) -> None:
        """Accept with a link the investigator marks as having no source."""
        self._accept_link(None)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
