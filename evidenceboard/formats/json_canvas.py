"""JSON Canvas 1.0 (jsoncanvas.org; Obsidian's ``.canvas``), both ways.

Export: every card becomes a ``text`` node whose Markdown holds the title, what the card
is (kind, actor type or stance and speaker, aliases), the body, and every quote with its
source (title, outlet, date, address), followed by the quotes of the links leaving the
card; user text is escaped so it is never read as Markdown.  Positions and sizes are kept
(rounded to whole pixels, as the spec requires); colours become the nearest of the six
preset colours; links become edges with their label, arrow ends from their direction and
sides facing each other.

Groups: a board's group becomes a ``group`` node (its label the title, its colour as
"#rrggbb") whose rectangle is the frame around its cards, written before the text nodes
(nodes are listed bottom to top).  JSON Canvas has no collapsed state: a collapsed group
is written as its frame.

Import: any valid canvas.  ``text`` nodes become note cards (or, for a canvas we wrote,
the actor/claim/note they came from), ``file`` and ``link`` nodes become note cards
naming the file or address, and a ``group`` becomes a group holding the nodes whose
rectangles lie inside its own (the innermost group, when groups are nested: a board's
groups do not nest, so a group holding only other groups is not kept).  A group
that edges start or end at also gets a small note just above its top-left corner,
titled with its label, which those links join (a link joins cards, not groups).
Unknown keys are ignored; a node type outside
the spec, duplicate ids, an edge to a missing node and coordinates that are not finite or
beyond ±10,000,000 are refused with a message naming the node or edge.
"""

from __future__ import annotations

import colorsys
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from ..analysis.contradictions import CONTRADICTION_KINDS
from ..model import ACTOR_TYPES, Board, Card, Group, Link, new_id
from ..model.group_edits import frame_rect_of, group_title
from .common import card_label, link_text, sorted_cards, sorted_links, source_label, write_atomic
from .errors import InterchangeError
from .incoming import Incoming
from .inputs import (
    check_counts,
    extent_value,
    finite,
    id_value,
    load_json_file,
    size_value,
    text_value,
)
from .markdown import blockquote, md_escape, md_unescape, safe_url

NODE_TYPES = ("text", "file", "link", "group")
SIDES = ("top", "right", "bottom", "left")
ENDS = ("none", "arrow")
#: Obsidian's preset colours ("1" red ... "6" purple) with the hue each stands for.
PRESETS: dict[str, tuple[str, float]] = {
    "1": ("#e93147", 0.0), "2": ("#ec7500", 30.0), "3": ("#e0ac00", 50.0),
    "4": ("#08b94e", 135.0), "5": ("#00bfbc", 185.0), "6": ("#7852ee", 260.0),
}
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


# ----------------------------------------------------------------------------- colours
def preset_for(hex_color: str | None) -> str | None:
    """The preset ("1".."6") nearest in hue to ``hex_color``; None for greys and whites."""
    if not hex_color or not _HEX.match(hex_color):
        return None
    h = hex_color[1:]
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    if sat < 0.2 or light > 0.92 or light < 0.08:
        return None
    deg = hue * 360.0

    def distance(p: str) -> float:
        d = abs(PRESETS[p][1] - deg) % 360.0
        return min(d, 360.0 - d)
    return min(PRESETS, key=lambda p: (distance(p), p))


def color_from_canvas(value: Any) -> str | None:
    """A canvas colour ("1".."6", 1..6 or "#rgb"/"#rrggbb") as "#rrggbb"; else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else None
    if not isinstance(value, str):
        return None
    if value in PRESETS:
        return PRESETS[value][0]
    if _HEX.match(value):
        h = value[1:].lower()
        return "#" + ("".join(ch * 2 for ch in h) if len(h) == 3 else h)
    return None


def _card_preset(card: Card) -> str | None:
    if card.color:
        return preset_for(card.color)
    if card.kind == "note":
        return "3"
    if card.kind == "claim" and card.stance == "denies":
        return "1"
    return None


# ----------------------------------------------------------------------------- export
def _kind_line(card: Card) -> str:
    parts = [card.kind.capitalize()]
    if card.kind == "actor":
        parts.append(card.actor_type or "other")
        if card.aliases:
            parts.append("also: " + "; ".join(card.aliases))
    elif card.kind == "claim":
        parts.append(card.stance or "asserts")
        if card.speaker:
            parts.append("speaker: " + card.speaker)
    return "*" + md_escape(" · ".join(parts)) + "*"


def _evidence(board: Board, owner: str) -> list[str]:
    out = []
    for c in board.citations_of(owner):
        src = board.sources.get(c.source_id)
        attribution = md_escape(source_label(src))
        url = safe_url(src.url if src else None)
        if url:
            attribution += f", <{url}>"
        if c.credibility is not None:
            attribution += f" · credibility {c.credibility}"
        out.append(blockquote(c.quote) + "\n>\n> — " + attribution)
    return out


def card_markdown(board: Board, card: Card) -> str:
    """The Markdown of a card's text node."""
    parts = ["## " + md_escape(card.title or "(untitled)"), _kind_line(card)]
    if card.body:
        parts.append(md_escape(card.body))
    parts += _evidence(board, card.id)
    for link in [lk for lk in board.links_of(card.id) if lk.from_id == card.id]:
        quotes = _evidence(board, link.id)
        if quotes:
            parts.append("**" + md_escape(f"→ {link_text(link)} → "
                                          f"{card_label(board, link.to_id)}") + "**")
            parts += quotes
    return "\n\n".join(parts)


