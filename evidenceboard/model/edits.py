"""Builders for the edits users make, so commands, the CLI and tests share one meaning.

Each function reads the board and returns an :class:`Edit`; nothing here changes the
board.  Deleting a card takes its links and every citation of either with it, so undo
restores all of them exactly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from .board import Board, Edit
from .entities import (
    ACTOR_TYPES,
    CARD_KINDS,
    CONFIDENCES,
    CREDIBILITY_GRADES,
    DEFAULT_CARD_SIZE,
    DIRECTIONS,
    MAX_TITLE,
    RELIABILITY_GRADES,
    SPECS,
    AliasEntry,
    Card,
    Citation,
    Entity,
    Link,
    Setting,
    Source,
    alias_entry_id,
    new_id,
    sha256_text,
    spelling_key,
)
from .fields import cut_text, fit_value, value_problem

#: Titles of cards the user adds (an actor is named after its type: "New person").
NEW_CARD_TITLES = {"claim": "New claim", "note": "New note"}


def put(description: str, *entities: Entity) -> Edit:
    return Edit(description, tuple(entities))


def new_card(kind: str, centre: tuple[float, float], *, actor_type: str | None = None,
             title: str | None = None) -> Card:
    """A new card of ``kind`` centred on ``centre`` (whole scene units), ready to ``put``."""
    w, h = DEFAULT_CARD_SIZE.get(kind, (200.0, 72.0))
    fields: dict[str, object] = {"x": within("x", round(centre[0] - w / 2)),
                                 "y": within("y", round(centre[1] - h / 2))}
    if kind == "actor":
        actor_type = actor_type if actor_type in ACTOR_TYPES else "other"
        fields["actor_type"] = actor_type
        default = f"New {actor_type}" if actor_type != "other" else "New actor"
    else:
        default = NEW_CARD_TITLES.get(kind, "New card")
    return Card.create(kind, title or default, **fields)


def within(field: str, value: float) -> float:
    """``value`` kept within the declared range of the card field ``field`` (a drag past
    the edge of the board's space stops at the edge)."""
    return float(fit_value(SPECS["card"].field(field), float(value)))


def move_cards(board: Board, positions: Mapping[str, tuple[float, float]]) -> Edit:
    moved = [board.cards[i].moved_to(within("x", x), within("y", y))
             for i, (x, y) in positions.items() if i in board.cards]
    n = len(moved)
    return Edit("Move card" if n == 1 else f"Move {n} cards", tuple(moved))


def resize_card(board: Board, card_id: str, width: float, height: float) -> Edit:
    card = board.cards[card_id]
    return Edit("Resize card", (replace(card, width=within("width", width),
                                        height=within("height", height)),))


def delete_items(board: Board, ids: Iterable[str]) -> Edit:
    """Delete cards and links by id, with the links of deleted cards and all citations."""
    deletes: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, id_: str) -> None:
        if (kind, id_) not in seen:
            seen.add((kind, id_))
            deletes.append((kind, id_))

    n_cards = n_links = 0
    for id_ in ids:
        if id_ in board.cards:
            n_cards += 1
            add("card", id_)
            for c in board.citations_of(id_):
                add("citation", c.id)
            for link in board.links_of(id_):
                add("link", link.id)
                for c in board.citations_of(link.id):
                    add("citation", c.id)
        elif id_ in board.links:
            n_links += 1
            add("link", id_)
            for c in board.citations_of(id_):
                add("citation", c.id)
        elif id_ in board.citations:
            add("citation", id_)
    parts = []
    if n_cards:
        parts.append("card" if n_cards == 1 else f"{n_cards} cards")
    if n_links:
        parts.append("link" if n_links == 1 else f"{n_links} links")
    desc = "Delete " + " and ".join(parts) if parts else "Delete citation"
    return Edit(desc, (), tuple(deletes))


