"""Charts that publish: the framed PDF / PNG / SVG read back — title, legend built from
what is drawn, numbered sources and footnote marks, whole card titles, title glyph sizes
measured in the PDF, page plans, presets (pixel size and DPI), CLI options."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from export_boards import rich_board, write_rich_board
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from evidenceboard.export.chart import build_chart, plan_pages, whole_titles
from evidenceboard.export.frame import FrameInfo
from evidenceboard.export.pages import MAX_TILES, MIN_TITLE_PT
from evidenceboard.export.report_pdf import ensure_gui_app
from evidenceboard.export.run import export_board
from evidenceboard.export.sources import compress, number_sources
from evidenceboard.model import Board, Card, Citation, Link, Setting, Source
from evidenceboard.render import CardLook, DecorCache, Theme
from evidenceboard.render import features as features_mod
from evidenceboard.render.importance import MAX_SCALE

SVG = "{http://www.w3.org/2000/svg}"


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def demo_board(tmp_path_factory) -> Board:
    from evidenceboard.demo import write_demo_board
    from evidenceboard.document import Document
    path = write_demo_board(tmp_path_factory.mktemp("demo") / "demo.evboard")
    doc = Document.open(path, read_only=True)
    board = doc.board
    doc.close()
    return board


@pytest.fixture(scope="module")
def demo_pdf(demo_board, tmp_path_factory) -> pypdf.PdfReader:
    """The demo board exported with the defaults (A4, automatic pages)."""
    out = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    export_board(demo_board, "pdf", out, date="2024-05-06")
    return pypdf.PdfReader(str(out))


def _runs(page) -> list[tuple[float, str, str]]:
    """(size in points, font name, text) of every text run on a PDF page."""
    out: list[tuple[float, str, str]] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        scale = (c * c + d * d) ** 0.5  # the vertical scale of the text matrix
        name = str(font.get("/BaseFont", "")) if font else ""
        out.append((size * scale, name, text))
    page.extract_text(visitor_text=visit)
    return out


# ----------------------------------------------------------------------------- the PDF
def test_demo_pdf_has_title_legend_and_numbered_sources(demo_board, demo_pdf):
    first = _words(demo_pdf.pages[0].extract_text())
    assert first.startswith("Haftar affair (demo)")
    assert "exported 2024-05-06" in first
    assert "Legend" in first
    for entry in ("Actor: person", "Actor: country", "Actor: aircraft",
                  "Claim (blue bar)", "Unconfirmed link (dashed)",
                  "Contradiction between two claims (red)",
                  "Numbers of the sources cited (see Sources)"):
        assert entry in first, entry
    # Only what the demo shows: it has no note, no confirmed or disputed link.
    assert "Note written" not in first and "Disputed link" not in first
    assert "Sources" in first
    numbers = number_sources(demo_board)
    assert sorted(numbers.values()) == [1, 2, 3, 4, 5]
    for src in demo_board.sources.values():
        n = numbers[src.id]
        assert f"{n} {_words(src.shown_title)}" in first, (n, src.shown_title)
    assert "Press TV" in first and "MintPress News / Global Research" in first
    pages = len(demo_pdf.pages)
    assert f"page 1 of {pages}" in first


def test_demo_pdf_holds_every_card_title_whole(demo_board, demo_pdf):
    text = _words(" ".join(p.extract_text() for p in demo_pdf.pages[1:]))
    # A line may end after a hyphen ("self-" / "proclaimed"): the text reads "self- ".
    text = text.replace("- ", "-")
    missing = [c.title for c in demo_board.cards.values()
               if _words(c.title).replace("- ", "-") not in text]
    assert missing == []


def test_card_titles_are_at_least_7_pt_on_the_chart_pages(demo_board, demo_pdf):
    titles = [_words(c.title) for c in demo_board.cards.values()]
    sizes = []
    for page in demo_pdf.pages[1:]:
        for size, font, text in _runs(page):
            t = _words(text).strip("“”")
            if ("Bold" in font or "Oblique" in font or "Italic" in font) and len(t) >= 6 \
                    and any(t in title for title in titles):
                sizes.append(size)
    assert len(sizes) >= len(titles)  # every title is on some page (cut ones on two)
    assert min(sizes) >= MIN_TITLE_PT - 0.01, min(sizes)
    # A readable scale, not blown up (cards drawn bigger by importance, View > Size By,
    # have their titles bigger by as much).
    assert sorted(sizes)[len(sizes) // 2] < 12 and max(sizes) < 12 * MAX_SCALE


def test_the_demo_plan_is_a_poster_with_a_key_page(demo_board):
    ensure_gui_app()
    chart = build_chart(demo_board, FrameInfo(title="demo"))
    plan = plan_pages(chart, "A4")
    assert plan.title_pt >= MIN_TITLE_PT
    assert plan.pages[0].kind == "key" and all(p.kind == "tile" for p in plan.pages[1:])
    assert not plan.warnings
    # Tiles cover every card; empty tiles are left out.
    cols, rows = plan.grid
    assert len(plan.tiles) < cols * rows
    for card in chart.board.cards.values():
        r = QRectF(card.x, card.y, card.width, card.height)
        assert any(t.rect.intersects(r) for t in plan.tiles), card.title
    # A3 needs fewer pages.
    assert len(plan_pages(chart, "A3").pages) < len(plan.pages)


def test_a_small_board_fits_one_page_with_legend_and_sources(tmp_path: Path):
    board = Board.from_entities([Setting("name", "Two actors"),
                                 Card(id="a", kind="actor", title="Alpha", actor_type="person"),
                                 Card(id="b", kind="actor", title="Beta", x=300.0,
                                      actor_type="vessel")])
    out = export_board(board, "pdf", tmp_path / "one.pdf")
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    text = _words(reader.pages[0].extract_text())
    assert "Two actors" in text and "Alpha" in text and "Legend" in text
    assert "Actor: vessel" in text and "Sources" not in text  # nothing is cited
    sizes = [s for s, f, t in _runs(reader.pages[0]) if t.strip() in ("Alpha", "Beta")]
    assert sizes and min(sizes) >= MIN_TITLE_PT
    assert max(sizes) <= 13 * 0.75 + 0.01  # never above the screen's own size


def test_a_board_too_big_for_the_largest_poster_is_warned_about():
    from evidenceboard.synthetic import synthetic_entities
    ensure_gui_app()
    chart = build_chart(Board.from_entities(synthetic_entities(1000, 2000, 3)), FrameInfo())
    plan = plan_pages(chart, "A4")
    assert len(plan.tiles) <= MAX_TILES
    assert plan.warnings and "below the 7 pt" in plan.warnings[0]
    assert len(plan_pages(chart, "A4", tiles=(1, 1)).pages) >= 1


def test_options_title_marking_no_legend_no_sources(tmp_path: Path):
    board = rich_board()
    out = export_board(board, "pdf", tmp_path / "x.pdf", tiles=(1, 1), title="Who flew",
                       subtitle="Draft for the desk", author="R. Porter",
                       organisation="The Paper", marking="draft", legend=False,
                       sources=False)
    text = _words(pypdf.PdfReader(str(out)).pages[0].extract_text())
    assert text.startswith("Who flew") or text.startswith("DRAFT Who flew")
    assert "Draft for the desk · R. Porter, The Paper" in text
    assert text.count("DRAFT") == 2  # top and bottom
    assert "Legend" not in text and "Sources" not in text


# ----------------------------------------------------------------------------- marks
def test_footnote_marks_refer_to_sources_numbered_by_date(tmp_path: Path):
    old = Source.create("Alpha met Beta in Rome.", title="Old story", outlet="Wire A",
                        published="2020-01-01", url="https://example.org/old")
    new = Source.create("Alpha denied meeting Beta.", title="New story", outlet="Wire B",
                        published="2021-06-01")
    undated = Source.create("Beta is a ship.", title="Undated note")
    a = Card(id="a", kind="actor", title="Alpha", actor_type="person")
    b = Card(id="b", kind="actor", title="Beta", x=400.0, actor_type="vessel")
    link = Link(id="l", from_id="a", to_id="b", label="met", confidence="confirmed")
    cites = [Citation.create(new, 0, 5, card_id="a"), Citation.create(old, 0, 5, card_id="a"),
             Citation.create(undated, 0, 4, card_id="b"),
             Citation.create(old, 0, 14, link_id="l")]
    board = Board.from_entities([old, new, undated, a, b, link, *cites])
    numbers = number_sources(board)
    assert [numbers[s.id] for s in (old, new, undated)] == [1, 2, 3]
    svg = export_board(board, "svg", tmp_path / "m.svg").read_bytes()
    root = ET.fromstring(svg)
    text = _words(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    assert "1, 2" in text  # Alpha cites 1 and 2
    assert "Old story. Wire A, 2020-01-01." in text and "example.org/old" in text
    assert "Undated note. outlet not stated, undated." in text
    assert "Confirmed link (solid)" in text and "Actor: vessel" in text


def test_compress_numbers():
    assert compress([3, 1, 2, 5, 7, 8]) == "1–3, 5, 7, 8"
    assert compress([4]) == "4" and compress([]) == ""


# ----------------------------------------------------------------------------- legend
def test_the_legend_follows_the_render_layers_rules():
    """A new look added as a rule in the render layer shows in the legend by itself."""
    ensure_gui_app()
    board = rich_board()
    theme = Theme.light()

    def clustered(look: CardLook):
        if look.card.color:
            yield features_mod.Feature("cluster:" + look.card.color, "Cards",
                                       f"Cluster {look.card.color}", 40, (20.0, 12.0),
                                       lambda p, t: None)
    features_mod.CARD_RULES.append(clustered)
    try:
        keys = [f.key for f in features_mod.drawn_features(board, theme)]
    finally:
        features_mod.CARD_RULES.remove(clustered)
    assert "cluster:#c8453a" in keys
    keys = [f.key for f in features_mod.drawn_features(board, theme)]
    assert "cluster:#c8453a" not in keys
    # What the rich board shows, and nothing it does not.
    assert {"actor:person", "actor:country", "actor:aircraft", "claim:asserts",
            "claim:denies", "note", "link:unconfirmed", "link:confirmed",
            "link:contradiction", "link:unsourced", "badge:grade"} <= set(keys)
    assert "actor:vessel" not in keys and "link:disputed" not in keys


# ----------------------------------------------------------------------------- titles
def test_long_titles_grow_their_card_and_push_the_card_below():
    ensure_gui_app()
    long = "He said " + " ".join(f"word{i}" for i in range(80))
    claim = Card(id="c", kind="claim", title=long, width=260.0, height=120.0, stance="asserts")
    below = Card(id="d", kind="actor", title="Below", y=140.0, actor_type="person")
    beside = Card(id="e", kind="actor", title="Beside", x=600.0, y=140.0, actor_type="person")
    board = Board.from_entities([claim, below, beside])
    printed, grown = whole_titles(board, Theme.light())
    assert grown == 1
    c, d, e = (printed.cards[i] for i in "cde")
    assert c.height > 120.0 and c.x == 0.0 and c.y == 0.0
    look = CardLook(c, DecorCache(printed).card(c), Theme.light())
    assert not look.blocks()["title"].elided
    assert d.y >= c.y + c.height  # pushed below the grown card
    assert (e.x, e.y) == (600.0, 140.0)  # not in the way: left alone


# ----------------------------------------------------------------------------- images
@pytest.mark.parametrize("name,dpi", [("screen", 96), ("web", 96), ("slide", 96),
                                      ("figure", 300), ("a4", 300)])
def test_png_presets_size_and_dpi(tmp_path: Path, name: str, dpi: int):
    from evidenceboard.export.images import chart_image_plan, chart_of
    from evidenceboard.export.run import ExportOptions
    board = rich_board()
    out = export_board(board, "png", tmp_path / f"{name}.png", preset=name)
    image = QImage(str(out))
    assert round(image.dotsPerMeterX() * 0.0254) == dpi
    w, h = image.width(), image.height()
    plan = chart_image_plan(chart_of(board, ExportOptions(preset=name)), ExportOptions(
        preset=name), "png")
    if name == "slide":
        assert (w, h) == (1920, 1080)
    elif name == "a4":
        assert abs(max(w, h) - 3508) <= 1 and abs(min(w, h) - 2480) <= 1  # A4, 300 dpi
    elif name == "web":
        assert max(w, h) <= 2400
    elif name == "figure":
        assert plan.title_pt >= MIN_TITLE_PT - 1e-6  # 7 pt titles at 300 dpi
        assert abs(plan.title_px - MIN_TITLE_PT * 300 / 72) < 0.1
    else:  # screen: one pixel per board unit, titles as on screen
        assert plan.title_px == pytest.approx(12.0)
        chart = chart_of(board, ExportOptions())
        assert w >= chart.content.width()


def test_default_png_is_as_on_screen_not_twice(tmp_path: Path):
    board = rich_board()
    framed = QImage(str(export_board(board, "png", tmp_path / "d.png")))
    bare = QImage(str(export_board(board, "png", tmp_path / "b.png", frame=False)))
    # The frame adds margins, the title and the panel, not a second scale.
    assert bare.width() <= framed.width() < bare.width() * 1.6
    assert round(framed.dotsPerMeterX() * 0.0254) == 96


def test_svg_reads_back_title_legend_sources_and_whole_titles(tmp_path: Path):
    board = rich_board()
    root = ET.fromstring(export_board(board, "svg", tmp_path / "c.svg").read_bytes())
    text = _words(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    assert text.startswith("Haftar \u2708 Israel")
    assert "Legend" in text and "Sources" in text
    assert "1 Haftar\u2019s jet <b>landed</b>. Haaretz, A. Writer, 2021-11-02." in text
    for card in board.cards.values():
        assert _words(card.title) in text


# ----------------------------------------------------------------------------- CLI
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_cli_chart_options(tmp_path: Path):
    board = write_rich_board(tmp_path / "case.evboard")
    out = tmp_path / "c.pdf"
    proc = run("export", str(board), "--format", "pdf", "--out", str(out), "--title",
               "Flight of the general", "--no-legend", "--sources", "--marking", "DRAFT",
               "--tiles", "1x1")
    assert proc.returncode == 0, proc.stderr
    text = _words(pypdf.PdfReader(str(out)).pages[0].extract_text())
    assert "Flight of the general" in text[:40] and "DRAFT" in text
    assert "Legend" not in text and "Sources" in text
    proc = run("export", str(board), "--format", "png", "--out", str(tmp_path / "s.png"),
               "--preset", "slide")
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(tmp_path / "s.png"))
    assert (image.width(), image.height()) == (1920, 1080)
    proc = run("export", str(board), "--format", "pdf", "--out", str(tmp_path / "f.pdf"),
               "--preset", "slide")
    assert proc.returncode == 2 and "for images" in proc.stderr
    assert not (tmp_path / "f.pdf").exists()
    proc = run("export", str(board), "--format", "png", "--out", str(tmp_path / "n.png"),
               "--preset", "poster")
    assert proc.returncode == 2 and "unknown preset" in proc.stderr
    # Forced onto one page a warning says the titles are too small to read.
    big = tmp_path / "big.evboard"
    assert run("generate", str(big), "--cards", "300", "--links", "400").returncode == 0
    proc = run("export", str(big), "--format", "pdf", "--out", str(tmp_path / "b.pdf"),
               "--tiles", "1x1")
    assert proc.returncode == 0
    assert "warning: on one A4 page card titles are" in proc.stderr


# ----------------------------------------------------------------------------- report
def test_report_lists_the_evidence_chains_passed_to_it(tmp_path: Path):
    from evidenceboard.export.report import EvidenceChain, report_html
    board = rich_board()
    chain = EvidenceChain("From Saddam to the jet", ("link-son", "link-flew", "gone"),
                          summary="two steps, one unsourced")
    html = report_html(board, chains=[chain], figure=False)
    section = html[html.index('id="chains"'):html.index("</section>", html.index('id="chains"'))]
    assert "From Saddam to the jet" in section and "two steps, one unsourced" in section
    assert section.index("son of") < section.index("flew on")
    assert "Saddam Haftar, the general\u2019s son" in section  # the step's quote
    assert "Unsourced step." in section and "1 step no longer on the board." in section
    assert 'href="#chains"' in html
    assert 'id="chains"' not in report_html(board, figure=False)
    pdf = export_board(board, "report", tmp_path / "r.pdf", chains=(chain,))
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    assert "Legend" in _words(reader.pages[0].extract_text())  # the chart first
    # (pypdf splits the heading's first letter off: "F rom")
    assert "Saddam to the jet" in _words(" ".join(p.extract_text() for p in reader.pages))


def test_report_sources_carry_the_chart_numbers():
    from evidenceboard.export.report import report_html
    board = rich_board()
    html = report_html(board, figure=False)
    assert "[1] Haftar\u2019s jet &lt;b&gt;landed&lt;/b&gt;" in html
    assert "<th>No.</th>" in html

