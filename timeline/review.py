"""What an editor decides about a proposed event: accept, reject, merge, split.

Each decision is one transaction, and each leaves what later loads need to
respect it: an accepted or merged-into event is protected from imports, a
rejected one leaves a tombstone, and a split-off sentence is kept away from
the event it left.
"""

from django.db import transaction

from .decisions import bury_citation, bury_event
from .models import Citation, Event, EventAlias, Participation
from .slugs import free_slug


class ReviewError(Exception):
    """A decision that cannot be carried out; the message says why, for the editor."""


def awaiting_review():
    return Event.objects.filter(status=Event.Status.PROPOSED).order_by("-created_at", "-id")


@transaction.atomic
def accept(event: Event) -> Event:
    """Reviewed as it is; a merge proposal accepted this way stays a separate event."""
    event.status = Event.Status.REVIEWED
    event.merge_into = None
    event.save(update_fields=["status", "merge_into"])
    return event


@transaction.atomic
def reject(event: Event, reason: str = "", user=None) -> None:
    bury_event(event, reason=reason or "rejected in review", user=user)
    event.delete()


@transaction.atomic
def merge(event: Event, target: Event) -> Event:
    """The event's reports move to the target, which keeps its own title, date and people."""
    if event.pk == target.pk:
        raise ReviewError("An event cannot be merged into itself.")
    held = set(target.citations.values_list("source_id", "quote_start"))
    for citation in event.citations.all():
        if (citation.source_id, citation.quote_start) not in held:
            citation.event = target
            citation.save(update_fields=["event"])
    note = f"Merged in by an editor: “{event.title}” ({event.date_label})."
    target.merge_note = f"{target.merge_note}\n{note}".strip()
    target.edited = True
    target.save(update_fields=["merge_note", "edited"])
    # Later imports that still name the merged event find the target instead.
    EventAlias.objects.filter(event=event).update(event=target)
    EventAlias.objects.get_or_create(slug=event.slug, defaults={"event": target})
    event.delete()
    return target


@transaction.atomic
def split(citation: Citation, user=None) -> Event:
    """One report becomes an event of its own (a copy of the event it left, for the
    editor to correct); the old event will not be given that sentence again."""
    event = citation.event
    if event.citations.count() < 2:
        raise ReviewError("An event with a single report has nothing to split off.")
    new = Event.objects.create(
        **event.description(),
        slug=free_slug(f"{event.slug[:180]}-split"),
        confidence=event.confidence,
        status=Event.Status.PROPOSED,
        edited=True,
    )
    Participation.objects.bulk_create(
        [Participation(event=new, actor_id=p.actor_id, role=p.role) for p in event.participations.all()]
    )
    bury_citation(citation, reason="split off into its own event", user=user)
    citation.event = new
    citation.save(update_fields=["event"])
    Event.objects.filter(pk=event.pk).update(edited=True)
    return new
