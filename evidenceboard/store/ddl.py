"""The exact DDL of every board schema version, frozen as data.

A board file may contain exactly these objects and nothing else.  The current version is
also declared with SQLModel in :mod:`.schema`; ``tests/store/test_schema.py`` checks that
the two agree, so the DDL cannot drift silently when SQLAlchemy changes its formatting.
"""

DDL: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE card (\n\tid VARCHAR NOT NULL, \n\tkind VARCHAR NOT NULL, \n\ttitle VARCHAR NOT NULL, \n\tbody VARCHAR NOT NULL, \n\tx FLOAT NOT NULL, \n\ty FLOAT NOT NULL, \n\twidth FLOAT NOT NULL, \n\theight FLOAT NOT NULL, \n\tcolor VARCHAR, \n\tactor_type VARCHAR, \n\taliases VARCHAR NOT NULL, \n\tstance VARCHAR, \n\tspeaker VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT card_kind CHECK (kind IN ('actor','claim','note')), \n\tCONSTRAINT card_actor_type CHECK (actor_type IS NULL OR actor_type IN ('person','organisation','country','place','vessel','aircraft','other')), \n\tCONSTRAINT card_stance CHECK (stance IS NULL OR stance IN ('asserts','denies')), \n\tCONSTRAINT card_size CHECK (width > 0 AND height > 0)\n)",
        'CREATE TABLE setting (\n\t"key" VARCHAR NOT NULL, \n\tvalue VARCHAR NOT NULL, \n\tPRIMARY KEY ("key")\n)',
        'CREATE TABLE source (\n\tid VARCHAR NOT NULL, \n\ttext VARCHAR NOT NULL, \n\tsha256 VARCHAR NOT NULL, \n\ttitle VARCHAR, \n\toutlet VARCHAR, \n\tauthor VARCHAR, \n\tpublished VARCHAR, \n\turl VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT source_sha256 CHECK (length(sha256) = 64), \n\tUNIQUE (sha256)\n)',
        "CREATE TABLE link (\n\tid VARCHAR NOT NULL, \n\tfrom_id VARCHAR NOT NULL, \n\tto_id VARCHAR NOT NULL, \n\tlabel VARCHAR NOT NULL, \n\tkind VARCHAR NOT NULL, \n\tdirection VARCHAR NOT NULL, \n\tconfidence VARCHAR NOT NULL, \n\tunsourced BOOLEAN NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT link_direction CHECK (direction IN ('forward','none','both')), \n\tCONSTRAINT link_confidence CHECK (confidence IN ('confirmed','unconfirmed','disputed')), \n\tFOREIGN KEY(from_id) REFERENCES card (id), \n\tFOREIGN KEY(to_id) REFERENCES card (id)\n)",
        'CREATE INDEX ix_link_from ON link (from_id)',
        'CREATE INDEX ix_link_to ON link (to_id)',
        'CREATE TABLE citation (\n\tid VARCHAR NOT NULL, \n\tsource_id VARCHAR NOT NULL, \n\tquote VARCHAR NOT NULL, \n\tstart INTEGER NOT NULL, \n\t"end" INTEGER NOT NULL, \n\tcard_id VARCHAR, \n\tlink_id VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT citation_owner CHECK ((card_id IS NULL) <> (link_id IS NULL)), \n\tCONSTRAINT citation_range CHECK (start >= 0 AND "end" > start), \n\tFOREIGN KEY(source_id) REFERENCES source (id), \n\tFOREIGN KEY(card_id) REFERENCES card (id), \n\tFOREIGN KEY(link_id) REFERENCES link (id)\n)',
        'CREATE INDEX ix_citation_card ON citation (card_id)',
        'CREATE INDEX ix_citation_link ON citation (link_id)',
        'CREATE INDEX ix_citation_source ON citation (source_id)',
    ),
    2: (
        "CREATE TABLE card (\n\tid VARCHAR NOT NULL, \n\tkind VARCHAR NOT NULL, \n\ttitle VARCHAR NOT NULL, \n\tbody VARCHAR NOT NULL, \n\tx FLOAT NOT NULL, \n\ty FLOAT NOT NULL, \n\twidth FLOAT NOT NULL, \n\theight FLOAT NOT NULL, \n\tcolor VARCHAR, \n\tactor_type VARCHAR, \n\taliases VARCHAR NOT NULL, \n\tstance VARCHAR, \n\tspeaker VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT card_kind CHECK (kind IN ('actor','claim','note')), \n\tCONSTRAINT card_actor_type CHECK (actor_type IS NULL OR actor_type IN ('person','organisation','country','place','vessel','aircraft','other')), \n\tCONSTRAINT card_stance CHECK (stance IS NULL OR stance IN ('asserts','denies')), \n\tCONSTRAINT card_size CHECK (width > 0 AND height > 0)\n)",
        'CREATE TABLE setting (\n\t"key" VARCHAR NOT NULL, \n\tvalue VARCHAR NOT NULL, \n\tPRIMARY KEY ("key")\n)',
        "CREATE TABLE source (\n\tid VARCHAR NOT NULL, \n\ttext VARCHAR NOT NULL, \n\tsha256 VARCHAR NOT NULL, \n\ttitle VARCHAR, \n\toutlet VARCHAR, \n\tauthor VARCHAR, \n\tpublished VARCHAR, \n\turl VARCHAR, \n\treliability VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT source_sha256 CHECK (length(sha256) = 64), \n\tCONSTRAINT source_reliability CHECK (reliability IS NULL OR reliability IN ('A','B','C','D','E','F')), \n\tUNIQUE (sha256)\n)",
        "CREATE TABLE link (\n\tid VARCHAR NOT NULL, \n\tfrom_id VARCHAR NOT NULL, \n\tto_id VARCHAR NOT NULL, \n\tlabel VARCHAR NOT NULL, \n\tkind VARCHAR NOT NULL, \n\tdirection VARCHAR NOT NULL, \n\tconfidence VARCHAR NOT NULL, \n\tunsourced BOOLEAN NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT link_direction CHECK (direction IN ('forward','none','both')), \n\tCONSTRAINT link_confidence CHECK (confidence IN ('confirmed','unconfirmed','disputed')), \n\tFOREIGN KEY(from_id) REFERENCES card (id), \n\tFOREIGN KEY(to_id) REFERENCES card (id)\n)",
        'CREATE INDEX ix_link_from ON link (from_id)',
        'CREATE INDEX ix_link_to ON link (to_id)',
        'CREATE TABLE citation (\n\tid VARCHAR NOT NULL, \n\tsource_id VARCHAR NOT NULL, \n\tquote VARCHAR NOT NULL, \n\tstart INTEGER NOT NULL, \n\t"end" INTEGER NOT NULL, \n\tcard_id VARCHAR, \n\tlink_id VARCHAR, \n\tcredibility INTEGER, \n\tPRIMARY KEY (id), \n\tCONSTRAINT citation_owner CHECK ((card_id IS NULL) <> (link_id IS NULL)), \n\tCONSTRAINT citation_range CHECK (start >= 0 AND "end" > start), \n\tCONSTRAINT citation_credibility CHECK (credibility IS NULL OR credibility BETWEEN 1 AND 6), \n\tFOREIGN KEY(source_id) REFERENCES source (id), \n\tFOREIGN KEY(card_id) REFERENCES card (id), \n\tFOREIGN KEY(link_id) REFERENCES link (id)\n)',
        'CREATE INDEX ix_citation_card ON citation (card_id)',
        'CREATE INDEX ix_citation_link ON citation (link_id)',
        'CREATE INDEX ix_citation_source ON citation (source_id)',
    ),
}
# 3: version 2 and the alias table (issue 14), nothing else changed.
DDL[3] = (*DDL[2], "CREATE TABLE alias (\n\tid VARCHAR NOT NULL, \n\trule VARCHAR NOT NULL, \n\tname VARCHAR NOT NULL, \n\tvalue VARCHAR, \n\tcard_id VARCHAR, \n\tPRIMARY KEY (id), \n\tCONSTRAINT alias_rule CHECK (rule IN ('alias','type','reject')), \n\tCONSTRAINT alias_id CHECK (substr(id, 1, length(rule) + 1) = rule || ':'), \n\tCONSTRAINT alias_name CHECK (length(trim(name)) > 0), \n\tCONSTRAINT alias_value CHECK ((value IS NULL) = (rule = 'reject')), \n\tCONSTRAINT alias_type CHECK (rule <> 'type' OR value IN ('person','organisation','country','place','vessel','aircraft','other'))\n)")
