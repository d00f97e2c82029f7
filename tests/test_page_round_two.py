"""Issue 12, the page's second round: HEAD answers, a favicon, tab titles that
name the filters, the skip link, and choosing events with all the chosen actors."""

import csv
import io
import json
import re
import urllib.request
from datetime import date
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.templatetags.static import static
from public_pages import EXPORT_PATHS, public_paths

from tests.conftest import body_of, htmx, only, parse_html, text_of, texts
from timeline.models import Event

BOTH = {"actor": ["vladimir-putin", "xi-jinping"]}  # in the order the address gives them: by name
TOGETHER = {**BOTH, "actors_match": "all"}


def titles(response) -> list[str]:
    return texts(parse_html(response), ".event-title a")


def tab_title(response) -> str:
    """The first <title>: the page's own, before any in the month chart's bars."""
    return text_of(parse_html(response).cssselect("title")[0])


@pytest.fixture
def world(make_actor, make_source, make_event):
    """Xi and Putin together twice, each alone once, Lavrov on his own and with both."""
    xi, putin, lavrov = make_actor("Xi Jinping"), make_actor("Vladimir Putin"), make_actor("Sergey Lavrov")
    source = make_source(title="TASS report")
    cite = [(source, "Xi Jinping met")]
    make_event(title="Xi and Putin meet", date_start=date(2023, 3, 21), actors=[xi, putin], sources=cite)
    make_event(title="Xi alone", date_start=date(2023, 5, 2), actors=[xi], sources=cite)
    make_event(title="Putin alone", kind="call", date_start=date(2023, 6, 9), actors=[putin])
    make_event(title="All three", kind="summit", date_start=date(2024, 5, 16), actors=[xi, putin, lavrov])
    make_event(title="Lavrov visits", kind="visit", date_start=date(2024, 7, 1), actors=[lavrov])
    return {"xi": xi, "putin": putin, "lavrov": lavrov, "source": source, "event": Event.objects.first()}


# --- HEAD --------------------------------------------------------------------


def test_head_answers_200_with_no_body_on_every_public_page_and_export(client, world):
    for path in public_paths(world["event"], world["xi"], world["source"]):
        response = client.head(path)
        assert response.status_code == 200, path
        assert body_of(response) == b"", path
        assert response["Content-Type"], path


def test_head_on_a_filtered_export_keeps_its_download_headers(client, world):
    response = client.head("/events.csv", TOGETHER)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "together" in response["Content-Disposition"]
    assert body_of(response) == b""


@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
def test_post_is_still_refused(client, db, path):
    assert client.post(path).status_code == 405


# --- Favicon ------------------------------------------------------------------


def test_favicon_ico_redirects_to_the_svg_icon(client, db):
    for response in (client.get("/favicon.ico"), client.head("/favicon.ico")):
        assert response.status_code == 302
        assert response["Location"] == static("favicon.svg")
        assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("favicon.svg")


def test_every_page_links_its_icon(client, world):
    for path in ("/", f"/events/{world['event'].slug}/", f"/actors/{world['xi'].slug}/"):
        html = client.get(path).content.decode()
        assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html


def test_a_real_request_for_favicon_ico_ends_in_the_icon(live_server, plain_static_files):
    with urllib.request.urlopen(f"{live_server.url}/favicon.ico", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("image/svg+xml")
        assert response.url.endswith("/static/favicon.svg")
        assert b"<svg" in response.read()


# --- The tab title ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, "Chronicle"),
        (
            {"actor": "xi-jinping", "kind": "meeting", "start": "2023", "end": "2023"},
            "Xi Jinping · meetings · 2023 — Chronicle",
        ),
        (BOTH, "Vladimir Putin or Xi Jinping — Chronicle"),
        (TOGETHER, "Vladimir Putin and Xi Jinping — Chronicle"),
        (
            {"q": "gas", "kind": ["call", "other"], "start": "2023-03"},
            "“gas” · calls or other events · from 2023-03 — Chronicle",
        ),
        (
            {"end": "2024", "status": "reviewed", "location": "Moscow"},
            "until 2024 · reviewed only · in Moscow — Chronicle",
        ),
        ({"start": "2022", "end": "2023-06", "order": "desc"}, "2022 to 2023-06 — Chronicle"),
        ({"kind": "wedding"}, "Filters to fix — Chronicle"),
    ],
)
def test_the_tab_title_names_the_filters_in_force(client, world, query, expected):
    assert tab_title(client.get("/", query)) == expected


