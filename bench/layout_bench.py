"""Arrange layouts: time of each layout on the demo board and on a synthetic board, with
networkx's own layout of the same graph as the baseline of the same run.

    .venv/bin/python bench/layout_bench.py [--runs 3] [--cards 1000]

For each board and method it prints the median time (ms) of ``arrange`` (the whole
step: the method, overlap removal and, for force and groups, links taken off cards), the
baseline (``nx.spring_layout`` of the same graph, or ``nx.forceatlas2_layout`` at 500
nodes and more, where the spring layout needs SciPy), their ratio, and the result's
overlaps (must be 0) and links passing under a card (before -> after).  The relations
view row lays out the actors only, counting the relation links (what that view shows).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from evidenceboard.analysis.arrange import (  # noqa: E402
    arrange,
    card_boxes,
    graph_of,
    links_under_cards,
    overlapping_pairs,
)
from evidenceboard.demo import demo_edit  # noqa: E402
from evidenceboard.model import Board  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402

CASES = [("force", {}), ("hierarchy", {}), ("circle", {}), ("radial", {}),
         ("groups", {"by": "type"}), ("groups", {"by": "source"}),
         ("groups", {"by": "cluster"})]


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def baseline(g: nx.Graph):
    if len(g) >= 500:
        return lambda: nx.forceatlas2_layout(g, seed=7, weight="weight", max_iter=100)
    return lambda: nx.spring_layout(g, seed=7, weight="weight", iterations=100,
                                    method="force")


def after(board: Board, pos: dict) -> Board:
    cards = [board.cards[i].moved_to(*pos[i]) if i in pos else board.cards[i]
             for i in board.cards]
    return Board.from_entities(cards)


def run_board(name: str, board: Board, runs: int, rows: list) -> None:
    ids = sorted(board.cards)
    g = graph_of(board, ids)
    base_ms, _ = median_ms(baseline(g), runs)
    links = [(lk.from_id, lk.to_id) for lk in board.links.values()]
    before = links_under_cards(card_boxes(board, ids), links)
    hub = max(ids, key=lambda i: (board.link_count(i), i))
    for method, kw in CASES:
        kw = dict(kw, center=hub) if method == "radial" else kw
        ms, pos = median_ms(lambda m=method, k=kw: arrange(board, m, **k), runs)
        moved = after(board, pos)
        boxes = card_boxes(moved, ids)
        label = method if method != "groups" else f"groups/{kw['by']}"
        rows.append((name, label, len(ids), ms, base_ms, ms / base_ms,
                     len(overlapping_pairs(boxes)), before, links_under_cards(boxes, links)))


def run_relations_view(board: Board, runs: int, rows: list) -> None:
    actors = sorted(i for i, c in board.cards.items() if c.kind == "actor")
    rel = [(lk.from_id, lk.to_id) for lk in board.links.values() if lk.kind == "relation"]
    g = graph_of(board, actors)
    base_ms, _ = median_ms(baseline(g), runs)
    before = links_under_cards(card_boxes(board, actors), rel)
    ms, pos = median_ms(lambda: arrange(board, "force", ids=actors), runs)
    boxes = card_boxes(after(board, pos), actors)
    rows.append(("demo relations view", "force", len(actors), ms, base_ms, ms / base_ms,
                 len(overlapping_pairs(boxes)), before, links_under_cards(boxes, rel)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cards", default="1000")
    args = ap.parse_args()
    rows: list = []
    demo = Board()
    demo.apply(demo_edit(demo))
    run_board("demo", demo, args.runs, rows)
    run_relations_view(demo, args.runs, rows)
    for n in (int(x) for x in args.cards.split(",") if x):
        board = Board.from_entities(synthetic_entities(n, int(n * 1.5)))
        run_board(f"synthetic {n}", board, args.runs, rows)
    print(f"{'board':22} {'layout':15} {'cards':>6} {'ms':>8} {'nx ms':>8} {'ratio':>6} "
          f"{'overlaps':>8} {'links under cards':>18}")
    for name, label, n, ms, base, ratio, ov, b, a in rows:
        print(f"{name:22} {label:15} {n:6d} {ms:8.0f} {base:8.0f} {ratio:6.1f} {ov:8d} "
              f"{b:>8} -> {a:<7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
