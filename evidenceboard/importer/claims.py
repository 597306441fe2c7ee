"""Finding the claims an article reports: who said what, quoted exactly.

A sentence is a claim when it attributes a statement: a speech verb outside quotation
marks ("said", "told", "accused", "denied", ...), "according to X", a passive report
("was said to", "is reported to", "reportedly", "allegedly"), a noun with "that" ("media
reports that", "claims that"), or a quotation that continues the previous claim's quotes.

The speaker is the actor the sentence names as the subject of the verb (or after it, in
"“...,” said X"), or the actor after "according to".  A pronoun ("He added") takes the
speaker of the previous claim, a description ("the rebel commander", "the navy", "the
report") the one actor it was used for earlier in the article; anything else stays
unnamed, with the words the article uses ("Sources", "media reports").  A claim whose
verb is a denial ("denied", "rejected") or whose quote denies an event ("This has not
happened") is a denial.  The claim's statement is the quote or the reported clause; its
citation is the whole sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from . import gazetteer as gz
from .mentions import Entity
from .speakers import _PARTICIPLE, _SKIP, SpeakerRules, _np_text
from .text import Prepared, Token, tokens


@dataclass
class Claim:
    start: int  # the sentence (the citation)
    end: int
    content_start: int  # the statement itself (the card's title)
    content_end: int
    speaker: int | None  # index of the speaking entity
    speaker_name: str | None  # as written when unnamed
    stance: str
    subjects: list[int] = field(default_factory=list)
    cue: str = ""
    anaphoric: bool = False  # denies "these allegations" / "the report": refers back
    sentence: int = 0
    title: str | None = None  # the statement when it is not one span ("X, according to Y, …")


_PASSIVE = re.compile(
    r"\b(?:is|was|are|were|has\s+been|have\s+been|had\s+been|being)\s+"
    r"(?:also\s+|widely\s+|reportedly\s+)?(?:said|reported|alleged|believed|thought|"
    r"understood|rumou?red|claimed|accused|suspected)\s+to\b", re.I)
_ADVERB = re.compile(r"\b(?:reportedly|allegedly|purportedly|ostensibly)\b", re.I)
_NOUN_THAT = re.compile(
    r"\b(?:reports?|claims?|allegations?|accusations?|speculations?|rumou?rs?|suggestions?|"
    r"assertions?|statements?|charges?)\s+(?:that|stating|saying|claiming|suggesting)\b",
    re.I)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")
_ANAPHORIC_OBJECT = re.compile(
    r"\b(?:the|these|this|those|that|such)\s+(?:\w+\s+)?(?:reports?|allegations?|claims?|"
    r"accusations?|charges?|account|accounts|story|stories|remarks?|statements?|"
    r"suggestions?|rumou?rs?|allegation)\b|\b(?:it|them)\b", re.I)
_DENIAL_CONTENT = re.compile(
    r"^\W*(?:this|that|it|these|such\s+\w+)\s+(?:has|have|had|did|does|do|is|was|were|are)"
    r"\s*(?:not|n’t|n't|never)\s+(?:happen|happened|true|occur|occurred|take\s+place|"
    r"taken\s+place)|\b(?:is|are|was|were)\s+(?:completely\s+|totally\s+|entirely\s+|"
    r"simply\s+)?(?:false|untrue|baseless|groundless|unfounded|fabricated|lies|fake)\b"
    r"|\bno\s+truth\b|\bnever\s+happened\b|\bfake\s+news\b"
    r"|\b(?:baseless|groundless|unfounded|fabricated|untrue|nonsense)\b", re.I)
_CLOSING_SINGLE = re.compile(r"’(?![A-Za-z])")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:,\s*[\w ]{1,20})?\s*(?:\([^)]{1,40}\))?"
                       r"\s*[-—–]\s+")
_OBJECT_WORDS = {"reporters", "journalists", "the", "a", "an", "him", "her", "them", "us",
                 "me", "parliament", "lawmakers", "supporters", "officials", "press",
                 "media", "newspaper", "agency", "television", "tv", "radio", "daily",
                 "channel", "website", "in", "on", "thursday", "friday", "monday",
                 "tuesday", "wednesday", "saturday", "sunday", "interview", "with",
                 "to", "last", "this", "week", "earlier", "later", "also"}
#: What follows "X said" when it is where or when it was said, not what:
#: "…, the minister said in a statement after the verdict."
_TAIL_AFTER_VERB = re.compile(r"^\s*(?:in|on|at|after|before|during|via|through|from|with|"
                              r"while|when|late|earlier|last|this|to|by|outside|inside)\b",
                              re.I)
#: Verbs whose object is the statement itself ("reported X", "said X").
_REPORT_VERBS = {"said", "says", "say", "told", "tells", "reported", "revealed", "reveals",
                 "added", "adds", "stated", "wrote", "writes", "announced", "announces",
                 "confirmed", "confirms", "disclosed", "declared", "tweeted", "claimed",
                 "insisted", "argued", "explained", "noted", "stressed", "repeated",
                 "reiterated", "indicated", "acknowledged", "admitted", "contends",
                 "contended", "maintained", "maintains", "believe", "believes", "alleged",
                 "alleges", "suggested", "warned", "warns", "saying", "stating"}


#: Verbs that introduce a quotation after a colon ("X reflected on …:", "X shared …:").
_INTRO_VERBS = {"shared", "shares", "referred", "refers", "reflected", "reflects", "recounted",
                "posted", "blogged", "summed", "tweeted", "asked", "asks", "wrote", "writes",
                "quoted", "explained", "explains", "commented", "comments", "observed",
                "responded", "added", "concluded", "argued", "noted", "notes", "described",
                "offered", "published", "put", "puts", "says", "said"}
_ELLIPSES = ("[...]", "[…]", "…", "...")
_QUESTION = re.compile(r"^\W*(?:what|why|how|who|whom|whose|which|where|when|is|are|was|were|do|"
                       r"does|did|can|could|would|should|will|shall|has|have|had|may|might|"
                       r"must)\b", re.I)
#: Words between a subject and its verb that do not count ("He too suggested").
_ADVERBS_BEFORE = {"also", "too", "later", "further", "again", "then", "still", "once",
                   "yesterday", "today", "publicly", "privately", "repeatedly", "previously"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
#: Weak verbs that are speech when a name or a pronoun is their subject.
_RELAXED = {"added", "adds", "noted", "notes", "stressed", "stresses", "wrote", "writes",
            "repeated", "maintained", "maintains", "reports", "reported", "states", "remarked",
            "commented", "observed", "replied", "responded", "recalled", "concluded",
            "hinted", "assured", "clarified", "warned", "warns", "criticised", "criticized",
            "condemned", "condemns", "reflected"}
_REPORT_NOUNS = {"report", "statement", "document", "study", "letter", "release", "article",
                 "post", "filing", "complaint", "record", "survey", "poll", "investigation"}
_SHOW_VERBS = {"show", "shows", "showed", "shown"}
_EVIDENCE = re.compile(
    r"\b(?:data|database|records?|figures|images?|footage|photos|photographs|pictures|"
    r"analysis|results?|tracking|logs|documents?|report|poll|survey|study|maps?|satellite|"
    r"videos?|transcripts?|e-?mails|messages|filings|statistics|numbers|audit|tests?|"
    r"research|evidence|registry|register|manifests?|website|site)\b", re.I)
#: "X makes a double announcement: …", "Smith had one more theory: …".
_COLON_NOUN = re.compile(
    r"\b(?:announcements?|statements?|message|warning|theory|theories|explanation|view|"
    r"verdict|conclusion|answer|reply|response|position|argument|point|words|take|advice|"
    r"account|version|claim|accusation|demand|question)\b[^:;.!?]{0,25}:", re.I)
#: "denounced the conclusions of the summit": a rejection of what others said.
_REJECTED_SAYING = re.compile(r"^\s*(?:the|these|those|such|its|their|his|her)\s+(?:\w+\s+)?"
                              r"(?:conclusions?|claims?|allegations?|accusations?|reports?|"
                              r"statements?|findings|charges|assertions?)\b", re.I)
_DENOUNCE = {"denounce", "denounces", "denounced", "denouncing", "condemn", "condemns",
             "condemned", "condemning", "criticise", "criticised", "criticises", "criticize",
             "criticized", "criticizes"}


@dataclass
class _Cue:
    kind: str  # "verb", "according", "passive", "adverb", "noun", "continuation"
    start: int
    end: int
    word: str
    speaker: int | None = None
    speaker_name: str | None = None
    subject_start: int | None = None
    cut: tuple[int, int] | None = None  # an attribution inside the statement, not title


class ClaimFinder(SpeakerRules):
    def __init__(self, prep: Prepared, entities: list[Entity]) -> None:
        self.prep = prep
        self.view = prep.view
        self.entities = entities
        self.mentions: list[tuple[int, int, int]] = sorted(
            (m.start, m.end, n) for n, e in enumerate(entities) for m in e.mentions
            if not m.generic or e.actor_type in ("aircraft", "vessel"))
        self._starts = [m[0] for m in self.mentions]
        self.claims: list[Claim] = []
        self.last_report: int | None = None
        self.block_speaker: int | None = None  # who "I" / "we" is inside a block quote
        self._sentence_starts = [x.start for x in prep.sentences]

    # ------------------------------------------------------------------ helpers
    def _mentions_in(self, s: int, e: int) -> list[tuple[int, int, int]]:
        k = bisect_left(self._starts, s)
        out = []
        while k < len(self.mentions) and self.mentions[k][0] < e:
            if self.mentions[k][1] <= e:
                out.append(self.mentions[k])
            k += 1
        return out

    def _quotes(self, s: int, e: int) -> list[tuple[int, int]]:
        """(start, end) of quoted text (inside the marks) within the sentence."""
        v = self.view
        out: list[tuple[int, int]] = []
        i = s
        while i < e:
            ch = v[i]
            if ch == "“":
                j = v.find("”", i + 1, e)
                j = e if j < 0 else j
                out.append((i + 1, j))
                i = j + 1
                continue
            if ch == "‘" and (i == s or not v[i - 1].isalnum()):
                # British quotes: ‘...’ closed by a ’ that is not an apostrophe
                m = _CLOSING_SINGLE.search(v, i + 1, e)
                j = m.start() if m else e
                out.append((i + 1, j))
                i = j + 1
                continue
            if ch == '"':
                j = v.find('"', i + 1, e)
                if j < 0:
                    out.append((i + 1, e))
                    break
                out.append((i + 1, j))
                i = j + 1
                continue
            i += 1
        return [(a, b) for a, b in out if b > a]

    @staticmethod
    def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:
        return any(a <= pos < b for a, b in quotes)

    # ------------------------------------------------------------------ run
    def run(self) -> list[Claim]:
        prev_claim_sentence = -10
        quoted: dict[int, tuple[int | None, str | None]] = {}  # block -> who is quoted there
        sentences = self.prep.sentences
        for si, sent in enumerate(sentences):
            if sent.heading:
                continue
            self.block_speaker = None
            if sent.block in quoted:
                found = self._quoted_sentence(si, sent.start, sent.end, quoted[sent.block],
                                              prev_claim_sentence)
            else:
                found = self._clause_claims(si, sent.start, sent.end, prev_claim_sentence)
            intro = self._intro(si, sent.start, sent.end, found)
            if intro is not None:
                for b in self._quote_blocks(sent.block):
                    quoted[b] = intro
                if found and self._bare_intro(found[0]):
                    found = []  # "Writer X said:" says nothing itself
            for claim in found:
                self.claims.append(claim)
                prev_claim_sentence = si
        return self.claims

    # ------------------------------------------------------------------ clauses, quotes
    def _clause_claims(self, si: int, s: int, e: int, prev: int) -> list[Claim]:
        """One claim per clause when a semicolon joins two attributed statements ("Smith
        called it odd; Miller said …"), else one for the sentence."""
        clauses = self._clauses(s, e)
        if len(clauses) > 1:
            parts = [self._sentence(si, a, b, prev) for a, b in clauses]
            found = [c for c in parts if c is not None]
            if len(found) >= 2:
                return found
        claim = self._sentence(si, s, e, prev)
        return [claim] if claim is not None else []

    def _clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        v = self.view
        quotes = self._quotes(s, e)
        out = []
        start = s
        depth = 0
        for i in range(s, e):
            ch = v[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif ch == ";" and depth == 0 and not self._inside(i, quotes):
                out.append((start, i))
                start = i + 1
        out.append((start, e))
        spans = []
        for a, b in out:
            while a < b and v[a].isspace():
                a += 1
            if len(v[a:b].split()) >= 4:
                spans.append((a, b))
        return spans

    def _intro(self, si: int, s: int, e: int,
               found: list[Claim]) -> tuple[int | None, str | None] | None:
        """ "Zeinobia commented:", "X wrote about it in a post entitled "…":": who speaks
        in the paragraphs that follow (a block quote); "quoted from an interview with Y:"
        makes them Y's."""
        v = self.view
        sent = self.prep.sentences[si]
        block = self.prep.blocks[sent.block]
        if not v[s:e].rstrip().endswith(":") or e < block.end - 1:
            return None
        quotes = self._quotes(s, e)
        toks = [t for t in tokens(v, s, e) if not self._inside(t.start, quotes)]
        for t in toks:
            if t.lower in ("quoted", "quoting", "cited", "citing"):
                people = [m for m in self._mentions_in(t.end, e)
                          if self.entities[m[2]].actor_type == "person"]
                if people:
                    return people[0][2], None
        if found and found[0].speaker is not None:
            return found[0].speaker, None
        for k, t in enumerate(toks):
            if t.lower in gz.SPEECH_VERBS or t.lower in _INTRO_VERBS:
                cue = _Cue("verb", t.start, t.end, t.text)
                self._resolve_verb(cue, s, e, toks, k, quotes)
                if cue.speaker is not None:
                    return cue.speaker, None
        if found and found[0].speaker_name:
            return None, found[0].speaker_name
        return None

    def _bare_intro(self, claim: Claim) -> bool:
        words = re.findall(r"\w+", self.view[claim.content_start:claim.content_end])
        return ((claim.content_start, claim.content_end) == (claim.start, claim.end) \
            and len(words) <= 8) or len(words) < 3

    def _quote_blocks(self, intro_block: int) -> list[int]:
        """The paragraphs quoted after an intro: the next one, and those after it that
        continue the quote (Markdown "> " lines, "[...]" joins, a short first line)."""
        blocks = self.prep.blocks
        text = self.prep.text
        out: list[int] = []
        prev = ""
        b = intro_block + 1
        while b < len(blocks) and len(out) < 8:
            blk = blocks[b]
            raw = text[blk.start:blk.end].strip()
            if blk.kind == "boilerplate":
                if (out and raw.startswith(">")) or not raw.strip("> "):
                    b += 1
                    continue  # an empty "> " line inside a Markdown quote
                break
            if out:
                md = raw.startswith(">") and prev.startswith(">")
                # "[...]" ends an excerpt; an unbracketed "..." trails into the next one
                joined = raw.lstrip("> ").startswith(_ELLIPSES) or (
                    prev.endswith(("…", "...")) and not prev.endswith(("[...]", "[…]")))
                # a short line right after the first quoted one ("Business as usual.")
                short = len(out) == 1 and (len(prev.split()) <= 12 or len(raw.split()) <= 10)
                if not (md or joined or short or self._resumes(b)) or blk.kind == "heading":
                    break
            if raw.endswith(":") and out:
                break
            out.append(b)
            prev = raw
            b += 1
        return out

    def _resumes(self, b: int) -> bool:
        """A quote that goes on after one or two paragraphs without a "[...]" mark: a later
        paragraph (before any new attribution) opens with "[...]"."""
        blocks, text = self.prep.blocks, self.prep.text
        for k in range(b, min(b + 3, len(blocks))):
            raw = text[blocks[k].start:blocks[k].end].strip()
            if raw.endswith(":") or blocks[k].kind != "body":
                return False
            if k > b and raw.lstrip("> ").startswith(_ELLIPSES):
                return True
        return False

    def _quoted_sentence(self, si: int, s: int, e: int, who: tuple[int | None, str | None],
                         prev: int) -> list[Claim]:
        """A sentence of a block quote: the quoted actor's statement, unless the sentence
        attributes it to someone else ("Two days later, the ministry announced …")."""
        v = self.view
        a, b = s, e
        m = re.match(r"\s*(?:\[(?:\.\.\.|…)\]|…|\.\.\.)\s*", v[a:b])
        if m:
            a += m.end()
        m = re.search(r"\s*(?:\[(?:\.\.\.|…)\]|…|\.\.\.)\s*$", v[a:b])
        if m:
            b = a + m.start()
        text = v[a:b].strip()
        if len(text.split()) < 5 or (text.endswith("?") and (
                len(text.split()) < 8 or _QUESTION.match(text))):
            return []  # a question asks, it does not state
        speaker, name = who
        self.block_speaker = speaker
        own = self._sentence(si, s, e, prev)
        self.block_speaker = None
        if own is not None and own.speaker is not None and own.speaker != speaker \
                and own.cue != "continuation":
            return [own]
        quotes = self._quotes(s, e)
        return [self._make(si, s, e, a, b, speaker, name, own.stance if own else "asserts",
                           "block quote", quotes)]

    def _sentence(self, si: int, s: int, e: int, prev_claim: int) -> Claim | None:
        v = self.view
        quotes = self._quotes(s, e)
        toks = [t for t in tokens(v, s, e) if not self._inside(t.start, quotes)]
        cues = self._cues(s, e, toks, quotes)
        quoted_len = sum(b - a for a, b in quotes)
        if not cues:
            # A quotation continuing the previous claim's speaker ("He added: ... ." "...")
            if quotes and quoted_len >= 0.6 * (e - s) and self.claims \
                    and prev_claim >= si - 2 and self.claims[-1].speaker is not None \
                    and v[s:quotes[0][0]].strip() in ('"', "“", "‘"):
                last = self.claims[-1]
                a, b = quotes[0][0], quotes[-1][1]
                return self._make(si, s, e, a, b, last.speaker, None, "asserts",
                                  "continuation", quotes)
            return None
        # what data "shows" yields to a named source ("…, according to NIMASA")
        named = sorted((c for c in cues if c.speaker is not None),
                       key=lambda c: (c.word.lower() in _SHOW_VERBS, c.start))
        cue = named[0] if named else cues[0]
        stance = "denies" if cue.word.lower() in gz.DENIAL_VERBS or (
            cue.word.lower() in _DENOUNCE and _REJECTED_SAYING.match(v[cue.end:e])) \
            else "asserts"
        cs, ce = self._content(s, e, cue, toks, quotes)
        if stance == "asserts" and _DENIAL_CONTENT.search(v[cs:ce]):
            stance = "denies"
        claim = self._make(si, s, e, cs, ce, cue.speaker, cue.speaker_name, stance,
                           cue.word, quotes, cue.cut)
        if stance == "denies":
            after = v[cue.end:e]
            claim.anaphoric = bool(_ANAPHORIC_OBJECT.match(after.strip())) \
                or (bool(_DENIAL_CONTENT.search(v[cs:ce])) and not quotes[1:])
        if cue.speaker is not None and re.search(r"\breports?\b", v[cue.start:cue.end + 80]
                                                 if cue.kind == "according" else ""):
            self.last_report = cue.speaker
        if cue.speaker is not None and self.entities[cue.speaker].actor_type == \
                "organisation" and cue.kind in ("according", "verb"):
            self.last_report = cue.speaker
        return claim

    def _make(self, si: int, s: int, e: int, cs: int, ce: int, speaker: int | None,
              speaker_name: str | None, stance: str, cue: str,
              quotes: list[tuple[int, int]], cut: tuple[int, int] | None = None) -> Claim:
        v = self.view
        if cs == s:
            # "GENEVA (Reuters) - ...", "ADEN, 14 May — ...": the dateline is no statement
            m = _DATELINE.match(v, s, e)
            if m:
                cs = m.end()
        while ce > cs and (v[ce - 1] in " ,.;:" or v[ce - 1].isspace()):
            ce -= 1
        while cs < ce and (v[cs] in " ,;:" or v[cs].isspace()):
            cs += 1
        clause = bool(re.search(r"(?:\bthat|[:“\"])\s*$", v[s:cs]))
        if ce - cs < 12 or (len(v[cs:ce].split()) < (3 if clause else 4) and (cs, ce) != (s, e) \
                and not any(a <= cs and ce <= b + 1 for a, b in quotes)):
            cs, ce = s, e
        subjects: list[int] = []
        for _ms, _me, n in self._mentions_in(cs, ce):
            if n != speaker and n not in subjects:
                subjects.append(n)
        title = None
        if cut is not None and cs <= cut[0] < cut[1] <= ce:
            title = " ".join((v[cs:cut[0]] + " " + v[cut[1]:ce]).split())
        return Claim(s, e, cs, ce, speaker, speaker_name if speaker is None else None,
                     stance, subjects, cue, sentence=si, title=title)

    # ------------------------------------------------------------------ cues
    def _cues(self, s: int, e: int, toks: list[Token], quotes: list[tuple[int, int]]) -> list[_Cue]:
        v = self.view
        out: list[_Cue] = []
        lows = [t.lower for t in toks]
        for k, t in enumerate(toks):
            w = t.lower
            if w not in gz.SPEECH_VERBS:
                continue
            nxt = lows[k + 1:k + 12]
            after = v[t.end:min(e, t.end + 60)]
            prev2 = [x for x in lows[max(0, k - 5):k] if x not in _ADVERBS_BEFORE][-2:]
            prev = prev2[-1:]
            named = bool(prev) and (prev[0] in _SUBJECT_PRONOUNS or (
                toks[k - 1].cap and toks[k - 1].lower not in _ADVERBS_BEFORE
                and not gz.is_common(toks[k - 1].text)) or prev[0] in _REPORT_NOUNS or (
                len(prev2) == 2 and prev2[0] in ("the", "this", "that") and (
                    prev[0] in gz.ORG_NOUNS or prev[0] in gz.PERSON_NOUNS)))
            if w in gz.WEAK_SPEECH and not self._weak_ok(w, nxt, after, named,
                                                          v[s:t.start]):
                continue
            if w in ("claims", "reports", "states", "charges", "calls", "notes", "quotes",
                     "cites") and not (k > 0 and (toks[k - 1].cap or lows[k - 1] in
                                                   ("he", "she", "it", "they", "who",
                                                    "which", "also") or lows[k - 1] in
                                                   _REPORT_NOUNS)):
                continue  # "media reports that ...": a noun, handled below
            if w in ("alleged", "reported", "claimed", "said", "accused", "stated",
                     "disputed", "rejected", "denied", "suggested") and k > 0 \
                    and lows[k - 1] in ("his", "her", "its", "their", "the", "a", "an",
                                        "this", "that", "these", "those", "our", "my"):
                continue  # "his alleged war": an adjective
            if _PARTICIPLE.search(w) and w != "according" and not re.search(
                    r"(?:,|\b(?:by|when|while|after|before|in|without|also))\s*$|"
                    r"\bwith\s+(?:\S+\s+){1,5}$",
                    v[max(s, t.start - 60):t.start]):
                # "a newspaper asserting that": speech of that noun, unnamed
                if "that" in nxt[:2] or after.lstrip()[:1] in ('"', "“"):
                    name = _np_text(" ".join(v[max(s, t.start - 60):t.start].split()[-4:]))
                    out.append(_Cue("noun", t.start, t.end, "that", speaker_name=name))
                continue
            if w in ("report", "claim", "state", "call", "charge", "note", "add", "ask",
                     "say", "tell") and k > 0 and lows[k - 1] in ("a", "the", "this", "that",
                                                                   "its", "his", "her"):
                continue
            if _PASSIVE.search(v[max(s, t.start - 20):t.end + 4]) and w in (
                    "said", "reported", "alleged", "believed", "claimed", "accused"):
                continue  # "was said to": handled as a passive report
            cue = _Cue("verb", t.start, t.end, t.text)
            self._resolve_verb(cue, s, e, toks, k, quotes)
            out.append(cue)
        colon = self._colon_cue(s, e, quotes)
        if colon is not None:
            out.append(colon)
        for m in _ACCORDING.finditer(v, s, e):
            if self._inside(m.start(), quotes):
                continue
            cue = _Cue("according", m.start(), m.end(), "according to")
            self._resolve_np(cue, m.end(), e)
            out.append(cue)
        for rx, kind in ((_PASSIVE, "passive"), (_ADVERB, "adverb"), (_NOUN_THAT, "noun")):
            for m in rx.finditer(v, s, e):
                if self._inside(m.start(), quotes):
                    continue
                name = None
                if kind == "noun":
                    before = v[max(s, m.start() - 40):m.start()]
                    if re.search(r"\b(?:who|which|he|she|it|they|also)\s+$", before, re.I):
                        continue  # "who claims that": a verb, handled above
                    pre = re.search(r"((?:[\w’'-]+\s+){0,2})$", before)
                    name = ((pre.group(1) if pre else "") + m.group().split()[0]).strip()
                    name = re.sub(r"^(?:(?:amid|on|of|the|and|based|many|with|are|is|were|"
                                  r"was|there|be|been|to|in)\s+)+", "", name, flags=re.I)
                out.append(_Cue(kind, m.start(), m.end(), m.group().split()[-1] if
                                kind != "noun" else "that", speaker_name=name or
                                ("unnamed reports" if kind != "noun" else None)))
        out.sort(key=lambda c: c.start)
        return out

    def _colon_cue(self, s: int, e: int, quotes: list[tuple[int, int]]) -> _Cue | None:
        """ "Xinhua makes a double announcement: Wang has been removed …": the statement
        after a colon that follows a noun of speech, said by the subject before it."""
        v = self.view
        m = _COLON_NOUN.search(v, s, e)
        if m is None or self._inside(m.end() - 1, quotes):
            return None
        colon = m.end() - 1
        if len(v[s:colon].split()) > 14 or len(v[colon + 1:e].split()) < 4:
            return None
        cue = _Cue("colon", colon, colon + 1, "colon")
        cands = self._candidates(s, m.start())
        if cands:
            cue.speaker = self._pick(cands, nearest=False)
            cue.subject_start = cands[0][0]
            return cue
        subj = self._subject_words(s, m.start())
        first = subj.lower().split()[0] if subj else ""
        if first in ("he", "she", "they", "it"):
            cue.speaker = self._pronoun(first, s, [])
        elif subj:
            cue.speaker = self._descriptor(subj.lower(), s)
            if cue.speaker is None:
                cue.speaker_name = _np_text(subj)
        return cue

    @staticmethod
    def _weak_ok(w: str, nxt: list[str], after: str, named: bool = False,
                 before: str = "") -> bool:
        """Is this verb speech here?  ``named``: a name or a pronoun is its subject."""
        a = after.lstrip()
        if a[:1] in (":", '"', "“", "‘") or a.startswith(", “") or a.startswith(', "'):
            return True
        if w in ("pointed", "points"):
            return nxt[:1] == ["out"]  # "pointed out (that)"
        if w in _SHOW_VERBS:
            # "records show", "the database showed the ship off Jakarta"
            return "that" in nxt[:2] or bool(_EVIDENCE.search(" ".join(before.split()[-12:])))
        if named and (not a or a[:1] in ".!?") and "," in before:
            return True  # "CLAUSE, he added." / "…, Smith noted."
        if named and w in _RELAXED and len(re.findall(r"\w+", after)) >= 3:
            return True  # "He added authorities …", "Smith reports a value of …"
        if w.startswith("call"):
            # "called on X to", "called for", "called the claim ‘baseless’"
            return (bool(nxt) and nxt[0] in ("on", "for", "upon")) or bool(
                re.match(r"\s*(?:\w+\s+){1,4}[“\"‘]", after))
        if w.startswith("describ"):
            return "as" in nxt[:6]
        if w in ("report", "reports", "claims", "states", "charges", "warning", "warns",
                 "stress", "stresses", "suggests", "suggest", "promise", "promises"):
            return bool(nxt) and nxt[0] == "that"
        return "that" in nxt[:10]

    # ------------------------------------------------------------------ content
    def _content(self, s: int, e: int, cue: _Cue, toks: list[Token],
                 quotes: list[tuple[int, int]]) -> tuple[int, int]:
        v = self.view
        if cue.kind in ("passive", "adverb"):
            return s, e
        if cue.kind == "according":
            if v[s:cue.start].strip(" ,") == "" or cue.start - s < 3:
                comma = v.find(",", cue.end, e)
                return (comma + 1, e) if comma >= 0 else (s, e)
            q = self._quote_before(cue.start, quotes, s)
            if q:
                return q
            par = re.match(r"\s*[^,;]{1,80},", v[cue.end:e])
            if v[s:cue.start].rstrip().endswith(",") and par and len(v[s:cue.start].split()) >= 2:
                # "Local authorities, according to X, have noted …": the statement around it
                cue.cut = (v.rfind(",", s, cue.start), cue.end + par.end())
                return s, e
            return s, cue.start
        if cue.kind == "noun":
            m = re.match(r"\s*that\b", v[cue.end:e])
            return (cue.end + m.end() if m else cue.end), e
        if cue.kind == "colon":
            return cue.end, e
        if cue.word.lower() in gz.DENIAL_VERBS:
            start = s
            if cue.speaker is not None:
                for ms, _me, n in self._mentions_in(s, cue.start):
                    if n == cue.speaker:
                        start = ms
                        break
            return start, e
        after = v[cue.end:e]
        if cue.word.lower() in ("pointed", "points"):
            after = re.sub(r"^\s*out\b", lambda x: " " * len(x.group()), after)
        # X said: “Q” / X said that “Q” / X said, “Q” / X told Wikinews “Q”
        m = re.match(r"\s*(?:(?:the\s+|a\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s+|"
                     r"(?:reporters|journalists|the\s+press|us|me)\s+)?"
                     r"(?:[^“\"]{0,80}?\b(?:that|as)\b)?[\s,:]*[“\"]", after) \
            if cue.word.lower() in ("told", "tells", "telling") else \
            re.match(r"\s*(?:[^“\"]{0,80}?\b(?:that|as)\b)?[\s,:]*[“\"]", after)
        if m:
            q = next(((a, b) for a, b in quotes if a >= cue.end and a <= cue.end + m.end() + 1),
                     None)
            if q:
                return q
        # “Q,” X said
        q = self._quote_before(cue.start, quotes, s)
        if q and v[q[1]:cue.start].count(",") <= 2:
            return q
        rest_words = re.findall(r"[\w’'-]+", after)
        tail = bool(_TAIL_AFTER_VERB.match(after)) and not re.search(r"\bthat\b|[:“\"]", after)
        if tail or all(w.lower() in _OBJECT_WORDS or w.lower() in _SKIP for w in rest_words):
            # CLAUSE, X said (on Thursday / to reporters).
            comma = v.rfind(",", s, cue.start)
            if comma > s:
                return s, comma
            return s, e
        that = re.search(r"\bthat\b", after[:80])
        if that and cue.word.lower() not in ("described", "describes", "describe"):
            return cue.end + that.end(), e
        if re.match(r"\s*:", after):
            return cue.end + after.index(":") + 1, e
        if cue.word.lower() in ("told", "tells", "tell"):
            # "told the BBC the men had been paid": the statement after the listener
            m = re.match(r"\s*(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
                         r"|[a-z]+)\s+", after)
            if m:
                return cue.end + m.end(), e
        if cue.word.lower() in _REPORT_VERBS:
            # "Orders will keep us busy for years, X said, and the loan is safe": the
            # statement around the attribution
            if after.startswith(",") and cue.subject_start is not None:
                comma = v.rfind(",", s, cue.subject_start)
                if comma > s and not v[comma + 1:cue.subject_start].strip() \
                        and len(v[s:comma].split()) >= 3 and len(after.split()) >= 3:
                    cue.cut = (comma, cue.end + 1)
                    return s, e
            return cue.end, e
        start = cue.subject_start if cue.subject_start is not None else s
        return start, e

    def _quote_before(self, pos: int, quotes: list[tuple[int, int]], s: int) -> tuple[int, int] | None:
        """ "“Q,” X said": the quotation before the attribution.  A sentence that opens
        with the quotation allows a long subject ("“Q,” the navy's information head X
        told …"); a quotation inside a clause is only the statement when it is most of it
        (else the whole clause is: "Six were arrested for “rumours”, Xinhua said")."""
        before = [q for q in quotes if q[1] <= pos]
        if not before:
            return None
        q = before[-1]
        first = before[0]
        v = self.view
        opens = v[s:first[0]].strip() in ('"', "“", "‘", "")
        between = v[q[1]:pos].strip().strip(" ,”\"").strip()
        if between and len(v[q[1]:pos].split()) > (25 if opens else 6):
            return None
        if not opens and len(v[s:first[0]].split()) > 3:
            return None  # "Six were arrested for “spreading rumours”, Xinhua said"
        return first[0], q[1]


def find_claims(prep: Prepared, entities: list[Entity]) -> list[Claim]:
    return ClaimFinder(prep, entities).run()