def _sides(a: Card, b: Card) -> tuple[str, str]:
    dx = (b.x + b.width / 2) - (a.x + a.width / 2)
    dy = (b.y + b.height / 2) - (a.y + a.height / 2)
    if abs(dx) * (a.height + b.height) >= abs(dy) * (a.width + b.width):
        return ("right", "left") if dx >= 0 else ("left", "right")
    return ("bottom", "top") if dy >= 0 else ("top", "bottom")


def _edge_ends(direction: str) -> tuple[str, str]:
    return {"forward": ("none", "arrow"), "both": ("arrow", "arrow"),
            "none": ("none", "none")}.get(direction, ("none", "arrow"))


def _group_nodes(board: Board) -> list[dict[str, Any]]:
    """The board's groups that hold cards, as group nodes around them."""
    out = []
    for gid in sorted(board.groups):
        rect = frame_rect_of(board.members_of(gid))
        if rect is None:
            continue
        g = board.groups[gid]
        x, y, w, h = rect
        node: dict[str, Any] = {"id": gid, "type": "group", "label": g.title,
                                "x": round(x), "y": round(y), "width": max(1, round(w)),
                                "height": max(1, round(h))}
        if g.color:
            node["color"] = g.color.lower()
        out.append(node)
    # bigger frames first: listed bottom to top, an inner frame stays visible
    out.sort(key=lambda n: (-n["width"] * n["height"], n["id"]))
    return out


def canvas_dict(board: Board) -> dict[str, Any]:
    nodes = _group_nodes(board)
    for c in sorted_cards(board):
        node: dict[str, Any] = {"id": c.id, "type": "text", "text": card_markdown(board, c),
                                "x": round(c.x), "y": round(c.y),
                                "width": max(1, round(c.width)),
                                "height": max(1, round(c.height))}
        preset = _card_preset(c)
        if preset:
            node["color"] = preset
        nodes.append(node)
    edges = []
    for lk in sorted_links(board):
        a, b = board.cards[lk.from_id], board.cards[lk.to_id]
        from_side, to_side = _sides(a, b)
        from_end, to_end = _edge_ends(lk.direction)
        edge: dict[str, Any] = {"id": lk.id, "fromNode": lk.from_id, "fromSide": from_side,
                                "fromEnd": from_end, "toNode": lk.to_id, "toSide": to_side,
                                "toEnd": to_end}
        if lk.kind in CONTRADICTION_KINDS:
            edge["color"] = "1"
        elif lk.confidence == "disputed":
            edge["color"] = "2"
        if link_text(lk):
            edge["label"] = link_text(lk)
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def write_canvas(board: Board, out: Path) -> Path:
    text = json.dumps(canvas_dict(board), ensure_ascii=False, indent="\t")
    return write_atomic(out, (text + "\n").encode("utf-8"))


# ----------------------------------------------------------------------------- import
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_OUR_KIND = re.compile(r"^\*(Actor|Claim|Note)((?: · .*)?)\*$")
MAX_TITLE = 200
#: Card-in-group tests one canvas may need (nested groups each holding every card).
MAX_GROUP_TESTS = 400_000_000


