"""Placing imported cards so a board is readable at once (networkx holds the graph).

The busiest actors go to the middle, claims next to their speakers and subjects, and no
two cards overlap:

1. a force-directed layout (Fruchterman-Reingold, vectorised with numpy) gives every new
   card a wish position; a claim is pulled three times harder to its speaker than to the
   actors it is about, and cards the investigator already placed stay fixed and attract
   their new neighbours;
2. cards then take the nearest free cell of a grid (cells are larger than a card), in
   order of importance, so the busiest get the cells nearest their wish.

Cards already on the board keep their places and their cells are taken.  The result
depends only on the board's content (titles and links), not on random ids, so the same
import gives the same picture.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable

import networkx as nx
import numpy as np

from ..model import Board, Card, Link

CELL_W = 300.0
CELL_H = 150.0
#: Pull of a link kind in the force layout (speaker -> claim strongest).
LINK_WEIGHT = {"states": 3.0, "denies": 3.0, "about": 1.0, "contradicts": 1.0}
#: Above this many nodes the force layout works on the new cards and their neighbours only.
MAX_FORCE_NODES = 1500


def _graph(cards: Iterable[Card], links: Iterable[Link]) -> nx.Graph[str]:
    g: nx.Graph[str] = nx.Graph()
    for c in cards:
        g.add_node(c.id, kind=c.kind)
    for link in links:
        if link.from_id in g and link.to_id in g and link.from_id != link.to_id:
            w = LINK_WEIGHT.get(link.kind, 1.0)
            if g.has_edge(link.from_id, link.to_id):
                g.edges[link.from_id, link.to_id]["weight"] += w
            else:
                g.add_edge(link.from_id, link.to_id, weight=w)
    return g


def induced(g: nx.Graph[str], nodes: Iterable[str]) -> nx.Graph[str]:
    """The subgraph of ``nodes``, in their order, as a graph of its own.

    ``g.subgraph`` iterates its nodes and edges in the order of a set of the node ids,
    which changes with every run's string hashing: the layouts fed with it came out
    different each time the app started, on the same board.
    """
    order = list(dict.fromkeys(nodes))
    keep = set(order)
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from((n, g.nodes[n]) for n in order)
    for n in order:
        for m, data in g.adj[n].items():
            if m in keep:
                sub.add_edge(n, m, **data)
    return sub


def layout_new_cards(board: Board, cards: list[Card], links: list[Link], *,
                     new_ids: set[str], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (top-left corners) for the cards in ``new_ids``.

    ``cards``/``links`` are those of the edit being built (may include updated existing
    cards); the board's own cards and links are taken into account and stay put.
    """
    if not new_ids:
        return {}
    all_cards = {c.id: c for c in board.cards.values()}
    all_cards.update({c.id: c for c in cards})
    g = _graph(all_cards.values(), list(board.links.values()) + links)
    new = [i for i in g.nodes if i in new_ids]
    near = set(new)
    for i in new:
        near.update(g.neighbors(i))
    sub = induced(g, (i for i in g.nodes if i in near)) \
        if len(g) > MAX_FORCE_NODES or len(near) < len(g) else g

    def order_key(i: str) -> tuple[object, ...]:
        c = all_cards[i]
        return (-g.degree(i, weight="weight"), c.kind, c.title, c.body,
                c.actor_type or "", c.stance or "", i)

    nodes = sorted(sub.nodes, key=order_key)
    fixed = [i for i in nodes if i not in new_ids]
    centre = _free_centre(board, all_cards, fixed, new_ids)
    linked = [i for i in nodes if sub.degree(i) > 0 or i not in new_ids]
    wish = _force_layout(induced(sub, linked), linked, all_cards, fixed, centre, seed)

    if len(wish) > MAX_FORCE_NODES:
        wish = _thinned(wish, set(fixed))
    taken: set[tuple[int, int]] = set()
    for c in board.cards.values():
        if c.id not in new_ids:
            taken.update(_cells_covered(c.x, c.y, c.width, c.height))
    result: dict[str, tuple[float, float]] = {}
    free = FreeCells(taken)
    for i in sorted((i for i in new if i in wish), key=order_key):
        wx, wy = wish[i]
        cell = free.nearest((round(wx / CELL_W), round(wy / CELL_H)))
        taken.add(cell)
        result[i] = _cell_corner(cell, all_cards[i])
    # Cards linked to nothing (actors only mentioned) go in tidy rows under the rest,
    # grouped by type and sorted by title, instead of being flung out by the forces.
    loose = sorted((i for i in new if i not in wish),
                   key=lambda i: (all_cards[i].kind, all_cards[i].actor_type or "",
                                  all_cards[i].title.lower(), i))
    if loose:
        cols = max(4, min(12, math.ceil(math.sqrt(len(loose) * 2))))
        ys = [cy for (_, cy) in taken] or [0]
        xs = [cx for (cx, _) in taken] or [0]
        row0 = max(ys) + 2
        col0 = round(sum(xs) / len(xs)) - cols // 2
        for n, i in enumerate(loose):
            cell = free.nearest((col0 + n % cols, row0 + n // cols))
            taken.add(cell)
            result[i] = _cell_corner(cell, all_cards[i])
    return result


def _cell_corner(cell: tuple[int, int], c: Card) -> tuple[float, float]:
    return (cell[0] * CELL_W + (CELL_W - c.width) / 2 - CELL_W / 2,
            cell[1] * CELL_H + (CELL_H - c.height) / 2 - CELL_H / 2)


def _free_centre(board: Board, all_cards: dict[str, Card], fixed: list[str],
                 new_ids: set[str]) -> tuple[float, float]:
    """Where a new cluster with no tie to the board goes: right of what is there."""
    placed = [c for c in board.cards.values() if c.id not in new_ids]
    if not placed:
        return (0.0, 0.0)
    if fixed:
        xs = [all_cards[i].x + all_cards[i].width / 2 for i in fixed]
        ys = [all_cards[i].y + all_cards[i].height / 2 for i in fixed]
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    right = max(c.x + c.width for c in placed)
    mid = sum(c.y + c.height / 2 for c in placed) / len(placed)
    return (right + 3 * CELL_W, mid)


def _force_layout(g: nx.Graph[str], nodes: list[str], cards: dict[str, Card], fixed: list[str],
                  centre: tuple[float, float], seed: int) -> dict[str, tuple[float, float]]:
    n = len(nodes)
    if n == 0:
        return {}
    index = {i: k for k, i in enumerate(nodes)}
    # the natural distance between linked cards: about one and a half cells
    k_len = 1.35 * CELL_W
    rng = np.random.RandomState(seed)
    pos = np.zeros((n, 2))
    is_fixed = np.zeros(n, dtype=bool)
    for i in fixed:
        c = cards[i]
        pos[index[i]] = (c.x + c.width / 2, c.y + c.height / 2)
        is_fixed[index[i]] = True
    # new cards start on a spiral, busiest first, or beside their placed neighbours
    k_new = 0
    for i in nodes:
        k = index[i]
        if is_fixed[k]:
            continue
        anchors = [index[j] for j in g.neighbors(i) if is_fixed[index[j]]]
        if anchors:
            pos[k] = pos[anchors].mean(axis=0) + rng.uniform(-0.5, 0.5, 2) * k_len
        else:
            r = 0.6 * k_len * math.sqrt(k_new)
            a = k_new * 2.39996
            pos[k] = (centre[0] + r * math.cos(a), centre[1] + r * math.sin(a))
            k_new += 1
    if n == 1:
        return {nodes[0]: (float(pos[0, 0]), float(pos[0, 1]))}
    # cards are wider than tall: compute forces in a space where a cell is square
    squash = np.array([1.0, CELL_W / CELL_H])
    p = pos * squash
    edges = [(index[a], index[b], float(data.get("weight", 1.0)))
             for a, b, data in g.edges(data=True) if a in index and b in index]
    ei = np.array([e[0] for e in edges], dtype=np.int64)
    ej = np.array([e[1] for e in edges], dtype=np.int64)
    ew = np.array([e[2] for e in edges], dtype=np.float64)
    degree = np.bincount(ei, ew, n) + np.bincount(ej, ew, n)
    # gravity: everyone is held near the centre, the busiest most strongly
    gravity = (0.08 + 0.3 * degree / max(float(degree.max()), 1.0))[:, None]
    c_sq = np.array(centre) * squash
    temp = 0.12 * k_len * math.sqrt(n)
    iterations = 120 if n <= 400 else (60 if n <= 1000 else 35)
    cooling = temp / (iterations + 1)
    movable = ~is_fixed
    forces = _dense_forces(n, ei, ej, ew, k_len) if n <= MAX_FORCE_NODES else \
        _near_forces(n, ei, ej, ew, k_len)
    for _ in range(iterations):
        force = forces(p) - gravity * (p - c_sq)
        length = np.sqrt((force ** 2).sum(axis=1))
        length = np.maximum(length, 1e-9)
        step = np.minimum(length, temp)[:, None] * force / length[:, None]
        p[movable] += step[movable]
        temp -= cooling
    pos = p / squash
    return {i: (float(pos[index[i], 0]), float(pos[index[i], 1])) for i in nodes}


def _thinned(wish: dict[str, tuple[float, float]], fixed: set[str]
             ) -> dict[str, tuple[float, float]]:
    """The wishes of a big import spread about their centre until there are about as
    many cells as cards where they are: a crowd of wishes on few cells made every later
    card search ever wider rings for a free cell (quadratic in the cards)."""
    movable = [i for i in wish if i not in fixed]
    if not movable:
        return wish
    for _ in range(4):
        cells = {(round(wish[i][0] / CELL_W), round(wish[i][1] / CELL_H)) for i in movable}
        crowd = len(movable) / max(len(cells), 1)
        if crowd <= 1.3:
            break
        cx = sum(wish[i][0] for i in movable) / len(movable)
        cy = sum(wish[i][1] for i in movable) / len(movable)
        k = math.sqrt(crowd) * 1.1
        wish = {**wish, **{i: (cx + (wish[i][0] - cx) * k, cy + (wish[i][1] - cy) * k)
                           for i in movable}}
    return wish


def _dense_forces(n: int, ei: np.ndarray, ej: np.ndarray, ew: np.ndarray,
                  k_len: float) -> Callable[[np.ndarray], np.ndarray]:
    """Forces between every pair of cards as n x n arrays (up to
    :data:`MAX_FORCE_NODES` cards: exact and fast there, but n² in time and memory)."""
    weights = np.zeros((n, n), dtype=np.float32)
    weights[ei, ej] = ew
    weights[ej, ei] = ew
    near = np.float32(4 * k_len)

    def forces(p: np.ndarray) -> np.ndarray:
        px = p[:, 0].astype(np.float32)
        py = p[:, 1].astype(np.float32)
        dx = px[:, None] - px[None, :]
        dy = py[:, None] - py[None, :]
        dist = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(dist, 1.0)
        np.maximum(dist, np.float32(0.01 * k_len), out=dist)
        # repulsion only between near cards: far ones need not push each other away
        coef = np.where(dist < near, np.float32(k_len * k_len) / (dist * dist), 0.0)
        coef -= weights * dist / np.float32(k_len)
        force = np.stack(((coef * dx).sum(axis=1), (coef * dy).sum(axis=1)), axis=1)
        return force.astype(np.float64)

    return forces


#: Neighbouring grid cells whose pairs are looked at (each pair of cells once).
_HALF_NEIGHBOURS = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))


