"""Scores of the importer against a gold annotation (tests and bench/importer_scores.py).

Matching rules (also stated in the gold files):

* an actor card matches a gold actor when its title or one of its aliases, normalised
  (:func:`evidenceboard.importer.to_board.normal_name`), equals the gold name or alias;
  recall = gold actors matched by some card; precision = cards matching a gold actor not
  already matched by an earlier card, over all cards except those matching only an
  "optional" entry (a second card for the same actor counts as an error);
* a claim is found when a claim card cites the gold article with a sentence containing
  the gold quote (whitespace normalised); its speaker is right when the card's
  "states"/"denies" link comes from the card matching the gold speaker (or, for an
  unnamed speaker, when there is no such link), its stance when the card's stance is the
  gold one; claim precision = cited claim sentences that contain some gold quote;
* "in title": the card's title itself carries what was said (the gold ``said`` substring,
  default the quote, case and quote marks folded), not only its cited sentence;
* citations exact: every citation's quote is ``source.text[start:end]``;
* long speakers: unnamed claim speakers ("media reports") longer than a name phrase
  (more than :data:`MAX_SPEAKER_WORDS` words);
* duplicate claims: a gold statement cited by more than one claim card;
* a gold file may list per actor the ``articles`` it appears in: :func:`score` with
  ``articles=`` then judges only that subset (the board built from those articles).

The shared real articles (``../shared/articles``) are read from outside the repository:
see :func:`shared_articles_dir`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from evidenceboard.importer.to_board import normal_name
from evidenceboard.model import Board, Card

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]
#: Environment variable naming the folder of the shared real articles.
SHARED_ENV = "EVIDENCEBOARD_SHARED_ARTICLES"
MAX_SPEAKER_WORDS = 6


def _norm(text: str) -> str:
    """Whitespace folded (every Unicode space separator, as str.split() knows them)."""
    return " ".join(text.split())


def _fold(text: str) -> str:
    """For the title check: whitespace, case and the kind of quote marks ignored."""
    text = re.sub(r"[\u2018\u2019\u02bc]", "'", re.sub(r"[\u201c\u201d\u00ab\u00bb]", '"', text))
    return _norm(text).strip(" .,;:!?'\"").casefold()


@dataclass
class Scores:
    actors_gold: int = 0
    actors_found: int = 0
    cards: int = 0
    cards_correct: int = 0
    cards_optional: int = 0
    duplicates: list[str] = field(default_factory=list)
    wrong_cards: list[str] = field(default_factory=list)
    missed_actors: list[str] = field(default_factory=list)
    type_right: int = 0
    type_wrong: list[str] = field(default_factory=list)
    claims_gold: int = 0
    claims_found: int = 0
    missed_claims: list[str] = field(default_factory=list)
    speaker_right: int = 0
    speaker_wrong: list[str] = field(default_factory=list)
    stance_right: int = 0
    claim_citations: int = 0
    claim_citations_in_gold: int = 0
    claims_titled: int = 0
    titles_judged: bool = False  # the gold annotates what was said ("said")
    untitled_claims: list[str] = field(default_factory=list)
    duplicate_claims: list[str] = field(default_factory=list)
    citations: int = 0
    citations_exact: int = 0
    long_speakers: list[str] = field(default_factory=list)
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found]

    @property
    def actor_recall(self) -> float:
        return self.actors_found / self.actors_gold if self.actors_gold else 1.0

    @property
    def actor_precision(self) -> float:
        judged = self.cards - self.cards_optional
        return self.cards_correct / judged if judged else 1.0

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.cards_correct if self.cards_correct else 1.0

    @property
    def claim_recall(self) -> float:
        return self.claims_found / self.claims_gold if self.claims_gold else 1.0

    @property
    def claim_title_recall(self) -> float | None:
        if not self.titles_judged:
            return None
        return self.claims_titled / self.claims_gold if self.claims_gold else 1.0

    @property
    def citations_accuracy(self) -> float:
        return self.citations_exact / self.citations if self.citations else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.claims_found if self.claims_found else 1.0

    @property
    def stance_accuracy(self) -> float:
        return self.stance_right / self.claims_found if self.claims_found else 1.0

    @property
    def claim_precision(self) -> float:
        return (self.claim_citations_in_gold / self.claim_citations
                if self.claim_citations else 1.0)

    def row(self) -> dict[str, float | None]:
        """The headline figures (the issue's targets), for summary tables."""
        return {"actor R": self.actor_recall, "actor P": self.actor_precision,
                "claim R": self.claim_recall, "in title": self.claim_title_recall,
                "speaker": self.speaker_accuracy, "type": self.type_accuracy,
                "cites": self.citations_accuracy}

    def table(self, title: str) -> str:
        rows = [
            ("actors recall", f"{self.actor_recall:.3f}",
             f"{self.actors_found}/{self.actors_gold}"),
            ("actors precision", f"{self.actor_precision:.3f}",
             f"{self.cards_correct}/{self.cards - self.cards_optional}"),
            ("actor type accuracy", f"{self.type_accuracy:.3f}",
             f"{self.type_right}/{self.cards_correct}"),
        ]
        for t, (g, f) in sorted(self.by_type.items()):
            rows.append((f"  recall {t}", f"{f / g:.3f}" if g else "-", f"{f}/{g}"))
        rows += [
            ("claims recall", f"{self.claim_recall:.3f}",
             f"{self.claims_found}/{self.claims_gold}"),
            ("claims recall, in title",
             "-" if self.claim_title_recall is None else f"{self.claim_title_recall:.3f}",
             f"{self.claims_titled}/{self.claims_gold}" if self.titles_judged
             else "(gold has no 'said')"),
            ("claims precision", f"{self.claim_precision:.3f}",
             f"{self.claim_citations_in_gold}/{self.claim_citations}"),
            ("speaker accuracy", f"{self.speaker_accuracy:.3f}",
             f"{self.speaker_right}/{self.claims_found}"),
            ("stance accuracy", f"{self.stance_accuracy:.3f}",
             f"{self.stance_right}/{self.claims_found}"),
            ("citations exact", f"{self.citations_accuracy:.3f}",
             f"{self.citations_exact}/{self.citations}"),
            ("long free-text speakers", f"{len(self.long_speakers)}", ""),
        ]
        out = [title, f"{'measure':<24}{'score':>8}  count"]
        out += [f"{a:<24}{b:>8}  {c}" for a, b, c in rows]
        for label, items in (("missed actors", self.missed_actors),
                             ("cards not in gold", self.wrong_cards),
                             ("duplicate cards", self.duplicates),
                             ("wrong types", self.type_wrong),
                             ("missed claims", self.missed_claims),
                             ("claims without the statement in the title",
                              self.untitled_claims if self.titles_judged else []),
                             ("duplicate claim cards", self.duplicate_claims),
                             ("wrong speakers", self.speaker_wrong),
                             ("long free-text speakers", self.long_speakers)):
            if items:
                out.append(f"{label}: " + "; ".join(items))
        return "\n".join(out)


def load_gold(name: str) -> dict:
    return json.loads((DATA / name).read_text("utf-8"))


def _names(card: Card) -> set[str]:
    return {normal_name(n) for n in (card.title, *card.aliases)} - {""}


def _gold_names(entry: dict) -> set[str]:
    return {normal_name(n) for n in (entry["name"], *entry.get("aliases", []))} - {""}


def _source_of(board: Board, article: str) -> str:
    for s in board.sources.values():
        if (s.title or "").startswith(article) or s.id == article:
            return s.id
    raise KeyError(article)


def _in(entry: dict, articles: set[str] | None) -> bool:
    return articles is None or "articles" not in entry or bool(set(entry["articles"]) & articles)


def score(board: Board, gold: dict, source_ids: dict[str, str],
          articles: set[str] | None = None) -> Scores:
    """``source_ids`` maps the gold's article keys ("000", "a") to source ids;
    ``articles`` limits the judgement to those articles (default: all of the gold)."""
    sc = Scores(titles_judged=bool(gold.get("said_annotated")))
    all_actors = gold["actors"]
    gold_actors = [g for g in all_actors if _in(g, articles)]
    gold_names = [_gold_names(g) for g in gold_actors]
    optional = set().union(*(_gold_names(o) for o in gold.get("optional", [])
                             if _in(o, articles)))
    actors = sorted((c for c in board.cards.values() if c.kind == "actor"),
                    key=lambda c: (-len(board.citations_of(c.id)), c.title))
    matched: dict[int, Card] = {}
    sc.cards = len(actors)
    for card in actors:
        names = _names(card)
        hits = [i for i, g in enumerate(gold_names) if names & g]
        if not hits:
            if names & optional:
                sc.cards_optional += 1
            else:
                sc.wrong_cards.append(f"{card.title} ({card.actor_type})")
            continue
        i = hits[0]
        if i in matched:
            sc.duplicates.append(f"{card.title} = {matched[i].title}")
            continue
        matched[i] = card
        sc.cards_correct += 1
        if card.actor_type == gold_actors[i]["type"]:
            sc.type_right += 1
        else:
            sc.type_wrong.append(f"{card.title}: {card.actor_type} "
                                 f"(gold {gold_actors[i]['type']})")
    sc.actors_gold = len(gold_actors)
    sc.actors_found = len(matched)
    for i, g in enumerate(gold_actors):
        t = sc.by_type.setdefault(g["type"], [0, 0])
        t[0] += 1
        if i in matched:
            t[1] += 1
        else:
            sc.missed_actors.append(g["name"])

    # claims
    claim_cites = [(c, board.cards[c.card_id]) for c in board.citations.values()
                   if c.card_id in board.cards and board.cards[c.card_id].kind == "claim"]
    gold_claims = [c for c in gold["claims"] if articles is None or c["article"] in articles]
    sc.claims_gold = len(gold_claims)
    quotes_by_source: dict[str, list[str]] = {}
    for gc in gold_claims:
        quotes_by_source.setdefault(source_ids[gc["article"]], []).append(_norm(gc["quote"]))
    for cit, _card in claim_cites:
        sc.claim_citations += 1
        if any(q in _norm(cit.quote) for q in quotes_by_source.get(cit.source_id, [])):
            sc.claim_citations_in_gold += 1
    all_names = [_gold_names(g) for g in all_actors]
    by_name = {normal_name(g["name"]): i for i, g in enumerate(all_actors)}
    for gc in gold_claims:
        src = source_ids[gc["article"]]
        q = _norm(gc["quote"])
        hits = list({card.id: card for cit, card in claim_cites
                     if cit.source_id == src and q in _norm(cit.quote)}.values())
        label = f"{gc['article']}: {gc['quote'][:50]}"
        if not hits:
            sc.missed_claims.append(label)
            continue
        hit = hits[0]
        if len(hits) > 1:
            sc.duplicate_claims.append(f"{label} ({len(hits)} cards)")
        sc.claims_found += 1
        said = _fold(gc.get("said", gc["quote"]))
        if any(said in _fold(h.title) for h in hits):
            sc.claims_titled += 1
        else:
            sc.untitled_claims.append(f"{label} -> title {hit.title[:60]!r}")
        if hit.stance == gc["stance"]:
            sc.stance_right += 1
        speaker = _speaker_card(board, hit.id)
        wanted = [gc["speaker"], *gc.get("also_ok", [])]
        ok = False
        for w in wanted:
            if w is None:
                ok = ok or speaker is None
            elif speaker is not None:
                gi = by_name.get(normal_name(w))
                names = all_names[gi] if gi is not None else {normal_name(w)}
                ok = ok or bool(_names(speaker) & names)
        if ok:
            sc.speaker_right += 1
        else:
            sc.speaker_wrong.append(f"{label} -> {speaker.title if speaker else None} "
                                    f"(gold {gc['speaker']})")
    judged_sources = {source_ids[k] for k in source_ids
                      if articles is None or k in articles}
    for cit in board.citations.values():
        src = board.sources.get(cit.source_id)
        if src is None or cit.source_id not in judged_sources:
            continue
        sc.citations += 1
        if 0 <= cit.start < cit.end <= len(src.text) and src.text[cit.start:cit.end] == cit.quote:
            sc.citations_exact += 1
    for card in board.cards.values():
        if card.kind == "claim" and card.speaker and _speaker_card(board, card.id) is None \
                and any(c.source_id in judged_sources for c in board.citations_of(card.id)) \
                and len(card.speaker.split()) > MAX_SPEAKER_WORDS:
            sc.long_speakers.append(repr(card.speaker))
    return sc


def _speaker_card(board: Board, claim_id: str) -> Card | None:
    for lk in board.links_of(claim_id):
        if lk.to_id == claim_id and lk.kind in ("states", "denies"):
            card = board.cards.get(lk.from_id)
            if card is not None and card.kind == "actor":
                return card
    return None


def seed_board() -> tuple[Board, dict[str, str]]:
    """The demo board (as demo.py builds it) and the gold article keys -> source ids."""
    from evidenceboard.demo import demo_edit
    from evidenceboard.paths import seeds_dir

    board = Board()
    board.apply(demo_edit())
    ids = {}
    texts = {p.name[:3]: p.read_text("utf-8") for p in seeds_dir().glob("*.txt")}
    for s in board.sources.values():
        for key, text in texts.items():
            if s.text == text:
                ids[key] = s.id
    return board, ids


def other_affair_board(folder: str = "other_affair") -> tuple[Board, dict[str, str]]:
    from evidenceboard.importer.reading import read_article_file
    from evidenceboard.importer.to_board import import_edit

    files = sorted((DATA / folder).iterdir())
    articles = [read_article_file(f) for f in files]
    board = Board()
    board.apply(import_edit(board, articles))
    ids = {}
    for f, a in zip(files, articles, strict=True):
        for s in board.sources.values():
            if s.text == a.text:
                ids[f.name[0]] = s.id
    return board, ids


def shared_articles_dir() -> Path | None:
    """The folder of the shared real articles, or None when this machine has none.

    ``$EVIDENCEBOARD_SHARED_ARTICLES`` when set; else ``shared/articles`` beside the
    repository (``../shared/articles``) or beside the folder holding it (a git worktree
    under ``wt/``).  The texts stay outside the repository: they are not ours to ship.
    """
    env = os.environ.get(SHARED_ENV)
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    for base in (REPO.parent, REPO.parent.parent):
        p = base / "shared" / "articles"
        if p.is_dir():
            return p
    return None


def shared_board(keys: list[str] | None = None,
                 gold_name: str = "gold_shared_articles.json"
                 ) -> tuple[Board, dict[str, str]] | None:
    """The board built from the shared articles (``keys`` of the gold's "articles", all by
    default) and the article keys -> source ids; None when the folder is absent."""
    from evidenceboard.importer.reading import read_article_file
    from evidenceboard.importer.to_board import import_edit

    folder = shared_articles_dir()
    if folder is None:
        return None
    files = load_gold(gold_name)["articles"]
    keys = list(files) if keys is None else keys
    articles = [read_article_file(folder / files[k]) for k in keys]
    board = Board()
    board.apply(import_edit(board, articles))
    ids = {}
    for k, a in zip(keys, articles, strict=True):
        for s in board.sources.values():
            if s.text == a.text:
                ids[k] = s.id
    return board, ids
