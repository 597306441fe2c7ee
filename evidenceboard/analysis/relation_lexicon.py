"""The words of relation the claim reader knows: verbs, nouns and roles by lemma, their
families and labels, and the function words that shape a clause.

General English, nothing about particular articles.  A family groups the words that
mean one relation ("supports", "backed", "the support of" -> "back"), so the links of a
pair of actors bundle; :mod:`.relation_words` reads claims with these tables.
"""

from __future__ import annotations

import re

#: A family's label, its gerund (after "denied") and its base form (after "did not").
LABELS: dict[str, tuple[str, str, str]] = {
    "meet": ("met", "meeting", "meet"),
    "visit": ("visited", "visiting", "visit"),
    "back": ("backs", "backing", "back"),
    "supply": ("supplied", "supplying", "supply"),
    "accuse": ("accused", "accusing", "accuse"),
    "attack": ("attacked", "attacking", "attack"),
    "cooperate": ("cooperated with", "cooperating with", "cooperate with"),
    "talk": ("held talks with", "holding talks with", "hold talks with"),
    "contact": ("contacted", "contacting", "contact"),
    "ask": ("asked", "asking", "ask"),
    "seek": ("sought support from", "seeking support from", "seek support from"),
    "pay": ("paid", "paying", "pay"),
    "condemn": ("condemned", "condemning", "condemn"),
    "criticise": ("criticised", "criticising", "criticise"),
    "threaten": ("threatened", "threatening", "threaten"),
    "mediate": ("mediated for", "mediating for", "mediate for"),
    "recognise": ("recognised", "recognising", "recognise"),
    "host": ("hosted", "hosting", "host"),
    "employ": ("employs", "employing", "employ"),
    "lead": ("leads", "leading", "lead"),
    "control": ("controls", "controlling", "control"),
    "oppose": ("opposes", "opposing", "oppose"),
    "join": ("joined", "joining", "join"),
    "train": ("trained", "training", "train"),
    "advise": ("advises", "advising", "advise"),
    "sue": ("sued", "suing", "sue"),
    "arrest": ("arrested", "arresting", "arrest"),
    "investigate": ("investigated", "investigating", "investigate"),
    "sanction": ("sanctioned", "sanctioning", "sanction"),
    "ties": ("has ties to", "having ties to", "have ties to"),
    "deal": ("deal with", "making a deal with", "make a deal with"),
    "ally": ("allied with", "allying with", "ally with"),
    "normalise": ("normalising ties with", "normalising ties with", "normalise ties with"),
    "own": ("owns", "owning", "own"),
    "fund": ("funds", "funding", "fund"),
    "dispute": ("in dispute with", "disputing with", "dispute with"),
    "interview": ("interviewed", "interviewing", "interview"),
}

