"""Issue 12, items 3 and 5: statements read as claims (speaker, whom it was said to, the
words said as the headline, an actor's own words, a search of quoted words only, speaker
and quote in the exports), and places as a facet of known places."""

import csv
import io
import json
import re
from datetime import date

import lxml.html
import pytest
from public_pages import EXPORT_PATHS

from tests.conftest import body_of
from timeline.models import Participation, Place

SPEAKER, ADDRESSEE = Participation.Role.SPEAKER, Participation.Role.ADDRESSEE


@pytest.fixture
def world(make_actor, make_source, make_event):
    xi, lavrov, putin = make_actor("Xi Jinping"), make_actor("Sergey Lavrov"), make_actor("Vladimir Putin")
    Place.objects.create(name="Moscow", slug="moscow", aliases="the Kremlin")
    Place.objects.create(name="Beijing", slug="beijing")
    Place.objects.create(name="Astana", slug="astana")  # no event there
    source = make_source(title="Talks report", text="Xi told Lavrov: “Our partners can count on us.”")
    make_event(
        title="Xi: “Our partners can count on us”",
        slug="xi-partners",
        kind="statement",
        quote="Our partners can count on us.",
        date_start=date(2023, 4, 3),
        location="Beijing",
        actors=[(xi, SPEAKER), (lavrov, ADDRESSEE)],
        sources=[(source, "Xi told Lavrov: “Our partners can count on us.”")],
    )
    make_event(
        title="Lavrov meets partners",
        slug="lavrov-partners",
        summary="Talks with partners.",
        date_start=date(2023, 5, 1),
        location="the Kremlin",
        actors=[lavrov, putin],
    )
    make_event(
        title="Putin: “=HYPERLINK(1)”",
        slug="putin-formula",
        kind="statement",
        quote="=HYPERLINK(1)",
        date_start=date(2023, 6, 1),
        location="Moscow",
        actors=[(putin, SPEAKER)],
    )
    make_event(title="A forum", slug="forum", date_start=date(2023, 7, 1), location="Samarkand")
    return {"xi": xi, "lavrov": lavrov}


def page(response):
    return lxml.html.fromstring(response.content)


def text(element) -> str:
    return " ".join(element.text_content().split())


def listed(response) -> list[str]:
    return [text(title) for title in page(response).xpath("//*[@id='event-list']//*[@class='event-title']")]


def slugs(response) -> list[str]:
    return [event["slug"] for event in json.loads(body_of(response))["events"]]


# --- Statements as claims -------------------------------------------------------


def test_a_statement_is_headed_by_its_words_and_its_speaker_on_the_timeline(client, world):
    tree = page(client.get("/", {"kind": "statement"}))
    [first, _] = tree.xpath("//*[@id='event-list']//*[@class='event-title']")
    assert text(first.xpath(".//*[@class='said-by']")[0]) == "Xi Jinping to Sergey Lavrov:"
    [link] = first.xpath(".//a")
    assert link.get("href") == "/events/xi-partners/"
    assert [text(q) for q in link.xpath("./q[@class='claim']")] == ["Our partners can count on us."]


def test_two_speakers_are_named_in_the_reports_order_on_the_timeline_and_the_event_page(client, make_actor, make_event):
    xi, putin = make_actor("Xi Jinping"), make_actor("Vladimir Putin")  # by name, Putin comes first
    make_event(
        title="Xi and Putin: “a new era”",
        slug="new-era",
        kind="statement",
        quote="a new era",
        actors=[(xi, SPEAKER), (putin, SPEAKER)],
    )
    on_timeline = page(client.get("/")).xpath("//*[@class='said-by']")
    on_event_page = page(client.get("/events/new-era/")).xpath("//header//*[@class='said-by']")
    assert [text(on_timeline[0]), text(on_event_page[0])] == ["Xi Jinping and Vladimir Putin:"] * 2


def test_other_events_keep_their_titles(client, world):
    assert "Lavrov meets partners" in listed(client.get("/"))


