"""What a filter change sends over the wire: compact event entries that inherit
their htmx attributes from the list around them, one entry markup shared by the
timeline and the actor page, and compressed public pages."""

import gzip
import re
from datetime import date, timedelta

import pytest

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
    html = client.get("/").content.decode()
    region = re.search(r'<div id="event-list"[^>]*>', html).group(0)
    for attribute in ('hx-boost="true"', 'hx-target="#browse"', 'hx-swap="outerHTML show:none"', 'hx-push-url="true"'):
        assert attribute in region
    assert 'hx-inherit="hx-boost hx-target hx-swap hx-push-url"' in region
    entry = articles(html)[0]
    assert '<a href="/?actor=vladimir-putin">Vladimir Putin</a>' in entry
    assert "hx-get" not in entry and 'hx-target="#browse"' not in entry
    # The title is a plain link to the event's page; the details open in place and leave the address alone.
    assert re.search(r'<h5 class="event-title" id="event-\d+-title"><a href="/events/[^"]+/" hx-boost="false">', entry)
    expand = r'class="expand event-more" id="more-\d+" href="/events/[^"]+/" hx-target="this" hx-push-url="false"'
    assert re.search(expand, entry)


def test_loaded_more_events_land_inside_the_region_that_gives_them_their_attributes(client, busy_timeline):
    page = client.get("/").content.decode()
    assert re.search(r'hx-get="/\?page=2" hx-target="#event-list" hx-swap="beforeend"', page)


def test_the_actor_page_lists_events_with_the_timelines_own_entry(client, busy_timeline, settings):
    actor = busy_timeline[0]
    on_actor_page = articles(client.get(f"/actors/{actor.slug}/").content.decode())[0]
    on_timeline = articles(client.get("/").content.decode())[0]
    # The same entry, less what the actor page leaves out: the actor links and the inline details.
    without_actors = re.sub(r'<span class="event-actors">.*?</a></span>', "", on_timeline, flags=re.S)
    without_details = re.sub(r'<a class="expand.*?</a>', "", without_actors, flags=re.S)
    assert tidy(on_actor_page) == tidy(without_details)


def tidy(markup: str) -> str:
    """Markup with its layout whitespace gone: the template's indentation is not what is compared."""
    return re.sub(r">\s+<", "><", " ".join(markup.split()))


def test_month_chart_bars_inherit_their_target(client, busy_timeline):
    html = client.get("/").content.decode()
    svg = re.search(r"<svg[^>]*>", html).group(0)
    assert 'hx-inherit="hx-target hx-swap hx-push-url"' in svg and 'hx-target="#browse"' in svg
    bar = re.search(r'<a href="[^"]*" hx-get="[^"]*" class="chart-bar', html)
    assert bar, "each bar carries only its own address"


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
