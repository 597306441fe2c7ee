"""The chart's legend: what each look on this chart means, with a sample of it.

Built from :func:`evidenceboard.render.features.drawn_features` — the features of the
cards and links actually painted — so a legend lists only what the chart shows, and a new
card or link look added to the render layer appears here by itself.  Samples are painted
by the board's own painter code.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from ..render.features import Feature, paint_sample
from ..render.theme import Theme
from .frame import PanelItem, heading, spacer, text_row

TITLE = "Legend"


def _sample(feature: Feature, theme: Theme):
    def paint(painter: QPainter, box: QRectF) -> None:
        paint_sample(painter, feature, theme, box)
    return paint


def legend_items(features: list[Feature], theme: Theme, width: float) -> list[PanelItem]:
    """The legend as panel rows: the heading "Legend", then each group and its entries."""
    if not features:
        return []
    items = [heading(TITLE, width, 11)]
    group = None
    for f in features:
        if f.group != group:
            if group is not None:
                items.append(spacer(3.0))
            group = f.group
            items.append(heading(group, width, 8))
        items.append(text_row("", f.label, width, sample=_sample(f, theme)))
    return items


__all__ = ["TITLE", "legend_items"]
