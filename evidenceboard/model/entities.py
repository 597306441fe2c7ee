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
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

from .fields import EntitySpec, Pattern, Rule, spec

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


# ----------------------------------------------------------------------------- limits
# The range of every value a board holds (docs/FORMAT.md, "Ranges").  They fit any real
# board with room to spare and keep every later operation's cost bounded: a card at
# x = 1e10 made a link index walk ten million cells, a 1e6 x 1e6 card made every import
# place cards on a grid of 1e10 cells.  The opener, every importer and every edit keep
# to them; ``tests/test_extreme_boards.py`` runs everything on boards at these limits.
#: Positions: the scene spans at most 2,000,000 units each way (a 100,000-card
#: synthetic board spans 190,000).
COORD_LIMIT = 1_000_000.0
#: Card sizes (the largest card shown is 260 x 120 by default).
MIN_CARD_SIZE = 1.0
MAX_CARD_SIZE = 5_000.0
MAX_ID = 200
MAX_TITLE = 10_000
MAX_BODY = 1_000_000
MAX_META = 1_000
MAX_DATE = 100
MAX_URL = 10_000
MAX_LABEL = 10_000
MAX_LINK_KIND = 1_000
MAX_ALIASES = 1_000
MAX_ALIAS = 1_000
#: An article's text (and so a quote): 8 million characters are at most 32 MiB of UTF-8,
#: the largest value the board file's opener reads.
MAX_SOURCE_TEXT = 8_000_000
MAX_SETTING = 8_000_000

SHA256 = Pattern("", "0-9a-f", 64, "64 hexadecimal digits (lowercase)")
COLOR = Pattern("#", "0-9A-Fa-f", 6, '"#rrggbb"')

_ID = spec("unique across the board", type="id", min_length=1, max_length=MAX_ID,
           cut=False)
_COORD = spec("position of the top-left corner in scene units", minimum=-COORD_LIMIT,
              maximum=COORD_LIMIT)
_SIZE = spec("size in scene units", minimum=MIN_CARD_SIZE, maximum=MAX_CARD_SIZE)


def new_id() -> str:
    """A fresh random UUID as text: ids never depend on content or on the machine."""
    return str(uuid.uuid4())


