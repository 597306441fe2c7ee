"""What a chart shows, item by item: the looks a legend has to explain.

Each painted card and link has *features* — its kind of card, actor type, line style,
badges and tags.  A :class:`Feature` names one (``key``), says what it means (``label``)
and paints a small sample of itself with the same code that paints the board, so a
legend built from :func:`drawn_features` lists exactly what a chart holds and looks like
it.  New looks plug in by adding a rule to :data:`CARD_RULES` or :data:`LINK_RULES`
(a function from a card's or link's look to its features): the legend then shows them
without being rewritten.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from ..model import ACTOR_TYPES, Board, Card, Link
from .cards import Badge, CardLook, paint_badge, paint_card_swatch
from .decor import CardDecor, DecorCache
from .icons import ACTOR_TYPE_LABELS
from .links import LinkLook, LinkPainter, Tag, link_geometry, link_style, paint_tags
from .theme import Theme

#: Legend groups, in the order they are listed.
GROUPS = ("Cards", "Communities", "Links", "Marks")


@dataclass(frozen=True)
class Feature:
    """One look a chart can show.  ``paint`` draws the sample in scene units inside
    (0, 0, *size*); the legend scales it."""

    key: str
    group: str
    label: str
    order: float
    size: tuple[float, float]
    paint: Callable[[QPainter, Theme], None]


# ----------------------------------------------------------------------------- samples
def _card_sample(card: Card, decor: CardDecor | None = None) -> Callable[[QPainter, Theme], None]:
    def paint(painter: QPainter, theme: Theme) -> None:
        paint_card_swatch(painter, CardLook(card, decor, theme))
    return paint


def _badge_sample(kind: str, text: str, size: tuple[float, float],
                  card_kind: str = "claim") -> Callable[[QPainter, Theme], None]:
    def paint(painter: QPainter, theme: Theme) -> None:
        look = CardLook(Card(id="legend", kind=card_kind, title=""), None, theme)
        paint_badge(painter, look, Badge(kind, text, QRectF(0.0, 0.0, *size)))
    return paint


def _line_sample(link: Link, contradiction: bool = False) -> Callable[[QPainter, Theme], None]:
    from .decor import LinkDecor

    def paint(painter: QPainter, theme: Theme) -> None:
        decor = LinkDecor(citations=1, contradiction=contradiction)
        geom = link_geometry(QRectF(-10.0, 4.0, 10.0, 8.0), QRectF(LINE_W + 3.0, 4.0, 10.0, 8.0))
        lp = LinkPainter(theme, 1.0)
        look = LinkLook.build(link, geom, decor, theme)
        look.tags = []
        lp.add(look)
        lp.paint(painter)
    return paint


def _tag_sample(tag: Tag) -> Callable[[QPainter, Theme], None]:
    def paint(painter: QPainter, theme: Theme) -> None:
        geom = link_geometry(QRectF(-20.0, 0.0, 1.0, 16.0),
                             QRectF(tag.width + 20.0, 0.0, 1.0, 16.0))
        look = LinkLook(Link(id="legend", from_id="a", to_id="b"), geom,
                        link_style(Link(id="legend", from_id="a", to_id="b"), None, theme),
                        [tag], QRectF(0.0, 0.0, tag.width, 16.0), QRectF())
        paint_tags(painter, look, theme)
    return paint


LINE_W = 44.0
SWATCH = (56.0, 36.0)


# ----------------------------------------------------------------------------- rules
def _kind_features(look: CardLook) -> Iterable[Feature]:
    card = look.card
    if card.kind == "actor":
        t = card.actor_type if card.actor_type in ACTOR_TYPES else "other"
        sample = Card(id="legend", kind="actor", title="", actor_type=t,
                      width=SWATCH[0], height=SWATCH[1])
        order = ACTOR_TYPES.index(t)
        yield Feature(f"actor:{t}", "Cards", f"Actor: {ACTOR_TYPE_LABELS[t].lower()}",
                      order, SWATCH, _card_sample(sample))
    elif card.kind == "claim":
        denies = card.stance == "denies"
        sample = Card(id="legend", kind="claim", title="", stance=card.stance,
                      width=SWATCH[0], height=SWATCH[1])
        label = ("Claim that denies (red bar): the quote, then who said it" if denies
                 else "Claim (blue bar): the quote, then who said it")
        yield Feature("claim:denies" if denies else "claim:asserts", "Cards", label,
                      20 + denies, SWATCH, _card_sample(sample))
    elif card.kind == "note":
        sample = Card(id="legend", kind="note", title="", width=SWATCH[0], height=SWATCH[1])
        yield Feature("note", "Cards", "Note written by the investigator", 30, SWATCH,
                      _card_sample(sample))


BADGES: dict[str, tuple[str, str, float]] = {
    # kind: (sample text, meaning, order)
    "cites": ("1, 3", "Numbers of the sources cited (see Sources); on a card or a link", 0),
    "grade": ("B2", "Admiralty grade: source reliability A (reliable) to F, information "
                    "credibility 1 (confirmed) to 6", 1),
    "contradiction": ("1", "Contradicted by that many other claims", 2),
    "denies": ("DENIES", "The claim denies what it is about", 3),
    "uncited": ("uncited", "Claim that no article backs", 4),
}


def _badge_features(look: CardLook) -> Iterable[Feature]:
    for b in look.badges:
        known = BADGES.get(b.kind)
        if known is None:
            continue
        text, label, order = known
        if b.kind == "cites" and not look.decor.marks:
            label, text = "Number of citations", "3"
        size = (b.rect.width() if b.kind != "cites" else max(b.rect.width(), 44.0),
                b.rect.height())
        yield Feature(f"badge:{b.kind}", "Marks", label, order, size,
                      _badge_sample(b.kind, text, size, look.card.kind))


#: Functions from a card's look to its features (add one for a new look).
CARD_RULES: list[Callable[[CardLook], Iterable[Feature]]] = [_kind_features, _badge_features]

LINK_STYLES: dict[str, tuple[str, float]] = {
    "confirmed": ("Confirmed link (solid); the arrow points from subject to object", 0),
    "unconfirmed": ("Unconfirmed link (dashed)", 1),
    "disputed": ("Disputed link (dotted, orange)", 2),
    "contradiction": ("Contradiction between two claims (red)", 3),
}

TAGS: dict[str, tuple[str, float]] = {
    "uncited": ("Link that no article backs yet", 10),
    "unsourced": ("Link the investigator marked as having no source", 11),
}


def _link_features(look: LinkLook) -> Iterable[Feature]:
    link = look.link
    contradiction = any(t.kind == "contradiction" for t in look.tags)
    style = "contradiction" if contradiction else (
        link.confidence if link.confidence in LINK_STYLES else "unconfirmed")
    label, order = LINK_STYLES[style]
    sample = Link(id="legend", from_id="a", to_id="b", confidence=link.confidence)
    yield Feature(f"link:{style}", "Links", label, order, (LINE_W, 16.0),
                  _line_sample(sample, contradiction))
    for tag in look.tags:
        if tag.kind in TAGS:
            label, order = TAGS[tag.kind]
            yield Feature(f"link:{tag.kind}", "Links", label, order, (tag.width, 16.0),
                          _tag_sample(tag))
        elif tag.kind in ("grade", "cites"):
            text, label, order = BADGES[tag.kind]
            if tag.kind == "grade":
                size = (tag.width, 16.0)
                yield Feature("badge:grade", "Marks", label, order, size,
                              _badge_sample("grade", text, size))
            else:
                shown = Tag("cites", text, max(tag.width, 44.0))
                yield Feature("badge:cites", "Marks", label, order, (shown.width, 16.0),
                              _tag_sample(shown))


#: Functions from a link's look to its features.
LINK_RULES: list[Callable[[LinkLook], Iterable[Feature]]] = [_link_features]


# ----------------------------------------------------------------------------- the chart's
_NO_GEOMETRY = link_geometry(QRectF(0.0, 0.0, 1.0, 1.0), QRectF(10.0, 0.0, 1.0, 1.0))


def card_features(look: CardLook) -> list[Feature]:
    return [f for rule in CARD_RULES for f in rule(look)]


def link_features(look: LinkLook) -> list[Feature]:
    return [f for rule in LINK_RULES for f in rule(look)]


def drawn_features(board: Board, theme: Theme, decor: DecorCache | None = None) -> list[Feature]:
    """Every distinct feature of the board's cards and links, in legend order."""
    decor = decor if decor is not None else DecorCache(board)
    seen: dict[str, Feature] = {}
    for card in board.cards.values():
        for f in card_features(CardLook(card, decor.card(card), theme)):
            seen.setdefault(f.key, f)
    for link in board.links.values():
        look = LinkLook.build(link, _NO_GEOMETRY, decor.link(link), theme)
        for f in link_features(look):
            seen.setdefault(f.key, f)
    return sorted(seen.values(), key=legend_order)


