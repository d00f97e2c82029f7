"""From merged mentions to timeline events: a plain title, a summary, the date
with its reasoning, the actors with their roles, and one citation per report."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from timeline.date_labels import date_label

from .lexicon import COMMON_CHINESE_FAMILY_NAMES, KIND_ORDER, SPEECH_PRESENT, THINGS_SIGNED

SUMMARY_MAX = 400


@dataclass
class ExtractedCitation:
    origin: str
    quote: str
    quote_start: int
    quote_end: int
    date_text: str
    date_reasoning: str


@dataclass
class ExtractedEvent:
    slug: str
    title: str
    kind: str
    date_start: object
    date_end: object
    date_precision: str
    date_note: str
    location: str
    summary: str
    confidence: float
    merge_note: str
    quote: str = ""  # a statement's own quoted words
    participants: list[tuple[str, str]] = field(default_factory=list)  # (actor slug, role)
    citations: list[ExtractedCitation] = field(default_factory=list)

    @property
    def date_label(self) -> str:
        return date_label(self.date_start, self.date_end, self.date_precision)


def best_member(cluster):
    """The report whose date the event takes: the most specific, what happened rather than what
    was said of it, and of those the longest span (a visit's days rather than its first talks)."""
    if cluster.visit is not None:
        return cluster.visit
    return max(
        cluster.members,
        key=lambda m: (m.specificity, m.kind != "statement", _length(m), -len(m.origin), m.origin),
    )


def _length(mention):
    end = mention.date.end or mention.date.start
    return (end - mention.date.start).days


def _kind(cluster, best) -> str:
    kinds = {m.kind for m in cluster.members}
    if "talk" in kinds:  # talks no report calls a call were held in person
        kinds = (kinds - {"talk"}) | ({"call"} if "call" in kinds else {"meeting"})
    if best.kind == "talk":
        return "call" if "call" in kinds else "meeting"
    if best.group == "encounter" or "statement" in kinds and kinds - {"statement"}:
        return next(k for k in KIND_ORDER if k in kinds and k != "statement")
    return best.kind


def short_name(actor) -> str:
    """How a title names someone: 'Putin', 'Xi', but 'Wang Yi', since so many officials are Wang."""
    parts = actor.name.split()
    if actor.kind != "person" or len(parts) < 2:
        return actor.name
    if actor.short_name in COMMON_CHINESE_FAMILY_NAMES:
        return actor.name
    return actor.short_name or actor.name


def _names(slugs, lookup) -> str:
    names = [short_name(lookup.actors[s]) for s in slugs]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


TITLE_WORDS = 14
SHORT_GIST = 4


def present_tense(verb: str) -> str:
    """'confirmed' -> 'confirms': titles speak in the present, as headlines do."""
    return SPEECH_PRESENT.get(verb.lower(), verb.lower())


def gist(mention) -> str:
    """What a statement said, in its own words: the quote when there is one, else the content."""
    if mention.quotes:
        return f"“{_clipped(mention.quotes[0]).rstrip(',.;:')}”"
    return _clipped(mention.gist, ",;:")


def quoted_words(mention) -> str:
    """Every quotation of the statement's sentence, in order, as the reader will see them."""
    return " … ".join(quote.strip(" ,") for quote in mention.quotes)


def _clipped(text: str, strip: str = "") -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]).rstrip(strip) + ("…" if len(words) > TITLE_WORDS else "")


def title_for(kind, best, people, bodies, where, lookup, host=None, body=None) -> str:
    """A plain sentence saying what happened: 'Xi and Putin hold a video call'."""
    named = people or bodies
    at = f" in {where}" if where else ""
    speakers = named[: max(1, min(best.speaker_count, 2))]
    if kind == "statement" and not best.gist and not best.quotes:
        return f"{_names(speakers, lookup)} holds a {best.trigger.lower()}"  # "Lin Jian holds a press conference"
    if kind == "statement":
        said = gist(best)
        if not best.quotes and len(said.split()) < SHORT_GIST:
            return f"{_names(speakers, lookup)} {present_tense(best.trigger)} {said}"  # "Ushakov confirms the meeting"
        return f"{_names(speakers, lookup)}: {said}"
    everyone = _names(named[:3], lookup)
    if kind == "call":
        medium = "video" if "video" in best.sentence.text.lower() else "phone"
        return f"{everyone} hold a {medium} call"
    if kind == "visit":
        guest = next((s for s in named if s != host), named[0])
        title = f"{_names([guest], lookup)} visits {where}" if where else f"{_names([guest], lookup)} on a visit"
        return title + (f", hosted by {_names([host], lookup)}" if host and host != guest else "")
    if kind == "summit":
        venue = f"the {lookup.actors[body].name} summit" if body else "a summit"
        return f"{everyone} at {venue}{at}"
    if kind == "agreement":
        return f"{everyone} sign {_thing_signed(best)}"
    if kind == "meeting" and len(named) > 1:
        return f"{_names(named[:1], lookup)} meets {_names(named[1:3], lookup)}{at}"
    if kind == "meeting":
        return f"{everyone} holds talks{at}"
    return f"{everyone} at the {best.trigger.lower()}{at}"


def _thing_signed(mention) -> str:
    text = mention.sentence.text.lower()
    for thing in THINGS_SIGNED:
        if thing in text:
            return f"a {thing}"
    return "an agreement"


