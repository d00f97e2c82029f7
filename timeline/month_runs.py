"""How many months an event's days run on past the month it starts in, as an expression the
database indexes, and where the events that run into a period from before it are, by it.

A period's list holds first the events that began before the period and run into it, then
those that start in it. Those that start in it are a walk of the date index from the period's
first day. Those running in were found by walking from the month the earliest of them starts
in, so one event of two years made a page of June 2023 read every event since January 2022
(at a million events, 350,000 index entries: 10-15 ms). An event whose days run on `k` months
runs into month S exactly when it starts in one of the k months before S: indexed by
(run, date_start), each run length is one range of the index, holding only such events.

SQLite only reads them so (index_pages.py; migration 0013 makes the indexes there alone):
PostgreSQL planned the ranges as a walk of its whole date index. The expression is written for
PostgreSQL too, so that the model's indexes and the tests stand on both.
"""

from datetime import date

from django.db.models import BooleanField, F, Func, IntegerField
from django.db.models.expressions import RawSQL

from .date_labels import YEAR

# More run lengths than this and a page walks from the earliest event instead: each is a range to
# read and a few lines of SQL, and events that long are rare.
MAX_RUNS = 60


class MonthsRun(Func):
    """The month an event's days end in, less the month it starts in: its end's, or for an
    open year (precision 'year', no end) December's; 0 for any other open event."""

    output_field = IntegerField()

    def __init__(self):
        super().__init__(F("date_start"), F("date_end"), F("date_precision"))

    def as_sql(self, compiler, connection, **extra_context):
        columns = (compiler.compile(expression)[0] for expression in self.source_expressions)
        return run_sql(connection.vendor, *columns), []


def run_sql(vendor: str, start: str, end: str, precision: str) -> str:
    """MonthsRun over these columns, with the database's own functions and no parameters: a
    query's expression must be the index's, word for word, for the database to use the index."""
    month = MONTH_NUMBER[vendor]
    return (
        f"(CASE WHEN {end} IS NOT NULL THEN {month(end)} - {month(start)} "
        f"WHEN {precision} = '{YEAR}' THEN 12 - {month(start, year=False)} ELSE 0 END)"
    )


def _sqlite_month(column: str, *, year: bool = True) -> str:
    number = f"CAST(substr({column}, 6, 2) AS INTEGER)"
    return f"(CAST(substr({column}, 1, 4) AS INTEGER) * 12 + {number})" if year else number


def _postgres_month(column: str, *, year: bool = True) -> str:
    number = f"CAST(EXTRACT(MONTH FROM {column}) AS integer)"
    return f"(CAST(EXTRACT(YEAR FROM {column}) AS integer) * 12 + {number})" if year else number


MONTH_NUMBER = {"sqlite": _sqlite_month, "postgresql": _postgres_month}


def months_apart(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def months_before(month: date, k: int) -> date:
    """The first day of the month `k` months before `month`."""
    number = month.year * 12 + month.month - 1 - k
    return date(number // 12, number % 12 + 1, 1)


def running_in(table: str, vendor: str, first_month: date, earliest: date, last_end: date, kinds=()) -> RawSQL | None:
    """A condition on `table` (quoted) true of exactly the events of `kinds` (any, if none) that
    start before `first_month` and run into it, given that none of them starts before `earliest`
    or ends after the month `last_end`: for each run length they can have, the months before the
    period they can start in. None when that is more than MAX_RUNS lengths. The kinds are tested
    in each range, not once beside them: SQLite would then walk the kind's dates index instead."""
    longest = months_apart(earliest, last_end)
    if longest > MAX_RUNS:
        return None
    run = run_sql(vendor, *(f"{table}.{column}" for column in ("date_start", "date_end", "date_precision")))
    start = f"{table}.date_start"
    of_kind = f"{table}.kind IN ({', '.join(['%s'] * len(kinds))}) AND " if kinds else ""
    ranges, params = [], []
    for k in range(1, longest + 1):
        ranges.append(f"({of_kind}{run} = %s AND {start} >= %s AND {start} < %s)")
        params += [*kinds, k, max(months_before(first_month, k), earliest), first_month]
    sql = f"({' OR '.join(ranges)})"  # the table's name and the expression are ours; every value is a parameter
    return RawSQL(sql, params, output_field=BooleanField())
