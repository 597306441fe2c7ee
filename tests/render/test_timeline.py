"""The timeline painter: markers where the dates put them, lanes per actor or source,
the same pictures in PNG, SVG and PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPainter

from evidenceboard.analysis.dates import timeline_rows
from evidenceboard.demo import demo_edit
from evidenceboard.export.timeline import timeline_bytes, write_timeline
from evidenceboard.model import Board
from evidenceboard.render.importance import DisplaySizes
from evidenceboard.render.timeline import (
    TimelineColors,
    TimelineGeometry,
    TimelineModel,
    day_number,
    paint_timeline,
)


@pytest.fixture(scope="module")
def demo() -> Board:
    board = Board()
    board.apply(demo_edit())
    return board


def test_markers_are_painted_at_their_dates(qapp, demo: Board):
    model = TimelineModel.build(demo, timeline_rows(demo))
    assert model.lanes[0].title == "Khalifa Haftar"  # the busiest lane first
    geo = TimelineGeometry.fitted(model, 1200)
    image = QImage(1200, 700, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    colors = TimelineColors()
    hits = paint_timeline(painter, model, geo, (1200.0, 700.0), colors=colors)
    painter.end()
    aides = next(r for r in model.rows if r.title.startswith("A number of Libyan"))
    assert aides.first == date(2021, 11, 1)
    rect = next(h.rect for h in hits if h.card == aides.card)
    # the marker's centre is the day's place on the axis, painted in the marker colour
    x = geo.x(day_number(aides.first) + 0.5)
    assert abs(rect.center().x() - x) < 1.0
    c = image.pixelColor(round(rect.center().x()), round(rect.center().y()))
    assert abs(c.red() - colors.marker.red()) < 40 and c.blue() < 120
    # a selected marker is drawn in the selection colour
    image.fill(0)
    painter = QPainter(image)
    paint_timeline(painter, model, geo, (1200.0, 700.0), selected={aides.card},
                   colors=colors)
    painter.end()
    c = image.pixelColor(round(rect.center().x()), round(rect.center().y()))
    assert c.blue() > 150 and c.red() < 120


def test_lanes_per_source_and_exports(qapp, demo: Board, tmp_path: Path):
    model = TimelineModel.build(demo, timeline_rows(demo), by="source")
    assert {ln.key for ln in model.lanes} <= set(demo.sources)
    assert sum(len(ln.rows) for ln in model.lanes) == len(model.rows)
    png = QImage.fromData(timeline_bytes(model, "png", scale=1.0))
    assert png.width() == 1600 and png.height() > 100
    svg = write_timeline(model, tmp_path / "t.svg", title="Demo").read_text("utf-8")
    assert "Saddam Haftar landed" in svg and "Demo" in svg
    assert (write_timeline(model, tmp_path / "t.pdf")).read_bytes().startswith(b"%PDF")
    with pytest.raises(ValueError, match="png, svg, pdf"):
        timeline_bytes(model, "gif")


def test_an_empty_timeline_paints(qapp):
    model = TimelineModel([], [])
    assert QImage.fromData(timeline_bytes(model, "png", scale=1.0)).width() == 1600


def test_size_by_centrality_draws_the_central_actor_biggest(qapp, demo: Board):
    sizes = DisplaySizes(demo, "centrality")
    haftar = next(c for c in demo.cards.values() if c.title == "Khalifa Haftar")
    assert sizes.scale(haftar.id) > 1.2
    assert sizes.scale(haftar.id) == max([1.0, *sizes.scales().values()])
