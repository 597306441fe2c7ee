"""Builders for the edits users make, so commands, the CLI and tests share one meaning.

Each function reads the board and returns an :class:`Edit`; nothing here changes the
board.  Deleting a card takes its links and every citation of either with it, so undo
restores all of them exactly.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Iterable, Mapping

from .board import Board, Edit
from .entities import (ACTOR_TYPES, CONFIDENCES, CREDIBILITY_GRADES, DEFAULT_CARD_SIZE,
                       DIRECTIONS, Card, Citation, Entity, Link, Setting, Source)


#: Titles of cards the user adds (an actor is named after its type: "New person").
NEW_CARD_TITLES = {"claim": "New claim", "note": "New note"}


def put(description: str, *entities: Entity) -> Edit:
    return Edit(description, tuple(entities))


def new_card(kind: str, centre: tuple[float, float], *, actor_type: str | None = None,
             title: str | None = None) -> Card:
    """A new card of ``kind`` centred on ``centre`` (whole scene units), ready to ``put``."""
    w, h = DEFAULT_CARD_SIZE.get(kind, (200.0, 72.0))
    fields: dict[str, object] = {"x": round(centre[0] - w / 2), "y": round(centre[1] - h / 2)}
    if kind == "actor":
        actor_type = actor_type if actor_type in ACTOR_TYPES else "other"
        fields["actor_type"] = actor_type
        default = f"New {actor_type}" if actor_type != "other" else "New actor"
    else:
        default = NEW_CARD_TITLES.get(kind, "New card")
    return Card.create(kind, title or default, **fields)


def move_cards(board: Board, positions: Mapping[str, tuple[float, float]]) -> Edit:
    moved = [board.cards[i].moved_to(x, y) for i, (x, y) in positions.items()
             if i in board.cards]
    n = len(moved)
    return Edit("Move card" if n == 1 else f"Move {n} cards", tuple(moved))


def resize_card(board: Board, card_id: str, width: float, height: float) -> Edit:
    card = board.cards[card_id]
    return Edit("Resize card", (replace(card, width=float(width), height=float(height)),))


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


def delete_source(board: Board, source_id: str) -> Edit:
    deletes = [("citation", c.id) for c in board.citations_in(source_id)]
    deletes.append(("source", source_id))
    return Edit("Remove source", (), tuple(deletes))


def add_link(board: Board, link: Link, citations: Iterable[Citation] = ()) -> Edit:
    return Edit("Add link", (link, *citations))


def cite(source: Source, start: int, end: int, *, owner_id: str, board: Board,
         credibility: int | None = None) -> Edit:
    if owner_id in board.cards:
        c = Citation.create(source, start, end, card_id=owner_id, credibility=credibility)
    elif owner_id in board.links:
        c = Citation.create(source, start, end, link_id=owner_id, credibility=credibility)
    else:
        raise KeyError(owner_id)
    return Edit("Cite source", (c,))


#: What a user may state about a source (the text itself never changes).
SOURCE_FIELDS = ("title", "outlet", "author", "published", "url")
_SOURCE_FIELD_MAX = {"title": 500, "outlet": 200, "author": 300, "published": 10,
                     "url": 2000}
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
    clean = {k: source_field_value(k, v) for k, v in fields.items()}
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
        changed.append(replace(e, **{field: value}))
    n = len(changed)
    name = {"actor_type": "actor type", "color": "colour"}.get(field, field)
    return Edit(f"Set {name} of {n} item{'s' if n != 1 else ''}", tuple(changed))


def set_setting(key: str, value: str) -> Edit:
    return Edit(f"Set {key}", (Setting(key, value),))


def update(entity: Entity, description: str = "Edit") -> Edit:
    return Edit(description, (entity,))


def paste_cards(board: Board, cards: Iterable[Card], links: Iterable[Link],
                citations: Iterable[Citation], offset: tuple[float, float]) -> Edit:
    """Copies of cards (and the links between them, and their citations) with new ids."""
    from .entities import new_id

    id_map: dict[str, str] = {}
    puts: list[Entity] = []
    for card in cards:
        id_map[card.id] = new_id()
        puts.append(replace(card, id=id_map[card.id], x=card.x + offset[0],
                            y=card.y + offset[1]))
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
