"""The main window's actions, menus and toolbar, built in one place, and when each
action is enabled (:meth:`Actions.update`: no board, a read-only board, the selection).

Each action calls the window's job that does it (``w.files``, ``w.imports``,
``w.editing``, ``w.viewing``, the export dialog, printing).
Standard shortcuts come from :class:`QKeySequence.StandardKey` where Qt has one, so each
platform gets its own conventions.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from ..model.edits import actor_spellings
from ..model.entities import ACTOR_TYPES
from . import printing
from .export_dialog import show_export_dialog
from .help import help_actions
from .icons import redo_icon, undo_icon
from .plain import menu_text
from .qactions import keys, make_action

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document
    from .main_window import MainWindow

SK = QKeySequence.StandardKey
ACTOR_TYPE_KEY = "insert/actorType"
DEFAULT_ACTOR_TYPE = "person"


#: Choices of View > Size By: (mode, menu text, status tip).
SIZE_BY_CHOICES = (("links", "By &Links", "Draw cards with more links bigger"),
                   ("sources", "By &Sources",
                    "Draw cards cited by more articles (themselves or their links) bigger"),
                   ("centrality", "By &Centrality",
                    "Draw the actors most central to the network of relations bigger "
                    "(eigenvector centrality, ties weighted by independent origins)"),
                   ("none", "&None", "Draw every card at its own size"))
#: Choices of View > Fade Below Grade: (threshold, menu text).
GRADE_FILTERS = (("", "&Show All"), ("A1", "A1 (confirmed, completely reliable)"),
                 ("B2", "B2 (probably true, usually reliable)"),
                 ("C3", "C3 (possibly true, fairly reliable)"),
                 ("D4", "D4 (doubtful, not usually reliable)"))

#: Each actor type's menu text, its access key unlike the others' (Person and Place,
#: Organisation and Other began with the same letter).
_TYPE_KEYS = {"place": "P&lace", "other": "O&ther"}


def actor_type_text(t: str) -> str:
    return _TYPE_KEYS.get(t, f"&{t.capitalize()}")


class Actions:
    """Every QAction of the main window, as attributes (tests trigger them)."""

    def __init__(self, w: MainWindow) -> None:
        self._w = w

        act = functools.partial(make_action, w)

        files, editing, viewing = w.files, w.editing, w.viewing
        # File
        self.new = act("&New Board…", files.new_board, SK.New, "Create an empty board")
        self.open = act("&Open…", files.choose_and_open, SK.Open, "Open a board file")
        self.open_team = act("Open &Team Board…", w.team.choose_and_open, None,
                             "Open a board kept on your team's PostgreSQL server")
        self.team_conflicts = act("Team Board Con&flicts…", w.team.show_conflicts, None,
                                  "The edits of yours that lost a race on this team board: "
                                  "keep yours or take theirs")
        self.recent_menu = QMenu("Open &Recent", w)
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(self.recent_menu))
        self.save_as = act("Save a Cop&y As…", files.save_copy, SK.SaveAs,
                           "Write a self-contained copy of this board, history "
                           "included, to another file (this board stays open)")
        merging = w.merging
        self.compare_with = act("Compare &With…", merging.compare_with, None,
                                "Highlight on the board what a colleague's copy of it "
                                "added, changed and removed")
        self.merge_board = act("&Merge Board…", merging.merge_board, None,
                               "Bring a colleague's changes into this board (you decide "
                               "the conflicts; one undo step)")
        self.share_copy = act("S&hare Copy…", merging.share_copy, None,
                              "Write a copy to send, without history or without chosen "
                              "sources")
        self.author_name = act("A&uthor Name…", merging.ask_author, None,
                               "The name your changes are recorded under")
        self.import_article = act("&Import Article…", w.imports.choose_and_import, "Ctrl+I",
                                  "Import articles (.txt, .md, .html) or boards from other tools "
                                  "(.json, .canvas, .graphml, .ftm.jsonl, .csv)")
        self.export = act("&Export…", lambda: show_export_dialog(w), "Ctrl+E",
                          "Export the board as an image, PDF or another tool's format")
        self.export_report = act("E&xport Provenance Report…",
                                 lambda: show_export_dialog(w, "report"), None,
                                 "Every claim and link with its quotes, sources and grades "
                                 "(HTML or PDF)")
        self.print = act("&Print…", lambda: printing.print_board(w), SK.Print,
                         "Print the board (or the selected cards) on one page")
        self.print_poster = act("Print Po&ster…", lambda: printing.print_board(w, poster=True),
                                None, "Print the board across several pages")
        self.print_preview = act("Print Pre&view…", lambda: printing.print_preview(w), None,
                                 "See the printed pages first")
        self.close = act("&Close", w.close, SK.Close, "Close this window")
        self.quit = act("&Quit", quit_app, keys(SK.Quit, "Ctrl+Q"), "Quit EvidenceBoard")

        # Edit.  Undo/Redo name the command ("Undo Move card") in the Edit menu and in
        # the toolbar button's tooltip; the toolbar shows icons, so it never jumps.
        self.undo = w.undo_group.createUndoAction(w, "&Undo")
        self.undo.setShortcuts(keys(SK.Undo))
        self.undo.setIcon(undo_icon())
        self.redo = w.undo_group.createRedoAction(w, "&Redo")
        self.redo.setShortcuts(keys(SK.Redo, "Ctrl+Y", "Ctrl+Shift+Z"))
        self.redo.setIcon(redo_icon())
        self.cut = act("Cu&t", editing.cut, SK.Cut, "Cut the selected cards")
        self.copy = act("&Copy", editing.copy, SK.Copy, "Copy the selected cards")
        self.paste = act("&Paste", editing.paste, SK.Paste, "Paste cards")
        self.delete = act("&Delete", editing.delete_selection,
                          [QKeySequence(SK.Delete), QKeySequence("Backspace")],
                          "Delete the selected cards, links and group frames")
        self.select_all = act("Select &All", editing.select_all, SK.SelectAll)
        self.find = act("&Find…", editing.focus_search, keys(SK.Find, "Ctrl+F"),
                        "Search cards and links")

        # Insert.  An actor is created with the type last chosen (Insert ▸ Actor of
        # Type, or the Actor button's menu).
        self.add_actor = act("&Actor", lambda: editing.insert_card("actor"), "Ctrl+Shift+A")
        self.actor_type_menu = QMenu("Actor of T&ype", w)
        self.actor_type_group = QActionGroup(w)
        self.actor_type_actions: dict[str, QAction] = {}
        for t in ACTOR_TYPES:
            a = QAction(actor_type_text(t), w)
            a.setCheckable(True)
            a.setData(t)
            a.setStatusTip(f"Add a {t} card at the centre of the view")
            a.triggered.connect(lambda _c=False, t=t: editing.insert_card("actor", actor_type=t))
            self.actor_type_group.addAction(a)
            self.actor_type_menu.addAction(a)
            self.actor_type_actions[t] = a
        self.show_actor_type(self.last_actor_type())
        self.add_claim = act("&Claim", lambda: editing.insert_card("claim"), "Ctrl+Shift+C",
                             "Add a claim card at the centre of the view")
        self.add_note = act("&Note", lambda: editing.insert_card("note"), "Ctrl+Shift+N",
                            "Add a note card at the centre of the view")
        self.link_mode = act("&Link", editing.set_link_mode, "L",
                             "Draw links: drag from one card to another", checkable=True)

        # Actor: corrections of what the importer read, kept for the next import
        self.merge_actors = act("&Merge Actors", editing.merge_actors, "Ctrl+M",
                                "Merge the selected actor cards into one (the one cited "
                                "most keeps its name); later imports follow")
        self.merge_into_menu = QMenu("Merge &Into", w)
        self.merge_into_menu.setStatusTip("Merge the selected actor cards into this one")
        self.split_menu = QMenu("&Split Alias Out", w)
        self.split_menu.setStatusTip("Make a spelling of this actor a card of its own, "
                                     "with the citations that quote it")
        self.retype_menu = QMenu("Change Actor &Type", w)
        self.retype_actions: dict[str, QAction] = {}
        for t in ACTOR_TYPES:
            a = QAction(actor_type_text(t), w)
            a.setCheckable(True)
            a.setData(t)
            a.setStatusTip(f"The selected actors are of type {t}; later imports follow")
            a.triggered.connect(lambda _c=False, t=t: editing.retype_actors(t))
            self.retype_menu.addAction(a)
            self.retype_actions[t] = a
        self.not_an_actor = act("&Not an Actor", editing.not_an_actor, "Ctrl+Shift+Del",
                                "Remove the selected actor cards; the importer will not "
                                "propose these names again")
        self.show_corrections = act("&Remembered Corrections…", editing.show_corrections,
                                    None, "The corrections later imports into this board "
                                    "apply; forget one")

        # View
        self.zoom_in = act("Zoom &In", viewing.zoom_in, keys(SK.ZoomIn, "Ctrl++", "Ctrl+="))
        self.zoom_out = act("Zoom &Out", viewing.zoom_out, keys(SK.ZoomOut, "Ctrl+-"))
        self.fit_board = act("&Fit Board", viewing.fit_board, "Ctrl+0", "Show the whole board")
        self.fit_selection = act("Fit &Selection", viewing.fit_selection, "Ctrl+Shift+0")
        self.zoom_100 = act("&Actual Size (100%)", viewing.zoom_100, "Ctrl+1")
        self.grid = act("&Grid", viewing.set_grid_visible, "Ctrl+'", checkable=True)
        self.snap = act("S&nap to Grid", viewing.set_snap, "Ctrl+Shift+'", checkable=True)
        # Fade items graded below an Admiralty grade (the canvas draws them faded).
        self.grade_menu = QMenu("Fade &Below Grade", w)
        self.grade_group = QActionGroup(w)
        self.grade_actions: dict[str, QAction] = {}
        for label, text in GRADE_FILTERS:
            a = QAction(text, w)
            a.setCheckable(True)
            a.setData(label)
            a.setStatusTip("Show every card and link" if not label else
                           f"Fade cards and links graded below {label} (or not graded)")
            a.triggered.connect(lambda _c=False, label=label: viewing.set_grade_filter(label))
            self.grade_group.addAction(a)
            self.grade_menu.addAction(a)
            self.grade_actions[label] = a
        self.grade_actions[""].setChecked(True)
        # Size cards by importance (a display option stored in the board).
        self.size_by_menu = QMenu("Si&ze By", w)
        self.size_by_group = QActionGroup(w)
        self.size_by_actions: dict[str, QAction] = {}
        for mode, text, tip in SIZE_BY_CHOICES:
            a = QAction(text, w)
            a.setCheckable(True)
            a.setData(mode)
            a.setStatusTip(tip)
            a.triggered.connect(lambda _c=False, mode=mode: viewing.set_size_by(mode))
            self.size_by_group.addAction(a)
            self.size_by_menu.addAction(a)
            self.size_by_actions[mode] = a
        self.size_by_actions["links"].setChecked(True)

        # Help
        self.help_guide, self.about, self.about_qt = help_actions(w)

        self.board_actions = [self.show_corrections,
                              self.save_as, self.compare_with, self.merge_board,
                              self.share_copy, self.import_article, self.export,
                              self.export_report, self.print, self.print_poster,
                              self.print_preview, self.cut, self.copy,
                              self.paste, self.delete, self.select_all, self.find,
                              self.add_actor, self.add_claim, self.add_note, self.link_mode,
                              *self.actor_type_actions.values(),
                              self.zoom_in, self.zoom_out, self.fit_board,
                              self.fit_selection, self.zoom_100, self.grid, self.snap,
                              *self.grade_actions.values(),
                              *self.size_by_actions.values()]
        self.edit_actions = [self.cut, self.paste, self.delete, self.import_article,
                             self.merge_board,
                             self.add_actor, self.add_claim, self.add_note, self.link_mode,
                             *self.actor_type_actions.values()]

    def check_size_by(self, mode: str) -> None:
        self.size_by_actions.get(mode, self.size_by_actions["links"]).setChecked(True)
    def update(self, document: Document | None, selected: Sequence[str],
               group: str | None = None) -> None:
        """Enable what can be done now: nothing about a board when none is open, no
        change on a read-only board, clipboard and fitting by the selection (``group``:
        the frame selected on the canvas, which Delete removes)."""
        has_board = document is not None
        writable = document is not None and not document.read_only
        for a in self.board_actions:
            a.setEnabled(has_board)
        for a in self.edit_actions:
            if has_board:
                a.setEnabled(writable)
        self._update_corrections(document, selected, writable)
        has_cards = document is not None and any(i in document.board.cards for i in selected)
        self.copy.setEnabled(has_cards)
        self.cut.setEnabled(has_cards and writable)
        self.delete.setEnabled((bool(selected) or group is not None) and writable)
        self.fit_selection.setEnabled(bool(selected))
        self.team_conflicts.setEnabled(document is not None and document.team is not None)

    def _update_corrections(self, document: Document | None, selected: Sequence[str],
                            writable: bool) -> None:
        """The Actor menu follows the selection: Merge for two or more actor cards (Merge
        Into lists them), Split Alias Out for one actor with aliases (listed), Change
        Type and Not an Actor for a selection of actor cards only."""
        board = document.board if document is not None else None
        cards = [board.cards[i] for i in selected if i in board.cards] if board else []
        actors = [c for c in cards if c.kind == "actor"]
        only_actors = bool(actors) and len(actors) == len(cards)
        self.merge_actors.setEnabled(writable and len(actors) >= 2)
        self.merge_into_menu.clear()
        for c in actors if len(actors) >= 2 else []:
            a = self.merge_into_menu.addAction(_menu_text(c.title))
            a.setStatusTip(f"Merge the selected actors into “{c.title}”")
            a.triggered.connect(lambda _c=False, i=c.id: self._w.editing.merge_actors(i))
        self.merge_into_menu.menuAction().setEnabled(writable and len(actors) >= 2)
        self.split_menu.clear()
        one = actors[0] if len(actors) == 1 and len(cards) == 1 else None
        aliases = actor_spellings(one)[1:] if one is not None else []
        for alias in aliases:
            a = self.split_menu.addAction(_menu_text(alias))
            a.setStatusTip(f"Make “{alias}” an actor card of its own")
            a.triggered.connect(lambda _c=False, n=alias: self._w.editing.split_alias(n))
        self.split_menu.menuAction().setEnabled(writable and bool(aliases))
        types = {c.actor_type for c in actors}
        for t, a in self.retype_actions.items():
            a.setChecked(types == {t})
        self.retype_menu.menuAction().setEnabled(writable and only_actors)
        self.not_an_actor.setEnabled(writable and only_actors)

    def check_grade_filter(self, label: str) -> None:
        self.grade_actions.get(label, self.grade_actions[""]).setChecked(True)

    # ----------------------------------------------------------------- actor type
    def last_actor_type(self) -> str:
        value = self._w.settings.value(ACTOR_TYPE_KEY, DEFAULT_ACTOR_TYPE)
        return value if value in ACTOR_TYPES else DEFAULT_ACTOR_TYPE

    def remember_actor_type(self, actor_type: str) -> None:
        if actor_type in ACTOR_TYPES:
            self._w.settings.setValue(ACTOR_TYPE_KEY, actor_type)
            self.show_actor_type(actor_type)

    def show_actor_type(self, actor_type: str) -> None:
        """Tick the type in the menus and say in the Actor command what it makes."""
        self.actor_type_actions[actor_type].setChecked(True)
        tip = f"Add an actor card ({actor_type}) at the centre of the view"
        self.add_actor.setStatusTip(tip)
        self.add_actor.setToolTip(f"{tip}; the menu chooses another type")  # plain: ours

    def build_menus(self) -> None:
        w = self._w
        bar = w.menuBar()
        m = bar.addMenu("&File")
        m.addActions([self.new, self.open, self.open_team, self.team_conflicts])
        m.addMenu(self.recent_menu)
        m.addSeparator()
        m.addAction(self.save_as)
        m.addAction(self.share_copy)
        m.addSeparator()
        m.addActions([self.compare_with, self.merge_board, self.author_name])
        m.addSeparator()
        m.addActions([self.import_article, w.grouping.import_as_groups, self.export,
                      self.export_report])
        m.addSeparator()
        m.addActions([self.print, self.print_poster, self.print_preview])
        m.addSeparator()
        m.addActions([self.close, self.quit])

        m = bar.addMenu("&Edit")
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.cut, self.copy, self.paste, self.delete])
        m.addSeparator()
        m.addActions([self.select_all, self.find])
        m.addSeparator()
        m.addMenu(w.grouping.menu)

        m = bar.addMenu("&Insert")
        m.addAction(self.add_actor)
        m.addMenu(self.actor_type_menu)
        m.addActions([self.add_claim, self.add_note])
        m.addSeparator()
        m.addAction(self.link_mode)

        m = bar.addMenu("&View")
        m.addActions([self.zoom_in, self.zoom_out, self.zoom_100, self.fit_board,
                      self.fit_selection])
        m.addSeparator()
        m.addActions([self.grid, self.snap])
        m.addMenu(self.grade_menu)
        m.addMenu(self.size_by_menu)
        m.addAction(w.analysis.colour_by_community)
        m.addSeparator()
        for item in w.viewstate.menu_actions():
            if isinstance(item, QMenu):
                m.addMenu(item)
            else:
                m.addAction(item)
        m.addSeparator()
        for dock in w.docks():
            if dock is w.viewstate.dock or dock is w.analysis.timeline:
                continue  # View ▸ Filter… above, Analyze ▸ Timeline
            m.addAction(dock.toggleViewAction())
        m.addAction(w.toolbar_toggle_action())

        m = bar.addMenu("Ac&tor")
        m.addAction(self.merge_actors)
        m.addMenu(self.merge_into_menu)
        m.addMenu(self.split_menu)
        m.addSeparator()
        m.addMenu(self.retype_menu)
        m.addSeparator()
        m.addAction(self.not_an_actor)
        m.addSeparator()
        m.addAction(self.show_corrections)

        bar.addMenu(w.arranging.menu)
        w.analysis.build_menu(bar)

        m = bar.addMenu("&Help")
        m.addAction(self.help_guide)
        m.addSeparator()
        m.addActions([self.about, self.about_qt])

    def build_toolbar(self) -> QToolBar:
        tb = QToolBar("Main toolbar", self._w)
        tb.setObjectName("mainToolbar")
        tb.addActions([self.new, self.open])
        tb.addSeparator()
        tb.addActions([self.undo, self.redo])
        for a in (self.undo, self.redo):  # icons only: their text names the command
            button = tb.widgetForAction(a)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addSeparator()
        actor = QToolButton(tb)
        actor.setObjectName("actorButton")
        actor.setDefaultAction(self.add_actor)
        actor.setMenu(self.actor_type_menu)
        actor.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        actor.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addWidget(actor)
        tb.addActions([self.add_claim, self.add_note, self.link_mode])
        tb.addSeparator()
        tb.addActions([self.zoom_out, self.zoom_in, self.fit_board])
        tb.addSeparator()
        tb.addWidget(self._w.arranging.toolbar_button(tb))
        return tb


def _menu_text(name: str) -> str:
    """A name as a menu entry (:func:`.plain.menu_text`), not too long."""
    text = " ".join(name.split())
    return menu_text(text if len(text) <= 60 else text[:59] + "…")


def quit_app() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.closeAllWindows()
