"""Full-text search: the same answers on SQLite (FTS5) and PostgreSQL (GIN), and an index that follows every edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline import search_schema
from timeline.filters import filtered_events
from timeline.models import Citation, Event
from timeline.search import TextSearch, fts5_prefix_query, kept, search_events, search_words

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")


@pytest.fixture
def timeline(make_event, make_source, make_actor):
    article = make_source(
        text="The leaders discussed the Power of Siberia pipeline. Sergei Lavrov arrived on Monday.",
    )
    make_event(
        title="Xi Jinping meets Vladimir Putin in Moscow",
        summary="Talks on energy and trade.",
        sources=[(article, "The leaders discussed the Power of Siberia pipeline.")],
    )
    make_event(
        title="Lavrov visits Beijing",
        summary="Foreign ministers met.",
        sources=[(article, "Sergei Lavrov arrived on Monday.")],
    )
    make_event(title="Summit in Samarkand", summary="SCO leaders gathered.")
    make_event(title="Встреча Путина и Си", summary="Переговоры в Москве.")
    make_event(title="Wow!!! A surprise announcement", summary="")


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("putin", ["Xi Jinping meets Vladimir Putin in Moscow"]),
        ("PUTIN", ["Xi Jinping meets Vladimir Putin in Moscow"]),
        ("pipeline", ["Xi Jinping meets Vladimir Putin in Moscow"]),  # only in a quote
        ("energy moscow", ["Xi Jinping meets Vladimir Putin in Moscow"]),  # summary + title
        ("putin siberia", ["Xi Jinping meets Vladimir Putin in Moscow"]),  # title + quote
        ("lavrov monday", ["Lavrov visits Beijing"]),
        ("summ", ["Summit in Samarkand"]),  # the last word is a prefix
        ("samar summ", ["Summit in Samarkand"]),
        ("leaders", ["Summit in Samarkand", "Xi Jinping meets Vladimir Putin in Moscow"]),
        ("putin samarkand", []),  # every word must match
        ("путин", ["Встреча Путина и Си"]),
        ("xi's", ["Xi Jinping meets Vladimir Putin in Moscow"]),
        ("!!!", ["Wow!!! A surprise announcement"]),  # no words: substring fallback
        ("nothing-like-this", []),
    ],
)
def test_search_matches_every_word_in_title_summary_or_quotes(timeline, text, expected):
    assert titles(Event.objects.search(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"; DROP TABLE timeline_event; --',
        "putin OR samarkand",
        "NEAR(putin moscow)",
        "title:putin",
        "put* -moscow ^xi",
        'unbalanced "quote',
        "a & b | !c <-> d:*",
    ],
)
def test_search_treats_query_syntax_as_plain_words(timeline, text):
    result = titles(Event.objects.search(text))
    assert result in ([], ["Xi Jinping meets Vladimir Putin in Moscow"])
    assert Event.objects.count() == 5


def test_search_operators_are_not_obeyed(timeline):
    # FTS5 would read OR as "either"; here it is just another word that must appear.
    assert titles(Event.objects.search("putin OR samarkand")) == []


@pytest.mark.parametrize(
    "text",
    ["putin", "leaders", "energy moscow", "putin samarkand", "путин", "!!!", "nothing-like-this"],
)
def test_a_search_matched_once_finds_what_a_fresh_search_finds(timeline, text):
    search = TextSearch(text)
    expected = titles(Event.objects.search(text))
    assert titles(search.filter(Event.objects.all())) == expected
    # Used again, on another queryset, it applies the same matches.
    meetings = Event.objects.filter(kind="meeting")
    assert titles(search.filter(meetings)) == titles(meetings.search(text))


def reads_the_index(sql: str) -> bool:
    return search_schema.EVENT_FTS in sql if connection.vendor == "sqlite" else "@@" in sql


def test_a_page_with_a_search_reads_the_index_once_for_its_list_and_facets(client, timeline):
    """Five uses (the list and four facet counts) matched the words five times."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", {"q": "leaders"})
    assert response.status_code == 200
    assert len([q for q in captured.captured_queries if reads_the_index(q["sql"])]) == 1
    assert "Summit in Samarkand" in response.content.decode()


