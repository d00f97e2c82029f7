"""Facet counts read from the tallies (models.Tally) instead of counted from the events.

The tallies answer a filter set made only of one actor (or none), kinds and a
period of whole months or years: the page's usual filters, and the ones an
analyst changes most. Every
other filter set (a text search, a place, a source, the review status, a day,
several actors) is counted from the events as before
(facets.py); tally_scope says which is which, and refuses any filter it does not
know, so a filter added later is counted correctly before it is fast.

Why months answer the date filters exactly: filters.filtered_events keeps an
event when it starts on or before the last day asked for and its last day (its
end, or the end of its month or year when it has no end) falls on or after the
first day asked for. When those days are a month's (or a year's) first and last,
both tests only need the months the event starts and ends in.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.db.models import F, Min, Q, Sum

from .date_labels import DAY, period_end, period_start
from .facets import DayCount
from .filters import ALL_ACTORS
from .models import EventTally, KindTally, PlaceMonthTally, PlaceTally

ALL_EVENTS = 0  # the tallies' actor id for every event
# q_in only says where the text search looks; with a search, q itself is not tallied.
TALLIED_FILTERS = {"actor", "actors_match", "kind", "start", "end", "order", "q_in"}


@dataclass(frozen=True)
class TallyScope:
    actor_id: int
    kinds: tuple[str, ...]
    first_month: date | None  # the events must end in or after it
    last_month: date | None  # and start in or before it

    @property
    def has_period(self) -> bool:
        return bool(self.first_month or self.last_month)

    def rows(self, *, actor=True, kinds=True, period=True, by_month=EventTally, overall=KindTally):
        """The tallies under this scope, leaving out the parts the caller counts by: those
        kept by month (`by_month`), or with no period to keep to, those summed over every month."""
        period = period and self.has_period
        rows = (by_month if period else overall).objects.order_by()
        rows = rows.filter(actor_id=self.actor_id) if actor else rows.exclude(actor_id=ALL_EVENTS)
        if kinds and self.kinds:
            rows = rows.filter(kind__in=self.kinds)
        if period and self.first_month:
            rows = rows.filter(end_month__gte=self.first_month)
        if period and self.last_month:
            rows = rows.filter(start_month__lte=self.last_month)
        return rows

    @cached_property
    def _kinds(self) -> dict[str, tuple[int, date | None]]:
        """{kind: (events, the month the earliest starts in)} under every filter but the kinds:
        one query behind the kind facet, the number of matching events and where a page starts.
        Kept for the scope's life: make a scope per request, never one for good."""
        rows = self.rows(kinds=False).values_list("kind").annotate(n=Sum("events"))
        if not self.has_period:  # summed over every month: no months to read
            return {kind: (n, None) for kind, n in rows if n}
        rows = rows.annotate(first=Min("start_month", filter=Q(events__gt=0)))
        return {kind: (n, first) for kind, n, first in rows if n}

    def _chosen(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def kind_counts(self) -> dict[str, int]:
        return {kind: n for kind, (n, _) in self._kinds.items()}

    def actor_counts(self) -> dict[int, int]:
        rows = self.rows(actor=False)
        if not self.first_month:
            return _sums(rows.values_list("actor_id"))
        # Two index ranges, not one scan of every earlier month: the tallies starting in
        # the period, summed, and the few of events that began before it and run into it,
        # read as they are (grouped, SQLite would walk the whole table in actor order instead).
        starting = rows.filter(start_month__gte=self.first_month).values_list("actor_id").annotate(n=Sum("events"))
        earlier = rows.filter(start_month__lt=self.first_month, end_month__gte=self.first_month)
        earlier = earlier.filter(end_month__gt=F("start_month")).values_list("actor_id", "events")
        return _sums(starting.union(earlier, all=True), summed=True)

    def day_counts(self) -> list[DayCount]:
        rows = self._months().values_list("start_month", "date_precision").annotate(n=Sum("events"))
        return [DayCount(month, precision, n) for month, precision, n in rows if n]

    def _months(self):
        """This actor's (or every event's) tallies of the chosen kinds, month by month:
        the chart and the year facet span every month, whatever period is chosen."""
        rows = EventTally.objects.order_by().filter(actor_id=self.actor_id)
        return rows.filter(kind__in=self.kinds) if self.kinds else rows

    def location_counts(self) -> dict[str, int]:
        rows = self.rows(by_month=PlaceMonthTally, overall=PlaceTally).exclude(location="")
        return _sums(rows.values_list("location"))

    def count(self) -> int:
        return sum(n for kind, (n, _) in self._kinds.items() if self._chosen(kind))

    def earliest_month(self) -> date | None:
        """The month the earliest matching event starts in (None when none matches, or no
        period is chosen): a page can walk the date index from there, where the period alone
        bounds only where it ends."""
        firsts = [first for kind, (_, first) in self._kinds.items() if self._chosen(kind) and first]
        return min(firsts, default=None)


def _sums(rows, summed: bool = False) -> dict:
    """{key: events} from (key,) rows, or from (key, n) rows already summed in parts."""
    totals = Counter()
    for key, n in rows if summed else rows.annotate(n=Sum("events")):
        totals[key] += n
    return {key: n for key, n in totals.items() if n}


def _month_of(value) -> date:
    return date(value.year, value.month, 1)


def tally_scope(filterset) -> TallyScope | None:
    """The valid filterset's filters as tally keys, or None when the tallies cannot answer them."""
    data = filterset.form.cleaned_data
    if any(value for name, value in data.items() if name not in TALLIED_FILTERS):
        return None
    actors = list(data.get("actor") or [])
    start, end = data.get("start"), data.get("end")
    if len(actors) > 1 or (actors and data.get("actors_match") == ALL_ACTORS):
        return None
    if (start and start[1] == DAY) or (end and end[1] == DAY):
        return None
    return TallyScope(
        actor_id=actors[0].pk if actors else ALL_EVENTS,
        kinds=tuple(data.get("kind") or ()),
        first_month=period_start(*start) if start else None,
        last_month=_month_of(period_end(*end)) if end else None,
    )
