"""The things a board is made of: sources, cards, links and citations.

Every entity is an immutable dataclass with a stable UUID id.  Immutability is what makes
undo cheap and exact: an edit replaces whole values, and its inverse is simply the values
that were there before (see :mod:`evidenceboard.model.edit`).

This module is pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

CardKind: TypeAlias = Literal["actor", "claim", "note"]
ActorType: TypeAlias = Literal[
    "person", "organisation", "country", "place", "vessel", "aircraft", "other"
]
Stance: TypeAlias = Literal["asserts", "denies"]
Direction: TypeAlias = Literal["forward", "none", "both"]
Confidence: TypeAlias = Literal["confirmed", "unconfirmed", "disputed"]

CARD_KINDS: tuple[str, ...] = ("actor", "claim", "note")
ACTOR_TYPES: tuple[str, ...] = (
    "person", "organisation", "country", "place", "vessel", "aircraft", "other",
)
STANCES: tuple[str, ...] = ("asserts", "denies")
DIRECTIONS: tuple[str, ...] = ("forward", "none", "both")
CONFIDENCES: tuple[str, ...] = ("confirmed", "unconfirmed", "disputed")
#: Admiralty / NATO source reliability (A = completely reliable ... F = cannot be judged).
RELIABILITY_GRADES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
#: Admiralty / NATO information credibility (1 = confirmed ... 6 = cannot be judged).
CREDIBILITY_GRADES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)

#: Link kinds the application itself gives meaning to; users may type any other label.
LINK_KINDS: tuple[str, ...] = ("relation", "states", "denies", "about", "contradicts")

DEFAULT_CARD_SIZE: dict[str, tuple[float, float]] = {
    "actor": (200.0, 72.0),
    "claim": (260.0, 120.0),
    "note": (200.0, 100.0),
}


def new_id() -> str:
    """A fresh random UUID as text: ids never depend on content or on the machine."""
    return str(uuid.uuid4())


def sha256_text(text: str) -> str:
    """The sha256 of ``text`` encoded as UTF-8, the fingerprint a source is known by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """An article stored verbatim.  Citation offsets index :attr:`text` exactly."""

    id: str
    text: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, only when the article states it
    url: str | None = None
    reliability: str | None = None  # Admiralty A-F, None = not graded

    @staticmethod
    def create(text: str, **meta: str | None) -> Source:
        return Source(id=new_id(), text=text, sha256=sha256_text(text), **meta)  # type: ignore[arg-type]

    @property
    def shown_title(self) -> str:
        """The title to show: the one stated, else the text's first sentence (shortened),
        never a file name."""
        if self.title and self.title.strip():
            return " ".join(self.title.split())
        return first_sentence(self.text) or "(empty source)"


#: A date stamp some saved articles start with ("date 2021-11-02 ...").
_LEADING_STAMP = re.compile(r"\A\s*(?:(?:date|published|posted|updated)\b[:\s]*)?"
                            r"\d{4}-\d{2}-\d{2}\b[\s:,.-]*", re.I)
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’)\]]*(?:\s|$))")
#: Longest fallback title (words are kept whole; "…" marks the cut).
SHOWN_TITLE_MAX = 90


