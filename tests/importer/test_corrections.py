"""Corrections an investigator made are applied to the next import (the hook issue 14
part 4 will feed from the board's alias table): merged spellings, types, rejected names."""

from __future__ import annotations

import pytest

from evidenceboard.importer.corrections import Corrections
from evidenceboard.importer.extract import extract
from evidenceboard.importer.reading import read_article_text
from evidenceboard.importer.to_board import import_edit
from evidenceboard.model import Board, Card, Edit

TEXT = ("Monday Briefing: the trader Olek Marsh said the cargo was grain. Marsh Grain Ltd "
        "denied the report. Kessler, a broker, said the papers were forged. The Vessa sailed "
        "on Tuesday.")


def _actors(text: str, corrections: Corrections | None = None) -> dict[str, object]:
    return {a.name: a for a in extract(text, corrections).actors}


def test_without_corrections_nothing_changes():
    assert extract(TEXT) == extract(TEXT, Corrections())


def test_a_rejected_name_is_not_proposed_and_speaks_no_claim():
    plain = _actors(TEXT)
    assert "Kessler" in plain
    fixed = extract(TEXT, Corrections(rejected=frozenset({"kessler"})))
    assert "Kessler" not in {a.name for a in fixed.actors}
    forged = next(c for c in fixed.claims if "forged" in c.quote)
    assert forged.speaker_key is None


def test_merged_spellings_are_one_actor_named_as_the_user_chose():
    fixed = _actors(TEXT, Corrections(aliases={"Olek Marsh": "Marsh Grain Ltd",
                                               "Marsh": "Marsh Grain Ltd"}))
    assert "Olek Marsh" not in fixed
    merged = fixed["Marsh Grain Ltd"]
    assert "Olek Marsh" in merged.aliases
    assert len(merged.mentions) == 2
    assert merged.actor_type == "organisation"  # the card's own type, not the spelling's


def test_a_type_the_user_chose_sticks():
    fixed = _actors(TEXT, Corrections(types={"Vessa": "vessel", "Kessler": "organisation"}))
    assert fixed["Vessa"].actor_type == "vessel"
    assert fixed["Kessler"].actor_type == "organisation"


def test_an_assigned_spelling_goes_to_its_card_before_any_fuzzy_match():
    board = Board()
    split = Card.create("actor", "Olek Marsh (junior)", actor_type="person")
    father = Card.create("actor", "Olek Marsh", actor_type="person")
    board.apply(Edit("cards", (split, father)))
    corrections = Corrections(aliases={"Olek Marsh": "Olek Marsh (junior)"})
    edit = import_edit(board, [read_article_text(TEXT)], corrections=corrections)
    board.apply(edit)
    assert board.citations_of(split.id) and not board.citations_of(father.id)


def test_unknown_types_and_kinds_are_refused():
    with pytest.raises(ValueError):
        Corrections(types={"X": "ship"})
    with pytest.raises(ValueError):
        Corrections.from_entries([("merge", "X", "Y")])
    c = Corrections.from_entries([("alias", "Marsh", "Marsh Grain Ltd"),
                                  ("type", "Vessa", "vessel"), ("reject", "Monday Briefing", None)])
    assert c.canonical("marsh") == "Marsh Grain Ltd" and c.type_of("Vessa") == "vessel"
    assert c.is_rejected("Monday briefing")
