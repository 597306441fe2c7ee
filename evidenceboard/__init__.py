"""EvidenceBoard: a board of actors, claims and sourced links for investigators."""

__version__ = "0.1.0"
