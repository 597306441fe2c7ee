"""Crafted inputs whose cost grows with their size the way an attacker (or an unlucky
export) would make it grow: each function writes a file of about ``size`` bytes.

Shared by the importer bomb tests (``tests/importer/test_bombs.py``,
``tests/formats/test_format_bombs.py``) and by ``bench/import_bombs.py``, which prints
their cost against their size.  Deterministic (seeded): the same size gives the same file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ("Ahmed", "Khalifa", "Saddam", "Fayez", "Abdul", "Omar", "Yusuf", "Hassan",
         "Mustafa", "Ali", "Ibrahim", "Karim", "Nadia", "Leila", "Samir", "Tariq", "Walid",
         "Hamid", "Salim", "Rania", "Ismail", "Mahmoud", "Fathi", "Aguila", "Khaled",
         "Osama", "Naji", "Jamal", "Ramzi", "Faisal")
LAST = ("Haftar", "Dbeibah", "Sarraj", "Mismari", "Bashagha", "Saleh", "Naqi", "Ghweil",
        "Maiteeq", "Jadran", "Zeidan", "Gaddafi", "Mangoush", "Menfi", "Lafi", "Hamada",
        "Kabir", "Shakshak", "Nayed", "Werfalli", "Kani", "Obeidi", "Sewehli", "Busairi",
        "Mabrouk", "Tajouri", "Dabbashi", "Gharyani", "Aoun", "Tarhouni")
ORGS = ("the Libyan National Army", "the Government of National Unity", "the UN mission",
        "the Central Bank", "the House of Representatives", "Mossad", "Reuters",
        "the Wagner Group", "the National Oil Corporation", "Haaretz")
PLACES = ("Tripoli", "Benghazi", "Misrata", "Sirte", "Cairo", "Abu Dhabi", "Tel Aviv",
          "Ankara", "Tobruk", "Sabha")
VERBS = ("met", "accused", "called", "visited", "thanked", "criticised", "backed",
         "warned", "praised", "denied meeting")
PLAIN = ("the committee said that the report would be published later this month",
         "officials said the talks had been constructive but that no agreement was near",
         "the ministry denied that any payment had been made to the contractors",
         "residents said the power cuts had lasted for several days in the south",
         "the agency reported that prices rose sharply over the previous quarter",
         "a spokesman said the delegation would return after the holiday",
         "the court ruled that the election law had to be amended before the vote",
         "analysts said the agreement could collapse if the ceasefire did not hold")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def dense_article_text(size: int, seed: int = 1) -> str:
    """News prose in which nearly every sentence names several people, organisations and
    places: many distinct actors, many mentions, many claims."""
    rng = random.Random(seed)
    out: list[str] = ["Libya talks: who met whom\n\n"]
    n = 0
    while n < size:
        para = []
        for _ in range(4):
            a, b, c = _name(rng), _name(rng), _name(rng)
            s = (f"{a} {rng.choice(VERBS)} {b} and {rng.choice(ORGS)} in "
                 f"{rng.choice(PLACES)}, {c} said on Monday. ")
            if rng.random() < 0.3:
                s += f"\u201cWe never met {_name(rng)},\u201d {_name(rng)} told Reuters. "
            para.append(s)
        text = "".join(para).strip() + "\n\n"
        out.append(text)
        n += len(text)
    return "".join(out)


def plain_sentences_text(size: int, seed: int = 2) -> str:
    """Ordinary sentences without any name: the cost of reading plain prose."""
    rng = random.Random(seed)
    out = ["A long report\n\n"]
    n = 0
    while n < size:
        para = " ".join(rng.choice(PLAIN).capitalize() + "." for _ in range(5)) + "\n\n"
        out.append(para)
        n += len(para)
    return "".join(out)


def html_page(size: int, seed: int = 3) -> str:
    """A saved news page: navigation, an article of paragraphs with links and names,
    comments and scripts, nested the way CMS pages nest them."""
    rng = random.Random(seed)
    head = ("<!DOCTYPE html><html><head><title>Libya talks</title>"
            "<meta property='og:title' content='Libya talks'></head><body>"
            "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>"
                                  for i in range(20)) + "</ul></nav>"
            "<article><h1>Libya talks: who met whom</h1>")
    parts = [head]
    n = len(head)
    i = 0
    while n < size:
        a, b = _name(rng), _name(rng)
        p = (f"<div class='block'><p>{a} {rng.choice(VERBS)} <a href='/p/{i}'>{b}</a> in "
             f"{rng.choice(PLACES)}, {_name(rng)} said. {rng.choice(PLAIN).capitalize()}."
             f"</p></div>")
        if i % 7 == 0:
            p += f"<aside><span>Related: <a href='/r/{i}'>story {i}</a></span></aside>"
        parts.append(p)
        n += len(p)
        i += 1
    parts.append("</article><footer><script>var x=1;</script>(c) News</footer></body></html>")
    return "".join(parts)


def ftm_edges_bomb(size: int, entities: int = 400) -> str:
    """FollowTheMoney JSON lines: a few people, then edge entities each naming every one
    of them as subject *and* object (each edge is entities² links)."""
    lines = [json.dumps({"id": f"p{i}", "schema": "Person",
                         "properties": {"name": [f"Person {i}"]}}) for i in range(entities)]
    ids = [f"p{i}" for i in range(entities)]
    n = sum(len(x) + 1 for x in lines)
    k = 0
    while n < size:
        line = json.dumps({"id": f"e{k}", "schema": "UnknownLink",
                           "properties": {"subject": ids, "object": ids,
                                          "role": [f"role {k}"]}})
        lines.append(line)
        n += len(line) + 1
        k += 1
    return "\n".join(lines) + "\n"


def ftm_honest(size: int) -> str:
    """FollowTheMoney JSON lines as tools write them: people, companies and one edge per
    relation (the scaling baseline for the FtM reader)."""
    lines: list[str] = []
    n = 0
    i = 0
    while n < size:
        for line in (
                json.dumps({"id": f"p{i}", "schema": "Person",
                            "properties": {"name": [f"Person number {i}"]}}),
                json.dumps({"id": f"c{i}", "schema": "Company",
                            "properties": {"name": [f"Company number {i}"]}}),
                json.dumps({"id": f"d{i}", "schema": "Directorship",
                            "properties": {"director": [f"p{i}"],
                                           "organization": [f"c{i}"],
                                           "role": ["director"]}})):
            lines.append(line)
            n += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def canvas_groups(size: int) -> str:
    """A JSON Canvas of nested groups (each inside the one before) holding text cards
    that all lie inside every group: containment is groups × cards."""
    nodes: list[dict[str, object]] = []
    n = 0
    i = 0
    while n < size:
        if i % 2 == 0:
            g = i // 2
            node = {"id": f"g{i}", "type": "group", "x": -450_000 + g,
                    "y": -450_000 + g, "width": 900_000 - 2 * g,
                    "height": 900_000 - 2 * g, "label": f"Group {g}"}
        else:
            c = i // 2
            node = {"id": f"t{i}", "type": "text", "x": (c % 100) * 300,
                    "y": (c // 100) * 200, "width": 250, "height": 120,
                    "text": f"Card {c}"}
        nodes.append(node)
        n += len(json.dumps(node)) + 2
        i += 1
    return json.dumps({"nodes": nodes, "edges": []})


def graphml_honest(size: int) -> str:
    """A GraphML graph of labelled nodes and a ring of edges."""
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<key id="label" for="node" attr.name="label" attr.type="string"/>'
            '<graph id="G" edgedefault="directed">')
    parts = [head]
    n = len(head)
    i = 0
    while n < size:
        p = (f'<node id="n{i}"><data key="label">Node number {i}</data></node>'
             f'<edge source="n{i}" target="n{max(i - 1, 0)}"/>')
        parts.append(p)
        n += len(p)
        i += 1
    parts.append("</graph></graphml>")
    return "".join(parts)


WRITERS = {
    "dense article (.txt)": ("txt", dense_article_text),
    "plain sentences (.txt)": ("txt", plain_sentences_text),
    "HTML page (.html)": ("html", html_page),
    "FtM edges to few entities (.ftm.jsonl)": ("ftm.jsonl", ftm_edges_bomb),
    "FtM one edge per relation (.ftm.jsonl)": ("ftm.jsonl", ftm_honest),
    "JSON Canvas nested groups (.canvas)": ("canvas", canvas_groups),
    "GraphML nodes and edges (.graphml)": ("graphml", graphml_honest),
}


def write_input(kind: str, size: int, folder: Path) -> Path:
    """Write the ``kind`` input (a key of :data:`WRITERS`) of about ``size`` bytes."""
    suffix, make = WRITERS[kind]
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in kind.split("(")[0]
                            ).lower().split())
    path = Path(folder) / f"{slug}-{size}.{suffix}"
    path.write_text(make(size), encoding="utf-8")
    return path
