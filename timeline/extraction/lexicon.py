"""Every word list the extractor reads, in one place.

These are general facts about how English news reports diplomacy: the words for each kind of
event, the verbs of saying and reporting, the words that push a clause into the background, the
nationality adjectives. Nothing here names a particular article. Each list is a tuple of regular
expression fragments (matched case-insensitively, on word boundaries) unless it says otherwise;
`tests/test_lexicon.py` checks that the lists agree with each other."""

# ---- Kinds of event -------------------------------------------------------------------------
# Verb triggers say that something happened; noun triggers name it ("the talks", "a state visit").
# Most specific kind first: a "video call" is a call before it is anything else.
VERB_TRIGGERS = {
    "call": (
        r"spo(?:ke|ken|eaks?) (?:by|over the|on the) (?:tele)?phone",
        r"(?:tele)?phoned",
        r"held (?:a|their) (?:tele)?(?:phone|video) (?:call|conversation|talks)",
        r"ha(?:d|ve|s|ving) (?:a|their) (?:tele)?(?:phone|video) (?:call|conversation|talks)",
        r"hold (?:a|their) (?:tele)?(?:phone|video) (?:call|conversation|talks)",
    ),
    "agreement": (r"sign(?:ed|s|ing)?", r"ink(?:ed|s)?", r"conclud(?:ed|es)"),
    "visit": (
        r"visit(?:s|ed|ing)?",
        r"pa(?:y|ys|id|ying) (?:a|an|his|her) (?:[\w-]+ ){0,2}visit",
        r"arriv(?:e|es|ed|ing)(?: [\w-]+){0,2}? (?:in|at)",
        r"arriv(?:e|es|ed|ing) (?:here|there)",
        r"(?:has|have) arrived",
        r"landed in",
        r"flew to",
        r"travel(?:s|ed|led|ing)? to",
        r"host(?:s|ed|ing)",
        r"is (?:on a|in) ",
        r"undert(?:ake|akes|ook) a (?:[\w-]+ ){0,2}(?:visit|trip)",
        r"(?:lead|leads|led|leading|head|heads|headed|heading) (?:a|the|his|her) (?:[\w-]+ ){0,2}delegation to",
    ),
    "meeting": (
        r"met",
        r"meet(?:s|ing)?",
        r"h(?:eld|old|olds|olding) (?:[\w-]+ ){0,2}talks",
        r"h(?:eld|old|olds|olding) (?:a|their) (?:[\w-]+ ){0,2}(?:meeting|discussion)",
        r"received",
        r"greeted",
        r"sat down with",
    ),
    # Said of two people without saying how: a call if the article says so, else a meeting.
    "talk": (
        r"spo(?:ke|ken|eaks?) (?:\w+ ){0,3}?with",
        r"speaking (?:\w+ ){0,3}?with",
        r"talked (?:with|to)",
        r"conferred with",
        r"chat(?:ted)? (?:with|on)",
        r"discussed (?:[\w-]+ ){0,8}?with",
    ),
    "other": (
        r"attend(?:s|ed|ing)? (?:a|the) (?:[\w-]+ ){0,3}parade",
        r"watch(?:ed|es)? (?:a|the) (?:[\w-]+ ){0,3}parade",
    ),
}
NOUN_TRIGGERS = {
    "call": (
        r"(?:tele)?phone (?:call|conversation|talks)",
        r"video (?:call|conference|link|talks|conversation)",
        r"videoconference",
    ),
    "agreement": (
        r"joint statement",
        r"joint declaration",
        r"agreements?",
        r"memorand(?:um|a)",
        r"treaty",
        r"contracts?",
    ),
    "summit": (r"summit", r"forum"),
    "visit": (r"state visit", r"official visit", r"visit", r"trip"),
    "meeting": (r"meeting", r"talks", r"negotiations", r"consultations?", r"discussion", r"banquet", r"dinner"),
    # A briefing is a statement only in its own right ("Lin Jian's press conference on May 9").
    "statement": (r"press conference", r"news conference", r"briefing", r"(?:written )?interview"),
    "other": (r"parade", r"celebrations?"),
}
ENCOUNTER_KINDS = ("meeting", "visit", "summit")
# Words before "visit", "meeting", "talks" that make them nouns, not verbs: "a visit", "the state visit".
NOUN_MARKERS = (
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "his",
    "her",
    "their",
    "its",
    "our",
    "such",
    "upcoming",
    "planned",
    "first",
    "second",
    "latest",
    "recent",
    "official",
    "state",
    "working",
    "bilateral",
    "formal",
    "informal",
    "of",
)
# The order in which kinds win when reports of one event disagree: the most telling first.
KIND_ORDER = ("summit", "visit", "meeting", "call", "agreement", "other", "statement")

