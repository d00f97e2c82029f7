"""The small things that make an editor fast: quotes found rather than counted, dates in
ISO, names ranked as typed, one line per event, slugs that follow dates, fresh counts."""

from datetime import date

import pytest
from admin_forms import event_form
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import parse_html
from timeline.facet_cache import cached_facets
from timeline.loading import load_text
from timeline.models import Citation, DataStamp, Event

ARTICLE = "Opening line.\nXi Jinping met Vladimir Putin\nin Moscow on 21 March 2023. Closing line."


def with_citation(event, source, quote, **extra):
    data = event_form(event)
    data.update(
        {
            "citations-TOTAL_FORMS": "1",
            "citations-0-event": event.pk,
            "citations-0-source": source.pk,
            "citations-0-quote": quote,
            "citations-0-date_text": "21 March 2023",
            "citations-0-date_reasoning": "",
            **extra,
        }
    )
    return data


def test_a_pasted_quote_is_found_in_the_article_and_its_offsets_stored(editor_client, make_event, make_source):
    source, event = make_source(text=ARTICLE), make_event()
    pasted = "Xi Jinping met Vladimir Putin in Moscow on 21 March 2023."  # the line break lost when copied
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/change/", with_citation(event, source, pasted))
    assert response.status_code == 302, response.content.decode()[:2000]
    citation = Citation.objects.get(event=event)
    assert source.text[citation.quote_start : citation.quote_end] == citation.quote
    assert citation.quote.startswith("Xi Jinping met Vladimir Putin\nin Moscow")


def test_a_quote_that_is_not_in_the_article_is_an_error_on_the_form(editor_client, make_event, make_source):
    source, event = make_source(title="The Moscow report", text=ARTICLE), make_event()
    response = editor_client.post(
        f"/admin/timeline/event/{event.pk}/change/", with_citation(event, source, "Xi met Biden in Bali.")
    )
    assert response.status_code == 200
    assert "These words are not in the article “The Moscow report”" in response.content.decode()
    assert not Citation.objects.exists()


@pytest.mark.parametrize("typed", ["2023-03-22", "22/03/2023", "22 March 2023"])
def test_event_dates_are_taken_in_iso_and_the_british_forms(editor_client, make_event, typed):
    event = make_event(date_start=date(2023, 3, 21))
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/change/", event_form(event, date_start=typed))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.date_start == date(2023, 3, 22)


def test_the_date_field_says_which_format_it_takes(editor_client, make_event):
    html = editor_client.get(f"/admin/timeline/event/{make_event().pk}/change/").content.decode()
    assert "YYYY-MM-DD" in html and 'value="2023-03-21"' in html


def autocomplete(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "timeline", "model_name": "participation", "field_name": "actor", "term": term},
    )
    return [row["text"] for row in response.json()["results"]]


def test_actor_autocomplete_puts_exact_and_prefix_matches_first(editor_client, make_actor, make_event):
    ding, xi = make_actor("Ding Xuexiang"), make_actor("Xi Jinping")
    medinsky, putin = make_actor("Vladimir Medinsky"), make_actor("Vladimir Putin")
    make_actor("Xi'an Delegation", kind="organisation")
    for _ in range(3):
        make_event(actors=[putin, xi])
    make_event(actors=[ding, medinsky])
    assert autocomplete(editor_client, "Xi")[:2] == ["Xi Jinping", "Xi'an Delegation"]
    assert "Ding Xuexiang" not in autocomplete(editor_client, "Xi")[:2]
    assert autocomplete(editor_client, "Vladimir")[0] == "Vladimir Putin", "the busier of two prefix matches"
    assert autocomplete(editor_client, "Putin")[0] == "Vladimir Putin", "a word of the name"


def test_the_event_list_links_each_title(editor_client, make_event):
    event = make_event(title="Leaders meet in Moscow")
    html = editor_client.get(reverse("admin:timeline_event_changelist")).content.decode()
    change = reverse("admin:timeline_event_change", args=[event.pk])
    assert f'<th class="field-title"><a href="{change}">Leaders meet in Moscow</a></th>' in html


