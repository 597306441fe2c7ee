"""Real board files and a shown BoardView for the canvas tests, with helpers that drive
real mouse gestures through qtbot on the viewport."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from board_rows import file_rows  # noqa: F401  (re-exported to the canvas tests)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from evidenceboard.canvas import BoardScene, BoardView
from evidenceboard.commands.controller import EditController
from evidenceboard.document import Document
from evidenceboard.model import Card, Citation, Edit, Link, Source

TEXT = ("Officials said the Falcon jet landed in Tel Aviv on Monday. "
        "The ministry denied that any meeting took place. "
        "שלום עולם — a Hebrew line.")


@dataclass
class Seeded:
    path: Path
    source: Source
    a: Card  # actor at (0, 0)
    b: Card  # actor at (400, 0)
    c: Card  # actor at (0, 200)
    claim: Card  # claim at (460, 200)
    note: Card  # note at (800, 0)
    link: Link  # a -> b, cited


def make_board(path: Path) -> Seeded:
    doc = Document.create(path)
    source = Source.create(TEXT, title="Landing", outlet="Wire", reliability="B")
    a = Card.create("actor", "Amira Haddad", actor_type="person", x=0, y=0)
    b = Card.create("actor", "Ministry of Ports", actor_type="organisation", x=400, y=0)
    c = Card.create("actor", "Falcon jet", actor_type="aircraft", x=0, y=200)
    claim = Card.create("claim", "The ministry denied that any meeting took place.",
                        speaker="Ministry of Ports", stance="denies", x=460, y=200)
    note = Card.create("note", "Check the date", body="Monday or Tuesday?", x=800, y=0)
    link = Link.create(a.id, b.id, label="met", confidence="confirmed")
    start = TEXT.index("The ministry")
    cites = [Citation.create(source, 0, 9, card_id=a.id, credibility=2),
             Citation.create(source, start, start + 48, card_id=claim.id, credibility=3),
             Citation.create(source, 0, 30, link_id=link.id, credibility=2)]
    doc.apply(Edit("Seed", (source, a, b, c, claim, note, link, *cites)))
    doc.close()
    return Seeded(path, source, a, b, c, claim, note, link)


def reopen_cards(path: Path) -> dict[str, Card]:
    doc = Document.open(path)
    try:
        return dict(doc.board.cards)
    finally:
        doc.close()


class Canvas:
    """A document, controller, scene and a shown 900 x 700 view at 100% zoom."""

    def __init__(self, qtbot, path: Path, size: tuple[int, int] = (900, 700)) -> None:
        self.qtbot = qtbot
        self.path = path
        self.doc = Document.open(path)
        self.controller = EditController(self.doc)
        self.scene = BoardScene(self.controller)
        self.view = BoardView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(*size)
        self.view.show()
        qtbot.waitExposed(self.view)
        self.view.set_zoom(1.0)
        self.view.centerOn(QPointF(400, 150))
        self.requests: list[tuple[str, str]] = []
        self.failures: list[str] = []
        self.scene.linkRequested.connect(lambda a, b: self.requests.append((a, b)))
        self.scene.editFailed.connect(self.failures.append)

    @property
    def board(self):
        return self.controller.board

    @property
    def viewport(self):
        return self.view.viewport()

    def at(self, x: float, y: float) -> QPoint:
        """Viewport position of scene point (x, y)."""
        return self.view.mapFromScene(QPointF(x, y))

    def card_point(self, card_id: str, fx: float = 0.5, fy: float = 0.85) -> QPoint:
        """A point inside a card (fractions of its size; default: low middle, away from
        the title and the link handle)."""
        c = self.board.cards[card_id]
        return self.at(c.x + c.width * fx, c.y + c.height * fy)

    def handle_point(self, card_id: str) -> QPoint:
        c = self.board.cards[card_id]
        return self.at(c.x + c.width, c.y + c.height / 2)

    def drag(self, start: QPoint, end: QPoint, *,
             button: Qt.MouseButton = Qt.MouseButton.LeftButton,
             modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
             steps: int = 8, release: bool = True) -> None:
        """Press at ``start``, move in ``steps`` steps to ``end``, release there."""
        qtbot, vp = self.qtbot, self.viewport
        qtbot.mouseMove(vp, start)
        qtbot.mousePress(vp, button, modifier, start)
        for i in range(1, steps + 1):
            p = QPoint(start.x() + (end.x() - start.x()) * i // steps,
                       start.y() + (end.y() - start.y()) * i // steps)
            qtbot.mouseMove(vp, p)
        if release:
            qtbot.mouseRelease(vp, button, modifier, end)
        QApplication.processEvents()

    def click(self, pos: QPoint, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
        self.qtbot.mouseMove(self.viewport, pos)
        self.qtbot.mouseClick(self.viewport, button, modifier, pos)
        QApplication.processEvents()

    def close(self) -> None:
        self.scene.detach()
        self.view.close()
        self.doc.close()