# ---- Saying and reporting -------------------------------------------------------------------
# A verb of saying makes its subject the speaker; what follows is what was said.
SPEECH_VERBS = (
    r"said",
    r"says",
    r"told",
    r"tells",
    r"announced",
    r"announces",
    r"stated",
    r"noted",
    r"added",
    r"stressed",
    r"emphasi[sz]ed",
    r"suggested",
    r"shared",
    r"confirmed",
    r"declared",
    r"warned",
    r"urged",
    r"pledged",
    r"vowed",
    r"reiterated",
    r"praised",
    r"hailed",
    r"insisted",
    r"explained",
    r"described",
    r"condemned",
    r"accused",
    r"denied",
    r"claimed",
    r"proposed",
    r"invited",
    r"expressed",
    r"remarked",
    r"wrote",
    r"called for",
    r"touted",
    r"pointed out",
    r"acknowledged",
    r"hinted",
    r"signall?ed",
)
# How a title says each verb of saying, in a headline's present tense.
SPEECH_PRESENT = {
    "said": "says",
    "told": "tells",
    "announced": "announces",
    "stated": "states",
    "noted": "notes",
    "added": "adds",
    "stressed": "stresses",
    "emphasised": "emphasises",
    "emphasized": "emphasizes",
    "suggested": "suggests",
    "shared": "shares",
    "confirmed": "confirms",
    "declared": "declares",
    "warned": "warns",
    "urged": "urges",
    "pledged": "pledges",
    "vowed": "vows",
    "reiterated": "reiterates",
    "praised": "praises",
    "hailed": "hails",
    "insisted": "insists",
    "explained": "explains",
    "described": "describes",
    "condemned": "condemns",
    "accused": "accuses",
    "denied": "denies",
    "claimed": "claims",
    "proposed": "proposes",
    "invited": "invites",
    "expressed": "expresses",
    "remarked": "remarks",
    "wrote": "writes",
    "called for": "calls for",
    "touted": "touts",
    "pointed out": "points out",
    "acknowledged": "acknowledges",
    "hinted": "hints",
    "signaled": "signals",
    "signalled": "signals",
}
# Verbs by which an outlet passes on what others said; an outlet is never a participant.
REPORTING_VERBS = (r"reported", r"reports", r"quoted", r"quoting", r"cited", r"citing", r"wrote")
ACCORDING_TO = r"according to"
# Verbs that may come before their speaker ("..., said Peskov").
INVERTIBLE_VERBS = ("said", "says", "added", "noted", "stressed", "wrote", "explained", "insisted", "remarked")
# Verbs that close a sentence of reported words ("..., Denisov told reporters"); "confirmed the
# meeting" takes its object after it.
CLOSING_VERBS = (*INVERTIBLE_VERBS, "told", "tells", "announced", "stated", "reported", "quoted")
# Words that may stand between a speaker's name and the verb ("the Kremlin press service said").
SPEAKER_FILLERS = (
    "press",
    "service",
    "office",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "further",
    "separately",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "told",
    "first",
    "jointly",
    "openly",
    "publicly",
    "reportedly",
)
# Roles that mark a news organisation: it reports events, it does not take part in them.
OUTLET_ROLES = ("news agency", "broadcaster", "newspaper", "television", "news service", "media")

