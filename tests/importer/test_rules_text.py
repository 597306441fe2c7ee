"""Text-level extraction rules (issue 14): Unicode spaces, page furniture (all-caps
subheads and bylines, photo captions, a caption repeating a sentence).  The sentences are
written for these tests."""

from __future__ import annotations

import sys
import unicodedata

from evidenceboard.importer.extract import extract
from evidenceboard.importer.text import HSPACE, is_gap, prepare


def _names(text: str) -> set[str]:
    return {a.name for a in extract(text).actors}


def test_hspace_is_every_unicode_space_separator_and_the_tab():
    zs = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    assert frozenset(zs | {"\t"}) == HSPACE
    assert is_gap("\u202f") and is_gap("\u3000") and not is_gap("\n") and not is_gap("  ")


def test_a_name_written_with_narrow_or_thin_spaces_is_one_name():
    for space in ("\u202f", "\u2009", "\u2007", "\u205f"):
        text = (f"The harbour master Amara{space}Koné told reporters that the port stayed "
                f"closed. Koné{space}later left for Abidjan.")
        ex = extract(text)
        people = [a for a in ex.actors if a.actor_type == "person"]
        assert [p.name for p in people] == ["Amara Koné"], space  # title: plain spaces
        for s, e in people[0].mentions:
            assert text[s:e].replace(space, " ") in ("Amara Koné", "Koné")


def test_all_caps_subheads_and_bylines_are_no_actors():
    text = ("Port officials open inquiry into missing cargo\n\nMARTA KOWALSKI\n\n"
            "Officials in Gdynia said on Friday that 40 containers had vanished from the "
            "quay.\n\nCUSTOMS RESPONSE\n\nThe customs office said it was reviewing the "
            "records.")
    names = _names(text)
    assert "Gdynia" in names
    assert not names & {"Marta Kowalski", "MARTA KOWALSKI", "CUSTOMS RESPONSE", "Customs Response"}


def test_an_all_caps_byline_still_counts_when_the_body_names_the_person():
    text = ("DAVID OKORO\n\nThe lawyer David Okoro said the contract was void. Okoro "
            "added that he would appeal.")
    ex = extract(text)
    person = next(a for a in ex.actors if a.name == "David Okoro")
    assert len(person.mentions) == 3  # the byline line is a mention of the named person


def test_photo_captions_and_credits_are_page_furniture():
    for caption in ("A file photo of the ferry Santa Lucia at the quay in Bari.",
                    "Photo by MARCO ROSSI, all the crew.",
                    "The quay in Bari on Monday. (Photo: Port Authority)",
                    "Pictured: the ferry Santa Lucia in Bari."):
        text = f"The ferry was held in port.\n\n{caption}\n\nInspectors said the papers were forged."
        prep = prepare(text)
        kinds = [b.kind for b in prep.blocks]
        assert kinds[1] == "boilerplate", caption
        assert kinds[0] != "boilerplate" and kinds[2] != "boilerplate"


def test_a_caption_repeating_a_sentence_of_the_body_gives_no_second_claim():
    sentence = "Inspector Lena Varga said the seals on the containers had been cut."
    for text in (f"{sentence} The port was closed.\n\n{sentence}\n\nOthers disagreed.",
                 f"{sentence}\n\nThe port was closed.\n\n{sentence}"):
        claims = [c for c in extract(text).claims if "seals" in c.quote]
        assert len(claims) == 1
        assert text[claims[0].start:claims[0].end] == sentence


def test_the_word_table_read_directly_agrees_with_wordfreq():
    """lexicon reads wordfreq's data file itself (fast); it must say what wordfreq says
    wherever the importer's thresholds look (Zipf >= 3; below, both say "rare")."""
    from wordfreq import zipf_frequency

    from evidenceboard.importer import lexicon

    assert lexicon._english() is not None
    for w in ("the", "smith", "regarding", "internet", "member", "wow", "merkel", "crete",
              "airbus", "navy", "economist", "treasury", "don't", "it’s", "zeinobia",
              "orban", "odessablogger"):
        ours, theirs = lexicon.zipf(w), zipf_frequency(w.replace("’", "'"), "en")
        if theirs >= lexicon.RARE:
            assert abs(ours - theirs) < 0.011, (w, ours, theirs)
        else:
            assert ours < lexicon.RARE, (w, ours, theirs)
