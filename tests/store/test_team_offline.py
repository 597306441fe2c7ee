"""A team board keeps working without its server (issue 19, offline): edits made while
the server is down wait in a queue file in the user's data folder, are sent in order
against the versions they were made on once it is back — exactly once, also after the
client was killed — and an edit that lost a race to someone else's change made
meanwhile is a conflict, kept with both values, never an overwrite.  Undo while offline
takes queued edits out of the queue.  Reconnecting runs on a thread of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
from pgserver import board_name

from evidenceboard.document import Document
from evidenceboard.model import Board, Card, edits
from evidenceboard.store.team import TeamAddress, publish
from evidenceboard.store.team_connect import RECONNECT_THREAD
from evidenceboard.store.team_queue import OfflineQueue

HERE = Path(__file__).resolve().parent


def _publish(cluster) -> str:
    name = board_name("offline")
    board = Board.from_entities(Card(f"c{i}", "actor", f"Actor {i}", x=i * 300.0)
                                for i in range(3))
    publish(board, TeamAddress.parse(cluster.url("alice", name)))
    return name


def _server_titles(cluster, name: str) -> dict[str, str]:
    rows = cluster.psql("evb", f"SELECT id, title FROM evidenceboard.card WHERE board = "
                               f"'{name}' ORDER BY id")
    return dict(line.split("|", 1) for line in rows.splitlines() if line)


def _changes_by_queue(cluster, name: str) -> int:
    return int(cluster.psql("evb", f"SELECT count(DISTINCT seq) FROM evidenceboard.changes "
                                   f"WHERE board = '{name}' AND client LIKE 'queued-%'"))


def _until(predicate, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_edits_made_offline_are_kept_and_sent_once_when_the_server_is_back(pg_cluster,
                                                                           tmp_path):
    name = _publish(pg_cluster)
    queue_dir = tmp_path / "queue"
    a = Document.open_team(pg_cluster.url("alice", name), queue_dir=queue_dir)
    try:
        pg_cluster.stop("fast")
        try:
            a.apply(edits.rename_card(a.board.cards["c0"], "renamed offline"))
            assert a.team.offline and not a.read_only  # still editable
            a.apply(edits.put("Add note", Card("n1", "note", "new offline", x=5, y=5)))
            a.apply(edits.move_cards(a.board, {"c0": (40.0, 50.0)}))
            assert a.waiting == 3
            assert a.board.cards["c0"].title == "renamed offline"
            assert a.sync() is None and a.waiting == 3  # nothing sent, nothing lost
        finally:
            pg_cluster.start()
        _until(lambda: a.sync() is not None or a.waiting == 0)
        assert a.waiting == 0 and not a.team.offline
        assert a.last_send is not None and a.last_send.sent == 3
        assert a.last_send.conflicts == []
        titles = _server_titles(pg_cluster, name)
        assert titles["c0"] == "renamed offline" and titles["n1"] == "new offline"
        assert _changes_by_queue(pg_cluster, name) == 3  # each edit once
        # back online, edits go straight to the server again
        a.apply(edits.rename_card(a.board.cards["c1"], "online again"))
        assert a.waiting == 0 and _server_titles(pg_cluster, name)["c1"] == "online again"
    finally:
        a.close()
    assert _changes_by_queue(pg_cluster, name) == 3


def test_a_queued_edit_that_lost_a_race_is_a_conflict_not_a_loss(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    a = Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "q")
    try:
        pg_cluster.stop("fast")
        try:
            a.apply(edits.rename_card(a.board.cards["c0"], "Alice offline"))
            a.apply(edits.rename_card(a.board.cards["c2"], "Alice, no race"))
        finally:
            pg_cluster.start()
        # meanwhile (alice's client has not reached the server yet) bob renames c0
        b = Document.open_team(pg_cluster.url("alice", name))
        b.apply(edits.rename_card(b.board.cards["c0"], "Bob meanwhile"))
        b.close()
        assert a.team.reconnect(wait=True)
        a.sync()
        report = a.last_send
        assert report is not None and report.sent == 1
        (c,) = report.conflicts
        assert c.mine.title == "Alice offline" and c.theirs.title == "Bob meanwhile"
        assert a.team.conflicts == [c]
        assert a.board.cards["c0"].title == "Bob meanwhile"  # theirs shown…
        assert a.board.cards["c2"].title == "Alice, no race"
        assert _server_titles(pg_cluster, name)["c0"] == "Bob meanwhile"  # …not overwritten
        assert a.waiting == 0
        queue = a.team.queue
        assert [k.mine.title for k in queue.conflicts()] == ["Alice offline"]  # kept
    finally:
        a.close()
    # the conflict stays listed for the next session
    again = Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "q")
    try:
        assert [k.mine.title for k in again.team.conflicts] == ["Alice offline"]
    finally:
        again.close()


def test_undo_while_offline_takes_the_queued_edit_out(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    a = Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "q")
    try:
        pg_cluster.stop("fast")
        try:
            first = edits.rename_card(a.board.cards["c0"], "kept")
            a.apply(first)
            second = edits.put("Add note", Card("n1", "note", "undone", x=5, y=5))
            undo_second = a.board.inverse(second)
            a.apply(second)
            assert a.waiting == 2
            a.apply(undo_second)  # what Edit ▸ Undo does
            assert a.waiting == 1 and "n1" not in a.board.cards
        finally:
            pg_cluster.start()
        assert a.team.reconnect(wait=True)
        a.sync()
        assert a.waiting == 0 and a.last_send.sent == 1
        titles = _server_titles(pg_cluster, name)
        assert titles["c0"] == "kept" and "n1" not in titles
    finally:
        a.close()


def test_a_client_killed_while_offline_sends_its_queue_when_reopened(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent.parent),
                                                         str(HERE)])}
    child = subprocess.Popen([sys.executable, str(HERE / "team_offline_client.py"),
                              pg_cluster.url("alice", name), str(tmp_path / "q"), str(work)],
                             env=env)
    try:
        _until(lambda: (work / "opened").exists() or child.poll() is not None, 60)
        assert child.poll() is None, "the client did not start"
        pg_cluster.stop("fast")
        try:
            (work / "server-stopped").touch()
            _until(lambda: (work / "queued").exists() or child.poll() is not None, 60)
            assert (work / "queued").read_text() == "3"
            child.send_signal(signal.SIGKILL)  # no chance to tidy up
            child.wait(30)
        finally:
            pg_cluster.start()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert "offline 1" not in _server_titles(pg_cluster, name).values()
    reopened = Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "q")
    try:
        assert reopened.last_send is not None and reopened.last_send.sent == 3
        assert reopened.waiting == 0
        titles = {c.id: c.title for c in reopened.board.cards.values()}
        assert titles["c0"] == "offline 1" and titles["k1"] == "offline 2"
        assert reopened.board.cards["c1"].x == 123.0
    finally:
        reopened.close()
    assert _changes_by_queue(pg_cluster, name) == 3


def test_an_edit_whose_acknowledgement_was_cut_off_is_not_sent_twice(pg_cluster, tmp_path):
    name = _publish(pg_cluster)
    url = pg_cluster.url("alice", name)
    a = Document.open_team(url, queue_dir=tmp_path / "q")
    try:
        edit = edits.put("Add note", Card("n1", "note", "sent once", x=5, y=5))
        queue = a.team.queue
        queue.push(edit, {("card", "n1"): None}, {("card", "n1"): None})
        (entry,) = queue.entries()
        a.team.commit(entry.edit, op=entry.op)  # it lands; the client dies before the ack
    finally:
        a.close()
    again = Document.open_team(url, queue_dir=tmp_path / "q")
    try:
        assert again.last_send.sent == 1 and again.last_send.conflicts == []
        assert again.waiting == 0 and again.board.cards["n1"].title == "sent once"
    finally:
        again.close()
    assert _changes_by_queue(pg_cluster, name) == 1


def test_the_queue_file_lives_in_the_given_folder_and_survives_reopening(tmp_path):
    address = TeamAddress.parse("postgresql://db.example/evb?board=x")
    q = OfflineQueue.open(tmp_path / "q", address)
    card = Card("n1", "note", "kept", x=1, y=2)
    q.push(edits.put("add", card), {("card", "n1"): None}, {("card", "n1"): None})
    q.close()
    (path,) = (tmp_path / "q").iterdir()
    assert path.suffix == ".evbqueue"
    again = OfflineQueue.open(tmp_path / "q", address)
    try:
        (entry,) = again.entries()
        assert entry.edit.puts == (card,) and entry.before == {("card", "n1"): None}
    finally:
        again.close()


def test_reconnecting_runs_off_the_callers_thread(pg_cluster, tmp_path, monkeypatch):
    """While offline, every try to reach the server is made on the reconnector's thread:
    the caller (the window's timer) only asks whether one succeeded."""
    name = _publish(pg_cluster)
    a = Document.open_team(pg_cluster.url("alice", name), queue_dir=tmp_path / "q")
    threads: list[str] = []
    real_connect = psycopg.connect

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_connect(*args, **kwargs)

    try:
        pg_cluster.stop("fast")
        try:
            a.apply(edits.rename_card(a.board.cards["c0"], "offline"))  # finds it gone
            assert a.team.offline
            tries = a.team.reconnector.attempts
            monkeypatch.setattr(psycopg, "connect", spy)
            for _ in range(40):
                assert a.sync() is None  # (the timer's call: asks, never waits)
                time.sleep(0.02)
            _until(lambda: a.team.reconnector.attempts >= tries + 2)
            monkeypatch.undo()
        finally:
            pg_cluster.start()
        _until(lambda: a.sync() is not None or a.waiting == 0)
        assert a.waiting == 0 and _server_titles(pg_cluster, name)["c0"] == "offline"
    finally:
        monkeypatch.undo()
        a.close()
    assert len(threads) >= 2 and set(threads) == {RECONNECT_THREAD}
