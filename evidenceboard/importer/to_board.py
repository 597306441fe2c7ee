"""Turning extracted articles into one board edit: sources, actors, claims and links.

Everything an import adds is one :class:`~evidenceboard.model.Edit`, so it is written in
one transaction (a kill half-way leaves the whole article or none of it) and is one undo
step in the app.  Actors are merged with the ones already on the board (and across the
articles of the same import) by name, alias and fuzzy spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from ..analysis.layout import layout_new_cards
from ..model import Board, Card, Citation, Edit, Entity, Link, Source, sha256_text
from .extract import ExtractedActor, extract
from .reading import RawArticle

ProgressFn = Callable[[int, int, str], None]


class ImportCancelled(Exception):
    """The user cancelled; nothing was changed."""


_PARTICLES = re.compile(r"^(?:al|el|the|de|van|von|bin|ben)[-\s]+", re.I)


def normal_name(name: str) -> str:
    """A spelling-insensitive key: case, accents, punctuation, "al-"/"the" ignored."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").lower().strip()
    text = re.sub(r"'s$", "", text)
    words = [_PARTICLES.sub("", w) for w in re.split(r"[\s\u00a0]+", text) if w]
    text = " ".join(words)
    return re.sub(r"[^\w ]+", "", text).strip()


@dataclass
class _ActorIndex:
    """Actors known so far (on the board and created by this import), by spelling."""

    cards: dict[str, Card] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    def add(self, card: Card) -> None:
        self.cards[card.id] = card
        for name in (card.title, *card.aliases):
            key = normal_name(name)
            if key:
                self.by_name.setdefault(key, card.id)

    def match(self, actor: ExtractedActor) -> str | None:
        names = [actor.name, *actor.aliases]
        for n in names:
            hit = self.by_name.get(normal_name(n))
            if hit is not None:
                return hit
        best: tuple[float, str] | None = None
        want = normal_name(actor.name)
        for card in self.cards.values():
            if card.actor_type != actor.actor_type:
                continue
            score = _similarity(want, normal_name(card.title), actor.actor_type)
            if score >= 0 and (best is None or score > best[0]):
                best = (score, card.id)
        return best[1] if best else None


def _similarity(a: str, b: str, actor_type: str) -> float:
    """Score >= 0 when two normalised names are the same actor spelled differently."""
    if not a or not b:
        return -1
    if actor_type == "person":
        ta, tb = a.split(), b.split()
        if len(ta[-1]) < 5 or len(tb[-1]) < 5:
            return -1
        if fuzz.ratio(ta[-1], tb[-1]) < 85:
            return -1
        first_a, first_b = ta[:-1], tb[:-1]
        if first_a and first_b and fuzz.ratio(" ".join(first_a), " ".join(first_b)) < 85:
            return -1  # "Saddam Haftar" is not "Khalifa Haftar"
        return fuzz.ratio(a, b)
    if len(a) < 6 or len(b) < 6:
        return -1
    score = fuzz.ratio(a, b)
    return score if score >= 92 else -1


def import_edit(board: Board, articles: Sequence[RawArticle], *,
                progress: ProgressFn | None = None,
                is_cancelled: Callable[[], bool] | None = None) -> Edit:
    """One edit adding ``articles`` to ``board`` (articles already there are skipped)."""
    index = _ActorIndex()
    for card in board.cards.values():
        if card.kind == "actor":
            index.add(card)
    puts: dict[str, Entity] = {}
    new_card_ids: list[str] = []
    seen_sha = {s.sha256 for s in board.sources.values()}
    existing_claims = {(c.source_id, c.start, c.end) for c in board.citations.values()
                       if c.card_id is not None and c.card_id in board.cards
                       and board.cards[c.card_id].kind == "claim"}
    added = 0
    for n, article in enumerate(articles):
        if is_cancelled is not None and is_cancelled():
            raise ImportCancelled("import cancelled; the board is unchanged")
        if progress is not None:
            progress(n, len(articles), article.title or "article")
        sha = sha256_text(article.text)
        if sha in seen_sha:
            continue
        seen_sha.add(sha)
        added += 1
        source = Source(id=_new_id(), text=article.text, sha256=sha, title=article.title,
                        outlet=article.outlet, author=article.author,
                        published=article.published, url=article.url)
        puts[source.id] = source
        _add_article(source, index, puts, new_card_ids, existing_claims)
    if progress is not None:
        progress(len(articles), len(articles), "laying out")
    cards = [e for e in puts.values() if isinstance(e, Card)]
    links = [e for e in puts.values() if isinstance(e, Link)]
    positions = layout_new_cards(board, cards, links, new_ids=set(new_card_ids))
    for cid, (x, y) in positions.items():
        card = puts.get(cid)
        if isinstance(card, Card):
            puts[cid] = replace(card, x=x, y=y)
    what = "article" if added == 1 else f"{added} articles"
    return Edit(f"Import {what}", tuple(puts.values()))


