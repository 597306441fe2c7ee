"""Import bombs: inputs crafted so that an importer's cost explodes with their size.

Each importer is linear (or bounded) in its input, and limits are enforced while a file
is read.  Cost is measured without clocks: the number of Python function calls an import
makes (cProfile counts them exactly, whatever the machine's load) must about double when
the input doubles, and memory (tracemalloc's peak) must stay bounded where it used to
explode.  The crafted inputs are in ``tests/bomb_inputs.py``; ``bench/import_bombs.py``
prints their cost in seconds and megabytes.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tracemalloc
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bomb_inputs import write_input

from evidenceboard.importer.files import import_files_edit
from evidenceboard.model import Board, Card, Group, Link


def _calls(path: Path) -> int:
    prof = cProfile.Profile()
    prof.enable()
    try:
        import_files_edit(Board(), [path])
    finally:
        prof.disable()
    return pstats.Stats(prof).total_calls  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["dense article (.txt)", "plain sentences (.txt)",
                                  "HTML page (.html)"])
def test_article_import_cost_is_linear_in_its_size(kind: str, tmp_path: Path):
    """Doubling an article (30 KB -> 60 KB) about doubles the work of importing it
    (before: placing claims, finding mentions, matching actors and merging claims
    compared each with each, so 1 MB of plain sentences took over two minutes)."""
    small = _calls(write_input(kind, 30_000, tmp_path))
    large = _calls(write_input(kind, 60_000, tmp_path))
    assert large / small < 2.4, (small, large, large / small)


def _peak_mb(fn) -> tuple[object, float]:
    tracemalloc.start()
    try:
        try:
            result: object = fn()
        except ValueError as e:
            result = e
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_ftm_edges_naming_many_entities_are_refused_while_read(tmp_path: Path):
    """0.2 MB of FollowTheMoney edges, each naming the same 400 people as subjects and
    objects, asks for millions of links: refused when the count passes the limit, before
    they are built (it was 4 million links, 52 s and 1.3 GB)."""
    path = write_input("FtM edges to few entities (.ftm.jsonl)", 200_000, tmp_path)
    result, peak = _peak_mb(lambda: import_files_edit(Board(), [path]))
    assert isinstance(result, ValueError)
    assert "asks for more than 200,000 links" in str(result)
    assert peak < 60, f"{peak:.0f} MB"


def test_ftm_ids_repeated_in_an_edge_make_one_link(tmp_path: Path):
    """An edge that names the same subject and object thousands of times is one link
    (not millions)."""
    import json
    lines = [json.dumps({"id": i, "schema": "Person", "properties": {"name": [f"P {i}"]}})
             for i in ("a", "b")]
    lines.append(json.dumps({"id": "e", "schema": "UnknownLink", "properties": {
        "subject": ["a"] * 5000, "object": ["b"] * 5000, "role": ["met"]}}))
    path = tmp_path / "repeat.ftm.jsonl"
    path.write_text("\n".join(lines) + "\n")
    edit, _ = import_files_edit(Board(), [path])
    assert sum(isinstance(e, Link) for e in edit.puts) == 1


def test_canvas_nested_groups_are_described_within_a_bound(tmp_path: Path, monkeypatch):
    """Nested groups each holding every card: every card still joins the innermost
    group, in time and memory that follow the input; past the bound on card-in-group
    tests the file is refused with the reason."""
    path = write_input("JSON Canvas nested groups (.canvas)", 100_000, tmp_path)
    result, peak = _peak_mb(lambda: import_files_edit(Board(), [path]))
    assert not isinstance(result, ValueError), result
    edit, _ = result  # type: ignore[misc]
    cards = [e for e in edit.puts if isinstance(e, Card)]
    groups = {e.id: e for e in edit.puts if isinstance(e, Group)}
    innermost = max(groups.values(), key=lambda g: int(g.title.split()[-1]))
    assert cards and all(c.group_id == innermost.id for c in cards)
    assert set(groups) == {innermost.id}  # the outer groups hold nothing of their own
    assert peak < 80, f"{peak:.0f} MB"
    from evidenceboard.formats import json_canvas
    from evidenceboard.formats.interchange import _CACHE
    _CACHE.clear()
    monkeypatch.setattr(json_canvas, "MAX_GROUP_TESTS", 10_000)
    with pytest.raises(ValueError, match="nested too deeply to work out what each group"):
        import_files_edit(Board(), [path])
