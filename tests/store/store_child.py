"""A second EvidenceBoard process for the store tests: ``python store_child.py CMD PATH``.

Every edit it writes is several rows that must appear together: a card, a link to the
previous card, a citation of that link and the setting ``last`` = its number.  It prints
``ack N`` (flushed) only after ``commit`` returned, so the parent knows which edits were
acknowledged when it kills the child.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from evidenceboard.model import Card, Citation, Edit, Link, Setting, Source, sha256_text
from evidenceboard.store import BoardStore, ReadOnlyError

_TEXT = "The minister met the general in Cairo."
SOURCE = Source(id="src", text=_TEXT, sha256=sha256_text(_TEXT))


def numbered_edit(n: int) -> Edit:
    """Edit number ``n`` (from 1): four rows in four tables."""
    card = Card(id=f"card-{n}", kind="note", title=f"note {n} " + "x" * (n % 50),
                x=float(n), y=float(-n))
    prev = "card-0" if n == 1 else f"card-{n - 1}"
    link = Link(id=f"link-{n}", from_id=prev, to_id=card.id, label=f"step {n}")
    cite = Citation(id=f"cite-{n}", source_id="src", quote="minister", start=4, end=12,
                    link_id=link.id)
    return Edit(f"edit {n}", (card, link, cite, Setting("last", str(n))))


def first_edit() -> Edit:
    return Edit("start", (SOURCE, Card(id="card-0", kind="note", title="start")))


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def commit_loop(path: Path, start: int) -> None:
    store = BoardStore.open(path)
    n = start
    if n == 1:
        store.commit(first_edit())
    say("ready")
    while True:
        store.commit(numbered_edit(n))
        say(f"ack {n}")
        n += 1


def close_loop(path: Path, start: int) -> None:
    """Open, write two edits, close (compaction: VACUUM INTO + replace), again and again."""
    n = start
    while True:
        store = BoardStore.open(path)
        if n == 1:
            store.commit(first_edit())
        for _ in range(2):
            store.commit(numbered_edit(n))
            say(f"ack {n}")
            n += 1
        store.close()
        say("closed")


def save_loop(path: Path, target: Path) -> None:
    store = BoardStore.open(path)
    say("ready")
    i = 0
    while True:
        store.save_copy(target)
        i += 1
        say(f"saved {i}")


def hold(path: Path) -> None:
    """Open (read-only if another has it), report, try to write, wait, close."""
    store = BoardStore.open(path)
    board = store.load()
    say(f"read_only {store.read_only_reason}")
    say(f"cards {len(board.cards)}")
    try:
        store.commit(numbered_edit(10_000))
        say("write ok")
    except ReadOnlyError as e:
        say(f"write refused {e}")
    sys.stdin.readline()
    store.close()
    say("closed")


def migrate(path: Path) -> None:
    say("ready")
    store = BoardStore.open(path)
    store.close()
    say("done")


if __name__ == "__main__":
    cmd, target = sys.argv[1], Path(sys.argv[2])
    if cmd == "commit":
        commit_loop(target, int(sys.argv[3]))
    elif cmd == "close":
        close_loop(target, int(sys.argv[3]))
    elif cmd == "save":
        save_loop(target, Path(sys.argv[3]))
    elif cmd == "hold":
        hold(target)
    elif cmd == "migrate":
        migrate(target)
    else:
        raise SystemExit(f"unknown command {cmd}")
    os._exit(0)
