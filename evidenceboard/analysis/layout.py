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

import math
from collections.abc import Iterable

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
    sub = g.subgraph(near) if len(g) > MAX_FORCE_NODES or len(near) < len(g) else g

    def order_key(i: str) -> tuple[object, ...]:
        c = all_cards[i]
        return (-g.degree(i, weight="weight"), c.kind, c.title, c.body,
                c.actor_type or "", c.stance or "", i)

    nodes = sorted(sub.nodes, key=order_key)
    fixed = [i for i in nodes if i not in new_ids]
    centre = _free_centre(board, all_cards, fixed, new_ids)
    linked = [i for i in nodes if sub.degree(i) > 0 or i not in new_ids]
    wish = _force_layout(sub.subgraph(linked), linked, all_cards, fixed, centre, seed)

    taken: set[tuple[int, int]] = set()
    for c in board.cards.values():
        if c.id not in new_ids:
            taken.update(_cells_covered(c.x, c.y, c.width, c.height))
    result: dict[str, tuple[float, float]] = {}
    for i in sorted((i for i in new if i in wish), key=order_key):
        wx, wy = wish[i]
        cell = _nearest_free((round(wx / CELL_W), round(wy / CELL_H)), taken)
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
            cell = _nearest_free((col0 + n % cols, row0 + n // cols), taken)
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
    weights = np.zeros((n, n))
    for u, v, data in g.edges(data=True):
        if u in index and v in index:
            weights[index[u], index[v]] = weights[index[v], index[u]] = data.get("weight", 1.0)
    # cards are wider than tall: compute forces in a space where a cell is square
    squash = np.array([1.0, CELL_W / CELL_H])
    p = pos * squash
    degree = weights.sum(axis=1)
    # gravity: everyone is held near the centre, the busiest most strongly
    gravity = (0.08 + 0.3 * degree / max(float(degree.max()), 1.0))[:, None]
    c_sq = np.array(centre) * squash
    temp = 0.12 * k_len * math.sqrt(n)
    iterations = 120 if n <= 400 else (60 if n <= 1000 else 35)
    cooling = temp / (iterations + 1)
    movable = ~is_fixed
    weights = weights.astype(np.float32)
    near = np.float32(4 * k_len)
    for _ in range(iterations):
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
        force = force.astype(np.float64) - gravity * (p - c_sq)
        length = np.sqrt((force ** 2).sum(axis=1))
        length = np.maximum(length, 1e-9)
        step = np.minimum(length, temp)[:, None] * force / length[:, None]
        p[movable] += step[movable]
        temp -= cooling
    pos = p / squash
    return {i: (float(pos[index[i], 0]), float(pos[index[i], 1])) for i in nodes}


def _cells_covered(x: float, y: float, w: float, h: float) -> list[tuple[int, int]]:
    x0 = math.floor((x + CELL_W / 2) / CELL_W)
    x1 = math.floor((x + w + CELL_W / 2) / CELL_W)
    y0 = math.floor((y + CELL_H / 2) / CELL_H)
    y1 = math.floor((y + h + CELL_H / 2) / CELL_H)
    return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]


def _nearest_free(want: tuple[int, int], taken: set[tuple[int, int]]) -> tuple[int, int]:
    if want not in taken:
        return want
    for r in range(1, 10_000):
        ring = [(want[0] + dx, want[1] + dy) for dx in range(-r, r + 1)
                for dy in (-r, r)] + [(want[0] + dx, want[1] + dy) for dx in (-r, r)
                                      for dy in range(-r + 1, r)]
        ring.sort(key=lambda c: ((c[0] - want[0]) ** 2 * CELL_W ** 2
                                 + (c[1] - want[1]) ** 2 * CELL_H ** 2, c))
        for c in ring:
            if c not in taken:
                return c
    raise RuntimeError("no free cell")  # pragma: no cover - 10,000 rings


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