def cut_items(board: Board, ids: Iterable[str]) -> Edit:
    """Edit ▸ Cut: :func:`delete_items`, named for the undo menu ("Undo Cut")."""
    edit = delete_items(board, ids)
    return Edit("Cut", edit.puts, edit.deletes)


def remove_citations(board: Board, ids: Iterable[str]) -> Edit:
    """Take these citations off their cards and links (the sources stay)."""
    ids = [i for i in ids if i in board.citations]
    edit = delete_items(board, ids)
    n = len(ids)
    return Edit("Remove citation" if n == 1 else f"Remove {n} citations", edit.puts,
                edit.deletes)


def edit_card(card: Card, description: str, **fields: Any) -> Edit:
    """``card`` with ``fields`` changed, as one edit.  Raises ValueError for a blank
    title or a size that is not positive (a board refuses both)."""
    if "title" in fields and not str(fields["title"] or "").strip():
        raise ValueError("a card needs a title")
    for name in ("width", "height"):
        if name in fields and not float(fields[name]) > 0:
            raise ValueError(f"a card's {name} must be more than 0")
    spec = SPECS["card"]
    for name, value in fields.items():
        why = value_problem(spec.field(name), value, "card")
        if why is not None:
            raise ValueError(why)
    return Edit(description, (replace(card, **fields),))


def rename_card(card: Card, title: str) -> Edit:
    """A new title (blanks at the ends dropped); ValueError when it is blank."""
    return edit_card(card, "Rename card", title=title.strip())


def change_card_kind(card: Card, kind: str) -> Edit:
    """Make ``card`` an actor, a claim or a note, keeping what the new kind can show: an
    actor keeps (or gets) a type and its aliases, a claim a stance and its speaker."""
    if kind not in CARD_KINDS:
        raise ValueError(f"{kind!r} is not a kind of card")
    return edit_card(card, "Change card kind", kind=kind,
                     actor_type=(card.actor_type or "other") if kind == "actor" else None,
                     stance=(card.stance or "asserts") if kind == "claim" else None,
                     speaker=card.speaker if kind == "claim" else None,
                     aliases=card.aliases if kind == "actor" else ())


def edit_link(link: Link, description: str, **fields: Any) -> Edit:
    """``link`` with ``fields`` changed (label, kind, direction, ...), as one edit."""
    return Edit(description, (replace(link, **fields),))


def only_geometry_changed(old: Card, new: Card) -> bool:
    """Whether two values of a card differ in place and size at most (a drag, a
    resize): nothing a list of sources, citations or problems shows."""
    return replace(new, x=old.x, y=old.y, width=old.width, height=old.height) == old


def delete_source(board: Board, source_id: str) -> Edit:
    deletes = [("citation", c.id) for c in board.citations_in(source_id)]
    deletes.append(("source", source_id))
    return Edit("Remove source", (), tuple(deletes))


def add_link(board: Board, link: Link, citations: Iterable[Citation] = ()) -> Edit:
    return Edit("Add link", (link, *citations))


def drawn_link(from_id: str, to_id: str, quote: tuple[Source, int, int] | None,
               **fields: Any) -> Edit:
    """A link drawn from one card to another (the edit's first put), backed by the
    words ``quote`` = (source, start, end) in the same edit, or, without a quote,
    marked as having no source on purpose.  ``fields``: label, kind, direction,
    confidence."""
    link = Link.create(from_id, to_id, unsourced=quote is None, **fields)
    if quote is None:
        return Edit("Add link", (link,))
    source, start, end = quote
    return Edit("Add link", (link, Citation.create(source, start, end, link_id=link.id)))


def cite(source: Source, start: int, end: int, *, owner_id: str, board: Board,
         credibility: int | None = None) -> Edit:
    """``source.text[start:end]`` backs the card or link ``owner_id`` (the citation is
    the edit's first put).  A link marked as having no source is sourced now, in the
    same edit."""
    link = board.links.get(owner_id)
    if owner_id in board.cards:
        c = Citation.create(source, start, end, card_id=owner_id, credibility=credibility)
    elif link is not None:
        c = Citation.create(source, start, end, link_id=owner_id, credibility=credibility)
    else:
        raise KeyError(owner_id)
    if link is not None and link.unsourced:
        return Edit("Cite source", (c, replace(link, unsourced=False)))
    return Edit("Cite source", (c,))


