"""How a page reads a text search: matched once (search.TextSearch), its facets counted in one
query when it is the only filter (match_facets.py), and a broad search's list walked in date
order. Each way must give exactly what the plain ORM gives."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from test_search import reads_the_index

from timeline import search
from timeline.browse import facet_counts
from timeline.facets import actor_counts, day_counts, kind_counts, location_counts
from timeline.filters import ordered_events, valid_filter
from timeline.match_facets import match_counts
from timeline.models import Event
from timeline.search import TextSearch

KINDS = Event.Kind.values
PLACES = ["Moscow", "Beijing", "", "Samarkand"]


@pytest.fixture
def events(make_actor, make_source, make_event):
    """Forty events over three years; 'pipeline' is in the titles of most, in one quote,
    and 'visit' in a few, with every kind, precision, place and a mix of actors."""
    actors = [make_actor(f"Person {n}") for n in range(5)]
    article = make_source(text="Talks on the pipeline went on. Nothing else was said.")
    made = []
    for n in range(40):
        precision = ("day", "month", "year")[n % 3]
        month = 1 if precision == "year" else 1 + n % 12
        day = date(2022 + n % 3, month, 1 if precision != "day" else 1 + n % 27)
        made.append(
            make_event(
                title=f"{'Pipeline talks' if n % 4 else 'Visit'} number {n}",
                kind=KINDS[n % len(KINDS)],
                date_start=day,
                date_precision=precision,
                date_end=date(day.year, 12, 31) if n % 10 == 0 else None,
                location=PLACES[n % len(PLACES)],
                actors=actors[n % 3 : n % 3 + 1 + n % 2],
            )
        )
    make_event(title="Visit to the plant", sources=[(article, "Talks on the pipeline went on.")])
    return made


def page_list(query: str):
    """The list as the page builds it: the filters, then the facets counted, then the events."""
    filterset = valid_filter(QueryDict(query), match_text_once=True)
    facet_counts(filterset, True, False)
    return ordered_events(filterset), filterset


def counted_by_the_orm(events):
    return kind_counts(events), day_counts(events), actor_counts(events), location_counts(events)


def uses_kept_ids(sql: str) -> bool:
    """Whether a query filters by the matching ids read before (SQLite: a JSON list; PostgreSQL: an array)."""
    return "json_each" in sql or "= ANY(" in sql or "unnest" in sql


def as_compared(counts):
    kinds, days, actors, locations = counts
    by_day = sorted((str(d.day), d.precision, d.count) for d in days)
    return kinds, by_day, actors, locations


@pytest.mark.parametrize("text", ["pipeline", "visit", "number 1", "talks"])
def test_one_query_counts_a_searchs_facets_as_the_orm_does(events, text):
    matches = TextSearch(text).matches(Event, "default")
    expected = as_compared(counted_by_the_orm(Event.objects.search(text)))
    assert sum(expected[0].values()) > 0
    assert as_compared(match_counts(matches)) == expected


@pytest.mark.parametrize("text", ["pipeline", "visit", "number 1", "pipeline talks number", "talks", "nothing"])
def test_the_matches_are_the_orms_and_on_sqlite_read_off_the_indexes_alone(events, text):
    """Looking every matching id up in the events again cost 10-20% of a search on SQLite."""
    with CaptureQueriesContext(connection) as captured:
        matches = TextSearch(text).matches(Event, "default")
    [read] = [q["sql"] for q in captured.captured_queries]
    expected = sorted(Event.objects.search(text).values_list("pk", flat=True))
    kept = sorted(matches.filter(Event.objects.all()).values_list("pk", flat=True)) if matches else []
    assert kept == expected
    if connection.vendor == "sqlite":
        # Only the two FTS tables and the citations (for a quote's event): never the events' rows.
        assert 'FROM "timeline_event"' not in read and "FROM timeline_event " not in read
        assert read.count(" INTERSECT ") == len(search.search_words(text)) - 1


def test_a_search_alone_has_its_facets_counted_in_one_query(client, events):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", {"q": "pipeline"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    # Beside the one that reads the matching ids, two queries use them: the four facets, and the list.
    using = [q["sql"] for q in captured.captured_queries if uses_kept_ids(q["sql"])]
    assert len(using) == 2 and "MATERIALIZED" in using[0]
    # The page says what the ORM counts.
    meetings = Event.objects.search("pipeline").filter(kind="meeting").count()
    assert meetings > 1
    assert 'value="meeting">' in response.content.decode()
    assert f'<span class="visually-hidden">(</span>{meetings}' in response.content.decode().split('value="meeting">')[1]


@pytest.mark.parametrize(
    "query, alone",
    [
        ("q=pipeline", True),
        ("q=pipeline&order=desc", True),
        ("q=pipeline&actors_match=any", True),
        ("q=pipeline&q_in=all", True),
        ("q=pipeline&kind=meeting", False),
        ("q=pipeline&start=2023", False),
        ("q=pipeline&q_in=quotes", False),  # the quote itself is tested too
        ("q=!!!", False),  # no words: matched by substrings, with no ids to count
        ("kind=meeting", False),
    ],
)
def test_a_search_is_alone_only_when_nothing_else_narrows_the_events(db, query, alone):
    filterset = valid_filter(QueryDict(query), match_text_once=True)
    assert (filterset.search_alone() is not None) is alone
    plain = valid_filter(QueryDict(query))
    assert plain.search_alone() is None  # an export matches in its one query instead


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("query", ["q=pipeline", "q=talks&kind=meeting", "q=number&start=2023"])
def test_a_broad_searchs_list_walked_in_order_is_the_list_looked_up(events, monkeypatch, query, order):
    looked_up, _ = page_list(f"{query}&order={order}")
    expected = list(looked_up.values_list("pk", flat=True))
    monkeypatch.setattr(search, "WALK_FROM", 1)
    walked, _ = page_list(f"{query}&order={order}")
    # PostgreSQL estimates the matches and chooses its own way; only SQLite is told to walk.
    assert ("+ 0" in str(walked.query)) is (connection.vendor == "sqlite")
    assert list(walked.values_list("pk", flat=True)) == expected
    assert list(walked[3:7].values_list("pk", flat=True)) == expected[3:7]
    assert walked.count() == len(expected)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
def test_a_broad_searchs_page_walks_the_date_index_and_a_narrow_one_looks_up_its_matches(events, monkeypatch):
    def plan(walk_from):
        monkeypatch.setattr(search, "WALK_FROM", walk_from)
        listed, _ = page_list("q=pipeline")
        sql, params = listed.values("pk")[:50].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(row[-1] for row in cursor.fetchall())

    assert "event_dates_idx" in plan(1) and "TEMP B-TREE FOR ORDER BY" not in plan(1)
    assert "INTEGER PRIMARY KEY" in plan(10_000) and "TEMP B-TREE FOR ORDER BY" in plan(10_000)


def test_the_facets_of_a_search_leave_the_walk_to_the_list(events, monkeypatch):
    """Counted by walking, a facet would read every event, not only the matches."""
    monkeypatch.setattr(search, "WALK_FROM", 1)
    filterset = valid_filter(QueryDict("q=pipeline&kind=meeting"), match_text_once=True)
    with CaptureQueriesContext(connection) as captured:
        facet_counts(filterset, True, False)
    assert captured.captured_queries and not any("+ 0" in q["sql"] for q in captured.captured_queries)


def test_past_a_bound_the_matches_are_not_kept_and_each_use_matches_again(events, monkeypatch):
    monkeypatch.setattr(search, "MAX_KEPT", 3)
    expected = list(Event.objects.search("pipeline").chronological().values_list("pk", flat=True))
    filterset = valid_filter(QueryDict("q=pipeline"), match_text_once=True)
    kinds, *_ = facet_counts(filterset, True, False)
    assert sum(kinds.values()) == len(expected)
    listed = ordered_events(filterset)
    assert not uses_kept_ids(str(listed.query))
    assert list(listed.values_list("pk", flat=True)) == expected


def test_a_list_whose_facets_came_from_the_cache_matches_in_its_own_query(client, events, monkeypatch):
    """Reading every id for the list alone would cost more than matching the words in it;
    a long list (the cached count says so) is still walked in order."""
    url, hx = "/?q=pipeline", {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}
    cold = client.get(url, **hx).content
    with CaptureQueriesContext(connection) as captured:
        warm = client.get(url, **hx).content
    assert warm == cold
    sqls = [q["sql"] for q in captured.captured_queries]
    assert not any(uses_kept_ids(sql) for sql in sqls)
    (listing,) = [sql for sql in sqls if reads_the_index(sql)]
    assert "+ 0" not in listing
    monkeypatch.setattr(search, "WALK_FROM", 1)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **hx).content == cold
    (listing,) = [q["sql"] for q in captured.captured_queries if reads_the_index(q["sql"])]
    assert ("+ 0" in listing) is (connection.vendor == "sqlite")


@pytest.mark.parametrize(
    "query, kept_on_postgres",
    [("q=pipeline", True), ("q=pipeline&kind=meeting", False), ("q=pipeline+talks&start=2023", True)],
)
def test_the_matches_are_kept_where_that_pays(client, events, query, kept_on_postgres):
    """Always on SQLite; on PostgreSQL, whose one-word GIN match is cheap, for a search on its
    own or of several words."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/?{query}").status_code == 200
    kept = any(uses_kept_ids(q["sql"]) for q in captured.captured_queries)
    assert kept is (connection.vendor == "sqlite" or kept_on_postgres)


