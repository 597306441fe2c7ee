"""Relations between actors, read from the claims that name them.

A claim about two actors is evidence of a relation between them: "Dbeibeh denied having
met Barnea" is a link Dbeibah → Barnea labelled "denied meeting".  This module turns the
claim cards of a board into such links (kind ``"relation"``), each citing the exact
sentence its claim cites, so a relation is sourced like any other link: it is stored in
the board file, undone in one step, exported everywhere.

* :func:`claim_relations` reads one claim card: the actors linked to it (its speaker and
  subjects) are found in the words it quotes by their mention citations (or by name), and
  :func:`~.relation_words.relations_in` says who did what to whom.
* :func:`derive_relations` makes the edit for many claims: a new link per (agent, target,
  label), or one more citation of a relation link already there (a second claim *backs*
  it).  Running it twice adds nothing.
* :func:`relation_bundles` groups the relation links of each pair of actors and counts
  what backs them ("3 claims · 4 sources · 2 origins", origins as
  :mod:`.corroboration` finds them), for the relations view.

No Qt: the importer, the CLI and the app share it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import Board, Card, Citation, Edit, Entity, Link, Source, new_id
from .corroboration import _origin_key, origin_of, outlets_of
from .relation_tokens import Relation, names_a_role
from .relation_words import relations_in, roles_in

RELATION_KIND = "relation"
#: Actor types that can be where something happened ("met in Amman").
PLACE_TYPES = ("place", "country")
#: Link kinds that tie a claim to the actors it names.
SPEAKER_KINDS = ("states", "denies")
SUBJECT_KIND = "about"


@dataclass(frozen=True)
class ProposedRelation:
    """One relation a claim states, with the words that state it."""

    agent: str  # actor card id
    target: str  # actor card id
    label: str
    symmetric: bool
    claim_id: str
    source_id: str | None  # the cited sentence (None: a claim with no citation)
    start: int = 0
    end: int = 0
    cue: tuple[int, int] = (0, 0)  # the relation's words, offsets into the source


def actors_of_claim(board: Board, claim_id: str) -> set[str]:
    """The actor cards a claim is linked to: its speaker and its subjects."""
    out: set[str] = set()
    for lk in board.links_of(claim_id):
        other = lk.from_id if lk.to_id == claim_id else lk.to_id
        card = board.cards.get(other)
        if card is None or card.kind != "actor":
            continue
        if (lk.kind in SPEAKER_KINDS and lk.to_id == claim_id) or \
                (lk.kind == SUBJECT_KIND and lk.from_id == claim_id):
            out.add(other)
    return out


def speaker_of_claim(board: Board, claim_id: str) -> str | None:
    """The actor card that states (or denies) the claim, if one does."""
    for lk in board.links_of(claim_id):
        if lk.to_id == claim_id and lk.kind in SPEAKER_KINDS and \
                _is_actor(board, lk.from_id):
            return lk.from_id
    return None


_SKIPPED = frozenset(" \t\n\r\u00a0\u2009\u202f\"“”‘’'")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` without spaces and quote marks, and where each kept character was."""
    keep = [i for i, ch in enumerate(text) if ch not in _SKIPPED]
    return "".join(text[i] for i in keep), keep


def content_span(source: Source, citation: Citation, quote: str) -> tuple[int, int]:
    """Where in ``source`` the claim's own words (its title) are, inside the sentence the
    claim cites, whatever their spaces and quote marks; the whole sentence when they
    cannot be found there."""
    start = max(0, min(citation.start, len(source.text)))
    end = max(start, min(citation.end, len(source.text)))
    want, _ = _folded(quote)
    have, where = _folded(source.text[start:end])
    at = have.find(want) if want else -1
    if at < 0:
        return start, end
    return start + where[at], start + where[at + len(want) - 1] + 1


