"""Every format on the demo board built from seeds/."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import networkx as nx
import pytest
from format_specs import assert_valid_ftm, check_canvas_spec

from evidenceboard.document import Document
from evidenceboard.export.report import report_html
from evidenceboard.export.run import export_board, export_board_files
from evidenceboard.formats import read_interchange
from evidenceboard.formats.board_json import board_json_bytes
from evidenceboard.store import create_board_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from evidenceboard.demo import write_demo_board

    path = write_demo_board(tmp_path_factory.mktemp("demo") / "demo.evboard")
    doc = Document.open(path, read_only=True)
    yield doc.board
    doc.close()


def test_demo_json_round_trip_is_byte_identical(demo, tmp_path: Path):
    out = export_board(demo, "json", tmp_path / "demo.json")
    target = create_board_file(tmp_path / "copy.evboard")
    doc = Document.open(target)
    try:
        doc.apply(read_interchange(out, doc.board))
        assert board_json_bytes(doc.board) == out.read_bytes()
    finally:
        doc.close()


def test_demo_report_holds_every_quote_and_claim(demo):
    html = report_html(demo)
    assert [c.id for c in demo.citations.values() if escape(c.quote) not in html] == []
    assert [c.id for c in demo.cards.values() if escape(c.title) not in html] == []


def test_demo_in_every_data_format(demo, tmp_path: Path):
    canvas = json.loads(export_board(demo, "canvas", tmp_path / "d.canvas").read_text("utf-8"))
    check_canvas_spec(canvas)
    g = nx.read_graphml(export_board(demo, "graphml", tmp_path / "d.graphml"),
                        force_multigraph=True)
    assert set(g.nodes) == set(demo.cards) and g.number_of_edges() == len(demo.links)
    ftm = export_board(demo, "ftm", tmp_path / "d.ftm.jsonl").read_text("utf-8")
    assert_valid_ftm([json.loads(line) for line in ftm.splitlines()])
    paths = export_board_files(demo, "csv", tmp_path / "d.csv")
    assert all(p.stat().st_size > 0 for p in paths)
