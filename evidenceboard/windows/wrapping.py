"""Tree rows whose long text wraps onto as many lines as it needs.

QTreeView's ``wordWrap`` asks the delegate for a size without the column's width, so a
long quote stays on one line, cut off.  :class:`WrappingDelegate` measures each row at
the width its column gives it (minus the indentation of its depth), and
:func:`wrap_rows` re-lays the rows out when the column is resized."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = self._view
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = view.columnWidth(index.column())
        if index.column() == 0:
            width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, view) + 1
        width = max(40, width - 2 * margin - 4)
        fm = QFontMetrics(opt.font)
        text = opt.text or ""
        rect = fm.boundingRect(QRect(0, 0, width, 1_000_000), int(_FLAGS), text)
        base = super().sizeHint(option, index)
        return QSize(base.width(), max(base.height(), rect.height() + 6))


def wrap_rows(view: QTreeView) -> None:
    """Give ``view`` wrapping rows that follow its column width."""
    view.setWordWrap(True)
    view.setUniformRowHeights(False)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setItemDelegate(WrappingDelegate(view))
    view.header().sectionResized.connect(lambda *_: view.scheduleDelayedItemsLayout())


__all__ = ["WrappingDelegate", "wrap_rows"]
