"""The Timeline dock: the board's dated claims on a time axis, in lanes per actor or per
source, selection shared with the board both ways and the board's filters applied.

The wheel zooms about the cursor (Ctrl+wheel or Shift+wheel scrolls the lanes), a drag
pans, a click selects the claim on the board (Ctrl/Shift adds), and what is selected on
the board is ringed here.  What the board hides (filters, Hide Selected) is left out;
what it fades is drawn faded.  *Export…* writes PNG, SVG or PDF with the painter the
dock uses (:mod:`evidenceboard.render.timeline`, :mod:`evidenceboard.export.timeline`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..analysis.dates import timeline_rows
from ..export.timeline import write_timeline
from ..model import Board
from ..render.timeline import (
    AXIS,
    HEADER,
    LANE_HEIGHT,
    Hit,
    TimelineGeometry,
    TimelineModel,
    paint_timeline,
)
from .plain import plain_label, tooltip

MIN_PX_PER_DAY = 0.002
MAX_PX_PER_DAY = 400.0


class TimelineView(QWidget):
    """Paints a :class:`TimelineModel`; zoom, pan, click."""

    #: (card id, additive) of a clicked marker; ("", False) for empty space.
    markerClicked = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setMinimumHeight(120)
        self.setMouseTracking(True)
        self.model = TimelineModel([], [])
        self.geo = TimelineGeometry(1.0, 0.0)
        self.selected: set[str] = set()
        self.faded: set[str] = set()
        self.hits: list[Hit] = []
        self._press: QPointF | None = None
        self._pan_from: tuple[float, float] | None = None
        self._dragged = False
        self._fitted = False

    def sizeHint(self) -> QSize:
        return QSize(900, 260)

    def set_model(self, model: TimelineModel) -> None:
        self.model = model
        if not self._fitted or not model.rows:
            self.fit()
        self._clamp()
        self.update()

    def fit(self) -> None:
        self.geo = TimelineGeometry.fitted(self.model, max(300.0, float(self.width())))
        self._fitted = bool(self.model.rows)
        self.update()

    def zoom(self, factor: float, at_x: float | None = None) -> None:
        x = at_x if at_x is not None else HEADER + (self.width() - HEADER) / 2
        day = self.geo.day_at(x)
        ppd = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, self.geo.px_per_day * factor))
        self.geo = TimelineGeometry(ppd, day - (x - HEADER) / ppd, self.geo.top)
        self.update()

    def pan(self, dx: float, dy: float = 0.0) -> None:
        self.geo = TimelineGeometry(self.geo.px_per_day,
                                    self.geo.day0 - dx / self.geo.px_per_day,
                                    self.geo.top - dy)
        self._clamp()
        self.update()

    def _clamp(self) -> None:
        most = max(0.0, AXIS + len(self.model.lanes) * LANE_HEIGHT - self.height())
        self.geo.top = min(max(0.0, self.geo.top), most)

    def marker_rect(self, card_id: str) -> QRectF | None:
        """Where the claim's (first) marker was last painted."""
        return next((h.rect for h in self.hits if h.card == card_id), None)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.hits = paint_timeline(painter, self.model, self.geo,
                                       (float(self.width()), float(self.height())),
                                       selected=self.selected, faded=self.faded)
            if not self.model.rows:
                painter.setPen(self.palette().color(self.foregroundRole()))
                painter.drawText(QRectF(HEADER, AXIS, self.width() - HEADER,
                                        self.height() - AXIS), Qt.AlignmentFlag.AlignCenter,
                                 "No claim shown on the board states a date.")
        finally:
            painter.end()

    def _hit(self, pos: QPointF) -> str:
        for h in reversed(self.hits):
            if h.rect.contains(pos):
                return h.card
        return ""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._pan_from = (event.position().x(), event.position().y())
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._pan_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx, dy = pos.x() - self._pan_from[0], pos.y() - self._pan_from[1]
            if self._dragged or abs(dx) + abs(dy) > 4:
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._pan_from = (pos.x(), pos.y())
                self.pan(dx, dy)
            return
        card = self._hit(pos)
        row = next((r for r in self.model.rows if r.card == card), None)
        self.setToolTip(tooltip(f"{row.when} ({row.precision}): “{row.words}”\n{row.title}\n"
                                f"— {row.source_title}"
                                + ("" if row.year_stated else "\n(the article states no "
                                   "year; placed with the board's other articles)"))
                        if row else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self.unsetCursor()
        if not self._dragged:
            mods = event.modifiers()
            additive = bool(mods & (Qt.KeyboardModifier.ControlModifier |
                                    Qt.KeyboardModifier.ShiftModifier))
            self.markerClicked.emit(self._hit(event.position()), additive)
        self._press = self._pan_from = None
        self._dragged = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier |
                                Qt.KeyboardModifier.ShiftModifier):
            self.pan(0.0, steps * LANE_HEIGHT)
        else:
            self.zoom(1.25 ** steps, event.position().x())
        event.accept()