def test_an_event_added_in_the_admin_gets_a_slug_with_its_date(editor_client, db):
    data = {
        **event_form(Event(title="x", slug="", kind="call", date_start=date(2024, 5, 16))),
        "title": "Xi and Putin speak",
        "slug": "xi-and-putin-speak",
    }
    response = editor_client.post(reverse("admin:timeline_event_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Event.objects.get().slug == "2024-05-16-xi-and-putin-speak"


def test_a_load_moves_the_data_stamp_so_every_process_drops_its_cached_counts(db):
    before = DataStamp.current()
    call_command("load_timeline", verbosity=0)
    assert DataStamp.current() > before


def test_cached_counts_follow_a_change_that_sent_no_signal_once_the_stamp_moves(db, make_event):
    make_event()
    count = lambda: {"events": Event.objects.count()}  # noqa: E731
    assert cached_facets("kind=meeting", count) == {"events": 1}
    Event.objects.bulk_create([Event(title="Quiet", slug="quiet", date_start=date(2023, 1, 1))])  # no signals
    assert cached_facets("kind=meeting", count) == {"events": 1}, "still cached: nothing said the data changed"
    DataStamp.bump()  # what a load in another process does
    assert cached_facets("kind=meeting", count) == {"events": 2}


def test_loading_an_empty_fixture_still_counts_as_a_change(db):
    before = DataStamp.current()
    load_text("[]")
    assert DataStamp.current() == before + 1


def test_the_sentence_picker_is_offered_each_sentence_of_the_article(editor_client, make_source):
    source = make_source(text=ARTICLE)
    data = editor_client.get(f"/admin/timeline/event/sentences/{source.pk}/").json()
    texts = [s["text"] for s in data["sentences"]]
    assert texts[:2] == ["Opening line.", "Xi Jinping met Vladimir Putin"]
    assert all(source.text[s["start"] :].startswith(s["text"]) for s in data["sentences"])
    assert Client().get(f"/admin/timeline/event/sentences/{source.pk}/").status_code == 302, "editors only"
    assert editor_client.get("/admin/timeline/event/sentences/99999/").status_code == 404


# --- The review queue's merge candidates ------------------------------------------------------


def offered(client) -> dict[str, list[str]]:
    """Each proposal in the queue with the events offered to merge it into, by title."""
    page = parse_html(client.get("/admin/timeline/event/review/"))
    titles = {option.get("value"): option.text.split(": ", 1)[1] for option in page.cssselect("datalist option")}
    offers = {}
    for datalist in page.cssselect("datalist"):
        event = Event.objects.get(pk=datalist.get("id").removeprefix("candidates-"))
        offers[event.title] = [titles[option.get("value")] for option in datalist.cssselect("option")]
    return offers


def test_the_queue_offers_events_of_the_same_days_that_share_a_person(editor_client, make_actor, make_event):
    xi, putin, lavrov = make_actor("Xi Jinping"), make_actor("Vladimir Putin"), make_actor("Sergey Lavrov")
    make_event(title="Talks in Moscow", date_start=date(2023, 3, 21), actors=[xi, putin], status="reviewed")
    make_event(title="March talks", date_start=date(2023, 3, 1), date_precision="month", actors=[putin])
    make_event(title="Ten days later", date_start=date(2023, 3, 31), actors=[xi])
    make_event(title="Same day, others", date_start=date(2023, 3, 20), actors=[lavrov], status="reviewed")
    make_event(title="Xi arrives", date_start=date(2023, 3, 20), actors=[xi], status="proposed")
    offers = offered(editor_client)
    assert offers["Xi arrives"] == ["Talks in Moscow"]  # a person shared, within three days
    assert offers["March talks"] == ["Talks in Moscow"]  # a month-precision event covers its month
    assert offers["Ten days later"] == []


@pytest.mark.parametrize("n", [3, 15])
def test_the_queue_needs_the_same_queries_whatever_its_length(
    editor_client, make_actor, make_source, make_event, django_assert_max_num_queries, n
):
    people = [make_actor(f"Person {i}") for i in range(4)]
    source = make_source()
    for i in range(n):
        make_event(
            title=f"Proposal {i}",
            date_start=date(2023, 1, 1 + i),
            actors=people[i % 4 : i % 4 + 2],
            sources=[(source, "Xi Jinping met Vladimir Putin")],
            status="proposed",
        )
    with django_assert_max_num_queries(16):
        assert editor_client.get("/admin/timeline/event/review/").status_code == 200
