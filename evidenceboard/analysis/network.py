"""Who matters on a board: the actor graph, its centralities and its communities.

The **actor graph** has one node per actor card and one edge per pair of actors that a
link joins directly — the relation links read from claims (:mod:`.relations`) and any
link an investigator drew between two actors.  An edge's *weight* is the number of
independent origins behind all the pair's links (:mod:`.corroboration`: two articles
relaying one report count once), at least 1 (a drawn, unsourced link still says the
analyst ties the two).  Its *distance*, used for shortest paths in betweenness, is
``1 / weight``: a tie backed by more independent reports is a shorter step.

* :func:`actor_graph` builds it (networkx ``Graph``), :func:`centrality` ranks the
  actors (degree = distinct related actors, strength = summed weight, betweenness,
  eigenvector), :func:`communities` groups them (Louvain, seeded: the same board gives
  the same groups), :func:`clusters` is the headless answer a layout or the CLI uses.
* Long computations take ``progress(done, total)`` and ``cancelled()`` callbacks and
  raise :class:`AnalysisCancelled` between steps, so a window can run them in a worker
  thread with a Cancel button.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` actors; above it is
estimated from :data:`BETWEENNESS_SAMPLES` source actors chosen with a fixed seed
(Brandes' pivots, as networkx's ``k``), and the result says so.  Eigenvector
centrality is networkx's power iteration ``x ← (A + I)·x`` done with numpy arrays.

No Qt: the window, the CLI and the benchmarks share it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ..model import Board, Card, Link
from .contradictions import CONTRADICTION_KINDS
from .corroboration import _origin_key, origin_of, outlets_of

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 200
#: Louvain's seed: communities are the same every time for the same board.
COMMUNITY_SEED = 15
#: Source actors per step of betweenness between two cancel checks.
_BATCH = 16


class AnalysisCancelled(Exception):
    """The user cancelled a running analysis; nothing was changed."""


def _never() -> bool:
    return False


def _quiet(_done: int, _total: int) -> None:
    return None


# ----------------------------------------------------------------------------- the graph
def is_actor(board: Board, card_id: str) -> bool:
    card = board.cards.get(card_id)
    return card is not None and card.kind == "actor"


def actor_links(board: Board) -> list[Link]:
    """The links that tie two different actors (contradictions tie claims, never)."""
    cards = board.cards
    out = []
    for lk in board.links.values():
        if lk.kind in CONTRADICTION_KINDS or lk.from_id == lk.to_id:
            continue
        a, b = cards.get(lk.from_id), cards.get(lk.to_id)
        if a is not None and b is not None and a.kind == "actor" and b.kind == "actor":
            out.append(lk)
    return out


def actor_graph(board: Board, *, only: Iterable[str] | None = None,
                cancelled: Cancelled = _never) -> nx.Graph[str]:
    """The actor graph of ``board`` (of the actor ids in ``only`` when given: what the
    view shows).  Node attributes: ``title``; edge attributes: ``weight`` (independent
    origins, at least 1), ``distance`` (1 / weight), ``links`` (ids, sorted),
    ``labels`` (distinct, most cited first)."""
    keep = set(only) if only is not None else None
    g: nx.Graph[str] = nx.Graph()
    for cid, card in board.cards.items():
        if card.kind == "actor" and (keep is None or cid in keep):
            g.add_node(cid, title=card.title)
    outlets = outlets_of(board)
    by_pair: dict[tuple[str, str], list[Link]] = {}
    for lk in actor_links(board):
        if lk.from_id in g and lk.to_id in g:
            pair = (lk.from_id, lk.to_id) if lk.from_id < lk.to_id else (lk.to_id, lk.from_id)
            by_pair.setdefault(pair, []).append(lk)
    for n, ((a, b), links) in enumerate(sorted(by_pair.items())):
        if n % 512 == 0 and cancelled():
            raise AnalysisCancelled
        origins: set[str] = set()
        label_weight: dict[str, int] = {}
        cited = [(lk, board.citations_of(lk.id)) for lk in links]
        for lk, cites in cited:
            label = lk.label or lk.kind
            label_weight[label] = label_weight.get(label, 0) + max(1, len(cites))
        if sum(len(cites) for _, cites in cited) > 1:  # one citation is one origin
            for _, cites in cited:
                for c in cites:
                    src = board.sources.get(c.source_id)
                    if src is not None:
                        origins.add(_origin_key(origin_of(src, c, outlets)))
        w = max(1, len(origins))
        g.add_edge(a, b, weight=w, distance=1.0 / w,
                   links=tuple(sorted(lk.id for lk in links)),
                   labels=tuple(sorted(label_weight, key=lambda k: (-label_weight[k], k))))
    return g


# ----------------------------------------------------------------------------- centrality
@dataclass(frozen=True)
class CentralityRow:
    """One actor's centralities.  ``degree``: how many actors it is tied to;
    ``strength``: the independent origins of all its ties; ``betweenness`` and
    ``eigenvector`` normalised as networkx does (0..1)."""

    card: str
    title: str
    degree: int
    strength: int
    betweenness: float
    eigenvector: float

    def as_json(self) -> dict[str, object]:
        return {"card": self.card, "title": self.title, "degree": self.degree,
                "strength": self.strength, "betweenness": round(self.betweenness, 6),
                "eigenvector": round(self.eigenvector, 6)}


@dataclass(frozen=True)
class CentralityResult:
    rows: tuple[CentralityRow, ...]  # most central first (degree, then betweenness)
    betweenness_sources: int  # actors whose shortest paths were counted
    actors: int
    ties: int

    @property
    def estimated(self) -> bool:
        return self.betweenness_sources < self.actors

    def row(self, card_id: str) -> CentralityRow | None:
        return next((r for r in self.rows if r.card == card_id), None)

    def note(self) -> str:
        """What the numbers are, for the dock and the CLI."""
        text = (f"{self.actors} actors, {self.ties} ties weighted by independent "
                "origins")
        if self.estimated:
            text += (f"; betweenness estimated from {self.betweenness_sources} of "
                     f"{self.actors} actors (seeded sample)")
        return text


def betweenness(g: nx.Graph[str], *, samples: int | None = None, seed: int = 1,
                weight: str | None = "distance", progress: Progress = _quiet,
                cancelled: Cancelled = _never) -> tuple[dict[str, float], int]:
    """Normalised betweenness of every node and how many source nodes were counted.

    Brandes' accumulation is run per batch of source nodes through networkx's
    ``betweenness_centrality_subset`` (sources = the batch, targets = every node), so a
    cancel or a progress step comes between batches; the sum over all sources is exactly
    ``betweenness_centrality``.  With ``samples`` below the node count the sources are a
    seeded sample, scaled up by n / samples (networkx's ``k``)."""
    nodes = sorted(g.nodes)
    n = len(nodes)
    total = dict.fromkeys(nodes, 0.0)
    if n < 3:
        return total, n
    if samples is None:
        samples = n if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLES
    sources = nodes if samples >= n else random.Random(seed).sample(nodes, samples)
    k = len(sources)
    # a step every few thousand edges walked, so Cancel answers within a fraction of a
    # second at any size
    batch = max(1, min(_BATCH, 200_000 // max(1, g.number_of_edges() + n)))
    for i in range(0, k, batch):
        if cancelled():
            raise AnalysisCancelled
        part = nx.betweenness_centrality_subset(g, sources[i:i + batch], nodes,
                                                normalized=False, weight=weight)
        for v, x in part.items():
            total[v] += x
        progress(min(i + batch, k), k)
    # subset sums count each undirected pair once per end: as betweenness_centrality
    # (normalized), scale by 2 / ((n-1)(n-2)) and by n / k for a sample
    scale = 2.0 / ((n - 1) * (n - 2)) * (n / k)
    return {v: x * scale for v, x in total.items()}, k


def eigenvector(g: nx.Graph[str], *, weight: str | None = "weight", max_iter: int = 1000,
                tol: float = 1.0e-6, cancelled: Cancelled = _never) -> dict[str, float]:
    """networkx's ``eigenvector_centrality`` (power iteration of ``A + I`` from a
    uniform start, Euclidean norm 1, the same stopping rule) on numpy arrays."""
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for u, v, d in g.edges(data=True):
        w = float(d.get(weight, 1.0)) if weight else 1.0
        i, j = index[u], index[v]
        rows += (i, j)
        cols += (j, i)
        vals += (w, w)
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    wv = np.asarray(vals, dtype=np.float64)
    x = np.full(n, 1.0 / n)
    for it in range(max_iter):
        if it % 50 == 0 and cancelled():
            raise AnalysisCancelled
        last = x
        x = last + np.bincount(r, weights=wv * last[c], minlength=n)
        norm = float(np.sqrt(x @ x)) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            break
    return {v: float(x[i]) for v, i in index.items()}


def centrality(board: Board, *, graph: nx.Graph[str] | None = None,
               samples: int | None = None, progress: Progress = _quiet,
               cancelled: Cancelled = _never) -> CentralityResult:
    """Every actor's centralities, most central first (degree, betweenness, then
    title).  ``progress`` counts the betweenness sources (the long part)."""
    g = actor_graph(board, cancelled=cancelled) if graph is None else graph
    btw, k = betweenness(g, samples=samples, progress=progress, cancelled=cancelled)
    eig = eigenvector(g, cancelled=cancelled)
    rows = []
    for v in g.nodes:
        rows.append(CentralityRow(
            v, g.nodes[v].get("title", ""), g.degree(v),
            int(sum(d["weight"] for _, _, d in g.edges(v, data=True))),
            btw.get(v, 0.0), eig.get(v, 0.0)))
    rows.sort(key=lambda r: (-r.degree, -r.betweenness, -r.strength, r.title.casefold(),
                             r.card))
    return CentralityResult(tuple(rows), k if g.number_of_nodes() >= 3 else
                            g.number_of_nodes(), g.number_of_nodes(), g.number_of_edges())


# ----------------------------------------------------------------------------- communities
@dataclass(frozen=True)
class Cluster:
    """A community of actors: its members, most tied first, named after the first."""

    index: int  # 1, 2, ... biggest first
    members: tuple[str, ...]
    titles: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.titles[0] if self.titles else f"Cluster {self.index}"

    def as_json(self) -> dict[str, object]:
        return {"cluster": self.index, "name": self.name, "size": len(self.members),
                "members": [{"card": c, "title": t}
                            for c, t in zip(self.members, self.titles, strict=True)]}


@dataclass(frozen=True)
class Communities:
    clusters: tuple[Cluster, ...]
    modularity: float
    by_card: dict[str, int] = field(default_factory=dict)  # card id -> cluster index

    def cluster_of(self, card_id: str) -> Cluster | None:
        i = self.by_card.get(card_id)
        return self.clusters[i - 1] if i is not None else None


#: Card fills for communities, in order (light enough for dark text on a card); the
#: canvas (Analyze ▸ Colour by Community) and exports colour alike.
COMMUNITY_COLORS = ("#f7c873", "#9fd3c7", "#c5b3e6", "#f4a7a3", "#a9c8f0", "#c9e4a6",
                    "#f2b8d8", "#e0c9a6", "#b5e0e6", "#d9d98c")


def community_colour(index: int) -> str:
    """The fill of community ``index`` (1, 2, ...)."""
    return COMMUNITY_COLORS[(index - 1) % len(COMMUNITY_COLORS)]


def community_colours(groups: Communities) -> dict[str, str]:
    """Each community member's fill (card id -> colour)."""
    return {cid: community_colour(i) for cid, i in groups.by_card.items()}


def _numbered(g: nx.Graph[str]) -> tuple[list[str], nx.Graph[int]]:
    """``g`` with its nodes numbered in id order (and the ids by number).

    Louvain keeps sets of nodes: with text ids their order (and so the result) would
    change with Python's per-process string hashing; small integers in id order keep it
    the same in every process.
    """
    ids = sorted(g.nodes)
    number = {v: i for i, v in enumerate(ids)}
    plain: nx.Graph[int] = nx.Graph()
    plain.add_nodes_from(range(len(ids)))
    plain.add_weighted_edges_from(sorted(
        (min(number[u], number[v]), max(number[u], number[v]), w)
        for u, v, w in g.edges(data="weight", default=1.0)))
    return ids, plain


def louvain(g: nx.Graph[str], seed: int) -> list[set[str]]:
    """Louvain communities of ``g`` (edge attribute ``weight``), the same in every
    process for the same graph and seed."""
    ids, plain = _numbered(g)
    return [{ids[i] for i in c}
            for c in nx.community.louvain_communities(plain, weight="weight", seed=seed)]


def communities(board: Board, *, graph: nx.Graph[str] | None = None,
                include_isolated: bool = False, seed: int = COMMUNITY_SEED,
                cancelled: Cancelled = _never) -> Communities:
    """Louvain communities of the actor graph (weighted by origins, seeded), biggest
    first.  Actors tied to nobody form no community unless ``include_isolated``."""
    g = actor_graph(board, cancelled=cancelled) if graph is None else graph
    if cancelled():
        raise AnalysisCancelled
    core = g if include_isolated else g.subgraph([v for v in g if g.degree(v) > 0])
    if core.number_of_nodes() == 0:
        return Communities((), 0.0, {})
    ids, plain = _numbered(core)
    # The same actors, ties and names give the same communities: the view asks again
    # after every edit (a move changes none of them)
    key: tuple[object, ...] = (seed, tuple(ids), tuple(plain.edges(data="weight")),
                               tuple(str(g.nodes[v].get("title", "")) for v in ids))
    last = _LAST_COMMUNITIES.get("last")
    if last is not None and last[0] == key:
        return last[1]
    found = nx.community.louvain_communities(plain, weight="weight", seed=seed)
    if cancelled():
        raise AnalysisCancelled
    mod = nx.community.modularity(plain, found, weight="weight") \
        if plain.number_of_edges() else 0.0
    groups = [{ids[i] for i in group} for group in found]

    def rank(v: str) -> tuple[int, int, str]:
        return (-core.degree(v), -int(core.degree(v, weight="weight")),
                str(core.nodes[v].get("title", "")).casefold())

    ordered = []
    for group in groups:
        members = sorted(group, key=lambda v: (*rank(v), v))
        ordered.append(members)
    ordered.sort(key=lambda m: (-len(m), rank(m[0]), m[0]))
    clusters, by_card = [], {}
    for i, members in enumerate(ordered, start=1):
        clusters.append(Cluster(i, tuple(members),
                                tuple(str(g.nodes[v].get("title", "")) for v in members)))
        for v in members:
            by_card[v] = i
    result = Communities(tuple(clusters), float(mod), by_card)
    _LAST_COMMUNITIES["last"] = (key, result)
    return result


#: The last :func:`communities` result and what it was found from.
_LAST_COMMUNITIES: dict[str, tuple[tuple[object, ...], Communities]] = {}


def clusters(board: Board) -> list[Cluster]:
    """The board's actor communities (headless: the CLI, a layout grouping by them)."""
    return list(communities(board).clusters)


def card_titles(board: Board, ids: Iterable[str]) -> list[tuple[str, str]]:
    cards: dict[str, Card] = board.cards
    return [(i, cards[i].title) for i in ids if i in cards]


#: Space of one actor in a community block (scene units), and between blocks.
_CELL_W, _CELL_H, _BLOCK_GAP = 240.0, 110.0, 160.0


def community_positions(board: Board, groups: Communities) -> dict[str, tuple[float, float]]:
    """Where each community's actors go when the board is arranged by community: each
    community a block (its most tied actor in the middle of the first row, the others in
    rows around it), blocks biggest first in rows, from the top left of where the actors
    are now.  Actors in no community stay where they are."""
    cards = board.cards
    members = [[c for c in cl.members if c in cards] for cl in groups.clusters]
    members = [m for m in members if m]
    if not members:
        return {}
    placed = [cards[c] for m in members for c in m]
    x0 = min(c.x for c in placed)
    y0 = min(c.y for c in placed)
    total = sum(len(m) for m in members)
    row_width = max(_CELL_W * 4, math.sqrt(total) * _CELL_W * 1.6)
    out: dict[str, tuple[float, float]] = {}
    x, y, row_h = x0, y0, 0.0
    for m in members:
        cols = max(1, math.ceil(math.sqrt(len(m))))
        rows = math.ceil(len(m) / cols)
        w, h = cols * _CELL_W, rows * _CELL_H
        if x > x0 and x + w > x0 + row_width:
            x, y, row_h = x0, y + row_h + _BLOCK_GAP, 0.0
        for k, cid in enumerate(m):
            out[cid] = (round(x + (k % cols) * _CELL_W, 1), round(y + (k // cols) * _CELL_H, 1))
        x += w + _BLOCK_GAP
        row_h = max(row_h, h)
    return out
