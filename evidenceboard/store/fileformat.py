"""Constants that identify a board file (kept free of heavy imports: opening a board
must not wait for SQLAlchemy)."""

#: "EvBd" - written at offset 68 of every board file's header.
APPLICATION_ID = 0x45764264
#: The schema version written to ``user_version`` (see :mod:`.ddl` for every version).
SCHEMA_VERSION = 3
FILE_SUFFIX = ".evboard"
