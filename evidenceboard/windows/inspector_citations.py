"""The inspector's evidence of a card or link: its grade and backing, the claims that
contradict it (a click selects them), its citations grouped by article, and its
connections to other cards.

Grouping matters on real boards: an actor of the demo is mentioned sixty times, and sixty
near-identical rows hide the five articles they come from.  Selecting an article row
selects all of its citations, so they can be graded or removed at once.  Plain text
only.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..analysis.contradictions import contradicting
from ..analysis.corroboration import corroboration
from ..analysis.dates import date_conflicts_of
from ..analysis.grading import Grade, item_grade
from ..analysis.integrity import citation_problem
from ..model import Board, Card, Citation, Link
from .layout import shrinkable
from .plain import plain_label, tooltip
from .wrapping import wrap_rows

CREDIBILITY_LABELS = [
    (None, "not graded"),
    (1, "1 — confirmed by other sources"),
    (2, "2 — probably true"),
    (3, "3 — possibly true"),
    (4, "4 — doubtful"),
    (5, "5 — improbable"),
    (6, "6 — truth cannot be judged"),
]
ID_ROLE = Qt.ItemDataRole.UserRole
#: Up to this many citations, every article's rows are shown; above, the articles only.
EXPANDED_UP_TO = 8


def backing_text(board: Board, entity: Card | Link) -> str:
    """Grade and corroboration of a claim or link, in one line (contradictions have a
    button of their own)."""
    if isinstance(entity, Card) and entity.kind != "claim":
        return ""  # an actor or note is mentioned, not graded: its tab counts them
    parts = []
    grade = item_grade(board, entity.id)
    parts.append(f"Grade {grade.label}" if grade else "Not graded")
    corr = corroboration(board, entity.id)
    if corr.source_count:
        origins = ", ".join(o if len(o) <= 40 else o[:39] + "…" for o in corr.origins)
        parts.append(f"{corr.source_count} source{'s' if corr.source_count != 1 else ''}, "
                     f"{corr.origin_count} independent origin"
                     f"{'s' if corr.origin_count != 1 else ''} ({origins})")
    elif isinstance(entity, Link) and entity.unsourced:
        parts.append("no source (marked on purpose)")
    else:
        parts.append("no source")
    return " · ".join(parts)


def _bundle_text(board: Board, link: Card | Link, also: list[str] | tuple[str, ...]) -> str:
    """What backs a bundle of relations drawn as one line (the relations view)."""
    from ..analysis.relations import relation_bundles
    links = [board.links[i] for i in (link.id, *also) if i in board.links]
    bundle = next(iter(relation_bundles(board, links).values()), None)
    if bundle is None:
        return backing_text(board, link)
    return f"{' · '.join(bundle.labels)}: {bundle.summary}"


def citation_grade(board: Board, c: Citation) -> Grade:
    """A citation's grade: its source's reliability, its own credibility."""
    src = board.sources.get(c.source_id)
    return Grade(src.reliability if src is not None else None, c.credibility)


def _quote_text(c: Citation, board: Board) -> str:
    quote = " ".join(c.quote.split())
    if len(quote) > 240:
        quote = quote[:239] + "…"
    shown = quote if quote[:1] in "\"“‘«„'" else f"“{quote}”"
    grade = citation_grade(board, c)
    badge = f"[{grade.label}] " if (grade.reliability or grade.credibility) else ""
    problem = citation_problem(board, c)
    return f"{badge}{shown}" + (f"\n(broken: {problem})" if problem else "")


def _grade_tip(board: Board, c: Citation) -> str:
    src = board.sources.get(c.source_id)
    r = (f"reliability {src.reliability} — the source's grade (Source dock)"
         if src is not None and src.reliability else "reliability not graded (Source dock)")
    k = f"credibility {c.credibility}" if c.credibility else "credibility not graded"
    return f"{c.quote}\n\n{r}; {k}"


class CitationsPanel(QWidget):
    """Backing line, "contradicted by" button, citations by article, grading."""

    #: A citation row was clicked: show its words.
    citationActivated = Signal(str)
    #: Items to select on the board (the contradicting claims).
    itemsActivated = Signal(list)
    #: Credibility chosen for the selected citations: (citation ids, value).
    gradeRequested = Signal(list, object)
    #: Remove the selected citations.
    removeRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._board: Board | None = None
        self._owner: str | None = None
        self._contradicting: list[str] = []
        self.backing_label = plain_label()
        self.backing_label.setObjectName("backingLabel")
        self.backing_label.setWordWrap(True)
        self.contradicted_button = QPushButton()
        self.contradicted_button.setObjectName("contradictedButton")
        self.contradicted_button.setFlat(True)
        self.contradicted_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.contradicted_button.setToolTip("Select the claims that contradict this one")
        self.contradicted_button.setStyleSheet("text-align: left; color: #c01c28;")
        self.contradicted_button.clicked.connect(
            lambda: self.itemsActivated.emit(list(self._contradicting)))
        self.tree = QTreeWidget()
        self.tree.setObjectName("citationTree")
        self.tree.setHeaderHidden(True)
        wrap_rows(self.tree)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._update_controls)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.credibility_combo = shrinkable(QComboBox(), 8)
        for value, text in CREDIBILITY_LABELS:
            self.credibility_combo.addItem(text, value)
        self.credibility_combo.setToolTip("Admiralty information credibility (1–6) of the "
                                          "selected citations (select an article row for "
                                          "all its citations)")
        self.credibility_combo.currentIndexChanged.connect(self._grade_chosen)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected citations")
        self.remove_button.clicked.connect(
            lambda: self.removeRequested.emit(self.selected_ids()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.credibility_combo, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.backing_label)
        layout.addWidget(self.contradicted_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.contradicted_button.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    # ----------------------------------------------------------------- showing
    def show_item(self, board: Board | None, entity: Card | Link | None,
                  editable: bool, also: list[str] | tuple[str, ...] = ()) -> None:
        """Show the evidence of ``entity`` (keeping the selected rows when it is the
        same item again); ``also``: the links it is drawn for (a bundle of relations),
        whose citations are listed with its own."""
        keep = self.selected_ids() if entity is not None and entity.id == self._owner else []
        open_groups = {self.tree.topLevelItem(i).data(0, ID_ROLE)
                       for i in range(self.tree.topLevelItemCount())
                       if self.tree.topLevelItem(i).isExpanded()} \
            if entity is not None and entity.id == self._owner else None
        self._board = board
        self._owner = entity.id if entity is not None else None
        self.tree.clear()
        if board is None or entity is None:
            self._contradicting = []
            self.contradicted_button.hide()
            return
        self.backing_label.setText(_bundle_text(board, entity, also) if also
                                   else backing_text(board, entity))
        self.backing_label.setVisible(bool(self.backing_label.text()))
        self._contradicting = contradicting(board, entity.id) if isinstance(entity, Card) \
            else []
        if isinstance(entity, Card) and entity.kind == "claim":
            # another article dating the same event differently
            for conflict in date_conflicts_of(board, entity.id):
                other = conflict.second if conflict.first == entity.id else conflict.first
                if other not in self._contradicting:
                    self._contradicting.append(other)
        n = len(self._contradicting)
        self.contradicted_button.setText(f"Contradicted by {n} claim{'s' if n != 1 else ''}")
        self.contradicted_button.setVisible(bool(n))
        cites = board.citations_of(entity.id) + [c for i in also
                                                 for c in board.citations_of(i)]
        by_source: dict[str, list[Citation]] = {}
        for c in sorted(cites, key=lambda c: (c.start, c.id)):
            by_source.setdefault(c.source_id, []).append(c)
        expand = len(cites) <= EXPANDED_UP_TO
        def title_of(sid: str) -> str:
            src = board.sources.get(sid)
            return src.shown_title if src is not None else "(missing source)"

        for sid, group in sorted(by_source.items(),
                                 key=lambda kv: (-len(kv[1]), title_of(kv[0]).casefold(),
                                                 kv[0])):
            title = title_of(sid)
            grades = Counter(citation_grade(board, c).label for c in group)
            badge = next(iter(grades)) if len(grades) == 1 else "mixed"
            head = QTreeWidgetItem([f"{len(group)} · {title}"
                                    + (f" [{badge}]" if badge != "??" else "")])
            head.setData(0, ID_ROLE, sid)
            head.setToolTip(0, tooltip(title))
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            for c in group:
                child = QTreeWidgetItem([_quote_text(c, board)])
                child.setData(0, ID_ROLE, c.id)
                child.setToolTip(0, tooltip(_grade_tip(board, c)))
                head.addChild(child)
            self.tree.addTopLevelItem(head)  # (items select only once in the tree)
            head.setExpanded(sid in open_groups if open_groups is not None else expand)
            for j in range(head.childCount()):
                head.child(j).setSelected(head.child(j).data(0, ID_ROLE) in keep)
        self.credibility_combo.setVisible(editable)
        self.remove_button.setVisible(editable)
        self._update_controls()

    # ----------------------------------------------------------------- selection
    def citation_items(self) -> list[QTreeWidgetItem]:
        """Every citation row (article rows excluded), in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            out.extend(g.child(j) for j in range(g.childCount()))
        return out

    def selected_ids(self) -> list[str]:
        """Selected citations: rows picked, and every row of a picked article."""
        ids: dict[str, None] = {}
        for item in self.tree.selectedItems():
            if item.parent() is None:
                for j in range(item.childCount()):
                    ids.setdefault(item.child(j).data(0, ID_ROLE), None)
            else:
                ids.setdefault(item.data(0, ID_ROLE), None)
        return list(ids)

    def _update_controls(self) -> None:
        ids = self.selected_ids()
        board = self._board
        self.remove_button.setEnabled(bool(ids))
        self.credibility_combo.setEnabled(bool(ids))
        values = {board.citations[i].credibility for i in ids
                  if board is not None and i in board.citations}
        self.credibility_combo.blockSignals(True)
        self.credibility_combo.setCurrentIndex(
            self.credibility_combo.findData(values.pop()) if len(values) == 1 and
            None not in values else 0)
        self.credibility_combo.blockSignals(False)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        if item.parent() is not None:
            self.citationActivated.emit(item.data(0, ID_ROLE))
        elif item.childCount():
            self.citationActivated.emit(item.child(0).data(0, ID_ROLE))

    def _grade_chosen(self, index: int) -> None:
        ids = self.selected_ids()
        if ids:
            self.gradeRequested.emit(ids, self.credibility_combo.itemData(index))


