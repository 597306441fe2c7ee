"""Recognising interchange files, and the registry of export formats."""

from __future__ import annotations

import sys
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


def test_every_format_is_registered_and_an_unknown_one_is_named(tmp_path: Path):
    names = [f.name for f in export_run.formats()]
    assert names == ["json", "canvas", "graphml", "ftm", "csv", "report", "png", "svg", "pdf"]
    with pytest.raises(ExportUnavailable, match="unknown export format 'bmp'; choose one of "
                                                "canvas, csv, ftm, graphml, json, pdf, png"):
        export_board(rich_board(), "bmp", tmp_path / "x.bmp")
    assert not (tmp_path / "x.bmp").exists()


def test_a_data_export_never_loads_qt(tmp_path: Path):
    """The image writers import the painter when they run: a JSON, CSV or report export
    (the CLI's, a script's) starts no Qt."""
    import subprocess

    code = (
        "import sys\n"
        "from export_boards import rich_board\n"
        "from evidenceboard.export.run import export_board, export_board_files\n"
        f"export_board(rich_board(), 'json', __import__('pathlib').Path({str(tmp_path)!r}) / 'b.json')\n"
        f"export_board_files(rich_board(), 'csv', __import__('pathlib').Path({str(tmp_path)!r}) / 'b.csv')\n"
        "from evidenceboard.export.report import report_html\n"
        "report_html(rich_board(), figure=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    tests = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tests, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "b.json").is_file()


def test_a_registered_format_gets_the_selection_cut_out(tmp_path: Path, monkeypatch):
    """A format registered with the registry is written with the board already cut down
    to the selection, and is listed among the formats."""
    calls = []

    def write_fake(board, out, options):
        calls.append((sorted(board.cards), options.scale, options.background, options.ids))
        out.write_bytes(b"fake")
        return [out]

    monkeypatch.setattr(export_run, "_REGISTRY", dict(export_run._REGISTRY))
    export_run.register(ExportFormat("fake", "A fake image", ".fake", write_fake,
                                     needs_qt=True))
    out = export_board(rich_board(), "fake", tmp_path / "b.fake", ids={"card-haftar",
                                                                        "card-saddam"},
                       scale=2.0, background="transparent")
    assert out.read_bytes() == b"fake"
    assert calls == [(["card-haftar", "card-saddam"], 2.0, "transparent",
                      frozenset({"card-haftar", "card-saddam"}))]
    assert "fake" in [f.name for f in export_run.formats()]


def test_selection_exports_only_those_cards_their_links_and_sources(tmp_path: Path):
    import json
    out = export_board(rich_board(), "json", tmp_path / "sel.json",
                       ids=["card-haftar", "card-saddam"])
    doc = json.loads(out.read_text("utf-8"))
    assert [c["id"] for c in doc["cards"]] == ["card-haftar", "card-saddam"]
    assert [lk["id"] for lk in doc["links"]] == ["link-son"]
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
