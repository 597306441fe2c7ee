"""Who speaks in a sentence: the subject of a speech verb (or the name after it in
"“...,” said X"), the antecedent of ", who said", the actor after "according to"; a
pronoun or a description ("he", "the ministry", "the report") for the actor it stands for.
A mixin of :class:`.claims.ClaimFinder`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from . import gazetteer as gz
from .mentions import Entity
from .text import Prepared, Token

if TYPE_CHECKING:
    from .claims import Claim, _Cue

_PRONOUNS = {"he": "person", "she": "person", "it": "nonperson", "they": "any",
             "we": "any", "i": "person"}
_SKIP = {"also", "has", "have", "had", "previously", "later", "then", "further", "again",
         "repeatedly", "once", "recently", "first", "itself", "himself", "herself", "still",
         "publicly", "privately", "officially", "separately", "on", "in", "last", "this",
         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "week", "month", "year", "yesterday", "today", "earlier", "was", "were", "is",
         "forced", "to", "quickly", "strongly", "flatly", "categorically", "would", "will"}
_GROUPISH = {"investigators", "officials", "sources", "spokesman", "spokeswoman",
             "spokesperson", "members", "head", "chief", "director", "government", "office",
             "ministry", "authorities", "statement", "representatives", "lawyers", "staff",
             "experts", "analysts", "commander", "leaders", "leadership", "embassy"}
_OWNER_NOUNS = gz.ORG_NOUNS | {"authority", "authorities", "office", "government",
                               "ministry", "spokesman", "spokeswoman", "spokesperson",
                               "statement", "embassy", "foreign", "defence", "defense",
                               "military", "army", "navy", "port", "president", "regime",
                               "leadership", "officials", "customs", "coastguard",
                               "database", "data", "records", "website", "result", "results",
                               "figures", "analysis", "tracking", "report", "survey", "poll"}
_PARTICIPLE = re.compile(r"ing$")
#: What a describing noun may stand for: its synonyms among the actors' descriptors.
_DESCRIBED = {
    "ministry": {"ministry"}, "company": {"company", "firm", "operator", "corporation"},
    "firm": {"firm", "company"}, "website": {"website", "site", "blog", "database", "portal"},
    "site": {"site", "website"}, "blog": {"blog", "website"},
    "blogger": {"blogger", "blog", "writer"}, "newspaper": {"newspaper", "daily", "paper"},
    "paper": {"paper", "newspaper", "daily", "post", "times"}, "agency": {"agency"},
    "government": {"government"}, "navy": {"navy"}, "army": {"army"},
}
#: The kind of actor a describing noun names when no actor carries it as a descriptor.
_KIND_OF = {"ministry": "organisation", "company": "organisation", "firm": "organisation",
            "website": "organisation", "site": "organisation", "blog": "organisation",
            "paper": "organisation", "newspaper": "organisation", "agency": "organisation",
            "group": "organisation", "operator": "organisation", "party": "organisation",
            "government": "country", "authorities": "country", "regime": "country",
            "country": "country", "kingdom": "country", "republic": "country",
            "blogger": "person", "businessman": "person", "minister": "person",
            "commissioner": "person", "official": "person", "spokesman": "person"}
#: Describing nouns that stand only for an actor the article itself describes so.
_NAMED_ONLY = {"minister", "commissioner", "official", "spokesman", "businessman"}


class SpeakerRules:
    """Methods of the claim finder that resolve speakers (``self`` is the finder)."""

    prep: Prepared
    view: str
    entities: list[Entity]
    claims: list[Claim]
    last_report: int | None
    block_speaker: int | None
    _sentence_starts: list[int]

    def _mentions_in(self, s: int, e: int) -> list[tuple[int, int, int]]:  # pragma: no cover
        raise NotImplementedError

    @staticmethod
    def _inside(pos: int, quotes: list[tuple[int, int]]) -> bool:  # pragma: no cover
        raise NotImplementedError

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
                owned = re.findall(r"\w+", v[me + 2:me + 50])[:3]
                if not any(w.lower() in _OWNER_NOUNS for w in owned):
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
                                        "over", "like", "near", "under", "on"):
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
        for _a, b in quotes:
            if b < t.start:
                region_start = max(region_start, b + 1)
        colon = before.rfind(":")
        if colon >= 0 and not self._inside(s + colon, quotes):
            region_start = max(region_start, s + colon + 1)
        region = v[region_start:t.start]
        rel = re.search(r"(?:,|\s[-—–])\s*(?:who|which)\s+(?:\w+\s+){0,3}$", region)
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
            cands = list(self._candidates(ante_start, ante_end, allow_prep=True))
            last = [c for c in self._mentions_in(ante_start, ante_end)
                    if not v[c[1]:ante_end].strip()
                    and self.entities[c[2]].actor_type not in ("vessel", "aircraft")]
            noun_before = re.search(r"(\w+)\s+(?:to|for|of|at|in|with)\s+(?:the\s+)?[^,]*$", chunk)
            if last and not (noun_before and (noun_before.group(1).lower() in gz.PERSON_NOUNS
                                              or noun_before.group(1).lower() in _GROUPISH)):
                cands = last  # "… spoke to the Navy, who told it …": the name before ", who"
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
        with_np = re.search(r"\bwith\s+((?:\S+\s+){1,5})$", v[region_start:t.start])
        if participle and with_np:
            # "…, with industry publications reporting …": the "with" phrase speaks
            np_start = t.start - len(with_np.group(1))
            cands = [c for c in cands if c[0] >= np_start]
            cue.speaker = self._pick(cands, nearest=True)
            if cue.speaker is None:
                cue.speaker_name = _np_text(with_np.group(1))
            return
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
            cue.speaker_name = _np_text(subj)

    def _local_subject(self, region_start: int, verb_start: int,
                       cands: list[tuple[int, int, int]]) -> int | None:
        """The subject just before a finite verb: the nearest candidate in the last clause."""
        if not cands:
            return None
        v = self.view
        # "Marine Traffic's AIS tracking database shows": "AIS" only modifies a noun
        heads = [c for c in cands if self.entities[c[2]].actor_type == "country"
                 or not _modifies_noun(v[c[1]:verb_start])]  # "the French … ministry said"
        if heads and len(heads) < len(cands):
            cands = heads
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
        region = re.split(r"[,;:(]\s*(?=[^,;:(]*$)", region)[-1]
        words = region.split()
        while words and words[0].lower() in ("and", "but", "or", "so", "then", "yet"):
            words.pop(0)
        while words and words[-1].lower().strip(",") in _SKIP:
            words.pop()
        if not words:
            return None
        text = " ".join(words[-8:]).strip(" ,“”\"")
        return text or None

    def _pronoun(self, pronoun: str, sent_start: int,
                 cands: list[tuple[int, int, int]]) -> int | None:
        """ "He said: …": the last actor named whose kind fits the pronoun (in the sentence
        before it, else the nearest earlier sentence naming one, its subject first); in a
        block quote "I" / "we" is the one quoted; else the recent claims' speaker."""
        want = _PRONOUNS[pronoun]
        if pronoun in ("i", "we") and self.block_speaker is not None:
            return self.block_speaker

        def fits(n: int) -> bool:
            t = self.entities[n].actor_type
            if t in ("vessel", "aircraft", "place"):
                return want == "nonperson" and t != "place"
            return want == "any" or (want == "person") == (t == "person")

        for c in reversed(cands):
            if fits(c[2]):
                return c[2]
        sent_index = self._sentence_index(sent_start)
        if pronoun == "it" and self.claims and sent_index is not None \
                and self.claims[-1].sentence >= sent_index - 1:
            return self.claims[-1].speaker  # "…, according to a statement. …, it said."
        if sent_index is not None and pronoun in ("he", "she"):
            for back in range(sent_index - 1, max(-1, sent_index - 3), -1):
                prev = self.prep.sentences[back]
                if prev.heading:
                    continue
                named = [c for c in self._candidates(prev.start, prev.end) if fits(c[2])]
                if named:
                    return named[0][2]
        for claim in reversed(self.claims[-3:]):
            if claim.speaker is not None and sent_index is not None \
                    and claim.sentence >= sent_index - 3 and fits(claim.speaker):
                return claim.speaker
        return None

    def _sentence_index(self, pos: int) -> int | None:
        k = bisect_right(self._sentence_starts, pos) - 1
        return k if k >= 0 else None

    def _described_index(self) -> tuple[dict[str, list[int]], list[list[int]], list[int],
                                        list[int]]:
        """For :meth:`_descriptor`, made once per article: the actors by the words that
        name or describe them, each actor's mention starts (sorted), and all mention
        starts (sorted) with their actor."""
        index = getattr(self, "_described", None)
        if index is None:
            named: dict[str, list[int]] = {}
            starts: list[list[int]] = []
            everyone: list[tuple[int, int]] = []
            for n, ent in enumerate(self.entities):
                for w in set(ent.descriptors) | {w.lower() for w in ent.name.split()}:
                    named.setdefault(w, []).append(n)
                starts.append(sorted(m.start for m in ent.mentions))
                everyone.extend((m.start, n) for m in ent.mentions)
            everyone.sort()
            index = (named, starts, [s for s, _ in everyone], [n for _, n in everyone])
            self._described = index
        return index

    def _descriptor(self, subject: str, pos: int) -> int | None:
        """ "the rebel commander", "the ministry", "the company", "the website", "the
        report": the actor so described that the article named last before ``pos``."""
        words = re.findall(r"[a-z’'-]+", subject)
        if not words or words[0] not in ("the", "this", "that"):
            return None
        head = words[-1]
        if head in ("report", "newspaper", "daily", "agency", "channel", "website",
                    "paper", "statement", "outlet") and self.last_report is not None:
            return self.last_report
        heads = _DESCRIBED.get(head, {head})
        named, starts, mention_starts, mention_of = self._described_index()
        # only actors so named, or (for a kind) mentioned in the 600 characters before:
        # the others cannot win, and looking at every actor made long articles quadratic
        cands = {n for h in heads for n in named.get(h, ())}
        kind = _KIND_OF.get(head)
        if kind and head not in _NAMED_ONLY:
            lo = bisect_right(mention_starts, pos - 600)
            cands.update(mention_of[k] for k in range(lo, bisect_left(mention_starts, pos)))
        best: tuple[tuple[int, int], int] | None = None  # ((named so, last mention), entity)
        for n in sorted(cands):
            ent = self.entities[n]
            k = bisect_left(starts[n], pos)
            last = starts[n][k - 1] if k else None
            if last is None:
                continue
            named_so = bool(heads & ent.descriptors) or bool(
                heads & {w.lower() for w in ent.name.split()})
            kind = _KIND_OF.get(head)
            if not named_so and not (kind and ent.actor_type == kind
                                     and pos - last < 600 and head not in _NAMED_ONLY):
                continue
            score = (1 if named_so else 0, last)
            if best is None or score > best[0]:
                best = (score, n)
        return best[1] if best else None

    def _resolve_np(self, cue: _Cue, start: int, e: int) -> None:
        v = self.view
        stop = re.search(r"[;.]\s|;|\.$|,(?!\s*(?:19|20)\d\d\b)", v[start:e])  # not "May 14, 2019"
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


