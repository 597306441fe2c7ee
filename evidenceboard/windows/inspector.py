"""The inspector dock: every field of the selected card or link, and its citations.

Each field change is one undo step (built by ``edits.edit_card`` / ``edits.edit_link``) done
when the user finishes editing it (Enter / focus out / a new combo choice).  The dock
follows the board's events, so undo, redo and edits made elsewhere refresh it.  Every
text is plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..commands.controller import EditController
from ..model import Board, BoardEvent, Card, Citation, Edit, Link, Source, edits
from ..model.entities import (
    ACTOR_TYPES,
    CARD_KINDS,
    CONFIDENCES,
    DIRECTIONS,
    LINK_KINDS,
    SPECS,
    STANCES,
)
from .inspector_citations import CREDIBILITY_LABELS, CitationsPanel, ConnectionsList, backing_text
from .inspector_group import GroupPage
from .inspector_multi import MultiEditPage
from .plain import plain_label

__all__ = ["CREDIBILITY_LABELS", "InspectorDock", "backing_text", "split_aliases"]


def split_aliases(text: str) -> tuple[str, ...]:
    """Aliases are typed separated by ";" (names may contain commas)."""
    seen: dict[str, None] = {}
    for part in text.split(";"):
        part = " ".join(part.split())
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


class _FocusOut(QObject):
    """Calls ``callback`` when the watched widget loses focus (QPlainTextEdit has no
    editingFinished signal)."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


def _spin(field: str = "x") -> QDoubleSpinBox:
    """A spin box over the declared range of the card field ``field``."""
    f = SPECS["card"].field(field)
    s = QDoubleSpinBox()
    s.setRange(float(f.minimum), float(f.maximum))
    s.setDecimals(1)
    s.setKeyboardTracking(False)
    s.setMinimumWidth(58)  # (the range's widest text would widen a narrow dock)
    return s


