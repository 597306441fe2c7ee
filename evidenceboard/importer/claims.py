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
from .actors import Entity
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
_PRONOUNS = {"he": "person", "she": "person", "it": "nonperson", "they": "any",
             "we": "any", "i": "person"}
_SKIP = {"also", "has", "have", "had", "previously", "later", "then", "further", "again",
         "repeatedly", "once", "recently", "first", "itself", "himself", "herself", "still",
         "publicly", "privately", "officially", "separately", "on", "in", "last", "this",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "week", "month", "year", "yesterday", "today", "earlier", "was", "were", "is",
         "forced", "to", "quickly", "strongly", "flatly", "categorically", "would", "will"}
_OBJECT_WORDS = {"reporters", "journalists", "the", "a", "an", "him", "her", "them", "us",
                 "me", "parliament", "lawmakers", "supporters", "officials", "press",
                 "media", "newspaper", "agency", "television", "tv", "radio", "daily",
                 "channel", "website", "in", "on", "thursday", "friday", "monday",
                 "tuesday", "wednesday", "saturday", "sunday", "an", "interview", "with",
                 "to", "last", "this", "week", "earlier", "later", "also"}
_GROUPISH = {"investigators", "officials", "sources", "spokesman", "spokeswoman",
             "spokesperson", "members", "head", "chief", "director", "government", "office",
             "ministry", "authorities", "statement", "representatives", "lawyers", "staff",
             "experts", "analysts", "commander", "leaders", "leadership", "embassy"}
_OWNER_NOUNS = gz.ORG_NOUNS | {"authority", "authorities", "office", "government",
                               "ministry", "spokesman", "spokeswoman", "spokesperson",
                               "statement", "embassy", "foreign", "defence", "defense",
                               "military", "army", "navy", "port", "president", "regime",
                               "leadership", "officials", "customs", "coastguard"}
_PARTICIPLE = re.compile(r"ing$")
#: Verbs whose object is the statement itself ("reported X", "said X").
_REPORT_VERBS = {"said", "says", "say", "told", "tells", "reported", "revealed", "reveals",
                 "added", "adds", "stated", "wrote", "writes", "announced", "announces",
                 "confirmed", "confirms", "disclosed", "declared", "tweeted", "claimed",
                 "insisted", "argued", "explained", "noted", "stressed", "repeated",
                 "reiterated", "indicated", "acknowledged", "admitted", "contends",
                 "contended", "maintained", "maintains", "believe", "believes", "alleged",
                 "alleges", "suggested", "warned", "warns", "saying", "stating"}


@dataclass
class _Cue:
    kind: str  # "verb", "according", "passive", "adverb", "noun", "continuation"
    start: int
    end: int
    word: str
    speaker: int | None = None
    speaker_name: str | None = None
    subject_start: int | None = None