#: Words after the head of a noun phrase that start what it is not: "a press release
#: issued the following day", "the opposition figure after it denounced what it".
_NP_STOP = {"in", "on", "at", "after", "before", "during", "from", "by", "with", "when",
            "which", "who", "whom", "that", "whose", "issued", "published", "released",
            "posted", "made", "given", "said", "says", "over", "about", "for", "to", "while",
            "where", "because", "since", "as", "than", "if", "it", "he", "she", "they"}
MAX_SPEAKER_WORDS = 6


def _modifies_noun(between: str) -> bool:
    """The words between a name and its verb start with a lowercase noun it modifies."""
    words = re.findall(r"[\w’'-]+|[,;:(]", between)
    if not words or words[0] in ",;:(" or not words[0][0].islower():
        return False
    w = words[0].lower()
    return w not in _SKIP and w not in _OWNER_NOUNS and w not in gz.SPEECH_VERBS \
        and w not in ("and", "or", "who", "which", "that", "also")


def _np_text(text: str) -> str | None:
    """An unnamed speaker as the article words it, no longer than a name phrase."""
    words = text.strip().strip(" ,.;:").split()
    out: list[str] = []
    for i, w in enumerate(words):
        lw = w.lower().strip(",;:()“”\"")
        if i >= 1 and (lw in _NP_STOP or "(" in w):
            break
        out.append(w.strip(",;:"))
        if w.endswith((",", ";", ":")):
            break
    phrase = " ".join(out[:MAX_SPEAKER_WORDS]).strip(" ,“”\"")
    return phrase or None


def _drop_parentheticals(v: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of ", citing ... ," / ", for its part," / ", who ... ," inside [s, e)."""
    out = []
    for m in re.finditer(r",\s*(?:citing|quoting|according|including|who|which|whose|for|in|"
                         r"on|at|with|like|such|the\s+son|the\s+daughter|a\s+|an\s+|the\s+)"
                         r"[^,]*,", v[s:e]):
        out.append((s + m.start(), s + m.end()))
    return out
