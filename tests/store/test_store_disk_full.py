"""A disk that fills up during an edit: the edit fails cleanly, nothing else changes,
and once there is room again the next edit works."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from store_child import first_edit, numbered_edit

from evidenceboard.document import Document
from evidenceboard.model import Source, edits
from evidenceboard.store import BoardStore, StoreWriteError, check_board_file


def snapshot_of(path: Path) -> dict:
    check_board_file(path)
    with BoardStore.open(path, read_only=True) as store:
        return {e.id: e for e in store.load().entities()}


def test_database_full_during_an_edit(tmp_path: Path):
    path = tmp_path / "full.evboard"
    doc = Document.create(path)
    doc.apply(first_edit())
    for n in range(1, 4):
        doc.apply(numbered_edit(n))
    before_board = {e.id: e for e in doc.board.entities()}
    events = []
    doc.board.subscribe(events.append)
    con = doc.store._con  # the store's own connection: cap the file at its current size
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count={pages + 1}")
    big = Source.create("a long article " * 20_000, title="too big for the disk")
    try:
        doc.apply(edits.put("import", big))
    except StoreWriteError as e:
        message = str(e)
    else:
        raise AssertionError("the edit should not fit")
    assert message == ("could not save: the disk is full; the change was not made and "
                       "the board file is intact")
    assert {e.id: e for e in doc.board.entities()} == before_board
    assert events == [], "views were told of an edit that did not happen"
    # The file, as another program would see it now, has every earlier edit.
    assert snapshot_of(path) == before_board
    # Room again: the same edit and later ones work.
    con.execute("PRAGMA max_page_count=1073741823")
    doc.apply(edits.put("import", big))
    doc.apply(numbered_edit(4))
    doc.close()
    after = snapshot_of(path)
    assert big.id in after and "card-4" in after


CHILD = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from store_child import first_edit, numbered_edit
    from evidenceboard.document import Document
    from evidenceboard.model import Source, edits
    from evidenceboard.store import StoreWriteError

    path = Path({path!r})
    doc = Document.create(path)
    doc.apply(first_edit())
    doc.apply(numbered_edit(1))
    # A real write failure from the OS (EFBIG, as ENOSPC would come) while SQLite appends
    # the edit to the log: no file of this process may grow past its current size.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    wal = Path(str(path) + "-wal").stat().st_size
    limit = max(path.stat().st_size, wal) + 8192
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    before = dict(doc.board.cards)
    big = Source.create("x" * 300_000)
    try:
        doc.apply(edits.put("big", big))
        print("written")
    except StoreWriteError as e:
        print("refused", e)
    print("unchanged", dict(doc.board.cards) == before and big.id not in doc.board.sources)
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    doc.apply(edits.put("big", big))
    doc.apply(numbered_edit(2))
    print("later edits ok")
    doc.close()
""")


def test_write_error_from_the_os_during_commit(tmp_path: Path):
    path = tmp_path / "efbig.evboard"
    code = CHILD.format(tests=str(Path(__file__).parent), path=str(path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("refused could not save: the disk could not be written"), \
        proc.stdout
    assert "the change was not made" in lines[0]
    assert lines[1:] == ["unchanged True", "later edits ok"]
    board = snapshot_of(path)
    assert {"card-0", "card-1", "card-2"} <= set(board)
