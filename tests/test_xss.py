"""Stored XSS: HTML and script payloads saved in every text field an editor or
the extractor can fill render as text on every page, in the admin and in the
exports. Each payload carries a marker naming its field, so a test can tell
that the field was shown (escaped) and not merely left out."""

import csv
import io
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from public_pages import audit, page_paths

from tests.conftest import HTMX, body_of, htmx
from timeline.models import Citation


def payload(field: str) -> str:
    return f"\"'><script>alert('xss-{field}')</script><img src=x onerror=alert('xss-{field}')>"


RAW_FRAGMENTS = ("<script>alert(", "<img src=x")
FIELDS = ("title", "summary", "quote", "location", "actor", "role", "source", "publisher")


@pytest.fixture
def hostile(make_actor, make_source, make_event):
    actor = make_actor(
        payload("actor"),
        slug="hostile-actor",
        role=payload("role"),
        aliases=payload("alias"),
        description=payload("description"),
    )
    quote = f"Officials said {payload('quote')} on Monday."
    source = make_source(
        title=payload("source"),
        publisher=payload("publisher"),
        url="javascript:alert('xss-url')",
        text=f"Opening line. {quote} Closing line.",
        reference_note=payload("reference"),
        reference_date=date(2023, 1, 1),
    )
    event = make_event(
        title=payload("title"),
        slug="hostile-event",
        summary=payload("summary"),
        location=payload("location"),
        date_note=payload("note"),
        actors=[actor],
        sources=[(source, quote)],
    )
    Citation.objects.update(date_text=payload("date-text"), date_reasoning=payload("reasoning"))
    return event, actor, source


def assert_rendered_as_text(html: str, must_show=()):
    for fragment in RAW_FRAGMENTS:
        assert fragment not in html, fragment
    found = audit(html)
    assert found.handlers == [] and found.inline_scripts == 0, (found.handlers, found.inline_scripts)
    assert found.javascript_urls == [], found.javascript_urls
    for field in must_show:
        assert escape(payload(field)) in html or f"xss-{field}" in html, f"{field} not shown"


def get_page(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


# --- Public pages ----------------------------------------------------------------

PAGE_FIELDS = {
    "index": ("title", "actor", "location"),
    "event": ("title", "summary", "quote", "actor", "source", "date-text"),
    "actor": ("actor", "title", "description", "alias"),
    "source": ("source", "quote", "title", "reference"),
}


@pytest.mark.parametrize("page", PAGE_FIELDS)
def test_payloads_render_as_text_on_every_public_page(client, hostile, page):
    path = dict(zip(PAGE_FIELDS, page_paths(*hostile), strict=True))[page]
    assert_rendered_as_text(get_page(client, path), must_show=PAGE_FIELDS[page])


@pytest.mark.parametrize("target", ["results", "browse", "event-list"])
def test_payloads_render_as_text_in_every_htmx_partial(client, hostile, target):
    assert_rendered_as_text(get_page(client, "/", **htmx(target)), must_show=("title",))


def test_payloads_render_as_text_in_an_event_opened_inline(client, hostile):
    event = hostile[0]
    html = get_page(client, f"/events/{event.slug}/", **HTMX, HTTP_HX_TARGET=f"more-{event.pk}")
    assert_rendered_as_text(html, must_show=("quote",))


def test_payloads_render_as_text_in_filtered_and_searched_pages(client, hostile):
    for params in ("?actor=hostile-actor", "?q=xss-title", "?location=xss-location"):
        assert_rendered_as_text(get_page(client, "/" + params), must_show=("title",))


def test_a_javascript_url_on_a_source_never_becomes_a_link(client, hostile):
    for path in page_paths(*hostile):
        assert audit(get_page(client, path)).javascript_urls == []


# --- Admin -----------------------------------------------------------------------


@pytest.fixture
def admin(client, hostile):
    client.force_login(get_user_model().objects.create_superuser("boss", password="pw-boss-123"))
    return client


def admin_paths(event, actor, source):
    return {
        "event list": ("/admin/timeline/event/", ("title", "actor")),
        "event change": (f"/admin/timeline/event/{event.pk}/change/", ("title", "summary", "quote", "location")),
        "event history": (f"/admin/timeline/event/{event.pk}/history/", ()),
        "event delete": (f"/admin/timeline/event/{event.pk}/delete/", ("title",)),
        "actor list": ("/admin/timeline/actor/", ("actor", "role")),
        "actor change": (f"/admin/timeline/actor/{actor.pk}/change/", ("actor", "role")),
        "actor delete": (f"/admin/timeline/actor/{actor.pk}/delete/", ("actor",)),
        "source list": ("/admin/timeline/source/", ("source", "publisher")),
        "source change": (f"/admin/timeline/source/{source.pk}/change/", ("source", "publisher", "quote")),
        "event search": ("/admin/timeline/event/?q=xss", ("title",)),
    }


@pytest.mark.parametrize(
    "name",
    [
        "event list",
        "event change",
        "event history",
        "event delete",
        "actor list",
        "actor change",
        "actor delete",
        "source list",
        "source change",
        "event search",
    ],
)
def test_payloads_render_as_text_in_the_admin(admin, hostile, name):
    path, must_show = admin_paths(*hostile)[name]
    response = admin.get(path)
    assert response.status_code == 200
    # The admin's own scripts are external files; the check is on what our data could inject.
    assert_rendered_as_text(response.content.decode(), must_show=must_show)


def test_payloads_render_as_text_in_the_admin_history_after_an_edit(admin, hostile):
    event = hostile[0]
    event.summary = payload("edited")
    event.save()
    history = admin.get(f"/admin/timeline/event/{event.pk}/history/").content.decode()
    assert_rendered_as_text(history)
    record = event.history.latest()
    page = admin.get(f"/admin/timeline/event/{event.pk}/history/{record.pk}/").content.decode()
    assert_rendered_as_text(page, must_show=("edited",))


# --- Exports: the payload is data, served as a type no browser runs ----------------


def export(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    return response, body_of(response).decode("utf-8-sig")


def test_json_export_keeps_payloads_as_exact_text(client, hostile):
    response, body = export(client, "/events.json")
    assert response["Content-Type"].startswith("application/json")
    (event,) = json.loads(body)["events"]
    assert event["title"] == payload("title")
    assert event["summary"] == payload("summary")
    assert event["sources"][0]["title"] == payload("source")
    assert payload("quote") in event["sources"][0]["quote"]


def test_csv_export_keeps_payloads_as_text_cells(client, hostile):
    response, body = export(client, "/events.csv")
    assert response["Content-Type"].startswith("text/csv")
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["title"] == payload("title")
    assert row["actors"] == payload("actor")


def test_icalendar_export_is_served_as_a_calendar_not_a_page(client, hostile):
    response, body = export(client, "/events.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "xss-title" in body


def test_timelinejs_export_escapes_the_html_that_timelinejs_would_render(client, hostile):
    response, body = export(client, "/events.timelinejs.json")
    text = json.dumps(json.loads(body))
    for fragment in RAW_FRAGMENTS:
        assert fragment not in text
    assert "javascript:" not in text
    assert escape("<script>alert('xss-title')") in json.loads(body)["events"][0]["text"]["headline"]
