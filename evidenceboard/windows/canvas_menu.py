"""The canvas's right-click menu: on items, what can be done to the selection (their
words, grading, the corrections of actors, clipboard, fit); on empty space, what can be
added there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QMenu

from ..model import edits
from .inspector import CREDIBILITY_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow


def popup(w: MainWindow, pos: QPoint) -> None:
    """Right click at ``pos`` (viewport coordinates of the canvas)."""
    if w.view is not None:
        build(w, w.view.mapToScene(pos)).popup(w.view.viewport().mapToGlobal(pos))


def build(w: MainWindow, scene_pos: QPointF) -> QMenu:
    """The menu at ``scene_pos``.  A click on an item that is not selected selects it
    first (as file managers and i2 do)."""
    assert w.scene is not None and w.document is not None
    item = w.scene.card_item_at(scene_pos)
    hit = item.card_id if item is not None else w.scene.links.link_at(
        scene_pos, 6.0 / max(w.view.transform().m11(), 1e-6))
    if hit is not None and hit not in w.selected_ids():
        w.scene.select_ids([hit])
    menu = QMenu(w)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    a = w.acts
    ids = w.selected_ids()
    writable = not w.document.read_only
    if ids:
        board = w.document.board
        cited = [c for i in ids for c in board.citations_of(i)]
        show = menu.addAction("Show &Source Words")
        show.setEnabled(bool(cited))
        show.triggered.connect(w.editing.show_selection_source)
        grade = menu.addMenu(f"&Grade Their Citations ({len(cited)})")
        grade.setEnabled(bool(cited) and writable)
        for value, text in CREDIBILITY_LABELS:
            act = grade.addAction(text if value is not None else "Clear the grade")
            act.triggered.connect(lambda _c=False, v=value: w.controller.do(
                edits.grade_citations(w.document.board, ids, v)))
        if any(i in board.cards and board.cards[i].kind == "actor" for i in ids):
            # corrections of what the importer read (the Actor menu's entries)
            menu.addSeparator()
            menu.addAction(a.merge_actors)
            menu.addMenu(a.merge_into_menu)
            menu.addMenu(a.split_menu)
            menu.addMenu(a.retype_menu)
            menu.addAction(a.not_an_actor)
        menu.addSeparator()
        menu.addActions([a.cut, a.copy, a.delete])
        menu.addSeparator()
        menu.addAction(a.fit_selection)
    else:
        menu.addAction(a.paste)
        menu.addSeparator()
        here = QPointF(scene_pos)
        last = a.last_actor_type()
        add = menu.addAction(f"Add &Actor Here ({last})")
        add.setEnabled(writable)
        add.triggered.connect(lambda: w.editing.insert_card("actor", here))
        types = menu.addMenu("Add Actor Here &As")
        types.setEnabled(writable)
        for t in a.actor_type_actions:
            act = types.addAction(t.capitalize())
            act.triggered.connect(lambda _c=False, t=t: w.editing.insert_card("actor", here,
                                                                       actor_type=t))
        for kind, text in (("claim", "Add &Claim Here"), ("note", "Add &Note Here")):
            act = menu.addAction(text)
            act.setEnabled(writable)
            act.triggered.connect(lambda _c=False, kind=kind: w.editing.insert_card(kind, here))
        menu.addSeparator()
        menu.addActions([a.select_all, a.fit_board])
    return menu
