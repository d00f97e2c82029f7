"""Articles and the outlets that publish them. "Add article" brings one in by address,
file or pasted text, and sends the editor to review what it proposes."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from ..ingest.articles import ArticleRefused, DuplicateArticle, add_article
from ..ingest.inputs import from_file, from_text, from_url, with_overrides
from ..models import Citation, Outlet, Source
from .base import HistoryAdmin
from .dates import IsoDateField

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class AddArticleForm(forms.Form):
    url = forms.URLField(
        label="Address (URL)",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="Fetched and cleaned when no file or text is given; otherwise recorded as the article's address.",
    )
    file = forms.FileField(
        label="Or a file", required=False, help_text="A saved web page (.html) or plain text (.txt)."
    )
    text = forms.CharField(label="Or the text", required=False, widget=forms.Textarea(attrs={"rows": 10}))
    title = forms.CharField(required=False, max_length=500, help_text="Leave empty to take the page's own title.")
    outlet = forms.CharField(
        required=False,
        max_length=200,
        help_text="Who published it (an existing outlet's name, or a new one). Empty: the page's site name.",
    )
    published_on = IsoDateField(label="Publication date", required=False)

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("file", "text") if cleaned.get(name)]
        if len(given) > 1:
            raise forms.ValidationError("Give a file or pasted text, not both.")
        if not given and not cleaned.get("url"):
            raise forms.ValidationError("Give the article's address, a file, or its text.")
        upload = cleaned.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
        return cleaned

    def article(self):
        data = self.cleaned_data
        if data.get("file"):
            article = from_file(data["file"].name, data["file"].read())
        elif data.get("text"):
            article = from_text(data["text"])
        else:
            article = from_url(data["url"])
        return with_overrides(
            article, title=data["title"], outlet=data["outlet"], url=data["url"], published_on=data["published_on"]
        )


class SourceForm(forms.ModelForm):
    published_on = IsoDateField(label="Published on", required=False)

    class Meta:
        model = Source
        fields = ("title", "outlet", "author", "url", "published_on", "language")


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
    form = SourceForm
    list_display = ("title", "outlet", "published_on", "reference_date", "added_at", "event_count")
    list_filter = ("outlet", "outlet__affiliation", "language")
    search_fields = ("title", "outlet__name", "url", "author")
    readonly_fields = ("text", "origin", "reference_date", "reference_note", "reference_confidence", "review_link")
    fields = (
        "title",
        "outlet",
        "author",
        "url",
        "published_on",
        "language",
        "review_link",
        "reference_date",
        "reference_confidence",
        "reference_note",
        "origin",
        "text",
    )
    autocomplete_fields = ("outlet",)
    inlines = (SourceEventInline,)
    ordering = ("-added_at", "origin")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_total=Count("citations__event", distinct=True))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, obj):
        return obj.event_total

    @admin.display(description="review")
    def review_link(self, obj):
        url = reverse("admin:timeline_event_review") + f"?source={obj.pk}"
        return format_html('<a href="{}">What this article proposes, awaiting review</a>', url)

    def add_view(self, request, form_url="", extra_context=None):
        """Not a blank Source form: an article comes in by address, file or text, and is read at once."""
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        form = AddArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                arrival = add_article(form.article())
            except DuplicateArticle as exc:
                link = reverse("admin:timeline_source_change", args=[exc.existing.pk])
                form.add_error(None, format_html('{} (<a href="{}">open it</a>).', str(exc), link))
            except ArticleRefused as exc:
                form.add_error(None, str(exc))
            else:
                source = arrival.source
                messages.success(
                    request,
                    f"Imported “{source.title}”: {arrival.proposed} event(s) proposed from it, waiting for review.",
                )
                return HttpResponseRedirect(reverse("admin:timeline_event_review") + f"?source={source.pk}")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add an article",
            "form": form,
            "has_file_field": True,
        }
        return TemplateResponse(request, "admin/timeline/source/add_article.html", context)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ("name", "affiliation", "country", "website", "source_count")
    list_filter = ("affiliation", "country")
    search_fields = ("name", "website")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_total=Count("sources"))

    @admin.display(description="articles", ordering="source_total")
    def source_count(self, obj):
        return obj.source_total
