"""Real mouse and keyboard gestures on the viewport, checked against the board file."""

from __future__ import annotations

from canvas_harness import file_rows, reopen_cards
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def test_dragging_a_card_moves_it_in_the_file(canvas, seeded):
    start = canvas.card_point(seeded.c.id)
    canvas.drag(start, start + QPoint(130, 45))
    assert canvas.controller.stack.count() == 1
    moved = canvas.board.cards[seeded.c.id]
    assert (moved.x, moved.y) == (130.0, 245.0)
    item = canvas.scene.item_for(seeded.c.id)
    assert (item.pos().x(), item.pos().y()) == (130.0, 245.0)
    canvas.close()
    cards = reopen_cards(seeded.path)
    assert (cards[seeded.c.id].x, cards[seeded.c.id].y) == (130.0, 245.0)
    assert (cards[seeded.a.id].x, cards[seeded.a.id].y) == (0.0, 0.0)


def test_a_click_without_moving_makes_no_edit(canvas, seeded):
    canvas.click(canvas.card_point(seeded.a.id))
    assert canvas.scene.selected_ids() == [seeded.a.id]
    assert canvas.controller.stack.count() == 0


def test_rubber_band_selects_three_cards_that_then_move_as_one_step(canvas, seeded):
    before = file_rows(seeded.path)
    # From empty space above-left of a to just inside b and c (the claim is further right);
    # the band also takes the link a -> b it crosses.
    canvas.drag(canvas.at(-40, -40), canvas.at(420, 230))
    assert canvas.scene.selected_ids() == [seeded.a.id, seeded.b.id, seeded.c.id,
                                           seeded.link.id]
    start = canvas.card_point(seeded.b.id)
    canvas.drag(start, start + QPoint(60, 100))
    assert canvas.controller.stack.count() == 1
    for card in (seeded.a, seeded.b, seeded.c):
        now = canvas.board.cards[card.id]
        assert (now.x, now.y) == (card.x + 60, card.y + 100)
    assert canvas.board.cards[seeded.claim.id].x == seeded.claim.x
    moved = file_rows(seeded.path)
    assert moved != before
    canvas.controller.stack.undo()
    for card in (seeded.a, seeded.b, seeded.c):
        assert (canvas.board.cards[card.id].x, canvas.board.cards[card.id].y) == (card.x, card.y)
        assert canvas.scene.item_for(card.id).pos().x() == card.x
    assert file_rows(seeded.path) == before
    canvas.controller.stack.redo()
    assert file_rows(seeded.path) == moved


def test_arrow_nudges_merge_into_one_undo_step(canvas, seeded):
    canvas.click(canvas.card_point(seeded.a.id))
    for _ in range(3):
        canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.controller.stack.count() == 1
    a = canvas.board.cards[seeded.a.id]
    assert (a.x, a.y) == (3.0, 10.0)
    assert reopen_cards(seeded.path)[seeded.a.id].x == 3.0
    canvas.controller.stack.undo()
    assert (canvas.board.cards[seeded.a.id].x, canvas.board.cards[seeded.a.id].y) == (0.0, 0.0)


def test_snap_to_grid_when_dragging_and_nudging(canvas, seeded):
    canvas.scene.set_snap(True)
    start = canvas.card_point(seeded.c.id)
    canvas.drag(start, start + QPoint(47, 33))
    c = canvas.board.cards[seeded.c.id]
    assert c.x % 20 == 0 and c.y % 20 == 0
    assert (c.x, c.y) == (40.0, 240.0)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Right)
    assert canvas.board.cards[seeded.c.id].x == 60.0


def test_escape_during_a_drag_puts_cards_back_without_an_edit(canvas, seeded):
    start = canvas.card_point(seeded.c.id)
    canvas.drag(start, start + QPoint(80, 80), release=False)
    assert canvas.scene.item_for(seeded.c.id).pos().x() == 80.0
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    canvas.qtbot.mouseRelease(canvas.viewport, Qt.MouseButton.LeftButton,
                              pos=start + QPoint(80, 80))
    assert canvas.scene.item_for(seeded.c.id).pos().x() == 0.0
    assert canvas.controller.stack.count() == 0


