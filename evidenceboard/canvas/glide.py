"""Cards gliding to where the model puts them (a layout, align or distribute).

The edit is applied first, as one undo step; the glide is only what the screen shows
meanwhile: the items start where they were and move to their model positions over
:data:`GLIDE_MS`, eased.  Like a drag, the moving cards are *live* (the links and the far
view follow the items, see :meth:`BoardScene.cards_live`).  Any other board event, a
mouse press or a new glide ends it at once with every card where the model says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QVariantAnimation

if TYPE_CHECKING:  # pragma: no cover
    from .scene import BoardScene

GLIDE_MS = 300


class CardGlide(QObject):
    """One glide of some cards from ``starts`` to their model positions."""

    def __init__(self, scene: BoardScene, starts: dict[str, tuple[float, float]],
                 duration_ms: int = GLIDE_MS) -> None:
        super().__init__(scene)
        self._scene = scene
        self._paths: dict[str, tuple[QPointF, QPointF]] = {}
        for cid, (x, y) in starts.items():
            item = scene.item_for(cid)
            if item is None:
                continue
            end = QPointF(item.card.x, item.card.y)
            if end != QPointF(x, y):
                self._paths[cid] = (QPointF(x, y), end)
        self.ids = frozenset(self._paths)
        self.running = False
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(max(1, duration_ms))
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._step)
        self._anim.finished.connect(self.stop)

    def start(self) -> None:
        if not self._paths:
            return
        self.running = True
        self._step(0.0)
        self._anim.start()

    def _step(self, t: object) -> None:
        if not self.running:
            return
        f = float(t)  # type: ignore[arg-type]
        for cid, (a, b) in self._paths.items():
            item = self._scene.item_for(cid)
            if item is not None:
                item.setPos(a + (b - a) * f)
        self._scene.cards_live(self.ids)

    def stop(self) -> None:
        """End now: every card where the model says."""
        if not self.running:
            return
        self.running = False
        self._anim.stop()
        for cid in self.ids:
            item = self._scene.item_for(cid)
            if item is not None:
                item.setPos(item.card.x, item.card.y)
        self._scene.glide_ended(self)
