"""What sits next to an event or an actor: related events and frequent companions."""

from django.db.models import Count, Exists, OuterRef, Q

from .models import Actor, Event, Participation

RELATED_EACH_SIDE = 4
COMPANIONS = 10
BUSY_ACTOR_EVENTS = 2000


def sharing_actors(actor_ids: list[int]):
    """A condition for events with any of these actors. For actors in thousands of
    events, EXISTS lets the database walk the date index and stop at the first few
    matches; for rarer ones, IN reads their few events (no DISTINCT join either way)."""
    theirs = Participation.objects.filter(actor__in=actor_ids).order_by()
    if theirs[:BUSY_ACTOR_EVENTS].count() < BUSY_ACTOR_EVENTS:
        return Q(pk__in=theirs.values("event_id"))
    return Exists(theirs.filter(event=OuterRef("pk")))


def related_events(event: Event, actor_ids: list[int]) -> list[Event]:
    """The events nearest in date that share an actor (any event when it has none):
    a few before and a few after, in date order."""
    candidates = Event.objects.exclude(pk=event.pk)
    if actor_ids:
        candidates = candidates.filter(sharing_actors(actor_ids))
    before = candidates.filter(date_start__lte=event.date_start).chronological(descending=True)
    after = candidates.filter(date_start__gt=event.date_start).chronological()
    return [*reversed(before[:RELATED_EACH_SIDE]), *after[:RELATED_EACH_SIDE]]


def companions(actor: Actor) -> list[dict]:
    """The actors who share most events with `actor`: [{slug, name, n}], busiest first."""
    return list(
        Participation.objects.filter(event__participations__actor=actor)
        .exclude(actor=actor)
        .values("actor__slug", "actor__name")
        .annotate(n=Count("event_id"))
        .order_by("-n", "actor__name")[:COMPANIONS]
    )
