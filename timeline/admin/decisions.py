"""Editors' decisions kept as tombstones: visible, and reversible by deleting them."""

from django.contrib import admin, messages

from ..models import EventAlias, Tombstone


@admin.register(Tombstone)
class TombstoneAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "reason", "decided_by", "decided_at")
    list_filter = ("kind", "decided_at")
    search_fields = ("title", "event_slug", "actor_slug", "quote", "reason")
    readonly_fields = (
        "kind",
        "event_slug",
        "actor_slug",
        "source_origin",
        "quote",
        "title",
        "decided_by",
        "decided_at",
    )
    fields = (
        "kind",
        "title",
        "event_slug",
        "actor_slug",
        "source_origin",
        "quote",
        "reason",
        "decided_by",
        "decided_at",
    )

    def has_add_permission(self, request):
        return False  # made by rejecting or deleting, never by hand

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._explain_reversal(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._explain_reversal(request)

    def _explain_reversal(self, request):
        messages.info(request, "Decision reversed: the next refresh or import may propose it again.")


@admin.register(EventAlias)
class EventAliasAdmin(admin.ModelAdmin):
    list_display = ("slug", "event")
    search_fields = ("slug", "event__title")
    autocomplete_fields = ("event",)
