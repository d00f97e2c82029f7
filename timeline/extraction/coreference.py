"""Words that point back to an actor named earlier: "he", "the Chinese president", "the ministry".

Each becomes an actor mention of the person or body it points to, so that the sentence
"On Thursday, he is expected to meet Putin" knows who "he" is. Only unambiguous cases resolve."""

import re
from bisect import bisect_right

from . import lexicon
from .people import ActorMention, overlaps_any

SIDE_WORDS = {**lexicon.NATIONALITIES, **{name: name for name in lexicon.COUNTRY_NAMES}}
NATIONALITY = "|".join(re.escape(n) for n in sorted(SIDE_WORDS, key=len, reverse=True))
ROLE = "|".join(lexicon.ROLE_NOUNS)
# "the Chinese president", "Russia's top diplomat", "a Chinese foreign ministry spokesperson"
ROLE_NOUN = re.compile(
    rf"\b(?:(?:[Tt]he|[Aa])\s+(?P<nat>{NATIONALITY})|(?P<owner>{NATIONALITY})['’]s)"
    rf"\s+(?:(?i:foreign|defen[cs]e)\s+(?i:ministry)\s+)?(?P<role>{ROLE})\b(?!\s+[A-Z])"
)
FORWARD_REACH = 1500  # characters: "Russia's top diplomat" in a lead may be named just after
PRONOUN = re.compile(r"\b(?:" + "|".join(p.capitalize() + "|" + p for p in lexicon.PRONOUNS) + r")\b(?!['’])")
# "the foreign ministers of Russia and China": one person of each side holding that role.
PLURAL_ROLE = re.compile(
    rf"\b[Tt]he\s+(?P<role>(?:{ROLE})s)\s+of\s+(?P<a>{NATIONALITY})\s+and\s+(?P<b>{NATIONALITY})\b"
)
PAIR = re.compile(r"\b(?:[Tt]he(?:\s+two)?|[Bb]oth)\s+(?:" + "|".join(lexicon.PAIR_NOUNS) + r")\b")
# "the ministry", "the foreign ministry": the last word of a body's name, after it was named in full.
BODY_NOUN = re.compile(
    r"\b[Tt]he\s+(?:foreign\s+|defen[cs]e\s+)?(?P<head>" + "|".join(lexicon.BODY_HEAD_NOUNS) + r")\b"
)
LOOKBACK_SENTENCES = 3
# "the president will meet ...": a bare title, when only one person holding it was named just before.
BARE_TITLE = re.compile(r"\b[Tt]he\s+(?P<role>[Pp]resident|[Pp]remier)\b(?!['’]s|\s+(?:[A-Z]|of\b|and\b))")
# "Lavrov and Wang Yi shake hands as they meet": 'they' after a joining word is the people just named.
THEY = re.compile(r"\b(?:as|when|after|before|while|once|until)\s+(they)\b", re.IGNORECASE)


def resolve(text, sentences, mentions: list[ActorMention], actors) -> list[ActorMention]:
    """The mentions plus one for every pointing word whose actor is clear."""
    found = list(mentions)
    sentence_starts = [s.start for s in sentences]
    resolvers = ((ROLE_NOUN, _role_noun), (BODY_NOUN, _body_noun), (BARE_TITLE, _bare_title), (PRONOUN, _pronoun))
    for pattern, resolver in resolvers:
        taken = sorted((m.start, m.end) for m in found)
        starts = [start for start, _ in taken]
        for match in pattern.finditer(text):
            if overlaps_any(taken, starts, match.start(), match.end()):
                continue
            slug = resolver(match, found, actors, sentences, sentence_starts)
            if slug:
                found.append(ActorMention(match.start(), match.end(), slug))
        found.sort(key=lambda m: (m.start, m.end))
    for match in PAIR.finditer(text):
        found += [ActorMention(match.start(), match.end(), slug) for slug in _pair(match, found, actors)]
    for match in THEY.finditer(text):
        found += [ActorMention(match.start(1), match.end(1), slug) for slug in _they(match, found, actors, sentences)]
    for match in PLURAL_ROLE.finditer(text):
        role = match.group("role")[:-1].lower()
        for side in (match.group("a"), match.group("b")):
            slug = _holder(found, actors, SIDE_WORDS[side], role, match)
            if slug:
                found.append(ActorMention(match.start(), match.end(), slug))
    found.sort(key=lambda m: (m.start, m.end))
    return found


