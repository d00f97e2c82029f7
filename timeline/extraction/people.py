"""Who is named in an article: known actors by name and alias, their short forms
once introduced ("Yang" after "Yang Jiechi", "Ms. Kim"), and unknown people
introduced by a title ("Kremlin aide Yuri Ushakov", "Patricia Kim, a fellow at ...")."""

import re
from bisect import bisect_right
from dataclasses import dataclass

from .knowledge import HONORIFICS, ActorInfo, Knowledge, alias_pattern, new_actor
from .lexicon import NATIONALITIES

TITLE_WORDS = (
    "aide|adviser|advisor|ambassador|envoy|minister|spokesman|spokeswoman|spokesperson|president|premier|"
    "chairman|chairwoman|chair|director|fellow|professor|analyst|researcher|general|commander|secretary|"
    "official|diplomat|tycoons?|chief|head|leader|senator|governor|mayor|economist|expert|scholar|ceo|editor|"
    "correspondent|lawmaker|deputy|counselor|counsellor|attaché|lieutenant|colonel|admiral|prosecutor|judge"
)
NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
PERSON_NAME = rf"{NAME_WORD}(?:\s{NAME_WORD}){{1,2}}"
# "Kremlin aide Yuri Ushakov", "oil tycoons Alexei Miller and Igor Sechin"
TITLED = re.compile(rf"\b(?i:{TITLE_WORDS})\s+({PERSON_NAME})(?:\s+and\s+({PERSON_NAME}))?\b")
# "Patricia Kim, a fellow at the Brookings Institution"
APPOSITIVE = re.compile(rf"\b({PERSON_NAME}),\s+(?:a|an|the)\s+([^,.;]{{0,60}}?\b(?i:{TITLE_WORDS})\b[^,.;]{{0,60}})")
NOT_NAME_WORDS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "And",
    "But",
    "For",
    "With",
    "After",
    "Before",
    "During",
    "While",
    "Chinese",
    "Russian",
    "American",
    "Ukrainian",
    "Western",
    "Communist",
    "Party",
    "President",
    "Minister",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "State",
    "Foreign",
    "Ministry",
    "Affairs",
    "Office",
    "Committee",
    "Central",
    "General",
    "Secretary",
}


NOT_NAME_WORDS |= {word for nationality in NATIONALITIES for word in nationality.split()}


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    slug: str


def discover_people(text: str, knowledge: Knowledge) -> dict[str, ActorInfo]:
    """Unknown people the text introduces by a title; they become actors marked for review."""
    found: dict[str, ActorInfo] = {}

    def consider(name, role):
        words = name.split()
        if name and not knowledge.is_known_name(name) and not any(w in NOT_NAME_WORDS for w in words):
            found.setdefault(name, new_actor(name, role.strip()))

    for match in TITLED.finditer(text):
        title = text[max(0, match.start() - 30) : match.start(1)].split(",")[-1].strip()
        for group in (1, 2):
            consider(match.group(group) or "", title)
    for match in APPOSITIVE.finditer(text):
        consider(match.group(1), match.group(2))
    return found


def overlaps_any(spans, starts, start, end) -> bool:
    """Does [start, end) overlap one of the sorted, non-overlapping spans? (bisect: long texts have many)"""
    i = bisect_right(starts, start) - 1
    return any(0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1] for j in (i, i + 1))


def short_forms(actor: ActorInfo) -> list[str]:
    short = actor.short_name
    if not short:
        return []
    return [short, *(f"{honorific} {short}" for honorific in HONORIFICS)]


def find_people(text: str, knowledge: Knowledge) -> tuple[list[ActorMention], dict[str, ActorInfo]]:
    """Every actor mention in the article, and the new actors it introduced."""
    newcomers = discover_people(text, knowledge)
    actors = {**knowledge.actors, **{a.slug: a for a in newcomers.values()}}
    mentions = [ActorMention(s, e, slug) for s, e, slug in knowledge.find_actors(text)]
    mentions += [
        ActorMention(m.start(), m.end(), newcomers[m.group()].slug)
        for m in alias_pattern({name: name for name in newcomers}).finditer(text)
    ]
    # Short forms count only for people this article has already named in full, and only where unambiguous.
    introduced = {m.slug for m in mentions if actors[m.slug].kind == "person"}
    short_index: dict[str, str] = {}
    for slug in sorted(introduced):
        for form in short_forms(actors[slug]):
            short_index[form] = "" if short_index.get(form, slug) != slug else slug
    short_index = {form: slug for form, slug in short_index.items() if slug}
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in taken]
    for match in alias_pattern(short_index).finditer(text):
        if not overlaps_any(taken, starts, match.start(), match.end()):
            mentions.append(ActorMention(match.start(), match.end(), short_index[match.group()]))
    mentions.sort(key=lambda m: (m.start, m.end))
    used = {m.slug for m in mentions}
    return mentions, {a.slug: a for a in newcomers.values() if a.slug in used}
