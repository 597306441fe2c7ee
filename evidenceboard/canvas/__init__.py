"""The canvas: the board scene (cards, links, gestures), its view and the minimap.

The scene follows the board's events and turns gestures into edits through the
EditController; everything is painted by :mod:`evidenceboard.render`.
"""

from .items import CardItem
from .scene import BoardScene
from .view import BoardView

__all__ = ["BoardScene", "BoardView", "CardItem"]
