"""Extraction rules on short texts written for these tests, and on the seeds."""

from __future__ import annotations

from evidenceboard.importer.extract import extract
from evidenceboard.importer.text import prepare
from evidenceboard.paths import seeds_dir


def _actors(text: str) -> dict[str, object]:
    return {a.name: a for a in extract(text).actors}


def _seed(prefix: str) -> str:
    return next(seeds_dir().glob(f"{prefix}_*.txt")).read_text("utf-8")


# ----------------------------------------------------------------------------- sentences
def test_sentences_respect_abbreviations_initials_and_quotes():
    text = ('Mr. Smith met Gen. J. Doe in the U.S. capital on Monday. "We agreed. It is done," '
            'Smith said. The talks, according to Dr. Lee, lasted until 3 p.m. on Tuesday.')
    prep = prepare(text)
    got = [text[s.start:s.end] for s in prep.sentences]
    assert got == ['Mr. Smith met Gen. J. Doe in the U.S. capital on Monday.',
                   '"We agreed. It is done," Smith said.',
                   'The talks, according to Dr. Lee, lasted until 3 p.m. on Tuesday.']


def test_offsets_index_the_text_exactly_with_nbsp_hebrew_and_curly_quotes():
    for path in seeds_dir().glob("*.txt"):
        text = path.read_text("utf-8")
        ex = extract(text)
        for a in ex.actors:
            for s, e in a.mentions:
                assert text[s:e].strip(), (a.name, s, e)
        for c in ex.claims:
            assert text[c.start:c.end].strip()
            assert c.start <= c.content_start < c.content_end <= c.end


# ----------------------------------------------------------------------------- actors
def test_aliases_merge_within_an_article_but_not_a_son_with_his_father():
    text = ("Libyan General Khalifa Haftar arrived on Monday. Haftar met officials. "
            "Saddam Haftar, the son of Khalifa Haftar, stayed in Benghazi. Saddam later "
            "left. General Haftar said nothing.")
    actors = _actors(text)
    assert set(actors) >= {"Khalifa Haftar", "Saddam Haftar", "Benghazi"}
    assert "Haftar" in actors["Khalifa Haftar"].aliases
    assert "Saddam" in actors["Saddam Haftar"].aliases
    assert "Haftar" not in actors
    assert actors["Khalifa Haftar"].actor_type == "person"


def test_acronym_expansion_and_fuzzy_spelling_are_one_actor():
    text = ("Forces of the Libyan National Army (LNA) advanced. The LNA said it held the port. "
            "Abdulhamid Dbeibah spoke in Tripoli. Dbeibeh denied the report.")
    actors = _actors(text)
    assert actors["Libyan National Army"].actor_type == "organisation"
    assert "LNA" in actors["Libyan National Army"].aliases
    assert {"Dbeibeh"} <= set(actors["Abdulhamid Dbeibah"].aliases)


def test_demonyms_name_the_state_only_where_they_mean_the_state():
    text = ("Egyptian officials met in Cairo. The Israeli government said nothing. "
            "An Israeli journalist, Dana Cohen, wrote about it. Palestinians protested.")
    actors = _actors(text)
    assert actors["Egypt"].actor_type == "country"
    assert actors["Israel"].actor_type == "country"
    israel_mentions = [text[s:e] for s, e in actors["Israel"].mentions]
    assert israel_mentions == ["Israeli"]  # the government, not the journalist
    assert actors["Dana Cohen"].actor_type == "person"
    assert "Palestinians" not in actors


def test_sentence_initial_common_words_dates_and_boilerplate_are_not_actors():
    text = ("Moreover, officials said on Monday that the deal was off.\n\n"
            "Sources told Reuters in March that Taking part was optional.\n\n"
            "SHARE THIS ARTICLE\n\n"
            "Jane Roe is a Staff Writer at the Daily Planet Review.\n\n"
            "Disclaimer: The Centre for Research on Globalization will not be responsible.")
    names = set(_actors(text))
    assert names == {"Reuters"}