def claim_from_quote(source: Source, start: int, end: int,
                     at: tuple[float, float]) -> Edit:
    """A claim card at ``at`` (its top-left corner) whose title is the quoted words,
    citing them exactly: the card is the edit's first put, the citation the second.
    Raises ValueError when ``start:end`` is not a run of words of ``source``."""
    if not 0 <= start < end <= len(source.text):
        raise ValueError("those words are not in the source")
    title = " ".join(source.text[start:end].split())
    if not title:
        raise ValueError("the quote holds no words")
    card = Card.create("claim", cut_text(title, MAX_TITLE), x=within("x", round(at[0])),
                       y=within("y", round(at[1])))
    return Edit("New claim from quote",
                (card, Citation.create(source, start, end, card_id=card.id)))


def grade_source(source: Source, reliability: str | None) -> Edit:
    """Admiralty reliability of a source (A-F; None clears it)."""
    if reliability is not None and reliability not in RELIABILITY_GRADES:
        raise ValueError(f"reliability is A to F, not {reliability!r}")
    desc = f"Grade source {reliability}" if reliability else "Clear source grade"
    return Edit(desc, (replace(source, reliability=reliability),))


#: What a user may state about a source (the text itself never changes).
SOURCE_FIELDS = ("title", "outlet", "author", "published", "url")
_SOURCE_FIELD_MAX = {name: SPECS["source"].field(name).max_length or 0
                     for name in SOURCE_FIELDS}
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def source_field_value(field: str, text: str | None) -> str | None:
    """``text`` as the value of a source's ``field``: one line, blanks folded, None when
    empty.  Raises ValueError (one line, for the user) for a value a board refuses."""
    if field not in _SOURCE_FIELD_MAX:
        raise ValueError(f"a source has no field {field!r}")
    value = " ".join((text or "").split())
    if not value:
        return None
    if len(value) > _SOURCE_FIELD_MAX[field]:
        raise ValueError(f"the {field} is too long ({len(value)} characters; at most "
                         f"{_SOURCE_FIELD_MAX[field]})")
    if field == "published":
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(f"“{value}” is not a date: write it as YYYY-MM-DD "
                             "(or YYYY-MM, or YYYY)")
        try:
            y, m, d = (int(p) for p in (value + "-01-01").split("-")[:3])
            date(y, m, d)
        except ValueError:
            raise ValueError(f"“{value}” is not a date of the calendar") from None
    return value


def edit_source(src: Source, **fields: str | None) -> Edit:
    """Change what is stated about a source (title, outlet, author, published, url):
    one edit; empty when nothing changes."""
    clean: dict[str, Any] = {k: source_field_value(k, v) for k, v in fields.items()}
    new = replace(src, **clean)
    names = [k if k != "published" else "date" for k in fields]
    desc = f"Edit source {' and '.join(names)}" if names else "Edit source"
    return Edit(desc, (new,)) if new != src else Edit(desc)


def citations_of_items(board: Board, ids: Iterable[str]) -> list[Citation]:
    """The citations of these cards and links, and these citations themselves (each
    once, in the order given)."""
    out: dict[str, Citation] = {}
    for i in ids:
        if i in board.citations:
            out.setdefault(i, board.citations[i])
        else:
            for c in board.citations_of(i):
                out.setdefault(c.id, c)
    return list(out.values())


