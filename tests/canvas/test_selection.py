"""One selection of cards and links, with one set of rules, through real mouse and key
events on the viewport: a click replaces, Ctrl/Shift+click adds or removes, Esc and a
click on empty space clear, the rubber band takes links too."""

from __future__ import annotations

from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _link_point(canvas, seeded):
    """On the line a -> b (a at x 0..200, b at x 400..600, both 72 high)."""
    return canvas.at(300, 36)


def test_clicking_a_card_after_a_link_selects_only_the_card(canvas, seeded):
    canvas.click(_link_point(canvas, seeded))
    assert canvas.scene.selected_ids() == [seeded.link.id]
    canvas.click(canvas.card_point(seeded.c.id))
    assert canvas.scene.selected_ids() == [seeded.c.id]
    # and back: a link click replaces the card
    canvas.click(_link_point(canvas, seeded))
    assert canvas.scene.selected_ids() == [seeded.link.id]


def test_clicking_a_selected_card_drops_a_link_selected_with_ctrl(canvas, seeded):
    canvas.click(canvas.card_point(seeded.c.id))
    canvas.click(_link_point(canvas, seeded), CTRL)
    assert canvas.scene.selected_ids() == [seeded.c.id, seeded.link.id]
    signals: list[list[str]] = []

    def record() -> None:
        signals.append(canvas.scene.selected_ids())

    canvas.scene.selectionChanged.connect(record)
    canvas.click(canvas.card_point(seeded.c.id))  # already selected: "only this" on release
    canvas.scene.selectionChanged.disconnect(record)
    assert canvas.scene.selected_ids() == [seeded.c.id]
    assert signals and signals[-1] == [seeded.c.id]


def test_ctrl_and_shift_add_and_remove(canvas, seeded):
    canvas.click(canvas.card_point(seeded.a.id))
    canvas.click(canvas.card_point(seeded.c.id), SHIFT)
    canvas.click(_link_point(canvas, seeded), SHIFT)
    assert set(canvas.scene.selected_ids()) == {seeded.a.id, seeded.c.id, seeded.link.id}
    canvas.click(canvas.card_point(seeded.a.id), CTRL)  # out again
    assert set(canvas.scene.selected_ids()) == {seeded.c.id, seeded.link.id}
    canvas.click(_link_point(canvas, seeded), CTRL)
    assert canvas.scene.selected_ids() == [seeded.c.id]


def test_escape_and_empty_space_clear_cards_and_links(canvas, seeded):
    canvas.click(canvas.card_point(seeded.a.id))
    canvas.click(_link_point(canvas, seeded), CTRL)
    canvas.qtbot.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.scene.selected_ids() == []
    canvas.click(canvas.card_point(seeded.a.id))
    canvas.click(_link_point(canvas, seeded), CTRL)
    canvas.click(canvas.at(300, 400))  # empty
    assert canvas.scene.selected_ids() == []


def test_rubber_band_selects_the_links_it_touches(canvas, seeded):
    # Across the middle of the a -> b line only (no card inside the band).
    canvas.drag(canvas.at(260, 20), canvas.at(340, 60))
    assert canvas.scene.selected_ids() == [seeded.link.id]
    # Shift+band adds card c, keeping the link.
    canvas.drag(canvas.at(-20, 180), canvas.at(60, 290), modifier=SHIFT)
    assert canvas.scene.selected_ids() == [seeded.c.id, seeded.link.id]
    # A plain band elsewhere replaces everything.
    canvas.drag(canvas.at(780, -20), canvas.at(830, 40))
    assert canvas.scene.selected_ids() == [seeded.note.id]
