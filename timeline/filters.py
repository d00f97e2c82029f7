"""The one definition of the timeline's filters, shared by the page, its
partials and every export, so that what a user downloads is what they saw."""

import re
from datetime import date
from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from .date_labels import DAY, MONTH, YEAR, period_end, period_start
from .models import Actor, Event, Place, Source
from .search import TextSearch

MAX_QUERY_LENGTH = 200
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_date(value: str) -> tuple[date, str]:
    """'2023' / '2023-03' / '2023-03-21' → (first day, precision)."""
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValidationError(f"'{value[:40]}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return date(year, month, day), DAY
        if month is not None:
            return date(year, month, 1), MONTH
        return date(year, 1, 1), YEAR
    except ValueError:
        raise ValidationError(f"'{value[:40]}' is not a real date.") from None


class PartialDateField(forms.CharField):
    """Accepts YYYY, YYYY-MM or YYYY-MM-DD; cleans to (first day, precision)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return parse_partial_date(value) if value else None


MAX_SLUG_LENGTH = 200


def could_be_slug(value) -> bool:
    """False for what no slug can hold, so it never reaches the database (PostgreSQL refuses NUL bytes)."""
    return "\x00" not in str(value) and len(str(value)) <= MAX_SLUG_LENGTH


class SlugChoiceField(forms.ModelMultipleChoiceField):
    what = "an actor"

    def _check_values(self, value):
        for item in value:
            if not could_be_slug(item):
                raise ValidationError(f"'{str(item)[:40]!r}' is not {self.what}.")
        return super()._check_values(value)


class PlaceSlugField(SlugChoiceField):
    what = "a known place"
    default_error_messages = {
        "invalid_choice": "'%(value)s' is not a known place; choose one from the list, or use location for any words.",
    }


class ActorFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SlugChoiceField


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


class HelpfulChoiceField(django_filters.fields.ChoiceField):
    """Says which values work; Django's message only repeats the wrong one, however long.
    `what` names the thing chosen, `use` the values that work."""

    def __init__(self, *args, what: str, use: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.what, self.use = what, use

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError:
            raise ValidationError(f"'{value[:40]}' is not {self.what}; use {self.use}.") from None


class HelpfulChoiceFilter(django_filters.ChoiceFilter):
    field_class = HelpfulChoiceField


ANY_ACTOR, ALL_ACTORS = "any", "all"
ACTORS_MATCH_CHOICES = ((ANY_ACTOR, "any of them"), (ALL_ACTORS, "all of them together"))
EVERYWHERE, QUOTES = "all", "quotes"
Q_IN_CHOICES = ((EVERYWHERE, "titles, summaries and reports"), (QUOTES, "only the words said"))
# Filters that say how others apply (or how to order), and narrow nothing on their own.
NOT_NARROWING = {"actors_match", "q_in", "order"}


class PlaceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = PlaceSlugField


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and period_end(*end) < start[0]:
            raise ValidationError("The end date comes before the start date.")
        return cleaned


class EventFilter(django_filters.FilterSet):
    actor = ActorFilter(queryset=Actor.objects.all(), to_field_name="slug", method="filter_actor", label="Actor")
    # Applied by filter_actor, which needs both values; a filter of its own for the form and its message.
    actors_match = HelpfulChoiceFilter(
        choices=ACTORS_MATCH_CHOICES,
        method="filter_actors_match",
        label="Actors",
        empty_label=None,
        what="a way to match actors",
        use=f"{ANY_ACTOR} (events with any of the chosen actors) or {ALL_ACTORS} (events with every one of them)",
    )
    # A plain column test joins nothing, so it needs no DISTINCT (django-filter's
    # default), which would make every count and page read the rows twice.
    kind = django_filters.MultipleChoiceFilter(choices=Event.Kind.choices, label="Kind", distinct=False)
    status = HelpfulChoiceFilter(
        choices=Event.Status.choices,
        label="Checked by an editor",
        distinct=False,
        what="a review status",
        use=f"{Event.Status.REVIEWED} or {Event.Status.PROPOSED}",
    )
    start = PartialDateFilter(method="filter_start", label="From")
    end = PartialDateFilter(method="filter_end", label="To")
    q = django_filters.CharFilter(method="filter_text", max_length=MAX_QUERY_LENGTH, label="Search")
    # Applied by filter_text, like actors_match by filter_actor.
    q_in = HelpfulChoiceFilter(
        choices=Q_IN_CHOICES,
        method="filter_q_in",
        label="Search in",
        empty_label=None,
        what="a place to search",
        use=f"{EVERYWHERE} (titles, summaries and the reported sentences) or {QUOTES} (only the words people said)",
    )
    place = PlaceFilter(queryset=Place.objects.all(), to_field_name="slug", method="filter_place", label="Place")
    location = django_filters.CharFilter(method="filter_location", max_length=200, label="Location")
    source = django_filters.ModelChoiceFilter(queryset=Source.objects.all(), method="filter_source", label="Source")
    order = django_filters.ChoiceFilter(
        choices=(("asc", "Oldest first"), ("desc", "Newest first")), method="filter_order", label="Order"
    )

    class Meta:
        model = Event
        fields = []  # every filter is declared above, in the order the form and its messages follow
        form = EventFilterForm

    def get_form_class(self):
        # No field depends on the request or its data, and building the form class (a dozen
        # fields and a metaclass) cost a tenth of a filtered page: built once per process.
        # Each form still gets its own copy of the fields, querysets included (Form.__init__).
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class

    def filter_actor(self, queryset, name, value):
        if not value:
            return queryset
        if self.all_actors:
            # One semi-join per actor: no join to de-duplicate, and each uses the (actor, event) index.
            for actor in value:
                queryset = queryset.involving([actor])
            return queryset
        return queryset.involving(value)

    def filter_actors_match(self, queryset, name, value):
        return queryset  # applied with the actors, in filter_actor

    @property
    def all_actors(self) -> bool:
        return self.form.cleaned_data.get("actors_match") == ALL_ACTORS

    def filter_start(self, queryset, name, value):
        return queryset.overlapping(start=period_start(*value))

    def filter_end(self, queryset, name, value):
        return queryset.overlapping(end=period_end(*value))

    # Set by a caller that applies the filters several times (a page: its list and each facet),
    # so that a text search reads its matches once (search.TextSearch), not at every use.
    match_text_once = False
    _listing = False  # True while filter_queryset builds the list (qs)

    def filter_text(self, queryset, name, value):
        search = self._matched_once()
        if self.form.cleaned_data.get("q_in") == QUOTES:
            return queryset.quoting(value, search)
        return search.filter(queryset, in_order=self._listing) if search else queryset.search(value)

    def filter_queryset(self, queryset):
        # What this builds (qs) is the list, read in order a page at a time; the facets
        # (facets.queryset_without) apply the same filters to count every match.
        self._listing = True
        try:
            return super().filter_queryset(queryset)
        finally:
            self._listing = False

    @cached_property
    def text_search(self) -> TextSearch:
        return TextSearch(self.form.cleaned_data["q"])

    def _matched_once(self) -> TextSearch | None:
        """The text search to match once, when the filters are applied several times and
        keeping the matches pays (search.TextSearch.pays_to_keep); else None."""
        if not self.match_text_once:
            return None
        alone = self.search_alone() is not None
        return self.text_search if self.text_search.pays_to_keep(self.queryset.db, alone=alone) else None

    def search_alone(self) -> TextSearch | None:
        """The text search, when it is matched once, on an index, and no other filter narrows
        the events: its matches are then exactly the events (match_facets.py counts them)."""
        data = self.form.cleaned_data
        narrowing = {name for name, value in data.items() if value and name not in NOT_NARROWING}
        if not self.match_text_once or narrowing != {"q"} or data.get("q_in") == QUOTES:
            return None
        return self.text_search if self.text_search.indexed(self.queryset.db) else None

    def filter_q_in(self, queryset, name, value):
        return queryset  # applied with the words, in filter_text

    def filter_place(self, queryset, name, value):
        return queryset.at_places(value) if value else queryset

    def filter_location(self, queryset, name, value):
        return queryset.located_in(value.strip())

    def filter_source(self, queryset, name, value):
        return queryset.citing(value)

    def filter_order(self, queryset, name, value):
        return queryset  # ordering is applied last, in ordered_events

    @property
    def descending(self) -> bool:
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("order") == "desc"


class InvalidFilters(Exception):
    """The query parameters could not be understood; `messages` says why, for people."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def filter_messages(filterset: EventFilter) -> list[str]:
    messages = []
    for name, errors in filterset.form.errors.items():
        label = filterset.filters[name].label if name in filterset.filters else None
        for error in errors:
            messages.append(f"{label}: {error}" if label else str(error))
    return messages


def event_filter(params) -> EventFilter:
    return EventFilter(params, queryset=Event.objects.all())


def filtered_events(params):
    """request.GET → (ordered queryset of matching events, the bound filterset).

    Raises InvalidFilters when a parameter is wrong, so every caller can say why."""
    filterset = valid_filter(params)
    return ordered_events(filterset), filterset


def valid_filter(params, *, match_text_once: bool = False) -> EventFilter:
    """request.GET → the bound filterset, its events not yet built (ordered_events builds them).
    `match_text_once`: see EventFilter.match_text_once. Raises InvalidFilters like filtered_events."""
    filterset = event_filter(params)
    filterset.match_text_once = match_text_once
    if not filterset.is_valid():
        raise InvalidFilters(filter_messages(filterset))
    return filterset


def ordered_events(filterset: EventFilter):
    """A valid filterset's events, in the order it asks for."""
    return filterset.qs.chronological(descending=filterset.descending)


def active_filters(filterset: EventFilter) -> dict:
    """The cleaned filters as plain values (slugs, ISO strings), for JSON and file names."""
    data = filterset.form.cleaned_data
    return {
        "actor": [actor.slug for actor in data.get("actor") or []],
        "actors_match": data.get("actors_match") or ANY_ACTOR,
        "kind": list(data.get("kind") or []),
        "status": data.get("status") or None,
        "start": filterset.data.get("start").strip() if data.get("start") else None,
        "end": filterset.data.get("end").strip() if data.get("end") else None,
        "q": data.get("q") or None,
        "q_in": data.get("q_in") or EVERYWHERE,
        "place": [place.slug for place in data.get("place") or []],
        "location": data.get("location") or None,
        "source": data["source"].pk if data.get("source") else None,
        "order": data.get("order") or "asc",
    }
