"""How many sources back a claim or link, and how many of them are really independent.

Articles often relay one original report ("according to a Monday report by Israel's
Haaretz", "citing Hebrew-language Israeli media").  Such articles add a *source* but not
an *origin*: the origin of a citation is the report its words are attributed to, found by
general attribution cues around the cited words, else the citing article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Board, Citation, Source

# A proper-noun phrase: capitalised words, allowing "al-", "of", "the" inside.
_NAME = (r"(?:[A-Z][\w’'-]*)(?:[ \u00a0]+(?:(?:of|the|al|for|and|de)[ \u00a0]+)?"
         r"[A-Z][\w’'-]*)*(?:[ \u00a0]+media\b)?")
_LEAD = r"(?:the\s+|a\s+|an\s+)?(?:[A-Z]\w*(?:’s|'s)\s+)?"  # "Israel's", "the"
_RELAY_PATTERNS = [
    # according to a (Monday) report by (Israel's) Haaretz / the Haaretz daily
    re.compile(r"according to\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?report(?:s)?\s+(?:by|in|from)\s+"
               + _LEAD + r"(?P<name>" + _NAME + r")"),
    # a report by X / reports from X
    re.compile(r"\breports?\s+(?:by|from|in)\s+" + _LEAD + r"(?P<name>" + _NAME + r")"),
    # citing X
    re.compile(r"\bciting\s+(?:reports\s+from\s+)?" + _LEAD + r"(?P<name>" + _NAME + r")"),
    # according to X (a named outlet or agency)
    re.compile(r"\baccording to\s+" + _LEAD + r"(?P<name>" + _NAME + r")"),
    # X (news agency|newspaper|daily) (has previously) reported
    re.compile(r"(?P<name>" + _NAME + r")\s+(?:news\s+agency\s+|newspaper\s+|daily\s+)?"
               r"(?:has\s+|had\s+)?(?:previously\s+)?reported\b"),
    # The X report
    re.compile(r"\b[Tt]he\s+(?P<name>" + _NAME + r")\s+report\b"),
]
_NOT_ORIGINS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                "Sunday", "The", "A", "An", "It", "He", "She", "They", "Sources", "Media",
                "Reports", "Report"}
# "the report said", "according to the report": the words come from a report named just
# before ("The report comes amid ..." is not an attribution).
_BACKREF = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+)?report\s*,?\s+(?:said|says|added|adds|stated|states|"
    r"claimed|claims|noted|notes|reported|revealed|alleged|suggested|found|showed)\b"
    r"|\baccording\s+to\s+(?:the|this|that)\s+report\b", re.I)
_TRAILING_NOUNS = re.compile(r"\s+(?:daily|newspaper|news agency|agency|website)$", re.I)


@dataclass(frozen=True)
class Corroboration:
    """Backing of one claim or link."""

    sources: tuple[str, ...]  # ids of the distinct citing sources
    origins: tuple[str, ...]  # distinct origins (report names or source titles)

    @property
    def source_count(self) -> int:
        return len(self.sources)

    @property
    def origin_count(self) -> int:
        return len(self.origins)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s = 0 if s < 0 else s + 1
    e_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) if e_candidates else len(text)
    return s, max(e, end)


def _clean(name: str) -> str | None:
    name = _TRAILING_NOUNS.sub("", name.strip(" .,’'"))
    name = re.sub(r"(?:’s|'s)$", "", name)
    if not name or name in _NOT_ORIGINS or len(name) < 2:
        return None
    return name


# "RT Arabic added that ...": an outlet's own words, when the name is a known outlet
_OUTLET_SAYS = re.compile(r"(?P<name>" + _NAME + r")\s+(?:also\s+|has\s+|had\s+)?"
                          r"(?:added|said|says|wrote|writes|revealed|published|stated|"
                          r"claimed|quoted|cited|disclosed)\b")


# A word each relay pattern cannot match without (in order): checked first, so a window
# with no attribution cue costs a few substring searches instead of six regex scans.
_RELAY_CUES = ("according to", "report", "citing", "according to", "reported", "report")
assert len(_RELAY_CUES) == len(_RELAY_PATTERNS)
_OUTLET_VERBS = re.compile(r"\b(?:added|said|says|wrote|writes|revealed|published|stated|"
                           r"claimed|quoted|cited|disclosed)\b")


def _find_relay(window: str, outlets: frozenset[str] = frozenset()) -> str | None:
    lower = window.lower()
    for pattern, cue in zip(_RELAY_PATTERNS, _RELAY_CUES, strict=True):
        if cue not in lower:
            continue
        for m in pattern.finditer(window):
            name = _clean(m.group("name"))
            if name is not None:
                return name
    if outlets and _OUTLET_VERBS.search(window):
        for m in _OUTLET_SAYS.finditer(window):
            name = _clean(m.group("name"))
            if name is not None and _origin_key(name).lower() in outlets:
                return name
    return None


def outlets_of(board: Board) -> frozenset[str]:
    """Names (lowercase) of the organisations on the board: the outlets a text may quote."""
    names: set[str] = set()
    for card in board.cards.values():
        if card.kind == "actor" and card.actor_type == "organisation":
            names.update(_origin_key(n).lower() for n in (card.title, *card.aliases))
    return frozenset(names)


def origin_of(source: Source, citation: Citation,
              outlets: frozenset[str] = frozenset()) -> str:
    """The report the cited words come from: a relayed report's name, else the article.

    ``outlets`` (see :func:`outlets_of`) lets "RT Arabic added that ..." count as RT
    Arabic's report; without it only explicit relay cues ("according to", "a report by",
    "citing", "X reported") are used."""
    text = source.text
    start = max(0, min(citation.start, len(text)))
    end = max(start, min(citation.end, len(text)))
    s, e = _sentence_bounds(text, start, end)
    found = _find_relay(text[s:e], outlets)
    if found is None and _BACKREF.search(text[s:e]):
        # "the report said": the report named in the sentences just before.
        before = text[max(0, s - 600):s]
        found = _find_relay(before)
    if found is not None:
        return found
    return source.outlet or source.shown_title


def corroboration(board: Board, item_id: str,
                  outlets: frozenset[str] | None = None) -> Corroboration:
    """Distinct citing sources and distinct origins of a claim card or a link.

    Pass ``outlets=outlets_of(board)`` when asking for many items of one board."""
    sources: dict[str, None] = {}
    origins: dict[str, None] = {}
    if outlets is None:
        outlets = outlets_of(board)
    for c in board.citations_of(item_id):
        src = board.sources.get(c.source_id)
        if src is None:
            continue
        sources[src.id] = None
        origins[_origin_key(origin_of(src, c, outlets))] = None
    return Corroboration(tuple(sources), tuple(origins))


def _origin_key(name: str) -> str:
    return re.sub(r"^(?:the\s+)", "", name, flags=re.I).strip()
