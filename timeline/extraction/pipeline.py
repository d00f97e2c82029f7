"""The whole extraction run: articles in, dated and sourced events out.

It works on all the articles at once because one article can date another."""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .articles import RawArticle
from .assemble import ExtractedEvent, assemble, assign_slugs
from .dates import find_time_expressions
from .dating import date_mention
from .knowledge import ActorInfo, Knowledge
from .mentions import sentence_mentions
from .merging import attach, merge
from .people import find_people
from .reference import Reference, infer_references
from .text import clean, split_sentences

DEFAULT_WINDOW = range(2022, 2026)


@dataclass
class Doc:
    raw: RawArticle
    title: str
    text: str
    sentences: list
    actor_mentions: list
    places: list
    expressions: list
    mentions: list
    new_actors: dict[str, ActorInfo]

    @property
    def origin(self) -> str:
        return self.raw.origin

    @property
    def published(self) -> date | None:
        return self.raw.meta.published


@dataclass
class Extraction:
    docs: list[Doc]
    references: dict[str, Reference]
    events: list[ExtractedEvent]
    actors: dict[str, ActorInfo]  # every actor the events name, known or new
    dropped: list[str] = field(default_factory=list)  # reports left out, and why


def analyse(raw: RawArticle, knowledge: Knowledge, states: set[str]) -> Doc:
    cleaned = clean(raw.text)
    text = cleaned.text
    sentences = split_sentences(text)
    actor_mentions, new_actors = find_people(text, knowledge)
    # "Shanghai" inside "Shanghai Cooperation Organization" names a body, not a place.
    spans = sorted((a.start, a.end) for a in actor_mentions)
    starts = [start for start, _ in spans]
    places = [p for p in knowledge.find_places(text) if not inside_longer_name(spans, starts, p[0], p[1])]
    expressions = find_time_expressions(text)
    # Each sentence sees only its own names, places and time words: linear in the article's length.
    starts = [sentence.start for sentence in sentences]
    by_sentence = {
        "actors": bucket(actor_mentions, starts, lambda a: a.start),
        "places": bucket(places, starts, lambda p: p[0]),
        "expressions": bucket(expressions, starts, lambda e: e.start),
    }
    mentions, seen = [], set()
    for i, sentence in enumerate(sentences):
        if sentence.text in seen:
            continue  # a repeated sentence (caption, pull quote) reports nothing new
        seen.add(sentence.text)
        mentions += sentence_mentions(
            raw.origin,
            sentence,
            by_sentence["actors"][i],
            by_sentence["places"][i],
            by_sentence["expressions"][i],
            states,
        )
    return Doc(raw, cleaned.title, text, sentences, actor_mentions, places, expressions, mentions, new_actors)


def inside_longer_name(spans, starts, start, end) -> bool:
    """Is [start, end) part of a longer name among the sorted spans? ('the Kremlin' the body is still Moscow.)"""
    i = bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1] and spans[i][1] - spans[i][0] > end - start


def bucket(items, starts, position) -> list[list]:
    """Items grouped by the sentence they start in."""
    groups = [[] for _ in starts]
    for item in items:
        i = bisect_right(starts, position(item)) - 1
        if i >= 0:
            groups[i].append(item)
    return groups


def date_document(doc: Doc, reference: Reference) -> None:
    anchor = None
    for mention in doc.mentions:
        mention.reference_day = reference.day
        mention.date, mention.specificity = date_mention(mention, reference, anchor)
        if mention.date is not None:
            anchor = mention.date


def extract(raws: list[RawArticle], knowledge: Knowledge, window: range = DEFAULT_WINDOW) -> Extraction:
    states = {slug for slug, actor in knowledge.actors.items() if actor.kind == "state"}
    docs = [analyse(raw, knowledge, states) for raw in raws]
    persons = {slug for slug, actor in knowledge.actors.items() if actor.kind == "person"}
    for doc in docs:
        persons |= set(doc.new_actors)
        for mention in doc.mentions:
            mention.people = [slug for slug in mention.principals if slug in persons]
    references = infer_references(docs, knowledge, window, date_document)
    dated, extras, dropped = [], [], []
    for doc in docs:
        for mention in doc.mentions:
            if mention.date is not None and mention.date.start.year not in window:
                dropped.append(
                    f"{doc.origin}: '{mention.sentence.text[:60]}…' is dated "
                    f"{mention.date.start.year}, outside {window.start}–{window.stop - 1}"
                )
            elif mention.date is not None and mention.direction == "future" and mention.specificity < 4:
                # "Xi is expected to visit in May": a plan without a day is not yet an event.
                dropped.append(f"{doc.origin}: '{mention.sentence.text[:60]}…' is a plan without a day")
                if mention.quotes:
                    extras.append(mention)
            elif mention.date is not None and not mention.weak:
                dated.append(mention)
            elif mention.quotes:
                extras.append(mention)
    clusters = merge(dated)
    attach(clusters, extras)
    actors = dict(knowledge.actors)
    for doc in docs:
        actors.update(doc.new_actors)
    places = knowledge.places
    events = [assemble(cluster, actors, places, references, states) for cluster in clusters]
    events.sort(key=lambda e: (e.date_start, e.date_end or e.date_start, e.title, e.citations[0].origin))
    assign_slugs(events)
    used = {slug for event in events for slug, _ in event.participants}
    return Extraction(docs, references, events, {s: a for s, a in actors.items() if s in used}, dropped)
