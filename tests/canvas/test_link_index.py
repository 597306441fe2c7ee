"""The link grid index never loses a link that paints inside a rectangle."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from evidenceboard.canvas.link_layer import GridIndex
from evidenceboard.model import Link
from evidenceboard.render import LinkLook, Theme, hit_path, link_geometry

coord = st.floats(min_value=-30000, max_value=30000, allow_nan=False)
size = st.floats(min_value=60, max_value=400, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(cards=st.lists(st.tuples(coord, coord, size, size), min_size=2, max_size=12),
       pairs=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11),
                                st.sampled_from([0.0, 34.0, -68.0])), max_size=20),
       labels=st.lists(st.sampled_from(["", "met", "a rather long label for a link " * 3]),
                       min_size=20, max_size=20),
       aim=st.tuples(st.integers(0, 19), st.floats(0, 1), st.floats(-180, 180),
                     st.floats(-40, 40), st.floats(1, 120), st.floats(1, 60)),
       probe=st.tuples(coord, coord, st.floats(min_value=1, max_value=3000),
                       st.floats(min_value=1, max_value=3000)))
def test_query_is_a_superset_of_what_paints_in_the_rectangle(qapp, cards, pairs, labels,  # noqa: ANN001
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
    assert len(index) == 0 and not index.boxes


def _check(index: GridIndex, looks: dict, r: QRectF) -> None:
    found = index.query(r)
    for lid, look in looks.items():
        # What paints: the stroke (arrowheads included) and the tags.
        paints = hit_path(look.geometry, 14.0).intersects(r) or (
            bool(look.tags) and look.tag_rect.intersects(r))
        if paints:
            assert found is None or lid in found, lid
