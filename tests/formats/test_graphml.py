"""GraphML: networkx reads our export with the same nodes and edges; files shaped like
yEd's, Gephi's and Cytoscape's import as cards and links."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from export_boards import rich_board

from evidenceboard.analysis.layout import overlaps
from evidenceboard.formats import read_interchange
from evidenceboard.formats.graphml import write_graphml
from evidenceboard.model import Board


def test_networkx_reads_the_same_nodes_edges_and_attributes(tmp_path: Path):
    board = rich_board()
    out = write_graphml(board, tmp_path / "b.graphml")
    assert out.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    g = nx.read_graphml(out, force_multigraph=True)
    assert set(g.nodes) == set(board.cards)
    edges = {(u, v, k) for u, v, k in g.edges(keys=True)}
    assert edges == {(lk.from_id, lk.to_id, lk.id) for lk in board.links.values()}
    haftar = g.nodes["card-haftar"]
    assert haftar["label"] == "Khalifa Haftar" and haftar["kind"] == "actor"
    assert haftar["type"] == "person" and haftar["x"] == -120.5 and haftar["width"] == 200.0
    assert (haftar["r"], haftar["g"], haftar["b"]) == (0x3b, 0x6f, 0xd4)
    assert haftar["citations"] == 1 and "“Khalifa Haftar” — Haftar’s jet" in haftar["quotes"]
    claim = g.nodes["card-claim1"]
    assert claim["grade"] == "B2" and "[0–63]" in claim["quotes"]
    son = g.edges["card-saddam", "card-haftar", "link-son"]
    assert son["label"] == "son of" and son["interaction"] == "relation"
    assert son["quotes"].startswith("“Saddam Haftar, the general’s son”")
    flew = g.edges["card-haftar", "card-jet", "link-flew"]
    assert flew["unsourced"] is True and flew["citations"] == 0
    # Every node carries every attribute (typed columns in Gephi and Cytoscape).
    keys = [set(d) for _, d in g.nodes(data=True)]
    assert all(k == keys[0] for k in keys)


def test_control_characters_do_not_break_the_xml(tmp_path: Path):
    board = rich_board()
    card = board.cards["card-note"]
    from dataclasses import replace
    board = Board.from_entities([*(e for e in board.entities() if e.id != card.id),
                                 replace(card, body="form\x0cfeed and \x00 nul")])
    out = write_graphml(board, tmp_path / "c.graphml")
    g = nx.read_graphml(out)
    assert g.nodes["card-note"]["body"] == "form\ufffdfeed and \ufffd nul"


def test_our_export_imports_back(tmp_path: Path):
    board = rich_board()
    out = write_graphml(board, tmp_path / "b.graphml")
    new = Board()
    new.apply(read_interchange(out, new))
    titles = {(c.title, c.kind, c.actor_type, c.x, c.y, c.color) for c in new.cards.values()}
    assert titles == {(c.title, c.kind, c.actor_type, c.x, c.y, c.color)
                      for c in board.cards.values()}
    links = {(new.cards[lk.from_id].title, lk.label, lk.direction, lk.confidence, lk.unsourced)
             for lk in new.links.values()}
    assert links == {(board.cards[lk.from_id].title, lk.label or lk.kind, lk.direction,
                      lk.confidence, lk.unsourced) for lk in board.links.values()}


YED = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
  xmlns:y="http://www.yworks.com/xml/graphml"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">Chairman of the board</data>
      <data key="d6"><y:ShapeNode><y:Geometry height="40.0" width="120.0" x="10.0" y="20.0"/>
        <y:Fill color="#FFCC00" transparent="false"/>
        <y:NodeLabel>Atlas Holdings</y:NodeLabel><y:Shape type="rectangle"/></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:Geometry height="40.0" width="90.0" x="400.0" y="20.0"/>
        <y:NodeLabel>Omar Haddad</y:NodeLabel></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n1" target="n0">
      <data key="d10"><y:PolyLineEdge><y:EdgeLabel>director of</y:EdgeLabel></y:PolyLineEdge></data>
    </edge>
  </graph>
</graphml>
"""

GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="g" attr.type="int" for="node" id="g"/>
<key attr.name="b" attr.type="int" for="node" id="b"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="y" attr.type="float" for="node" id="y"/>
<key attr.name="size" attr.type="float" for="node" id="size"/>
<graph edgedefault="undirected">
<node id="0"><data key="label">Tripoli</data><data key="r">200</data><data key="g">69</data>
<data key="b">58</data><data key="x">-10.5</data><data key="y">4.0</data></node>
<node id="1"><data key="label">Benghazi</data><data key="x">12.0</data><data key="y">-7.5</data></node>
<node id="2"><data key="label">Cairo</data><data key="x">3.0</data><data key="y">9.0</data></node>
<edge id="0" source="0" target="1"><data key="weight">2.0</data></edge>
<edge id="1" source="1" target="2"><data key="weight">1.0</data></edge>
</graph>
</graphml>
"""

CYTOSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="shared name" for="node" attr.name="shared name" attr.type="string"/>
  <key id="interaction" for="edge" attr.name="interaction" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="name">MV Valdez Star</data><data key="shared name">x</data></node>
    <node id="b"><data key="name">Northern Shipping Ltd</data></node>
    <node id="c"><data key="name">Amira Novak</data></node>
    <edge source="b" target="a"><data key="interaction">owns</data></edge>
    <edge source="c" target="b"><data key="interaction">works for</data></edge>
    <edge source="c" target="b"><data key="interaction">paid</data></edge>
  </graph>
</graphml>
"""


