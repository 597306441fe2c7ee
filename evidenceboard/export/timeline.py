"""The timeline exported like the board: PNG, SVG (text stays text) and PDF, painted by
:func:`evidenceboard.render.timeline.paint_timeline` — the painter the window uses.

Every lane is exported, fitted across the width asked for (default 1600 px); a PDF is
one page of that size in points.  QtGui only.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from ..formats.common import write_atomic
from ..render.timeline import TimelineGeometry, TimelineModel, export_size, paint_timeline
from .report_pdf import ensure_gui_app

TIMELINE_FORMATS = ("png", "svg", "pdf")


def _paint(painter: QPainter, model: TimelineModel, size: tuple[float, float],
           title: str, selected: set[str]) -> None:
    geo = TimelineGeometry.fitted(model, size[0])
    paint_timeline(painter, model, geo, size, selected=selected, title=title)


def timeline_bytes(model: TimelineModel, fmt: str, *, width: float = 1600.0,
                   title: str = "", selected: set[str] | None = None,
                   scale: float = 2.0) -> bytes:
    """The timeline as a PNG (at ``scale`` pixels per unit), SVG or PDF file's bytes."""
    if fmt not in TIMELINE_FORMATS:
        raise ValueError(f"a timeline exports as {', '.join(TIMELINE_FORMATS)}, not {fmt!r}")
    ensure_gui_app()
    size = export_size(model, width)
    chosen = selected or set()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if fmt == "png":
        img = QImage(math.ceil(size[0] * scale), math.ceil(size[1] * scale),
                     QImage.Format.Format_ARGB32_Premultiplied)
        img.setDotsPerMeterX(round(96 * scale / 0.0254))
        img.setDotsPerMeterY(round(96 * scale / 0.0254))
        painter = QPainter(img)
        painter.scale(scale, scale)
        try:
            _paint(painter, model, size, title, chosen)
        finally:
            painter.end()
        img.save(buf, "PNG")
    elif fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator
        gen = QSvgGenerator()
        gen.setOutputDevice(buf)
        gen.setResolution(96)
        gen.setSize(QSizeF(*size).toSize())
        gen.setViewBox(QRectF(0, 0, *size))
        gen.setTitle(title or "Timeline")
        gen.setDescription(f"{len(model.rows)} dated claims, exported by EvidenceBoard")
        painter = QPainter(gen)
        try:
            _paint(painter, model, size, title, chosen)
        finally:
            painter.end()
    else:
        writer = QPdfWriter(buf)
        writer.setCreator("EvidenceBoard")
        writer.setTitle(title or "Timeline")
        writer.setResolution(96)
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(size[0] * 0.75, size[1] * 0.75),
                                                   QPageSize.Unit.Point, "timeline"),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter(writer)
        try:
            page = writer.pageLayout().paintRectPixels(writer.resolution())
            painter.scale(page.width() / size[0], page.height() / size[1])
            _paint(painter, model, size, title, chosen)
        finally:
            painter.end()
    buf.close()
    return bytes(data.data())


def write_timeline(model: TimelineModel, out: Path, fmt: str | None = None, **kw) -> Path:
    """Write the timeline to ``out`` (format from the suffix unless given)."""
    fmt = fmt or out.suffix.lower().lstrip(".")
    return write_atomic(out, timeline_bytes(model, fmt, **kw))
