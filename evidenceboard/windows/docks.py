"""The Sources and Search docks: lists that follow the board's events.

Both show plain text only and rebuild from the model when something they show changed, so
undo and redo refresh them for free.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..commands.controller import EditController
from ..model import Board, BoardEvent, Card, Citation, Link, Source, edits
from .plain import plain_label, tooltip
from .wrapping import wrap_rows


def source_label(s: Source, limit: int = 90) -> str:
    """"Title — outlet — date" of a source, shortened to ``limit`` characters."""
    parts = [s.shown_title, *(p for p in (s.outlet, s.published) if p)]
    text = " — ".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def geometry_only(event: BoardEvent) -> bool:
    """True when ``event`` only moved or resized cards (a drag): nothing a list of
    sources, citations or problems shows has changed."""
    if event.added or event.removed or not event.changed:
        return False
    for old, new in event.changed:
        if not (isinstance(old, Card) and isinstance(new, Card)):
            return False
        if not edits.only_geometry_changed(old, new):
            return False
    return True


class _BoardDock(QDockWidget):
    """A dock that follows one board; rebuilds (once per event loop turn) on changes."""

    def __init__(self, title: str, controller: EditController | None,
                 parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self._board: Board | None = None
        self.controller: EditController | None = None
        self._pending = False

    def set_controller(self, controller: EditController | None) -> None:
        if self._board is not None:
            self._board.unsubscribe(self._on_event)
        self.controller = controller
        self._board = controller.board if controller is not None else None
        if self._board is not None:
            self._board.subscribe(self._on_event)
        self.rebuild()

    def detach(self) -> None:
        self.set_controller(None)

    def _relevant(self, event: BoardEvent) -> bool:
        return True

    def _on_event(self, event: BoardEvent) -> None:
        if self._relevant(event) and not self._pending:
            # One rebuild for a burst of events (an import, a multi-step undo).
            self._pending = True
            QTimer.singleShot(0, self._deferred_rebuild)

    def _deferred_rebuild(self) -> None:
        self._pending = False
        self.rebuild()

    def rebuild(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


#: Below this width (px) the Sources list leaves out its date column.
NARROW_LIST = 340


class SourcesDock(_BoardDock):
    """The articles stored in the board: title, outlet, date and how often cited."""

    #: Emitted with a source id when a row is clicked (or activated with the keyboard).
    sourceActivated = Signal(str)

    def __init__(self, controller: EditController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Sources", controller, parent)
        self.setObjectName("sourcesDock")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Title", "Outlet", "Date", "Cited"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        # One click shows the article in the Source dock (a double click was needed,
        # and a click that did nothing looked broken).
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # The title keeps most of the width and wraps: cut to one line, a dock of
        # 250-330 px showed "Libyan wa…" for every article.  The outlet gets at most a
        # quarter of the width (then wraps too).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        wrap_rows(self.tree)
        # The viewport's resize, not the tree's: the tree's comes before it lays out its
        # viewport, so the widths were fitted to the previous size (a first run left the
        # title 26 px wide beside a 159 px outlet column).
        self.tree.viewport().installEventFilter(self)
        self.setWidget(self.tree)
        self.set_controller(controller)

    def _relevant(self, event: BoardEvent) -> bool:
        return any(isinstance(e, (Source, Citation))
                   for e in (*event.added, *event.removed, *(n for _, n in event.changed)))

    def rebuild(self) -> None:
        self.tree.clear()
        if self._board is None:
            return
        for s in self._board.sources.values():
            n = len(self._board.citations_in(s.id))
            item = QTreeWidgetItem([s.shown_title, s.outlet or "", s.published or "", str(n)])
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(0, tooltip("\n".join(p for p in (s.shown_title, s.url) if p)))
            if s.outlet:
                item.setToolTip(1, tooltip(s.outlet))
            self.tree.addTopLevelItem(item)
        self._fit_outlet_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_outlet_column()
        return super().eventFilter(watched, event)

    def _fit_outlet_column(self) -> None:
        """The outlet at most a quarter of the width; in a narrow dock no date column
        (the Source dock shows the date), so the title keeps half of the width."""
        tree = self.tree
        tree.setColumnHidden(2, tree.viewport().width() < NARROW_LIST)
        fm = tree.fontMetrics()
        texts = [tree.headerItem().text(1)] + [tree.topLevelItem(i).text(1)
                                               for i in range(tree.topLevelItemCount())]
        natural = max(fm.horizontalAdvance(t) for t in texts) + 16
        tree.setColumnWidth(1, max(48, min(natural, tree.viewport().width() // 4)))

    def source_ids(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.tree.topLevelItemCount())]

    def _activated(self, item: QTreeWidgetItem) -> None:
        self.sourceActivated.emit(item.data(0, Qt.ItemDataRole.UserRole))


def _matches(needle: str, *texts: str | None) -> bool:
    return any(needle in t.casefold() for t in texts if t)


class SearchDock(_BoardDock):
    """Filters cards and links by text; activating a result selects and centres it."""

    #: Emitted with the id of the card or link the user picked.
    resultActivated = Signal(str)
    MAX_RESULTS = 500

    def __init__(self, controller: EditController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Search", controller, parent)
        self.setObjectName("searchDock")
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find cards and links…")
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self.rebuild())
        self.query.returnPressed.connect(self._activate_first)
        self.results = QListWidget()
        self.results.itemClicked.connect(self._activated)
        self.results.itemActivated.connect(self._activated)
        self.count_label = plain_label()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)
        self.setWidget(body)
        self.set_controller(controller)

    def _relevant(self, event: BoardEvent) -> bool:
        return bool(self.query.text()) and not geometry_only(event) and any(
            isinstance(e, (Card, Link))
            for e in (*event.added, *event.removed, *(n for _, n in event.changed)))

    def focus_query(self) -> None:
        self.show()
        self.raise_()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def rebuild(self) -> None:
        self.results.clear()
        needle = self.query.text().strip().casefold()
        if self._board is None or not needle:
            self.count_label.setText("")
            return
        b = self._board
        hits: list[tuple[str, str]] = []
        for c in b.cards.values():
            if _matches(needle, c.title, c.body, c.speaker, *c.aliases):
                hits.append((f"{c.kind}: {c.title}", c.id))
        for link in b.links.values():
            a = b.cards.get(link.from_id)
            z = b.cards.get(link.to_id)
            if _matches(needle, link.label, link.kind):
                text = f"link: {a.title if a else '?'} — {link.label or link.kind} — " \
                       f"{z.title if z else '?'}"
                hits.append((text, link.id))
        hits.sort(key=lambda h: h[0].casefold())
        for text, id_ in hits[: self.MAX_RESULTS]:
            item = QListWidgetItem(" ".join(text.split()))
            item.setData(Qt.ItemDataRole.UserRole, id_)
            self.results.addItem(item)
        more = f" (first {self.MAX_RESULTS} shown)" if len(hits) > self.MAX_RESULTS else ""
        self.count_label.setText(f"{len(hits)} found{more}")

    def result_ids(self) -> list[str]:
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.results.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.resultActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _activate_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self._activated(self.results.item(0))