class TimelineDock(QDockWidget):
    """See the module docstring.  The window gives it the board and what its canvas
    shows (:meth:`refresh`); it reports clicks (:attr:`cardsActivated`)."""

    #: (ids, additive): claims clicked in the timeline, to select on the board.
    cardsActivated = Signal(list, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Timeline", parent)
        self.setObjectName("timelineDock")
        self.board: Board | None = None
        self.view = TimelineView()
        self.view.markerClicked.connect(self._clicked)
        self.lanes = QComboBox()
        self.lanes.setObjectName("timelineLanes")
        self.lanes.addItem("Lanes per actor", "actor")
        self.lanes.addItem("Lanes per source", "source")
        self.lanes.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.count = plain_label()

        def button(text: str, name: str, tip: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)  # plain: ours (texts of this module)
            b.clicked.connect(lambda: slot())
            return b

        self.zoom_in = button("+", "timelineZoomIn", "Zoom in (the wheel too)",
                              lambda: self.view.zoom(1.5))
        self.zoom_out = button("−", "timelineZoomOut", "Zoom out",
                               lambda: self.view.zoom(1 / 1.5))
        self.fit = button("Fit", "timelineFit", "Show every dated claim", self.view.fit)
        self.export_button = button("Export…", "timelineExport",
                                    "Export the timeline as PNG, SVG or PDF",
                                    self.choose_and_export)
        bar = QHBoxLayout()
        bar.addWidget(self.lanes)
        bar.addWidget(self.count, 1)
        for b in (self.zoom_out, self.zoom_in, self.fit, self.export_button):
            bar.addWidget(b)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self._shown: set[str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.rebuild)

    # ----------------------------------------------------------------- following
    def set_board(self, board: Board | None) -> None:
        self.board = board
        self._shown = None
        self.view._fitted = False
        self.rebuild()

    def refresh(self, shown: set[str] | None, faded: set[str]) -> None:
        """What the board shows now (None: everything) and fades; rebuilt shortly."""
        self._shown = shown
        self.view.faded = set(faded)
        if self.isVisible():
            self._timer.start()

    def set_selected(self, ids: list[str]) -> None:
        self.view.selected = set(ids)
        self.view.update()

    def rebuild(self) -> None:
        board = self.board
        if board is None:
            self.view.set_model(TimelineModel([], []))
            self.count.setText("")
            return
        shown = self._shown
        ids = None if shown is None else [i for i, c in board.cards.items()
                                          if c.kind == "claim" and i in shown]
        rows = timeline_rows(board, ids)
        by = self.lanes.currentData() or "actor"
        self.view.set_model(TimelineModel.build(board, rows, by, shown))
        n_claims = sum(1 for c in board.cards.values() if c.kind == "claim")
        self.count.setText(f"{len(rows)} of {n_claims} claims state a date")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()

    # ----------------------------------------------------------------- export
    def export(self, path: Path) -> Path:
        name = (self.board.setting("name") if self.board is not None else None) or "Timeline"
        return write_timeline(self.view.model, path, title=name,
                              selected=self.view.selected)

    def choose_and_export(self) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(
            self, "Export the timeline", "timeline.png",
            "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".png", ".svg", ".pdf"):
            path = path.with_suffix("." + ("svg" if "SVG" in chosen else
                                           "pdf" if "PDF" in chosen else "png"))
        try:
            return self.export(path)
        except (OSError, ValueError) as e:
            self.count.setText(f"The timeline could not be written: {e}")
            return None

    def _clicked(self, card: str, additive: bool) -> None:
        self.cardsActivated.emit([card] if card else [], additive)
