"""A period's page reads the events running into it from before by how many months they run
(month_runs.py), and lists what the filters list, page by page, in either order."""

import io
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from timeline.filters import filtered_events
from timeline.index_pages import _running_in
from timeline.listing import PER_PAGE, events_of_page
from timeline.models import Actor, Event, overlap
from timeline.month_runs import MAX_RUNS, MonthsRun, months_apart, months_before, running_in
from timeline.tallies import ALL_EVENTS, TallyScope, tally_scope


def expected_run(event: Event) -> int:
    if event.date_end is not None:
        return months_apart(event.date_start, event.date_end)
    return 12 - event.date_start.month if event.date_precision == "year" else 0


def test_months_run_counts_the_months_an_event_runs_on_past_its_first(make_event):
    made = [
        make_event(date_start=date(2023, 3, 21)),
        make_event(date_start=date(2023, 3, 1), date_precision="month"),
        make_event(date_start=date(2023, 1, 1), date_precision="year"),
        make_event(date_start=date(2023, 3, 30), date_end=date(2023, 4, 2)),
        make_event(date_start=date(2022, 11, 5), date_end=date(2024, 2, 1)),
        make_event(date_start=date(2023, 5, 1), date_end=date(2023, 5, 31), date_precision="month"),
        make_event(date_start=date(2023, 1, 1), date_end=date(2024, 12, 31), date_precision="year"),
    ]
    runs = dict(Event.objects.annotate(run=MonthsRun()).values_list("pk", "run"))
    assert [runs[event.pk] for event in made] == [0, 0, 11, 1, 15, 0, 23]
    assert all(runs[event.pk] == expected_run(event) for event in made)


def test_months_before_crosses_years():
    assert months_before(date(2023, 3, 1), 1) == date(2023, 2, 1)
    assert months_before(date(2023, 3, 1), 3) == date(2022, 12, 1)
    assert months_before(date(2023, 1, 1), 25) == date(2020, 12, 1)


@pytest.fixture
def spans(db):
    """Generated events, with runs of every length a page must find: long ranges, open years, ranges
    of a few months, and some that cross a year."""
    call_command("generate_events", events=1200, sources=30, actors=10, seed=11, force=True, stdout=io.StringIO())
    for i, event in enumerate(Event.objects.order_by("pk")[:90]):
        if i % 3 == 0:  # a long range, up to the end of the next year
            event.date_precision, event.date_end = "day", date(event.date_start.year + 1, 12, 31)
        elif i % 3 == 1:  # an open year
            event.date_precision, event.date_start, event.date_end = "year", date(event.date_start.year, 1, 1), None
        else:  # a few months
            month = event.date_start.month + 1 + i % 5
            event.date_precision = "day"
            event.date_end = date(event.date_start.year + (month > 12), (month - 1) % 12 + 1, 1)
        event.save(update_fields=["date_precision", "date_start", "date_end"])


FIRST_MONTHS = [date(2022, 3, 1), date(2023, 1, 1), date(2023, 6, 1), date(2023, 12, 1), date(2024, 7, 1)]


@pytest.mark.parametrize("kinds", [(), ("meeting",), ("meeting", "statement")])
@pytest.mark.parametrize("first_month", FIRST_MONTHS)
def test_the_run_ranges_hold_exactly_the_events_begun_before_a_period_and_running_into_it(spans, first_month, kinds):
    scope = TallyScope(ALL_EVENTS, kinds, first_month, None)
    earliest, last_end = scope.earliest_month(), scope.running_in_until()
    expected = Event.objects.filter(overlap(first_month), date_start__lt=first_month)
    expected = set((expected.filter(kind__in=kinds) if kinds else expected).values_list("pk", flat=True))
    assert expected, "the fixture has events running into every period tried"
    table = connection.ops.quote_name("timeline_event")
    condition = running_in(table, connection.vendor, first_month, earliest, last_end, kinds)
    assert set(Event.objects.filter(condition).values_list("pk", flat=True)) == expected


PERIODS = [("2023", None), ("2023-06", "2023-08"), ("2022-03", "2024"), ("2024-07", None), ("2023-12", None)]


def periods() -> list[str]:
    chosen = []
    for start, end in PERIODS:
        params = {"start": start} | ({"end": end} if end else {})
        chosen += [urlencode(params), urlencode(params | {"order": "desc"})]
    chosen += ["start=2023-06&kind=meeting", "start=2023&kind=meeting&kind=statement&order=desc"]
    return chosen


