"""Turning extracted articles into one board edit: sources, actors, claims and links.

Everything an import adds is one :class:`~evidenceboard.model.Edit`, so it is written in
one transaction (a kill half-way leaves the whole article or none of it) and is one undo
step in the app.  Actors are merged with the ones already on the board (and across the
articles of the same import) by name, alias and fuzzy spelling; a claim that repeats a
claim already known (same speaker, same words, another source) becomes one more citation
of that claim card, so corroboration counts sources; a denial proposes "denies" links to
the claims it denies (rules in :mod:`.proposals`).  Every card and link cites the exact
words of its source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from ..analysis.group_placement import board_frames, place_groups
from ..analysis.placement import keep_in_range, place_new_cards
from ..analysis.relations import RELATION_KIND, derive_relations
from ..model import Board, Card, Citation, Edit, Entity, Link, Source, new_id, sha256_text
from ..model.entities import SPEC_OF_CLASS
from ..model.fields import fitted
from ..model.group_edits import first_sources, grouped_by_source
from .corrections import Corrections, corrections_of
from .extract import ExtractedActor, Extraction, extract
from .proposals import ClaimIndex, ClaimRecord, best_merge, denial_targets_indexed, words
from .reading import RawArticle

ProgressFn = Callable[[int, int, str], None]

#: Label of links the importer proposes between claims (the investigator confirms them).
PROPOSED_DENIAL_LABEL = "denies (proposed by importer)"


class ImportCancelled(Exception):
    """The user cancelled; nothing was changed."""


_PARTICLES = re.compile(r"^(?:al|el|the|de|van|von|bin|ben)[-\s]+", re.I)


@functools.lru_cache(maxsize=65536)
def normal_name(name: str) -> str:
    """A spelling-insensitive key: case, accents, punctuation, "al-"/"the" ignored
    (remembered: one import asks for the same names many times)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace("’", "'").lower().split())
    text = re.sub(r"'s$", "", text)
    text = text.replace("-", " ")
    words_ = [_PARTICLES.sub("", w) for w in re.split(r"\s+", text) if w]
    words_ = [w for w in words_ if w not in ("al", "el", "the")]
    return re.sub(r"[^\w ]+", "", " ".join(words_)).strip()


# ----------------------------------------------------------------------------- actors
@dataclass
class _ActorIndex:
    """Actors known so far (on the board and created by this import), by spelling.

    The fuzzy match compares a name only with the known names that can pass
    :func:`_similarity` (found by rapidfuzz over all names at once, in C), not each
    with each in Python: an import of a long article with thousands of actors stays
    linear in practice, and matches exactly as the full comparison would."""

    cards: dict[str, Card] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    corrections: Corrections | None = None
    #: per actor type: the known normalised names, their last words, their card ids
    _names: dict[str, tuple[list[str], list[str], list[str]]] = field(default_factory=dict)
    _seen: set[tuple[str, str]] = field(default_factory=set)
    _order: dict[str, int] = field(default_factory=dict)

    def add(self, card: Card) -> None:
        self.cards[card.id] = card
        self._order.setdefault(card.id, len(self._order))
        names, lasts, ids = self._names.setdefault(card.actor_type or "", ([], [], []))
        for name in (card.title, *card.aliases):
            key = normal_name(name)
            if key:
                self.by_name.setdefault(key, card.id)
            if (card.id, key) not in self._seen:
                self._seen.add((card.id, key))
                names.append(key)
                lasts.append(key.split()[-1] if key.split() else "")
                ids.append(card.id)

    def _candidates(self, want: str, actor_type: str) -> list[str]:
        """Cards (in the order they became known) with a name that may be ``want``."""
        names, lasts, ids = self._names.get(actor_type, ([], [], []))
        if actor_type in ("aircraft", "vessel"):
            hits: Sequence[int] = range(len(ids))  # a prefix is enough there: no cut-off to index
        elif actor_type == "person":
            words_ = want.split()
            if len(words_) < 2 or len(words_[-1]) < 5:
                return []
            hits = [k for _, _, k in process.extract(words_[-1], lasts, scorer=fuzz.ratio,
                                                     score_cutoff=85, limit=None)]
        else:
            if len(want) < 6:
                return []
            hits = [k for _, _, k in process.extract(want, names, scorer=fuzz.ratio,
                                                     score_cutoff=92, limit=None)]
        return sorted({ids[k] for k in hits}, key=self._order.__getitem__)

    def match(self, actor: ExtractedActor) -> str | None:
        if self.corrections is not None:
            # a spelling the investigator assigned to a card goes there, before any guess
            for n in (actor.name, *actor.aliases):
                target = self.corrections.canonical(n)
                if target is not None and normal_name(target) in self.by_name:
                    return self.by_name[normal_name(target)]
        hit = self.by_name.get(normal_name(actor.name))
        if hit is not None:
            return hit
        for n in actor.aliases:
            hit = self.by_name.get(normal_name(n))
            if hit is not None and self.cards[hit].actor_type == actor.actor_type:
                return hit
        best: tuple[float, str] | None = None
        want = normal_name(actor.name)
        for card_id in self._candidates(want, actor.actor_type):
            card = self.cards[card_id]
            if card.actor_type != actor.actor_type:
                continue
            for name in (card.title, *card.aliases):
                score = _similarity(want, normal_name(name), actor.actor_type)
                if score >= 0 and (best is None or score > best[0]):
                    best = (score, card.id)
        return best[1] if best else None


