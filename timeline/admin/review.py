"""The review queue: what the extractor proposed and nobody has checked, newest first,
each with its sentence in context and one-click decisions."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..date_evidence import date_sentence
from ..models import Citation, Event, Participation, overlap
from ..quotes import find_quote
from ..review import ReviewError, accept, awaiting_review, merge, reject, split

PER_PAGE = 20
CONTEXT_CHARS = 280
CANDIDATE_DAYS = 3
DECISIONS = ("accept", "reject", "merge", "split")


def review_urls(model_admin) -> list:
    site = model_admin.admin_site
    return [
        path("review/", site.admin_view(lambda r: queue_view(model_admin, r)), name="timeline_event_review"),
        path(
            "review/<int:pk>/decide/",
            site.admin_view(lambda r, pk: decide_view(model_admin, r, pk)),
            name="timeline_event_decide",
        ),
    ]


# --- What an item shows -------------------------------------------------------------


def in_context(citation: Citation) -> dict:
    """The quoted sentence with a little of the article either side."""
    text = citation.source.text
    span = find_quote(text, citation.quote, near=citation.quote_start) or (citation.quote_start, citation.quote_end)
    start, end = span
    before_start = max(0, text.rfind("\n", 0, max(0, start - CONTEXT_CHARS)) + 1, start - CONTEXT_CHARS)
    after_end = min(len(text), end + CONTEXT_CHARS)
    return {
        "before": ("…" if before_start > 0 else "") + text[before_start:start],
        "quote": text[start:end],
        "after": text[end:after_end] + ("…" if after_end < len(text) else ""),
    }


@dataclass(frozen=True)
class Window:
    """Where to look for events a proposal may report again: a few days either side, its people."""

    start: date
    end: date
    actors: frozenset[int]

    def holds(self, other: Event) -> bool:
        first, last = other.days
        shared = self.actors & {p.actor_id for p in other.participations.all()}
        return first <= self.end and last >= self.start and bool(shared)


def window_of(event: Event) -> Window | None:
    actors = frozenset(p.actor_id for p in event.participations.all())
    if not actors:
        return None
    first, last = event.days  # a proposal known only to the month may be any event of that month
    return Window(first - timedelta(days=CANDIDATE_DAYS), last + timedelta(days=CANDIDATE_DAYS), actors)


def merge_candidates(events: list[Event], limit: int = 5) -> dict[int, list[Event]]:
    """For each event, those it may report again: the proposed target first, then events
    within a few days that share one of its people. Two queries for the whole page."""
    windows = {event.pk: window_of(event) for event in events}
    looked_for = [window for window in windows.values() if window]
    nearby = []
    if looked_for:
        nearby = list(
            Event.objects.filter(reduce(or_, (overlap(w.start, w.end) for w in looked_for)))
            .involving(set().union(*(w.actors for w in looked_for)))
            .prefetch_related(Prefetch("participations", queryset=Participation.objects.only("event_id", "actor_id")))
            .chronological()
        )
    found = {}
    for event in events:
        candidates = [event.merge_into] if event.merge_into_id else []
        window, taken = windows[event.pk], {event.pk, *(c.pk for c in candidates)}
        if window:
            candidates += [other for other in nearby if other.pk not in taken and window.holds(other)]
        found[event.pk] = candidates[:limit]
    return found


def queue_items(page) -> list[dict]:
    events = list(page)
    candidates = merge_candidates(events)
    return [
        {
            "event": event,
            "date_sentence": date_sentence(event, list(event.citations.all())),
            "citations": [(c, in_context(c)) for c in event.citations.all()],
            "people": list(event.participations.all()),
            "candidates": candidates[event.pk],
        }
        for event in events
    ]


# --- Views ------------------------------------------------------------------------


def queue_view(model_admin, request):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    events = (
        awaiting_review()
        .select_related("merge_into")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__outlet").order_by("quote_start")),
            Prefetch("participations", queryset=Participation.objects.select_related("actor").order_by("id")),
        )
    )
    source = request.GET.get("source", "")
    if source.isascii() and source.isdigit():
        events = events.filter(citations__source_id=int(source)).distinct()
    paginator = Paginator(events, PER_PAGE)
    page = paginator.get_page(request.GET.get("page") if str(request.GET.get("page", "")).isascii() else 1)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Review what the extractor proposed",
        "items": queue_items(page),
        "page": page,
        "total": paginator.count,
        "source_filter": source,
        "focus": request.GET.get("focus", ""),
    }
    return TemplateResponse(request, "admin/timeline/event/review_queue.html", context)


def decide_view(model_admin, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    event = get_object_or_404(Event, pk=pk)
    decision = request.POST.get("decision", "")
    back = _back_url(request)
    try:
        note = _carry_out(model_admin, request, event, decision)
    except ReviewError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(back)
    messages.success(request, note)
    return HttpResponseRedirect(back)


def _carry_out(model_admin, request, event: Event, decision: str) -> str:
    title = event.title
    if decision == "accept":
        accept(event)
        return f"Accepted “{title}”."
    if decision == "reject":
        if not model_admin.has_delete_permission(request, event):
            raise PermissionDenied
        reject(event, reason=request.POST.get("reason", "").strip()[:1000], user=request.user)
        return f"Rejected “{title}”: no load, refresh or import will propose it again."
    if decision == "merge":
        target = _merge_target(request.POST.get("target", ""))
        merge(event, target)
        return f"Merged “{title}” into “{target.title}” ({target.date_label})."
    if decision == "split":
        citation = event.citations.filter(pk=_number(request.POST.get("citation", ""))).first()
        if citation is None:
            raise ReviewError("Choose which report to split off.")
        new = split(citation, user=request.user)
        return f"Split the report in “{citation.source.title}” off into an event of its own: “{new.title}”."
    raise ReviewError(f"Unknown decision {decision!r}: choose one of {', '.join(DECISIONS)}.")


def _number(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _merge_target(value: str) -> Event:
    value = value.strip()
    if not value:
        raise ReviewError("Choose the event to merge into.")
    number = _number(value)
    target = Event.objects.filter(pk=number).first() if number else None
    target = target or Event.objects.filter(slug=value.strip("/").rsplit("/", 1)[-1]).first()
    if target is None:
        raise ReviewError(f"No event {value!r}: give its number or its slug.")
    return target


def _back_url(request) -> str:
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("admin:timeline_event_review")


def awaiting_counts() -> dict:
    queue = awaiting_review()
    return {"events": queue.count(), "merges": queue.exclude(merge_into=None).count()}


admin.site.index_template = "admin/chronicle_index.html"
