"""What the public sees of an editor's review and of where an article came from:
the status filter on the page, its fragments and every export; the review
marks on events; outlets, authors and inferred dates on sources; and never an
article's file name or import key."""

from datetime import date
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertInHTML

from tests.conftest import HTMX, body_of, only, parse_html, text_of
from tests.export_helpers import read_csv, read_json, slugs_in
from tests.public_pages import EXPORT_PATHS
from timeline.models import Event, Outlet

REVIEWED, PROPOSED = Event.Status.REVIEWED, Event.Status.PROPOSED


@pytest.fixture
def checked(make_actor, make_source, make_event):
    """One reviewed and one proposed event, reported by an outlet whose article gives no date."""
    xi = make_actor("Xi Jinping")
    tass = make_source(
        title="Leaders meet in Samarkand",
        publisher="TASS",
        author="Ivan Petrov",
        url="https://tass.example/samarkand",
        origin="imports/2022/tass_0914_samarkand.txt",
        text="Putin and Xi met in Samarkand on Wednesday.",
        reference_date=date(2022, 9, 14),
        reference_note="The article mentions the SCO summit, held on 15–16 September 2022.",
    )
    Outlet.objects.filter(name="TASS").update(
        affiliation=Outlet.Affiliation.STATE_RUSSIA, website="https://tass.example/"
    )
    reviewed = make_event(
        title="Xi and Putin meet in Samarkand",
        slug="xi-putin-samarkand",
        date_start=date(2022, 9, 14),
        status=REVIEWED,
        actors=[xi],
        sources=[(tass, "Putin and Xi met in Samarkand on Wednesday.")],
    )
    proposed = make_event(
        title="Xi visits Astana",
        slug="xi-visits-astana",
        kind="visit",
        date_start=date(2022, 9, 13),
        status=PROPOSED,
        actors=[xi],
    )
    return {"xi": xi, "tass": tass, "reviewed": reviewed, "proposed": proposed}


