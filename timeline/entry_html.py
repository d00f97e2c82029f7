"""A list entry's values as HTML, escaped once in Python: the template that lays them out
(templates/timeline/includes/event_list.html) then escapes nothing. A page lists fifty
events, and the template engine's lookups, filters and escaping cost more than the rest."""

from dataclasses import dataclass
from html import escape

from django.utils.html import format_html
from django.utils.safestring import SafeString

from .models import Event
from .shown import Shown


@dataclass(frozen=True)
class EntryHtml(Shown):
    """What a list entry shows, as HTML already escaped (the template then escapes nothing)."""

    key: str
    url: str
    machine_date: str
    date_label: str
    kind: str
    kind_label: str
    review: str
    title: str
    quote: str
    said_by: str
    actor_links: str
    location: str
    reports: str  # "2 articles"
    year_heading: str
    period_heading: str


KIND_LABELS = dict(Event.Kind.choices)
# (class, what it says): short, since a page lists fifty events. Who reviews is said once,
# above the list (includes/review_legend.html), not in every entry.
REVIEW_MARKS = {
    Event.Status.REVIEWED: ("is-reviewed", "reviewed"),
    Event.Status.PROPOSED: ("is-proposed", "not yet reviewed"),
}


REVIEW_MARK_HTML = {
    status: format_html('<span class="review {}">{}</span>', *mark) for status, mark in REVIEW_MARKS.items()
}


def review_mark(event: Event) -> str:
    """Whether a person has checked the event, as a list entry shows it (HTML)."""
    return REVIEW_MARK_HTML.get(event.status, REVIEW_MARK_HTML[Event.Status.PROPOSED])


def entry_html(item) -> EntryHtml:
    """A listing.TimelineItem's shown values, escaped with the standard library's escape: Django's, with
    its lazy-text checks, cost more than the rest of building the page's fifty entries."""
    event = item.event
    links = ", ".join(f'<a href="{escape(link.url)}">{escape(link.name)}</a>' for link in item.actors)
    return EntryHtml(
        key=_html(item.key),
        url=_html(item.url),
        machine_date=_html(item.machine_date),
        date_label=_html(event.date_label),
        kind=_html(event.kind),
        kind_label=_html(KIND_LABELS.get(event.kind, event.kind)),
        review=review_mark(event),
        title=_html(event.title),
        quote=_html(event.quote),
        said_by=_html(item.said_by),
        actor_links=SafeString(links),
        location=_html(event.location),
        reports=_html(f"{item.reports} article{'' if item.reports == 1 else 's'}"),
        year_heading=_html(item.year_heading or ""),
        period_heading=_html(item.period_heading or ""),
    )


def _html(value) -> SafeString:
    # SafeString, not mark_safe(): the latter's lazy-text check costs as much again.
    return SafeString(escape(str(value)))
