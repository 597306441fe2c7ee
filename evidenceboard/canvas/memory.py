"""Keeping Python's cyclic garbage collector out of the frames of a big board.

A 10,000-card board is ~200,000 Python objects (entities, items, index entries, cached
paths).  The collector's full passes walk all of them: measured here, a pass in the
middle of a zoom took ~90 ms, six frames' worth, at random moments.  Those objects live
as long as the board is open, so once it is loaded they are moved out of the collector's
sight (``gc.freeze``); passes then walk only what was made since.  Closing the board
gives them back, so that they can be freed.
"""

from __future__ import annotations

import gc


def board_loaded() -> None:
    """Call when a board is open and shown: what exists now is long-lived."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def board_closed() -> None:
    """Call when a board is closed: its objects may be collected again."""
    gc.unfreeze()