def actor_matcher(board: Board) -> Callable[[Card], str | None]:
    """The importer's matching of actors (the board's alias table, names, aliases,
    fuzzy spelling), for cards of another board: ``match(card)`` is the id of the actor
    card of ``board`` that ``card`` names under another spelling, or None.  A merge of
    a colleague's copy proposes these as the same actor."""
    index = _ActorIndex(corrections=corrections_of(board))
    for card in board.cards.values():
        if card.kind == "actor":
            index.add(card)

    def match(card: Card) -> str | None:
        if card.kind != "actor":
            return None
        return index.match(ExtractedActor(card.id, card.title, card.actor_type or "other",
                                          card.aliases, ()))

    return match


def _similarity(a: str, b: str, actor_type: str) -> float:
    """Score >= 0 when two normalised names are the same actor spelled differently."""
    if not a or not b:
        return -1
    if actor_type == "person":
        ta, tb = a.split(), b.split()
        if len(ta) < 2 or len(tb) < 2:
            return -1  # a lone name is matched by alias only, never by spelling
        if len(ta[-1]) < 5 or len(tb[-1]) < 5:
            return -1
        if fuzz.ratio(ta[-1], tb[-1]) < 85:
            return -1
        if fuzz.ratio(" ".join(ta[:-1]), " ".join(tb[:-1])) < 85:
            return -1  # "Saddam Haftar" is not "Khalifa Haftar"
        return fuzz.ratio(a, b)
    if actor_type in ("aircraft", "vessel"):
        sa, sb = sorted((a, b), key=len)
        if len(sa.split()) >= 2 and (sb == sa or sb.startswith(sa + " ")):
            return 90.0
    if len(a) < 6 or len(b) < 6:
        return -1
    score = fuzz.ratio(a, b)
    return score if score >= 92 else -1