def test_the_tab_title_names_the_source(client, world):
    response = client.get("/", {"source": world["source"].pk})
    assert tab_title(response) == "reported in “TASS report” — Chronicle"


@pytest.mark.parametrize("target", ["results", "browse"])
def test_an_htmx_swap_carries_the_new_tab_title_outside_what_it_replaces(client, world, target):
    """htmx sets document.title from a <title> at the top level of the fragment."""
    query = {"actor": "xi-jinping", "kind": "meeting", "start": "2023", "end": "2023"}
    response = client.get("/", query, **htmx(target))
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Xi Jinping · meetings · 2023 — Chronicle</title>")


def test_an_htmx_swap_of_unusable_filters_says_so_in_the_tab(client, world):
    response = client.get("/", {"actors_match": "both"}, **htmx("results"))
    assert response.status_code == 400
    assert response.content.decode().lstrip().startswith("<title>Filters to fix — Chronicle</title>")


def test_loading_more_events_leaves_the_tab_title_alone(client, world):
    response = client.get("/", {"kind": "meeting"}, **htmx("event-list"))
    assert "<title>" not in response.content.decode()


def test_the_tab_title_is_escaped(client, world):
    html = client.get("/", {"q": "</title><script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "<title>“&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;” — Chronicle</title>" in html


# --- Skip link --------------------------------------------------------------------


def test_the_first_link_on_the_timeline_skips_to_the_results(client, world):
    html = client.get("/").content.decode()
    page = parse_html(html)
    first = only(page, "body").cssselect("a, button, input, select, textarea, summary")[0]
    assert (first.tag, first.get("href"), text_of(first)) == ("a", "#results-title", "Skip to results")
    assert only(page, "h2#results-title").get("tabindex") == "-1"


def test_other_pages_keep_the_skip_to_content_link(client, world):
    html = client.get(f"/actors/{world['xi'].slug}/").content.decode()
    link = only(parse_html(html), "a.skip-link")
    assert (link.get("href"), text_of(link)) == ("#main", "Skip to content")


# --- All or any of the chosen actors ---------------------------------------------------


def test_two_actors_mean_any_of_them_by_default(client, world):
    expected = ["Xi and Putin meet", "Xi alone", "Putin alone", "All three"]
    assert titles(client.get("/", BOTH)) == expected
    assert titles(client.get("/", {**BOTH, "actors_match": "any"})) == expected


def test_all_of_them_together_lists_only_events_with_every_chosen_actor(client, world):
    response = client.get("/", TOGETHER)
    assert response.status_code == 200
    assert titles(response) == ["Xi and Putin meet", "All three"]
    assert "Showing 2 of 2 events." in response.content.decode()
    three = {"actor": [*BOTH["actor"], "sergey-lavrov"], "actors_match": "all"}
    assert titles(client.get("/", three)) == ["All three"]


def test_the_results_fragment_follows_all_of_them_together(client, world):
    response = client.get("/", TOGETHER, **htmx("results"))
    html = response.content.decode()
    assert "<html" not in html
    assert titles(response) == ["Xi and Putin meet", "All three"]
    assert response["HX-Push-Url"] == "/?actor=vladimir-putin&actor=xi-jinping&actors_match=all"


def ticked_matching(response) -> str:
    """Which of 'any' and 'all' is ticked (and both are offered)."""
    boxes = parse_html(response).cssselect('input[name="actors_match"]')
    assert sorted(box.get("value") for box in boxes) == ["all", "any"]
    (ticked,) = [box.get("value") for box in boxes if "checked" in box.attrib]
    return ticked


def test_how_to_match_actors_is_offered_once_two_actors_are_chosen(client, world):
    assert 'name="actors_match"' not in client.get("/").content.decode()
    assert 'name="actors_match"' not in client.get("/", {"actor": "xi-jinping"}).content.decode()
    assert ticked_matching(client.get("/", BOTH)) == "any"
    page = client.get("/", TOGETHER)
    assert ticked_matching(page) == "all"
    assert "Show events with" in texts(parse_html(page), "legend")
    assert ticked_matching(client.get("/", TOGETHER, **htmx("results"))) == "all"  # the facets sent along


def test_the_address_keeps_actors_match_only_when_it_changes_something(client, world):
    def pushed(query):
        return client.get("/", query, **htmx("results"))["HX-Push-Url"]

    assert pushed({**BOTH, "actors_match": "any"}) == "/?actor=vladimir-putin&actor=xi-jinping"
    assert pushed({"actor": "xi-jinping", "actors_match": "all"}) == "/?actor=xi-jinping"
    assert pushed({**TOGETHER, "kind": "meeting"}).endswith("actors_match=all&kind=meeting")


def test_all_of_them_together_has_a_chip_that_goes_back_to_any(client, world):
    chips = {}
    for chip in parse_html(client.get("/", TOGETHER)).cssselect("a.chip .chip-label"):
        chips[f"{text_of(chip)} {chip.tail.strip()}"] = chip.getparent().get("href")
    assert chips["Actors: all of them together"] == "/?actor=vladimir-putin&actor=xi-jinping"
    assert chips["Actor: Xi Jinping"] == "/?actor=vladimir-putin"  # one actor left: matching no longer applies


def spoken_count(element) -> int:
    """The count a screen reader hears: '(3 events)'."""
    return int(re.search(r"\((\d+) events?\)", text_of(element.cssselect(".count")[0])).group(1))


def facet_counts(response) -> dict[str, int]:
    """Actor and kind facet counts by value (slug or kind)."""
    page = parse_html(response)
    boxes = page.cssselect('input[name="actor"], input[name="kind"]')
    return {box.get("value"): spoken_count(only(page, f'label[for="{box.get("id")}"]')) for box in boxes}


def year_counts(response) -> dict[str, int]:
    return {text_of(pill).split()[0]: spoken_count(pill) for pill in parse_html(response).cssselect("a.pill")}


def test_facet_counts_under_any_of_them(client, world):
    counts = facet_counts(client.get("/", BOTH))
    # An actor's count is what ticking it would add: the actor filter is left out.
    assert {k: counts[k] for k in ("xi-jinping", "vladimir-putin", "sergey-lavrov")} == {
        "xi-jinping": 3,
        "vladimir-putin": 3,
        "sergey-lavrov": 2,
    }
    assert {k: counts[k] for k in ("meeting", "call", "summit", "visit")} == {
        "meeting": 2,
        "call": 1,
        "summit": 1,
        "visit": 0,
    }


def test_facet_counts_under_all_of_them_together(client, world):
    for response in (client.get("/", TOGETHER), client.get("/", TOGETHER, **htmx("results"))):
        counts = facet_counts(response)
        # Ticking one more actor narrows the events: its count is how many of those shown involve it.
        assert {k: counts[k] for k in ("xi-jinping", "vladimir-putin", "sergey-lavrov")} == {
            "xi-jinping": 2,
            "vladimir-putin": 2,
            "sergey-lavrov": 1,
        }
        assert {k: counts[k] for k in ("meeting", "call", "summit", "visit")} == {
            "meeting": 1,
            "call": 0,
            "summit": 1,
            "visit": 0,
        }
    assert year_counts(client.get("/", TOGETHER)) == {"2023": 1, "2024": 1}
    assert year_counts(client.get("/", BOTH)) == {"2023": 3, "2024": 1}


def test_facet_counts_are_cached_per_mode(client, world):
    """Counts are cached per filter set: the mode must be part of the key."""
    assert "Showing 4 of 4 events." in client.get("/", BOTH).content.decode()
    assert "Showing 2 of 2 events." in client.get("/", TOGETHER).content.decode()
    assert "Showing 4 of 4 events." in client.get("/", BOTH).content.decode()


def test_the_csv_export_follows_all_of_them_together(client, world):
    response = client.get("/events.csv", TOGETHER)
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8"))))
    assert [row["title"] for row in rows] == ["Xi and Putin meet", "All three"]
    assert "timeline-vladimir-putin-xi-jinping-together-" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body_of(client.get("/events.csv", BOTH)).decode("utf-8"))))
    assert len(rows) == 4