def legend_order(f: Feature) -> tuple[int, float, str]:
    """Where a feature is listed: by group (:data:`GROUPS`), then its order."""
    return (GROUPS.index(f.group) if f.group in GROUPS else len(GROUPS), f.order, f.key)


def community_features(clusters: Iterable[tuple[str, str, int]]) -> list[Feature]:
    """Legend entries for cards coloured by community: (fill, name, members) each, the
    community named after its most tied actor ("Khalifa Haftar and 9 more")."""
    out = []
    for i, (fill, name, members) in enumerate(clusters, start=1):
        sample = Card(id="legend", kind="actor", title="", actor_type="other",
                      color=fill, width=SWATCH[0], height=SWATCH[1])
        label = name if members <= 1 else f"{name} and {members - 1} more"
        out.append(Feature(f"community:{i}", "Communities", label, float(i), SWATCH,
                           _card_sample(sample)))
    return out


def paint_sample(painter: QPainter, feature: Feature, theme: Theme, box: QRectF) -> None:
    """Paint ``feature``'s sample scaled to fit ``box`` (centred, aspect kept)."""
    w, h = feature.size
    s = min(box.width() / max(w, 1e-6), box.height() / max(h, 1e-6))
    if not math.isfinite(s) or s <= 0:
        return
    painter.save()
    painter.translate(QPointF(box.left() + (box.width() - w * s) / 2.0,
                              box.top() + (box.height() - h * s) / 2.0))
    painter.scale(s, s)
    feature.paint(painter, theme)
    painter.restore()


__all__ = [
    "CARD_RULES",
    "GROUPS",
    "LINK_RULES",
    "Feature",
    "card_features",
    "community_features",
    "drawn_features",
    "legend_order",
    "link_features",
    "paint_sample",
]
