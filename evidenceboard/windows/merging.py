"""Working from a colleague's copy in the window (``w.merging``): File ▸ Compare With…
(the changes highlighted on the board, listed in the Changes dock), File ▸ Merge Board…
(the merge dialog; one undo step), File ▸ Share Copy… (without history, or without
chosen sources), File ▸ Author Name… and the History dock.

The colleague's file is opened read-only through the safe opener (a private validated
snapshot; the file itself is never written).  The merge is one edit through the undo
stack, so one Undo takes it back; the colleague's history entries come in with it.
The author name each edit is recorded under is the app's setting ``history/author``,
asked for once (at the first merge, or File ▸ Author Name…); until then edits are
recorded under the account's name, which the status line says at the first edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.diff_overlay import DiffOverlay, Marked, MarkedLink
from ..document import Document, default_author
from ..merge import Comparison, compare, imported_entries, merge_edit
from ..model import Board, Card, Citation, Link
from ..model.history import History
from ..store import BoardFileError, StoreWriteError
from ..store.fileformat import FILE_SUFFIX
from . import plain
from .board_files import ask_board_target, same_file
from .changes_dock import ChangesDock
from .history_dock import HistoryDock
from .merge_dialog import MergeDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

AUTHOR_KEY = "history/author"
BOARD_FILTER = f"Boards (*{FILE_SUFFIX})"


class MergeCommands(QObject):
    """The window's side of history, comparing and merging."""

    #: The merge dialog, once shown (tests drive it).
    dialogShown = Signal(object)

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self._w = w
        self.history = HistoryDock(w)
        self.history.itemsActivated.connect(w.viewing.reveal)
        self.changes = ChangesDock(w)
        self.changes.itemActivated.connect(self._reveal_change)
        self.changes.mergeRequested.connect(lambda: self.merge_board(self._compared_path))
        self.changes.cleared.connect(self.clear_comparison)
        self.overlay: DiffOverlay | None = None
        self.comparison: Comparison | None = None
        self.dialog: MergeDialog | None = None
        self._compared_path: Path | None = None
        self._theirs: tuple[Board, History] | None = None
        self._told_author = False

    def docks(self) -> list[QWidget]:
        return [self.history, self.changes]

    # ----------------------------------------------------------------- the author
    def author_name(self, *, ask: bool = False) -> str | None:
        """The name edits are recorded under (asked once when ``ask``; None: the user
        cancelled the question)."""
        name = str(self._w.settings.value(AUTHOR_KEY, "") or "").strip()
        if name or not ask:
            return name or default_author()
        return self.ask_author()

    def ask_author(self) -> str | None:
        current = str(self._w.settings.value(AUTHOR_KEY, "") or "") or default_author()
        text, ok = QInputDialog.getText(
            self._w, "Author name", "Your name, recorded with every change you make "
            "(colleagues see it when they merge your copy):", QLineEdit.EchoMode.Normal,
            current)
        if not ok or not text.strip():
            return None
        name = " ".join(text.split())[:200]
        self._w.settings.setValue(AUTHOR_KEY, name)
        if self._w.document is not None:
            self._w.document.author = name
        return name

    # ----------------------------------------------------------------- following
    def attach(self, doc: Document) -> None:
        w = self._w
        doc.author = self.author_name() or default_author()
        self.history.attach(doc)
        assert w.controller is not None and w.scene is not None
        w.controller.saved.connect(self._saved)
        self.overlay = DiffOverlay(w.scene)

    def detach(self) -> None:
        self.clear_comparison()
        self.overlay = None
        self.history.detach()
        self._told_author = False

    def _saved(self, _description: str) -> None:
        self.history.schedule()
        doc = self._w.document
        if doc is not None and doc.team is not None:
            return  # (the server records a team board's edits under one's role)
        if not self._told_author and not self._w.settings.value(AUTHOR_KEY, ""):
            self._told_author = True
            who = doc.author if doc is not None else default_author()
            plain.show_status(self._w, f"Your edits are recorded as “{who}” — "
                                       "File ▸ Author Name… to give your name", 12000)

    def selection_changed(self, ids: list[str]) -> None:
        self.history.show_selection(ids)

    # ----------------------------------------------------------------- comparing
    def _choose(self, title: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self._w, title,
                                                str(self._w.files.dialog_dir()),
                                                f"{BOARD_FILTER};;All files (*)")
        return Path(chosen) if chosen else None

    def _read_theirs(self, path: Path) -> tuple[Board, History] | None:
        """The colleague's board and history, through the safe opener (read-only)."""
        doc = self._w.document
        if doc is not None and doc.team is None and same_file(path, doc.path):
            plain.warning(self._w, "Compare", "That is this board's own file: choose a "
                                              "colleague's copy.")
            return None
        try:
            theirs = Document.open(path, read_only=True)
        except (BoardFileError, OSError) as e:
            plain.critical(self._w, "Cannot open that board",
                           f"{path.name}: {getattr(e, 'strerror', None) or e}")
            return None
        try:
            return theirs.board, theirs.history()
        except BoardFileError as e:
            plain.critical(self._w, "Cannot open that board", f"{path.name}: {e}")
            return None
        finally:
            theirs.close()

    def _compare(self, path: Path) -> Comparison | None:
        doc = self._w.document
        if doc is None:
            return None
        read = self._read_theirs(path)
        if read is None:
            return None
        self._theirs = read
        self._compared_path = path
        self.comparison = compare(doc.board, doc.history(), read[0], read[1])
        return self.comparison

    def compare_with(self, path: str | Path | None = None) -> Comparison | None:
        """File ▸ Compare With…: highlight on the board what the copy at ``path``
        changed, and list it in the Changes dock."""
        if self._w.document is None:
            return None
        path = Path(path) if path is not None else self._choose("Compare with a copy")
        if path is None:
            return None
        comparison = self._compare(path)
        if comparison is None:
            return None
        self._show_overlay(comparison)
        self.changes.show_comparison(comparison, path.name)
        self.changes.show()
        self.changes.raise_()
        return comparison

    def clear_comparison(self) -> None:
        if self.overlay is not None:
            self.overlay.clear()
        self.comparison = None
        self.changes.show_comparison(None, "")

    def _show_overlay(self, comparison: Comparison) -> None:
        scene, doc = self._w.scene, self._w.document
        if self.overlay is None or scene is None or doc is None or self._theirs is None:
            return
        theirs = self._theirs[0]
        mine = doc.board
        cards: list[Marked] = []
        links: list[MarkedLink] = []
        marked: set[str] = set()

        def rect_of(card_id: str) -> QRectF | None:
            r = scene.card_rect(card_id)
            if r is not None:
                return r
            c = theirs.cards.get(card_id)
            return QRectF(c.x, c.y, c.width, c.height) if c is not None else None

        for item in comparison.items:
            if item.kind == "card":
                on_board = item.id in mine.cards
                r = rect_of(item.id)
                if r is None:
                    continue
                title = theirs.cards[item.id].title if item.id in theirs.cards else ""
                cards.append(Marked(item.status, r, title, ghost=not on_board))
                marked.add(item.id)
            elif item.kind == "link":
                link = mine.links.get(item.id) or theirs.links.get(item.id)
                if not isinstance(link, Link):
                    continue
                a, b = rect_of(link.from_id), rect_of(link.to_id)
                if a is not None and b is not None:
                    links.append(MarkedLink(item.status, a.center(), b.center()))
            elif item.kind == "citation":
                cite = mine.citations.get(item.id) or theirs.citations.get(item.id)
                if isinstance(cite, Citation) and cite.card_id in mine.cards and \
                        cite.card_id not in marked:
                    r = rect_of(cite.card_id)
                    if r is not None:
                        cards.append(Marked("changed" if item.status != "conflict"
                                            else "conflict", r))
                        marked.add(cite.card_id)
        self.overlay.show(cards, links)

    def _reveal_change(self, id_: str) -> None:
        doc = self._w.document
        if doc is None:
            return
        board = doc.board
        if id_ in board.cards or id_ in board.links:
            self._w.viewing.reveal(id_)
        elif self._theirs is not None and isinstance(self._theirs[0].cards.get(id_), Card):
            c = self._theirs[0].cards[id_]
            if self._w.view is not None:
                self._w.view.centerOn(c.x + c.width / 2, c.y + c.height / 2)

    # ----------------------------------------------------------------- merging
    def merge_board(self, path: str | Path | None = None) -> MergeDialog | None:
        """File ▸ Merge Board…: compare with the copy at ``path`` and show the merge
        dialog (nothing changes until its Merge button)."""
        w = self._w
        if w.document is None or not w.files.writable("merge another board into it"):
            return None
        path = Path(path) if path is not None else self._choose("Merge a copy into this "
                                                                "board")
        if path is None:
            return None
        if not self._w.settings.value(AUTHOR_KEY, "") and self.ask_author() is None:
            return None
        comparison = self._compare(path)
        if comparison is None or self._theirs is None:
            return None
        self._show_overlay(comparison)
        self.changes.show_comparison(comparison, path.name)
        dlg = MergeDialog(comparison, w.document.board, self._theirs[0], path.name, w)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.finished.connect(lambda result, d=dlg, p=path: self._merge_done(d, p, result))
        self.dialog = dlg
        self.dialogShown.emit(dlg)
        dlg.open()
        return dlg

    def _merge_done(self, dlg: MergeDialog, path: Path, result: int) -> None:
        self.dialog = None
        w = self._w
        dlg.deleteLater()
        if result != QDialog.DialogCode.Accepted or w.controller is None or \
                self._theirs is None or w.document is None:
            return
        theirs, theirs_history = self._theirs
        edit = merge_edit(dlg.comparison.plan, w.document.board, theirs,
                          choices=dlg.choices(), accept=dlg.accepted_matches(),
                          description=f"Merge {path.name}")
        brought = tuple(imported_entries(w.document.history(), theirs_history))
        if edit.is_empty() and not brought:
            plain.show_status(w, f"{path.name} brings nothing new")
            self.clear_comparison()
            return
        if w.controller.do(edit, imported=brought):
            self.clear_comparison()
            plain.show_status(w, f"Merged {path.name}: {len(edit.puts)} items put, "
                                 f"{len(edit.deletes)} deleted (Edit ▸ Undo takes it back)")

    # ----------------------------------------------------------------- sharing
    def share_copy(self, target: str | Path | None = None, *, strip_history: bool | None = None,
                   redact: list[str] | None = None) -> Path | None:
        """File ▸ Share Copy…: a self-contained copy without history, or without
        chosen sources (their text and every citation into them)."""
        w = self._w
        doc = w.document
        if doc is None or doc.team is not None:
            return None
        if strip_history is None or redact is None:
            dlg = ShareDialog(doc.board, w)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            strip_history, redact = dlg.strip.isChecked(), dlg.redacted()
        if target is None:
            target = ask_board_target(
                w, "Share a copy", doc.path.with_name(f"{doc.name} shared{FILE_SUFFIX}"))
            if target is None:
                return None
        target = Path(target)
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        if same_file(target, doc.path):
            plain.warning(w, "Share a copy", "Choose another file: this is the board itself.")
            return None
        w.files.save_view_state()
        try:
            written = doc.save_copy(target, strip_history=strip_history, redact=redact)
        except (StoreWriteError, BoardFileError, OSError) as e:
            plain.critical(w, "Copy not written", str(e))
            return None
        self.history.schedule()
        plain.show_status(w, f"Shared a copy as {written}")
        return written


class ShareDialog(QDialog):
    """What to leave out of a shared copy."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareDialog")
        self.setWindowTitle("Share a copy")
        layout = QVBoxLayout(self)
        self.strip = QCheckBox("Leave out the history (who changed what and when)")
        layout.addWidget(self.strip)
        layout.addWidget(plain.plain_label(
            "Leave out these sources — their text and every citation into them (the copy "
            "then carries no history either, since the history holds their text):"))
        self.sources = QListWidget()
        for s in sorted(board.sources.values(), key=lambda s: s.shown_title.casefold()):
            item = QListWidgetItem(s.shown_title)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sources.addItem(item)
        layout.addWidget(self.sources, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def redacted(self) -> list[str]:
        out = []
        for i in range(self.sources.count()):
            item = self.sources.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

