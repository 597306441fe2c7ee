"""Where the docks go and how big the window is on first run.

On a wide screen the lists (sources, search, problems) sit above the article beside the
board, with the inspector and the minimap on the right.  On a laptop screen (narrower
than :data:`COMPACT_WIDTH`, e.g. 1366 × 768) the board keeps most of the width: the
article and the lists share one tabbed dock on the left, the inspector and the minimap
one on the right, both narrower.  A layout the user arranged is restored instead
(QMainWindow.saveState).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QTabWidget

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: Screens narrower than this (available width, in device-independent pixels) get the
#: compact layout.
COMPACT_WIDTH = 1600
LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def screen_area() -> QRect | None:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def is_compact(area: QRect | None) -> bool:
    return area is not None and area.width() < COMPACT_WIDTH


def dock_widths(area: QRect | None) -> tuple[int, int]:
    """(left, right) dock widths for a first run on ``area``."""
    if is_compact(area):
        return 262, 250  # (Qt keeps each dock at least as wide as its contents need)
    return 330, 300


def first_run_size(area: QRect) -> QSize:
    """Most of a big screen; all of a small one."""
    if is_compact(area):
        return area.size()
    w = max(1024, min(1800, int(area.width() * 0.9)))
    h = max(700, min(1100, int(area.height() * 0.9)))
    return QSize(min(w, area.width()), min(h, area.height()))


def arrange_docks(w: MainWindow, area: QRect | None) -> None:
    """Put the window's docks in their places for a screen of ``area``."""
    w.addDockWidget(RIGHT, w.inspector)
    w.addDockWidget(RIGHT, w.minimap_dock)
    if is_compact(area):
        # Tabs down the side: four titles in full, where a row along the bottom of a
        # narrow dock would cut them to "So…".
        w.setTabPosition(LEFT, QTabWidget.TabPosition.West)
        w.tabifyDockWidget(w.inspector, w.minimap_dock)
        w.addDockWidget(LEFT, w.source_viewer)
        for dock in (w.sources_dock, w.search_dock, w.evidence_panel):
            w.tabifyDockWidget(w.source_viewer, dock)
    else:
        # The lists as tabs, and under them the article beside the board.  (Splitting
        # a tabbed dock would only add a tab: stack the two first, add the tabs after.)
        w.addDockWidget(LEFT, w.sources_dock)
        w.addDockWidget(LEFT, w.source_viewer, Qt.Orientation.Vertical)
        w.tabifyDockWidget(w.sources_dock, w.search_dock)
        w.tabifyDockWidget(w.sources_dock, w.evidence_panel)
        w.resizeDocks([w.sources_dock, w.source_viewer], [200, 560], Qt.Orientation.Vertical)
        w.resizeDocks([w.inspector, w.minimap_dock], [560, 180], Qt.Orientation.Vertical)
    left, right = dock_widths(area)
    w.resizeDocks([w.inspector, w.source_viewer], [right, left], Qt.Orientation.Horizontal)


def raise_front_tabs(w: MainWindow, area: QRect | None) -> None:
    """Bring the docks a first run starts with to the front of their tabs: the article
    (or, on a big screen, the list of articles above it) and the inspector.  Called once
    every dock is placed: a dock tabbed later (the Filter, Centrality or History dock,
    hidden until asked for) takes the front, and hiding it hands the front to the last
    tab, which left the Minimap over the inspector and Evidence Problems over the
    article."""
    if is_compact(area):
        w.source_viewer.raise_()
    else:
        w.sources_dock.raise_()
    w.inspector.raise_()


def place_first_run(w: MainWindow, area: QRect | None) -> None:
    """Size and centre a window that has no saved geometry."""
    if area is None:
        return
    w.resize(first_run_size(area))
    w.move(area.center() - w.rect().center())
    if is_compact(area):
        w.setWindowState(w.windowState() | Qt.WindowState.WindowMaximized)
    left, right = dock_widths(area)
    w.resizeDocks([w.inspector, w.source_viewer], [right, left], Qt.Orientation.Horizontal)


def shrinkable(combo: QComboBox, chars: int = 12) -> QComboBox:
    """A combo box whose long entries ("F — reliability cannot be judged", an article's
    title) do not set a dock's minimum width: it shows ``chars`` characters at least and
    is elided below its natural width."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo
