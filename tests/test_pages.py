"""The event, actor and source pages, and the inline event detail."""

from datetime import date

import pytest

from tests.conftest import HTMX, only, parse_html, text_of, texts
from timeline.highlight import highlighted_text
from timeline.models import Citation, Participation


@pytest.fixture
def samarkand(make_actor, make_source, make_event):
    xi = make_actor("Xi Jinping", role="President of China", aliases="Xi\nMr. Xi", description="Leader of China.")
    putin = make_actor("Vladimir Putin", role="President of Russia")
    lavrov = make_actor("Sergey Lavrov")
    text = (
        "Putin and Xi met in Samarkand on Thursday, the Kremlin said.\n\n"
        "The talks covered <energy> & trade. Lavrov was also there."
    )
    tass = make_source(
        title="Leaders meet at the SCO",
        publisher="TASS",
        url="https://tass.example/1",
        text=text,
        published_on=date(2022, 9, 16),
        reference_date=date(2022, 9, 16),
        reference_note="The dateline of the article.",
    )
    event = make_event(
        title="Xi and Putin meet in Samarkand",
        kind="meeting",
        date_start=date(2022, 9, 15),
        location="Samarkand",
        summary="The first meeting since the invasion.",
        date_note="'on Thursday' in the article of 16 September 2022 → 15 September 2022",
        sources=[(tass, "Putin and Xi met in Samarkand on Thursday, the Kremlin said.")],
    )
    Participation.objects.create(event=event, actor=xi, role="guest")
    Participation.objects.create(event=event, actor=putin, role="host")
    Citation.objects.filter(event=event).update(
        date_text="on Thursday", date_reasoning="the Thursday before the article of 16 September 2022"
    )
    earlier = make_event(title="Video call", date_start=date(2022, 6, 15), actors=[xi, putin])
    later = make_event(title="State visit to Moscow", date_start=date(2023, 3, 20), actors=[xi])
    unrelated = make_event(title="Lavrov alone", date_start=date(2022, 9, 16), actors=[lavrov])
    return {
        "xi": xi,
        "putin": putin,
        "lavrov": lavrov,
        "tass": tass,
        "event": event,
        "earlier": earlier,
        "later": later,
        "unrelated": unrelated,
    }


# --- Event page -----------------------------------------------------------------


def test_event_page_shows_summary_date_and_how_it_was_worked_out(client, samarkand):
    response = client.get(f"/events/{samarkand['event'].slug}/")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "<h1>Xi and Putin meet in Samarkand</h1>" in html
    assert '<time datetime="2022-09-15">15 September 2022</time>' in html
    assert "The first meeting since the invasion." in html
    assert (
        '<p class="date-sentence">Dated 15 September 2022 from “on Thursday” in an article published on '
        "16 September 2022.</p>" in html
    ), "one plain sentence first"
    assert "<summary>The full reasoning</summary>" in html, "the reasoning behind a disclosure"
    assert "&#x27;on Thursday&#x27; in the article of 16 September 2022 → 15 September 2022" in html
    assert "“on Thursday”" in html and "the Thursday before the article of 16 September 2022" in html
    assert "Read against 16 September 2022: The dateline of the article." in html


def test_event_page_lists_actors_with_roles_linking_to_their_pages(client, samarkand):
    html = client.get(f"/events/{samarkand['event'].slug}/").content.decode()
    people = {}
    for link in parse_html(html).cssselect('a[href^="/actors/"]'):
        role = link.getparent().cssselect(".role")
        people[text_of(link)] = (link.get("href"), text_of(role[0]) if role else None)
    assert people["Vladimir Putin"] == ("/actors/vladimir-putin/", "host")
    assert people["Xi Jinping"] == ("/actors/xi-jinping/", "guest")


def test_event_page_quotes_every_reporting_article_with_publisher_link_and_date(client, samarkand):
    html = client.get(f"/events/{samarkand['event'].slug}/").content.decode()
    assert "Reported in 1 article" in html
    assert (
        '<blockquote cite="https://tass.example/1"><p>Putin and Xi met in Samarkand on Thursday, the Kremlin said.</p>'
        in html
    )
    assert f'<a href="/sources/{samarkand["tass"].pk}/"><cite>Leaders meet at the SCO</cite></a>, TASS' in html
    assert '<time datetime="2022-09-16">16 September 2022</time>' in html
    assert 'href="https://tass.example/1" rel="external noopener noreferrer"' in html


