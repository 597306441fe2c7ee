"""View > Size By (kept in the board file, shown in exports) and the first view of a
board (fitted once the window has its final size)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from evidenceboard.document import Document
from evidenceboard.export.run import export_board
from evidenceboard.model import Card, Edit, Link
from evidenceboard.render.importance import SIZE_BY_SETTING
from evidenceboard.windows.main_window import MainWindow


def hub_board(path: Path) -> tuple[str, str]:
    """An actor with twelve links to actors around it, and one of them."""
    doc = Document.create(path)
    hub = Card.create("actor", "Hub Person", actor_type="person", x=0.0, y=0.0)
    ents: list = [hub]
    leaf_id = ""
    for i in range(12):
        leaf = Card.create("actor", f"Leaf {i}", actor_type="place",
                           x=-1200.0 + 220.0 * i, y=600.0 if i % 2 else -600.0)
        leaf_id = leaf_id or leaf.id
        ents += [leaf, Link.create(hub.id, leaf.id, label="met", unsourced=True)]
    doc.apply(Edit("Seed", tuple(ents)))
    doc.close()
    return hub.id, leaf_id


def make_window(qtbot, tmp_path: Path, board: Path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.files.open_board(board)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_size_by_menu_draws_hubs_bigger_and_the_board_remembers(qtbot, tmp_path: Path):
    board = tmp_path / "hub.evboard"
    hub, leaf = hub_board(board)
    w = make_window(qtbot, tmp_path, board)
    scene = w.scene
    # By links is the default: the hub (12 links) is drawn bigger, about its centre.
    assert w.acts.size_by_actions["links"].isChecked()
    big = scene.card_rect(hub)
    assert big.width() > 200 * 1.3 and abs(big.center().x() - 100.0) < 1e-6
    assert scene.card_rect(leaf).width() == 200  # one link: its own size
    w.acts.size_by_actions["none"].trigger()
    assert scene.card_rect(hub).width() == 200
    assert w.document.board.setting(SIZE_BY_SETTING) == "none"
    assert w.controller.stack.count() == 0  # a way of looking, not an undo step
    assert w.document.board.cards[hub].width == 200.0  # the stored size never changes
    w.acts.size_by_actions["sources"].trigger()  # nothing is cited: all equal
    assert scene.card_rect(hub).width() == 200
    w.acts.size_by_actions["links"].trigger()
    assert scene.card_rect(hub).width() == big.width()
    w.acts.size_by_actions["none"].trigger()
    w.close()
    # Reopened, the board is shown as it was left, in the menu too.
    w2 = make_window(qtbot, tmp_path, board)
    assert w2.acts.size_by_actions["none"].isChecked()
    assert w2.scene.card_rect(hub).width() == 200
    w2.close()


def _painted(board) -> QImage:
    """The board painted by the exports' painter, one pixel per scene unit."""
    from PySide6.QtGui import QPainter

    from evidenceboard.render import Theme
    from evidenceboard.render.board import board_bounds, paint_board
    rect = board_bounds(board)
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.translate(-rect.left(), -rect.top())
    paint_board(painter, board, Theme.light(), source=rect)
    painter.end()
    image.setOffset(rect.topLeft().toPoint())
    return image


def _at(image: QImage, x: float, y: float):
    return image.pixelColor(round(x - image.offset().x()), round(y - image.offset().y()))


def test_exports_draw_the_sizes_the_screen_shows(tmp_path: Path):
    board_path = tmp_path / "hub.evboard"
    hub_board(board_path)
    doc = Document.open(board_path)
    try:
        theme_page = _at(_painted(doc.board), -1150.0, 100.0)  # between the cards
        # Left of the hub's own 200-unit card, inside the card drawn bigger.
        assert _at(_painted(doc.board), -40.0, 36.0) != theme_page
        from evidenceboard.model import edits
        doc.apply(edits.set_setting(SIZE_BY_SETTING, "none"))
        assert _at(_painted(doc.board), -40.0, 36.0) == theme_page
        # The image export goes through that painter too.
        assert export_board(doc.board, "png", tmp_path / "none.png").exists()
    finally:
        doc.close()


def test_the_first_view_fits_the_board_once_the_window_has_its_size(qtbot, tmp_path: Path):
    board = tmp_path / "hub.evboard"
    hub_board(board)
    w = make_window(qtbot, tmp_path, board)
    view = w.view
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(w.scene.board_rect()))
    # The window (and its docks) change size after the first fit: the view follows.
    w.resize(900, 600)
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(w.scene.board_rect()))
    small = view.zoom_level()
    w.resize(1600, 1000)
    qtbot.waitUntil(lambda: view.zoom_level() > small * 1.2)
    assert view.visible_scene_rect().contains(w.scene.board_rect())
    # Once the user zooms, resizing no longer refits.
    w.acts.zoom_in.trigger()
    zoomed = view.zoom_level()
    w.resize(1000, 700)
    qtbot.wait(50)
    assert view.zoom_level() == zoomed
    w.close()
