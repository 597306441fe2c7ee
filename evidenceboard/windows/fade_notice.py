"""The bar over the board while View ▸ Fade Below Grade is on: what it fades and why
("all 131 cards and 193 links are faded — 324 of them are not graded"), with a button
that shows everything again.  Recounted (debounced) when the board changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ..analysis.grading import FadeSummary
from .plain import plain_label

RECOUNT_MS = 250


class FadeNotice(QFrame):
    """Hidden while nothing is faded on purpose."""

    #: The user pressed "Show All".
    showAll = Signal()

    def __init__(self, summary: Callable[[], FadeSummary | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fadeNotice")
        self._summary = summary
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.ToolTipBase))
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.ToolTipText))
        self.setPalette(pal)
        self.label = plain_label()
        self.label.setObjectName("fadeNoticeText")
        self.label.setWordWrap(True)
        self.show_all = QPushButton("Show All")
        self.show_all.setToolTip("Stop fading (View ▸ Fade Below Grade ▸ Show All)")
        self.show_all.clicked.connect(lambda: self.showAll.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_all)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_MS)
        self._timer.timeout.connect(self.recount)
        self.hide()

    def board_changed(self) -> None:
        """Recount soon (a burst of edits counts once)."""
        if self.isVisible():
            self._timer.start()

    def recount(self) -> None:
        self._timer.stop()
        summary = self._summary()
        if summary is None:
            self.hide()
            return
        self.label.setText(summary.text())
        self.show()