def test_event_page_relates_events_sharing_an_actor_in_date_order(client, samarkand):
    html = client.get(f"/events/{samarkand['event'].slug}/").content.decode()
    related = html[html.index('id="related-title"') :]
    assert related.index("Video call") < related.index("This event") < related.index("State visit to Moscow")
    assert "Lavrov alone" not in related


def test_an_event_without_actors_relates_the_nearest_events_in_date(client, make_event):
    lonely = make_event(title="Lonely", date_start=date(2023, 1, 10))
    make_event(title="Neighbour", date_start=date(2023, 1, 11))
    html = client.get(f"/events/{lonely.slug}/").content.decode()
    assert "Events nearest in date." in html and "Neighbour" in html


def test_an_htmx_request_for_an_event_gets_the_inline_detail(client, samarkand):
    event = samarkand["event"]
    response = client.get(f"/events/{event.slug}/", **HTMX, HTTP_HX_TARGET=f"more-{event.pk}")
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith(f'<details class="event-more is-open" id="more-{event.pk}" open>')
    assert "<summary autofocus>" in html
    assert "Putin and Xi met in Samarkand on Thursday" in html and "on Thursday" in html
    assert f'href="/events/{event.slug}/"' in html
    assert "HX-Request" in response.headers["Vary"]
    # The list's links push their address (hx-push-url, inherited); opening details in place must not.
    assert response.headers["HX-Push-Url"] == "false"


def test_an_unknown_event_is_404(client, db):
    assert client.get("/events/no-such-event/").status_code == 404


def test_a_non_web_link_is_never_rendered_as_a_link(client, samarkand):
    samarkand["tass"].url = "javascript:alert(1)"
    samarkand["tass"].save()
    for path in (f"/events/{samarkand['event'].slug}/", f"/sources/{samarkand['tass'].pk}/"):
        assert "javascript:" not in client.get(path).content.decode()


# --- Actor page -------------------------------------------------------------------


def test_actor_page_shows_who_aliases_events_and_companions(client, samarkand):
    html = client.get("/actors/xi-jinping/").content.decode()
    assert "<h1>Xi Jinping</h1>" in html and "President of China" in html and "Leader of China." in html
    assert '<span class="alias">Xi</span>, <span class="alias">Mr. Xi</span>' in html
    assert "3 events" in html
    listed = texts(parse_html(html), ".event-title a")
    assert listed == ["Video call", "Xi and Putin meet in Samarkand", "State visit to Moscow"]
    assert '<a class="button" href="/?actor=xi-jinping">' in html
    companions = html[html.index('id="companions-title"') :]
    putin = only(parse_html(companions), 'a[href="/actors/vladimir-putin/"]')
    assert text_of(putin) == "Vladimir Putin" and text_of(putin.getnext()) == "2 shared events"
    assert "Sergey Lavrov" not in companions


def test_actor_page_chart_bars_filter_the_timeline_by_actor_and_month(client, samarkand):
    html = client.get("/actors/xi-jinping/").content.decode()
    assert 'href="/?actor=xi-jinping&amp;start=2022-09&amp;end=2022-09"' in html
    assert "hx-get" not in html


def test_an_unknown_actor_is_404(client, db):
    assert client.get("/actors/nobody/").status_code == 404


# --- Source page -----------------------------------------------------------------------


def test_source_page_highlights_each_quote_and_links_it_to_its_event(client, samarkand):
    event, tass = samarkand["event"], samarkand["tass"]
    html = client.get(f"/sources/{tass.pk}/").content.decode()
    assert "<h1>Leaders meet at the SCO</h1>" in html and "TASS" in html
    assert (
        '<mark class="quote" id="quote-1">Putin and Xi met in Samarkand on Thursday, the Kremlin said.</mark>'
        f' <a class="quote-event" href="/events/{event.slug}/">'
    ) in html
    assert "The talks covered &lt;energy&gt; &amp; trade." in html
    assert f'<a href="/?source={tass.pk}">Show them on the timeline</a>' in html


def test_an_unknown_source_is_404(client, db):
    assert client.get("/sources/999999/").status_code == 404


class Quote:
    """A citation-like object, enough for highlighted_text."""

    def __init__(self, start, end, quote="", event_id=1, title="Event"):
        from timeline.models import Event

        self.quote_start, self.quote_end, self.quote = start, end, quote
        self.event_id = event_id
        self.event = Event(pk=event_id, slug=f"event-{event_id}", title=title)


