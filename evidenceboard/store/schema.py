"""The board file's tables, declared once with SQLModel.

A board file is an SQLite database whose header carries our ``application_id`` and whose
``user_version`` is the schema version below.  The tables declared here are the *only*
objects a board file may contain (see :mod:`evidenceboard.store.safe_open`).

Schema history (each older version has a migration in :mod:`.migrations`):

* 1 - sources, cards, links, citations, settings.
* 2 - Admiralty grades: ``source.reliability`` (A-F) and ``citation.credibility`` (1-6).
* 3 - the alias table (``alias``): corrections the next import applies (issue 14).
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, MetaData, String
from sqlmodel import Field, SQLModel

from .fileformat import APPLICATION_ID, FILE_SUFFIX, SCHEMA_VERSION  # noqa: F401

# Our own metadata so that nothing else registered with SQLModel can leak into a board.
board_metadata = MetaData()


class _Row(SQLModel):
    metadata = board_metadata


class SettingRow(_Row, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class SourceRow(_Row, table=True):
    __tablename__ = "source"
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", name="source_sha256"),
        CheckConstraint("reliability IS NULL OR reliability IN ('A','B','C','D','E','F')",
                        name="source_reliability"),
    )
    id: str = Field(primary_key=True)
    text: str
    sha256: str = Field(sa_column=Column(String, nullable=False, unique=True))
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    reliability: str | None = None


class CardRow(_Row, table=True):
    __tablename__ = "card"
    __table_args__ = (
        CheckConstraint("kind IN ('actor','claim','note')", name="card_kind"),
        CheckConstraint(
            "actor_type IS NULL OR actor_type IN "
            "('person','organisation','country','place','vessel','aircraft','other')",
            name="card_actor_type"),
        CheckConstraint("stance IS NULL OR stance IN ('asserts','denies')", name="card_stance"),
        CheckConstraint("width > 0 AND height > 0", name="card_size"),
    )
    id: str = Field(primary_key=True)
    kind: str
    title: str
    body: str = ""
    x: float = 0.0
    y: float = 0.0
    width: float = 200.0
    height: float = 72.0
    color: str | None = None
    actor_type: str | None = None
    aliases: str = "[]"  # JSON list of strings
    stance: str | None = None
    speaker: str | None = None


class LinkRow(_Row, table=True):
    __tablename__ = "link"
    __table_args__ = (
        CheckConstraint("direction IN ('forward','none','both')", name="link_direction"),
        CheckConstraint("confidence IN ('confirmed','unconfirmed','disputed')",
                        name="link_confidence"),
        Index("ix_link_from", "from_id"),
        Index("ix_link_to", "to_id"),
    )
    id: str = Field(primary_key=True)
    from_id: str = Field(sa_column=Column(String, ForeignKey("card.id"), nullable=False))
    to_id: str = Field(sa_column=Column(String, ForeignKey("card.id"), nullable=False))
    label: str = ""
    kind: str = "relation"
    direction: str = "forward"
    confidence: str = "unconfirmed"
    unsourced: bool = False


class CitationRow(_Row, table=True):
    __tablename__ = "citation"
    __table_args__ = (
        CheckConstraint("(card_id IS NULL) <> (link_id IS NULL)", name="citation_owner"),
        CheckConstraint("start >= 0 AND \"end\" > start", name="citation_range"),
        CheckConstraint("credibility IS NULL OR credibility BETWEEN 1 AND 6",
                        name="citation_credibility"),
        Index("ix_citation_source", "source_id"),
        Index("ix_citation_card", "card_id"),
        Index("ix_citation_link", "link_id"),
    )
    id: str = Field(primary_key=True)
    source_id: str = Field(sa_column=Column(String, ForeignKey("source.id"), nullable=False))
    quote: str
    start: int
    end: int
    card_id: str | None = Field(default=None,
                                   sa_column=Column(String, ForeignKey("card.id")))
    link_id: str | None = Field(default=None,
                                   sa_column=Column(String, ForeignKey("link.id")))
    credibility: int | None = None


class AliasRow(_Row, table=True):
    """One entry of the board's alias table (:class:`evidenceboard.model.AliasEntry`).
    ``card_id`` is deliberately no foreign key: an entry outlives its card."""

    __tablename__ = "alias"
    __table_args__ = (
        CheckConstraint("rule IN ('alias','type','reject')", name="alias_rule"),
        CheckConstraint("substr(id, 1, length(rule) + 1) = rule || ':'", name="alias_id"),
        CheckConstraint("length(trim(name)) > 0", name="alias_name"),
        CheckConstraint("(value IS NULL) = (rule = 'reject')", name="alias_value"),
        CheckConstraint(
            "rule <> 'type' OR value IN "
            "('person','organisation','country','place','vessel','aircraft','other')",
            name="alias_type"),
    )
    id: str = Field(primary_key=True)
    rule: str
    name: str
    value: str | None = None
    card_id: str | None = None


TABLES = {"setting": SettingRow, "source": SourceRow, "card": CardRow, "link": LinkRow,
          "citation": CitationRow, "alias": AliasRow}