class MentionIndex:
    """The actor mention citations of each source, sorted by position, so the mentions
    inside one sentence are found by bisection instead of a scan of the whole article
    (the scan made deriving the relations of a long article quadratic)."""

    def __init__(self, board: Board) -> None:
        self._board = board
        self._by_source: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}

    def _of(self, source_id: str) -> tuple[list[int], list[tuple[int, int, str]]]:
        hit = self._by_source.get(source_id)
        if hit is None:
            board = self._board
            spans = []
            for c in board.citations_in(source_id):
                card = board.cards.get(c.card_id) if c.card_id is not None else None
                if card is not None and card.kind == "actor":
                    spans.append((c.start, c.end, card.id))
            spans.sort()
            hit = self._by_source[source_id] = ([s for s, _, _ in spans], spans)
        return hit

    def within(self, source_id: str, lo: int, hi: int, actors: set[str] | None
               ) -> list[tuple[int, int, str]]:
        """The mentions (start, end, actor id) wholly inside ``lo:hi``, sorted; only of
        ``actors`` when given."""
        starts, spans = self._of(source_id)
        out = []
        for k in range(bisect_left(starts, lo), bisect_right(starts, hi)):
            _s, e, a = spans[k]
            if e <= hi and (actors is None or a in actors):
                out.append(spans[k])
        return out


def _mentions_in(board: Board, source_id: str, lo: int, hi: int,
                 actors: set[str] | None, index: MentionIndex | None = None
                 ) -> list[tuple[int, int, str]]:
    return (index or MentionIndex(board)).within(source_id, lo, hi, actors)


def _name_mentions(text: str, actors: Iterable[Card]) -> list[tuple[int, int, str]]:
    """Mentions found by name (a claim typed by hand has no mention citations)."""
    out: list[tuple[int, int, str]] = []
    for card in actors:
        for name in sorted({card.title, *card.aliases}, key=len, reverse=True):
            if len(name.strip()) < 2:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", text):
                out.append((m.start(), m.end(), card.id))
    out.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for span in out:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _places(board: Board, ids: Iterable[str]) -> frozenset[str]:
    return frozenset(i for i in ids if i in board.cards
                     and board.cards[i].actor_type in PLACE_TYPES)


def _shifted(rel: Relation, by: int) -> Relation:
    return replace(rel, cue=(rel.cue[0] + by, rel.cue[1] + by))


def claim_relations(board: Board, claim_id: str, mentions_index: MentionIndex | None = None
                    ) -> list[ProposedRelation]:
    """The relations the claim card ``claim_id`` states between the actors it names
    (``mentions_index``: one :class:`MentionIndex` shared by the claims of one board)."""
    claim = board.cards.get(claim_id)
    if claim is None or claim.kind != "claim":
        return []
    linked = actors_of_claim(board, claim_id)
    speaker = speaker_of_claim(board, claim_id)
    denied = any(lk.kind == "denies" and lk.to_id == claim_id and _is_actor(board, lk.from_id)
                 for lk in board.links_of(claim_id))
    out: list[ProposedRelation] = []
    seen: set[tuple[str, str, str, str | None]] = set()
    cites = board.citations_of(claim_id)
    for c in cites:
        src = board.sources.get(c.source_id)
        if src is None or src.text[c.start:c.end] != c.quote:
            continue  # a broken citation quotes nothing we can read
        lo, hi = content_span(src, c, claim.title)
        found: list[Relation] = []
        mentions = _mentions_in(board, src.id, lo, hi, linked or None, mentions_index)
        if len({m[2] for m in mentions} | ({speaker} if speaker else set())) >= 2:
            local = [(s - lo, e - lo, a) for s, e, a in mentions]
            found = [_shifted(rel, lo) for rel in relations_in(
                src.text[lo:hi], local, _places(board, {m[2] for m in mentions}), speaker)]
        whole = _mentions_in(board, src.id, c.start, c.end, linked or None,
                             mentions_index) if (lo, hi) != (c.start, c.end) else []
        if any(s < lo or e > hi for s, e, _ in whole) and \
                names_a_role(src.text[c.start:lo] + " " + src.text[hi:c.end]):
            # the sentence around what was said: who its people are ("Vestan president
            # Omar Said said ..."), the article's own words, not the speaker's
            local = [(s - c.start, e - c.start, a) for s, e, a in whole]
            found += [_shifted(rel, c.start) for rel in roles_in(
                src.text[c.start:c.end], local, _places(board, {m[2] for m in whole}))
                if not lo <= rel.cue[0] + c.start < hi]
        if denied:
            # "Y denied that X met Z": the claim says X did not; only a reading that
            # keeps the denial ("X denied meeting Z") or a role is a relation
            found = [rel for rel in found if rel.negated or not lo <= rel.cue[0] < hi]
        for rel in found:
            key = (rel.agent, rel.target, rel.label, src.id)
            if key in seen:
                continue
            seen.add(key)
            out.append(ProposedRelation(rel.agent, rel.target, rel.label, rel.symmetric,
                                        claim_id, src.id, c.start, c.end, rel.cue))
    if not cites:
        actors = [board.cards[i] for i in sorted(linked)] or \
            [c for c in board.cards.values() if c.kind == "actor"]
        mentions = _name_mentions(claim.title, actors)
        for rel in relations_in(claim.title, mentions,
                                _places(board, {m[2] for m in mentions})):
            out.append(ProposedRelation(rel.agent, rel.target, rel.label, rel.symmetric,
                                        claim_id, None, cue=rel.cue))
    return out