def summary_for(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def _citation(mention, reasoning) -> ExtractedCitation:
    expr = mention.expression
    return ExtractedCitation(
        origin=mention.origin,
        quote=mention.sentence.text,
        quote_start=mention.sentence.start,
        quote_end=mention.sentence.end,
        date_text=expr.text if expr else (mention.trigger if mention.date else ""),
        date_reasoning=reasoning,
    )


def _organiser(cluster, lookup, reach=60):
    """The body whose summit it is: named right beside the word 'summit' ('a summit for the SCO')."""
    bodies = [slug for m in cluster.members for slug in m.actors if lookup.kind(slug) == "organisation"]
    for member in cluster.members:
        if member.kind != "summit":
            continue
        text, at = member.sentence.text, member.trigger_start
        nearby = text[max(0, at - reach) : at + len(member.trigger) + reach]
        for slug in dict.fromkeys(bodies):
            actor = lookup.actors[slug]
            if actor.name in nearby or any(alias in nearby for alias in actor.aliases):
                return slug
    return None


def _host(people, place_country, lookup):
    """In a visit, the host is the one at home: the person whose country is the place's."""
    if not place_country:
        return None
    home = [s for s in people if lookup.country(s).lower() == place_country.lower()]
    return home[0] if len(home) == 1 and len(people) > 1 else None


def _participants(cluster, best, kind, lookup) -> list[tuple[str, str]]:
    """Who took part, with roles. A statement has its speaker (and whom it was told to); an event
    has its people from either side, and a third party only where the text says they took part
    together; bodies only where no person is named, or where they sign."""
    if kind == "statement":
        # A statement's actors are its speakers, then whom the frame says it was told to ("told Lavrov").
        spoke, told = best.actors[: best.speaker_count], best.actors[best.speaker_count :]
        return [(slug, "speaker") for slug in spoke] + [(slug, "addressee") for slug in told]
    members = [m for m in cluster.members if m.kind != "statement"] or cluster.members
    # A month-level mention ("during a visit in March, Xi invited Mishustin") joined to a dated
    # visit brings its date's doubt, not its people.
    members = [m for m in members if m.date.precision == best.date.precision] or members
    counts = Counter(slug for m in members for slug in m.actors)
    ordered = sorted(
        counts, key=lambda s: (s not in best.actors, best.actors.index(s) if s in best.actors else 0, -counts[s], s)
    )
    joint = any(m.joint for m in members)
    people = [s for s in ordered if lookup.is_person(s) and (joint or lookup.on_a_side(s) or not lookup.country(s))]
    bodies = [s for s in ordered if lookup.kind(s) == "organisation" and s not in lookup.outlets]
    if people and kind != "agreement":
        bodies = []
    states = [s for s in ordered if lookup.is_state(s)]
    return [(s, "participant") for s in people + bodies] + [(s, "mentioned") for s in states]


def assemble(cluster, lookup, places, references, titles) -> ExtractedEvent:
    best = best_member(cluster)
    resolved = best.date
    kind = _kind(cluster, best)
    place_slug = best.location or next((m.location for m in cluster.members if m.location), None)
    where_country = best.where or next((m.where for m in cluster.members if m.where), "")
    place = places[place_slug].name if place_slug in places else ""
    participants = _participants(cluster, best, kind, lookup)
    people = [s for s, role in participants if role != "mentioned" and lookup.is_person(s)]
    bodies = [s for s, role in participants if role != "mentioned" and not lookup.is_person(s)]
    if not people and not bodies:
        bodies = [participants[0][0]]
    host = _host(people, where_country, lookup) if kind == "visit" else None
    body = _organiser(cluster, lookup) if kind == "summit" else None
    title = title_for(kind, best, people, bodies, place or where_country, lookup, host, body)
    if host:
        participants = [
            (s, "host" if s == host else "guest" if role == "participant" and lookup.is_person(s) else role)
            for s, role in participants
        ]
    reference = references[best.origin]
    reports = sorted({m.origin for m in cluster.members} | {m.origin for m in cluster.attached})
    note = f"{resolved.reasoning} (in “{titles[best.origin]}”)"
    if reference.note and best.expression is not None and best.expression.year is None:
        note += f". The article's date: {reference.note}"
    citations = [
        _citation(m, m.date.reasoning if m.date else "")
        for m in sorted(cluster.members, key=lambda m: (m.origin, m.sentence.start))
    ] + [_citation(m, "not dated by this article; matched by its quoted words") for m in cluster.attached]
    return ExtractedEvent(
        slug="",
        title=title,
        kind=kind,
        date_start=resolved.start,
        date_end=resolved.end if resolved.end and resolved.end != resolved.start else None,
        date_precision=resolved.precision,
        date_note=note,
        location=place,
        summary=summary_for(best.sentence.text),
        confidence=round(reference.confidence if best.expression is None or best.expression.year is None else 0.95, 2),
        merge_note=("Merged " + str(len(reports)) + " reports: " + "; ".join(dict.fromkeys(cluster.reasons)))
        if len(cluster.members) + len(cluster.attached) > 1
        else "",
        quote=quoted_words(best) if kind == "statement" else "",
        participants=participants,
        citations=_dedupe_citations(citations),
    )


def _dedupe_citations(citations):
    seen, unique = set(), []
    for citation in citations:
        key = (citation.origin, citation.quote_start)
        if key not in seen:
            seen.add(key)
            unique.append(citation)
    return unique


def assign_slugs(events) -> None:
    """Stable, unique slugs: the date and the title. On a clash each gets a suffix from its first
    citation, not a counter, so adding an article never renames an event already loaded."""
    bases = [f"{event.date_start:%Y-%m-%d}-{slugify(event.title)}"[:90].rstrip("-") for event in events]
    clashes = Counter(bases)
    for event, base in zip(events, bases, strict=True):
        if clashes[base] == 1:
            event.slug = base
        else:
            first = min((c.origin, c.quote_start) for c in event.citations)
            event.slug = f"{base}-{hashlib.sha1(repr(first).encode()).hexdigest()[:6]}"
