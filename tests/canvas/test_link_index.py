"""The link grid index never loses a link that paints inside a rectangle."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from evidenceboard.canvas.link_layer import GridIndex
from evidenceboard.model import Link
from evidenceboard.render import LinkLook, Theme, hit_path, link_geometry

# Boards of every spread: short links (filed by their middle), long ones (along their path).
coord = st.one_of(st.floats(min_value=-3000, max_value=3000),
                  st.floats(min_value=-12000, max_value=12000),
                  st.floats(min_value=-40000, max_value=40000))
size = st.floats(min_value=60, max_value=400, allow_nan=False)


@settings(max_examples=500, deadline=None)
@given(cards=st.lists(st.tuples(coord, coord, size, size), min_size=2, max_size=12),
       pairs=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11),
                                st.sampled_from([0.0, 34.0, -68.0])), max_size=20),
       labels=st.lists(st.sampled_from(["", "met", "a rather long label for a link " * 3]),
                       min_size=20, max_size=20),
       # Aim at the middle (labels), the ends (arrowheads) or anywhere along a link.
       aim=st.tuples(st.integers(0, 19),
                     st.one_of(st.sampled_from([0.5, 0.0, 1.0]), st.floats(0, 1)),
                     st.floats(-180, 180),
                     st.floats(-40, 40), st.floats(1, 120), st.floats(1, 60)),
       probe=st.tuples(coord, coord, st.floats(min_value=1, max_value=3000),
                       st.floats(min_value=1, max_value=3000)))
def test_query_is_a_superset_of_what_paints_in_the_rectangle(qapp, cards, pairs, labels,
                                                             aim, probe):
    theme = Theme.light()
    rects = [QRectF(x, y, w, h) for x, y, w, h in cards]
    index = GridIndex()
    looks = {}
    for k, (i, j, bend) in enumerate(pairs):
        a, b = rects[i % len(rects)], rects[j % len(rects)]
        link = Link(id=f"l{k}", from_id=f"c{i}", to_id=f"c{j}", label=labels[k])
        look = LinkLook.build(link, link_geometry(a, b, bend), None, theme)
        looks[link.id] = look
        extra = max(a.width(), a.height()) / 2 + 80 if a.center() == b.center() else 0
        index.insert(link.id, a.center().x(), a.center().y(), b.center().x(),
                     b.center().y(), bend, extra)
    # One probe anywhere, one just beside a point of some link (labels, arrowheads).
    probes = [QRectF(*probe)]
    if looks:
        k, t, dx, dy, w, h = aim
        look = list(looks.values())[k % len(looks)]
        p = look.geometry.path.pointAtPercent(t)
        probes.append(QRectF(p.x() + dx - w / 2, p.y() + dy - h / 2, w, h))
    for r in probes:
        _check(index, looks, r)
    for lid in looks:
        index.remove(lid)
    assert len(index) == 0


def _check(index: GridIndex, looks: dict, r: QRectF) -> None:
    found = index.query(r)
    for lid, look in looks.items():
        # What paints: the stroke (arrowheads included) and the tags.
        paints = hit_path(look.geometry, 14.0).intersects(r) or (
            bool(look.tags) and look.tag_rect.intersects(r))
        if paints:
            assert found is None or lid in found, lid


def _painted(look: LinkLook, r: QRectF) -> bool:
    return hit_path(look.geometry, 14.0).intersects(r) or (
        bool(look.tags) and look.tag_rect.intersects(r))


def _look(a: QRectF, b: QRectF, label: str = "") -> LinkLook:
    return LinkLook.build(Link(id="l", from_id="a", to_id="b", label=label),
                          link_geometry(a, b, 0.0), None, Theme.light())


def test_a_label_beside_a_vertical_link_is_found(qapp):
    a, b = QRectF(0, 0, 100, 60), QRectF(0, 1000, 100, 60)
    look = _look(a, b, "a rather long label for a link " * 3)
    index = GridIndex()
    index.insert("l", 50, 30, 50, 1030)
    tip = QRectF(look.tag_rect.left() + 1, look.tag_rect.top() + 1, 4, 4)
    assert _painted(look, tip) and "l" in index.query(tip)


def test_the_end_of_a_short_link_far_from_its_middle_is_found(qapp):
    a, b = QRectF(0, 0, 100, 60), QRectF(8100, 0, 100, 60)  # long for a "short" link
    look = _look(a, b)
    index = GridIndex()
    index.insert("l", 50, 30, 8150, 30)
    near_start = QRectF(160, 25, 10, 10)
    assert _painted(look, near_start) and "l" in index.query(near_start)


def test_a_long_link_just_beside_a_cell_border_is_found(qapp):
    from evidenceboard.canvas.link_layer import LONG_CELL
    y = LONG_CELL - 5  # the line runs 5 units above a cell border ...
    a, b = QRectF(-30000, y - 30, 100, 60), QRectF(30000, y - 30, 100, 60)
    look = _look(a, b, "label")
    index = GridIndex()
    index.insert("l", -29950, y, 30050, y)
    below = QRectF(40, LONG_CELL + 1, 20, 1.5)  # ... its label reaches across it
    assert _painted(look, below) and "l" in index.query(below)