def test_the_json_export_follows_and_reports_all_of_them_together(client, world):
    data = json.loads(body_of(client.get("/events.json", TOGETHER)))
    assert data["count"] == 2
    assert [event["title"] for event in data["events"]] == ["Xi and Putin meet", "All three"]
    assert data["filters"]["actors_match"] == "all"
    assert data["filters"]["actor"] == ["vladimir-putin", "xi-jinping"]
    assert json.loads(body_of(client.get("/events.json", BOTH)))["filters"]["actors_match"] == "any"


@pytest.mark.parametrize(
    "path, count",
    [
        ("/events.ics", lambda body: body.count("BEGIN:VEVENT")),
        ("/events.timelinejs.json", lambda body: len(json.loads(body)["events"])),
    ],
)
def test_every_other_export_follows_all_of_them_together(client, world, path, count):
    assert count(body_of(client.get(path, TOGETHER)).decode()) == 2
    assert count(body_of(client.get(path, BOTH)).decode()) == 4


@pytest.mark.parametrize("path", ["/", *EXPORT_PATHS])
def test_an_unknown_way_to_match_actors_is_a_helpful_400(client, world, path):
    response = client.get(path, {**BOTH, "actors_match": "both"})
    assert response.status_code == 400
    text = unescape(body_of(response).decode())
    assert "Actors: 'both' is not a way to match actors; use any" in text
    assert "or all (events with every one of them)." in text


