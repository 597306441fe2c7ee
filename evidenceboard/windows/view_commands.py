"""The View menu, and bringing things into view for the docks: zoom, fit, grid, snap,
fading below a grade, revealing search results and showing a source.

None of these is an edit: the zoom and centre and the Size By mode are kept in the board
file without an undo step (:mod:`.board_files`), the grid, snap and grade filter in the
user's settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..analysis.grading import FadeSummary, fade_summary, parse_grade
from ..canvas import BoardView
from ..model import edits
from ..render.importance import SIZE_BY_SETTING
from ..store import BoardFileError, StoreWriteError

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

GRID_KEY = "view/grid"
SNAP_KEY = "view/snap"
GRADE_FILTER_KEY = "view/gradeFilter"


class ViewCommands:
    """What the View menu does to the open board's canvas."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window

    def _on_view(self, act: Callable[[BoardView], None]) -> None:
        if self._w.view is not None:
            act(self._w.view)

    def zoom_in(self) -> None:
        self._on_view(BoardView.zoom_in)

    def zoom_out(self) -> None:
        self._on_view(BoardView.zoom_out)

    def zoom_100(self) -> None:
        self._on_view(BoardView.zoom_100)

    def fit_board(self) -> None:
        self._on_view(BoardView.fit_board)

    def fit_selection(self) -> None:
        self._on_view(BoardView.fit_selection)

    def set_grid_visible(self, on: bool) -> None:
        self._w.settings.setValue(GRID_KEY, bool(on))
        if self._w.scene is not None:
            self._w.scene.set_grid_visible(bool(on))

    def set_snap(self, on: bool) -> None:
        self._w.settings.setValue(SNAP_KEY, bool(on))
        if self._w.scene is not None:
            self._w.scene.set_snap(bool(on))

    def reveal(self, ids: str | list[str]) -> None:
        """Select cards and links and bring them into view (search results, evidence
        problems): centred, or fitted when they do not fit the view as it is."""
        scene, view = self._w.scene, self._w.view
        if scene is None or view is None:
            return
        ids = [ids] if isinstance(ids, str) else list(ids)
        scene.select_ids(ids)
        rect = scene.bounds_of(ids)
        if rect.isNull():
            return
        shown = view.visible_scene_rect()
        if rect.width() > shown.width() or rect.height() > shown.height():
            view.fit_selection()
        else:
            view.centerOn(rect.center())

    def show_source(self, source_id: str) -> None:
        """Show an article in the source viewer beside the board."""
        doc = self._w.document
        if doc is None or source_id not in doc.board.sources:
            return
        self._w.source_viewer.show_source(source_id)

    # ----------------------------------------------------------------- size by
    def set_size_by(self, mode: str) -> None:
        """Draw cards sized by links, sources or not at all.  Kept in the board file
        (without an undo step: it is a way of looking, not an edit); a read-only board
        is only shown so."""
        scene, doc = self._w.scene, self._w.document
        if scene is None or doc is None:
            return
        if doc.read_only:
            scene.sizing.set_mode(mode)
        elif doc.board.setting(SIZE_BY_SETTING) != mode:
            try:
                doc.apply(edits.set_setting(SIZE_BY_SETTING, mode))
            except (StoreWriteError, BoardFileError, ValueError) as e:
                self._w.status.show_error(f"The size setting could not be saved: {e}")
                scene.sizing.set_mode(mode)
        self._w.acts.check_size_by(scene.sizing.mode)

    # ----------------------------------------------------------------- grade filter
    def grade_filter(self) -> str:
        """The grade View ▸ Fade Below Grade fades below ("" when it shows all)."""
        value = self._w.settings.value(GRADE_FILTER_KEY, "")
        return value if isinstance(value, str) else ""

    def set_grade_filter(self, label: str) -> None:
        """Fade cards and links graded below ``label`` ("B2"; "" shows everything).
        Raises ValueError for a label that is not a grade."""
        threshold = parse_grade(label) if label else None
        self._w.settings.setValue(GRADE_FILTER_KEY, label)
        if self._w.scene is not None:
            self._w.scene.set_grade_filter(threshold)
        self._w.fade_notice.recount()

    def fade_summary(self) -> FadeSummary | None:
        """What the grade filter fades now (None when it is off)."""
        scene, doc = self._w.scene, self._w.document
        threshold = scene.grade_filter() if scene is not None else None
        if scene is None or threshold is None or doc is None:
            return None
        return fade_summary(doc.board, threshold, scene.faded)
