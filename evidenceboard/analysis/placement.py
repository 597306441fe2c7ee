"""Where imported cards land: in free space, next to what they belong with.

An import adds cards to a board the investigator has already arranged.  The rules:

* cards already on the board never move, and no new card is put on top of one;
* the new cards are laid out as **blocks**, one per group of cards linked to each other
  (:func:`~.layout.layout_new_cards` arranges a block on its own);
* a block tied to cards already on the board goes next to them, as close as free
  space allows, with its cards that link to the board facing them; a block tied to
  nothing goes beside the board, blocks stacked down its right side;
* a new actor that nothing links to (only mentioned) joins the claim whose quoted
  sentence names it, and lands next to it, not in a far grid; a claim linked to no
  actor joins the claim cited next to it in its article.

Pure Python and networkx, no Qt: the importer and the CLI use it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

import networkx as nx

from ..model import Board, Card, Citation, Link
from ..model.entities import COORD_LIMIT
from .layout import CELL_H, CELL_W, layout_new_cards

#: Empty cells kept between a block and the cards already there.
MARGIN_CELLS = 1
#: How far (in cells) a block is searched for a free place around its wish.
MAX_RING = 400
#: Rings searched past the first free place, for one with shorter links to the board.
SEARCH_MORE = 6


def naming_claims(cards: dict[str, Card], citations: Iterable[Citation]
                  ) -> dict[str, str]:
    """Where a card that links to nothing belongs, read from the text: for an actor, a
    claim card whose cited sentence contains one of its mentions (else the claim cited
    nearest to its first mention); for a claim, the other claim of its article cited
    nearest to it."""
    claim_spans: dict[str, list[tuple[int, int, str]]] = {}
    mentions: list[tuple[str, int, int, str]] = []
    for c in citations:
        card = cards.get(c.card_id) if c.card_id else None
        if card is None:
            continue
        if card.kind == "claim":
            claim_spans.setdefault(c.source_id, []).append((c.start, c.end, card.id))
        elif card.kind == "actor":
            mentions.append((c.source_id, c.start, c.end, card.id))
    index = {sid: _Spans(spans) for sid, spans in claim_spans.items()}
    out: dict[str, str] = {}
    for source_id, s, e, actor in sorted(mentions):
        if actor in out:
            continue
        spans = index.get(source_id)
        hit = spans.containing(s, e) if spans is not None else None
        if hit is not None:
            out[actor] = hit
    for source_id, s, e, actor in sorted(mentions):
        if actor not in out and source_id in index:
            hit = index[source_id].nearest(s, e, actor)
            if hit is not None:
                out[actor] = hit
    for source_id in sorted(claim_spans):
        for s, e, claim in index[source_id].spans:
            if claim not in out:
                hit = index[source_id].nearest(s, e, claim)
                if hit is not None:
                    out[claim] = hit
    return out


class _Spans:
    """The claim spans (start, end, id) of one article, sorted, with the running maximum
    of their ends: the span containing a mention, and the span nearest to one, are found
    by bisection and a short walk instead of a scan of every claim of the article (which
    made placing the cards of a long article quadratic).  Same answers as the scans."""

    #: Steps one walk may take (only spans nested in many others make walks long).
    MAX_WALK = 256

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [sp[0] for sp in self.spans]
        self.max_end: list[int] = []
        top = -1
        for sp in self.spans:
            top = max(top, sp[1])
            self.max_end.append(top)

    def containing(self, s: int, e: int) -> str | None:
        """The first span (in order) with start <= s and e <= end."""
        k = bisect_right(self.starts, s)  # spans[:k] start at or before s
        j = bisect_left(self.max_end, e, 0, k)  # the first whose end reaches e
        return self.spans[j][2] if j < k else None

    def nearest(self, s: int, e: int, other_than: str) -> str | None:
        """The span (not ``other_than``) with the smallest gap to ``s:e``, then the
        smallest start."""
        spans, n = self.spans, len(self.spans)
        best: tuple[int, int, int] | None = None  # (gap, start, index)
        # spans starting at or after s: the gap grows with the start
        k = bisect_left(self.starts, s)
        for j in range(k, min(n, k + self.MAX_WALK)):
            cs, ce, cid = spans[j]
            key = (max(cs - e, s - ce, 0), cs, j)
            if best is not None and key[:2] > best[:2]:
                break
            if cid != other_than and (best is None or key < best):
                best = key
        # spans starting before s: no span at or before j ends after max_end[j]
        for j in range(k - 1, max(-1, k - 1 - self.MAX_WALK), -1):
            if best is not None and max(s - self.max_end[j], 0) > best[0]:
                break
            cs, ce, cid = spans[j]
            key = (max(cs - e, s - ce, 0), cs, j)
            if cid != other_than and (best is None or key < best):
                best = key
        return spans[best[2]][2] if best is not None else None


def _cells(x: float, y: float, w: float, h: float, margin: int = 0
           ) -> Iterable[tuple[int, int]]:
    x0 = math.floor(x / CELL_W) - margin
    x1 = math.floor((x + w) / CELL_W) + margin
    y0 = math.floor(y / CELL_H) - margin
    y1 = math.floor((y + h) / CELL_H) + margin
    for cx in range(x0, x1 + 1):
        for cy in range(y0, y1 + 1):
            yield cx, cy


def ring_around(want: tuple[int, int], r: int) -> list[tuple[int, int]]:
    """The cells at ring ``r`` (Chebyshev distance) around the cell ``want``: the top
    and bottom rows, then the two sides."""
    x, y = want
    return [(x + d, y + e) for d in range(-r, r + 1) for e in (-r, r)] + \
        [(x + d, y + e) for d in (-r, r) for e in range(-r + 1, r)]


def place_new_cards(board: Board, cards: list[Card], links: list[Link],
                    citations: Iterable[Citation] = (), *, new_ids: set[str],
                    blocked: Sequence[tuple[float, float, float, float]] = ()
                    ) -> dict[str, tuple[float, float]]:
    """Top-left corners for the cards in ``new_ids`` (``cards``/``links``/``citations``
    are those of the edit being built; the board's own cards stay where they are).
    ``blocked``: rectangles (x, y, w, h; the frames of groups) no new card may touch."""
    if not new_ids:
        return {}
    all_cards = {c.id: c for c in board.cards.values()}
    all_cards.update({c.id: c for c in cards})
    # only-mentioned actors join the claim that names them (a link only for placing)
    linked = {lk.from_id for lk in links} | {lk.to_id for lk in links}
    for i in new_ids:
        if i in board.cards:
            linked.update(lk.from_id for lk in board.links_of(i))
    loose = {i for i in new_ids if i not in linked}
    namer = naming_claims(all_cards, citations) if loose else {}
    extra = [Link(f"place:{i}", namer[i], i, kind="about") for i in sorted(loose)
             if i in namer]
    placed = [c for c in board.cards.values() if c.id not in new_ids]
    placed += [c for c in cards if c.id not in new_ids and c.id not in board.cards]
    if not placed and not blocked:
        return layout_new_cards(board, cards, links + extra, new_ids=new_ids)

    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(sorted(new_ids))
    anchors_of: dict[str, set[str]] = {}
    for lk in [*links, *extra]:
        a, b = lk.from_id, lk.to_id
        if a in new_ids and b in new_ids:
            g.add_edge(a, b)
        elif a in new_ids and b in all_cards:
            anchors_of.setdefault(a, set()).add(b)
        elif b in new_ids and a in all_cards:
            anchors_of.setdefault(b, set()).add(a)

    taken: set[tuple[int, int]] = set()
    for c in placed:
        taken.update(_cells(c.x, c.y, c.width, c.height))
    for r in blocked:
        taken.update(_cells(*r))
    right = max([c.x + c.width for c in placed] + [r[0] + r[2] for r in blocked])
    top = min([c.y for c in placed] + [r[1] for r in blocked])
    def content(i: str) -> tuple[str, str, str, str]:
        c = all_cards[i]  # ids are random: order by what the cards say, for one result
        return (c.kind, c.title, c.body, i)

    blocks = sorted((sorted(comp, key=content) for comp in nx.connected_components(g)),
                    key=lambda comp: (-len(comp), content(comp[0])))
    by_id = {c.id: c for c in cards}
    # each block's links, bucketed once (not a scan of every link per block)
    block_of = {i: n for n, comp in enumerate(blocks) for i in comp}
    block_links: dict[int, list[Link]] = {}
    for lk in [*links, *extra]:
        n = block_of.get(lk.from_id)
        if n is not None and block_of.get(lk.to_id) == n:
            block_links.setdefault(n, []).append(lk)
    result: dict[str, tuple[float, float]] = {}
    for n, comp in enumerate(blocks):
        members = set(comp)
        comp_cards = [by_id.get(i) or all_cards[i] for i in comp]
        comp_links = block_links.get(n, [])
        local = layout_new_cards(Board(), comp_cards, comp_links, new_ids=members)
        anchors = set().union(*(anchors_of.get(i, set()) for i in comp))
        facing = [i for i in comp if anchors_of.get(i)]
        if anchors:
            ax = sum(_centre(all_cards[a])[0] for a in anchors) / len(anchors)
            ay = sum(_centre(all_cards[a])[1] for a in anchors) / len(anchors)
            fx = sum(local[i][0] + all_cards[i].width / 2 for i in facing) / len(facing)
            fy = sum(local[i][1] + all_cards[i].height / 2 for i in facing) / len(facing)
            wish = (ax - fx, ay - fy)
        else:
            x0 = min(local[i][0] for i in comp)
            y0 = min(local[i][1] for i in comp)
            wish = (right + (MARGIN_CELLS + 1) * CELL_W - x0, top - y0)
        # a card or two squeeze in next to their anchor; a story keeps its distance
        margin = 0 if len(comp) <= 2 and anchors else MARGIN_CELLS
        ties = [(i, a) for i in facing for a in sorted(anchors_of[i])]
        dx, dy = _free_offset(comp, local, all_cards, taken, wish, margin, ties,
                              beside=not anchors)
        for i in comp:
            x, y = local[i][0] + dx, local[i][1] + dy
            result[i] = (x, y)
            c = all_cards[i]
            taken.update(_cells(x, y, c.width, c.height))
    return result


def _centre(c: Card) -> tuple[float, float]:
    return c.x + c.width / 2, c.y + c.height / 2


def _free_offset(comp: list[str], local: dict[str, tuple[float, float]],
                 cards: dict[str, Card], taken: set[tuple[int, int]],
                 wish: tuple[float, float], margin: int = MARGIN_CELLS,
                 ties: Sequence[tuple[str, str]] = (), beside: bool = False
                 ) -> tuple[float, float]:
    """A whole-cell shift of the block at which no card of it touches a taken cell (nor
    ``margin`` cells around it): of the free shifts nearest ``wish``, the one with the
    shortest ``ties`` (new card, card on the board) links."""
    want = (round(wish[0] / CELL_W), round(wish[1] / CELL_H))
    shapes = []
    for i in comp:
        x, y = local[i]
        c = cards[i]
        shapes.append(list(_cells(x, y, c.width, c.height, margin)))

    def free(ox: int, oy: int) -> bool:
        return all((cx + ox, cy + oy) not in taken for shape in shapes for cx, cy in shape)

    def length(o: tuple[int, int]) -> float:
        dx, dy = o[0] * CELL_W, o[1] * CELL_H
        total = 0.0
        for new, old in ties:
            c, a = cards[new], cards[old]
            total += math.hypot(local[new][0] + c.width / 2 + dx - a.x - a.width / 2,
                                local[new][1] + c.height / 2 + dy - a.y - a.height / 2)
        return total + 1e-3 * math.hypot(o[0] - want[0], o[1] - want[1])

    found: list[tuple[int, int]] = [want] if free(*want) else []
    first = 0 if found else None
    for r in range(1, MAX_RING):
        if first is not None and (not ties or r > first + SEARCH_MORE):
            break
        for o in ring_around(want, r):
            if beside and o[0] < want[0]:
                continue  # beside the board: never back into it
            if free(*o):
                found.append(o)
                if first is None:
                    first = r
    if found:
        best = min(found, key=length)
        return best[0] * CELL_W, best[1] * CELL_H
    # beyond every card: below the lowest one
    bottom = max(cy for _, cy in taken) + margin + 2
    top = min(cy for shape in shapes for _, cy in shape)
    return want[0] * CELL_W, (bottom - top) * CELL_H


def keep_in_range(cards: list[Card], new_ids: set[str] | None = None) -> list[Card]:
    """``cards`` with the new ones (``new_ids``, default all) inside the board's space
    (±``COORD_LIMIT``, docs/FORMAT.md): the block of new cards is shifted back as a
    whole when it crossed an edge (placed beside a board that already reaches it), and
    cards of a block wider than the whole space are stopped at the edge."""
    moving = [c for c in cards if new_ids is None or c.id in new_ids]
    if not moving:
        return cards
    lo, hi = -COORD_LIMIT, COORD_LIMIT
    shift = []
    for axis, size in (("x", "width"), ("y", "height")):
        a = min(getattr(c, axis) for c in moving)
        b = max(getattr(c, axis) + getattr(c, size) for c in moving)
        d = 0.0
        if b > hi:
            d = hi - b
        if a + d < lo:
            d = lo - a
        shift.append(d)
    if shift == [0.0, 0.0] and all(lo <= c.x <= hi and lo <= c.y <= hi for c in moving):
        return cards
    ids = {c.id for c in moving}
    out = []
    for c in cards:
        if c.id in ids:
            c = replace(c, x=min(max(c.x + shift[0], lo), hi),
                        y=min(max(c.y + shift[1], lo), hi))
        out.append(c)
    return out