class ConnectionsList(QTreeWidget):
    """A card's neighbours: who, through which link, how many times.  A click selects
    the neighbour on the board."""

    #: Items to select on the board.
    itemsActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionsList")
        self.setHeaderLabels(["Connected to", "Link", "#"])
        self.headerItem().setToolTip(2, "How many links")  # plain: ours
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        # The neighbour keeps most of the width; the link gets what its text needs up to
        # a third of it (then wraps).  Sized to its contents, a long link label
        # ("sought support from →") left the neighbour "actor: …".
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        wrap_rows(self)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def show_card(self, board: Board | None, card: Card | None) -> int:
        """List the connections of ``card``; returns how many neighbours it has."""
        self.setSortingEnabled(False)
        self.clear()
        if board is None or card is None:
            return 0
        groups: dict[tuple[str, str], list[str]] = {}
        for link in board.links_of(card.id):
            other = link.to_id if link.from_id == card.id else link.from_id
            name = link.label or link.kind
            if link.direction == "both":
                how = f"↔ {name}"
            elif link.direction == "none":
                how = name
            else:
                how = f"{name} →" if link.from_id == card.id else f"← {name}"
            groups.setdefault((other, how), []).append(link.id)
        for (other, how), links in groups.items():
            c = board.cards.get(other)
            title = " ".join(c.title.split()) if c is not None else "?"
            if len(title) > 80:
                title = title[:79] + "…"
            item = QTreeWidgetItem([f"{c.kind}: {title}" if c else title, how, ""])
            item.setData(2, Qt.ItemDataRole.DisplayRole, len(links))
            item.setData(0, ID_ROLE, other)
            item.setToolTip(0, tooltip(c.title if c else "?"))
            self.addTopLevelItem(item)
        self.setSortingEnabled(True)
        self.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self._fit_link_column()
        return len({o for o, _ in groups})

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_link_column()

    def _fit_link_column(self) -> None:
        fm = self.fontMetrics()
        texts = [self.headerItem().text(1)] + [self.topLevelItem(i).text(1)
                                               for i in range(self.topLevelItemCount())]
        natural = max(fm.horizontalAdvance(t) for t in texts) + 16
        self.setColumnWidth(1, max(40, min(natural, self.viewport().width() // 3)))

    def rows(self) -> list[tuple[str, str, int]]:
        return [(self.topLevelItem(i).data(0, ID_ROLE), self.topLevelItem(i).text(1),
                 int(self.topLevelItem(i).data(2, Qt.ItemDataRole.DisplayRole)))
                for i in range(self.topLevelItemCount())]

    def _clicked(self, item: QTreeWidgetItem) -> None:
        other = item.data(0, ID_ROLE)
        if isinstance(other, str):
            self.itemsActivated.emit([other])
