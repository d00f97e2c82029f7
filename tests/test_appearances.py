"""models.Appearance stays equal to the participations joined to their events, whatever
writes them, and a page read off it (index_pages.py) lists the same events in the same
order as the filters do (filters.filtered_events)."""

import io
import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict

from timeline import appearance_schema, review
from timeline.filters import filtered_events
from timeline.index_pages import ordered_ids
from timeline.listing import PER_PAGE, events_of_page
from timeline.models import Actor, Appearance, Event, Participation
from timeline.synthetic.store import clear_synthetic
from timeline.tallies import tally_scope


def expected_appearances() -> set[tuple]:
    events = {e.pk: e for e in Event.objects.all()}
    return {
        (actor_id, event_id, events[event_id].kind, events[event_id].date_start, events[event_id].date_end,
         events[event_id].date_precision)
        for actor_id, event_id in Participation.objects.values_list("actor_id", "event_id")
        if event_id in events
    }  # fmt: skip


def stored_appearances() -> set[tuple]:
    rows = Appearance.objects.values_list("actor_id", "event_id", "kind", "date_start", "date_end", "date_precision")
    assert rows.count() == len(set(rows))
    return set(rows)


def assert_appearances_match():
    assert stored_appearances() == expected_appearances()


@pytest.fixture
def actors(make_actor):
    return [make_actor(name) for name in ("Xi Jinping", "Vladimir Putin", "Sergey Lavrov")]


@pytest.fixture
def events(make_event, make_source, actors):
    xi, putin, lavrov = actors
    source = make_source()
    return [
        make_event(
            title="Summit",
            kind="summit",
            date_start=date(2023, 3, 21),
            actors=[xi, putin],
            sources=[(source, "Xi Jinping met Vladimir Putin")],
        ),
        make_event(
            title="Visit",
            kind="visit",
            date_start=date(2023, 3, 30),
            date_end=date(2023, 4, 2),
            actors=[putin],
            sources=[(source, "in Moscow on 21 March 2023")],
        ),
        make_event(title="A year", kind="agreement", date_start=date(2022, 1, 1), date_precision="year", actors=[xi]),
        make_event(title="A month", kind="call", date_start=date(2024, 5, 1), date_precision="month", actors=[lavrov]),
    ]


def test_the_triggers_exist_after_all_migrations(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'timeline_appearance_%'"
            )
            assert {row[0] for row in cursor.fetchall()} == set(appearance_schema.SQLITE_TRIGGERS)
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'timeline_appearance_%'")
            assert {row[0] for row in cursor.fetchall()} == {name for name, _ in appearance_schema.POSTGRES_TRIGGERS}


def test_every_actor_of_a_new_event_appears_with_its_kind_and_dates(events, actors):
    assert_appearances_match()
    assert Appearance.objects.filter(actor_id=actors[1].pk).count() == 2


def test_a_changed_kind_or_date_is_copied_to_the_appearances(events):
    event = events[0]
    event.kind, event.date_start, event.date_end = "call", date(2024, 1, 15), date(2024, 1, 16)
    event.save()
    assert_appearances_match()
    Event.objects.filter(pk=events[2].pk).update(date_precision="month", date_start=date(2022, 6, 1))
    assert_appearances_match()


def test_actors_added_moved_and_removed_appear_and_disappear(events, actors):
    xi, putin, lavrov = actors
    Participation.objects.create(event=events[3], actor=xi)
    assert_appearances_match()
    Participation.objects.filter(event=events[3], actor=lavrov).update(actor=putin)
    assert_appearances_match()
    Participation.objects.filter(event=events[0], actor=xi).delete()
    assert_appearances_match()


def test_deleting_events_in_either_order_removes_their_appearances(events):
    events[0].delete()  # Django deletes the participations first
    assert_appearances_match()
    with connection.cursor() as cursor:
        cursor.execute(
            "PRAGMA defer_foreign_keys = ON" if connection.vendor == "sqlite" else "SET CONSTRAINTS ALL DEFERRED"
        )
        cursor.execute("DELETE FROM timeline_event WHERE id = %s", [events[1].pk])
        assert not Appearance.objects.filter(event_id=events[1].pk).exists()
        cursor.execute("DELETE FROM timeline_participation WHERE event_id = %s", [events[1].pk])
        cursor.execute("DELETE FROM timeline_citation WHERE event_id = %s", [events[1].pk])
    assert_appearances_match()