def test_the_event_page_heads_a_statement_with_its_words_and_names_whom_it_was_said_to(client, world):
    tree = page(client.get("/events/xi-partners/"))
    assert text(tree.xpath("//h1")[0]) == "Our partners can count on us."
    assert text(tree.xpath("//header//*[@class='said-by']")[0]) == "Xi Jinping to Sergey Lavrov:"
    roles = {
        text(li.xpath("./a")[0]): text(li.xpath("./*[@class='role']")[0])
        for li in tree.xpath("//ul[@class='actor-roles']/li")
    }
    assert roles == {"Xi Jinping": "speaker", "Sergey Lavrov": "spoken to"}


def test_an_actor_page_lists_what_the_actor_said_and_not_what_was_said_to_them(client, world):
    said = page(client.get("/actors/xi-jinping/")).xpath("//section[@aria-labelledby='said-title']")[0]
    assert text(said.xpath(".//h2")[0]) == "What Xi Jinping said"
    assert [text(li) for li in said.xpath(".//li")] == [
        "3 April 2023 Xi Jinping to Sergey Lavrov Our partners can count on us."
    ]
    assert said.xpath(".//a/@href")[-1] == "/?actor=xi-jinping&kind=statement"
    lavrov = page(client.get("/actors/sergey-lavrov/")).xpath("//section[@aria-labelledby='said-title']")[0]
    assert text(lavrov.xpath(".//p")[0]) == "No quoted words of Sergey Lavrov yet."


def test_searching_only_quoted_words_leaves_out_titles_and_summaries(client, world):
    assert listed(client.get("/", {"q": "partners"})) == [
        "Xi Jinping to Sergey Lavrov: Our partners can count on us.",
        "Lavrov meets partners",
    ]
    assert listed(client.get("/", {"q": "partners", "q_in": "quotes"})) == [
        "Xi Jinping to Sergey Lavrov: Our partners can count on us."
    ]
    assert listed(client.get("/", {"q": "meets", "q_in": "quotes"})) == []


def test_a_bad_place_to_search_is_a_clear_400_on_the_page_and_every_export(client, world):
    message = (
        "Search in: 'title' is not a place to search; use all (titles, summaries and the reported sentences) "
        "or quotes (only the words people said)."
    )
    response = client.get("/", {"q": "partners", "q_in": "title"})
    assert response.status_code == 400
    assert message in text(page(response).xpath("//*[@class='errors']")[0])
    for path in EXPORT_PATHS:
        response = client.get(path, {"q": "partners", "q_in": "title"})
        assert (response.status_code, response.content.decode()) == (400, message + "\n"), path


def test_searching_quotes_shows_as_a_chip_and_in_the_tab_title(client, world):
    tree = page(client.get("/", {"q": "partners", "q_in": "quotes"}))
    chips = [text(chip) for chip in tree.xpath("//ul[@class='chips']//a")]
    assert "Search in: only the words said (remove this filter)×" in chips
    assert tree.findtext(".//title") == "“partners” in quotes — Chronicle"


def test_where_to_search_is_left_out_of_the_address_without_words(client, world):
    tree = page(client.get("/", {"q_in": "quotes", "kind": "statement"}))
    assert tree.xpath("//a[text()='CSV']/@href") == ["/events.csv?kind=statement"]
    assert text(tree.xpath("//*[@id='result-status']")[0]) == "Showing 2 of 2 events."


@pytest.mark.parametrize("path", EXPORT_PATHS)
def test_every_export_follows_the_quoted_words_search(client, world, path):
    everything = body_of(client.get(path, {"q": "partners"}))
    quotes_only = body_of(client.get(path, {"q": "partners", "q_in": "quotes"}))
    assert b"xi-partners" in quotes_only and b"lavrov-partners" not in quotes_only
    assert b"lavrov-partners" in everything


def test_json_carries_speaker_and_quote(client, world):
    events = json.loads(body_of(client.get("/events.json", {"kind": "statement"})))["events"]
    assert [(e["slug"], e["speaker"], e["quote"]) for e in events] == [
        ("xi-partners", ["Xi Jinping"], "Our partners can count on us."),
        ("putin-formula", ["Vladimir Putin"], "=HYPERLINK(1)"),
    ]