def test_postgresql_is_given_the_matches_as_an_array_it_can_count(db):
    """Given "IN (SELECT unnest(ids))", PostgreSQL took any number of matches for 200 and looked up
    every one by key (a million events, 160,000 matches: 0.7 s for the list, 1.1 s for the facets).
    As "= ANY(ids)", it reckons with all of them and walks the date index or scans instead: at a
    million events the list took 43 ms. (Its plan for a test's few events says nothing of that.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads the matches off its FTS indexes")
    Event.objects.bulk_create(
        Event(title=f"Pipeline talks {n}", slug=f"pipeline-talks-{n}", kind="meeting", date_start=date(2023, 1, 1))
        for n in range(300)
    )
    Event.objects.create(title="Something else", slug="something-else", kind="call", date_start=date(2023, 1, 2))
    matches = TextSearch("pipeline").matches(Event, "default")
    kept = matches.filter(Event.objects.all())
    sql, _ = kept.query.sql_with_params()
    assert "= ANY(" in sql and "unnest" not in sql, sql
    assert set(kept.values_list("slug", flat=True)) == {f"pipeline-talks-{n}" for n in range(300)}
    facet_sql, _ = matches.condition("event_id")
    assert facet_sql == "event_id = ANY(CAST(%s AS bigint[]))"
