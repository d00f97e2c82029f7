"""Where editors correct and add events, actors and sources."""

import re

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from .date_labels import MONTH, YEAR
from .exports.csv_export import csv_response
from .exports.filenames import export_filename
from .exports.links import event_link_maker
from .models import Actor, CalendarEntry, Citation, Event, Participation, Place, Source, own_columns


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's revert form saves for anyone allowed to *view* the history
    (3.13 only hides the button); reverting is a change, so it needs that permission."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = own_columns(Event)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_start"), cleaned.get("date_end")
        precision = cleaned.get("date_precision")
        if start and end and end < start:
            self.add_error("date_end", "The end of a range cannot come before its start.")
        if start and precision == MONTH and start.day != 1:
            self.add_error("date_start", "With month precision the date starts on the 1st of the month.")
        if start and precision == YEAR and (start.month, start.day) != (1, 1):
            self.add_error("date_start", "With year precision the date starts on 1 January.")
        return cleaned


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("actor",)


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("source", "quote", ("quote_start", "quote_end"), "date_text", "date_reasoning")


class YearListFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("date_start", "year")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and re.fullmatch(r"[0-9]{4}", self.value()):
            return queryset.filter(date_start__year=int(self.value()))
        return queryset


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    form = EventAdminForm
    list_display = ("date_label_display", "kind", "title", "actor_names", "source_count", "status", "edited")
    list_filter = (
        "kind",
        "date_precision",
        "status",
        "edited",
        YearListFilter,
        ("actors", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "summary", "citations__quote")
    search_help_text = "Searches titles, summaries and quoted sentences."
    date_hierarchy = "date_start"
    list_per_page = 50
    prepopulated_fields = {"slug": ("title",)}
    inlines = (ParticipationInline, CitationInline)
    readonly_fields = ("edited", "merge_note")
    actions = ("export_selected_as_csv",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "location", "summary", "status")}),
        (
            "Date",
            {
                "fields": (("date_start", "date_end"), "date_precision", "date_note", "confidence"),
                "description": (
                    "Store only what the sources support. Day: an exact day, or a range with an end date "
                    "(15–16 September). Month: the text names only the month; start on the 1st. "
                    "Year: only the year; start on 1 January."
                ),
            },
        ),
        ("Provenance", {"fields": ("edited", "merge_note"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(source_total=Count("citations__source", distinct=True))
            .prefetch_related("actors")
        )

    @admin.display(description="date", ordering="date_start")
    def date_label_display(self, obj):
        return obj.date_label

    @admin.display(description="actors")
    def actor_names(self, obj):
        return ", ".join(actor.name for actor in obj.actors.all())

    @admin.display(description="sources", ordering="source_total")
    def source_count(self, obj):
        return obj.source_total

    @admin.action(description="Export selected events as CSV")
    def export_selected_as_csv(self, request, queryset):
        # A fresh queryset: the changelist's annotations and prefetches are not wanted in the export.
        selected = Event.objects.filter(pk__in=queryset.order_by().values("pk")).chronological()
        filename = export_filename(["selected"], "csv")
        return csv_response(selected, event_link_maker(request), filename)

    def save_model(self, request, obj, form, change):
        # A person has touched it: later imports must leave it alone.
        obj.edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and not form.instance.edited:
            Event.objects.filter(pk=form.instance.pk).update(edited=True)


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


class SourceEventInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("event", "quote", "date_text")
    readonly_fields = ("event", "quote", "date_text")
    can_delete = False
    verbose_name = "reported event"
    verbose_name_plural = "events this article reports"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ("title", "publisher", "published_on", "reference_date", "origin", "event_count")
    list_filter = ("publisher", "language")
    search_fields = ("title", "publisher", "origin", "url")
    readonly_fields = ("text", "origin", "reference_date", "reference_note", "reference_confidence")
    fields = (
        "title",
        "publisher",
        "url",
        "published_on",
        "language",
        "origin",
        "reference_date",
        "reference_confidence",
        "reference_note",
        "text",
    )
    inlines = (SourceEventInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_total=Count("citations__event", distinct=True))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, obj):
        return obj.event_total


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