def test_csv_carries_speaker_and_a_spreadsheet_safe_quote(client, world):
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/events.csv", {"kind": "statement"})).decode())))
    assert [(row["speaker"], row["quote"]) for row in rows] == [
        ("Xi Jinping", "Our partners can count on us."),
        ("Vladimir Putin", "'=HYPERLINK(1)"),
    ]


def test_the_extractor_records_speaker_addressee_and_quoted_words():
    from pathlib import Path

    from timeline.extraction import extract, load_reference_files
    from timeline.extraction.articles import RawArticle, SourceMeta

    text_ = "Vladimir Putin told Sergei Lavrov on Monday: “Our ties with China have never been better.”"
    article = RawArticle("told.txt", Path("told.txt"), text_, SourceMeta(published=date(2024, 5, 20)))
    [event] = extract([article], load_reference_files()).events
    assert event.kind == "statement"
    assert event.participants == [("vladimir-putin", "speaker"), ("sergey-lavrov", "addressee")]
    assert event.quote == "Our ties with China have never been better."


# --- Places ---------------------------------------------------------------------


def place_choices(response) -> list[tuple[str, str, bool]]:
    tree = page(response)
    [fieldset] = [f for f in tree.xpath("//fieldset") if text(f.xpath("./legend")[0]) == "Place"]
    return [
        (box.get("value"), text(fieldset.xpath(f".//label[@for='{box.get('id')}']")[0]), box.get("checked") is not None)
        for box in fieldset.xpath(".//input[@type='checkbox']")
    ]


def test_places_are_a_facet_of_known_places_with_counts_and_none_that_would_empty_the_page(client, world):
    assert place_choices(client.get("/")) == [
        ("moscow", "Moscow (2 events)", False),
        ("beijing", "Beijing (1 event)", False),
    ]
    # Under another filter a place with no events left is not offered; a chosen one stays, to untick.
    assert place_choices(client.get("/", {"kind": "meeting", "place": "beijing"})) == [
        ("beijing", "Beijing (0 events)", True),
        ("moscow", "Moscow (1 event)", False),
    ]


def test_a_place_matches_its_name_and_its_aliases(client, world):
    assert listed(client.get("/", {"place": "moscow"})) == ["Lavrov meets partners", "Vladimir Putin: =HYPERLINK(1)"]
    assert listed(client.get("/", {"place": ["moscow", "beijing"]}))[0].startswith("Xi Jinping to Sergey Lavrov:")


def test_free_text_location_is_kept_as_a_fallback(client, world):
    assert listed(client.get("/", {"location": "samark"})) == ["A forum"]


def test_an_unknown_place_is_a_clear_400(client, world):
    response = client.get("/events.csv", {"place": "atlantis"})
    assert response.status_code == 400
    assert response.content.decode() == (
        "Place: 'atlantis' is not a known place; choose one from the list, or use location for any words.\n"
    )


def test_a_chosen_place_shows_as_a_chip_in_the_title_and_in_every_export(client, world):
    tree = page(client.get("/", {"place": "moscow"}))
    assert "Place: Moscow (remove this filter)×" in [text(chip) for chip in tree.xpath("//ul[@class='chips']//a")]
    assert tree.findtext(".//title") == "in Moscow — Chronicle"
    assert slugs(client.get("/events.json", {"place": "moscow"})) == ["lavrov-partners", "putin-formula"]
    assert b"forum" not in body_of(client.get("/events.ics", {"place": "moscow"}))


def test_an_actor_with_no_event_under_the_filters_is_never_offered(client, world, make_actor):
    make_actor("Nobody Special")
    tree = page(client.get("/", {"actor": ["xi-jinping", "sergey-lavrov"], "actors_match": "all"}))
    offered = tree.xpath("//input[@name='actor']/@value")
    assert "nobody-special" not in offered
    assert "vladimir-putin" not in offered  # never with both of them


def test_a_download_is_named_by_its_place_and_its_quoted_words(client, world):
    response = client.get("/events.csv", {"place": "moscow", "q": "partners", "q_in": "quotes"})
    assert re.search(r'filename="timeline-moscow-partners-in-quotes-\d{8}\.csv"', response["Content-Disposition"])
