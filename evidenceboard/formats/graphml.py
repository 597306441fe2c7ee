"""GraphML for Gephi, yEd and Cytoscape, both ways, through networkx.

Export: a directed multigraph (two cards may have several links).  Node attributes are
the same on every node so each tool sees typed columns: ``label`` (the title, which Gephi,
Cytoscape and yEd's property mapper show), ``kind``, ``type``, ``title``, ``body``,
``speaker``, ``stance``, ``aliases``, ``color`` with Gephi's ``r``/``g``/``b``, ``x``/``y``
(top-left, scene pixels) with ``width``/``height``, ``citations`` (count), ``quotes``
(every quote with its source, flattened to text), ``sources`` and the Admiralty
``grade``.  Edges carry ``label``, ``kind`` (also as Cytoscape's ``interaction``),
``direction``, ``confidence``, ``unsourced``, ``citations``, ``quotes``, ``sources`` and
``grade``; the edge id is the link id.  Characters XML 1.0 cannot hold (control
characters) are written as U+FFFD.

Import: the file is parsed with defusedxml (no DTD at all, hence no entity expansion and
no external entities), then the tree is read by networkx's GraphML reader.  Nodes become
cards (title from ``label``/``name``/``title``/``shared name``..., else the node id; our
own attributes restore kind, type, stance...), edges become links (label from ``label``/
``interaction``/``relationship``/``type``...).  Positions come from ``x``/``y`` (Gephi,
ours) or yEd's ``y:Geometry``; a graph without positions is laid out.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader, GraphMLWriter

from ..analysis.grading import item_grade
from ..model import (
    ACTOR_TYPES,
    CARD_KINDS,
    CONFIDENCES,
    DIRECTIONS,
    STANCES,
    Board,
    Card,
    Link,
    new_id,
)
from ..model.entities import DEFAULT_CARD_SIZE
from ..safe_text import xml_safe
from .common import (
    group_title_of,
    link_text,
    quotes_text,
    sorted_cards,
    sorted_links,
    source_titles,
    write_atomic,
)
from .errors import InterchangeError
from .incoming import Incoming
from .inputs import COORD_LIMIT, check_counts, finite, read_bytes, size_value

NS = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
#: Colour of a card without its own, per kind (Gephi needs r/g/b on every node).
KIND_COLORS = {"actor": "#3b6fd4", "claim": "#f4d35e", "note": "#fff3b0"}
NODE_LABEL_KEYS = ("label", "Label", "name", "Name", "title", "Title", "shared name",
                   "node_label", "caption")
EDGE_LABEL_KEYS = ("label", "Label", "interaction", "relationship", "relation", "Type",
                   "type", "name", "Name")


def _x(text: str) -> str:
    return xml_safe(text)


def _grade(board: Board, item: str) -> str:
    g = item_grade(board, item)
    return g.label if g is not None else ""


def board_graph(board: Board) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=_x(board.setting("name") or "EvidenceBoard"))
    for c in sorted_cards(board):
        shown = c.color or KIND_COLORS.get(c.kind, "#999999")
        r, gr, b = (int(shown[i:i + 2], 16) for i in (1, 3, 5))
        g.add_node(c.id, label=_x(c.title), kind=c.kind, type=c.actor_type or "",
                   title=_x(c.title), body=_x(c.body), speaker=_x(c.speaker or ""),
                   stance=c.stance or "", aliases=_x("; ".join(c.aliases)),
                   color=c.color or "",
                   r=r, g=gr, b=b, x=float(c.x), y=float(c.y), width=float(c.width),
                   height=float(c.height), citations=len(board.citations_of(c.id)),
                   quotes=_x(quotes_text(board, c.id)), sources=_x(source_titles(board, c.id)),
                   grade=_grade(board, c.id), group=_x(group_title_of(board, c)))
    for lk in sorted_links(board):
        g.add_edge(lk.from_id, lk.to_id, key=lk.id, label=_x(link_text(lk)), kind=_x(lk.kind),
                   interaction=_x(lk.kind), direction=lk.direction, confidence=lk.confidence,
                   unsourced=bool(lk.unsourced), citations=len(board.citations_of(lk.id)),
                   quotes=_x(quotes_text(board, lk.id)), sources=_x(source_titles(board, lk.id)),
                   grade=_grade(board, lk.id))
    return g


def _add_yed_graphics(board: Board, root: Element) -> None:
    """yEd draws only its own ``nodegraphics``/``edgegraphics``: give every node a box
    at its place with its colour and title, and every edge its arrows and label.  They
    come first in each element so readers that also decode them (networkx) let our
    plain attributes win."""
    from xml.etree.ElementTree import Element
    from xml.etree.ElementTree import SubElement as Sub

    root.set("xmlns:y", NS_Y)
    root.insert(0, Element("key", {"for": "edge", "id": "eg", "yfiles.type": "edgegraphics"}))
    root.insert(0, Element("key", {"for": "node", "id": "ng", "yfiles.type": "nodegraphics"}))
    graph = root.find("graph")
    assert graph is not None
    for el in graph:
        if el.tag == "node":
            c = board.cards[el.get("id", "")]
            data = Element("data", {"key": "ng"})
            shape = Sub(data, "y:ShapeNode")
            Sub(shape, "y:Geometry", {"x": repr(float(c.x)), "y": repr(float(c.y)),
                                      "width": repr(float(c.width)),
                                      "height": repr(float(c.height))})
            Sub(shape, "y:Fill", {"color": (c.color or KIND_COLORS.get(c.kind, "#999999"))
                                  .upper(), "transparent": "false"})
            Sub(shape, "y:NodeLabel").text = _x(c.title)
            Sub(shape, "y:Shape", {"type": "roundrectangle" if c.kind == "actor"
                                   else "rectangle"})
            el.insert(0, data)
        elif el.tag == "edge":
            lk = board.links[el.get("id", "")]
            data = Element("data", {"key": "eg"})
            line = Sub(data, "y:PolyLineEdge")
            Sub(line, "y:LineStyle", {"color": "#000000", "width": "1.0",
                                      "type": "dashed" if lk.confidence != "confirmed"
                                      else "line"})
            ends = {"forward": ("none", "standard"), "both": ("standard", "standard"),
                    "none": ("none", "none")}.get(lk.direction, ("none", "standard"))
            Sub(line, "y:Arrows", {"source": ends[0], "target": ends[1]})
            Sub(line, "y:EdgeLabel").text = _x(link_text(lk))
            el.insert(0, data)


def graphml_text(board: Board) -> str:
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(board_graph(board))
    _add_yed_graphics(board, writer.xml)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + str(writer).strip() + "\n"


def write_graphml(board: Board, out: Path) -> Path:
    return write_atomic(out, graphml_text(board).encode("utf-8"))


# ----------------------------------------------------------------------------- import
def parse_xml_safely(data: bytes) -> Element:
    """An XML tree from untrusted bytes: DTDs (and so entities) refused outright."""
    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InterchangeError("contains a document type declaration (<!DOCTYPE>), which "
                               "is refused: it can expand entities or fetch other files") \
            from None
    except defusedxml.EntitiesForbidden:
        raise InterchangeError("declares XML entities, which are refused (entity "
                               "expansion attack)") from None
    except defusedxml.ExternalReferenceForbidden:
        raise InterchangeError("refers to external files, which is refused") from None
    except SyntaxError as e:  # ParseError
        msg = str(e).split("\n")[0]
        hint = ""
        if "invalid token" in msg or "encoding" in msg:
            hint = " (if the file is not UTF-8 its XML declaration must name its encoding)"
        raise InterchangeError(f"is not well-formed XML: {msg}{hint}") from None


class _TreeReader(GraphMLReader):
    """networkx's GraphML reader, fed with a tree we parsed safely."""

    def graph_of(self, root: Element) -> nx.Graph[str]:
        self.xml = root
        # networkx's reader methods carry no annotations (its stubs leave them out)
        keys, defaults = self.find_graphml_keys(root)  # type: ignore[no-untyped-call]
        graph = root.find(f"{{{self.NS_GRAPHML}}}graph")
        if graph is None:
            raise InterchangeError("is GraphML without a graph")
        made: nx.Graph[str] = self.make_graph(graph, keys, defaults)  # type: ignore[no-untyped-call]
        return made