def _split_text(text: str) -> tuple[str, str]:
    """Title (first non-empty line, heading marks removed) and the rest."""
    lines = text.strip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    first = lines[0]
    m = _HEADING.match(first)
    title = m.group(1) if m else first.strip()
    rest = "\n".join(lines[1:]).strip("\n")
    if len(title) > MAX_TITLE:
        return title[:MAX_TITLE - 1] + "…", text
    return title, rest


def _text_card(text: str, base: dict[str, Any]) -> Card:
    title, rest = _split_text(text)
    fields: dict[str, Any] = {"kind": "note"}
    lines = rest.split("\n", 1)
    m = _OUR_KIND.match(md_unescape(lines[0]).strip()) if lines and lines[0] else None
    if m:  # a canvas we wrote: recover what the card was
        fields["kind"] = m.group(1).lower()
        extras = [p for p in m.group(2).split(" · ") if p]
        rest = lines[1].strip("\n") if len(lines) > 1 else ""
        if fields["kind"] == "actor":
            fields["actor_type"] = extras[0] if extras and extras[0] in ACTOR_TYPES \
                else "other"
            for e in extras[1:]:
                if e.startswith("also: "):
                    fields["aliases"] = tuple(a for a in e[6:].split("; ") if a)
        elif fields["kind"] == "claim":
            fields["stance"] = "denies" if extras and extras[0] == "denies" else "asserts"
            for e in extras[1:]:
                if e.startswith("speaker: "):
                    fields["speaker"] = e[9:]
    return Card(id=new_id(), title=md_unescape(title) or "(untitled)",
                body=md_unescape(rest), **base, **fields)