def test_drawing_a_link_from_the_handle_requests_it(canvas, seeded):
    canvas.qtbot.mouseMove(canvas.viewport, canvas.card_point(seeded.c.id))
    canvas.drag(canvas.handle_point(seeded.c.id), canvas.card_point(seeded.claim.id))
    assert canvas.requests == [(seeded.c.id, seeded.claim.id)]
    # Nothing was moved or selected by drawing.
    assert canvas.controller.stack.count() == 0
    assert canvas.board.cards[seeded.c.id].x == 0.0
    assert not canvas.scene.item_for(seeded.claim.id).link_target


def test_the_target_card_lights_up_and_escape_cancels_the_link(canvas, seeded):
    canvas.scene.select_ids([seeded.c.id])
    canvas.drag(canvas.handle_point(seeded.c.id), canvas.card_point(seeded.claim.id),
                release=False)
    target = canvas.scene.item_for(seeded.claim.id)
    assert target.link_target
    assert canvas.scene.gesture is not None
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert not target.link_target and canvas.scene.gesture is None
    canvas.qtbot.mouseRelease(canvas.viewport, Qt.MouseButton.LeftButton,
                              pos=canvas.card_point(seeded.claim.id))
    assert canvas.requests == []
    assert canvas.board.cards[seeded.c.id].x == 0.0


def test_link_mode_draws_from_anywhere_on_a_card(canvas, seeded):
    canvas.view.set_link_mode(True)
    canvas.drag(canvas.card_point(seeded.a.id), canvas.card_point(seeded.c.id))
    assert canvas.requests == [(seeded.a.id, seeded.c.id)]
    assert canvas.board.cards[seeded.a.id].y == 0.0
    # Released on empty space: nothing.
    canvas.drag(canvas.card_point(seeded.a.id), canvas.at(700, 500))
    assert len(canvas.requests) == 1


def test_resize_grip_makes_one_edit_and_respects_the_minimum(canvas, seeded):
    canvas.click(canvas.card_point(seeded.a.id))
    grip = canvas.at(seeded.a.x + seeded.a.width - 5, seeded.a.y + seeded.a.height - 5)
    canvas.drag(grip, grip + QPoint(60, 40))
    a = canvas.board.cards[seeded.a.id]
    assert (a.width, a.height) == (seeded.a.width + 60, seeded.a.height + 40)
    assert canvas.controller.stack.count() == 1
    grip = canvas.at(a.x + a.width - 5, a.y + a.height - 5)
    canvas.drag(grip, grip - QPoint(500, 500))
    a = canvas.board.cards[seeded.a.id]
    assert (a.width, a.height) == (120.0, 48.0)
    assert reopen_cards(seeded.path)[seeded.a.id].width == 120.0


def test_double_click_title_edits_in_place(canvas, seeded):
    item = canvas.scene.item_for(seeded.b.id)
    title = canvas.view.mapFromScene(item.title_rect().center())
    canvas.qtbot.mouseDClick(canvas.viewport, Qt.MouseButton.LeftButton, pos=title)
    editor = canvas.view.editor
    assert editor.isVisible() and editor.card_id == seeded.b.id
    assert editor.text() == "Ministry of Ports"
    editor.selectAll()
    canvas.qtbot.keyClicks(editor, "<b>Port Authority</b>")
    canvas.qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not editor.isVisible()
    assert canvas.board.cards[seeded.b.id].title == "<b>Port Authority</b>"
    assert canvas.controller.stack.count() == 1
    assert reopen_cards(seeded.path)[seeded.b.id].title == "<b>Port Authority</b>"


def test_escape_cancels_title_editing(canvas, seeded):
    canvas.view.edit_title(seeded.b.id)
    canvas.qtbot.keyClicks(canvas.view.editor, "xyz")
    canvas.qtbot.keyClick(canvas.view.editor, Qt.Key.Key_Escape)
    assert canvas.board.cards[seeded.b.id].title == "Ministry of Ports"
    assert canvas.controller.stack.count() == 0


def test_double_click_outside_the_title_activates_the_card(canvas, seeded):
    activated = []
    canvas.scene.cardActivated.connect(activated.append)
    canvas.qtbot.mouseDClick(canvas.viewport, Qt.MouseButton.LeftButton,
                             pos=canvas.card_point(seeded.note.id, 0.5, 0.9))
    assert activated == [seeded.note.id]
    assert not canvas.view.editor.isVisible()


