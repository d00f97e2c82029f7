"""What a filter change sends over the wire: compact event entries that inherit
their htmx attributes from the list around them, one entry markup shared by the
timeline and the actor page, and compressed public pages."""

import gzip
import re
from datetime import date, timedelta

import pytest

from tests.conftest import htmx_attribute, only, parse_html, text_of
from timeline.listing import PER_PAGE

HTMX = {"HTTP_HX_REQUEST": "true"}
MORE = {**HTMX, "HTTP_HX_TARGET": "event-list"}


@pytest.fixture
def busy_timeline(make_actor, make_source, make_event):
    """Two pages of events with two actors (the usual number) and a place each."""
    actors = [make_actor(name) for name in ("Xi Jinping", "Vladimir Putin", "Sergey Lavrov")]
    source = make_source()
    for n in range(PER_PAGE * 2):
        make_event(
            title=f"Foreign ministers meet on trade, round {n}",
            date_start=date(2023, 1, 1) + timedelta(days=n),
            location="Vladivostok",
            actors=actors[n % 2 : n % 2 + 2],
            sources=[(source, "Xi Jinping met Vladimir Putin")],
        )
    return actors


def articles(html: str) -> list[str]:
    return re.findall(r"<article\b.*?</article>", html, flags=re.S)


def test_a_listed_event_costs_at_most_a_kilobyte_of_markup(client, busy_timeline):
    html = client.get("/?page=2", **MORE).content.decode()
    entries = articles(html)
    assert len(entries) == PER_PAGE
    assert sum(len(entry.encode()) for entry in entries) / len(entries) <= 1024


def test_actor_links_inherit_their_htmx_attributes_from_the_list(client, busy_timeline):
    tree = parse_html(client.get("/"))
    region = only(tree, "#event-list")
    assert (region.get("hx-boost"), region.get("hx-target"), region.get("hx-push-url")) == ("true", "#browse", "true")
    assert region.get("hx-swap") == "outerHTML show:none"
    assert region.get("hx-inherit") == "hx-boost hx-target hx-swap hx-push-url"
    entry = tree.cssselect("article.event")[0]
    actor_links = entry.cssselect(".event-actors a")
    shown = [(link.get("href"), text_of(link)) for link in actor_links]
    assert ("/?actor=vladimir-putin", "Vladimir Putin") in shown
    # An actor link is a plain <a href>: everything else it inherits.
    assert all(set(link.attrib) == {"href"} for link in actor_links)
    assert htmx_attribute(actor_links[0], "hx-target") == "#browse"
    # The title is a plain link to the event's page; the details open in place (their response keeps the address).
    title = only(entry, "h5.event-title > a")
    assert title.get("href").startswith("/events/") and title.get("hx-boost") == "false"
    details = only(entry, "a.expand")
    assert details.get("href") == title.get("href") and details.get("id") is None
    assert details.get("hx-target") == "this" and details.get("hx-push-url") is None


def test_loaded_more_events_land_inside_the_region_that_gives_them_their_attributes(client, busy_timeline):
    more = only(parse_html(client.get("/")), "#load-more a")
    assert (more.get("hx-get"), more.get("hx-target"), more.get("hx-swap")) == ("/?page=2", "#event-list", "beforeend")


def test_the_actor_page_lists_events_with_the_timelines_own_entry(client, busy_timeline, settings):
    actor = busy_timeline[0]
    on_actor_page = parse_html(client.get(f"/actors/{actor.slug}/")).cssselect("article.event")[0]
    on_timeline = parse_html(client.get("/")).cssselect("article.event")[0]
    # The same entry, less what the actor page leaves out: the actor links and the inline details.
    for left_out in on_timeline.cssselect(".event-actors, a.expand"):
        left_out.drop_tree()
    assert serialised(on_actor_page) == serialised(on_timeline)


def serialised(element) -> str:
    """An element's markup with its layout whitespace gone: the template's indentation is not compared."""
    import lxml.html

    return " ".join(lxml.html.tostring(element, encoding="unicode").split()).replace("> <", "><")


def test_month_chart_bars_inherit_their_target(client, busy_timeline):
    svg = only(parse_html(client.get("/")), "svg.chart-svg")
    assert svg.get("hx-inherit") == "hx-target hx-swap hx-push-url" and svg.get("hx-target") == "#browse"
    bars = svg.cssselect("a.chart-bar")
    assert bars, "the busy months are drawn"
    # Each bar carries only its own address, once as a link and once for htmx.
    assert all(bar.get("hx-get") == bar.get("href") and bar.get("hx-target") is None for bar in bars)


@pytest.mark.parametrize(
    "path_of",
    [
        lambda actor: "/",
        lambda actor: f"/actors/{actor.slug}/",
        lambda actor: "/?kind=meeting",
    ],
)
def test_public_pages_are_compressed_for_clients_that_accept_it(client, busy_timeline, path_of):
    path = path_of(busy_timeline[0])
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 4


def test_the_htmx_partial_is_compressed_too(client, busy_timeline):
    response = client.get("/?kind=meeting", **HTMX, HTTP_HX_TARGET="results", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" not in gzip.decompress(response.content)


def test_admin_pages_which_hold_csrf_tokens_are_never_compressed(client, db):
    # BREACH: a compressed response that holds a secret and reflects input leaks the secret.
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")
