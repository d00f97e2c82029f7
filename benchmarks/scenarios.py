"""What is measured: requests a user's browser would make, chosen from the generated data."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count

from timeline.models import Actor, Event

HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "results"}  # what the filter form sends
FILTER_KIND, FILTER_YEAR = "meeting", "2024"


@dataclass
class Scenario:
    key: str  # the bench-results.json key for its median, when it has one
    label: str
    url: str
    headers: dict = field(default_factory=dict)
    rows: int | None = None  # exports: how many events the response holds
    memory: bool = False


def busiest_person() -> Actor:
    """The person in most events (the heaviest realistic actor filter), or the busiest actor of any kind."""
    busiest = Actor.objects.annotate(n=Count("participations")).order_by("-n", "slug")
    return busiest.filter(kind="person").first() or busiest.first()


def typical_event() -> Event:
    """An ordinary event page: two actors and two reports."""
    candidates = Event.objects.annotate(a=Count("participations", distinct=True), c=Count("citations", distinct=True))
    return candidates.filter(a=2, c=2).order_by("pk").first() or Event.objects.order_by("pk").first()


def page_scenarios() -> list[Scenario]:
    person = busiest_person()
    event = typical_event()
    filtered = urlencode({"actor": person.slug, "kind": FILTER_KIND, "start": FILTER_YEAR, "end": FILTER_YEAR})
    search = urlencode({"q": person.name.split()[-1]})
    return [
        Scenario("page_full_ms", "page, no filters", "/"),
        Scenario("page_filtered_ms", "htmx partial: actor + kind + year", f"/?{filtered}", HTMX_RESULTS),
        Scenario("search_ms", "htmx partial: text search", f"/?{search}", HTMX_RESULTS),
        Scenario("search_page_ms", "page with a text search", f"/?{search}"),
        Scenario("event_page_ms", "event page", f"/events/{event.slug}/"),
    ]


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
