"""Writing an extraction as a Django fixture with natural keys, byte-for-byte deterministic."""

import json
import os
import tempfile
from pathlib import Path

from .knowledge import ActorInfo
from .text import fingerprint


def _iso(day):
    return day.isoformat() if day else None


def actor_record(actor: ActorInfo) -> dict:
    return {
        "model": "timeline.actor",
        "fields": {
            "name": actor.name,
            "slug": actor.slug,
            "kind": actor.kind,
            "country": actor.country,
            "role": actor.role,
            "aliases": "\n".join(actor.aliases),
            "description": actor.description,
            "needs_review": actor.needs_review,
        },
    }


def outlet_record(name: str) -> dict:
    return {"model": "timeline.outlet", "fields": {"name": name}}


def source_record(doc, reference) -> dict:
    meta = doc.raw.meta
    return {
        "model": "timeline.source",
        "fields": {
            "title": doc.display_title,
            "outlet": [meta.publisher] if meta.publisher else None,
            "url": meta.url,
            "published_on": _iso(meta.published),
            "origin": doc.origin,
            "text": doc.text,
            "text_hash": fingerprint(doc.text),
            "language": "en",
            "reference_date": _iso(reference.day),
            "reference_note": reference.note,
            "reference_confidence": reference.confidence,
        },
    }


def event_records(event) -> list[dict]:
    records = [
        {
            "model": "timeline.event",
            "fields": {
                "title": event.title,
                "slug": event.slug,
                "kind": event.kind,
                "date_start": _iso(event.date_start),
                "date_end": _iso(event.date_end),
                "date_precision": event.date_precision,
                "date_note": event.date_note,
                "location": event.location,
                "summary": event.summary,
                "quote": event.quote,
                "status": "proposed",
                "edited": False,
                "confidence": event.confidence,
                "merge_note": event.merge_note,
            },
        }
    ]
    records += [
        {"model": "timeline.participation", "fields": {"event": [event.slug], "actor": [slug], "role": role}}
        for slug, role in event.participants
    ]
    records += [
        {
            "model": "timeline.citation",
            "fields": {
                "event": [event.slug],
                "source": [c.origin],
                "quote": c.quote,
                "quote_start": c.quote_start,
                "quote_end": c.quote_end,
                "date_text": c.date_text,
                "date_reasoning": c.date_reasoning,
            },
        }
        for c in event.citations
    ]
    return records


def fixture_records(extraction) -> list[dict]:
    """Actors and outlets first, then sources, then events with their links: the order loaddata needs."""
    records = [actor_record(extraction.actors[slug]) for slug in sorted(extraction.actors)]
    records += [outlet_record(name) for name in sorted({d.raw.meta.publisher for d in extraction.docs} - {""})]
    records += [
        source_record(doc, extraction.references[doc.origin]) for doc in sorted(extraction.docs, key=lambda d: d.origin)
    ]
    for event in extraction.events:
        records += event_records(event)
    return records


def fixture_text(extraction) -> str:
    return json.dumps(fixture_records(extraction), indent=1, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written fixture."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a fixture is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
