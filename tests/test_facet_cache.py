"""Facet counts are cached per filter set and never outlive a change to the events behind them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline.facet_cache import cached_facets, invalidate_facets
from timeline.models import Participation


def kind_counts(client, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return {value.value: value.count for value in response.context["kind_facet"]}


def actor_counts(client, **params):
    response = client.get("/", params)
    return {value.value: value.count for value in response.context["actor_facet"]}


def queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/", params).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def two_meetings(make_event, make_actor):
    xi = make_actor("Xi Jinping")
    make_event(title="First", kind="meeting", actors=[xi])
    make_event(title="Second", kind="meeting", date_start=date(2024, 5, 16))
    return xi


def test_a_repeated_page_reuses_its_facet_counts(client, two_meetings):
    first = queries(client)
    assert queries(client) < first


def test_facet_counts_are_cached_per_filter_set(client, two_meetings):
    assert kind_counts(client)["meeting"] == 2
    assert kind_counts(client, start="2024")["meeting"] == 1


def test_a_new_event_updates_the_cached_counts(client, two_meetings, make_event):
    assert kind_counts(client)["call"] == 0
    make_event(title="A phone call", kind="call")
    assert kind_counts(client)["call"] == 1


def test_an_edited_event_updates_the_cached_counts(client, two_meetings):
    assert kind_counts(client)["summit"] == 0
    event = two_meetings.events.get()
    event.kind = "summit"
    event.save()
    assert kind_counts(client)["summit"] == 1


def test_a_removed_participation_updates_the_actor_counts(client, two_meetings):
    assert actor_counts(client)["xi-jinping"] == 1
    Participation.objects.get(actor=two_meetings).delete()
    assert "xi-jinping" not in actor_counts(client)


def test_a_renamed_actor_shows_its_new_name(client, two_meetings):
    client.get("/")
    two_meetings.name = "Xi"
    two_meetings.save()
    labels = [value.label for value in client.get("/").context["actor_facet"]]
    assert labels == ["Xi"]


def test_invalidation_makes_the_next_request_compute_again(db):
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert cached_facets("kind=meeting", compute) == {"n": 1}
    assert cached_facets("kind=meeting", compute) == {"n": 1}
    invalidate_facets()
    assert cached_facets("kind=meeting", compute) == {"n": 2}
