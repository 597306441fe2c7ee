"""The scene follows the model: every edit kind, done, undone and redone, shows up."""

from __future__ import annotations

from dataclasses import replace

from canvas_harness import file_rows

from evidenceboard.analysis.grading import parse_grade
from evidenceboard.canvas import CardItem
from evidenceboard.model import Card, Citation, Link, edits


def _items(scene) -> dict[str, CardItem]:
    return {i.card_id: i for i in scene.items() if isinstance(i, CardItem)}


def test_add_card_appears_and_undo_removes_it(canvas):
    card = Card.create("note", "New note", x=120, y=400)
    assert canvas.controller.do(edits.put("Add note", card))
    assert card.id in _items(canvas.scene)
    assert canvas.scene.item_for(card.id).pos().y() == 400
    canvas.controller.stack.undo()
    assert card.id not in _items(canvas.scene) and canvas.scene.item_for(card.id) is None
    canvas.controller.stack.redo()
    assert canvas.scene.item_for(card.id).card == card


def test_move_resize_and_update_follow_undo_redo(canvas, seeded):
    c = canvas.controller
    c.do(edits.move_cards(canvas.board, {seeded.a.id: (50, 60)}))
    c.do(edits.resize_card(canvas.board, seeded.a.id, 260, 90))
    c.do(edits.update(replace(canvas.board.cards[seeded.a.id], title="Renamed",
                              color="#ff0000", actor_type="vessel"), "Edit"))
    item = canvas.scene.item_for(seeded.a.id)
    assert (item.pos().x(), item.pos().y(), *item.size()) == (50, 60, 260, 90)
    assert item.card.title == "Renamed" and item.look().fill.name() == "#ff0000"
    assert item.boundingRect().width() > 260
    c.stack.undo()
    assert item.card.title == "Amira Haddad" and item.look().fill.name() != "#ff0000"
    c.stack.undo()
    assert item.size() == (seeded.a.width, seeded.a.height)
    c.stack.undo()
    assert (item.pos().x(), item.pos().y()) == (0, 0)
    c.stack.redo()
    c.stack.redo()
    assert (item.pos().x(), *item.size()) == (50, 260, 90)


def test_link_geometry_follows_a_moved_card(canvas, seeded):
    before = canvas.scene.links.look(seeded.link.id).geometry.end
    canvas.controller.do(edits.move_cards(canvas.board, {seeded.b.id: (400, 300)}))
    after = canvas.scene.links.look(seeded.link.id).geometry.end
    assert after.y() > before.y() + 200
    canvas.controller.stack.undo()
    assert canvas.scene.links.look(seeded.link.id).geometry.end == before


def test_delete_card_with_links_undo_redo_compares_the_file(canvas, seeded):
    original = file_rows(seeded.path)
    assert canvas.controller.do(edits.delete_items(canvas.board, [seeded.a.id]))
    deleted = file_rows(seeded.path)
    assert canvas.scene.item_for(seeded.a.id) is None
    assert seeded.link.id not in canvas.scene.links.links
    assert len(deleted["card"]) == len(original["card"]) - 1
    assert len(deleted["link"]) == len(original["link"]) - 1
    canvas.controller.stack.undo()
    assert file_rows(seeded.path) == original
    assert canvas.scene.item_for(seeded.a.id) is not None
    assert seeded.link.id in canvas.scene.links.links
    canvas.controller.stack.redo()
    assert file_rows(seeded.path) == deleted
    assert canvas.scene.item_for(seeded.a.id) is None


