"""The open board's life in the window: new, open, close, Save a Copy As, the
recent files, read-only boards, the window title, and the zoom kept in the board.

Opening validates the file through the safe opener (:meth:`Document.open
<evidenceboard.document.Document.open>`); a refused file leaves the current board open and
says why in one line.  The window (:mod:`.main_window`) puts an opened document on screen
and takes it off again; everything about *which* file is open, and whether it may be
changed, is decided here.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ..canvas.memory import board_closed
from ..document import Document
from ..model import edits
from ..store import (
    FILE_SUFFIX,
    BoardFileError,
    CheckCancelledError,
    StoreWriteError,
    create_board_file,
)
from ..store.team import is_team_address
from . import plain
from .opening import BoardOpener
from .plain import menu_text, show_status, tooltip, window_title
from .team import offline_banner, team_label

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

MAX_RECENT = 10
RECENT_KEY = "recentFiles"
APP_NAME = "EvidenceBoard"
BOARD_FILTER = f"EvidenceBoard boards (*{FILE_SUFFIX})"


class BoardFiles:
    """File ▸ New / Open / Open Recent / Save As, closing, and the read-only state."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window
        #: The open board's zoom and centre were put back (once, after it is shown).
        self.view_restored = False
        #: Checks and loads a board on a worker thread, with progress and Cancel.
        self.opener = BoardOpener(window)

    # ================================================================= open, close
    def open_board(self, path: str | Path) -> bool:
        """Open ``path`` in the window.  A refused file shows its reason and changes
        nothing (the current board stays open)."""
        w = self._w
        if isinstance(path, str) and is_team_address(path):
            return w.team.open_team_board(path)
        path = Path(path).expanduser()
        if w.document is not None and w.document.team is None and \
                same_file(w.document.path, path):
            w.raise_()
            return True
        if self.opener.busy:
            show_status(w, "Another board is being opened: wait for it or "
                        "cancel it first", 8000)
            return False
        try:
            doc = self.opener.open(path)
        except CheckCancelledError:
            show_status(w, f"Opening {path.name} cancelled: nothing was "
                        "changed", 8000)
            return False
        except BoardFileError as e:
            self._refuse(path, str(e))
            return False
        except (OSError, StoreWriteError) as e:
            self._refuse(path, str(e) or type(e).__name__)
            return False
        except Exception as e:
            self._refuse(path, f"{type(e).__name__}: {e}")
            return False
        self.show_opened(doc, str(Path(doc.path).absolute()))
        return True

    def show_opened(self, doc: Document, recent: str) -> None:
        """Put an opened document in the window in place of the open one."""
        w = self._w
        self.close_board()
        w.show_document(doc)
        self.view_restored = False
        if w.isVisible():
            QTimer.singleShot(0, self.restore_view)
        self.update_banner()
        self.update_title()
        self.add_recent(recent)
        w.boardOpened.emit(recent)

    def _refuse(self, path: Path, reason: str) -> None:
        reason = " ".join(reason.split())
        plain.critical(self._w, "Cannot open board", f"Cannot open {path.name}: {reason}")

    def close_board(self) -> None:
        """Close the open board (keeping its zoom and centre in the file)."""
        w = self._w
        if w.document is None:
            return
        w.inspector.commit_body()
        self.save_view_state()
        w.editing.close_evidence_dialog()
        w.take_document().close()
        board_closed()
        w.banner.hide()
        self.update_title()

    def new_board(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self._w, "New board", str(self.dialog_dir()), BOARD_FILTER, "",
            QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return False
        return self.create_board(Path(path))

    def create_board(self, path: Path) -> bool:
        """Make an empty board file at ``path`` (never over an existing file), open it."""
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if path.exists():
            plain.critical(self._w, "Cannot create board",
                                 f"{path.name} already exists: choose another name.")
            return False
        try:
            Document.create(path).close()
        except (OSError, StoreWriteError, BoardFileError) as e:
            plain.critical(self._w, "Cannot create board",
                                 f"Cannot create {path.name}: {e}")
            return False
        return self.open_board(path)

    def choose_and_open(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self._w, "Open board", str(self.dialog_dir()),
            f"{BOARD_FILTER};;All files (*)")
        return self.open_board(path) if path else False

    def save_copy(self, target: str | Path | None = None) -> Path | None:
        """Write a self-contained copy of the board (the open board stays this one)."""
        w = self._w
        doc = w.document
        if doc is None:
            return None
        if target is None:
            suggestion = self.dialog_dir() / f"{doc.name}{FILE_SUFFIX}" \
                if doc.team is not None else doc.path.with_name(f"{doc.name} copy{FILE_SUFFIX}")
            target = ask_board_target(w, "Save a copy to share", suggestion)
            if target is None:
                return None
        target = Path(target)
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        if doc.team is None and same_file(target, doc.path):
            plain.warning(w, "Save a copy", "Choose another file: this board is "
                                "already saved automatically.")
            return None
        self.save_view_state()
        try:
            if doc.team is not None and not doc.team.partial:
                # what the window shows (also while the server cannot be reached)
                written = create_board_file(target, doc.board.entities())
            else:
                written = doc.save_copy(target)
        except (StoreWriteError, BoardFileError, OSError) as e:
            plain.critical(w, "Copy not written", str(e))
            return None
        show_status(w, f"Saved a copy to {written}")
        return written

    def dialog_dir(self) -> Path:
        """Where file dialogs start: beside the open board, or the last one opened."""
        if self._w.document is not None and self._w.document.team is None:
            return self._w.document.path.parent
        recent = [f for f in self.recent_files() if not is_team_address(f)]
        return Path(recent[0]).parent if recent else Path.home()

    # ================================================================= recent files
    def recent_files(self) -> list[str]:
        value = self._w.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # (QSettings gives one entry as a string)
            value = [value] if value else []
        if not isinstance(value, (list, tuple)):  # a settings file edited by hand
            value = []
        return [str(v) for v in value][:MAX_RECENT]

    def add_recent(self, path: Path | str) -> None:
        """Remember a board file, or a team board's address (which never holds a
        password: :attr:`~evidenceboard.store.team.TeamAddress.display`)."""
        p = str(path) if isinstance(path, str) and is_team_address(path) else \
            str(Path(path).absolute())
        files = [f for f in self.recent_files() if f != p]
        self._w.settings.setValue(RECENT_KEY, [p, *files][:MAX_RECENT])

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File ▸ Open Recent, filled each time it opens."""
        menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files):
            name = menu_text(team_label(f) if is_team_address(f) else Path(f).name)
            a = menu.addAction(f"&{i + 1} {name}" if i < 9 else name)
            a.setToolTip(tooltip(f))
            a.setStatusTip(plain.one_line(f))
            a.triggered.connect(lambda _c=False, f=f: self.open_board(f))
        if not files:
            menu.addAction("No recent boards").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear Recent")
        clear.setEnabled(bool(files))
        clear.triggered.connect(lambda: self._w.settings.setValue(RECENT_KEY, []))

    # ================================================================= read-only, title
    def writable(self, what: str) -> bool:
        """Whether the open board takes edits; if not, the status line says why
        ("cannot paste: ...")."""
        doc = self._w.document
        if doc is None:
            return False
        if doc.read_only:
            self._w.status.show_error(f"cannot {what}: {doc.store.read_only_reason}")
            return False
        return True

    def board_name(self) -> str:
        doc = self._w.document
        if doc is None:
            return ""
        return doc.board.setting("name") or doc.name

    def update_title(self) -> None:
        w, doc = self._w, self._w.document
        if doc is None:
            w.setWindowTitle(window_title(APP_NAME))
            return
        ro = " [read-only]" if doc.read_only else ""
        team = " (team)" if doc.team is not None else ""
        w.setWindowTitle(window_title(f"{self.board_name()}{team} — {APP_NAME}{ro}"))
        w.setWindowFilePath("" if doc.team is not None else str(doc.path))

    def update_banner(self) -> None:
        """The read-only banner above the canvas, with the reason."""
        w, doc = self._w, self._w.document
        team = doc.team if doc is not None else None
        if doc is not None and team is not None and not doc.read_only and (
                team.offline or doc.waiting):
            w.banner.setText(offline_banner(doc.waiting, offline=team.offline,
                                            copy_of=doc.opened_from_copy))
            w.banner.show()
        elif doc is not None and doc.read_only:
            reason = doc.store.read_only_reason or "read-only"
            w.banner.setText(f"Read-only: {reason}. Changes cannot be saved; use "
                             f"File → Save a Copy As… to work on a copy.")
            w.banner.show()
        else:
            w.banner.hide()

    # ================================================================= view state
    def save_view_state(self) -> None:
        """Store zoom and centre in the board as the "view" setting, without an undo
        step (a view change is not an edit)."""
        doc, view = self._w.document, self._w.view
        if doc is None or view is None or doc.read_only or doc.team is not None:
            return  # (a team board's view is each member's own: not written to it)
        try:
            text = json.dumps(view.view_state(), sort_keys=True)
        except (TypeError, ValueError):  # pragma: no cover - a view state we cannot store
            return
        if doc.board.setting("view") == text:
            return
        with contextlib.suppress(StoreWriteError, BoardFileError, ValueError):
            doc.apply(edits.set_setting("view", text))  # (losing the zoom: not worth a dialog)

    def restore_view(self) -> None:
        """Zoom and centre as the board was left, once it shows; else the first view
        (the whole board or its important part, fitted again as the window settles)."""
        doc, view = self._w.document, self._w.view
        if view is None or doc is None or self.view_restored:
            return
        self.view_restored = True
        raw = doc.board.setting("view")
        state: Any = None
        if raw:
            try:
                state = json.loads(raw)
            except ValueError:
                state = None
        if isinstance(state, dict):
            try:
                view.restore_view_state(state)
                return
            except (KeyError, TypeError, ValueError):
                pass
        view.open_view()


def same_file(a: Path, b: Path) -> bool:
    """Whether two names reach one file (a second hard link or a symlink included)."""
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def ask_board_target(parent: QWidget, title: str, suggestion: Path) -> Path | None:
    """A board file name to write to, from the save dialog (with the board suffix), or
    None when the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggestion), BOARD_FILTER)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != FILE_SUFFIX:
        target = target.with_name(target.name + FILE_SUFFIX)
    return target
