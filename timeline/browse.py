"""Everything the timeline page shows for one set of query parameters.

A constant number of queries whatever the number of events: one page of
events with its actors and report counts, and one grouped query per facet
(actors, kinds, and the start dates that feed both the month chart and the
year facet). The facets, their HTML and the number of matching events (read
off the kind facet) are cached per filter set, so a repeated filter costs only
the page of events.
"""

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from django.template.loader import render_to_string

from .chart import month_chart
from .date_labels import period_end, period_start
from .facet_cache import cached_facets
from .facet_html import kind_choices, name_choices, year_links
from .facets import (
    FacetValue,
    actor_counts,
    actor_facet,
    day_counts,
    kind_counts,
    kind_facet,
    location_counts,
    month_counts,
    place_facet,
    queryset_without,
    year_facet,
)
from .filter_words import chips, title_words
from .filters import ALL_ACTORS, ANY_ACTOR, InvalidFilters, could_be_slug, event_filter, ordered_events, valid_filter
from .listing import InvalidPage, page_number, page_of
from .match_facets import match_counts
from .models import Actor, Event, Place, Source
from .querystrings import canonical_params, index_url, index_url_maker, query_string
from .related import companions
from .sql_rows import read_rows, table
from .tallies import ALL_EVENTS, TallyScope, tally_scope

SOURCE_CHOICES_LIMIT = 200
MONTH_CHART = "timeline/includes/month_chart.html"


def selected_range(filterset) -> tuple[date, date] | None:
    """The first and last day the start/end filters allow, when either is set."""
    data = filterset.form.cleaned_data
    if not (data.get("start") or data.get("end")):
        return None
    first = period_start(*data["start"]) if data.get("start") else date.min
    last = period_end(*data["end"]) if data.get("end") else date.max
    return first, last


def selected_year(span: tuple[date, date] | None) -> int | None:
    if span and span[0].year == span[1].year and span[0] == date(span[0].year, 1, 1):
        if span[1] == date(span[0].year, 12, 31):
            return span[0].year
    return None


class SourceChoice(NamedTuple):
    pk: int
    title: str


def source_choices(selected: Source | None) -> list[SourceChoice | Source]:
    """All sources while there are few; with thousands, only the chosen one
    (an article's own page links to its events)."""
    # One query either way: whether a source beyond the limit exists is read from the
    # origin index, and only when none does are the titles read. In SQL: the ORM took three
    # times as long to build this query as the database to answer it (0.8 ms against 0.2).
    sources = table(Source)
    sql = (
        f"SELECT id, title FROM {sources} WHERE NOT EXISTS "
        f"(SELECT 1 FROM {sources} ORDER BY origin LIMIT 1 OFFSET %s) ORDER BY id"
    )
    choices = [SourceChoice(*row) for row in read_rows(sql, [SOURCE_CHOICES_LIMIT])]
    if not choices:
        return [selected] if selected else []
    return sorted(choices, key=lambda source: source.title.casefold())


def matching_count(kind_counts: list[FacetValue]) -> int:
    """How many events match every filter, read off the kind facet: each event
    has one kind, and that facet is counted under every filter but its own."""
    chosen = [value.count for value in kind_counts if value.selected]
    return sum(chosen) if chosen else sum(value.count for value in kind_counts)


def month_link(url_for: Callable[[str], str]) -> Callable[[int, int], str]:
    """(year, month) → the address of that month's events, from a maker of addresses by period."""
    return lambda year, month: url_for(f"{year}-{month:02d}")


def actor_link(url_for: Callable[[str], str]) -> Callable:
    """A listed actor → the address of its events, from a maker of addresses by actor slug."""
    return lambda actor: url_for(actor.slug)


def every_event() -> TallyScope:
    """A new scope each time: a scope keeps what it has read (TallyScope._kinds) for one request."""
    return TallyScope(ALL_EVENTS, (), None, None)


def facet_counts(filterset, valid: bool, all_actors: bool, scope=None) -> tuple[dict, list, dict, dict]:
    """(events per kind, per start day, per actor id, per location), each under every
    filter but its own: from the tallies when they can answer (`scope`, when the caller
    has it already), from a text search's matches when it is the only filter, else
    counted from the events."""
    if scope is None:
        scope = (tally_scope(filterset) if not all_actors else None) if valid else every_event()
    if scope:
        return scope.kind_counts(), scope.day_counts(), scope.actor_counts(), scope.location_counts()
    search = filterset.search_alone() if valid else None
    if search:
        matches = search.matches(Event, filterset.queryset.db)
        return match_counts(matches) if matches else ({}, [], {}, {})
    # With "all of them together", ticking one more actor narrows the events: its
    # count is then how many of the events shown involve it, not what it would add.
    actor_events = queryset_without(filterset) if all_actors else queryset_without(filterset, "actor")
    return (
        kind_counts(queryset_without(filterset, "kind")),
        day_counts(queryset_without(filterset, "start", "end")),
        actor_counts(actor_events),
        location_counts(queryset_without(filterset, "place")),
    )