def sha256_text(text: str) -> str:
    """The sha256 of ``text`` encoded as UTF-8, the fingerprint a source is known by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """An article stored verbatim.  Citation offsets index :attr:`text` exactly."""

    id: str = field(metadata=_ID)
    text: str = field(metadata=spec(
        "the article's text, exactly as imported", max_length=MAX_SOURCE_TEXT, cut=False))
    sha256: str = field(metadata=spec(
        "sha256 of the text as UTF-8: the fingerprint the article is known by",
        pattern=SHA256, unique=True, json_optional=True, cut=False))
    title: str | None = field(default=None, metadata=spec(
        "the title the article states", max_length=MAX_META))
    outlet: str | None = field(default=None, metadata=spec(
        "who published it", max_length=MAX_META))
    author: str | None = field(default=None, metadata=spec(
        "who wrote it", max_length=MAX_META))
    published: str | None = field(default=None, metadata=spec(
        "the date it states (ISO, as YYYY-MM-DD when known)", max_length=MAX_DATE))
    url: str | None = field(default=None, metadata=spec(
        "where it was found", max_length=MAX_URL))
    reliability: str | None = field(default=None, metadata=spec(
        "Admiralty source reliability, A (completely reliable) to F (cannot be judged); "
        "null = not graded", choices=RELIABILITY_GRADES, since=2))

    @staticmethod
    def create(text: str, **meta: str | None) -> Source:
        return Source(id=new_id(), text=text, sha256=sha256_text(text), **meta)

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


#: The schema version that brought groups (:class:`Group`, ``Card.group_id``).
GROUPS_SINCE = 5
#: The longest group title.
MAX_GROUP_TITLE = MAX_META


@dataclass(frozen=True, slots=True)
class Group:
    """A titled, coloured frame holding cards (``Card.group_id``), like a group of an
    Obsidian Canvas or an i2 Analyst's Notebook grouping.  Its rectangle is not stored:
    it is the frame around its cards (:mod:`.group_edits`), so it follows them.
    Collapsed, it is drawn as one card-sized frame with its counts and its cards are
    hidden where they are (expanding shows them exactly there again)."""

    id: str = field(metadata=_ID)
    title: str = field(default="Group", metadata=spec(
        "what the frame is called", max_length=MAX_GROUP_TITLE))
    color: str | None = field(default=None, metadata=spec(
        '"#rrggbb"; null = the default frame colour', pattern=COLOR))
    collapsed: bool = field(default=False, metadata=spec(
        "drawn as one card showing its counts, its cards hidden"))

    @staticmethod
    def create(title: str = "Group", **fields: object) -> Group:
        return Group(id=new_id(), title=title, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Card:
    """A card on the canvas: an actor, a claim or a free note."""

    id: str = field(metadata=_ID)
    kind: str = field(metadata=spec("actor, claim or note", choices=CARD_KINDS,
                                    label="card kind"))
    title: str = field(metadata=spec("the name of an actor, the words of a claim",
                                     max_length=MAX_TITLE))
    body: str = field(default="", metadata=spec("free text", max_length=MAX_BODY))
    x: float = field(default=0.0, metadata=_COORD)
    y: float = field(default=0.0, metadata=_COORD)
    width: float = field(default=200.0, metadata=_SIZE)
    height: float = field(default=72.0, metadata=_SIZE)
    color: str | None = field(default=None, metadata=spec(
        '"#rrggbb"; null = the kind\'s colour', pattern=COLOR))
    actor_type: str | None = field(default=None, metadata=spec(
        "what an actor is (actors only)", choices=ACTOR_TYPES, json="type",
        label="actor type"))
    aliases: tuple[str, ...] = field(default=(), metadata=spec(
        "other spellings of an actor's name", max_items=MAX_ALIASES,
        max_length=MAX_ALIAS))
    stance: str | None = field(default=None, metadata=spec(
        "whether a claim asserts or denies (claims only)", choices=STANCES,
        label="stance"))
    speaker: str | None = field(default=None, metadata=spec(
        "who said a claim, as written (claims only)", max_length=MAX_META))
    group_id: str | None = field(default=None, metadata=spec(
        "the group (frame) holding the card; null = none", type="id",
        references="group", json="group", max_length=MAX_ID, cut=False,
        since=GROUPS_SINCE))

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

    id: str = field(metadata=_ID)
    from_id: str = field(metadata=spec("the card it starts at", type="id",
                                       references="card", json="from",
                                       max_length=MAX_ID, cut=False))
    to_id: str = field(metadata=spec("the card it points to", type="id",
                                     references="card", json="to", max_length=MAX_ID,
                                     cut=False))
    label: str = field(default="", metadata=spec("what it says", max_length=MAX_LABEL))
    kind: str = field(default="relation", metadata=spec(
        "relation, states, denies, about, contradicts or any label the user typed",
        max_length=MAX_LINK_KIND))
    direction: str = field(default="forward", metadata=spec(
        "forward, none or both", choices=DIRECTIONS, label="link direction"))
    confidence: str = field(default="unconfirmed", metadata=spec(
        "confirmed, unconfirmed or disputed", choices=CONFIDENCES,
        label="link confidence"))
    #: The investigator said on purpose that this link has no source (shown as such).
    unsourced: bool = field(default=False, metadata=spec(
        "the investigator said on purpose that it has no source"))

    @staticmethod
    def create(from_id: str, to_id: str, **fields: object) -> Link:
        return Link(id=new_id(), from_id=from_id, to_id=to_id, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Citation:
    """The exact words of a source that back a card or a link.

    ``source.text[start:end] == quote`` when the citation is intact; the model keeps a
    citation that no longer matches (it is reported as broken, never silently dropped).
    """

    id: str = field(metadata=spec("unique across the board", type="id",
                                  min_length=1, max_length=MAX_ID, cut=False,
                                  json_optional=True))
    source_id: str = field(metadata=spec("the source quoted", type="id",
                                         references="source", json="source",
                                         max_length=MAX_ID, cut=False))
    quote: str = field(metadata=spec("the words quoted", max_length=MAX_SOURCE_TEXT,
                                     cut=False))
    start: int = field(metadata=spec("offset of the first character in the source's "
                                     "text (Python string index: code points)",
                                     minimum=0, maximum=MAX_SOURCE_TEXT))
    end: int = field(metadata=spec("offset just past the last character",
                                   minimum=1, maximum=MAX_SOURCE_TEXT))
    card_id: str | None = field(default=None, metadata=spec(
        "the card it backs", type="id", references="card", json=None,
        max_length=MAX_ID, cut=False))
    link_id: str | None = field(default=None, metadata=spec(
        "the link it backs", type="id", references="link", json=None,
        max_length=MAX_ID, cut=False))
    credibility: int | None = field(default=None, metadata=spec(
        "Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged); "
        "null = not graded", choices=CREDIBILITY_GRADES, since=2))

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

    id: str = field(metadata=spec("the setting's key", column="key", max_length=MAX_ID,
                                  cut=False))
    value: str = field(metadata=spec("its value (the view state is JSON text)",
                                     max_length=MAX_SETTING, cut=False))


#: What an entry of a board's alias table says about a spelling (see :class:`AliasEntry`).
ALIAS_RULES: tuple[str, ...] = ("alias", "type", "reject")
#: The longest spelling key an alias table entry is filed under (NFKD may lengthen a
#: name: the key is cut, which keeps it deterministic).
MAX_ALIAS_KEY = MAX_TITLE


def spelling_key(name: str) -> str:
    """A spelling compared without case, accents, punctuation, spacing or a final
    possessive ("Maersk's" = "MAERSK"): the key of an alias table entry, and how a
    citation is known to quote a spelling."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’]s\s*$", "", text.strip())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def alias_entry_id(rule: str, name: str) -> str:
    """The id of the alias table entry of ``rule`` for the spelling ``name``."""
    return f"{rule}:{spelling_key(name)[:MAX_ALIAS_KEY]}"


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

    id: str = field(metadata=spec(
        "the rule, a colon and the spelling's folded key (made from rule and name)",
        type="id", min_length=1, max_length=MAX_ALIAS_KEY + 7, cut=False, json=None))
    rule: str = field(metadata=spec(
        "alias (the spelling belongs to the actor named by value), type (the actor is "
        "of the type value) or reject (not an actor)", choices=ALIAS_RULES,
        label="alias table rule"))
    name: str = field(metadata=spec("the spelling, as the investigator saw it",
                                    max_length=MAX_TITLE, blank=False, cut=False))
    value: str | None = field(default=None, metadata=spec(
        "the actor's name (alias), the actor type (type); null for reject",
        max_length=MAX_TITLE, blank=False, cut=False))
    card_id: str | None = field(default=None, metadata=spec(
        "the card the correction was made on (kept when that card is deleted)",
        type="id", max_length=MAX_ID, cut=False, json="card"))

    @staticmethod
    def make(rule: str, name: str, value: str | None = None,
             card_id: str | None = None) -> AliasEntry:
        return AliasEntry(alias_entry_id(rule, name), rule, name, value, card_id)


