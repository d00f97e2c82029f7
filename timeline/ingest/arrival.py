"""Proposing a new article's events at once, whatever the size of the database.

Reading every held article again for each import would grow with the archive. A new
article is read with the articles of its own weeks instead (the dates it speaks of,
read once alone first, give the weeks), which is the context its dates and its merges
need. Only what the new article reports is loaded; the rest of the timeline is not
touched until a full refresh.
"""

from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.db.models import Q

from timeline.extraction import extract
from timeline.extraction.articles import RawArticle, SourceMeta
from timeline.extraction.fixture import fixture_records
from timeline.knowledge_source import load_knowledge
from timeline.loading import LoadReport, load_records
from timeline.models import Citation, Source

# A visit is announced, held and commented on within a few weeks; the same day's reports come first.
CONTEXT_MARGINS = (3, 14, 45)  # days either side of what the new article tells
CONTEXT_LIMIT = 40  # articles read as context: about half a second of extraction for long real articles


def raw_article(source: Source) -> RawArticle:
    """A held article as the extractor reads it."""
    meta = SourceMeta(title=source.title, publisher=source.publisher, url=source.url, published=source.published_on)
    return RawArticle(origin=source.origin, path=Path(source.origin), text=source.text, meta=meta)


def extract_arrivals(new: list[RawArticle]) -> LoadReport:
    """Propose the events of the new articles. Callers hold a transaction."""
    knowledge = load_knowledge()
    context = [raw_article(source) for source in context_sources(new, knowledge)]
    extraction = extract([*new, *context], knowledge)
    records = arrival_records(fixture_records(extraction), {raw.origin for raw in new})
    return load_records(records, label="the new article", retire=False)


def context_sources(new: list[RawArticle], knowledge) -> list[Source]:
    """The held articles nearest in time to what the new ones tell: first those of the same
    days, then of the same weeks, up to CONTEXT_LIMIT."""
    alone = extract(new, knowledge)
    days = [event.date_start for event in alone.events] + [raw.meta.published for raw in new if raw.meta.published]
    held = Source.objects.exclude(origin__in=[raw.origin for raw in new]).select_related("outlet")
    if not days:
        return list(held.order_by("-added_at")[:CONTEXT_LIMIT])
    chosen: dict[int, Source] = {}
    for margin in CONTEXT_MARGINS:
        start, end = min(days) - timedelta(days=margin), max(days) + timedelta(days=margin)
        near = Q(published_on__range=(start, end)) | Q(reference_date__range=(start, end))
        near |= Q(id__in=Citation.objects.filter(event__date_start__range=(start, end)).values("source_id"))
        for source in held.filter(near).exclude(pk__in=list(chosen)).order_by("-published_on", "pk"):
            if len(chosen) >= CONTEXT_LIMIT:
                return list(chosen.values())
            chosen[source.pk] = source
    return list(chosen.values())


def arrival_records(records: list[dict], new_origins: set[str]) -> list[dict]:
    """The fixture records that concern the new articles: reference rows, the new sources,
    and the events that cite them. An event that also cites held reports takes the name of
    the event already holding those reports, so that it merges into it rather than doubling it."""
    events = _events_with_links(records)
    kept = [event for event in events.values() if _cites(event, new_origins)]
    renamed = {event["record"]["fields"]["slug"]: _existing_slug(event, new_origins) for event in kept}
    out = [r for r in records if r["model"] in ("timeline.actor", "timeline.outlet")]
    out += [r for r in records if r["model"] == "timeline.source" and r["fields"]["origin"] in new_origins]
    for event in kept:
        slug = event["record"]["fields"]["slug"]
        new_slug = renamed[slug] or slug
        for record in (event["record"], *event["links"]):
            fields = dict(record["fields"])
            if record["model"] == "timeline.event":
                fields["slug"] = new_slug
            else:
                fields["event"] = [new_slug]
            out.append({**record, "fields": fields})
    return out


def _events_with_links(records) -> dict[str, dict]:
    events: dict[str, dict] = {}
    for record in records:
        if record["model"] == "timeline.event":
            events[record["fields"]["slug"]] = {"record": record, "links": []}
        elif record["model"] in ("timeline.participation", "timeline.citation"):
            events[record["fields"]["event"][0]]["links"].append(record)
    return events


def _citations(event) -> list[dict]:
    return [link["fields"] for link in event["links"] if link["model"] == "timeline.citation"]


def _cites(event, origins: set[str]) -> bool:
    return any(c["source"][0] in origins for c in _citations(event))


def _existing_slug(event, new_origins: set[str]) -> str | None:
    """The event that already cites most of this one's held reports, if any."""
    held = [(c["source"][0], c["quote_start"]) for c in _citations(event) if c["source"][0] not in new_origins]
    if not held:
        return None
    query = Q()
    for origin, start in held:
        query |= Q(source__origin=origin, quote_start=start)
    slugs = Counter(Citation.objects.filter(query).values_list("event__slug", flat=True))
    return slugs.most_common(1)[0][0] if slugs else None
