"""A read-only article text in which words are selected to be quoted.

Shared by the source viewer and the link evidence dialog.  A selection made with the
mouse snaps to whole words (a quote that starts "t on to say…" is never what the user
meant); holding Alt while dragging selects the exact characters.  Keyboard selection
(Shift+arrows) is always exact.  :attr:`positions` converts between the widget's UTF-16
positions and Python indices into the stored text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from .text_offsets import TextPositions, snap_to_words

_LEFT = Qt.MouseButton.LeftButton
_ALT = Qt.KeyboardModifier.AltModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


class QuoteText(QPlainTextEdit):
    """Plain, read-only text whose mouse selections snap to whole words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        self.positions: TextPositions | None = None
        self._text: str | None = None
        #: Where the mouse selection started (document position), while one is made.
        self._press_at: int | None = None

    def set_text(self, text: str | None, placeholder: str = "") -> None:
        """Show ``text`` (None: ``placeholder``, nothing to quote)."""
        if text is None:
            self.positions, self._text = None, None
            self.setPlainText(placeholder)
            return
        if text != self._text:
            self.positions, self._text = TextPositions(text), text
            self.setPlainText(text)

    # ----------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._press_at = None
        if event.button() != _LEFT or event.modifiers() & _ALT or self.positions is None:
            return
        cursor = self.textCursor()
        if event.modifiers() & _SHIFT:
            self._press_at = cursor.anchor()  # Shift+click extends the selection
        elif not cursor.hasSelection():
            self._press_at = cursor.position()
        # else: pressed inside the selection, which may now be dragged out as a quote

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self._press_at is not None and event.buttons() & _LEFT:
            self._snap()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._press_at is not None and event.button() == _LEFT:
            self._snap()
        self._press_at = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._press_at = None  # Qt's own word-by-word selection takes over
        super().mouseDoubleClickEvent(event)

    def _snap(self) -> None:
        positions, text, anchor = self.positions, self._text, self._press_at
        if positions is None or text is None or anchor is None:
            return
        cursor = self.textCursor()
        here = cursor.position()
        if here == anchor:
            return
        lo, hi = sorted((positions.to_index(anchor), positions.to_index(here)))
        s, e = snap_to_words(text, lo, hi)
        a, b = (positions.to_doc(s), positions.to_doc(e))
        if here < anchor:
            a, b = b, a  # keep the direction of the drag (the cursor at the mouse end)
        if (cursor.anchor(), cursor.position()) == (a, b):
            return
        snapped = QTextCursor(self.document())
        snapped.setPosition(a)
        snapped.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(snapped)


class FindEdit(QLineEdit):
    """A find box: Enter finds the next match and goes no further (a QLineEdit passes
    Enter on to its dialog, whose default button would then be pressed)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
