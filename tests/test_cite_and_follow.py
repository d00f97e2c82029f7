"""Issue 12, item 8: a citation to copy on every event page, and an Atom feed of
every filtered view, with the same filters as the page and the exports."""

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import lxml.html
import pytest

from timeline.citing import bibtex_text

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world(make_actor, make_source, make_event):
    xi, lavrov = make_actor("Xi Jinping"), make_actor("Sergey Lavrov")
    tass = make_source(
        title="Xi & Putin talk {trade}",
        publisher="TASS",
        url="https://tass.example/1",
        published_on=date(2023, 3, 22),
        text="Xi Jinping met Vladimir Putin in Moscow on 21 March 2023.",
    )
    old = make_event(
        title="Xi and Putin meet",
        slug="2023-03-21-xi-and-putin-meet",
        date_start=date(2023, 3, 21),
        actors=[xi],
        sources=[(tass, "Xi Jinping met Vladimir Putin in Moscow on 21 March 2023.")],
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    new = make_event(
        title="Lavrov calls Wang Yi",
        kind="call",
        date_start=date(2024, 2, 1),
        date_precision="month",
        actors=[lavrov],
        created_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    return {"old": old, "new": new}


def page(response):
    return lxml.html.fromstring(response.content)


def text_of(tree, element_id: str) -> str:
    return tree.get_element_by_id(element_id).text_content()


def feed_entries(response) -> list[dict]:
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


# --- The feed -----------------------------------------------------------------


def test_the_feed_is_atom_with_the_newest_additions_first(client, world):
    response = client.get("/events.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = feed_entries(response)
    assert [entry["title"] for entry in entries] == [
        "February 2024: Lavrov calls Wang Yi",
        "21 March 2023: Xi and Putin meet",
    ]
    assert entries[1]["link"] == "http://testserver/events/2023-03-21-xi-and-putin-meet/"
    assert "Reported in Xi & Putin talk {trade} (https://tass.example/1)" in entries[1]["summary"]


def test_the_feed_follows_the_same_filters_as_the_page(client, world):
    entries = feed_entries(client.get("/events.atom", {"actor": "xi-jinping", "kind": "meeting"}))
    assert [entry["title"] for entry in entries] == ["21 March 2023: Xi and Putin meet"]
    root = ET.fromstring(client.get("/events.atom", {"actor": "xi-jinping"}).content)
    assert root.findtext(f"{ATOM}title") == "Chronicle: China–Russia relations: Xi Jinping"


def test_a_bad_filter_gives_the_feed_the_same_clear_400(client, world):
    response = client.get("/events.atom", {"start": "banana"})
    assert response.status_code == 400
    assert response.content.decode() == "From: 'banana' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.\n"


def test_head_on_the_feed_answers_without_a_body(client, world):
    response = client.head("/events.atom", {"kind": "call"})
    assert response.status_code == 200
    assert response.content == b""


def test_the_page_links_its_feed_from_the_head_and_beside_the_exports(client, world):
    tree = page(client.get("/", {"kind": "call"}))
    [alternate] = tree.xpath("/html/head/link[@rel='alternate'][@type='application/atom+xml']")
    assert alternate.get("href") == "/events.atom?kind=call"
    assert alternate.get("title") == "New events: calls — Chronicle"
    [link] = tree.xpath("//section[@id='results']//a[@href='/events.atom?kind=call']")
    assert link.text_content() == "Atom feed of these filters"


def test_a_page_with_bad_filters_offers_no_feed(client, world):
    assert page(client.get("/", {"start": "banana"})).xpath("//link[@rel='alternate']") == []


# --- The citation -------------------------------------------------------------


def test_the_event_page_offers_a_plain_citation_with_permalink_and_sources(client, world):
    plain = text_of(page(client.get("/events/2023-03-21-xi-and-putin-meet/")), "cite-plain")
    assert plain.startswith(
        "“Xi and Putin meet” (21 March 2023). Chronicle: China–Russia relations. "
        "http://testserver/events/2023-03-21-xi-and-putin-meet/ (accessed "
    )
    assert plain.endswith("Reported in: Xi & Putin talk {trade} (TASS, 22 March 2023), https://tass.example/1.")


def test_the_bibtex_entry_escapes_what_bibtex_would_read_as_commands(client, world):
    entry = text_of(page(client.get("/events/2023-03-21-xi-and-putin-meet/")), "cite-bibtex")
    assert entry.startswith("@misc{chronicle-2023-03-21-xi-and-putin-meet,\n  title = {{Xi and Putin meet}},\n")
    assert "  date = {2023-03-21},\n  url = {http://testserver/events/2023-03-21-xi-and-putin-meet/},\n" in entry
    assert r"Reported in: Xi \& Putin talk \{trade\} (TASS, 22 March 2023), https://tass.example/1" in entry
    assert entry.endswith("\n}")


@pytest.mark.parametrize(
    "text, expected",
    [("50% & more", r"50\% \& more"), ("a_b #1", r"a\_b \#1"), ("x^2 ~ y\\z", r"x\^{}2 \~{} y\textbackslash{}z")],
)
def test_bibtex_text_is_plain_text(text, expected):
    assert bibtex_text(text) == expected


def test_a_month_event_is_cited_to_the_month(client, world):
    tree = page(client.get(world["new"].get_absolute_url()))
    assert "  date = {2024-02},\n" in text_of(tree, "cite-bibtex")
    assert text_of(tree, "cite-plain").startswith("“Lavrov calls Wang Yi” (February 2024).")


def test_the_copy_buttons_come_from_an_external_script_and_start_hidden(client, world):
    tree = page(client.get("/events/2023-03-21-xi-and-putin-meet/"))
    assert tree.xpath("/html/head/script[contains(@src, 'js/copy')]")
    buttons = tree.xpath("//button[@data-copy]")
    assert [(button.get("data-copy"), button.get("hidden") is not None) for button in buttons] == [
        ("cite-plain", True),
        ("cite-bibtex", True),
    ]


def test_quotes_inside_the_cited_title_turn_single(make_event):
    from timeline.citing import plain_citation

    event = make_event(title="Xi: “No limits”", date_start=date(2022, 2, 4))
    assert plain_citation(event, "https://x.example/e/", [], date(2026, 1, 2)) == (
        "“Xi: ‘No limits’” (4 February 2022). Chronicle: China–Russia relations. "
        "https://x.example/e/ (accessed 2 January 2026)."
    )


def test_characters_xml_cannot_hold_are_left_out_of_the_feed(client, world, make_event):
    make_event(title="Bell\x07 and tab\x0b", date_start=date(2023, 1, 1))
    response = client.get("/events.atom", {"q": "bell\x01"})
    assert response.status_code == 200
    assert [entry["title"] for entry in feed_entries(response)] == ["1 January 2023: Bell and tab"]