def facets_context(
    filterset, params, span, actors_selected, kinds_selected, actors_match=ANY_ACTOR, places_selected=(), scope=None
) -> dict:
    counted = facet_counts(filterset, filterset.is_valid(), actors_match == ALL_ACTORS, scope)
    counted_kinds, days, counted_actors, counted_locations = counted
    kinds = kind_facet(counted_kinds, kinds_selected)
    places = place_facet(counted_locations, places_selected)
    months, year_only = month_counts(days)
    top_actors, more_actors, unlisted = actor_facet(counted_actors, actors_selected)
    return {
        "actor_facet": top_actors,
        "more_actor_facet": more_actors,
        "unlisted_actors": unlisted,
        "actors_match": actors_match if len(actors_selected) > 1 else None,
        "kind_facet": kinds,
        "place_facet": places,
        "matching_count": matching_count(kinds),
        "year_facet": [
            (value, index_url(params, start=value.value, end=value.value, page=None))
            for value in year_facet(days, selected_year(span))
        ],
        "chart": month_chart(months, year_only, month_link(index_url_maker(params, "start", "end")), span),
    }


def with_html(facets: dict) -> dict:
    """The facets plus their HTML: the facet lists and the month chart hold
    hundreds of template variables, so they are rendered once per filter set
    and cached with the counts rather than on every request."""
    chart = facets["chart"]
    choices = {
        "kind_choices": kind_choices(facets["kind_facet"]),
        "place_choices": name_choices("place", facets["place_facet"]),
        "actor_choices": name_choices("actor", facets["actor_facet"]),
        "more_actor_choices": name_choices("actor", facets["more_actor_facet"]),
        "year_links": year_links(facets["year_facet"]),
    }
    return facets | {
        "facets_html": render_to_string("timeline/index.html#facet-lists", facets | choices),
        "chart_html": render_to_string(MONTH_CHART, {"chart": chart, "link_target": "#browse"}) if chart else "",
    }


def actor_overview(actor: Actor) -> dict:
    """The counts an actor page shows, from the tallies (the busiest actors have tens of thousands of events)."""
    months, year_only = month_counts(TallyScope(actor.pk, (), None, None).day_counts())
    return {
        "event_count": sum(months.values()) + sum(year_only.values()),
        "chart": month_chart(months, year_only, month_link(index_url_maker(None, "start", "end", actor=actor.slug))),
        "companions": companions(actor),
    }


def timeline_context(raw_params, *, facets: bool = True, form: bool = True) -> dict:
    """What the page (or a fragment of it) shows; `facets` and `form` say whether
    the facet counts and the form's choices are needed. Raises InvalidFilters
    (with every message) when a parameter is wrong."""
    try:
        number = page_number(raw_params.get("page"))
    except InvalidPage as exc:
        raise InvalidFilters([str(exc)]) from None
    filterset = valid_filter(raw_params, match_text_once=True)
    data = filterset.form.cleaned_data
    params = canonical_params(filterset)
    span = selected_range(filterset)
    facet_values = {}
    # One scope for the facets, the count and the page: it reads the kinds' tallies once for all three.
    scope = tally_scope(filterset)
    if facets:
        chosen = (data.get("actor") or [], data.get("kind") or [], params.get("actors_match", ANY_ACTOR))
        places = data.get("place") or []
        facet_values = cached_facets(
            params.urlencode(), lambda: with_html(facets_context(filterset, params, span, *chosen, places, scope))
        )
    count = facet_values.get("matching_count")
    if count is None and scope:
        count = scope.count()  # "Load more" needs no facets, but the tallies still save counting the events
    # The events are built after the facets: a text search's list then uses the ids that
    # counting the facets read, or, when they came from the cache, matches in its own query.
    if data.get("q"):
        filterset.text_search.listed = count
    events = ordered_events(filterset)
    page = page_of(
        events, number, actor_link(index_url_maker(params, "actor", actors_match=None, page=None)), count, scope
    )
    context = {
        "filterset": filterset,
        "params": params,
        "export_query": query_string(params),
        "chips": chips(filterset, params),
        "title_words": title_words(filterset, params),
        "clear_url": index_url(),
        "page": page,
        "next_url": index_url(params, page=page.next_number) if page.has_next else None,
        "first_url": index_url(params) if page.number > 1 else None,
    }
    if form:
        context["sources"] = source_choices(data.get("source"))
    return context | facet_values


def invalid_context(raw_params, messages: list[str]) -> dict:
    """The form as the user filled it, the messages, and facets over all events."""
    filterset = event_filter(raw_params)
    params = canonical_params(filterset) if filterset.is_valid() else None
    chosen = Actor.objects.filter(slug__in=[s for s in raw_params.getlist("actor")[:50] if could_be_slug(s)])
    places = Place.objects.filter(slug__in=[s for s in raw_params.getlist("place")[:50] if could_be_slug(s)])
    actors_match = ALL_ACTORS if raw_params.get("actors_match") == ALL_ACTORS else ANY_ACTOR
    facets = facets_context(filterset, params, None, chosen, raw_params.getlist("kind"), actors_match, places)
    # No events are listed, so the chart draws none either: it would otherwise show every event.
    return {
        "filterset": filterset,
        "errors": messages,
        "invalid_fields": set(filterset.form.errors),
        "clear_url": index_url(),
        "sources": source_choices(None),
        **with_html(facets | {"chart": None}),
    }
