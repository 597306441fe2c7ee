"""The source viewer and the evidence problems dock on real board files."""

from __future__ import annotations

import sqlite3

from board_factory import SOURCE_TEXT
from PySide6.QtCore import QMimeData, Qt

from evidenceboard.document import Document
from evidenceboard.model import Card, Edit, Link
from evidenceboard.windows.evidence_panel import EvidencePanelDock
from evidenceboard.windows.source_viewer import (
    QUOTE_MIME,
    SourceViewerDock,
    _safe_url,
    parse_quote_mime,
)
from evidenceboard.windows.text_offsets import TextPositions


def _viewer(opened, qtbot) -> SourceViewerDock:
    _sb, _doc, controller = opened
    dock = SourceViewerDock(controller)
    qtbot.addWidget(dock)
    dock.resize(500, 400)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def test_selecting_a_link_emphasises_and_scrolls_to_its_quote(opened, qtbot):
    sb, doc, _controller = opened
    dock = _viewer(opened, qtbot)
    [link_cite] = doc.board.citations_of(sb.link.id)
    dock.show_items([sb.link.id])
    assert dock.source_id() == sb.source.id
    ranges = dock.highlight_ranges()
    # Every citation of the source is highlighted; only the link's one is emphasised.
    assert sorted((s, e) for s, e, _ in ranges) == sorted(
        (c.start, c.end) for c in doc.board.citations_in(sb.source.id))
    assert [(s, e) for s, e, emph in ranges if emph] == [(link_cite.start, link_cite.end)]
    # The extra selections cover exactly those words in the widget.
    pos = TextPositions(SOURCE_TEXT)
    got = sorted((pos.to_index(sel.cursor.selectionStart()),
                  pos.to_index(sel.cursor.selectionEnd()))
                 for sel in dock.text.extraSelections())
    assert got == sorted((s, e) for s, e, _ in ranges)
    # The cursor sits at the quote, which is visible.
    assert dock.text.textCursor().position() == pos.to_doc(link_cite.start)
    assert dock.text.viewport().rect().intersects(dock.text.cursorRect())

    dock.show_items([sb.claim.id])
    [claim_cite] = doc.board.citations_of(sb.claim.id)
    assert [(s, e) for s, e, emph in dock.highlight_ranges() if emph] == [
        (claim_cite.start, claim_cite.end)]


