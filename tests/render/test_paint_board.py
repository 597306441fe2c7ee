"""The shared painter, drawn into QImages whose pixels are sampled."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

from evidenceboard.analysis.grading import parse_grade
from evidenceboard.model import Board, Card, Citation, Link, Source
from evidenceboard.render import (
    CardLook,
    DecorCache,
    TextBlock,
    Theme,
    board_bounds,
    fit_transform,
    paint_board,
    paint_card,
)

TEXT = "Officials said the jet landed on Monday. The ministry denied it."


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def board(*extra) -> tuple[Board, dict]:
    src = Source.create(TEXT, title="Wire", reliability="B")
    a = Card.create("actor", "Amira Haddad", actor_type="person", x=0, y=0)
    b = Card.create("actor", "Ministry of Ports", actor_type="organisation", x=500, y=0,
                    color="#f4d35e")
    claim = Card.create("claim", "The ministry denied it.", speaker="Ministry", x=0, y=250,
                        stance="denies")
    note = Card.create("note", "Check", body="Which Monday?", x=500, y=250)
    link = Link.create(a.id, b.id, label="met", confidence="confirmed")
    cites = [Citation.create(src, 0, 9, card_id=a.id, credibility=2),
             Citation.create(src, 0, 14, link_id=link.id, credibility=2)]
    ents = [src, a, b, claim, note, link, *cites, *extra]
    return Board.from_entities(ents), {"a": a, "b": b, "claim": claim, "note": note,
                                       "link": link, "source": src}


def render(b: Board, theme: Theme, scale: float = 1.0, **kw) -> tuple[QImage, QRectF]:
    rect = board_bounds(b)
    image = QImage(int(rect.width() * scale), int(rect.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("magenta"))
    p = QPainter(image)
    p.setTransform(fit_transform(rect, image.width(), image.height()))
    paint_board(p, b, theme, source=rect, **kw)
    p.end()
    return image, rect


def px(image: QImage, rect: QRectF, x: float, y: float, scale: float = 1.0) -> QColor:
    return image.pixelColor(int((x - rect.left()) * scale), int((y - rect.top()) * scale))


def low_middle(card: Card) -> tuple[float, float]:
    """Inside the card, below its text and badges."""
    return card.x + card.width / 2, card.y + card.height - 4


def close(c1: QColor, c2: QColor, tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1.getRgb()[:3], c2.getRgb()[:3], strict=True))


def test_cards_have_their_fill_and_the_background_shows_between():
    b, e = board()
    theme = Theme.light()
    image, rect = render(b, theme)
    for key in ("a", "claim", "note"):
        assert close(px(image, rect, *low_middle(e[key])), theme.kind_fill(e[key].kind)), key
    assert close(px(image, rect, *low_middle(e["b"])), QColor("#f4d35e"))  # own colour
    # Between the cards (no link there): background.
    assert close(px(image, rect, 300, 180), theme.background)
    # The magenta fill never shows: the painter covers the whole exported rectangle.
    assert px(image, rect, rect.left() + 1, rect.top() + 1) != QColor("magenta")


def test_kinds_look_different():
    b, e = board()
    theme = Theme.light()
    image, rect = render(b, theme)
    fills = {k: px(image, rect, *low_middle(e[k])).name() for k in ("a", "claim", "note")}
    assert len(set(fills.values())) == 3
    # A denied claim has the "denies" bar down its left edge.
    claim = e["claim"]
    assert close(px(image, rect, claim.x + 2, claim.y + claim.height / 2), theme.denies, 12)


def test_dark_theme_is_dark():
    b, e = board()
    theme = Theme.dark()
    image, rect = render(b, theme)
    bg = px(image, rect, 300, 180)
    assert close(bg, theme.background) and bg.lightnessF() < 0.2
    assert px(image, rect, *low_middle(e["a"])).lightnessF() < 0.35


def test_grade_filter_fades_cards_towards_the_background():
    b, e = board()
    theme = Theme.light()
    plain, rect = render(b, theme)
    faded, _ = render(b, theme, grade_filter=parse_grade("B2"))
    # The note is ungraded: faded.  The actor a is B2: not faded.
    assert close(px(faded, rect, *low_middle(e["a"])), px(plain, rect, *low_middle(e["a"])))
    note_plain = px(plain, rect, *low_middle(e["note"]))
    note_faded = px(faded, rect, *low_middle(e["note"]))
    assert note_faded != note_plain
    def dist(c):
        return sum(abs(x - y) for x, y in zip(c.getRgb()[:3], theme.background.getRgb()[:3],
                                              strict=True))
    assert dist(note_faded) < dist(note_plain) / 2


def test_painting_is_deterministic_whatever_the_entity_order():
    b, _ = board()
    again = Board.from_entities(reversed(list(b.entities())))
    one, _ = render(b, Theme.light())
    two, _ = render(again, Theme.light())
    assert one == two


def test_a_subset_paints_only_its_cards_and_the_links_between_them():
    b, e = board()
    rect = board_bounds(b, [e["a"].id, e["b"].id])
    assert rect.height() < 200  # only the top row
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    p = QPainter(image)
    p.translate(-rect.left(), -rect.top())
    paint_board(p, b, Theme.light(), ids=[e["a"].id, e["b"].id], source=rect)
    p.end()
    # The link between them is painted: a dark pixel on its line between the cards.
    y = e["a"].y + e["a"].height / 2
    line = [image.pixelColor(int(x - rect.left()), int(y - rect.top())).lightness()
            for x in range(220, 300)]
    assert min(line) < 120


def _row(image: QImage, rect: QRectF, y: float, x0: float, x1: float) -> list[int]:
    return [image.pixelColor(int(x - rect.left()), int(y - rect.top())).lightness()
            for x in range(int(x0), int(x1))]


@pytest.mark.parametrize("confidence,gaps", [("confirmed", False), ("unconfirmed", True),
                                             ("disputed", True)])
def test_line_style_follows_confidence(confidence, gaps):
    a = Card.create("actor", "A", x=0, y=0)
    b = Card.create("actor", "B", x=700, y=0)
    link = Link.create(a.id, b.id, confidence=confidence, unsourced=True)
    brd = Board.from_entities([a, b, link])
    image, rect = render(brd, Theme.light())
    row = _row(image, rect, 36, 215, 320)  # left of the "no source" tag in the middle
    bg = Theme.light().background.lightness()
    on = [v < bg - 40 for v in row]
    assert any(on)
    assert (not all(on)) == gaps


def test_uncited_and_unsourced_links_carry_a_tag():
    theme = Theme.light()
    a = Card.create("actor", "A", x=0, y=0)
    b = Card.create("actor", "B", x=700, y=0)
    uncited = Link.create(a.id, b.id, confidence="confirmed")
    image, rect = render(Board.from_entities([a, b, uncited]), theme)
    mid_x = (200 + 700) / 2
    tag = [image.pixelColor(int(x - rect.left()), int(36 + 6 - rect.top()))
           for x in range(int(mid_x - 30), int(mid_x + 30))]
    assert any(close(c, theme.warning_fill, 10) for c in tag)
    unsourced = Link.create(a.id, b.id, confidence="confirmed", unsourced=True)
    image, rect = render(Board.from_entities([a, b, unsourced]), theme)
    tag = [image.pixelColor(int(x - rect.left()), int(36 + 6 - rect.top()))
           for x in range(int(mid_x - 30), int(mid_x + 30))]
    assert not any(close(c, theme.warning_fill, 10) for c in tag)
    assert any(close(c, theme.unsourced_fill, 6) for c in tag)


def test_hebrew_title_is_laid_out_right_to_left():
    theme = Theme.light()
    hebrew = TextBlock("שלום עולם", theme.fonts.title, 180.0)
    english = TextBlock("Hello world", theme.fonts.title, 180.0)
    assert hebrew.rtl and not english.rtl
    [h_line] = hebrew.line_rects()
    [e_line] = english.line_rects()
    assert h_line.right() == pytest.approx(180.0) and h_line.left() > 60
    assert e_line.left() == 0.0
    # And in pixels: a note card with a short Hebrew title has its ink on the right.
    card = Card.create("note", "שלום", x=0, y=0, width=240, height=80)
    image = QImage(240, 80, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.background)
    p = QPainter(image)
    paint_card(p, CardLook(card, None, theme), 1.0)
    p.end()
    fill = theme.note_fill
    def ink(x0: int, x1: int) -> int:
        return sum(1 for x in range(x0, x1) for y in range(10, 28)
                   if not close(image.pixelColor(x, y), fill, 40))
    assert ink(120, 230) > 20 and ink(12, 120) == 0


def test_long_text_is_elided_and_rich_text_is_not_interpreted():
    theme = Theme.light()
    long = "word " * 200
    block = TextBlock(long, theme.fonts.title, 150.0, 2)
    assert block.elided and block.line_count() == 2
    tagged = TextBlock("<b>bold</b> &amp;", theme.fonts.title, 400.0)
    assert tagged.text == "<b>bold</b> &amp;" and not tagged.elided
    # The literal tags take room: wider than the word "bold" alone.
    assert tagged.natural_width > TextBlock("bold &", theme.fonts.title, 400.0).natural_width


def test_paints_on_a_pdf_writer(tmp_path):
    b, _ = board()
    path = tmp_path / "board.pdf"
    writer = QPdfWriter(str(path))
    p = QPainter(writer)
    rect = board_bounds(b)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    p.setTransform(fit_transform(rect, page.width(), page.height()))
    paint_board(p, b, Theme.light(), source=rect)
    p.end()
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_decor_cache_lists_what_an_edit_touches():
    b, e = board()
    decor = DecorCache(b)
    assert decor.card(e["a"]).grade == "B2"
    from dataclasses import replace

    from evidenceboard.model import Edit
    event = b.apply(Edit("grade", (replace(e["source"], reliability="D"),)))
    touched = decor.invalidate(event)
    assert {e["a"].id, e["link"].id} <= touched
    assert decor.card(e["a"]).grade == "D2"
