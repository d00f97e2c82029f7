"""Which events a page lists, read off an index in the timeline's order when the filters allow.

A page is fifty events in date order. Found through the events table, a filter by
one actor reads every event of that kind up to the period's end and keeps those
the actor took part in, then sorts them: a cost that grows with the whole table.
When the filters are ones the tallies answer (one actor or none, kinds, whole months
or years: tallies.tally_scope), the page is read instead in order off an index that
holds only what matches, from the month the earliest match starts in, and stops
after fifty: a cost that stays flat as the table grows.

Both ways select the same events in the same order: the kinds and the period are
tested by the same overlap() as the filters, on the event's own columns or on their
copies in models.Appearance. tests/test_appearances.py compares them filter by filter.
"""

from .date_labels import MONTH, period_end
from .models import Appearance, overlap
from .tallies import ALL_EVENTS, TallyScope


def ordered_ids(events, scope: TallyScope | None):
    """The ids of `events` (ordered, filtered by the filterset `scope` was made from) in
    their order, as a queryset of one column to slice a page from."""
    ordering = list(events.query.order_by)
    if scope is None:
        return events.order_by(*ordering).values("pk")
    if scope.actor_id == ALL_EVENTS:
        rows, column = events, "pk"
    else:
        rows, column = _appearances(scope), "event_id"
        ordering = [_event_id(name) for name in ordering]
    if scope.first_month:
        earliest = scope.earliest_month()
        if earliest is None:
            return rows.none().values(column)
        rows = rows.filter(date_start__gte=earliest)  # implied by the filters: it only bounds the walk
    return rows.order_by(*ordering).values(column)


def _appearances(scope: TallyScope):
    rows = Appearance.objects.filter(actor_id=scope.actor_id)
    if scope.kinds:
        rows = rows.filter(kind__in=scope.kinds)
    last_day = period_end(scope.last_month, MONTH) if scope.last_month else None
    return rows.filter(overlap(scope.first_month, last_day))


def _event_id(order: str) -> str:
    """An event ordering by its id, by the appearance's event_id instead."""
    descending, name = order.startswith("-"), order.lstrip("-")
    return f"{'-' if descending else ''}{'event_id' if name in ('id', 'pk') else name}"