def first_sentence(text: str, limit: int = SHOWN_TITLE_MAX) -> str:
    """The first sentence of ``text`` on one line, cut at a word before ``limit``
    characters, without a leading date stamp."""
    body = _LEADING_STAMP.sub("", text, count=1)
    line = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
    m = _SENTENCE_END.search(line, 20) if len(line) > 20 else None
    sentence = " ".join((line[:m.end()] if m else line).split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


@dataclass(frozen=True, slots=True)
class Card:
    """A card on the canvas: an actor, a claim or a free note."""

    id: str
    kind: str
    title: str
    body: str = ""
    x: float = 0.0
    y: float = 0.0
    width: float = 200.0
    height: float = 72.0
    color: str | None = None  # "#rrggbb", None = the kind's default
    actor_type: str | None = None  # only for actors
    aliases: tuple[str, ...] = ()  # other spellings of an actor's name
    stance: str | None = None  # only for claims: "asserts" or "denies"
    speaker: str | None = None  # only for claims: who said it, as written

    @staticmethod
    def create(kind: str, title: str, **fields: object) -> Card:
        w, h = DEFAULT_CARD_SIZE.get(kind, (200.0, 72.0))
        fields.setdefault("width", w)
        fields.setdefault("height", h)
        if kind == "actor":
            fields.setdefault("actor_type", "other")
        if kind == "claim":
            fields.setdefault("stance", "asserts")
        return Card(id=new_id(), kind=kind, title=title, **fields)  # type: ignore[arg-type]

    def moved_to(self, x: float, y: float) -> Card:
        return replace(self, x=float(x), y=float(y))


@dataclass(frozen=True, slots=True)
class Link:
    """A relation drawn from one card to another."""

    id: str
    from_id: str
    to_id: str
    label: str = ""
    kind: str = "relation"
    direction: str = "forward"
    confidence: str = "unconfirmed"
    #: The investigator said on purpose that this link has no source (shown as such).
    unsourced: bool = False

    @staticmethod
    def create(from_id: str, to_id: str, **fields: object) -> Link:
        return Link(id=new_id(), from_id=from_id, to_id=to_id, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Citation:
    """The exact words of a source that back a card or a link.

    ``source.text[start:end] == quote`` when the citation is intact; the model keeps a
    citation that no longer matches (it is reported as broken, never silently dropped).
    """

    id: str
    source_id: str
    quote: str
    start: int
    end: int
    card_id: str | None = None
    link_id: str | None = None
    credibility: int | None = None  # Admiralty 1-6, None = not graded

    @property
    def owner_id(self) -> str:
        owner = self.card_id if self.card_id is not None else self.link_id
        assert owner is not None
        return owner

    @staticmethod
    def create(source: Source, start: int, end: int, *, card_id: str | None = None,
               link_id: str | None = None, credibility: int | None = None) -> Citation:
        if (card_id is None) == (link_id is None):
            raise ValueError("a citation belongs to exactly one card or one link")
        if not 0 <= start < end <= len(source.text):
            raise ValueError(f"citation offsets {start}..{end} are outside the source text")
        return Citation(id=new_id(), source_id=source.id, quote=source.text[start:end],
                        start=start, end=end, card_id=card_id, link_id=link_id,
                        credibility=credibility)


@dataclass(frozen=True, slots=True)
class Setting:
    """One board-wide setting stored in the board file (its name, its view state...)."""

    id: str  # the setting's key
    value: str


#: What an entry of a board's alias table says about a spelling (see :class:`AliasEntry`).
ALIAS_RULES: tuple[str, ...] = ("alias", "type", "reject")


def spelling_key(name: str) -> str:
    """A spelling compared without case, accents, punctuation, spacing or a final
    possessive ("Maersk's" = "MAERSK"): the key of an alias table entry, and how a
    citation is known to quote a spelling."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’]s\s*$", "", text.strip())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One correction an investigator made to what the importer read, kept in the
    board's alias table so the next article imported into the board gets it too.

    * ``rule="alias"``: the spelling ``name`` belongs to the actor ``value`` (a merge; or,
      when ``value`` is ``name`` itself, a spelling split out to be an actor of its own);
    * ``rule="type"``: the actor ``name`` is of the actor type ``value``;
    * ``rule="reject"``: ``name`` is not an actor (``value`` is None).

    ``card_id`` is the card the correction was made on (not a reference the board keeps
    valid: the card may be deleted later, the entry then applies by ``value``).  The id
    is ``rule:spelling_key(name)``, so one spelling has at most one entry of each rule and
    a later correction replaces the earlier one.
    """

    id: str
    rule: str
    name: str
    value: str | None = None
    card_id: str | None = None

    @staticmethod
    def make(rule: str, name: str, value: str | None = None,
             card_id: str | None = None) -> AliasEntry:
        return AliasEntry(alias_entry_id(rule, name), rule, name, value, card_id)


def alias_entry_id(rule: str, name: str) -> str:
    return f"{rule}:{spelling_key(name)}"


Entity: TypeAlias = Source | Card | Link | Citation | Setting | AliasEntry
