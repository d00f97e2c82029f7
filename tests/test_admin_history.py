"""Every change an editor makes in the admin can be seen later (who, when, the
old and the new value) and undone from the history page (django-simple-history)."""

from datetime import timedelta

import pytest
from admin_forms import event_form
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from tests.conftest import parse_html, text_of
from timeline.models import Actor, Event, Outlet


def actor_data(actor, **changes):
    fields = ("name", "slug", "kind", "role", "country", "aliases", "description")
    return {**{name: getattr(actor, name) for name in fields}, **changes}


def source_data(source, **changes):
    fields = ("title", "author", "url", "language")
    data = {name: getattr(source, name) for name in fields}
    data["outlet"] = source.outlet_id or ""
    data["published_on"] = source.published_on.isoformat() if source.published_on else ""
    data.update({"citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0"})
    return {**data, **changes}


def admin_url(obj, action=""):
    return f"/admin/timeline/{obj._meta.model_name}/{obj.pk}/{action}"


def change(client, obj, data):
    response = client.post(admin_url(obj, "change/"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()


def shown_change(html: str, field: str, old: str, new: str) -> bool:
    """The history page's 'Changes' column reads 'field: old → new' (any case, any spacing)."""
    wanted = " ".join(f"{field}: {old} → {new}".casefold().split())
    for label in parse_html(html).cssselect("strong"):
        line = " ".join(f"{text_of(label)} {label.tail or ''}".replace("\xa0", " ").split())
        if line.casefold() == wanted:
            return True
    return False


# --- Seen later: who, when, old and new -----------------------------------------


def test_an_event_edit_shows_who_when_and_the_old_and_new_values(editor_client, editor, make_event):
    event = make_event(title="Xi visits Moscow", summary="Talks.", location="Moscow")
    change(editor_client, event, event_form(event, title="Xi Jinping visits Moscow", location="Kremlin, Moscow"))
    page = editor_client.get(admin_url(event, "history/"))
    assert page.status_code == 200
    html = page.content.decode()
    assert shown_change(html, "title", "Xi visits Moscow", "Xi Jinping visits Moscow")
    assert shown_change(html, "location", "Moscow", "Kremlin, Moscow")
    latest = page.context["page_obj"][0]
    assert latest.history_user == editor and "clio" in html
    assert timezone.now() - latest.history_date < timedelta(minutes=1)


def test_an_actor_edit_shows_the_old_and_new_aliases(editor_client, make_actor):
    actor = make_actor("Sergey Lavrov", aliases="Lavrov")
    change(editor_client, actor, actor_data(actor, aliases="Lavrov\r\nMr. Lavrov", role="Foreign Minister"))
    html = editor_client.get(admin_url(actor, "history/")).content.decode()
    assert shown_change(html, "role", "", "Foreign Minister")
    assert actor.history.first().prev_record.aliases == "Lavrov"
    assert actor.history.first().history_user.username == "clio"


def test_a_source_edit_shows_the_old_and_new_outlet(editor_client, make_source):
    source = make_source(title="Xi meets Putin")
    tass = Outlet.objects.create(name="TASS")
    change(editor_client, source, source_data(source, outlet=tass.pk, title="Xi meets Putin in Moscow"))
    latest = source.history.first()
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["outlet"] == (None, tass.pk)
    assert changes["title"] == ("Xi meets Putin", "Xi meets Putin in Moscow")


def test_every_save_is_a_separate_version(editor_client, make_event):
    event = make_event(title="First")
    for title in ("Second", "Third"):
        change(editor_client, event, event_form(event, title=title))
    assert list(event.history.values_list("title", flat=True)) == ["Third", "Second", "First"]


# --- Undone from the history page ---------------------------------------------------


def revert(client, obj, record, data):
    form = client.get(admin_url(obj, f"history/{record.pk}/"))
    assert form.status_code == 200 and b"Revert" in form.content
    response = client.post(admin_url(obj, f"history/{record.pk}/"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()


def test_an_event_edit_can_be_reverted_from_its_history(editor_client, editor, make_event):
    event = make_event(title="Xi visits Moscow", summary="Three days of talks.")
    change(editor_client, event, event_form(event, title="Wrong title", summary="Wrong summary"))
    original = event.history.earliest()
    form = editor_client.get(admin_url(event, f"history/{original.pk}/"))
    assert form.context["adminform"].form.initial["title"] == "Xi visits Moscow"  # the old version, prefilled
    revert(editor_client, event, original, event_form(original.instance))
    assert (event.title, event.summary) == ("Xi visits Moscow", "Three days of talks.")
    assert event.edited, "a revert is an editor's decision: later imports keep it"
    assert event.history.count() == 3 and event.history.first().history_user == editor


def test_an_actor_edit_can_be_reverted_from_its_history(editor_client, make_actor):
    actor = make_actor("Wang Yi", role="Foreign Minister")
    change(editor_client, actor, actor_data(actor, name="Wang Yi (wrong)", role=""))
    original = actor.history.earliest()
    revert(editor_client, actor, original, actor_data(original.instance))
    assert (actor.name, actor.role) == ("Wang Yi", "Foreign Minister")


def test_a_source_edit_can_be_reverted_from_its_history(editor_client, make_source):
    source = make_source(title="Right title", publisher="Xinhua")
    change(editor_client, source, source_data(source, title="Wrong title", outlet=""))
    original = source.history.earliest()
    revert(editor_client, source, original, source_data(original.instance))
    assert (source.title, source.publisher) == ("Right title", "Xinhua")


def test_a_deleted_event_stays_in_history_and_can_be_restored(editor_client, editor, make_event):
    event = make_event(title="Deleted by mistake", summary="Worth keeping.")
    pk = event.pk
    response = editor_client.post(admin_url(event, "delete/"), {"post": "yes"})
    assert response.status_code == 302 and not Event.objects.filter(pk=pk).exists()
    deletion = Event.history.filter(id=pk).first()
    assert deletion.history_type == "-" and deletion.history_user == editor
    history = editor_client.get(f"/admin/timeline/event/{pk}/history/")
    assert history.status_code == 200 and b"Deleted by mistake" in history.content
    before = Event.history.filter(id=pk, history_type="+").get()
    response = editor_client.post(f"/admin/timeline/event/{pk}/history/{before.pk}/", event_form(before.instance))
    assert response.status_code == 302
    restored = Event.objects.get(pk=pk)
    assert (restored.title, restored.summary) == ("Deleted by mistake", "Worth keeping.")


def test_staff_who_may_only_view_cannot_revert(client, make_event):
    event = make_event(title="Original")
    event.title = "Changed"
    event.save()
    viewer = User.objects.create_user("viewer", password="pw-viewer-123", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    original = event.history.earliest()
    assert client.get(admin_url(event, "history/")).status_code == 200
    response = client.post(admin_url(event, f"history/{original.pk}/"), event_form(original.instance))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Changed"


# --- What is not yet versioned --------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="Participation and Citation have no HistoricalRecords: an inline edit (a quote, a role) is logged "
    "by the admin (who, when, which inline) but its old value is not kept. Remove this mark when they do.",
)
def test_a_quote_edited_in_the_event_inline_keeps_its_old_value(editor_client, make_event, make_source):
    from timeline.models import Citation

    source = make_source()
    event = make_event(sources=[(source, "Xi Jinping met Vladimir Putin")])
    citation = event.citations.get()
    data = event_form(
        event,
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": str(citation.pk),
            "citations-0-event": str(event.pk),
            "citations-0-source": str(source.pk),
            "citations-0-quote": "Xi Jinping met Vladimir Putin in Moscow",
            "citations-0-quote_start": "0",
            "citations-0-quote_end": "38",
            "citations-0-date_text": "",
            "citations-0-date_reasoning": "",
        },
    )
    change(editor_client, event, data)
    assert Citation.objects.get(pk=citation.pk).quote.endswith("in Moscow")
    assert Citation.history.filter(id=citation.pk).earliest().quote == "Xi Jinping met Vladimir Putin"


def test_inline_edits_are_at_least_logged_with_who_and_when(editor_client, editor, make_event, make_actor):
    from django.contrib.admin.models import LogEntry

    event = make_event()
    actor = make_actor("Li Qiang")
    data = event_form(
        event,
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-actor": str(actor.pk),
            "participations-0-role": "host",
            "participations-0-event": str(event.pk),
        },
    )
    change(editor_client, event, data)
    entry = LogEntry.objects.filter(object_id=str(event.pk)).latest("action_time")
    assert entry.user == editor and "participation" in entry.get_change_message().lower()
    assert Actor.objects.get(pk=actor.pk).events.get() == event
