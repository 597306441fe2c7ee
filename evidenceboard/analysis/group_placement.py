"""Where the cards of an import *as groups* land: each group's cards together, in a
free region of their own.

An import as groups puts each article's new cards in a frame (``model.group_edits``),
and a frame is the rectangle around its cards.  Placed as one picture, an actor that
several articles name pulls the cards of all of them together and the frames, each
fitted to its own cards, cover each other.  Here each group is laid out on its own
(:func:`~.placement.place_new_cards` on an empty board: only the links inside the
group pull), and its whole frame, title bar included, is then moved by whole cells to
the nearest place where it covers no card and no other frame, with its cards that link
outside it facing what they link to (a card already on the board, or a card of a group
placed before).  Cards already on the board never move and stay out of the new groups;
links to them may be long.

Pure Python, no Qt: the importer and the CLI use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..model import Board, Card, Citation, Link
from ..model.group_edits import Rect, frame_rect, frame_rect_of
from .layout import CELL_H, CELL_W
from .placement import MAX_RING, SEARCH_MORE, place_new_cards, ring_around

#: Space kept around a new frame, from other frames and from cards (scene units).
FRAME_GAP = 40.0


def _cells_of(r: Rect, grow: float = 0.0) -> list[tuple[int, int]]:
    x, y, w, h = r[0] - grow, r[1] - grow, r[2] + 2 * grow, r[3] + 2 * grow
    x0, x1 = math.floor(x / CELL_W), math.floor((x + w) / CELL_W)
    y0, y1 = math.floor(y / CELL_H), math.floor((y + h) / CELL_H)
    return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]


def board_frames(board: Board) -> list[Rect]:
    """The frames a board shows now (collapsed ones as their box)."""
    out = []
    for gid in board.groups:
        r = frame_rect(board, gid)
        if r is not None:
            out.append(r)
    return out


def place_groups(board: Board, cards: list[Card], links: list[Link],
                 citations: Iterable[Citation] = (), *, new_ids: set[str],
                 group_of: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Top-left corners for the cards in ``new_ids``: those in ``group_of`` (card id ->
    group key; the groups are placed in the order their keys first appear there) one
    group at a time, each in a free region; the others (no group) after them as an
    ordinary import would place them, outside every frame."""
    if not new_ids:
        return {}
    cites = list(citations)
    all_cards = {c.id: c for c in board.cards.values()}
    all_cards.update({c.id: c for c in cards})
    keys = list(dict.fromkeys(group_of[i] for i in group_of if i in new_ids))
    members: dict[str, list[str]] = {k: [] for k in keys}
    for i in sorted(new_ids):
        if i in group_of:
            members[group_of[i]].append(i)

    # what is taken: the cards already there and the frames the board shows
    taken: set[tuple[int, int]] = set()
    extent: list[Rect] = []
    for c in board.cards.values():
        if c.id not in new_ids:
            r = (c.x, c.y, c.width, c.height)
            taken.update(_cells_of(r))
            extent.append(r)
    for r in board_frames(board):
        taken.update(_cells_of(r))
        extent.append(r)

    links_of: dict[str, list[Link]] = {}
    for lk in links:
        links_of.setdefault(lk.from_id, []).append(lk)
        links_of.setdefault(lk.to_id, []).append(lk)
    for i in new_ids:
        if i in board.cards:
            for lk in board.links_of(i):
                links_of.setdefault(i, []).append(lk)

    result: dict[str, tuple[float, float]] = {}
    frames: list[Rect] = []
    for k in keys:
        ids = members[k]
        inside = set(ids)
        own = [all_cards[i] for i in ids]
        own_links = [lk for lk in links if lk.from_id in inside and lk.to_id in inside]
        own_cites = [c for c in cites if c.card_id in inside]
        local = place_new_cards(Board(), own, own_links, own_cites, new_ids=inside)
        moved = [replace(all_cards[i], x=local[i][0], y=local[i][1]) for i in ids]
        frame = frame_rect_of(moved)
        assert frame is not None
        # the ties out of the group: to cards already there or placed with a group before
        ties: list[tuple[str, tuple[float, float]]] = []
        for i in ids:
            for lk in links_of.get(i, ()):
                other = lk.to_id if lk.from_id == i else lk.from_id
                if other in inside:
                    continue
                if other in result:
                    o = all_cards[other]
                    ties.append((i, (result[other][0] + o.width / 2,
                                     result[other][1] + o.height / 2)))
                elif other in all_cards and other not in new_ids:
                    o = all_cards[other]
                    ties.append((i, (o.x + o.width / 2, o.y + o.height / 2)))
        dx, dy = _free_frame_offset(frame, taken, extent, ties, local, all_cards)
        for i in ids:
            result[i] = (local[i][0] + dx, local[i][1] + dy)
        placed = (frame[0] + dx, frame[1] + dy, frame[2], frame[3])
        taken.update(_cells_of(placed, FRAME_GAP))
        extent.append(placed)
        frames.append(placed)

    rest = new_ids - set(result)
    if rest:
        done = [replace(all_cards[i], x=x, y=y) for i, (x, y) in result.items()]
        others = [c for c in cards if c.id not in result]
        result.update(place_new_cards(board, others + done, links, cites, new_ids=rest,
                                      blocked=frames + board_frames(board)))
    return result