class Titles(HTMLParser):
    """The slugs the listed events' titles link to, in page order."""

    def __init__(self):
        super().__init__()
        self.slugs, self.in_title = [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h5" and "event-title" in (attributes.get("class") or ""):
            self.in_title = True
        elif tag == "a" and self.in_title:
            self.slugs.append(attributes["href"].strip("/").rsplit("/", 1)[-1])
            self.in_title = False


class Radios(HTMLParser):
    """value → checked, for the radio buttons called `name`."""

    def __init__(self, name: str):
        super().__init__()
        self.name, self.found = name, {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "radio" and attributes.get("name") == self.name:
            self.found[attributes["value"]] = "checked" in attributes


def listed_slugs(html: str) -> list[str]:
    parser = Titles()
    parser.feed(html)
    return parser.slugs


def radios(html: str, name: str) -> dict[str, bool]:
    parser = Radios(name)
    parser.feed(html)
    return parser.found


# --- The status filter ------------------------------------------------------------------


@pytest.mark.parametrize("status, expected", [("reviewed", ["xi-putin-samarkand"]), ("proposed", ["xi-visits-astana"])])
def test_status_filter_narrows_the_page(client, checked, status, expected):
    response = client.get("/", {"status": status})
    assert response.status_code == 200
    assert listed_slugs(response.content.decode()) == expected


def test_without_a_status_filter_the_page_lists_reviewed_and_proposed_events(client, checked):
    assert listed_slugs(client.get("/").content.decode()) == ["xi-visits-astana", "xi-putin-samarkand"]


@pytest.mark.parametrize("status, expected", [("reviewed", ["xi-putin-samarkand"]), ("proposed", ["xi-visits-astana"])])
def test_status_filter_narrows_the_htmx_results_fragment_and_tidies_the_address(client, checked, status, expected):
    response = client.get("/", {"status": status, "q": ""}, **HTMX, HTTP_HX_TARGET="results")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert listed_slugs(html) == expected
    assert response["HX-Push-Url"] == f"/?status={status}"


def test_status_filter_is_shown_as_a_chip_that_removes_it(client, checked):
    html = client.get("/", {"status": "proposed", "kind": "visit"}).content.decode()
    assertInHTML(
        '<a class="chip" href="/?kind=visit" hx-get="/?kind=visit" hx-target="#browse" hx-swap="outerHTML"'
        ' hx-push-url="true"><span class="chip-label">Checked by an editor:</span> not yet reviewed'
        '<span class="visually-hidden"> (remove this filter)</span>'
        '<span class="chip-x" aria-hidden="true">×</span></a>',
        html,
    )


def test_the_form_offers_any_reviewed_only_and_not_yet_reviewed(client, checked):
    html = client.get("/", {"status": "reviewed"}).content.decode()
    assert radios(html, "status") == {"": False, "reviewed": True, "proposed": False}
    assertInHTML("<legend>Checked by an editor</legend>", html)
    for value, label in (("any", "any"), ("reviewed", "reviewed only"), ("proposed", "not yet reviewed")):
        assertInHTML(f'<label for="status-{value}">{label}</label>', html)
    assert radios(client.get("/").content.decode(), "status") == {"": True, "reviewed": False, "proposed": False}


def kind_choice(kind: str, count: int) -> str:
    noun = "event" if count == 1 else "events"
    return (
        f'<label for="kind-{kind}"><span class="badge kind-{kind}">{kind}</span> <span class="count">'
        f'<span class="visually-hidden">(</span>{count}<span class="visually-hidden"> {noun})</span></span></label>'
    )


def test_facet_counts_respect_the_status_filter(client, checked):
    html = client.get("/", {"status": "reviewed"}).content.decode()
    assertInHTML(kind_choice("meeting", 1), html)
    assertInHTML(kind_choice("visit", 0), html)
    assertInHTML(kind_choice("visit", 1), client.get("/").content.decode())


@pytest.mark.parametrize("status, expected", [("reviewed", ["xi-putin-samarkand"]), ("proposed", ["xi-visits-astana"])])
def test_csv_export_respects_the_status_filter_and_says_each_status(client, checked, status, expected):
    response = client.get("/events.csv", {"status": status})
    rows = read_csv(response)
    assert [row["url"].rstrip("/").rsplit("/", 1)[-1] for row in rows] == expected
    assert [row["status"] for row in rows] == [status]
    assert f"-{status}-" in response["Content-Disposition"]


@pytest.mark.parametrize("status, expected", [("reviewed", ["xi-putin-samarkand"]), ("proposed", ["xi-visits-astana"])])
def test_json_export_respects_the_status_filter_and_says_each_status(client, checked, status, expected):
    data = read_json(client.get("/events.json", {"status": status}))
    assert [(event["slug"], event["status"]) for event in data["events"]] == [(slug, status) for slug in expected]
    assert data["filters"]["status"] == status


def test_unfiltered_exports_carry_both_statuses(client, checked):
    assert [row["status"] for row in read_csv(client.get("/events.csv"))] == ["proposed", "reviewed"]
    assert [event["status"] for event in read_json(client.get("/events.json"))["events"]] == ["proposed", "reviewed"]
    assert read_json(client.get("/events.json"))["filters"]["status"] is None


@pytest.mark.parametrize("url", ["/events.ics", "/events.timelinejs.json"])
def test_calendar_and_timelinejs_follow_the_status_filter(client, checked, url):
    assert slugs_in(url, client.get(url, {"status": "reviewed"})) == ["xi-putin-samarkand"]
    assert slugs_in(url, client.get(url)) == ["xi-visits-astana", "xi-putin-samarkand"]


def test_timelinejs_describes_the_status_filter(client, checked):
    title = read_json(client.get("/events.timelinejs.json", {"status": "proposed"}))["title"]
    assert title["text"]["text"] == "<p>Filtered by: not yet reviewed</p>"


MESSAGE = "Checked by an editor: &#x27;maybe&#x27; is not a review status; use reviewed or proposed."


def test_a_wrong_status_on_the_page_is_a_400_that_says_which_values_work(client, checked):
    response = client.get("/", {"status": "maybe"})
    html = response.content.decode()
    assert response.status_code == 400
    assertInHTML(f"<li>{MESSAGE}</li>", html)
    assert radios(html, "status") == {"": False, "reviewed": False, "proposed": False}


def test_a_wrong_status_in_the_htmx_fragment_is_a_400_that_says_which_values_work(client, checked):
    response = client.get("/", {"status": "maybe"}, **HTMX, HTTP_HX_TARGET="results")
    assert response.status_code == 400
    assertInHTML(f"<li>{MESSAGE}</li>", response.content.decode())


@pytest.mark.parametrize("path", EXPORT_PATHS)
def test_a_wrong_status_in_an_export_is_a_short_400(client, checked, path):
    response = client.get(path, {"status": "x" * 5000})
    text = body_of(response).decode()
    assert response.status_code == 400
    assert text == f"Checked by an editor: '{'x' * 40}' is not a review status; use reviewed or proposed.\n"


# --- Review marks on events -------------------------------------------------------------------


def test_event_page_says_a_reviewed_event_was_reviewed_by_an_editor(client, checked):
    html = client.get("/events/xi-putin-samarkand/").content.decode()
    assertInHTML('<p class="review-status is-reviewed">Reviewed by an editor</p>', html)
    assert "not yet reviewed" not in html


def test_event_page_says_a_proposed_event_is_not_yet_reviewed(client, checked):
    html = client.get("/events/xi-visits-astana/").content.decode()
    assertInHTML(
        '<p class="review-status is-proposed">Proposed by the extractor, not yet reviewed by an editor</p>', html
    )
    assert "Reviewed by an editor" not in html


@pytest.mark.parametrize("path", ["/", "/actors/xi-jinping/"])
def test_each_listed_event_is_marked_reviewed_or_not_yet_reviewed(client, checked, path):
    html = client.get(path).content.decode()
    assertInHTML('<span class="review is-reviewed">reviewed</span>', html, count=1)
    assertInHTML('<span class="review is-proposed">not yet reviewed</span>', html, count=1)
    # Who reviews is said once, above the list, not in each entry.
    legend = only(parse_html(html), "p.review-legend")
    assert "an editor has checked" in text_of(legend) and "proposed by the extractor" in text_of(legend)


# --- Sources --------------------------------------------------------------------------------


def test_source_page_shows_outlet_with_affiliation_linking_its_website(client, checked):
    html = client.get(f"/sources/{checked['tass'].pk}/").content.decode()
    assertInHTML(
        '<div><dt>Outlet</dt><dd><a href="https://tass.example/" rel="external noopener noreferrer">TASS</a>'
        " — state media of Russia</dd></div>",
        html,
    )


def test_source_page_shows_the_author(client, checked):
    html = client.get(f"/sources/{checked['tass'].pk}/").content.decode()
    assertInHTML("<div><dt>Author</dt><dd>Ivan Petrov</dd></div>", html)


def test_source_page_shows_an_inferred_date_with_its_reasoning_behind_a_disclosure(client, checked):
    html = client.get(f"/sources/{checked['tass'].pk}/").content.decode()
    assertInHTML(
        '<dd>not stated; inferred: about <time datetime="2022-09-14">14 September 2022</time>'
        '<details class="inferred-date"><summary>How this date was inferred</summary>'
        "<p>The article mentions the SCO summit, held on 15–16 September 2022.</p></details></dd>",
        html,
    )


def test_source_page_with_a_stated_date_shows_it_plainly(client, make_source):
    source = make_source(published_on=date(2023, 3, 21), reference_date=date(2023, 3, 21), reference_note="Dateline.")
    html = client.get(f"/sources/{source.pk}/").content.decode()
    assertInHTML('<div><dt>Published</dt><dd><time datetime="2023-03-21">21 March 2023</time></dd></div>', html)
    assert "inferred" not in html


def test_source_page_without_any_date_says_it_is_not_stated(client, make_source):
    html = client.get(f"/sources/{make_source().pk}/").content.decode()
    assertInHTML("<div><dt>Published</dt><dd>not stated</dd></div>", html)


def test_an_outlet_website_that_is_not_a_web_address_is_not_linked(client, checked):
    Outlet.objects.filter(name="TASS").update(website="javascript:alert(1)")
    html = client.get(f"/sources/{checked['tass'].pk}/").content.decode()
    assertInHTML("<div><dt>Outlet</dt><dd>TASS — state media of Russia</dd></div>", html)
    assert "javascript:" not in html


def test_a_citation_on_the_event_page_shows_outlet_affiliation_and_inferred_date(client, checked):
    html = client.get("/events/xi-putin-samarkand/").content.decode()
    assertInHTML(
        f"""<div class="citation-source">
          <a href="/sources/{checked["tass"].pk}/"><cite>Leaders meet in Samarkand</cite></a>,
          <a href="https://tass.example/" rel="external noopener noreferrer">TASS</a> — state media of Russia,
          publication date not stated; inferred: about <time datetime="2022-09-14">14 September 2022</time>
          <details class="inferred-date"><summary>How this date was inferred</summary>
            <p>The article mentions the SCO summit, held on 15–16 September 2022.</p></details>
          · <a href="https://tass.example/samarkand" rel="external noopener noreferrer">original<span
            class="visually-hidden"> article: Leaders meet in Samarkand</span></a>
        </div>""",
        html,
    )


def test_a_citation_of_an_article_without_outlet_shows_its_title_and_date(client, make_source, make_event):
    source = make_source(title="Unattributed", published_on=date(2023, 3, 21))
    event = make_event(sources=[(source, "Xi Jinping met Vladimir Putin")])
    html = client.get(f"/events/{event.slug}/").content.decode()
    assertInHTML(
        f"""<div class="citation-source"><a href="/sources/{source.pk}/"><cite>Unattributed</cite></a>,
        <time datetime="2023-03-21">21 March 2023</time></div>""",
        html,
    )


def test_no_public_page_shows_an_article_file_name_or_import_key(client, checked):
    tass, event = checked["tass"], checked["reviewed"]
    pages = ["/", f"/events/{event.slug}/", "/actors/xi-jinping/", f"/sources/{tass.pk}/", f"/?source={tass.pk}"]
    for path in pages:
        html = client.get(path).content.decode()
        assert "tass_0914_samarkand" not in html, path
        assert ".txt" not in html, path
    inline = client.get(f"/events/{event.slug}/", **HTMX, HTTP_HX_TARGET=f"more-{event.pk}").content.decode()
    assert "tass_0914_samarkand" not in inline
    for path in ("/events.csv", "/events.ics", "/events.timelinejs.json"):
        assert b"tass_0914_samarkand" not in body_of(client.get(path)), path


def test_no_reasoning_names_an_article_by_its_file(db, client):
    """The extractor's date and merge reasons name articles by their titles, as readers know them."""
    from django.core.management import call_command

    call_command("load_timeline", verbosity=0)
    for event in Event.objects.all():
        html = client.get(event.get_absolute_url()).content.decode()
        assert ".txt" not in html and "import-" not in html, event.slug
