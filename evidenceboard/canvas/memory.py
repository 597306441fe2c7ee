"""Keeping Python's cyclic garbage collector out of the frames of a big board.

A 10,000-card board is ~200,000 Python objects (entities, items, index entries, cached
paths).  The collector's full passes walk all of them: measured here, a pass in the
middle of a zoom took ~90 ms, six frames' worth, at random moments.  Those objects live
as long as the board is open, so once it is loaded they are moved out of the collector's
sight (``gc.freeze``); passes then walk only what was made since.

That still left full passes over what was made since (label catalogues, the far view's
paths: ~30,000 objects, 9 ms on a quiet machine, 30–90 ms on a loaded one) landing in
the middle of a zoom.  So while a board is open the collector makes no full pass of its
own (young passes go on as usual, and catch most cycles): a view calls
:func:`frame_drawn` after each frame, and :class:`IdleCollector` makes the full pass
once frames have paused for :data:`IDLE_MS` — or, if they never pause, after
:data:`MAX_HELD_S` at the latest.  Closing the board gives everything back.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

#: Full collections wait for this long a pause between frames ...
IDLE_MS = 300
#: ... but never longer than this since the last one.
MAX_HELD_S = 30.0
#: The third threshold while held (gen-1 passes before a full one): never reached.
HELD_THRESHOLD = 1 << 30

_held: tuple[int, int, int] | None = None  # the thresholds to give back
_last_full = 0.0
_owed = False  # frames were drawn since the last full collection


def board_loaded() -> None:
    """Call when a board is open and shown: what exists now is long-lived; full
    collections wait for pauses between frames from now on."""
    global _held, _last_full
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    if _held is None:
        _held = gc.get_threshold()
        gc.set_threshold(_held[0], _held[1], HELD_THRESHOLD)
    _last_full = time.monotonic()


def board_closed() -> None:
    """Call when a board is closed: its objects may be collected again, and the
    collector makes its full passes itself again."""
    global _held
    gc.unfreeze()
    if _held is not None:
        gc.set_threshold(*_held)
        _held = None


def held() -> bool:
    """Are full collections waiting for pauses between frames?"""
    return _held is not None


def collect_now() -> None:
    """The full collection owed, now."""
    global _last_full, _owed
    _owed = False
    _last_full = time.monotonic()
    gc.collect()


def frame_drawn() -> bool:
    """Call after each frame: True when a full collection is owed at the next pause
    (after :data:`MAX_HELD_S` without one it is made at once instead)."""
    global _owed
    if _held is None:
        return False
    if time.monotonic() - _last_full > MAX_HELD_S:
        collect_now()
        return False
    _owed = True
    return True


class IdleCollector(QObject):
    """One view's pause detector: the full collection after :data:`IDLE_MS` without a
    frame."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self._pause)

    def frame(self) -> None:
        if frame_drawn():
            self._timer.start()  # (again: the pause starts now)

    def _pause(self) -> None:
        if _held is not None and _owed:
            collect_now()
