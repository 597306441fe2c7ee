"""Plain text laid out in a box: wrapped, elided, in its own writing direction.

Card text is user-supplied and always plain (never rich text).  A paragraph whose first
strong character is Hebrew or Arabic is laid out right-to-left and aligned to the right,
whatever the application's layout direction.  Text that does not fit ends in "…"; the
full text is shown in tooltips and the inspector.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

ELLIPSIS = "…"
_LINE_SEPARATOR = "\u2028"


@lru_cache(maxsize=4096)
def is_rtl(text: str) -> bool:
    """True when the first strong directional character is right-to-left (the Unicode
    bidi "first strong" rule, P2-P3)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def one_line(text: str) -> str:
    """Line breaks and tabs as spaces (titles are shown on as few lines as fit)."""
    return " ".join(text.split())


def _option(rtl: bool, align: Qt.AlignmentFlag) -> QTextOption:
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    opt.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                         else Qt.LayoutDirection.LeftToRight)
    # QTextLayout does not mirror AlignLeft for a right-to-left paragraph (QStyle's
    # visualAlignment would, but it is not used here): a paragraph starts on its right.
    if rtl and align & Qt.AlignmentFlag.AlignLeft:
        align = (align & ~Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignRight
    opt.setAlignment(align)
    return opt


class TextBlock:
    """``text`` wrapped to ``width`` in at most ``max_lines`` lines (``max_lines`` of 0
    = as many as needed), the last one elided when the rest does not fit (with
    ``whole_words``, after the last word that fits: "Haftar's aides…", never "Haf…").

    Layout happens once; :meth:`draw` is cheap, so cards cache their blocks.
    """

    __slots__ = (
        "_layouts",
        "elided",
        "font",
        "height",
        "line_height",
        "natural_width",
        "rtl",
        "text",
        "width",
    )

    def __init__(self, text: str, font: QFont, width: float, max_lines: int = 0,
                 *, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 whole_words: bool = False) -> None:
        self.text = text
        self.font = font
        self.width = max(1.0, float(width))
        self.rtl = is_rtl(text)
        self.elided = False
        self._layouts: list[tuple[QTextLayout, float]] = []
        fm = QFontMetricsF(font)
        self.line_height = fm.lineSpacing()
        self.natural_width = 0.0
        prepared = text.replace("\r\n", _LINE_SEPARATOR).replace("\n", _LINE_SEPARATOR) \
            .replace("\r", _LINE_SEPARATOR)
        option = _option(self.rtl, align)
        layout = QTextLayout(prepared, font)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        lines = 0
        overflow_at = -1
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            if max_lines and lines == max_lines:
                overflow_at = line.textStart()
                break
            line.setLineWidth(self.width)
            line.setPosition(QPointF(0.0, y))
            y += line.height()
            lines += 1
            self.natural_width = max(self.natural_width, line.naturalTextWidth())
        layout.endLayout()
        if overflow_at >= 0 and lines > 0:
            # Re-lay the kept lines minus the last, then an elided last line.
            self.elided = True
            last = layout.lineAt(lines - 1)
            keep_end = last.textStart()
            y = last.y()
            kept = QTextLayout(prepared[:keep_end], font) if keep_end > 0 else None
            if kept is not None:
                kept.setTextOption(option)
                kept.setCacheEnabled(True)
                kept.beginLayout()
                yy = 0.0
                for _ in range(lines - 1):
                    ln = kept.createLine()
                    if not ln.isValid():
                        break
                    ln.setLineWidth(self.width)
                    ln.setPosition(QPointF(0.0, yy))
                    yy += ln.height()
                kept.endLayout()
                self._layouts.append((kept, 0.0))
            rest = one_line(prepared[keep_end:].replace(_LINE_SEPARATOR, " "))
            elided = fm.elidedText(rest + " " + ELLIPSIS, Qt.TextElideMode.ElideRight,
                                   self.width)
            if whole_words:
                elided = elide_words(rest, fm, self.width)
            elif not elided.endswith(ELLIPSIS):
                elided = fm.elidedText(rest, Qt.TextElideMode.ElideRight,
                                       self.width - fm.horizontalAdvance(ELLIPSIS))
                elided = elided.rstrip(ELLIPSIS).rstrip() + ELLIPSIS
            tail = QTextLayout(elided, font)
            tail.setTextOption(_option(self.rtl, align))
            tail.setCacheEnabled(True)
            tail.beginLayout()
            ln = tail.createLine()
            ln.setLineWidth(self.width)
            ln.setPosition(QPointF(0.0, 0.0))
            tail.endLayout()
            self._layouts.append((tail, y))
            self.height = y + ln.height()
        else:
            self._layouts.append((layout, 0.0))
            self.height = y

    def line_count(self) -> int:
        return sum(layout.lineCount() for layout, _ in self._layouts)

    def line_rects(self, origin: QPointF | None = None) -> list[QRectF]:
        """Where each line's ink is (for tests and hit testing), in painter coordinates."""
        ox = origin.x() if origin is not None else 0.0
        oy = origin.y() if origin is not None else 0.0
        out = []
        for layout, dy in self._layouts:
            for i in range(layout.lineCount()):
                ln = layout.lineAt(i)
                w = ln.naturalTextWidth()
                x = self.width - w if self.rtl else 0.0
                out.append(QRectF(ox + x, oy + dy + ln.y(), w, ln.height()))
        return out

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        for layout, dy in self._layouts:
            layout.draw(painter, QPointF(x, y + dy))


def elide_words(text: str, fm: QFontMetricsF, width: float) -> str:
    """As many whole words of ``text`` as fit in ``width`` with "…" after them (one
    word cut with "…" when not even the first fits)."""
    words = text.split(" ")
    kept = ""
    for word in words:
        trial = (kept + " " + word) if kept else word
        if fm.horizontalAdvance(trial + ELLIPSIS) > width:
            break
        kept = trial
    if not kept:
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return kept.rstrip(" ,;:.") + ELLIPSIS


def elide(text: str, font: QFont, width: float) -> str:
    """One line of ``text`` cut with "…" to fit ``width``."""
    return QFontMetricsF(font).elidedText(one_line(text), Qt.TextElideMode.ElideRight,
                                          max(0.0, width))


def text_width(text: str, font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)
