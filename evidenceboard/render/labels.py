"""Name labels: actors' (and notes') names kept readable when their cards are too small.

Zoomed out, a card's own title shrinks below what anyone can read (13 scene pixels at
20 % zoom are 2.6 screen pixels) and cut to fit it says "Kh…".  Instead, below
:data:`TITLE_LOD` a name is always shown at a fixed screen size (:data:`LABEL_PX`): on
the card itself while it fits there whole, else as a *label* with the actor type's
icon, on the card or beside it — like the names of towns on a map:

* labels are placed most important first (most links, then most articles citing it);
* no label is drawn over another, nor over a card whose own title is readable; a label
  avoids covering other cards when one of its places allows it (a faded card's label
  never covers another card);
* a label that finds no free place is not drawn (zoom in and it appears).

:func:`place_labels` is the placement, in *zoomed scene coordinates* (scene × zoom,
so the result does not depend on where the view is scrolled); it runs in slices
(:class:`LabelPlacement`) so that a big board never holds a frame.  Labels are painted
from cached images (:func:`label_image`): a frame with 300 labels is 300 blits.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from .grid import RectGrid, box_of
from .icons import ICON_SIZE, actor_icon
from .text import one_line
from .theme import ACTOR_TYPE_COLORS, Theme, blend

LABEL_PX = 15  # font size of labels, in screen pixels (cards drawn bigger: up to 18)
#: Below this level of detail (screen pixels per scene unit, times the card's own
#: scale) an actor's 13-unit title is under 10 screen pixels: the card shows its name
#: at the label's size if it fits whole (:meth:`CardLook.screen_title`), else the name
#: is a label.  Notes keep their usual look down to the compact view (their body needs
#: the room).
TITLE_LOD = 0.75
NOTE_TITLE_LOD = 0.6


def title_lod(kind: str) -> float:
    """Below this level of detail a card of ``kind`` shows its name at label size."""
    return TITLE_LOD if kind == "actor" else NOTE_TITLE_LOD if kind == "note" else 0.0
LABEL_MAX_WIDTH = 240.0  # longer names wrap onto a second line
LINE_GAP = 1.0
PAD_X = 6.0
PAD_Y = 2.5
DISC = 16.0  # the actor type's disc in a label
DISC_GAP = 7.0  # between the disc and the name (OCR reads a disc touching it as "@")
GAP = 2.0  # between a card and a label placed beside it
SPACE = 2.0  # kept free between two labels
_CELL = 64.0
_IMAGES_MAX = 4096


@dataclass(frozen=True)
class LabelSpec:
    """What a label shows: a card's name on one or two lines, its kind and type."""

    text: str
    kind: str
    actor_type: str | None = None
    fill: str | None = None  # the card's own colour, if any
    px: int = LABEL_PX

    @property
    def has_disc(self) -> bool:
        return self.kind == "actor"


def label_px(scale: float) -> int:
    """The label font of a card drawn ``scale`` times its size: the most important
    names read first, as capitals do on a map."""
    return LABEL_PX + max(0, min(2, round((scale - 1.0) * 2.0)))


@lru_cache(maxsize=32)
def _hinted(family: str, px: int) -> QFont:
    f = QFont(family)
    f.setPixelSize(px)
    f.setBold(True)
    # Labels are screen text at a fixed size: lines of text land on whole pixels
    # (measured with tesseract on 25 names: 22-24 read at 14 px with vertical
    # hinting, 8-17 at 13 px; full hinting distorts DejaVu Sans Bold at this size).
    f.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return f


def label_font(theme: Theme, px: int = LABEL_PX) -> QFont:
    return _hinted(theme.fonts.family, px)


_LINES: dict[tuple[str, str, int], tuple[tuple[str, ...], float]] = {}


def label_lines(spec: LabelSpec, theme: Theme) -> tuple[tuple[str, ...], float]:
    """The label's text lines and the width of the widest."""
    key = (spec.text, theme.fonts.family, spec.px)
    hit = _LINES.get(key)
    if hit is not None:
        return hit
    fm = QFontMetricsF(label_font(theme, spec.px))
    text = one_line(spec.text)
    room = LABEL_MAX_WIDTH - (DISC + DISC_GAP if spec.has_disc else 0.0) - 2 * PAD_X
    if fm.horizontalAdvance(text) <= room:
        lines: tuple[str, ...] = (text,)
    else:
        # Two lines, broken between words as evenly as fits; a word too long for a
        # line stays whole (the label is then wider): never "Haf…".
        words = text.split(" ")
        best: tuple[float, tuple[str, ...]] | None = None
        for i in range(1, len(words)):
            a, b = " ".join(words[:i]), " ".join(words[i:])
            w = max(fm.horizontalAdvance(a), fm.horizontalAdvance(b))
            if best is None or w < best[0]:
                best = (w, (a, b))
        lines = best[1] if best is not None else (text,)
    width = max(fm.horizontalAdvance(ln) for ln in lines)
    if len(_LINES) > 20000:
        _LINES.clear()
    _LINES[key] = (lines, width)
    return lines, width


