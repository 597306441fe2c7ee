"""The inspector: every field edit is one undo step that reaches the board file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from evidenceboard.document import Document
from evidenceboard.windows.inspector import InspectorDock, split_aliases


def _reopen(path):
    return Document.open(path)


def _finish(widget, qtbot, text=None):
    """Type into a line edit / spin box and press Enter, as a user would."""
    if text is not None:
        widget.selectAll() if hasattr(widget, "selectAll") else None
        widget.clear() if hasattr(widget, "clear") else None
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_every_card_field_reaches_the_file(opened, qtbot):
    sb, doc, controller = opened
    dock = InspectorDock(controller)
    qtbot.addWidget(dock)
    dock.show_ids([sb.haftar.id])
    assert dock.title_edit.text() == "Khalifa Haftar"
    assert dock.aliases_edit.text() == "Haftar"
    assert len(dock.evidence.citation_items()) == 1

    _finish(dock.title_edit, qtbot, "Field Marshal Haftar")
    _finish(dock.aliases_edit, qtbot, "Haftar; Hafter ;  Haftar")
    dock.actor_type_combo.setCurrentText("organisation")
    dock.body_edit.setPlainText("Commands the LNA.\n<b>not bold</b>")
    dock.commit_body()
    dock.set_color("#aa3300")
    _finish(dock.x_spin.lineEdit(), qtbot, "12.5")
    _finish(dock.y_spin.lineEdit(), qtbot, "-40")
    _finish(dock.w_spin.lineEdit(), qtbot, "240")
    _finish(dock.h_spin.lineEdit(), qtbot, "90")

    dock.show_ids([sb.claim.id])
    dock.stance_combo.setCurrentText("asserts")
    _finish(dock.speaker_edit, qtbot, "A spokesman")
    dock.show_ids([sb.note.id])
    dock.kind_combo.setCurrentText("claim")
    n_steps = controller.stack.count()
    assert n_steps == 12
    doc.close()

    again = _reopen(sb.path)
    try:
        h = again.board.cards[sb.haftar.id]
        assert h.title == "Field Marshal Haftar"
        assert h.aliases == ("Haftar", "Hafter")
        assert h.actor_type == "organisation"
        assert h.body == "Commands the LNA.\n<b>not bold</b>"
        assert h.color == "#aa3300"
        assert (h.x, h.y, h.width, h.height) == (12.5, -40.0, 240.0, 90.0)
        c = again.board.cards[sb.claim.id]
        assert (c.stance, c.speaker) == ("asserts", "A spokesman")
        n = again.board.cards[sb.note.id]
        assert (n.kind, n.stance) == ("claim", "asserts")
    finally:
        again.close()


def test_every_link_field_reaches_the_file(opened, qtbot):
    sb, doc, controller = opened
    dock = InspectorDock(controller)
    qtbot.addWidget(dock)
    dock.show_ids([sb.link.id])
    assert dock.stack.currentIndex() == 2
    assert dock.from_label.text() == "Khalifa Haftar"
    assert dock.to_label.text() == "Abdul Hamid Dbeibah"
    _finish(dock.label_edit, qtbot, "met in Rome")
    dock.link_kind_combo.setCurrentText("contradicts")
    dock.link_kind_combo.lineEdit().editingFinished.emit()
    dock.direction_combo.setCurrentText("both")
    dock.confidence_combo.setCurrentText("disputed")
    dock.unsourced_check.setChecked(True)
    assert controller.stack.count() == 5
    doc.close()
    again = _reopen(sb.path)
    try:
        link = again.board.links[sb.link.id]
        assert (link.label, link.kind, link.direction, link.confidence, link.unsourced) == (
            "met in Rome", "contradicts", "both", "disputed", True)
    finally:
        again.close()


def test_undo_refreshes_the_fields_and_unchanged_values_make_no_step(opened, qtbot):
    sb, _doc, controller = opened
    dock = InspectorDock(controller)
    qtbot.addWidget(dock)
    dock.show_ids([sb.haftar.id])
    dock.title_edit.editingFinished.emit()  # focus out without a change
    assert controller.stack.count() == 0
    _finish(dock.title_edit, qtbot, "New title")
    assert controller.stack.count() == 1
    controller.stack.undo()
    assert dock.title_edit.text() == "Khalifa Haftar"
    controller.stack.redo()
    assert dock.title_edit.text() == "New title"
    _finish(dock.title_edit, qtbot, "   ")  # an empty title is refused
    assert dock.title_edit.text() == "New title"
    assert controller.stack.count() == 1


def test_remove_citation_is_undoable_and_deleted_entity_clears(opened, qtbot):
    sb, doc, controller = opened
    from evidenceboard.model import edits
    dock = InspectorDock(controller)
    qtbot.addWidget(dock)
    dock.show_ids([sb.link.id])
    assert len(dock.evidence.citation_items()) == 1
    dock.evidence.citation_items()[0].setSelected(True)
    dock.remove_citation_button.click()
    assert len(dock.evidence.citation_items()) == 0
    assert doc.board.citations_of(sb.link.id) == []
    controller.stack.undo()
    assert len(dock.evidence.citation_items()) == 1
    controller.do(edits.delete_items(doc.board, [sb.link.id]))
    assert dock.shown_id() is None and dock.stack.currentIndex() == 0


def test_read_only_board_disables_editing(small_board, qtbot):
    from evidenceboard.commands.controller import EditController
    doc = Document.open(small_board.path, read_only=True)
    try:
        dock = InspectorDock(EditController(doc))
        qtbot.addWidget(dock)
        dock.show_ids([small_board.haftar.id])
        assert not dock.stack.currentWidget().isEnabled()
    finally:
        doc.close()


def test_split_aliases():
    assert split_aliases(" a ; b;;a; c  d ") == ("a", "b", "c d")


def test_citation_credibility_and_backing_line(opened, qtbot):
    sb, doc, controller = opened
    dock = InspectorDock(controller)
    qtbot.addWidget(dock)
    dock.show_ids([sb.link.id])
    assert dock.backing_label.text().startswith("Not graded · 1 source, 1 independent origin")
    dock.evidence.citation_items()[0].setSelected(True)
    assert dock.credibility_combo.isEnabled()
    activated: list[str] = []
    dock.citationActivated.connect(activated.append)
    dock.citations.itemClicked.emit(dock.evidence.citation_items()[0], 0)
    [cite] = doc.board.citations_of(sb.link.id)
    assert activated == [cite.id]
    dock.credibility_combo.setCurrentIndex(dock.credibility_combo.findData(2))
    assert doc.board.citations[cite.id].credibility == 2
    [row] = dock.evidence.citation_items()
    assert row.isSelected()  # still selected after the refresh
    assert row.text(0).startswith("[?2] “")
    assert row.parent().text(0) == "1 · Rome meeting [?2]"
    assert dock.backing_label.text().startswith("Grade ?2")
    assert controller.stack.count() == 1
    doc.close()
    again = _reopen(sb.path)
    try:
        assert again.board.citations[cite.id].credibility == 2
    finally:
        again.close()