# ----------------------------------------------------------------------------- the edit
class _EditBuilder:
    """Collects the entities of one import edit."""

    def __init__(self, board: Board, corrections: Corrections | None = None) -> None:
        self.board = board
        self.puts: dict[str, Entity] = {}
        self.new_card_ids: list[str] = []
        self.index = _ActorIndex(corrections=corrections)
        for card in board.cards.values():
            if card.kind == "actor":
                self.index.add(card)
        self.link_index: dict[tuple[str, str, str], str] = {
            (lk.from_id, lk.to_id, lk.kind): lk.id for lk in board.links.values()}
        self.cited: set[tuple[str, str, int, int]] = {
            (c.owner_id, c.source_id, c.start, c.end) for c in board.citations.values()}
        self.claims: list[ClaimRecord] = []
        # claims by (speaker, stance): only those can be the same statement, so a new
        # claim is compared with its speaker's claims, not with every claim so far
        self.claims_by_voice: dict[tuple[str | None, str], list[ClaimRecord]] = {}
        #: how many of a voice's claims were known when an article's claims began
        self._voice_marks: dict[tuple[tuple[str | None, str], str], int] = {}
        for record in _board_claims(board):
            self.remember(record)
        self.card_cites: dict[str, list[Citation]] = {}  # this edit's citations by card
        self.existing_claim_spans = {(c.source_id, c.start, c.end)
                                     for c in board.citations.values()
                                     if c.card_id is not None and c.card_id in board.cards
                                     and board.cards[c.card_id].kind == "claim"}

    # -------------------------------------------------------------- helpers
    def remember(self, record: ClaimRecord) -> None:
        self.claims.append(record)
        self.claims_by_voice.setdefault((record.speaker_card, record.stance), []
                                        ).append(record)

    def cite(self, source: Source, start: int, end: int, owner: str, *, link: bool) -> None:
        key = (owner, source.id, start, end)
        if key in self.cited:
            return
        self.cited.add(key)
        c = Citation(id=new_id(), source_id=source.id, quote=source.text[start:end],
                     start=start, end=end, card_id=None if link else owner,
                     link_id=owner if link else None)
        self.puts[c.id] = c
        if not link:
            self.card_cites.setdefault(owner, []).append(c)

    def link(self, from_id: str, to_id: str, kind: str, label: str | None = None) -> str:
        key = (from_id, to_id, kind)
        lid = self.link_index.get(key)
        if lid is None:
            lk = Link.create(from_id, to_id, label=label or kind, kind=kind)
            self.puts[lk.id] = lk
            lid = self.link_index[key] = lk.id
        return lid

    # -------------------------------------------------------------- actors
    def actors(self, source: Source, ext: Extraction) -> dict[str, str]:
        text = source.text
        key_to_card: dict[str, str] = {}
        for actor in ext.actors:
            card_id = self.index.match(actor)
            if card_id is None:
                card = Card.create("actor", actor.name, actor_type=actor.actor_type,
                                   aliases=tuple(sorted({a for a in actor.aliases
                                                         if a != actor.name})))
                self.new_card_ids.append(card.id)
            else:
                card = self.index.cards[card_id]
                extra = {a for a in (actor.name, *actor.aliases)
                         if normal_name(a) != normal_name(card.title)
                         and normal_name(a) not in {normal_name(x) for x in card.aliases}}
                if extra:
                    card = replace(card, aliases=tuple(sorted({*card.aliases, *extra})))
            self.index.add(card)
            self.puts[card.id] = card
            key_to_card[actor.key] = card.id
            for s, e in actor.mentions:
                if text[s:e].strip():
                    self.cite(source, s, e, card.id, link=False)
        return key_to_card

    # -------------------------------------------------------------- claims
    def claims_of(self, source: Source, ext: Extraction, key_to_card: dict[str, str]) -> None:
        for claim in ext.claims:
            if (source.id, claim.start, claim.end) in self.existing_claim_spans:
                continue
            self.existing_claim_spans.add((source.id, claim.start, claim.end))
            speaker_card = key_to_card.get(claim.speaker_key) if claim.speaker_key else None
            subjects = {key_to_card[k] for k in claim.subject_keys if k in key_to_card}
            if speaker_card is not None:
                subjects.discard(speaker_card)
            record = ClaimRecord(card_id="", source_ids={source.id}, speaker_card=speaker_card,
                                 stance=claim.stance, words=words(claim.quote),
                                 subjects=subjects, position=(source.id, claim.sentence),
                                 anaphoric=claim.anaphoric,
                                 plural_anaphor=bool(re.search(
                                     r"\b(?:these|those|allegations|accusations|claims|"
                                     r"reports|charges|them)\b",
                                     source.text[claim.content_start:claim.end], re.I)))
            # this article's own claims never merge with each other (same_statement
            # needs another source): compare with the claims known before it only
            key = (record.speaker_card, record.stance)
            voice = self.claims_by_voice.setdefault(key, [])
            before = self._voice_marks.setdefault((key, source.id), len(voice))
            same = best_merge(record, voice[:before])
            if same is not None:
                card_id = same.card_id
                same.source_ids.add(source.id)
                same.subjects |= subjects
                record.card_id = card_id
            else:
                speaker = (self.index.cards[speaker_card].title if speaker_card
                           else claim.speaker_name)
                sentence = " ".join(source.text[claim.start:claim.end].split())
                card = Card.create("claim", claim.quote, stance=claim.stance, speaker=speaker,
                                   body=sentence if sentence != claim.quote else "")
                self.new_card_ids.append(card.id)
                self.puts[card.id] = card
                card_id = record.card_id = card.id
                self.remember(record)
            if same is not None:
                # the merged claim keeps its own record; this position still counts for
                # anaphoric denials in this article
                self.remember(replace(record, card_id=card_id))
            self.cite(source, claim.start, claim.end, card_id, link=False)
            if speaker_card is not None:
                kind = "denies" if claim.stance == "denies" else "states"
                lid = self.link(speaker_card, card_id, kind)
                self.cite(source, claim.start, claim.end, lid, link=True)
            for subject in sorted(subjects):
                lid = self.link(card_id, subject, "about")
                self.cite(source, claim.start, claim.end, lid, link=True)

    # -------------------------------------------------------------- denials
    def denials(self, sources: dict[str, Source]) -> None:
        index = ClaimIndex(self.claims)
        new_positions = [c for c in self.claims if c.position is not None]
        for d in new_positions:
            if d.stance != "denies":
                continue
            for target in denial_targets_indexed(d, index):
                if target.card_id == d.card_id:
                    continue
                if (target.card_id, d.card_id, "denies") in self.link_index:
                    continue
                lid = self.link(d.card_id, target.card_id, "denies", PROPOSED_DENIAL_LABEL)
                self._cite_claim(d, lid, sources)
                self._cite_claim(target, lid, sources)

    def _cite_claim(self, record: ClaimRecord, link_id: str, sources: dict[str, Source]) -> None:
        """Cite, for a link, the sentence(s) the claim card itself cites."""
        cites = list(self.card_cites.get(record.card_id, ()))
        cites += list(self.board.citations_of(record.card_id)) \
            if record.card_id in self.board.cards else []
        if record.position is not None:
            here = [c for c in cites if c.source_id == record.position[0]]
            cites = here or cites
        for c in cites[:1]:
            src = sources.get(c.source_id) or self.board.sources.get(c.source_id)
            if src is not None:
                self.cite(src, c.start, c.end, link_id, link=True)


    # -------------------------------------------------------------- relations
    def relations(self) -> None:
        """Propose the relations between actors that this import's claims state
        (:mod:`..analysis.relations`): new relation links, or more citations of those
        already on the board."""
        touched = {c.card_id for c in self.puts.values()
                   if isinstance(c, Citation) and c.card_id is not None}
        work = Board.from_entities([*self.board.entities(), *self.puts.values()])
        claims = {i for i in touched if work.cards[i].kind == "claim"}
        for e in derive_relations(work, claims).puts:
            self.puts[e.id] = e


