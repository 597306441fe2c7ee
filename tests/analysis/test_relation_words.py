"""The relation reader on sentences of our own: who did what to whom, by general rules."""

from __future__ import annotations

import re

import pytest

from evidenceboard.analysis.relation_words import relations_in


def read(marked: str, places: tuple[str, ...] = ()) -> set[tuple[str, str, str]]:
    """Relations in a sentence whose actors are marked "[Name]" or "[words|Actor]"."""
    text, mentions, pos = "", [], 0
    for m in re.finditer(r"\[([^\]|]+)(?:\|([^\]]+))?\]", marked):
        text += marked[pos:m.start()]
        start = len(text)
        text += m.group(1)
        mentions.append((start, len(text), m.group(2) or m.group(1)))
        pos = m.end()
    text += marked[pos:]
    return {(r.agent, r.label, r.target)
            for r in relations_in(text, mentions, frozenset(places))}


@pytest.mark.parametrize("sentence, places, expected", [
    # a plain verb, a place where it happened left out
    ("[Anna Berg] met [Omar Said] in [Geneva] on Monday.", ("Geneva",),
     {("Anna Berg", "met", "Omar Said")}),
    # a denial keeps its words
    ("[Omar Said] denied having secretly met [Anna Berg].", (),
     {("Omar Said", "denied meeting", "Anna Berg")}),
    # a relative clause's passive, then the main verb's subject is the first actor
    ("[Kestrel Group], which is backed by [Norland] and [Vesta], held talks with "
     "[Harbour Union] in [Porto].", ("Norland", "Vesta", "Porto"),
     {("Norland", "backs", "Kestrel Group"), ("Vesta", "backs", "Kestrel Group"),
      ("Kestrel Group", "held talks with", "Harbour Union")}),
    # "the support of" a list: each supports the subject
    ("[Mayor Lind] enjoys the support of [Green Party], [Farmers League] and [Norland].",
     (), {("Green Party", "backs", "Mayor Lind"), ("Farmers League", "backs", "Mayor Lind"),
          ("Norland", "backs", "Mayor Lind")}),
    # a role in apposition, then a journey: the son travelled, not his father
    ("[Pavel Dorn], the nephew of [Ivo Dorn], travelled to [Norland] for a meeting.",
     ("Norland",), {("Pavel Dorn", "nephew of", "Ivo Dorn"),
                    ("Pavel Dorn", "visited", "Norland")}),
    ("The daughter of [Ivo Dorn] flew to [Vesta] last week.", ("Vesta",), set()),
    # accusations and the claim's own verb
    ("[Harbour Union] accused [Kestrel Group] of dumping waste near [Porto].", ("Porto",),
     {("Harbour Union", "accused", "Kestrel Group")}),
    ("[Vesta] and [Norland] warships shelled [Coastal Front] positions in [Isla Roja].",
     ("Isla Roja",), {("Vesta", "shelled", "Coastal Front"),
                      ("Norland", "shelled", "Coastal Front")}),
    # a passive sale with an agent and a recipient
    ("The freighter was sold by [Orion Holdings] to [Baltic Star Ltd] in 2019.", (),
     {("Orion Holdings", "sold to", "Baltic Star Ltd")}),
    # a possessive aide in apposition who then calls on someone
    ("[Ivo Dorn]'s adviser, [Mira Kohl], called on [Norland] to help.", (),
     {("Mira Kohl", "adviser to", "Ivo Dorn"), ("Mira Kohl", "called on", "Norland")}),
    # "X's envoy" is an envoy *of* X
    ("[Vesta]'s envoy [Tomas Rey] spoke to reporters.", (),
     {("Tomas Rey", "envoy of", "Vesta")}),
    # ties between two named parties only
    ("[Anna Berg] praised the new trade agreement between [Norland] and [Vesta].",
     ("Norland", "Vesta"), {("Norland", "deal with", "Vesta")}),
    # negation and intent are kept
    ("[Acme Corp] did not pay [John Smith] for the work.", (),
     {("Acme Corp", "did not pay", "John Smith")}),
    ("[Maria Lopez] never visited [Ruritania].", ("Ruritania",),
     {("Maria Lopez", "never visited", "Ruritania")}),
    ("[Ivo Dorn] planned to meet [Anna Berg] during a visit to [Vesta].", ("Vesta",),
     {("Ivo Dorn", "planned to meet", "Anna Berg"), ("Ivo Dorn", "visited", "Vesta")}),
    # what might be is no relation
    ("It would mean a lot if [Anna Berg] had come to [Vesta] to meet [Omar Said].",
     ("Vesta",), set()),
    ("It is easy for [Anna Berg] to attack [Omar Said] in public.", (), set()),
    # "no" dispute is no dispute
    ("[Anna Berg] expects no dispute between [Norland] and [Vesta].", ("Norland", "Vesta"),
     set()),
    # a second clause's subject is not the first verb's object
    ("[Beta Bank] financed the purchase and [Gamma Ltd] delivered the rifles to "
     "[Delta Militia].", (), {("Gamma Ltd", "delivered to", "Delta Militia")}),
    # an unmarked name right before the verb did it, not the actor before it
    ("[Ivo Dorn] resigned and Karl Weiss was replaced by [Mira Kohl].", (), set()),
    # a noun used as a modifier is no verb ("shell manufacturer")
    ("[Orion Holdings] acquired the mortar and shell maker [Vulcan Arms].", (),
     {("Orion Holdings", "acquired", "Vulcan Arms")}),
    # a verb the lexicon does not know: the claim's own word, when nothing else is read;
    # the embassy is not Vesta, so the label names it
    ("[Ivo Dorn] did enter the [Vesta] embassy at night.", ("Vesta",),
     {("Ivo Dorn", "entered embassy of", "Vesta")}),
    ("[Ivo Dorn] praised [Mira Kohl] in a speech.", (), {("Ivo Dorn", "praised", "Mira Kohl")}),
    # saying something about someone is no relation
    ("[Ivo Dorn] described [Mira Kohl] as a friend.", (), set()),
    # a lawsuit filed against someone (an embassy of Vesta, not Vesta itself)
    ("[Mira Kohl] filed a lawsuit in [Porto] against the [Vesta|Vesta] embassy.",
     ("Porto", "Vesta"), {("Mira Kohl", "sued embassy of", "Vesta")}),
    # one actor alone states no relation
    ("[Anna Berg] met reporters in the capital.", (), set()),
])
def test_relations_in_sentences(sentence, places, expected):
    assert read(sentence, places) == expected


