"""The JSON export, in the contract of issue 5: count, filters, then every
event with its actors and sources, streamed one chunk of events at a time."""

import json

from django.http import StreamingHttpResponse

from .records import export_batches


def iso(day) -> str | None:
    return day.isoformat() if day else None


def source_json(cited) -> dict:
    source = cited.source
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": iso(source.published_on),
        "origin": source.origin,
        "quote": cited.quote,
        "date_text": cited.date_text,
    }


def event_json(event, url: str) -> dict:
    return {
        "id": event.id,
        "slug": event.slug,
        "url": url,
        "title": event.title,
        "kind": event.kind,
        "date_start": iso(event.date_start),
        "date_end": iso(event.date_end),
        "date_precision": event.date_precision,
        "date_label": event.date_label,
        "location": event.location,
        "summary": event.summary,
        "status": event.status,
        "actors": event.actors,
        "speaker": list(event.speakers),
        "quote": event.quote,
        "sources": [source_json(cited) for cited in event.citations],
    }


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_array_items(items_per_batch):
    """The inside of a JSON array, streamed: each batch of items serialised at once."""
    separator = ""
    for items in items_per_batch:
        # One dumps call per batch is much faster than one per item; strip its brackets.
        yield separator + dumps(items)[1:-1]
        separator = ", "


def stream_json_object(head: dict, array_key: str, items_per_batch):
    """{**head, array_key: [...items]} as text chunks; the keys of `head` come first."""
    opening = dumps(head)[:-1] + (", " if head else "")
    yield f"{opening}{dumps(array_key)}: ["
    yield from json_array_items(items_per_batch)
    yield "]}"


def json_response(queryset, filters: dict, event_link) -> StreamingHttpResponse:
    head = {"count": queryset.count(), "filters": filters}
    batches = (
        [event_json(event, event_link(event.slug)) for event in batch]
        for batch in export_batches(queryset, quotes=True)
    )
    return StreamingHttpResponse(stream_json_object(head, "events", batches), content_type="application/json")
