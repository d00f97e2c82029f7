"""Facet counts for the timeline page.

Each facet is counted under every current filter except its own: filters are
OR within a field (actor=a&actor=b), so a count beside an unticked actor tells
the user what ticking it would add, not how many events it shares with the
actors already chosen. The exception is actors_match=all, where ticking one
more actor narrows the events: the actor facet is then counted under every
filter, its own included (browse.facets_context). Each facet is one grouped
query, whatever the number of events.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from .date_labels import YEAR
from .models import Actor, Event, Participation, Place
from .shown import Shown

SHOWN_ACTORS = 10
LISTED_ACTORS = 60  # beyond these, a filter by actor starts from the actor's own page


@dataclass(frozen=True)
class FacetValue(Shown):
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class DayCount:
    """Events starting on one day (or, for coarser precision, one month or year)."""

    day: object
    precision: str
    count: int


def queryset_without(filterset, *names):
    """The filterset's events with every valid filter applied except `names`."""
    events = filterset.queryset
    for name, value in filterset.form.cleaned_data.items():
        if name not in names:
            events = filterset.filters[name].filter(events, value)
    return events


def _distinct_rows(events):
    """Grouping over a DISTINCT join would count an event once per matching row."""
    if events.query.distinct:
        return Event.objects.filter(pk__in=events.values("pk"))
    return events


def actor_counts(events) -> dict[int, int]:
    """Events per actor id, counted straight from the (actor, event) index: grouping
    on joined names would read every row twice (only the listed actors are named)."""
    participations = Participation.objects.all()
    if events.query.has_filters():
        participations = participations.filter(event__in=events.order_by().values("pk"))
    return dict(participations.order_by().values_list("actor_id").annotate(n=Count("event_id")))


def actor_facet(counts: dict[int, int], selected) -> tuple[list[FacetValue], list[FacetValue], int]:
    """(the chosen and the busiest actors, the next busiest, how many more are not listed)."""
    picked = [FacetValue(actor.slug, actor.name, counts.get(actor.pk, 0), True) for actor in selected]
    chosen = {actor.pk for actor in selected}
    ranked = sorted((pk for pk in counts if pk not in chosen), key=lambda pk: (-counts[pk], pk))
    listed = ranked[: max(LISTED_ACTORS - len(picked), 0)]
    named = Actor.objects.filter(pk__in=listed).values_list("pk", "slug", "name") if listed else []
    others = sorted(
        (FacetValue(slug, name, counts[pk], False) for pk, slug, name in named), key=lambda v: (-v.count, v.label)
    )
    values = picked + others
    shown = max(SHOWN_ACTORS, len(picked))
    return values[:shown], values[shown:], len(ranked) - len(listed)


def kind_counts(events) -> dict[str, int]:
    rows = _distinct_rows(events).order_by().values("kind").annotate(n=Count("pk"))
    return {r["kind"]: r["n"] for r in rows}


def kind_facet(counts: dict[str, int], selected) -> list[FacetValue]:
    """Every kind, in the model's order, with its count (zero included)."""
    return [FacetValue(kind, label, counts.get(kind, 0), kind in selected) for kind, label in Event.Kind.choices]


def day_counts(events) -> list[DayCount]:
    """Events per start date and precision: at most a few thousand rows, from
    which the month chart and the year facet are both summed in Python."""
    rows = _distinct_rows(events).order_by().values("date_start", "date_precision").annotate(n=Count("pk"))
    return [DayCount(r["date_start"], r["date_precision"], r["n"]) for r in rows]


def year_facet(days: list[DayCount], selected_year: int | None) -> list[FacetValue]:
    counts = Counter()
    for row in days:
        counts[row.day.year] += row.count
    return [FacetValue(str(year), str(year), n, year == selected_year) for year, n in sorted(counts.items())]


def month_counts(days: list[DayCount]) -> tuple[Counter, Counter]:
    """(events per (year, month), events known only to the year, per year)."""
    months, year_only = Counter(), Counter()
    for row in days:
        if row.precision == YEAR:
            year_only[row.day.year] += row.count
        else:
            months[row.day.year, row.day.month] += row.count
    return months, year_only


def location_counts(events) -> dict[str, int]:
    """Events per location as written, from one grouped query."""
    rows = _distinct_rows(events).exclude(location="").order_by().values_list("location").annotate(n=Count("pk"))
    return dict(rows)


def place_facet(by_location: dict[str, int], selected) -> list[FacetValue]:
    """The known places where these events happened, busiest first, with the chosen ones
    always listed (to untick them); places with no events are left out. The counts per
    location are matched to the places' names and aliases."""
    by_name = Counter()
    for location, n in by_location.items():
        by_name[location.casefold()] += n
    chosen = {place.slug for place in selected}
    values = []
    for place in Place.objects.all():
        count = sum(by_name.get(name.casefold(), 0) for name in dict.fromkeys(place.names))
        if count or place.slug in chosen:
            values.append(FacetValue(place.slug, place.name, count, place.slug in chosen))
    return sorted(values, key=lambda value: (not value.selected, -value.count, value.label))
