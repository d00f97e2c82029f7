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
from typing import NamedTuple

from .date_labels import DAY, period_end, period_start
from .facets import DayCount
from .filters import ALL_ACTORS
from .models import EventTally, KindTally, PlaceMonthTally, PlaceTally, YearTally
from .sql_rows import as_date, placeholders, read_rows, table

ALL_EVENTS = 0  # the tallies' actor id for every event
# Grouped by the actor as an expression, not the column: SQLite then reads the period's range off
# the months (years) index and groups aside, instead of walking every tally in actor order to
# group as it goes (at a million events, 50 ms for an open period).
BY_ACTOR = "+actor_id"
SUM_BY_ACTOR = f"{BY_ACTOR}, SUM(events), NULL"
# q_in only says where the text search looks; with a search, q itself is not tallied.
TALLIED_FILTERS = {"actor", "actors_match", "kind", "start", "end", "order", "q_in"}


class KindTotal(NamedTuple):
    events: int
    first_month: date | None  # the month the earliest starts in
    running_in_until: date | None  # the last month any begun before the period ends in


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
    def _kinds(self) -> dict[str, KindTotal]:
        """{kind: its KindTotal} under every filter but the kinds: one query behind the kind
        facet, the number of matching events and where a page starts.
        Kept for the scope's life: make a scope per request, never one for good."""
        where = self._where(kinds=False)
        if not self.has_period:  # summed over every month: no months to read
            return {kind: KindTotal(n, None, None) for kind, n in where.read("kind, SUM(events)", group_by="kind") if n}
        columns = "kind, SUM(events), MIN(CASE WHEN events > 0 THEN start_month END), "
        if self.first_month:
            rows = where.read(
                columns + "MAX(CASE WHEN events > 0 AND start_month < %s THEN end_month END)",
                group_by="kind",
                column_params=[self.first_month],
            )
        else:
            rows = where.read(columns + "NULL", group_by="kind")
        return {kind: KindTotal(n, as_date(first), as_date(last)) for kind, n, first, last in rows if n}

    def _chosen(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def _chosen_totals(self) -> list[KindTotal]:
        return [total for kind, total in self._kinds.items() if self._chosen(kind)]

    def kind_counts(self) -> dict[str, int]:
        return {kind: total.events for kind, total in self._kinds.items()}

    def actor_counts(self) -> dict[int, int]:
        if not self.has_period:
            return _sums(self._where(actor=False).read("actor_id, SUM(events)", group_by="actor_id"))
        selects = self._actors_starting_in_period()
        if self.first_month:
            selects.append(self._actors_running_in())
        rows = read_all(*selects)  # one query
        return _sums((actor, n) for actor, n, kind in rows if kind is None or self._chosen(kind))

    def _actors_starting_in_period(self) -> list[tuple[str, list]]:
        """Selects of (actor, events, NULL) for the events that start in the period: its whole
        years off YearTally (a few rows per actor and kind a year), and only the months of a
        year the period covers in part off EventTally (one row per actor, kind, month, end month
        and precision: at a million events, every month since 2023 was 110,000 rows to sum)."""
        first, last = self.first_month, self.last_month
        first_year = first.year + (first.month > 1) if first else None  # the first whole year
        last_year = last.year - (last.month < 12) if last else None
        selects = []
        if first_year is None or last_year is None or first_year <= last_year:
            years = self._where(actor=False, period=False, overall=YearTally)
            if first_year is not None:
                years.add("start_year >= %s", first_year)
            if last_year is not None:
                years.add("start_year <= %s", last_year)
            selects.append(years.select(SUM_BY_ACTOR, group_by=BY_ACTOR))
        for months in part_years(first, last):
            selects += self._actors_starting_in_months(*months)
        return selects

    def _actors_starting_in_months(self, first: date, last: date) -> list[tuple[str, list]]:
        """Selects of (actor, events, NULL) for the events that start in the months [first, last]
        of one year: those months' tallies, or, for more than half the year, the year's tally
        less the tallies of its other months (a month is about 4,000 tallies at a million events:
        from a March, ten months to read against two)."""
        if last.month - first.month < 6:
            return [self._actors_starting_between(first, last)]
        year = self._where(actor=False, period=False, overall=YearTally)
        year.add("start_year = %s", first.year)
        selects = [year.select(SUM_BY_ACTOR, group_by=BY_ACTOR)]
        if first.month > 1:
            before = date(first.year, first.month - 1, 1)
            selects.append(self._actors_starting_between(date(first.year, 1, 1), before, sign="-"))
        if last.month < 12:
            after = date(last.year, last.month + 1, 1)
            selects.append(self._actors_starting_between(after, date(last.year, 12, 1), sign="-"))
        return selects

    def _actors_starting_between(self, first: date, last: date, sign: str = "") -> tuple[str, list]:
        """A select of (actor, events, NULL) for the events that start in the months [first, last],
        the events negative with sign "-"."""
        where = self._where(actor=False, period=False, overall=EventTally)
        where.add("start_month >= %s AND start_month <= %s", first, last)
        return where.select(f"{BY_ACTOR}, {sign}SUM(events), NULL", group_by=BY_ACTOR)

    def _actors_running_in(self) -> tuple[str, list]:
        """A select of (actor, events, kind) for the events that began before the period and run
        into it, read as they are off the index of tallies that span months (or years, when the
        period starts with a year: a few thousand rows at a million events, against tens of
        thousands), every kind, and the kinds kept by actor_counts: told the kinds, SQLite would
        walk every earlier month of them. The second condition of each lets the partial index serve."""
        first = self.first_month
        if first.month == 1:
            where = self._where(actor=False, kinds=False, period=False, overall=YearTally)
            where.add("start_year < %s AND end_year > start_year AND end_year >= %s", first.year, first.year)
            return where.select("actor_id, events, kind")
        where = self._where(actor=False, kinds=False)
        return where.select("actor_id, events, kind", "start_month < %s AND end_month > start_month", first)

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
        return sum(total.events for total in self._chosen_totals())

    def earliest_month(self) -> date | None:
        """The month the earliest matching event starts in (None when none matches, or no
        period is chosen): a page can walk the date index from there, where the period alone
        bounds only where it ends."""
        return min((total.first_month for total in self._chosen_totals() if total.first_month), default=None)

    def running_in_until(self) -> date | None:
        """The last month that any matching event begun before the period's first month ends in
        (None when none runs in): how long such events can run (month_runs.py)."""
        lasts = (total.running_in_until for total in self._chosen_totals() if total.running_in_until)
        return max(lasts, default=None)


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

    def select(
        self, columns: str, condition: str = "", *params, group_by: str = "", column_params=()
    ) -> tuple[str, list]:
        """(SQL, parameters): SELECT `columns` (with `column_params`) of the rows that meet these
        conditions and `condition` (if any)."""
        conditions = self.conditions + [condition] if condition else self.conditions
        sql = f"SELECT {columns} FROM {self.table} WHERE {' AND '.join(conditions)}"
        return (f"{sql} GROUP BY {group_by}" if group_by else sql), [*column_params, *self.params, *params]

    def read(self, columns: str, condition: str = "", *params, group_by: str = "", column_params=()) -> list[tuple]:
        return read_all(self.select(columns, condition, *params, group_by=group_by, column_params=column_params))


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


def part_years(first: date | None, last: date | None) -> list[tuple[date, date]]:
    """(first month, last month) of each stretch of the period [first, last] (months; None:
    open) that covers part of a year: the months before its first whole year and after its last."""
    stretches = []
    if first and first.month > 1:
        stretches.append((first, last if last and last.year == first.year else date(first.year, 12, 1)))
    if last and last.month < 12 and not (first and first.month > 1 and first.year == last.year):
        stretches.append((first if first and first.year == last.year else date(last.year, 1, 1), last))
    return stretches


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
