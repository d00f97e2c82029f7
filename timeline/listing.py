"""One page of the chronology, with the year and month headings it needs.

Pages are appended by "load more", so a page starts a new heading only where
the period really changes: the last event of the previous page is fetched in
the same query to know.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from math import ceil

from .date_labels import DAY, MONTH, YEAR, month_name
from .event_links import event_link_maker
from .index_pages import page_ids
from .models import Event, Participation
from .page_extras import ListedActor, listed_actors, report_counts, speakers
from .shown import Shown

PER_PAGE = 50
# What a list entry shows: loading summaries and notes for fifty events costs more than the query.
LISTED_FIELDS = ("title", "slug", "kind", "date_start", "date_end", "date_precision", "location", "status", "quote")
MAX_PAGE = 100_000


class InvalidPage(ValueError):
    pass


@dataclass(frozen=True)
class ActorLink:
    name: str
    url: str


@dataclass(frozen=True)
class TimelineItem(Shown):
    """An event as the list shows it. A page lists fifty events, and the template engine
    is slow at attribute lookups, filters, tags and escaping: every value the entry shows
    is worked out once, and the entry written by entry_html.py."""

    event: Event
    key: str  # the event's id as text, for element ids (numbers are slow to localise)
    url: str
    machine_date: str
    reports: int
    actors: list[ActorLink]
    year_heading: int | None
    period_heading: str | None
    said_by: str = ""  # a statement's speaker, and whom it was said to


@dataclass(frozen=True)
class EventPage:
    number: int
    count: int
    items: list[TimelineItem]

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.count / PER_PAGE))

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PER_PAGE + 1 if self.count else 0

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.items) - 1 if self.items else 0


PAGE_DIGITS = re.compile(r"[0-9]{1,9}")


def page_number(raw: str | None) -> int:
    if raw in (None, ""):
        return 1
    raw = raw.strip()
    # Not str.isdigit(): it accepts "¹" and "٣", which int() then refuses or reads as 3.
    if not PAGE_DIGITS.fullmatch(raw) or not 1 <= int(raw) <= MAX_PAGE:
        raise InvalidPage(f"Page: '{raw[:20]}' is not a page number; use 1, 2, 3…")
    return int(raw)


def period_of(event: Event) -> tuple[int, int]:
    """(year, month), with month 0 for an event known only to the year."""
    month = 0 if event.date_precision == YEAR else event.date_start.month
    return event.date_start.year, month


def period_heading(period: tuple[int, int]) -> str:
    year, month = period
    if month == 0:
        return f"Sometime in {year}"
    return f"{month_name(date(year, month, 1))} {year}"


MACHINE_DATE = {YEAR: "%Y", MONTH: "%Y-%m", DAY: "%Y-%m-%d"}


def claimants(events: list[Event]) -> dict[int, str]:
    """'Xi Jinping' or 'Xi Jinping to Sergey Lavrov' for each statement with quoted words."""
    return {event_id: claim_line(roles) for event_id, roles in speakers(events).items()}


def claim_line(roles: list[tuple[str, str]]) -> str:
    """(role, name) pairs → 'Xi Jinping to Sergey Lavrov'; '' when nobody spoke."""
    spoke = [name for role, name in roles if role == Participation.Role.SPEAKER]
    told = [name for role, name in roles if role == Participation.Role.ADDRESSEE]
    return " and ".join(spoke) + (f" to {' and '.join(told)}" if told else "") if spoke else ""


def machine_date(event: Event) -> str:
    """A <time datetime> value with no more precision than the event's date has."""
    return event.date_start.strftime(MACHINE_DATE.get(event.date_precision, "%Y-%m-%d"))


def timeline_items(
    events: list[Event], previous: Event | None, actor_url: Callable[[ListedActor], str] | None = None
) -> list[TimelineItem]:
    """`actor_url` links each actor; None lists no actors."""
    reports = report_counts(events) if events else {}
    actors = listed_actors(events) if events and actor_url else {}
    said_by = claimants(events)
    event_url = event_link_maker()
    links = cache(actor_url) if actor_url else None
    items = []
    last = period_of(previous) if previous else None
    for event in events:
        period = period_of(event)
        items.append(
            TimelineItem(
                event,
                str(event.pk),
                event_url(event.slug),
                machine_date(event),
                reports.get(event.pk, 0),
                [ActorLink(actor.name, links(actor)) for actor in actors.get(event.pk, ())],
                period[0] if last is None or period[0] != last[0] else None,
                period_heading(period) if period != last else None,
                said_by.get(event.pk, ""),
            )
        )
        last = period
    return items


def events_of_page(events, first: int, stop: int, scope=None):
    """events[first:stop], found in two steps: the ids of the page from an index
    alone (index_pages.py chooses which), then those rows. A filter reads thousands
    of index entries to find fifty events, and PostgreSQL would otherwise fetch the
    row of every one of them to test it (the event indexes hold the id for this)."""
    ids = page_ids(events, scope, first, stop)
    return Event.objects.filter(pk__in=ids).order_by(*events.query.order_by).only(*LISTED_FIELDS)


def page_of(
    events, number: int, actor_url: Callable[[ListedActor], str], count: int | None = None, scope=None
) -> EventPage:
    """Page `number` (clamped to the last page) of an ordered queryset; `count`,
    when the caller already knows how many events match, saves counting them;
    `scope`, the filters as the tallies know them (tallies.tally_scope), when they do."""
    if count is None:
        count = events.order_by().values("pk").count()  # a DISTINCT over ids, not over every column
    number = min(number, max(1, ceil(count / PER_PAGE)))
    offset = (number - 1) * PER_PAGE
    lead = 1 if offset else 0
    rows = list(events_of_page(events, offset - lead, offset + PER_PAGE, scope))
    previous = rows[0] if lead and rows else None
    return EventPage(number, count, timeline_items(rows[lead:], previous, actor_url))
