"""The layouts themselves: each takes the cards' graph and sizes and returns a centre for
every card, in the layout's own coordinates (the caller moves the result to where the
cards were, keeps pinned cards in place and removes overlaps).

* :func:`force` — networkx's spring layout (Fruchterman-Reingold) per connected part,
  scaled so linked cards sit about a card and a half apart; for parts of 500 cards or
  more (where networkx's spring layout needs SciPy) the import placement's vectorised
  Fruchterman-Reingold (:mod:`evidenceboard.analysis.layout`).  Parts are then packed side
  by side, cards linked to nothing in tidy rows.
* :func:`hierarchy` — layered drawing (Sugiyama): links point speaker → claim → subject;
  cycles are broken (Eades' greedy order), layers by longest path, order in each layer by
  barycentre sweeps (fewer crossings), long layers wrapped into several rows.
* :func:`circle` — one circle, linked cards next to each other (depth-first order).
* :func:`radial` — rings of hops around one card (breadth-first), each card in the wedge
  of the card it was reached from.
* :func:`groups` — one block per actor type, per source article, or per cluster
  (networkx's Louvain communities), each laid out by force and packed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from ...model import Board
from ..layout import _force_layout, induced
from ..network import louvain
from .geometry import Box, bounds, pack_blocks, remove_overlaps, translate

Centres = dict[str, tuple[float, float]]
#: Parts of the graph at least this big use ForceAtlas2 instead of the spring layout.
SPRING_LIMIT = 500


def spacing(sizes: Mapping[str, tuple[float, float]], gap: float) -> float:
    """The natural distance between two linked cards: a card and a half."""
    if not sizes:
        return 300.0
    w = sorted(s[0] for s in sizes.values())[len(sizes) // 2]
    h = sorted(s[1] for s in sizes.values())[len(sizes) // 2]
    return 1.2 * math.hypot(w, h) + gap


def _order_key(g: nx.Graph[str], board: Board) -> Callable[[str], tuple[Any, ...]]:
    def key(i: str) -> tuple[Any, ...]:
        c = board.cards[i]
        return (-g.degree(i, weight="weight"), c.kind, c.title.lower(), i)
    return key


def _scaled_to_edges(pos: Centres, g: nx.Graph[str], length: float) -> Centres:
    """Scale a layout so its median link is ``length`` long."""
    lengths = sorted(math.dist(pos[a], pos[b]) for a, b in g.edges if a != b)
    med = lengths[len(lengths) // 2] if lengths else 0.0
    s = length / med if med > 1e-9 else length
    return {k: (x * s, y * s) for k, (x, y) in pos.items()}


def _spring(g: nx.Graph[str], seed: int, length: float,
            init: Centres | None = None, fixed: list[str] | None = None) -> Centres:
    if len(g) == 1:
        (only,) = g.nodes
        return {only: init[only] if init and only in init else (0.0, 0.0)}
    if len(g) >= SPRING_LIMIT:
        # networkx's spring layout needs SciPy here and its ForceAtlas2 takes ~20 s on
        # 1,000 cards: the import placement's vectorised Fruchterman-Reingold instead
        nodes = sorted(g.nodes)
        pos = _force_layout(g, nodes, {}, [], (0.0, 0.0), seed)
        return _scaled_to_edges(pos, g, length)
    if fixed and init:
        # in units of the natural distance, pinned cards where they are
        unit = {k: (x / length, y / length) for k, (x, y) in init.items()}
        raw = nx.spring_layout(g, k=1.0, pos=unit, fixed=fixed, seed=seed,
                               weight="weight", iterations=100, method="force")
        return {k: (float(v[0]) * length, float(v[1]) * length) for k, v in raw.items()}
    raw = nx.spring_layout(g, seed=seed, weight="weight", iterations=100, method="force")
    pos = {k: (float(v[0]), float(v[1])) for k, v in raw.items()}
    return _scaled_to_edges(pos, g, length)


def _boxes(pos: Centres, sizes: Mapping[str, tuple[float, float]]) -> dict[str, Box]:
    return {k: Box(x, y, *sizes[k]) for k, (x, y) in pos.items()}


def _rows(ids: list[str], sizes: Mapping[str, tuple[float, float]], gap: float) -> list[Box]:
    """Cards linked to nothing: tidy rows, about as wide as tall."""
    if not ids:
        return []
    cols = max(1, math.ceil(math.sqrt(len(ids) * 1.5)))
    col_w = max(sizes[i][0] for i in ids) + gap
    row_h = max(sizes[i][1] for i in ids) + gap
    return [Box(n % cols * col_w, n // cols * row_h, *sizes[i]) for n, i in enumerate(ids)]


def force(board: Board, g: nx.Graph[str], sizes: Mapping[str, tuple[float, float]], *,
          gap: float, seed: int, current: Centres, pinned: set[str]) -> tuple[Centres, bool]:
    """Returns the centres and whether they are in board coordinates already (a part
    holding a pinned card is laid out around it, where it is)."""
    length = spacing(sizes, gap)
    key = _order_key(g, board)
    loose = sorted((i for i in g.nodes if g.degree(i) == 0 and i not in pinned), key=key)
    parts = sorted((sorted(c, key=key) for c in nx.connected_components(g)
                    if len(c) > 1 or next(iter(c)) in pinned), key=lambda c: (-len(c), key(c[0])))
    placed: Centres = {}
    blocks: list[list[Box]] = []
    block_ids: list[list[str]] = []
    anchored = False
    for part in parts:
        sub = induced(g, part)
        pins = [i for i in part if i in pinned]
        if pins:
            anchored = True
            init = {i: current[i] for i in part}
            pos = _spring(sub, seed, length, init=init, fixed=pins)
            placed.update(pos)
            continue
        pos = _spring(sub, seed, length)
        boxes = _boxes(pos, sizes)
        remove_overlaps(boxes, gap)
        blocks.append([boxes[i] for i in part])
        block_ids.append(part)
    rows = _rows(loose, sizes, gap)
    if rows:
        blocks.append(rows)
        block_ids.append(loose)
    if blocks:
        pack_blocks(blocks, 2 * gap)
        packed = {i: (b.cx, b.cy) for ids, block in zip(block_ids, blocks, strict=False)
                  for i, b in zip(ids, block, strict=False)}
        if anchored:
            # the packed parts go beside what is anchored, to its right
            packed_boxes = [b for block in blocks for b in block]
            anchored_boxes = list(_boxes(placed, sizes).values())
            left, top, _, _ = bounds(packed_boxes)
            _, a_top, a_right, _ = bounds(anchored_boxes)
            translate(packed_boxes, a_right + 3 * gap - left, a_top - top)
            packed = {i: (b.cx, b.cy) for ids, block in zip(block_ids, blocks, strict=False)
                      for i, b in zip(ids, block, strict=False)}
        placed.update(packed)
    return placed, anchored


# ------------------------------------------------------------------ hierarchy
def _greedy_order(dg: nx.DiGraph[str], key: Callable[[str], tuple[Any, ...]]) -> dict[str, int]:
    """Eades-Lin-Smyth: an order of the nodes with few links pointing backwards."""
    g = dg.copy()
    g.remove_edges_from(nx.selfloop_edges(g))
    left: list[str] = []
    right: list[str] = []
    while g:
        changed = True
        while changed:
            changed = False
            sinks = sorted((n for n in g if g.out_degree(n) == 0), key=key)
            for n in sinks:
                right.append(n)
                g.remove_node(n)
                changed = True
            sources = sorted((n for n in g if g.in_degree(n) == 0), key=key)
            for n in sources:
                left.append(n)
                g.remove_node(n)
                changed = True
        if g:
            n = max(sorted(g, key=key), key=lambda n: g.out_degree(n) - g.in_degree(n))
            left.append(n)
            g.remove_node(n)
    order = left + right[::-1]
    return {n: k for k, n in enumerate(order)}


def hierarchy(board: Board, g: nx.Graph[str], sizes: Mapping[str, tuple[float, float]], *,
              gap: float, seed: int) -> Centres:
    key = _order_key(g, board)
    nodes = sorted(g.nodes, key=key)
    dg: nx.DiGraph[str] = nx.DiGraph()
    dg.add_nodes_from(nodes)
    for link in board.links.values():
        a, b = link.from_id, link.to_id
        if a in g and b in g and a != b:
            dg.add_edge(a, b)
    rank = _greedy_order(dg, key)
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(nodes)
    for a, b in dg.edges:
        if rank[a] < rank[b]:
            dag.add_edge(a, b)
        elif not dag.has_edge(b, a):
            dag.add_edge(b, a)  # a link against the flow is drawn upwards
    layer: dict[str, int] = {}
    for n in nx.topological_sort(dag):
        preds = list(dag.predecessors(n))
        layer[n] = max((layer[p] + 1 for p in preds), default=0)
    # Cards linked to nothing go in a row of their own, last.
    loose = [n for n in nodes if g.degree(n) == 0]
    top = max((layer[n] for n in nodes if n not in loose), default=-1)
    for n in loose:
        layer[n] = top + 1
    # Long links get a dummy node on each layer they cross, so ordering sees them.
    layers: dict[int, list[str]] = defaultdict(list)
    ups: dict[str, list[str]] = defaultdict(list)
    downs: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        layers[layer[n]].append(n)
    dummy = 0
    for a, b in sorted(dag.edges):
        prev = a
        for lay in range(layer[a] + 1, layer[b]):
            d = f"\0dummy{dummy}"
            dummy += 1
            layers[lay].append(d)
            downs[prev].append(d)
            ups[d].append(prev)
            prev = d
        downs[prev].append(b)
        ups[b].append(prev)
    depth = max(layers) + 1 if layers else 0
    pos_in: dict[str, float] = {}
    for lay in range(depth):
        for k, n in enumerate(layers[lay]):
            pos_in[n] = float(k)

    def sweep(order_by: dict[str, list[str]], seq: range) -> None:
        for lay in seq:
            row = layers[lay]

            def bary(n: str, row: list[str] = row) -> tuple[float, float]:
                nb = order_by.get(n, ())
                if not nb:
                    return (pos_in[n], pos_in[n])
                return (sum(pos_in[m] for m in nb) / len(nb), pos_in[n])
            row.sort(key=bary)
            for k, n in enumerate(row):
                pos_in[n] = float(k)

    for _ in range(6):
        sweep(ups, range(1, depth))
        sweep(downs, range(depth - 2, -1, -1))
    # Place: each layer a row (wrapped when long), cards centred on the widest row.
    real = {lay: [n for n in layers[lay] if not n.startswith("\0")] for lay in range(depth)}
    widest = max(1, math.ceil(1.6 * math.sqrt(len(nodes))))
    col_w = max(s[0] for s in sizes.values()) + gap
    out: Centres = {}
    y = 0.0
    for lay in range(depth):
        row = real[lay]
        if not row:
            continue
        chunks = [row[k:k + widest] for k in range(0, len(row), widest)]
        h = max(sizes[n][1] for n in row) + gap
        for chunk in chunks:
            x0 = -(len(chunk) - 1) * col_w / 2
            for k, n in enumerate(chunk):
                out[n] = (x0 + k * col_w, y)
            y += h
        y += gap  # a wider space between layers than inside a wrapped one
    return out


# ------------------------------------------------------------------ circle and radial
def _ring_radius(ids: list[str], sizes: Mapping[str, tuple[float, float]],
                 gap: float) -> float:
    around = sum(math.hypot(*sizes[i]) * 0.8 + gap for i in ids)
    return around / (2 * math.pi)


def circle(board: Board, g: nx.Graph[str], sizes: Mapping[str, tuple[float, float]], *,
           gap: float, seed: int) -> Centres:
    key = _order_key(g, board)
    order: list[str] = []
    parts = sorted((sorted(c, key=key) for c in nx.connected_components(g)),
                   key=lambda c: (-len(c), key(c[0])))
    for part in parts:
        sub = induced(g, part)
        order.extend(nx.dfs_preorder_nodes(sub, part[0], sort_neighbors=lambda ns: sorted(
            ns, key=key)))
    if len(order) == 1:
        return {order[0]: (0.0, 0.0)}
    r = _ring_radius(order, sizes, gap)
    steps = [math.hypot(*sizes[i]) * 0.8 + gap for i in order]
    total = sum(steps)
    out: Centres = {}
    a = 0.0
    for i, s in zip(order, steps, strict=False):
        a += s / 2
        t = 2 * math.pi * a / total - math.pi / 2
        out[i] = (r * math.cos(t), r * math.sin(t))
        a += s / 2
    return out


def radial(board: Board, g: nx.Graph[str], sizes: Mapping[str, tuple[float, float]], *,
           gap: float, seed: int, center: str) -> Centres:
    key = _order_key(g, board)
    parent: dict[str, str | None] = {center: None}
    rings: list[list[str]] = [[center]]
    while True:
        nxt: list[str] = []
        for n in rings[-1]:
            for m in sorted(g.neighbors(n), key=key):
                if m not in parent:
                    parent[m] = n
                    nxt.append(m)
        if not nxt:
            break
        rings.append(nxt)
    rest = sorted((n for n in g.nodes if n not in parent), key=key)
    children: dict[str, list[str]] = defaultdict(list)
    for n, p in parent.items():
        if p is not None:
            children[p].append(n)
    leaves: dict[str, int] = {}
    for ring in reversed(rings):
        for n in ring:
            leaves[n] = max(1, sum(leaves[c] for c in children[n]))
    # wedges: each card gets a share of its parent's wedge by its leaves
    wedge: dict[str, tuple[float, float]] = {center: (0.0, 2 * math.pi)}
    for ring in rings:
        for n in ring:
            lo, hi = wedge[n]
            kids = children[n]
            total = sum(leaves[c] for c in kids) or 1
            a = lo
            for c in kids:
                span = (hi - lo) * leaves[c] / total
                wedge[c] = (a, a + span)
                a += span
    out: Centres = {center: (0.0, 0.0)}
    radius = 0.0
    step = spacing(sizes, gap)
    for ring in rings[1:]:
        radius = max(radius + step, _ring_radius(ring, sizes, gap))
        for n in ring:
            lo, hi = wedge[n]
            t = (lo + hi) / 2 - math.pi / 2
            out[n] = (radius * math.cos(t), radius * math.sin(t))
    if rest:  # not reached from the centre: one more ring outside
        radius = max(radius + 2 * step, _ring_radius(rest, sizes, gap))
        for k, n in enumerate(rest):
            t = 2 * math.pi * k / len(rest) - math.pi / 2
            out[n] = (radius * math.cos(t), radius * math.sin(t))
    return out


# ------------------------------------------------------------------ groups
def group_keys(board: Board, ids: list[str], by: str, g: nx.Graph[str], seed: int) -> dict[str, str]:
    """Which group each card belongs to (its name): by type, source article or cluster."""
    if by == "type":
        out = {}
        for i in ids:
            c = board.cards[i]
            out[i] = c.actor_type or "other" if c.kind == "actor" else c.kind
        return out
    if by == "source":
        out = {}
        for i in ids:
            count: dict[str, int] = defaultdict(int)
            for cite in board.citations_of(i):
                count[cite.source_id] += 2  # the card's own words count most
            for link in board.links_of(i):
                for cite in board.citations_of(link.id):
                    count[cite.source_id] += 1
            if count:
                best = max(sorted(count), key=lambda s: count[s])
                out[i] = board.sources[best].shown_title
            else:
                out[i] = "(no source)"
        return out
    if by == "cluster":
        communities = louvain(g, seed)
        ranked = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
        out = {}
        for n, members in enumerate(ranked):
            name = f"cluster {n + 1}" if len(members) > 1 else "(unclustered)"
            for i in members:
                out[i] = name
        return out
    raise ValueError(f"unknown grouping {by!r}: give type, source or cluster")


def groups(board: Board, g: nx.Graph[str], sizes: Mapping[str, tuple[float, float]], *,
           gap: float, seed: int, by: str) -> Centres:
    key = _order_key(g, board)
    ids = sorted(g.nodes, key=key)
    names = group_keys(board, ids, by, g, seed)
    members: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        members[names[i]].append(i)
    blocks: list[list[Box]] = []
    order: list[list[str]] = []
    for name in sorted(members, key=lambda n: (-len(members[n]), n)):
        part = members[name]
        sub = induced(g, part)
        pos, _ = force(board, sub, sizes, gap=gap, seed=seed, current={},
                       pinned=set())
        boxes = _boxes(pos, sizes)
        remove_overlaps(boxes, gap)
        blocks.append([boxes[i] for i in part])
        order.append(part)
    pack_blocks(blocks, 4 * gap)
    return {i: (b.cx, b.cy) for part, block in zip(order, blocks, strict=False) for i, b in zip(part, block, strict=False)}
