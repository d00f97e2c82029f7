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

from .date_labels import DAY, period_end, period_start
from .facets import DayCount
from .filters import ALL_ACTORS
from .models import EventTally, KindTally, PlaceMonthTally, PlaceTally, YearTally
from .sql_rows import as_date, placeholders, read_rows, table

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

    def _where(self, *, actor=True, kinds=True, period=True, by_month=EventTally, overall=KindTally) -> "Where":
        """The tallies under this scope, leaving out the parts the caller counts by: those
        kept by month (`by_month`), or with no period to keep to, those summed over every month."""
        period = period and self.has_period
        where = Where(by_month if period else overall)
        where.add("actor_id = %s" if actor else "actor_id <> %s", self.actor_id if actor else ALL_EVENTS)
        if kinds and self.kinds:
            where.add_in("kind", self.kinds)
        if period and self.first_month:
            where.add("end_month >= %s", self.first_month)
        if period and self.last_month:
            where.add("start_month <= %s", self.last_month)
        return where

    @cached_property
    def _kinds(self) -> dict[str, tuple[int, date | None]]:
        """{kind: (events, the month the earliest starts in)} under every filter but the kinds:
        one query behind the kind facet, the number of matching events and where a page starts.
        Kept for the scope's life: make a scope per request, never one for good."""
        where = self._where(kinds=False)
        if not self.has_period:  # summed over every month: no months to read
            return {kind: (n, None) for kind, n in where.read("kind, SUM(events)", group_by="kind") if n}
        rows = where.read("kind, SUM(events), MIN(CASE WHEN events > 0 THEN start_month END)", group_by="kind")
        return {kind: (n, as_date(first)) for kind, n, first in rows if n}

    def _chosen(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def kind_counts(self) -> dict[str, int]:
        return {kind: n for kind, (n, _) in self._kinds.items()}

    @property
    def whole_years(self) -> bool:
        """A period of whole years (from a January, to a December), open at either end or not."""
        starts_a_year = self.first_month is None or self.first_month.month == 1
        return self.has_period and starts_a_year and (self.last_month is None or self.last_month.month == 12)

    def actor_counts(self) -> dict[int, int]:
        if self.whole_years:
            return self._actor_counts_by_year()
        where = self._where(actor=False)
        if not self.first_month:
            return _sums(where.read("actor_id, SUM(events)", group_by="actor_id"))
        # Two index ranges, not one scan of every earlier month: the tallies starting in
        # the period, summed, and the few of events that began before it and run into it,
        # read as they are (grouped, SQLite would walk the whole table in actor order instead).
        # Those few are read off the index of tallies that span months, every kind, and the
        # kinds kept here: told the kinds, SQLite would walk every earlier month of them.
        first = self.first_month
        starting = where.select("actor_id, SUM(events), NULL", "start_month >= %s", first, group_by="actor_id")
        spanning = self._where(actor=False, kinds=False)
        earlier = spanning.select("actor_id, events, kind", "start_month < %s AND end_month > start_month", first)
        rows = read_all(starting, earlier)  # one query
        return _sums((actor, n) for actor, n, kind in rows if kind is None or self._chosen(kind))

    def _actor_counts_by_year(self) -> dict[int, int]:
        """actor_counts over whole years, from YearTally: a few rows per actor and kind a year,
        where EventTally has one per month, end month and precision (thousands a year)."""
        first = self.first_month.year if self.first_month else None
        last = self.last_month.year if self.last_month else None
        starting = self._where(actor=False, period=False, overall=YearTally)
        if first:
            starting.add("start_year >= %s", first)
        if last:
            starting.add("start_year <= %s", last)
        if not first:
            return _sums(starting.read("actor_id, SUM(events)", group_by="actor_id"))
        # The events that began in an earlier year and run into the period, off the index of those.
        earlier = self._where(actor=False, period=False, overall=YearTally)
        earlier.add("end_year > start_year AND start_year < %s AND end_year >= %s", first, first)
        sums = starting.select("actor_id, SUM(events)", group_by="actor_id")
        return _sums(read_all(sums, earlier.select("actor_id, events")))  # one query

    def day_counts(self) -> list[DayCount]:
        """Every month's events of the chosen kinds for this actor (or every event):
        the chart and the year facet span every month, whatever period is chosen."""
        where = Where(EventTally)
        where.add("actor_id = %s", self.actor_id)
        if self.kinds:
            where.add_in("kind", self.kinds)
        rows = where.read("start_month, date_precision, SUM(events)", group_by="start_month, date_precision")
        return [DayCount(as_date(month), precision, n) for month, precision, n in rows if n]

    def location_counts(self) -> dict[str, int]:
        where = self._where(by_month=PlaceMonthTally, overall=PlaceTally)
        return _sums(where.read("location, SUM(events)", "location <> ''", group_by="location"))

    def count(self) -> int:
        return sum(n for kind, (n, _) in self._kinds.items() if self._chosen(kind))

    def earliest_month(self) -> date | None:
        """The month the earliest matching event starts in (None when none matches, or no
        period is chosen): a page can walk the date index from there, where the period alone
        bounds only where it ends."""
        firsts = [first for kind, (_, first) in self._kinds.items() if self._chosen(kind) and first]
        return min(firsts, default=None)


class Where:
    """One tally table's conditions, as SQL with parameters. The page reads four tallies a
    request; written as SQL, each costs its query, where the ORM took as long again to build it."""

    def __init__(self, model):
        self.table = table(model)
        self.conditions, self.params = [], []

    def add(self, condition: str, *params):
        self.conditions.append(condition)
        self.params.extend(params)

    def add_in(self, column: str, values):
        """`column` (a name written in this module) is one of `values`."""
        self.add(f"{column} IN ({placeholders(len(values))})", *values)

    def select(self, columns: str, condition: str = "", *params, group_by: str = "") -> tuple[str, list]:
        """(SQL, parameters): SELECT `columns` of the rows that meet these conditions and `condition` (if any)."""
        conditions = self.conditions + [condition] if condition else self.conditions
        sql = f"SELECT {columns} FROM {self.table} WHERE {' AND '.join(conditions)}"
        return (f"{sql} GROUP BY {group_by}" if group_by else sql), [*self.params, *params]

    def read(self, columns: str, condition: str = "", *params, group_by: str = "") -> list[tuple]:
        return read_all(self.select(columns, condition, *params, group_by=group_by))


def read_all(*selects: tuple[str, list]) -> list[tuple]:
    """The rows of one or more Where.select()s, in one query."""
    sql = " UNION ALL ".join(select for select, _ in selects)
    return read_rows(sql, [param for _, params in selects for param in params])


def _sums(rows) -> dict:
    """{key: events} from (key, n) rows, a key's parts added up; keys with no events left out."""
    totals = Counter()
    for key, n in rows:
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
