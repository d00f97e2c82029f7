"""The timeline page: filters, the htmx fragments, facets, the month chart,
pagination, export links and the messages for filters it cannot use."""

import re
from datetime import date
from html import unescape

import pytest
from django.core.cache import cache

from timeline.listing import PER_PAGE
from timeline.models import Event

HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx(target):
    return {**HTMX, "HTTP_HX_TARGET": target}


def titles(response) -> list[str]:
    """The event titles listed, in page order."""
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'class="event-title"[^>]*><a href="[^"]*"[^>]*>([^<]*)</a>', html)]


@pytest.fixture
def world(make_actor, make_source, make_event):
    """A small timeline: two leaders, a minister, a few kinds, places, sources and precisions."""
    xi, putin, lavrov = make_actor("Xi Jinping"), make_actor("Vladimir Putin"), make_actor("Sergey Lavrov")
    tass = make_source(title="TASS report", text="Putin and Xi met in Moscow. Lavrov flew to Beijing.")
    reuters = make_source(title="Reuters report")
    events = {
        "summit": make_event(
            title="Moscow summit",
            kind="summit",
            date_start=date(2023, 3, 20),
            date_end=date(2023, 3, 22),
            location="Moscow",
            actors=[xi, putin],
            sources=[(tass, "Putin and Xi met in Moscow."), (reuters, "met")],
        ),
        "call": make_event(title="Phone call", kind="call", date_start=date(2022, 2, 4), actors=[xi, putin]),
        "visit": make_event(
            title="Lavrov in Beijing",
            kind="visit",
            date_start=date(2024, 4, 9),
            location="Beijing",
            actors=[lavrov],
            sources=[(tass, "Lavrov flew to Beijing.")],
            summary="Talks on energy.",
        ),
        "statement": make_event(
            title="Joint statement",
            kind="statement",
            date_start=date(2023, 5, 1),
            date_precision="month",
            actors=[putin],
        ),
        "year": make_event(title="Trade record", kind="other", date_start=date(2024, 1, 1), date_precision="year"),
    }
    return {"xi": xi, "putin": putin, "lavrov": lavrov, "tass": tass, "reuters": reuters, **events}


# --- The chronology -------------------------------------------------------------


def test_timeline_lists_every_event_oldest_first_under_year_and_month_headings(client, world):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Phone call", "Moscow summit", "Joint statement", "Trade record", "Lavrov in Beijing"]
    headings = re.findall(r'<h[34] class="timeline-(?:year|period)">([^<]*)<', html)
    assert headings == [
        "2022",
        "February 2022",
        "2023",
        "March 2023",
        "May 2023",
        "2024",
        "Sometime in 2024",
        "April 2024",
    ]


def test_each_event_shows_its_honest_date_kind_actors_place_and_report_count(client, world):
    html = client.get("/").content.decode()
    summit = html[html.index(f'id="event-{world["summit"].pk}"') :].split("</article>")[0]
    assert '<time datetime="2023-03-20">20–22 March 2023</time>' in summit
    assert 'class="badge kind-summit">summit<' in summit
    assert "Moscow" in summit and "2 articles" in summit
    assert 'href="/?actor=vladimir-putin"' in summit and ">Xi Jinping</a>" in summit
    assert f'href="/events/{world["summit"].slug}/"' in summit
    statement = html[html.index(f'id="event-{world["statement"].pk}"') :].split("</article>")[0]
    assert '<time datetime="2023-05">May 2023</time>' in statement
    assert "0 articles" in statement


def test_every_htmx_link_also_has_an_href(client, world):
    html = client.get("/").content.decode()
    tags = re.findall(r"<a [^>]*hx-get=[^>]*>", html)
    assert tags, "the page should have htmx links"
    for tag in tags:
        href = re.search(r'href="([^"]*)"', tag).group(1)
        assert href == re.search(r'hx-get="([^"]*)"', tag).group(1), tag


def test_the_empty_timeline_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No events match these filters." in response.content.decode()


# --- Every filter ------------------------------------------------------------------

