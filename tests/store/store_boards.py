"""Real board files for the store tests: a board using every field, old-format files
built from the frozen DDL, and hashes of a file together with its side files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from evidenceboard.model import (
    ACTOR_TYPES,
    AliasEntry,
    Card,
    Citation,
    Entity,
    Group,
    Link,
    Setting,
    Source,
    sha256_text,
)
from evidenceboard.model.board import kind_of
from evidenceboard.model.entities import COORD_LIMIT, MAX_CARD_SIZE, MIN_CARD_SIZE, SPECS
from evidenceboard.store.ddl import DDL
from evidenceboard.store.fileformat import APPLICATION_ID
from evidenceboard.store.rows import COLUMNS, to_row

HEBREW = "שלום עולם — ראש הממשלה אמר"
TEXT = ("Khalifa Haftar met officials in Cairo.\u00a0“Two officials” confirmed it 😀.\n"
        f"{HEBREW}\n'Single' ‘curly’ quotes, a tab\tand a NUL-free line.\r\nThe end.")


def side_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def fingerprint(path: Path) -> dict[str, str | None]:
    """sha256 of a file and of each side file SQLite may keep beside it (None = absent).

    Folders and other non-files are fingerprinted by their type and listing."""
    out: dict[str, str | None] = {}
    for p in side_files(path):
        if p.is_symlink():
            out[p.name] = "symlink:" + os.readlink(p)
        elif p.is_dir():
            out[p.name] = "dir:" + ",".join(sorted(os.listdir(p)))
        elif p.exists() and not p.is_file():
            out[p.name] = f"special:{p.stat().st_mode:o}"
        elif p.exists():
            try:
                out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
            except OSError as e:
                out[p.name] = f"unreadable:{e.errno}"
        else:
            out[p.name] = None
    return out


def every_field_entities() -> list[Entity]:
    """One of everything: all card kinds and actor types, every optional field both set
    and None, unicode that tends to break things, floats at the edges of the declared
    ranges (docs/FORMAT.md), both booleans."""
    src_full = Source(id="00000000-0000-4000-8000-000000000001", text=TEXT,
                      sha256=sha256_text(TEXT), title="“Rome” meeting — שלום",
                      outlet="Example\u00a0Post", author="Ana Łukasz 😀",
                      published="2021-07-04", url="https://example.org/a?b=c&d=é",
                      reliability="B")
    bare_text = "bare"
    src_bare = Source(id="00000000-0000-4000-8000-000000000002", text=bare_text,
                      sha256=sha256_text(bare_text))
    out: list[Entity] = [Setting("name", "Board “name” 😀 שלום"), Setting("view", "{}"),
                         Setting("empty", ""), src_full, src_bare]
    cards: list[Card] = []
    for i, t in enumerate(ACTOR_TYPES):
        cards.append(Card(id=f"00000000-0000-4000-8001-{i:012d}", kind="actor",
                          title=f"{t} {HEBREW}", body="",
                          x=COORD_LIMIT if i == 0 else -i * 1.5,
                          y=-1e-308 if i == 1 else -COORD_LIMIT, width=MIN_CARD_SIZE + i,
                          height=MAX_CARD_SIZE,
                          color="#A1B2C3" if i % 2 else None, actor_type=t,
                          aliases=("Haftar", "حفتر", "Хафтар", "a\u00a0b", "") if i == 0
                          else (), stance=None, speaker=None))
    cards.append(Card(id="00000000-0000-4000-8002-000000000001", kind="claim",
                      title="He said “no” 😀", body="line1\nline2\r\n\ttab", x=0.1, y=-0.0,
                      width=260.0, height=120.0, color="#ffffff", actor_type=None,
                      aliases=(), stance="denies", speaker="Khalifa\u00a0Haftar"))
    # Groups (schema 5): titled and coloured, collapsed or not; one without cards.
    groups = [Group(id="00000000-0000-4000-8005-000000000001", title="Cairo “meeting” 😀",
                    color="#4F7CAC", collapsed=False),
              Group(id="00000000-0000-4000-8005-000000000002", title="", color=None,
                    collapsed=True),
              Group(id="00000000-0000-4000-8005-000000000003", title="שלום")]
    out += groups
    cards[0] = Card(**{**{f: getattr(cards[0], f) for f in cards[0].__slots__},
                       "group_id": groups[0].id})
    cards[1] = Card(**{**{f: getattr(cards[1], f) for f in cards[1].__slots__},
                       "group_id": groups[1].id})
    cards.append(Card(id="00000000-0000-4000-8002-000000000002", kind="claim", title="x",
                      stance="asserts", speaker=None, group_id=groups[0].id))
    cards.append(Card(id="00000000-0000-4000-8002-000000000003", kind="note", title="",
                      body=HEBREW * 50, x=123456.125, y=-987654.0625))
    out += cards
    link_a = Link(id="00000000-0000-4000-8003-000000000001", from_id=cards[0].id,
                  to_id=cards[1].id, label="met “secretly” 😀", kind="relation",
                  direction="both", confidence="confirmed", unsourced=False)
    link_b = Link(id="00000000-0000-4000-8003-000000000002", from_id=cards[2].id,
                  to_id=cards[2].id, label="", kind="a label users typed",
                  direction="none", confidence="disputed", unsourced=True)
    link_c = Link(id="00000000-0000-4000-8003-000000000003", from_id=cards[-3].id,
                  to_id=cards[3].id, kind="contradicts", direction="forward",
                  confidence="unconfirmed")
    out += [link_a, link_b, link_c]
    start = TEXT.index("“Two")
    end = TEXT.index("😀") + 1
    h0 = TEXT.index(HEBREW)
    out += [
        Citation(id="00000000-0000-4000-8004-000000000001", source_id=src_full.id,
                 quote=TEXT[start:end], start=start, end=end, card_id=cards[0].id,
                 credibility=1),
        Citation(id="00000000-0000-4000-8004-000000000002", source_id=src_full.id,
                 quote=TEXT[h0:h0 + len(HEBREW)], start=h0, end=h0 + len(HEBREW),
                 link_id=link_a.id, credibility=6),
        Citation(id="00000000-0000-4000-8004-000000000003", source_id=src_bare.id,
                 quote="ba", start=0, end=2, card_id=cards[-1].id, credibility=None),
        # A citation whose quote no longer matches its offsets is kept as it is.
        Citation(id="00000000-0000-4000-8004-000000000004", source_id=src_bare.id,
                 quote="does not match", start=1, end=3, link_id=link_b.id),
    ]
    # The alias table: each rule, a card that is there and one that is gone, unicode.
    out += [
        AliasEntry.make("alias", "Хафтар", cards[0].title, cards[0].id),
        AliasEntry.make("alias", "Nexoe\u00a0Maersk’s", "Nexoe Maersk", "gone-card"),
        AliasEntry.make("type", "حفتر", "vessel", None),
        AliasEntry.make("reject", "JOHN McEVOY 😀", None, None),
    ]
    return out


def write_old_board(path: Path, version: int, entities: list[Entity], *,
                    journal: str = "DELETE") -> Path:
    """A board file of an older ``version``, made with that version's frozen DDL, the way
    that EvidenceBoard wrote it (its own columns only)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA journal_mode={journal}")
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute("BEGIN")
    for stmt in DDL[version]:
        con.execute(stmt)
    names_of: dict[str, list[str]] = {}
    for e in entities:
        kind = kind_of(e)
        if kind not in names_of:
            names_of[kind] = [c[1] for c in con.execute(f'PRAGMA table_info("{kind}")')]
        names = names_of[kind]
        row = dict(zip(COLUMNS[kind], to_row(kind, e), strict=True))
        con.execute(f'INSERT INTO "{kind}" ({", ".join(chr(34) + n + chr(34) for n in names)})'
                    f' VALUES ({", ".join("?" * len(names))})', [row[n] for n in names])
    con.execute(f"PRAGMA user_version={version}")
    con.execute("COMMIT")
    con.close()
    return path


def without_newer_fields(entities: list[Entity], version: int) -> list[Entity]:
    """What a board of ``version`` could hold of ``entities`` (grades came with v2, the
    alias table with v4, groups and a card's group with v5): every field a later version
    brought at its default."""
    from dataclasses import replace
    out: list[Entity] = []
    for e in entities:
        es = SPECS[kind_of(e)]
        if es.since > version:
            continue
        later = {f.name: f.default for f in es.fields if f.spec.since > version}
        out.append(replace(e, **later) if later else e)
    return out


def by_id(entities) -> dict[tuple[str, str], Entity]:
    return {(type(e).__name__, e.id): e for e in entities}
