"""The Filter dock: what to show, by card kind, actor type, source article, grade, link
label and date (the days claims are placed at, as on the timeline), and whether what does not match fades or hides.

The dock only edits a :class:`~evidenceboard.analysis.filters.BoardFilter` and says so
(``filterChanged``); :class:`.view_state.ViewStateControl` applies it to the canvas and
remembers it in the board.  Every criterion is one group of controls; a list whose items
are all ticked asks nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..analysis.dates import timeline_rows
from ..analysis.filters import (
    ActorTypeIs,
    BoardFilter,
    CitesSource,
    DatedBetween,
    GradeAtLeast,
    KindIs,
    LinkLabelIs,
    link_labels,
)
from ..model import Board
from ..model.entities import ACTOR_TYPES, CARD_KINDS
from .plain import tooltip

#: Grade choices: (grade, text).
GRADES = (("", "Any grade"), ("A1", "A1 or better"), ("B2", "B2 or better"),
          ("C3", "C3 or better"), ("D4", "D4 or better"))
ID_ROLE = Qt.ItemDataRole.UserRole


def _checked_list(name: str) -> QListWidget:
    w = QListWidget()
    w.setObjectName(name)
    w.setUniformItemSizes(True)
    w.setMaximumHeight(150)
    return w


class _WheelScrolls(QObject):
    """The mouse wheel over an unfocused choice box or date field scrolls the dock, as
    it does everywhere else in it, instead of changing the filter under the pointer."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) \
                and not obj.hasFocus():
            QApplication.sendEvent(self._scroll.verticalScrollBar(), event)
            return True
        return False


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class FilterDock(QDockWidget):
    """See the module docstring."""

    filterChanged = Signal(object)  # BoardFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Filter", parent)
        self.setObjectName("filterDock")
        self._board: Board | None = None
        self._loading = False
        body = QWidget()
        layout = QVBoxLayout(body)

        self.summary = QLabel("Showing everything")
        self.summary.setObjectName("filterSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        row = QHBoxLayout()
        row.addWidget(QLabel("What does not match:"))
        self.fade_button = QRadioButton("Fade")
        self.fade_button.setObjectName("filterFade")
        self.hide_button = QRadioButton("Hide")
        self.hide_button.setObjectName("filterHide")
        self.fade_button.setChecked(True)
        self._modes = QButtonGroup(self)
        for b in (self.fade_button, self.hide_button):
            self._modes.addButton(b)
            row.addWidget(b)
            b.toggled.connect(lambda _on: self._changed())
        row.addStretch(1)
        layout.addLayout(row)

        kinds = QGroupBox("Card kind")
        kl = QHBoxLayout(kinds)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for k in CARD_KINDS:
            box = QCheckBox(k.capitalize() + "s")
            box.setObjectName(f"filterKind_{k}")
            box.setChecked(True)
            box.toggled.connect(lambda _on: self._changed())
            kl.addWidget(box)
            self.kind_boxes[k] = box
        layout.addWidget(kinds)

        types = QGroupBox("Actor type")
        tl = QVBoxLayout(types)
        self.type_boxes: dict[str, QCheckBox] = {}
        grid_row: QHBoxLayout | None = None
        for n, t in enumerate(ACTOR_TYPES):
            if n % 4 == 0:
                grid_row = QHBoxLayout()
                tl.addLayout(grid_row)
            box = QCheckBox(t.capitalize())
            box.setObjectName(f"filterType_{t}")
            box.setChecked(True)
            box.toggled.connect(lambda _on: self._changed())
            assert grid_row is not None
            grid_row.addWidget(box)
            self.type_boxes[t] = box
        layout.addWidget(types)

        layout.addWidget(QLabel("Source article"))
        self.source_list = _checked_list("filterSources")
        self.source_list.itemChanged.connect(lambda _it: self._changed())
        layout.addWidget(self.source_list)

        row = QHBoxLayout()
        row.addWidget(QLabel("Grade"))
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("filterGrade")
        for grade, text in GRADES:
            self.grade_combo.addItem(text, grade)
        self.grade_combo.currentIndexChanged.connect(lambda _i: self._changed())
        row.addWidget(self.grade_combo, 1)
        layout.addLayout(row)

        layout.addWidget(QLabel("Link label"))
        self.label_list = _checked_list("filterLabels")
        self.label_list.itemChanged.connect(lambda _it: self._changed())
        layout.addWidget(self.label_list)

        dates = QGroupBox("Date")
        dates.setObjectName("filterDates")
        dl = QVBoxLayout(dates)
        self.date_check = QCheckBox("Only claims dated")
        self.date_check.setObjectName("filterDateOn")
        self.date_check.setToolTip("Keep the claims whose own words place them in this "
                                   "range (as on the timeline); actors and notes stay")
        self.date_check.toggled.connect(lambda _on: self._changed())
        dl.addWidget(self.date_check)
        row = QHBoxLayout()
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for name, edit, text in (("filterDateFrom", self.date_from, "from"),
                                 ("filterDateTo", self.date_to, "to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._changed())
            row.addWidget(QLabel(text))
            row.addWidget(edit, 1)
        dl.addLayout(row)
        self.undated_check = QCheckBox("and claims stating no date")
        self.undated_check.setObjectName("filterUndated")
        self.undated_check.toggled.connect(lambda _on: self._changed())
        dl.addWidget(self.undated_check)
        for w in (self.date_from, self.date_to, self.undated_check):
            w.setEnabled(False)
            self.date_check.toggled.connect(w.setEnabled)
        self.date_note = QLabel("")
        self.date_note.setObjectName("filterDateNote")
        self.date_note.setTextFormat(Qt.TextFormat.PlainText)
        self.date_note.setWordWrap(True)
        dl.addWidget(self.date_note)
        layout.addWidget(dates)

        self.clear_button = QPushButton("Show Everything")
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setToolTip("Clear every criterion of the filter")
        self.clear_button.clicked.connect(lambda: self.set_filter(BoardFilter(), emit=True))
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        self._wheel = _WheelScrolls(scroll)
        for field in (self.grade_combo, self.date_from, self.date_to):
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            field.installEventFilter(self._wheel)
        scroll.setWidget(body)
        self.setWidget(scroll)

    # ----------------------------------------------------------------- board
    def set_board(self, board: Board | None) -> None:
        """Fill the lists from ``board`` (its sources and link labels), keeping ticks."""
        current = self.current_filter()
        self._board = board
        self._loading = True
        try:
            self.source_list.clear()
            self.label_list.clear()
            if board is not None:
                for src in sorted(board.sources.values(),
                                  key=lambda s: (s.shown_title.casefold(), s.id)):
                    it = QListWidgetItem(src.shown_title)
                    it.setData(ID_ROLE, src.id)
                    it.setToolTip(tooltip(src.shown_title))
                    it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    it.setCheckState(Qt.CheckState.Checked)
                    self.source_list.addItem(it)
                for label, n in link_labels(board):
                    it = QListWidgetItem(f"{label} ({n})")
                    it.setData(ID_ROLE, label)
                    it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    it.setCheckState(Qt.CheckState.Checked)
                    self.label_list.addItem(it)
            self._set_date_span(board)
        finally:
            self._loading = False
        self.set_filter(current)
        self.setEnabled(board is not None)

    def _set_date_span(self, board: Board | None) -> None:
        """The date controls start at the span of the board's dated claims."""
        rows = timeline_rows(board) if board is not None else []
        if rows:
            lo, hi = min(r.first for r in rows), max(r.last for r in rows)
            self.date_note.setText(f"{len(rows)} dated claim{'s' if len(rows) != 1 else ''}, "
                                   f"{lo.isoformat()} to {hi.isoformat()}")
        else:
            lo = hi = date.today()
            self.date_note.setText("No claim on this board states a date yet")
        for edit, day in ((self.date_from, lo), (self.date_to, hi)):
            if not self.date_check.isChecked():
                edit.setDate(QDate(day.year, day.month, day.day))

    # ----------------------------------------------------------------- reading / showing
    def _ticked(self, widget: QListWidget) -> tuple[set[str], bool]:
        ids, all_on = set(), True
        for i in range(widget.count()):
            it = widget.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                ids.add(str(it.data(ID_ROLE)))
            else:
                all_on = False
        return ids, all_on

    def current_filter(self) -> BoardFilter:
        """The filter the controls show."""
        f = BoardFilter(mode="hide" if self.hide_button.isChecked() else "fade")
        kinds = {k for k, b in self.kind_boxes.items() if b.isChecked()}
        if kinds != set(CARD_KINDS):
            f = f.with_criterion(KindIs(frozenset(kinds)))
        types = {t for t, b in self.type_boxes.items() if b.isChecked()}
        if types != set(ACTOR_TYPES):
            f = f.with_criterion(ActorTypeIs(frozenset(types)))
        sources, all_sources = self._ticked(self.source_list)
        if not all_sources:
            f = f.with_criterion(CitesSource(frozenset(sources)))
        grade = self.grade_combo.currentData()
        if grade:
            f = f.with_criterion(GradeAtLeast(str(grade)))
        labels, all_labels = self._ticked(self.label_list)
        if not all_labels:
            f = f.with_criterion(LinkLabelIs(frozenset(labels)))
        if self.date_check.isChecked():
            lo, hi = sorted((_day(self.date_from), _day(self.date_to)))
            f = f.with_criterion(DatedBetween(lo.isoformat(), hi.isoformat(),
                                              self.undated_check.isChecked()))
        return f

    def set_filter(self, f: BoardFilter, *, emit: bool = False) -> None:
        """Show ``f`` in the controls (``emit``: and say it changed)."""
        self._loading = True
        try:
            (self.hide_button if f.mode == "hide" else self.fade_button).setChecked(True)
            kinds = f.get("kinds")
            for k, b in self.kind_boxes.items():
                b.setChecked(kinds is None or k in kinds.kinds)  # type: ignore[attr-defined]
            types = f.get("actor_types")
            for t, b in self.type_boxes.items():
                b.setChecked(types is None or t in types.types)  # type: ignore[attr-defined]
            for widget, crit, attr in ((self.source_list, f.get("sources"), "source_ids"),
                                       (self.label_list, f.get("link_labels"), "labels")):
                wanted = getattr(crit, attr) if crit is not None else None
                for i in range(widget.count()):
                    it = widget.item(i)
                    on = wanted is None or str(it.data(ID_ROLE)) in wanted
                    it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            dated = f.get("dates")
            self.date_check.setChecked(dated is not None)
            if isinstance(dated, DatedBetween):
                for edit, text in ((self.date_from, dated.first), (self.date_to, dated.last)):
                    day = date.fromisoformat(text)
                    edit.setDate(QDate(day.year, day.month, day.day))
                self.undated_check.setChecked(dated.undated)
            grade = f.get("grade")
            index = self.grade_combo.findData(grade.grade if grade is not None else "")  # type: ignore[attr-defined]
            self.grade_combo.setCurrentIndex(max(0, index))
        finally:
            self._loading = False
        self._show_summary(f)
        if emit:
            self.filterChanged.emit(f)

    def _show_summary(self, f: BoardFilter) -> None:
        if not f.active or self._board is None:
            self.summary.setText("Showing everything")
        else:
            verb = "Hiding" if f.mode == "hide" else "Fading"
            self.summary.setText(f"{verb} what does not match: {f.describe(self._board)}")

    def _changed(self) -> None:
        if self._loading:
            return
        f = self.current_filter()
        self._show_summary(f)
        self.filterChanged.emit(f)