Entity: TypeAlias = Source | Group | Card | Link | Citation | Setting | AliasEntry

# ----------------------------------------------------------------------------- entities
#: Every entity a board holds, parents first (the order edits put them in, tables are
#: loaded in, and deletes run backwards).  A new entity is one more dataclass above and
#: one more EntitySpec here (docs/ARCHITECTURE.md, "Adding an entity").
ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec("setting", Setting, "board-wide settings: name, view state", 100_000),
    EntitySpec("source", Source, "articles stored verbatim", 100_000,
               json_order=("id", "title", "outlet", "author", "published", "url",
                           "reliability", "sha256", "text")),
    EntitySpec("group", Group, "frames that hold cards", 100_000, since=GROUPS_SINCE),
    EntitySpec("card", Card, "actors, claims and notes on the canvas", 1_000_000,
               json_order=("id", "kind", "actor_type", "title", "body", "speaker",
                           "stance", "aliases", "color", "x", "y", "width", "height",
                           "group_id"),
               indexes=(("ix_card_group", "group_id"),)),
    EntitySpec("link", Link, "relations drawn between cards", 2_000_000,
               indexes=(("ix_link_from", "from_id"), ("ix_link_to", "to_id"))),
    EntitySpec("citation", Citation, "the exact words of a source backing a card or link",
               5_000_000,
               rules=(Rule("citation_owner", "one_of", ("card_id", "link_id"),
                           "a citation belongs to exactly one card or one link",
                           "exactly one of card_id, link_id (the card or link it is listed "
                           "under in the board JSON)"),
                      Rule("citation_range", "span", ("start", "end"),
                           "citation offsets {0}..{1} are not a range of text",
                           "0 <= start < end")),
               indexes=(("ix_citation_source", "source_id"),
                        ("ix_citation_card", "card_id"),
                        ("ix_citation_link", "link_id"))),
    EntitySpec("alias", AliasEntry, "the alias table: the investigator's corrections, "
               "applied to every later import into the board", 1_000_000, since=4,
               rules=(Rule("alias_filed", "prefix", ("id", "rule"),
                           "an alias table entry is filed under its rule",
                           "id starts with rule and a colon"),
                      Rule("alias_rejected", "null_when", ("rule", "value"),
                           "an alias table entry has a value (the actor's name or type) "
                           "exactly when it is not a rejection",
                           "value is null exactly for reject",
                           value="reject"),
                      Rule("alias_type_value", "choices_when", ("rule", "value"),
                           "unknown actor type {1!r}",
                           "a type entry's value is an actor type", value="type",
                           choices=ACTOR_TYPES)),
               key=(alias_entry_id, ("rule", "name")),
               json_order=("rule", "name", "value", "card_id")),
)
SPECS: dict[str, EntitySpec] = {es.name: es for es in ENTITIES}
SPEC_OF_CLASS: dict[type, EntitySpec] = {es.cls: es for es in ENTITIES}

#: The board file's schema version, and what each version brought.  A file of an older
#: version is upgraded on a copy by the numbered steps of ``store/migrations.py``: the
#: fields a version added (``Spec.since``) get their defaults, and every value is brought
#: into the ranges declared above (the original file is kept as a backup).
SCHEMA_VERSION = 6
SCHEMA_HISTORY: dict[int, str] = {
    1: "sources, cards, links, citations, settings",
    2: "Admiralty grades: source.reliability (A-F) and citation.credibility (1-6)",
    3: "every value's range as a CHECK constraint of its column (positions within "
       "±1,000,000, card sizes 1 to 5,000, text lengths, id lengths, patterns)",
    4: "the alias table (alias): the investigator's corrections to what the importer "
       "read (merge, split, actor type, not an actor), applied to every later import",
    GROUPS_SINCE: "groups (group): titled, coloured frames holding cards "
                  "(card.group_id), collapsed or not",
    6: "the board's history and lineage (lineage, history, history_change): every "
       "committed edit with when, by whom and what (before and after), the file's own "
       "board id and the board it was copied from (model/history.py, SINCE)",
}
