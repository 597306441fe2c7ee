"""Run by test_small_screen.py in a fresh process whose (offscreen) screen has the size
given: open the demo board in a first-run window and print what the board gets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def main() -> None:
    board, settings = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([sys.argv[0]])
    from evidenceboard.windows.main_window import MainWindow
    w = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    assert w.files.open_board(board)
    w.show()
    for _ in range(20):
        app.processEvents()
    area = app.primaryScreen().availableGeometry()
    visible = [d.objectName() for d in w.docks() if d.isVisible()]
    # a dock behind another's tab is "visible" but shows nothing
    on_top = [d.objectName() for d in w.docks()
              if d.isVisible() and not d.visibleRegion().isEmpty()]
    print(json.dumps({"screen": [area.width(), area.height()],
                      "window": [w.width(), w.height()],
                      "view": [w.view.width(), w.view.height()],
                      "visible_docks": visible,
                      "on_top": on_top,
                      "source_viewer": [w.source_viewer.width(), w.source_viewer.height()],
                      "inspector": [w.inspector.width(), w.inspector.height()]}))
    w.close()


if __name__ == "__main__":
    main()
