"""Groups: frames that hold cards (issue 13, item 5), as edits and as geometry.

A :class:`~.entities.Group` stores only its title, colour and whether it is collapsed;
its cards say which group holds them (``Card.group_id``).  Its rectangle is worked out
here from its cards (:func:`frame_rect`), so a frame follows its cards wherever they go
and the canvas, the exports and JSON Canvas draw the same frame.  Collapsed, the frame is
one card-sized box at the top-left corner of that rectangle (:func:`collapsed_rect`);
the hidden cards keep their positions, so expanding shows them exactly where they were.

Every builder returns one :class:`Edit` (one undo step) and changes nothing itself.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import replace

from .board import Board, Edit
from .entities import MAX_GROUP_TITLE, Card, Citation, Entity, Group, Source
from .fields import cut_text

#: Space between a frame and its cards, and the height of its title bar (scene units).
FRAME_PADDING = 24.0
HEADER_HEIGHT = 34.0
#: A collapsed group is drawn as one card of this size.
COLLAPSED_SIZE = (240.0, 96.0)
DEFAULT_TITLE = "Group"

Rect = tuple[float, float, float, float]  # x, y, width, height


def group_title(title: str | None) -> str:
    """A title as a group keeps it: on one line, within range, never empty."""
    text = " ".join((title or "").split())
    return cut_text(text, MAX_GROUP_TITLE) if text else DEFAULT_TITLE


def _cards(board: Board, ids: Iterable[str]) -> list[Card]:
    return [board.cards[i] for i in dict.fromkeys(ids) if i in board.cards]


def _emptied(board: Board, leaving: Iterable[Card]) -> list[tuple[str, str]]:
    """The groups left without a card once ``leaving`` leave them (deleted with it: a
    frame around nothing has nothing to show)."""
    gone: dict[str, set[str]] = {}
    for c in leaving:
        if c.group_id is not None:
            gone.setdefault(c.group_id, set()).add(c.id)
    return [("group", g) for g, ids in gone.items()
            if g in board.groups and board.member_ids(g) <= ids]


def group_cards(board: Board, ids: Iterable[str], title: str | None = None,
                color: str | None = None) -> Edit:
    """Group Selection: a new group holding the cards ``ids`` (taken out of any group
    they were in; a group that loses its last card goes)."""
    cards = _cards(board, ids)
    if not cards:
        return Edit("Group cards")
    group = Group.create(group_title(title), color=color)
    puts: list[Entity] = [group]
    puts += [replace(c, group_id=group.id) for c in cards]
    n = len(cards)
    return Edit("Group card" if n == 1 else f"Group {n} cards", tuple(puts),
                tuple(_emptied(board, cards)))


def ungroup(board: Board, group_ids: Iterable[str]) -> Edit:
    """Ungroup: the groups go, their cards stay where they are."""
    groups = [g for g in dict.fromkeys(group_ids) if g in board.groups]
    puts = [replace(c, group_id=None) for g in groups for c in board.members_of(g)]
    return Edit("Ungroup" if len(groups) == 1 else f"Ungroup {len(groups)} groups",
                tuple(puts), tuple(("group", g) for g in groups))


def delete_groups(board: Board, group_ids: Iterable[str], ids: Iterable[str] = ()) -> Edit:
    """Edit ▸ Delete with frames selected: the groups go (their other cards stay where
    they are, like Ungroup) and so do the cards and links ``ids`` selected with them
    (:func:`~.edits.delete_items`: their links and citations too; a group they empty
    goes).  One edit."""
    from .edits import delete_items

    groups = [g for g in dict.fromkeys(group_ids) if g in board.groups]
    items = delete_items(board, ids)
    gone = {i for kind, i in items.deletes if kind == "card"}
    puts = [replace(c, group_id=None) for g in groups for c in board.members_of(g)
            if c.id not in gone]
    deletes = list(items.deletes) + [("group", g) for g in groups]
    deletes += [d for d in _emptied(board, (board.cards[i] for i in sorted(gone)))
                if d not in deletes]
    what = "group" if len(groups) == 1 else f"{len(groups)} groups"
    desc = f"Delete {what}" if not items.deletes else \
        f"{items.description} and {what}"
    return Edit(desc if groups else items.description, tuple(puts), tuple(deletes))


def add_to_group(board: Board, group_id: str, ids: Iterable[str]) -> Edit:
    """Put cards into a group (out of any other; an emptied group goes)."""
    cards = [c for c in _cards(board, ids) if c.group_id != group_id]
    if group_id not in board.groups or not cards:
        return Edit("Add to group")
    n = len(cards)
    return Edit("Add card to group" if n == 1 else f"Add {n} cards to group",
                tuple(replace(c, group_id=group_id) for c in cards),
                tuple(_emptied(board, cards)))


def remove_from_group(board: Board, ids: Iterable[str]) -> Edit:
    """Take cards out of their groups (an emptied group goes)."""
    cards = [c for c in _cards(board, ids) if c.group_id is not None]
    n = len(cards)
    return Edit("Remove card from group" if n == 1 else f"Remove {n} cards from group",
                tuple(replace(c, group_id=None) for c in cards),
                tuple(_emptied(board, cards)))


def edit_group(board: Board, group_id: str, *, title: str | None = None,
               color: str | bool | None = False) -> Edit:
    """Rename (``title``) or recolour (``color``: a "#rrggbb", None for the default;
    False leaves it) a group."""
    g = board.groups[group_id]
    new = g
    if title is not None:
        new = replace(new, title=group_title(title))
    if color is not False:
        new = replace(new, color=color if isinstance(color, str) else None)
    desc = "Rename group" if new.title != g.title else "Recolour group"
    return Edit(desc, (new,) if new != g else ())


def set_collapsed(board: Board, group_ids: Iterable[str], collapsed: bool) -> Edit:
    """Collapse (or expand) groups."""
    groups = [board.groups[g] for g in dict.fromkeys(group_ids)
              if g in board.groups and board.groups[g].collapsed != collapsed]
    word = "Collapse" if collapsed else "Expand"
    return Edit(f"{word} group" if len(groups) <= 1 else f"{word} {len(groups)} groups",
                tuple(replace(g, collapsed=collapsed) for g in groups))


def toggle_collapsed(board: Board, group_id: str) -> Edit:
    return set_collapsed(board, [group_id], not board.groups[group_id].collapsed)


# ----------------------------------------------------------------------------- geometry
def cards_rect(cards: Iterable[Card]) -> Rect | None:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for c in cards:
        xs0.append(c.x)
        ys0.append(c.y)
        xs1.append(c.x + c.width)
        ys1.append(c.y + c.height)
    if not xs0:
        return None
    x0, y0 = min(xs0), min(ys0)
    return (x0, y0, max(xs1) - x0, max(ys1) - y0)


def frame_rect_of(cards: Iterable[Card]) -> Rect | None:
    """The expanded frame around ``cards``: padding on every side, the title bar above."""
    r = cards_rect(cards)
    if r is None:
        return None
    x, y, w, h = r
    return (x - FRAME_PADDING, y - FRAME_PADDING - HEADER_HEIGHT,
            w + 2 * FRAME_PADDING, h + 2 * FRAME_PADDING + HEADER_HEIGHT)


def collapsed_rect_of(cards: Iterable[Card]) -> Rect | None:
    """The collapsed frame: one card-sized box where the expanded frame starts."""
    r = frame_rect_of(cards)
    if r is None:
        return None
    return (r[0], r[1], *COLLAPSED_SIZE)


def frame_rect(board: Board, group_id: str) -> Rect | None:
    """The frame of a group as drawn (collapsed or not); None for a group of no card."""
    cards = board.members_of(group_id)
    g = board.groups.get(group_id)
    if g is not None and g.collapsed:
        return collapsed_rect_of(cards)
    return frame_rect_of(cards)


def group_counts(cards: Iterable[Card]) -> str:
    """What a collapsed group shows: "12 cards · 3 actors · 9 claims"."""
    cards = list(cards)
    parts = [f"{len(cards)} card" + ("" if len(cards) == 1 else "s")]
    for kind, word in (("actor", "actor"), ("claim", "claim"), ("note", "note")):
        n = sum(1 for c in cards if c.kind == kind)
        if n:
            parts.append(f"{n} {word}" + ("" if n == 1 else "s"))
    return " · ".join(parts)


def group_at(board: Board, x: float, y: float) -> str | None:
    """The group whose frame (as the board holds it now) contains the point: the
    innermost, i.e. smallest, when frames overlap."""
    best: tuple[float, str] | None = None
    for gid in board.groups:
        r = frame_rect(board, gid)
        if r is None:
            continue
        rx, ry, rw, rh = r
        if rx <= x <= rx + rw and ry <= y <= ry + rh:
            area = rw * rh
            if best is None or area < best[0]:
                best = (area, gid)
    return best[1] if best is not None else None


def regroup_dropped(board: Board, ids: Iterable[str],
                    centres: dict[str, tuple[float, float]]) -> Edit:
    """Cards dropped at ``centres`` (their new centres): each joins the expanded group
    it was dropped into, or leaves its group when dropped outside every frame.  The
    frames are those shown while dragging: the board's before the move.  The edit to
    merge with the move (one drag = one undo step)."""
    puts: list[Card] = []
    leaving: list[Card] = []
    moving = set(ids)
    for cid in ids:
        c = board.cards.get(cid)
        if c is None or cid not in centres:
            continue
        target = group_at(board, *centres[cid])
        if target is not None and board.groups[target].collapsed:
            target = None
        if target == c.group_id:
            continue
        if target is None and c.group_id is not None and \
                board.member_ids(c.group_id) <= moving:
            continue  # the whole group moves together: it stays a group
        puts.append(replace(c, group_id=target))
        leaving.append(c)
    return Edit("Regroup", tuple(puts), tuple(_emptied(board, leaving)))


def first_sources(sources: Sequence[str], citations: Iterable[Citation],
                  cards: Container[str]) -> dict[str, str]:
    """For each card of ``cards`` that cites one of ``sources``: the first of them (in
    the order of ``sources``) it cites -- the article whose group it joins in an import
    as groups."""
    order = {s: n for n, s in enumerate(sources)}
    first: dict[str, tuple[int, str]] = {}
    for c in citations:
        if c.card_id is not None and c.card_id in cards and c.source_id in order:
            n = order[c.source_id]
            if c.card_id not in first or n < first[c.card_id][0]:
                first[c.card_id] = (n, c.source_id)
    return {card: src for card, (_n, src) in first.items()}


def grouped_by_source(board: Board, edit: Edit) -> Edit:
    """``edit`` (an import) with the cards it adds in one group per article it adds,
    titled with the article's title (a card quoting several of them joins the first
    one's, see :func:`first_sources`).  Cards already on the board stay as they are."""
    new_sources = [e for e in edit.puts if isinstance(e, Source) and e.id not in board.sources]
    new_cards = {e.id: e for e in edit.puts if isinstance(e, Card) and e.id not in board.cards}
    if not new_sources or not new_cards:
        return edit
    first = first_sources([s.id for s in new_sources],
                          (e for e in edit.puts if isinstance(e, Citation)), new_cards)
    used = set(first.values())
    groups = {s.id: Group.create(group_title(s.shown_title)) for s in new_sources
              if s.id in used}
    if not groups:
        return edit
    puts: list[Entity] = list(groups.values())
    for e in edit.puts:
        if isinstance(e, Card) and e.id in first:
            e = replace(e, group_id=groups[first[e.id]].id)
        puts.append(e)
    return Edit(edit.description, tuple(puts), edit.deletes)