def test_vessels_and_aircraft():
    text = ("The tanker MT Sea Falcon left Aden. Later the Sea Falcon was boarded by the "
            "navy. A Gulfstream G650 business jet registered N512GV flew to Nicosia. "
            "The plane stayed two hours.")
    actors = _actors(text)
    vessel = actors["MT Sea Falcon"]
    assert vessel.actor_type == "vessel"
    assert "Sea Falcon" in vessel.aliases
    assert len(vessel.mentions) == 2
    plane = actors["N512GV"]
    assert plane.actor_type == "aircraft"
    assert "Gulfstream G650" in plane.aliases
    assert any(text[s:e] == "The plane" for s, e in plane.mentions)


def test_places_by_context_and_titles():
    text = ("Fighting broke out in Ras Lanuf and Sidra. The Oil Crescent region fell. "
            "Defense Minister-designate Al-Mihdi Al-Baraghati said the Petroleum Facilities "
            "Guard (PFG) withdrew from Imsaad.")
    actors = _actors(text)
    for place in ("Ras Lanuf", "Sidra", "Oil Crescent", "Imsaad"):
        assert actors[place].actor_type == "place", place
    assert actors["Al-Mihdi Al-Baraghati"].actor_type == "person"
    assert "PFG" in actors["Petroleum Facilities Guard"].aliases


def test_haftar_seeds_give_one_khalifa_haftar_per_article():
    for prefix in ("000", "001", "002", "003", "004"):
        actors = _actors(_seed(prefix))
        assert "Khalifa Haftar" in actors, prefix
        assert not any(n in actors for n in ("Haftar", "General Haftar", "Monday", "Share",
                                             "The", "Press TV", "Raul Diego")), prefix


# ----------------------------------------------------------------------------- claims
def _claims(text: str):
    ex = extract(text)
    names = {a.key: a.name for a in ex.actors}
    return [(names.get(c.speaker_key) if c.speaker_key else c.speaker_name, c.stance,
             c.quote) for c in ex.claims]


def test_direct_quotes_reported_speech_pronouns_and_continuations():
    text = ('Foreign Minister Ana Ruiz said the ship had left Vigo. "It carried no arms," '
            'Ruiz told reporters. "We checked twice."\n\nShe added that the crew was Spanish.\n\n'
            'According to Reuters, the ship reached Tunis on Friday.')
    claims = _claims(text)
    assert claims == [
        ("Ana Ruiz", "asserts", "the ship had left Vigo"),
        ("Ana Ruiz", "asserts", "It carried no arms"),
        ("Ana Ruiz", "asserts", "We checked twice"),
        ("Ana Ruiz", "asserts", "the crew was Spanish"),
        ("Reuters", "asserts", "the ship reached Tunis on Friday"),
    ]


def test_denials_and_unnamed_speakers():
    text = ("The company reportedly paid the fine. Media reports said the director fled to "
            "Dubai. Karim Nasser denied having met the director. \"This has not happened,\" "
            "according to a statement from the Lebanese government.")
    claims = _claims(text)
    assert claims[0][0] == "unnamed reports"
    assert claims[1][:2] == ("Media reports", "asserts")
    assert claims[2][:2] == ("Karim Nasser", "denies")
    assert claims[3][:2] == ("Lebanon", "denies")


def test_extraction_is_deterministic():
    text = _seed("004")
    assert extract(text) == extract(text)


def test_extraction_does_not_depend_on_hash_seeds():
    import os
    import subprocess
    import sys

    code = ("import hashlib,sys;from evidenceboard.importer.extract import extract;"
            "from evidenceboard.paths import seeds_dir;"
            "print(hashlib.sha256(repr([extract(p.read_text('utf-8')) for p in "
            "sorted(seeds_dir().glob('*.txt'))]).encode()).hexdigest())")
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=60)
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout.strip())
    assert len(outs) == 1


def test_capitalised_institutions_times_and_abbreviations_are_not_actors():
    text = ("Updated 10:45 AM ET\n\nThe Court rejected the appeal on Monday, the court's "
            "clerk said. The CEO told the Parliament that the company's GDP forecast was "
            "wrong. Investigators from Interpol arrived.")
    # "the Parliament" (capitalised, never written in lowercase here) names the institution:
    # issue 14 wants government bodies as organisations of their country.
    actors = _actors(text)
    assert set(actors) == {"Interpol", "Parliament"}
    assert actors["Parliament"].actor_type == "organisation"