def test_symmetric_relations_are_marked_so():
    text = "Anna Berg met Omar Said."
    rels = relations_in(text, [(0, 9, "a"), (14, 23, "b")])
    assert [(r.agent, r.target, r.label, r.symmetric) for r in rels] == \
        [("a", "b", "met", True)]
    assert text[rels[0].cue[0]:rels[0].cue[1]] == "met"


def test_mentions_of_one_actor_next_to_each_other_are_one():
    # "the United Nations (UN)": one actor, named twice; "which" stands for it
    text = "They spoke of the United Nations (UN), which sanctioned Kestrel Group."
    a = text.index("United")
    u = text.index("UN)")
    k = text.index("Kestrel")
    rels = relations_in(text, [(a, a + len("United Nations"), "un"), (u, u + 2, "un"),
                               (k, k + len("Kestrel Group"), "kg")])
    assert {(r.agent, r.label, r.target) for r in rels} == {("un", "sanctioned", "kg")}


def test_bad_mentions_are_ignored_not_fatal():
    text = "Anna met Omar."
    assert relations_in(text, [(0, 4, "a"), (9, 99, "b"), (-3, 2, "c")]) == []
    assert relations_in("", []) == []


def test_first_person_in_a_quote_is_its_speaker_but_not_inside_brackets():
    text = "I never met Omar Said in private."
    o = text.index("Omar")
    rels = relations_in(text, [(o, o + 9, "omar")], speaker="anna")
    assert [(r.agent, r.label, r.target) for r in rels] == [("anna", "never met", "omar")]
    text = "The page [I want to meet Omar Said] became popular."
    o = text.index("Omar")
    assert relations_in(text, [(o, o + 9, "omar")], speaker="anna") == []