def _board_claims(board: Board) -> list[ClaimRecord]:
    """Claim cards already on the board, as the cross-claim rules see them."""
    out = []
    for card in board.cards.values():
        if card.kind != "claim":
            continue
        speaker = None
        subjects: set[str] = set()
        for lk in board.links_of(card.id):
            if lk.to_id == card.id and lk.kind in ("states", "denies") \
                    and board.cards.get(lk.from_id) is not None \
                    and board.cards[lk.from_id].kind == "actor":
                speaker = lk.from_id
            elif lk.from_id == card.id and lk.kind == "about":
                subjects.add(lk.to_id)
        sources = {c.source_id for c in board.citations_of(card.id)}
        out.append(ClaimRecord(card.id, sources, speaker, card.stance or "asserts",
                               words(card.title), subjects))
    return out


def import_edit(board: Board, articles: Sequence[RawArticle], *,
                progress: ProgressFn | None = None,
                is_cancelled: Callable[[], bool] | None = None,
                corrections: Corrections | None = None, group: bool = False) -> Edit:
    """One edit adding ``articles`` to ``board`` (articles already there are skipped);
    ``corrections`` (merged spellings, types, rejected names) apply to every article:
    by default those kept in the board's own alias table (``Corrections()`` for none).
    ``group``: each article's new cards arrive in a group titled with the article
    (``model.group_edits.grouped_by_source``), each group in a free region of its own
    (``analysis.group_placement``)."""
    if corrections is None:
        corrections = corrections_of(board)
    builder = _EditBuilder(board, corrections)
    seen_sha = {s.sha256 for s in board.sources.values()}
    sources: dict[str, Source] = {}
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
        source = Source(id=new_id(), text=article.text, sha256=sha, title=article.title,
                        outlet=article.outlet, author=article.author,
                        published=article.published, url=article.url)
        builder.puts[source.id] = source
        sources[source.id] = source
        ext = extract(article.text, corrections)
        key_to_card = builder.actors(source, ext)
        builder.claims_of(source, ext, key_to_card)
    if is_cancelled is not None and is_cancelled():
        raise ImportCancelled("import cancelled; the board is unchanged")
    builder.denials(sources)
    puts = builder.puts
    if added:
        builder.relations()
    if progress is not None:
        progress(len(articles), len(articles), "laying out")
    cards = [e for e in puts.values() if isinstance(e, Card)]
    links = [e for e in puts.values() if isinstance(e, Link)]
    cites = [e for e in puts.values() if isinstance(e, Citation)]
    new_ids = set(builder.new_card_ids)
    if group:
        group_of = first_sources(list(sources), cites, new_ids)
        positions = place_groups(board, cards, links, cites, new_ids=new_ids,
                                 group_of=group_of)
    else:
        positions = place_new_cards(board, cards, links, cites, new_ids=new_ids,
                                    blocked=board_frames(board))
    for cid, (x, y) in positions.items():
        card = puts.get(cid)
        if isinstance(card, Card):
            puts[cid] = replace(card, x=x, y=y)
    placed = keep_in_range([e for e in puts.values() if isinstance(e, Card)],
                           set(builder.new_card_ids))
    puts.update({c.id: c for c in placed})
    # Every value within its declared range (a "sentence" of a text without full stops
    # can be longer than a card's title may be): cut where the declaration allows.
    for key, e in list(puts.items()):
        puts[key] = fitted(SPEC_OF_CLASS[type(e)], e)[0]
    if not added:
        return Edit("Import articles")
    what = "article" if added == 1 else f"{added} articles"
    edit = Edit(f"Import {what}", tuple(puts.values()))
    return grouped_by_source(board, edit) if group else edit


def summary_of(board_before: Board, edit: Edit, files: Iterable[str] = ()) -> str:
    n_src = sum(isinstance(e, Source) for e in edit.puts)
    new_cards = [e for e in edit.puts if isinstance(e, Card) and e.id not in board_before.cards]
    actors = sum(c.kind == "actor" for c in new_cards)
    claims = sum(c.kind == "claim" for c in new_cards)
    new_links = [e for e in edit.puts if isinstance(e, Link) and e.id not in board_before.links]
    denials = sum(lk.label == PROPOSED_DENIAL_LABEL for lk in new_links)
    relations = sum(lk.kind == RELATION_KIND for lk in new_links)
    notes = [f"{relations} relation{'s' if relations != 1 else ''} between actors"] \
        if relations else []
    if denials:
        notes.append(f"{denials} proposed denial{'s' if denials != 1 else ''}")
    extra = f" ({', '.join(notes)})" if notes else ""
    return (f"imported {n_src} source{'s' if n_src != 1 else ''}: {actors} new actors, "
            f"{claims} claims, {len(new_links)} links{extra}")