def _pair(match, found, actors) -> list[str]:
    """'the two leaders': the last two people named before, when they come from two countries."""
    people = []
    for m in reversed(_before(found, match.start())):
        actor = actors[m.slug]
        if actor.kind == "person" and m.slug not in people and _holds(actor.role, "leader"):
            people.append(m.slug)
        if len(people) == 2:
            break
    countries = {actors[s].country for s in people}
    return list(reversed(people)) if len(people) == 2 and len(countries) == 2 else []


def _they(match, found, actors, sentences) -> list[str]:
    """The persons named earlier in the same sentence, when there are two or more."""
    start = next((s.start for s in sentences if s.start <= match.start() < s.end), match.start())
    people = [m.slug for m in found if start <= m.start and m.end <= match.start() and actors[m.slug].kind == "person"]
    people = list(dict.fromkeys(people))
    return people if len(people) >= 2 else []


def _before(found, position, within=2000):
    return [m for m in found if position - within <= m.end <= position]


def _role_noun(match, found, actors, sentences, starts):
    return _holder(
        found, actors, SIDE_WORDS[match.group("nat") or match.group("owner")], match.group("role").lower(), match
    )


def _holder(found, actors, country, role, match):
    """The person of that country holding that role: the last named before, else the only one named
    soon after."""
    fits = [m for m in found if actors[m.slug].kind == "person" and actors[m.slug].country == country]
    fits = [m for m in fits if _holds(actors[m.slug].role, role)]
    before = [m for m in fits if m.end <= match.start()]
    if before:
        return before[-1].slug
    after = {m.slug for m in fits if match.end() <= m.start <= match.end() + FORWARD_REACH}
    return after.pop() if len(after) == 1 else None


def _holds(actor_role: str, role: str) -> bool:
    actor_role = actor_role.lower()
    if role in ("leader", "head of state"):
        return any(word in actor_role for word in ("president", "prime minister", "premier", "leader"))
    return any(meaning in actor_role for meaning in lexicon.ROLE_MEANINGS.get(role, (role,)))


def _bare_title(match, found, actors, sentences, starts):
    """'Lula's day in Beijing ... Later the president will meet ...': the one holder of the title named
    in this sentence or the few before it; none when two were named ('the president' of which?)."""
    index = bisect_right(starts, match.start()) - 1
    first = sentences[max(0, index - LOOKBACK_SENTENCES)].start
    role = match.group("role").lower()
    holders = {
        m.slug
        for m in found
        if first <= m.start
        and m.end <= match.start()
        and actors[m.slug].kind == "person"
        and _holds(actors[m.slug].role, role)
    }
    return holders.pop() if len(holders) == 1 else None


def _body_noun(match, found, actors, sentences, starts):
    head = match.group("head").lower()
    bodies = {m.slug for m in _before(found, match.start()) if actors[m.slug].kind == "organisation"}
    named = [slug for slug in bodies if head in actors[slug].name.lower()]
    return named[0] if len(named) == 1 else None


def _pronoun(match, found, actors, sentences, starts):
    """The first person named in this sentence before the pronoun, else in the nearest sentence
    before it that names one: news puts the subject first."""
    index = bisect_right(starts, match.start()) - 1
    for i in range(index, max(-1, index - LOOKBACK_SENTENCES - 1), -1):
        sentence = sentences[i]
        end = match.start() if i == index else sentence.end
        people = [m for m in found if sentence.start <= m.start < end and actors[m.slug].kind == "person"]
        if people:
            return people[0].slug
    return None
