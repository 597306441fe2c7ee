"""The alias table's declaration (model/entities.py): the rules between its fields and its
derived key, checked by the model as the store's CHECKs and the opener check them."""

from __future__ import annotations

import pytest

from evidenceboard.model import ACTOR_TYPES, AliasEntry, Board, BoardError, Edit
from evidenceboard.model.entities import SPECS, alias_entry_id, spelling_key
from evidenceboard.model.fields import Rule, entity_problem, rule_problem, value_problem

ALIAS = SPECS["alias"]


@pytest.mark.parametrize("entry, words", [
    (AliasEntry.make("alias", "Maersk", "A.P. Moller-Maersk"), None),
    (AliasEntry.make("type", "Nexoe Maersk", "vessel"), None),
    (AliasEntry.make("reject", "Lloyd"), None),
    (AliasEntry.make("alias", "Maersk"), "exactly when it is not a rejection"),
    (AliasEntry.make("reject", "Lloyd", "someone"), "exactly when it is not a rejection"),
    (AliasEntry.make("type", "Nexoe", "ship"), "unknown actor type 'ship'"),
    (AliasEntry.make("merge", "Nexoe", "X"), "unknown alias table rule 'merge'"),
    (AliasEntry.make("alias", "   ", "X"), "name must not be empty"),
    (AliasEntry.make("alias", "X", "  "), "value must not be empty"),
    (AliasEntry("alias:x", "type", "X", "vessel"), "filed under its rule"),
    (AliasEntry("alias:X", "alias", "X", "Y"), "filed under the id its rule and name make"),
])
def test_the_rules_of_an_entry(entry: AliasEntry, words: str | None):
    why = entity_problem(ALIAS, entry)
    if words is None:
        assert why is None
        Board().apply(Edit("ok", (entry,)))
    else:
        assert why is not None and words in why, why
        with pytest.raises(BoardError, match=words.replace("(", r"\(")):
            Board().apply(Edit("bad", (entry,)))


def test_rule_kinds():
    null_when = Rule("r", "null_when", ("a", "b"), "m", value="x")
    assert rule_problem(null_when, "x", None) is None
    assert rule_problem(null_when, "y", 1) is None
    assert rule_problem(null_when, "x", 1) == "m"
    assert rule_problem(null_when, "y", None) == "m"
    choices_when = Rule("r", "choices_when", ("a", "b"), "not {1}", value="t",
                        choices=("p", "q"))
    assert rule_problem(choices_when, "t", "p") is None
    assert rule_problem(choices_when, "u", "z") is None
    assert rule_problem(choices_when, "t", "z") == "not z"
    prefix = Rule("r", "prefix", ("a", "b"), "m")
    assert rule_problem(prefix, "type:x", "type") is None
    assert rule_problem(prefix, "typex", "type") == "m"
    assert rule_problem(prefix, "alias:x", "type") == "m"


def test_a_name_must_hold_more_than_spaces():
    name = ALIAS.field("name")
    assert value_problem(name, "\u00a0 \t", "alias") is not None
    assert value_problem(name, "x", "alias") is None
    assert not name.ok(" ") and name.ok("x")


def test_the_key_folds_spellings_and_stays_within_the_id_range():
    assert alias_entry_id("alias", "Maersk’s") == alias_entry_id("alias", "MAERSK") \
        == "alias:maersk"
    assert spelling_key("Café  de\u00a0Paris") == "cafe de paris"
    # NFKD may lengthen a name many times over: the key is cut, the id stays in range.
    long = "\ufdfa" * 10_000
    entry = AliasEntry.make("reject", long)
    assert entity_problem(ALIAS, entry) is None
    assert len(entry.id) <= ALIAS.field("id").max_length


def test_every_actor_type_is_an_allowed_type_value():
    for t in ACTOR_TYPES:
        assert entity_problem(ALIAS, AliasEntry.make("type", "X", t)) is None
