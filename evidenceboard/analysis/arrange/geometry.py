"""Rectangles of cards for the layouts: overlap removal, packing blocks, and how many
links pass under a card.

Everything works on card *centres* and display sizes (a card drawn bigger by importance
takes its drawn size), so a layout never depends on where a card's corner happens to be.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Up to this many boxes, overlaps are separated on all pairs at once with numpy.
DENSE_LIMIT = 2000
#: Space kept free between two cards after a layout (room for links and arrowheads).
GAP = 36.0


@dataclass
class Box:
    """A card's rectangle by its centre, and whether a layout may move it."""

    cx: float
    cy: float
    w: float
    h: float
    fixed: bool = False

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def top(self) -> float:
        return self.cy - self.h / 2


def boxes_overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    return (abs(a.cx - b.cx) < (a.w + b.w) / 2 + gap
            and abs(a.cy - b.cy) < (a.h + b.h) / 2 + gap)


class _Grid:
    """Boxes hashed into square cells (cost follows the number of boxes)."""

    def __init__(self, cell: float) -> None:
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[str]] = defaultdict(list)

    def _span(self, b: Box, pad: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        x0 = math.floor((b.cx - b.w / 2 - pad) / c)
        x1 = math.floor((b.cx + b.w / 2 + pad) / c)
        y0 = math.floor((b.cy - b.h / 2 - pad) / c)
        y1 = math.floor((b.cy + b.h / 2 + pad) / c)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > 4096:  # a huge card: clamp the walk
            x1, y1 = x0 + 63, y0 + 63
        for gx in range(x0, x1 + 1):
            for gy in range(y0, y1 + 1):
                yield gx, gy

    def add(self, key: str, b: Box, pad: float) -> None:
        for cell in self._span(b, pad):
            self.cells[cell].append(key)

    def near(self, b: Box, pad: float) -> set[str]:
        out: set[str] = set()
        for cell in self._span(b, pad):
            out.update(self.cells.get(cell, ()))
        return out


def remove_overlaps(boxes: dict[str, Box], gap: float = GAP, *,
                    iterations: int = 80) -> None:
    """Move the boxes that are not fixed until no two boxes (with ``gap`` between them)
    overlap, changing the layout's shape as little as it can.

    1. Iterative separation: every overlapping pair is pushed apart along the axis where
       it overlaps least, each movable box taking its share; pairs are found through a
       grid, so a round costs about the number of boxes.
    2. What still overlaps after ``iterations`` rounds (a very crowded spot) takes the
       nearest free place, searched outwards from where it is, most crowded last.
    The result has no overlap between a moved box and any other box.
    """
    keys = sorted(boxes)
    if not keys:
        return
    cell = max(max(b.w, b.h) for b in boxes.values()) + gap
    if len(keys) <= DENSE_LIMIT:
        _separate_dense(boxes, keys, gap, iterations)
        _settle_rest(boxes, keys, gap, cell)
        return
    for _ in range(iterations):
        grid = _Grid(cell)
        for k in keys:
            grid.add(k, boxes[k], 0.0)
        shift: dict[str, list[float]] = {}
        seen: set[tuple[str, str]] = set()
        for a in keys:
            ba = boxes[a]
            for b in sorted(grid.near(ba, gap)):
                if b <= a or (a, b) in seen:
                    continue
                seen.add((a, b))
                bb = boxes[b]
                if ba.fixed and bb.fixed:
                    continue
                px = (ba.w + bb.w) / 2 + gap - abs(ba.cx - bb.cx)
                py = (ba.h + bb.h) / 2 + gap - abs(ba.cy - bb.cy)
                if px <= 0 or py <= 0:
                    continue
                if px / max(ba.w + bb.w, 1.0) <= py / max(ba.h + bb.h, 1.0):
                    d = ba.cx - bb.cx
                    sign = 1.0 if d > 0 or (d == 0 and a < b) else -1.0
                    move, axis = px, 0
                else:
                    d = ba.cy - bb.cy
                    sign = 1.0 if d > 0 or (d == 0 and a < b) else -1.0
                    move, axis = py, 1
                share_a = 0.0 if ba.fixed else (1.0 if bb.fixed else 0.5)
                share_b = 0.0 if bb.fixed else (1.0 if ba.fixed else 0.5)
                # a little more than needed, so pairs do not stay touching
                move *= 1.02
                sa = shift.setdefault(a, [0.0, 0.0])
                sb = shift.setdefault(b, [0.0, 0.0])
                sa[axis] += sign * move * share_a
                sb[axis] -= sign * move * share_b
        if not shift:
            return
        for k, (dx, dy) in shift.items():
            box = boxes[k]
            # several pushes on one box at once: move by the strongest, not the sum
            box.cx += max(-box.w - gap, min(box.w + gap, dx))
            box.cy += max(-box.h - gap, min(box.h + gap, dy))
    _settle_rest(boxes, keys, gap, cell)


def _separate_dense(boxes: dict[str, Box], keys: list[str], gap: float,
                    iterations: int) -> None:
    """The separation rounds of :func:`remove_overlaps` on all pairs at once (numpy):
    the same rule, for boards up to :data:`DENSE_LIMIT` cards."""
    bs = [boxes[k] for k in keys]
    cx = np.array([b.cx for b in bs])
    cy = np.array([b.cy for b in bs])
    w = np.array([b.w for b in bs])
    h = np.array([b.h for b in bs])
    fixed = np.array([b.fixed for b in bs])
    n = len(bs)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    both_fixed = fixed[:, None] & fixed[None, :]
    candidates = upper & ~both_fixed
    reach_x = np.add.outer(w, w) / 2 + gap
    reach_y = np.add.outer(h, h) / 2 + gap
    for _ in range(iterations):
        # the whole matrix only to find the overlapping pairs; the pushes are worked
        # out on those pairs alone (a few per box), not on every pair
        dx = np.subtract.outer(cx, cx)
        dy = np.subtract.outer(cy, cy)
        px = reach_x - np.abs(dx)
        py = reach_y - np.abs(dy)
        over = candidates & (px > 0) & (py > 0)
        ii, jj = np.nonzero(over)
        if not len(ii):
            break
        pdx, pdy, ppx, ppy = dx[ii, jj], dy[ii, jj], px[ii, jj], py[ii, jj]
        sw, sh = w[ii] + w[jj], h[ii] + h[jj]
        along_x = ppx / np.maximum(sw, 1.0) <= ppy / np.maximum(sh, 1.0)
        sx = np.where(pdx >= 0, 1.0, -1.0)  # i < j: a tie pushes i the positive way
        sy = np.where(pdy >= 0, 1.0, -1.0)
        mx = np.where(along_x, sx * ppx * 1.02, 0.0)
        my = np.where(~along_x, sy * ppy * 1.02, 0.0)
        fi, fj = fixed[ii], fixed[jj]
        share_i = np.where(fi, 0.0, np.where(fj, 1.0, 0.5))
        share_j = np.where(fj, 0.0, np.where(fi, 1.0, 0.5))
        shift_x = (np.bincount(ii, mx * share_i, n) - np.bincount(jj, mx * share_j, n))
        shift_y = (np.bincount(ii, my * share_i, n) - np.bincount(jj, my * share_j, n))
        cx += np.clip(shift_x, -(w + gap), w + gap)
        cy += np.clip(shift_y, -(h + gap), h + gap)
    for b, x, y in zip(bs, cx, cy, strict=False):
        b.cx, b.cy = float(x), float(y)


def _settle_rest(boxes: dict[str, Box], keys: list[str], gap: float, cell: float) -> None:
    """Every box keeps its place if it is free, else takes the nearest free one."""
    grid = _Grid(cell)
    placed: list[str] = []
    order = [k for k in keys if boxes[k].fixed] + [k for k in keys if not boxes[k].fixed]
    for k in order:
        b = boxes[k]
        if not b.fixed and _collides(b, grid, boxes, gap):
            step = gap + min(b.w, b.h) / 2
            x0, y0 = b.cx, b.cy
            for r in range(1, 100_000):
                found = False
                ring = _ring(r)
                for dx, dy in ring:
                    b.cx, b.cy = x0 + dx * step, y0 + dy * step
                    if not _collides(b, grid, boxes, gap):
                        found = True
                        break
                if found:
                    break
        grid.add(k, b, 0.0)
        placed.append(k)


def _ring(r: int) -> list[tuple[int, int]]:
    pts = [(dx, dy) for dx in range(-r, r + 1) for dy in (-r, r)]
    pts += [(dx, dy) for dx in (-r, r) for dy in range(-r + 1, r)]
    pts.sort(key=lambda p: (p[0] * p[0] + p[1] * p[1], p))
    return pts


def _collides(b: Box, grid: _Grid, boxes: Mapping[str, Box], gap: float) -> bool:
    return any(boxes_overlap(b, boxes[o], gap) for o in grid.near(b, gap))


def overlapping_pairs(boxes: Mapping[str, Box], gap: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of boxes closer than ``gap`` (for tests and the layouts' promise)."""
    keys = sorted(boxes)
    if not keys:
        return []
    grid = _Grid(max(max(b.w, b.h) for b in boxes.values()) + gap)
    for k in keys:
        grid.add(k, boxes[k], 0.0)
    out = []
    for a in keys:
        for b in sorted(grid.near(boxes[a], gap)):
            if b > a and boxes_overlap(boxes[a], boxes[b], gap):
                out.append((a, b))
    return out


def bounds(boxes: Iterable[Box]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the boxes."""
    bs = list(boxes)
    return (min(b.left for b in bs), min(b.top for b in bs),
            max(b.left + b.w for b in bs), max(b.top + b.h for b in bs))


def translate(boxes: Iterable[Box], dx: float, dy: float) -> None:
    for b in boxes:
        b.cx += dx
        b.cy += dy


def pack_blocks(blocks: Sequence[list[Box]], gap: float) -> None:
    """Put blocks of boxes side by side in rows (tallest first), about as wide as they
    are tall overall, top-left at (0, 0); blocks keep their own shape."""
    extents = []
    for block in blocks:
        left, top, right, bottom = bounds(block)
        extents.append((right - left, bottom - top, left, top))
    area = sum((w + gap) * (h + gap) for w, h, _, _ in extents)
    row_width = max(max(w for w, _, _, _ in extents), 1.25 * math.sqrt(area))
    order = sorted(range(len(blocks)), key=lambda i: (-extents[i][1], -extents[i][0], i))
    x = y = row_h = 0.0
    for i in order:
        w, h, left, top = extents[i]
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        translate(blocks[i], x - left, y - top)
        x += w + gap
        row_h = max(row_h, h)


def links_under_cards(boxes: Mapping[str, Box],
                      links: Iterable[tuple[str, str]]) -> int:
    """How many (link, card) pairs have the straight link (centre to centre) passing
    under a card other than its own two ends: what hides a link from its reader."""
    keys = sorted(boxes)
    if not keys:
        return 0
    index = {k: n for n, k in enumerate(keys)}
    arr = np.array([(boxes[k].left, boxes[k].top, boxes[k].left + boxes[k].w,
                     boxes[k].top + boxes[k].h) for k in keys])
    x0, y0, x1, y1 = (arr[:, i] for i in range(4))
    total = 0
    for a, b in links:
        if a not in boxes or b not in boxes or a == b:
            continue
        pa, pb = boxes[a], boxes[b]
        hits = _segment_hits(pa.cx, pa.cy, pb.cx, pb.cy, x0, y0, x1, y1)
        hits[index[a]] = hits[index[b]] = False
        total += int(hits.sum())
    return total


def _segment_hits(ax: float, ay: float, bx: float, by: float, x0: np.ndarray,
                  y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """Which rectangles the segment a-b crosses (Liang-Barsky, vectorised)."""
    dx, dy = bx - ax, by - ay
    t0 = np.zeros(len(x0))
    t1 = np.ones(len(x0))
    ok = np.ones(len(x0), dtype=bool)
    for p, q0, q1 in ((dx, x0 - ax, x1 - ax), (dy, y0 - ay, y1 - ay)):
        if p == 0:
            ok &= (q0 <= 0) & (q1 >= 0)
            continue
        ta, tb = q0 / p, q1 / p
        lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
        t0 = np.maximum(t0, lo)
        t1 = np.minimum(t1, hi)
    return ok & (t0 < t1)


def clear_links(boxes: dict[str, Box], links: Sequence[tuple[str, str]], gap: float,
                rounds: int = 8) -> None:
    """Move movable cards off the links that pass under them (perpendicular to the
    link, to its nearer side), then remove the overlaps that made; keeps the best round.
    """
    keys = sorted(boxes)
    if not keys or not links:
        return
    best = links_under_cards(boxes, links)
    best_pos = {k: (boxes[k].cx, boxes[k].cy) for k in keys}
    index = {k: n for n, k in enumerate(keys)}
    for _ in range(rounds):
        if best == 0:
            break
        arr = np.array([(boxes[k].left, boxes[k].top, boxes[k].left + boxes[k].w,
                         boxes[k].top + boxes[k].h) for k in keys])
        x0, y0, x1, y1 = (arr[:, i] for i in range(4))
        pushes: dict[str, tuple[float, float]] = {}
        for a, b in links:
            if a not in boxes or b not in boxes or a == b:
                continue
            pa, pb = boxes[a], boxes[b]
            hits = _segment_hits(pa.cx, pa.cy, pb.cx, pb.cy, x0, y0, x1, y1)
            hits[index[a]] = hits[index[b]] = False
            if not hits.any():
                continue
            dx, dy = pb.cx - pa.cx, pb.cy - pa.cy
            length = math.hypot(dx, dy) or 1.0
            nx_, ny_ = -dy / length, dx / length
            for n in np.flatnonzero(hits):
                k = keys[n]
                c = boxes[k]
                if c.fixed:
                    continue
                side = (c.cx - pa.cx) * nx_ + (c.cy - pa.cy) * ny_
                sign = 1.0 if side >= 0 else -1.0
                # distance from the line to the card's far corner on the other side
                reach = abs(nx_) * c.w / 2 + abs(ny_) * c.h / 2
                need = reach + gap / 2 - abs(side)
                if need > 0 and k not in pushes:
                    pushes[k] = (sign * need * nx_, sign * need * ny_)
        if not pushes:
            break
        for k, (px, py) in pushes.items():
            boxes[k].cx += px
            boxes[k].cy += py
        remove_overlaps(boxes, gap)
        count = links_under_cards(boxes, links)
        if count < best:
            best = count
            best_pos = {k: (boxes[k].cx, boxes[k].cy) for k in keys}
    for k, (x, y) in best_pos.items():
        boxes[k].cx, boxes[k].cy = x, y
