"""Events: correcting them, and every deletion leaving a tombstone so that no import brings it back."""

import re

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from ..date_labels import MONTH, YEAR
from ..decisions import bury_citation, bury_event, bury_participation
from ..event_links import event_link_maker
from ..exports.csv_export import csv_response
from ..exports.filenames import export_filename
from ..models import Citation, DataStamp, Event, Participation, editable_columns
from ..quotes import find_quote
from ..slugs import follow_date
from .base import HistoryAdmin
from .dates import IsoDateField
from .review import review_urls
from .sentences import sentences_view


class EventAdminForm(forms.ModelForm):
    date_start = IsoDateField(label="Date (start)")
    date_end = IsoDateField(label="Date (end)", required=False)

    class Meta:
        model = Event
        fields = [name for name in editable_columns(Event) if name != "merge_into"]

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


class CitationForm(forms.ModelForm):
    """The editor gives the sentence; where it sits in the article is found, not typed."""

    class Meta:
        model = Citation
        fields = ("source", "quote", "date_text", "date_reasoning")
        help_texts = {
            "quote": "Pick the sentence from the list, or paste it; its position in the article is found for you."
        }
        widgets = {"quote": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The picker asks for /sentences/<source id>/; the id is the article the editor chooses.
        self.fields["quote"].widget.attrs["data-sentences-url"] = reverse("admin:timeline_event_sentences", args=[0])[
            :-2
        ]

    def clean(self):
        cleaned = super().clean()
        source, quote = cleaned.get("source"), (cleaned.get("quote") or "").strip()
        if source is None or not quote:
            return cleaned
        near = self.instance.quote_start if self.instance.pk else None
        span = find_quote(source.text, quote, near=near)
        if span is None:
            self.add_error("quote", f"These words are not in the article “{source.title}”. Copy them from its text.")
            return cleaned
        self.instance.quote_start, self.instance.quote_end = span
        cleaned["quote"] = source.text[span[0] : span[1]]
        return cleaned


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    extra = 0
    autocomplete_fields = ("source",)
    fields = ("source", "quote", "where_in_article", "date_text", "date_reasoning")
    readonly_fields = ("where_in_article",)

    class Media:
        js = ("admin/js/jquery.init.js", "js/sentence-picker.js")

    @admin.display(description="position in the article")
    def where_in_article(self, obj):
        if not obj.pk:
            return "found when you save"
        return f"characters {obj.quote_start}–{obj.quote_end}"


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
    list_display = ("title", "date_label_display", "kind", "actor_names", "source_count", "status", "edited")
    list_display_links = ("title",)
    list_filter = (
        "status",
        "kind",
        "date_precision",
        "edited",
        YearListFilter,
        ("actors", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "summary", "citations__quote")
    search_help_text = "Searches titles, summaries and quoted sentences."
    date_hierarchy = "date_start"
    list_per_page = 50
    inlines = (ParticipationInline, CitationInline)
    readonly_fields = ("edited", "merge_note", "merge_target")
    actions = ("accept_selected", "reject_selected", "export_selected_as_csv")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "location", "summary", "quote", "status")}),
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
        ("Provenance", {"fields": ("edited", "merge_target", "merge_note")}),
    )

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(source_total=Count("citations__source", distinct=True))
            .prefetch_related("actors")
        )

    def get_urls(self):
        sentences = path(
            "sentences/<int:source_id>/",
            self.admin_site.admin_view(lambda request, source_id: sentences_view(self, request, source_id)),
            name="timeline_event_sentences",
        )
        return [sentences, *review_urls(self), *super().get_urls()]

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ("title",)}

    @admin.display(description="date", ordering="date_start")
    def date_label_display(self, obj):
        return obj.date_label

    @admin.display(description="actors")
    def actor_names(self, obj):
        return ", ".join(actor.name for actor in obj.actors.all())

    @admin.display(description="sources", ordering="source_total")
    def source_count(self, obj):
        return obj.source_total

    @admin.display(description="may be the same as")
    def merge_target(self, obj):
        if not obj.merge_into_id:
            return "—"
        target = obj.merge_into
        url = reverse("admin:timeline_event_change", args=[target.pk])
        return format_html('<a href="{}">{}</a> ({})', url, target.title, target.date_label)

    @admin.action(description="Export selected events as CSV")
    def export_selected_as_csv(self, request, queryset):
        # A fresh queryset: the changelist's annotations and prefetches are not wanted in the export.
        selected = Event.objects.filter(pk__in=queryset.order_by().values("pk")).chronological()
        filename = export_filename(["selected"], "csv")
        return csv_response(selected, event_link_maker(request), filename)

    @admin.action(description="Accept selected events as reviewed", permissions=["change"])
    def accept_selected(self, request, queryset):
        count = Event.objects.filter(pk__in=queryset.order_by().values("pk")).update(
            status=Event.Status.REVIEWED, merge_into=None
        )
        DataStamp.bump()  # an update sends no signal: the public counts must still change
        self.message_user(request, f"{count} event(s) marked as reviewed.", messages.SUCCESS)

    @admin.action(description="Reject selected events (they will not come back)", permissions=["delete"])
    def reject_selected(self, request, queryset):
        events = list(Event.objects.filter(pk__in=queryset.order_by().values("pk")))
        for event in events:
            bury_event(event, reason="rejected from the event list", user=request.user)
            event.delete()
        self.message_user(request, f"{len(events)} event(s) rejected; no import will propose them again.")

    def save_model(self, request, obj, form, change):
        # A person has touched it: later imports must leave it alone.
        obj.edited = True
        if "_accept" in request.POST:
            obj.status, obj.merge_into = Event.Status.REVIEWED, None
        if change and "date_start" in form.changed_data:
            follow_date(obj)
        elif not change:
            obj.slug = follow_date(obj, keep_alias=False)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for deleted in formset.deleted_forms:
            instance = deleted.instance
            if instance.pk is None:
                continue
            if isinstance(instance, Participation):
                bury_participation(instance, reason="removed by an editor", user=request.user)
            elif isinstance(instance, Citation):
                bury_citation(instance, reason="removed by an editor", user=request.user)
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and not form.instance.edited:
            Event.objects.filter(pk=form.instance.pk).update(edited=True)

    def delete_model(self, request, obj):
        bury_event(obj, reason="deleted by an editor", user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for event in queryset:
            bury_event(event, reason="deleted by an editor", user=request.user)
        super().delete_queryset(request, queryset)

    def response_change(self, request, obj):
        if "_accept" in request.POST:
            self.message_user(request, f"“{obj.title}” corrected and accepted.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:timeline_event_review"))
        return super().response_change(request, obj)
