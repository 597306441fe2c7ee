"""One simulated team member, a process of its own (issue 19's load test):
``python team_client.py URL INDEX SECONDS WORKDIR SEED``.

For SECONDS it edits the team board as fast as it can, in a random mix of:

* a new card ``k<INDEX>-<n>`` titled ``client <INDEX> card <n>`` (with a link to the
  client's previous card, in the same edit);
* one more on the shared counter (the setting ``counter``, read-modify-write): the
  classic lost update — two clients adding one to the same value must give two;
* a move of a random card, anyone's (races with everyone: lost ones are conflicts).

Every edit that ``commit`` returned for is acknowledged at once in ``ack-<INDEX>`` (an
unbuffered write: it survives the process being killed right after).  A commit whose
connection broke may or may not have landed: counted in ``ambiguous``.  When the time
is up it keeps syncing until ``WORKDIR/stop`` appears, then writes ``result-<INDEX>``
(JSON: counts, and a hash of its board, to compare clients' boards).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.model import Card, Edit, Link, Setting
from evidenceboard.store import ReadOnlyError, StoreWriteError
from evidenceboard.store.team import ConflictError, OfflineError


def board_hash(doc: Document) -> str:
    rows = sorted(repr(e) for e in doc.board.entities())
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def main() -> int:
    url, index, seconds, workdir, seed = sys.argv[1:6]
    i = int(index)
    work = Path(workdir)
    rng = random.Random(int(seed) * 1000 + i)
    ack = os.open(work / f"ack-{i}", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def acknowledge(line: str) -> None:
        os.write(ack, (line + "\n").encode())

    doc = None
    while doc is None:  # (the server may be restarting)
        try:
            doc = Document.open_team(url)
        except Exception:
            time.sleep(0.2)
    counts = {"edits": 0, "conflicts": 0, "ambiguous": 0, "offline": 0, "cards": 0,
              "increments": 0, "moves": 0}
    n = 0
    acked: set[str] = set()
    pending: Edit | None = None  # an edit to try again after a conflict or the server
    deadline = time.monotonic() + float(seconds)
    (work / f"started-{i}").touch()
    while time.monotonic() < deadline:
        doc.sync()
        if doc.read_only:
            time.sleep(0.05)
            continue
        board = doc.board
        if pending is not None:
            edit, what = pending, pending.description
        else:
            r = rng.random()
            if r < 0.45:
                n += 1
                card = Card(f"k{i}-{n}", "note", f"client {i} card {n}",
                            x=rng.uniform(-5000, 5000), y=rng.uniform(-5000, 5000))
                puts: tuple = (card,)
                if n > 1 and f"k{i}-{n - 1}" in board.cards:
                    puts += (Link(f"l{i}-{n}", f"k{i}-{n - 1}", card.id, label="next"),)
                edit, what = Edit(f"card {card.id}", puts), f"card {card.id}"
            elif r < 0.8:
                current = board.setting("counter")
                value = int(current) + 1 if current is not None else 1
                edit, what = Edit("increment", (Setting("counter", str(value)),)), \
                    "increment"
            else:
                if not board.cards:
                    continue
                cid = rng.choice(list(board.cards))
                c = board.cards[cid]
                moved = dataclasses.replace(c, x=rng.uniform(-5000, 5000))
                edit, what = Edit("move", (moved,)), "move"
        try:
            doc.apply(edit)
        except ConflictError:
            counts["conflicts"] += 1
            pending = None
            if what.startswith("card"):
                if edit.puts[0].id in doc.board.cards:
                    # an earlier try whose answer the broken connection lost had landed
                    if what not in acked:
                        acked.add(what)
                        acknowledge(what)
                        counts["cards"] += 1
                else:
                    pending = edit
            continue
        except OfflineError:
            counts["offline"] += 1
            counts["ambiguous"] += 1
            pending = edit if what.startswith("card") else None
            time.sleep(0.1)
            continue
        except (ReadOnlyError, StoreWriteError):
            time.sleep(0.05)
            continue
        pending = None
        counts["edits"] += 1
        if what in acked:
            continue
        if what.startswith("card"):
            acked.add(what)
        acknowledge(what)
        if what.startswith("card"):
            counts["cards"] += 1
        elif what == "increment":
            counts["increments"] += 1
        else:
            counts["moves"] += 1
    (work / f"done-{i}").touch()
    while not (work / "stop").exists():
        doc.sync()
        time.sleep(0.05)
    for _ in range(100):  # until the server and this client agree
        doc.sync(force=True)
        if not doc.read_only:
            break
        time.sleep(0.1)
    result = {**counts, "hash": board_hash(doc), "seq": doc.team.seq if doc.team else 0}
    (work / f"result-{i}").write_text(json.dumps(result))
    doc.close()
    os.close(ack)
    return 0


if __name__ == "__main__":
    sys.exit(main())