def test_links_and_citations_update_decorations(canvas, seeded):
    scene, c = canvas.scene, canvas.controller
    link = Link.create(seeded.c.id, seeded.claim.id, label="flew", confidence="disputed")
    c.do(edits.add_link(canvas.board, link))
    assert link.id in scene.links.links
    assert [t.kind for t in scene.links.look(link.id).tags] == ["label", "uncited"]
    c.do(edits.cite(seeded.source, 0, 9, owner_id=link.id, board=canvas.board,
                    credibility=1))
    assert [t.kind for t in scene.links.look(link.id).tags] == ["label", "grade"]
    assert scene.links.look(link.id).tags[1].text == "B1"
    c.do(edits.update(replace(canvas.board.links[link.id], label="landed"), "Edit link"))
    assert scene.links.look(link.id).tags[0].text == "landed"
    c.stack.undo()
    c.stack.undo()
    assert [t.kind for t in scene.links.look(link.id).tags] == ["label", "uncited"]
    c.stack.undo()
    assert link.id not in scene.links.links
    assert scene.links.look(link.id) is None


def test_contradiction_flags_both_claims(canvas, seeded):
    scene, c = canvas.scene, canvas.controller
    other = Card.create("claim", "A meeting took place in Tel Aviv.", x=800, y=300)
    c.do(edits.put("Add claim", other))
    contra = Link.create(other.id, seeded.claim.id, kind="contradicts", label="contradicts")
    c.do(edits.add_link(canvas.board, contra))
    for cid in (other.id, seeded.claim.id):
        look = scene.item_for(cid).look()
        assert look.badge("contradiction") is not None
    assert scene.links.look(contra.id).tags[0].kind == "contradiction"
    c.stack.undo()
    assert scene.item_for(seeded.claim.id).look().badge("contradiction") is None


def test_source_grade_change_updates_the_badge(canvas, seeded):
    scene = canvas.scene
    assert scene.item_for(seeded.a.id).look().badge("grade").text == "B2"
    canvas.controller.do(edits.update(replace(seeded.source, reliability="E"), "Grade"))
    assert scene.item_for(seeded.a.id).look().badge("grade").text == "E2"
    assert scene.links.look(seeded.link.id).tags[1].text == "E2"
    canvas.controller.stack.undo()
    assert scene.item_for(seeded.a.id).look().badge("grade").text == "B2"


def test_selection_survives_only_for_existing_items(canvas, seeded):
    scene = canvas.scene
    scene.select_ids([seeded.a.id, seeded.link.id, "not-an-id"])
    assert scene.selected_ids() == [seeded.a.id, seeded.link.id]
    canvas.controller.do(edits.delete_items(canvas.board, [seeded.a.id]))
    assert scene.selected_ids() == []
    canvas.controller.stack.undo()
    assert scene.selected_ids() == []


def test_grade_filter_fades_below_the_threshold(canvas, seeded):
    scene = canvas.scene
    scene.set_grade_filter(parse_grade("B2"))
    # a: B2 (kept); claim: B3 (below); b, c, note: ungraded (below); link: B2 (kept).
    assert not scene.item_for(seeded.a.id).faded
    assert scene.item_for(seeded.claim.id).faded
    assert scene.item_for(seeded.b.id).faded and scene.item_for(seeded.note.id).faded
    assert seeded.link.id not in scene.faded
    # A better citation lifts the claim above the threshold.
    start = seeded.source.text.index("The ministry")
    canvas.controller.do(edits.cite(seeded.source, start, start + 12,
                                    owner_id=seeded.claim.id, board=canvas.board,
                                    credibility=1))
    assert not scene.item_for(seeded.claim.id).faded
    scene.set_grade_filter(None)
    assert not scene.faded and not scene.item_for(seeded.b.id).faded


def test_detach_stops_following(canvas, seeded):
    canvas.scene.detach()
    canvas.controller.do(edits.move_cards(canvas.board, {seeded.a.id: (500, 500)}))
    assert canvas.scene.item_for(seeded.a.id).pos().x() == 0


def test_citation_count_badge(canvas, seeded):
    look = canvas.scene.item_for(seeded.a.id).look()
    assert look.badge("cites").text == "1"
    assert canvas.scene.item_for(seeded.b.id).look().badge("cites") is None
    c = Citation.create(seeded.source, 10, 20, card_id=seeded.a.id)
    canvas.controller.do(edits.put("Cite", c))
    assert canvas.scene.item_for(seeded.a.id).look().badge("cites").text == "2"
