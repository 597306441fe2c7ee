"""How a card looks: geometry, colours, text and badges, painted with any QPainter.

The canvas items and the exports both call :func:`paint_card`, so an export looks like
the screen.  A :class:`CardLook` is everything needed to paint one card (computed once,
text laid out on first use); painting it is then a short list of QPainter calls.

Level of detail (``lod``: device pixels per scene unit, the card's own scale included):

* ``lod < COMPACT_LOD`` — fill, border and the kind's marker only; a claim's text is
  dropped for faint lines where it was (never cut to "Haf…");
* ``COMPACT_LOD <= lod < FULL_LOD`` (:data:`CLAIM_FULL_LOD` for claims) — icon and grade
  badge; a claim's words in a font that stays readable (at least
  :data:`COMPACT_TEXT_PX` screen pixels), cut at a word;
* from there on (and in exports) — everything.

Below :func:`evidenceboard.render.labels.title_lod` an actor or a note shows only its
name, at the labels' screen size, when it fits whole on the card; otherwise its name is a
screen-size label (:mod:`.labels`) that the view places so that labels never overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from ..model import Card
from .decor import EMPTY_CARD, NO_BACKING, Backing, CardDecor, corroboration_text
from .icons import (
    ACTOR_TYPE_LABELS,
    ICON_SIZE,
    actor_icon,
    citation_glyph,
    contradiction_glyph,
    draw_glyph,
    warning_glyph,
)
from .labels import LABEL_PX, title_lod
from .text import TextBlock, elide, text_width
from .theme import ACTOR_TYPE_COLORS, Theme, blend, font_of

PAD = 10.0
RADIUS = 7.0
HANDLE_RADIUS = 7.0
ICON_DISC = 30.0
OUTLINE = 3.0  # selection outline distance outside the card
MIN_SIZE: dict[str, tuple[float, float]] = {
    "actor": (120.0, 48.0), "claim": (140.0, 64.0), "note": (100.0, 48.0),
}
FULL_LOD = 0.6
COMPACT_LOD = 0.35
#: Smallest screen size of a claim's words in the compact view.
COMPACT_TEXT_PX = 9.0
#: A claim's full look (12-unit quote, speaker, corroboration) from this zoom on: the
#: quote is then at least 9 screen pixels, like the compact view's words.
CLAIM_FULL_LOD = 0.75


def full_lod(kind: str) -> float:
    """The level of detail from which a card of ``kind`` is painted in full."""
    return CLAIM_FULL_LOD if kind == "claim" else FULL_LOD


def min_size(kind: str) -> tuple[float, float]:
    return MIN_SIZE.get(kind, (100.0, 48.0))


# ===================================================================== geometry
@dataclass(frozen=True)
class CardGeometry:
    """Where things are on a card of a given kind and size, in card coordinates."""

    rect: QRectF
    bounds: QRectF  # everything painted, handles and outline included
    path: QPainterPath  # the rounded card outline
    shape: QPainterPath  # what the mouse hits: the outline and the link handle
    handle_center: QPointF  # the link handle
    resize_rect: QRectF  # the resize grip
    title_rect: QRectF  # where the title (or a claim's quote) is, for in-place editing
    bar_path: QPainterPath  # a claim's stance bar (empty for other kinds)


@lru_cache(maxsize=512)
def card_geometry(kind: str, width: float, height: float) -> CardGeometry:
    w, h = float(width), float(height)
    rect = QRectF(0.0, 0.0, w, h)
    m = OUTLINE + 2.0
    bounds = rect.adjusted(-m, -m, m + HANDLE_RADIUS + 2.0, m + 1.5)
    path = QPainterPath()
    path.addRoundedRect(rect, RADIUS, RADIUS)
    handle = QPointF(w, h / 2.0)
    resize = QRectF(w - 14.0, h - 14.0, 14.0, 14.0)
    bar = QPainterPath()
    if kind == "actor":
        title = QRectF(PAD + ICON_DISC + 8.0, PAD - 2.0,
                       max(10.0, w - (PAD + ICON_DISC + 8.0) - PAD), 34.0)
    elif kind == "claim":
        title = QRectF(PAD + 4.0, PAD + 16.0, max(10.0, w - 2 * PAD - 4.0),
                       max(16.0, h - PAD * 2 - 16.0 - 28.0))
        strip = QPainterPath()
        strip.addRect(QRectF(0.0, 0.0, 4.5, h))
        bar = path.intersected(strip)
    else:
        title = QRectF(PAD, PAD - 2.0, max(10.0, w - 2 * PAD), 34.0)
    shape = QPainterPath(path)
    shape.addEllipse(handle, HANDLE_RADIUS + 1.0, HANDLE_RADIUS + 1.0)
    shape.setFillRule(Qt.FillRule.WindingFill)
    return CardGeometry(rect, bounds, path, shape, handle, resize, title, bar)


# ===================================================================== look
@dataclass
class Badge:
    kind: str  # "grade" | "cites" | "uncited" | "contradiction" | "denies"
    text: str
    rect: QRectF


class CardLook:
    """A card as it will be painted: colours, badges and (lazily) laid-out text."""

    __slots__ = (
        "_backing",
        "_blocks",
        "_compact",
        "_footer",
        "_screen",
        "badges",
        "border",
        "card",
        "decor",
        "fill",
        "geometry",
        "ink",
        "lip",
        "muted",
        "subtitle",
        "theme",
    )

    def __init__(self, card: Card, decor: CardDecor | None, theme: Theme,
                 backing: Callable[[], Backing] | None = None) -> None:
        self.card = card
        self.decor = decor if decor is not None else EMPTY_CARD
        self._backing = backing
        self.theme = theme
        self.geometry = card_geometry(card.kind, card.width, card.height)
        self.fill = theme.card_fill(card.kind, card.color)
        self.ink = theme.text_for(self.fill)
        self.muted = theme.muted_for(self.fill)
        self.border = blend(self.ink, self.fill, 0.22)
        self.lip = blend(theme.shadow, theme.background, theme.shadow.alphaF() * 2.5)
        self._blocks: dict[str, TextBlock] | None = None
        self._compact: tuple[int, TextBlock] | None = None
        self._screen: tuple[int, TextBlock | None] | None = None
        self.badges = self._place_badges()
        self.subtitle = ""
        self._footer: str | None = None
        if card.kind == "actor":
            label = ACTOR_TYPE_LABELS.get(card.actor_type or "other", "Actor")
            if card.aliases:
                label += " · aka " + ", ".join(card.aliases)
            self.subtitle = label
        elif card.kind == "claim":
            self.subtitle = ("— " + card.speaker) if card.speaker else ""

    @property
    def footer(self) -> str:
        """A claim's corroboration ("3 sources · 2 origins"), computed when first shown."""
        if self._footer is None:
            if self.card.kind != "claim" or not self.decor.citations:
                self._footer = ""
            else:
                b = self._backing() if self._backing is not None else NO_BACKING
                self._footer = corroboration_text(b.sources, b.origins)
        return self._footer

    # ----------------------------------------------------------------- badges
    def _place_badges(self) -> list[Badge]:
        card, d, fonts = self.card, self.decor, self.theme.fonts
        w, h = card.width, card.height
        out: list[Badge] = []
        # Top-right, from the right edge leftwards: grade, contradiction.
        x = w - PAD + 2.0
        top = PAD - 3.0
        if d.grade:
            bw = text_width(d.grade, fonts.badge) + 9.0
            x -= bw
            out.append(Badge("grade", d.grade, QRectF(x, top, bw, 16.0)))
            x -= 4.0
        if card.kind == "claim" and d.contradicts:
            n = str(len(d.contradicts))
            bw = text_width(n, fonts.badge) + 22.0
            x -= bw
            out.append(Badge("contradiction", n, QRectF(x, top, bw, 16.0)))
            x -= 4.0
        # Bottom-right: citation count, or "uncited" on actors and claims.
        bottom = h - PAD + 3.0 - 15.0
        if d.citations:
            n = d.marks or str(d.citations)  # print: the cited sources' numbers
            bw = text_width(n, fonts.small) + 22.0
            out.append(Badge("cites", n, QRectF(w - PAD + 2.0 - bw, bottom, bw, 15.0)))
        elif card.kind == "claim":
            t = "uncited"
            bw = text_width(t, fonts.small) + 24.0
            out.append(Badge("uncited", t, QRectF(w - PAD + 2.0 - bw, bottom, bw, 15.0)))
        if card.kind == "claim" and card.stance == "denies":
            t = "DENIES"
            bw = text_width(t, fonts.badge) + 10.0
            out.append(Badge("denies", t, QRectF(PAD + 4.0, top, bw, 16.0)))
        return out

    def badge(self, kind: str) -> Badge | None:
        for b in self.badges:
            if b.kind == kind:
                return b
        return None

    def _header_right(self) -> float:
        """Left edge of the top-right badges (the title stops before them)."""
        xs = [b.rect.left() for b in self.badges if b.kind in ("grade", "contradiction")]
        return min(xs) - 4.0 if xs else self.card.width - PAD

    def _footer_left_limit(self) -> float:
        xs = [b.rect.left() for b in self.badges if b.kind in ("cites", "uncited")]
        return min(xs) - 6.0 if xs else self.card.width - PAD

    # ----------------------------------------------------------------- text
    def blocks(self) -> dict[str, TextBlock]:
        """Title/quote/body laid out for this card's size (once)."""
        if self._blocks is not None:
            return self._blocks
        card, fonts, g = self.card, self.theme.fonts, self.geometry
        w, h = card.width, card.height
        blocks: dict[str, TextBlock] = {}
        if card.kind == "actor":
            x0 = g.title_rect.left()
            width = self._header_right() - x0
            avail = h - PAD - 17.0 - (PAD - 2.0)
            lines = max(1, int(avail // 16.0))
            blocks["title"] = TextBlock(card.title, fonts.title, width, min(lines, 3))
            blocks["subtitle"] = TextBlock(self.subtitle, fonts.small,
                                           self._footer_left_limit() - x0, 1)
        elif card.kind == "claim":
            width = w - 2 * PAD - 4.0
            top = PAD + 19.0
            bottom = h - PAD - 15.0 - (15.0 if self.subtitle else 0.0) - 3.0
            lines = max(1, int((bottom - top) // 15.0))
            blocks["title"] = TextBlock(f"“{card.title}”", fonts.quote, width, lines)
        else:
            width = self._header_right() - PAD
            blocks["title"] = TextBlock(card.title, fonts.title, width, 2)
            if card.body:
                top = PAD - 2.0 + blocks["title"].height + 4.0
                bottom = h - PAD - (16.0 if self.decor.citations else 0.0)
                lines = int((bottom - top) // 14.0)
                if lines >= 1:
                    blocks["body"] = TextBlock(card.body, fonts.body, w - 2 * PAD, lines)
        self._blocks = blocks
        return blocks

    def is_elided(self) -> bool:
        """True when some text does not fit (the tooltip then shows all of it)."""
        return any(b.elided for b in self.blocks().values())

    def title_origin(self) -> QPointF:
        g = self.geometry
        if self.card.kind == "claim":
            return QPointF(PAD + 4.0, PAD + 19.0)
        if self.card.kind == "actor":
            # Title and subtitle as one group, centred beside the icon.
            blocks = self.blocks()
            group = blocks["title"].height + 3.0 + blocks["subtitle"].height
            top = max(PAD - 3.0, (self.card.height - group) / 2.0)
            return QPointF(g.title_rect.left(), top)
        return QPointF(g.title_rect.left(), g.title_rect.top())

    def title_box(self) -> QRectF:
        """Where the title (a claim's quote) is painted, in card coordinates."""
        block = self.blocks()["title"]
        o = self.title_origin()
        return QRectF(o.x(), o.y(), block.width, max(block.height, block.line_height))

    def compact_text(self, lod: float) -> TextBlock:
        """A claim's words in the compact view: bold, at least
        :data:`COMPACT_TEXT_PX` on screen, on the lines that fit, cut at a word.
        Cached per font size."""
        px = max(13, round(COMPACT_TEXT_PX / max(lod, 1e-6)))
        cached = self._compact
        if cached is not None and cached[0] == px:
            return cached[1]
        font = far_font(self.theme, px)
        width = self.card.width - 2 * PAD - 4.0
        top = PAD + 19.0 if self.card.stance == "denies" else PAD + 4.0
        lines = max(1, int((self.card.height - top - PAD) // (px * 1.2)))
        block = TextBlock(self.card.title, font, width, lines, whole_words=True)
        self._compact = (px, block)
        return block

    def screen_title(self, lod: float) -> TextBlock | None:
        """The name at the labels' screen size, on the lines the card has room for —
        or None when it does not fit whole (the name is then a label).  Cached per
        font size."""
        px = max(13, round(LABEL_PX / max(lod, 1e-6)))
        cached = self._screen
        if cached is not None and cached[0] == px:
            return cached[1]
        card = self.card
        inner = card.height - PAD
        block: TextBlock | None = None
        if px * 1.2 <= inner:
            font = far_font(self.theme, px)
            x0 = self.geometry.title_rect.left()
            width = self._header_right() - x0
            lines = max(1, int(inner // (px * 1.2)))
            words = card.title.split()
            if words and max(text_width(w, font) for w in words) <= width:
                block = TextBlock(card.title, font, width, lines)
                if block.elided:
                    block = None
        self._screen = (px, block)
        return block

    def greeked_lines(self) -> list[QRectF]:
        """Where a claim's text is, as a few bars (the far view drops the words)."""
        w, h = self.card.width, self.card.height
        left, right = PAD + 4.0, w - PAD
        top, bottom = PAD + 8.0, h - PAD - 4.0
        step = max(10.0, (bottom - top) / 3.0)
        out = []
        y = top
        i = 0
        seed = sum(map(ord, self.card.id[:8]))
        while y + step * 0.45 <= bottom and i < 4:
            frac = 1.0 if i < 2 else 0.35 + (seed % 40) / 100.0
            out.append(QRectF(left, y, (right - left) * frac, step * 0.45))
            y += step
            i += 1
        return out

def far_font(theme: Theme, px: float) -> QFont:
    """The bold font of far-view titles, ``px`` scene pixels high."""
    return font_of(theme.fonts.family, max(1, round(px)), True, False)


# ===================================================================== painting
_NO_PEN = QPen(Qt.PenStyle.NoPen)


@dataclass
class CardState:
    selected: bool = False
    hovered: bool = False
    link_target: bool = False
    show_handles: bool = False  # link handle and resize grip
    faded: bool = False


NO_STATE = CardState()


def paint_card(painter: QPainter, look: CardLook, lod: float = 1.0,
               state: CardState = NO_STATE) -> None:
    """Paint a card at (0, 0) in the painter's coordinates (the card's own)."""
    theme, g, card = look.theme, look.geometry, look.card
    if state.faded:
        # An opaque base first: links under a faded card stay hidden by it.
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.background)
        painter.drawRoundedRect(g.rect, RADIUS, RADIUS)
        painter.setOpacity(painter.opacity() * theme.faded_opacity)
    hair = 1.0 / max(lod, 1e-6)
    # A lip under the bottom edge, then the body.  (Opaque: a translucent shadow
    # cost 80 us per card to blend.)
    painter.setPen(_NO_PEN)
    if lod >= COMPACT_LOD:
        painter.setBrush(look.lip)
        painter.drawRoundedRect(g.rect.translated(0.0, 1.5), RADIUS, RADIUS)
    painter.setBrush(look.fill)
    border_w = max(1.0, hair) if lod < FULL_LOD else 1.0
    painter.setPen(QPen(look.border, border_w))
    painter.drawRoundedRect(g.rect, RADIUS, RADIUS)
    _paint_kind_marker(painter, look, lod)
    if lod < title_lod(card.kind):
        # The name at a readable size if it fits on the card; else it is a label.
        block = look.screen_title(lod)
        if block is not None:
            painter.setPen(look.ink)
            block.draw(painter, look.geometry.title_rect.left(),
                       max(PAD * 0.5, (card.height - block.height) / 2.0))
        if lod >= COMPACT_LOD:
            _paint_badges(painter, look, full=lod >= FULL_LOD)
    elif lod < COMPACT_LOD:
        if card.kind == "claim":
            # Words this small would read "Haf…": faint lines where the text is.
            painter.setPen(_NO_PEN)
            painter.setBrush(blend(look.muted, look.fill, 0.3))
            for bar in look.greeked_lines():
                painter.drawRect(bar)
    else:
        _paint_text(painter, look, lod)
        _paint_badges(painter, look, full=lod >= full_lod(card.kind))
    _paint_state(painter, look, lod, state)
    if state.faded:
        painter.setOpacity(painter.opacity() / theme.faded_opacity)


def _paint_kind_marker(painter: QPainter, look: CardLook, lod: float) -> None:
    card, theme, g = look.card, look.theme, look.geometry
    if card.kind == "actor":
        disc = QRectF(PAD, (card.height - ICON_DISC) / 2.0 if card.height <= 96 else PAD,
                      ICON_DISC, ICON_DISC)
        painter.setPen(_NO_PEN)
        painter.setBrush(QColor(ACTOR_TYPE_COLORS.get(card.actor_type or "other",
                                                      ACTOR_TYPE_COLORS["other"])))
        painter.drawEllipse(disc)
        if lod >= 0.15:
            scale = (ICON_DISC - 10.0) / ICON_SIZE
            painter.save()
            painter.translate(disc.left() + 5.0, disc.top() + 5.0)
            painter.scale(scale, scale)
            painter.setBrush(QColor("#ffffff"))
            painter.drawPath(actor_icon(card.actor_type))
            painter.restore()
    elif card.kind == "claim":
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.denies if card.stance == "denies" else theme.asserts)
        painter.drawPath(g.bar_path)
    elif card.kind == "note":
        fold = 14.0
        w, h = card.width, card.height
        tri = QPainterPath()
        tri.moveTo(w - fold, h)
        tri.lineTo(w, h - fold)
        tri.lineTo(w - fold, h - fold)
        tri.closeSubpath()
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.note_fold if card.color is None else blend(look.fill,
                                                                           look.ink, 0.8))
        painter.drawPath(tri)


def _paint_text(painter: QPainter, look: CardLook, lod: float) -> None:
    card, fonts = look.card, look.theme.fonts
    blocks = look.blocks()
    title = blocks["title"]
    origin = look.title_origin()
    painter.setPen(look.ink)
    if lod < full_lod(card.kind):
        if card.kind == "claim":
            # The compact view: the claim's words, big enough to read.
            block = look.compact_text(lod)
            top = PAD + 19.0 if card.stance == "denies" else PAD + 4.0
            block.draw(painter, PAD + 4.0, top)
        else:
            title.draw(painter, origin.x(), origin.y())
        return
    title.draw(painter, origin.x(), origin.y())
    painter.setPen(look.muted)
    if card.kind == "actor" and look.subtitle:
        blocks["subtitle"].draw(painter, origin.x(), origin.y() + title.height + 3.0)
    elif card.kind == "claim":
        painter.setFont(fonts.small)
        if look.subtitle:
            y = card.height - PAD - 30.0
            painter.drawText(QRectF(PAD + 4.0, y, card.width - 2 * PAD - 4.0, 14.0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             elide(look.subtitle, fonts.small, card.width - 2 * PAD - 4.0))
        if look.footer:
            y = card.height - PAD - 12.0
            width = look._footer_left_limit() - PAD - 4.0
            painter.drawText(QRectF(PAD + 4.0, y - 1.0, width, 14.0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             elide(look.footer, fonts.small, width))
    elif card.kind == "note" and "body" in blocks:
        painter.setPen(look.ink)
        blocks["body"].draw(painter, PAD, PAD - 2.0 + title.height + 4.0)


def _paint_badges(painter: QPainter, look: CardLook, full: bool) -> None:
    for b in look.badges:
        if not full and b.kind not in ("grade", "contradiction", "denies"):
            continue
        paint_badge(painter, look, b)


def paint_badge(painter: QPainter, look: CardLook, b: Badge) -> None:
    """One badge of a card (in card coordinates); legends paint samples with it."""
    theme, fonts = look.theme, look.theme.fonts
    r = b.rect
    if b.kind == "grade":
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.grade_color(b.text))
        painter.drawRoundedRect(r, 4.0, 4.0)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(fonts.badge)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), b.text)
    elif b.kind == "contradiction":
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.contradiction)
        painter.drawRoundedRect(r, 4.0, 4.0)
        draw_glyph(painter, contradiction_glyph(), QPointF(r.left() + 5.0, r.top() + 2.0),
               0.85, QColor("#ffffff"))
        painter.setPen(QColor("#ffffff"))
        painter.setFont(fonts.badge)
        painter.drawText(r.adjusted(14.0, 0.0, 0.0, 0.0), int(Qt.AlignmentFlag.AlignCenter),
                         b.text)
    elif b.kind == "denies":
        painter.setPen(QPen(theme.denies, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 4.0, 4.0)
        painter.setFont(fonts.badge)
        painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), b.text)
    elif b.kind == "cites":
        painter.setPen(_NO_PEN)
        painter.setBrush(blend(look.ink, look.fill, 0.1))
        painter.drawRoundedRect(r, 7.5, 7.5)
        draw_glyph(painter, citation_glyph(), QPointF(r.left() + 6.0, r.top() + 2.5), 0.85,
               look.muted)
        painter.setPen(look.muted)
        painter.setFont(fonts.small)
        painter.drawText(r.adjusted(15.0, 0.0, -2.0, 0.0), int(Qt.AlignmentFlag.AlignCenter),
                         b.text)
    elif b.kind == "uncited":
        painter.setPen(_NO_PEN)
        painter.setBrush(theme.warning_fill)
        painter.drawRoundedRect(r, 7.5, 7.5)
        draw_glyph(painter, warning_glyph(), QPointF(r.left() + 5.0, r.top() + 2.5), 0.85,
               theme.warning)
        painter.setPen(theme.warning)
        painter.setFont(fonts.small)
        painter.drawText(r.adjusted(16.0, 0.0, -3.0, 0.0), int(Qt.AlignmentFlag.AlignCenter),
                         b.text)


def paint_card_swatch(painter: QPainter, look: CardLook) -> None:
    """The card's body and its kind's marker (icon disc, stance bar, fold) without text
    or badges, at (0, 0): a legend's sample of a kind of card."""
    g = look.geometry
    painter.setBrush(look.fill)
    painter.setPen(QPen(look.border, 1.0))
    painter.drawRoundedRect(g.rect, RADIUS, RADIUS)
    _paint_kind_marker(painter, look, 1.0)


def _paint_state(painter: QPainter, look: CardLook, lod: float, state: CardState) -> None:
    theme, g = look.theme, look.geometry
    hair = 1.0 / max(lod, 1e-6)
    if state.link_target:
        painter.setPen(QPen(theme.accent, max(3.0, 2.5 * hair)))
        accent = QColor(theme.accent)
        accent.setAlphaF(0.14)
        painter.setBrush(accent)
        painter.drawRoundedRect(g.rect.adjusted(-OUTLINE, -OUTLINE, OUTLINE, OUTLINE),
                                RADIUS + OUTLINE, RADIUS + OUTLINE)
    elif state.selected:
        painter.setPen(QPen(theme.accent, max(2.0, 2.0 * hair)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(g.rect.adjusted(-OUTLINE, -OUTLINE, OUTLINE, OUTLINE),
                                RADIUS + OUTLINE, RADIUS + OUTLINE)
    elif state.hovered:
        hover = QColor(theme.accent)
        hover.setAlphaF(0.55)
        painter.setPen(QPen(hover, max(1.5, 1.5 * hair)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(g.rect, RADIUS, RADIUS)
    if state.show_handles and lod >= COMPACT_LOD:
        # Link handle: a disc with an arrow on the right edge.
        c = g.handle_center
        painter.setPen(QPen(theme.background, 1.5))
        painter.setBrush(theme.accent)
        painter.drawEllipse(c, HANDLE_RADIUS, HANDLE_RADIUS)
        painter.setPen(QPen(QColor("#ffffff"), 1.6, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.drawLine(QPointF(c.x() - 3.2, c.y()), QPointF(c.x() + 3.2, c.y()))
        painter.drawLine(QPointF(c.x() + 0.6, c.y() - 2.6), QPointF(c.x() + 3.2, c.y()))
        painter.drawLine(QPointF(c.x() + 0.6, c.y() + 2.6), QPointF(c.x() + 3.2, c.y()))
        if state.selected:
            r = g.resize_rect
            painter.setPen(QPen(look.muted, 1.2))
            for k in (4.0, 8.0, 12.0):
                painter.drawLine(QPointF(r.right() - k, r.bottom() - 2.0),
                                 QPointF(r.right() - 2.0, r.bottom() - k))


# ===================================================================== print sizes
def title_font_px(theme: Theme) -> float:
    """The smallest font card titles (and claims' quotes) are painted in, in scene
    pixels: what print scales are chosen by."""
    fonts = theme.fonts
    return float(min(fonts.title.pixelSize(), fonts.quote.pixelSize()))


#: A card grows at most this many times its height to show its whole title.
MAX_GROWTH = 6.0


def fitted_size(card: Card, decor: CardDecor | None, theme: Theme) -> tuple[float, float]:
    """The smallest size, no smaller than the card's own, at which its title (a claim's
    quote) is painted whole, not cut with "…": taller first, then wider.  Print uses
    it, since paper has no tooltip to show the rest."""
    from dataclasses import replace

    w, h = card.width, card.height
    look = CardLook(replace(card, width=w, height=h), decor, theme)
    step = look.blocks()["title"].line_height
    limit = card.height * MAX_GROWTH
    while look.blocks()["title"].elided:
        if h < limit:
            h += step
        elif w < card.width * 3:
            w += 40.0
        else:
            break
        look = CardLook(replace(card, width=w, height=h), decor, theme)
    return w, h


# ===================================================================== tooltip
def card_tooltip(card: Card, decor: CardDecor | None = None,
                 backing: Backing | None = None) -> str:
    """The full text of a card (plain text), for tooltips."""
    d = decor or EMPTY_CARD
    b = backing or NO_BACKING
    lines = [card.title]
    if card.kind == "actor":
        lines.append(ACTOR_TYPE_LABELS.get(card.actor_type or "other", "Actor"))
        if card.aliases:
            lines.append("Also known as: " + ", ".join(card.aliases))
    elif card.kind == "claim":
        who = card.speaker or "unknown speaker"
        lines.append(("Denied by " if card.stance == "denies" else "Said by ") + who)
    if card.body:
        lines.append(card.body)
    facts = []
    if d.citations:
        facts.append(f"{d.citations} citation{'s' if d.citations != 1 else ''}")
    elif card.kind == "claim":
        facts.append("no citation")
    if d.grade:
        facts.append(f"grade {d.grade}")
    corr = corroboration_text(b.sources, b.origins) if card.kind == "claim" else ""
    if corr:
        facts.append(corr)
    if facts:
        lines.append(" · ".join(facts))
    if b.origin_names and card.kind == "claim":
        lines.append("Origins: " + "; ".join(b.origin_names))
    if d.contradicts:
        lines.append(f"Contradicted by {len(d.contradicts)} claim"
                     f"{'s' if len(d.contradicts) != 1 else ''}")
    return "\n".join(lines)


__all__ = [
    "CLAIM_FULL_LOD",
    "COMPACT_LOD",
    "COMPACT_TEXT_PX",
    "FULL_LOD",
    "NO_STATE",
    "PAD",
    "Badge",
    "CardGeometry",
    "CardLook",
    "CardState",
    "card_geometry",
    "card_tooltip",
    "far_font",
    "fitted_size",
    "full_lod",
    "min_size",
    "paint_badge",
    "paint_card",
    "paint_card_swatch",
    "title_font_px",
]