def near_pairs(p: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j, each once) of the points ``p`` closer than ``radius``, found
    through a grid of ``radius``-sized cells: the cost follows the number of near pairs,
    not n² (nor the coordinates)."""
    cells = np.floor(p / radius).astype(np.int64)
    cells -= cells.min(axis=0)
    width = int(cells[:, 1].max()) + 3
    keys = cells[:, 0] * width + cells[:, 1] + 1
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    uniq, first, counts = np.unique(sorted_keys, return_index=True, return_counts=True)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    for ox, oy in _HALF_NEIGHBOURS:
        other = uniq + ox * width + oy
        at = np.searchsorted(uniq, other)
        at_ok = at < len(uniq)
        hit = np.zeros(len(uniq), dtype=bool)
        hit[at_ok] = uniq[at[at_ok]] == other[at_ok]
        a_first, a_count = first[hit], counts[hit]
        b_first, b_count = first[at[hit]], counts[at[hit]]
        sizes = a_count * b_count
        total = int(sizes.sum())
        if total == 0:
            continue
        group = np.repeat(np.arange(len(sizes)), sizes)
        t = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        i = order[a_first[group] + t // b_count[group]]
        j = order[b_first[group] + t % b_count[group]]
        if (ox, oy) == (0, 0):
            keep = i < j
            i, j = i[keep], j[keep]
        d = p[i] - p[j]
        close = (d * d).sum(axis=1) < radius * radius
        out_i.append(i[close])
        out_j.append(j[close])
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(out_i), np.concatenate(out_j)


def _near_forces(n: int, ei: np.ndarray, ej: np.ndarray, ew: np.ndarray,
                  k_len: float) -> Callable[[np.ndarray], np.ndarray]:
    """The forces of :func:`_dense_forces` from the near pairs and the links only (for
    more than :data:`MAX_FORCE_NODES` cards): linear in cards and links, the same sums."""
    near = 4 * k_len

    def forces(p: np.ndarray) -> np.ndarray:
        i, j = near_pairs(p, near)
        d = p[i] - p[j]
        dist = np.maximum(np.sqrt((d * d).sum(axis=1)), 0.01 * k_len)
        rep = (k_len * k_len / (dist * dist))[:, None] * d
        out = np.zeros((n, 2))
        for axis in (0, 1):
            out[:, axis] += np.bincount(i, rep[:, axis], n) - np.bincount(j, rep[:, axis], n)
        if len(ei):
            d = p[ei] - p[ej]
            dist = np.maximum(np.sqrt((d * d).sum(axis=1)), 0.01 * k_len)
            pull = (ew * dist / k_len)[:, None] * d
            for axis in (0, 1):
                out[:, axis] += np.bincount(ej, pull[:, axis], n) - \
                    np.bincount(ei, pull[:, axis], n)
        return out

    return forces


def _cells_covered(x: float, y: float, w: float, h: float) -> list[tuple[int, int]]:
    x0 = math.floor((x + CELL_W / 2) / CELL_W)
    x1 = math.floor((x + w + CELL_W / 2) / CELL_W)
    y0 = math.floor((y + CELL_H / 2) / CELL_H)
    y1 = math.floor((y + h + CELL_H / 2) / CELL_H)
    return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]


@functools.lru_cache(maxsize=512)
def _ring(r: int) -> tuple[tuple[int, int], ...]:
    """The cell offsets at ring ``r`` (Chebyshev distance), nearest (in pixels) first."""
    ring = [(dx, dy) for dx in range(-r, r + 1) for dy in (-r, r)] + \
        [(dx, dy) for dx in (-r, r) for dy in range(-r + 1, r)]
    ring.sort(key=lambda c: (c[0] ** 2 * CELL_W ** 2 + c[1] ** 2 * CELL_H ** 2, c))
    return tuple(ring)


class FreeCells:
    """Cells taken so far, and for each wished cell the first ring around it that may
    still have a free cell: cards wishing for one crowded spot do not search the rings
    they already filled again (that made placing a big import quadratic)."""

    def __init__(self, taken: set[tuple[int, int]]) -> None:
        self.taken = taken
        self._full_below: dict[tuple[int, int], int] = {}

    def nearest(self, want: tuple[int, int]) -> tuple[int, int]:
        taken = self.taken
        if want not in taken:
            return want
        for r in range(self._full_below.get(want, 1), 10_000):
            for dx, dy in _ring(r):
                c = (want[0] + dx, want[1] + dy)
                if c not in taken:
                    self._full_below[want] = r
                    return c
        raise RuntimeError("no free cell")  # pragma: no cover - 10,000 rings


def _nearest_free(want: tuple[int, int], taken: set[tuple[int, int]]) -> tuple[int, int]:
    return FreeCells(taken).nearest(want)


def overlaps(cards: Iterable[Card]) -> list[tuple[str, str]]:
    """Pairs of cards whose rectangles overlap (for tests and the layout's promise)."""
    items = sorted(cards, key=lambda c: c.x)
    found: list[tuple[str, str]] = []
    for n, a in enumerate(items):
        for b in items[n + 1:]:
            if b.x >= a.x + a.width:
                break
            if b.y < a.y + a.height and a.y < b.y + b.height:
                found.append((a.id, b.id))
    return found
