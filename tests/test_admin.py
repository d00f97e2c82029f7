"""Editors work in the admin: it loads for staff, keeps anonymous users out,
and marks what a person saved so no import overwrites it."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from timeline.models import Event


def test_create_editor_makes_a_staff_account_in_the_editors_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("timeline.change_event") and not editor.has_perm("auth.change_user")


@pytest.mark.parametrize("model", ["event", "actor", "source", "place", "calendarentry"])
def test_admin_pages_load_for_staff(editor_client, make_event, make_actor, make_source, model):
    make_event(actors=[make_actor()], sources=[(make_source(), "Xi Jinping met Vladimir Putin")])
    assert editor_client.get(reverse(f"admin:timeline_{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:timeline_{model}_add")).status_code == 200


def test_event_change_page_and_filters_load(editor_client, make_event, make_actor):
    event = make_event(actors=[make_actor()])
    assert editor_client.get(reverse("admin:timeline_event_change", args=[event.pk])).status_code == 200
    listing = editor_client.get(
        reverse("admin:timeline_event_changelist"), {"q": "Event", "year": "2023", "kind__exact": "meeting"}
    )
    assert listing.status_code == 200 and event.title in listing.text


def test_anonymous_users_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("admin:timeline_event_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def event_form(event, **changes):
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "location": "",
        "summary": "",
        "status": event.status,
        "date_start": event.date_start.isoformat(),
        "date_end": "",
        "date_precision": event.date_precision,
        "date_note": "",
        "confidence": "1.0",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_saving_in_the_admin_marks_the_event_edited_and_keeps_history(editor_client, make_event, editor):
    event = make_event(title="Extracted title")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    response = editor_client.post(url, event_form(event, title="Corrected title"))
    assert response.status_code == 302, response.content[:2000]
    event.refresh_from_db()
    assert event.title == "Corrected title" and event.edited
    latest = event.history.first()
    assert latest.history_user == editor
    assert latest.prev_record.title == "Extracted title"
    assert event in Event.objects.protected()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date_start": "2022-09-16", "date_end": "2022-09-15"}, "cannot come before its start"),
        ({"date_start": "2022-09-12", "date_precision": "month"}, "starts on the 1st"),
        ({"date_start": "2022-09-01", "date_precision": "year"}, "starts on 1 January"),
    ],
)
def test_admin_rejects_dishonest_dates_with_a_message(editor_client, make_event, changes, message):
    event = make_event(date_start=date(2022, 9, 1))
    response = editor_client.post(reverse("admin:timeline_event_change", args=[event.pk]), event_form(event, **changes))
    assert response.status_code == 200 and message in response.text
    event.refresh_from_db()
    assert not event.edited


def test_natural_key_round_trip_into_an_empty_database(make_event, make_actor, make_source, tmp_path):
    from timeline.models import Actor, Citation, Participation, Source

    make_event(actors=[make_actor()], sources=[(make_source(), "Xi Jinping met Vladimir Putin")])
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "timeline", natural_foreign=True, natural_primary=True, output=str(dump), verbosity=0)

    def rows():
        return (
            sorted(Event.objects.values_list("slug", "title", "date_start", "date_precision")),
            sorted(Actor.objects.values_list("slug", "name")),
            sorted(Source.objects.values_list("origin", "title")),
            sorted(Participation.objects.values_list("event__slug", "actor__slug", "role")),
            sorted(Citation.objects.values_list("event__slug", "source__origin", "quote_start", "quote")),
        )

    before = rows()
    for model in (Citation, Participation, Event, Source, Actor):
        model.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    assert rows() == before
    call_command("loaddata", str(dump), verbosity=0)  # again: natural keys update, never duplicate
    assert rows() == before
