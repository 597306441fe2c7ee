"""Text from a board, an article or the user shown as exactly that text.

Qt renders text as HTML wherever it "might be rich text" (``Qt::mightBeRichText``):
message boxes, labels and tooltips.  A table name ``<img src='/dev/zero'>`` quoted in a
refusal made the app read /dev/zero until memory ran out; a heading and a clickable
``file:`` link showed too.  So every such surface goes through this module:

* message boxes: :func:`critical`, :func:`warning`, :func:`information` build a
  ``QMessageBox`` whose text format is plain text (never the static ``QMessageBox``
  functions, which guess; ``tests/windows/test_plain_text.py`` scans the sources);
* tooltips: :func:`tooltip` (rich text whose content is escaped: markup shows literally,
  line breaks stay);
* labels showing data: :func:`plain_label`;
* window titles: :func:`window_title` (Qt reads ``[*]`` as the "modified" mark and
  drops it; control characters are written out);
* the status bar: :func:`show_status` (one line);
* menu entries named after data: :func:`menu_text` (``&`` would underline a letter).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from ..safe_text import one_line, tooltip_html, visible_controls

__all__ = ["critical", "information", "menu_text", "message_box", "one_line",
           "plain_label", "show_status", "tooltip", "warning", "window_title"]

Icon = QMessageBox.Icon


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (line breaks kept)."""
    return tooltip_html(text)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, *,
                detail: str | None = None) -> QMessageBox:
    """A message box that shows ``text`` (and ``detail``) as plain text."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(window_title(title))
    box.setText(visible_controls(text, keep_lines=True))
    if detail is not None:
        box.setDetailedText(detail)  # (a plain-text QTextEdit)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def _show(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    message_box(parent, icon, title, text).exec()


def critical(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, Icon.Critical, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, Icon.Warning, title, text)


def information(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, Icon.Information, title, text)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never renders its text as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def window_title(text: str) -> str:
    """``text`` for ``setWindowTitle``: one line, and a literal ``[*]`` (which Qt would
    take for the placeholder of the "modified" mark and drop) written as Qt's escape."""
    return one_line(text).replace("[*]", "[*][*]")


def show_status(window: QMainWindow, text: str, ms: int = 8000) -> None:
    """A temporary message in the status bar, on one line."""
    window.statusBar().showMessage(one_line(text), ms)


def menu_text(text: str) -> str:
    """``text`` as a menu entry or button label: ``&`` shown, not a mnemonic."""
    return one_line(text).replace("&", "&&")
