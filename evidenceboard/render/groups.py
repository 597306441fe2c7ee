"""How a group's frame looks, painted with QPainter: the canvas and every export.

An expanded group is a tinted, bordered frame around its cards with a title bar; a
collapsed one is a card-sized box with its title and counts ("12 cards · 3 actors ·
9 claims").  The rectangles come from :mod:`evidenceboard.model.group_edits`; here they
are worked out from the rectangles cards are *drawn* at (live positions during a drag,
Size By), so a frame always surrounds what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from ..model import Board, Card, Group
from ..model.group_edits import COLLAPSED_SIZE, FRAME_PADDING, HEADER_HEIGHT, group_counts
from .labels import TITLE_LOD, label_font
from .theme import Theme

#: The frame colour of a group without one of its own.
DEFAULT_FRAME_COLOR = "#4f7cac"
#: Frames are drawn below every card (card items stack by their y, within ±1,000,000).
FRAME_Z = -3.0e6
#: Zoomed out, a frame's title is written at this screen size (pixels), a collapsed
#: box's counts at COUNTS_PX, and a collapsed box is at least COLLAPSED_MIN_PX big.
FRAME_LABEL_PX = 16
COUNTS_PX = 13
COLLAPSED_MIN_PX = (210.0, 58.0)
#: ... and widened up to this to show its title and counts whole.
COLLAPSED_MAX_W = 360.0
#: A title tab may be as wide as this even over a narrower frame; its margin (pixels).
FRAME_LABEL_MIN_W = 120.0
LABEL_PAD = 8.0


def frame_color(group: Group) -> QColor:
    return QColor(group.color or DEFAULT_FRAME_COLOR)


def frame_around(rects: Iterable[QRectF]) -> QRectF:
    """The expanded frame around these card rectangles (null when there are none)."""
    out = QRectF()
    for r in rects:
        out = QRectF(r) if out.isNull() else out.united(r)
    if out.isNull():
        return out
    return out.adjusted(-FRAME_PADDING, -FRAME_PADDING - HEADER_HEIGHT, FRAME_PADDING,
                        FRAME_PADDING)


def collapsed_box(frame: QRectF) -> QRectF:
    """The collapsed box: one card where the frame starts."""
    return QRectF(frame.left(), frame.top(), *COLLAPSED_SIZE)


def header_rect(rect: QRectF, collapsed: bool) -> QRectF:
    """Where the title bar is (the part of a frame one drags and double-clicks)."""
    return QRectF(rect) if collapsed else QRectF(rect.left(), rect.top(), rect.width(),
                                                 HEADER_HEIGHT)


def paint_frame(painter: QPainter, rect: QRectF, group: Group, counts: str,
                theme: Theme, *, selected: bool = False, text: bool = True) -> None:
    """One group's frame (``rect`` as :func:`frame_around` or :func:`collapsed_box`
    give it), title and counts as plain text (``text`` False: without them, when
    :func:`paint_frame_label` writes them at screen size)."""
    color = frame_color(group)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    tint = QColor(color)
    tint.setAlphaF(0.85 if group.collapsed else 0.10)
    fill = QColor(theme.background)
    if group.collapsed:
        fill = QColor(color).lighter(170) if not theme.is_dark else QColor(color).darker(160)
    painter.setPen(QPen(theme.accent if selected else color, 3.0 if selected else 2.0))
    painter.setBrush(QBrush(fill if group.collapsed else tint))
    painter.drawRoundedRect(rect, 10.0, 10.0)
    head = header_rect(rect, group.collapsed)
    if not group.collapsed:
        bar = QColor(color)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(bar))
        painter.drawRoundedRect(head.adjusted(1, 1, -1, 0), 9.0, 9.0)
        painter.drawRect(QRectF(head.left() + 1, head.center().y(), head.width() - 2,
                                head.height() / 2))
    if not text:
        painter.restore()
        return
    title_color = theme.text_for(QColor(color)) if not group.collapsed else \
        theme.text_for(fill)
    font = theme.fonts.title
    painter.setFont(font)
    painter.setPen(title_color)
    fm = QFontMetricsF(font)
    pad = 12.0
    title = fm.elidedText(group.title or "Group", Qt.TextElideMode.ElideRight,
                          max(head.width() - 2 * pad, 10.0))
    if group.collapsed:
        painter.drawText(QPointF(rect.left() + pad, rect.top() + pad + fm.ascent()), title)
        small = theme.fonts.small
        painter.setFont(small)
        sm = QFontMetricsF(small)
        painter.setPen(theme.muted_for(fill))
        line = sm.elidedText(counts, Qt.TextElideMode.ElideRight,
                             max(rect.width() - 2 * pad, 10.0))
        painter.drawText(QPointF(rect.left() + pad,
                                 rect.top() + pad + fm.height() + 8 + sm.ascent()), line)
        painter.drawText(QPointF(rect.left() + pad, rect.bottom() - pad - sm.descent()),
                         "Group · double-click to expand")
    else:
        painter.drawText(QPointF(head.left() + pad,
                                 head.center().y() + (fm.ascent() - fm.descent()) / 2),
                         title)
    painter.restore()


def label_lod(lod: float) -> bool:
    """Whether at this level of detail (screen pixels per scene unit) a frame's title
    and a collapsed box's text are written at a fixed screen size
    (:func:`paint_frame_label`): below the level where card names become labels."""
    return lod < TITLE_LOD


def frame_label_rect(screen: QRectF, group: Group, theme: Theme,
                     left: float | None = None, top: float | None = None,
                     counts: str = "") -> QRectF:
    """Where :func:`paint_frame_label` draws, in screen pixels, for a frame drawn at
    ``screen`` (viewport coordinates): a collapsed box at least COLLAPSED_MIN_PX big at
    its corner; an expanded frame's title as a tab on its top edge, as wide as the title
    but no wider than the frame (unless that is under FRAME_LABEL_MIN_W).  ``left``: the
    leftmost the tab may start (the view's edge: a frame reaching out of view keeps
    its title in sight).  A collapsed box grows (up to COLLAPSED_MAX_W) to show its
    title and ``counts`` whole."""
    if group.collapsed:
        text_w = max(QFontMetricsF(label_font(theme, FRAME_LABEL_PX)).horizontalAdvance(
                         group.title or "Group"),
                     QFontMetricsF(label_font(theme, COUNTS_PX)).horizontalAdvance(counts))
        w = max(screen.width(), COLLAPSED_MIN_PX[0],
                min(COLLAPSED_MAX_W, text_w + 2 * LABEL_PAD + 2.0))
        return QRectF(screen.left(), screen.top(), w,
                      max(screen.height(), COLLAPSED_MIN_PX[1]))
    fm = QFontMetricsF(label_font(theme, FRAME_LABEL_PX))
    w = min(fm.horizontalAdvance(group.title or "Group") + 2 * LABEL_PAD,
            max(FRAME_LABEL_MIN_W, screen.width()))
    h = fm.height() + 8.0
    x, y = screen.left(), screen.top() - h / 2
    if left is not None and left > x:
        x = max(x, min(left, screen.right() - w))
    if top is not None and top > y:
        y = max(y, min(top, screen.bottom() - h))
    return QRectF(x, y, w, h)


def paint_frame_label(painter: QPainter, screen: QRectF, group: Group, counts: str,
                      theme: Theme, *, selected: bool = False,
                      left: float | None = None, top: float | None = None) -> QRectF:
    """A frame's title (and a collapsed box whole, with its counts) at a fixed screen
    size, for a frame drawn at ``screen``; ``painter`` untransformed (viewport
    pixels).  Returns the rectangle painted."""
    color = frame_color(group)
    rect = frame_label_rect(screen, group, theme, left, top, counts)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if group.collapsed:
        fill = QColor(color).lighter(170) if not theme.is_dark else QColor(color).darker(160)
    else:
        fill = QColor(color)
    painter.setPen(QPen(theme.accent if selected else color.darker(130),
                        2.0 if selected else 1.0))
    painter.setBrush(QBrush(fill))
    painter.drawRoundedRect(rect, 6.0, 6.0)
    font = label_font(theme, FRAME_LABEL_PX)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(theme.text_for(fill))
    title = fm.elidedText(group.title or "Group", Qt.TextElideMode.ElideRight,
                          max(rect.width() - 2 * LABEL_PAD, 10.0))
    if group.collapsed:
        top = rect.top() + 6.0
        painter.drawText(QPointF(rect.left() + LABEL_PAD, top + fm.ascent()), title)
        small = label_font(theme, COUNTS_PX)
        sm = QFontMetricsF(small)
        painter.setFont(small)
        painter.setPen(theme.text_for(fill))
        line = sm.elidedText(counts, Qt.TextElideMode.ElideRight,
                             max(rect.width() - 2 * LABEL_PAD, 10.0))
        painter.drawText(QPointF(rect.left() + LABEL_PAD,
                                 top + fm.height() + 4.0 + sm.ascent()), line)
    else:
        painter.drawText(QPointF(rect.left() + LABEL_PAD,
                                 rect.center().y() + (fm.ascent() - fm.descent()) / 2), title)
    painter.restore()
    return rect


@dataclass
class FrameLook:
    """One group as drawn: its rectangle and what it says."""

    group: Group
    rect: QRectF
    counts: str


@dataclass
class GroupLayout:
    """The groups of the cards being drawn: frames of expanded groups, boxes of
    collapsed ones, and the box a hidden member's links end at (``stand_in``)."""

    frames: list[FrameLook]
    boxes: list[FrameLook]
    stand_in: dict[str, QRectF]


def group_layout(board: Board, cards: Iterable[Card],
                 rect_of: Callable[[Card], QRectF]) -> GroupLayout:
    """The frames around ``cards`` (those of them in groups), in a stable order."""
    by_group: dict[str, list[Card]] = {}
    for c in cards:
        if c.group_id is not None and c.group_id in board.groups:
            by_group.setdefault(c.group_id, []).append(c)
    frames: list[FrameLook] = []
    boxes: list[FrameLook] = []
    stand_in: dict[str, QRectF] = {}
    for gid in sorted(by_group):
        g = board.groups[gid]
        members = by_group[gid]
        frame = frame_around(rect_of(c) for c in members)
        look = FrameLook(g, frame, group_counts(members))
        if g.collapsed:
            look.rect = collapsed_box(frame)
            boxes.append(look)
            for c in members:
                stand_in[c.id] = look.rect
        else:
            frames.append(look)
    # bigger frames first: a frame drawn inside another stays visible
    frames.sort(key=lambda f: (-f.rect.width() * f.rect.height(), f.group.id))
    return GroupLayout(frames, boxes, stand_in)
