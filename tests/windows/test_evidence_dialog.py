"""The link evidence dialog: exact quotes (also past non-BMP characters and CRLF)."""

from __future__ import annotations

from board_factory import SOURCE_TEXT
from PySide6.QtWidgets import QDialog

from evidenceboard.document import Document
from evidenceboard.model import Source, edits
from evidenceboard.windows.evidence_dialog import EvidenceDialog
from evidenceboard.windows.text_offsets import TextPositions


def test_text_positions_round_trip_with_astral_and_crlf():
    text = "a😀b\r\nc𝄞d\re"
    pos = TextPositions(text)
    # UTF-16: a=0, 😀=1-2, b=3, \r\n=4, c=5, 𝄞=6-7, d=8, \r=9, e=10
    assert pos.doc_length == 11
    assert [pos.to_doc(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 4, 5, 6, 8, 9, 10, 11]
    for i in range(len(text) + 1):
        if text[i - 1:i + 1] != "\r\n":
            assert pos.to_index(pos.to_doc(i)) == i
    assert pos.to_index(4) == 3  # the start of "\r\n"


def test_text_positions_identity_for_bmp_text():
    pos = TextPositions("שלום עולם\u00a0“x”")
    assert pos.to_doc(5) == 5 and pos.to_index(7) == 7


def test_document_length_matches_qt(qtbot):
    """Qt's own count of UTF-16 positions agrees with ours."""
    from PySide6.QtWidgets import QPlainTextEdit
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(SOURCE_TEXT)
    assert edit.document().characterCount() - 1 == TextPositions(SOURCE_TEXT).doc_length


def test_cite_selection_creates_link_and_exact_citation(opened, qtbot):
    sb, doc, controller = opened
    dlg = EvidenceDialog(doc.board, sb.claim.id, sb.note.id)
    qtbot.addWidget(dlg)
    assert not dlg.cite_button.isEnabled()
    start = SOURCE_TEXT.index("was")  # after the emoji and the CRLF
    end = SOURCE_TEXT.index("”.") + 1
    dlg.set_source(sb.source.id)
    dlg.select_range(start, end)
    assert dlg.selected_range() == (start, end)
    assert dlg.text.textCursor().selectedText().replace("\u2029", "\n") == SOURCE_TEXT[start:end]
    assert dlg.cite_button.isEnabled()
    dlg.label_edit.setText("discussed")
    dlg.confidence_combo.setCurrentText("disputed")
    assert dlg.cite_selection()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert controller.do(dlg.result_edit)
    link_id = dlg.result_link.id
    doc.close()

    again = Document.open(sb.path)
    try:
        link = again.board.links[link_id]
        assert (link.from_id, link.to_id, link.label) == (sb.claim.id, sb.note.id, "discussed")
        assert link.confidence == "disputed" and not link.unsourced
        [cite] = again.board.citations_of(link_id)
        assert cite.quote == SOURCE_TEXT[start:end] == "was \u00a0confirmed by “two officials”"
        assert (cite.start, cite.end) == (start, end)
    finally:
        again.close()


def test_selection_made_with_the_keyboard_past_an_emoji(opened, qtbot):
    sb, doc, controller = opened
    text = "x 😀 Hebrew שלום and 𝄞 music"
    src = Source.create(text, title="Emoji")
    assert controller.do(edits.put("Add source", src))
    dlg = EvidenceDialog(doc.board, sb.haftar.id, sb.note.id)
    qtbot.addWidget(dlg)
    dlg.set_source(src.id)
    cursor = dlg.text.textCursor()
    # Select "music" by UTF-16 positions, as a user would with the mouse.
    utf16 = text.encode("utf-16-le")
    u_start = len(text[: text.index("music")].encode("utf-16-le")) // 2
    cursor.setPosition(u_start)
    cursor.setPosition(len(utf16) // 2, cursor.MoveMode.KeepAnchor)
    dlg.text.setTextCursor(cursor)
    assert dlg.selected_range() == (text.index("music"), len(text))
    assert dlg.cite_selection()
    [cite] = [c for c in dlg.result_edit.puts if hasattr(c, "quote")]
    assert cite.quote == "music"


def test_unsourced_and_cancel(opened, qtbot):
    sb, doc, _controller = opened
    dlg = EvidenceDialog(doc.board, sb.claim.id, sb.note.id)
    qtbot.addWidget(dlg)
    assert not dlg.cite_selection()  # nothing selected: refused
    dlg.mark_unsourced()
    assert dlg.result_link.unsourced
    assert [type(e).__name__ for e in dlg.result_edit.puts] == ["Link"]

    cancel = EvidenceDialog(doc.board, sb.claim.id, sb.note.id)
    qtbot.addWidget(cancel)
    cancel.reject()
    assert cancel.result_edit is None


def test_find_in_source_selects_the_words(opened, qtbot):
    sb, doc, _ = opened
    dlg = EvidenceDialog(doc.board, sb.claim.id, sb.note.id)
    qtbot.addWidget(dlg)
    dlg.find_edit.setText("denied")
    assert dlg.find_next()
    s, e = dlg.selected_range()
    assert SOURCE_TEXT[s:e] == "denied"


def test_snap_to_words_widens_to_whole_words_and_drops_edge_blanks():
    from evidenceboard.windows.text_offsets import snap_to_words
    text = "Blumental went on to say that Haftar enjoys the case, but not Al-Badri's."
    s = text.index("t on")
    e = text.index("Haftar") + len("Haftar")
    assert text[slice(*snap_to_words(text, s, e))] == "went on to say that Haftar"
    s = text.index("the case")
    e = text.index("but") + 2
    assert text[slice(*snap_to_words(text, s, e))] == "the case, but"
    # joined words stay whole; punctuation after a word is not added; blanks dropped
    s = text.index("Badri")
    assert text[slice(*snap_to_words(text, s, s + 3))] == "Al-Badri's"
    s = text.index(" not")
    assert text[slice(*snap_to_words(text, s, s + 5))] == "not"
    assert snap_to_words(text, 4, 4) == (4, 4)
    assert snap_to_words("a   b", 1, 3) == (1, 3)  # only blanks: unchanged
    heb = "שלום עולם"
    assert snap_to_words(heb, 1, 6) == (0, 9)
