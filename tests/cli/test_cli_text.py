"""What the command prints can be trusted (issue 11 items 9 and 11), run as a real
process with real files:

* a name from a file cannot rewrite the refusal line (carriage return, escape codes,
  bidi overrides are spelled out), and the CLI has one way to write;
* no traceback for a temporary folder that cannot take the check's copy, a missing
  folder, a name that is not UTF-8 or is too long, a reader that stops reading;
* checking a sparse 3.9 GB file copies what its header counts, not 3.9 GB.
"""

from __future__ import annotations

import ast
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.model import Card, Link, edits
from evidenceboard.store import create_board_file

MAIN = Path(__file__).parents[2] / "evidenceboard" / "cli" / "main.py"
#: What a terminal takes as a command: C0, DEL, C1, bidi embeddings, overrides, isolates.
COMMANDS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str | bytes, cwd: Path | None = None, env: dict | None = None,
        limit_bytes: int | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = dict(os.environ)
    environment.pop("DISPLAY", None)
    environment.update(env or {})

    def limit() -> None:  # (in the child: a real EFBIG for any larger file it writes)
        import resource
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "evidenceboard", *args], capture_output=True,
                          cwd=cwd, env=environment, timeout=300,
                          preexec_fn=limit if limit_bytes else None)


def one_line(proc: subprocess.CompletedProcess[bytes], *words: str) -> str:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def _board_with_table(path: Path, table: str) -> Path:
    create_board_file(path)
    con = sqlite3.connect(path)
    con.execute(f'CREATE TABLE "{table}" (x)')
    con.commit()
    con.close()
    return path


SPOOF = "\r\x1b[2Kb.evboard: a good board\x1b[8m\u202e\x07\x9b31m"


def test_a_table_name_cannot_rewrite_the_refusal_line(tmp_path: Path):
    path = _board_with_table(tmp_path / "b.evboard", SPOOF)
    proc = run("check", str(path))
    line = one_line(proc, "contains objects a board never has: table")
    assert not COMMANDS.search(line)
    # the name is quoted with its control characters spelled out (\r, ESC), never raw
    assert "\\r" in line and ("\\e[2K" in line or "\\x1b[2K" in line), line
    assert not line.rstrip("…'").endswith("a good board")
    assert proc.stdout == b""


def test_names_from_the_board_are_spelled_out_in_every_output(tmp_path: Path):
    path = tmp_path / "case.evboard"
    doc = Document.create(path)
    a = Card.create("actor", f"A{SPOOF}", actor_type="person")
    claim = Card.create("claim", "A met B.")
    b = Card.create("actor", "B\nsecond line", actor_type="person")
    doc.apply(edits.put("seed", a, b, claim, Link.create(a.id, b.id, label=f"met{SPOOF}")))
    doc.close()
    named = tmp_path / "x\x1b]0;title\x07.evboard"
    os.link(path, named)
    for args in (("info", str(named)), ("check", str(named)),
                 ("export", str(path), "--format", "json", "--out", str(tmp_path / "o\r.json"))):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        out = proc.stdout.decode("utf-8")
        assert not COMMANDS.search(out.replace("\n", "")), out
        assert "\\e]0;title\\x07" in out or "o\\r.json" in out


def test_the_cli_writes_only_through_say():
    """One function writes to the terminal: no print, no stream write elsewhere."""
    tree = ast.parse(MAIN.read_text("utf-8"))
    say = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "say")
    inside = {id(n) for n in ast.walk(say)}
    bad = []
    for node in ast.walk(tree):
        if id(node) in inside or not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "print":
            bad.append(node.lineno)
        if isinstance(f, ast.Attribute) and f.attr in ("write", "writelines") and \
                "std" in ast.unparse(f.value):
            bad.append(node.lineno)
    assert bad == []


# ----------------------------------------------------------------- 11. no tracebacks
def test_a_temporary_folder_that_cannot_take_the_copy(tmp_path: Path):
    path = tmp_path / "b.evboard"
    doc = Document.create(path)
    doc.apply(edits.put("seed", *[Card.create("note", "x" * 2000) for _ in range(300)]))
    doc.close()
    temp = tmp_path / "tmp"
    temp.mkdir()
    # The child may write no file larger than 64 KB: copying the board fails with EFBIG,
    # as writing to a full disk fails with ENOSPC.
    for command in ("check", "info"):
        proc = run(command, str(path), env={"TMPDIR": str(temp)}, limit_bytes=64 * 1024)
        one_line(proc, "cannot check it: the temporary folder", "is full",
                 "set TMPDIR to a folder with room")
    assert list(temp.iterdir()) == []