def _yed_geometry(root: Element) -> dict[str, tuple[float, float, float, float]]:
    out: dict[str, tuple[float, float, float, float]] = {}
    for node in root.iter(f"{{{NS}}}node"):
        geo = node.find(f"{{{NS}}}data/*/{{{NS_Y}}}Geometry")
        if geo is None:
            continue
        try:
            vals = tuple(float(geo.get(k, "nan")) for k in ("x", "y", "width", "height"))
        except ValueError:
            continue
        out[str(node.get("id"))] = vals  # type: ignore[assignment]
    return out


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> str:
    for k in keys:
        v = data.get(k)
        if v is not None and str(v).strip():
            return str(v).strip()
    return ""


def _color(data: dict[str, Any]) -> str | None:
    for k in ("color", "colour", "Color", "fill"):
        v = data.get(k)
        if isinstance(v, str) and re.match(r"^#[0-9a-fA-F]{6}$", v):
            return v.lower()
        if v == "" and k == "color":
            return None  # ours: the kind's default colour (r/g/b show it)
    try:
        r, g, b = (int(data[k]) for k in ("r", "g", "b"))
    except (KeyError, ValueError, TypeError):
        return None
    if all(0 <= v <= 255 for v in (r, g, b)):
        return f"#{r:02x}{g:02x}{b:02x}"
    return None


