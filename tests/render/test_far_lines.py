"""The far layer's lines: a link is filed in every bucket it crosses with only its piece
of the line (clipped to the bucket); painted region by region, as the canvas's tiles
are, every link is still drawn whole — horizontal, vertical and slanted, across bucket
corners, and again after one of its cards moved."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from evidenceboard.model import Card, Link
from evidenceboard.render import Theme
from evidenceboard.render.far import BUCKET, FarLayer, far_link_color

SCALE = 1.0 / 64.0  # 64 scene units a pixel: a bucket is 32 pixels
SIZE = 640  # pixels: 20 buckets a side
TILE = 80  # pixels a region (2.5 buckets: regions and buckets do not line up)


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def _card(title: str, x: float, y: float) -> Card:
    # Centred on (x, y), small: a few pixels at this scale.
    return Card.create("actor", title, x=x - 60.0, y=y - 36.0, width=120.0, height=72.0)


def _paint_by_regions(layer: FarLayer, theme: Theme) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.background)
    for ti in range(SIZE // TILE):
        for tj in range(SIZE // TILE):
            painter = QPainter(image)
            painter.setClipRect(ti * TILE, tj * TILE, TILE, TILE)
            painter.setTransform(QTransform(SCALE, 0, 0, SCALE, 0, 0))
            area = QRectF(ti * TILE / SCALE, tj * TILE / SCALE, (TILE + 1) / SCALE,
                          (TILE + 1) / SCALE)
            layer.paint_region(painter, area)
            painter.end()
    return image


def _line_pixels(image: QImage, a: tuple[float, float], b: tuple[float, float],
                 colour: QColor) -> tuple[int, int]:
    """(pixels of the link's colour, points sampled) along a-b, away from its ends."""
    hits = n = 0
    (ax, ay), (bx, by) = a, b
    steps = 400
    for k in range(20, steps - 20):
        t = k / steps
        x, y = (ax + (bx - ax) * t) * SCALE, (ay + (by - ay) * t) * SCALE
        n += 1
        # Within a pixel of the exact line (the rasteriser rounds).
        near = {image.pixelColor(int(x) + dx, int(y) + dy).name()
                for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                if 0 <= int(x) + dx < SIZE and 0 <= int(y) + dy < SIZE}
        hits += colour.name() in near
    return hits, n


def test_links_across_many_buckets_are_drawn_whole_region_by_region():
    theme = Theme.light()
    layer = FarLayer(theme)
    # Ends in the middle of buckets and on bucket corners; every direction.
    ends = {
        "h": ((1.5 * BUCKET, 3.5 * BUCKET), (18.5 * BUCKET, 3.5 * BUCKET)),
        "v": ((5.25 * BUCKET, 1.5 * BUCKET), (5.25 * BUCKET, 18.5 * BUCKET)),
        "d": ((2.0 * BUCKET, 2.0 * BUCKET), (17.0 * BUCKET, 17.0 * BUCKET)),  # corners
        "s": ((17.7 * BUCKET, 1.3 * BUCKET), (8.2 * BUCKET, 18.9 * BUCKET)),
        "back": ((18.2 * BUCKET, 12.4 * BUCKET), (1.1 * BUCKET, 15.8 * BUCKET)),
    }
    cards: dict[str, tuple[Card, Card]] = {}
    for name, (a, b) in ends.items():
        ca, cb = _card(name + " a", *a), _card(name + " b", *b)
        layer.put_card(ca)
        layer.put_card(cb)
        layer.put_link(Link.create(ca.id, cb.id))
        cards[name] = (ca, cb)
    colour = far_link_color("unconfirmed", False, theme)
    image = _paint_by_regions(layer, theme)
    for name, (a, b) in ends.items():
        hits, n = _line_pixels(image, a, b, colour)
        assert hits == n, f"link {name}: {n - hits} of {n} points along it not drawn"

    # One end moves: the lines of the buckets it crossed are rebuilt, whole again.
    ca, cb = cards["s"]
    moved = (3.6 * BUCKET, 9.1 * BUCKET)
    layer.move_card(cb.id, QRectF(moved[0] - 60.0, moved[1] - 36.0, 120.0, 72.0))
    image = _paint_by_regions(layer, theme)
    old_a = ends["s"][0]
    hits, n = _line_pixels(image, old_a, moved, colour)
    assert hits == n, f"moved link: {n - hits} of {n} points along it not drawn"
    # ... and where it was, only the other links' pixels stay.
    gone, n = _line_pixels(image, old_a, ends["s"][1], colour)
    assert gone < n // 4
