"""A uniform grid of rectangles, for "what is near this?" in plain floats.

Labels, link tags and card sizes ask it which rectangles meet a rectangle.  Cost follows
the number of rectangles, never their coordinates: a rectangle spanning more than
:data:`MAX_CELLS` cells (a card someone made 10^9 units wide) is kept in a short list
that every query checks, and a query spanning more cells than the grid holds walks the
filled cells instead of the empty ones.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
MAX_CELLS = 64

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class RectGrid(Generic[K]):
    def __init__(self, cell: float = 512.0) -> None:
        self.cell = float(cell)
        self._boxes: dict[K, Box] = {}
        self._cells: dict[tuple[int, int], set[K]] = {}
        self._big: set[K] = set()

    def __len__(self) -> int:
        return len(self._boxes)

    def __contains__(self, key: object) -> bool:
        return key in self._boxes

    def box(self, key: K) -> Box | None:
        return self._boxes.get(key)

    def _span(self, b: Box) -> tuple[int, int, int, int] | None:
        c = self.cell
        i0, i1 = math.floor(b[0] / c), math.floor(b[2] / c)
        j0, j1 = math.floor(b[1] / c), math.floor(b[3] / c)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
            return None
        return i0, i1, j0, j1

    def put(self, key: K, b: Box) -> None:
        """File ``key`` at box ``b`` (replacing where it was)."""
        if key in self._boxes:
            self.remove(key)
        if not all(math.isfinite(v) for v in b):
            return
        self._boxes[key] = b
        span = self._span(b)
        if span is None:
            self._big.add(key)
            return
        cells = self._cells
        i0, i1, j0, j1 = span
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                bucket = cells.get((i, j))
                if bucket is None:
                    cells[(i, j)] = {key}
                else:
                    bucket.add(key)

    def remove(self, key: K) -> None:
        b = self._boxes.pop(key, None)
        if b is None:
            return
        span = self._span(b)
        if span is None:
            self._big.discard(key)
            return
        i0, i1, j0, j1 = span
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                bucket = self._cells.get((i, j))
                if bucket is not None:
                    bucket.discard(key)
                    if not bucket:
                        del self._cells[(i, j)]

    def clear(self) -> None:
        self._boxes.clear()
        self._cells.clear()
        self._big.clear()

    def _near(self, b: Box) -> Iterator[K]:
        c = self.cell
        i0, i1 = math.floor(b[0] / c), math.floor(b[2] / c)
        j0, j1 = math.floor(b[1] / c), math.floor(b[3] / c)
        yield from self._big
        if (i1 - i0 + 1) * (j1 - j0 + 1) > max(MAX_CELLS, len(self._cells)):
            for (i, j), bucket in self._cells.items():
                if i0 <= i <= i1 and j0 <= j <= j1:
                    yield from bucket
            return
        cells = self._cells
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                near = cells.get((i, j))
                if near:
                    yield from near

    def query(self, b: Box, ignore: K | None = None) -> set[K]:
        """Keys whose box overlaps ``b`` (touching edges do not count)."""
        x0, y0, x1, y1 = b
        boxes = self._boxes
        out: set[K] = set()
        for key in self._near(b):
            if key == ignore or key in out:
                continue
            a0, b0, a1, b1 = boxes[key]
            if a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1:
                out.add(key)
        return out

    def hits(self, b: Box, ignore: K | None = None) -> bool:
        x0, y0, x1, y1 = b
        boxes = self._boxes
        for key in self._near(b):
            if key == ignore:
                continue
            a0, b0, a1, b1 = boxes[key]
            if a0 < x1 and x0 < a1 and b0 < y1 and y0 < b1:
                return True
        return False

    def covered(self, b: Box, ignore: K | None = None) -> float:
        """How much of ``b`` the filed boxes cover (overlaps between them counted
        twice: a measure, not an area)."""
        x0, y0, x1, y1 = b
        boxes = self._boxes
        total = 0.0
        for key in self.query(b, ignore):
            a0, b0, a1, b1 = boxes[key]
            total += (min(a1, x1) - max(a0, x0)) * (min(b1, y1) - max(b0, y0))
        return total


def box_of(r) -> Box:
    return (r.left(), r.top(), r.right(), r.bottom())


def segment_cells(ax: float, ay: float, bx: float, by: float, pad: float, size: float,
                  limit: int | None = None) -> list[tuple[int, int]] | None:
    """The cells of side ``size`` touched by the segment a-b widened by ``pad`` (a
    superset), walked column by column along its major axis; None when that would be
    more than ``limit`` columns (the caller files such a segment apart)."""
    steep = abs(by - ay) > abs(bx - ax)
    if steep:
        ax, ay, bx, by = ay, ax, by, bx
    if ax > bx:
        ax, ay, bx, by = bx, by, ax, ay
    floor = math.floor
    first, last = floor((ax - pad) / size), floor((bx + pad) / size)
    if limit is not None and last - first + 1 > limit:
        return None
    slope = (by - ay) / (bx - ax) if bx > ax else 0.0
    out: list[tuple[int, int]] = []
    for i in range(first, last + 1):
        xa = min(max(i * size - pad, ax), bx)
        xb = min(max((i + 1) * size + pad, ax), bx)
        ya, yb = ay + slope * (xa - ax), ay + slope * (xb - ax)
        for j in range(floor((min(ya, yb) - pad) / size), floor((max(ya, yb) + pad) / size) + 1):
            out.append((j, i) if steep else (i, j))
    return out


def clip_segment(ax: float, ay: float, bx: float, by: float,
                 x0: float, y0: float, x1: float, y1: float) -> tuple[float, float] | None:
    """The part of segment (ax, ay)-(bx, by) inside the rectangle x0..x1, y0..y1 as
    parameters t0 <= t1 in 0..1 (equal: it only touches), or None when it misses
    (Liang-Barsky).  Links' hit tests, the rubber band and clipped dashes use it."""
    dx, dy = bx - ax, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if abs(p) < 1e-12:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            if t > t0:
                t0 = t
        else:
            if t < t0:
                return None
            if t < t1:
                t1 = t
    return (t0, t1) if t0 <= t1 else None
