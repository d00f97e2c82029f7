"""Load fixtures without losing an editor's work.

Plain `loaddata` overwrites every row it names. This loader is what `make run`,
the refresh and the import use instead:
- what an editor rejected, deleted or took off an event (a Tombstone) is never
  written again;
- an event an editor edited or reviewed keeps every field and link as the
  editor left them; a new report of it from another article becomes a merge
  proposal for an editor to decide, not a silent change;
- the rest, which only the extractor owns, is added or updated, and what the
  extractor no longer proposes from the same articles is retired.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.utils.text import slugify

from .decisions import Decisions
from .models import (
    Actor,
    CalendarEntry,
    Citation,
    DataStamp,
    Event,
    Outlet,
    Participation,
    Place,
    Source,
)
from .paths import reference_fixtures

REFERENCE_FIXTURES = reference_fixtures()

# Fields an editor may have corrected on a source; an import fills them only when empty.
SOURCE_EDITOR_FIELDS = ("title", "outlet", "author", "url", "published_on", "language")
REFERENCE_MODELS = (Actor, Outlet, Place, CalendarEntry)


class FixtureError(Exception):
    pass


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    proposed_merges: int = 0
    retired: int = 0
    event_slugs: set = field(default_factory=set)  # every event this load wrote or kept
    source_origins: set = field(default_factory=set)  # every article it held

    def add(self, other: "LoadReport") -> None:
        for name in ("created", "updated", "kept", "refused"):
            getattr(self, name).update(getattr(other, name))
        self.proposed_merges += other.proposed_merges
        self.retired += other.retired
        self.event_slugs |= other.event_slugs
        self.source_origins |= other.source_origins

    def summary(self) -> str:
        parts = []
        kept = "kept as they were (already there, or edited)"
        refused = "left out (rejected or removed by an editor)"
        for label, counter in (("added", self.created), ("updated", self.updated), (kept, self.kept)):
            if counter:
                parts.append(f"{label}: " + ", ".join(f"{n} {model}" for model, n in sorted(counter.items())))
        if self.refused:
            parts.append(f"{refused}: " + ", ".join(f"{n} {model}" for model, n in sorted(self.refused.items())))
        if self.proposed_merges:
            parts.append(f"proposed for merging into reviewed events: {self.proposed_merges} report(s)")
        if self.retired:
            parts.append(f"retired (no longer proposed by the extractor): {self.retired} event(s)")
        return "; ".join(parts) or "nothing to load"


def _model_label(obj) -> str:
    return obj._meta.model_name


# --- Before deserialising: what the editors' decisions leave out ---------------


def _without_decided(records: list, decisions: Decisions, report: LoadReport) -> list:
    """The records minus rejected events (with their links) and removed links."""
    quotes: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        if record.get("model") == "timeline.citation":
            fields = record["fields"]
            quotes.setdefault(fields["event"][0], []).append((fields["source"][0], fields["quote"]))
    rejected = {
        record["fields"]["slug"]
        for record in records
        if record.get("model") == "timeline.event"
        and decisions.rejects_event(record["fields"]["slug"], quotes.get(record["fields"]["slug"], []))
    }
    kept = []
    for record in records:
        model, fields = record.get("model"), record.get("fields", {})
        if model == "timeline.event" and fields["slug"] in rejected:
            report.refused["event"] += 1
        elif model in ("timeline.participation", "timeline.citation") and fields["event"][0] in rejected:
            continue
        elif model == "timeline.participation" and decisions.removed_actor(fields["event"][0], fields["actor"][0]):
            report.refused["participation"] += 1
        elif model == "timeline.citation" and decisions.removed_citation(
            fields["event"][0], fields["source"][0], fields["quote"]
        ):
            report.refused["citation"] += 1
        else:
            kept.append(record)
    return kept


# --- Saving ------------------------------------------------------------------


def _save_reference(item, report):
    """Actors, outlets, places and calendar entries: add when missing, never overwrite."""
    obj = item.object
    if obj.pk is None:
        item.save()
        report.created[_model_label(obj)] += 1
    else:
        report.kept[_model_label(obj)] += 1


def _save_source(item, report):
    obj = item.object
    if obj.pk is None:
        item.save()
        report.created["source"] += 1
        return
    current = Source.objects.get(pk=obj.pk)
    for name in SOURCE_EDITOR_FIELDS:
        if getattr(current, name):
            setattr(obj, name, getattr(current, name))
    obj.added_at = current.added_at
    item.save()
    report.updated["source"] += 1


@dataclass
class KeptEvent:
    """An editor's event met in a fixture: what the extractor would have said about it."""

    event: Event  # the editor's, as it is in the database
    incoming: Event  # the extractor's reading, never saved as such
    people: list = field(default_factory=list)  # the extractor's (actor id, role) pairs
    proposal: Event | None = None


