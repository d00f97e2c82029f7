"""From merged mentions to timeline events: a plain title, a summary, the date
with its reasoning, the actors with their roles, and one citation per report."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import slugify

from timeline.date_labels import date_label

SUMMARY_MAX = 400
KIND_ORDER = ["summit", "visit", "meeting", "call", "agreement", "statement", "other"]


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
    participants: list[tuple[str, str]] = field(default_factory=list)  # (actor slug, role)
    citations: list[ExtractedCitation] = field(default_factory=list)

    @property
    def date_label(self) -> str:
        return date_label(self.date_start, self.date_end, self.date_precision)


def best_member(cluster):
    return max(cluster.members, key=lambda m: (m.specificity, -(_length(m)), -len(m.origin), m.origin))


def _length(mention):
    end = mention.date.end or mention.date.start
    return (end - mention.date.start).days


def _kind(cluster, best) -> str:
    kinds = {m.kind for m in cluster.members}
    if best.group == "encounter":
        return next(k for k in KIND_ORDER if k in kinds)
    return best.kind


def _names(slugs, actors) -> str:
    names = [actors[s].name for s in slugs]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def title_for(kind, principals, place, actors, venue="summit", host=None, body=None) -> str:
    first, others = principals[0], principals[1:3]
    where = f" in {place}" if place else ""
    if kind == "visit":
        guest = next((s for s in principals if s != host), first)
        title = f"{_names([guest], actors)} visits {place}" if place else f"Visit by {_names([guest], actors)}"
        return title + (f", hosted by {_names([host], actors)}" if host and host != guest else "")
    if kind == "summit":
        at = f"the {actors[body].name} {venue}" if body else f"a {venue}"
        return f"{_names(principals[:3], actors)} at {at}{where}"
    if kind == "meeting" and others:
        return f"{_names([first], actors)} meets {_names(others, actors)}{where}"
    if kind == "call":
        return f"{_names(principals[:2], actors)} speak by phone"
    if kind == "agreement":
        return (
            f"Agreement between {_names(principals[:3], actors)}"
            if others
            else f"Agreement by {_names([first], actors)}"
        )
    if kind == "statement":
        return f"Statement by {_names([first], actors)}{where}"
    return f"{kind.capitalize()}: {_names(principals[:3], actors)}{where}"


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


def _organiser(cluster, bodies, actors, reach=60):
    """The body whose summit it is: named right beside the word 'summit' ('a summit for the SCO')."""
    for member in cluster.members:
        if member.kind != "summit":
            continue
        text, at = member.sentence.text, member.trigger_start
        nearby = text[max(0, at - reach) : at + len(member.trigger) + reach]
        for slug in bodies:
            if actors[slug].name in nearby or any(alias in nearby for alias in actors[slug].aliases):
                return slug
    return None


def _host(people, place, actors):
    """In a visit, the host is the one at home: the person whose country is the place's."""
    if place is None or not place.country:
        return None
    home = [s for s in people if actors[s].country.lower() == place.country.lower()]
    return home[0] if len(home) == 1 and len(people) > 1 else None


def _participants(cluster, best, states, actors) -> list[tuple[str, str]]:
    counts = Counter(slug for m in cluster.members for slug in m.actors)
    for extra in cluster.attached:
        counts.update(s for s in extra.actors if s not in counts)
    ordered = sorted(
        counts, key=lambda s: (s not in best.actors, best.actors.index(s) if s in best.actors else 0, -counts[s], s)
    )
    people = [s for s in best.principals if actors[s].kind == "person"]
    speaker = (people or best.principals or [None])[0] if best.kind == "statement" else None
    return [
        (slug, "speaker" if slug == speaker else "mentioned" if slug in states else "participant") for slug in ordered
    ]


def assemble(cluster, actors, places, references, states) -> ExtractedEvent:
    best = best_member(cluster)
    resolved = best.date
    kind = _kind(cluster, best)
    place_slug = best.location or next((m.location for m in cluster.members if m.location), None)
    place = places[place_slug].name if place_slug in places else ""
    participants = _participants(cluster, best, states, actors)
    named = [s for s, role in participants if role != "mentioned"] or [participants[0][0]]
    people = [s for s in named if actors[s].kind == "person"]
    bodies = [s for s in named if actors[s].kind == "organisation"]
    host = _host(people, places.get(place_slug), actors) if kind == "visit" else None
    venue = next((m.trigger.lower() for m in cluster.members if m.kind == "summit"), "summit")
    body = _organiser(cluster, bodies, actors) if people else None
    title = title_for(kind, people or named, place, actors, venue, host, body)
    if host:
        participants = [
            (s, "host" if s == host else "guest" if role == "participant" and actors[s].kind == "person" else role)
            for s, role in participants
        ]
    reference = references[best.origin]
    reports = sorted({m.origin for m in cluster.members} | {m.origin for m in cluster.attached})
    note = f"{resolved.reasoning} (in {best.origin})"
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