def grade_citations(board: Board, ids: Iterable[str], credibility: int | None) -> Edit:
    """Admiralty credibility (1-6, None clears) for the citations of many cards and
    links at once (or of the citations given): one edit."""
    if credibility is not None and credibility not in CREDIBILITY_GRADES:
        raise ValueError(f"credibility is 1 to 6, not {credibility!r}")
    changed = [replace(c, credibility=credibility) for c in citations_of_items(board, ids)
               if c.credibility != credibility]
    n = len(changed)
    what = "citation" if n == 1 else f"{n} citations"
    desc = f"Grade {what} {credibility}" if credibility is not None else \
        f"Clear the grade of {what}"
    return Edit(desc, tuple(changed))


#: Fields several selected cards or links can be given at once, and who has them.
SHARED_FIELDS = {"actor_type": "actor", "color": "card", "confidence": "link",
                 "direction": "link"}


def set_shared_field(board: Board, ids: Iterable[str], field: str, value: object) -> Edit:
    """``field`` = ``value`` for every selected item that has the field (actor type for
    actors, colour for cards, confidence and direction for links): one edit."""
    owner = SHARED_FIELDS.get(field)
    if owner is None:
        raise ValueError(f"{field!r} cannot be set on many items at once")
    allowed = {"actor_type": ACTOR_TYPES, "confidence": CONFIDENCES,
               "direction": DIRECTIONS}.get(field)
    if allowed is not None and value not in allowed:
        raise ValueError(f"{value!r} is not a {field.replace('_', ' ')}")
    changed: list[Entity] = []
    for i in ids:
        e: Card | Link | None = board.cards.get(i) or board.links.get(i)
        if e is None or getattr(e, field, object()) == value:
            continue
        if (owner == "actor" and not (isinstance(e, Card) and e.kind == "actor")) or \
                (owner == "card" and not isinstance(e, Card)) or \
                (owner == "link" and not isinstance(e, Link)):
            continue
        change: dict[str, Any] = {field: value}
        changed.append(replace(e, **change))
    n = len(changed)
    name = {"actor_type": "actor type", "color": "colour"}.get(field, field)
    return Edit(f"Set {name} of {n} item{'s' if n != 1 else ''}", tuple(changed))


def set_setting(key: str, value: str) -> Edit:
    return Edit(f"Set {key}", (Setting(key, value),))


def update(entity: Entity, description: str = "Edit") -> Edit:
    return Edit(description, (entity,))


def merged(first: Edit, later: Edit) -> Edit:
    """Two edits of the same entities as one undo step (arrow-key nudges): named like
    the first, ending where the later one does."""
    return Edit(first.description, later.puts, later.deletes)


def paste_cards(board: Board, cards: Iterable[Card], links: Iterable[Link],
                citations: Iterable[Citation], offset: tuple[float, float]) -> Edit:
    """Copies of cards (and the links between them, and their citations) with new ids;
    the copies are in no group (they land beside the originals, off their frames)."""
    id_map: dict[str, str] = {}
    puts: list[Entity] = []
    for card in cards:
        id_map[card.id] = new_id()
        puts.append(replace(card, id=id_map[card.id], x=within("x", card.x + offset[0]),
                            y=within("y", card.y + offset[1]), group_id=None))
    for link in links:
        if link.from_id in id_map and link.to_id in id_map:
            id_map[link.id] = new_id()
            puts.append(replace(link, id=id_map[link.id], from_id=id_map[link.from_id],
                                to_id=id_map[link.to_id]))
    for c in citations:
        owner = id_map.get(c.owner_id)
        if owner is None or c.source_id not in board.sources:
            continue
        if c.card_id is not None:
            puts.append(replace(c, id=new_id(), card_id=owner))
        else:
            puts.append(replace(c, id=new_id(), link_id=owner))
    n = sum(isinstance(p, Card) for p in puts)
    return Edit("Paste card" if n == 1 else f"Paste {n} cards", tuple(puts))