@pytest.mark.parametrize(
    "text, quotes, expected",
    [
        ("Hello world.", [], "Hello world."),
        ("A. B. C.", [Quote(3, 5)], 'A. <mark class="quote" id="quote-1">B.</mark>{e1} C.'),
        ("<b>x</b> y", [Quote(0, 8)], '<mark class="quote" id="quote-1">&lt;b&gt;x&lt;/b&gt;</mark>{e1} y'),
        # Two events citing overlapping text share one mark, with a link to each.
        (
            "One two three.",
            [Quote(0, 7), Quote(4, 13, event_id=2, title="Other")],
            '<mark class="quote" id="quote-1">One two three</mark>{e1}{e2}.',
        ),
        # Offsets beyond the text: found by the quote's words instead.
        ("Alpha beta.", [Quote(50, 60, quote="beta")], 'Alpha <mark class="quote" id="quote-1">beta</mark>{e1}.'),
    ],
)
def test_highlighted_text_marks_quotes_and_escapes_everything_else(text, quotes, expected):
    links = {
        "{e1}": ' <a class="quote-event" href="/events/event-1/"><span class="visually-hidden">Event: </span>Event</a>',
        "{e2}": ' <a class="quote-event" href="/events/event-2/"><span class="visually-hidden">Event: </span>Other</a>',
    }
    for key, link in links.items():
        expected = expected.replace(key, link)
    html, unplaced = highlighted_text(text, quotes)
    assert str(html) == expected and unplaced == []


def test_a_quote_that_cannot_be_found_is_listed_separately(client, samarkand):
    citation = Citation.objects.get(event=samarkand["event"])
    citation.quote_start, citation.quote_end, citation.quote = 5000, 5010, "Words that are not there"
    citation.save()
    html = client.get(f"/sources/{samarkand['tass'].pk}/").content.decode()
    assert "Quotes not found in the text" in html and "“Words that are not there”" in html
    assert '<mark class="quote"' not in html


# --- Safe and fast on every page -------------------------------------------------------

PAYLOAD = "<script>alert(1)</script>"


@pytest.mark.parametrize("n", [3, 60])
def test_detail_pages_need_the_same_few_queries_whatever_the_number_of_events(
    client, make_actor, make_source, make_event, django_assert_max_num_queries, n
):
    actors = [make_actor(f"Actor {i}") for i in range(4)]
    source = make_source(text="Xi Jinping met Vladimir Putin in Moscow. " * 3)
    events = [
        make_event(
            date_start=date(2022, 1 + i % 12, 1 + i % 28),
            actors=actors[i % 3 : i % 3 + 2],
            sources=[(source, "Xi Jinping met")],
        )
        for i in range(n)
    ]
    Citation.objects.all().delete()
    for i, event in enumerate(events):
        Citation.objects.create(event=event, source=source, quote="Xi Jinping met", quote_start=i, quote_end=i + 5)
    # The event page's fourth query reads the related events' ids for all its actors at once (timeline/related.py).
    # The actor page's sixth reads the data stamp that keys its cached counts (timeline/facet_cache.py);
    # its seventh, what the actor said.
    checks = [(f"/events/{events[0].slug}/", 5), (f"/actors/{actors[1].slug}/", 7), (f"/sources/{source.pk}/", 2)]
    for path, most in checks:
        with django_assert_max_num_queries(most):
            assert client.get(path).status_code == 200


def test_actor_page_counts_follow_a_new_event(client, samarkand, make_event):
    assert "3 events" in client.get("/actors/xi-jinping/").content.decode()
    make_event(title="Another call", date_start=date(2024, 2, 1), actors=[samarkand["xi"]])
    html = client.get("/actors/xi-jinping/").content.decode()
    assert "4 events" in html and 'aria-label="February 2024: 1 event"' in html


def test_a_missing_page_is_a_friendly_404_in_the_site_layout(client, db):
    response = client.get("/events/no-such-event/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Nothing here</h1>" in html and 'href="/"' in html and "chronicle.css" in html


def test_no_template_comment_spans_lines():
    """Django's {# #} ends at the line's end: one that goes on was shown on the page as text
    (it was, above the month chart and the event list). Longer notes use {% comment %}."""
    from pathlib import Path

    templates = Path(__file__).resolve().parent.parent / "templates"
    open_comments = [
        f"{path.relative_to(templates)}:{n}"
        for path in templates.rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []


def test_the_timeline_shows_no_template_syntax(client, samarkand):
    for path in ("/", "/?kind=meeting", f"/actors/{samarkand['event'].participations.first().actor.slug}/"):
        body = client.get(path).content.decode()
        assert "{#" not in body and "#}" not in body and "{%" not in body, path
