"""FollowTheMoney entities (Aleph, OpenSanctions tools) as JSON lines, both ways.

Export, one entity per line (``{"id", "schema", "properties": {name: [values]}}``):

* a source becomes an ``Article`` (title, author, publishedAt, publisher = outlet,
  sourceUrl, bodyText = the stored text); its id derives from the text's sha256, so the
  same article exported from two boards is one entity in Aleph;
* an actor becomes ``Person``, ``Organization``, ``Vessel``, ``Airplane``, ``Address``
  (places) or ``LegalEntity`` (other).  FollowTheMoney has no country schema: a country
  actor is the state acting, so it becomes a ``PublicBody`` with the topic
  ``gov.national`` and its ISO code in ``country``/``jurisdiction`` (a ``Territory``
  could not take part in Representation, Membership, Ownership... edges);
* a claim becomes a ``Note`` (keywords ``claim`` and its stance) whose ``description`` is
  the claim and then its quotes, ``entity`` the actors it is linked to, and ``proof`` the
  articles it cites; a note card becomes a ``Note`` (keyword ``note``);
* a link becomes an edge entity chosen by its label and its ends: ``Family``,
  ``Employment``, ``Directorship``, ``Membership``, ``Ownership``, ``Payment``,
  ``Representation``, ``Associate`` (two people), else ``UnknownLink``; ``description``
  holds its quotes (one value each), ``proof`` the articles, ``sourceUrl`` their
  addresses, ``summary`` its kind, confidence, direction and grade.

Import: Person/Organization/Company/PublicBody/LegalEntity/Vessel/Airplane/Address/
Territory (and any other named entity, as an actor of type "other") become actor cards;
Article/Document/PlainText/HyperText/Pages with a text become sources; Notes become claims
(with proof or our ``claim`` keyword) or notes; the edge schemata above plus Debt and
Succession become links.  A quote in ``description`` found verbatim in a proof article's
text becomes a real citation again.  Edges to entities missing from the file are skipped
(FollowTheMoney streams are often partial).  Cards come without positions and are laid
out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..analysis.grading import item_grade
from ..model import Board, Card, Citation, Link, Source, new_id, sha256_text
from .common import link_text, sorted_cards, sorted_links, sorted_sources, write_atomic
from .errors import InterchangeError
from .incoming import Incoming
from .inputs import MAX_CITATIONS, MAX_LINKS, check_counts, decode_text, parse_json, read_bytes

ACTOR_SCHEMA = {"person": "Person", "organisation": "Organization", "country": "PublicBody",
                "place": "Address", "vessel": "Vessel", "aircraft": "Airplane",
                "other": "LegalEntity"}
LEGAL = {"Person", "Organization", "PublicBody", "LegalEntity", "Company"}
ORGS = {"Organization", "PublicBody", "Company"}
ASSETS = {"Vessel", "Airplane", "Company"}
#: Edge schemata: (source property, target property, label property).
EDGES: dict[str, tuple[str, str, str]] = {
    "UnknownLink": ("subject", "object", "role"),
    "Associate": ("person", "associate", "relationship"),
    "Family": ("person", "relative", "relationship"),
    "Representation": ("agent", "client", "role"),
    "Membership": ("member", "organization", "role"),
    "Employment": ("employee", "employer", "role"),
    "Directorship": ("director", "organization", "role"),
    "Ownership": ("owner", "asset", "role"),
    "Payment": ("payer", "beneficiary", "purpose"),
    "Debt": ("debtor", "creditor", "description"),
    "Succession": ("predecessor", "successor", "role"),
}
#: (schema, keywords in the label, allowed source schemata, allowed target schemata)
EDGE_RULES: list[tuple[str, str, set[str], set[str]]] = [
    ("Family", r"\b(son|daughter|father|mother|brother|sister|wife|husband|spouse|cousin|"
               r"uncle|aunt|nephew|niece|family|relative|married)\b", {"Person"}, {"Person"}),
    ("Employment", r"\b(employ\w*|works? for|worked for|staff)\b", {"Person"}, ORGS),
    ("Directorship", r"\b(director|chairman|chairs?|ceo|heads?|head of|leads?|"
                     r"commander|commands|chief)\b", LEGAL, ORGS),
    ("Membership", r"\bmember", LEGAL, ORGS),
    ("Ownership", r"\b(owns?|owner|owned)\b", LEGAL, ASSETS),
    ("Payment", r"\b(paid|pays?|payment|funded|funds?|financed)\b", LEGAL, LEGAL),
    ("Representation", r"\b(represent\w*|envoy|agent|lawyer|spokes\w*|on behalf)\b",
     LEGAL, LEGAL),
]
ACTOR_TYPES_IN = {"Person": "person", "Organization": "organisation",
                  "Company": "organisation", "PublicBody": "organisation",
                  "LegalEntity": "other", "Vessel": "vessel", "Airplane": "aircraft",
                  "Vehicle": "other", "Address": "place", "Territory": "place"}
SOURCE_SCHEMATA = {"Article", "Document", "PlainText", "HyperText", "Pages", "Page"}
_SUMMARY_KIND = re.compile(r"\bkind: ([^;]+)")


def _iso2(name: str) -> str | None:
    try:
        import pycountry
        return pycountry.countries.lookup(name).alpha_2.lower()
    except (LookupError, ImportError):
        return None


def article_id(src: Source) -> str:
    return f"evb-article-{src.sha256}"


def entity_id(item_id: str) -> str:
    return f"evb-{item_id}"


def _entity(id_: str, schema: str, props: dict[str, list[str]]) -> dict[str, Any]:
    clean = {k: v for k, v in sorted(props.items()) if v}
    return {"id": id_, "schema": schema, "properties": clean}


def _dedupe(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class _Exporter:
    def __init__(self, board: Board) -> None:
        self.board = board
        self.schema: dict[str, str] = {}
        for c in board.cards.values():
            self.schema[c.id] = ACTOR_SCHEMA.get(c.actor_type or "other", "LegalEntity") \
                if c.kind == "actor" else "Note"

    def _proof(self, owner: str) -> dict[str, list[str]]:
        srcs = [self.board.sources[c.source_id] for c in self.board.citations_of(owner)
                if c.source_id in self.board.sources]
        return {"proof": _dedupe(article_id(s) for s in srcs),
                "sourceUrl": _dedupe(s.url for s in srcs)}

    def _grade(self, item: str) -> str | None:
        g = item_grade(self.board, item)
        return f"grade {g.label}" if g is not None else None

    def entities(self) -> Iterable[dict[str, Any]]:
        for s in sorted_sources(self.board):
            yield _entity(article_id(s), "Article", {
                "title": _dedupe([s.title]), "author": _dedupe([s.author]),
                "publishedAt": _dedupe([s.published]), "publisher": _dedupe([s.outlet]),
                "sourceUrl": _dedupe([s.url]), "bodyText": [s.text],
                "summary": _dedupe([f"source reliability {s.reliability}"
                                    if s.reliability else None])})
        for c in sorted_cards(self.board):
            yield self._card(c)
        for lk in sorted_links(self.board):
            yield self._link(lk)

    def _card(self, c: Card) -> dict[str, Any]:
        schema = self.schema[c.id]
        props: dict[str, list[str]] = self._proof(c.id)
        if c.kind == "actor":
            props["name"] = [c.title]
            props["alias"] = list(c.aliases)
            props["notes"] = _dedupe([c.body])
            props["summary"] = _dedupe([self._grade(c.id)])
            if schema == "Address":
                props["full"] = [c.title]
            if c.actor_type == "country":
                props["topics"] = ["gov.national"]
                code = _iso2(c.title)
                if code:
                    props["country"] = [code]
                    props["jurisdiction"] = [code]
            return _entity(entity_id(c.id), schema, props)
        quotes = [q.quote for q in self.board.citations_of(c.id)]
        props["description"] = _dedupe([c.title, *quotes])
        props["notes"] = _dedupe([c.body])
        if c.kind == "claim":
            stance = c.stance or "asserts"
            props["keywords"] = ["claim", stance]
            props["summary"] = _dedupe([f"{c.speaker or 'someone'} {stance}",
                                        self._grade(c.id)])
            props["entity"] = _dedupe(
                entity_id(other) for lk in self.board.links_of(c.id)
                for other in (lk.from_id, lk.to_id)
                if other != c.id and self.board.cards[other].kind == "actor")
        else:
            props["keywords"] = ["note"]
        return _entity(entity_id(c.id), "Note", props)

    def _edge_schema(self, lk: Link) -> str:
        a, b = self.schema[lk.from_id], self.schema[lk.to_id]
        text = link_text(lk).lower()
        for schema, pattern, sources, targets in EDGE_RULES:
            if a in sources and b in targets and re.search(pattern, text):
                return schema
        if a == b == "Person" and lk.kind == "relation":
            return "Associate"
        return "UnknownLink"

    def _link(self, lk: Link) -> dict[str, Any]:
        schema = self._edge_schema(lk)
        src_prop, dst_prop, label_prop = EDGES[schema]
        props = self._proof(lk.id)
        props[src_prop] = [entity_id(lk.from_id)]
        props[dst_prop] = [entity_id(lk.to_id)]
        props[label_prop] = [link_text(lk)]
        props["description"] = _dedupe(c.quote for c in self.board.citations_of(lk.id))
        props["publisher"] = _dedupe(self.board.sources[c.source_id].outlet
                                     for c in self.board.citations_of(lk.id)
                                     if c.source_id in self.board.sources)
        summary = [f"kind: {lk.kind}", f"confidence: {lk.confidence}",
                   f"direction: {lk.direction}"]
        if lk.unsourced:
            summary.append("unsourced on purpose")
        if self._grade(lk.id):
            summary.append(self._grade(lk.id) or "")
        props["summary"] = ["; ".join(summary)]
        return _entity(entity_id(lk.id), schema, props)


def ftm_lines(board: Board) -> Iterable[str]:
    for e in _Exporter(board).entities():
        yield json.dumps(e, ensure_ascii=False, sort_keys=True)


def write_ftm(board: Board, out: Path) -> Path:
    return write_atomic(out, "".join(line + "\n" for line in ftm_lines(board)).encode())


# ----------------------------------------------------------------------------- import
def _entities(path: Path) -> list[dict[str, Any]]:
    text = decode_text(read_bytes(path))
    if text.lstrip().startswith("["):
        docs = parse_json(text)
        if not isinstance(docs, list):
            raise InterchangeError("is not a list of FollowTheMoney entities")
        items = list(enumerate(docs, start=1))
    else:
        items = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    items.append((n, parse_json(line)))
                except InterchangeError as err:
                    raise InterchangeError(f"line {n} {err}") from None
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, e in items:
        if not isinstance(e, dict) or not isinstance(e.get("schema"), str) or \
                not isinstance(e.get("id"), str) or not e["id"]:
            raise InterchangeError(f"entity {n} is not a FollowTheMoney entity (it needs "
                                   f"an id, a schema and properties)")
        props = e.get("properties", {})
        if not isinstance(props, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v)
                for v in props.values()):
            raise InterchangeError(f"entity {n}: properties must map names to lists of "
                                   f"texts")
        if e["id"] in seen:
            continue  # FollowTheMoney streams may repeat an entity: the first one counts
        seen.add(e["id"])
        out.append(e)
    return out


def _p(e: dict[str, Any], name: str) -> list[str]:
    values: list[str] = e.get("properties", {}).get(name, [])  # checked by the reader
    return values


def _one(e: dict[str, Any], name: str) -> str | None:
    values = _p(e, name)
    return values[0] if values else None


def read_ftm(path: Path) -> Incoming:
    ents = _entities(path)
    inc = Incoming("FollowTheMoney")
    sources: dict[str, Source] = {}
    cards: dict[str, Card] = {}
    notes: list[tuple[str, dict[str, Any]]] = []
    for e in ents:
        schema = e["schema"]
        if schema in SOURCE_SCHEMATA:
            text = "\n\n".join(_p(e, "bodyText"))
            if text.strip():
                published = _one(e, "publishedAt") or _one(e, "date")
                src = Source(id=new_id(), text=text, sha256=sha256_text(text),
                             title=_one(e, "title") or _one(e, "fileName"),
                             outlet=_one(e, "publisher"), author=_one(e, "author"),
                             published=published[:10] if published else None,
                             url=_one(e, "sourceUrl"))
                sources[e["id"]] = src
            continue
        if schema == "Note":
            notes.append((e["id"], e))
            continue
        if schema in EDGES or schema in ("Documentation", "Mention", "Similar"):
            continue
        name = _one(e, "name") or _one(e, "full") or _one(e, "title")
        if not name:
            continue
        actor_type = ACTOR_TYPES_IN.get(schema, "other")
        if schema in ("PublicBody", "Territory") and (
                "gov.national" in _p(e, "topics") or (schema == "Territory"
                and _one(e, "level") == "country")):
            actor_type = "country"
        body = "\n\n".join(_p(e, "notes") + _p(e, "description"))
        if schema not in ACTOR_TYPES_IN:
            body = (body + "\n\n" if body else "") + f"FollowTheMoney schema: {schema}"
        cards[e["id"]] = Card(id=new_id(), kind="actor", title=name[:500], body=body,
                              actor_type=actor_type,
                              aliases=tuple(a for a in _p(e, "alias") if a != name),
                              width=200.0, height=72.0)
    check_counts(len(cards) + len(notes), 0)
    inc.sources = list(sources.values())
    cites: list[Citation] = []
    find = _QuoteFinder(sources)
    # An edge naming m subjects and n objects is m x n links: counted while they are
    # made, never built past the limit (a 0.2 MB file could otherwise ask for millions).
    budget = _LinkBudget()
    known = set(cards) | {nid for nid, _ in notes}  # the cards the notes will add too
    joined: set[frozenset[str]] = set()
    for e in ents:
        if e["schema"] not in EDGES:
            continue
        a_prop, b_prop, _ = EDGES[e["schema"]]
        ends_a = [a for a in dict.fromkeys(_p(e, a_prop)) if a in known]
        ends_b = [b for b in dict.fromkeys(_p(e, b_prop)) if b in known]
        budget.take(len(ends_a) * len(ends_b))
        for a in ends_a:
            for b in ends_b:
                joined.add(frozenset((a, b)))
    for nid, e in notes:
        keywords = _p(e, "keywords")
        is_claim = "claim" in keywords or bool(_p(e, "proof"))
        desc = _p(e, "description")
        title = (desc[0] if desc else _one(e, "name") or "(note)")[:2000]
        summary = _one(e, "summary") or ""
        speaker = None
        m = re.match(r"^(.*) (asserts|denies)$", summary)
        if m and m.group(1) != "someone":
            speaker = m.group(1)
        card = Card(id=new_id(), kind="claim" if is_claim else "note", title=title,
                    body="\n\n".join(_p(e, "notes")),
                    stance=("denies" if "denies" in keywords else "asserts")
                    if is_claim else None, speaker=speaker,
                    width=260.0 if is_claim else 200.0, height=120.0 if is_claim else 100.0)
        cards[nid] = card
        # Our claims list the claim, then its quotes (one value when they are the same).
        quotes = desc[1:] if len(desc) > 1 else desc
        found = _citations(quotes, _p(e, "proof"), find, card_id=card.id)
        find.count_citations(len(found))
        cites += found
    for nid, e in notes:
        for target in dict.fromkeys(_p(e, "entity")):
            if target in cards and frozenset((nid, target)) not in joined:
                budget.take(1)
                inc.links.append(Link(id=new_id(), from_id=cards[nid].id,
                                      to_id=cards[target].id, label="about", kind="about"))
    for e in ents:
        if e["schema"] not in EDGES:
            continue
        a_prop, b_prop, label_prop = EDGES[e["schema"]]
        summary = _one(e, "summary") or ""
        m = _SUMMARY_KIND.search(summary)
        kind = m.group(1).strip() if m else "relation"
        label = _one(e, label_prop) if label_prop != "description" else None
        label = label or e["schema"].lower()
        conf = re.search(r"\bconfidence: (confirmed|unconfirmed|disputed)", summary)
        direction = re.search(r"\bdirection: (forward|none|both)", summary)
        ends_a = [a for a in dict.fromkeys(_p(e, a_prop)) if a in cards]
        ends_b = [b for b in dict.fromkeys(_p(e, b_prop)) if b in cards]
        # the edge's quotes are looked up once, whatever number of links it makes
        spans = _citations(_p(e, "description"), _p(e, "proof"), find, link_id="") \
            if ends_a and ends_b else []
        for a in ends_a:
            for b in ends_b:
                link = Link(id=new_id(), from_id=cards[a].id, to_id=cards[b].id,
                            label=label[:500], kind=kind[:100],
                            direction=direction.group(1) if direction else "forward",
                            confidence=conf.group(1) if conf else "unconfirmed",
                            unsourced="unsourced on purpose" in summary)
                inc.links.append(link)
                find.count_citations(len(spans))
                cites += [replace(c, id=new_id(), link_id=link.id) for c in spans]
    inc.cards = list(cards.values())
    inc.unplaced = {c.id for c in inc.cards}
    inc.citations = cites
    return inc


class _LinkBudget:
    """The links a file asks for, counted as they are asked for: reading stops with a
    message at :data:`~.inputs.MAX_LINKS`, before they are built."""

    def __init__(self) -> None:
        self.count = 0

    def take(self, n: int) -> None:
        self.count += n
        if self.count > MAX_LINKS:
            raise InterchangeError(f"asks for more than {MAX_LINKS:,} links (its edges "
                                   f"name many entities each); one import may add at "
                                   f"most {MAX_LINKS:,}")


class _QuoteFinder:
    """Where a quote is in a source's text, each (source, quote) looked up once, and
    the text searched at most :data:`MAX_SEARCH_CHARS` characters in all: a file of
    many quotes that are not in a long article is refused, not searched for hours."""

    #: Characters of article text one import may scan for quotes (a few seconds).
    MAX_SEARCH_CHARS = 4_000_000_000

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self._found: dict[tuple[str, str], tuple[int, str] | None] = {}
        self.scanned = 0
        self.citations = 0

    def count_citations(self, n: int) -> None:
        self.citations += n
        if self.citations > MAX_CITATIONS:
            raise InterchangeError(f"has more than {MAX_CITATIONS:,} citations; one "
                                   f"import may add at most {MAX_CITATIONS:,}")

    def find(self, source: Source, quote: str) -> tuple[int, str] | None:
        key = (source.id, quote)
        if key in self._found:
            return self._found[key]
        hit = None
        for q in dict.fromkeys((quote, quote.strip())):
            start = source.text.find(q)
            self.scanned += len(source.text) if start < 0 else start + len(q)
            if self.scanned > self.MAX_SEARCH_CHARS:
                raise InterchangeError(
                    "has too many quotes to look up in its articles (over "
                    f"{self.MAX_SEARCH_CHARS // 1_000_000_000:,} billion characters "
                    "searched); split the file")
            if start >= 0:
                hit = (start, q)
                break
        self._found[key] = hit
        return hit


def _citations(quotes: list[str], proofs: list[str], find: _QuoteFinder, *,
               card_id: str | None = None, link_id: str | None = None) -> list[Citation]:
    """Quotes found verbatim in a proof article's text, as citations (first match)."""
    out: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()
    proofs = list(dict.fromkeys(proofs))
    for q in quotes:
        for proof in proofs:
            src = find.sources.get(proof)
            if src is None or not q.strip():
                continue
            hit = find.find(src, q)
            if hit is None:
                continue
            start, q = hit
            key = (src.id, start, start + len(q))
            if key in seen:
                break
            seen.add(key)
            out.append(Citation(id=new_id(), source_id=src.id, quote=q, start=start,
                                end=start + len(q), card_id=card_id, link_id=link_id))
            break
    return out