class Loader:
    def __init__(self, decisions: Decisions):
        self.decisions = decisions
        self.report = LoadReport()
        self.kept_events: dict[int, KeptEvent] = {}

    def save(self, item):
        model = type(item.object)
        if model in REFERENCE_MODELS:
            _save_reference(item, self.report)
        elif model is Source:
            _save_source(item, self.report)
        elif model is Event:
            self.save_event(item)
        elif model is Participation:
            self.save_participation(item)
        elif model is Citation:
            self.save_citation(item)
        else:
            raise FixtureError(f"unexpected model in fixture: {model._meta.label}")

    def save_event(self, item):
        obj = item.object
        existing = Event.objects.filter(pk=obj.pk).first() if obj.pk is not None else None
        if existing is None:
            obj.pk = None
            item.save()
            self.report.created["event"] += 1
        elif existing.status == Event.Status.REVIEWED or existing.edited:
            self.kept_events[existing.pk] = KeptEvent(existing, obj)
            self.report.kept["event"] += 1
        else:
            # Keep what the database says about this row's own history.
            obj.slug, obj.created_at, obj.merge_into_id = existing.slug, existing.created_at, existing.merge_into_id
            item.save()
            self.report.updated["event"] += 1
        self.report.event_slugs.add(existing.slug if existing else obj.slug)

    def save_participation(self, item):
        obj = item.object
        kept = self.kept_events.get(obj.event_id)
        if kept is not None:
            kept.people.append((obj.actor_id, obj.role))
            self.report.kept["participation"] += 1
        else:
            self._save_link(item)

    def save_citation(self, item):
        obj = item.object
        kept = self.kept_events.get(obj.event_id)
        if kept is None:
            self._save_link(item)
        elif obj.pk is not None or self.decisions.rejects_quote(obj.source.origin, obj.quote):
            self.report.kept["citation"] += 1
        else:
            self._propose_merge(kept, item)

    def _save_link(self, item):
        obj = item.object
        created = obj.pk is None
        item.save()
        (self.report.created if created else self.report.updated)[_model_label(obj)] += 1

    def _propose_merge(self, kept: KeptEvent, item):
        """A new report of an editor's event: a proposed event pointing at it, for an editor to merge."""
        citation = item.object
        if kept.proposal is None:
            slug = f"{kept.incoming.slug[:140]}-report-{slugify(citation.source.origin)[:50]}".rstrip("-")
            if self.decisions.canonical(slug) in self.decisions.rejected_slugs:
                self.report.refused["event"] += 1
                return
            kept.proposal = _merge_proposal(kept, slug, citation.source)
            self.report.event_slugs.add(kept.proposal.slug)
        citation.event = kept.proposal
        existing = Citation.objects.filter(
            event=kept.proposal, source=citation.source, quote_start=citation.quote_start
        ).first()
        if existing is None:
            citation.pk = None
            citation.save()
            self.report.proposed_merges += 1
        else:
            self.report.kept["citation"] += 1


def _merge_proposal(kept: KeptEvent, slug: str, source: Source) -> Event:
    incoming, target = kept.incoming, kept.event
    note = (
        f"Read in “{source.title}” as the same event as “{target.title}” ({target.date_label}), "
        "which an editor has reviewed or edited, so this report waits for an editor: merge it in, or keep it apart."
    )
    proposal, created = Event.objects.get_or_create(
        slug=slug,
        defaults={
            **incoming.description(),
            "confidence": incoming.confidence,
            "status": Event.Status.PROPOSED,
            "merge_note": note,
            "merge_into": target,
        },
    )
    if created:
        Participation.objects.bulk_create(
            [Participation(event=proposal, actor_id=actor, role=role) for actor, role in kept.people],
            ignore_conflicts=True,
        )
    return proposal


# --- Retiring what the extractor no longer proposes ------------------------------


def retire_stale(report: LoadReport, origins: set[str]) -> int:
    """Delete the extractor's own events that cite only these articles and that this
    load no longer wrote: they were machine readings, now superseded. Nothing an
    editor touched, and no merge proposal, is ever retired."""
    if not origins:
        return 0
    stale = (
        Event.objects.filter(status=Event.Status.PROPOSED, edited=False, merge_into=None)
        .exclude(slug__in=report.event_slugs)
        .exclude(citations__source__in=Source.objects.exclude(origin__in=origins))
        .filter(citations__source__origin__in=origins)
        .distinct()
    )
    ids = list(stale.values_list("pk", flat=True))
    Event.objects.filter(pk__in=ids).delete()
    return len(ids)


# --- Entry points --------------------------------------------------------------


def load_records(records: list, label: str = "fixture", retire: bool = True) -> LoadReport:
    """Load one fixture's records. Callers wrap this in a transaction."""
    decisions = Decisions.read()
    loader = Loader(decisions)
    try:
        kept = _without_decided(records, decisions, loader.report)
    except (KeyError, TypeError, IndexError) as exc:
        raise FixtureError(f"{label}: not a valid fixture (a record lacks {exc})") from exc
    try:
        # Deserialise lazily: later objects refer to earlier ones by natural key.
        for item in serializers.deserialize("python", kept):
            loader.save(item)
    except DeserializationError as exc:
        raise FixtureError(f"{label}: not a valid fixture ({exc})") from exc
    origins = {r["fields"]["origin"] for r in kept if r.get("model") == "timeline.source"}
    loader.report.source_origins = origins
    if retire and any(r.get("model") == "timeline.event" for r in records):
        loader.report.retired = retire_stale(loader.report, origins)
    DataStamp.bump()
    return loader.report


def load_text(text: str, label: str = "fixture", retire: bool = True) -> LoadReport:
    try:
        records = json.loads(text)
    except ValueError as exc:
        raise FixtureError(f"{label}: not a valid fixture ({exc})") from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FixtureError(f"{label}: not a valid fixture (expected a list of objects)")
    return load_records(records, label, retire)


def load_files(paths) -> LoadReport:
    """Load several fixture files in one transaction: all or nothing."""
    report = LoadReport()
    with transaction.atomic():
        for path in paths:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise FixtureError(f"{path}: cannot read fixture ({exc})") from exc
            report.add(load_text(text, label=str(path)))
    return report