def _new_id() -> str:
    from ..model import new_id
    return new_id()


def _add_article(source: Source, index: _ActorIndex, puts: dict[str, Entity],
                 new_card_ids: list[str], existing_claims: set[tuple[str, int, int]]) -> None:
    text = source.text
    ext = extract(text)
    key_to_card: dict[str, str] = {}
    for actor in ext.actors:
        card_id = index.match(actor)
        if card_id is None:
            card = Card.create("actor", actor.name, actor_type=actor.actor_type,
                               aliases=tuple(sorted({a for a in actor.aliases
                                                     if a != actor.name})))
            new_card_ids.append(card.id)
        else:
            card = index.cards[card_id]
            extra = {a for a in (actor.name, *actor.aliases)
                     if a != card.title and a not in card.aliases}
            if extra:
                card = replace(card, aliases=tuple(sorted({*card.aliases, *extra})))
        index.add(card)
        puts[card.id] = card
        key_to_card[actor.key] = card.id
        for s, e in actor.mentions:
            puts_c = Citation(id=_new_id(), source_id=source.id, quote=text[s:e], start=s,
                              end=e, card_id=card.id)
            puts[puts_c.id] = puts_c
    for claim in ext.claims:
        if (source.id, claim.start, claim.end) in existing_claims:
            continue
        existing_claims.add((source.id, claim.start, claim.end))
        speaker_card = key_to_card.get(claim.speaker_key) if claim.speaker_key else None
        speaker = (index.cards[speaker_card].title if speaker_card else claim.speaker_name)
        card = Card.create("claim", claim.quote, stance=claim.stance, speaker=speaker)
        new_card_ids.append(card.id)
        puts[card.id] = card
        _cite(puts, source, claim.start, claim.end, card_id=card.id)
        if speaker_card is not None:
            kind = "denies" if claim.stance == "denies" else "states"
            link = Link.create(speaker_card, card.id, label=kind, kind=kind)
            puts[link.id] = link
            _cite(puts, source, claim.start, claim.end, link_id=link.id)
        for subject_key in dict.fromkeys(claim.subject_keys):
            subject = key_to_card.get(subject_key)
            if subject is None or subject == speaker_card:
                continue
            link = Link.create(card.id, subject, label="about", kind="about")
            puts[link.id] = link
            _cite(puts, source, claim.start, claim.end, link_id=link.id)


def _cite(puts: dict[str, Entity], source: Source, start: int, end: int, *,
          card_id: str | None = None, link_id: str | None = None) -> None:
    c = Citation(id=_new_id(), source_id=source.id, quote=source.text[start:end],
                 start=start, end=end, card_id=card_id, link_id=link_id)
    puts[c.id] = c


def summary_of(board_before: Board, edit: Edit, files: Iterable[str] = ()) -> str:
    n_src = sum(isinstance(e, Source) for e in edit.puts)
    new_cards = [e for e in edit.puts if isinstance(e, Card) and e.id not in board_before.cards]
    actors = sum(c.kind == "actor" for c in new_cards)
    claims = sum(c.kind == "claim" for c in new_cards)
    links = sum(isinstance(e, Link) for e in edit.puts)
    return (f"imported {n_src} source{'s' if n_src != 1 else ''}: {actors} new actors, "
            f"{claims} claims, {links} links")
