"""Issue 19's proving test: twenty client processes editing one team board at once for
a bounded time; then a client killed mid-edit and a server restarted mid-edit.  Every
acknowledged edit is on the server exactly once, every client's board converges to the
server's, and the shared counter lost no update."""

from __future__ import annotations

from pgserver import board_name
from team_load import kill, run_load


def _check(result) -> None:
    assert result.cards_missing == []
    assert result.cards_duplicated == []
    assert result.lost == 0
    # no increment lost; one whose answer a broken connection lost may have landed
    assert result.increments_acknowledged <= result.counter <= \
        result.increments_acknowledged + result.ambiguous
    assert result.hashes == {result.server_hash}, "a client's board differs from the server's"


def test_twenty_clients_lose_nothing_and_converge(pg_cluster, tmp_path):
    result = run_load(pg_cluster, board_name("load"), tmp_path / "work", clients=20,
                      seconds=8)
    _check(result)
    assert result.ambiguous == 0
    assert result.counter == result.increments_acknowledged
    assert result.acknowledged > 200
    assert result.conflicts > 0  # they did race (and the races were refused, not lost)
    print(f"\nclients {result.clients}, acknowledged edits {result.acknowledged} in "
          f"{result.seconds:.1f} s = {result.edits_per_s:.0f} edits/s, conflicts "
          f"{result.conflicts}, lost {result.lost}")


def test_a_killed_client_and_a_restarted_server_lose_nothing_acknowledged(pg_cluster,
                                                                          tmp_path):
    events: list[str] = []

    def faults(procs, t: float) -> None:
        if t > 1.5 and "kill" not in events:
            events.append("kill")
            kill(procs[0])
        if t > 3.0 and "restart" not in events:
            events.append("restart")
            pg_cluster.restart("immediate")

    result = run_load(pg_cluster, board_name("faults"), tmp_path / "work", clients=6,
                      seconds=7, during=faults)
    assert events == ["kill", "restart"]
    assert result.killed == [0]
    _check(result)
    assert result.acknowledged > 50
