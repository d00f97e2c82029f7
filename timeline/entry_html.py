"""A list entry as HTML, written in Python and escaped once with the standard library's escape.

The timeline and the actor page list events fifty or a hundred at a time, one compact entry
each. Laid out by the template engine, an entry's fifteen values cost more than the rest of
the page (variable lookups, `with`, `if`, Django's escaping with its lazy-text checks); written
here, the list is one string. The markup is the one place an entry's layout lives: the
template (includes/event_list.html) only says where the list goes.

Written as one line per entry, without indentation: every byte goes over the wire. The region
around the list boosts its links and gives them hx-target, hx-swap and hx-push-url (hx-inherit),
so an actor link is a plain <a href>: its address is not written twice and its attributes not on
every link. "Dates and sources" opens in place (hx-target="this"); the server's response keeps
the address. Who reviews events is said once above the list (includes/review_legend.html).
"""

from html import escape

from django.utils.safestring import SafeString

from .models import Event

KIND_LABELS = dict(Event.Kind.choices)
# (class, what it says): short, since a page lists fifty events.
REVIEW_MARKS = {
    Event.Status.REVIEWED: ("is-reviewed", "reviewed"),
    Event.Status.PROPOSED: ("is-proposed", "not yet reviewed"),
}
REVIEW_MARK_HTML = {status: f'<span class="review {css}">{text}</span>' for status, (css, text) in REVIEW_MARKS.items()}


def review_mark(event: Event) -> str:
    """Whether a person has checked the event, as a list entry shows it (HTML)."""
    return REVIEW_MARK_HTML.get(event.status, REVIEW_MARK_HTML[Event.Status.PROPOSED])


def entries_html(items, *, compact: bool = False, focus_first: bool = False) -> SafeString:
    """listing.TimelineItems as the list shows them. `compact` (the actor page): no actor
    links and no inline details; `focus_first`: the first entry's link takes the focus
    (the first of the events "Load more" brought)."""
    return SafeString(
        "".join(entry_html(item, compact=compact, autofocus=focus_first and i == 0) for i, item in enumerate(items))
    )


def entry_html(item, *, compact: bool = False, autofocus: bool = False) -> str:
    """One listing.TimelineItem: its year and month headings when it starts them, then the entry."""
    event = item.event
    key, url = escape(item.key), escape(item.url)
    kind, kind_label = escape(event.kind), escape(KIND_LABELS.get(event.kind, event.kind))
    headline = f'<q class="claim">{escape(event.quote)}</q>' if event.quote else escape(event.title)
    said_by = f'<span class="said-by">{escape(item.said_by)}:</span> ' if item.said_by else ""
    reports = f"{item.reports} article{'' if item.reports == 1 else 's'}"
    parts = [
        f'<h3 class="timeline-year">{item.year_heading}</h3>\n' if item.year_heading else "",
        f'<h4 class="timeline-period">{escape(item.period_heading)}</h4>\n' if item.period_heading else "",
        f'<article class="event" id="event-{key}"><p class="event-when">'
        f'<time datetime="{escape(item.machine_date)}">{escape(event.date_label)}</time> '
        f'<span class="badge kind-{kind}">{kind_label}</span> {review_mark(event)}</p>'
        f'<h5 class="event-title" id="event-{key}-title">{said_by}'
        f'<a href="{url}" hx-boost="false"{" autofocus" if autofocus else ""}>{headline}</a></h5>'
        f'<p class="event-facts">{_facts(item, compact)}<span>{reports}</span></p>',
        "" if compact else _details_link(key, url),
        "</article>\n",
    ]
    return "".join(parts)


def _facts(item, compact: bool) -> str:
    """The actors (linked, unless `compact`) and the place, each labelled for screen readers."""
    facts = []
    if item.actors and not compact:
        links = ", ".join(f'<a href="{escape(link.url)}">{escape(link.name)}</a>' for link in item.actors)
        facts.append(f'<span class="event-actors"><span class="visually-hidden">Actors: </span>{links}</span> ')
    if item.event.location:
        location = escape(item.event.location)
        facts.append(f'<span class="event-location"><span class="visually-hidden">Location: </span>{location}</span> ')
    return "".join(facts)


def _details_link(key: str, url: str) -> str:
    return f'<a class="expand" href="{url}" hx-target="this" aria-describedby="event-{key}-title">Dates and sources</a>'
