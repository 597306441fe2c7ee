"""Rules across claims: the same statement reported by several articles, and denials.

Both are general rules about claims, never about particular articles:

* **Same claim.**  Two claims are one statement when they have the same named speaker (the
  same actor card), the same stance, come from different sources, and their words overlap
  strongly: the smaller word set (at least 6 words) lies for >= 75 % inside the larger one,
  and the two share >= 30 % of all their words.  Unnamed speakers ("media reports") never
  merge: two anonymous reports are not known to be one.

* **Denial.**  A denial claim proposes a "denies" link to the claim(s) it denies:
  an *anaphoric* denial ("Iran denies these allegations", "X rejected that account",
  "This has not happened") points back to the nearest earlier claims of its own article
  (within four sentences) that involve the denier as subject or speaker, else to the claim
  just before it (within two sentences); a *content* denial ("Dbeibeh denied having met
  Barnea") points to asserting claims from other speakers, on the board or in the same
  import, that are about everything the denial is about and about the denier too, or,
  when the denial names two or more actors, to the at most two claims about all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W_]+", re.U)
MIN_WORDS = 6
CONTAINMENT = 0.75
JACCARD = 0.30
ANAPHORA_WINDOW = 4


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text.replace("’", "'"))}


@dataclass
class ClaimRecord:
    """What the rules need to know about a claim card (new or already on the board)."""

    card_id: str
    source_ids: set[str]
    speaker_card: str | None
    stance: str
    words: set[str]
    subjects: set[str] = field(default_factory=set)
    # position in its article (only for claims of this import): (source id, sentence)
    position: tuple[str, int] | None = None
    anaphoric: bool = False
    plural_anaphor: bool = False


def same_statement(a: ClaimRecord, b: ClaimRecord) -> bool:
    if a.speaker_card is None or a.speaker_card != b.speaker_card or a.stance != b.stance:
        return False
    if a.source_ids & b.source_ids:
        return False
    small, large = sorted((a.words, b.words), key=len)
    if len(small) < MIN_WORDS:
        return False
    inter = len(small & large)
    return inter / len(small) >= CONTAINMENT and inter / len(small | large) >= JACCARD


def best_merge(new: ClaimRecord, known: list[ClaimRecord]) -> ClaimRecord | None:
    best: tuple[float, ClaimRecord] | None = None
    for k in known:
        if same_statement(new, k):
            score = len(new.words & k.words) / len(new.words | k.words)
            if best is None or score > best[0]:
                best = (score, k)
    return best[1] if best else None


def denial_targets(d: ClaimRecord, claims: list[ClaimRecord]) -> list[ClaimRecord]:
    """The claims the denial ``d`` contradicts (possibly none)."""
    return denial_targets_indexed(d, ClaimIndex(claims))


class ClaimIndex:
    """Claims by source and by subject, so the rules stay fast on big imports."""

    def __init__(self, claims: list[ClaimRecord]) -> None:
        self.claims = claims
        self.by_source: dict[str, list[ClaimRecord]] = {}
        self.by_subject: dict[str, list[ClaimRecord]] = {}
        for c in claims:
            if c.position is not None:
                self.by_source.setdefault(c.position[0], []).append(c)
            for s in c.subjects:
                self.by_subject.setdefault(s, []).append(c)


def denial_targets_indexed(d: ClaimRecord, index: ClaimIndex) -> list[ClaimRecord]:
    if d.stance != "denies":
        return []
    if d.anaphoric and d.position is not None:
        found = _anaphoric(d, index.by_source.get(d.position[0], []))
        if found:
            return found
    about = d.subjects - {d.speaker_card}
    if not about:
        return []
    rarest = min(about, key=lambda s: len(index.by_subject.get(s, [])))
    return _by_content(d, index.by_subject.get(rarest, []))


def _anaphoric(d: ClaimRecord, claims: list[ClaimRecord]) -> list[ClaimRecord]:
    assert d.position is not None
    src, sent = d.position
    before = sorted((c for c in claims if c.position is not None and c.position[0] == src
                     and sent - ANAPHORA_WINDOW <= c.position[1] < sent
                     and c.card_id != d.card_id), key=lambda c: -c.position[1])  # type: ignore[index]
    involved = [c for c in before if c.stance == "asserts" and d.speaker_card is not None
                and (d.speaker_card in c.subjects or d.speaker_card == c.speaker_card)]
    if involved:
        return involved[:2 if d.plural_anaphor else 1]
    close = [c for c in before if c.position[1] >= sent - 2  # type: ignore[index]
             and (c.speaker_card is None or c.speaker_card != d.speaker_card)]
    return close[:1]


def _by_content(d: ClaimRecord, claims: list[ClaimRecord]) -> list[ClaimRecord]:
    about = d.subjects - {d.speaker_card}
    if not about:
        return []
    cands = [c for c in claims if c.card_id != d.card_id and c.stance == "asserts"
             and about <= c.subjects
             and (c.speaker_card is None or c.speaker_card != d.speaker_card)]
    strong = [c for c in cands if d.speaker_card is not None and d.speaker_card in c.subjects]
    if strong:
        return _nearest(d, strong)[:2]
    if len(about) >= 2 and 0 < len(cands) <= 2:
        return _nearest(d, cands)
    return []


def _nearest(d: ClaimRecord, cands: list[ClaimRecord]) -> list[ClaimRecord]:
    def key(c: ClaimRecord) -> tuple[int, int]:
        if d.position and c.position and c.position[0] == d.position[0]:
            return (0, abs(d.position[1] - c.position[1]))
        return (1, 0)
    return sorted(cands, key=key)