def test_matched_ids_go_to_the_database_as_one_parameter(db, make_event):
    """More ids than either database takes parameters (SQLite 32,766, PostgreSQL 65,535)."""
    first = make_event(title="First")
    many = list(range(first.pk, first.pk + 70_000))
    assert list(kept(many, connection.vendor).filter(Event.objects.all())) == [first]


def test_search_through_the_shared_filters(timeline):
    events, _ = filtered_events({"q": "lavrov"})
    assert titles(events) == ["Lavrov visits Beijing"]


def test_search_composes_with_other_filters(timeline):
    assert titles(Event.objects.of_kind(["meeting"]).search("leaders")) == [
        "Summit in Samarkand",
        "Xi Jinping meets Vladimir Putin in Moscow",
    ]
    assert titles(Event.objects.filter(title__startswith="Summit").search("leaders")) == ["Summit in Samarkand"]


@pytest.mark.parametrize(
    "text, words",
    [
        ("Xi  Jinping", ["xi", "jinping"]),
        ("U.S.-led order", ["u", "s", "led", "order"]),
        ('"quoted" (words)', ["quoted", "words"]),
        ("snake_case", ["snake", "case"]),
        ("!!!", []),
        ("", []),
    ],
)
def test_search_words_are_the_letter_and_digit_runs(text, words):
    assert search_words(text) == words


def test_fts5_query_quotes_each_word():
    assert fts5_prefix_query("putin") == '"putin"*'
    assert fts5_prefix_query('a"b') == '"a""b"*'


def test_search_index_follows_title_and_summary_edits(timeline):
    event = Event.objects.get(title="Summit in Samarkand")
    event.title, event.summary = "Forum in Astana", "Ministers convened."
    event.save()
    assert titles(Event.objects.search("samarkand")) == []
    assert titles(Event.objects.search("astana convened")) == ["Forum in Astana"]
    assert_index_consistent()


def test_search_index_follows_citation_edits_moves_and_deletes(timeline):
    citation = Citation.objects.get(quote__startswith="Sergei")
    citation.quote = "Sergei Lavrov landed on Tuesday."
    citation.save()
    assert titles(Event.objects.search("monday")) == []
    assert titles(Event.objects.search("tuesday")) == ["Lavrov visits Beijing"]

    citation.event = Event.objects.get(title="Summit in Samarkand")
    citation.save()
    assert titles(Event.objects.search("tuesday")) == ["Summit in Samarkand"]

    citation.delete()
    assert titles(Event.objects.search("tuesday")) == []
    assert_index_consistent()


def test_search_index_forgets_deleted_events(timeline):
    Event.objects.get(title__startswith="Xi Jinping").delete()
    assert titles(Event.objects.search("pipeline")) == []
    assert titles(Event.objects.search("putin")) == []
    assert titles(Event.objects.search("moscow")) == []
    assert_index_consistent()


def test_search_on_an_empty_database_finds_nothing(db):
    assert list(search_events(Event.objects.all(), "putin")) == []


def assert_index_consistent():
    """FTS5 can check its index against the tables it indexes; PostgreSQL's indexes need no such check."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for fts, _, _ in search_schema.FTS_TABLES:
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


@on_sqlite
def test_sqlite_search_triggers_exist_after_all_migrations(db):
    # A later migration that rebuilds timeline_event or timeline_citation drops their
    # triggers; it must call timeline.search_schema.install again (see that module).
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    assert set(search_schema.trigger_names()) <= present


@on_sqlite
def test_sqlite_search_uses_the_fts_tables(timeline, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        list(Event.objects.search("putin"))
    assert search_schema.EVENT_FTS in captured.captured_queries[0]["sql"]
    assert "LIKE" not in captured.captured_queries[0]["sql"].upper()


@on_postgres
def test_postgres_search_uses_the_gin_indexes(timeline):
    query = Event.objects.search("putin").values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "event_search_gin" in plan
    assert "citation_quote_search_gin" in plan
