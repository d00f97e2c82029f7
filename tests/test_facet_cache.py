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


@pytest.fixture
def mixed_events(two_meetings, make_event, make_actor):
    putin = make_actor("Vladimir Putin")
    make_event(title="A call", kind="call", date_start=date(2024, 1, 2), actors=[two_meetings, putin])
    make_event(title="A visit", kind="visit", date_start=date(2023, 12, 30), date_end=date(2024, 1, 3), actors=[putin])
    return two_meetings


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kind": "meeting"},
        {"kind": ["meeting", "call"]},
        {"actor": "xi-jinping"},
        {"actor": ["xi-jinping", "vladimir-putin"]},
        {"start": "2024"},
        {"actor": "vladimir-putin", "kind": ["call", "visit"], "start": "2024-01"},
        {"kind": "summit"},
    ],
)
def test_the_count_read_off_the_kind_facet_is_the_number_of_matching_events(client, mixed_events, params):
    from django.http import QueryDict
    from django.utils.http import urlencode

    from timeline.filters import filtered_events

    events, _ = filtered_events(QueryDict(urlencode(params, doseq=True)))
    assert client.get("/", params).context["page"].count == events.count()


def test_a_page_whose_facets_are_cached_counts_nothing_again(client, mixed_events):
    client.get("/", {"kind": "meeting"})
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/", {"kind": "meeting"})
    assert response.context["page"].count == 2
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(*)" in query["sql"].upper()]
    assert counts == []


def test_the_facet_lists_and_chart_are_rendered_once_per_filter_set(client, mixed_events, monkeypatch):
    import timeline.browse

    rendered = []
    real = timeline.browse.render_to_string

    def counting(name, context):
        rendered.append(name)
        return real(name, context)

    monkeypatch.setattr(timeline.browse, "render_to_string", counting)
    first = client.get("/", {"kind": "meeting"}).content.decode()
    second = client.get("/", {"kind": "meeting"}).content.decode()
    assert rendered == ["timeline/index.html#facet-lists", "timeline/includes/month_chart.html"]
    assert first == second
    assert 'id="kind-meeting" name="kind" value="meeting" checked' in second
    assert 'class="chart-bar' in second
    client.get("/", {"kind": "call"})
    assert len(rendered) == 4  # another filter set, rendered afresh


def test_facets_cached_by_other_code_are_not_served(client, mixed_events, monkeypatch):
    """The entries hold HTML: after a deploy (or from a host still on the old code) they must not be served."""
    from timeline import facet_cache

    client.get("/", {"kind": "meeting"})
    with CaptureQueriesContext(connection) as captured:
        client.get("/", {"kind": "meeting"})
    cached = len(captured.captured_queries)
    monkeypatch.setattr(facet_cache, "CODE_VERSION", "another")
    with CaptureQueriesContext(connection) as captured:
        client.get("/", {"kind": "meeting"})
    assert len(captured.captured_queries) > cached  # counted afresh


def test_the_code_version_follows_every_module_and_template(tmp_path):
    from timeline.facet_cache import code_version

    (tmp_path / "app").mkdir()
    (tmp_path / "templates" / "includes").mkdir(parents=True)
    (tmp_path / "app" / "facets.py").write_text("A = 1\n")
    chart = tmp_path / "templates" / "includes" / "chart.html"
    chart.write_text("<ol></ol>\n")
    folders = [tmp_path / "app", tmp_path / "templates"]
    before = code_version(folders)
    assert code_version(folders) == before
    chart.write_text("<ol class=bars></ol>\n")
    after = code_version(folders)
    assert after != before
    (tmp_path / "app" / "facets.py").write_text("A = 2\n")
    current = code_version(folders)
    assert current not in (before, after)
    (tmp_path / "app" / "notes.txt").write_text("not code")  # neither a module nor a template
    assert code_version(folders) == current


@pytest.mark.slow  # a child process
def test_every_process_invalidates_the_counts_even_without_the_views():
    """A management command never imports the views, yet its changes must reach a shared cache."""
    from tests.processes import run_manage

    code = "import sys; sys.exit(0 if 'timeline.facet_cache' in sys.modules else 3)"
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
