"""What sits next to an event or an actor: related events and frequent companions."""

from django.db.models import Count

from .models import Actor, Event, Participation
from .sql_rows import as_date, read_rows

RELATED_EACH_SIDE = 4
COMPANIONS = 10


# For each actor, its nearest events on one side of a day, read backwards or forwards off the
# appearances' date index and stopped after a few: one statement for every actor and both sides.
NEAREST = (
    "SELECT * FROM (SELECT event_id, date_start FROM timeline_appearance "
    "WHERE actor_id = %s AND event_id <> %s AND date_start {test} %s "
    "ORDER BY date_start {order}, event_id {order} LIMIT %s) {alias}"
)


def nearest_sharing(event: Event, actor_ids: list[int]) -> list[int]:
    """The ids of the events nearest in date to `event` that share one of its actors: up to
    RELATED_EACH_SIDE before it (or on its day) and after it. Read per actor, so the cost
    stays that of a few index entries however many events the actors have."""
    parts, params = [], []
    for n, actor_id in enumerate(sorted(set(actor_ids))):
        for side, (test, order) in enumerate((("<=", "DESC"), (">", "ASC"))):
            parts.append(NEAREST.format(test=test, order=order, alias=f"side_{n}_{side}"))
            params += [actor_id, event.pk, event.date_start, RELATED_EACH_SIDE]
    rows = {event_id: as_date(day) for event_id, day in read_rows(" UNION ALL ".join(parts), params)}
    before = sorted((day, pk) for pk, day in rows.items() if day <= event.date_start)[-RELATED_EACH_SIDE:]
    after = sorted((day, pk) for pk, day in rows.items() if day > event.date_start)[:RELATED_EACH_SIDE]
    return [pk for _, pk in before + after]


def related_events(event: Event, actor_ids: list[int]) -> list[Event]:
    """The events nearest in date that share an actor (any event when it has none):
    a few before and a few after, in date order."""
    if actor_ids:
        return list(Event.objects.filter(pk__in=nearest_sharing(event, actor_ids)).chronological())
    candidates = Event.objects.exclude(pk=event.pk)
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
