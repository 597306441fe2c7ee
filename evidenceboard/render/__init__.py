"""How cards and links look, painted with QPainter (QtGui only, no widgets).

The canvas items, the far view, the minimap and every image export paint through this
package, so what is exported looks like what is on screen.

For exports::

    from evidenceboard.render import Theme, board_bounds, fit_transform, paint_board
    rect = board_bounds(board)                  # or board_bounds(board, ids)
    painter.setTransform(fit_transform(rect, width, height))
    paint_board(painter, board, Theme.light(), source=rect)
"""

from .board import board_bounds, card_rect, fit_transform, paint_board, selection, stacking_order
from .cards import (
                    COMPACT_LOD,
                    FULL_LOD,
                    CardGeometry,
                    CardLook,
                    CardState,
                    card_geometry,
                    card_tooltip,
                    min_size,
                    paint_card,
)
from .decor import CardDecor, DecorCache, LinkDecor, corroboration_text
from .far import FarLayer
from .links import (
                    LinkGeometry,
                    LinkLook,
                    LinkPainter,
                    bends_for,
                    group_bends,
                    hit_path,
                    link_geometry,
                    link_tooltip,
)
from .text import TextBlock, is_rtl
from .theme import Theme

__all__ = [
    "COMPACT_LOD", "FULL_LOD", "CardDecor", "CardGeometry", "CardLook", "CardState",
    "DecorCache", "FarLayer", "LinkDecor", "LinkGeometry", "LinkLook", "LinkPainter",
    "TextBlock", "Theme", "bends_for", "board_bounds", "card_geometry", "card_rect",
    "card_tooltip", "corroboration_text", "fit_transform", "group_bends",
    "hit_path", "is_rtl", "link_geometry", "link_tooltip", "min_size", "paint_board",
    "paint_card", "selection", "stacking_order",
]