def _import(tmp_path: Path, name: str, text: str) -> Board:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    board = Board()
    board.apply(read_interchange(path, board))
    return board


def test_yed_labels_and_geometry(tmp_path: Path):
    board = _import(tmp_path, "yed.graphml", YED)
    cards = {c.title: c for c in board.cards.values()}
    atlas = cards["Atlas Holdings"]
    assert (atlas.x, atlas.y, atlas.width, atlas.height) == (10.0, 20.0, 120.0, 40.0)
    assert atlas.kind == "actor" and atlas.actor_type == "other"
    assert atlas.body == "Chairman of the board"
    (link,) = board.links.values()
    assert link.label == "director of" and link.direction == "forward"
    assert board.cards[link.from_id].title == "Omar Haddad"


def test_gephi_positions_colours_and_undirected_edges(tmp_path: Path):
    board = _import(tmp_path, "gephi.graphml", GEPHI)
    cards = {c.title: c for c in board.cards.values()}
    assert set(cards) == {"Tripoli", "Benghazi", "Cairo"}
    assert cards["Tripoli"].color == "#c8453a"
    # Gephi's tiny layout is spread so 200-pixel cards do not pile up, keeping its shape.
    assert overlaps(board.cards.values()) == []
    assert cards["Tripoli"].x < cards["Cairo"].x < cards["Benghazi"].x
    assert {lk.direction for lk in board.links.values()} == {"none"}


def test_cytoscape_names_interactions_and_parallel_edges(tmp_path: Path):
    board = _import(tmp_path, "cyto.xml", CYTOSCAPE)
    cards = {c.title: c for c in board.cards.values()}
    assert set(cards) == {"MV Valdez Star", "Northern Shipping Ltd", "Amira Novak"}
    labels = sorted(lk.label for lk in board.links.values())
    assert labels == ["owns", "paid", "works for"]
    # No positions in the file: laid out without overlaps.
    assert overlaps(board.cards.values()) == []


@pytest.mark.parametrize("text, words", [
    ("<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph>", "not well-formed"),
    ("<svg xmlns='http://www.w3.org/2000/svg'/>", "not GraphML"),
    ("<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph><node id='a'>"
     "<data key='nokey'>x</data></node></graph></graphml>", "reader cannot use"),
    ("<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><key id='k' for='node' "
     "attr.name='x' attr.type='double'/><key id='j' for='node' attr.name='y' "
     "attr.type='double'/><graph><node id='a'><data key='k'>inf</data><data key='j'>1"
     "</data></node></graph></graphml>", "not a finite number"),
])
def test_bad_graphml_is_refused_with_a_reason(tmp_path: Path, text: str, words: str):
    from evidenceboard.formats import InterchangeError
    path = tmp_path / "bad.graphml"
    path.write_text(text, "utf-8")
    with pytest.raises(InterchangeError, match=words):
        read_interchange(path, Board())


def test_yed_sees_boxes_colours_labels_and_arrows(tmp_path: Path):
    from xml.etree import ElementTree as ET

    board = rich_board()
    out = write_graphml(board, tmp_path / "b.graphml")
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    keys = {k.get("yfiles.type"): k.get("id") for k in root.findall("g:key", ns)}
    assert keys.keys() >= {"nodegraphics", "edgegraphics"}
    for node in root.findall("g:graph/g:node", ns):
        card = board.cards[node.get("id")]
        shape = node.find(f"g:data[@key='{keys['nodegraphics']}']/y:ShapeNode", ns)
        geo = shape.find("y:Geometry", ns)
        assert [float(geo.get(k)) for k in ("x", "y", "width", "height")] == \
            [card.x, card.y, card.width, card.height]
        assert shape.find("y:NodeLabel", ns).text == card.title
        assert shape.find("y:Fill", ns).get("color").startswith("#")
    for edge in root.findall("g:graph/g:edge", ns):
        link = board.links[edge.get("id")]
        line = edge.find(f"g:data[@key='{keys['edgegraphics']}']/y:PolyLineEdge", ns)
        arrows = line.find("y:Arrows", ns)
        assert (arrows.get("source"), arrows.get("target")) == {
            "forward": ("none", "standard"), "both": ("standard", "standard"),
            "none": ("none", "none")}[link.direction]
        assert line.find("y:EdgeLabel", ns).text == (link.label or link.kind)


def test_a_cards_group_title_is_a_node_attribute(tmp_path: Path):
    from evidenceboard.model import group_edits as ge
    board = rich_board()
    board.apply(ge.group_cards(board, ["card-haftar"], title="Jet trip"))
    out = write_graphml(board, tmp_path / "g.graphml")
    g = nx.read_graphml(out, force_multigraph=True)
    assert g.nodes["card-haftar"]["group"] == "Jet trip"
    assert {d["group"] for n, d in g.nodes(data=True) if n != "card-haftar"} == {""}
