"""Constants that identify a board file (kept free of heavy imports: checking a board
must not wait for SQLAlchemy)."""

from ..model.entities import SCHEMA_VERSION

#: "EvBd" - written at offset 68 of every board file's header.
APPLICATION_ID = 0x45764264
FILE_SUFFIX = ".evboard"

__all__ = ["APPLICATION_ID", "FILE_SUFFIX", "SCHEMA_VERSION"]
