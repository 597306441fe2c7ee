"""The far view of a big board, painted in bulk, a region at a time.

Zoomed out on thousands of cards, text is unreadable and one Python ``paint()`` per card
costs more than the whole frame budget (see ENGINEERING.md: ~110 ms for 10,000 items even
with an early exit).  Here cards become rectangles filled with their kind's colour and
links become hairlines, batched into one :class:`QPainterPath` per colour, so a frame is
a handful of C++ calls whatever the board size.

The board is cut into square *buckets* (at a few sizes, one per zoom range), each with
its own cached paths: painting a region (:meth:`FarLayer.paint_region`, one tile of the
canvas's far picture) draws only the buckets around it, and an edit rebuilds only the
buckets it touched.  :meth:`FarLayer.take_dirty` tells the canvas which scene
rectangles and segments changed since it last asked, so it redraws exactly the tiles
they cross.

Colours are opaque (pre-blended with the background): translucent hairlines are ~15x
slower to rasterise than opaque ones on these machines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from ..model import Card, Link
from .grid import segment_cells
from .theme import ACTOR_TYPE_COLORS, Theme, blend

#: Cards are filed by their centre in square buckets of this side (scene units), links in
#: every bucket they cross, each bucket holding only its piece of the line (so nothing
#: is drawn twice and a region touches only what lies in it).  A region is painted from
#: groups of g x g buckets
#: (:data:`GROUPS`), each group's paths joined from its buckets' (so an edit rebuilds
#: one bucket, and a far tile draws a few big paths, not hundreds of small ones).
BUCKET = 2048.0
GROUPS = (1, 2, 4, 8, 16, 32, 64)
#: A link crossing more bucket columns than this is drawn with every region.
MAX_COLUMNS = 64
#: Cards with a half side over this are drawn with every region too (regions would
#: otherwise have to look that far around them for every card).
BIG_HALF = 4096.0
#: Each bucket's lines are kept in this many parts (by link): an edit rebuilds one.
#: (An edit frame at 10k cards spent 2.9-3.3 ms rebuilding parts and joining them with
#: 8 parts, 2.4-2.5 ms with 16, 3.0-3.5 ms with 32: smaller parts, more joins.)
SHARDS = 16
#: How much of its colour a frame's fill keeps (blended into the background; a
#: collapsed group's box is stronger: it stands for its hidden cards).
FRAME_FILL = 0.12
FRAME_BOX = 0.45
#: Changes remembered one by one, at most (then "everything changed").
MAX_DIRTY = 4096

Cell = tuple[int, int]
Segment = tuple[float, float, float, float]
Paths = dict[int, QPainterPath]  # lines: one path per colour
Rects = dict[int, list[QRectF]]  # cards: rectangles per colour (drawRects: no rasteriser)


def far_card_color(card: Card, theme: Theme) -> QColor:
    """A card's colour in the far view: stronger than its fill, so it stands out from
    the background when it is a few pixels wide."""
    if card.color:
        c = QColor(card.color)
        if c.isValid():
            return c
    if card.kind == "actor":
        base = QColor(ACTOR_TYPE_COLORS.get(card.actor_type or "other",
                                            ACTOR_TYPE_COLORS["other"]))
        return blend(base, theme.background, 0.75)
    if card.kind == "claim":
        base = theme.denies if card.stance == "denies" else theme.asserts
        return blend(base, theme.background, 0.4)
    return blend(theme.note_fill, theme.text, 0.9) if not theme.is_dark else theme.note_fill


def far_link_color(confidence: str, contradiction: bool, theme: Theme) -> QColor:
    """Links recede in the far view (thousands of hairlines would hide the cards); a
    contradiction keeps more of its colour."""
    if contradiction:
        return blend(theme.contradiction, theme.background, 0.55)
    base = theme.disputed if confidence == "disputed" else theme.link
    return blend(base, theme.background, 0.22 if confidence == "disputed" else 0.3)


def needs_outline(scale: float, min_pixels: float) -> bool:
    """Cards drawn with a one-pixel outline of their own colour, so that a typical
    card (72 units tall) stays about ``min_pixels`` tall at ``scale``: cheaper than
    growing every rectangle, and the same paths serve every zoom."""
    return bool(min_pixels) and 72.0 * scale + 1.0 < min_pixels


class FarLayer:
    """Rectangles of cards and lines of links, kept up to date by the canvas and painted
    in bulk, region by region."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._cards: dict[str, tuple[QRectF, Card, float, float]] = {}
        self._links: dict[str, tuple[Link, bool]] = {}  # id -> (link, contradiction)
        self._links_of: dict[str, set[str]] = {}
        self._faded: set[str] = set()
        self._display_colors: dict[str, str] = {}
        self._excluded: frozenset[str] = frozenset()
        self._colors: dict[tuple, int] = {}
        self._pens: dict[int, QPen] = {}  # by colour (rgba): kept, colours are few
        self._qcolors: dict[int, QColor] = {}
        self._max_half = 0.0  # half the largest side of any (not big) card
        # Filing.
        self._bucket_cards: dict[Cell, set[str]] = {}
        self._card_cell: dict[str, Cell | None] = {}  # None: a big card
        self._big_cards: set[str] = set()
        self._bucket_links: dict[Cell, set[str]] = {}
        self._shard_links: dict[tuple[Cell, int], set[str]] = {}  # the same, by shard
        self._link_cells: dict[str, tuple[Cell, ...]] = {}
        self._endless: set[str] = set()  # links too long to file
        self._members: dict[int, dict[Cell, set[Cell]]] = {g: {} for g in GROUPS[1:]}
        self._filled: set[Cell] = set()  # buckets holding a card or a line
        # Paths.
        self._card_paths: dict[Cell, Rects] = {}
        self._line_paths: dict[tuple[Cell, int], Paths] = {}  # (bucket, shard)
        self._card_groups: dict[tuple[int, Cell], Rects] = {}
        self._line_groups: dict[tuple[int, Cell], Paths] = {}
        self._special: tuple[Paths, Rects] | None = None  # endless links, big cards
        self._drawn: dict[str, tuple[int, float, float, float, float] | None] = {}
        # Group frames (few): id -> (rect, colour rgba, collapsed), drawn under the rest.
        self._frames: dict[str, tuple[QRectF, int, bool]] = {}
        # What changed, for the canvas's tiles.
        self._dirty_rects: list[QRectF] = []
        self._dirty_segments: list[Segment] = []
        self._dirty_all = True
        self.revision = 0

    # ----------------------------------------------------------------- changes
    def _changed(self) -> None:
        self.revision += 1

    def _everything_changed(self) -> None:
        self._drawn.clear()
        self._card_paths.clear()
        self._line_paths.clear()
        self._card_groups.clear()
        self._line_groups.clear()
        self._special = None
        self._dirty_all = True
        self._dirty_rects, self._dirty_segments = [], []
        self._changed()

    def _cap_dirty(self) -> None:
        if len(self._dirty_rects) + len(self._dirty_segments) > MAX_DIRTY:
            # Nobody asked for a long time (the far view is not shown): all of it.
            self._dirty_all = True
            self._dirty_rects, self._dirty_segments = [], []

    def take_dirty(self) -> tuple[list[QRectF], list[Segment]] | None:
        """What changed since the last call: scene rectangles (cards) and segments
        (links), or None when everything did (a new theme, fading)."""
        if self._dirty_all:
            self._dirty_all = False
            self._dirty_rects, self._dirty_segments = [], []
            return None
        out = (self._dirty_rects, self._dirty_segments)
        self._dirty_rects, self._dirty_segments = [], []
        return out

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._colors.clear()
        self._everything_changed()

    def set_display_colors(self, colors: dict[str, str]) -> None:
        """Colours cards are drawn in instead of their own (View ▸ Colour by
        Community), by card id."""
        colors = dict(colors)
        if colors != self._display_colors:
            self._display_colors = colors
            self._everything_changed()

    def set_faded(self, faded: set[str]) -> None:
        """Ids drawn faded (blended into the background)."""
        faded = set(faded)
        if faded != self._faded:
            self._faded = faded
            self._everything_changed()

    def set_excluded(self, ids: Iterable[str]) -> None:
        """Cards left out of the picture (being dragged: drawn live over it), and their
        links."""
        ids = frozenset(ids)
        if ids == self._excluded:
            return
        changed = ids ^ self._excluded
        self._excluded = ids
        for cid in changed:
            self._touch_card(cid)
        self._changed()

    def set_frames(self, frames: Iterable[tuple[str, QRectF, QColor, bool]]) -> None:
        """The groups' frames as the canvas shows them: (group id, rectangle, colour,
        collapsed) each; drawn as an outline and a faint fill of the colour (a
        collapsed box filled stronger), under links and cards."""
        new = {gid: (QRectF(r), QColor(c).rgba(), bool(k)) for gid, r, c, k in frames}
        if new == self._frames:
            return
        for gid in sorted(set(new) | set(self._frames)):
            a, b = self._frames.get(gid), new.get(gid)
            if a != b:
                self._dirty_rects.extend(e[0] for e in (a, b) if e is not None)
        self._cap_dirty()
        self._frames = new
        self._changed()

    def frames(self) -> dict[str, tuple[QRectF, int, bool]]:
        return dict(self._frames)

    def _paint_frames(self, painter: QPainter, region: QRectF) -> None:
        hit = [f for f in self._frames.values() if f[0].intersects(region)]
        if not hit:
            return
        # big frames first and collapsed boxes last: what lies inside stays visible
        hit.sort(key=lambda f: (f[2], -f[0].width() * f[0].height(), f[0].x(), f[0].y()))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        bg = self.theme.background
        for rect, rgba, collapsed in hit:
            color = QColor.fromRgba(rgba)
            pen = QPen(color, 0)  # cosmetic: one pixel at every zoom
            painter.setPen(pen)
            painter.setBrush(blend(color, bg, FRAME_BOX if collapsed else FRAME_FILL))
            painter.drawRect(rect)

    def put_card(self, card: Card, rect: QRectF | None = None) -> None:
        if rect is None:
            rect = QRectF(card.x, card.y, card.width, card.height)
        old = self._cards.get(card.id)
        if old is not None:
            self._touch_card(card.id)
            self._unfile_card(card.id)
        entry = (rect, card, rect.x() + rect.width() / 2.0, rect.y() + rect.height() / 2.0)
        self._cards[card.id] = entry
        self._file_card(card.id)
        self._touch_card(card.id)
        if old is None or (old[2], old[3]) != (entry[2], entry[3]):
            for lid in list(self._links_of.get(card.id, ())):
                self._refile_link(lid)  # its lines end elsewhere now
        self._changed()

    def move_card(self, card_id: str, rect: QRectF) -> None:
        entry = self._cards.get(card_id)
        if entry is not None and entry[0] != rect:
            self.put_card(entry[1], rect)

    def remove_card(self, card_id: str) -> None:
        if card_id not in self._cards:
            return
        self._touch_card(card_id)
        self._unfile_card(card_id)
        del self._cards[card_id]
        for lid in list(self._links_of.get(card_id, ())):
            self._refile_link(lid)  # its lines go (they need both ends)
        self._changed()

    def put_link(self, link: Link, contradiction: bool = False) -> None:
        old = self._links.get(link.id)
        if old is not None:
            self._touch_link(link.id)
            self._unfile_link(link.id)
            self._unindex(old[0])
        self._links[link.id] = (link, contradiction)
        for end in (link.from_id, link.to_id):
            self._links_of.setdefault(end, set()).add(link.id)
        self._file_link(link.id)
        self._touch_link(link.id)
        self._changed()

    def remove_link(self, link_id: str) -> None:
        entry = self._links.get(link_id)
        if entry is None:
            return
        self._touch_link(link_id)
        self._unfile_link(link_id)
        self._unindex(entry[0])
        del self._links[link_id]
        self._changed()

    def _unindex(self, link: Link) -> None:
        for end in (link.from_id, link.to_id):
            ids = self._links_of.get(end)
            if ids is not None:
                ids.discard(link.id)
                if not ids:
                    del self._links_of[end]

    # ----------------------------------------------------------------- queries
    def card_rect(self, card_id: str) -> QRectF | None:
        entry = self._cards.get(card_id)
        return entry[0] if entry is not None else None

    def bounds(self) -> QRectF:
        """The rectangle around every card and frame (empty for an empty board)."""
        if not self._cards:
            return QRectF()
        rects = [e[0] for e in self._cards.values()] + [f[0] for f in self._frames.values()]
        x0 = min(r.left() for r in rects)
        y0 = min(r.top() for r in rects)
        x1 = max(r.right() for r in rects)
        y1 = max(r.bottom() for r in rects)
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def __len__(self) -> int:
        return len(self._cards)

    def _segment(self, lid: str) -> Segment | None:
        entry = self._links.get(lid)
        if entry is None:
            return None
        a, b = self._cards.get(entry[0].from_id), self._cards.get(entry[0].to_id)
        if a is None or b is None:
            return None
        return (a[2], a[3], b[2], b[3])

    # ----------------------------------------------------------------- filing
    def _member(self, cell: Cell, present: bool) -> None:
        """Keep each group's list of non-empty buckets (called when a bucket may have
        become non-empty, or empty)."""
        if present:
            if cell in self._filled:
                return
            self._filled.add(cell)
            for g, groups in self._members.items():
                groups.setdefault((cell[0] // g, cell[1] // g), set()).add(cell)
        elif cell in self._filled and cell not in self._bucket_cards \
                and cell not in self._bucket_links:
            self._filled.discard(cell)
            for g, groups in self._members.items():
                gc = (cell[0] // g, cell[1] // g)
                m = groups.get(gc)
                if m is not None:
                    m.discard(cell)
                    if not m:
                        del groups[gc]

    def _drop_bucket(self, cell: Cell, lines: bool, lid: str | None = None) -> None:
        """A bucket's cards (or lines: only ``lid``'s share, if given) changed: their
        paths and those of the groups holding the bucket go."""
        if lines:
            if self._line_paths:
                if lid is None:
                    for k in range(SHARDS):
                        self._line_paths.pop((cell, k), None)
                else:
                    self._line_paths.pop((cell, _shard(lid)), None)
            groups: dict = self._line_groups
        else:
            self._card_paths.pop(cell, None)
            groups = self._card_groups
        if groups:
            groups.pop((1, cell), None)
            for g in GROUPS[1:]:
                groups.pop((g, (cell[0] // g, cell[1] // g)), None)

    def _file_card(self, cid: str) -> None:
        rect, _card, cx, cy = self._cards[cid]
        half = max(rect.width(), rect.height()) / 2.0
        if half > BIG_HALF:
            self._big_cards.add(cid)
            self._card_cell[cid] = None
            self._special = None
            return
        self._max_half = max(self._max_half, half)
        cell = (math.floor(cx / BUCKET), math.floor(cy / BUCKET))
        self._bucket_cards.setdefault(cell, set()).add(cid)
        self._card_cell[cid] = cell
        self._member(cell, True)
        self._drop_bucket(cell, False)

    def _unfile_card(self, cid: str) -> None:
        if cid not in self._card_cell:
            return
        cell = self._card_cell.pop(cid)
        if cell is None:
            self._big_cards.discard(cid)
            self._special = None
            return
        bucket = self._bucket_cards.get(cell)
        if bucket is not None:
            bucket.discard(cid)
            if not bucket:
                del self._bucket_cards[cell]
        self._member(cell, False)
        self._drop_bucket(cell, False)

    def _file_link(self, lid: str) -> None:
        seg = self._segment(lid)
        if seg is None:
            return
        ax, ay, bx, by = seg
        ca = (math.floor(ax / BUCKET), math.floor(ay / BUCKET))
        if ca == (math.floor(bx / BUCKET), math.floor(by / BUCKET)):
            cells: tuple[Cell, ...] | None = (ca,)
        else:
            crossed = segment_cells(ax, ay, bx, by, 0.0, BUCKET, MAX_COLUMNS)
            cells = tuple(set(crossed)) if crossed is not None else None
        if cells is None:
            self._endless.add(lid)
            self._link_cells[lid] = ()
            self._special = None
            return
        for cell in cells:
            self._bucket_links.setdefault(cell, set()).add(lid)
            self._shard_links.setdefault((cell, _shard(lid)), set()).add(lid)
            self._member(cell, True)
            self._drop_bucket(cell, True, lid)
        self._link_cells[lid] = cells

    def _unfile_link(self, lid: str) -> None:
        cells = self._link_cells.pop(lid, None)
        if cells is None:
            return
        if lid in self._endless:
            self._endless.discard(lid)
            self._special = None
        for cell in cells:
            bucket = self._bucket_links.get(cell)
            if bucket is not None:
                bucket.discard(lid)
                if not bucket:
                    del self._bucket_links[cell]
            key = (cell, _shard(lid))
            shard = self._shard_links.get(key)
            if shard is not None:
                shard.discard(lid)
                if not shard:
                    del self._shard_links[key]
            self._member(cell, False)
            self._drop_bucket(cell, True, lid)

    def _refile_link(self, lid: str) -> None:
        self._touch_link(lid)
        self._unfile_link(lid)
        self._file_link(lid)
        self._touch_link(lid)

    def _touch_card(self, cid: str) -> None:
        """What the card covers now must be redrawn (and its links' lines)."""
        entry = self._cards.get(cid)
        if entry is not None and not self._dirty_all:
            self._dirty_rects.append(QRectF(entry[0]))
            self._cap_dirty()
        cell = self._card_cell.get(cid)
        if cell is not None:
            self._drop_bucket(cell, False)
        elif cid in self._big_cards:
            self._special = None
        for lid in self._links_of.get(cid, ()):
            self._touch_link(lid)

    def _touch_link(self, lid: str) -> None:
        self._drawn.pop(lid, None)
        seg = self._segment(lid)
        if seg is not None and not self._dirty_all:
            self._dirty_segments.append(seg)
            self._cap_dirty()
        cells = self._link_cells.get(lid)
        if cells is None:
            return
        if lid in self._endless:
            self._special = None
        for cell in cells:
            self._drop_bucket(cell, True, lid)

    # ----------------------------------------------------------------- colours
    def _card_rgba(self, card: Card) -> int:
        shown = self._display_colors
        color = shown.get(card.id, card.color) if shown else card.color
        if color != card.color:
            card = replace(card, color=color)
        key = (card.kind, card.actor_type, card.stance, card.color, card.id in self._faded)
        rgba = self._colors.get(key)
        if rgba is None:
            c = far_card_color(card, self.theme)
            if key[-1]:
                c = blend(c, self.theme.background, self.theme.faded_opacity)
            rgba = self._colors[key] = c.rgba()
        return rgba

    def _link_rgba(self, link: Link, contradiction: bool) -> int:
        key = ("link", link.confidence, contradiction, link.id in self._faded
               if self._faded else False)
        rgba = self._colors.get(key)
        if rgba is None:
            c = far_link_color(link.confidence, contradiction, self.theme)
            if key[-1]:
                c = blend(c, self.theme.background, self.theme.faded_opacity)
            rgba = self._colors[key] = c.rgba()
        return rgba

    # ----------------------------------------------------------------- paths
    def _lines(self, ids: Iterable[str], out: Paths, cell: Cell | None = None) -> None:
        """The lines of ``ids`` (only their pieces inside bucket ``cell``, if given)."""
        drawn, line = self._drawn, self._line
        if cell is None:
            for lid in ids:
                d = drawn[lid] if lid in drawn else line(lid)
                if d is None:
                    continue
                path = out.get(d[0])
                if path is None:
                    path = out[d[0]] = QPainterPath()
                path.moveTo(d[1], d[2])  # card centres: the cards cover the ends
                path.lineTo(d[3], d[4])
            return
        x0, y0 = cell[0] * BUCKET, cell[1] * BUCKET
        x1, y1 = x0 + BUCKET, y0 + BUCKET
        # One loop, the clipping (Liang-Barsky) inline: rebuilding a
        # bucket's part after an edit clips every line of it again, and the calls
        # were most of an edit frame's Python time.
        for lid in ids:
            d = drawn[lid] if lid in drawn else line(lid)
            if d is None:
                continue
            rgba, ax, ay, bx, by = d
            if not (x0 <= ax <= x1 and y0 <= ay <= y1 and x0 <= bx <= x1
                    and y0 <= by <= y1):
                dx, dy = bx - ax, by - ay
                t0, t1 = 0.0, 1.0
                if dx != 0.0:
                    ta, tb = (x0 - ax) / dx, (x1 - ax) / dx
                    if ta > tb:
                        ta, tb = tb, ta
                    if ta > t0:
                        t0 = ta
                    if tb < t1:
                        t1 = tb
                elif ax < x0 or ax > x1:
                    continue
                if dy != 0.0:
                    ta, tb = (y0 - ay) / dy, (y1 - ay) / dy
                    if ta > tb:
                        ta, tb = tb, ta
                    if ta > t0:
                        t0 = ta
                    if tb < t1:
                        t1 = tb
                elif ay < y0 or ay > y1:
                    continue
                if t0 >= t1:
                    continue
                ax, ay, bx, by = ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1
            path = out.get(rgba)
            if path is None:
                path = out[rgba] = QPainterPath()
            path.moveTo(ax, ay)
            path.lineTo(bx, by)

    def _line(self, lid: str) -> tuple[int, float, float, float, float] | None:
        """A link's line as drawn (colour and ends), or None (not drawn), cached until
        it or one of its cards changes."""
        link, contra = self._links[lid]
        a, b = link.from_id, link.to_id
        ea, eb = self._cards.get(a), self._cards.get(b)
        if ea is None or eb is None or a in self._excluded or b in self._excluded:
            d = None
        else:
            d = (self._link_rgba(link, contra), ea[2], ea[3], eb[2], eb[3])
        self._drawn[lid] = d
        return d

    def _rects(self, ids: Iterable[str], out: Rects) -> None:
        entries, excluded = self._cards, self._excluded
        for cid in ids:
            if cid in excluded:
                continue
            rect, card, _cx, _cy = entries[cid]
            rgba = self._card_rgba(card)
            rects = out.get(rgba)
            if rects is None:
                out[rgba] = [rect]
            else:
                rects.append(rect)

    def _bucket_card_paths(self, cell: Cell) -> Rects:
        hit = self._card_paths.get(cell)
        if hit is None:
            hit = self._card_paths[cell] = {}
            self._rects(sorted(self._bucket_cards.get(cell, ())), hit)
        return hit

    def _shard_paths(self, cell: Cell, k: int) -> Paths:
        hit = self._line_paths.get((cell, k))
        if hit is None:
            hit = self._line_paths[(cell, k)] = {}
            self._lines(sorted(self._shard_links.get((cell, k), ())), hit, cell)
        return hit

    def _group_cards(self, g: int, gc: Cell) -> Rects:
        """The cards of group ``gc`` (``g`` x ``g`` buckets): rectangles per colour."""
        key = (g, gc)
        hit = self._card_groups.get(key)
        if hit is None:
            members = [gc] if g == 1 else sorted(self._members[g].get(gc, ()))
            hit = {}
            for c in members:
                if c in self._bucket_cards:
                    for rgba, rects in self._bucket_card_paths(c).items():
                        hit.setdefault(rgba, []).extend(rects)
            self._card_groups[key] = hit
        return hit

    def _group_lines(self, g: int, gc: Cell) -> Paths:
        """The lines of group ``gc``: one path per colour joined from its buckets'
        (each bucket's lines are kept in :data:`SHARDS` parts, so that an edited link
        rebuilds only its part)."""
        key = (g, gc)
        hit = self._line_groups.get(key)
        if hit is None:
            members = [gc] if g == 1 else sorted(self._members[g].get(gc, ()))
            hit = _joined(self._shard_paths(c, k) for c in members
                          if c in self._bucket_links for k in range(SHARDS)
                          if (c, k) in self._shard_links)
            self._line_groups[key] = hit
        return hit

    def group_for(self, region: float) -> int:
        """The group size whose groups are about half ``region`` wide (a region then
        meets about nine, holding about twice its own area)."""
        best = GROUPS[0]
        for g in GROUPS:
            if g * BUCKET <= region / 2.0:
                best = g
        return best

    def weight(self, region: QRectF) -> int:
        """How much painting ``region`` draws: the cards and line pieces filed in the
        buckets it meets (what a far tile's cost follows; the canvas budgets its frames
        by it)."""
        floor = math.floor
        x0, x1 = floor(region.left() / BUCKET), floor(region.right() / BUCKET)
        y0, y1 = floor(region.top() / BUCKET), floor(region.bottom() / BUCKET)
        cards, links = self._bucket_cards, self._bucket_links
        if (x1 - x0 + 1) * (y1 - y0 + 1) > len(self._filled):
            cells: Iterable[Cell] = [c for c in self._filled
                                     if x0 <= c[0] <= x1 and y0 <= c[1] <= y1]
        else:
            cells = [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]
        n = len(self._endless) + len(self._big_cards)
        for c in cells:
            n += len(cards.get(c, ())) + len(links.get(c, ()))
        return n

    # ----------------------------------------------------------------- painting
    def paint_region(self, painter: QPainter, region: QRectF | None, *,
                     outline: bool = False, antialias: bool = False) -> None:
        """Links (hairlines) under cards (filled rectangles) meeting ``region`` (scene
        coordinates; None: everything), with ``outline`` cards get a one-pixel edge of
        their own colour (tiny cards stay visible)."""
        if region is None:
            region = self.bounds().adjusted(-1.0, -1.0, 1.0, 1.0)
            if region.isEmpty():
                return
        g = self.group_for(max(region.width(), region.height()))
        side = g * BUCKET
        floor = math.floor

        def groups(reach: float, table: dict) -> list[Cell]:
            x0 = floor((region.left() - reach) / side)
            x1 = floor((region.right() + reach) / side)
            y0 = floor((region.top() - reach) / side)
            y1 = floor((region.bottom() + reach) / side)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * len(table) + 16:
                return sorted(c for c in table if x0 <= c[0] <= x1 and y0 <= c[1] <= y1)
            return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)
                    if (i, j) in table]

        # The non-empty buckets (kept as they change), or groups of them.
        table: dict | set = self._members[g] if g > 1 else self._filled
        line_paths: list[tuple[int, QPainterPath]] = []
        card_rects: dict[int, list[QRectF]] = {}
        card_groups = set(groups(self._max_half + 4.0 / max(
            painter.worldTransform().m11(), 1e-9), table))
        line_groups = set(groups(1.0, table))
        for gc in sorted(line_groups):
            line_paths.extend(self._group_lines(g, gc).items())
        for gc in sorted(card_groups):
            for rgba, rects in self._group_cards(g, gc).items():
                card_rects.setdefault(rgba, []).extend(rects)
        if self._endless or self._big_cards:
            if self._special is None:
                endless: Paths = {}
                self._lines(sorted(self._endless), endless)
                big: Rects = {}
                self._rects(sorted(self._big_cards), big)
                self._special = (endless, big)
            line_paths.extend(self._special[0].items())
            for rgba, rects in self._special[1].items():
                card_rects.setdefault(rgba, []).extend(rects)
        self._paint_frames(painter, region)
        # Hairlines never antialiased: a big antialiased path makes Qt's rasteriser
        # re-scan it band after band (seconds for 20,000 lines, measured).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pens, colors = self._pens, self._qcolors
        for rgba, path in sorted(line_paths, key=lambda t: t[0]):
            pen = pens.get(rgba)
            if pen is None:
                pen = pens[rgba] = QPen(QColor.fromRgba(rgba), 0)  # cosmetic: 1 pixel
            painter.setPen(pen)
            painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias and not outline)
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba in sorted(card_rects):
            color = colors.get(rgba)
            if color is None:
                color = colors[rgba] = QColor.fromRgba(rgba)
            if outline:
                pen = pens.get(rgba)
                if pen is None:
                    pen = pens[rgba] = QPen(color, 0)
                painter.setPen(pen)
            painter.setBrush(color)
            painter.drawRects(card_rects[rgba])

    def paint(self, painter: QPainter, *, antialias: bool = False,
              min_pixels: float = 0.0) -> None:
        """Everything, in scene coordinates (the minimap, exports' previews).
        ``min_pixels``: tiny cards get an outline so that they stay about that many
        device pixels tall on a whole-board view."""
        outline = needs_outline(painter.worldTransform().m22(), min_pixels)
        self.paint_region(painter, None, outline=outline, antialias=antialias)

    def paint_live(self, painter: QPainter, card_ids: Iterable[str],
                   rects: dict[str, QRectF]) -> None:
        """Cards being dragged (at ``rects``) and their links, over a picture that was
        painted without them."""
        ids = set(card_ids)
        lines: Paths = {}
        seen: set[str] = set()
        for cid in ids:
            for lid in self._links_of.get(cid, ()):
                if lid in seen:
                    continue
                seen.add(lid)
                link, contra = self._links[lid]
                ra = rects.get(link.from_id) or self.card_rect(link.from_id)
                rb = rects.get(link.to_id) or self.card_rect(link.to_id)
                if ra is None or rb is None:
                    continue
                path = lines.setdefault(self._link_rgba(link, contra), QPainterPath())
                path.moveTo(ra.center())
                path.lineTo(rb.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rgba, path in lines.items():
            painter.setPen(QPen(QColor.fromRgba(rgba), 0))
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for cid in ids:
            entry = self._cards.get(cid)
            rect = rects.get(cid)
            if entry is None or rect is None:
                continue
            painter.setBrush(QColor.fromRgba(self._card_rgba(entry[1])))
            painter.drawRect(rect)

    def link_lines(self, ids: Iterable[str]) -> QPainterPath:
        """Centre-to-centre lines of the given links, as one path (selection overlays)."""
        path = QPainterPath()
        for lid in ids:
            seg = self._segment(lid)
            if seg is not None:
                path.moveTo(seg[0], seg[1])
                path.lineTo(seg[2], seg[3])
        return path


def _shard(lid: str) -> int:
    return hash(lid) % SHARDS


def _joined(parts: Iterable[Paths]) -> Paths:
    """Paths of the same colour joined into one (C++ copies, no Python per element)."""
    out: Paths = {}
    for paths in parts:
        for rgba, path in paths.items():
            mine = out.get(rgba)
            if mine is None:
                mine = out[rgba] = QPainterPath()
                mine.setFillRule(path.fillRule())
            mine.addPath(path)
    return out
