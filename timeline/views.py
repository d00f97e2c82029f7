from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from .browse import actor_overview, invalid_context, timeline_context
from .citing import ways_to_cite
from .facet_cache import cached_facets
from .filters import InvalidFilters
from .highlight import highlighted_text
from .listing import claim_line, timeline_items
from .models import Actor, Event, EventAlias, Source
from .querystrings import index_url
from .related import related_events

# Public pages are compressed here, since gunicorn serves them as they are. Only public pages:
# they hold no secret (no CSRF token, nothing from the session), so BREACH has nothing to find;
# admin pages, which hold CSRF tokens, are never compressed.
public_page = gzip_page

# Which fragment of the page an htmx request gets, by the id it will replace.
INDEX_PARTIALS = {"results": "#results", "event-list": "#more", "browse": "#browse"}
ACTOR_EVENTS_SHOWN = 100


def wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


@public_page
@require_safe
@vary_on_headers("HX-Request", "HX-Target", "HX-History-Restore-Request")
def index(request):
    partial = INDEX_PARTIALS.get(request.htmx.target, "#browse") if wants_fragment(request) else ""
    try:
        needs = {"facets": partial != "#more", "form": partial in ("", "#browse")}
        context, status = timeline_context(request.GET, **needs), 200
    except InvalidFilters as exc:
        context, status = invalid_context(request.GET, exc.messages), 400
    context |= {
        "fragment": partial,
        "facets_oob": partial == "#results",  # the form's own facet counts change too
        "focus_results": partial == "#browse",  # a link was followed: move focus to what changed
        "focus_first": partial == "#more",
    }
    response = render(request, f"timeline/index.html{partial}", context, status=status)
    if partial in ("#results", "#browse") and status == 200:
        # The form sends every field, empty or not; the address bar gets the tidy form.
        push_url(response, index_url(context["params"]))
    return response


@public_page
@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def event_detail(request, slug):
    event = Event.objects.named(slug).first()
    if event is None:
        # A slug the event had before an editor corrected its date: the old link still works.
        alias = get_object_or_404(EventAlias.objects.select_related("event"), slug=slug)
        return redirect(alias.event, permanent=True)
    participations = list(event.participations.select_related("actor").order_by("actor__name"))
    citations = list(
        event.citations.select_related("source__outlet").order_by("source__published_on", "source__origin")
    )
    context = {
        "event": event,
        "participations": participations,
        "citations": citations,
        "report_count": len({c.source_id for c in citations}),
        # Speakers in the order the report names them, as the timeline gives them.
        "said_by": claim_line([(p.role, p.actor.name) for p in sorted(participations, key=lambda p: p.pk)])
        if event.quote
        else "",
    }
    if wants_fragment(request):
        # The details open in place of the link that asked for them and leave the address alone:
        # said here once, not by an hx-push-url="false" on each of a page's fifty links.
        return push_url(render(request, "timeline/event_detail.html#event-inline", context), False)
    context |= ways_to_cite(
        event, request.build_absolute_uri(event.get_absolute_url()), citations, timezone.localdate()
    )
    related = related_events(event, [p.actor_id for p in participations])
    context["related_before"] = [other for other in related if other.date_start <= event.date_start]
    context["related_after"] = [other for other in related if other.date_start > event.date_start]
    return render(request, "timeline/event_detail.html", context)


@public_page
@require_safe
def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    events = Event.objects.involving([actor]).chronological()
    context = {
        "actor": actor,
        "items": timeline_items(list(events[:ACTOR_EVENTS_SHOWN]), None),
        "said": timeline_items(list(Event.objects.said_by(actor).chronological()[:ACTOR_EVENTS_SHOWN]), None),
        "timeline_url": index_url(actor=actor.slug),
        "statements_url": index_url(actor=actor.slug, kind=Event.Kind.STATEMENT),
        **cached_facets(f"actor-page:{actor.pk}", lambda: actor_overview(actor)),
    }
    return render(request, "timeline/actor_detail.html", context)


@public_page
@require_safe
def source_detail(request, pk):
    source = get_object_or_404(Source.objects.select_related("outlet"), pk=pk)
    citations = list(source.citations.select_related("event").order_by("quote_start"))
    text, unplaced = highlighted_text(source.text, citations)
    events = list({c.event_id: c.event for c in citations}.values())
    return render(
        request,
        "timeline/source_detail.html",
        {
            "source": source,
            "text": text,
            "unplaced": unplaced,
            "events": sorted(events, key=lambda e: (e.date_start, e.pk)),
            "timeline_url": index_url(source=source.pk),
        },
    )


@require_safe
def favicon(request):
    # Browsers, feed readers and link checkers ask for /favicon.ico whatever the page's
    # <link rel="icon"> says. Not a permanent redirect: the file's hashed name changes with it.
    response = redirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