FILTER_CASES = [
    ({"actor": "xi-jinping"}, ["Phone call", "Moscow summit"]),
    ({"actor": ["xi-jinping", "sergey-lavrov"]}, ["Phone call", "Moscow summit", "Lavrov in Beijing"]),
    ({"kind": "visit"}, ["Lavrov in Beijing"]),
    ({"kind": ["call", "statement"]}, ["Phone call", "Joint statement"]),
    ({"start": "2024"}, ["Trade record", "Lavrov in Beijing"]),
    ({"end": "2023-03"}, ["Phone call", "Moscow summit"]),
    ({"start": "2023-03-22", "end": "2023-03-22"}, ["Moscow summit"]),
    ({"start": "2024-04", "end": "2024-04"}, ["Trade record", "Lavrov in Beijing"]),
    ({"q": "energy"}, ["Lavrov in Beijing"]),
    ({"q": "flew"}, ["Lavrov in Beijing"]),
    ({"location": "moscow"}, ["Moscow summit"]),
    ({"order": "desc"}, ["Lavrov in Beijing", "Trade record", "Joint statement", "Moscow summit", "Phone call"]),
    ({"actor": "vladimir-putin", "kind": "summit"}, ["Moscow summit"]),
]


@pytest.mark.parametrize("params, expected", FILTER_CASES)
def test_each_filter_narrows_the_timeline(client, world, params, expected):
    assert titles(client.get("/", params)) == expected


def test_source_filter_shows_the_events_an_article_reports(client, world):
    assert titles(client.get("/", {"source": world["tass"].pk})) == ["Moscow summit", "Lavrov in Beijing"]


def test_the_plain_form_submission_with_empty_fields_works_without_javascript(client, world):
    params = {"q": "", "start": "", "end": "", "location": "", "source": "", "order": "asc", "kind": "call"}
    response = client.get("/", params)
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert titles(response) == ["Phone call"]


def test_the_form_submits_by_get_to_the_same_url_and_has_a_button(client, world):
    html = client.get("/").content.decode()
    form = re.search(r"<form [^>]*>", html).group(0)
    assert 'method="get"' in form and 'action="/"' in form
    assert 'hx-get="/"' in form and 'hx-push-url="true"' in form
    assert "delay:" in form  # text search waits for a pause in typing
    assert '<button type="submit"' in html


def test_every_form_control_has_a_label(client, world):
    html = client.get("/").content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form)
    assert len(ids) >= 10
    for control in ids:
        assert f'<label for="{control}"' in form, control


# --- Full page or fragment ----------------------------------------------------------


