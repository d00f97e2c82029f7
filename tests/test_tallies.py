"""EventTally stays equal to a count of the events, whatever writes them, and the
facets read from it equal the facets counted from the events.

The expected tallies are worked out here in Python, from the events and their
actors, independently of the triggers' SQL (timeline/tally_schema.py)."""

import io
from collections import Counter
from datetime import date

import pytest
from admin_forms import event_form
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline import browse, review, tally_schema
from timeline.date_labels import YEAR
from timeline.facets import actor_counts, day_counts, kind_counts, location_counts, queryset_without
from timeline.filters import event_filter
from timeline.loading import load_text
from timeline.models import Event, EventTally, KindTally, Participation, PlaceMonthTally, PlaceTally, YearTally
from timeline.synthetic.store import clear_synthetic
from timeline.tallies import TallyScope, part_years, tally_scope


def months_of(event: Event) -> tuple[date, date]:
    last = event.date_end or (date(event.date_start.year, 12, 1) if event.date_precision == YEAR else event.date_start)
    return event.date_start.replace(day=1), last.replace(day=1)


def expected_tallies() -> Counter:
    counts = Counter()
    actors = Counter()
    for event_id, actor_id in Participation.objects.values_list("event_id", "actor_id"):
        actors[event_id, actor_id] += 1
    by_event = {}
    for event_id, actor_id in actors:
        by_event.setdefault(event_id, []).append(actor_id)
    for event in Event.objects.all():
        start, end = months_of(event)
        for actor_id in [0, *by_event.get(event.pk, [])]:
            counts[actor_id, event.kind, start, end, event.date_precision] += 1
    return counts


def stored_tallies() -> Counter:
    rows = EventTally.objects.exclude(events=0).values_list(
        "actor_id", "kind", "start_month", "end_month", "date_precision", "events"
    )
    return Counter({key: n for *key, n in rows for key in [tuple(key)]})


def expected_places(by_month: bool) -> Counter:
    counts = Counter()
    actors = dict.fromkeys(Event.objects.values_list("pk", flat=True), (0,))
    for event_id, actor_id in Participation.objects.values_list("event_id", "actor_id"):
        actors[event_id] = (*actors[event_id], actor_id)
    for event in Event.objects.all():
        months = months_of(event) if by_month else ()
        for actor_id in actors[event.pk]:
            counts[(actor_id, event.kind, *months, event.location)] += 1
    return counts


def stored_places(by_month: bool) -> Counter:
    model, months = (PlaceMonthTally, ("start_month", "end_month")) if by_month else (PlaceTally, ())
    rows = model.objects.exclude(events=0).values_list("actor_id", "kind", *months, "location", "events")
    return Counter({tuple(key): n for *key, n in rows})


def assert_tallies_match():
    expected = expected_tallies()
    assert stored_tallies() == expected
    rollup = Counter()
    for (actor_id, kind, *_), n in expected.items():
        rollup[actor_id, kind] += n
    stored_rollup = KindTally.objects.exclude(events=0).values_list("actor_id", "kind", "events")
    assert Counter({(actor_id, kind): n for actor_id, kind, n in stored_rollup}) == rollup
    by_year = Counter()
    for (actor_id, kind, start, end, _), n in expected.items():
        by_year[actor_id, kind, start.year, end.year] += n
    years = ("actor_id", "kind", "start_year", "end_year", "events")
    stored_years = YearTally.objects.exclude(events=0).values_list(*years)
    assert Counter({tuple(key): n for *key, n in stored_years}) == by_year
    assert stored_places(by_month=False) == expected_places(by_month=False)
    assert stored_places(by_month=True) == expected_places(by_month=True)
    for model in (EventTally, YearTally, KindTally, PlaceTally, PlaceMonthTally):
        assert not model.objects.filter(events__lt=0).exists()


@pytest.fixture
def actors(make_actor):
    return [make_actor(name) for name in ("Xi Jinping", "Vladimir Putin", "Sergey Lavrov")]


