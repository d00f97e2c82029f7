"""Load fixtures without losing an editor's work.

Plain `loaddata` overwrites every row it names. This loader is what the
refresh path and `make run` use instead: it adds what is new, updates only
what the extractor still owns, and never touches an event an editor has
edited or reviewed (it may only gain new citations and actors).
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db import transaction

from .models import Actor, CalendarEntry, Citation, Event, Participation, Place, Source

BASE_DIR = Path(__file__).resolve().parent.parent
REFERENCE_FIXTURES = sorted((BASE_DIR / "fixtures" / "reference").glob("*.json"))
TIMELINE_FIXTURE = BASE_DIR / "fixtures" / "timeline.json"

# Fields an editor may have corrected on a source; an import fills them only when empty.
SOURCE_EDITOR_FIELDS = ("title", "publisher", "url", "published_on", "language")


class FixtureError(Exception):
    pass


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        kept = "kept as they were (already there, or edited)"
        for label, counter in (("added", self.created), ("updated", self.updated), (kept, self.kept)):
            if counter:
                parts.append(f"{label}: " + ", ".join(f"{n} {model}" for model, n in sorted(counter.items())))
        return "; ".join(parts) or "nothing to load"


def _model_label(obj) -> str:
    return obj._meta.model_name


def _is_protected(event_pk) -> bool:
    return event_pk is not None and Event.objects.filter(pk=event_pk).protected().exists()


def _save_reference(item, report):
    """Actors, places and calendar entries: add when missing, never overwrite."""
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
    item.save()
    report.updated["source"] += 1


def _save_event(item, report, protected_events):
    obj = item.object
    if obj.pk is None:
        item.save()
        report.created["event"] += 1
    elif _is_protected(obj.pk):
        protected_events.add(obj.pk)
        report.kept["event"] += 1
    else:
        item.save()
        report.updated["event"] += 1


def _save_link(item, report, protected_events):
    """Participations and citations: new ones always; changes only on unprotected events."""
    obj = item.object
    if obj.pk is None:
        item.save()
        report.created[_model_label(obj)] += 1
    elif obj.event_id in protected_events:
        report.kept[_model_label(obj)] += 1
    else:
        item.save()
        report.updated[_model_label(obj)] += 1


def load_objects(items) -> LoadReport:
    report = LoadReport()
    protected_events: set[int] = set()
    for item in items:
        model = type(item.object)
        if model in (Actor, Place, CalendarEntry):
            _save_reference(item, report)
        elif model is Source:
            _save_source(item, report)
        elif model is Event:
            _save_event(item, report, protected_events)
        elif model in (Participation, Citation):
            _save_link(item, report, protected_events)
        else:
            raise FixtureError(f"unexpected model in fixture: {model._meta.label}")
    return report


def load_text(text: str, label: str = "fixture") -> LoadReport:
    """Load one fixture's JSON text. Callers wrap this in a transaction."""
    try:
        # Deserialise lazily: later objects refer to earlier ones by natural key.
        return load_objects(serializers.deserialize("json", text))
    except DeserializationError as exc:
        raise FixtureError(f"{label}: not a valid fixture ({exc})") from exc


def load_files(paths) -> LoadReport:
    """Load several fixture files in one transaction: all or nothing."""
    report = LoadReport()
    with transaction.atomic():
        for path in paths:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise FixtureError(f"{path}: cannot read fixture ({exc})") from exc
            part = load_text(text, label=str(path))
            for name in ("created", "updated", "kept"):
                getattr(report, name).update(getattr(part, name))
    return report
