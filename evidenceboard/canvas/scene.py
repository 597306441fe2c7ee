"""The board scene: the model's cards and links as things you can see and touch.

The scene follows the model only.  It subscribes to the board's events and adds, changes
and removes items in response (a model-id -> item map), so undo and redo refresh the
canvas for free.  The scene runs one gesture at a time (:meth:`BoardScene.set_gesture`):
it picks it when the left button goes down, forwards mouse and key events to it, and
turns the intents it reports (:class:`~evidenceboard.canvas.gestures.GestureHost`) into
edits through ``controller.do`` — never by writing the model itself.

Cards are :class:`~evidenceboard.canvas.items.CardItem` objects in the scene's BSP index;
links are painted by one :class:`~evidenceboard.canvas.link_layer.LinkLayer` from a grid
index; :attr:`far` keeps the batched far view (:class:`evidenceboard.render.FarLayer`)
that the view paints when zoomed out on a big board.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QTransform
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from ..analysis.contradictions import is_contradiction
from ..analysis.grading import Grade, faded_ids
from ..commands.controller import EditController
from ..model import BoardEvent, Card, Link, Setting, edits
from ..render import COMPACT_LOD, DecorCache, FarLayer, Theme, card_tooltip, link_tooltip
from ..safe_text import tooltip_html
from .backdrop import paint_grid
from .frames import GroupFrames
from .gestures import BandGesture, Gesture, LinkGesture, MoveGesture, ResizeGesture
from .glide import CardGlide
from .group_gestures import group_double_click, group_press, moved_and_regrouped
from .items import CardItem
from .link_layer import LinkLayer
from .selection import band_selection, click_card, click_link, is_additive, press_card
from .sizing import SceneSizes
from .visibility import Visibility

GRID_SIZE = 20.0
SCENE_MARGIN = 3000.0
NUDGE_STEP = 1.0
NUDGE_BIG_STEP = 10.0
INDEX_DELAY_MS = 300
_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
           Qt.Key.Key_Down: (0, 1)}


class BoardScene(QGraphicsScene):
    """Cards and links of ``controller.board``; see the module docstring."""

    #: A link was drawn from one card to another (the window asks for its evidence).
    linkRequested = Signal(str, str)
    #: A gesture could not become an edit; one line saying why.
    editFailed = Signal(str)
    #: A card was double-clicked outside its title (the window opens the inspector).
    cardActivated = Signal(str)
    #: A card's title was double-clicked: the view opens the in-place editor.
    titleEditRequested = Signal(str)
    #: Anything painted changed (views with cached pictures refresh them).
    contentChanged = Signal()
    #: Cards moved on screen during a gesture (the far view repaints its overlay).
    liveChanged = Signal()

    def __init__(self, controller: EditController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.board = controller.board
        self.theme = Theme.from_palette()
        self.decor = DecorCache(self.board)
        self.far = FarLayer(self.theme)
        self.grid_size = GRID_SIZE
        self.snap = False
        self.link_mode = False
        self.gesture: Gesture | None = None
        #: Cards gliding to a layout's positions (the edit is already applied).
        self.glide: CardGlide | None = None
        #: Bumped when a glide ends (what was read from the items meanwhile is stale).
        self.glide_revision = 0
        #: Cards pinned in place (layouts leave them; drawn with a pin).
        self.pinned: frozenset[str] = edits.pinned_ids(self.board)
        self.selected_link_ids: set[str] = set()
        self.faded: set[str] = set()
        self._grade_filter: Grade | None = None
        #: Cards and links a filter in fade mode fades (with those below the grade).
        self._filter_faded: set[str] = set()
        #: colours cards are drawn in instead of their own (Colour by Community)
        self.display_colors: dict[str, str] = {}
        #: What is hidden and why (filters, Hide Selected, the relations view).
        self.visibility = Visibility(self)
        self.visibility.on_changed(self._apply_visibility)
        #: Text shown instead of a link's label (a bundle of relations: its counts).
        self.link_captions: dict[str, str] = {}
        #: Bumped when the selection / on-screen positions change (views cache on them).
        self.selection_revision = 0
        self.live_revision = 0
        self._grid_visible = False
        self._items: dict[str, CardItem] = {}
        self._content = QRectF()
        self._attached = False
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._bump_selection)
        self.links = LinkLayer(self)
        #: Cards drawn bigger by importance (View ▸ Size by).
        self.sizing = SceneSizes(self)
        self._populate()
        #: Group frames (and collapsed groups' boxes), see :mod:`.frames`.
        self.frames = GroupFrames(self)
        self.board.subscribe(self._on_event)
        self._attached = True
        # The link index is built in idle-time slices once the board is on screen, so
        # opening never waits for it and zooming in rarely does.
        self._index_timer = QTimer(self)
        self._index_timer.setInterval(0)
        self._index_timer.timeout.connect(self._index_step)
        QTimer.singleShot(INDEX_DELAY_MS, self, self._index_timer.start)

    # ================================================================= building
    def _populate(self) -> None:
        board, far, add = self.board, self.far, self.addItem
        items = self._items
        scale = self.sizing.scale
        rect: QRectF | None = None
        for card in board.cards.values():
            item = CardItem(self, card)
            s = scale(card.id)
            if s != 1.0:
                item.set_display_scale(s)
            add(item)
            items[card.id] = item
            r = item.card_rect()
            far.put_card(card, r)
            rect = r if rect is None else rect.united(r)
        self.links.add_links(board.links.values())
        for link in board.links.values():
            far.put_link(link, is_contradiction(board, link))
        self._content = rect if rect is not None else QRectF()
        self._update_scene_rect(force=True)

    def _grow(self, card: Card) -> None:
        self.include_rect(QRectF(card.x, card.y, card.width, card.height))

    def include_rect(self, r: QRectF) -> None:
        """The board's content reaches ``r`` (a card drawn there)."""
        if self._content.isNull():
            self._content = r
        elif not self._content.contains(r):
            self._content = self._content.united(r)
        else:
            return
        self._update_scene_rect()

    def _update_scene_rect(self, force: bool = False) -> None:
        c = self._content if not self._content.isNull() else QRectF(-400, -300, 800, 600)
        margin = max(SCENE_MARGIN, 0.5 * max(c.width(), c.height()))
        wanted = c.adjusted(-margin, -margin, margin, margin)
        current = self.sceneRect() if not force else QRectF()
        if force or not current.contains(c.adjusted(-SCENE_MARGIN / 2, -SCENE_MARGIN / 2,
                                                     SCENE_MARGIN / 2, SCENE_MARGIN / 2)):
            rect = wanted if force else current.united(wanted)
            self.setSceneRect(rect)

    def _bump_selection(self) -> None:
        self.selection_revision += 1

    def _index_step(self) -> None:
        if self.links.build_index_step():
            self._index_timer.stop()

    def detach(self) -> None:
        """Stop following the board (the window is closing it)."""
        self._index_timer.stop()
        self.set_gesture(None)
        if self._attached:
            self.board.unsubscribe(self._on_event)
            self._attached = False

    # ================================================================= model events
    def _on_event(self, ev: BoardEvent) -> None:
        self.stop_glide()
        self.links.begin_batch()
        try:
            self._follow(ev)
        finally:
            self.links.end_batch()
        self.contentChanged.emit()

    def _follow(self, ev: BoardEvent) -> None:
        board, far, links = self.board, self.far, self.links
        link_selection_changed = False
        moved: list[str] = []
        added_ids: set[str] = set()
        for e in ev.removed:
            if isinstance(e, Card):
                item = self._items.pop(e.id, None)
                if item is not None:
                    if self.gesture is not None and e.id in self.gesture.holds():
                        self.set_gesture(None)
                    self.removeItem(item)
                far.remove_card(e.id)
            elif isinstance(e, Link):
                links.remove(e.id)
                far.remove_link(e.id)
                if e.id in self.selected_link_ids:
                    self.selected_link_ids.discard(e.id)
                    link_selection_changed = True
        for e in ev.added:
            if isinstance(e, Card):
                item = CardItem(self, e)
                self.addItem(item)
                self._items[e.id] = item
                far.put_card(e, item.card_rect())
                self._grow(e)
                added_ids.add(e.id)
            elif isinstance(e, Link):
                links.add(e)
                far.put_link(e, is_contradiction(board, e))
                added_ids.add(e.id)
        hidden = self.visibility
        for old, new in ev.changed:
            if isinstance(new, Card):
                item = self._items.get(new.id)
                if item is not None:
                    item.set_card(new)
                if not hidden.is_hidden(new.id):
                    far.put_card(new, item.card_rect() if item is not None else None)
                if not isinstance(old, Card) or (old.x, old.y, old.width, old.height) != \
                        (new.x, new.y, new.width, new.height):
                    moved.append(new.id)
                    self._grow(new)
            elif isinstance(new, Link):
                if new.id in links.links:
                    links.change(new)
                    far.put_link(new, is_contradiction(board, new))
                else:
                    added_ids.add(new.id)  # hidden: shown again below if it should be
        moved += self.frames.follow(ev)
        if moved:
            links.cards_moved(moved, live=False)
        self.sizing.follow(ev)
        touched = self.decor.invalidate(ev)
        if self._grade_filter is not None:
            self._refade(touched | added_ids)
        for i in touched:
            item = self._items.get(i)
            if item is not None:
                item.refresh()
            elif i in links.links:
                links.refresh([i])
                far.put_link(links.links[i], is_contradiction(board, links.links[i]))
        if hidden.hidden_ids():
            # what this edit added or changed follows what is hidden (its cards too)
            self._apply_visibility(added_ids | {n.id for _, n in ev.changed})
        if any(isinstance(e, Setting) and e.id == edits.PINNED_SETTING
               for e in (*ev.added, *(n for _, n in ev.changed), *ev.removed)):
            self._repin()
        if link_selection_changed:
            self.selectionChanged.emit()

    def _repin(self) -> None:
        pinned = edits.pinned_ids(self.board)
        changed, self.pinned = pinned ^ self.pinned, pinned
        for i in changed:
            item = self._items.get(i)
            if item is not None:
                item.refresh()

    # ================================================================= glides
    def glide_from(self, starts: dict[str, tuple[float, float]],
                   duration_ms: int | None = None) -> CardGlide:
        """The cards of ``starts`` moved in the model: show them gliding there from
        these top-left corners (see :mod:`.glide`)."""
        self.stop_glide()
        glide = CardGlide(self, starts) if duration_ms is None \
            else CardGlide(self, starts, duration_ms)
        self.glide = glide
        glide.start()
        if not glide.running:
            self.glide = None
        return glide

    def stop_glide(self) -> None:
        if self.glide is not None:
            self.glide.stop()

    def glide_ended(self, glide: CardGlide) -> None:
        if self.glide is glide:
            self.glide = None
        self.glide_revision += 1
        self.cards_live(glide.ids, landed=True)
        glide.deleteLater()
        self.contentChanged.emit()

    @property
    def gliding(self) -> bool:
        return self.glide is not None

    # ================================================================= visibility
    def _apply_visibility(self, ids: set[str]) -> None:
        """Show or hide the items of these ids (cards take their links along)."""
        board, far, links = self.board, self.far, self.links
        link_ids: set[str] = set()
        selection_changed = False
        for i in ids:
            card = board.cards.get(i)
            if card is not None:
                item = self._items.get(i)
                hide = self.visibility.is_hidden(i)
                if item is not None and item.isVisible() == hide:
                    if hide and item.isSelected():
                        selection_changed = True
                    item.setVisible(not hide)
                    if hide:
                        far.remove_card(i)
                    else:
                        far.put_card(card, item.card_rect())
                link_ids.update(lk.id for lk in board.links_of(i))
            elif i in board.links:
                link_ids.add(i)
        links.begin_batch()
        try:
            for lid in sorted(link_ids):
                hide = self.visibility.link_hidden(board, lid)
                shown = lid in links.links
                if hide and shown:
                    links.remove(lid)
                    far.remove_link(lid)
                    if lid in self.selected_link_ids:
                        self.selected_link_ids.discard(lid)
                        selection_changed = True
                elif not hide and not shown:
                    link = board.links[lid]
                    links.add(link)
                    far.put_link(link, is_contradiction(board, link))
        finally:
            links.end_batch()
        if ids:
            self.contentChanged.emit()
        if selection_changed:
            self.selectionChanged.emit()

    def is_shown(self, id_: str) -> bool:
        """A card or link is on screen (not hidden by any reason)."""
        if id_ in self._items:
            return not self.visibility.is_hidden(id_)
        return id_ in self.links.links

    def shown_rect(self) -> QRectF:
        """Where the cards on screen are (all cards when none is hidden)."""
        if not self.visibility.hidden_ids():
            return self.board_rect()
        rect = QRectF()
        for item in self._items.values():
            if item.isVisible():
                r = item.card_rect()
                rect = r if rect.isNull() else rect.united(r)
        return rect

    def set_link_captions(self, captions: dict[str, str]) -> None:
        """Show these texts instead of the links' labels (None of them: labels)."""
        if captions == self.link_captions:
            return
        changed = set(captions) ^ set(self.link_captions)
        changed |= {i for i in captions if self.link_captions.get(i) != captions[i]}
        self.link_captions = dict(captions)
        self.links.refresh([i for i in changed if i in self.links.links])
        self.contentChanged.emit()

    def set_display_colors(self, colors: dict[str, str]) -> None:
        """Draw these cards in these colours instead of their own ("#rrggbb" by card
        id; a way of looking, never an edit)."""
        if colors == self.display_colors:
            return
        changed = set(colors) ^ set(self.display_colors)
        changed |= {i for i in colors if self.display_colors.get(i) != colors[i]}
        self.display_colors = dict(colors)
        self.far.set_display_colors(colors)
        for cid in changed:
            item = self._items.get(cid)
            if item is not None:
                item.refresh()
        self.contentChanged.emit()

    def set_filter_faded(self, ids: set[str]) -> None:
        """Fade these cards and links (a filter in fade mode)."""
        if ids == self._filter_faded:
            return
        self._filter_faded = set(ids)
        self._refade(None)
        self.contentChanged.emit()

    # ================================================================= queries
    def item_for(self, id_: str) -> CardItem | None:
        """The item showing card ``id_`` (links have no item of their own)."""
        return self._items.get(id_)

    def card_items(self) -> Iterable[CardItem]:
        return self._items.values()

    def card_count(self) -> int:
        return len(self._items)

    def card_rect(self, card_id: str) -> QRectF | None:
        """Where a card is drawn (hidden in a collapsed group: the group's box)."""
        box = self.frames.stand_in(card_id) if self._attached else None
        if box is not None:
            return box
        item = self._items.get(card_id)
        return item.card_rect() if item is not None else None

    def board_rect(self) -> QRectF:
        """Where the cards are (empty rect for an empty board)."""
        return QRectF(self._content)

    def bounds_of(self, ids: Iterable[str]) -> QRectF:
        """The scene rectangle around these cards and links (null if none is here)."""
        rect = QRectF()
        for i in ids:
            r = self.card_rect(i)
            if r is None and i in self.links.links:
                r = self.links.bounds_of(i)
            if r is not None:
                rect = r if rect.isNull() else rect.united(r)
        return rect

    def card_item_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for it in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                             Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(it, CardItem) and it is not exclude:
                return it
        return None

    def card_ids_in(self, rect: QRectF) -> list[str]:
        """The cards a rectangle touches (scene coordinates)."""
        return [it.card_id for it in self.items(rect, Qt.ItemSelectionMode.IntersectsItemShape,
                                                Qt.SortOrder.DescendingOrder, QTransform())
                if isinstance(it, CardItem)]

    @property
    def editable(self) -> bool:
        return not self.controller.document.read_only

    # ================================================================= selection
    def selected_card_items(self) -> list[CardItem]:
        return [i for i in self.selectedItems() if isinstance(i, CardItem)]

    def selected_ids(self) -> list[str]:
        """Selected cards (top to bottom, left to right) then selected links (by id)."""
        cards = sorted((i.card for i in self.selected_card_items()),
                       key=lambda c: (c.y, c.x, c.id))
        return [c.id for c in cards] + sorted(self.selected_link_ids)

    def select_ids(self, ids: Iterable[str], keep_group: bool = False) -> None:
        """Select exactly these cards and links (one selectionChanged signal); the
        frame selected stays selected with ``keep_group`` (a Ctrl or Shift click)."""
        ids = list(ids)
        want_cards = {i for i in ids if i in self._items}
        want_links = {i for i in ids if i in self.links.links}
        before = ({i.card_id for i in self.selected_card_items()},
                  set(self.selected_link_ids))
        group_changed = False if keep_group else self.frames.select(None)
        self.blockSignals(True)
        try:
            for item in self.selected_card_items():
                if item.card_id not in want_cards:
                    item.setSelected(False)
            for i in want_cards:
                self._items[i].setSelected(True)
        finally:
            self.blockSignals(False)
        self.set_selected_links(want_links, notify=False)
        if before != (want_cards, want_links) or group_changed:
            self.selectionChanged.emit()

    def set_selected_links(self, ids: set[str], notify: bool = True) -> bool:
        """Select exactly these links (cards unchanged); True if that changed anything.
        ``notify`` emits selectionChanged then."""
        if ids == self.selected_link_ids:
            return False
        changed = ids ^ self.selected_link_ids
        self.selected_link_ids = set(ids)
        self.links.repaint(changed)
        if notify:
            self.selectionChanged.emit()
        return True

    def clear_selection(self) -> None:
        """Esc: nothing selected."""
        self.select_ids([])

    # ================================================================= grid, snap, filter
    def set_grid_visible(self, on: bool) -> None:
        self._grid_visible = bool(on)
        self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)
        self.contentChanged.emit()

    def grid_visible(self) -> bool:
        return self._grid_visible

    def set_snap(self, on: bool) -> None:
        self.snap = bool(on)

    def set_link_mode(self, on: bool) -> None:
        self.link_mode = bool(on)

    def grade_filter(self) -> Grade | None:
        return self._grade_filter

    def set_grade_filter(self, threshold: Grade | None) -> None:
        """Fade cards and links graded below ``threshold`` (None shows all)."""
        self._grade_filter = threshold
        self._refade(None)
        self.contentChanged.emit()

    def _refade(self, ids: set[str] | None) -> None:
        extra = self._filter_faded
        if ids is None:
            new = faded_ids(self.board, self._grade_filter) | extra
            changed = new ^ self.faded
            self.faded = new
        else:
            now = faded_ids(self.board, self._grade_filter, ids) | (extra & ids)
            changed = {i for i in ids if (i in now) != (i in self.faded)}
            self.faded = (self.faded - ids) | now
        self.far.set_faded(self.faded)
        for i in changed:
            item = self._items.get(i)
            if item is not None:
                item.set_state(faded=i in self.faded)
        self.links.refresh([i for i in changed if i in self.links.links])

    def set_theme(self, theme: Theme) -> None:
        """Repaint everything in another theme (the system palette changed)."""
        self.theme = theme
        self.far.set_theme(theme)
        for item in self._items.values():
            item.refresh()
        self.links.refresh_all()
        self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)
        self.contentChanged.emit()

    # ================================================================= editing
    def may_edit(self) -> bool:
        """Whether the board takes edits; when it does not, :attr:`editFailed` says why."""
        if self.editable:
            return True
        reason = self.controller.document.store.read_only_reason or "it is read-only"
        self.editFailed.emit(f"cannot change this board: {reason}")
        return False

    def rename_card(self, card_id: str, title: str) -> bool:
        card = self.board.cards.get(card_id)
        if card is None or not title.strip() or title.strip() == card.title \
                or not self.may_edit():
            return False
        return self.controller.do(edits.rename_card(card, title))

    def nudge(self, dx: int, dy: int, big: bool) -> bool:
        cards = [i.card for i in self.selected_card_items()]
        if not cards or not self.may_edit():
            return False
        if self.snap:
            g = self.grid_size * (5 if big else 1)
            positions = {c.id: (round((c.x + dx * g) / g) * g, round((c.y + dy * g) / g) * g)
                         for c in cards}
        else:
            step = NUDGE_BIG_STEP if big else NUDGE_STEP
            positions = {c.id: (c.x + dx * step, c.y + dy * step) for c in cards}
        return self.controller.do(edits.move_cards(self.board, positions),
                                  merge_id=EditController.NUDGE)

    # ================================================================= gestures
    def set_gesture(self, gesture: Gesture | None) -> None:
        """Run ``gesture`` (None: no gesture): the one way a gesture starts and stops.
        One still running is cancelled first (its cards go back)."""
        old, self.gesture = self.gesture, gesture
        if old is not None:
            if not old.done:
                old.cancel()
            self.liveChanged.emit()

    def _gesture_for_press(self, event: QGraphicsSceneMouseEvent) -> Gesture | None:
        """The left button went down: what it starts depends on what is under it —
        a card's link handle (or any card in link mode) draws a link, a selected card's
        grip resizes it, a card is selected and may be dragged, a link is selected, and
        empty space starts a rubber band."""
        pos, additive = event.scenePos(), is_additive(event.modifiers())
        snap = self.grid_size if self.snap else None
        item = self.card_item_at(pos)
        if item is None:
            frame = group_press(self, pos, snap, additive)
            if frame is not None:
                return frame
        if not additive and self.frames.select(None):
            self.selectionChanged.emit()
        if item is not None:
            local = item.mapFromScene(pos)
            # (The handle shows while the mouse is over the card: it is, at a press.)
            if self.link_mode or item.on_handle(local):
                return LinkGesture(self, item, pos)
            if item.isSelected() and self.editable and item.on_resize_grip(local):
                return ResizeGesture(self, item, pos, snap)
            press_card(self, item.card_id, item.isSelected(), additive)
            return MoveGesture(self, item, pos, self.selected_card_items(), snap)
        hit = self.links.link_at(pos, 6.0 / max(self._view_scale(), 1e-6))
        if hit is not None:
            click_link(self, hit, additive)
            return None
        if not additive:
            self.clear_selection()
        return BandGesture(self, pos, frozenset(self.selected_ids()))

    def _after_gesture_event(self) -> None:
        if self.gesture is not None and self.gesture.done:
            self.set_gesture(None)

    def live_ids(self) -> frozenset[str]:
        live = self.gesture.live_ids if self.gesture is not None else frozenset()
        if self.glide is not None:
            live = live | self.glide.ids
        return live

    # ----------------------------------------------------------------- intents
    # What gestures report (GestureHost); card_at is card_item_at.
    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        return self.card_item_at(pos, exclude)

    def cards_live(self, ids: Iterable[str], *, landed: bool = False) -> None:
        self.live_revision += 1
        ids = list(ids)
        boxed = self.frames.refit_of(ids) if landed else self.frames.cards_live(ids)
        self.links.cards_moved([*ids, *boxed], live=not landed)
        if landed:
            self.links.land()
        self.liveChanged.emit()

    def overlay_changed(self, rect: QRectF) -> None:
        if rect.isNull():
            return
        pad = 16.0 / max(self._view_scale(), 1e-6)  # pens and arrowheads drawn in pixels
        self.update(rect.adjusted(-pad, -pad, pad, pad))

    def card_clicked(self, card_id: str, additive: bool) -> None:
        click_card(self, card_id, additive)

    def cards_moved(self, positions: dict[str, tuple[float, float]]) -> bool:
        """Cards dragged: moved, and into (or out of) the frame they were dropped in."""
        return self.controller.do(moved_and_regrouped(self, positions))

    def group_moved(self, group_id: str, positions: dict[str, tuple[float, float]]) -> bool:
        return self.controller.do(edits.move_cards(self.board, positions))

    def group_clicked(self, group_id: str) -> None:
        self.clear_selection()
        if self.frames.select(group_id):
            self.selectionChanged.emit()

    def card_resized(self, card_id: str, width: float, height: float) -> bool:
        return self.controller.do(edits.resize_card(self.board, card_id, width, height))

    def link_drawn(self, from_id: str, to_id: str) -> None:
        self.linkRequested.emit(from_id, to_id)

    def band_selected(self, rect: QRectF, keep: frozenset[str]) -> None:
        band_selection(self, rect, keep)

    def card_double_clicked(self, item: CardItem, pos: QPointF) -> None:
        """On the title (readable at this zoom): edit it in place; else activate."""
        if item.on_title(pos) and self.editable and self._view_scale() >= COMPACT_LOD:
            self.titleEditRequested.emit(item.card_id)
        else:
            self.cardActivated.emit(item.card_id)

    # ================================================================= Qt events
    def _view_scale(self) -> float:
        views = self.views()
        return views[0].transform().m11() if views else 1.0

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.stop_glide()
        if self.gesture is not None:
            if event.buttons() & ~event.button():  # pressed during a drag: ignored
                event.accept()
                return
            self.set_gesture(None)  # its release never came
        if event.button() != Qt.MouseButton.LeftButton:
            # A right click on a selected card keeps the selection (its context menu acts
            # on all of it: Merge needs two cards).  Elsewhere, Qt's own handling: a right
            # click clears the cards' selection unless Ctrl is held; then the view asks
            # the window for the context menu.
            item = self.card_item_at(event.scenePos())
            if event.button() == Qt.MouseButton.RightButton and item is not None \
                    and item.isSelected():
                event.accept()
                return
            super().mousePressEvent(event)
            return
        self.set_gesture(self._gesture_for_press(event))
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gesture is None:
            super().mouseMoveEvent(event)  # hover
            return
        self.gesture.mouse_move(event)
        self._after_gesture_event()
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gesture is None:
            super().mouseReleaseEvent(event)
            return
        self.gesture.mouse_release(event)
        self._after_gesture_event()
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.card_item_at(event.scenePos()) if self.gesture is None else None
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.card_double_clicked(item, item.mapFromScene(event.scenePos()))
            event.accept()
            return
        if item is None and self.gesture is None and group_double_click(self, event):
            event.accept()
            return
        self.mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.gesture is not None and self.gesture.key_press(event):
            self._after_gesture_event()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self.focusItem() is None and (
                self.selectedItems() or self.selected_link_ids):
            self.clear_selection()
            event.accept()
            return
        if key in _ARROWS and self.focusItem() is None:
            dx, dy = _ARROWS[Qt.Key(key)]
            big = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if self.selected_card_items():
                self.nudge(dx, dy, big)
                event.accept()
                return
        super().keyPressEvent(event)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips computed when asked (10,000 cards never build 10,000 strings)."""
        pos = event.scenePos()
        text = ""
        item = self.card_item_at(pos)
        if item is not None:
            text = card_tooltip(item.card, self.decor.card(item.card),
                                self.decor.backing(item.card_id))
        else:
            lid = self.links.link_at(pos, 6.0 / max(self._view_scale(), 1e-6))
            if lid is not None:
                link = self.links.links[lid]
                a, b = self.board.cards.get(link.from_id), self.board.cards.get(link.to_id)
                text = link_tooltip(link, a.title if a else "?", b.title if b else "?",
                                    self.decor.link(link), self.decor.backing(lid))
        if text:
            # (card and link text is plain: Qt would guess rich text for a tooltip)
            QToolTip.showText(event.screenPos(), tooltip_html(text), event.widget())
        else:
            QToolTip.hideText()
        event.setAccepted(bool(text))

    # ================================================================= painting
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Background, grid and links: everything under the cards, which the view keeps
        in its background cache (see link_layer)."""
        painter.fillRect(rect, self.theme.background)
        lod = painter.worldTransform().m11()
        if self._grid_visible:
            paint_grid(painter, rect, self.grid_size, self.theme, lod)
        self.links.paint(painter, rect, lod)

    def paint_backdrop(self, painter: QPainter, rect: QRectF) -> None:
        """Background and grid only (the far view draws its own links)."""
        painter.fillRect(rect, self.theme.background)
        if self._grid_visible:
            paint_grid(painter, rect, self.grid_size, self.theme,
                       painter.worldTransform().m11())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.gesture is not None:
            self.gesture.paint_overlay(painter, painter.worldTransform().m11(), self.theme)
