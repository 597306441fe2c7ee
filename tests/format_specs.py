"""Other tools' formats written out as checks, independent of our writers' code: JSON
Canvas 1.0 (jsoncanvas.org, spec/1.0) and FollowTheMoney (validated by followthemoney's
own model).  Used by tests/formats and by the demo board's export test."""

from __future__ import annotations

import re

from followthemoney import model

# --- the spec, written out as checks (independent of the exporter's code) -------------
GENERIC = {"id": str, "type": str, "x": int, "y": int, "width": int, "height": int}
NODE_FIELDS = {"text": {"text"}, "file": {"file", "subpath"}, "link": {"url"},
               "group": {"label", "background", "backgroundStyle"}}
EDGE_FIELDS = {"id", "fromNode", "fromSide", "fromEnd", "toNode", "toSide", "toEnd",
               "color", "label"}


def spec_color(value: object) -> bool:
    return isinstance(value, str) and (value in {"1", "2", "3", "4", "5", "6"} or bool(
        re.fullmatch(r"#[0-9A-Fa-f]{6}", value)))


def check_canvas_spec(doc: dict) -> None:
    assert set(doc) <= {"nodes", "edges"}
    ids = set()
    for node in doc.get("nodes", []):
        for key, typ in GENERIC.items():
            assert isinstance(node[key], typ) and not isinstance(node[key], bool), (key, node)
        assert node["type"] in NODE_FIELDS
        assert set(node) <= set(GENERIC) | {"color"} | NODE_FIELDS[node["type"]], node
        if node["type"] == "text":
            assert isinstance(node["text"], str)
        if "color" in node:
            assert spec_color(node["color"]), node["color"]
        assert node["id"] not in ids
        ids.add(node["id"])
    node_ids = set(ids)
    for edge in doc.get("edges", []):
        assert set(edge) <= EDGE_FIELDS and {"id", "fromNode", "toNode"} <= set(edge)
        assert edge["fromNode"] in node_ids and edge["toNode"] in node_ids
        for side in ("fromSide", "toSide"):
            assert edge.get(side, "top") in ("top", "right", "bottom", "left")
        for end in ("fromEnd", "toEnd"):
            assert edge.get(end, "none") in ("none", "arrow")
        if "color" in edge:
            assert spec_color(edge["color"])
        if "label" in edge:
            assert isinstance(edge["label"], str)
        assert edge["id"] not in ids
        ids.add(edge["id"])


def assert_valid_ftm(entities: list[dict]) -> None:
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e["schema"]
        proxy = model.get_proxy(e, cleaned=False)
        # The model keeps every property and value we wrote: names exist on the schema
        # and values are valid for their type (dates, countries, URLs, topics...).
        kept = proxy.to_dict()["properties"]
        assert set(kept) == set(e["properties"]), (e["schema"], e["properties"], kept)
        for name, values in e["properties"].items():
            assert len(kept[name]) == len(set(values)), (name, values, kept[name])
        # References point to entities of the file whose schema fits the property.
        for name, values in e["properties"].items():
            prop = schema.get(name)
            if prop.type.name == "entity":
                for ref in values:
                    assert ref in by_id, (e["schema"], name, ref)
                    target = model.get(by_id[ref]["schema"])
                    assert target.is_a(prop.range), (e["schema"], name, target.name)
        if schema.edge:
            assert e["properties"].get(schema.edge_source)
            assert e["properties"].get(schema.edge_target)
