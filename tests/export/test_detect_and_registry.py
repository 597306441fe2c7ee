"""Recognising interchange files, and the registry where image formats plug in."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from export_boards import rich_board

from evidenceboard.export import run as export_run
from evidenceboard.export.run import ExportFormat, export_board, export_board_files
from evidenceboard.formats import detect_format
from evidenceboard.formats.board_json import board_json_bytes
from evidenceboard.formats.errors import ExportUnavailable


@pytest.mark.parametrize("name, content, expected", [
    ("board.json", board_json_bytes(rich_board()), "json"),
    ("from-obsidian.json", b'{"nodes": [], "edges": []}', "canvas"),
    ("mystery.json", b'{"something": 1}', "json"),
    ("b.canvas", b"anything", "canvas"),
    ("g.graphml", b"anything", "graphml"),
    ("g.xml", b"<?xml version='1.0'?>\n<graphml xmlns='x'/>", "graphml"),
    ("feed.xml", b"<?xml version='1.0'?>\n<rss/>", None),
    ("e.jsonl", b"", "ftm"),
    ("e.ftm.json", b"", "ftm"),
    ("aleph.json", b'{"id": "x", "schema": "Person", "properties": {}}\n', "ftm"),
    ("t.cards.csv", b"id,kind,type,title\r\n", "csv"),
    ("article.txt", b'{"format": "evidenceboard"}', None),
    ("article.md", b"# Title", None),
    ("page.html", b"<html><graphml/></html>", None),
    ("noext", b'{"format": "evidenceboard", "version": 1}', "json"),
    ("noext2", b"Plain article text about a graph.", None),
    ("bom.json", "\ufeff{\"nodes\": []}".encode("utf-8"), "canvas"),
])
def test_detect_format(tmp_path: Path, name: str, content: bytes, expected: str | None):
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


def test_detect_never_raises_on_missing_or_unreadable_files(tmp_path: Path):
    assert detect_format(tmp_path / "gone.json") == "json"
    assert detect_format(tmp_path / "gone.txt") is None
    assert detect_format(tmp_path) is None


def test_images_say_they_are_not_available_in_one_line(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(export_run, "PLUGIN_MODULES", ("evidenceboard.export.no_such",))
    monkeypatch.setattr(export_run, "_plugins_loaded", False)
    # A build without the images module (this process may have loaded it already).
    monkeypatch.setattr(export_run, "_REGISTRY", {
        k: v for k, v in export_run._REGISTRY.items() if k not in export_run.PLUGIN_FORMATS})
    for fmt in ("png", "svg", "pdf"):
        with pytest.raises(ExportUnavailable, match="^image export is not available in "
                                                    "this build$"):
            export_board(rich_board(), fmt, tmp_path / f"x.{fmt}")
    with pytest.raises(ExportUnavailable, match="unknown export format 'bmp'"):
        export_board(rich_board(), "bmp", tmp_path / "x.bmp")


def test_an_images_module_plugs_in_through_formats(tmp_path: Path, monkeypatch):
    """A module listed in PLUGIN_MODULES exposing FORMATS adds its formats."""
    calls = []

    def write_png(board, out, options):
        calls.append((sorted(board.cards), options.scale, options.background, options.ids))
        out.write_bytes(b"\x89PNG fake")
        return [out]

    fake = types.ModuleType("fake_images")
    fake.FORMATS = (ExportFormat("png", "PNG image", ".png", write_png, needs_qt=True),)
    monkeypatch.setitem(sys.modules, "fake_images", fake)
    monkeypatch.setattr(export_run, "PLUGIN_MODULES", ("fake_images",))
    monkeypatch.setattr(export_run, "_plugins_loaded", False)
    monkeypatch.setattr(export_run, "_REGISTRY", dict(export_run._REGISTRY))
    out = export_board(rich_board(), "png", tmp_path / "b.png", ids={"card-haftar",
                                                                      "card-saddam"},
                       scale=2.0, background="transparent")
    assert out.read_bytes().startswith(b"\x89PNG")
    # The writer gets the selection already cut out of the board.
    assert calls == [(["card-haftar", "card-saddam"], 2.0, "transparent",
                      frozenset({"card-haftar", "card-saddam"}))]
    assert "png" in [f.name for f in export_run.formats()]


def test_selection_exports_only_those_cards_their_links_and_sources(tmp_path: Path):
    import json
    out = export_board(rich_board(), "json", tmp_path / "sel.json",
                       ids=["card-haftar", "card-saddam"])
    doc = json.loads(out.read_text("utf-8"))
    assert [c["id"] for c in doc["cards"]] == ["card-haftar", "card-saddam"]
    assert [l["id"] for l in doc["links"]] == ["link-son"]
    assert [s["id"] for s in doc["sources"]] == ["src-a", "src-b"]


def test_a_failed_export_leaves_no_half_file(tmp_path: Path, monkeypatch):
    from evidenceboard.formats import common

    target = tmp_path / "x.json"
    target.write_bytes(b"the previous export")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(common.os, "fsync", disk_full)
    with pytest.raises(OSError):
        export_board_files(rich_board(), "json", target)
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
    assert target.read_bytes() == b"the previous export"
