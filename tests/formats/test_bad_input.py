"""The malicious and broken corpus: one clear message each, the board untouched, no hang.

In process, every file goes through :func:`read_interchange` (which only builds an edit);
through the CLI (a real subprocess with a timeout as a hang guard) the board file's bytes
are hashed before and after.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_boards import rich_board, write_rich_board

from evidenceboard.formats import InterchangeError, read_interchange
from evidenceboard.formats.board_json import board_json_bytes
from evidenceboard.formats.inputs import MAX_FILE_BYTES
from evidenceboard.model import Board

GRAPHML_HEAD = "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
BILLION_LAUGHS = ("<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                  + "".join(f"<!ENTITY lol{i} '{('&lol' + str(i - 1) + ';') * 10 if i else '&lol;' * 10}'>"
                            for i in range(10))
                  + "]>\n" + GRAPHML_HEAD + "<graph><node id='&lol9;'/></graph></graphml>")
EXTERNAL = ("<?xml version='1.0'?>\n<!DOCTYPE g [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
            + GRAPHML_HEAD + "<graph><node id='&x;'/></graph></graphml>")
DTD_FETCH = ("<?xml version='1.0'?>\n<!DOCTYPE graphml SYSTEM 'http://127.0.0.1:9/g.dtd'>\n"
             + GRAPHML_HEAD + "<graph/></graphml>")
CANVAS_NODE = {"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10,
               "text": "A"}


def _canvas(**extra: object) -> str:
    doc = {"nodes": [CANVAS_NODE], "edges": []}
    doc.update(extra)
    return json.dumps(doc)


CORPUS: list[tuple[str, str | bytes, str]] = [
    # (file name, content, words of the message)
    ("broken.json", '{"format": "evidenceboard", "version": 1, "cards": [', "not valid JSON"),
    ("broken.canvas", '{"nodes": [{"id": "a",', "not valid JSON"),
    ("nan.canvas", _canvas().replace('"x": 0', '"x": NaN'), "NaN is not a number"),
    ("inf.canvas", _canvas().replace('"x": 0', '"x": 1e999'), "too large"),
    ("huge.canvas", _canvas().replace('"x": 0', '"x": 1e15'), "beyond the limit"),
    ("deep.json", "[" * 200_000 + "]" * 200_000, "nested too deeply"),
    ("deep.canvas", '{"nodes": ' + "[" * 200_000 + "]" * 200_000 + "}",
     "nested too deeply"),
    ("dupkey.canvas", '{"nodes": [], "nodes": []}', "key 'nodes' twice"),
    ("missing.canvas", _canvas(edges=[{"id": "e", "fromNode": "a", "toNode": "ghost"}]),
     "missing node 'ghost'"),
    ("dup.canvas", json.dumps({"nodes": [CANVAS_NODE, CANVAS_NODE]}), "id 'a'"),
    ("laughs.graphml", BILLION_LAUGHS, "document type declaration"),
    ("external.graphml", EXTERNAL, "document type declaration"),
    ("dtd.graphml", DTD_FETCH, "document type declaration"),
    ("latin1.graphml", (GRAPHML_HEAD + "<graph><node id='caf\u00e9'/></graph></graphml>")
     .encode("latin-1"), "not well-formed XML"),
    ("latin1.json", '{"format": "evidenceboard", "version": 1, "settings": {"name": '
                    '"caf\u00e9"}}'.encode("latin-1"), "not UTF-8 text"),
    ("utf16.canvas", _canvas().encode("utf-16-le"), "UTF-16 text without a byte-order"),
    ("win.csv", "id,kind,type,title\r\nx,note,,caf\u00e9\r\n".encode("cp1252"),
     "not UTF-8"),
    ("empty.canvas", b"", "is empty"),
    ("blank.graphml", b"  \n ", "is empty"),
    ("binary.json", bytes(range(256)) * 4, "not UTF-8"),
    ("elf.graphml", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "not well-formed XML"),
    ("scalar.canvas", "42", "top level must be an object"),
    ("ragged.csv", "id,kind,type,title\r\na,note\r\n", "row 2 has 2 cells"),
    ("bad.jsonl", '{"id": "a", "schema": "Person", "properties": {}}\n[\n', "line 2"),
]


@pytest.mark.parametrize("name, content, words", CORPUS, ids=[c[0] for c in CORPUS])
def test_each_bad_file_gets_one_clear_message(tmp_path: Path, name: str,
                                              content: str | bytes, words: str):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    board = rich_board()
    with pytest.raises(InterchangeError) as info:
        read_interchange(path, board)
    message = str(info.value)
    assert words in message and "\n" not in message and len(message) < 300


@pytest.mark.parametrize("suffix", [".json", ".canvas", ".graphml", ".jsonl", ".csv"])
def test_50_mb_files_are_refused_before_parsing(tmp_path: Path, suffix: str):
    path = tmp_path / f"big{suffix}"
    with open(path, "wb") as f:
        f.truncate(50_000_000)  # sparse: refused on its size, never read
    with pytest.raises(InterchangeError, match=r"too large to import \(50.0 MB; the limit"):
        read_interchange(path, Board())


def test_a_file_that_lies_about_its_size_is_read_only_to_the_limit(tmp_path: Path):
    link = tmp_path / "zero.canvas"
    os.symlink("/dev/zero", link)  # st_size 0, endless content
    with pytest.raises(InterchangeError, match="too large to import"):
        read_interchange(link, Board())


def test_utf16_and_utf8_bom_with_a_byte_order_mark_are_read(tmp_path: Path):
    text = board_json_bytes(rich_board()).decode("utf-8")
    for enc, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                     ("utf-8", codecs.BOM_UTF8)):
        path = tmp_path / f"{enc}.json"
        path.write_bytes(bom + text.encode(enc))
        board = Board()
        board.apply(read_interchange(path, board))
        assert board_json_bytes(board) == text.encode("utf-8")


def test_graphml_declaring_latin1_is_fine(tmp_path: Path):
    path = tmp_path / "declared.graphml"
    path.write_bytes(("<?xml version='1.0' encoding='ISO-8859-1'?>" + GRAPHML_HEAD +
                      "<graph><node id='caf\u00e9'/></graph></graphml>").encode("latin-1"))
    board = Board()
    board.apply(read_interchange(path, board))
    assert [c.title for c in board.cards.values()] == ["caf\u00e9"]


# ----------------------------------------------------------------------------- CLI
def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "evidenceboard", *args], capture_output=True,
                          text=True, env=env, timeout=120)


CLI_CASES = [c for c in CORPUS if c[0] in {
    "broken.json", "nan.canvas", "deep.json", "missing.canvas", "dup.canvas",
    "laughs.graphml", "external.graphml", "latin1.json", "utf16.canvas", "huge.canvas",
    "bad.jsonl", "win.csv"}]


@pytest.mark.parametrize("name, content, words", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_refuses_with_one_line_and_leaves_the_board_alone(tmp_path: Path, name: str,
                                                               content: str | bytes,
                                                               words: str):
    board = write_rich_board(tmp_path / "case.evboard")
    before = hashlib.sha256(board.read_bytes()).hexdigest()
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    proc = _run("import", str(board), str(path))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert words in lines[0] and name in lines[0]
    assert hashlib.sha256(board.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["case.evboard", name])


def test_cli_refuses_a_50_mb_file_at_once(tmp_path: Path):
    board = write_rich_board(tmp_path / "case.evboard")
    before = board.read_bytes()
    big = tmp_path / "big.canvas"
    with open(big, "wb") as f:
        f.write(b'{"nodes": [' + b" " * (MAX_FILE_BYTES + 10_000_000) + b"]}")
    proc = _run("import", str(board), str(big))
    assert proc.returncode == 2 and "too large to import" in proc.stderr
    assert board.read_bytes() == before