def test_review_merge_and_split_keep_them(events):
    target = review.merge(events[1], events[0])
    assert not Appearance.objects.filter(event_id=events[1].pk).exists()
    assert_appearances_match()
    review.split(target.citations.order_by("id").last())
    assert Event.objects.count() == len(events)
    assert_appearances_match()


def test_the_migration_and_bulk_loads_build_them_afresh(db):
    call_command("load_timeline", stdout=io.StringIO(), verbosity=0)
    call_command("generate_events", events=300, sources=20, actors=30, seed=3, force=True, stdout=io.StringIO())
    assert_appearances_match()
    Appearance.objects.all().delete()
    appearance_schema.rebuild(connection)
    assert_appearances_match()
    clear_synthetic()  # raw deletes, no signals
    assert_appearances_match()


@pytest.fixture
def many_events(db):
    call_command("generate_events", events=1500, sources=40, actors=12, seed=5, force=True, stdout=io.StringIO())
    # Long ranges too, so that the walk from the earliest month must reach back past the period.
    for event in Event.objects.order_by("pk")[:40]:
        event.date_precision, event.date_end = "day", date(event.date_start.year + 1, 12, 31)
        event.save(update_fields=["date_precision", "date_end"])


def queries(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    actors = list(Actor.objects.values_list("slug", flat=True)) + [None]
    kinds = [None, "meeting", "call", "statement", "visit"]
    periods = [None, ("2023", "2023"), ("2022-11", "2023-02"), ("2024-03", None), (None, "2022-06"), ("2025", "2025")]
    chosen = []
    for _ in range(count):
        params = QueryDict(mutable=True)
        actor, kind, period = rng.choice(actors), rng.choice(kinds), rng.choice(periods)
        if actor:
            params["actor"] = actor
        if kind:
            params.setlist("kind", [kind, "summit"] if rng.random() < 0.3 else [kind])
        if period and period[0]:
            params["start"] = period[0]
        if period and period[1]:
            params["end"] = period[1]
        if rng.random() < 0.3:
            params["order"] = "desc"
        chosen.append(params.urlencode())
    return chosen


def test_a_page_read_off_the_index_lists_what_the_filters_list(many_events):
    for query in queries(seed=7, count=60):
        events, filterset = filtered_events(QueryDict(query))
        scope = tally_scope(filterset)
        assert scope is not None, query
        expected = list(events.values_list("pk", flat=True))
        assert list(ordered_ids(events, scope).values_list(*["event_id" if scope.actor_id else "pk"], flat=True)) == (
            expected
        ), query
        for first in (0, PER_PAGE, max(0, len(expected) - 3)):
            page = [e.pk for e in events_of_page(events, first, first + PER_PAGE, scope)]
            assert page == expected[first : first + PER_PAGE], query


def test_related_events_are_the_nearest_sharing_an_actor_on_each_side(many_events):
    from timeline.related import RELATED_EACH_SIDE, related_events

    for event in Event.objects.order_by("?")[:25]:
        actor_ids = list(event.participations.values_list("actor_id", flat=True))
        if not actor_ids:
            continue
        sharing = Event.objects.involving(actor_ids).exclude(pk=event.pk)
        before = sharing.filter(date_start__lte=event.date_start).order_by("-date_start", "-pk")[:RELATED_EACH_SIDE]
        after = sharing.filter(date_start__gt=event.date_start).order_by("date_start", "pk")[:RELATED_EACH_SIDE]
        expected = sorted([*before, *after], key=lambda e: (e.date_start, e.date_end or e.date_start, e.pk))
        found = related_events(event, actor_ids)
        assert {e.pk for e in found} == {e.pk for e in expected}, event.slug
        assert [e.date_start for e in found] == sorted(e.date_start for e in found)


def test_the_triggers_find_an_events_appearances_by_index_not_by_reading_them_all(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan is fixed without statistics; PostgreSQL's depends on them")
    with connection.cursor() as cursor:
        for statement in (
            "UPDATE timeline_appearance SET kind = 'call' WHERE event_id = 1",
            "DELETE FROM timeline_appearance WHERE event_id = 1",
        ):
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "SEARCH" in plan and "SCAN" not in plan, plan