def label_size(spec: LabelSpec, theme: Theme) -> tuple[float, float]:
    """Width and height of the label in screen pixels."""
    lines, text_w = label_lines(spec, theme)
    fm = QFontMetricsF(label_font(theme, spec.px))
    h = len(lines) * fm.height() + (len(lines) - 1) * LINE_GAP + 2 * PAD_Y
    h = max(h, DISC + 2 * PAD_Y - 1.0) if spec.has_disc else h
    w = text_w + 2 * PAD_X + (DISC + DISC_GAP - 3.0 if spec.has_disc else 0.0)
    return math.ceil(w), math.ceil(h)


# ===================================================================== placement
@dataclass(frozen=True)
class Candidate:
    """A card that wants a label: its id, where it is (zoomed scene coordinates) and
    the label's size in pixels."""

    id: str
    rect: QRectF
    width: float
    height: float
    #: False for a faded card (outside a filter or the relations view): its label goes
    #: only where it covers no other card, or is not drawn — background names over
    #: their neighbours made the faded rows unreadable.
    may_cover: bool = True


def _positions(c: Candidate) -> Iterator[tuple[bool, float, float]]:
    """Where a label may go, best first: on the card (centred, then from either of
    its ends), then below, above, right, left, then below and above from either end,
    then one row further below and above.  Yields (on the card?, x, y)."""
    r, w, h = c.rect, c.width, c.height
    cx, cy = r.center().x(), r.center().y()
    mid = cy - h / 2.0
    if w >= r.width() - 4.0:
        yield True, cx - w / 2.0, mid
        yield True, r.left() - 1.0, mid
        yield True, r.right() + 1.0 - w, mid
    else:
        yield True, r.left() + 2.0, mid
    below, above = r.bottom() + GAP, r.top() - h - GAP
    yield False, cx - w / 2.0, below
    yield False, cx - w / 2.0, above
    yield False, r.right() + GAP, mid
    yield False, r.left() - w - GAP, mid
    for y in (below, above):
        yield False, r.left(), y
        yield False, r.right() - w, y
    # A row further out, when the card is crowded in (the label still touches the
    # card's column).
    for y in (below + h + GAP, above - h - GAP):
        yield False, cx - w / 2.0, y
        yield False, r.left(), y
        yield False, r.right() - w, y
    # Off a corner (the label's corner at the card's).
    for y in (below, above):
        yield False, r.right() + GAP, y
        yield False, r.left() - w - GAP, y


class LabelPlacement:
    """Greedy placement of labels, most important first, resumable in slices.

    ``candidates`` come in priority order; ``blockers`` are rectangles no label may
    cover (cards whose own title is readable); ``cards`` are rectangles labels prefer
    not to cover (every card in the area); labels stay inside ``bounds`` (the board
    and the fitted view's margin, so that a fitted view shows every label whole).  All
    in zoomed scene coordinates.
    Results: :attr:`placed` maps a card id to its label's rectangle.
    """

    def __init__(self, candidates: Iterable[Candidate],
                 blockers: Iterable[tuple[str, QRectF]] = (),
                 cards: Iterable[tuple[str, QRectF]] = (),
                 bounds: QRectF | None = None) -> None:
        self._bounds = bounds
        self._labels: RectGrid[tuple[str, str]] = RectGrid(_CELL)
        self._cards: RectGrid[str] = RectGrid(_CELL)
        self._steps = self._work(iter(candidates), iter(blockers), iter(cards))
        self.placed: dict[str, QRectF] = {}
        self.done = False

    def run(self, deadline: float | None = None) -> bool:
        """Place labels until done (True) or until ``time.perf_counter()`` passes
        ``deadline`` (False: call again)."""
        for _ in self._steps:
            if deadline is not None and time.perf_counter() > deadline:
                return False
        self.done = True
        return True

    def _work(self, todo: Iterator[Candidate], blockers: Iterator[tuple[str, QRectF]],
              card_rects: Iterator[tuple[str, QRectF]]) -> Iterator[None]:
        """The placement as steps of a hundred-odd rectangles, or of one candidate's
        places four at a time (a frame placing labels stays within its budget)."""
        labels, cards, placed = self._labels, self._cards, self.placed
        for n, (owner, r) in enumerate(blockers):
            labels.put(("card", owner), box_of(r))
            if n % 128 == 127:
                yield None
        for n, (owner, r) in enumerate(card_rects):
            cards.put(owner, box_of(r))
            if n % 128 == 127:
                yield None
        b = self._bounds
        bx0, by0, bx1, by1 = ((b.left(), b.top(), b.right(), b.bottom()) if b is not None
                              else (-math.inf, -math.inf, math.inf, math.inf))
        for c in todo:
            best: tuple[float, float, float] | None = None
            area = c.width * c.height
            for k, (on, x, y) in enumerate(_positions(c)):
                x1, y1 = x + c.width, y + c.height
                if x < bx0 or y < by0 or x1 > bx1 or y1 > by1:
                    continue  # a fitted view would cut it: "Cy…" is not a name
                if labels.hits((x - SPACE, y - SPACE, x1 + SPACE, y1 + SPACE)):
                    continue  # (labels keep a little space between them)
                # Prefer the card itself, then places covering the least of other
                # cards (a quarter of the label's area counts as much as moving off).
                covered = cards.covered((x, y, x1, y1), c.id)
                if covered and not c.may_cover:
                    continue
                cost = covered + (
                    0.01 * k * area if on else 0.25 * area if k < 12 else 0.6 * area)
                if best is None or cost < best[0]:
                    best = (cost, x, y)
                    if cost == 0.0:
                        break
                if k % 4 == 3:
                    yield None  # (a crowded candidate's places: up to ~3 ms in all)
            if best is not None:
                _cost, x, y = best
                labels.put(("label", c.id), (x, y, x + c.width, y + c.height))
                placed[c.id] = QRectF(x, y, c.width, c.height)
            yield None


