"""Every editor's decision survives every documented path: load, refresh, import.

Each test does the editor's part through the admin (the test client posting the
forms a browser would), then runs the commands that used to undo it.
"""

import io
import json

import pytest
from admin_forms import event_form
from django.core.management import call_command
from django.db import transaction

from timeline.loading import load_text
from timeline.models import Citation, Event, EventAlias, Participation, Tombstone
from timeline.paths import CORPUS_DIR

OWN_ARTICLE = (
    "Leaders hold talks in Beijing\n\n"
    "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Beijing on 16 May 2024, "
    "Xinhua reported.\n\n"
    "The two leaders signed a joint statement on 16 May 2024 after the talks.\n"
)


def quietly(*args, **kwargs):
    call_command(*args, stdout=io.StringIO(), verbosity=0, **kwargs)


def every_path(tmp_path):
    """The documented ways the database is filled again."""
    quietly("load_timeline")
    quietly("refresh_timeline", str(CORPUS_DIR))
    article = tmp_path / "later.txt"
    article.write_text(OWN_ARTICLE)
    quietly("import_articles", str(article))


@pytest.fixture
def loaded(db):
    quietly("load_timeline")
    return Event.objects.count()


def admin_change(client, event, **changes):
    url = f"/admin/timeline/event/{event.pk}/change/"
    response = client.post(url, event_form(event, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    return response


def inline_data(event, delete_actor=None, delete_citation=None):
    """The change form with its existing actor and citation rows, some ticked for deletion."""
    data = event_form(event)
    people = list(event.participations.order_by("id"))
    data.update({"participations-TOTAL_FORMS": str(len(people)), "participations-INITIAL_FORMS": str(len(people))})
    for i, p in enumerate(people):
        data.update(
            {
                f"participations-{i}-id": p.pk,
                f"participations-{i}-event": event.pk,
                f"participations-{i}-actor": p.actor_id,
                f"participations-{i}-role": p.role,
            }
        )
        if p.actor == delete_actor:
            data[f"participations-{i}-DELETE"] = "on"
    cites = list(event.citations.order_by("id"))
    data.update({"citations-TOTAL_FORMS": str(len(cites)), "citations-INITIAL_FORMS": str(len(cites))})
    for i, c in enumerate(cites):
        data.update(
            {
                f"citations-{i}-id": c.pk,
                f"citations-{i}-event": event.pk,
                f"citations-{i}-source": c.source_id,
                f"citations-{i}-quote": c.quote,
                f"citations-{i}-date_text": c.date_text,
                f"citations-{i}-date_reasoning": c.date_reasoning,
            }
        )
        if c == delete_citation:
            data[f"citations-{i}-DELETE"] = "on"
    return data


# --- Deleting and rejecting ---------------------------------------------------------


def test_an_event_deleted_in_the_admin_never_comes_back(editor_client, loaded, tmp_path):
    event = Event.objects.filter(kind="statement").first() or Event.objects.first()
    slug, quotes = event.slug, list(event.citations.values_list("quote", flat=True))
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Tombstone.objects.filter(kind="event", event_slug=slug).exists()
    every_path(tmp_path)
    assert not Event.objects.filter(slug=slug).exists()
    assert not Citation.objects.filter(quote__in=quotes).exists(), "not even under another name"


def test_rejecting_in_the_review_queue_keeps_the_reason_and_is_reversible(editor_client, editor, loaded, tmp_path):
    event = Event.objects.first()
    slug = event.slug
    response = editor_client.post(
        f"/admin/timeline/event/review/{event.pk}/decide/", {"decision": "reject", "reason": "only a quote"}
    )
    assert response.status_code == 302
    stones = Tombstone.objects.filter(kind="event", event_slug=slug)
    assert {(stone.reason, stone.decided_by) for stone in stones} == {("only a quote", editor)}
    every_path(tmp_path)
    assert not Event.objects.filter(slug=slug).exists()

    # Reversed in the admin: the tombstone goes, and the next refresh proposes it again.
    tombstones = Tombstone.objects.filter(event_slug=slug)
    response = editor_client.post(
        "/admin/timeline/tombstone/",
        {"action": "delete_selected", "_selected_action": [t.pk for t in tombstones], "post": "yes"},
    )
    assert response.status_code == 302 and not Tombstone.objects.exists()
    quietly("refresh_timeline", str(CORPUS_DIR))
    assert Event.objects.filter(slug=slug, status="proposed").exists()


def test_an_actor_removed_from_an_event_never_comes_back(editor_client, loaded, tmp_path):
    event = Event.objects.filter(participations__isnull=False).order_by("id").first()
    removed = event.participations.order_by("id").first().actor
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/change/", inline_data(event, removed))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not event.participations.filter(actor=removed).exists()
    assert Tombstone.objects.filter(kind="participation", actor_slug=removed.slug).exists()
    every_path(tmp_path)
    assert not Participation.objects.filter(event=event, actor=removed).exists()


def test_a_citation_removed_from_an_event_never_comes_back(editor_client, loaded, tmp_path):
    event = Event.objects.filter(citations__isnull=False).order_by("id").first()
    removed = event.citations.order_by("id").first()
    quote = removed.quote
    response = editor_client.post(
        f"/admin/timeline/event/{event.pk}/change/", inline_data(event, delete_citation=removed)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    every_path(tmp_path)
    assert not Citation.objects.filter(event=event, quote=quote).exists()


# --- Editing and accepting -------------------------------------------------------------


def test_an_edited_event_keeps_every_field_and_link_through_every_path(editor_client, loaded, tmp_path):
    event = Event.objects.filter(participations__isnull=False).order_by("id").first()
    admin_change(editor_client, event, title="Checked by hand", summary="An editor's summary.", kind="other")
    people = set(event.participations.values_list("actor_id", "role"))
    citations = set(event.citations.values_list("source_id", "quote_start", "quote"))
    every_path(tmp_path)
    event.refresh_from_db()
    assert (event.title, event.summary, event.kind, event.edited) == (
        "Checked by hand",
        "An editor's summary.",
        "other",
        True,
    )
    assert set(event.participations.values_list("actor_id", "role")) == people
    assert set(event.citations.values_list("source_id", "quote_start", "quote")) == citations


def test_a_corrected_date_moves_the_slug_and_the_old_address_redirects(editor_client, client, loaded, tmp_path):
    event = Event.objects.filter(date_precision="day").order_by("id").first()
    old_slug = event.slug
    new_start = event.date_start.replace(day=1 if event.date_start.day != 1 else 2)
    admin_change(editor_client, event, date_start=new_start.isoformat(), date_end="")
    assert event.slug.startswith(new_start.isoformat()) and event.slug != old_slug
    assert EventAlias.objects.get(slug=old_slug).event == event
    response = client.get(f"/events/{old_slug}/")
    assert response.status_code == 301 and response["Location"].endswith(f"/events/{event.slug}/")
    before = Event.objects.count()
    every_path(tmp_path)
    assert not Event.objects.filter(slug=old_slug).exists(), "the extractor's slug finds the corrected event"
    assert Event.objects.count() >= before - 1  # nothing duplicated; the import adds its own


def test_accepting_marks_reviewed_and_a_refresh_changes_nothing(editor_client, loaded, tmp_path):
    event = Event.objects.order_by("id").first()
    editor_client.post(f"/admin/timeline/event/review/{event.pk}/decide/", {"decision": "accept"})
    event.refresh_from_db()
    assert event.status == "reviewed"
    snapshot = (event.title, event.date_start, event.kind, event.date_note)
    every_path(tmp_path)
    event.refresh_from_db()
    assert (event.title, event.date_start, event.kind, event.date_note) == snapshot
    assert event.status == "reviewed"


def test_correct_then_accept_saves_and_returns_to_the_queue(editor_client, loaded):
    event = Event.objects.order_by("id").first()
    form = editor_client.get(f"/admin/timeline/event/{event.pk}/change/").content.decode()
    assert 'name="_accept"' in form and "Save and accept" in form
    listing = editor_client.get("/admin/timeline/event/").content.decode()
    assert f"Review queue ({Event.objects.filter(status='proposed').count()})" in listing
    response = editor_client.post(
        f"/admin/timeline/event/{event.pk}/change/", {**event_form(event, title="Right title"), "_accept": "1"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/admin/timeline/event/review/")
    event.refresh_from_db()
    assert (event.title, event.status, event.edited) == ("Right title", "reviewed", True)


# --- Merging and splitting -----------------------------------------------------------------


def fixture(*reports):
    """A fixture in the extractor's shape: one meeting reported by each (origin, quote) given."""
    records = [{"model": "timeline.actor", "fields": {"name": "Xi Jinping", "slug": "xi-jinping", "kind": "person"}}]
    for origin, quote in reports:
        records.append(
            {"model": "timeline.source", "fields": {"title": origin, "origin": origin, "text": f"Intro. {quote}"}}
        )
    records.append(
        {
            "model": "timeline.event",
            "fields": {
                "title": "Xi meets a guest",
                "slug": "2024-05-16-xi-meets-a-guest",
                "kind": "meeting",
                "date_start": "2024-05-16",
                "status": "proposed",
            },
        }
    )
    records.append(
        {
            "model": "timeline.participation",
            "fields": {"event": ["2024-05-16-xi-meets-a-guest"], "actor": ["xi-jinping"], "role": "host"},
        }
    )
    for origin, quote in reports:
        records.append(
            {
                "model": "timeline.citation",
                "fields": {
                    "event": ["2024-05-16-xi-meets-a-guest"],
                    "source": [origin],
                    "quote": quote,
                    "quote_start": 7,
                    "quote_end": 7 + len(quote),
                },
            }
        )
    return json.dumps(records)


def test_a_new_report_of_a_reviewed_event_waits_as_a_merge_proposal(editor_client, db):
    first = ("a.txt", "Xi met the guest on 16 May 2024.")
    second = ("b.txt", "The guest and Xi held talks on 16 May 2024.")
    with transaction.atomic():
        load_text(fixture(first))
    meeting = Event.objects.get()
    editor_client.post(f"/admin/timeline/event/review/{meeting.pk}/decide/", {"decision": "accept"})

    with transaction.atomic():
        report = load_text(fixture(first, second))
    assert report.proposed_merges == 1
    assert list(meeting.citations.values_list("source__origin", flat=True)) == ["a.txt"], "reviewed: unchanged"
    proposal = Event.objects.get(merge_into=meeting)
    assert proposal.status == "proposed" and "reviewed" in proposal.merge_note
    assert list(proposal.citations.values_list("source__origin", flat=True)) == ["b.txt"]
    with transaction.atomic():
        load_text(fixture(first, second))
    assert Event.objects.filter(merge_into=meeting).count() == 1, "loading again proposes it once"

    queue = editor_client.get("/admin/timeline/event/review/").content.decode()
    assert "May be the same as" in queue and "The guest and Xi held talks" in queue
    assert "Dated 16 May 2024" in queue, "the date told in one sentence, the reasoning behind a disclosure"
    response = editor_client.post(
        f"/admin/timeline/event/review/{proposal.pk}/decide/", {"decision": "merge", "target": str(meeting.pk)}
    )
    assert response.status_code == 302
    assert sorted(meeting.citations.values_list("source__origin", flat=True)) == ["a.txt", "b.txt"]
    with transaction.atomic():
        load_text(fixture(first, second))
    assert Event.objects.count() == 1, "the merged report is not proposed again"


def test_merging_two_proposals_and_splitting_a_report_off_survive_a_refresh(editor_client, loaded, tmp_path):
    first, second = Event.objects.filter(citations__isnull=False).distinct().order_by("id")[:2]
    editor_client.post(f"/admin/timeline/event/review/{second.pk}/decide/", {"decision": "merge", "target": first.slug})
    assert not Event.objects.filter(pk=second.pk).exists()
    assert first.citations.count() >= 2
    every_path(tmp_path)
    assert not Event.objects.filter(slug=second.slug).exists()

    citation = first.citations.order_by("id").last()
    response = editor_client.post(
        f"/admin/timeline/event/review/{first.pk}/decide/", {"decision": "split", "citation": citation.pk}
    )
    assert response.status_code == 302
    citation.refresh_from_db()
    assert citation.event != first
    split_off = citation.event
    every_path(tmp_path)
    assert not first.citations.filter(source=citation.source, quote=citation.quote).exists()
    assert split_off.citations.filter(pk=citation.pk).exists()


def test_a_decision_that_cannot_be_made_says_why(editor_client, loaded):
    event = Event.objects.order_by("id").first()
    url = f"/admin/timeline/event/review/{event.pk}/decide/"
    for data, message in (
        ({"decision": "merge", "target": "no-such-event"}, "No event"),
        ({"decision": "merge", "target": str(event.pk)}, "into itself"),
        ({"decision": "explode"}, "Unknown decision"),
    ):
        response = editor_client.post(url, data, follow=True)
        assert message in response.content.decode()
    assert editor_client.get(url).status_code == 405
    assert Event.objects.filter(pk=event.pk).exists()
