"""The whole extraction run: articles in, dated and sourced events out.

It works on all the articles at once because one article can date another. Every sentence
leaves a line in its document's trace saying why it became an event or did not."""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from . import coreference, lexicon
from .article_passes import (
    borrow_actors,
    borrow_agenda_dates,
    borrow_dates,
    borrow_forum_dates,
    borrow_leaders,
    date_the_lead,
    fold_back_references,
    locate,
    name_quoted_speakers,
    name_unnamed_speakers,
    prefer_told_day,
    resolve_talk,
)
from .articles import RawArticle
from .assemble import ExtractedEvent, assemble, assign_slugs
from .dates import find_time_expressions, holiday_expressions
from .dating import date_mention, with_duration
from .knowledge import ActorInfo, Knowledge
from .mentions import sentence_mentions
from .merging import attach, merge
from .people import find_people
from .reference import Reference, infer_references
from .sides import ActorLookup, mention_sides, separate_meetings
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
    trace: dict[int, list[str]] = field(default_factory=dict)  # sentence index -> why

    @property
    def origin(self) -> str:
        return self.raw.origin

    @property
    def display_title(self) -> str:
        """The title it is shown under: the one given with it, else its own. Never its file name
        where a title exists: readers of the reasoning know articles by their titles."""
        return self.raw.meta.title or self.title or self.origin

    @property
    def published(self) -> date | None:
        return self.raw.meta.published

    def note(self, mention, why: str) -> None:
        self.trace.setdefault(mention.sentence.index, []).append(why)


@dataclass
class Extraction:
    docs: list[Doc]
    references: dict[str, Reference]
    events: list[ExtractedEvent]
    actors: dict[str, ActorInfo]  # every actor the events name, known or new
    dropped: list[str] = field(default_factory=list)  # reports left out, and why


def analyse(raw: RawArticle, knowledge: Knowledge, sides) -> Doc:
    cleaned = clean(raw.text)
    text = cleaned.text
    sentences = split_sentences(text)
    actor_mentions, new_actors = find_people(text, knowledge)
    lookup = ActorLookup({**knowledge.actors, **new_actors}, sides, knowledge.places)
    actor_mentions = coreference.resolve(text, sentences, actor_mentions, lookup.actors)
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
        # "the Victory Day celebrations": a holiday's name dates only the event it names.
        "holidays": bucket(holiday_expressions(text, knowledge.calendar, expressions), starts, lambda e: e.start),
    }
    doc = Doc(raw, cleaned.title, text, sentences, actor_mentions, places, expressions, [], new_actors)
    seen = set()
    for i, sentence in enumerate(sentences):
        if sentence.text in seen:
            doc.trace[i] = ["no event: the same sentence appeared earlier (caption, teaser)"]
            continue
        seen.add(sentence.text)
        found, why = sentence_mentions(
            raw.origin,
            sentence,
            by_sentence["actors"][i],
            by_sentence["places"][i],
            by_sentence["holidays"][i],
            lookup,
        )
        doc.trace[i] = [f"found {why}" if found else f"no event: {why}"]
        for mention in found:
            mention.article = doc.display_title
        doc.mentions += found
    resolve_talk(doc)
    locate(doc, lookup)
    name_quoted_speakers(doc, lookup)
    for statement in name_unnamed_speakers(doc, lookup, by_sentence):
        at = sum(1 for m in doc.mentions if m.sentence.index <= statement.sentence.index)
        doc.mentions.insert(at, statement)
    borrow_leaders(doc, lookup)
    borrow_actors(doc)
    borrow_dates(doc, by_sentence, lookup)
    borrow_forum_dates(doc, lookup)
    borrow_agenda_dates(doc, by_sentence)
    date_the_lead(doc, by_sentence)
    return doc


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
    # "Earlier in the day" counts from the last day told in the same tense: a plan for May 9 is
    # not the day of the talks just reported.
    anchors = {}
    for mention in doc.mentions:
        mention.reference_day = reference.day
        tense = mention.direction == "future"
        anchor = anchors.get(tense) or anchors.get(not tense)
        if mention.expression is not None and mention.expression.form == "anchored_offset" and mention.expression.unit:
            anchor = _named_event(doc, mention)  # "on the eve of his visit": that visit, a range or not
        read_against = _with_local_year(doc, mention, reference)  # for this mention only
        mention.date, mention.specificity = date_mention(mention, read_against, anchor and anchor.date)
        mention.date = with_duration(mention)
        if mention.expression is not None and mention.expression.form == "anchored_offset":
            mention.anchored_to = anchor
        if mention.date is not None and mention.date.end is None:  # a range is no day to count from
            anchors[tense] = mention


