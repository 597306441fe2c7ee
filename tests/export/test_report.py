"""The provenance report: every quote and claim, grades, corroboration, contradictions,
flags for unsourced and broken evidence, escaped user text, deterministic bytes, PDF."""

from __future__ import annotations

import io
import re
import unicodedata
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from export_boards import rich_board
from pypdf import PdfReader

from evidenceboard.export.report import report_html
from evidenceboard.export.run import export_board
from evidenceboard.model import Board
from evidenceboard.synthetic import synthetic_entities


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_report_contains_every_quote_and_every_claim():
    board = rich_board()
    html = report_html(board)
    for c in board.citations.values():
        assert escape(c.quote) in html, c.quote
    for card in board.cards.values():
        assert escape(card.title) in html
    for s in board.sources.values():
        assert escape(s.title or "") in html and s.sha256 in html


def test_user_text_is_never_markup():
    html = report_html(rich_board())
    parser = _Tags()
    parser.feed(html)
    assert not {"script", "b", "iframe"} & set(parser.tags)
    # The one image is the chart, inside the page (no file, no address to fetch).
    assert parser.tags.count("img") == 1
    srcs = [v for k, v in parser.attrs if k == "src"]
    assert len(srcs) == 1 and srcs[0].startswith("data:image/png;base64,")
    assert not any(k.startswith("on") for k, _ in parser.attrs)
    assert "Haftar’s jet &lt;b&gt;landed&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html


def test_grades_corroboration_contradictions_and_flags():
    html = report_html(rich_board())
    claim = html[html.index('id="i-card-claim1"'):]
    claim = claim[:claim.index("</h4>") + 400]
    assert ">B2<" in claim and "1 source, 1 independent origin (Haaretz)" in claim
    assert "Contradicted by:" in claim and "We never met him" in claim
    assert "Broken citation" in html and "Press TV reported th" in html
    assert "Unsourced: marked as unsourced on purpose." in html
    assert "1 broken citation" in html and "1 contradiction" in html


def test_items_are_ordered_by_actor():
    html = report_html(rich_board())
    order = [html.index(f'<section class="actor" id="i-{i}"') for i in
             ("card-israel", "card-haftar", "card-jet", "card-saddam")]
    assert order == sorted(order)  # alphabetical: Israel, Khalifa, P4-RMA, Saddam
    israel = html[order[0]:order[1]]
    assert 'id="i-card-claim2"' in israel  # Israel's denial sits under Israel
    assert 'id="i-link-states"' in israel
    haftar = html[order[1]:order[2]]
    assert 'id="i-card-claim1"' in haftar and 'id="i-link-flew"' in haftar
    no_actor = html[html.index('id="no-actor"'):html.index('id="problems"')]
    assert 'id="i-card-note"' in no_actor
    # Every claim and link appears exactly once.
    board = rich_board()
    for item in [*board.links, *(c.id for c in board.cards.values() if c.kind == "claim")]:
        assert html.count(f'id="i-{item}"') == 1


def test_report_is_deterministic_and_has_no_script(tmp_path: Path):
    a = export_board(rich_board(), "report", tmp_path / "a.html").read_bytes()
    b = export_board(rich_board(), "report", tmp_path / "b.html").read_bytes()
    assert a == b
    assert b"<script" not in a and b"@page" in a and b"page-break" in a


def test_report_of_a_synthetic_board_holds_every_quote():
    board = Board.from_entities(synthetic_entities(300, 500, 9))
    html = report_html(board)
    missing = [c.id for c in board.citations.values() if escape(c.quote) not in html]
    assert missing == []


def test_pdf_report_has_the_text(tmp_path: Path):
    board = rich_board()
    out = export_board(board, "report", tmp_path / "r.pdf", name="case")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))  # "ﬂ" -> "fl"
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    for title in ("Provenance report", "Khalifa Haftar", "Saddam Haftar",
                  "Haftar flew to Israel", "Israel denied any meeting took place."):
        assert title in flat, title


def test_contents_count_every_link_of_each_actor_on_the_demo_board():
    """Issue 10: every actor had "0 links" (only actor-to-actor links were counted,
    and on a board made from articles links go through claims)."""
    from evidenceboard.demo import demo_edit
    board = Board()
    board.apply(demo_edit())
    html = report_html(board)
    nav = html[html.index("<nav>"):html.index("</nav>")]
    counts = {}
    for a in (c for c in board.cards.values() if c.kind == "actor"):
        m = re.search(rf'href="#i-{a.id}">[^<]*</a> \((\d+) claims?, (\d+) links?\)', nav)
        assert m, a.title
        counts[a.id] = int(m.group(2))
        assert counts[a.id] == len(board.links_of(a.id)), a.title
    assert sum(1 for n in counts.values() if n > 0) > len(counts) // 2
    haftar = max(counts, key=counts.get)
    assert counts[haftar] >= 10
