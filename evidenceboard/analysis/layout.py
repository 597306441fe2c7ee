"""Placing imported cards so a board is readable at once (networkx does the graph work).

The busiest actors go to the middle, claims next to their speakers and subjects, and no
two cards overlap: a force-directed layout gives everyone a wish position, then cards take
the nearest free cell of a grid in order of importance.  Cards already on the board keep
their places (the investigator arranged them) and their cells are taken.
"""

from __future__ import annotations

import math
from typing import Iterable

import networkx as nx

from ..model import Board, Card, Link

CELL_W = 300.0
CELL_H = 150.0


def _graph(cards: Iterable[Card], links: Iterable[Link]) -> nx.Graph:
    g = nx.Graph()
    for c in cards:
        g.add_node(c.id, kind=c.kind)
    for link in links:
        if link.from_id in g and link.to_id in g and link.from_id != link.to_id:
            w = g.edges[link.from_id, link.to_id]["weight"] + 1 \
                if g.has_edge(link.from_id, link.to_id) else 1
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
    all_links = list(board.links.values()) + links
    g = _graph(all_cards.values(), all_links)
    fixed = [i for i in g.nodes if i not in new_ids]
    scale = CELL_W * max(3.0, math.sqrt(len(g)) * 1.1)

    initial: dict[str, tuple[float, float]] = {}
    for i in fixed:
        c = all_cards[i]
        initial[i] = ((c.x + c.width / 2) / scale, (c.y + c.height / 2) / scale)
    # Seed new nodes on a spiral, busiest first, so the busiest end up in the middle.
    order = sorted((i for i in g.nodes if i in new_ids), key=lambda i: (-g.degree(i), i))
    centre = (0.0, 0.0)
    if fixed:
        centre = (sum(p[0] for p in initial.values()) / len(initial),
                  sum(p[1] for p in initial.values()) / len(initial))
    for n, i in enumerate(order):
        r = 0.08 * math.sqrt(n)
        a = n * 2.39996
        initial[i] = (centre[0] + r * math.cos(a), centre[1] + r * math.sin(a))
    if len(g) > 1:
        pos = nx.spring_layout(g, pos=initial, fixed=fixed or None, k=1.6 / math.sqrt(len(g)),
                               iterations=80, weight="weight", seed=seed)
    else:
        pos = initial
    if not fixed:
        # Centre the picture on the busiest node for a stable origin.
        cx, cy = pos[order[0]]
        pos = {i: (x - cx, y - cy) for i, (x, y) in pos.items()}

    taken: set[tuple[int, int]] = set()
    for i in fixed:
        c = all_cards[i]
        for cell in _cells_covered(c.x, c.y, c.width, c.height):
            taken.add(cell)
    result: dict[str, tuple[float, float]] = {}
    for i in order:
        wx, wy = pos[i][0] * scale, pos[i][1] * scale
        cell = _nearest_free((round(wx / CELL_W), round(wy / CELL_H)), taken)
        taken.add(cell)
        c = all_cards[i]
        result[i] = (cell[0] * CELL_W + (CELL_W - c.width) / 2 - CELL_W / 2,
                     cell[1] * CELL_H + (CELL_H - c.height) / 2 - CELL_H / 2)
    # Cards of the edit without links (isolated) were in g too; nothing is left out.
    return result


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