def paste_content(board: Board, cards: Iterable[Card], links: Iterable[Link],
                  citations: Iterable[Citation], sources: Iterable[Source],
                  offset: tuple[float, float]) -> Edit:
    """:func:`paste_cards` into ``board``, bringing along the cited sources it lacks
    (matched by their text's sha256), so citations survive a paste into another board.
    A source whose text does not match its sha256 is not a faithful copy: its citations
    are dropped."""
    new_sources: list[Source] = []
    source_map: dict[str, str] = {}
    for s in sources:
        if s.id in board.sources or sha256_text(s.text) != s.sha256:
            continue
        same = board.source_by_sha256(s.sha256)
        if same is not None:
            source_map[s.id] = same.id
        else:
            new_sources.append(s)
    moved = [c if c.source_id not in source_map else
             replace(c, source_id=source_map[c.source_id]) for c in citations]
    known = Board.from_entities([*board.sources.values(), *new_sources])
    edit = paste_cards(known, cards, links, moved, offset)
    return Edit(edit.description, (*new_sources, *edit.puts), edit.deletes)


# ----------------------------------------------------------------------------- corrections
# What an investigator fixes in what the importer read: merging two actor cards that are
# one actor, splitting a spelling out of a card, changing an actor's type, removing a card
# that is not an actor.  Each is one edit that also writes the board's alias table
# (:class:`AliasEntry`), which the importer reads on every later import, so a correction
# made once is not undone by the next article (issue 14 part 4).

#: Room between a card and the card split out of it (scene units).
SPLIT_GAP = 40.0


def actor_spellings(card: Card) -> list[str]:
    """The card's title and aliases, each spelling once (blank ones left out)."""
    out: dict[str, str] = {}
    for name in (card.title, *card.aliases):
        key = spelling_key(name)
        if key:
            out.setdefault(key, name.strip())
    return list(out.values())


def _actors(board: Board, ids: Iterable[str]) -> list[Card]:
    return [board.cards[i] for i in dict.fromkeys(ids)
            if i in board.cards and board.cards[i].kind == "actor"]