class _CanvasReader:
    def __init__(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            raise InterchangeError("is not a JSON Canvas (the top level must be an object "
                                   "with nodes and edges)")
        self.doc = doc
        self.ids: set[str] = set()

    def _list(self, key: str) -> list[Any]:
        value = self.doc.get(key, [])
        if not isinstance(value, list):
            raise InterchangeError(f'"{key}" must be a list')
        return value

    def _id(self, raw: dict[str, Any], what: str) -> str:
        id_ = id_value(raw.get("id"), what)
        if id_ in self.ids:
            raise InterchangeError(f"has two nodes or edges with the id {id_!r}")
        self.ids.add(id_)
        return id_

    def read(self) -> Incoming:
        inc = Incoming("JSON Canvas")
        check_counts(len(self._list("nodes")), len(self._list("edges")))  # before building
        node_card: dict[str, str] = {}
        groups: list[tuple[Group, tuple[float, float, float, float]]] = []
        group_nodes: dict[str, tuple[Group, float, float, Any]] = {}
        geometry: dict[str, tuple[float, float, float, float]] = {}
        for n, raw in enumerate(self._list("nodes")):
            if not isinstance(raw, dict):
                raise InterchangeError(f"node {n + 1} is not an object")
            id_ = self._id(raw, f"node {n + 1}")
            what = f"node {id_[:40]!r}"
            kind = raw.get("type")
            if kind not in NODE_TYPES:
                raise InterchangeError(f"{what} has the type {str(kind)[:20]!r}; JSON Canvas "
                                       f"1.0 knows text, file, link and group")
            x, y = finite(raw.get("x"), f"{what} x"), finite(raw.get("y"), f"{what} y")
            # A group is an area around other nodes, not a card: only its cards' sizes
            # are cards' sizes.
            size = extent_value if kind == "group" else size_value
            w = size(raw.get("width"), f"{what} width")
            h = size(raw.get("height"), f"{what} height")
            base: dict[str, Any] = {"x": x, "y": y, "width": w, "height": h,
                                    "color": color_from_canvas(raw.get("color"))}
            if kind == "text":
                card = _text_card(text_value(raw.get("text"), f"{what} text") or "", base)
            elif kind == "file":
                path = text_value(raw.get("file"), f"{what} file") or ""
                sub = raw.get("subpath") if isinstance(raw.get("subpath"), str) else ""
                card = Card(id=new_id(), kind="note",
                            title=(path.rsplit("/", 1)[-1] or path or "file")[:MAX_TITLE],
                            body=f"File: {path}{sub}", **base)
            elif kind == "link":
                url = text_value(raw.get("url"), f"{what} url") or ""
                card = Card(id=new_id(), kind="note", title=url[:MAX_TITLE] or "link",
                            body=f"Link: {url}", **base)
            else:
                got = raw.get("label")
                label = got if isinstance(got, str) else ""
                group = Group.create(group_title(label), color=base["color"])
                groups.append((group, (x, y, w, h)))
                group_nodes[id_] = (group, x, y, base["color"])
                inc.groups.append(group)
                continue
            geometry[card.id] = (x, y, w, h)
            node_card[id_] = card.id
            inc.cards.append(card)
        self._fill_groups(inc, groups, geometry)
        held = {c.group_id for c in inc.cards}
        inc.groups = [g for g in inc.groups if g.id in held]  # a frame around nothing
        edges = self._list("edges")
        for raw in edges:  # a group an edge touches: a note for the link to join
            if not isinstance(raw, dict):
                continue
            for key in ("fromNode", "toNode"):
                ref = raw.get(key)
                if isinstance(ref, str) and ref in group_nodes and ref not in node_card:
                    group, gx, gy, color = group_nodes[ref]
                    note = Card(id=new_id(), kind="note", title=group.title[:MAX_TITLE],
                                body="Group on the canvas", x=gx, y=gy - 120.0,
                                width=200.0, height=100.0, color=color)
                    node_card[ref] = note.id
                    inc.cards.append(note)
        for n, raw in enumerate(edges):
            if not isinstance(raw, dict):
                raise InterchangeError(f"edge {n + 1} is not an object")
            id_ = self._id(raw, f"edge {n + 1}")
            ends = []
            for key in ("fromNode", "toNode"):
                ref = raw.get(key)
                if not isinstance(ref, str) or ref not in node_card:
                    raise InterchangeError(f"edge {id_[:40]!r} points to a missing node "
                                           f"{str(ref)[:40]!r}")
                ends.append(node_card[ref])
            from_end = raw.get("fromEnd", "none")
            to_end = raw.get("toEnd", "arrow")
            if from_end not in ENDS or to_end not in ENDS:
                raise InterchangeError(f"edge {id_[:40]!r} has an end that is neither "
                                       f"'none' nor 'arrow'")
            if from_end == "arrow" and to_end == "none":
                ends.reverse()
            direction = ("both" if from_end == to_end == "arrow" else
                         "none" if from_end == to_end == "none" else "forward")
            got = raw.get("label")
            label = got if isinstance(got, str) else ""
            inc.links.append(Link(id=new_id(), from_id=ends[0], to_id=ends[1], label=label,
                                  kind="relation", direction=direction))
        return inc

    @staticmethod
    def _fill_groups(inc: Incoming, groups: list[tuple[Group, tuple[float, float, float,
                                                                     float]]],
                     geometry: dict[str, tuple[float, float, float, float]]) -> None:
        """Each card joins the smallest group whose rectangle holds its own.  The cards
        are sorted by x once; a group tests only those whose x is within its own, all at
        once (numpy): nested groups (each holding every card) cost groups x cards simple
        operations, bounded by :data:`MAX_GROUP_TESTS`, instead of a Python loop per
        pair."""
        if not groups or not geometry:
            return
        members = list(geometry.items())
        box = np.array([geo for _, geo in members], dtype=np.float64).reshape(-1, 4)
        order = np.argsort(box[:, 0], kind="stable")
        xs = box[order, 0]
        best_area = np.full(len(members), np.inf)
        best_group = np.full(len(members), -1, dtype=np.int64)
        tests = 0
        for n, (_g, (gx, gy, gw, gh)) in enumerate(groups):
            lo = int(np.searchsorted(xs, gx, side="left"))
            hi = int(np.searchsorted(xs, gx + gw, side="right"))
            tests += int(hi - lo)
            if tests > MAX_GROUP_TESTS:
                raise InterchangeError(
                    f"has {len(groups):,} groups over {len(members):,} cards, nested too "
                    "deeply to work out what each group holds")
            cand = order[lo:hi]
            x, y, w, h = box[cand].T
            inside = cand[(y >= gy) & (x + w <= gx + gw) & (y + h <= gy + gh)]
            area = gw * gh
            take = inside[best_area[inside] > area]
            best_area[take] = area
            best_group[take] = n
        position = {c.id: k for k, c in enumerate(inc.cards)}
        for k in np.nonzero(best_group >= 0)[0]:
            cid = members[int(k)][0]
            idx = position[cid]
            card = inc.cards[idx]
            inc.cards[idx] = Card(**{**{f: getattr(card, f) for f in card.__slots__},
                                     "group_id": groups[int(best_group[k])][0].id})


def read_canvas_doc(doc: Any) -> Incoming:
    return _CanvasReader(doc).read()


def read_canvas(path: Path) -> Incoming:
    return read_canvas_doc(load_json_file(path))