#: Frames: how a cue finds its parties.
#: "obj" active verb, direct object (and "to"/"on" where given); "sym" symmetric (with);
#: "move" movement (to, in, at, into: the destination is the target); "give" (to, with).
VERBS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("meet",), ("meet", "sym")),
    **dict.fromkeys(("visit", "tour"), ("visit", "move")),
    **dict.fromkeys(("travel", "fly", "arrive", "land", "go", "head", "come", "return", "journey", "sail"), ("visit", "move")),
    **dict.fromkeys(("support", "back", "sponsor", "endorse", "aid", "help", "assist", "protect", "shield", "champion", "favour", "favor", "arm"), ("back", "obj")),
    **dict.fromkeys(("fund", "finance", "bankroll"), ("fund", "obj")),
    **dict.fromkeys(("supply", "provide", "sell", "deliver", "ship", "transfer", "smuggle", "send", "lend", "give"), ("supply", "give")),
    **dict.fromkeys(("accuse", "blame"), ("accuse", "obj")),
    **dict.fromkeys(("leave", "flee"), ("leave", "obj")),
    **dict.fromkeys(("acquire", "buy", "purchase"), ("acquire", "obj")),
    **dict.fromkeys(("replace", "succeed", "oust", "sack", "fire", "dismiss", "appoint", "nominate"), ("replace", "obj")),
    **dict.fromkeys(("boycott", "snub", "shun"), ("boycott", "obj")),
    **dict.fromkeys(("agree",), ("agree", "sym")),
    **dict.fromkeys(("interview",), ("interview", "obj")),
    **dict.fromkeys(("topple", "overthrow", "attack", "bomb", "strike", "target", "shell", "raid", "invade", "kill", "assassinate", "ambush", "defeat", "fight", "hit"), ("attack", "obj")),
    **dict.fromkeys(("coordinate", "cooperate", "collaborate", "partner", "work", "liaise", "team"), ("cooperate", "sym")),
    **dict.fromkeys(("negotiate", "talk", "discuss", "confer"), ("talk", "sym")),
    **dict.fromkeys(("contact", "phone", "telephone", "email"), ("contact", "obj")),
    **dict.fromkeys(("ask", "urge", "appeal", "invite", "implore", "beg", "call"), ("ask", "obj")),
    **dict.fromkeys(("pay", "bribe"), ("pay", "obj")),
    **dict.fromkeys(("condemn", "criticise", "criticize", "denounce", "slam", "censure", "rebuke"), ("condemn", "obj")),
    **dict.fromkeys(("sanction", "blacklist", "ban", "expel"), ("sanction", "obj")),
    **dict.fromkeys(("threaten", "warn"), ("threaten", "obj")),
    **dict.fromkeys(("mediate", "broker"), ("mediate", "between")),
    **dict.fromkeys(("recognise", "recognize"), ("recognise", "obj")),
    **dict.fromkeys(("host", "receive", "welcome"), ("host", "obj")),
    **dict.fromkeys(("employ", "hire", "recruit"), ("employ", "obj")),
    **dict.fromkeys(("lead", "head", "command", "chair", "direct", "run"), ("lead", "obj")),
    **dict.fromkeys(("control",), ("control", "obj")),
    **dict.fromkeys(("own",), ("own", "obj")),
    **dict.fromkeys(("oppose",), ("oppose", "obj")),
    **dict.fromkeys(("join",), ("join", "obj")),
    **dict.fromkeys(("train",), ("train", "obj")),
    **dict.fromkeys(("advise",), ("advise", "obj")),
    **dict.fromkeys(("sue",), ("sue", "obj")),
    **dict.fromkeys(("arrest", "detain", "capture"), ("arrest", "obj")),
    **dict.fromkeys(("investigate", "probe"), ("investigate", "obj")),
    **dict.fromkeys(("normalise", "normalize"), ("normalise", "sym")),
    **dict.fromkeys(("ally",), ("ally", "sym")),
}
#: Verbs that need a particle to mean a relation ("work with", "call on", "appeal to").
VERB_NEEDS = {"work": {"with"}, "team": {"with"}, "call": {"on", "upon", "for"},
              "appeal": {"to"}, "go": {"to"}, "agree": {"with"}, "come": {"to"},
              "head": {"to", "for"},
              "return": {"to"}, "partner": {"with"}, "liaise": {"with"}, "confer": {"with"},
              "talk": {"with", "to"}, "hit": set(), "run": set(), "arm": set(),
              "discuss": {"with"}, "send": {"to"}, "give": {"to"}, "lend": {"to"},
              "ally": {"with"}, "land": {"in", "at"}, "arrive": {"in", "at"},
              "coordinate": {"with"}, "cooperate": {"with"}, "collaborate": {"with"}}

