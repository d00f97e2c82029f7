"""Refreshing never destroys an editor's work, and never duplicates."""

import shutil
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from timeline.models import Citation, Event, Source
from timeline.paths import CORPUS_DIR


def counts():
    return Event.objects.count(), Citation.objects.count(), Source.objects.count()


@pytest.fixture
def refreshed(db):
    call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    return counts()


def test_refresh_twice_creates_no_duplicates(refreshed):
    assert refreshed[0] > 5
    call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    assert counts() == refreshed


def test_refresh_keeps_an_edited_event_exactly_as_the_editor_left_it(refreshed):
    event = Event.objects.order_by("date_start").first()
    event.title, event.date_start, event.date_precision, event.edited = (
        "Corrected by hand",
        date(2022, 2, 1),
        "month",
        True,
    )
    event.save()
    call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    event.refresh_from_db()
    assert (event.title, event.date_start, event.date_precision) == ("Corrected by hand", date(2022, 2, 1), "month")
    assert counts() == refreshed


def test_refresh_keeps_reviewed_events_and_their_citations(refreshed):
    event = Event.objects.filter(citations__isnull=False).first()
    event.status, event.summary = "reviewed", "Checked against the originals."
    event.save()
    event.citations.update(date_reasoning="checked by an editor")
    call_command("refresh_timeline", str(CORPUS_DIR), verbosity=0)
    event.refresh_from_db()
    assert event.summary == "Checked against the originals."
    assert set(event.citations.values_list("date_reasoning", flat=True)) == {"checked by an editor"}


def test_loading_the_fixture_again_keeps_editor_changes(refreshed):
    event = Event.objects.first()
    Event.objects.filter(pk=event.pk).update(title="Edited title", edited=True)
    call_command("load_timeline", verbosity=0)
    assert Event.objects.get(pk=event.pk).title == "Edited title"


def test_new_articles_add_events_and_citations(refreshed, tmp_path):
    folder = tmp_path / "more"
    shutil.copytree(CORPUS_DIR, folder)
    (folder / "900_new.txt").write_text(
        "Putin and Xi hold video call\n\nRussian President Vladimir Putin and Chinese President Xi Jinping "
        "held a video call on 30 December 2022, the Kremlin said.\n"
    )
    call_command("refresh_timeline", str(folder), verbosity=0)
    events, citations, sources = counts()
    assert (events, citations, sources) > refreshed
    assert Event.objects.filter(kind="call", date_start=date(2022, 12, 30)).exists()
    assert Source.objects.filter(origin="900_new.txt").exists()


def test_a_bad_article_leaves_the_database_as_it_was(refreshed, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(CORPUS_DIR, folder)
    (folder / "999_broken.txt").write_bytes(b"\xff\xfe\x00\x00broken")
    with pytest.raises(CommandError, match="999_broken.txt"):
        call_command("refresh_timeline", str(folder), verbosity=0)
    assert counts() == refreshed