def _free_frame_offset(frame: Rect, taken: set[tuple[int, int]], extent: Sequence[Rect],
                       ties: Sequence[tuple[str, tuple[float, float]]],
                       local: Mapping[str, tuple[float, float]],
                       cards: Mapping[str, Card]) -> tuple[float, float]:
    """A whole-cell shift of ``frame`` (grown by FRAME_GAP) onto cells none of which is
    taken: tied to the board, the free shift nearest the ties' wish with the shortest
    ties; tied to nothing, beside what is there (right of it, top-aligned)."""
    shape = _cells_of(frame, FRAME_GAP)
    if ties:
        fx = sum(local[i][0] + cards[i].width / 2 for i, _ in ties) / len(ties)
        fy = sum(local[i][1] + cards[i].height / 2 for i, _ in ties) / len(ties)
        ax = sum(p[0] for _, p in ties) / len(ties)
        ay = sum(p[1] for _, p in ties) / len(ties)
        wish = (ax - fx, ay - fy)
    elif extent:
        right = max(r[0] + r[2] for r in extent)
        top = min(r[1] for r in extent)
        wish = (right + 2 * FRAME_GAP - frame[0], top - frame[1])
    else:
        wish = (0.0, 0.0)
    want = (round(wish[0] / CELL_W), round(wish[1] / CELL_H))
    if not taken:
        return want[0] * CELL_W, want[1] * CELL_H

    def free(o: tuple[int, int]) -> bool:
        return all((cx + o[0], cy + o[1]) not in taken for cx, cy in shape)

    def length(o: tuple[int, int]) -> float:
        dx, dy = o[0] * CELL_W, o[1] * CELL_H
        total = sum(math.hypot(local[i][0] + cards[i].width / 2 + dx - p[0],
                               local[i][1] + cards[i].height / 2 + dy - p[1])
                    for i, p in ties)
        return total + 1e-3 * math.hypot(o[0] - want[0], o[1] - want[1])

    beside = not ties
    found: list[tuple[int, int]] = [want] if free(want) else []
    first = 0 if found else None
    for r in range(1, MAX_RING):
        if first is not None and (beside or r > first + SEARCH_MORE):
            break
        for o in ring_around(want, r):
            if beside and o[0] < want[0]:
                continue  # beside the board: never back into it
            if free(o):
                found.append(o)
                if first is None:
                    first = r
    if found:
        best = min(found, key=length)
        return best[0] * CELL_W, best[1] * CELL_H
    # beyond everything: below the lowest taken cell
    bottom = max(cy for _, cy in taken) + 2
    top = min(cy for _, cy in shape)
    return want[0] * CELL_W, (bottom - top) * CELL_H