@pytest.fixture
def events(make_event, make_source, actors):
    xi, putin, lavrov = actors
    source = make_source()
    quote = [(source, "Xi Jinping met Vladimir Putin")]
    return [
        make_event(
            title="Summit",
            kind="summit",
            date_start=date(2023, 3, 21),
            location="Moscow",
            actors=[xi, putin],
            sources=quote,
        ),
        make_event(
            title="Visit",
            kind="visit",
            date_start=date(2023, 3, 30),
            date_end=date(2023, 4, 2),
            actors=[putin],
            sources=[(source, "in Moscow on 21 March 2023")],
        ),
        make_event(title="A year", kind="agreement", date_start=date(2022, 1, 1), date_precision="year", actors=[xi]),
        make_event(title="A month", kind="call", date_start=date(2024, 5, 1), date_precision="month", actors=[lavrov]),
        make_event(title="Nobody", kind="statement", date_start=date(2025, 2, 3), location="Beijing"),
    ]


def test_every_event_is_tallied_when_it_is_created(events):
    assert_tallies_match()
    assert stored_tallies()[0, "visit", date(2023, 3, 1), date(2023, 4, 1), "day"] == 1


def test_the_migration_counts_the_events_already_there(events):
    EventTally.objects.all().delete()
    tally_schema.rebuild(connection)
    assert_tallies_match()


def test_changing_an_events_date_or_kind_moves_its_counts(events):
    summit = events[0]
    summit.kind, summit.date_start, summit.date_end = "meeting", date(2024, 6, 30), date(2024, 7, 1)
    summit.location = "Beijing"
    summit.save()
    assert_tallies_match()
    Event.objects.filter(pk=events[2].pk).update(date_precision="day", date_start=date(2022, 8, 8))
    assert_tallies_match()


def test_saving_an_event_unchanged_leaves_the_counts_alone(events):
    before = stored_tallies()
    for event in events:
        event.save()
    assert stored_tallies() == before


def test_adding_removing_and_moving_actors_moves_their_counts(events, actors):
    xi, putin, lavrov = actors
    Participation.objects.create(event=events[4], actor=lavrov)
    assert_tallies_match()
    Participation.objects.filter(event=events[0], actor=putin).delete()
    assert_tallies_match()
    Participation.objects.filter(event=events[0], actor=xi).update(actor=lavrov)
    assert_tallies_match()
    Participation.objects.filter(event=events[3]).update(event=events[1])
    assert_tallies_match()


def test_deleting_events_and_their_actors_in_either_order_uncounts_them(events):
    events[0].delete()  # Django deletes the participations first
    assert_tallies_match()
    # A raw delete of the event alone, then of its participations (PostgreSQL defers the foreign key).
    with connection.cursor() as cursor:
        cursor.execute(
            "PRAGMA defer_foreign_keys = ON" if connection.vendor == "sqlite" else "SET CONSTRAINTS ALL DEFERRED"
        )
        cursor.execute("DELETE FROM timeline_event WHERE id = %s", [events[1].pk])
        assert_tallies_match()
        cursor.execute("DELETE FROM timeline_participation WHERE event_id = %s", [events[1].pk])
        cursor.execute("DELETE FROM timeline_citation WHERE event_id = %s", [events[1].pk])
    assert_tallies_match()


