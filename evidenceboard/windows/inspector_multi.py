"""The inspector page for several selected items: what they share, edited at once.

Actor type (the actors among them), colour (the cards), confidence and direction (the
links) and the credibility of all their citations.  A field whose values differ shows
"(mixed)"; choosing a value gives it to every item that has the field, as one undo step
(:func:`evidenceboard.model.edits.set_shared_field`, ``grade_citations``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..model import Board, Edit, edits
from ..model.entities import ACTOR_TYPES, CONFIDENCES, DIRECTIONS
from .inspector_citations import CREDIBILITY_LABELS
from .layout import shrinkable
from .plain import plain_label

MIXED = "(mixed)"
_NO_VALUE = object()  # "(mixed)" has no value to give


def _shared(values: list[object]) -> object:
    """The value all share, or _NO_VALUE."""
    return values[0] if values and all(v == values[0] for v in values) else _NO_VALUE


class MultiEditPage(QWidget):
    """Shared fields of several selected cards and links."""

    #: A field could not be given (one line).
    refused = Signal(str)

    def __init__(self, do: Callable[[Edit], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._do = do
        self._board: Board | None = None
        self._ids: list[str] = []
        self._loading = False
        self.summary = plain_label()
        self.summary.setObjectName("multiSummary")
        self.summary.setWordWrap(True)
        self.actor_type_combo = self._combo(ACTOR_TYPES, "actor_type")
        self.confidence_combo = self._combo(CONFIDENCES, "confidence")
        self.direction_combo = self._combo(DIRECTIONS, "direction")
        self.credibility_combo = shrinkable(QComboBox(), 8)
        self.credibility_combo.setObjectName("multiCredibility")
        self.credibility_combo.addItem(MIXED, _NO_VALUE)
        for value, text in CREDIBILITY_LABELS:
            self.credibility_combo.addItem(text, value)
        self.credibility_combo.setToolTip("Admiralty credibility (1–6) for every citation "
                                          "of the selected items")
        self.credibility_combo.currentIndexChanged.connect(self._grade)
        self.color_button = QPushButton("Choose…")
        self.color_button.clicked.connect(lambda: self.choose_color())
        self.color_reset = QPushButton("Reset")
        self.color_reset.setToolTip("Use the kind's default colour")
        self.color_reset.clicked.connect(lambda: self.set_color(None))
        color_row = QHBoxLayout()
        color_row.setContentsMargins(0, 0, 0, 0)
        color_row.addWidget(self.color_button, 1)
        color_row.addWidget(self.color_reset)
        self.color_box = QWidget()
        self.color_box.setLayout(color_row)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow docks
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("Actor type:", self.actor_type_combo)
        self.form.addRow("Colour:", self.color_box)
        self.form.addRow("Confidence:", self.confidence_combo)
        self.form.addRow("Direction:", self.direction_combo)
        self.credibility_label = QLabel("Citations:")
        self.form.addRow(self.credibility_label, self.credibility_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def _combo(self, values: tuple[str, ...], field: str) -> QComboBox:
        combo = shrinkable(QComboBox(), 8)
        combo.setObjectName(f"multi_{field}")
        combo.addItem(MIXED, _NO_VALUE)
        for v in values:
            combo.addItem(v, v)
        combo.currentIndexChanged.connect(
            lambda i, f=field, c=combo: self._set(f, c.itemData(i)))
        return combo

    # ----------------------------------------------------------------- showing
    def show_items(self, board: Board | None, ids: list[str], editable: bool) -> None:
        self._board, self._ids = board, list(ids)
        if board is None:
            return
        cards = [board.cards[i] for i in ids if i in board.cards]
        links = [board.links[i] for i in ids if i in board.links]
        actors = [c for c in cards if c.kind == "actor"]
        cites = edits.citations_of_items(board, ids)
        parts = [f"{len(ids)} items selected"]
        if cards:
            kinds = {k: sum(1 for c in cards if c.kind == k) for k in ("actor", "claim", "note")}
            parts.append(", ".join(f"{n} {k}{'s' if n != 1 else ''}"
                                   for k, n in kinds.items() if n))
        if links:
            parts.append(f"{len(links)} link{'s' if len(links) != 1 else ''}")
        self.summary.setText(": ".join(parts[:1]) + (" — " + "; ".join(parts[1:])
                                                    if parts[1:] else "") + ".")
        self._loading = True
        try:
            self._fill(self.actor_type_combo, [c.actor_type for c in actors])
            self._fill(self.confidence_combo, [lk.confidence for lk in links])
            self._fill(self.direction_combo, [lk.direction for lk in links])
            self._fill(self.credibility_combo, [c.credibility for c in cites])
            color = _shared([c.color for c in cards])
            self.color_button.setText(MIXED if color is _NO_VALUE else
                                      (color or "Default") + "…")
            self.color_reset.setEnabled(any(c.color for c in cards))
        finally:
            self._loading = False
        self.form.setRowVisible(self.actor_type_combo, bool(actors))
        self.form.setRowVisible(self.color_box, bool(cards))
        self.form.setRowVisible(self.confidence_combo, bool(links))
        self.form.setRowVisible(self.direction_combo, bool(links))
        self.form.setRowVisible(self.credibility_combo, bool(cites))
        self.credibility_label.setText(f"Their {len(cites)} citation"
                                       f"{'s' if len(cites) != 1 else ''}:")
        self.setEnabled(editable)

    @staticmethod
    def _fill(combo: QComboBox, values: list[object]) -> None:
        shared = _shared(values)
        i = combo.findData(shared) if shared is not _NO_VALUE else 0
        combo.setCurrentIndex(max(i, 0))

    # ----------------------------------------------------------------- editing
    def _run(self, make: Callable[[], Edit]) -> None:
        if self._loading or self._board is None:
            return
        try:
            edit = make()
        except ValueError as e:
            self.refused.emit(str(e))
            return
        if not edit.is_empty():
            self._do(edit)

    def _set(self, field: str, value: object) -> None:
        if value is _NO_VALUE:
            return
        board, ids = self._board, self._ids
        if field == "actor_type":  # a correction the next import keeps too
            self._run(lambda: edits.retype_actors(board, ids, str(value)))
            return
        self._run(lambda: edits.set_shared_field(board, ids, field, value))

    def _grade(self, index: int) -> None:
        value = self.credibility_combo.itemData(index)
        if value is _NO_VALUE:
            return
        board, ids = self._board, self._ids
        self._run(lambda: edits.grade_citations(board, ids, value))

    def choose_color(self) -> None:
        color = QColorDialog.getColor(parent=self, title="Colour of the selected cards")
        if color.isValid():
            self.set_color(color.name())

    def set_color(self, color: str | None) -> None:
        board, ids = self._board, self._ids
        self._run(lambda: edits.set_shared_field(board, ids, "color", color))

