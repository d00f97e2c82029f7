"""Issue 12, item 4: the month chart labels its months, stays a set of named links,
has a table for those who cannot see it, and never contradicts the list beside it."""

from datetime import date

import pytest

from tests.conftest import only, parse_html, text_of, texts


@pytest.fixture
def events(make_actor, make_event):
    xi = make_actor("Xi Jinping")
    for day in (date(2023, 3, 2), date(2023, 3, 20), date(2024, 7, 1)):
        make_event(date_start=day, actors=[xi])
    make_event(date_start=date(2022, 1, 5), kind="call")


def test_the_axis_labels_each_quarter_and_each_year(client, events):
    chart = only(parse_html(client.get("/")), "figure.chart")
    assert texts(chart, "text.chart-month") == ["Jan", "Apr", "Jul", "Oct"] * 4
    assert texts(chart, "text.chart-year") == ["2022", "2023", "2024", "2025"]


def test_each_month_with_events_is_a_link_named_by_its_month_and_count(client, events):
    chart = only(parse_html(client.get("/", {"actor": "xi-jinping"})), "figure.chart")
    bars = [(bar.get("aria-label"), bar.get("href")) for bar in chart.cssselect("a.chart-bar")]
    assert bars == [
        ("March 2023: 2 events", "/?actor=xi-jinping&start=2023-03&end=2023-03"),
        ("July 2024: 1 event", "/?actor=xi-jinping&start=2024-07&end=2024-07"),
    ]


def test_a_table_stands_in_for_the_chart(client, events):
    table = only(parse_html(client.get("/")), "figure.chart table")
    assert text_of(only(table, "caption")) == "Events per month, 2022–2025"
    assert texts(table, "thead th") == ["Year", *"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), "Total"]
    rows = [texts(row, "th, td") for row in table.cssselect("tbody tr")]
    assert rows[0] == ["2022", "1", *["0"] * 11, "1"]
    assert rows[1] == ["2023", "0", "0", "2", *["0"] * 9, "2"]
    assert [row[0] for row in rows] == ["2022", "2023", "2024", "2025"]


def test_the_chart_follows_the_filters(client, events):
    table = only(parse_html(client.get("/", {"kind": "call"})), "figure.chart table")
    assert [texts(row, "td")[-1] for row in table.cssselect("tbody tr")] == ["1", "0", "0", "0"]


def test_a_page_with_a_bad_filter_draws_no_chart_as_it_lists_no_events(client, events):
    response = client.get("/", {"actor": "xi-jinping", "start": "banana"})
    assert response.status_code == 400
    tree = parse_html(response)
    assert tree.cssselect("figure.chart") == []
    assert text_of(only(tree, "#result-status")) == "No results: 1 filter to fix."


def test_the_actor_page_chart_counts_that_actor_only(client, events):
    chart = only(parse_html(client.get("/actors/xi-jinping/")), "figure.chart")
    assert [bar.get("aria-label") for bar in chart.cssselect("a.chart-bar")] == [
        "March 2023: 2 events",
        "July 2024: 1 event",
    ]