def _node_card(nid: str, data: dict[str, Any],
               geo: tuple[float, float, float, float] | None) -> tuple[Card, str]:
    """The card of a node and how it was placed: "box" (position and size given),
    "centre" (a point, as Gephi writes) or "none"."""
    kind = data.get("kind") if data.get("kind") in CARD_KINDS else None
    title = _first(data, NODE_LABEL_KEYS) or nid
    # A node of someone else's graph is an entity: an actor of type "other".
    fields: dict[str, Any] = {"kind": kind or "actor"}
    if fields["kind"] == "actor":
        t = data.get("type")
        fields["actor_type"] = t if t in ACTOR_TYPES else "other"
        aliases = data.get("aliases")
        if isinstance(aliases, str) and aliases:
            fields["aliases"] = tuple(a for a in aliases.split("; ") if a)
    if fields["kind"] == "claim":
        fields["stance"] = data.get("stance") if data.get("stance") in STANCES else "asserts"
        if data.get("speaker"):
            fields["speaker"] = str(data["speaker"])
    body = str(data.get("body") or data.get("description") or data.get("Description") or "")
    quotes = data.get("quotes")
    if isinstance(quotes, str) and quotes:
        body = (body + "\n\n" if body else "") + "Quotes (from GraphML):\n" + quotes
    w, h = DEFAULT_CARD_SIZE[fields["kind"]]
    placed = "none"
    x = y = 0.0
    where = f"node {nid[:40]!r}"
    if geo is not None and all(v == v for v in geo):
        x, y = finite(geo[0], f"{where} x"), finite(geo[1], f"{where} y")
        w, h = size_value(geo[2], f"{where} width"), size_value(geo[3], f"{where} height")
        placed = "box"
    elif data.get("x") is not None and data.get("y") is not None:
        x, y = finite(data["x"], f"{where} x"), finite(data["y"], f"{where} y")
        if data.get("width") is not None and data.get("height") is not None:
            w = size_value(data["width"], f"{where} width")
            h = size_value(data["height"], f"{where} height")
            placed = "box"
        else:  # Gephi and others give the centre
            x, y = x - w / 2, y - h / 2
            placed = "centre"
    color = _color(data)
    card = Card(id=new_id(), title=title[:500], body=body, x=x, y=y, width=w, height=h,
                color=color, **fields)
    return card, placed


def _spread(cards: list[Card]) -> list[Card]:
    """Foreign layouts use small nodes: spread them so 200-pixel cards do not pile up."""
    if len(cards) < 2:
        return cards
    xs = [c.x for c in cards]
    ys = [c.y for c in cards]
    extent = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    want = 320.0 * len(cards) ** 0.5
    if extent >= want:
        return cards
    k = min(want / extent, COORD_LIMIT / max(max(map(abs, xs + ys)), 1.0))
    from dataclasses import replace
    return [replace(c, x=c.x * k, y=c.y * k) for c in cards]


def read_graphml(path: Path) -> Incoming:
    root = parse_xml_safely(read_bytes(path))
    if root.tag != f"{{{NS}}}graphml":
        raise InterchangeError("is XML but not GraphML (the root element must be "
                               "<graphml> in the GraphML namespace)")
    n_nodes = sum(1 for _ in root.iter(f"{{{NS}}}node"))
    n_edges = sum(1 for _ in root.iter(f"{{{NS}}}edge"))
    check_counts(n_nodes, n_edges)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            graph = _TreeReader(force_multigraph=True).graph_of(root)
    except InterchangeError:
        raise
    except (nx.NetworkXError, KeyError, ValueError, TypeError, AttributeError) as e:
        raise InterchangeError(f"has GraphML the reader cannot use: {e}") from None
    geometry = _yed_geometry(root)
    inc = Incoming("GraphML")
    by_node: dict[str, str] = {}
    boxes: list[Card] = []
    points: list[Card] = []
    for nid in graph.nodes:
        card, how = _node_card(str(nid), graph.nodes[nid], geometry.get(str(nid)))
        by_node[str(nid)] = card.id
        {"box": boxes, "centre": points, "none": inc.cards}[how].append(card)
        if how == "none":
            inc.unplaced.add(card.id)
    inc.cards = boxes + _spread(points) + inc.cards
    directed = graph.is_directed()
    for u, v, data in graph.edges(data=True):
        direction = data.get("direction")
        if direction not in DIRECTIONS:
            direction = "forward" if directed else "none"
        confidence = data.get("confidence")
        inc.links.append(Link(
            id=new_id(), from_id=by_node[str(u)], to_id=by_node[str(v)],
            label=_first(data, EDGE_LABEL_KEYS)[:500],
            kind=str(data.get("kind") or "relation")[:100], direction=direction,
            confidence=confidence if confidence in CONFIDENCES else "unconfirmed",
            unsourced=bool(data.get("unsourced", False) is True)))
    return inc
