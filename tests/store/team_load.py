"""Runs simulated team members (tests/store/team_client.py) against one team board and
checks what the issue asks: every acknowledged edit present exactly once, every client's
board equal to the server's, no lost update of the shared counter.  Used by
tests/store/test_team_load.py and bench/team.py."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from evidenceboard.document import Document
from evidenceboard.model import Board, Setting
from evidenceboard.store.team import TeamAddress, publish

CLIENT = Path(__file__).with_name("team_client.py")


@dataclass
class LoadResult:
    clients: int
    seconds: float
    acknowledged: int  # edits acknowledged by the clients (all kinds)
    cards_acknowledged: int
    cards_missing: list[str]
    cards_duplicated: list[str]
    increments_acknowledged: int
    counter: int
    ambiguous: int
    conflicts: int
    hashes: set[str]
    server_hash: str
    killed: list[int] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """Acknowledged edits not on the server: cards missing, increments lost."""
        return len(self.cards_missing) + max(0, self.increments_acknowledged - self.counter)

    @property
    def edits_per_s(self) -> float:
        return self.acknowledged / self.seconds if self.seconds else 0.0


def board_hash(board: Board) -> str:
    rows = sorted(repr(e) for e in board.entities())
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def run_load(cluster, name: str, workdir: Path, *, clients: int, seconds: float,
             seed: int = 1, during: Callable[[list[subprocess.Popen[bytes]], float], None]
             | None = None) -> LoadResult:
    """Publish a board ``name``, run ``clients`` processes for ``seconds``; ``during``
    is called every 0.1 s with the processes and the time since they all started (to
    kill one, or restart the server)."""
    owner = TeamAddress.parse(cluster.url("alice", name))
    publish(Board.from_entities([Setting("counter", "0")]), owner)
    url = cluster.url("alice", name)
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(CLIENT.parent), *os.environ.get("PYTHONPATH", "").split(os.pathsep)])}
    procs = [subprocess.Popen([sys.executable, str(CLIENT), url, str(i), str(seconds),
                               str(workdir), str(seed)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for i in range(clients)]
    killed: list[int] = []
    try:
        limit = time.monotonic() + 120
        while not all((workdir / f"started-{i}").exists() for i in range(clients)):
            if time.monotonic() > limit or any(p.poll() not in (None, 0) for p in procs):
                raise RuntimeError("the clients did not start: " + _errors(procs))
            time.sleep(0.05)
        started = time.monotonic()
        while not all((workdir / f"done-{i}").exists() or procs[i].poll() is not None
                      for i in range(clients)):
            if during is not None:
                during(procs, time.monotonic() - started)
            if time.monotonic() - started > seconds + 120:
                raise RuntimeError("the clients did not finish")
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        killed = [i for i, p in enumerate(procs) if p.poll() is not None and
                  p.returncode != 0]
        (workdir / "stop").touch()
        for p in procs:
            p.wait(timeout=120)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    results = [json.loads((workdir / f"result-{i}").read_text())
               for i in range(clients) if i not in killed]
    acks = [line for i in range(clients)
            for line in (workdir / f"ack-{i}").read_text().splitlines()]
    server = Document.open_team(url, read_only=True)
    try:
        board = server.board
        titles = Counter(c.title for c in board.cards.values())
        card_acks = [a.split(" ", 1)[1] for a in acks if a.startswith("card ")]
        missing = [c for c in card_acks if c not in board.cards]
        dup = [t for t, k in titles.items() if k > 1]
        counter = int(board.setting("counter") or 0)
        server_hash = board_hash(board)
    finally:
        server.close()
    return LoadResult(
        clients=clients, seconds=elapsed, acknowledged=len(acks),
        cards_acknowledged=len(card_acks), cards_missing=missing, cards_duplicated=dup,
        increments_acknowledged=sum(1 for a in acks if a == "increment"),
        counter=counter, ambiguous=sum(r["ambiguous"] for r in results),
        conflicts=sum(r["conflicts"] for r in results),
        hashes={r["hash"] for r in results}, server_hash=server_hash, killed=killed)


def _errors(procs: list[subprocess.Popen[bytes]]) -> str:
    out = []
    for p in procs:
        if p.poll() not in (None, 0) and p.stderr is not None:
            out.append(p.stderr.read().decode(errors="replace")[-2000:])
    return "\n".join(out)


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
