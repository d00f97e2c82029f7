"""What is measured: requests a user's browser would make, chosen from the generated data."""

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Sum

from timeline.models import Actor, Event, KindTally
from timeline.tallies import ALL_EVENTS

HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "results"}  # what the filter form sends
HTMX_MORE = {"HX-Request": "true", "HX-Target": "event-list"}  # what "Load more" sends
FILTER_KIND, FILTER_YEAR = "meeting", "2024"
TYPICAL_AMONG = 5_000


@dataclass
class Scenario:
    key: str  # the bench-results.json key for its median, when it has one
    label: str
    url: str
    headers: dict = field(default_factory=dict)
    rows: int | None = None  # exports: how many events the response holds
    memory: bool = False
    cold: bool = False  # the cache is emptied before each request


def cold(scenario: Scenario) -> Scenario:
    return Scenario(f"cold_{scenario.key}", f"{scenario.label}, cold", scenario.url, scenario.headers, cold=True)


def busiest_actors() -> list[Actor]:
    """Every actor with events, busiest first (then by slug), counted off the tallies: at a
    million events, counting the participations took minutes of a run on PostgreSQL."""
    totals = KindTally.objects.exclude(actor_id=ALL_EVENTS).values_list("actor_id").annotate(n=Sum("events"))
    events = {actor_id: n for actor_id, n in totals if n}
    actors = Actor.objects.filter(pk__in=list(events)).only("slug", "name", "kind")
    return sorted(actors, key=lambda actor: (-events[actor.pk], actor.slug))


def busiest_person() -> Actor | None:
    """The person in most events (the heaviest realistic actor filter), or the busiest actor of any kind."""
    ranked = busiest_actors()
    return next((actor for actor in ranked if actor.kind == Actor.Kind.PERSON), ranked[0] if ranked else None)


def typical_event() -> Event:
    """An ordinary event page: two actors and two reports, among the first events (any will do,
    and looking through all of them took minutes at a million)."""
    first = Event.objects.order_by("pk").values("pk")[:TYPICAL_AMONG]
    candidates = Event.objects.filter(pk__in=first).annotate(
        a=Count("participations", distinct=True), c=Count("citations", distinct=True)
    )
    return candidates.filter(a=2, c=2).order_by("pk").first() or Event.objects.order_by("pk").first()


def filtered_query() -> str:
    person = busiest_person()
    return urlencode({"actor": person.slug, "kind": FILTER_KIND, "start": FILTER_YEAR, "end": FILTER_YEAR})


def page_scenarios() -> list[Scenario]:
    person = busiest_person()
    event = typical_event()
    search = urlencode({"q": person.name.split()[-1]})
    warm = [
        Scenario("page_full_ms", "page, no filters", "/"),
        Scenario("page_filtered_ms", "htmx partial: actor + kind + year", f"/?{filtered_query()}", HTMX_RESULTS),
        Scenario("search_ms", "htmx partial: text search", f"/?{search}", HTMX_RESULTS),
        Scenario("search_page_ms", "page with a text search", f"/?{search}"),
        Scenario("event_page_ms", "event page", f"/events/{event.slug}/"),
    ]
    return warm + [cold(scenario) for scenario in warm if scenario.key != "search_page_ms"]


def partial_sizes(client) -> dict:
    """The filtered partial's size, and the markup of one listed event: the "load more"
    fragment of the same filters (its events and two small out-of-band updates) per event."""
    query = filtered_query()
    partial = client.get(f"/?{query}", headers=HTMX_RESULTS).content
    more = client.get(f"/?{query}&page=2", headers=HTMX_MORE).content
    listed = more.count(b"<article ")
    return {"partial_kb": len(partial) / 1024, "partial_bytes_per_event": len(more) / listed if listed else None}


def varied_urls(count: int, seed: int = 1) -> list[str]:
    """`count` distinct actor x kind x period filters, as an analyst changing filters
    would ask for them: the busiest hundred actors, one or no kind, a year, a month or no period."""
    rng = random.Random(seed)
    actors = [actor.slug for actor in busiest_actors()[:100]]
    kinds = [None, *Event.Kind.values]
    periods = [None] + [(str(y), str(y)) for y in range(2022, 2026)]
    periods += [(f"{y}-{m:02d}", f"{y}-{m:02d}") for y in range(2022, 2026) for m in (1, 4, 7, 10)]
    chosen = set()
    while len(chosen) < min(count, len(actors) * len(kinds) * len(periods)):
        chosen.add((rng.choice(actors), rng.choice(kinds), rng.choice(periods)))
    urls = []
    for actor, kind, period in sorted(chosen, key=lambda c: (c[0], c[1] or "", c[2] or ())):
        params = {"actor": actor} | ({"kind": kind} if kind else {})
        params |= {"start": period[0], "end": period[1]} if period else {}
        urls.append(f"/?{urlencode(params)}")
    rng.shuffle(urls)
    return urls


def export_scenarios() -> list[Scenario]:
    total = Event.objects.count()
    of_kind = Event.objects.of_kind([FILTER_KIND]).count()
    scenarios = []
    for fmt in ("csv", "json"):
        scenarios.append(
            Scenario(
                f"{fmt}_kind",
                f"{fmt.upper()} export, kind={FILTER_KIND}",
                f"/events.{fmt}?kind={FILTER_KIND}",
                rows=of_kind,
            )
        )
        scenarios.append(
            Scenario(f"{fmt}_all", f"{fmt.upper()} export, all events", f"/events.{fmt}", rows=total, memory=True)
        )
    return scenarios