def test_clicking_a_link_selects_it_and_empty_space_clears(canvas, seeded):
    changes = []
    canvas.scene.selectionChanged.connect(lambda: changes.append(1))
    # The a -> b link runs horizontally at y = 36 between x = 200 and 400; its label
    # sits in the middle, so click a quarter of the way along.
    canvas.click(canvas.at(250, 36))
    assert canvas.scene.selected_ids() == [seeded.link.id]
    assert changes
    canvas.click(canvas.at(650, 450))
    assert canvas.scene.selected_ids() == []


def test_wheel_zoom_keeps_the_point_under_the_cursor(canvas, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    view = canvas.view
    pos = QPointF(250, 180)
    before = view.mapToScene(pos.toPoint())
    for delta in (120, 120, -120 * 3, 240):
        event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0),
                            QPoint(0, delta), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)
        after = view.mapToScene(pos.toPoint())
        tolerance = 1.5 / view.zoom_level()
        assert abs(after.x() - before.x()) <= tolerance
        assert abs(after.y() - before.y()) <= tolerance
    assert abs(view.zoom_level() - 1.0015 ** 120) < 1e-6


def test_middle_button_and_space_drag_pan_the_view(canvas, qtbot):
    view = canvas.view
    centre = view.visible_scene_rect().center()
    canvas.drag(QPoint(400, 300), QPoint(300, 250), button=Qt.MouseButton.MiddleButton)
    moved = view.visible_scene_rect().center()
    assert abs(moved.x() - (centre.x() + 100)) <= 1 and abs(moved.y() - (centre.y() + 50)) <= 1
    assert canvas.controller.stack.count() == 0
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    canvas.drag(QPoint(400, 300), QPoint(450, 300))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    again = view.visible_scene_rect().center()
    assert abs(again.x() - (moved.x() - 50)) <= 1
    assert canvas.scene.selected_ids() == []


def test_read_only_board_refuses_gestures_and_stays_equal_to_its_file(qtbot, seeded):
    from canvas_harness import Canvas
    first = Canvas(qtbot, seeded.path)
    second = Canvas(qtbot, seeded.path)
    try:
        assert second.doc.read_only
        start = second.card_point(seeded.c.id)
        second.drag(start, start + QPoint(100, 0))
        assert second.scene.item_for(seeded.c.id).pos().x() == 0.0
        assert second.failures and "cannot change" in second.failures[0]
        assert second.controller.stack.count() == 0
    finally:
        second.close()
        first.close()


def _tooltip_at(canvas, pos: QPoint) -> str:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip
    QToolTip.hideText()
    canvas.qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, canvas.viewport.mapToGlobal(pos))
    QApplication.sendEvent(canvas.viewport, event)
    return shown_text(QToolTip.text()) if QToolTip.isVisible() else ""


def shown_text(tip: str) -> str:
    """What a tooltip shows: Qt renders it as rich text when it might be."""
    from PySide6.QtGui import Qt as QtGui_Qt
    from PySide6.QtGui import QTextDocument
    if not QtGui_Qt.mightBeRichText(tip):
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def test_tooltips_show_the_full_plain_text(canvas, seeded):
    from dataclasses import replace

    from evidenceboard.model import edits
    long_title = "A very long claim title that cannot fit on the card <b>at all</b> " * 4
    canvas.controller.do(edits.update(replace(seeded.claim, title=long_title.strip()), "Edit"))
    look = canvas.scene.item_for(seeded.claim.id).look()
    assert look.is_elided()
    text = _tooltip_at(canvas, canvas.card_point(seeded.claim.id, 0.5, 0.5))
    assert long_title.strip() in text and "<b>at all</b>" in text
    assert "Denied by Ministry of Ports" in text and "1 source · 1 origin" in text
    link_text = _tooltip_at(canvas, canvas.at(250, 36))
    assert link_text.startswith("Amira Haddad → Ministry of Ports")
    assert "confirmed" in link_text and "grade B2" in link_text
    assert _tooltip_at(canvas, canvas.at(650, 450)) == ""
