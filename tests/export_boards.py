"""Test boards built directly from model entities: every field set somewhere, text that
breaks naive code (Hebrew, emoji, non-breaking spaces, curly quotes, markup-looking text),
a broken citation, an unsourced link and a contradiction."""

from __future__ import annotations

from pathlib import Path

from evidenceboard.model import AliasEntry, Board, Card, Citation, Entity, Link, Setting, Source
from evidenceboard.store import create_board_file

TEXT_A = ("Libyan strongman\u00a0Khalifa Haftar flew to Israel on a private jet, "
          "according to a Monday report by Israel\u2019s Haaretz. "
          "\u201cWe never met him,\u201d an Israeli official said. "
          "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \U0001F6E9\ufe0f <script>alert(1)"
          "</script> & =HYPERLINK(\"x\")")
TEXT_B = ("Press TV reported that Saddam Haftar, the general\u2019s son, was on the plane. "
          "Israel denied any meeting took place.")


def _cite(src: Source, needle: str, **owner: str) -> Citation:
    start = src.text.index(needle)
    return Citation(id=f"cite-{owner.get('card_id') or owner.get('link_id')}-{start}",
                    source_id=src.id, quote=needle, start=start, end=start + len(needle),
                    **owner)  # type: ignore[arg-type]


def rich_entities() -> list[Entity]:
    a = Source(id="src-a", text=TEXT_A, sha256=__import__("hashlib").sha256(
        TEXT_A.encode()).hexdigest(), title="Haftar\u2019s jet <b>landed</b>",
        outlet="Haaretz", author="A. Writer", published="2021-11-02",
        url="https://example.org/a?x=1&y=2", reliability="B")
    b = Source.create(TEXT_B, title="Son on board", outlet="Press TV", published=None,
                      url=None)
    b = Source(id="src-b", text=b.text, sha256=b.sha256, title=b.title, outlet=b.outlet)
    haftar = Card(id="card-haftar", kind="actor", title="Khalifa Haftar",
                  body="Commander of the LNA.\nSecond line.", x=-120.5, y=40.0,
                  width=200.0, height=72.0, color="#3b6fd4", actor_type="person",
                  aliases=("Haftar", "General Khalifa Haftar"))
    israel = Card(id="card-israel", kind="actor", title="Israel", x=400.0, y=0.0,
                  actor_type="country", aliases=("Israeli",))
    saddam = Card(id="card-saddam", kind="actor", title="Saddam Haftar", x=400.0, y=300.0,
                  actor_type="person")
    jet = Card(id="card-jet", kind="actor", title="P4-RMA \u2708", x=800.0, y=300.0,
               actor_type="aircraft", color="#c8453a")
    claim1 = Card(id="card-claim1", kind="claim", title="Haftar flew to Israel",
                  x=0.0, y=300.0, width=260.0, height=120.0, stance="asserts",
                  speaker="Haaretz", color="#f4d35e")
    claim2 = Card(id="card-claim2", kind="claim",
                  title="\u201cWe never met him,\u201d", x=0.0, y=600.0, width=260.0,
                  height=120.0, stance="denies", speaker="an Israeli official")
    note = Card(id="card-note", kind="note", title="Check *flight* logs | [todo]",
                body="# not a heading\n<img src=x onerror=alert(1)>", x=900.0, y=-50.0,
                width=180.0, height=90.0, color="#fff3b0")
    l_states = Link(id="link-states", from_id="card-israel", to_id="card-claim2",
                    label="denies", kind="denies", confidence="confirmed")
    l_about = Link(id="link-about", from_id="card-claim1", to_id="card-haftar",
                   label="about", kind="about")
    l_contra = Link(id="link-contra", from_id="card-claim2", to_id="card-claim1",
                    label="contradicts", kind="contradicts", direction="both",
                    confidence="disputed")
    l_son = Link(id="link-son", from_id="card-saddam", to_id="card-haftar",
                 label="son of", kind="relation", direction="forward")
    l_flew = Link(id="link-flew", from_id="card-haftar", to_id="card-jet",
                  label="flew on", kind="relation", unsourced=True, direction="none")
    cites = [
        _cite(a, "Khalifa Haftar", card_id="card-haftar"),
        _cite(b, "Saddam Haftar", card_id="card-saddam"),
        _cite(a, "Israel", card_id="card-israel"),
        _cite(a, "Libyan strongman\u00a0Khalifa Haftar flew to Israel on a private jet",
              card_id="card-claim1"),
        _cite(a, "\u201cWe never met him,\u201d", card_id="card-claim2"),
        _cite(a, "\u201cWe never met him,\u201d an Israeli official said.",
              link_id="link-states"),
        _cite(a, "Khalifa Haftar flew to Israel", link_id="link-about"),
        _cite(b, "Saddam Haftar, the general\u2019s son", link_id="link-son"),
        _cite(b, "Israel denied any meeting took place.", link_id="link-contra"),
        _cite(a, "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \U0001F6E9\ufe0f",
              card_id="card-jet"),
    ]
    # Graded citation and a broken one (its quote no longer matches the text).
    cites[3] = Citation(**{**{f: getattr(cites[3], f) for f in cites[3].__slots__},
                           "credibility": 2})
    cites.append(Citation(id="cite-broken", source_id="src-b", quote="Saddam was not there",
                          start=0, end=20, card_id="card-saddam", credibility=5))
    return [Setting("name", "Haftar \u2708 Israel"), Setting("view", '{"zoom": 1.5}'),
            a, b, haftar, israel, saddam, jet, claim1, claim2, note,
            l_states, l_about, l_contra, l_son, l_flew, *cites,
            # the alias table: a merge, a split-out spelling, a type, a rejected name
            AliasEntry.make("alias", "Gen. Haftar", "Khalifa Haftar", "card-haftar"),
            AliasEntry.make("alias", "Saddam", "Saddam", "card-saddam"),
            AliasEntry.make("type", "P4-RMA", "aircraft", None),
            AliasEntry.make("reject", "JOHN McEVOY", None, None)]


def rich_board() -> Board:
    return Board.from_entities(rich_entities())


def write_rich_board(path: Path) -> Path:
    return create_board_file(path, rich_entities())
