"""Network analysis at scale: ours against networkx on the same graph built directly.

    .venv/bin/python bench/analysis_bench.py [--cards 1000,10000] [--runs 3]

Boards are synthetic with every card an actor (``synthetic_entities(..., kinds="actors")``,
links = 2 × cards, seed 1): the worst case of the actor graph.  For each size, medians
(ms) of:

  graph          ours: ``actor_graph`` (ties by pair, weights = independent origins read
                 from the citations)      | nx: ``nx.Graph`` from the links' ends
  snapshot       ours only: what the window's worker adds (entities copied, a private
                 Board built in the thread)
  centrality     ours: ``centrality(graph=g)`` (betweenness by batches with cancel
                 checks, eigenvector on numpy)  | nx: degree_centrality +
                 betweenness_centrality(k = the same number of sources, weighted) +
                 eigenvector_centrality (weighted)
  communities    ours: ``communities(graph=g)``  | nx: louvain_communities(seed) directly
  path           ours: ``find_paths`` shortest, with the evidence of every hop  | nx:
                 all_shortest_paths between the same two actors

``ratio`` = ours / networkx on the same graph (> 1: our overhead; < 1: faster than the
plain networkx call).  Betweenness is exact up to 1,000 actors and estimated from 200
seeded sources above (the same k for networkx).
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

from evidenceboard.analysis.network import (  # noqa: E402
    BETWEENNESS_SAMPLES,
    EXACT_BETWEENNESS_LIMIT,
    actor_graph,
    centrality,
    communities,
)
from evidenceboard.analysis.paths import find_paths  # noqa: E402
from evidenceboard.model import Board, Setting  # noqa: E402
from evidenceboard.synthetic import synthetic_entities  # noqa: E402


def _ms(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def measure(cards: int, runs: int) -> dict[str, tuple[float, float | None]]:
    board = Board.from_entities(synthetic_entities(cards, 2 * cards, 1, kinds="actors"))
    out: dict[str, tuple[float, float | None]] = {}

    def plain_graph() -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(c.id for c in board.cards.values())
        g.add_edges_from((lk.from_id, lk.to_id) for lk in board.links.values()
                         if lk.from_id != lk.to_id)
        for u, v in g.edges:
            g.edges[u, v]["weight"] = 1
            g.edges[u, v]["distance"] = 1.0
        return g

    ours, g = _ms(lambda: actor_graph(board), runs)
    theirs, _ = _ms(plain_graph, runs)
    out["graph"] = (ours, theirs)

    def snapshot() -> Board:
        entities = [e for e in board.entities() if not isinstance(e, Setting)]
        return Board.from_entities(entities)

    out["snapshot"] = (_ms(snapshot, runs)[0], None)
    n = g.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLES
    c_runs = runs if n <= 1000 else 1
    ours, _ = _ms(lambda: centrality(board, graph=g), c_runs)

    def nx_centrality() -> None:
        nx.degree_centrality(g)
        nx.betweenness_centrality(g, k=k, seed=1, weight="distance")
        nx.eigenvector_centrality(g, weight="weight", max_iter=1000)

    theirs, _ = _ms(nx_centrality, c_runs)
    out["centrality"] = (ours, theirs)
    ours, _ = _ms(lambda: communities(board, graph=g), runs)
    theirs, _ = _ms(lambda: nx.community.louvain_communities(g, weight="weight", seed=15),
                    runs)
    out["communities"] = (ours, theirs)
    ends = sorted(g.nodes, key=lambda v: (-g.degree(v), v))
    a, b = ends[0], ends[len(ends) // 2]
    ours, _ = _ms(lambda: find_paths(board, a, b, max_hops=None, graph=g), runs)
    theirs, _ = _ms(lambda: list(nx.all_shortest_paths(g, a, b)), runs)
    out["path"] = (ours, theirs)
    out["_size"] = (float(n), float(g.number_of_edges()))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cards", default="1000,10000")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    sizes = [int(s) for s in args.cards.split(",")]
    results = {n: measure(n, args.runs) for n in sizes}
    print("| metric | " + " | ".join(f"{n:,} cards: ours | networkx | ratio"
                                      for n in sizes) + " |")
    print("|---|" + "---|---|---|" * len(sizes))
    for key in ("graph", "snapshot", "centrality", "communities", "path"):
        cells = []
        for n in sizes:
            ours, theirs = results[n][key]
            if theirs is None:
                cells.append(f"{ours:,.0f} | — | —")
            else:
                cells.append(f"{ours:,.1f} | {theirs:,.1f} | {ours / theirs:.2f}×")
        print(f"| {key} | " + " | ".join(cells) + " |")
    for n in sizes:
        nodes, edges = results[n]["_size"]
        print(f"\n{n:,} cards: actor graph of {nodes:,.0f} actors and {edges:,.0f} ties")


if __name__ == "__main__":
    main()
