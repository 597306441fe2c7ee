"""Extraction: the actors and claims of one article, offline and deterministic.

``extract(text)`` prepares the text (paragraphs, boilerplate, sentences; see
:mod:`.text`), finds the actors (:mod:`.actors`) and the claims (:mod:`.claims`), and
returns them with offsets into ``text`` exactly as given.  No model, nothing downloaded:
rules, gazetteers from maintained packages and small word lists, and fuzzy matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from .actors import find_actors
from .claims import find_claims
from .corrections import Corrections
from .mentions import Entity, name_key
from .text import prepare


@dataclass(frozen=True)
class ExtractedActor:
    key: str  # unique within the article
    name: str
    actor_type: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]  # (start, end) of each mention in the text
    descriptors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractedClaim:
    quote: str  # the statement as the article words it (the card title)
    start: int  # the cited sentence
    end: int
    content_start: int
    content_end: int
    speaker_key: str | None
    speaker_name: str | None  # the words naming an unnamed speaker ("media reports")
    stance: str  # "asserts" or "denies"
    subject_keys: tuple[str, ...]
    anaphoric: bool = False  # a denial of "the report" / "these allegations"
    sentence: int = 0


@dataclass(frozen=True)
class Extraction:
    actors: tuple[ExtractedActor, ...]
    claims: tuple[ExtractedClaim, ...]
    boilerplate: tuple[tuple[int, int], ...]  # spans left out of extraction


def _title(text: str) -> str:
    return " ".join(text.split())


def extract(text: str, corrections: Corrections | None = None) -> Extraction:
    """Actors and claims of ``text`` (the stored source text, offsets index it), with the
    investigator's ``corrections`` applied before claims are attributed."""
    prep = prepare(text)
    entities = find_actors(prep)
    rejected: list[Entity] = []
    if corrections is not None:
        entities, rejected = corrections.apply_keeping_rejected(entities)
    keys: list[str] = []
    used: set[str] = set()
    for e in entities:
        k = f"{e.actor_type}:{name_key(e.name) or e.name}"
        n = 2
        base = k
        while k in used:
            k = f"{base}#{n}"
            n += 1
        used.add(k)
        keys.append(k)
    actors = tuple(
        ExtractedActor(key=keys[i], name=e.name, actor_type=e.actor_type,
                       aliases=tuple(sorted(a for a in e.aliases if a != e.name)),
                       mentions=tuple(sorted({(m.start, m.end) for m in e.mentions})),
                       descriptors=tuple(sorted(e.descriptors)))
        for i, e in enumerate(entities))
    n_kept = len(entities)  # the rejected ones after them speak no claim
    claims = tuple(
        ExtractedClaim(quote=c.title or _title(prep.view[c.content_start:c.content_end]),
                       start=c.start,
                       end=c.end, content_start=c.content_start, content_end=c.content_end,
                       speaker_key=keys[c.speaker] if c.speaker is not None
                       and c.speaker < n_kept else None,
                       speaker_name=c.speaker_name if c.speaker is None or c.speaker < n_kept
                       else None,
                       stance=c.stance,
                       subject_keys=tuple(keys[n] for n in c.subjects if n < n_kept),
                       anaphoric=c.anaphoric, sentence=c.sentence)
        for c in find_claims(prep, [*entities, *rejected]))
    boiler = tuple((b.start, b.end) for b in prep.blocks if b.kind == "boilerplate")
    return Extraction(actors, claims, boiler)
