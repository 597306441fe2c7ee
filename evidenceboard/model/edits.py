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
    Card,
    Citation,
    Entity,
    Link,
    Setting,
    Source,
    new_id,
    sha256_text,
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
    """Copies of cards (and the links between them, and their citations) with new ids."""
    id_map: dict[str, str] = {}
    puts: list[Entity] = []
    for card in cards:
        id_map[card.id] = new_id()
        puts.append(replace(card, id=id_map[card.id], x=within("x", card.x + offset[0]),
                            y=within("y", card.y + offset[1])))
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
