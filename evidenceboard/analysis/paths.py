"""How two actors are connected: paths through the actor graph, as evidence chains.

:func:`find_paths` gives the shortest paths between two actors (fewest hops — how an
investigator counts "two handshakes away") and, with ``max_hops``, every simple path up
to that many hops, strongest first.  Each path is an :class:`EvidenceChainResult`: its
hops, each with the links that tie the two actors, the relation labels, the claims that
back them and every quote with its source and Admiralty grade — and what is weak about
it (one origin only, a disputed or unsourced link, a low grade, a backing claim that
another contradicts), said in words.

Also here: matching a typed name to an actor (:func:`find_actor`, by title or alias),
the ego network of an actor (:func:`ego_network`) and common neighbours.

No Qt.  The chain's ``link_ids`` feed the provenance report's evidence chains
(:class:`evidenceboard.export.report.EvidenceChain`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from ..model import Board, Card, Edit, Setting
from .contradictions import contradicting
from .corroboration import corroboration, origin_of, outlets_of
from .grading import Grade, below, item_grade
from .network import AnalysisCancelled, actor_graph
from .relations import backing_claims, claims_citing

#: At most this many paths are listed (all simple paths can be very many).
MAX_PATHS = 50
DEFAULT_MAX_HOPS = 4
#: A hop whose best grade is below this is called weak.
WEAK_BELOW = Grade("C", 3)


class NameNotFound(ValueError):
    """No actor, or several, answer to a name."""


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def find_actor(board: Board, name: str) -> Card:
    """The actor card whose title or an alias is ``name`` (case and spaces aside); else
    the one whose title or alias contains it.  Raises :class:`NameNotFound` naming the
    candidates when there are several or none."""
    want = _norm(name)
    if not want:
        raise NameNotFound("an empty name matches no actor")
    actors = sorted((c for c in board.cards.values() if c.kind == "actor"),
                    key=lambda c: (c.title.casefold(), c.id))
    exact = [c for c in actors if want in {_norm(n) for n in (c.title, *c.aliases)}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise NameNotFound(f"{name!r} names {len(exact)} actors: "
                           + ", ".join(f"{c.title} ({c.id[:8]})" for c in exact[:5]))
    part = [c for c in actors if any(want in _norm(n) for n in (c.title, *c.aliases))]
    if len(part) == 1:
        return part[0]
    if part:
        raise NameNotFound(f"{name!r} could be " + ", ".join(c.title for c in part[:6])
                           + ("…" if len(part) > 6 else "") + ": give the full name")
    raise NameNotFound(f"no actor on the board is called {name!r}")


# ----------------------------------------------------------------------------- evidence
@dataclass(frozen=True)
class QuoteEvidence:
    """One citation behind a hop: the exact words, where they are, their grade."""

    link: str
    source: str  # source id
    source_title: str
    published: str | None
    quote: str
    start: int
    end: int
    grade: str  # "B2", "??" when nobody graded it
    origin: str


@dataclass(frozen=True)
class ClaimEvidence:
    card: str
    title: str
    speaker: str | None
    contradicted_by: tuple[str, ...]  # claim card ids


@dataclass(frozen=True)
class Hop:
    """One step of a path: from one actor to the next."""

    from_card: str
    to_card: str
    link_ids: tuple[str, ...]
    labels: tuple[str, ...]
    quotes: tuple[QuoteEvidence, ...]
    claims: tuple[ClaimEvidence, ...]
    sources: int
    origins: int
    grade: str | None  # the best grade among the hop's links
    warnings: tuple[str, ...]  # why the hop is weak or contested, in words

    @property
    def label(self) -> str:
        return " · ".join(self.labels)

    @property
    def weak(self) -> bool:
        return bool(self.warnings)


@dataclass(frozen=True)
class EvidenceChainResult:
    """A path from one actor to another with the evidence of each hop."""

    cards: tuple[str, ...]
    titles: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def link_ids(self) -> tuple[str, ...]:
        """Every link the path goes through, hop by hop (the report's steps)."""
        return tuple(lid for hop in self.hops for lid in hop.link_ids)

    @property
    def title(self) -> str:
        return " → ".join(self.titles)

    @property
    def summary(self) -> str:
        weak = sum(1 for h in self.hops if h.weak)
        n = len(self.hops)
        text = f"{n} hop{'s' if n != 1 else ''}"
        origins = min((h.origins for h in self.hops), default=0)
        text += f"; the thinnest hop rests on {origins} independent origin" \
                f"{'s' if origins != 1 else ''}"
        if weak:
            text += f"; {weak} hop{'s' if weak != 1 else ''} weak or contested"
        return text

    def ids(self) -> list[str]:
        """Cards and links, for selecting the path on the board."""
        return [*self.cards, *self.link_ids]

    def as_json(self, board: Board) -> list[dict[str, object]]:
        """``[{card, title}, {link, label, quotes: [{source, quote}]}, {card, title}, …]``
        (one link entry per hop; ``links`` lists all the hop's links)."""
        out: list[dict[str, object]] = [{"card": self.cards[0], "title": self.titles[0]}]
        for hop, card, title in zip(self.hops, self.cards[1:], self.titles[1:],
                                    strict=True):
            out.append({"link": hop.link_ids[0], "links": list(hop.link_ids),
                        "label": hop.label,
                        "quotes": [{"source": q.source_title, "source_id": q.source,
                                    "quote": q.quote, "start": q.start, "end": q.end,
                                    "grade": q.grade} for q in hop.quotes],
                        "claims": [c.title for c in hop.claims],
                        "origins": hop.origins, "warnings": list(hop.warnings)})
            out.append({"card": card, "title": title})
        return out


class _Evidence:
    """Builds hops, sharing the board-wide lookups between them."""

    def __init__(self, board: Board, graph: nx.Graph[str]) -> None:
        self.board = board
        self.graph = graph
        self.outlets = outlets_of(board)
        self.spans = claims_citing(board)

    def hop(self, a: str, b: str) -> Hop:
        board = self.board
        data = self.graph.edges[a, b]
        link_ids = tuple(data["links"])
        quotes: list[QuoteEvidence] = []
        claims: dict[str, ClaimEvidence] = {}
        sources: set[str] = set()
        origins: set[str] = set()
        best: Grade | None = None
        warnings: list[str] = []
        for lid in link_ids:
            link = board.links[lid]
            co = corroboration(board, lid, self.outlets)
            sources.update(co.sources)
            origins.update(co.origins)
            g = item_grade(board, lid)
            if g is not None and (best is None or g.rank() < best.rank()):
                best = g
            for c in board.citations_of(lid):
                src = board.sources.get(c.source_id)
                if src is None:
                    continue
                cg = Grade(src.reliability, c.credibility)
                quotes.append(QuoteEvidence(
                    lid, src.id, src.shown_title, src.published, c.quote, c.start, c.end,
                    cg.label, origin_of(src, c, self.outlets)))
            for cid in backing_claims(board, lid, self.spans):
                if cid in claims:
                    continue
                card = board.cards[cid]
                claims[cid] = ClaimEvidence(cid, card.title, card.speaker,
                                            tuple(contradicting(board, cid)))
            if (link.label or "").casefold().startswith(("denied", "denies", "deny")):
                warnings.append(f"the relation is a denial (“{link.label}”)")
            if link.confidence == "disputed":
                warnings.append(f"the link “{link.label or link.kind}” is marked disputed")
            if not board.citations_of(lid):
                warnings.append(f"the link “{link.label or link.kind}” has no source"
                                + (" (marked so on purpose)" if link.unsourced else ""))
        for cl in claims.values():
            for other in cl.contradicted_by:
                oc = board.cards.get(other)
                warnings.append(f"the claim “{_short(cl.title)}” is contradicted by "
                                f"“{_short(oc.title if oc else other)}”")
        if quotes and len(origins) == 1:
            warnings.append("only one independent origin backs this hop")
        if best is not None and below(best, WEAK_BELOW):
            warnings.append(f"graded {best.label}, below {WEAK_BELOW.label}")
        quotes.sort(key=lambda q: (q.source_title.casefold(), q.start, q.link))
        return Hop(a, b, link_ids, tuple(data["labels"]), tuple(quotes),
                   tuple(claims.values()), len(sources), len(origins),
                   best.label if best is not None else None, tuple(warnings))

    def chain(self, path: list[str]) -> EvidenceChainResult:
        cards = self.board.cards
        hops = tuple(self.hop(a, b) for a, b in itertools.pairwise(path))
        return EvidenceChainResult(tuple(path), tuple(cards[v].title for v in path), hops)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# ----------------------------------------------------------------------------- paths
@dataclass(frozen=True)
class PathResult:
    source: str
    target: str
    shortest: tuple[EvidenceChainResult, ...]
    others: tuple[EvidenceChainResult, ...]  # longer simple paths up to max_hops
    max_hops: int
    truncated: bool  # more paths than MAX_PATHS exist

    @property
    def paths(self) -> tuple[EvidenceChainResult, ...]:
        return self.shortest + self.others


def find_paths(board: Board, source: str, target: str, *,
               max_hops: int | None = DEFAULT_MAX_HOPS, graph: nx.Graph[str] | None = None,
               limit: int = MAX_PATHS, cancelled: Callable[[], bool] = lambda: False
               ) -> PathResult:
    """The shortest paths (fewest hops) from actor ``source`` to ``target``, then the
    other simple paths of at most ``max_hops`` hops (None: shortest only), strongest
    first (most independent origins on the thinnest hop).  Raises ValueError when an
    end is not an actor."""
    for end in (source, target):
        card = board.cards.get(end)
        if card is None or card.kind != "actor":
            raise ValueError("a path joins two actors: select two actor cards")
    if source == target:
        raise ValueError("choose two different actors")
    g = actor_graph(board, cancelled=cancelled) if graph is None else graph
    ev = _Evidence(board, g)
    try:
        shortest_paths = []
        for p in nx.all_shortest_paths(g, source, target):
            shortest_paths.append(p)
            if len(shortest_paths) > limit:
                break
    except nx.NetworkXNoPath:
        return PathResult(source, target, (), (), max_hops or 0, False)
    truncated = len(shortest_paths) > limit
    shortest_paths = shortest_paths[:limit]

    def strength(p: list[str]) -> tuple[int, int, str]:
        ws = [g.edges[a, b]["weight"] for a, b in itertools.pairwise(p)]
        return (-min(ws), -sum(ws), " ".join(g.nodes[v]["title"] for v in p))

    shortest_paths.sort(key=lambda p: (len(p), *strength(p)))
    others: list[list[str]] = []
    hops = len(shortest_paths[0]) - 1
    if max_hops is not None and max_hops > hops:
        seen = {tuple(p) for p in shortest_paths}
        budget = limit - len(shortest_paths)
        for n, p in enumerate(nx.all_simple_paths(g, source, target, cutoff=max_hops)):
            if n % 64 == 0 and cancelled():
                raise AnalysisCancelled
            if tuple(p) in seen:
                continue
            if len(others) >= budget:
                truncated = True
                break
            others.append(p)
        others.sort(key=lambda p: (len(p), *strength(p)))
    return PathResult(source, target,
                      tuple(ev.chain(p) for p in shortest_paths),
                      tuple(ev.chain(p) for p in others), max_hops or hops, truncated)


def ego_network(board: Board, card_id: str, hops: int = 1,
                graph: nx.Graph[str] | None = None) -> set[str]:
    """The actors within ``hops`` ties of an actor (itself included) and the links
    between them."""
    g = actor_graph(board) if graph is None else graph
    if card_id not in g:
        return set()
    near = set(nx.single_source_shortest_path_length(g, card_id, cutoff=hops))
    links = {lid for a, b, d in g.subgraph(near).edges(data=True) for lid in d["links"]}
    return near | links


def common_neighbours(board: Board, ids: Iterable[str],
                      graph: nx.Graph[str] | None = None) -> list[str]:
    """Actors tied to every one of the given actors, most tied first."""
    g = actor_graph(board) if graph is None else graph
    ids = [i for i in ids if i in g]
    if len(ids) < 2:
        return []
    common = set(g[ids[0]])
    for i in ids[1:]:
        common &= set(g[i])
    common -= set(ids)
    return sorted(common, key=lambda v: (-g.degree(v), g.nodes[v]["title"].casefold(), v))


# ----------------------------------------------------------------------------- the report
#: The board setting holding the paths kept for the provenance report (JSON list).
REPORT_CHAINS_KEY = "report/chains"


@dataclass(frozen=True)
class StoredChain:
    """A path kept for the report: what :class:`~..export.report.EvidenceChain` needs."""

    title: str
    link_ids: tuple[str, ...]
    summary: str = ""


def stored_chains(board: Board) -> list[StoredChain]:
    """The paths kept for the report (an unreadable setting keeps none)."""
    text = board.setting(REPORT_CHAINS_KEY)
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    out = []
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            continue
        ids = entry.get("link_ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            continue
        summary = entry.get("summary")
        out.append(StoredChain(entry["title"], tuple(ids),
                               summary if isinstance(summary, str) else ""))
    return out


def keep_for_report(board: Board, chain: EvidenceChainResult) -> Edit | None:
    """The edit keeping ``chain`` for the report (None if it is kept already)."""
    kept = stored_chains(board)
    if any(c.link_ids == chain.link_ids for c in kept):
        return None
    kept.append(StoredChain(chain.title, chain.link_ids, chain.summary))
    text = json.dumps([{"title": c.title, "link_ids": list(c.link_ids), "summary": c.summary}
                       for c in kept], ensure_ascii=False)
    return Edit(f"Add path to report: {chain.title}", (Setting(REPORT_CHAINS_KEY, text),))
