"""Mutated boards: any bytes either open as a valid board or are refused with a
BoardFileError - never another exception, never a hang, never a changed file."""

from __future__ import annotations

import functools
import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_boards import every_field_entities, fingerprint

from evidenceboard.document import Document
from evidenceboard.store import BoardFileError, check_board_file, create_board_file
from evidenceboard.synthetic import synthetic_entities


@functools.lru_cache(maxsize=1)
def base_board() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.evboard"
        create_board_file(path, [*every_field_entities(), *synthetic_entities(40, 60, 9)[1:]])
        return path.read_bytes()


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(base_board())
    n = len(data)
    # Aim most mutations where SQLite looks first: the header and page headers.
    position = st.one_of(st.integers(0, 99), st.integers(0, n // 4096 - 1).map(
        lambda p: p * 4096 + (100 if p == 0 else 0)).flatmap(
        lambda base: st.integers(base, base + 12)), st.integers(0, n - 1))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "flip", "set", "truncate", "insert",
                                     "overwrite"]))
        pos = min(draw(position), len(data) - 1) if data else 0
        if kind == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[pos:]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=512))
            data[pos:pos + len(chunk)] = chunk
    return bytes(data)


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("no answer within 10 s")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated())
def test_mutated_board_is_opened_or_refused_cleanly(data: bytes):
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fuzz.evboard"
            path.write_bytes(data)
            before = fingerprint(path)
            try:
                check_board_file(path)
            except BoardFileError as e:
                assert str(e) and "\n" not in str(e)
                assert fingerprint(path) == before
                # The app's way in refuses it too, and leaves it as it was.
                try:
                    Document.open(path).close()
                except BoardFileError:
                    pass
                else:
                    raise AssertionError("check refused it but opening accepted it")
                assert fingerprint(path) == before
                return
            # Accepted: it loads as a board (read-only: without changing it) ...
            doc = Document.open(path, read_only=True)
            board = doc.board
            doc.close()
            assert fingerprint(path) == before
            for link in board.links.values():  # ... whose references all hold
                assert link.from_id in board.cards and link.to_id in board.cards
            for c in board.citations.values():
                assert c.source_id in board.sources and board.find(c.owner_id) is not None
            # ... and it can be opened for editing and written.
            doc = Document.open(path)
            doc.close()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
