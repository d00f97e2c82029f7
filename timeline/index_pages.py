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

from django.db import connections
from django.db.models.expressions import RawSQL

from .date_labels import MONTH, period_end
from .models import Appearance, Event, overlap
from .month_runs import running_in
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


def page_ids(events, scope: TallyScope | None, first: int, stop: int):
    """The ids of events[first:stop] (ordered, filtered by the filterset `scope` was made
    from), as a subquery. When events run into the period from before it, the list is those
    (read by how long they run: month_runs.py) and then the events starting in it (a walk from
    the period's first day), each read in order up to `stop` and joined in one query."""
    begun = _running_in(events, scope)
    if begun is None:
        return ordered_ids(events, scope)[first:stop]
    ordering = list(events.query.order_by)
    starting = events.filter(date_start__gte=scope.first_month)
    parts = [part.order_by(*ordering).values("id", "date_start", "date_end")[:stop] for part in (begun, starting)]
    descending = ordering[0].startswith("-")
    if descending:
        parts.reverse()
    (first_sql, first_params), (then_sql, then_params) = (
        part.query.get_compiler(using=part.db).as_sql() for part in parts
    )
    way = "DESC" if descending else "ASC"
    sql = (
        f"SELECT id FROM (SELECT 0 AS part, a.* FROM ({first_sql}) a UNION ALL SELECT 1, b.* FROM ({then_sql}) b) p "
        f"ORDER BY part, date_start {way}, date_end {way}, id {way} LIMIT {int(stop - first)} OFFSET {int(first)}"
    )
    return RawSQL(sql, (*first_params, *then_params))


def _running_in(events, scope: TallyScope | None):
    """The events that begin before the period and run into it, read by their run lengths, when
    some do, every actor is listed and the runs are few; else None.

    Read by the run ranges alone: they hold exactly those events (month_runs.running_in), and
    any other condition made the database look up every one of their rows (at a million events,
    14,000 rows for June 2023: 2 ms read off the index, 18 ms with the period's own test beside).
    SQLite only: PostgreSQL walked its whole date index for them (migration 0013 says more)."""
    connection = connections[events.db]
    if connection.vendor != "sqlite" or scope is None or scope.actor_id != ALL_EVENTS or not scope.first_month:
        return None
    earliest, last_end = scope.earliest_month(), scope.running_in_until()
    if earliest is None or last_end is None or earliest >= scope.first_month:
        return None
    table = connection.ops.quote_name(Event._meta.db_table)
    condition = running_in(table, connection.vendor, scope.first_month, earliest, last_end, scope.kinds)
    return None if condition is None else Event.objects.using(events.db).filter(condition)


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