def place_labels(candidates: Iterable[Candidate],
                 blockers: Iterable[tuple[str, QRectF]] = (),
                 cards: Iterable[tuple[str, QRectF]] = (),
                 bounds: QRectF | None = None) -> dict[str, QRectF]:
    """Run a whole :class:`LabelPlacement` at once (exports, small boards)."""
    p = LabelPlacement(candidates, blockers, cards, bounds)
    p.run()
    return p.placed


# ===================================================================== painting
_IMAGES: OrderedDict[tuple, QImage] = OrderedDict()


def label_image(spec: LabelSpec, theme: Theme, dpr: float = 1.0,
                selected: bool = False) -> QImage:
    """The label drawn once into an image (cached): frames blit it."""
    key = (spec, theme.name, theme.accent.rgba(), theme.fonts.family, round(dpr, 3),
           selected)
    image = _IMAGES.get(key)
    if image is not None:
        _IMAGES.move_to_end(key)
        return image
    w, h = label_size(spec, theme)
    image = QImage(max(1, round(w * dpr)), max(1, round(h * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    draw_label(p, spec, theme, QRectF(0.0, 0.0, w, h), selected)
    p.end()
    _IMAGES[key] = image
    if len(_IMAGES) > _IMAGES_MAX:
        _IMAGES.popitem(last=False)
    return image


def label_colors(spec: LabelSpec, theme: Theme) -> tuple[QColor, QColor]:
    """(fill, text) of a label: the card's own colour when it has one, else the
    page's lightest (darkest, in a dark theme) colour under the darkest text — the
    most contrast, for names read across a busy board."""
    if spec.fill and QColor(spec.fill).isValid():
        fill = QColor(spec.fill)
    else:
        fill = QColor("#ffffff") if not theme.is_dark else blend(theme.background,
                                                                QColor("#000000"), 0.7)
    return fill, theme.text_for(fill)


def draw_label(painter: QPainter, spec: LabelSpec, theme: Theme, box: QRectF,
               selected: bool = False) -> None:
    """Paint a label into ``box`` (device-independent pixels) with any painter (this is
    also how exports draw it, as vectors)."""
    fill, ink = label_colors(spec, theme)
    inner = box.adjusted(0.5, 0.5, -0.5, -0.5)
    # No outline unless selected: a line hugging the letters reads as "(" and "|".
    painter.setPen(QPen(theme.accent, 2.0) if selected else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(inner, 5.0, 5.0)
    x = box.left() + PAD_X
    if spec.has_disc:
        disc = QRectF(box.left() + 3.0, box.center().y() - DISC / 2.0, DISC, DISC)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ACTOR_TYPE_COLORS.get(spec.actor_type or "other",
                                                      ACTOR_TYPE_COLORS["other"])))
        painter.drawEllipse(disc)
        painter.save()
        scale = (DISC - 4.0) / ICON_SIZE
        painter.translate(disc.left() + 2.0, disc.top() + 2.0)
        painter.scale(scale, scale)
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(actor_icon(spec.actor_type))
        painter.restore()
        x = disc.right() + DISC_GAP
    lines, _w = label_lines(spec, theme)
    font = label_font(theme, spec.px)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(ink)
    total = len(lines) * fm.height() + (len(lines) - 1) * LINE_GAP
    y = box.center().y() - total / 2.0
    for line in lines:
        painter.drawText(QPointF(round(x), round(y + fm.ascent())), line)
        y += fm.height() + LINE_GAP


__all__ = [
    "LABEL_PX",
    "TITLE_LOD",
    "Candidate",
    "LabelPlacement",
    "LabelSpec",
    "draw_label",
    "label_image",
    "label_px",
    "label_size",
    "place_labels",
    "title_lod",
]