def test_clicking_a_highlight_selects_its_card(opened, qtbot):
    sb, doc, _controller = opened
    dock = _viewer(opened, qtbot)
    dock.show_items([])
    activated: list[str] = []
    dock.itemActivated.connect(activated.append)
    [claim_cite] = doc.board.citations_of(sb.claim.id)
    pos = TextPositions(SOURCE_TEXT)
    cursor = dock.text.textCursor()
    cursor.setPosition(pos.to_doc(claim_cite.start + 3))
    point = dock.text.cursorRect(cursor).center()
    qtbot.mouseClick(dock.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated == [sb.claim.id]


def test_cite_selection_for_a_card_is_exact_and_undoable(opened, qtbot):
    sb, doc, controller = opened
    dock = _viewer(opened, qtbot)
    dock.show_items([sb.dbeibah.id])
    assert not dock.cite_button.isEnabled()
    start = SOURCE_TEXT.index("שלום")  # after the emoji and the CRLF: offsets must hold
    end = start + len("שלום עולם")
    dock.select_range(start, end)
    assert dock.selected_range() == (start, end)
    assert dock.cite_button.isEnabled()
    cid = dock.cite_for_selection()
    cite = doc.board.citations[cid]
    assert (cite.card_id, cite.start, cite.end, cite.quote) == (
        sb.dbeibah.id, start, end, "שלום עולם")
    assert (start, end, True) in dock.highlight_ranges()
    controller.stack.undo()
    assert cid not in doc.board.citations
    controller.stack.redo()
    doc.close()
    again = Document.open(sb.path)
    try:
        [c] = again.board.citations_of(sb.dbeibah.id)
        assert c.quote == SOURCE_TEXT[c.start:c.end] == "שלום עולם"
    finally:
        again.close()


def test_citing_a_deliberately_unsourced_link_sources_it_in_one_step(opened, qtbot):
    sb, doc, controller = opened
    link = Link.create(sb.claim.id, sb.dbeibah.id, label="about", unsourced=True)
    assert controller.do(Edit("Add link", (link,)))
    dock = _viewer(opened, qtbot)
    dock.show_items([link.id])
    dock.select_range(0, 6)
    steps = controller.stack.count()
    assert dock.cite_for_selection() is not None
    assert controller.stack.count() == steps + 1
    assert not doc.board.links[link.id].unsourced
    controller.stack.undo()
    assert doc.board.links[link.id].unsourced and not doc.board.citations_of(link.id)


def test_new_claim_from_selection(opened, qtbot):
    sb, doc, controller = opened
    dock = _viewer(opened, qtbot)
    dock.placement = lambda: (100.0, 50.0)
    created: list[str] = []
    dock.cardCreated.connect(created.append)
    start = SOURCE_TEXT.index("The meeting")
    end = SOURCE_TEXT.index("officials”") + len("officials”")
    dock.show_source(sb.source.id)
    dock.select_range(start, end)
    card_id = dock.new_claim_from_selection()
    assert created == [card_id]
    card = doc.board.cards[card_id]
    assert card.kind == "claim" and (card.x, card.y) == (100.0, 50.0)
    # The title is the quote with its whitespace tidied; the citation is exact.
    assert card.title == " ".join(SOURCE_TEXT[start:end].split())
    [cite] = doc.board.citations_of(card_id)
    assert cite.quote == SOURCE_TEXT[start:end] and "\u00a0" in cite.quote
    controller.stack.undo()
    assert card_id not in doc.board.cards and cite.id not in doc.board.citations


def test_dragged_words_carry_exact_offsets(opened, qtbot):
    sb, _doc, _controller = opened
    dock = _viewer(opened, qtbot)
    dock.show_source(sb.source.id)
    start = SOURCE_TEXT.index("Haftar denied")
    dock.select_range(start, start + 13)
    mime = dock.text.createMimeDataFromSelection()
    assert mime.hasFormat(QUOTE_MIME)
    assert parse_quote_mime(mime) == (sb.source.id, start, start + 13)
    assert mime.text() == "Haftar denied"
    bad = QMimeData()
    bad.setData(QUOTE_MIME, b'{"source": "x", "start": 5, "end": 2}')
    assert parse_quote_mime(bad) is None
    bad.setData(QUOTE_MIME, b"\xff not json")
    assert parse_quote_mime(bad) is None
    assert parse_quote_mime(QMimeData()) is None


def test_source_reliability_grade_reaches_the_file(opened, qtbot):
    sb, doc, controller = opened
    dock = _viewer(opened, qtbot)
    dock.show_source(sb.source.id)
    dock.reliability_combo.setCurrentIndex(dock.reliability_combo.findData("B"))
    assert doc.board.sources[sb.source.id].reliability == "B"
    assert controller.stack.count() == 1
    doc.close()
    again = Document.open(sb.path)
    try:
        assert again.board.sources[sb.source.id].reliability == "B"
    finally:
        again.close()


def test_only_web_and_mail_urls_open():
    assert _safe_url("https://example.org/a?b=c") is not None
    assert _safe_url("mailto:desk@example.org") is not None
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "", None, "smb://host/x",
                "data:text/html,<b>x</b>"):
        assert _safe_url(bad) is None


def test_evidence_panel_reports_broken_and_unsourced(small_board, qtbot):
    # Corrupt the claim's citation in the file, as another tool might.
    con = sqlite3.connect(small_board.path)
    con.execute("UPDATE citation SET quote = 'Haftar agreed to a deal.' WHERE card_id = ?",
                (small_board.claim.id,))
    con.commit()
    con.close()
    doc = Document.open(small_board.path)
    try:
        from evidenceboard.commands.controller import EditController
        controller = EditController(doc)
        lonely = Card.create("claim", "Nobody said this")
        deliberate = Link.create(small_board.haftar.id, small_board.note.id, unsourced=True)
        assert controller.do(Edit("add", (lonely, deliberate)))
        panel = EvidencePanelDock(controller)
        qtbot.addWidget(panel)
        assert panel.entries("broken") == [small_board.claim.id]  # kept, not dropped
        assert len(doc.board.citations_of(small_board.claim.id)) == 1
        assert set(panel.entries("unsourced")) == {lonely.id, deliberate.id}
        texts = [panel.groups["unsourced"].child(i).text(0)
                 for i in range(panel.groups["unsourced"].childCount())]
        assert any("on purpose" in t for t in texts)
        activated: list[str] = []
        panel.itemActivated.connect(activated.append)
        panel._activated(panel.groups["broken"].child(0))
        assert activated == [small_board.claim.id]
        # Undo: the panel follows the board.
        controller.stack.undo()
        qtbot.waitUntil(lambda: panel.entries("unsourced") == [])
    finally:
        doc.close()
