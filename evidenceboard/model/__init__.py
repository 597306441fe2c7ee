"""Pure-Python board model: entities, the board with its events, and edit builders."""

from .board import Board, BoardError, BoardEvent, Edit, kind_of
from .entities import (
                       ACTOR_TYPES,
                       ALIAS_RULES,
                       CARD_KINDS,
                       CONFIDENCES,
                       CREDIBILITY_GRADES,
                       DIRECTIONS,
                       LINK_KINDS,
                       RELIABILITY_GRADES,
                       STANCES,
                       AliasEntry,
                       Card,
                       Citation,
                       Entity,
                       Group,
                       Link,
                       Setting,
                       Source,
                       new_id,
                       sha256_text,
                       spelling_key,
)

__all__ = [
    "ACTOR_TYPES", "ALIAS_RULES", "CARD_KINDS", "CONFIDENCES", "CREDIBILITY_GRADES",
    "DIRECTIONS", "LINK_KINDS", "RELIABILITY_GRADES", "STANCES", "AliasEntry", "Board",
    "BoardError", "BoardEvent", "Card", "Citation", "Edit", "Entity", "Group", "Link", "Setting",
    "Source", "kind_of", "new_id", "sha256_text", "spelling_key",
]