class _Changes:
    """Puts and deletes of one correction, each entity at most once (a later put of the
    same id replaces the earlier one; a delete wins over a put)."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.puts: dict[str, Entity] = {}
        self.deletes: dict[tuple[str, str], None] = {}

    def put(self, e: Entity) -> None:
        self.puts[e.id] = e

    def current(self, e: Entity) -> Entity:
        return self.puts.get(e.id, e)

    def delete(self, kind: str, id_: str) -> None:
        self.puts.pop(id_, None)
        self.deletes[(kind, id_)] = None

    def entry(self, rule: str, name: str, value: str | None,
              card_id: str | None) -> None:
        """Put the alias table entry (replacing the one of that spelling and rule), and
        drop the entries of other rules it contradicts."""
        e = AliasEntry.make(rule, name, value, card_id)
        self.puts[e.id] = e
        self.deletes.pop(("alias", e.id), None)
        if rule in ("alias", "type"):
            self.drop_entry("reject", name)
        elif rule == "reject":
            self.drop_entry("alias", name)
            self.drop_entry("type", name)

    def drop_entry(self, rule: str, name: str) -> None:
        id_ = alias_entry_id(rule, name)
        if id_ in self.board.alias_table:
            self.delete("alias", id_)
        else:
            self.puts.pop(id_, None)

    def edit(self, description: str) -> Edit:
        puts = tuple(e for e in self.puts.values()
                     if self.board.find(e.id) != e)  # unchanged values are left out
        return Edit(description, puts, tuple(self.deletes))


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def merge_actors(board: Board, ids: Iterable[str], keep: str | None = None) -> Edit:
    """One actor card from several that are one actor (one edit).

    The card ``keep`` (by default the one with most citations, the first of those) stays
    and takes the others' titles and aliases as aliases, their citations (a citation of
    words it already cites is folded into its own, keeping a grade) and their links
    (a link that would now join the card to itself goes; two links now the same — same
    ends, kind and label — become one with the citations of both).  Claims the merged
    cards spoke name the kept card as their speaker.  Every spelling of the merged actor
    goes into the alias table, pointing at the kept card.  Raises ValueError for fewer
    than two actor cards.
    """
    actors = _actors(board, ids)
    if len(actors) < 2:
        raise ValueError("select two or more actor cards to merge")
    if keep is None:
        keep = max(actors, key=lambda c: len(board.citations_of(c.id))).id
    kept = next((c for c in actors if c.id == keep), None)
    if kept is None:
        raise ValueError("the card to keep must be one of the actors merged")
    others = [c for c in actors if c.id != keep]
    gone = {c.id for c in others}
    ch = _Changes(board)

    # names: the kept card's aliases as they are, then the others' spellings
    known = {spelling_key(kept.title)} | {spelling_key(a) for a in kept.aliases}
    aliases = list(kept.aliases)
    for o in others:
        for name in actor_spellings(o):
            if spelling_key(name) not in known:
                known.add(spelling_key(name))
                aliases.append(name)
    ch.put(replace(kept, aliases=tuple(aliases)))

    # citations of the merged cards
    by_span: dict[tuple[str, int, int], Citation] = {
        (c.source_id, c.start, c.end): c for c in board.citations_of(keep)}
    for o in others:
        for c in board.citations_of(o.id):
            _fold_citation(ch, by_span, c, card_id=keep)

    # links: re-pointed to the kept card, self-links dropped, duplicates folded
    def link_key(lk: Link) -> tuple[str, str, str, str]:
        return (lk.from_id, lk.to_id, lk.kind, lk.label)

    final: dict[tuple[str, str, str, str], Link] = {
        link_key(lk): lk for lk in board.links_of(keep)
        if lk.from_id not in gone and lk.to_id not in gone}
    spoken_by = {spelling_key(n) for o in others for n in actor_spellings(o)}
    seen: set[str] = set()
    for o in others:
        for lk in board.links_of(o.id):
            if lk.id in seen:
                continue
            seen.add(lk.id)
            f = keep if lk.from_id in gone else lk.from_id
            t = keep if lk.to_id in gone else lk.to_id
            if f == t:
                ch.delete("link", lk.id)
                for c in board.citations_of(lk.id):
                    ch.delete("citation", c.id)
                continue
            moved = replace(lk, from_id=f, to_id=t)
            same = final.get(link_key(moved))
            if same is None:
                final[link_key(moved)] = moved
                ch.put(moved)
            else:
                ch.delete("link", lk.id)
                same = ch.current(same)  # type: ignore[assignment]
                if same.unsourced and not lk.unsourced:
                    same = replace(same, unsourced=False)
                    final[link_key(same)] = same
                    ch.put(same)
                spans = {(c.source_id, c.start, c.end): c for c in board.citations_of(same.id)}
                for c in board.citations_of(lk.id):
                    _fold_citation(ch, spans, c, link_id=same.id)
            other_end = lk.to_id if lk.from_id == o.id else lk.from_id
            claim = board.cards.get(other_end)
            if claim is not None and claim.kind == "claim" and claim.speaker \
                    and spelling_key(claim.speaker) in spoken_by:
                ch.put(replace(ch.current(claim), speaker=kept.title))  # type: ignore[arg-type]
    for o in others:
        ch.delete("card", o.id)

    # the alias table: every spelling of the merged actor belongs to the kept card
    for name in aliases:
        if spelling_key(name):
            ch.entry("alias", name, kept.title, keep)
    ch.drop_entry("reject", kept.title)
    kept_keys = {spelling_key(n) for n in actor_spellings(kept)}
    for o in others:
        for name in actor_spellings(o):
            if spelling_key(name) not in kept_keys:
                ch.drop_entry("type", name)
    for e in board.alias_table.values():  # spellings merged earlier into a merged card
        if e.card_id in gone and e.id not in ch.puts and ("alias", e.id) not in ch.deletes:
            ch.put(replace(e, card_id=keep, value=kept.title if e.rule == "alias"
                           else kept.actor_type if e.rule == "type" else e.value))
    n = len(actors)
    return ch.edit(f"Merge {n} actors into {_quote(kept.title)}")


def _fold_citation(ch: _Changes, by_span: dict[tuple[str, int, int], Citation],
                   c: Citation, *, card_id: str | None = None,
                   link_id: str | None = None) -> None:
    """Move citation ``c`` to a new owner, or fold it into the owner's citation of the
    same words (keeping ``c``'s grade when that one has none)."""
    span = (c.source_id, c.start, c.end)
    there = by_span.get(span)
    if there is None:
        moved = replace(c, card_id=card_id, link_id=link_id)
        by_span[span] = moved
        ch.put(moved)
        return
    ch.delete("citation", c.id)
    there = ch.current(there)  # type: ignore[assignment]
    if there.credibility is None and c.credibility is not None:
        there = replace(there, credibility=c.credibility)
        by_span[span] = there
        ch.put(there)


def split_alias(board: Board, card_id: str, alias: str) -> Edit:
    """The spelling ``alias`` of an actor card becomes an actor card of its own (same
    type), placed beside it, with the citations that quote that spelling and the links
    whose every citation holds such a quote (and none of the spellings that stay).
    The alias table says the spelling is its own actor, so no later import puts it back.
    Raises ValueError when the card has no such alias."""
    card = board.cards.get(card_id)
    if card is None or card.kind != "actor":
        raise ValueError("only an actor card has aliases to split out")
    key = spelling_key(alias)
    name = next((a for a in card.aliases if spelling_key(a) == key), None) if key else None
    if name is None or key == spelling_key(card.title):
        raise ValueError(f"{_quote(card.title)} has no alias {_quote(alias)}")
    name = name.strip()
    ch = _Changes(board)
    new = Card.create("actor", name, actor_type=card.actor_type,
                      x=card.x + card.width + SPLIT_GAP, y=card.y)
    ch.put(new)
    ch.put(replace(card, aliases=tuple(a for a in card.aliases if spelling_key(a) != key)))
    moved: list[Citation] = []
    stays: list[Citation] = []
    for c in board.citations_of(card.id):
        (moved if spelling_key(c.quote) == key else stays).append(c)
    for c in moved:
        ch.put(replace(c, card_id=new.id))

    def within(outer: Citation, inner: Citation) -> bool:
        return inner.source_id == outer.source_id and \
            outer.start <= inner.start and inner.end <= outer.end

    for lk in board.links_of(card.id):
        cites = board.citations_of(lk.id)
        if not cites or not all(any(within(lc, m) for m in moved) and
                                not any(within(lc, s) for s in stays) for lc in cites):
            continue
        f = new.id if lk.from_id == card.id else lk.from_id
        t = new.id if lk.to_id == card.id else lk.to_id
        ch.put(replace(lk, from_id=f, to_id=t))
        other_end = lk.to_id if lk.from_id == card.id else lk.from_id
        claim = board.cards.get(other_end)
        if claim is not None and claim.kind == "claim" and claim.speaker \
                and spelling_key(claim.speaker) == spelling_key(card.title):
            ch.put(replace(ch.current(claim), speaker=name))  # type: ignore[arg-type]
    ch.entry("alias", name, name, new.id)
    return ch.edit(f"Split {_quote(name)} out of {_quote(card.title)}")


def retype_actors(board: Board, ids: Iterable[str], actor_type: str) -> Edit:
    """The selected actors are of ``actor_type`` (one edit), and the alias table says
    so for each of their spellings, so later imports type them the same."""
    if actor_type not in ACTOR_TYPES:
        raise ValueError(f"{actor_type!r} is not an actor type")
    ch = _Changes(board)
    changed = [c for c in _actors(board, ids) if c.actor_type != actor_type]
    for card in changed:
        ch.put(replace(card, actor_type=actor_type))
        for name in actor_spellings(card):
            ch.entry("type", name, actor_type, card.id)
    n = len(changed)
    what = _quote(changed[0].title) if n == 1 else f"{n} actors"
    return ch.edit(f"Make {what} a {actor_type}" if n == 1 else
                   f"Make {what} {actor_type}s" if n else "Change actor type")


def reject_actors(board: Board, ids: Iterable[str]) -> Edit:
    """Actor cards that are no actors (a byline, a subhead, half a ship's name) go, with
    their links and citations (one edit, as Delete); the claims they spoke keep no named
    speaker; the alias table rejects each of their spellings, so no later import
    proposes them again.  Raises ValueError when no actor card is given."""
    actors = _actors(board, ids)
    if not actors:
        raise ValueError("select the actor cards that are not actors")
    gone = {c.id for c in actors}
    base = delete_items(board, gone)
    ch = _Changes(board)
    for kind, id_ in base.deletes:
        ch.delete(kind, id_)
    for card in actors:
        names = {spelling_key(n) for n in actor_spellings(card)}
        for lk in board.links_of(card.id):
            other = board.cards.get(lk.to_id if lk.from_id == card.id else lk.from_id)
            if other is not None and other.id not in gone and other.kind == "claim" \
                    and other.speaker and spelling_key(other.speaker) in names:
                ch.put(replace(ch.current(other), speaker=None))  # type: ignore[arg-type]
        for name in actor_spellings(card):
            ch.entry("reject", name, None, None)
    for e in board.alias_table.values():  # corrections that pointed at these cards
        if e.card_id in gone and e.id not in ch.puts:
            ch.delete("alias", e.id)
    n = len(actors)
    return ch.edit(f"Not an actor: {_quote(actors[0].title)}" if n == 1 else
                   f"Not actors: {n} cards")


def forget_corrections(board: Board, ids: Iterable[str]) -> Edit:
    """Take entries out of the alias table (the cards stay as they are; later imports
    read those spellings afresh): one edit."""
    gone = [i for i in dict.fromkeys(ids) if i in board.alias_table]
    n = len(gone)
    return Edit(f"Forget {n} correction{'s' if n != 1 else ''}", (),
                tuple(("alias", i) for i in gone))


#: How the alias table's rules read in a list.
RULE_TEXTS = {"alias": "is a spelling of", "type": "is of type", "reject": "is not an actor"}


def describe_entry(e: AliasEntry) -> str:
    """One entry as a sentence: “Maersk” is a spelling of “A.P. Moller-Maersk”."""
    if e.rule == "alias" and e.value is not None and spelling_key(e.value) == \
            spelling_key(e.name):
        return f"{_quote(e.name)} is an actor of its own (split out)"
    tail = f" {_quote(e.value)}" if e.rule == "alias" and e.value else \
        f" {e.value}" if e.value else ""
    return f"{_quote(e.name)} {RULE_TEXTS.get(e.rule, e.rule)}{tail}"

#: The board setting that lists the pinned cards (JSON list of ids): layouts leave them
#: where they are.  A setting rather than a card field, so pinning needs no schema change.
PINNED_SETTING = "layout/pinned"


def pinned_ids(board: Board) -> frozenset[str]:
    """The cards pinned in place (ids of cards no longer on the board are ignored)."""
    text = board.setting(PINNED_SETTING)
    if not text:
        return frozenset()
    try:
        ids = json.loads(text)
    except ValueError:
        return frozenset()
    if not isinstance(ids, list):
        return frozenset()
    return frozenset(i for i in ids if isinstance(i, str) and i in board.cards)


def pin_cards(board: Board, ids: Iterable[str], pinned: bool) -> Edit:
    """Pin the cards in place (layouts do not move them) or unpin them: one undo step."""
    ids = {i for i in ids if i in board.cards}
    now = set(pinned_ids(board))
    after = now | ids if pinned else now - ids
    if after == now:
        return Edit("Pin cards")
    n = len(ids)
    what = "card" if n == 1 else f"{n} cards"
    return Edit(f"{'Pin' if pinned else 'Unpin'} {what}",
                (Setting(PINNED_SETTING, json.dumps(sorted(after))),))