class ClaimFinder:
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
        for si, sent in enumerate(self.prep.sentences):
            if sent.heading:
                continue
            claim = self._sentence(si, sent.start, sent.end, prev_claim_sentence)
            if claim is not None:
                self.claims.append(claim)
                prev_claim_sentence = si
        return self.claims

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
        named = [c for c in cues if c.speaker is not None]
        cue = named[0] if named else cues[0]
        stance = "denies" if cue.word.lower() in gz.DENIAL_VERBS else "asserts"
        cs, ce = self._content(s, e, cue, toks, quotes)
        if stance == "asserts" and _DENIAL_CONTENT.search(v[cs:ce]):
            stance = "denies"
        claim = self._make(si, s, e, cs, ce, cue.speaker, cue.speaker_name, stance,
                           cue.word, quotes)
        if stance == "denies":
            after = v[cue.end:e]
            claim.anaphoric = bool(_ANAPHORIC_OBJECT.match(after.strip())) \
                or bool(_DENIAL_CONTENT.search(v[cs:ce])) and not quotes[1:]
        if cue.speaker is not None and re.search(r"\breports?\b", v[cue.start:cue.end + 80]
                                                 if cue.kind == "according" else ""):
            self.last_report = cue.speaker
        if cue.speaker is not None and self.entities[cue.speaker].actor_type == \
                "organisation" and cue.kind in ("according", "verb"):
            self.last_report = cue.speaker
        return claim

    def _make(self, si: int, s: int, e: int, cs: int, ce: int, speaker: int | None,
              speaker_name: str | None, stance: str, cue: str,
              quotes: list[tuple[int, int]]) -> Claim:
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
        if ce - cs < 12 or len(v[cs:ce].split()) < (3 if clause else 5) and (cs, ce) != (s, e) \
                and not any(a <= cs and ce <= b + 1 for a, b in quotes):
            cs, ce = s, e
        subjects: list[int] = []
        for ms, me, n in self._mentions_in(cs, ce):
            if n != speaker and n not in subjects:
                subjects.append(n)
        return Claim(s, e, cs, ce, speaker, speaker_name if speaker is None else None,
                     stance, subjects, cue, sentence=si)

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
            if w in gz.WEAK_SPEECH and not self._weak_ok(w, nxt, after):
                continue
            if w in ("claims", "reports", "states", "charges", "calls", "notes", "quotes",
                     "cites") and not (k > 0 and (toks[k - 1].cap or lows[k - 1] in
                                                   ("he", "she", "it", "they", "who",
                                                    "which", "also"))):
                continue  # "media reports that ...": a noun, handled below
            if w in ("alleged", "reported", "claimed", "said", "accused", "stated",
                     "disputed", "rejected", "denied", "suggested") and k > 0 \
                    and lows[k - 1] in ("his", "her", "its", "their", "the", "a", "an",
                                        "this", "that", "these", "those", "our", "my"):
                continue  # "his alleged war": an adjective
            if _PARTICIPLE.search(w) and w != "according" and not re.search(
                    r",\s*$", v[max(s, t.start - 3):t.start]):
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
            if k > 0 and lows[k - 1] in ("reportedly", "allegedly") and False:
                continue
            cue = _Cue("verb", t.start, t.end, t.text)
            self._resolve_verb(cue, s, e, toks, k, quotes)
            out.append(cue)
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

    @staticmethod
    def _weak_ok(w: str, nxt: list[str], after: str) -> bool:
        a = after.lstrip()
        if a[:1] in (":", '"', "“", "‘") or a.startswith(", “") or a.startswith(', "'):
            return True
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

    # ------------------------------------------------------------------ speakers
    def _candidates(self, s: int, e: int, *, allow_prep: bool = False,
                    np: bool = False) -> list[tuple[int, int, int]]:
        """Actor mentions between s and e that can be a subject (not "of X", not "X's son")."""
        v = self.view
        out = []
        for ms, me, n in self._mentions_in(s, e):
            ent = self.entities[n]
            if ent.actor_type in ("aircraft", "vessel"):
                continue
            after = v[me:me + 30]
            if re.match(r"[’']s\b", after):
                noun = re.match(r"[’']s\s+(?:\w+\s+)?(\w+)", after)
                if not (noun and noun.group(1).lower() in _OWNER_NOUNS):
                    continue
            if re.match(r"-[a-z]", after):
                continue  # "Libya-based"
            before = v[max(s, ms - 40):ms]
            prev = re.findall(r"[\w’'-]+|[,;:(]", before)
            while prev and prev[-1].lower() in ("the", "a", "an", "its", "his", "her", "their"):
                prev.pop()
            if len(prev) >= 2 and prev[-1].lower() == "and" and prev[-2] in (",", ";"):
                prev = prev[:-1]
            if prev and prev[-1].lower() in ("of", "by", "with", "to", "in", "from",
                                             "against", "on", "about", "at", "for",
                                             "between", "than", "into", "over", "like",
                                             "including", "near", "under", "and"):
                if np and prev[-1].lower() in ("by", "from", "in", "of"):
                    out.append((ms, me, n))
                    continue
                if not allow_prep:
                    continue
                if prev[-1].lower() in ("and", "with", "to", "against", "than", "into",
                                        "over", "like", "near", "under"):
                    continue
                if len(prev) < 2 or prev[-2].lower() not in _GROUPISH:
                    continue
            out.append((ms, me, n))
        return out

    def _pick(self, cands: list[tuple[int, int, int]], *, nearest: bool) -> int | None:
        if not cands:
            return None
        people = [c for c in cands if self.entities[c[2]].actor_type == "person"]
        # a capital as the subject ("Tehran rejected") speaks for its government; other
        # places only when nothing else is there
        others = [c for c in cands if self.entities[c[2]].actor_type != "place"]
        pool = people or others or cands
        return (pool[-1] if nearest else pool[0])[2]

    def _resolve_verb(self, cue: _Cue, s: int, e: int, toks: list[Token], k: int,
                      quotes: list[tuple[int, int]]) -> None:
        v = self.view
        t = toks[k]
        before = v[s:t.start]
        # inverted: “...,” said X / ," said X
        if re.search(r"[,.!?]?\s*[”\"’]\s*,?\s*$", before):
            after_end = min(e, t.end + 120)
            stop = re.search(r"[,.;(]", v[t.end:after_end])
            region_end = t.end + stop.start() if stop else after_end
            cands = self._candidates(t.end, region_end)
            if cands:
                cue.speaker = self._pick(cands, nearest=False)
                return
        # the subject region: from the clause start to the verb
        region_start = s
        for a, b in quotes:
            if b < t.start:
                region_start = max(region_start, b + 1)
        colon = before.rfind(":")
        if colon >= 0 and not self._inside(s + colon, quotes):
            region_start = max(region_start, s + colon + 1)
        region = v[region_start:t.start]
        rel = re.search(r",\s*(?:who|which)\s+(?:\w+\s+){0,3}$", region)
        participle = bool(_PARTICIPLE.search(t.lower)) and t.lower not in ("according",)
        if rel:
            # ", who accused ...": the noun phrase just before the comma
            ante_end = region_start + rel.start()
            prev_comma = v.rfind(",", region_start, ante_end)
            ante_start = prev_comma + 1 if prev_comma >= 0 else region_start
            chunk = v[ante_start:ante_end]
            cut = None
            for m in re.finditer(r"\b(?:by|from|than|with|against|as|at|is|are|was|were)\s",
                                 chunk):
                cut = m.end()
            if cut is not None:
                ante_start += cut
            cands = [c for c in self._candidates(ante_start, ante_end, allow_prep=True)]
            if not cands and prev_comma >= 0 and re.match(r"\s*(?:the|a|an)\s", chunk):
                # ", the tanker's operator, which has said": the name before the appositive
                before_comma = v.rfind(",", region_start, prev_comma)
                back = before_comma + 1 if before_comma >= 0 else region_start
                cands = self._candidates(back, prev_comma, allow_prep=False)
                if cands:
                    ante_start = back
            cue.speaker = self._pick(cands, nearest=False)
            if cue.speaker is None:
                cue.speaker_name = _np_text(v[ante_start:ante_end])
            else:
                cue.subject_start = ante_start
            return
        region_clean = _drop_parentheticals(v, region_start, t.start)
        cands = [c for c in self._candidates(region_start, t.start)
                 if not any(a <= c[0] < b for a, b in region_clean)]
        if participle:
            # "..., saying that": the main clause's subject
            cue.speaker = self._pick(cands, nearest=False)
        else:
            local = self._local_subject(region_start, t.start, cands)
            cue.speaker = local
        if cue.speaker is not None:
            cue.subject_start = next(c[0] for c in cands if c[2] == cue.speaker)
            return
        if not participle:
            # investigators at NIMASA said / the government of Equatorial Guinea denied:
            # only in the clause just before the verb
            clause_start = max(region_start, v.rfind(",", region_start, t.start) + 1)
            pcands = [c for c in self._candidates(clause_start, t.start, allow_prep=True)
                      if not any(a <= c[0] < b for a, b in region_clean)]
            if pcands:
                cue.speaker = self._pick(pcands, nearest=True)
                return
        subj = self._subject_words(region_start, t.start)
        if subj is None:
            return
        low = subj.lower()
        first = low.split()[0] if low.split() else ""
        if first in _PRONOUNS:
            cue.speaker = self._pronoun(first, s, cands)
            if cue.speaker is None:
                cue.speaker_name = None
            return
        cue.speaker = self._descriptor(low, s)
        if cue.speaker is None:
            cue.speaker_name = subj

    def _local_subject(self, region_start: int, verb_start: int,
                       cands: list[tuple[int, int, int]]) -> int | None:
        """The subject just before a finite verb: the nearest candidate in the last clause."""
        if not cands:
            return None
        v = self.view
        last = cands[-1]
        between = v[last[1]:verb_start]
        words = re.findall(r"[A-Za-z’'-]+", between)
        # "X, for its part, denies" / "X has also said" / "X director Y told"
        words = [w for w in words if w.lower() not in _SKIP]
        if len(words) <= 5 or "," in between:
            return self._pick(cands, nearest=True)
        return None

    def _subject_words(self, region_start: int, verb_start: int) -> str | None:
        v = self.view
        chars = list(v[region_start:verb_start])
        for a, b in _drop_parentheticals(v, region_start, verb_start):
            for x in range(a - region_start + 1, b - region_start):
                chars[x] = ""
        region = "".join(chars).rstrip().rstrip(" ,;:").rstrip()
        region = re.split(r"[,;:]\s*(?=[^,;:]*$)", region)[-1]
        words = region.split()
        while words and words[-1].lower().strip(",") in _SKIP:
            words.pop()
        if not words:
            return None
        text = " ".join(words[-8:]).strip(" ,“”\"")
        return text or None

    def _pronoun(self, pronoun: str, sent_start: int,
                 cands: list[tuple[int, int, int]]) -> int | None:
        want = _PRONOUNS[pronoun]

        def fits(n: int) -> bool:
            t = self.entities[n].actor_type
            return want == "any" or (want == "person") == (t == "person")

        for c in reversed(cands):
            if fits(c[2]):
                return c[2]
        sent_index = next((i for i, s in enumerate(self.prep.sentences)
                           if s.start == sent_start), None)
        for claim in reversed(self.claims[-3:]):
            if claim.speaker is not None and sent_index is not None \
                    and claim.sentence >= sent_index - 3 and fits(claim.speaker):
                return claim.speaker
        return None

    def _descriptor(self, subject: str, pos: int) -> int | None:
        """ "the rebel commander", "the navy", "the report": the one actor so described."""
        words = re.findall(r"[a-z’'-]+", subject)
        if not words or words[0] not in ("the", "this", "that"):
            return None
        head = words[-1]
        if head in ("report", "newspaper", "daily", "agency", "channel", "website",
                    "paper", "statement", "outlet"):
            if self.last_report is not None:
                return self.last_report
        hits = []
        for n, ent in enumerate(self.entities):
            if head in ent.descriptors and any(m.start < pos for m in ent.mentions):
                hits.append(n)
        return hits[0] if len(hits) == 1 else None

    def _resolve_np(self, cue: _Cue, start: int, e: int) -> None:
        v = self.view
        stop = re.search(r"[,;.]\s|[,;]|\.$", v[start:e])
        end = start + stop.start() if stop else e
        cands = self._candidates(start, end, allow_prep=True, np=True)
        cands = [c for c in cands if not re.match(r"[’']s\s+[A-Z]", v[c[1]:c[1] + 5])]
        cue.speaker = self._pick(cands, nearest=True) if cands else None
        if cue.speaker is None:
            words = v[start:end].split()
            low = " ".join(words).lower()
            desc = self._descriptor("the " + (words[-1].lower() if words else ""), start) \
                if re.match(r"(?:the|this)\s", low) else None
            cue.speaker = desc
            if desc is None:
                cue.speaker_name = _np_text(v[start:end])

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
            return s, cue.start
        if cue.kind == "noun":
            m = re.match(r"\s*that\b", v[cue.end:e])
            return (cue.end + m.end() if m else cue.end), e
        if cue.word.lower() in gz.DENIAL_VERBS:
            start = s
            if cue.speaker is not None:
                for ms, me, n in self._mentions_in(s, cue.start):
                    if n == cue.speaker:
                        start = ms
                        break
            return start, e
        after = v[cue.end:e]
        # X said: “Q” / X said that “Q” / X said, “Q”
        m = re.match(r"\s*(?:[^“\"]{0,80}?\b(?:that|as)\b)?[\s,:]*[“\"]", after)
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
        if all(w.lower() in _OBJECT_WORDS or w.lower() in _SKIP for w in rest_words):
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
            return cue.end, e
        start = cue.subject_start if cue.subject_start is not None else s
        return start, e

    def _quote_before(self, pos: int, quotes: list[tuple[int, int]], s: int) -> tuple[int, int] | None:
        before = [q for q in quotes if q[1] <= pos]
        if not before:
            return None
        q = before[-1]
        if self.view[q[1]:pos].strip().strip(" ,”\"").strip() and \
                len(self.view[q[1]:pos].split()) > 6:
            return None
        first = before[0]
        return first[0], q[1]


def _np_text(text: str) -> str | None:
    words = text.strip().strip(" ,.;:").split()
    if not words:
        return None
    out = " ".join(words[:10])
    return out or None


def _drop_parentheticals(v: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of ", citing ... ," / ", for its part," / ", who ... ," inside [s, e)."""
    out = []
    for m in re.finditer(r",\s*(?:citing|quoting|according|including|who|which|whose|for|in|"
                         r"on|at|with|like|such|the\s+son|the\s+daughter|a\s+|an\s+|the\s+)"
                         r"[^,]*,", v[s:e]):
        out.append((s + m.start(), s + m.end()))
    return out


def find_claims(prep: Prepared, entities: list[Entity]) -> list[Claim]:
    return ClaimFinder(prep, entities).run()