#: Nouns of relation.  Frames: "dir" (giver and receiver: "X's support for Y", "the
#: support of X"), "sym" (both parties: "meetings with", "ties between X and Y"),
#: "move" ("a visit to"), "against" ("accusations against"), "at" ("criticism of" or
#: "against").
NOUNS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("support", "backing", "aid", "assistance", "help", "sponsorship", "patronage", "protection"), ("back", "dir")),
    **dict.fromkeys(("funding", "financing"), ("fund", "dir")),
    **dict.fromkeys(("arms", "weapons", "supplies", "shipment"), ("supply", "dir")),
    **dict.fromkeys(("meeting", "summit", "encounter", "rendezvous"), ("meet", "sym")),
    **dict.fromkeys(("talks", "negotiation", "discussion", "call"), ("talk", "sym")),
    **dict.fromkeys(("tie", "relation", "link", "connection", "contact", "dealing", "relationship", "channel", "friendship"), ("ties", "sym")),
    **dict.fromkeys(("cooperation", "coordination", "collaboration", "partnership"), ("cooperate", "sym")),
    **dict.fromkeys(("alliance",), ("ally", "sym")),
    **dict.fromkeys(("deal", "agreement", "accord", "pact", "treaty", "memorandum", "memoranda", "contract"), ("deal", "sym")),
    **dict.fromkeys(("dispute", "difference", "rift", "conflict", "tension", "feud", "row", "war", "clash", "standoff", "confrontation", "rivalry", "quarrel"), ("dispute", "sym")),
    **dict.fromkeys(("interview",), ("interview", "sym")),
    **dict.fromkeys(("lawsuit", "suit", "complaint", "case"), ("sue", "against")),
    **dict.fromkeys(("normalisation", "normalization", "rapprochement"), ("normalise", "sym")),
    **dict.fromkeys(("visit", "trip", "tour", "journey", "flight"), ("visit", "move")),
    **dict.fromkeys(("accusation", "allegation", "charge"), ("accuse", "against")),
    # "X's criticism of Y": "of" names whom it is aimed at, not who gives it
    **dict.fromkeys(("criticism",), ("criticise", "at")),
    **dict.fromkeys(("condemnation", "denunciation", "censure"), ("condemn", "at")),
    **dict.fromkeys(("attack", "airstrike", "strike", "raid", "bombing", "invasion", "offensive"), ("attack", "dir")),
}

#: Roles: "X, the son of Y", "Y's aide, X", "X is an ally of Y".  The label is the
#: claim's own role word with its preposition.
ROLES: dict[str, str] = {
    **dict.fromkeys(("son", "daughter", "father", "mother", "brother", "sister", "wife", "husband", "nephew", "niece", "cousin", "uncle", "grandson", "head", "chief", "leader", "commander", "director", "founder", "member", "president", "minister", "chairman", "chairwoman", "owner", "officer", "agent", "ally", "partner", "friend", "enemy", "rival", "foe", "opponent", "critic", "client", "proxy", "affiliate", "subsidiary", "secretary", "governor", "mayor", "ceo", "employee", "boss", "king", "emir", "prince", "ruler", "spy", "operative", "informant", "commissioner", "official", "chancellor", "premier", "spokesman", "secretary-general", "editor", "journalist", "correspondent"), "of"),
    **dict.fromkeys(("aide", "adviser", "advisor", "assistant", "envoy", "ambassador", "deputy", "representative", "lawyer", "bodyguard", "successor", "counterpart", "emissary"), "to"),
    **dict.fromkeys(("spokeswoman", "spokesperson", "negotiator"), "for"),
    # the role that is a relation of another family: a supporter backs
    **dict.fromkeys(("supporter", "backer", "patron", "sponsor", "financier"), "back"),
}
#: Roles whose owner's possessive still reads "to": "Haftar's aide" is an aide to Haftar
#: (but "Israel's envoy" is an envoy *of* Israel).
TO_OWNER = {"aide", "adviser", "advisor", "assistant", "deputy", "successor", "bodyguard",
             "lawyer", "counterpart"}
#: Words before a role that belong to it ("prime minister", "deputy head").
ROLE_WORDS = {"prime", "foreign", "defence", "defense", "interior", "finance", "deputy",
              "vice", "chief", "former", "ex", "top", "senior", "main", "close", "sworn",
              "key", "staunch", "strong", "closest", "trusted", "military", "security",
              "intelligence", "special", "general", "executive", "acting", "interim",
              "longtime", "long-time", "late", "powerful", "influential", "new"}
#: Roles a relation of "back" reads in its own words only when nothing else does.
BACK_ROLE_LABEL = "backs"

PREPOSITIONS = {"of", "to", "with", "in", "at", "on", "from", "by", "for", "into", "inside",
                "near", "within", "across", "over", "via", "through", "during", "between",
                "among", "against", "toward", "towards", "onto", "upon", "outside",
                "around", "throughout", "about", "after", "before", "under", "amid", "aboard",
                "onboard", "behind", "beside", "despite", "without", "like"}