def test_all_of_them_together_is_one_semi_join_per_actor_and_no_distinct(db, world):
    from django.http import QueryDict

    from timeline.filters import filtered_events

    events, _ = filtered_events(QueryDict("actor=xi-jinping&actor=vladimir-putin&actor=sergey-lavrov&actors_match=all"))
    sql = str(events.query)
    assert not events.query.distinct
    assert sql.count('FROM "timeline_participation"') == 3
    assert "JOIN" not in sql


@pytest.mark.parametrize("n", [5, 120])
def test_all_of_them_together_needs_the_same_few_queries_whatever_the_number_of_events(
    client, make_actor, make_event, django_assert_max_num_queries, n
):
    actors = [make_actor(f"Actor {i}") for i in range(4)]
    for i in range(n):
        make_event(title=f"Event {i}", date_start=date(2022 + i % 4, 1 + i % 12, 1), actors=actors[i % 2 : i % 2 + 3])
    query = {"actor": ["actor-1", "actor-2"], "actors_match": "all", "page": 2}
    for headers, most in (({}, 12), (htmx("results"), 11), (htmx("event-list"), 5)):  # the place facet is two
        cache.clear()
        with django_assert_max_num_queries(most):
            assert client.get("/", query, **headers).status_code == 200


def kind_box(html: str, kind: str) -> set[str]:
    """The attributes of a kind's checkbox."""
    return set(only(parse_html(html), f"#kind-{kind}").attrib)


def test_a_kind_with_no_events_is_shown_but_cannot_be_chosen(client, make_event):
    """Ticking it would only empty the page; a chosen kind stays choosable, so it can be unticked."""
    make_event(kind="meeting")
    html = client.get("/").content.decode()
    assert "disabled" in kind_box(html, "call") and "disabled" not in kind_box(html, "meeting")
    chosen = client.get("/", {"kind": "call"}).content.decode()
    assert "checked" in kind_box(chosen, "call") and "disabled" not in kind_box(chosen, "call")
