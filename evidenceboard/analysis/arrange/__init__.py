"""Arranging cards: whole-board or selection layouts, align and distribute.

Pure functions on the model: they read a :class:`~evidenceboard.model.Board` and return
new top-left corners for the cards that move; the window animates them and applies one
``move_cards`` edit, the CLI writes the same edit to the file.  Layout steps:

1. the method (:mod:`.methods`) places every card of the scope in its own coordinates,
   scaled to the cards' sizes;
2. the result is moved to where the cards were (their centre), pinned cards stay where
   they are and the cards around the scope that do not move are obstacles;
3. overlaps are removed (:func:`.geometry.remove_overlaps`), then, in the force and
   grouped layouts, cards that a link passes under step off it where they can
   (:func:`.geometry.clear_links`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import networkx as nx

from ...model import Board
from . import methods
from .geometry import GAP, Box, clear_links, links_under_cards, overlapping_pairs, remove_overlaps

__all__ = ["ALIGN_MODES", "DISTRIBUTE_MODES", "GROUP_BY", "METHODS", "LayoutError", "align",
           "arrange", "card_boxes", "distribute", "links_under_cards", "overlapping_pairs"]

METHODS: tuple[str, ...] = ("force", "hierarchy", "circle", "radial", "groups")
GROUP_BY: tuple[str, ...] = ("type", "source", "cluster")
ALIGN_MODES: tuple[str, ...] = ("left", "centre", "right", "top", "middle", "bottom")
DISTRIBUTE_MODES: tuple[str, ...] = ("horizontal", "vertical")
#: Link weights: a claim stays closest to its speaker.
LINK_WEIGHT = {"states": 3.0, "denies": 3.0}
#: Layouts whose cards then step off the links passing under them (the others have a
#: structure — layers, a circle, rings — that moving cards off links would break).
CLEARED = ("force", "groups")
#: Above this many cards the force layouts would take too long on a desktop (O(n²)).
MAX_FORCE_CARDS = 5000

Sizes = Callable[[str], tuple[float, float]]
Positions = dict[str, tuple[float, float]]


class LayoutError(ValueError):
    """A layout that cannot be done as asked (unknown method, no centre card...)."""


def _model_size(board: Board) -> Sizes:
    return lambda i: (board.cards[i].width, board.cards[i].height)


def card_boxes(board: Board, ids: Iterable[str], sizes: Sizes | None = None,
               fixed: Iterable[str] = ()) -> dict[str, Box]:
    """The cards' boxes (centre, drawn size) as they are on the board."""
    size = sizes or _model_size(board)
    fixed = set(fixed)
    out = {}
    for i in ids:
        c = board.cards[i]
        w, h = size(i)
        out[i] = Box(c.x + c.width / 2, c.y + c.height / 2, w, h, i in fixed)
    return out


def graph_of(board: Board, ids: Iterable[str]) -> nx.Graph[str]:
    """The cards as an undirected graph weighted by their links."""
    g: nx.Graph[str] = nx.Graph()
    ids = set(ids)
    g.add_nodes_from(sorted(ids))
    for link in board.links.values():
        a, b = link.from_id, link.to_id
        if a in ids and b in ids and a != b:
            w = LINK_WEIGHT.get(link.kind, 1.0)
            if g.has_edge(a, b):
                g.edges[a, b]["weight"] += w
            else:
                g.add_edge(a, b, weight=w)
    return g


def _positions(board: Board, boxes: Mapping[str, Box], movers: Iterable[str]) -> Positions:
    """Top-left corners (whole units) of the cards that moved."""
    out: Positions = {}
    for i in movers:
        c, b = board.cards[i], boxes[i]
        x, y = round(b.cx - c.width / 2), round(b.cy - c.height / 2)
        if (x, y) != (c.x, c.y):
            out[i] = (float(x), float(y))
    return out