def test_an_admin_edit_of_date_kind_and_actors_is_tallied(admin_client, events, actors):
    event = events[0]
    data = event_form(event, kind="call", date_start="2024-01-15")
    response = admin_client.post(f"/admin/timeline/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:1000]
    assert Event.objects.get(pk=event.pk).kind == "call"
    assert_tallies_match()
    admin_client.post(f"/admin/timeline/event/{events[1].pk}/delete/", {"post": "yes"})
    assert not Event.objects.filter(pk=events[1].pk).exists()
    assert_tallies_match()


def test_review_merge_and_split_are_tallied(events):
    target = review.merge(events[1], events[0])
    assert_tallies_match()
    review.split(target.citations.order_by("id").last())
    assert Event.objects.count() == len(events)
    assert_tallies_match()


def test_loads_refreshes_and_synthetic_data_are_tallied(db):
    call_command("load_timeline", stdout=io.StringIO(), verbosity=0)
    assert Event.objects.exists()
    assert_tallies_match()
    call_command("generate_events", events=200, sources=20, actors=30, seed=2, force=True, stdout=io.StringIO())
    assert_tallies_match()
    clear_synthetic()  # raw deletes, no signals
    assert_tallies_match()


def test_a_load_from_text_is_tallied(db):
    from timeline.paths import TIMELINE_FIXTURE

    load_text(TIMELINE_FIXTURE.read_text(), label="timeline.json")
    assert_tallies_match()


@pytest.mark.parametrize(
    "query, tallied",
    [
        ("", True),
        ("actor=xi-jinping", True),
        ("actor=xi-jinping&kind=summit&kind=visit", True),
        ("kind=visit&start=2023-04&end=2023", True),
        ("actor=vladimir-putin&start=2023-04", True),
        ("actor=vladimir-putin&end=2023-03", True),
        ("start=2022&end=2022", True),
        ("start=2023-04", True),
        ("kind=visit&start=2023-04&end=2023-04", True),
        ("order=desc&start=2024-05&end=2024-05", True),
        ("q=&q_in=quotes&kind=call", True),
        ("start=2023-03-25", False),
        ("actor=xi-jinping&actor=vladimir-putin", False),
        ("q=summit", False),
        ("location=Moscow", False),
        ("status=reviewed", False),
    ],
)
def test_tallied_facets_equal_facets_counted_from_the_events(events, query, tallied):
    from django.http import QueryDict

    filterset = event_filter(QueryDict(query))
    assert filterset.is_valid()
    scope = tally_scope(filterset)
    assert (scope is not None) == tallied
    if not scope:
        return
    assert scope.kind_counts() == {k: n for k, n in kind_counts(queryset_without(filterset, "kind")).items() if n}
    assert scope.actor_counts() == {k: n for k, n in actor_counts(queryset_without(filterset, "actor")).items() if n}
    by_month = Counter()
    for row in day_counts(queryset_without(filterset, "start", "end")):
        by_month[row.day.replace(day=1), row.precision == YEAR] += row.count
    tallied_months = Counter()
    for row in scope.day_counts():
        tallied_months[row.day, row.precision == YEAR] += row.count
    assert tallied_months == by_month
    assert scope.count() == filterset.qs.count()
    assert scope.location_counts() == location_counts(queryset_without(filterset, "place"))


@pytest.mark.parametrize(
    "query",
    [
        "start=2023",
        "start=2023&end=2023",
        "end=2022",
        "start=2022&end=2023",
        "actor=vladimir-putin&start=2023&end=2024",
        "kind=visit&start=2023",
        "actor=xi-jinping&kind=visit&kind=summit&end=2023",
        # A period that covers part of a year: those months off EventTally, whole years off YearTally.
        "start=2022-11",
        "start=2023-03",
        "start=2023-04",
        "end=2023-01",
        "end=2023-03",
        "start=2022-12&end=2023-01",
        "start=2022-11&end=2024-02",
        "start=2023-01&end=2023-06",
        "start=2023-07&end=2024-12",
        "actor=vladimir-putin&start=2023-04&end=2023-04",
        "kind=visit&start=2023-02&end=2024-06",
        "actor=xi-jinping&kind=visit&kind=agreement&start=2022-06",
        # More than half a year: the year's tally less the other months'.
        "start=2023-02&end=2023-10",
        "end=2023-09",
        "kind=visit&start=2023-03&end=2023-11",
    ],
)
def test_the_actor_facet_over_any_period_counts_what_the_events_say(events, make_event, actors, query):
    """With events that run from one year into the next, and across months, into each period."""
    from django.http import QueryDict

    xi, putin, _ = actors
    spans = {
        "New year": ([xi, putin], date(2022, 12, 30), date(2023, 1, 2)),
        "Long stay": ([putin], date(2022, 10, 15), date(2023, 4, 10)),
        "A spring": ([xi], date(2023, 2, 1), date(2023, 3, 31)),
    }
    for title, (who, start, end) in spans.items():
        make_event(title=title, kind="visit", actors=who, date_start=start, date_end=end)
    filterset = event_filter(QueryDict(query))
    assert filterset.is_valid()
    scope = tally_scope(filterset)
    expected = {k: n for k, n in actor_counts(queryset_without(filterset, "actor")).items() if n}
    assert expected and scope.actor_counts() == expected


@pytest.mark.parametrize(
    "first, last, stretches",
    [
        ((2023, 1), (2023, 12), []),
        ((2023, 3), None, [((2023, 3), (2023, 12))]),
        (None, (2023, 1), [((2023, 1), (2023, 1))]),
        ((2023, 3), (2023, 3), [((2023, 3), (2023, 3))]),
        ((2023, 1), (2023, 6), [((2023, 1), (2023, 6))]),
        ((2022, 11), (2024, 2), [((2022, 11), (2022, 12)), ((2024, 1), (2024, 2))]),
        ((2022, 11), (2023, 12), [((2022, 11), (2022, 12))]),
    ],
)
def test_a_period_covers_part_of_a_year_only_in_its_first_and_last_months(first, last, stretches):
    def month(year_month):
        return date(*year_month, 1) if year_month else None

    assert part_years(month(first), month(last)) == [(month(a), month(b)) for a, b in stretches]


def test_the_page_reads_its_facets_from_the_tallies_not_the_events(client, events):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/?actor=vladimir-putin&kind=visit&start=2023", headers={"HX-Request": "true"})
    assert response.status_code == 200
    grouped = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    tallies = ('FROM "timeline_eventtally"', 'FROM "timeline_yeartally"', 'FROM "timeline_placemonthtally"')
    assert sum(any(table in sql for table in tallies) for sql in grouped) == 4  # kinds, months, actors, places
    counting_events = ('FROM "timeline_event"', 'FROM "timeline_participation"')
    assert not [sql for sql in grouped if sql.startswith("SELECT") and any(table in sql for table in counting_events)]


def test_every_event_counts_under_no_filters(events):
    assert TallyScope(0, (), None, None).count() == len(events) == browse.every_event().count()


def test_a_scope_reads_the_tallies_afresh_for_each_request(events, make_event):
    before = browse.every_event().count()
    make_event(title="One more", kind="call", date_start=date(2024, 6, 1))
    assert browse.every_event().count() == before + 1


def test_the_triggers_exist_after_all_migrations(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'timeline_tally_%'")
            assert {row[0] for row in cursor.fetchall()} == set(tally_schema.SQLITE_TRIGGERS)
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'timeline_tally_%'")
            assert {row[0] for row in cursor.fetchall()} == {name for name, _ in tally_schema.POSTGRES_TRIGGERS}


def query_plans(action) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plans.append(" ".join(str(row[-1]) for row in cursor.fetchall()))
    return plans


def test_the_actor_facet_over_whole_years_reads_the_year_tallies_index_ranges_only(events):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    scope = TallyScope(0, ("visit",), date(2023, 1, 1), date(2023, 12, 1))
    (plan,) = query_plans(scope.actor_counts)
    assert "SCAN" not in plan, plan
    assert "year_tally_years_idx (start_year>? AND start_year<?)" in plan and "year_tally_spanning_idx" in plan, plan


@pytest.mark.parametrize("first, last", [(date(2023, 4, 1), None), (None, date(2023, 2, 1)), (date(2022, 11, 1), None)])
def test_the_actor_facet_over_part_of_a_year_reads_index_ranges_only(events, first, last):
    """Every kind: SQLite would otherwise walk every tally in actor order to group them
    (at a million events, 50 ms for an open period from a March)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    (plan,) = query_plans(TallyScope(0, (), first, last).actor_counts)
    assert "SCAN" not in plan, plan
    assert "event_tally_months_idx (start_month>? AND start_month<?)" in plan, plan
    assert "year_tally_years_idx" in plan, plan


@pytest.mark.parametrize("first, last", [(date(2023, 4, 1), None), (date(2023, 1, 1), date(2023, 6, 1))])
def test_the_place_facet_over_a_period_reads_the_index_alone(events, first, last):
    """From the first month on, off place_month_tally_period_idx: no tally row is looked up."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    (plan,) = query_plans(TallyScope(0, (), first, last).location_counts)
    assert "COVERING INDEX place_month_tally_period_idx (actor_id=? AND end_month>?)" in plan, plan


def test_the_actor_facet_over_a_period_reads_index_ranges_only(events):
    """The tallies starting in the period off the (kind, months) index, and the events running into it
    from before off the index of tallies that span months: never every earlier month of a kind."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    scope = TallyScope(0, ("visit",), date(2023, 4, 1), date(2023, 12, 1))
    with CaptureQueriesContext(connection) as captured:
        scope.actor_counts()
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plans.append(" ".join(str(row[-1]) for row in cursor.fetchall()))
    (plan,) = plans  # one query: the two ranges as a UNION ALL
    assert "SCAN" not in plan, plan
    assert "event_tally_kind_months_idx (kind=? AND start_month>?" in plan and "event_tally_spanning_idx" in plan, plan
