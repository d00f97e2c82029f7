"""The backup and restore documented in SECURITY.md: dump, wipe, restore, and
every row comes back the same, ids included. The commands are read from
SECURITY.md itself, so the documentation cannot drift from what is tested."""

import json
import shlex
from datetime import date, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command

from tests.conftest import body_of
from timeline.management.commands.create_editor import editors_group
from timeline.models import Event, Source

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "SECURITY.md"


def documented(command: str) -> list[str]:
    """The arguments of the documented `python manage.py <command> ...` line."""
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"python manage.py {command}"):
            return shlex.split(line)[3:]
    raise AssertionError(f"SECURITY.md documents no 'python manage.py {command}' line")


def excluded_labels() -> set[str]:
    args = documented("dumpdata")
    labels = {args[i + 1] for i, arg in enumerate(args) if arg == "--exclude"}
    return {
        m._meta.label_lower for m in apps.get_models() if m._meta.label_lower in labels or m._meta.app_label in labels
    }


def run_documented(command: str, backup: Path):
    args = [str(backup) if arg == "backup.json" else arg for arg in documented(command)]
    call_command(command, *args, verbosity=0)


def to_millisecond(value):
    # Django's JSON serialiser keeps times to the millisecond, not the microsecond.
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def snapshot() -> list[str]:
    """Every row of every backed-up table, ids included, foreign keys by natural key."""
    models = [m for m in apps.get_models() if m._meta.label_lower not in excluded_labels()]
    rows = []
    for model in models:
        objects = model._default_manager.order_by("pk")
        for record in serializers.serialize("python", objects, use_natural_foreign_keys=True):
            record["fields"] = {name: to_millisecond(value) for name, value in record["fields"].items()}
            rows.append(json.dumps(record, sort_keys=True, default=str))
    return sorted(rows)


@pytest.fixture
def working_database(make_actor, make_source, make_event):
    """A database as it looks after some editing: gaps in the ids, history, users, an admin log."""
    xi, putin = make_actor("Xi Jinping"), make_actor("Vladimir Putin", aliases="Putin\nMr. Putin")
    sources = [make_source(title=f"Report {n}", published_on=date(2023, 3, 20 + n)) for n in range(4)]
    events = [
        make_event(
            title=f"Talks {n}",
            summary="Трубопровод «Сила Сибири — 2» и 合作",
            actors=[xi, putin],
            sources=[(sources[n], "Xi Jinping met Vladimir Putin")],
        )
        for n in range(4)
    ]
    sources[1].delete()  # ids now have gaps, as in any database that has been edited
    events[0].delete()
    editor = User.objects.create_user("clio", password="pw-clio-123", is_staff=True)
    editor.groups.add(editors_group())
    events[2].title = "Talks 2, corrected"
    events[2]._history_user = editor
    events[2].edited = True
    events[2].save()
    LogEntry.objects.log_actions(
        editor.pk, [events[2]], CHANGE, change_message=[{"changed": {"fields": ["Title"]}}], single_object=True
    )
    return events[2]


@pytest.mark.django_db(transaction=True)
def test_dump_wipe_restore_brings_back_every_row_with_the_same_ids(working_database, tmp_path, client):
    backup = tmp_path / "backup.json"
    before = snapshot()
    assert any('"model": "timeline.historicalevent"' in row for row in before)
    run_documented("dumpdata", backup)
    call_command("flush", "--no-input", verbosity=0)
    assert Event.objects.count() == 0 and User.objects.count() == 0
    run_documented("loaddata", backup)
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_serves_the_same_pages_search_and_history(working_database, tmp_path, client):
    backup = tmp_path / "backup.json"
    source = Source.objects.order_by("pk").last()
    run_documented("dumpdata", backup)
    call_command("flush", "--no-input", verbosity=0)
    run_documented("loaddata", backup)
    assert client.get(f"/sources/{source.pk}/").status_code == 200
    assert client.get(working_database.get_absolute_url()).status_code == 200
    found = json.loads(body_of(client.get("/events.json", {"q": "corrected"})))
    assert [event["title"] for event in found["events"]] == ["Talks 2, corrected"]
    restored = Event.objects.get(pk=working_database.pk)
    assert restored.history.first().history_user.username == "clio"
    assert restored.history.first().prev_record.title == "Talks 2"
    assert User.objects.get(username="clio").groups.get() == Group.objects.get(name="Editors")
    assert User.objects.get(username="clio").check_password("pw-clio-123")


@pytest.mark.django_db(transaction=True)
def test_the_editor_group_keeps_its_permissions_across_a_restore(working_database, tmp_path):
    backup = tmp_path / "backup.json"
    before = sorted(editors_group().permissions.values_list("codename", flat=True))
    run_documented("dumpdata", backup)
    call_command("flush", "--no-input", verbosity=0)
    ContentType.objects.clear_cache()
    run_documented("loaddata", backup)
    after = sorted(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert after == before and "change_event" in after


@pytest.mark.django_db(transaction=True)
def test_natural_primary_keys_would_renumber_sources_which_is_why_backups_keep_ids(working_database, tmp_path):
    backup = tmp_path / "natural.json"
    ids = sorted(Source.objects.values_list("pk", flat=True))
    call_command("dumpdata", "timeline.source", natural_foreign=True, natural_primary=True, output=str(backup))
    call_command("flush", "--no-input", verbosity=0)
    call_command("loaddata", str(backup), verbosity=0)
    assert sorted(Source.objects.values_list("pk", flat=True)) != ids
    assert "--natural-primary" not in documented("dumpdata")


@pytest.mark.django_db(transaction=True)
def test_editors_decisions_survive_a_restore_and_the_load_after_it(tmp_path):
    """Tombstones and corrected slugs are rows like any other: a restored database followed by
    `make run`'s load still keeps a rejected event away and finds a corrected one."""
    from timeline.models import EventAlias, Tombstone
    from timeline.review import reject
    from timeline.slugs import follow_date

    call_command("load_timeline", verbosity=0)
    rejected, corrected = Event.objects.order_by("id")[:2]
    reject(rejected, reason="not an event")
    old_slug = corrected.slug
    corrected.date_start, corrected.date_end, corrected.date_precision = date(2022, 1, 1), None, "day"
    follow_date(corrected)
    corrected.edited = True
    corrected.save()
    backup = tmp_path / "backup.json"
    run_documented("dumpdata", backup)
    call_command("flush", "--no-input", verbosity=0)
    run_documented("loaddata", backup)
    call_command("load_timeline", verbosity=0)
    assert Tombstone.objects.filter(event_slug=rejected.slug, reason="not an event").exists()
    assert not Event.objects.filter(slug=rejected.slug).exists()
    assert EventAlias.objects.get(slug=old_slug).event_id == corrected.pk
    assert not Event.objects.filter(slug=old_slug).exists()
    assert Event.objects.get(pk=corrected.pk).date_start == date(2022, 1, 1)
