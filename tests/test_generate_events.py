"""generate_events: realistic, deterministic synthetic data that never mixes silently with real events."""

import io
import statistics
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from timeline.date_labels import DAY, MONTH, YEAR
from timeline.models import Actor, Citation, Event, Participation, Source
from timeline.synthetic import ORIGIN_PREFIX, build_plan, real_events, synthetic_events

SMALL = {"events": 120, "sources": 40, "actors": 60}


def generate(**options):
    call_command("generate_events", **{**SMALL, **options}, stdout=io.StringIO())


def snapshot():
    """Everything generated, without database ids."""
    events = Event.objects.order_by("slug").prefetch_related("participations__actor", "citations__source")
    return [
        (
            e.slug,
            e.title,
            e.kind,
            e.date_start,
            e.date_end,
            e.date_precision,
            e.location,
            e.summary,
            sorted((p.actor.slug, p.role) for p in e.participations.all()),
            sorted((c.source.origin, c.quote_start, c.quote, c.date_text) for c in e.citations.all()),
        )
        for e in events
    ]


def test_generate_events_is_deterministic_for_a_seed(db):
    generate(seed=7)
    first = snapshot()
    generate(seed=7)  # replaces the earlier synthetic data
    assert snapshot() == first
    assert Event.objects.count() == SMALL["events"]


def test_generate_events_differs_between_seeds(db):
    generate(seed=1)
    first = snapshot()
    generate(seed=2)
    assert snapshot() != first


def test_generate_events_creates_the_requested_counts(db):
    generate(seed=3)
    assert Event.objects.count() == 120
    assert Source.objects.filter(origin__startswith=ORIGIN_PREFIX).count() == 40
    assert Actor.objects.count() == 60
    per_event_actors = Counter(Participation.objects.values_list("event", flat=True))
    per_event_citations = Counter(Citation.objects.values_list("event", flat=True))
    assert set(per_event_actors.values()) <= {1, 2, 3} and len(per_event_actors) == 120
    assert set(per_event_citations.values()) <= {1, 2, 3} and len(per_event_citations) == 120


def test_generated_quotes_are_sentences_of_their_sources(db):
    generate(seed=4)
    for citation in Citation.objects.select_related("source"):
        assert citation.source.text[citation.quote_start : citation.quote_end] == citation.quote
        assert citation.quote.endswith(".")


def test_generated_dates_respect_precision_and_range(db):
    generate(seed=5, events=400)
    for event in Event.objects.all():
        assert date(2022, 1, 1) <= event.date_start <= date(2025, 12, 31)
        assert event.date_end is None or event.date_start < event.date_end <= date(2025, 12, 31)
        if event.date_precision == MONTH:
            assert event.date_start.day == 1
        if event.date_precision == YEAR:
            assert (event.date_start.month, event.date_start.day) == (1, 1)


def test_generate_events_refuses_a_database_with_real_events(make_event):
    make_event(title="A real meeting")
    with pytest.raises(CommandError, match="1 real events"):
        generate()
    assert Event.objects.count() == 1


def test_generate_events_with_force_keeps_the_real_events(make_event):
    real = make_event(title="A real meeting")
    generate(force=True)
    generate(force=True, seed=9)
    assert Event.objects.count() == SMALL["events"] + 1
    assert list(real_events()) == [real]
    assert synthetic_events().count() == SMALL["events"]


def test_generate_events_rejects_impossible_sizes(db):
    with pytest.raises(CommandError):
        generate(events=0)


def test_generated_search_index_finds_synthetic_events(db):
    generate(seed=6)
    event = Event.objects.order_by("pk").first()
    word = event.title.split()[-1]
    assert Event.objects.search(word).filter(pk=event.pk).exists()


# The plan itself (no database): the shape of the data the benchmark measures.


@pytest.fixture(scope="module")
def plan():
    return build_plan(6000, seed=11)


def test_plan_actors_have_a_long_tail(plan):
    counts = Counter(actor for event in plan.events for actor in event.actors)
    ranked = [n for _, n in counts.most_common()]
    assert len(plan.actors) == 300
    assert ranked[0] > 20 * statistics.median(ranked)
    assert sum(ranked[:30]) > sum(ranked) / 2


def test_plan_mixes_precisions_ranges_and_kinds(plan):
    precisions = Counter(event.date_precision for event in plan.events)
    assert precisions[DAY] > precisions[MONTH] > precisions[YEAR] > 0
    assert sum(event.date_end is not None for event in plan.events) > 200
    kinds = Counter(event.kind for event in plan.events)
    assert set(kinds) == set(Event.Kind.values)


def test_plan_events_cluster_in_bursts(plan):
    per_day = Counter(event.date_start for event in plan.events if event.date_precision == DAY)
    busiest = per_day.most_common(1)[0][1]
    assert busiest > 5 * statistics.mean(per_day.values())


def test_plan_cites_sources_published_near_the_event(plan):
    gaps = [
        (plan.sources[source].published_on - event.date_start).days
        for event in plan.events[:500]
        if event.date_precision == DAY
        for source, _, _ in event.citations
    ]
    assert statistics.median(gaps) <= 14


def test_statistics_are_gathered_for_the_tables_the_triggers_filled_too(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from timeline.synthetic import refresh_statistics

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's planner needs no statistics for these plans")
    with CaptureQueriesContext(connection) as captured:
        refresh_statistics()
    analysed = {query["sql"].split()[-1].strip('"') for query in captured.captured_queries}
    assert {"timeline_event", "timeline_appearance", "timeline_eventtally", "timeline_placemonthtally"} <= analysed
