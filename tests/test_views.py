"""The timeline page: filters, the htmx fragments, facets, the month chart,
pagination, export links and the messages for filters it cannot use."""

import json
import re
from datetime import date

import pytest
from django.core.cache import cache

from tests.conftest import body_of, htmx, htmx_attribute, only, parse_html, text_of, texts
from timeline.listing import PER_PAGE
from timeline.models import Event


def titles(response) -> list[str]:
    """The event titles listed, in page order."""
    return texts(parse_html(response), ".event-title a")


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
    assert response.status_code == 200
    assert titles(response) == ["Phone call", "Moscow summit", "Joint statement", "Trade record", "Lavrov in Beijing"]
    headings = texts(parse_html(response), ".timeline-year, .timeline-period")
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
    page = parse_html(client.get("/"))
    summit = only(page, f"#event-{world['summit'].pk}")
    time = summit.cssselect("time")[0]
    assert (time.get("datetime"), text_of(time)) == ("2023-03-20", "20–22 March 2023")
    assert text_of(only(summit, ".badge.kind-summit")) == "summit"
    assert "Moscow" in text_of(summit) and "2 articles" in text_of(summit)
    links = {a.get("href"): text_of(a) for a in summit.cssselect("a")}
    assert links["/?actor=vladimir-putin"] == "Vladimir Putin" and "Xi Jinping" in links.values()
    assert only(summit, ".event-title a").get("href") == f"/events/{world['summit'].slug}/"
    statement = only(page, f"#event-{world['statement'].pk}")
    time = statement.cssselect("time")[0]
    assert (time.get("datetime"), text_of(time)) == ("2023-05", "May 2023")
    assert "0 articles" in text_of(statement)


def test_every_htmx_link_also_has_an_href(client, world):
    links = parse_html(client.get("/")).cssselect("a[hx-get]")
    assert links, "the page should have htmx links"
    for link in links:
        assert link.get("href") == link.get("hx-get"), text_of(link)


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
    page = parse_html(client.get("/"))
    form = only(page, "form")
    assert (form.get("method"), form.get("action"), form.get("hx-get")) == ("get", "/", "/")
    assert form.get("hx-push-url") == "true"
    assert "delay:" in form.get("hx-trigger")  # text search waits for a pause in typing
    assert form.cssselect('button[type="submit"]')


def test_every_form_control_has_a_label(client, world):
    form = only(parse_html(client.get("/")), "form")
    ids = [control.get("id") for control in form.cssselect("input[id], select[id]")]
    assert len(ids) >= 10
    for control in ids:
        assert form.cssselect(f'label[for="{control}"]'), control


# --- Full page or fragment ----------------------------------------------------------


