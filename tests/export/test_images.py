"""PNG, SVG and PDF exports: decoded and checked — pixels, XML text, PDF text and pages."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from export_boards import rich_board, write_rich_board
from PySide6.QtGui import QColor, QImage

from evidenceboard.export.images import source_rect
from evidenceboard.export.run import ExportOptions, export_board
from evidenceboard.formats.errors import InterchangeError
from evidenceboard.render import Theme

SVG = "{http://www.w3.org/2000/svg}"


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _card_fill_mode(image: QImage, board, card_id: str, options: ExportOptions) -> QColor:
    """The commonest colour inside a card (its fill: text and icons are smaller)."""
    rect = source_rect(board, options)
    sx, sy = image.width() / rect.width(), image.height() / rect.height()
    c = board.cards[card_id]
    counts: Counter[int] = Counter()
    for y in range(int((c.y + 6 - rect.top()) * sy), int((c.y + c.height - 6 - rect.top()) * sy), 2):
        for x in range(int((c.x + 10 - rect.left()) * sx),
                       int((c.x + c.width - 6 - rect.left()) * sx), 2):
            counts[image.pixel(x, y)] += 1
    return QColor.fromRgba(counts.most_common(1)[0][0])


def _close(a: QColor, b: QColor, tol: int = 6) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_png_has_the_card_colours_at_the_cards_and_white_between(tmp_path: Path):
    board = rich_board()
    out = export_board(board, "png", tmp_path / "b.png", frame=False)
    image = QImage(str(out))
    assert not image.isNull()
    theme = Theme.light()
    opts = ExportOptions()
    for cid in ("card-haftar", "card-israel", "card-claim1", "card-jet"):
        card = board.cards[cid]
        want = theme.card_fill(card.kind, card.color)
        got = _card_fill_mode(image, board, cid, opts)
        assert _close(got, want), (cid, got.name(), want.name())
    # Coloured cards really differ: the red aircraft is not the blue person.
    assert not _close(_card_fill_mode(image, board, "card-jet", opts),
                      _card_fill_mode(image, board, "card-haftar", opts), 20)
    # Between cards (left of Israel, right of Haftar, above the claims): white background.
    rect = source_rect(board, opts)
    x, y = 300 - rect.left(), 10 - rect.top()
    assert QColor(image.pixel(int(x), int(y))).name() == "#ffffff"
    # Corners are opaque white.
    assert QColor.fromRgba(image.pixel(0, 0)).alpha() == 255


def test_png_transparent_background_and_scale_and_dpi(tmp_path: Path):
    board = rich_board()
    one = QImage(str(export_board(board, "png", tmp_path / "1.png", frame=False)))
    clear = QImage(str(export_board(board, "png", tmp_path / "t.png", background="transparent",
                                    frame=False)))
    assert QColor.fromRgba(clear.pixel(0, 0)).alpha() == 0
    assert QColor.fromRgba(clear.pixel(clear.width() // 2, 2)).alpha() == 0
    # Cards stay opaque on a transparent background.
    assert _card_fill_mode(clear, board, "card-haftar", ExportOptions()).alpha() == 255
    two = QImage(str(export_board(board, "png", tmp_path / "2.png", scale=2, frame=False)))
    assert abs(two.width() - 2 * one.width()) <= 1 and abs(two.height() - 2 * one.height()) <= 1
    dpi = QImage(str(export_board(board, "png", tmp_path / "d.png", dpi=300, frame=False)))
    assert abs(dpi.width() - one.width() * 300 / 96) <= 300 / 96 + 1  # both rounded up
    assert round(dpi.dotsPerMeterX() * 0.0254) == 300


def test_png_of_the_selection_or_a_view_rectangle(tmp_path: Path):
    board = rich_board()
    sel = QImage(str(export_board(board, "png", tmp_path / "s.png",
                                  ids={"card-haftar", "card-saddam"})))
    whole = QImage(str(export_board(board, "png", tmp_path / "w.png")))
    assert sel.width() < whole.width()
    view = QImage(str(export_board(board, "png", tmp_path / "v.png", frame=False,
                                   view_rect=(-150.0, 20.0, 300.0, 120.0))))
    assert (view.width(), view.height()) == (300, 120)
    # The view rectangle holds Haftar's card: its fill in the middle.
    fill = Theme.light().card_fill("actor", "#3b6fd4")
    counts = Counter(view.pixel(x, y) for x in range(40, 160, 3) for y in range(30, 80, 3))
    assert _close(QColor.fromRgba(counts.most_common(1)[0][0]), fill)


def test_absurd_sizes_are_refused_in_one_sentence_without_a_file(tmp_path: Path):
    board = rich_board()
    out = tmp_path / "huge.png"
    with pytest.raises(InterchangeError, match=r"too large; at most scale [0-9.]+"):
        export_board(board, "png", out, scale=45)
    with pytest.raises(InterchangeError, match="out of range"):
        export_board(board, "png", out, scale=float("nan"))
    with pytest.raises(InterchangeError, match="DPI"):
        export_board(board, "png", out, dpi=100000)
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # no temporary file left either


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return _words(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))


def test_svg_is_xml_with_every_title_as_text_and_the_same_bytes_twice(tmp_path: Path):
    board = rich_board()
    a = export_board(board, "svg", tmp_path / "a.svg").read_bytes()
    b = export_board(rich_board(), "svg", tmp_path / "b.svg").read_bytes()
    assert a == b
    root = ET.fromstring(a)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Haftar \u2708 Israel"
    text = _svg_text(a)
    for card in board.cards.values():
        assert _words(card.title) in text, card.title
    for label in ("son of", "contradicts"):
        assert label in text
    # "about" is a label the application gives: like the canvas, images leave it out.
    assert "about" not in {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    # No raster image inside: it is vector.
    assert not list(root.iter(f"{SVG}image"))


def test_pdf_has_selectable_titles_page_size_and_orientation(tmp_path: Path):
    board = rich_board()
    out = export_board(board, "pdf", tmp_path / "b.pdf", tiles=(1, 1))
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    text = _words(reader.pages[0].extract_text())
    for card in board.cards.values():
        assert _words(card.title) in text, card.title
    box = reader.pages[0].mediabox
    # The board is wider than tall: A4 landscape, in points.
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert reader.metadata.title == "Haftar \u2708 Israel"
    portrait = pypdf.PdfReader(str(export_board(board, "pdf", tmp_path / "p.pdf",
                                                page_size="Letter", orientation="portrait",
                                                tiles=(1, 1))))
    box = portrait.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_pdf_poster_tiles_across_pages(tmp_path: Path):
    board = rich_board()
    out = export_board(board, "pdf", tmp_path / "poster.pdf", tiles=(3, 2), page_size="A3")
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 7  # the key page (overview, legend, sources), then 6
    pages = [_words(p.extract_text()) for p in reader.pages]
    assert "Legend" in pages[0] and "Sources" in pages[0]
    assert "page 2 of 7 · row 1, column 1" in pages[1]
    assert "page 7 of 7 · row 2, column 3" in pages[6]
    # Every title is on some page (a card cut by a page edge is on both).
    everything = " ".join(pages)
    for card in board.cards.values():
        first_word = _words(card.title).split()[0]
        assert first_word in everything
    with pytest.raises(InterchangeError, match="pages"):
        export_board(board, "pdf", tmp_path / "x.pdf", tiles=(20, 20))
    assert not (tmp_path / "x.pdf").exists()


def test_demo_board_images_hold_actor_titles(tmp_path: Path):
    from evidenceboard.demo import write_demo_board
    from evidenceboard.document import Document
    doc = Document.open(write_demo_board(tmp_path / "demo.evboard"), read_only=True)
    board = doc.board
    svg = _svg_text(export_board(board, "svg", tmp_path / "d.svg").read_bytes())
    pdf = _words(pypdf.PdfReader(str(export_board(board, "pdf", tmp_path / "d.pdf")))
                 .pages[0].extract_text())
    for title in ("Khalifa Haftar", "Israel", "United Arab Emirates", "Egypt"):
        assert title in svg and title in pdf, title
    doc.close()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_cli_exports_images_headless(tmp_path: Path):
    board = write_rich_board(tmp_path / "case.evboard")
    before = board.read_bytes()
    proc = run("export", str(board), "--format", "png", "--out", str(tmp_path / "b.png"),
               "--dpi", "192", "--background", "transparent")
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(tmp_path / "b.png"))
    assert QColor.fromRgba(image.pixel(0, 0)).alpha() == 0
    proc = run("export", str(board), "--format", "pdf", "--out", str(tmp_path / "b.pdf"),
               "--tiles", "2x1", "--page-size", "A3", "--orientation", "landscape")
    assert proc.returncode == 0, proc.stderr
    assert len(pypdf.PdfReader(str(tmp_path / "b.pdf")).pages) == 3  # key page + 2
    proc = run("export", str(board), "--format", "svg", "--out", str(tmp_path / "b.svg"),
               "--selection-of", "card-haftar,card-saddam")
    assert proc.returncode == 0, proc.stderr
    text = _svg_text((tmp_path / "b.svg").read_bytes()).replace("Haftar \u2708 Israel", "")
    assert "Khalifa Haftar" in text and "Saddam Haftar" in text and "Israel" not in text
    proc = run("export", str(board), "--format", "png", "--out", str(tmp_path / "h.png"),
               "--scale", "45")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "too large" in proc.stderr
    assert board.read_bytes() == before


def test_preview_of_a_big_board_is_drawn_in_bulk_and_shows_the_cards():
    from evidenceboard.export.images import PREVIEW_DETAIL_MAX, preview_image
    from evidenceboard.model import Board, Card, Edit
    cards = [Card.create("actor", f"Actor {i}", actor_type="person", x=(i % 40) * 260,
                         y=(i // 40) * 120) for i in range(PREVIEW_DETAIL_MAX + 100)]
    board = Board()
    board.apply(Edit("Seed", tuple(cards)))
    image = preview_image(board, ExportOptions(), 400, 250)
    assert image.width() <= 400 and image.height() <= 250
    white = QColor("white").rgba()
    inked = sum(image.pixel(x, y) != white for x in range(0, image.width(), 4)
                for y in range(0, image.height(), 4))
    total = len(range(0, image.width(), 4)) * len(range(0, image.height(), 4))
    assert inked > total * 0.3  # the card grid covers most of it


def _pixel(image: QImage, board, options: ExportOptions, x: float, y: float) -> QColor:
    rect = source_rect(board, options)
    sx, sy = image.width() / rect.width(), image.height() / rect.height()
    return QColor(image.pixel(int((x - rect.left()) * sx), int((y - rect.top()) * sy)))


def _over_white(color: str, alpha: float) -> QColor:
    c = QColor(color)
    return QColor(*(round(alpha * v + (1 - alpha) * 255) for v in c.getRgb()[:3]))


def test_png_shows_a_group_frame_and_a_collapsed_group_as_one_box(tmp_path: Path):
    from evidenceboard.model import group_edits as ge

    board = rich_board()
    board.apply(ge.group_cards(board, ["card-haftar", "card-claim1"], title="Pair",
                               color="#aa3355"))
    (gid,) = board.groups
    opts = ExportOptions()
    x, y, w, h = ge.frame_rect(board, gid)
    image = QImage(str(export_board(board, "png", tmp_path / "g.png", frame=False)))
    # the title bar in the group's colour, the frame's inside lightly tinted with it
    bar = _pixel(image, board, opts, x + w - 20, y + ge.HEADER_HEIGHT / 2)
    assert _close(bar, QColor("#aa3355"), 4), bar.name()
    inside = _pixel(image, board, opts, x + 8, y + h - 8)
    assert _close(inside, _over_white("#aa3355", 0.10), 8), inside.name()
    outside = _pixel(image, board, opts, x + w + 30, y + h - 8)
    assert _close(outside, QColor("white"), 2), outside.name()
    board.apply(ge.set_collapsed(board, [gid], True))
    image = QImage(str(export_board(board, "png", tmp_path / "c.png", frame=False)))
    claim = board.cards["card-claim1"]
    bx, by, bw, bh = ge.frame_rect(board, gid)
    assert (bw, bh) == ge.COLLAPSED_SIZE
    box = _pixel(image, board, opts, bx + bw - 12, by + bh / 2)
    assert not _close(box, QColor("white"), 20)  # the box
    # the hidden claim is not drawn: its place shows the background
    gone = _pixel(image, board, opts, claim.x + claim.width / 2, claim.y + claim.height - 10)
    assert _close(gone, QColor("white"), 2), gone.name()