def test_an_htmx_request_from_the_form_gets_only_the_results_and_the_new_facet_counts(client, world):
    response = client.get("/", {"kind": "call"}, **htmx("results"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert re.match(r'\s*<title>calls — Chronicle</title>\s*<section id="results"', html)  # the tab's title first
    assert 'id="filter-facets" class="facets" hx-swap-oob="true"' in html
    assert 'id="result-status" hx-swap-oob="innerHTML">Showing 1 of 1 event.' in html
    assert titles(response) == ["Phone call"]


def test_a_link_followed_with_htmx_gets_the_form_and_the_results(client, world):
    response = client.get("/", {"q": "energy"}, **htmx("browse"))
    html = response.content.decode()
    assert "<html" not in html
    assert '<div id="browse"' in html and 'value="energy"' in html
    assert "autofocus" in html  # focus moves to the results that changed
    assert titles(response) == ["Lavrov in Beijing"]


def test_the_same_url_without_htmx_renders_the_whole_page(client, world):
    html = client.get("/", {"kind": "call"}).content.decode()
    assert html.startswith("<!doctype html>") and "<form" in html and 'id="results"' in html
    assert "hx-swap-oob" not in html


def test_a_history_restore_gets_the_whole_page(client, world):
    response = client.get("/", {"kind": "call"}, **htmx("results"), HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_responses_vary_on_the_htmx_headers(client, world):
    vary = client.get("/").headers["Vary"]
    assert "HX-Request" in vary and "HX-Target" in vary


def test_the_address_bar_gets_the_tidy_url_without_empty_fields(client, world):
    params = {"q": "", "start": "2023", "end": "", "kind": "summit", "order": "asc"}
    response = client.get("/", params, **htmx("results"))
    assert response.headers["HX-Push-Url"] == "/?kind=summit&start=2023"


def test_htmx_is_configured_for_the_content_security_policy(client, world):
    html = client.get("/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html).group(1)
    assert '"includeIndicatorStyles": false' in config and '"allowEval": false' in config
    assert '"code": "400", "swap": true' in config  # messages about bad filters are shown
    assert "hx-on" not in html and " style=" not in html
    assert re.search(r'<script src="/static/vendor/htmx-2\.0\.11\.min\.js"', html)


def test_the_result_count_is_announced_in_a_live_region(client, world):
    html = client.get("/", {"kind": "call"}).content.decode()
    assert re.search(r'id="result-status"[^>]*role="status"[^>]*aria-live="polite"[^>]*>Showing 1 of 1 event\.<', html)


# --- Facets -------------------------------------------------------------------------


def facet_count(html, input_id) -> int:
    match = re.search(rf'id="{input_id}"[^>]*>\s*<label[^>]*>.*?(\d+)<span class="visually-hidden"> events', html, re.S)
    return int(match.group(1))


def test_facet_counts_cover_every_actor_and_kind(client, world):
    html = client.get("/").content.decode()
    assert facet_count(html, "actor-vladimir-putin") == 3
    assert facet_count(html, "actor-xi-jinping") == 2
    assert facet_count(html, "actor-sergey-lavrov") == 1
    assert facet_count(html, "kind-summit") == 1
    assert facet_count(html, "kind-agreement") == 0


def test_facet_counts_follow_the_other_filters(client, world):
    html = client.get("/", {"kind": "call"}).content.decode()
    assert facet_count(html, "actor-xi-jinping") == 1  # only the call
    assert "actor-sergey-lavrov" not in html  # no call with Lavrov
    # A field's own facet ignores its own choice: ticking another kind would add these.
    assert facet_count(html, "kind-summit") == 1
    assert re.search(r'id="kind-call" name="kind" value="call" checked', html)


def test_an_actor_facet_lists_chosen_actors_first_and_ticked(client, world):
    html = client.get("/", {"actor": "sergey-lavrov"}).content.decode()
    facet = html[html.index("<legend>Actors</legend>") :]
    assert facet.index("actor-sergey-lavrov") < facet.index("actor-vladimir-putin")
    assert re.search(r'id="actor-sergey-lavrov" name="actor" value="sergey-lavrov" checked', html)
    assert facet_count(html, "actor-vladimir-putin") == 3


def test_year_facet_counts_and_links_to_the_whole_year(client, world):
    html = client.get("/", {"kind": ["summit", "visit", "other"]}).content.decode()
    years = dict(
        re.findall(
            r'href="/\?kind=summit&amp;kind=visit&amp;kind=other&amp;start=(\d{4})&amp;end=\1"[^>]*>\1 '
            r'<span class="count"><span class="visually-hidden">\(</span>(\d+)',
            html,
        )
    )
    assert years == {"2023": "1", "2024": "2"}


def test_a_chosen_year_is_marked_current(client, world):
    html = client.get("/", {"start": "2023", "end": "2023"}).content.decode()
    assert re.search(r'class="pill is-selected"[^>]*aria-current="true">2023 ', html)


# --- The month chart ------------------------------------------------------------------


def chart_bars(html) -> dict[str, tuple[str, bool]]:
    """{'March 2023: 1 event': (url, selected)} for every clickable bar."""
    bars = re.findall(r'<a href="([^"]*)"[^>]*class="chart-bar( is-selected)?" aria-label="([^"]*)"', html)
    return {label: (unescape(url), bool(selected)) for url, selected, label in bars}


def test_the_chart_has_a_linked_bar_for_each_month_with_events(client, world):
    bars = chart_bars(client.get("/").content.decode())
    assert bars == {
        "February 2022: 1 event": ("/?start=2022-02&end=2022-02", False),
        "March 2023: 1 event": ("/?start=2023-03&end=2023-03", False),
        "May 2023: 1 event": ("/?start=2023-05&end=2023-05", False),
        "April 2024: 1 event": ("/?start=2024-04&end=2024-04", False),
    }
    assert "1 event known only to the year is not drawn" in client.get("/").content.decode()


def test_the_chart_redraws_with_the_filters_and_marks_the_chosen_month(client, world):
    html = client.get("/", {"actor": "xi-jinping", "start": "2023-03", "end": "2023-03"}).content.decode()
    assert chart_bars(html) == {
        "February 2022: 1 event": ("/?actor=xi-jinping&start=2022-02&end=2022-02", False),
        "March 2023: 1 event": ("/?actor=xi-jinping&start=2023-03&end=2023-03", True),
    }


def test_the_chart_is_in_the_htmx_fragment(client, world):
    html = client.get("/", {"kind": "visit"}, **htmx("results")).content.decode()
    assert list(chart_bars(html)) == ["April 2024: 1 event"]


def test_the_chart_draws_bar_heights_in_proportion(make_event, client):
    for day in (1, 2, 3, 4):
        make_event(date_start=date(2022, 6, day))
    make_event(date_start=date(2022, 7, 1))
    html = client.get("/").content.decode()
    heights = dict(
        re.findall(r'aria-label="(\w+ 2022): \d+ events?".*?class="chart-fill"[^>]*height="([\d.]+)"', html, re.S)
    )
    assert float(heights["June 2022"]) == pytest.approx(4 * float(heights["July 2022"]))


# --- Chips and export links -----------------------------------------------------------


def test_each_active_filter_is_a_chip_that_removes_only_itself(client, world):
    html = client.get("/", {"actor": ["xi-jinping", "sergey-lavrov"], "kind": "call", "q": "phone"}).content.decode()
    chips = {
        unescape(text): unescape(url)
        for url, text in re.findall(
            r'<a class="chip" href="([^"]*)"[^>]*><span class="chip-label">([^<]*)</span>', html
        )
    }
    labels = re.findall(r'<span class="chip-label">([^<]*)</span> ([^<]*)<', html)
    assert labels == [("Search:", "phone"), ("Actor:", "Sergey Lavrov"), ("Actor:", "Xi Jinping"), ("Kind:", "call")]
    assert chips["Kind:"] == "/?q=phone&actor=sergey-lavrov&actor=xi-jinping"
    assert 'class="chip chip-clear" href="/"' in html


def test_chip_for_an_actor_removes_only_that_actor(client, world):
    html = client.get("/", {"actor": ["xi-jinping", "sergey-lavrov"]}).content.decode()
    urls = [unescape(u) for u in re.findall(r'<a class="chip" href="([^"]*)"', html)]
    assert urls == ["/?actor=xi-jinping", "/?actor=sergey-lavrov"]


def test_export_links_carry_the_current_filters(client, world):
    html = client.get(
        "/", {"actor": "xi-jinping", "kind": "call", "start": "2022", "page": "1", "q": ""}
    ).content.decode()
    query = "?actor=xi-jinping&amp;kind=call&amp;start=2022"
    for path in ("/events.csv", "/events.json", "/events.ics", "/events.timelinejs.json"):
        assert f'href="{path}{query}"' in html, path


def test_export_links_are_refreshed_with_the_htmx_results(client, world):
    html = client.get("/", {"kind": "visit"}, **htmx("results")).content.decode()
    assert 'href="/events.csv?kind=visit"' in html


def test_an_exported_csv_matches_the_filtered_page(client, world):
    """The page and its CSV link agree on the events (the export is another helper's; the link is ours)."""
    page = client.get("/", {"actor": "xi-jinping"})
    csv_url = unescape(re.search(r'href="(/events\.csv[^"]*)"', page.content.decode()).group(1))
    body = b"".join(client.get(csv_url).streaming_content).decode("utf-8-sig")
    assert all(title in body for title in titles(page)) and "Lavrov in Beijing" not in body


# --- Pagination -------------------------------------------------------------------------


@pytest.fixture
def many(make_event):
    """PER_PAGE * 2 + 5 events, one a day from 1 January 2023."""
    from datetime import timedelta

    return [
        make_event(title=f"Day {n:03d}", date_start=date(2023, 1, 1) + timedelta(days=n))
        for n in range(PER_PAGE * 2 + 5)
    ]


def test_the_first_page_shows_one_page_and_a_load_more_link(client, many):
    response = client.get("/", {"kind": "meeting"})
    html = response.content.decode()
    assert titles(response) == [f"Day {n:03d}" for n in range(PER_PAGE)]
    assert f"Showing {PER_PAGE} of {len(many)} events." in html
    link = re.search(
        r'<div id="load-more"[^>]*>\s*<a class="button" href="([^"]*)" hx-get="([^"]*)" '
        r'hx-target="#event-list" hx-swap="beforeend"',
        html,
    )
    assert unescape(link.group(1)) == unescape(link.group(2)) == "/?kind=meeting&page=2"


def test_load_more_appends_the_next_events_without_repeating_the_month_heading(client, many):
    response = client.get("/", {"kind": "meeting", "page": 2}, **htmx("event-list"))
    html = response.content.decode()
    assert "<html" not in html and 'id="results"' not in html
    assert titles(response) == [f"Day {n:03d}" for n in range(PER_PAGE, PER_PAGE * 2)]
    # Day 49 (19 February) ends page 1 and Day 50 (20 February) starts page 2: same month, no new heading.
    assert not html.lstrip().startswith("<h")
    assert '<h4 class="timeline-period">March 2023</h4>' in html
    assert 'id="load-more" class="load-more" hx-swap-oob="true"' in html
    assert "page=3" in html
    assert f'hx-swap-oob="innerHTML">Showing {PER_PAGE * 2} of {len(many)} events.' in html


def test_the_last_page_has_no_load_more_link(client, many):
    html = client.get("/", {"page": 3}, **htmx("event-list")).content.decode()
    assert "That is every matching event." in html and "page=4" not in html


def test_without_javascript_a_later_page_renders_with_a_way_back(client, many):
    response = client.get("/", {"page": 2})
    html = response.content.decode()
    assert titles(response)[0] == f"Day {PER_PAGE:03d}"
    assert f"Showing events {PER_PAGE + 1}–{PER_PAGE * 2} of {len(many)}." in html
    assert "Back to the first events" in html


def test_a_page_past_the_end_shows_the_last_page(client, many):
    assert titles(client.get("/", {"page": 99}))[-1] == f"Day {len(many) - 1:03d}"


# --- Filters it cannot use ------------------------------------------------------------

INVALID = [
    ({"start": "banana"}, "From: &#x27;banana&#x27; is not a date"),
    ({"end": "2023-02-30"}, "is not a real date"),
    ({"actor": "no-such-person"}, "Actor: Select a valid choice"),
    ({"kind": "x"}, "Kind: Select a valid choice"),
    ({"start": "2024", "end": "2023"}, "The end date comes before the start date."),
    ({"q": "x" * 10_000}, "Search: Ensure this value has at most 200 characters"),
    ({"source": "abc"}, "Source:"),
    ({"order": "sideways"}, "Order: Select a valid choice"),
    ({"page": "two"}, "Page: &#x27;two&#x27; is not a page number"),
    ({"page": "0"}, "is not a page number"),
    ({"page": "¹"}, "is not a page number"),  # isdigit() says yes, int() says no
    ({"page": "٣"}, "is not a page number"),  # an Arabic-Indic three: no page is written so
]


@pytest.mark.parametrize("params, message", INVALID)
def test_an_unusable_filter_says_what_was_wrong_on_the_page(client, world, params, message):
    response = client.get("/", params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<html" in html and message in html
    assert 'role="alert"' in html and "These filters could not be used" in html


@pytest.mark.parametrize("params, message", INVALID)
def test_an_unusable_filter_says_what_was_wrong_in_the_htmx_fragment(client, world, params, message):
    response = client.get("/", params, **htmx("results"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "<html" not in html and message in html
    assert 'hx-swap-oob="innerHTML">No results: 1 filter to fix.' in html


def test_an_unusable_filter_keeps_what_the_user_typed_and_marks_the_field(client, world):
    html = client.get("/", {"start": "banana", "kind": "call"}).content.decode()
    assert re.search(r'id="start" name="start"[^>]*value="banana"[^>]*aria-invalid="true"', html, re.S)
    assert re.search(r'id="kind-call" name="kind" value="call" checked', html)
    assert '<details class="filter-more" open>' in html


# --- Safe and fast ----------------------------------------------------------------------------


def test_an_event_title_with_a_script_renders_as_text(client, make_event, make_actor):
    make_event(
        title="<script>alert(1)</script>",
        location='"><img src=x onerror=alert(2)>',
        actors=[make_actor("<b>Bold</b> actor", slug="bold-actor")],
    )
    for response in (client.get("/"), client.get("/", **htmx("results")), client.get("/", **htmx("browse"))):
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img src=x" not in html and "<b>Bold</b>" not in html


def test_a_search_for_markup_is_echoed_escaped(client, world):
    html = client.get("/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def make_many(make_actor, make_source, make_event, n):
    actors = [make_actor(f"Actor {i}") for i in range(6)]
    sources = [make_source() for _ in range(3)]
    for i in range(n):
        make_event(
            title=f"Event {i}",
            kind=Event.Kind.values[i % 7],
            date_start=date(2022 + i % 4, 1 + i % 12, 1 + i % 28),
            actors=actors[i % 3 : i % 3 + 2],
            sources=[(sources[i % 3], "Xi Jinping met")],
        )


@pytest.mark.parametrize("n", [5, 200])
@pytest.mark.parametrize(
    "params", [{}, {"actor": ["actor-1", "actor-2"], "kind": "meeting", "start": "2023", "q": "event"}]
)
def test_the_page_needs_the_same_few_queries_whatever_the_number_of_events(
    client, make_actor, make_source, make_event, django_assert_max_num_queries, n, params
):
    make_many(make_actor, make_source, make_event, n)
    # The place facet is two of them: events per location, and the known places to match them to.
    for headers, most in (({}, 12), (htmx("results"), 11), (htmx("event-list"), 5)):
        cache.clear()  # count the facet queries too, not counts cached by an earlier request
        with django_assert_max_num_queries(most):
            assert client.get("/", {**params, "page": 2}, **headers).status_code == 200


def test_only_get_is_allowed(client, db):
    assert client.post("/").status_code == 405


@pytest.mark.parametrize("query", ["kind=meeting", "kind=meeting&kind=call&start=2023", "actor=xi-jinping&kind=call"])
def test_filters_that_join_nothing_ask_for_no_distinct(db, query):
    """DISTINCT would make every count and page of 100,000 events read their rows twice."""
    from django.http import QueryDict

    from timeline.filters import filtered_events
    from timeline.models import Actor

    Actor.objects.create(name="Xi Jinping", slug="xi-jinping", kind="person")
    events, _ = filtered_events(QueryDict(query))
    assert not events.query.distinct


def test_each_listed_event_names_its_actors_alphabetically(client, make_actor, make_event):
    zhao, an = make_actor("Zhao Leji"), make_actor("An Other")
    make_event(title="Talks", actors=[zhao, an])
    html = client.get("/").content.decode()
    assert html.index(">An Other</a>") < html.index(">Zhao Leji</a>")


def test_a_page_finds_its_event_ids_in_an_index_before_reading_their_rows(client, make_event):
    """PostgreSQL would otherwise read the row of every event a filter tests (listing.events_of_page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in range(1, 4):
        make_event(title=f"Meeting {day}", date_start=date(2023, 3, day))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", {"kind": "meeting", "start": "2023"})
    assert [item.event.title for item in response.context["page"].items] == ["Meeting 1", "Meeting 2", "Meeting 3"]
    page_queries = [q["sql"] for q in captured.captured_queries if '"timeline_event"."title"' in q["sql"]]
    assert len(page_queries) == 1
    ids_first = r'"timeline_event"\."id" IN \(SELECT \S+\."id" AS "pk" FROM "timeline_event" .* LIMIT 50'
    assert re.search(ids_first, page_queries[0])