class InspectorDock(QDockWidget):
    """Shows and edits the selected card or link, or what several selected share."""

    #: Emitted with a one-line reason when a typed value is refused (e.g. a zero width).
    refused = Signal(str)
    #: Emitted with a citation id when the user activates a citation (show its words).
    citationActivated = Signal(str)
    #: Cards or links to select on the board (a contradicting claim, a neighbour).
    itemsActivated = Signal(list)

    def __init__(self, controller: EditController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspectorDock")
        self.controller: EditController | None = None
        self._board: Board | None = None
        self._shown_id: str | None = None
        self._shown_many: list[str] = []
        #: The links a drawn link stands for (the relations view bundles a pair's links).
        self.bundle_of: Callable[[str], tuple[str, ...]] = lambda i: (i,)
        self._loading = False

        self.stack = QStackedWidget()
        self.empty_label = QLabel("Select one card or link to see its details.")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._build_card_page())
        self.stack.addWidget(self._build_link_page())

        self.stack.addWidget(self._build_multi_page())
        #: A selected group's frame (page 4).
        self.group_page = GroupPage(self._do)
        self._shown_group: str | None = None
        self.stack.addWidget(self.group_page)

        # Below the fields: the evidence (citations by article, grading, contradictions)
        # and, for a card, its connections.
        self.evidence = CitationsPanel()
        self.evidence.citationActivated.connect(self.citationActivated)
        self.evidence.itemsActivated.connect(self.itemsActivated)
        self.evidence.gradeRequested.connect(self._grade_citations)
        self.evidence.removeRequested.connect(self._remove_citations)
        self.citations = self.evidence.tree
        self.backing_label = self.evidence.backing_label
        self.credibility_combo = self.evidence.credibility_combo
        self.remove_citation_button = self.evidence.remove_button
        self.connections = ConnectionsList()
        self.connections.itemsActivated.connect(self.itemsActivated)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectorTabs")
        self.tabs.addTab(self.evidence, "Citations")
        self.tabs.addTab(self.connections, "Connections")
        self.cite_box = self.tabs

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.stack)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)
        self.setWidget(body)
        self.set_controller(controller)

    # ----------------------------------------------------------------- building
    def _build_card_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow docks
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_combo = QComboBox()
        self.kind_combo.addItems(list(CARD_KINDS))
        self.kind_combo.currentIndexChanged.connect(self._commit_kind)
        self.actor_type_combo = QComboBox()
        self.actor_type_combo.addItems(list(ACTOR_TYPES))
        self.actor_type_combo.currentIndexChanged.connect(self._commit_actor_type)
        self.title_edit = QLineEdit()
        self.title_edit.editingFinished.connect(
            lambda: self._commit_card("title", self.title_edit.text(), "Edit title"))
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(48)
        self.body_edit.setMaximumHeight(110)
        self.body_edit.installEventFilter(_FocusOut(self.commit_body, self))
        self.color_button = QPushButton("Choose…")
        self.color_button.clicked.connect(self.choose_color)
        self.color_reset = QPushButton("Reset")
        self.color_reset.setToolTip("Use the kind's default colour")
        self.color_reset.clicked.connect(lambda: self.set_color(None))
        color_row = QHBoxLayout()
        color_row.setContentsMargins(0, 0, 0, 0)
        color_row.addWidget(self.color_button, 1)
        color_row.addWidget(self.color_reset)
        self.aliases_edit = QLineEdit()
        self.aliases_edit.setPlaceholderText("other spellings, separated by ;")
        self.aliases_edit.editingFinished.connect(
            lambda: self._commit_card("aliases", split_aliases(self.aliases_edit.text()),
                                      "Edit aliases"))
        self.stance_combo = QComboBox()
        self.stance_combo.addItems(list(STANCES))
        self.stance_combo.currentIndexChanged.connect(
            lambda: self._commit_card("stance", self.stance_combo.currentText(),
                                      "Edit stance"))
        self.speaker_edit = QLineEdit()
        self.speaker_edit.editingFinished.connect(
            lambda: self._commit_card("speaker", self.speaker_edit.text().strip() or None,
                                      "Edit speaker"))
        self.x_spin, self.y_spin, self.w_spin, self.h_spin = (
            _spin(f) for f in ("x", "y", "width", "height"))
        self.w_spin.setMinimum(10)
        self.h_spin.setMinimum(10)
        for spin, field, desc in ((self.x_spin, "x", "Move card"),
                                  (self.y_spin, "y", "Move card"),
                                  (self.w_spin, "width", "Resize card"),
                                  (self.h_spin, "height", "Resize card")):
            spin.editingFinished.connect(
                lambda s=spin, f=field, d=desc: self._commit_card(f, float(s.value()), d))
        pos_row = QHBoxLayout()
        pos_row.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("x"), self.x_spin, QLabel("y"), self.y_spin):
            pos_row.addWidget(w)
        size_row = QHBoxLayout()
        size_row.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("w"), self.w_spin, QLabel("h"), self.h_spin):
            size_row.addWidget(w)

        form.addRow("Kind:", self.kind_combo)
        form.addRow("Actor type:", self.actor_type_combo)
        form.addRow("Title:", self.title_edit)
        form.addRow("Body:", self.body_edit)
        form.addRow("Colour:", color_row)
        form.addRow("Aliases:", self.aliases_edit)
        form.addRow("Stance:", self.stance_combo)
        form.addRow("Speaker:", self.speaker_edit)
        form.addRow("Position:", pos_row)
        form.addRow("Size:", size_row)
        self.card_form = form
        return page

    def _build_link_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow docks
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.from_label = plain_label()
        self.to_label = plain_label()
        for lab in (self.from_label, self.to_label):
            lab.setTextFormat(Qt.TextFormat.PlainText)
            lab.setWordWrap(True)
            # A long claim wraps onto as many lines as it needs (never cut off).
            lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            lab.setMinimumWidth(0)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label_edit = QLineEdit()
        self.label_edit.editingFinished.connect(
            lambda: self._commit_link("label", self.label_edit.text().strip(), "Edit label"))
        self.link_kind_combo = QComboBox()
        self.link_kind_combo.setEditable(True)
        self.link_kind_combo.addItems(list(LINK_KINDS))
        self.link_kind_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.link_kind_combo.currentIndexChanged.connect(self._commit_link_kind)
        line = self.link_kind_combo.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._commit_link_kind)
        self.direction_combo = QComboBox()
        self.direction_combo.addItems(list(DIRECTIONS))
        self.direction_combo.currentIndexChanged.connect(
            lambda: self._commit_link("direction", self.direction_combo.currentText(),
                                      "Edit direction"))
        self.confidence_combo = QComboBox()
        self.confidence_combo.addItems(list(CONFIDENCES))
        self.confidence_combo.currentIndexChanged.connect(
            lambda: self._commit_link("confidence", self.confidence_combo.currentText(),
                                      "Edit confidence"))
        self.unsourced_check = QCheckBox("No source, on purpose")
        self.unsourced_check.setToolTip("Marked unsourced on purpose (shown as such), "
                                        "not forgotten")
        self.unsourced_check.toggled.connect(
            lambda on: self._commit_link("unsourced", bool(on),
                                         "Mark unsourced" if on else "Mark sourced"))
        form.addRow("From:", self.from_label)
        form.addRow("To:", self.to_label)
        form.addRow("Label:", self.label_edit)
        form.addRow("Kind:", self.link_kind_combo)
        form.addRow("Direction:", self.direction_combo)
        form.addRow("Confidence:", self.confidence_combo)
        form.addRow("", self.unsourced_check)
        return page

    def _build_multi_page(self) -> QWidget:
        self.multi = MultiEditPage(self._do)
        self.multi.refused.connect(self.refused)
        return self.multi

    # ----------------------------------------------------------------- wiring
    def set_controller(self, controller: EditController | None) -> None:
        """Follow another board (or none)."""
        if self._board is not None:
            self._board.unsubscribe(self._on_board_event)
        self.controller = controller
        self._board = controller.board if controller is not None else None
        if self._board is not None:
            self._board.subscribe(self._on_board_event)
        self._shown_id = None
        self.refresh()

    def detach(self) -> None:
        self.set_controller(None)

    def shown_id(self) -> str | None:
        return self._shown_id

    def show_ids(self, ids: list[str] | tuple[str, ...]) -> None:
        """Show the one selected card or link, or what several selected ones share."""
        self.commit_body()
        board = self._board
        ids = [i for i in ids if board is not None and (i in board.cards or i in board.links)]
        self._shown_group = None
        self._shown_id = ids[0] if len(ids) == 1 else None
        self._shown_many = ids if len(ids) > 1 else []
        self.refresh()

    def show_group(self, group_id: str | None) -> None:
        """Show a group selected on the canvas (its frame)."""
        self.commit_body()
        self._shown_id, self._shown_many = None, []
        self._shown_group = group_id
        self.refresh()

    def _on_board_event(self, event: BoardEvent) -> None:
        if self._shown_group is not None:
            self.refresh()
            return
        if self._shown_many:
            board = self._board
            self._shown_many = [i for i in self._shown_many if board is not None and
                                (i in board.cards or i in board.links)]
            self.refresh()
            return
        if self._shown_id is None:
            return
        sid = self._shown_id
        touched = False
        for e in event.added + event.removed:
            if e.id == sid or (isinstance(e, Citation) and e.owner_id == sid) or \
                    (isinstance(e, Card) and self._shows_link_of(e.id)) or \
                    (isinstance(e, Link) and sid in (e.from_id, e.to_id)):
                touched = True
        for _old, new in event.changed:
            if new.id == sid or (isinstance(new, Citation) and new.owner_id == sid) or \
                    (isinstance(new, Card) and self._shows_link_of(new.id)) or \
                    (isinstance(new, Link) and sid in (new.from_id, new.to_id)) or \
                    (isinstance(new, Source) and self._cites(new.id)):
                touched = True
        if any(e.id == sid for e in event.removed):
            self._shown_id = None
        if touched:
            self.refresh()

    def _cites(self, source_id: str) -> bool:
        b = self._board
        return b is not None and any(c.source_id == source_id
                                     for c in b.citations_of(self._shown_id or ""))

    def _shows_link_of(self, card_id: str) -> bool:
        b = self._board
        link = b.links.get(self._shown_id or "") if b is not None else None
        return link is not None and card_id in (link.from_id, link.to_id)

    # ----------------------------------------------------------------- showing
    def _entity(self) -> Card | Link | None:
        if self._board is None or self._shown_id is None:
            return None
        return self._board.cards.get(self._shown_id) or self._board.links.get(self._shown_id)

    def refresh(self) -> None:
        entity = self._entity()
        editable = self.controller is not None and not self.controller.document.read_only
        self._loading = True
        try:
            if isinstance(entity, Card):
                self._show_card(entity)
                self.stack.setCurrentIndex(1)
            elif isinstance(entity, Link):
                self._show_link(entity)
                self.stack.setCurrentIndex(2)
            elif self._shown_many:
                self.multi.show_items(self._board, self._shown_many, editable)
                self.stack.setCurrentIndex(3)
            elif self._board is not None and self._shown_group in self._board.groups:
                self.group_page.show_group(self._board, self._shown_group, editable)
                self.stack.setCurrentIndex(4)
            else:
                self.stack.setCurrentIndex(0)
            self.tabs.setVisible(entity is not None)
            also = [i for i in self.bundle_of(entity.id) if i != entity.id] \
                if isinstance(entity, Link) else []
            self.evidence.show_item(self._board, entity, editable, also)
            n = self.connections.show_card(self._board, entity if isinstance(entity, Card)
                                           else None)
            self.tabs.setTabVisible(1, isinstance(entity, Card))
            self.tabs.setTabText(1, f"Connections ({n})")
            cites = len(self.evidence.citation_items())
            self.tabs.setTabText(0, f"Citations ({cites})")
            for page in (self.stack.widget(1), self.stack.widget(2)):
                page.setEnabled(editable)
        finally:
            self._loading = False
        self._fit_stack()

    def _fit_stack(self) -> None:
        """Size the stack to the page shown (a link needs less room than a card)."""
        current = self.stack.currentIndex()
        for i in range(self.stack.count()):
            policy = QSizePolicy.Policy.Preferred if i == current else QSizePolicy.Policy.Ignored
            self.stack.widget(i).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        # The dock's layout gives the stack its new height.  (adjustSize() also set its
        # width to the page's natural width, wider than a narrow dock: after a grade
        # chosen for several items their page ran past the dock's edge, combo arrows
        # and the Reset button cut off, until the next selection.)
        self.stack.updateGeometry()

    def _show_card(self, card: Card) -> None:
        self.kind_combo.setCurrentText(card.kind)
        self.actor_type_combo.setCurrentText(card.actor_type or "other")
        self.title_edit.setText(card.title)
        self.title_edit.setCursorPosition(0)
        if self.body_edit.toPlainText() != card.body:
            self.body_edit.setPlainText(card.body)
        self._show_color(card.color)
        self.aliases_edit.setText("; ".join(card.aliases))
        self.stance_combo.setCurrentText(card.stance or "asserts")
        self.speaker_edit.setText(card.speaker or "")
        self.x_spin.setValue(card.x)
        self.y_spin.setValue(card.y)
        self.w_spin.setValue(card.width)
        self.h_spin.setValue(card.height)
        form = self.card_form
        form.setRowVisible(self.actor_type_combo, card.kind == "actor")
        form.setRowVisible(self.aliases_edit, card.kind == "actor")
        form.setRowVisible(self.stance_combo, card.kind == "claim")
        form.setRowVisible(self.speaker_edit, card.kind == "claim")

    def _show_color(self, color: str | None) -> None:
        if color:
            self.color_button.setText(color)
            pix_color = QColor(color)
            pix = QPixmap(16, 16)
            pix.fill(pix_color)
            self.color_button.setIcon(QIcon(pix))
        else:
            self.color_button.setText("Default…")
            self.color_button.setIcon(QIcon())
        self.color_reset.setEnabled(color is not None)

    def _show_link(self, link: Link) -> None:
        assert self._board is not None
        a = self._board.cards.get(link.from_id)
        b = self._board.cards.get(link.to_id)
        self.from_label.setText(a.title if a else "?")
        self.to_label.setText(b.title if b else "?")
        self.label_edit.setText(link.label)
        self.link_kind_combo.setCurrentText(link.kind)
        self.direction_combo.setCurrentText(link.direction)
        self.confidence_combo.setCurrentText(link.confidence)
        self.unsourced_check.setChecked(link.unsourced)

    def selected_citation_ids(self) -> list[str]:
        return self.evidence.selected_ids()

    # ----------------------------------------------------------------- editing
    def _do(self, edit: Edit) -> bool:
        return self.controller is not None and self.controller.do(edit)

    def _grade_citations(self, ids: list[str], value: int | None) -> None:
        """Credibility for the selected citations (one undo step)."""
        if self.controller is None:
            return
        edit = edits.grade_citations(self.controller.board, ids, value)
        if edit.is_empty() or not self.controller.do(edit):
            self.refresh()

    def _remove_citations(self, ids: list[str]) -> None:
        if not ids or self.controller is None:
            return
        self.controller.do(edits.remove_citations(self.controller.board, ids))

    def remove_selected_citation(self) -> None:
        self._remove_citations(self.selected_citation_ids())

    def _commit_card(self, field: str, value: Any, description: str) -> None:
        if self._loading:
            return
        card = self._entity()
        if not isinstance(card, Card) or getattr(card, field) == value:
            return
        try:
            edit = edits.edit_card(card, description, **{field: value})
        except ValueError as e:  # a blank title
            self.refused.emit(str(e))
            self.refresh()
            return
        if not self._do(edit):
            self.refresh()

    def _commit_actor_type(self) -> None:
        """A type chosen for an actor is a correction the next import keeps too."""
        if self._loading or self.controller is None:
            return
        card = self._entity()
        actor_type = self.actor_type_combo.currentText()
        if not isinstance(card, Card) or card.actor_type == actor_type:
            return
        edit = edits.retype_actors(self.controller.board, [card.id], actor_type)
        if edit.is_empty() or not self._do(edit):
            self.refresh()

    def _commit_kind(self) -> None:
        if self._loading:
            return
        card = self._entity()
        kind = self.kind_combo.currentText()
        if not isinstance(card, Card) or card.kind == kind:
            return
        if not self._do(edits.change_card_kind(card, kind)):
            self.refresh()

    def commit_body(self) -> None:
        """Commit the body text if it was changed (called on focus out)."""
        if self._loading:
            return
        card = self._entity()
        if isinstance(card, Card) and self.stack.currentIndex() == 1:
            text = self.body_edit.toPlainText()
            if text != card.body and not self._do(edits.edit_card(card, "Edit text", body=text)):
                self.refresh()

    def choose_color(self) -> None:
        card = self._entity()
        if not isinstance(card, Card):
            return
        initial = QColor(card.color) if card.color else QColor("#ffffff")
        color = QColorDialog.getColor(initial, self, "Card colour")
        if color.isValid():
            self.set_color(color.name())

    def set_color(self, color: str | None) -> None:
        """Set the shown card's colour ("#rrggbb", or None for the kind's default)."""
        self._commit_card("color", color, "Change colour" if color else "Default colour")

    def _commit_link(self, field: str, value: Any, description: str) -> None:
        if self._loading:
            return
        link = self._entity()
        if not isinstance(link, Link) or getattr(link, field) == value:
            return
        if not self._do(edits.edit_link(link, description, **{field: value})):
            self.refresh()

    def _commit_link_kind(self) -> None:
        text = self.link_kind_combo.currentText().strip()
        if text:
            self._commit_link("kind", text, "Edit link kind")