# ----------------------------------------------------------------------------- the edit
@dataclass
class _RelationIndex:
    """Relation links already on the board (or made by this edit), by ends and label."""

    by_key: dict[tuple[str, str, str], str] = field(default_factory=dict)
    cited: set[tuple[str, str, int, int]] = field(default_factory=set)

    def add(self, link: Link) -> None:
        self.by_key.setdefault((link.from_id, link.to_id, link.label.casefold()), link.id)
        if link.direction == "none":
            self.by_key.setdefault((link.to_id, link.from_id, link.label.casefold()),
                                   link.id)

    def find(self, agent: str, target: str, label: str) -> str | None:
        return self.by_key.get((agent, target, label.casefold()))


def relation_links(board: Board) -> list[Link]:
    return [lk for lk in board.links.values() if lk.kind == RELATION_KIND
            and _is_actor(board, lk.from_id) and _is_actor(board, lk.to_id)]


def _is_actor(board: Board, card_id: str) -> bool:
    card = board.cards.get(card_id)
    return card is not None and card.kind == "actor"


def derive_relations(board: Board, claim_ids: Iterable[str] | None = None) -> Edit:
    """One edit: the relations the claims state (all claims, or ``claim_ids``) as
    relation links between actors, each citing the sentence of every claim that states
    it.  Links already there are backed by new citations, never duplicated."""
    index = _RelationIndex()
    for lk in board.links.values():
        if lk.kind == RELATION_KIND:
            index.add(lk)
            for c in board.citations_of(lk.id):
                index.cited.add((lk.id, c.source_id, c.start, c.end))
    ids = sorted(claim_ids) if claim_ids is not None else sorted(
        cid for cid, c in board.cards.items() if c.kind == "claim")
    puts: dict[str, Entity] = {}
    n_new = n_backed = 0
    mentions = MentionIndex(board)
    for cid in ids:
        for rel in claim_relations(board, cid, mentions):
            lid = index.find(rel.agent, rel.target, rel.label)
            if lid is None:
                link = Link.create(rel.agent, rel.target, label=rel.label,
                                   kind=RELATION_KIND,
                                   direction="none" if rel.symmetric else "forward")
                puts[link.id] = link
                index.add(link)
                lid = link.id
                n_new += 1
            if rel.source_id is None:
                continue
            key = (lid, rel.source_id, rel.start, rel.end)
            if key in index.cited:
                continue
            index.cited.add(key)
            if lid not in puts:
                n_backed += 1
            src = board.sources[rel.source_id]
            cite = Citation(id=new_id(), source_id=src.id, quote=src.text[rel.start:rel.end],
                            start=rel.start, end=rel.end, link_id=lid)
            puts[cite.id] = cite
    if n_new and n_backed:
        desc = f"Derive {n_new} relation{'s' if n_new != 1 else ''} from claims " \
               f"({n_backed} more backed)"
    elif n_new:
        desc = f"Derive {n_new} relation{'s' if n_new != 1 else ''} from claims"
    else:
        desc = "Derive relations from claims"
    return Edit(desc, tuple(puts.values()))


