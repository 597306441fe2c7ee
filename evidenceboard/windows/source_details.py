"""What is stated about a source — title, outlet, author, date, URL — edited in the Source
dock.  Each field is committed when the user finishes it (Enter or leaving the field) as
one undo step (:func:`evidenceboard.model.edits.edit_source`); a value a board refuses
(a date that is not one) is reported and the field goes back.  Plain text only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ..model import Source, edits

_FIELDS = (("title", "Title:", "headline (none: the first sentence shows)"),
           ("outlet", "Outlet:", "who published it"),
           ("author", "Author:", "who wrote it"),
           ("published", "Date:", "YYYY-MM-DD"),
           ("url", "URL:", "https://…"))


class SourceDetails(QWidget):
    """A collapsible form of a source's stated metadata."""

    #: One line saying why a value was refused.
    refused = Signal(str)

    def __init__(self, current: Callable[[], Source | None], do: Callable[[object], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The source as the board has it now (never a copy kept here: two fields
        # committed in a row must both land) and how to run an edit.
        self._current = current
        self._do = do
        self.toggle = QToolButton()
        self.toggle.setObjectName("sourceDetailsToggle")
        self.toggle.setText("Edit details")
        self.toggle.setToolTip("Title, outlet, author, date and URL of this source")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._set_open)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.edits: dict[str, QLineEdit] = {}
        for field, label, hint in _FIELDS:
            line = QLineEdit()
            line.setObjectName(f"source_{field}")
            line.setPlaceholderText(hint)
            line.setClearButtonEnabled(True)
            line.editingFinished.connect(lambda f=field: self._commit(f))
            form.addRow(label, line)
            self.edits[field] = line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.form_box)
        self.form_box.hide()

    def _set_open(self, on: bool) -> None:
        self.form_box.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def show_source(self, source: Source | None, writable: bool) -> None:
        """Fill the fields from ``source`` (None: empty and disabled)."""
        for field, line in self.edits.items():
            value = getattr(source, field) if source is not None else None
            if not line.hasFocus() or line.text() != (value or ""):
                line.blockSignals(True)
                line.setText(value or "")
                line.setCursorPosition(0)
                line.blockSignals(False)
            line.setReadOnly(not writable)
            line.setEnabled(source is not None)
        self.toggle.setEnabled(source is not None)

    def _commit(self, field: str) -> None:
        src = self._current()
        line = self.edits[field]
        if src is None or line.isReadOnly():
            return
        try:
            edit = edits.edit_source(src, **{field: line.text()})
        except ValueError as e:
            self.refused.emit(str(e))
            line.setText(getattr(src, field) or "")
            return
        if edit.is_empty():
            line.setText(getattr(src, field) or "")
            return
        if not self._do(edit):
            line.setText(getattr(src, field) or "")
