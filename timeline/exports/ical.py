"""The iCalendar feed: one all-day VEVENT per event, spanning the whole period
its precision allows, so a calendar never claims a day the sources do not give."""

from datetime import timedelta

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar
from icalendar import Event as VEvent

from ..date_labels import DAY, period_end
from .records import export_batches

PRODID = "-//Chronicle//China-Russia relations timeline//EN"
UID_DOMAIN = "chronicle"
CALENDAR_END = b"END:VCALENDAR\r\n"


def precision_note(precision: str) -> str:
    return "" if precision == DAY else f" (date known to the {precision})"


def exclusive_end(event):
    """The day after the last day the event may cover (DTEND is exclusive)."""
    last = period_end(event.date_end or event.date_start, event.date_precision)
    return last + timedelta(days=1)


def description(event) -> str:
    lines = [event.summary, "", f"Date: {event.date_label}{precision_note(event.date_precision)}"]
    if event.actors:
        lines.append("Actors: " + ", ".join(event.actors))
    for source in event.sources:
        lines.append(f"Source: {source.title}" + (f" <{source.url}>" if source.url else ""))
    return "\n".join(lines).strip()


def vevent(event, url: str, stamp) -> bytes:
    component = VEvent()
    component.add("uid", f"{event.slug}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.date_start)
    component.add("dtend", exclusive_end(event))
    component.add("summary", event.title + precision_note(event.date_precision))
    component.add("description", description(event))
    component.add("categories", [event.kind])
    if event.location:
        component.add("location", event.location)
    component.add("url", url)
    return component.to_ical()


def calendar_head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # Streamed: the events go between the calendar's properties and its END line.
    return calendar.to_ical().removesuffix(CALENDAR_END)


def ical_chunks(queryset, event_link, name: str):
    stamp = timezone.now()
    yield calendar_head(name)
    for batch in export_batches(queryset):
        yield b"".join(vevent(event, event_link(event.slug), stamp) for event in batch)
    yield CALENDAR_END


def ical_response(queryset, event_link, filename: str, name: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        ical_chunks(queryset, event_link, name),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )
