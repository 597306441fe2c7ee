"""The right end of the main window's status bar: whether the last edit is in the file,
one-line errors, and the zoom.

"Saved 14:02:11" appears only after the edit's transaction committed (the controller's
``saved`` signal); an error replaces it in red until the next successful save.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from . import plain
from .plain import plain_label, tooltip

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

#: Error red, legible on light and dark palettes.
ERROR_STYLE = "color: #c01c28;"


class StatusLine:
    """The save label and the zoom label, in the window's status bar."""

    def __init__(self, window: MainWindow) -> None:
        self._w = window
        self._last_message = ""
        self.save_label = plain_label()
        self.zoom_label = plain_label()
        window.statusBar().addPermanentWidget(self.save_label)
        window.statusBar().addPermanentWidget(self.zoom_label)

    def saved(self, description: str) -> None:
        """An edit is in the file."""
        self.save_label.setPalette(self._w.statusBar().palette())
        self.save_label.setStyleSheet("")
        doc = self._w.document
        if doc is not None and doc.waiting:  # (a team board without its server)
            self.save_label.setText(f"Kept here {time.strftime('%H:%M:%S')}, waiting "
                                    "for the team server")
            self.save_label.setToolTip(tooltip(f"Kept in the offline queue: {description}"))
            self._w.files.update_banner()
        else:
            self.save_label.setText(f"Saved {time.strftime('%H:%M:%S')}")
            self.save_label.setToolTip(tooltip(f"Saved: {description}"))
        self._last_message = ""
        self._w.files.update_title()  # the board's name setting may have changed

    def failed(self, message: str) -> None:
        """An edit was refused or could not be written (the board is unchanged)."""
        self.show_error(message)
        if message.startswith(("could not save", "cannot save")):
            plain.warning(self._w, "Not saved", message)

    def show_error(self, message: str) -> None:
        """A one-line error in red."""
        self._last_message = message
        self.save_label.setStyleSheet(ERROR_STYLE)
        self.save_label.setText(plain.one_line(message))
        self.save_label.setToolTip(tooltip(message))

    def last_message(self) -> str:
        """The error shown now ("" after a save)."""
        return self._last_message

    def clear(self) -> None:
        self.save_label.setText("")

    def show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")
