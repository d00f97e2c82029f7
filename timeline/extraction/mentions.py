"""Finding event mentions: sentences in which named actors meet, visit, talk,
call, sign, declare or state something, with the time words attached to it."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import TimeExpression, direction_at, sentence_direction
from .text import Sentence

# Most specific first: the first kind whose trigger is in the sentence wins.
TRIGGER_WORDS = [
    (
        "call",
        [
            "(?:phone|telephone|video)[ -](?:call|conversation|talks|conference|link)",
            "spoke (?:by|on the) (?:phone|telephone)",
            "held a call",
        ],
    ),
    (
        "agreement",
        ["sign(?:ed|s|ing)?", "agreements?", "treaty", "deal", "memorand(?:um|a)", "joint statement", "pact"],
    ),
    ("summit", ["summit", "forum"]),
    (
        "visit",
        [
            "visit(?:s|ed|ing)?",
            "state visit",
            "attend(?:s|ed|ing)?",
            "trip to",
            "travel(?:s|ed|led|ing)? (?:to|with)",
            "arriv(?:e|es|ed|ing) in",
            "host(?:s|ed|ing)",
            "is in",
            "guest of hono(?:u)?r",
            "welcom(?:es|ed)",
        ],
    ),
    (
        "meeting",
        [
            "h(?:eld|old|olds|olding) talks",
            "meet(?:s|ing)?",
            "met",
            "talks",
            "speaking with",
            "spoke with",
            "sat down with",
            "received",
            "encounter",
        ],
    ),
    # Not "states": it is usually "the United States".
    (
        "statement",
        [
            "said",
            "says",
            "say",
            "stated",
            "confirm(?:s|ed)",
            "announc(?:es|ed)",
            "declar(?:es|ed)",
            "told",
            "warn(?:s|ed)",
            "pledg(?:es|ed)",
            "vow(?:s|ed)",
            "urg(?:es|ed)",
            "reiterat(?:es|ed)",
            "called for",
            "remarks?",
            "emphasi[sz]ed",
            "stressed",
            "repl(?:ies|ied)",
            "comment(?:s|ed)?",
            "reported",
        ],
    ),
]
TRIGGERS = [(kind, "|".join(words)) for kind, words in TRIGGER_WORDS]
TRIGGER_RES = [(kind, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for kind, words in TRIGGERS]
NOUN_TRIGGERS = {
    "meeting",
    "summit",
    "forum",
    "visit",
    "trip",
    "talks",
    "remarks",
    "remark",
    "comment",
    "deal",
    "agreement",
    "agreements",
    "treaty",
    "pact",
    "encounter",
    "statement",
    "call",
}
# "the meeting", "their meeting", "his visit" refer back to an event already told.
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|their|his|her|its|our)\s+(?:[\w-]+\s+){0,1}$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r";|\s(?:as|while|after|before|when|because|although|but|whereas)\s", re.IGNORECASE)
QUOTED = re.compile(r"“([^”]{3,400})”|\"([^\"]{3,400})\"")
BACKGROUND = re.compile(r"\bsince\b(?:(?![.;])[^.;]){0,60}$", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r",\s+(?:the\s+|a\s+)?[^,;]{0,80}?\b(?:reported|reports|said|says|announced|according to)\b[^,;]{0,60}[.”\"]?$"
    r"|,?\s+according to\b[^;]{0,120}$",
    re.IGNORECASE,
)
ENCOUNTER_KINDS = {"meeting", "visit", "summit"}


@dataclass
class Mention:
    origin: str
    sentence: Sentence
    kind: str
    trigger: str
    actors: list[str]  # slugs in order of appearance
    location: str | None  # place slug
    expression: TimeExpression | None
    direction: str
    quotes: tuple[str, ...]
    trigger_start: int
    date: object = None  # ResolvedDate once dated
    specificity: int = 0
    notes: list[str] = field(default_factory=list)
    weak: bool = False  # only states named: never an event alone, but may add a citation by quote
    principals: list[str] = field(default_factory=list)  # the actors that are not states
    people: list[str] = field(default_factory=list)  # the principals that are persons
    reference_day: object = None  # the date of the article it comes from, when known

    @property
    def group(self) -> str:
        return "encounter" if self.kind in ENCOUNTER_KINDS else self.kind


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), (m.group(1) or m.group(2)).strip()) for m in QUOTED.finditer(text)]


@lru_cache(maxsize=65536)
def normalise_quote(quote: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", quote.lower().replace("’", "'")))


def clause_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.start()
    bounds.append((start, len(text)))
    return bounds


def find_triggers(text: str, quotes) -> list[tuple[int, str, str]]:
    """(offset, kind, word) for each trigger outside quoted speech and not referring back."""
    found = []
    for priority, (kind, pattern) in enumerate(TRIGGER_RES):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e, _ in quotes):
                continue
            word = match.group().lower()
            if word in NOUN_TRIGGERS and ANAPHORIC.search(text[: match.start()]):
                continue
            found.append((priority, match.start(), kind, match.group()))
    found.sort()
    return [(start, kind, word) for _, start, kind, word in found]


def sentence_mentions(origin, sentence: Sentence, actors, places, expressions, states) -> list[Mention]:
    """At most two mentions per sentence: the main event, plus a statement when someone is quoted."""
    text, offset = sentence.text, sentence.start
    quotes = quote_spans(text)
    triggers = find_triggers(text, quotes)
    if not triggers:
        return []
    local_actors = [
        (a.start - offset, a.slug)
        for a in actors
        if sentence.start <= a.start < sentence.end and not any(s <= a.start - offset < e for s, e, _ in quotes)
    ]
    if not local_actors:
        return []
    mentions = []
    clauses = clause_bounds(text)
    # Verbs outrank nouns ("Yang's comment comes as Xi is set to meet ..."), and the main clause's
    # trigger outranks a subordinate one ("Xi met Lavrov, as they prepare for a visit by Putin").
    triggers.sort(key=lambda t: (t[2].lower() in NOUN_TRIGGERS, clauses.index(_clause_of(clauses, t[0])) > 0))
    main_start, main_kind, main_word = triggers[0]
    if main_kind != "statement":
        # "..., the state-run CGTN news service reported": who reports an event does not take part in it.
        attribution = ATTRIBUTION.search(text)
        local_actors = [a for a in local_actors if not attribution or a[0] < attribution.start()] or local_actors
    main = _mention(
        origin, sentence, main_kind, main_word, main_start, triggers, local_actors, places, expressions, quotes
    )
    mentions.append(main)
    # A second event in the same sentence: one with its own time words ("arrived on Monday ... talks on
    # Tuesday"), or a statement framed by a meeting or visit ("During a visit to Moscow, Xi said ...").
    for start, kind, word in triggers[1:]:
        if kind == main_kind or (kind == "statement" and not quotes):
            continue
        other = _mention(origin, sentence, kind, word, start, triggers, local_actors, places, expressions, quotes)
        framed = "statement" in (kind, main_kind) and {kind, main_kind} & ENCOUNTER_KINDS
        # A second event needs a verb of its own and time words in its own clause, not borrowed ones.
        own_words = (
            word.lower() not in NOUN_TRIGGERS
            and other.expression is not None
            and other.expression != main.expression
            and _clause_of(clauses, other.expression.start - sentence.start) == _clause_of(clauses, start)
        )
        if framed or own_words:
            mentions.append(other)
            break
    if len(mentions) == 2:
        for mention in mentions:
            if mention.kind != "statement" and any(m.kind == "statement" for m in mentions):
                mention.quotes = ()  # the quoted words belong to the statement, not to the meeting or visit
    for mention in mentions:
        mention.principals = [slug for slug in mention.actors if slug not in states]
        mention.weak = not mention.principals
    return [m for m in mentions if not m.weak or m.quotes]


def _clause_of(clauses, offset):
    return next(c for c in clauses if c[0] <= offset < c[1] or c[1] == clauses[-1][1])


def _mention(origin, sentence, kind, word, trigger_start, triggers, local_actors, places, expressions, quotes):
    text = sentence.text
    clauses = clause_bounds(text)
    own = _clause_of(clauses, trigger_start)
    # Actors in clauses that belong to another trigger are that trigger's, not this one's.
    other_trigger_clauses = {c for c in clauses for t in triggers if c != own and c[0] <= t[0] < c[1]}
    chosen = [slug for pos, slug in local_actors if not any(c[0] <= pos < c[1] for c in other_trigger_clauses)]
    actors = list(dict.fromkeys(chosen or [slug for _, slug in local_actors]))
    expression = _time_expression(text, sentence.start, trigger_start, own, expressions)
    # The tense that governs the time words, clause by clause ("will be the first since ... in February").
    direction = direction_at(text, expression.start - sentence.start) if expression else sentence_direction(text)
    return Mention(
        origin=origin,
        sentence=sentence,
        kind=kind,
        trigger=word,
        actors=actors,
        location=_location(text, sentence.start, places, quotes),
        expression=expression,
        direction=direction,
        quotes=tuple(q for _, _, q in quotes),
        trigger_start=trigger_start,
    )


def _location(text, offset, places, quotes) -> str | None:
    local = [
        (s - offset, slug)
        for s, e, slug in places
        if offset <= s < offset + len(text) and not any(qs <= s - offset < qe for qs, qe, _ in quotes)
    ]
    for pos, slug in local:
        if re.search(r"\b(?:in|at|to|from)\s+(?:the\s+)?$", text[:pos]):
            return slug
    return local[0][1] if local else None


def _time_expression(text, offset, trigger_start, clause, expressions) -> TimeExpression | None:
    local = [
        e
        for e in expressions
        if offset <= e.start < offset + len(text) and not BACKGROUND.search(text[: e.start - offset])
    ]
    if not local:
        return None
    in_clause = [e for e in local if clause[0] <= e.start - offset < clause[1]]
    pool = in_clause or local
    # English puts the time after the verb ("held talks ... on Tuesday"); otherwise take the nearest before.
    after = [e for e in pool if e.start - offset >= trigger_start]
    if after:
        return min(after, key=lambda e: e.start)
    return max(pool, key=lambda e: e.start)
