"""scripts/compare_datasette.py asks Datasette for the events Chronicle shows: its SQL finds
the same events in the same order as filtered_events(), dates overlapping as Chronicle has them."""

import importlib.util
import io
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from benchmarks.scenarios import busiest_person
from timeline.filters import filtered_events
from timeline.models import Actor

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "compare_datasette.py"
spec = importlib.util.spec_from_file_location("compare_datasette", SCRIPT)
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="Datasette reads SQLite files")

BUSIEST = "BUSIEST"  # stands for the busiest person's slug, known only once the data exists


@pytest.fixture
def events(db):
    call_command("generate_events", events=600, sources=60, actors=30, stdout=io.StringIO())


def chronicle_ids(filters: dict) -> list[int]:
    events, _ = filtered_events(QueryDict(urlencode(filters, doseq=True)))
    return list(events.values_list("id", flat=True))


def datasette_ids(filters: dict) -> list[int]:
    sql, params = compare.datasette_sql(filters, columns=("e.id",), limit=None)
    connection.ensure_connection()
    return [row[0] for row in connection.connection.execute(sql, params).fetchall()]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"actor": BUSIEST, "kind": "meeting", "start": "2024", "end": "2024"},
        {"actor": BUSIEST, "kind": "meeting", "start": "2023", "end": "2023"},
        {"start": "2023-03"},
        {"start": "2023-03-15"},
        {"start": "2024-06-10", "end": "2024-07"},
        {"end": "2022-06"},
        {"start": "2023-02-15", "end": "2023-03"},
        {"kind": ["meeting", "call"], "start": "2025-01-31"},
        {"q": "talks"},
        {"q": "Moscow talks", "start": "2023"},
    ],
)
def test_datasette_sql_finds_the_events_chronicle_shows_in_its_order(events, filters):
    if filters.get("actor") == BUSIEST:
        filters = filters | {"actor": busiest_person().slug}
    expected = chronicle_ids(filters)
    assert datasette_ids(filters) == expected


def test_datasette_sql_takes_any_of_several_actors(events):
    filters = {"actor": list(Actor.objects.order_by("slug").values_list("slug", flat=True)[:2])}
    assert datasette_ids(filters) == chronicle_ids(filters)


def test_the_filtered_pair_is_not_empty_so_its_check_means_something(events):
    filters = {"actor": busiest_person().slug, "kind": "meeting", "start": "2024", "end": "2024"}
    assert chronicle_ids(filters)


def test_a_page_of_datasette_rows_is_the_first_fifty(events):
    sql, params = compare.datasette_sql({}, columns=("e.id",))
    connection.ensure_connection()
    assert [row[0] for row in connection.connection.execute(sql, params)] == chronicle_ids({})[: compare.PER_PAGE]


@pytest.mark.parametrize(
    "start, expected",
    [
        ("2023-03-15", ["march", "year-2023", "spanning"]),  # open month and year events cover their whole period
        ("2023-04", ["year-2023", "spanning"]),
        ("2024", []),
    ],
)
def test_open_ended_month_and_year_events_overlap_as_in_chronicle(make_event, start, expected):
    make_event(slug="day-before", date_start=date(2023, 3, 14), date_precision="day")
    make_event(slug="march", date_start=date(2023, 3, 1), date_precision="month")
    make_event(slug="year-2023", date_start=date(2023, 1, 1), date_precision="year")
    make_event(slug="spanning", date_start=date(2023, 2, 1), date_end=date(2023, 12, 31), date_precision="day")
    sql, params = compare.datasette_sql({"start": start}, columns=("e.slug",), limit=None)
    connection.ensure_connection()
    found = [row[0] for row in connection.connection.execute(sql, params)]
    assert sorted(found) == sorted(expected)
    assert found == list(filtered_events(QueryDict(urlencode({"start": start})))[0].values_list("slug", flat=True))