#: Where something happened: actors after these are places, not parties.
LOCATIVE = {"in", "at", "inside", "near", "within", "across", "over", "via", "through",
            "from", "outside", "around", "throughout", "during", "under", "amid", "onto",
            "after", "before", "about", "toward", "towards", "on", "aboard", "onboard",
            "behind", "beside", "despite", "without"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
CLAUSE_WORDS = {"who", "which", "whom", "whose", "where", "when", "while", "because",
                 "although", "though", "whereas", "since", "but", "if", "unless",
                 "so", "until", "then"}
AUX = {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
        "having", "will", "would", "shall", "should", "can", "could", "may", "might",
        "must", "do", "does", "did", "also", "reportedly", "allegedly", "already", "now",
        "recently", "still", "even", "once", "previously", "ostensibly", "purportedly",
        "secretly", "publicly", "openly", "covertly", "repeatedly", "later", "then",
        "just", "never", "not", "n't", "said", "to", "further", "both", "all"}
BE = {"is", "are", "was", "were", "be", "been", "being", "am", "become", "became",
       "becomes", "remain", "remains", "remained", "'s", "’s"}
NEGATORS = {"not", "never", "n't", "no"}
DENIALS = {"deny", "denied", "denies", "denying", "reject", "rejected", "rejects",
            "rejecting", "dismiss", "dismissed", "dismisses", "refute", "refuted",
            "refutes", "disputed", "disputes"}
INTENT = {"plan", "planned", "plans", "planning", "want", "wanted", "wants", "seek",
           "sought", "seeks", "try", "tried", "tries", "hope", "hoped", "hopes",
           "intend", "intended", "intends", "agree", "agreed", "agrees", "offer",
           "offered", "offers", "refuse", "refused", "refuses", "fail", "failed",
           "fails", "expect", "expected", "expects", "aim", "aimed", "aims", "prepare",
           "prepared", "prepares", "attempt", "attempted", "attempts", "decide",
           "decided", "decides"}
LIGHT_RECEIVE = {"enjoy", "receive", "get", "win", "secure", "gain", "obtain", "lose",
                  "have", "command"}
LIGHT_SEEK = {"seek", "request", "ask", "want", "need", "solicit", "beg", "demand",
               "call", "plead", "appeal", "hope"}
LIGHT_VERBS = LIGHT_RECEIVE | LIGHT_SEEK | {
    "hold", "establish", "strengthen", "build", "maintain", "forge", "deepen", "give",
    "provide", "offer", "lend", "extend", "pledge", "sign", "strike", "reach", "conclude",
    "make", "pay", "conduct", "launch", "carry", "cut", "sever", "break", "resume",
    "develop", "enjoy", "file", "bring", "lodge", "level", "press", "issue", "raise",
    "attend", "arrange", "organise", "organize"}
#: Light verbs that end what their noun names ("cut ties with", "suspended its support").
ENDING = {"cut", "sever", "break", "end", "suspend", "freeze", "halt", "stop", "withdraw",
          "terminate", "scrap", "cancel", "abandon", "downgrade", "drop", "pull"}
LIGHT_VERBS |= ENDING
#: "a number of X's aides", "forces of X": what they do, X does (not "the son of X").
GROUP_NOUNS = {"number", "group", "groups", "delegation", "team", "members", "some", "many",
               "one", "two", "three", "few", "most", "all", "several", "dozens", "hundreds",
               "thousands", "representatives", "officials", "forces", "troops", "men",
               "fighters", "agents", "units", "militias", "aides", "associates", "staff",
               "envoys", "officers", "soldiers", "operatives", "employees", "executives"}
#: Nouns a possessive or modifying actor stands for when they are a target ("attacked
#: X's forces", "met Norland officials", "condemned the Vesta government": X, Norland,
#: Vesta); any other noun is a thing or person of its own ("X's son", "the Vesta
#: embassy", "Y's interests"), named in the label ("met son of").
STANDS_FOR = GROUP_NOUNS | {
    "government", "governments", "authorities", "authority", "army", "armies", "military",
    "navy", "police", "regime", "administration", "leadership", "cabinet", "state",
    "positions", "position", "side", "camp", "people", "warships", "warplanes", "jets",
    "planes", "ships", "vessels", "tanks", "drones", "militia", "bases", "base",
    "territory", "soil", "airspace", "waters", "lines", "units", "allies", "supporters",
    "backers", "followers", "loyalists", "partisans", "ranks", "board", "management",
    # what the actor is ("the Kestrel holding company", "the Norland spy agency")
    "agency", "company", "firm", "corporation", "conglomerate", "holding", "group",
    "organisation", "organization", "party", "movement", "network", "outfit", "bank",
    "service", "services", "brigade", "battalion", "council", "committee", "coalition",
    "union", "foundation", "institute", "family", "clan", "tribe", "newspaper",
    "daily", "broadcaster", "channel", "outlet", "club", "team", "force", "ministry",
    "jet", "aircraft", "plane", "airliner", "helicopter", "drone", "vessel", "ship",
    "tanker", "freighter", "boat", "yacht", "frigate", "carrier", "cargo"}
#: Families for which doing it to X's act is doing it to X ("condemned X's decision").
#: What a state's demonym before it makes an organ of that state ("the Norlandish spy
#: agency Kite", "Vestan army units"): its acts are the state's, even when it is named.
STATE_ORGANS = {"government", "army", "military", "navy", "police", "agency", "ministry",
                "service", "services", "intelligence", "forces", "force", "officials",
                "authorities", "regime", "administration", "delegation"}
#: Verbs that end a gerund's doing: "stopped backing X" is no backing now.
STOPPING = {"stop", "stopped", "stops", "cease", "ceased", "ceases", "quit", "quits",
            "halt", "halted", "halts", "end", "ended", "ends", "suspend", "suspended",
            "suspends", "abandon", "abandoned", "abandons"}
ACT_OF_ACTOR = {"condemn", "criticise", "accuse", "oppose"}
#: Words after a target that say when or how, not what: "met X yesterday".
NOT_HEADS = {"yesterday", "today", "tonight", "tomorrow", "week", "month", "year", "day",
             "night", "morning", "evening", "afternoon", "weekend", "last", "this", "next",
             "again", "twice", "once", "earlier", "later", "himself", "herself", "itself",
             "themselves", "alone", "too", "instead", "first", "directly", "personally",
             "only", "either", "each", "own", "days", "weeks", "months", "years", "hours",
             "minutes", "decades", "ago"}
LISTING = {"including", "like", "notably", "especially", "namely", "particularly"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
                "this", "that", "these", "those", "any", "some", "no", "such", "every",
                "each", "another", "other", "more", "most", "further", "new", "first"}
PRONOUN_SUBJECTS = {"he", "she", "they", "it", "we", "i", "you"}
DEMONYM_END = re.compile(r"(?:an|i|ese|ish|ic|ch)$")

TOKEN = re.compile(r"[^\W_]+(?:[-’'.][^\W_]+)*|n[’']t|[^\w\s]", re.U)



#: Verbs that state, think or seem: saying something about someone is no relation to
#: them (the claim's speaker is linked to the claim already).
NOT_RELATIONS = {
    "say", "tell", "report", "state", "claim", "add", "note", "explain", "believe",
    "think", "describe", "write", "reveal", "announce", "confirm", "deny", "allege",
    "suggest", "argue", "insist", "stress", "warn", "indicate", "mention", "quote",
    "cite", "publish", "seem", "appear", "become", "remain", "expect", "know", "show",
    "name", "call", "refer", "comment", "reply", "respond", "ask", "accord", "base",
    "include", "involve", "concern", "regard", "relate", "follow", "list", "reflect",
    "consider", "use", "make", "take", "get", "give", "let", "put", "see", "find",
    "want", "need", "try", "begin", "start", "continue", "happen", "occur", "exist",
    "contend", "conclude", "deem", "declare", "reiterate", "emphasise",
    "emphasize", "understand", "learn", "hear", "feel", "hope", "wonder", "speak",
    "date", "move", "locate", "lie",
}

#: Verbs of saying: a name right before one is who speaks ("..., X said").
SAYING = {"say", "tell", "add", "state", "claim", "note", "explain", "write", "insist",
          "announce", "confirm", "deny", "report", "argue", "stress", "reply", "respond",
          "comment", "tweet", "allege", "suggest", "warn", "recall", "admit"}