def arrange(board: Board, method: str, *, ids: Iterable[str] | None = None,
            pinned: Iterable[str] = (), obstacles: Iterable[str] = (),
            sizes: Sizes | None = None, by: str = "type", center: str | None = None,
            seed: int = 7, gap: float = GAP) -> Positions:
    """New top-left corners for the cards ``method`` moves.

    ``ids`` is the scope (default: every card); ``pinned`` cards of the scope stay where
    they are; ``obstacles`` are other cards that stay and must not be covered (the rest
    of the board around a selection).  ``sizes`` gives a card's drawn size (Size By);
    ``by`` is the grouping of ``groups``; ``center`` the card ``radial`` rings around.
    """
    if method not in METHODS:
        raise LayoutError(f"unknown layout {method!r}: give one of {', '.join(METHODS)}")
    scope = sorted(set(board.cards) if ids is None else {i for i in ids if i in board.cards})
    pins = set(pinned) & set(scope)
    movers = [i for i in scope if i not in pins]
    if not movers:
        return {}
    size = sizes or _model_size(board)
    dims = {i: size(i) for i in scope}
    g = graph_of(board, scope)
    if method in ("force", "groups") and len(scope) > MAX_FORCE_CARDS:
        raise LayoutError(f"{len(scope)} cards are too many for a force layout (at most "
                          f"{MAX_FORCE_CARDS}): select a part of the board")
    current = {i: (b.cx, b.cy) for i, b in card_boxes(board, scope, size).items()}
    in_place = False
    if method == "force":
        pos, in_place = methods.force(board, g, dims, gap=gap, seed=seed, current=current,
                                      pinned=pins)
    elif method == "hierarchy":
        pos = methods.hierarchy(board, g, dims, gap=gap, seed=seed)
    elif method == "circle":
        pos = methods.circle(board, g, dims, gap=gap, seed=seed)
    elif method == "radial":
        if center is None:
            raise LayoutError("a radial layout needs a centre card: select one card (or "
                              "give --center NAME)")
        if center not in g:
            raise LayoutError("the centre card is not among the cards being arranged")
        pos = methods.radial(board, g, dims, gap=gap, seed=seed, center=center)
    else:
        if by not in GROUP_BY:
            raise LayoutError(f"unknown grouping {by!r}: give one of {', '.join(GROUP_BY)}")
        pos = methods.groups(board, g, dims, gap=gap, seed=seed, by=by)
    if not in_place:
        # the new picture goes where the moving cards were (their mean centre)
        mx = sum(current[i][0] for i in movers) / len(movers)
        my = sum(current[i][1] for i in movers) / len(movers)
        px = sum(pos[i][0] for i in movers) / len(movers)
        py = sum(pos[i][1] for i in movers) / len(movers)
        pos = {i: (x - px + mx, y - py + my) for i, (x, y) in pos.items()}
    boxes: dict[str, Box] = {}
    for i in scope:
        w, h = dims[i]
        x, y = current[i] if i in pins else pos[i]
        boxes[i] = Box(x, y, w, h, fixed=i in pins)
    others = [i for i in obstacles if i in board.cards and i not in boxes]
    boxes.update(card_boxes(board, others, size, fixed=others))
    remove_overlaps(boxes, gap)
    link_ends = [(lk.from_id, lk.to_id) for lk in board.links.values()
                 if lk.from_id in boxes and lk.to_id in boxes]
    if method in CLEARED:
        clear_links(boxes, link_ends, gap)
    return _positions(board, boxes, movers)


# ------------------------------------------------------------------ align and distribute
def align(board: Board, ids: Iterable[str], mode: str, *, pinned: Iterable[str] = (),
          sizes: Sizes | None = None) -> Positions:
    """Line the cards up on the selection's left, centre, right, top, middle or bottom
    (of their drawn rectangles).  A pinned card in the selection stays and is the one the
    others are lined up on, like a drawing tool's key object."""
    if mode not in ALIGN_MODES:
        raise LayoutError(f"unknown alignment {mode!r}: give one of {', '.join(ALIGN_MODES)}")
    boxes = card_boxes(board, [i for i in ids if i in board.cards], sizes)
    pins = {i for i in pinned if i in boxes}
    if len(boxes) < 2:
        return {}
    ref = [boxes[i] for i in sorted(pins)] or list(boxes.values())
    for i, b in boxes.items():
        if i in pins:
            continue
        if mode == "left":
            b.cx = min(r.left for r in ref) + b.w / 2
        elif mode == "right":
            b.cx = max(r.left + r.w for r in ref) - b.w / 2
        elif mode == "centre":
            b.cx = (min(r.left for r in ref) + max(r.left + r.w for r in ref)) / 2
        elif mode == "top":
            b.cy = min(r.top for r in ref) + b.h / 2
        elif mode == "bottom":
            b.cy = max(r.top + r.h for r in ref) - b.h / 2
        else:
            b.cy = (min(r.top for r in ref) + max(r.top + r.h for r in ref)) / 2
    return _positions(board, boxes, [i for i in boxes if i not in pins])


def distribute(board: Board, ids: Iterable[str], mode: str, *, pinned: Iterable[str] = (),
               sizes: Sizes | None = None) -> Positions:
    """Equal gaps between the cards, horizontally or vertically: the first and last stay
    and the others are spread between them in their order.  Pinned cards stay."""
    if mode not in DISTRIBUTE_MODES:
        raise LayoutError(f"unknown distribution {mode!r}: give horizontal or vertical")
    boxes = card_boxes(board, [i for i in ids if i in board.cards], sizes)
    if len(boxes) < 3:
        return {}
    pins = set(pinned)
    across = mode == "horizontal"

    def lead(b: Box) -> float:
        return b.left if across else b.top

    def extent(b: Box) -> float:
        return b.w if across else b.h

    order = sorted(boxes, key=lambda i: (lead(boxes[i]), i))
    start = lead(boxes[order[0]])
    end = lead(boxes[order[-1]]) + extent(boxes[order[-1]])
    free = (end - start) - sum(extent(boxes[i]) for i in order)
    step = free / (len(order) - 1)
    at = start
    for i in order:
        b = boxes[i]
        if i not in pins:
            if across:
                b.cx = at + b.w / 2
            else:
                b.cy = at + b.h / 2
        at += extent(b) + step
    return _positions(board, boxes, [i for i in order[1:-1] if i not in pins])
