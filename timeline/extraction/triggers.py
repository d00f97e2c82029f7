"""The words that say what kind of event a sentence tells, from the lexicon: verbs ("met"),
nouns ("a state visit"), and nouns that only refer back to an event already told ("the talks")."""

import re
from dataclasses import dataclass

from . import lexicon
from .clauses import alternatives, inside

VERB_RES = [(kind, re.compile(alternatives(words), re.I)) for kind, words in lexicon.VERB_TRIGGERS.items()]
NOUN_RES = [(kind, re.compile(alternatives(words), re.I)) for kind, words in lexicon.NOUN_TRIGGERS.items()]
PHONE_RE = re.compile(alternatives(lexicon.NOUN_TRIGGERS["call"] + (r"by phone", r"over the phone")), re.I)
DETERMINER = r"(?i:" + "|".join(lexicon.ANAPHORIC_DETERMINERS) + r")"
# "the meeting", "their first talks": a determiner and at most one lowercase word before the noun.
ANAPHORIC = re.compile(rf"\b{DETERMINER}\s+(?:[a-z][\w-]*\s+)?$")
# "a visit", "Xi's trip", "the two-day visit": the word is a noun here, not a verb.
NOUN_CONTEXT = re.compile(r"(?:\b(?i:" + "|".join(lexicon.NOUN_MARKERS) + r")|['’]s|-day)\s+$")
# Every noun that names an event, as one alternation: "the meeting", "Xi's visit".
EVENT_NOUNS = alternatives([word for words in lexicon.NOUN_TRIGGERS.values() for word in words])


@dataclass
class Trigger:
    start: int
    end: int
    kind: str
    word: str
    noun: bool


def find_triggers(text: str, quotes) -> tuple[list[Trigger], list[Trigger]]:
    """(event triggers, triggers that refer back to an event already told) outside quoted words."""
    verbs = []
    for kind, pattern in VERB_RES:
        for m in pattern.finditer(text):
            # "he first met": before a word that is never a noun, "first" is an adverb.
            as_noun = NOUN_CONTEXT.search(text[: m.start()]) and is_event_noun(m.group())
            if not inside(quotes, m.start()) and not as_noun:
                verbs.append(Trigger(m.start(), m.end(), kind, m.group(), False))
    nouns, back = [], []
    for kind, pattern in NOUN_RES:
        for m in pattern.finditer(text):
            if inside(quotes, m.start()) or any(v.start <= m.start() < v.end for v in verbs):
                continue
            trigger = Trigger(m.start(), m.end(), kind, m.group(), True)
            (back if ANAPHORIC.search(text[: m.start()]) else nouns).append(trigger)
    return _first_per_place(verbs + nouns), back


def is_event_noun(word: str) -> bool:
    return any(pattern.fullmatch(word) for _, pattern in NOUN_RES)


def _first_per_place(triggers) -> list[Trigger]:
    """Where two kinds match overlapping words ("video call", "call"), the earlier-listed kind wins."""
    kept = []
    for trigger in triggers:
        if not any(k.start < trigger.end and trigger.start < k.end for k in kept):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)