def test_an_htmx_request_from_the_form_gets_only_the_results_and_the_new_facet_counts(client, world):
    response = client.get("/", {"kind": "call"}, **htmx("results"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    fragment = parse_html(response)
    first, second = list(fragment)[:2]
    assert (first.tag, text_of(first)) == ("title", "calls — Chronicle")  # the tab's title first
    assert (second.tag, second.get("id")) == ("section", "results")
    assert only(fragment, "#filter-facets").get("hx-swap-oob") == "true"
    status = only(fragment, "#result-status")
    assert (status.get("hx-swap-oob"), text_of(status)) == ("innerHTML", "Showing 1 of 1 event.")
    assert titles(response) == ["Phone call"]


def test_a_link_followed_with_htmx_gets_the_form_and_the_results(client, world):
    response = client.get("/", {"q": "energy"}, **htmx("browse"))
    assert "<html" not in response.content.decode()
    fragment = parse_html(response)
    assert only(fragment, "div#browse input[name=q]").get("value") == "energy"
    assert fragment.cssselect("[autofocus]")  # focus moves to the results that changed
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
    page = parse_html(html)
    config = json.loads(only(page, 'meta[name="htmx-config"]').get("content"))
    assert config["includeIndicatorStyles"] is False and config["allowEval"] is False
    assert {"code": "400", "swap": True} in [
        {k: r.get(k) for k in ("code", "swap")} for r in config["responseHandling"]
    ]
    assert "hx-on" not in html and not page.cssselect("[style]")
    assert page.cssselect('script[src="/static/vendor/htmx-2.0.11.min.js"]')


def test_the_result_count_is_announced_in_a_live_region(client, world):
    status = only(parse_html(client.get("/", {"kind": "call"})), "#result-status")
    assert (status.get("role"), status.get("aria-live")) == ("status", "polite")
    assert text_of(status) == "Showing 1 of 1 event."


# --- Facets -------------------------------------------------------------------------


def facet_count(html, input_id) -> int:
    """The count a screen reader hears beside a facet's choice: '(3 events)'."""
    label = only(parse_html(html), f'label[for="{input_id}"]')
    return int(re.search(r"\((\d+) events?\)", text_of(only(label, ".count"))).group(1))


def is_ticked(html, input_id) -> bool:
    return "checked" in only(parse_html(html), f"#{input_id}").attrib


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
    assert is_ticked(html, "kind-call")


def test_an_actor_facet_lists_chosen_actors_first_and_ticked(client, world):
    html = client.get("/", {"actor": "sergey-lavrov"}).content.decode()
    facet = html[html.index("<legend>Actors</legend>") :]
    assert facet.index("actor-sergey-lavrov") < facet.index("actor-vladimir-putin")
    assert is_ticked(html, "actor-sergey-lavrov")
    assert facet_count(html, "actor-vladimir-putin") == 3


def test_year_facet_counts_and_links_to_the_whole_year(client, world):
    page = parse_html(client.get("/", {"kind": ["summit", "visit", "other"]}))
    years = {text_of(pill): pill.get("href") for pill in page.cssselect("a.pill")}
    assert years == {
        "2023 (1 event)": "/?kind=summit&kind=visit&kind=other&start=2023&end=2023",
        "2024 (2 events)": "/?kind=summit&kind=visit&kind=other&start=2024&end=2024",
    }


def test_a_chosen_year_is_marked_current(client, world):
    chosen = only(parse_html(client.get("/", {"start": "2023", "end": "2023"})), "a.pill.is-selected")
    assert chosen.get("aria-current") == "true" and text_of(chosen).startswith("2023 ")


# --- The month chart ------------------------------------------------------------------


def chart_bars(html) -> dict[str, tuple[str, bool]]:
    """{'March 2023: 1 event': (url, selected)} for every clickable bar."""
    bars = parse_html(html).cssselect("a.chart-bar")
    return {bar.get("aria-label"): (bar.get("href"), "is-selected" in bar.classes) for bar in bars}


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
    bars = parse_html(client.get("/")).cssselect("a.chart-bar")
    heights = {bar.get("aria-label").split(":")[0]: float(only(bar, ".chart-fill").get("height")) for bar in bars}
    assert heights["June 2022"] == pytest.approx(4 * heights["July 2022"])


# --- Chips and export links -----------------------------------------------------------


def test_each_active_filter_is_a_chip_that_removes_only_itself(client, world):
    page = parse_html(client.get("/", {"actor": ["xi-jinping", "sergey-lavrov"], "kind": "call", "q": "phone"}))
    chips = [chip for chip in page.cssselect("a.chip") if "chip-clear" not in chip.classes]
    labels = [only(chip, ".chip-label") for chip in chips]
    labels = [(text_of(label), label.tail.strip()) for label in labels]  # "Kind:", then the value
    assert labels == [("Search:", "phone"), ("Actor:", "Sergey Lavrov"), ("Actor:", "Xi Jinping"), ("Kind:", "call")]
    assert chips[-1].get("href") == "/?q=phone&actor=sergey-lavrov&actor=xi-jinping"
    assert only(page, "a.chip.chip-clear").get("href") == "/"


def test_chip_for_an_actor_removes_only_that_actor(client, world):
    page = parse_html(client.get("/", {"actor": ["xi-jinping", "sergey-lavrov"]}))
    urls = [chip.get("href") for chip in page.cssselect("a.chip") if "chip-clear" not in chip.classes]
    assert urls == ["/?actor=xi-jinping", "/?actor=sergey-lavrov"]


def test_export_links_carry_the_current_filters(client, world):
    page = parse_html(client.get("/", {"actor": "xi-jinping", "kind": "call", "start": "2022", "page": "1", "q": ""}))
    links = {a.get("href") for a in page.cssselect("a[href]")}
    for path in ("/events.csv", "/events.json", "/events.ics", "/events.timelinejs.json"):
        assert f"{path}?actor=xi-jinping&kind=call&start=2022" in links, path


def test_export_links_are_refreshed_with_the_htmx_results(client, world):
    fragment = parse_html(client.get("/", {"kind": "visit"}, **htmx("results")))
    assert fragment.cssselect('a[href="/events.csv?kind=visit"]')


def test_an_exported_csv_matches_the_filtered_page(client, world):
    """The page and its CSV link agree on the events (the export is another helper's; the link is ours)."""
    page = client.get("/", {"actor": "xi-jinping"})
    csv_url = parse_html(page).cssselect('a[href^="/events.csv"]')[0].get("href")
    body = body_of(client.get(csv_url)).decode("utf-8-sig")
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
    link = only(parse_html(html), "#load-more a")
    assert link.get("href") == link.get("hx-get") == "/?kind=meeting&page=2"
    assert (htmx_attribute(link, "hx-target"), htmx_attribute(link, "hx-swap")) == ("#event-list", "beforeend")


def test_load_more_appends_the_next_events_without_repeating_the_month_heading(client, many):
    response = client.get("/", {"kind": "meeting", "page": 2}, **htmx("event-list"))
    html = response.content.decode()
    assert "<html" not in html and 'id="results"' not in html
    assert titles(response) == [f"Day {n:03d}" for n in range(PER_PAGE, PER_PAGE * 2)]
    fragment = parse_html(response)
    # Day 49 (19 February) ends page 1 and Day 50 (20 February) starts page 2: same month, no new heading.
    assert list(fragment)[0].tag not in ("h3", "h4")
    assert texts(fragment, ".timeline-period")[0] == "March 2023"
    assert only(fragment, "#load-more").get("hx-swap-oob") == "true"
    assert only(fragment, "#load-more a").get("href").endswith("page=3")
    status = only(fragment, "#result-status")
    assert (status.get("hx-swap-oob"), text_of(status)) == (
        "innerHTML",
        f"Showing {PER_PAGE * 2} of {len(many)} events.",
    )


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
    status = only(parse_html(html), "#result-status")
    assert (status.get("hx-swap-oob"), text_of(status)) == ("innerHTML", "No results: 1 filter to fix.")


def test_an_unusable_filter_keeps_what_the_user_typed_and_marks_the_field(client, world):
    html = client.get("/", {"start": "banana", "kind": "call"}).content.decode()
    start = only(parse_html(html), "#start")
    assert (start.get("name"), start.get("value"), start.get("aria-invalid")) == ("start", "banana", "true")
    assert is_ticked(html, "kind-call")
    assert "open" in only(parse_html(html), "details.filter-more").attrib


# --- Safe and fast ----------------------------------------------------------------------------


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
    # A text search adds one: the ids it matches, read once for the list and every facet.
    searched = 1 if "q" in params else 0
    for headers, most in (({}, 12), (htmx("results"), 11), (htmx("event-list"), 5)):
        cache.clear()  # count the facet queries too, not counts cached by an earlier request
        with django_assert_max_num_queries(most + searched):
            assert client.get("/", {**params, "page": 2}, **headers).status_code == 200


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


def test_the_filter_form_class_is_built_once_and_each_form_has_its_own_fields(db):
    from django.http import QueryDict

    from timeline.filters import event_filter

    first, second = event_filter(QueryDict("kind=call")), event_filter(QueryDict("kind=visit"))
    assert first.get_form_class() is second.get_form_class()
    assert first.is_valid() and second.is_valid()
    assert (first.form.cleaned_data["kind"], second.form.cleaned_data["kind"]) == (["call"], ["visit"])
    assert first.form.fields["actor"] is not second.form.fields["actor"]


def source_options(response) -> list[tuple[str, str]]:
    """(value, label) of each article the form's source list offers, its empty choice left out."""
    options = parse_html(response).cssselect("#source option")
    return [(option.get("value"), option.text_content()) for option in options][1:]


def test_the_form_offers_every_article_by_title_while_there_are_few(client, make_source):
    made = [make_source(title=title) for title in ("zhongguo ribao", "Izvestia", "Asahi")]
    response = client.get("/")
    assert source_options(response) == [(str(made[i].pk), made[i].title) for i in (2, 1, 0)]


def test_past_the_limit_the_form_offers_only_the_chosen_article(client, make_source, monkeypatch):
    monkeypatch.setattr("timeline.browse.SOURCE_CHOICES_LIMIT", 2)
    made = [make_source(title=f"Report {n}") for n in range(3)]
    assert source_options(client.get("/")) == []
    chosen = source_options(client.get("/", {"source": made[1].pk}))
    assert chosen == [(str(made[1].pk), "Report 1")]
    monkeypatch.setattr("timeline.browse.SOURCE_CHOICES_LIMIT", 3)
    assert len(source_options(client.get("/"))) == 3