# ----------------------------------------------------------------------------- bundles
@dataclass(frozen=True)
class RelationBundle:
    """The relation links between one pair of actors and what backs them."""

    ends: tuple[str, str]  # the two actor ids (sorted)
    link_ids: tuple[str, ...]
    labels: tuple[str, ...]  # distinct labels, most backed first
    claims: int
    sources: int
    origins: int

    @property
    def summary(self) -> str:
        """ "3 claims · 4 sources · 2 origins" """
        def n(k: int, word: str) -> str:
            return f"{k} {word}{'s' if k != 1 else ''}"
        return " · ".join((n(self.claims, "claim"), n(self.sources, "source"),
                           n(self.origins, "origin")))

    @property
    def caption(self) -> str:
        """What the bundle's line says: its labels, then its counts when more than one
        claim backs it."""
        more = len(self.labels) - 2
        labels = " · ".join(self.labels[:2]) + (f" · {more} more" if more > 0 else "")
        return labels if self.claims <= 1 and len(self.link_ids) == 1 else \
            f"{labels}\n{self.summary}"


def claims_citing(board: Board) -> dict[tuple[str, int, int], set[str]]:
    """Claim card ids by the exact span (source, start, end) they cite."""
    out: dict[tuple[str, int, int], set[str]] = {}
    for c in board.citations.values():
        if c.card_id is not None:
            card = board.cards.get(c.card_id)
            if card is not None and card.kind == "claim":
                out.setdefault((c.source_id, c.start, c.end), set()).add(card.id)
    return out


def backing_claims(board: Board, link_id: str,
                   spans: dict[tuple[str, int, int], set[str]] | None = None) -> list[str]:
    """The claim cards whose cited sentences a relation link cites."""
    spans = claims_citing(board) if spans is None else spans
    out: dict[str, None] = {}
    for c in board.citations_of(link_id):
        for cid in sorted(spans.get((c.source_id, c.start, c.end), ())):
            out[cid] = None
    return list(out)


def relation_bundles(board: Board, links: Iterable[Link] | None = None
                     ) -> dict[tuple[str, str], RelationBundle]:
    """The relation links of each pair of actors, bundled with their counts."""
    links = relation_links(board) if links is None else list(links)
    spans = claims_citing(board)
    outlets = outlets_of(board)
    by_pair: dict[tuple[str, str], list[Link]] = {}
    for lk in links:
        a, b = sorted((lk.from_id, lk.to_id))
        by_pair.setdefault((a, b), []).append(lk)
    out: dict[tuple[str, str], RelationBundle] = {}
    for pair, group in by_pair.items():
        claims: set[str] = set()
        sources: set[str] = set()
        origins: set[str] = set()
        weight: dict[str, int] = {}
        for lk in group:
            cites = board.citations_of(lk.id)
            weight[lk.label] = weight.get(lk.label, 0) + max(1, len(cites))
            for c in cites:
                src = board.sources.get(c.source_id)
                if src is None:
                    continue
                sources.add(src.id)
                origins.add(_origin_key(origin_of(src, c, outlets)))
                backing = spans.get((c.source_id, c.start, c.end))
                claims.update(backing or {f"{c.source_id}:{c.start}:{c.end}"})
        labels = tuple(sorted(weight, key=lambda w: (-weight[w], w)))
        out[pair] = RelationBundle(pair, tuple(sorted(lk.id for lk in group)), labels,
                                   len(claims), len(sources), len(origins))
    return out
