"""Actors, places and the calendar: the general knowledge editors keep."""

from django.contrib import admin
from django.db.models import Case, Count, IntegerField, Value, When

from ..models import Actor, CalendarEntry, Place
from .base import HistoryAdmin


def ranked_by_name(queryset, term: str):
    """Exact names first, then names that begin with the term, then a word of the
    name that does, then the rest (an alias or a role); busier actors before quieter."""
    term = term.strip()
    rank = Case(
        When(name__iexact=term, then=Value(0)),
        When(name__istartswith=term, then=Value(1)),
        When(name__icontains=f" {term}", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return queryset.annotate(match_rank=rank).order_by("match_rank", "-event_total", "name")


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ("name", "kind", "role", "country", "event_count", "needs_review")
    list_filter = ("kind", "needs_review", "country")
    search_fields = ("name", "aliases", "role")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "role", "country", "aliases", "description", "needs_review")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_total=Count("participations", distinct=True))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, obj):
        return obj.event_total

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            queryset = ranked_by_name(queryset, search_term)
        return queryset, may_have_duplicates


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "country")
    search_fields = ("name", "aliases")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(CalendarEntry)
class CalendarEntryAdmin(admin.ModelAdmin):
    list_display = ("name", "date_start", "date_end", "recurs_yearly", "location")
    list_filter = ("recurs_yearly",)
    search_fields = ("name", "keywords", "location")
    autocomplete_fields = ("actors",)
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "date_start"
