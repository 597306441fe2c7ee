"""The provenance report: every claim and link with the exact words behind it.

One self-contained HTML page (no script, no external file, print styles), ordered by
actor: each actor's section holds the claims it made (or, failing a speaker, the first
actor a claim is about) with their links, and the links between actors that start from
it.  Each item shows its quotes with their sources (title, outlet, date, address), its
Admiralty grade, how many sources back it and how many independent origins they come
from (and which), and the claims it contradicts.  Items with no actor come after the
actors; then unsourced items and broken citations (quote no longer equal to the stored
text at its offsets), then the sources with their grades and fingerprints.

Every piece of user or article text goes through :func:`html.escape`: nothing in a board
is ever markup.  The output is deterministic (ordered by title, then id; no dates), so
the same board gives the same bytes.  The PDF version (:mod:`.report_pdf`) lays out this
same HTML with Qt.

The report opens with the chart (:mod:`.chart`): an image in the HTML (a PNG inside the
page, so it stays one file), a vector figure on its own page in the PDF; its sources are
numbered as on the chart.  **Evidence chains** (paths of sourced links from one actor to
another, found by the analysis) get a section of their own when they are passed in:
anything with a ``title`` and the ``link_ids`` of its steps in order (and optionally a
``summary``) — see :class:`EvidenceChain`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Protocol

from ..analysis.contradictions import ContradictionPair, contradicting, contradiction_pairs
from ..analysis.corroboration import corroboration, outlets_of
from ..analysis.grading import item_grade
from ..formats.common import (
    fingerprint_matches,
    is_broken,
    link_text,
    source_label,
    write_atomic,
)
from ..formats.markdown import safe_url
from ..model import Board, Card, Citation, Link
from .sources import number_sources

SPEAKER_KINDS = ("states", "denies")

CSS = """
@page { margin: 18mm 16mm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.45;
       color: #111; background: #fff; max-width: 52em; margin: 1.5em auto; padding: 0 1em; }
h1, h2, h3, h4, h5, nav, .meta, .legend, table { font-family: "DejaVu Sans", Arial,
       sans-serif; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 15pt; border-bottom: 1px solid #999; margin-top: 1.6em;
     page-break-after: avoid; }
h3 { font-size: 12pt; color: #333; page-break-after: avoid; }
h4 { font-size: 11pt; margin: 0.2em 0; page-break-after: avoid; }
.major { page-break-before: always; }
.item { border-left: 3px solid #bbb; padding-left: 0.8em; margin: 1em 0;
        page-break-inside: avoid; }
.item.claim { border-left-color: #c9a227; }
.item.link { border-left-color: #3b6fd4; }
.meta { font-size: 9pt; color: #444; margin: 0.1em 0 0.4em; }
.grade { font-family: "DejaVu Sans Mono", monospace; font-weight: bold;
         border: 1px solid #666; padding: 0 0.25em; }
blockquote { margin: 0.4em 0 0.4em 1em; font-style: italic; }
blockquote .from { font-style: normal; font-size: 9pt; color: #333; }
.flag { color: #a40000; font-weight: bold; }
.ok { color: #1d6b2f; }
.body { white-space: pre-wrap; }
figure.chart { margin: 1em 0; } img.chart { max-width: 100%; height: auto;
       border: 1px solid #ccc; }
figcaption { font-size: 9pt; color: #444; }
.mentions { font-size: 9.5pt; color: #333; }
table { border-collapse: collapse; font-size: 9pt; width: 100%; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top;
         text-align: left; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
a { color: #1a4b9c; }
@media print { a { color: #111; text-decoration: none; } nav { page-break-after: always; } }
"""


class ChainLike(Protocol):
    """What the report needs of an evidence chain."""

    @property
    def title(self) -> str: ...

    @property
    def link_ids(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class EvidenceChain:
    """A chain of links, each a step from one card to the next, in order."""

    title: str
    link_ids: tuple[str, ...]
    summary: str = ""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def n_of(n: int, word: str) -> str:
    """"1 claim", "2 claims"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _key(card: Card) -> tuple[str, str]:
    return (card.title.casefold(), card.id)


@dataclass
class _Plan:
    """Which section each claim and link is written in."""

    claims_of: dict[str | None, list[Card]] = field(default_factory=dict)
    links_of_actor: dict[str | None, list[Link]] = field(default_factory=dict)
    links_of_claim: dict[str, list[Link]] = field(default_factory=dict)
    home: dict[str, str | None] = field(default_factory=dict)  # claim id -> actor id


def _plan(board: Board) -> _Plan:
    plan = _Plan()
    cards = board.cards
    for claim in sorted((c for c in cards.values() if c.kind == "claim"), key=_key):
        speakers, subjects = [], []
        for lk in board.links_of(claim.id):
            other = cards.get(lk.from_id if lk.to_id == claim.id else lk.to_id)
            if other is None or other.kind != "actor":
                continue
            if lk.kind in SPEAKER_KINDS and lk.to_id == claim.id:
                speakers.append(other)
            else:
                subjects.append(other)
        pick = sorted(speakers, key=_key) or sorted(subjects, key=_key)
        home = pick[0].id if pick else None
        plan.home[claim.id] = home
        plan.claims_of.setdefault(home, []).append(claim)
    for lk in sorted(board.links.values(), key=lambda lk: (
            link_text(lk).casefold(), lk.id)):
        a, b = cards[lk.from_id], cards[lk.to_id]
        if a.kind == "claim" or b.kind == "claim":
            owner = a.id if a.kind == "claim" else b.id
            plan.links_of_claim.setdefault(owner, []).append(lk)
        elif a.kind == "actor":
            plan.links_of_actor.setdefault(a.id, []).append(lk)
        elif b.kind == "actor":
            plan.links_of_actor.setdefault(b.id, []).append(lk)
        else:
            plan.links_of_actor.setdefault(None, []).append(lk)
    return plan


class _Writer:
    def __init__(self, board: Board, name: str | None,
                 chains: Sequence[ChainLike] | None = None, figure: str = "") -> None:
        self.board = board
        self.chains = list(chains) if chains else []
        #: The chart as a data: URL of a PNG ("" = no figure).
        self.figure = figure
        self.numbers = number_sources(board)
        self._outlets = outlets_of(board)  # once, not per item
        self.name = board.setting("name") or name or "board"
        self.plan = _plan(board)
        self.out: list[str] = []
        #: Where each top-level piece starts in ``out`` (the PDF lays pieces out apart).
        self.cuts: list[int] = []

    def w(self, html: str) -> None:
        self.out.append(html)

    # ------------------------------------------------------------------ pieces
    def _a(self, card_id: str) -> str:
        c = self.board.cards.get(card_id)
        title = c.title if c is not None else card_id
        return f'<a href="#i-{e(card_id)}">{e(title)}</a>'

    def _grade(self, item_id: str) -> str:
        g = item_grade(self.board, item_id)
        if g is None:
            return '<span class="grade" title="not graded">ungraded</span>'
        return f'<span class="grade" title="Admiralty grade">{e(g.label)}</span>'

    def _corroboration(self, item_id: str) -> str:
        c = corroboration(self.board, item_id, self._outlets)
        if c.source_count == 0:
            return '<span class="flag">no source</span>'
        s = "source" if c.source_count == 1 else "sources"
        o = "independent origin" if c.origin_count == 1 else "independent origins"
        return (f"{c.source_count} {s}, {c.origin_count} {o} "
                f"({e('; '.join(c.origins))})")

    def _quote(self, c: Citation) -> str:
        src = self.board.sources.get(c.source_id)
        n = self.numbers.get(c.source_id)
        parts = [(f"[{n}] " if n else "") + e(source_label(src))]
        if src is not None and src.author:
            parts.append("by " + e(src.author))
        url = safe_url(src.url if src else None)
        if url:
            parts.append(f'<a href="{e(url)}">{e(url)}</a>')
        elif src is not None and src.url:
            parts.append(e(src.url))
        if src is not None and src.reliability:
            parts.append(f"source reliability {e(src.reliability)}")
        if c.credibility is not None:
            parts.append(f"credibility {c.credibility}")
        parts.append(f"characters {c.start}–{c.end}")
        html = (f'<blockquote id="c-{e(c.id)}">“{e(c.quote)}”<br>'
                f'<span class="from">— {" · ".join(parts)}</span>')
        if is_broken(self.board, c):
            now = src.text[c.start:c.end] if src is not None else ""
            html += ('<br><span class="flag">Broken citation: the source no longer reads '
                     f'this at these offsets (it reads “{e(now[:300])}”).</span>')
        return html + "</blockquote>"

    def _quotes(self, item_id: str, shown: set[tuple[str, int, int]] | None = None) -> None:
        """The item's quotes; words already quoted just above (``shown``: a claim's own
        citations, under which its links are written) are referred to, not repeated."""
        for c in self.board.citations_of(item_id):
            key = (c.source_id, c.start, c.end)
            if shown is not None and key in shown and not is_broken(self.board, c):
                src = self.board.sources.get(c.source_id)
                extra = f" · credibility {c.credibility}" if c.credibility else ""
                self.w(f'<p class="meta" id="c-{e(c.id)}">Cites the same words as the claim '
                       f'above ({e(source_label(src))}, characters {c.start}–{c.end}'
                       f'{extra}).</p>')
                continue
            self.w(self._quote(c))

    def _mentions(self, mentions: list[Citation]) -> None:
        """An actor's mentions, compactly: one line per source with every quote."""
        self.w(f'<p class="mentions">Mentioned {n_of(len(mentions), "time")}:</p><ul '
               f'class="mentions">')
        by_source: dict[str, list[Citation]] = {}
        for c in mentions:
            by_source.setdefault(c.source_id, []).append(c)
        for sid, cites in by_source.items():
            parts = []
            for c in cites:
                part = (f'<span id="c-{e(c.id)}">“{e(c.quote)}” ({c.start}–{c.end}'
                        + (f", credibility {c.credibility}" if c.credibility else "") + ")")
                if is_broken(self.board, c):
                    src = self.board.sources.get(c.source_id)
                    now = src.text[c.start:c.end] if src is not None else ""
                    part += (f' <span class="flag">broken: the source reads '
                             f'“{e(now[:300])}” here</span>')
                parts.append(part + "</span>")
            self.w(f"<li>{e(source_label(self.board.sources.get(sid)))}: "
                   f"{'; '.join(parts)}</li>")
        self.w("</ul>")

    def _link(self, lk: Link, shown: set[tuple[str, int, int]] | None = None) -> None:
        b = self.board
        arrow = {"forward": "→", "both": "↔", "none": "—"}.get(lk.direction, "→")
        self.w(f'<div class="item link" id="i-{e(lk.id)}">')
        self.w(f"<h4>{self._a(lk.from_id)} {arrow} {e(link_text(lk))} {arrow} "
               f"{self._a(lk.to_id)}</h4>")
        meta = [f"link ({e(lk.kind)})", f"confidence {e(lk.confidence)}",
                self._grade(lk.id), self._corroboration(lk.id)]
        self.w(f'<p class="meta">{" · ".join(meta)}</p>')
        if not b.citations_of(lk.id):
            why = "marked as unsourced on purpose" if lk.unsourced else "no citation"
            self.w(f'<p class="flag">Unsourced: {why}.</p>')
        self._quotes(lk.id, shown)
        self.w("</div>")

    def _claim(self, claim: Card) -> None:
        self.w(f'<div class="item claim" id="i-{e(claim.id)}">')
        self.w(f"<h4>{e(claim.title)}</h4>")
        meta = [f"claim · {e(claim.stance or 'asserts')}"]
        if claim.speaker:
            meta.append("speaker: " + e(claim.speaker))
        meta += [self._grade(claim.id), self._corroboration(claim.id)]
        self.w(f'<p class="meta">{" · ".join(meta)}</p>')
        own = self.board.citations_of(claim.id)
        if claim.body and claim.body not in {c.quote for c in own}:
            self.w(f'<p class="body">{e(claim.body)}</p>')
        others = sorted(contradicting(self.board, claim.id),
                        key=lambda i: _key(self.board.cards[i]))
        if others:
            self.w('<p class="flag">Contradicted by: '
                   + "; ".join(self._a(o) for o in others) + "</p>")
        if not self.board.citations_of(claim.id):
            self.w('<p class="flag">Unsourced: no citation.</p>')
        self._quotes(claim.id)
        shown = {(c.source_id, c.start, c.end) for c in own}
        for lk in self.plan.links_of_claim.get(claim.id, []):
            self._link(lk, shown)
        self.w("</div>")

    def _actor(self, actor: Card) -> None:
        b = self.board
        self.w(f'<section class="actor" id="i-{e(actor.id)}">')
        what = e(actor.actor_type or "actor")
        if actor.aliases:
            what += " · also: " + e("; ".join(actor.aliases))
        self.w(f"<h2>{e(actor.title)}</h2>")
        self.w(f'<p class="meta">{what} · {self._grade(actor.id)}</p>')
        if actor.body:
            self.w(f'<p class="body">{e(actor.body)}</p>')
        mentions = b.citations_of(actor.id)
        if mentions:
            self._mentions(mentions)
        claims = self.plan.claims_of.get(actor.id, [])
        if claims:
            self.w(f"<h3>Claims ({len(claims)})</h3>")
            for c in claims:
                self._claim(c)
        elsewhere = sorted({lk.from_id if lk.to_id == actor.id else lk.to_id
                            for lk in b.links_of(actor.id)
                            if b.cards[lk.from_id if lk.to_id == actor.id else lk.to_id].kind
                            == "claim"} - {c.id for c in claims},
                           key=lambda i: _key(b.cards[i]))
        if elsewhere:
            self.w('<p class="meta">Also concerned by: '
                   + "; ".join(self._a(i) for i in elsewhere) + "</p>")
        links = self.plan.links_of_actor.get(actor.id, [])
        if links:
            self.w(f"<h3>Links with other actors ({len(links)})</h3>")
            for lk in links:
                self._link(lk)
        self.w("</section>")

    # ------------------------------------------------------------------ page
    def cut(self) -> None:
        self.cuts.append(len(self.out))

    def html(self) -> str:
        """The whole page."""
        return "\n".join(self.build())

    def pieces(self) -> tuple[str, list[str], str]:
        """The page cut into (head, top-level pieces, tail) for the PDF writer."""
        out = self.build()
        cuts = [*self.cuts, len(out)]
        head = "\n".join(out[:cuts[0]])
        parts = ["\n".join(out[a:b]) for a, b in pairwise(cuts)]
        return head, parts[:-1], parts[-1]

    def build(self) -> list[str]:
        b = self.board
        actors = sorted((c for c in b.cards.values() if c.kind == "actor"), key=_key)
        notes = sorted((c for c in b.cards.values() if c.kind == "note"), key=_key)
        counts = b.counts()
        broken = sorted((c for c in b.citations.values() if is_broken(b, c)),
                        key=lambda c: (c.owner_id, c.start, c.id))
        unsourced = sorted([c for c in b.cards.values() if c.kind == "claim"
                            and not b.citations_of(c.id)], key=_key)
        unsourced_links = [lk for lk in b.links.values() if not b.citations_of(lk.id)]
        contradictions = contradiction_pairs(b)
        self.w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
        self.w(f"<title>Provenance report: {e(self.name)}</title>")
        self.w(f"<style>{CSS}</style>\n</head>\n<body>")
        self.cut()
        self.w(f"<h1>Provenance report: {e(self.name)}</h1>")
        by_kind = counts["cards_by_kind"]
        assert isinstance(by_kind, dict)
        figures = [n_of(int(counts["sources"]), "source"), n_of(by_kind["actor"], "actor"),
                   n_of(by_kind["claim"], "claim"), n_of(int(counts["links"]), "link"),
                   n_of(int(counts["citations"]), "citation"),
                   n_of(len(contradictions), "contradiction"),
                   n_of(len(unsourced) + len(unsourced_links), "unsourced item"),
                   n_of(len(broken), "broken citation")]
        changed = [s for s in b.sources.values() if not fingerprint_matches(s)]
        if changed:
            figures.append(n_of(len(changed), "source whose text was changed"))
        self.w(f'<p class="legend">{" · ".join(figures)}</p>')
        self.w('<p class="legend">Grades follow the Admiralty (NATO) system: source '
               'reliability A (completely reliable) to F (cannot be judged), information '
               'credibility 1 (confirmed) to 6 (cannot be judged); an item shows the best '
               'grade among its citations. Articles that relay the same original report '
               'count as one independent origin.</p>')
        if self.figure:
            self.w('<figure class="chart"><img class="chart" alt="The chart of the board" '
                   f'src="{self.figure}"><figcaption>The chart: numbers on cards and links '
                   'are the sources listed at the end of this report.</figcaption></figure>')
        self.w("<nav><h2>Contents</h2><ol>")
        if self.chains:
            self.w('<li><a href="#chains">Evidence chains</a></li>')
        for a in actors:
            n = len(self.plan.claims_of.get(a.id, []))
            # Every link that touches the actor (to its claims too): on a board built
            # from articles nearly all of them go through claims.
            m = len(b.links_of(a.id))
            self.w(f'<li><a href="#i-{e(a.id)}">{e(a.title)}</a> ({n_of(n, "claim")}, '
                   f'{n_of(m, "link")})</li>')
        self.w('<li><a href="#no-actor">Claims, links and notes without an actor</a></li>'
               '<li><a href="#problems">Unsourced items and broken citations</a></li>'
               '<li><a href="#sources">Sources</a></li></ol></nav>')
        if self.chains:
            self.cut()
            self._chains()
        for a in actors:
            self.cut()
            self._actor(a)
        self.cut()
        self.w('<section class="major" id="no-actor"><h2>Without an actor</h2>')
        for c in self.plan.claims_of.get(None, []):
            self._claim(c)
        for lk in self.plan.links_of_actor.get(None, []):
            self._link(lk)
        for n in notes:
            self.w(f'<div class="item note" id="i-{e(n.id)}"><h4>{e(n.title)}</h4>'
                   f'<p class="meta">note</p>')
            if n.body:
                self.w(f'<p class="body">{e(n.body)}</p>')
            self._quotes(n.id)
            self.w("</div>")
        if not (self.plan.claims_of.get(None) or self.plan.links_of_actor.get(None)
                or notes):
            self.w("<p>None.</p>")
        self.w("</section>")
        self.cut()
        self._problems(unsourced, unsourced_links, broken,
                       [c for c in contradictions if c.kind == "dates"])
        self.cut()
        self._sources()
        self.cut()
        self.w("</body>\n</html>\n")
        return self.out

    def _problems(self, claims: list[Card], links: list[Link],
                  broken: list[Citation], dated: Sequence[ContradictionPair] = ()
                  ) -> None:
        b = self.board
        self.w('<section class="major" id="problems"><h2>Unsourced items and broken '
               'citations</h2>')
        self.w(f"<h3>Unsourced claims ({len(claims)})</h3><ul>")
        for c in claims:
            self.w(f"<li>{self._a(c.id)}</li>")
        self.w(f"</ul><h3>Unsourced links ({len(links)})</h3><ul>")
        for lk in sorted(links, key=lambda lk: (b.cards[lk.from_id].title.casefold(), lk.id)):
            why = " (unsourced on purpose)" if lk.unsourced else ""
            self.w(f'<li><a href="#i-{e(lk.id)}">{e(b.cards[lk.from_id].title)} → '
                   f'{e(link_text(lk))} → {e(b.cards[lk.to_id].title)}</a>{why}</li>')
        changed = sorted((s for s in b.sources.values() if not fingerprint_matches(s)),
                         key=lambda s: (s.shown_title.casefold(), s.id))
        if changed:
            self.w(f"</ul><h3>Sources whose text no longer matches its sha256 "
                   f"({len(changed)})</h3><ul>")
            for s in changed:
                self.w(f'<li>{e(source_label(s))}: <span class="flag">the text was '
                       f'changed outside EvidenceBoard; its {n_of(len(b.citations_in(s.id)), "citation")} '
                       f"prove nothing any more</span></li>")
        self.w(f"</ul><h3>Broken citations ({len(broken)})</h3><ul>")
        for c in broken:
            owner = b.cards.get(c.owner_id) or b.links.get(c.owner_id)
            label = owner.title if isinstance(owner, Card) else (
                link_text(owner) if isinstance(owner, Link) else c.owner_id)
            self.w(f'<li><a href="#c-{e(c.id)}">“{e(c.quote[:200])}”</a> cited by '
                   f'{e(label)} in {e(source_label(b.sources.get(c.source_id)))}</li>')
        self.w("</ul>")
        if dated:
            self.w(f"<h3>The same event dated differently ({len(dated)})</h3><ul>")
            for pair in dated:
                self.w(f'<li class="flag">{e(pair.reason)}: {self._a(pair.first)}; '
                       f'{self._a(pair.second)}</li>')
            self.w("</ul>")
        self.w("</section>")

    def _chains(self) -> None:
        """Each chain as its steps, every step with the words that back it."""
        b = self.board
        self.w('<section class="major" id="chains"><h2>Evidence chains</h2>')
        for k, chain in enumerate(self.chains, start=1):
            steps = [b.links[i] for i in chain.link_ids if i in b.links]
            self.w(f'<div class="item chain" id="chain-{k}"><h3>{e(chain.title)}</h3>')
            summary = getattr(chain, "summary", "")
            if summary:
                self.w(f'<p class="meta">{e(summary)}</p>')
            missing = len(chain.link_ids) - len(steps)
            if missing:
                self.w(f'<p class="flag">{n_of(missing, "step")} no longer on the '
                       f'board.</p>')
            self.w("<ol>")
            for lk in steps:
                arrow = {"forward": "→", "both": "↔", "none": "—"}.get(lk.direction, "→")
                self.w(f"<li>{self._a(lk.from_id)} {arrow} {e(link_text(lk))} {arrow} "
                       f'{self._a(lk.to_id)} <span class="meta">({e(lk.confidence)}, '
                       f"{self._corroboration(lk.id)})</span>")
                if not b.citations_of(lk.id):
                    self.w('<p class="flag">Unsourced step.</p>')
                self._quotes(lk.id)
                self.w("</li>")
            self.w("</ol></div>")
        self.w("</section>")

    def _sources(self) -> None:
        b = self.board
        self.w('<section class="major" id="sources"><h2>Sources</h2><table>'
               "<tr><th>No.</th><th>Title</th><th>Outlet</th><th>Author</th><th>Date</th>"
               "<th>Address</th><th>Reliability</th><th>Citations</th><th>sha256</th></tr>")
        numbers = self.numbers
        for s in sorted(b.sources.values(), key=lambda s: (
                numbers.get(s.id, len(numbers) + 1), s.shown_title.casefold(), s.id)):
            url = safe_url(s.url)
            link = f'<a href="{e(url)}">{e(url)}</a>' if url else e(s.url or "")
            stale = "" if fingerprint_matches(s) else \
                ' <span class="flag">does not match the text</span>'

            self.w(f"<tr><td>{numbers.get(s.id, '')}</td>"
                   f"<td>{e(s.shown_title)}</td><td>{e(s.outlet or '')}</td>"
                   f"<td>{e(s.author or '')}</td><td>{e(s.published or '')}</td>"
                   f"<td>{link}</td><td>{e(s.reliability or 'not graded')}</td>"
                   f"<td>{len(b.citations_in(s.id))}</td>"
                   f'<td class="hash">{e(s.sha256)}{stale}</td></tr>')
        self.w("</table></section>")


def chart_figure(board: Board, name: str | None = None) -> str:
    """The board's chart as a data: URL of a PNG (at most 2,400 pixels wide, like the web
    preset), or "" when the board is empty."""
    import base64

    # Imported here: the painter (QtGui) is loaded only for a report with its figure.
    from .images import png_bytes
    from .run import ExportOptions

    if not board.cards:
        return ""
    data = png_bytes(board, ExportOptions(name=name, preset="web", date=""))
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def report_html(board: Board, name: str | None = None,
                chains: Sequence[ChainLike] | None = None, figure: bool = True) -> str:
    """The whole report as one HTML document (``figure``: with the chart as an image)."""
    return _Writer(board, name, chains, chart_figure(board, name) if figure else "").html()


def report_pieces(board: Board, name: str | None = None,
                  chains: Sequence[ChainLike] | None = None
                  ) -> tuple[str, list[str], str]:
    """The report as (head, top-level pieces, tail), without the chart image (the PDF
    paints it as a vector figure); joined by newlines they are
    ``report_html(..., figure=False)``."""
    return _Writer(board, name, chains).pieces()


def write_report_html(board: Board, out: Path, *, name: str | None = None,
                      chains: Sequence[ChainLike] | None = None) -> Path:
    return write_atomic(out, report_html(board, name, chains).encode("utf-8"))