@pytest.mark.parametrize("query", periods())
def test_every_page_of_a_period_lists_what_the_filters_list(spans, query):
    events, filterset = filtered_events(QueryDict(query))
    scope = tally_scope(filterset)
    if connection.vendor == "sqlite":
        assert _running_in(events, scope) is not None, "read by the run ranges"
    expected = list(events.values_list("pk", flat=True))
    begun = events.filter(date_start__lt=scope.first_month).count()
    # Every page, and pages that start just before, at and just after the end of the events running in.
    descending = "order=desc" in query
    boundary = len(expected) - begun if descending else begun
    firsts = {*range(0, len(expected), PER_PAGE), max(0, boundary - 3), boundary, boundary + 1, len(expected) - 1}
    for first in sorted(firsts):
        page = [event.pk for event in events_of_page(events, first, first + PER_PAGE, scope)]
        assert page == expected[first : first + PER_PAGE], (query, first)


def test_a_page_of_an_actor_or_with_no_event_running_in_walks_as_before(spans):
    actor = Actor.objects.order_by("slug").first().slug
    for query in [f"start=2023&actor={actor}", "start=2022-01", "end=2023-06"]:
        events, filterset = filtered_events(QueryDict(query))
        assert _running_in(events, tally_scope(filterset)) is None, query
        expected = list(events.values_list("pk", flat=True))
        assert [e.pk for e in events_of_page(events, 0, PER_PAGE, tally_scope(filterset))] == expected[:PER_PAGE]


def test_runs_longer_than_the_limit_fall_back_to_the_walk(spans):
    Event.objects.filter(pk=Event.objects.order_by("pk").first().pk).update(
        date_start=date(2017, 1, 5), date_end=date(2024, 12, 31)
    )
    events, filterset = filtered_events(QueryDict("start=2023-06"))
    scope = tally_scope(filterset)
    assert months_apart(scope.earliest_month(), scope.running_in_until()) > MAX_RUNS
    assert _running_in(events, scope) is None
    expected = list(events.values_list("pk", flat=True))
    assert [e.pk for e in events_of_page(events, 0, PER_PAGE, scope)] == expected[:PER_PAGE]


@pytest.mark.parametrize(
    "query, ranges, walk",
    [
        (
            "start=2023-06&end=2023-08",
            "COVERING INDEX event_run_idx (<expr>=? AND date_start>? AND date_start<?)",
            "SEARCH timeline_event USING INDEX event_dates_idx (date_start>? AND date_start<?)",
        ),
        (
            "start=2023-06&kind=meeting",
            "COVERING INDEX event_kind_run_idx (<expr>=? AND kind=? AND date_start>? AND date_start<?)",
            "SEARCH timeline_event USING COVERING INDEX event_kind_dates_idx (kind=? AND date_start>?)",
        ),
    ],
)
def test_the_events_running_in_are_read_off_the_run_ranges_not_by_a_walk_of_the_dates(spans, query, ranges, walk):
    """SQLite: each run length is a range of a run index, read alone; the dates are walked only
    from the period's first day (at a million events, from the earliest event running in, they
    were 350,000 entries for June 2023)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    events, filterset = filtered_events(QueryDict(query))
    scope = tally_scope(filterset)
    scope.count()  # the tallies read before, as the page reads them for its count
    with CaptureQueriesContext(connection) as captured:
        list(events_of_page(events, 0, PER_PAGE, scope))
    (read,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {read['sql']}")
        plan = [str(row[-1]) for row in cursor.fetchall()]
    assert "MULTI-INDEX OR" in plan, plan
    assert any(ranges in step for step in plan), plan
    assert [step for step in plan if "_dates_idx" in step] == [walk], plan


def test_queries_of_kinds_alone_keep_the_kinds_dates_index(spans):
    """The run indexes lead with the run, so a query that tests kinds but no run (an export, a
    facet counted from the events) is never read off them instead of event_kind_dates_idx."""
    if connection.vendor != "sqlite":
        pytest.skip("the run indexes are SQLite's")
    queries = [
        Event.objects.filter(kind="meeting").chronological().values("id"),
        Event.objects.filter(kind__in=["meeting", "call"]).values("kind").annotate(n=Count("id")),
        Event.objects.filter(kind="visit", date_start__gte=date(2024, 1, 1)).values("id", "date_start"),
    ]
    for queryset in queries:
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "run_idx" not in plan and "event_kind_dates_idx" in plan, plan
