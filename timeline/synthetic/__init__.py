"""Realistic, deterministic synthetic timelines for benchmarks and load tests."""

from ..facet_cache import invalidate_facets
from ..models import Actor, Event
from .plan import SyntheticPlan, build_plan, plan_articles
from .store import ORIGIN_PREFIX, clear_synthetic, real_events, refresh_statistics, synthetic_events, write_plan

__all__ = [
    "ORIGIN_PREFIX",
    "SyntheticPlan",
    "build_plan",
    "plan_articles",
    "clear_synthetic",
    "generate",
    "real_events",
    "synthetic_events",
    "write_plan",
]


def generate(events: int, seed: int = 1, sources: int = 5000, actors: int = 300, progress=lambda done: None) -> dict:
    """Replace any earlier synthetic data with a fresh plan; returns row counts."""
    clear_synthetic()
    plan = build_plan(
        events,
        seed=seed,
        actors=actors,
        sources=sources,
        taken_actor_slugs=Actor.objects.values_list("slug", flat=True),
        taken_event_slugs=Event.objects.values_list("slug", flat=True),
    )
    counts = write_plan(plan, progress)
    refresh_statistics()
    invalidate_facets()  # the rows went in without the signals that would have done it
    return counts
