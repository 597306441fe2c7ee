"""Do corrections stick?  The investigator's corrections, made once, against the same
mistakes made again by the next import (issue 14 part 4).

For each of the shared real articles (``../shared/articles``, scored by our gold in
tests/importer/data/gold_shared_articles.json; skipped when the folder is absent) and for
the held-out articles of the repository:

1. the article is imported into an empty board, and what the gold says is wrong is
   corrected with the window's own edit builders, as an investigator would: cards of
   one gold actor merged (into the one cited most), cards of no actor marked "not an
   actor", wrong types changed;
2. the baseline: the same article imported into an empty board again -- the mistakes
   come back (they are counted);
3. the same article imported into an empty board that holds only the first board's alias
   table (the board JSON carries it): the mistakes that still come back are counted.

Also the shared articles in two halves: the dev half imported and corrected, then the
held-out half imported into that corrected board, against the held-out half imported
into the uncorrected dev board (corrections learnt on other articles; few names recur).

Run: .venv/bin/python bench/corrections_bench.py   (prints tables; asserts nothing)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importer"))

import scoring

from evidenceboard.importer.corrections import _corrections
from evidenceboard.importer.reading import RawArticle, read_article_file
from evidenceboard.importer.to_board import import_edit, normal_name
from evidenceboard.model import Board, Card, edits


def _names(card: Card) -> set[str]:
    return {normal_name(n) for n in (card.title, *card.aliases)} - {""}


def correct(board: Board, gold: dict, articles: set[str] | None) -> int:
    """Correct ``board``'s actor cards by the gold, one edit per correction; returns the
    number of corrections (user actions) made."""
    gold_actors = [g for g in gold["actors"] if scoring._in(g, articles)]
    gold_names = [scoring._gold_names(g) for g in gold_actors]
    optional = set().union(*(scoring._gold_names(o) for o in gold.get("optional", [])
                             if scoring._in(o, articles)))
    n = 0
    groups: dict[int, list[str]] = {}
    junk: list[str] = []
    for card in sorted((c for c in board.cards.values() if c.kind == "actor"),
                       key=lambda c: (-len(board.citations_of(c.id)), c.title)):
        hits = [i for i, g in enumerate(gold_names) if _names(card) & g]
        if hits:
            groups.setdefault(hits[0], []).append(card.id)
        elif not _names(card) & optional:
            junk.append(card.id)
    for ids in groups.values():
        if len(ids) > 1:
            board.apply(edits.merge_actors(board, ids, keep=ids[0]))
            n += 1
    if junk:
        board.apply(edits.reject_actors(board, junk))
        n += len(junk)
    for i, ids in groups.items():
        card = board.cards[ids[0]]
        if card.actor_type != gold_actors[i]["type"]:
            board.apply(edits.retype_actors(board, [card.id], gold_actors[i]["type"]))
            n += 1
    return n


def imported(articles: list[RawArticle], table: Board | None = None) -> tuple[Board, dict]:
    board = Board.from_entities(list(table.alias_table.values())) if table else Board()
    board.apply(import_edit(board, articles))
    return board, {}


def only_sources(board: Board, source_ids: set[str]) -> Board:
    """The part of ``board`` those sources back: their cards (with only their citations
    of those sources) and the links between those cards."""
    cites = [c for c in board.citations.values() if c.source_id in source_ids]
    cards = {c.card_id for c in cites if c.card_id is not None}
    links = [lk for lk in board.links.values() if lk.from_id in cards and lk.to_id in cards]
    keep = {lk.id for lk in links} | cards
    return Board.from_entities([*(board.sources[i] for i in source_ids),
                                *(board.cards[i] for i in cards), *links,
                                *(c for c in cites if c.owner_id in keep)])


def mistakes(board: Board, gold: dict, keys: list[str], texts: dict[str, str],
             articles: set[str] | None) -> tuple[int, int, int, float]:
    ids = {k: next(s.id for s in board.sources.values() if s.text == texts[k]) for k in keys}
    board = only_sources(board, set(ids.values()))
    sc = scoring.score(board, gold, ids, articles)
    return len(sc.duplicates), len(sc.wrong_cards), len(sc.type_wrong), \
        sc.speaker_right / sc.claims_found if sc.claims_found else 1.0


def row(label: str, m: tuple[int, int, int, float]) -> str:
    return f"{label:<44}{m[0]:>6}{m[1]:>6}{m[2]:>6}{sum(m[:3]):>7}{m[3]:>9.3f}"


def head(title: str) -> None:
    print(f"\n== {title} ==")
    print(f"{'':<44}{'dup':>6}{'junk':>6}{'type':>6}{'total':>7}{'speaker':>9}")


def speed(sets: list[tuple[str, dict, dict[str, RawArticle]]], runs: int = 5) -> None:
    """What reading the alias table costs an import: every article of the sets into an
    empty board, with no table (the baseline) and with a table of 2,000 entries (median
    of ``runs``, same run)."""
    from statistics import median

    from evidenceboard.model import AliasEntry
    articles = [a for _n, _g, arts in sets for a in arts.values()]
    entries = []
    for i in range(2000):
        rule = ("alias", "type", "reject")[i % 3]
        value = {"alias": f"Actor {i // 3}", "type": "vessel", "reject": None}[rule]
        entries.append(AliasEntry.make(rule, f"Spelling {i}", value, None))
    table = Board.from_entities(entries)

    def once(with_table: bool, cold: bool = False) -> float:
        t = 0.0
        for a in articles:
            board = Board.from_entities(list(table.alias_table.values())) if with_table \
                else Board()
            if cold:  # as the first import after the table changed
                _corrections.cache_clear()
            t0 = time.perf_counter()
            import_edit(board, [a])
            t += time.perf_counter() - t0
        return t

    once(False)  # warm-up (the importer's libraries load on first use)
    # Interleaved, so that a change of the machine's load falls on all three alike.
    times: dict[str, list[float]] = {"base": [], "cold": [], "warm": []}
    for _ in range(runs):
        times["base"].append(once(False))
        times["cold"].append(once(True, cold=True))
        times["warm"].append(once(True))
    base, cold, warm = (median(times[k]) for k in ("base", "cold", "warm"))
    print(f"\n== import time of {len(articles)} articles, each into an empty board "
          f"(median of {runs}) ==")
    print(f"{'no alias table (baseline)':<52}{base:>8.3f} s")
    print(f"{'2,000 entries, first import after a change':<52}{cold:>8.3f} s   "
          f"ratio {cold / base:.2f}")
    print(f"{'2,000 entries, table unchanged since last import':<52}{warm:>8.3f} s   "
          f"ratio {warm / base:.2f}")


def main() -> None:
    t0 = time.perf_counter()
    folder = scoring.shared_articles_dir()
    sets: list[tuple[str, dict, dict[str, RawArticle]]] = []
    if folder is not None:
        gold = scoring.load_gold("gold_shared_articles.json")
        sets.append(("shared", gold, {k: read_article_file(folder / f)
                                      for k, f in gold["articles"].items()}))
    else:
        print("shared articles: skipped (no ../shared/articles here)")
    for folder_name, gold_name in (("other_affair", "gold_other_affair.json"),
                                   ("held_out", "gold_held_out.json"),
                                   ("held_out_2", "gold_held_out_2.json"),
                                   ("held_out_3", "gold_held_out_3.json")):
        files = sorted((scoring.DATA / folder_name).iterdir())
        sets.append((folder_name, scoring.load_gold(gold_name),
                     {f.name[0]: read_article_file(f) for f in files}))
    totals = {"before": 0, "after": 0, "corrections": 0}
    for name, gold, arts in sets:
        texts = {k: a.text for k, a in arts.items()}
        head(f"{name}: each article alone (mistakes of its import; corrections made)")
        for k in sorted(arts):
            first, _ = imported([arts[k]])
            made = correct(first, gold, {k})
            again, _ = imported([arts[k]])
            table, _ = imported([arts[k]], first)
            before = mistakes(again, gold, [k], texts, {k})
            after = mistakes(table, gold, [k], texts, {k})
            totals["before"] += sum(before[:3])
            totals["after"] += sum(after[:3])
            totals["corrections"] += made
            print(row(f"{k} plain import ({made} corrections made)", before))
            print(row(f"{k} into a board with its alias table", after))
        splits = gold.get("splits") or {}
        if "dev" in splits and "held_out" in splits:
            dev, held = splits["dev"], splits["held_out"]
            head(f"{name}: held-out half imported after the dev half")
            base, _ = imported([arts[k] for k in dev])
            plain = Board.from_entities(list(base.entities()))
            plain.apply(import_edit(plain, [arts[k] for k in held]))
            corrected = Board.from_entities(list(base.entities()))
            made = correct(corrected, gold, set(dev))
            corrected.apply(import_edit(corrected, [arts[k] for k in held]))
            print(row("into the uncorrected dev board", mistakes(
                plain, gold, held, texts, set(held))))
            print(row(f"into the dev board with {made} corrections", mistakes(
                corrected, gold, held, texts, set(held))))
    speed(sets)
    if sets:
        print(f"\nmistakes of a re-import: {totals['before']} without the alias table, "
              f"{totals['after']} with it ({totals['corrections']} corrections made once)")
    print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