def _named_event(doc, mention):
    """The encounter 'the eve of his visit' names: the last one dated to the day before it, else the first after."""
    dated = [
        m
        for m in doc.mentions
        if m is not mention and m.group == "encounter" and m.date is not None and m.date.precision == "day"
    ]
    before = [m for m in dated if m.sentence.index <= mention.sentence.index]
    return (before[-1] if before else dated[0]) if dated else None


LOCAL_YEAR_REACH = 1  # sentences before a yearless date that may give its year


def _with_local_year(doc, mention, reference):
    """'On 21 February 2023 ... On 22 February, he met ...': a caption or a flashback gives its own
    year; a yearless day and month just after it take that year, not the article's."""
    expr = mention.expression
    if expr is None or expr.year is not None or expr.month is None or not expr.day:
        return reference
    first = max(0, mention.sentence.index - LOCAL_YEAR_REACH)
    start, end = doc.sentences[first].start, mention.sentence.end
    years = {e.year for e in doc.expressions if start <= e.start < end and e.form == "date" and e.year}
    if len(years) != 1 or (reference.year in years):
        return reference
    year = years.pop()
    return Reference(year=year, confidence=reference.confidence, reasons=[f"the year {year} given beside it"])


def keep_or_drop(doc, mention, window, lookup) -> str | None:
    """Why a dated mention is not an event of this timeline, or None when it is."""
    if mention.date is None:
        return "no date the text supports"
    if mention.date.start.year not in window:
        return f"dated {mention.date.start.year}, outside {window.start}–{window.stop - 1}"
    if mention.direction == "future" and mention.specificity < 4:
        return "a plan without a day"  # "Xi is expected to visit in May" is not yet an event
    if mention.weak:
        return "no person or body named as taking part"
    if not mention.joint and not any(lookup.on_a_side(p) or not lookup.country(p) for p in mention.principals):
        return "only third parties take part"
    missing = set(lookup.sides) - mention_sides(mention, doc, lookup)
    if missing:
        return f"not about both sides ({', '.join(sorted(missing))} takes no part)"
    return None


def extract(raws: list[RawArticle], knowledge: Knowledge, window: range = DEFAULT_WINDOW, sides=None) -> Extraction:
    sides = tuple(sides or lexicon.DEFAULT_SIDES)
    docs = [analyse(raw, knowledge, sides) for raw in raws]
    actors = dict(knowledge.actors)
    for doc in docs:
        actors.update(doc.new_actors)
    lookup = ActorLookup(actors, sides, knowledge.places)
    for doc in docs:
        for mention in doc.mentions:
            mention.people = [slug for slug in mention.principals if lookup.is_person(slug)]
            separate_meetings(mention, lookup)
            mention.people_countries = {lookup.country(slug) for slug in mention.people}
            mention.speaker_countries = {lookup.country(s) for s in mention.principals[:1]}
            mention.about_people = [slug for slug in mention.about if lookup.is_person(slug)]
    references = infer_references(docs, knowledge, window, date_document)
    for doc in docs:
        fold_back_references(doc)
        prefer_told_day(doc)
    dated, extras, dropped = [], [], []
    for doc in docs:
        for mention in doc.mentions:
            why = keep_or_drop(doc, mention, window, lookup)
            if why is None:
                dated.append(mention)
                doc.note(mention, f"kept: {mention.kind} dated {mention.date.label}")
                continue
            doc.note(mention, f"dropped: {why}")
            dropped.append(f"{doc.origin}: '{mention.sentence.text[:60]}…' {why}")
            if mention.quotes and (not mention.weak or mention.kind == "statement"):
                extras.append(mention)
    clusters = merge(dated)
    attach(clusters, extras, {slug: actor.country for slug, actor in actors.items()})
    places = knowledge.places
    titles = {doc.origin: doc.display_title for doc in docs}
    events = [assemble(cluster, lookup, places, references, titles) for cluster in clusters]
    events.sort(key=lambda e: (e.date_start, e.date_end or e.date_start, e.title, e.citations[0].origin))
    assign_slugs(events)
    used = {slug for event in events for slug, _ in event.participants}
    return Extraction(docs, references, events, {s: a for s, a in actors.items() if s in used}, dropped)