# ---- Clauses that are background, not the news -----------------------------------------------
# Words that open a clause about an earlier or later happening ("since they met in September").
BACKGROUND_OPENERS = (
    r"since",
    r"after",
    r"before",
    r"ahead of",
    r"amid",
    r"following",
    r"when",
    r"until",
    r"prior to",
    r"in the wake of",
)
# "the meeting", "their talks", "his visit": a noun that refers back to an event already told.
ANAPHORIC_DETERMINERS = (
    "the",
    "this",
    "that",
    "these",
    "those",
    "their",
    "his",
    "her",
    "its",
    "our",
    "such",
)
# Words after which a name is someone absent: "delivered a message from Putin".
ABSENT_MARKERS = (
    r"message(?: to \w+)? from",
    r"greetings(?: to \w+)? from",
    r"letter(?: to \w+)? from",
    r"on behalf of",
    r"congratulations(?: to \w+)? from",
)
# Words before a time that make it an end or a bound, not the day of the event: "until Tuesday".
NOT_DATE_LEADS = ("until", "till", "through", "by", "since")
# Words that say talks were held face to face, not by phone.
IN_PERSON_CUES = ("in person", "face-to-face", "face to face", "met ")
# "China's team is headed by Wang Yi; Lavrov leads Russia's" / "led by X, represented by Y":
# who takes part in talks the sentence before named nobody for.
LED_BY = (r"led by", r"headed by", r"represented by", r"chaired by", r"co-chaired by")
# "Lavrov's programme for Friday, June 6, has two items": a sentence that sets out a day's
# programme; the plans told just after it are that day's.
AGENDA_NOUNS = (r"schedule", r"agenda", r"programme", r"program", r"itinerary")
# "is visiting", "is in Moscow", "arrives in": happening on the day the article was written. Not
# "has arrived": it may have been late the evening before.
NOW_TRIGGER_WORDS = ("is in", "is on a", "visiting", "hosting", "arrives in", "meeting", "paying")
# What a person's possessive may own and still take part: "Lavrov's plane landed".
OWNED_BY_A_PARTICIPANT = ("arrival", "plane", "delegation", "greetings", "invitation")
# What a signing signed, for titles: "Xi and Putin sign a joint statement".
THINGS_SIGNED = ("joint statement", "joint declaration", "memorandum", "treaty", "contract")
# Cues that a third party took part together with the two sides, not in a separate meeting.
JOINT_CUES = (r"trilateral", r"three leaders", r"together", r"joined", r"alongside", r"all three")

# ---- Places and people ----------------------------------------------------------------------
# The sides a timeline is about. An event belongs to it only when both sides take part in it
# (people, bodies, states or the place they meet); settings.CHRONICLE_SIDES can override.
DEFAULT_SIDES = ("China", "Russia")
NATIONALITIES = {
    "Chinese": "China",
    "Russian": "Russia",
    "Kremlin": "Russia",
    "Moscow": "Russia",
    "Beijing": "China",
    "American": "United States",
    "US": "United States",
    "U.S.": "United States",
    "Ukrainian": "Ukraine",
    "Indian": "India",
    "Iranian": "Iran",
    "Turkish": "Turkey",
    "Uzbek": "Uzbekistan",
    "Kazakh": "Kazakhstan",
    "Mongolian": "Mongolia",
    "North Korean": "North Korea",
    "Belarusian": "Belarus",
    "Pakistani": "Pakistan",
    "Japanese": "Japan",
    "French": "France",
    "German": "Germany",
    "British": "United Kingdom",
}
# "the Chinese president", "the Russian leader": a role that points back to a person named before.
ROLE_NOUNS = (
    "president",
    "leader",
    "premier",
    "prime minister",
    "foreign minister",
    "head of state",
    "top diplomat",
    "spokesperson",
    "spokesman",
    "spokeswoman",
)
# What a role noun means in the reference list's words.
ROLE_MEANINGS = {
    "top diplomat": ("foreign minister", "foreign affairs commission"),
    "spokesperson": ("spokes",),
    "spokesman": ("spokes",),
    "spokeswoman": ("spokes",),
}
# "Russia's top diplomat": a country's name can stand where its adjective would.
COUNTRY_NAMES = ("China", "Russia")
PRONOUNS = ("he", "she")
# "the two leaders", "both premiers": the two people of either side named before.
PAIR_NOUNS = ("leaders", "presidents", "heads of state", "heads of government", "prime ministers", "premiers")
# "the ministry": the last word of a body named before.
BODY_HEAD_NOUNS = ("ministry", "council", "duma", "government")
# Family names shared by so many Chinese officials that a title must give the full name.
COMMON_CHINESE_FAMILY_NAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Ma")

# "..., a Russian official said Wednesday": a speaker the sentence does not name, by side.
UNNAMED_SPEAKERS = {
    "Russia": ("Russian", "Kremlin"),
    "China": ("Chinese", "Beijing"),
}
UNNAMED_SPEAKER_NOUNS = ("official", "diplomat", "envoy", "source")