def test_importing_into_a_missing_folder(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Haftar met Dbeibah in Rome on Tuesday.\n", "utf-8")
    proc = run("import", str(tmp_path / "nowhere" / "b.evboard"), str(article))
    one_line(proc, "cannot create", "the folder", "does not exist")


def test_a_board_name_that_is_not_utf8(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Haftar met Dbeibah in Rome on Tuesday.\n", "utf-8")
    name = os.fsencode(tmp_path) + b"/\xff\xfe board.evboard"
    for args in (("new", name), ("import", name, str(article)), ("check", name),
                 ("info", name), ("relations", name, "--dry-run")):
        proc = run(*args, env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
    assert b"\\xff\\xfe board.evboard" in proc.stdout or proc.stdout.startswith(b"would add")
    assert os.path.exists(name)


def test_a_board_name_too_long_for_its_side_files(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Haftar met Dbeibah in Rome on Tuesday.\n", "utf-8")
    long = tmp_path / ("n" * 244 + ".evboard")  # 252 bytes: no room for NAME-journal
    one_line(run("new", str(long)), "the name is too long for a board (252 bytes")
    one_line(run("import", str(long), str(article)), "the name is too long for a board")
    # One made elsewhere opens read-only, saying why, and can be checked and read.
    short = create_board_file(tmp_path / "short.evboard")
    os.rename(short, long)
    assert run("check", str(long)).returncode == 0
    assert run("info", str(long)).returncode == 0
    one_line(run("import", str(long), str(article)), "its file name is too long to be "
                                                     "written (252 bytes")


def test_a_reader_that_stops_reading_ends_quietly(tmp_path: Path):
    path = tmp_path / "b.evboard"
    doc = Document.create(path)
    doc.apply(edits.put("seed", *[Card.create("note", f"n{i}") for i in range(50)]))
    doc.close()
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    for args in (["info", str(path)], ["info", "--json", str(path)]):
        proc = subprocess.Popen([sys.executable, "-m", "evidenceboard", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdout.close()  # (like `| head -0`: the reader is gone before we write)
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.wait(timeout=120) == 141
        assert err == b""


def test_a_sparse_file_of_4_gb_is_checked_by_what_it_holds(tmp_path: Path):
    """The header counts a few pages; the file claims 3.9 GB.  SQLite reads only what the
    header counts, so the check copies that: it passes in a child that may write no
    file over 8 MB (the whole file would have been copied before)."""
    path = tmp_path / "sparse.evboard"
    doc = Document.create(path)
    doc.apply(edits.put("seed", Card.create("note", "kept")))
    doc.close()
    os.truncate(path, 3900 * 1024**2)
    proc = run("check", str(path), env={"TMPDIR": str(tmp_path)}, limit_bytes=8 * 1024**2)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().endswith(": a good board\n")
    info = run("info", str(path), env={"TMPDIR": str(tmp_path)}, limit_bytes=8 * 1024**2)
    assert b"cards:     1" in info.stdout


def test_a_sparse_file_whose_header_claims_4_gb_costs_no_disk(tmp_path: Path):
    """Holes are copied as holes: a header that counts 3.9 GB of pages (nearly all of them
    holes) is refused as damaged without writing 3.9 GB anywhere."""
    path = tmp_path / "sparse.evboard"
    create_board_file(path)
    size = 3900 * 1024**2
    os.truncate(path, size)
    with open(path, "r+b") as f:  # the header's page count: every page of the file
        page_size = int.from_bytes(f.read(18)[16:18], "big")
        f.seek(28)
        f.write((size // page_size).to_bytes(4, "big"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = run("check", str(path), env={"TMPDIR": str(temp)})
    line = one_line(proc)
    assert line.startswith(f"evidenceboard: {path}: damaged"), line


def test_the_check_copies_holes_as_holes(tmp_path: Path):
    """What the refusal above cost: the private copy of a 3.9 GB sparse file takes the
    blocks the file has, not 3.9 GB of the temporary folder."""
    from evidenceboard.store.file_copy import _copy_file
    src = create_board_file(tmp_path / "sparse.evboard")
    os.truncate(src, 3900 * 1024**2)
    with open(src, "r+b") as f:  # some data far out, between holes
        f.seek(2000 * 1024**2)
        f.write(b"data" * 1024)
    dst = tmp_path / "copy"
    _copy_file(src, dst)
    assert dst.stat().st_size == src.stat().st_size
    assert dst.stat().st_blocks * 512 < 2 * 1024**2
    with open(dst, "rb") as f:
        f.seek(2000 * 1024**2)
        assert f.read(8) == b"datadata"
    with open(src, "rb") as a, open(dst, "rb") as b:
        assert a.read(1 << 16) == b.read(1 << 16)
