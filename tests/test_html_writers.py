"""The markup written in Python rather than by the template engine (entry_html.py, facet_html.py,
the chart's bars): every value escaped exactly once, and the entry's parts where readers look."""

from collections import Counter
from datetime import date

import pytest

from tests.conftest import only, parse_html, text_of
from timeline.chart import month_chart
from timeline.entry_html import entries_html
from timeline.facet_html import kind_choices, name_choices, year_links
from timeline.facets import FacetValue
from timeline.listing import timeline_items
from timeline.models import Event

NASTY = "<b>\"x\" & 'y'</b>"


@pytest.fixture
def listed(db, make_actor, make_source, make_event):
    """A statement with awkward characters everywhere, said by one actor, reported once."""
    speaker = make_actor(f"Speaker {NASTY}")
    event = make_event(
        title=f"Talks {NASTY}",
        date_start=date(2024, 3, 1),
        location=f"Place {NASTY}",
        kind=Event.Kind.STATEMENT,
        actors=[speaker],
        sources=[(make_source(), "Speaker said so")],
    )
    event.quote = f"We agree {NASTY}"
    event.save()
    return timeline_items([event], None, lambda actor: f"/?actor={actor.slug}&x=<y>")


def test_an_entry_escapes_every_value_once(listed):
    html = entries_html(listed)
    assert "<b>" not in html and "&amp;amp;" not in html
    entry = only(parse_html(html), "article.event")
    assert text_of(only(entry, "q.claim")) == f"We agree {NASTY}"
    assert text_of(only(entry, ".event-location")) == f"Location: Place {NASTY}"
    actor = only(entry, ".event-actors a")
    assert text_of(actor) == f"Speaker {NASTY}" and actor.get("href").endswith("&x=<y>")


def test_an_entry_starts_its_year_and_month_and_says_how_often_it_was_reported(listed):
    tree = parse_html(entries_html(listed))
    assert text_of(only(tree, "h3.timeline-year")) == "2024"
    assert text_of(only(tree, "h4.timeline-period")) == "March 2024"
    entry = only(tree, "article.event")
    assert only(entry, "time").get("datetime") == listed[0].machine_date
    assert text_of(only(entry, ".badge")) == "statement"
    assert text_of(only(entry, ".review")) == "not yet reviewed"
    assert text_of(entry.cssselect(".event-facts > span")[-1]) == "1 article"


def test_the_details_link_opens_in_place_and_is_described_by_the_title(listed):
    entry = only(parse_html(entries_html(listed, focus_first=True)), "article.event")
    title = only(entry, "h5.event-title")
    link = only(entry, "a.expand")
    assert link.get("aria-describedby") == title.get("id") and link.get("hx-target") == "this"
    assert only(title, "a").get("autofocus") is not None


def test_a_compact_entry_has_no_actor_links_and_no_details(listed):
    entry = only(parse_html(entries_html(listed, compact=True)), "article.event")
    assert not entry.cssselect(".event-actors, a.expand, [autofocus]")
    assert text_of(only(entry, ".event-location")).startswith("Location: ")


def test_facet_choices_escape_their_labels_and_values_and_say_their_counts():
    values = [FacetValue("a&b", NASTY, 1, True), FacetValue("c", "C", 0, False)]
    tree = parse_html(f"<ul>{name_choices('actor', values)}</ul>")
    first, second = tree.cssselect("li")
    box = only(first, "input")
    assert (box.get("name"), box.get("value"), box.get("id")) == ("actor", "a&b", "actor-a&b")
    assert box.get("checked") is not None
    assert text_of(only(first, "label")) == f"{NASTY} (1 event)"
    # An actor or place with no events stays choosable: it may be one already chosen.
    assert only(second, "input").get("disabled") is None and text_of(second) == "C (0 events)"


def test_an_empty_kind_is_greyed_out_and_cannot_be_chosen_unless_it_is():
    values = [FacetValue("call", "call", 0, False), FacetValue("visit", "visit", 0, True)]
    empty, chosen = parse_html(f"<ul>{kind_choices(values)}</ul>").cssselect("li")
    assert "is-empty" in empty.get("class") and only(empty, "input").get("disabled") is not None
    assert only(chosen, "input").get("checked") is not None and only(chosen, "input").get("disabled") is None


def test_year_links_mark_the_current_year():
    years = [
        (FacetValue("2023", "2023", 2, False), "/?start=2023&end=2023"),
        (FacetValue("2024", "2024", 1, True), "/"),
    ]
    links = parse_html(f"<ul>{year_links(years)}</ul>").cssselect("a.pill")
    assert [(link.get("href"), link.get("hx-get"), text_of(link)) for link in links] == [
        ("/?start=2023&end=2023", "/?start=2023&end=2023", "2023 (2 events)"),
        ("/", "/", "2024 (1 event)"),
    ]
    assert links[1].get("aria-current") == "true" and links[0].get("aria-current") is None


def test_chart_bars_link_their_month_with_or_without_htmx():
    chart = month_chart(Counter({(2023, 5): 2}), Counter(), lambda y, m: f"/?start={y}-{m:02d}&x=<y>")
    (linked,) = parse_html(f"<svg>{chart.bar_links}</svg>").cssselect("a")
    (plain,) = parse_html(f"<svg>{chart.plain_bar_links}</svg>").cssselect("a")
    assert linked.get("href") == linked.get("hx-get") == "/?start=2023-05&x=<y>"
    assert plain.get("hx-get") is None and plain.get("aria-label") == "May 2023: 2 events"
    rows = parse_html(f"<table>{chart.table_rows}</table>").cssselect("tr")
    assert [text_of(row.cssselect("th")[0]) for row in rows] == ["2022", "2023", "2024", "2025"]
    assert text_of(rows[1].cssselect("td")[4]) == "2" and text_of(rows[1].cssselect("td")[-1]) == "2"
